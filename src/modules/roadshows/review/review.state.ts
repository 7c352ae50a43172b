import { defineLifecycle } from '../../../platform/state/state-machine';

/**
 * 筛选轮次 screening round: one per revision of a project's roadshow_screening case. An organiser who did not
 * review it decides (four eyes): pass, reject, or revise and resubmit (the next revision opens the next round).
 */
export type RoundStatus = 'open' | 'passed' | 'rejected' | 'revise_requested' | 'withdrawn';
export type RoundEvent = 'pass' | 'reject' | 'request_revision' | 'withdraw';

export const ROUND_STATES = defineLifecycle<RoundStatus, RoundEvent>({
  key: 'roadshow_review_round',
  module: 'roadshows',
  subject: 'review round',
  title: '筛选轮次 screening round',
  states: ['open', 'passed', 'rejected', 'revise_requested', 'withdrawn'],
  events: { prefix: 'roadshow_review_round', naming: 'action' },
  transitions: {
    pass: { from: ['open'], to: 'passed' },
    reject: { from: ['open'], to: 'rejected' },
    request_revision: { from: ['open'], to: 'revise_requested' }, // 修改后重新提交
    withdraw: { from: ['open'], to: 'withdrawn' },
  },
});

/** Decision names of the API, and the approval engine's decision each one is. */
export const ROUND_DECISIONS = ['pass', 'reject', 'revise'] as const;
export type RoundDecision = (typeof ROUND_DECISIONS)[number];
export const ROUND_DECISION_EVENT: Record<RoundDecision, RoundEvent> = { pass: 'pass', reject: 'reject', revise: 'request_revision' };
export const ENGINE_DECISION: Record<RoundDecision, 'approve' | 'reject' | 'return'> = { pass: 'approve', reject: 'reject', revise: 'return' };

/**
 * 评审分配 a reviewer in a round: declares conflicts first (cleared, or excluded), then scores once. A rule found
 * later (e.g. the reviewer's organisation registers interest) still excludes a cleared reviewer who has not submitted.
 */
export type AssignmentStatus = 'assigned' | 'cleared' | 'excluded' | 'submitted';
export type AssignmentEvent = 'declare_clear' | 'exclude' | 'submit';

export const ASSIGNMENT_STATES = defineLifecycle<AssignmentStatus, AssignmentEvent>({
  key: 'roadshow_review_assignment',
  module: 'roadshows',
  subject: 'review assignment',
  title: '评审分配 reviewer assignment',
  states: ['assigned', 'cleared', 'excluded', 'submitted'],
  events: { prefix: 'roadshow_review_assignment', naming: 'action' },
  transitions: {
    declare_clear: { from: ['assigned'], to: 'cleared' }, // 无利益冲突
    exclude: { from: ['assigned', 'cleared'], to: 'excluded' }, // 回避
    submit: { from: ['cleared'], to: 'submitted' },
  },
});

/** Why a reviewer is excluded: their own declaration, or a rule over the organisations. */
export const EXCLUSION_REASONS = ['declared', 'same_organisation', 'same_controller_group', 'hosts_applicant', 'investor_interest'] as const;
export type ExclusionReason = (typeof EXCLUSION_REASONS)[number];

/** Relations a reviewer may declare (申报利益冲突). */
export const CONFLICT_RELATIONS = ['employment', 'shareholding', 'family', 'collaboration', 'competitor', 'other'] as const;

/** 辅导待办 a follow-up item of a coaching record. */
export type CoachingItemStatus = 'open' | 'done' | 'dropped';
export type CoachingItemEvent = 'complete' | 'drop';

export const COACHING_ITEM_STATES = defineLifecycle<CoachingItemStatus, CoachingItemEvent>({
  key: 'roadshow_coaching_item',
  module: 'roadshows',
  subject: 'coaching item',
  title: '辅导待办 coaching follow-up item',
  states: ['open', 'done', 'dropped'],
  events: { prefix: 'roadshow_coaching_item', naming: 'action' },
  transitions: {
    complete: { from: ['open'], to: 'done' },
    drop: { from: ['open'], to: 'dropped' },
  },
});

/** 跟踪事项 a dated follow-up of a project (e.g. "financing closed?", "landed?"). */
export type FollowUpStatus = 'open' | 'done' | 'cancelled';
export type FollowUpEvent = 'complete' | 'cancel';

export const FOLLOW_UP_STATES = defineLifecycle<FollowUpStatus, FollowUpEvent>({
  key: 'roadshow_follow_up',
  module: 'roadshows',
  subject: 'follow-up',
  title: '跟踪事项 tracking follow-up',
  states: ['open', 'done', 'cancelled'],
  events: { prefix: 'roadshow_follow_up', naming: 'action' },
  transitions: {
    complete: { from: ['open'], to: 'done' },
    cancel: { from: ['open'], to: 'cancelled' },
  },
});

export const FOLLOW_UP_TOPICS = ['financing_closed', 'landed', 'other'] as const;
