import type { Messages } from '../../app/i18n';

/** Words of the public-notice page (公示): provider admissions anyone signed in may look at and object to. */
export const noticeMessages: Messages = {
  zh: {
    'notices.menu': '公示与异议',
    'notices.title': '服务机构入驻公示',
    'notices.sub': '公示期内，注册企业、服务机构和投资机构可对入驻申请提出异议；异议提交后公示暂停，由原审核部门复核。',
    'notices.empty': '当前没有公示中的服务机构',
    'notices.provider': '服务机构',
    'notices.endsAt': '公示截止',
    'notices.object': '提出异议',
    'notices.objectTitle': '对 {name} 的入驻公示提出异议',
    'notices.objectIntro': '请写明异议理由（至少 5 个字）。异议提交后公示暂停，由原审核部门复核。',
    'notices.reason': '异议理由',
    'notices.objected': '异议已提交，公示暂停',
  },
  en: {
    'notices.menu': 'Public notices',
    'notices.title': 'Provider admissions under public notice',
    'notices.sub': 'While a notice runs, registered enterprises, providers and investors may object; an objection stops the notice and the earlier reviewers look into it.',
    'notices.empty': 'No provider is under public notice',
    'notices.provider': 'Provider',
    'notices.endsAt': 'Notice ends',
    'notices.object': 'Object',
    'notices.objectTitle': 'Object to the admission of {name}',
    'notices.objectIntro': 'Give the reason (at least 5 characters). The notice stops and the earlier reviewers look into it.',
    'notices.reason': 'Reason',
    'notices.objected': 'Objection raised; the notice is stopped',
  },
};
