import { ValueTransformer } from 'typeorm';

/**
 * Money is integer fen (分) in BIGINT columns. pg returns BIGINT as a string; we hand the
 * domain a JS number, which is exact up to 2^53 fen (about 90 trillion yuan), and refuse
 * anything that is not a safe integer rather than round it.
 */
export const fenTransformer: ValueTransformer = {
  to(value: number | null | undefined): string | null | undefined {
    if (value === null || value === undefined) return value;
    assertFen(value);
    return String(value);
  },
  from(value: string | null): number | null {
    if (value === null || value === undefined) return null;
    const n = Number(value);
    if (!Number.isSafeInteger(n)) throw new Error(`BIGINT fen value ${value} exceeds the safe integer range`);
    return n;
  },
};

export function assertFen(value: number): void {
  if (!Number.isSafeInteger(value)) throw new Error(`Money must be an integer number of fen, got ${value}`);
}

// Formatting fen as yuan for humans (statements, notifications) is shared with the portal: packages/shared/money.ts.
