/**
 * A small iCalendar (RFC 5545) writer for roadshow agendas: one VEVENT per slot, local times in
 * Asia/Shanghai with the VTIMEZONE that defines it, TEXT values escaped (§3.3.11), lines folded at
 * 75 octets without splitting a UTF-8 character (§3.1), CRLF line ends.
 */

export interface IcalEvent {
  uid: string;
  start: Date;
  end: Date;
  summary: string;
  description?: string;
  location?: string;
  url?: string;
  /** Bumped with each published agenda version, so calendar clients replace the old event. */
  sequence?: number;
  status?: 'CONFIRMED' | 'TENTATIVE' | 'CANCELLED';
  categories?: string[];
}

export interface IcalCalendar {
  name: string;
  events: IcalEvent[];
  /** DTSTAMP of every event (default: now). */
  stamp?: Date;
}

export const ICAL_TZID = 'Asia/Shanghai';
/** UTC+8 all year: China has observed no daylight saving time since 1991. */
const SHANGHAI_OFFSET_MS = 8 * 3600_000;

const VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  `TZID:${ICAL_TZID}`,
  `X-LIC-LOCATION:${ICAL_TZID}`,
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0800',
  'TZOFFSETTO:+0800',
  'TZNAME:CST',
  'DTSTART:19700101T000000',
  'END:STANDARD',
  'END:VTIMEZONE',
];

/** TEXT escaping: backslash, semicolon, comma, newline. */
export function escapeText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r\n|\r|\n/g, '\\n');
}

/** Folds a content line into chunks of at most 75 octets; continuation lines start with a space. */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    const limit = parts.length === 0 ? 75 : 74; // the leading space of a continuation counts
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

/** 20260310T093000 in Shanghai local time. */
export function shanghaiLocal(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().replace(/[-:]/g, '').slice(0, 15);
}

/** 20260310T013000Z */
export function utcStamp(at: Date): string {
  return at.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

export function buildCalendar(calendar: IcalCalendar): string {
  const stamp = utcStamp(calendar.stamp ?? new Date());
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//G60 S&T Roadshow Centre//Roadshow agenda//ZH',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(calendar.name)}`,
    `X-WR-TIMEZONE:${ICAL_TZID}`,
    ...VTIMEZONE,
  ];
  for (const event of calendar.events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${event.uid}`,
      `DTSTAMP:${stamp}`,
      `DTSTART;TZID=${ICAL_TZID}:${shanghaiLocal(event.start)}`,
      `DTEND;TZID=${ICAL_TZID}:${shanghaiLocal(event.end)}`,
      `SUMMARY:${escapeText(event.summary)}`,
    );
    if (event.description) lines.push(`DESCRIPTION:${escapeText(event.description)}`);
    if (event.location) lines.push(`LOCATION:${escapeText(event.location)}`);
    if (event.url) lines.push(`URL:${event.url}`);
    if (event.categories?.length) lines.push(`CATEGORIES:${event.categories.map(escapeText).join(',')}`);
    lines.push(`SEQUENCE:${event.sequence ?? 0}`, `STATUS:${event.status ?? 'CONFIRMED'}`, 'TRANSP:OPAQUE', 'END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
