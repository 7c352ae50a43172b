import { isValidUscc, makeUscc, usccCheckCharacter, usccProblem } from './uscc';

// Published codes: GB 32100 worked example, Huawei Technologies, Tencent Computer Systems, Alibaba (China).
const PUBLISHED = ['91350100M000100Y43', '914403001922038216', '9144030071526726XG', '91330100799655058B'];

describe('usccCheckCharacter', () => {
  it.each([
    ['91350100M000100Y4', '3'],
    ['91440300192203821', '6'],
    ['9144030071526726X', 'G'],
    ['91330100799655058', 'B'],
  ])('%s -> %s', (first17, expected) => {
    expect(usccCheckCharacter(first17)).toBe(expected);
  });

  it('handles the boundary sums', () => {
    // sum 1 -> 31-1 = 30 -> 'Y' (last charset entry)
    expect(usccCheckCharacter('10000000000000000')).toBe('Y');
    // sum 0 -> 31, which wraps to index 0
    expect(usccCheckCharacter('00000000000000000')).toBe('0');
  });

  it('throws on bad input', () => {
    expect(() => usccCheckCharacter('')).toThrow();
    expect(() => usccCheckCharacter('9135010000000000')).toThrow(); // 16
    expect(() => usccCheckCharacter('913501000000000000')).toThrow(); // 18
    expect(() => usccCheckCharacter('91350100M000100I4')).toThrow();
    expect(() => usccCheckCharacter('91350100m000100Y4')).toThrow();
  });
});

describe('usccProblem / isValidUscc', () => {
  it.each(PUBLISHED)('accepts published code %s', (code) => {
    expect(usccProblem(code)).toBeNull();
    expect(isValidUscc(code)).toBe(true);
  });

  it('round-trips published codes through makeUscc', () => {
    for (const code of PUBLISHED) {
      expect(makeUscc(code.slice(0, 2), code.slice(2, 8), code.slice(8, 17))).toBe(code);
    }
  });

  it('rejects a wrong check character', () => {
    expect(usccProblem('91350100M000100Y44')).toBe('check_character');
    expect(usccProblem('914403001922038217')).toBe('check_character');
    expect(isValidUscc('91350100M000100Y44')).toBe(false);
  });

  it('rejects a transposition in the body', () => {
    expect(usccProblem('91350100M000010Y43')).toBe('check_character');
  });

  it('rejects wrong lengths', () => {
    expect(usccProblem('')).toBe('length');
    expect(usccProblem('91350100M000100Y4')).toBe('length'); // 17
    expect(usccProblem('91350100M000100Y433')).toBe('length'); // 19
    expect(isValidUscc('')).toBe(false);
  });

  it('reports lowercase instead of normalising', () => {
    expect(usccProblem('91350100m000100y43')).toBe('lowercase');
    expect(usccProblem('9144030071526726xg')).toBe('lowercase');
    expect(isValidUscc('91330100799655058b')).toBe(false);
  });

  it.each(['I', 'O', 'S', 'V', 'Z'])('rejects illegal character %s', (ch) => {
    expect(usccProblem(`91350100M000100${ch}43`)).toBe('charset');
    expect(usccProblem(`91350100M000100Y4${ch}`)).toBe('charset');
  });

  it('treats lowercase of an illegal letter as a charset problem', () => {
    expect(usccProblem('91350100M000100i43')).toBe('charset');
  });

  it('rejects punctuation, whitespace and full-width characters', () => {
    expect(usccProblem('91350100M000100-43')).toBe('charset');
    expect(usccProblem(' 1350100M000100Y43')).toBe('charset');
    expect(usccProblem('９1350100M000100Y43')).toBe('charset');
  });
});

describe('makeUscc', () => {
  it('appends the check character', () => {
    expect(makeUscc('91', '350100', 'M000100Y4')).toBe('91350100M000100Y43');
    expect(makeUscc('91', '440300', '192203821')).toBe('914403001922038216');
  });

  it('produces valid codes', () => {
    const code = makeUscc('12', '330402', '470012345');
    expect(code).toHaveLength(18);
    expect(code.slice(0, 17)).toBe('12330402470012345');
    expect(isValidUscc(code)).toBe(true);
  });

  it('throws on bad parts', () => {
    expect(() => makeUscc('9', '330402', 'MA2B3C4D5')).toThrow();
    expect(() => makeUscc('9I', '330402', 'MA2B3C4D5')).toThrow();
    expect(() => makeUscc('91', '33040', 'MA2B3C4D5')).toThrow();
    expect(() => makeUscc('91', '3304A2', 'MA2B3C4D5')).toThrow();
    expect(() => makeUscc('91', '330402', 'MA2B3C4D')).toThrow();
    expect(() => makeUscc('91', '330402', 'MA2B3C4DS')).toThrow();
    expect(() => makeUscc('91', '330402', 'ma2b3c4d5')).toThrow();
  });
});
