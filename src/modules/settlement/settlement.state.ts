import { StateMachine } from '../../platform/state/state-machine';

/** Settlement batch (结算批次): open → closed (cut-off) → approved (finance) → paid → reconciled. */
export type BatchStatus = 'open' | 'closed' | 'approved' | 'paid' | 'reconciled';
export type BatchEvent = 'close' | 'approve' | 'pay' | 'reconcile';

export const BATCH_STATES = new StateMachine<BatchStatus, BatchEvent>('settlement batch', {
  close: { from: ['open'], to: 'closed' },
  approve: { from: ['closed'], to: 'approved' },
  pay: { from: ['approved'], to: 'paid' },
  reconcile: { from: ['paid'], to: 'reconciled' },
});
