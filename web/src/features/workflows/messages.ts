import type { Messages } from '../../app/i18n';

/** Names of the seeded workflows and their stages (features/workflows), for the dashboards and the admin pages. */
export const workflowMessages: Messages = {
  zh: {
    'workflow.name.voucher_application': '创新券申领审批',
    'workflow.name.redemption_claim': '创新券兑付审批',
    'workflow.name.provider_admission': '服务机构入驻审核',
    'workflow.name.roadshow_screening': '路演项目筛选',
    'workflow.stage.precheck': '自动预审',
    'workflow.stage.district_review': '区县初审',
    'workflow.stage.city_approval': '市级审批',
    'workflow.stage.admission_review': '入驻审核',
    'workflow.stage.public_notice': '公示',
    'workflow.stage.screening': '项目筛选',
  },
  en: {
    'workflow.name.voucher_application': 'Voucher application',
    'workflow.name.redemption_claim': 'Redemption claim',
    'workflow.name.provider_admission': 'Provider admission',
    'workflow.name.roadshow_screening': 'Roadshow screening',
    'workflow.stage.precheck': 'Pre-check',
    'workflow.stage.district_review': 'District review',
    'workflow.stage.city_approval': 'City approval',
    'workflow.stage.admission_review': 'Admission review',
    'workflow.stage.public_notice': 'Public notice',
    'workflow.stage.screening': 'Screening',
  },
};
