import { defineLifecycle } from '../../platform/state/state-machine';

/** Settlement batch (结算批次): open → closed (cut-off) → approved (finance) → paid → reconciled. */
export type BatchStatus = 'open' | 'closed' | 'approved' | 'paid' | 'reconciled';
export type BatchEvent = 'close' | 'approve' | 'pay' | 'reconcile';

export const BATCH_STATES = defineLifecycle<BatchStatus, BatchEvent>({
  key: 'settlement_batch',
  module: 'settlement',
  subject: 'settlement batch',
  title: '结算批次 settlement batch',
  states: ['open', 'closed', 'approved', 'paid', 'reconciled'],
  events: { prefix: 'settlement_batch' },
  transitions: {
    close: { from: ['open'], to: 'closed' },
    approve: { from: ['closed'], to: 'approved' },
    pay: { from: ['approved'], to: 'paid' },
    reconcile: { from: ['paid'], to: 'reconciled' },
  },
});
