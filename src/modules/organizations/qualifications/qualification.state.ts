import { defineLifecycle } from '../../../platform/state/state-machine';

/**
 * An enterprise qualification (企业资质: 科技型中小企业, 高新技术企业, 专精特新):
 * declared → in_review → verified | rejected; verified → revoked (by the bureau, with a reason).
 * Returned for changes goes back to declared; withdrawing the case ends it as withdrawn.
 * Expiry is by date (valid_to), not a state. Only 'verified' counts for a tier (docs/security.md).
 */
export type QualificationStatus = 'declared' | 'in_review' | 'verified' | 'rejected' | 'revoked' | 'withdrawn';
export const QUALIFICATION_STATUSES: QualificationStatus[] = ['declared', 'in_review', 'verified', 'rejected', 'revoked', 'withdrawn'];

export type QualificationAction = 'start_review' | 'verify' | 'reject' | 'return_for_changes' | 'withdraw' | 'revoke';

export const QUALIFICATION_STATES = defineLifecycle<QualificationStatus, QualificationAction>({
  key: 'qualification',
  module: 'organizations',
  subject: 'qualification',
  title: '企业资质 enterprise qualification',
  states: QUALIFICATION_STATUSES,
  events: { prefix: 'organization.qualification', naming: 'action' },
  transitions: {
    start_review: { from: ['declared'], to: 'in_review' },
    verify: { from: ['in_review'], to: 'verified' },
    reject: { from: ['declared', 'in_review'], to: 'rejected' },
    return_for_changes: { from: ['in_review'], to: 'declared' },
    withdraw: { from: ['declared', 'in_review'], to: 'withdrawn' },
    revoke: { from: ['verified'], to: 'revoked' },
  },
});
