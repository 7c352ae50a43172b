import { defineLifecycle } from '../../platform/state/state-machine';

/** 审批案件 approval case. */
export type CaseStatus = 'open' | 'prechecking' | 'in_review' | 'waiting' | 'returned' | 'approved' | 'rejected' | 'withdrawn';
export type CaseEvent = 'start_precheck' | 'start_review' | 'start_timer' | 'approve' | 'reject' | 'return' | 'resubmit' | 'withdraw' | 'object';

/** The explicit state table of a case. */
export const CASE_STATES = defineLifecycle<CaseStatus, CaseEvent>({
  key: 'approval_case',
  module: 'approvals',
  subject: 'case',
  title: '审批案件 approval case',
  states: ['open', 'prechecking', 'in_review', 'waiting', 'returned', 'approved', 'rejected', 'withdrawn'],
  events: { prefix: 'approval_case' },
  // Only the first underscore becomes a space, as the wording always was.
  refusal: { message: (current, event) => `A case that is ${current} cannot ${event.replace('_', ' ')}` },
  transitions: {
    start_precheck: { from: ['open', 'in_review', 'waiting', 'prechecking'], to: 'prechecking', emits: 'approval_case.stage_entered' },
    start_review: { from: ['open', 'prechecking', 'in_review', 'waiting'], to: 'in_review', emits: 'approval_case.stage_entered' },
    // From 'waiting': an elapsed timer enters the next stage in the same job, which may be a timer too.
    start_timer: { from: ['open', 'prechecking', 'in_review', 'waiting'], to: 'waiting', emits: 'approval_case.stage_entered' },
    approve: { from: ['open', 'prechecking', 'in_review', 'waiting'], to: 'approved' },
    // 'open' and 'returned' are rejected by deadlines (e.g. a claim past redeem-by), not by deciders.
    reject: { from: ['open', 'prechecking', 'in_review', 'returned'], to: 'rejected' },
    return: { from: ['in_review'], to: 'returned' },
    resubmit: { from: ['returned'], to: 'open', emits: 'approval_case.resubmitted' },
    withdraw: { from: ['open', 'prechecking', 'in_review', 'waiting', 'returned'], to: 'withdrawn' },
    // An objection during a timer stage opens an objection review.
    object: { from: ['waiting'], to: 'in_review', emits: 'approval_case.objection_raised' },
  },
});

export const CASE_TRANSITIONS = CASE_STATES.table;

export const CLOSED_STATUSES: CaseStatus[] = ['approved', 'rejected', 'withdrawn'];

export function nextCaseStatus(current: CaseStatus, event: CaseEvent): CaseStatus {
  return CASE_STATES.next(current, event);
}

export type TaskStatus = 'open' | 'approved' | 'rejected' | 'returned' | 'cancelled';
export type Decision = 'approve' | 'reject' | 'return';
export type TaskAction = 'claim' | 'release' | 'count_approval' | Decision | 'cancel';

/** 审批任务 one stage's task: claimed, released and decided while open; cancelled when its case moves on. */
export const TASK_STATES = defineLifecycle<TaskStatus, TaskAction>({
  key: 'approval_task',
  module: 'approvals',
  subject: 'task',
  title: '审批任务 approval task',
  states: ['open', 'approved', 'rejected', 'returned', 'cancelled'],
  events: { prefix: 'approval_task' },
  refusal: { message: (current) => `This task is already ${current}`, details: (current) => ({ current }) },
  transitions: {
    claim: { from: ['open'], to: 'open', emits: 'approval_task.claimed' },
    release: { from: ['open'], to: 'open', emits: 'approval_task.released' },
    // An approval short of the stage's required number leaves the task open.
    count_approval: { from: ['open'], to: 'open', emits: 'approval_task.approved' },
    approve: { from: ['open'], to: 'approved' },
    reject: { from: ['open'], to: 'rejected' },
    return: { from: ['open'], to: 'returned' },
    cancel: { from: ['open'], to: 'cancelled' },
  },
});

export const DECISION_TASK_STATUS: Record<Decision, TaskStatus> = { approve: 'approved', reject: 'rejected', return: 'returned' };

/** 409 unless the task is still open for `action`. */
export function assertTaskOpen(status: TaskStatus, action: TaskAction): void {
  TASK_STATES.next(status, action);
}
