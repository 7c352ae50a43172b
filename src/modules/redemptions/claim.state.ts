import { defineLifecycle } from '../../platform/state/state-machine';

/** 兑付 redemption claim. */
export type ClaimStatus = 'submitted' | 'in_review' | 'approved' | 'paid' | 'rejected' | 'returned' | 'withdrawn' | 'clawed_back' | 'recovered';
export type ClaimEvent = 'start_review' | 'approve' | 'reject' | 'return' | 'resubmit' | 'withdraw' | 'pay' | 'claw_back' | 'recover';

export const CLAIM_STATES = defineLifecycle<ClaimStatus, ClaimEvent>({
  key: 'redemption_claim',
  module: 'redemptions',
  subject: 'redemption claim',
  title: '兑付 redemption claim',
  states: ['submitted', 'in_review', 'approved', 'paid', 'rejected', 'returned', 'withdrawn', 'clawed_back', 'recovered'],
  events: { prefix: 'redemption_claim' },
  transitions: {
    start_review: { from: ['submitted'], to: 'in_review' },
    approve: { from: ['submitted', 'in_review'], to: 'approved' },
    // A returned claim left uncorrected past redeem-by is rejected too.
    reject: { from: ['submitted', 'in_review', 'returned'], to: 'rejected' },
    return: { from: ['submitted', 'in_review'], to: 'returned' },
    resubmit: { from: ['returned'], to: 'submitted' },
    withdraw: { from: ['submitted', 'in_review', 'returned'], to: 'withdrawn' },
    pay: { from: ['approved'], to: 'paid' },
    claw_back: { from: ['paid'], to: 'clawed_back' },
    // Recoveries are recorded only on a clawed-back claim; the one that repays the rest moves it on (docs/domain.md, "Claw-backs and recoveries").
    recover: { from: ['clawed_back'], to: 'recovered' },
  },
});
