/**
 * Unified social credit code (统一社会信用代码) per GB 32100-2015.
 * Layout: [1] registration authority, [2] org type, [3-8] division code,
 * [9-17] organisation code body, [18] check character.
 */

export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
export const USCC_LENGTH = 18;

const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export type UsccProblem = 'length' | 'lowercase' | 'charset' | 'check_character';

function inCharset(s: string): boolean {
  for (const ch of s) {
    if (!USCC_CHARSET.includes(ch)) return false;
  }
  return true;
}

export function usccCheckCharacter(first17: string): string {
  if (typeof first17 !== 'string' || first17.length !== USCC_LENGTH - 1) {
    throw new Error(`USCC body must be ${USCC_LENGTH - 1} characters`);
  }
  let sum = 0;
  for (let i = 0; i < first17.length; i++) {
    const v = USCC_CHARSET.indexOf(first17[i]);
    if (v < 0) throw new Error(`Illegal USCC character '${first17[i]}' at position ${i + 1}`);
    sum += v * WEIGHTS[i];
  }
  const check = 31 - (sum % 31);
  return USCC_CHARSET[check === 31 ? 0 : check];
}

/** Returns null when valid. Never normalises: lowercase input is a problem, not a variant. */
export function usccProblem(code: string): UsccProblem | null {
  if (typeof code !== 'string' || code.length !== USCC_LENGTH) return 'length';
  if (!inCharset(code)) {
    return code !== code.toUpperCase() && inCharset(code.toUpperCase()) ? 'lowercase' : 'charset';
  }
  return usccCheckCharacter(code.slice(0, USCC_LENGTH - 1)) === code[USCC_LENGTH - 1]
    ? null
    : 'check_character';
}

export function isValidUscc(code: string): boolean {
  return usccProblem(code) === null;
}

export function makeUscc(prefix2: string, divisionCode6: string, body9: string): string {
  if (prefix2.length !== 2 || !inCharset(prefix2)) {
    throw new Error(`Invalid USCC prefix '${prefix2}'`);
  }
  if (!/^\d{6}$/.test(divisionCode6)) {
    throw new Error(`Invalid division code '${divisionCode6}'`);
  }
  if (body9.length !== 9 || !inCharset(body9)) {
    throw new Error(`Invalid organisation code body '${body9}'`);
  }
  const first17 = prefix2 + divisionCode6 + body9;
  return first17 + usccCheckCharacter(first17);
}
