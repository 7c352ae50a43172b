/**
 * Resident identity card number (居民身份证号码) per GB 11643-1999: 17 digits and a check character
 * (0-9 or X). The platform never keeps the whole number: only `maskIdCard`'s form.
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export function isIdCardNumber(value: string): boolean {
  if (typeof value !== 'string' || !/^\d{17}[\dX]$/.test(value)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(value[i]) * WEIGHTS[i];
  return CHECK[sum % 11] === value[17];
}

/** The first 6 (the issuing division) and the last 4 characters, the 8 between as '*': 330402********123X. */
export function maskIdCard(value: string): string {
  return `${value.slice(0, 6)}${'*'.repeat(8)}${value.slice(-4)}`;
}
