import { fenToYuanText, formatBp, formatFen, parseYuan } from './money';

describe('portal money helpers (integer fen, no floats)', () => {
  it('formats fen as yuan with thousands separators', () => {
    expect(formatFen(0)).toBe('¥0.00');
    expect(formatFen(5)).toBe('¥0.05');
    expect(formatFen(300_000)).toBe('¥3,000.00');
    expect(formatFen(123_456_789)).toBe('¥1,234,567.89');
    expect(formatFen(-250_000)).toBe('-¥2,500.00');
    expect(formatFen('1000000000000')).toBe('¥10,000,000,000.00');
    expect(formatFen(null)).toBe('—');
  });

  it('parses yuan text exactly, refusing more than two decimals', () => {
    expect(parseYuan('')).toBeUndefined();
    expect(parseYuan('1234.5')).toBe(123_450);
    expect(parseYuan('¥1,234.56')).toBe(123_456);
    expect(parseYuan('0.1')).toBe(10);
    expect(parseYuan('0.29')).toBe(29); // 0.29 * 100 is 28.999… in floating point
    expect(parseYuan('20000')).toBe(2_000_000);
    expect(parseYuan('1.234')).toBeNaN();
    expect(parseYuan('-5')).toBeNaN();
    expect(parseYuan('abc')).toBeNaN();
  });

  it('round-trips amounts through the input text', () => {
    for (const fen of [0, 1, 10, 99, 100, 123_456, 999_999_999]) expect(parseYuan(fenToYuanText(fen))).toBe(fen);
  });

  it('shows basis points as percentages', () => {
    expect(formatBp(5000)).toBe('50%');
    expect(formatBp(3333)).toBe('33.33%');
    expect(formatBp(1250)).toBe('12.5%');
    expect(formatBp(undefined)).toBe('—');
  });
});
