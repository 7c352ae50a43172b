import { isIdCardNumber, maskIdCard } from './id-card';

describe('identity card numbers (GB 11643-1999)', () => {
  const valid = '11010519491231002X';

  it('accepts a number with the right check character and refuses a wrong one', () => {
    expect(isIdCardNumber(valid)).toBe(true);
    expect(isIdCardNumber('110105194912310021')).toBe(false);
    expect(isIdCardNumber('11010519491231002x')).toBe(false);
    expect(isIdCardNumber('1101051949123100')).toBe(false);
  });

  it('masks all but the first 6 and the last 4 characters', () => {
    expect(maskIdCard(valid)).toBe('110105********002X');
  });
});
