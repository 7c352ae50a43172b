import { defineLifecycle } from '../../../platform/state/state-machine';

/**
 * 路演项目 roadshow project. The chain of docs/domain.md, "Roadshows" (collected → screened → coached → scheduled →
 * presented → matched → landed → tracked) plus the screening case's own positions: 'screening'
 * while the roadshow_screening workflow runs, 'returned' when the screener sends it back, and the
 * two ends 'rejected' and 'withdrawn'.
 */
export type ProjectStatus =
  | 'collected' | 'screening' | 'returned' | 'screened' | 'coached' | 'scheduled' | 'presented' | 'matched' | 'landed' | 'tracked' | 'rejected' | 'withdrawn';
export type ProjectEvent =
  | 'submit' | 'approve_screening' | 'reject_screening' | 'return_screening' | 'withdraw' | 'coach' | 'schedule' | 'present' | 'match' | 'land' | 'track';

export const PROJECT_STATUSES: ProjectStatus[] = ['collected', 'screening', 'returned', 'screened', 'coached', 'scheduled', 'presented', 'matched', 'landed', 'tracked', 'rejected', 'withdrawn'];

export const PROJECT_STATES = defineLifecycle<ProjectStatus, ProjectEvent>({
  key: 'roadshow_project',
  module: 'roadshows',
  subject: 'roadshow project',
  title: '路演项目 roadshow project',
  states: PROJECT_STATUSES,
  events: { prefix: 'roadshow_project', naming: 'action' },
  transitions: {
    submit: { from: ['collected', 'returned'], to: 'screening' },
    approve_screening: { from: ['screening'], to: 'screened' },
    reject_screening: { from: ['screening'], to: 'rejected' },
    return_screening: { from: ['screening'], to: 'returned' },
    withdraw: { from: ['collected', 'screening', 'returned'], to: 'withdrawn' },
    coach: { from: ['screened'], to: 'coached' }, // 路演辅导
    schedule: { from: ['screened', 'coached'], to: 'scheduled' },
    present: { from: ['scheduled'], to: 'presented' },
    match: { from: ['presented'], to: 'matched' }, // 对接
    land: { from: ['presented', 'matched'], to: 'landed' }, // 落地
    track: { from: ['landed'], to: 'tracked' }, // 跟踪服务
  },
});

/** Events an admin of the roadshow centre applies by hand; the others follow the workflow, publishing and finishing. */
export const MANUAL_PROJECT_EVENTS = ['coach', 'present', 'match', 'land', 'track'] as const;
export type ManualProjectEvent = (typeof MANUAL_PROJECT_EVENTS)[number];

/** Projects the scheduler may place: screened, and not yet past their roadshow. */
export const SCHEDULABLE_STATUSES: ProjectStatus[] = ['screened', 'coached', 'scheduled'];
/** Projects that investors may see (without the deck): screened and onwards. */
export const VISIBLE_TO_INVESTORS: ProjectStatus[] = ['screened', 'coached', 'scheduled', 'presented', 'matched', 'landed', 'tracked'];

/** 路演场次 session. Re-publishing a published session freezes the next agenda version. */
export type SessionStatus = 'draft' | 'published' | 'finished' | 'cancelled';
export type SessionEvent = 'publish' | 'finish' | 'cancel';

export const SESSION_STATES = defineLifecycle<SessionStatus, SessionEvent>({
  key: 'roadshow_session',
  module: 'roadshows',
  subject: 'roadshow session',
  title: '路演场次 roadshow session',
  states: ['draft', 'published', 'finished', 'cancelled'],
  events: { prefix: 'roadshow_session' },
  transitions: {
    publish: { from: ['draft', 'published'], to: 'published' },
    finish: { from: ['published'], to: 'finished' },
    cancel: { from: ['draft', 'published'], to: 'cancelled' },
  },
});

/** Slots may be edited while the session is open for changes. */
export const EDITABLE_SESSION_STATUSES: SessionStatus[] = ['draft', 'published'];

/** An investor's interest in a project (投资意向). */
export type InterestStatus = 'interested' | 'meeting' | 'due_diligence' | 'term_sheet' | 'invested' | 'dropped';
export type InterestEvent = 'meet' | 'start_due_diligence' | 'offer_term_sheet' | 'invest' | 'drop';

export const INTEREST_STATES = defineLifecycle<InterestStatus, InterestEvent>({
  key: 'investment_interest',
  module: 'roadshows',
  subject: 'investment interest',
  title: '投资意向 investment interest',
  states: ['interested', 'meeting', 'due_diligence', 'term_sheet', 'invested', 'dropped'],
  // Every move of an interest is recorded as one kind of event.
  events: { prefix: 'roadshow_interest' },
  transitions: {
    meet: { from: ['interested'], to: 'meeting', emits: 'roadshow_interest.changed' },
    start_due_diligence: { from: ['meeting'], to: 'due_diligence', emits: 'roadshow_interest.changed' }, // 尽职调查
    offer_term_sheet: { from: ['due_diligence'], to: 'term_sheet', emits: 'roadshow_interest.changed' }, // 投资条款书
    invest: { from: ['term_sheet'], to: 'invested', emits: 'roadshow_interest.changed' },
    drop: { from: ['interested', 'meeting', 'due_diligence', 'term_sheet'], to: 'dropped', emits: 'roadshow_interest.changed' },
  },
});

/** Custom session request (定制路演申请). */
export type SessionRequestStatus = 'pending' | 'accepted' | 'declined';
export type SessionRequestEvent = 'accept' | 'decline';

export const SESSION_REQUEST_STATES = defineLifecycle<SessionRequestStatus, SessionRequestEvent>({
  key: 'roadshow_session_request',
  module: 'roadshows',
  subject: 'session request',
  title: '定制路演申请 custom session request',
  states: ['pending', 'accepted', 'declined'],
  events: { prefix: 'roadshow_session_request' },
  transitions: {
    accept: { from: ['pending'], to: 'accepted' },
    decline: { from: ['pending'], to: 'declined' },
  },
});

/** A question asked in a live roadshow (路演提问): moderated by the session's organisers, answered by the presenter. */
export type QuestionStatus = 'pending' | 'approved' | 'rejected' | 'answered';
export type QuestionEvent = 'approve' | 'reject' | 'answer';

export const QUESTION_STATES = defineLifecycle<QuestionStatus, QuestionEvent>({
  key: 'roadshow_live_question',
  module: 'roadshows',
  subject: 'live question',
  title: '路演提问 live roadshow question',
  states: ['pending', 'approved', 'rejected', 'answered'],
  events: { prefix: 'roadshow_question' },
  transitions: {
    approve: { from: ['pending'], to: 'approved' }, // 审核通过: shown to every viewer
    reject: { from: ['pending'], to: 'rejected' },
    answer: { from: ['approved'], to: 'answered' }, // 路演企业回答
  },
});

/** Sessions whose Q&A is open: a question is asked while the session is published (live or about to be). */
export const LIVE_SESSION_STATUSES: SessionStatus[] = ['published'];
