import { buildCalendar, escapeText, foldLine, shanghaiLocal } from './ical';

describe('iCalendar writer', () => {
  it('escapes TEXT values', () => {
    expect(escapeText('a,b;c\\d\ne')).toBe('a\\,b\\;c\\\\d\\ne');
  });

  it('folds at 75 octets without splitting a UTF-8 character', () => {
    const line = `SUMMARY:${'路演'.repeat(40)}`;
    const folded = foldLine(line);
    for (const part of folded.split('\r\n')) expect(Buffer.byteLength(part, 'utf8')).toBeLessThanOrEqual(75);
    expect(folded.split('\r\n').map((p, i) => (i === 0 ? p : p.slice(1))).join('')).toBe(line);
  });

  it('writes Shanghai local time', () => {
    expect(shanghaiLocal(new Date('2026-03-10T01:30:00Z'))).toBe('20260310T093000');
  });

  it('writes one VEVENT per event with TZID and a VTIMEZONE, CRLF line ends', () => {
    const text = buildCalendar({
      name: '测试',
      stamp: new Date('2026-03-01T00:00:00Z'),
      events: [
        { uid: 'a@x', start: new Date('2026-03-10T01:30:00Z'), end: new Date('2026-03-10T01:45:00Z'), summary: 'A' },
        { uid: 'b@x', start: new Date('2026-03-10T01:45:00Z'), end: new Date('2026-03-10T02:00:00Z'), summary: 'B', sequence: 2 },
      ],
    });
    expect(text.match(/BEGIN:VEVENT/g)).toHaveLength(2);
    expect(text).toContain('BEGIN:VTIMEZONE\r\nTZID:Asia/Shanghai\r\n');
    expect(text).toContain('DTSTART;TZID=Asia/Shanghai:20260310T093000\r\n');
    expect(text).toContain('DTSTAMP:20260301T000000Z\r\n');
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/\n/);
  });
});
