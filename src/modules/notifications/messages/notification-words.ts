import { interpolate } from '../../../../packages/shared/interpolate';
import { labelMessages } from '../../../../packages/shared/label-messages';
import zhHant from '../../../../packages/shared/messages.zh-hant.json';
import { notificationMessages } from '../../../../packages/shared/notification-messages';
import type { NotificationParams } from '../../../../packages/shared/notification-kinds';
import { notificationText, type NotificationI18n } from '../../../../packages/shared/notification-text';
import type { MessageLocale } from './message-templates';

/**
 * The server's side of packages/shared/notification-text.ts: a notification's title and body for e-mail and SMS,
 * worded from its kind + params in the recipient's language with the portal's words (notification-messages.ts,
 * label-messages.ts; zh-Hant as npm run i18n:zh-hant generated them). Instants read as the portal shows them
 * (Asia/Shanghai); region and city codes by the name the caller gives (RegionsService). A kind without words, or a
 * notification without params, keeps its stored text.
 */
const DICTIONARIES: Record<MessageLocale, Readonly<Record<string, string>>> = {
  'zh-CN': { ...notificationMessages.zh, ...labelMessages.zh },
  'zh-Hant': zhHant as Record<string, string>,
  en: { ...notificationMessages.en, ...labelMessages.en },
};

const TIME = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false, year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** The dictionary and formats of one language, as the shared renderer takes them (the portal's come from its i18n context). */
export function notificationWords(locale: MessageLocale, regionName: (code: string) => string): NotificationI18n {
  const words = DICTIONARIES[locale];
  const fallback = DICTIONARIES['zh-CN'];
  const word = (key: string) => words[key] ?? fallback[key];
  return {
    t: (key, vars) => interpolate(word(key) ?? key, vars),
    label: (group, value) => (value ? (word(`${group}.${value}`) ?? value) : '—'),
    has: (key) => key in words,
    regionName,
    time: (iso) => TIME.format(new Date(iso)),
    english: locale === 'en',
  };
}

/** A notification's title and body in `locale` (the stored ones when there is nothing to word it from). */
export function localizedNotification(
  n: { kind: string; title: string; body: string; params?: NotificationParams | null },
  locale: MessageLocale,
  regionName: (code: string) => string,
): { title: string; body: string } {
  return notificationText(n, notificationWords(locale, regionName));
}
