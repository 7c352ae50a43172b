import type { Messages } from '../../app/i18n';

/** Words of the daily run page (admin/daily-run.tsx). */
export const dailyRunMessages: Messages = {
  zh: {
    'admin.menu.dailyRun': '日终处理',
    'admin.daily.title': '日终处理',
    'admin.daily.sub': '立即执行每日日历任务：创新券到期、订单失效、逾期兑付驳回、结算批次截止',
    'admin.daily.help': '系统每晚自动执行；停机或补跑时在此手动执行。每一步都可重复执行，重复执行不会重复变动资金。',
    'admin.daily.asOf': '按此日期执行',
    'admin.daily.asOfHelp': '不填则按今天（上海时间）',
    'admin.daily.run': '立即执行',
    'admin.daily.result': '{day} 的执行结果',
    'admin.daily.vouchersExpired': '到期的创新券',
    'admin.daily.returnedToBudget': '退回预算',
    'admin.daily.ordersLapsed': '失效的订单',
    'admin.daily.claimsRejected': '逾期驳回的兑付',
    'admin.daily.batchesClosed': '截止的结算批次',
    'admin.daily.queued': '任务仍在后台执行（任务 {job}），执行结果可在队列页面查看；再次提交不会重复变动资金。',
    'admin.daily.failed': '后台执行失败：{reason}',
  },
  en: {
    'admin.menu.dailyRun': 'Daily run',
    'admin.daily.title': 'Daily run',
    'admin.daily.sub': 'Run the daily calendar job now: voucher expiry, lapsed orders, claims past their redeem-by date, settlement cut-offs',
    'admin.daily.help': 'The scheduler runs it every night; run it here after an outage or to catch up. Every step may run again without moving money twice.',
    'admin.daily.asOf': 'Run as of',
    'admin.daily.asOfHelp': 'Empty: today (Shanghai time)',
    'admin.daily.run': 'Run now',
    'admin.daily.result': 'Result as of {day}',
    'admin.daily.vouchersExpired': 'Vouchers expired',
    'admin.daily.returnedToBudget': 'Returned to budget',
    'admin.daily.ordersLapsed': 'Orders lapsed',
    'admin.daily.claimsRejected': 'Claims rejected (past redeem-by)',
    'admin.daily.batchesClosed': 'Settlement batches closed',
    'admin.daily.queued': 'Still running on a worker (job {job}); its outcome shows on the queues page. Submitting again moves no money twice.',
    'admin.daily.failed': 'The run failed on the worker: {reason}',
  },
};
