import { defineLifecycle } from '../../../platform/state/state-machine';

/** An enterprise's request to change its actual-controller group (实际控制人关系变更). */
export type ChangeRequestStatus = 'submitted' | 'in_review' | 'returned' | 'approved' | 'rejected' | 'withdrawn';
export type ChangeRequestEvent = 'start_review' | 'approve' | 'reject' | 'return' | 'resubmit' | 'withdraw';

/** Open requests: at most one per enterprise (a partial unique index in the database). */
export const OPEN_CHANGE_REQUEST_STATUSES: ChangeRequestStatus[] = ['submitted', 'in_review', 'returned'];

export const CHANGE_REQUEST_STATES = defineLifecycle<ChangeRequestStatus, ChangeRequestEvent>({
  key: 'controller_group_change',
  module: 'organizations',
  subject: 'controller group change request',
  title: '实际控制人关系变更 controller group change request',
  states: ['submitted', 'in_review', 'returned', 'approved', 'rejected', 'withdrawn'],
  events: { prefix: 'controller_group_change' },
  transitions: {
    start_review: { from: ['submitted'], to: 'in_review' },
    approve: { from: ['submitted', 'in_review'], to: 'approved' },
    reject: { from: ['submitted', 'in_review'], to: 'rejected' },
    return: { from: ['submitted', 'in_review'], to: 'returned' },
    resubmit: { from: ['returned'], to: 'submitted' },
    withdraw: { from: ['submitted', 'in_review', 'returned'], to: 'withdrawn' },
  },
});
