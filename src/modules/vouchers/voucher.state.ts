import { defineLifecycle } from '../../platform/state/state-machine';

/** 申领 voucher application. */
export type ApplicationStatus = 'draft' | 'submitted' | 'in_review' | 'approved' | 'issued' | 'rejected' | 'returned' | 'withdrawn';
export type ApplicationEvent = 'submit' | 'start_review' | 'approve' | 'issue' | 'reject' | 'return' | 'withdraw';

export const APPLICATION_STATES = defineLifecycle<ApplicationStatus, ApplicationEvent>({
  key: 'voucher_application',
  module: 'vouchers',
  subject: 'voucher application',
  title: '申领 voucher application',
  states: ['draft', 'submitted', 'in_review', 'approved', 'issued', 'rejected', 'returned', 'withdrawn'],
  events: { prefix: 'voucher_application' },
  transitions: {
    submit: { from: ['draft', 'returned'], to: 'submitted' },
    start_review: { from: ['submitted'], to: 'in_review' },
    approve: { from: ['submitted', 'in_review'], to: 'approved' },
    issue: { from: ['approved'], to: 'issued' },
    // An approved application is rejected when caps or the budget no longer allow issuance.
    reject: { from: ['submitted', 'in_review', 'approved'], to: 'rejected' },
    return: { from: ['submitted', 'in_review'], to: 'returned' },
    withdraw: { from: ['draft', 'submitted', 'in_review', 'returned'], to: 'withdrawn' },
  },
});

/** 创新券 voucher. */
export type VoucherStatus = 'active' | 'exhausted' | 'expired' | 'revoked';
export type VoucherEvent = 'exhaust' | 'replenish' | 'expire' | 'revoke';

export const VOUCHER_STATES = defineLifecycle<VoucherStatus, VoucherEvent>({
  key: 'voucher',
  module: 'vouchers',
  subject: 'voucher',
  title: '创新券 voucher',
  states: ['active', 'exhausted', 'expired', 'revoked'],
  initial: ['active'],
  events: { prefix: 'voucher' },
  transitions: {
    exhaust: { from: ['active'], to: 'exhausted' },
    replenish: { from: ['exhausted'], to: 'active' },
    expire: { from: ['active', 'exhausted'], to: 'expired' },
    revoke: { from: ['active', 'exhausted'], to: 'revoked' },
  },
});
