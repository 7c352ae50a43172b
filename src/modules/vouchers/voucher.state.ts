import { StateMachine } from '../../platform/state/state-machine';

/** 申领 voucher application. */
export type ApplicationStatus = 'draft' | 'submitted' | 'in_review' | 'approved' | 'issued' | 'rejected' | 'returned' | 'withdrawn';
export type ApplicationEvent = 'submit' | 'start_review' | 'approve' | 'issue' | 'reject' | 'return' | 'withdraw';

export const APPLICATION_STATES = new StateMachine<ApplicationStatus, ApplicationEvent>('voucher application', {
  submit: { from: ['draft', 'returned'], to: 'submitted' },
  start_review: { from: ['submitted'], to: 'in_review' },
  approve: { from: ['submitted', 'in_review'], to: 'approved' },
  issue: { from: ['approved'], to: 'issued' },
  // An approved application is rejected when caps or the budget no longer allow issuance.
  reject: { from: ['submitted', 'in_review', 'approved'], to: 'rejected' },
  return: { from: ['submitted', 'in_review'], to: 'returned' },
  withdraw: { from: ['draft', 'submitted', 'in_review', 'returned'], to: 'withdrawn' },
});

/** 创新券 voucher. */
export type VoucherStatus = 'active' | 'exhausted' | 'expired' | 'revoked';
export type VoucherEvent = 'exhaust' | 'replenish' | 'expire' | 'revoke';

export const VOUCHER_STATES = new StateMachine<VoucherStatus, VoucherEvent>('voucher', {
  exhaust: { from: ['active'], to: 'exhausted' },
  replenish: { from: ['exhausted'], to: 'active' },
  expire: { from: ['active', 'exhausted'], to: 'expired' },
  revoke: { from: ['active', 'exhausted'], to: 'revoked' },
});
