import type { Messages } from '../../app/i18n';

/** Words of a programme's policy that the review and enterprise areas both show. */
export const programmeMessages: Messages = {
  zh: {
    'programme.noCap': '不设上限',
    'programme.fullCoverage.none': '无全额补助门槛',
    'programme.fullCoverage.below': '低于 {amount} 全额补助',
    'programme.fullCoverage.at_or_below': '不超过 {amount} 全额补助',
    'programme.window.between': '{opensOn} 至 {closesOn}',
    'programme.window.from': '{opensOn} 起',
    'programme.window.until': '至 {closesOn}',
    'programme.window.open': '不限（使用截止日前）',
  },
  en: {
    'programme.noCap': 'No cap',
    'programme.fullCoverage.none': 'No full-coverage threshold',
    'programme.fullCoverage.below': 'Orders below {amount} covered in full',
    'programme.fullCoverage.at_or_below': 'Orders up to and including {amount} covered in full',
    'programme.window.between': '{opensOn} to {closesOn}',
    'programme.window.from': 'From {opensOn}',
    'programme.window.until': 'Until {closesOn}',
    'programme.window.open': 'Any day before the use-by date',
  },
};
