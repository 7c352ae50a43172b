import type { Messages } from '../../app/i18n';

/** Names of the seeded workflows, their subject types and their stages (features/workflows), for the dashboards and the admin pages. */
export const workflowMessages: Messages = {
  zh: {
    'workflow.name.voucher_application': '创新券申领审批',
    'workflow.name.redemption_claim': '创新券兑付审批',
    'workflow.name.provider_admission': '服务机构入驻审核',
    'workflow.name.roadshow_screening': '路演项目筛选',
    'workflow.name.roadshow_project': '路演项目',
    'workflow.name.qualification_verification': '企业资质核验',
    'workflow.name.controller_group_change': '实际控制人关系变更',
    'workflow.stage.precheck': '自动预审',
    'workflow.stage.district_review': '区县初审',
    'workflow.stage.city_approval': '市级审批',
    'workflow.stage.admission_review': '入驻审核',
    'workflow.stage.public_notice': '公示',
    'workflow.stage.screening': '项目筛选',
    'workflow.stage.district_verification': '区县资质核验',
  },
  en: {
    'workflow.name.voucher_application': 'Voucher application',
    'workflow.name.redemption_claim': 'Redemption claim',
    'workflow.name.provider_admission': 'Provider admission',
    'workflow.name.roadshow_screening': 'Roadshow screening',
    'workflow.name.roadshow_project': 'Roadshow project',
    'workflow.name.qualification_verification': 'Qualification verification',
    'workflow.name.controller_group_change': 'Controller group change',
    'workflow.stage.precheck': 'Pre-check',
    'workflow.stage.district_review': 'District review',
    'workflow.stage.city_approval': 'City approval',
    'workflow.stage.admission_review': 'Admission review',
    'workflow.stage.public_notice': 'Public notice',
    'workflow.stage.screening': 'Screening',
    'workflow.stage.district_verification': 'District qualification check',
  },
};
