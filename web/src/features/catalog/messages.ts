import type { Messages } from '../../app/i18n';

/** Words of catalogue services (features/catalog), shown to the enterprise and the lab. */
export const catalogMessages: Messages = {
  zh: {
    'service.title': '服务详情',
    'service.name': '服务名称',
    'service.provider': '服务机构',
    'service.code': '服务编号',
    'service.unitPrice': '单价',
    'service.leadTime': '周期',
    'service.days': '{n} 天',
    'service.instrument': '仪器',
    'service.description': '说明',
    'service.category': '服务类别',
  },
  en: {
    'service.title': 'Service',
    'service.name': 'Service',
    'service.provider': 'Lab',
    'service.code': 'Item code',
    'service.unitPrice': 'Unit price',
    'service.leadTime': 'Lead time',
    'service.days': '{n} days',
    'service.instrument': 'Instrument',
    'service.description': 'Description',
    'service.category': 'Category',
  },
};
