/**
 * What a user chooses channels for: notification kinds grouped by what they are about (docs/domain.md,
 * "Messages that reach people"). A kind belongs to the first category whose prefix it starts with;
 * anything else is `other`. In-app delivery is always on; e-mail defaults to on and SMS to off.
 */
export const NOTIFICATION_CATEGORIES = ['approval_tasks', 'approval_outcomes', 'vouchers_and_money', 'organization', 'roadshows', 'other'] as const;

export type NotificationCategory = (typeof NOTIFICATION_CATEGORIES)[number];

const PREFIXES: [string, NotificationCategory][] = [
  ['approval.task_', 'approval_tasks'],
  ['approval.', 'approval_outcomes'],
  ['voucher_application.', 'approval_outcomes'],
  ['voucher', 'vouchers_and_money'],
  ['service_order.', 'vouchers_and_money'],
  ['redemption_claim.', 'vouchers_and_money'],
  ['four_eyes_request.', 'vouchers_and_money'],
  ['settlement', 'vouchers_and_money'],
  ['organization.', 'organization'],
  ['provider.', 'organization'],
  ['account.', 'organization'],
  ['roadshow', 'roadshows'],
];

export function categoryOf(kind: string): NotificationCategory {
  return PREFIXES.find(([prefix]) => kind.startsWith(prefix))?.[1] ?? 'other';
}

export const DEFAULT_CHANNELS = { email: true, sms: false } as const;
