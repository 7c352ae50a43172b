/**
 * Calendar-day rules (use-by, redeem-by, cut-offs) are days in Asia/Shanghai (UTC+8, no DST).
 * Dates travel as 'YYYY-MM-DD' strings and are stored in DATE columns, never as instants.
 */
export const BUSINESS_TIME_ZONE = 'Asia/Shanghai';

const formatter = new Intl.DateTimeFormat('en-CA', {
  timeZone: BUSINESS_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The Shanghai calendar day that contains the instant `at`. */
export function shanghaiDate(at: Date = new Date()): string {
  return formatter.format(at);
}

/** "2026-12-06 18:30 (UTC+8)": an instant to the minute in Shanghai time, for texts people read (e-mails). */
export function shanghaiMinute(at: Date): string {
  return `${new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ')} (UTC+8)`;
}

/** True when calendar day `day` (YYYY-MM-DD) has ended in Shanghai at instant `at`. */
export function isPastShanghaiDay(day: string, at: Date = new Date()): boolean {
  return shanghaiDate(at) > day;
}
