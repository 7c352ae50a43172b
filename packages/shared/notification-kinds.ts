/**
 * Every kind of in-app notification (站内信) the server writes, as a stable code. The server's call sites take their
 * kind from this list (the notification job's payload is typed by it), and the portal words each kind's title and
 * body from its params in the reader's language (notification-text.ts here, words in
 * notification-messages.ts; a unit test fails when a kind here has no words); so does the server in e-mails and SMS.
 *
 * Params are data, not words: numbers, codes (a status, a region code, a role), names and titles as stored,
 * dates (YYYY-MM-DD) and instants (ISO 8601), money as integer fen (`*Fen`), and a person's own words as typed
 * (a reason, a note). `variant` picks one of a kind's wordings (an order placed, or a status change). A list
 * (coaching items, agenda changes) is an array of such records, each worded by the kind's message for that list.
 */
export const NOTIFICATION_KINDS = [
  // Approvals (审批)
  'approval.task_assigned',
  'approval.task_reminder',
  'approval.task_overdue',
  'approval.approved',
  'approval.rejected',
  'approval.returned',
  'approval.withdrawn',
  // Vouchers, programmes, orders, claims, credit
  'voucher_application.outcome',
  'voucher_program.amended',
  'voucher_program.topped_up',
  'service_order.changed',
  'service_rating.created',
  'service_rating.replied',
  'redemption_claim.recovery_recorded',
  'four_eyes_request.opened',
  'four_eyes_request.confirmed',
  'four_eyes_request.cancelled',
  'misconduct_record.pending',
  'misconduct_record.in_force',
  'misconduct_record.lifted',
  // Recognition agreements (互认协议)
  'recognition_agreement.proposed',
  'recognition_agreement.withdrawn',
  'recognition_agreement.terminated',
  'recognition_agreement.signatures_voided',
  'recognition_agreement.terms_changed',
  'recognition_agreement.signed',
  'recognition_agreement.in_force',
  // Organisations and accounts
  'account.registration_attempt',
  'organization.registered',
  'organization.controller_group.changed',
  'organization.qualification.changed',
  'provider.admission.changed',
  // Roadshows (路演)
  'roadshow.rsvp_promoted',
  'roadshow.investor_interest',
  'roadshow.deck_invitation',
  'roadshow.session_cancelled',
  'roadshow.session_request_accepted',
  'roadshow.session_request_declined',
  'roadshow.agenda_changed',
  'roadshow.agenda_published',
  'roadshow.referral_received',
  'roadshow.referral_accepted',
  'roadshow.referral_declined',
  'roadshow.referral_withdrawn',
  'roadshow.cohost_invited',
  'roadshow.cohost_withdrawn',
  'roadshow.cohost_accepted',
  'roadshow.cohost_declined',
  'roadshow_coaching.item_assigned',
  'roadshow_follow_up.due',
  'roadshow_review.assigned',
] as const;

export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export type NotificationScalar = string | number | boolean | null;
/** A list (worded item by item), or a record another value is worded from (`caseTitleParams`: case-title.ts). */
export type NotificationParamValue = NotificationScalar | Record<string, NotificationScalar>[] | Record<string, NotificationScalar>;
export type NotificationParams = Record<string, NotificationParamValue>;

const KINDS: ReadonlySet<string> = new Set(NOTIFICATION_KINDS);

export function isNotificationKind(kind: string): kind is NotificationKind {
  return KINDS.has(kind);
}
