import { caseTitleOfParams } from './case-title';
import { formatFen } from './money';
import { isNotificationKind, NOTIFICATION_KINDS } from './notification-kinds';

/**
 * A notification's title and body in the reader's language (the portal's inbox; the server's e-mails and SMS), from its kind and params (packages/shared/
 * notification-kinds.ts); the words are in notification-messages.ts. Params are data: money in fen is shown in yuan,
 * region and city codes by their names, states and roles by their labels, instants in local time. A kind the reader's
 * side does not know, or a notification written before params existed, keeps its stored (Chinese) title and body.
 * What depends on the side (its dictionary, region names, time format) comes in as NotificationI18n: the portal's
 * from its i18n context, the server's from notification-words.ts.
 */

// Every kind the server may send (notification-text.spec.ts checks each has a title and a body in every language).
export const NOTIFICATION_MESSAGE_KEYS = NOTIFICATION_KINDS.flatMap((kind) => [`notification.${kind}.title`, `notification.${kind}.body`]);

export interface NotificationI18n {
  t: (key: string, vars?: Record<string, string | number>) => string;
  label: (group: string, value: string) => string;
  /** Whether the dictionary has the key (a variant's words replace the kind's only where it has them). */
  has: (key: string) => boolean;
  /** A region's or city's name in the reader's language. */
  regionName: (code: string) => string;
  /** An instant (ISO 8601) as people here read it (the portal's formatTime: Asia/Shanghai). */
  time: (iso: string) => string;
  /** The reader reads English: a name sent in Chinese as `x` with an English `xEn` beside it (a stage name) shows `xEn`. */
  english?: boolean;
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

export function notificationText(
  // params as the API types them (an object of JSON values): NotificationParams when the server wrote them.
  n: { kind: string; title: string; body: string; params?: Record<string, unknown> | null },
  i18n: NotificationI18n,
): { title: string; body: string } {
  if (!n.params || !isNotificationKind(n.kind)) return { title: n.title, body: n.body };
  const base = `notification.${n.kind}`;
  const variant = typeof n.params.variant === 'string' ? `${base}.${n.params.variant}` : undefined;
  const words = (part: 'title' | 'body') => (variant && i18n.has(`${variant}.${part}`) ? `${variant}.${part}` : `${base}.${part}`);
  const vars: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(n.params)) {
    if (Array.isArray(value)) {
      vars[key] = value.map((item: unknown) => i18n.t(`${base}.${key}`, scalars(item, i18n))).join(i18n.t('notification.listSeparator'));
    } else if (key === 'caseTitle') {
      vars[key] = caseTitleOfParams(n.params, i18n) ?? '';
    } else if (value !== null && typeof value === 'object') {
      continue; // a record another value is worded from (caseTitleParams)
    } else {
      const english = i18n.english ? n.params[`${key}En`] : undefined;
      vars[key] = scalar(key, typeof english === 'string' && english !== '' ? english : value, i18n);
    }
  }
  return { title: i18n.t(words('title'), vars).trim(), body: i18n.t(words('body'), vars).trim() };
}

function scalars(item: unknown, i18n: NotificationI18n): Record<string, string | number> {
  if (!item || typeof item !== 'object') return {};
  return Object.fromEntries(Object.entries(item).map(([key, value]) => [key, scalar(key, value, i18n)]));
}

function scalar(key: string, value: unknown, i18n: NotificationI18n): string | number {
  if (typeof value !== 'string' && typeof value !== 'number') return typeof value === 'boolean' ? String(value) : '';
  if (key.endsWith('Fen') && typeof value === 'number') return formatFen(value);
  const text = String(value);
  if (key.endsWith('RegionCode') || key.endsWith('CityCode') || key === 'cityCode' || key === 'regionCode') return i18n.regionName(text);
  if (/^(status|from|to)$/.test(key)) return i18n.label('status', text);
  if (key === 'escalateToRole') return i18n.label('role', text);
  if (key === 'requestKind' || key === 'side' || key === 'change') return i18n.t(`notification.${key}.${text}`);
  if (INSTANT.test(text)) return i18n.time(text);
  return typeof value === 'number' ? value : text;
}
