/**
 * Subsidy arithmetic (补贴计算). Ratios and caps are maxima (不超过): the subsidy of an order is
 * the smallest of ratio × amount (rounded down to the fen), the voucher's remaining balance and
 * every cap that applies; below the full-coverage threshold the whole amount is covered instead,
 * still within the balance and the caps. Pure functions, integer fen, no floats.
 */
export type EnterpriseTier = 'default' | 'tech_sme' | 'specialised_sme' | 'high_tech';

/** Better tiers first: an enterprise gets the best tier it holds a valid qualification for. */
export const TIER_ORDER: EnterpriseTier[] = ['high_tech', 'specialised_sme', 'tech_sme', 'default'];

export interface QualificationSpan {
  kind: string;
  validFrom: string;
  validTo: string;
  /** Verification status: only 'verified' counts (docs/security.md, "Qualifications"). */
  status: string;
}

/**
 * The one rule for whether a qualification changes a ratio on a day: verified by the district
 * bureau, and valid on `onDate` (YYYY-MM-DD, inclusive). A declared, in-review, rejected, revoked
 * or expired qualification counts for nothing.
 */
export function qualificationCounts(q: QualificationSpan, onDate: string): boolean {
  return q.status === 'verified' && q.validFrom <= onDate && onDate <= q.validTo;
}

/** The best tier among qualifications that count on `onDate` (qualificationCounts). */
export function tierOn(qualifications: QualificationSpan[], onDate: string): EnterpriseTier {
  const valid = new Set(qualifications.filter((q) => qualificationCounts(q, onDate)).map((q) => q.kind));
  return TIER_ORDER.find((t) => t !== 'default' && valid.has(t)) ?? 'default';
}

/** Basis points (1/100 of a percent) for a tier; the programme's 'default' applies when the tier has none. */
export function ratioForTier(ratioBpByTier: Record<string, number>, tier: EnterpriseTier): number {
  const ratio = ratioBpByTier[tier] ?? ratioBpByTier.default;
  if (ratio === undefined || !Number.isInteger(ratio) || ratio < 0 || ratio > 10_000) throw new Error(`No valid ratio for tier ${tier}`);
  return ratio;
}

export interface SubsidyInput {
  amountFen: number;
  ratioBp: number;
  fullCoverageThresholdFen: number;
  remainingVoucherFen: number;
  caps: { name: string; fen: number | null }[];
}

export interface SubsidyResult {
  subsidyFen: number;
  /** What bound the result: 'ratio', 'full_coverage', 'voucher_balance' or a cap's name. */
  limitedBy: string;
}

export function floorRatio(amountFen: number, ratioBp: number): number {
  // BigInt: amount × 10,000 can exceed 2^53 for large amounts.
  return Number((BigInt(amountFen) * BigInt(ratioBp)) / 10_000n);
}

/**
 * The smallest order amount whose share at `ratioBp` is at least 1 fen: ⌈10,000 / ratio⌉ (2 fen at
 * 50 %, 4 fen at 33.33 %). Below it ratio × amount rounds down to 0 fen. Null for a 0 % ratio, which
 * pays nothing at any amount.
 */
export function smallestPayableAmountFen(ratioBp: number): number | null {
  if (!Number.isInteger(ratioBp) || ratioBp <= 0) return null;
  return Math.floor((10_000 + ratioBp - 1) / ratioBp);
}

/** Basis points as a percentage with two decimals, for messages: 5000 → "50.00 %". */
export function formatRatioBp(ratioBp: number): string {
  return `${Math.floor(ratioBp / 100)}.${String(ratioBp % 100).padStart(2, '0')} %`;
}

export function computeSubsidy(input: SubsidyInput): SubsidyResult {
  for (const [name, value] of Object.entries({ amountFen: input.amountFen, remainingVoucherFen: input.remainingVoucherFen, fullCoverageThresholdFen: input.fullCoverageThresholdFen })) {
    if (!Number.isSafeInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer of fen`);
  }
  const fullCoverage = input.amountFen <= input.fullCoverageThresholdFen;
  let best: SubsidyResult = fullCoverage
    ? { subsidyFen: input.amountFen, limitedBy: 'full_coverage' }
    : { subsidyFen: floorRatio(input.amountFen, input.ratioBp), limitedBy: 'ratio' };
  const bounds = [{ name: 'voucher_balance', fen: input.remainingVoucherFen }, ...input.caps];
  for (const bound of bounds) {
    if (bound.fen !== null && bound.fen < best.subsidyFen) best = { subsidyFen: Math.max(0, bound.fen), limitedBy: bound.name };
  }
  return best;
}

/** The settlement period (Asia/Shanghai calendar) that contains a day. */
export function settlementPeriod(cycle: 'monthly' | 'quarterly', day: string): { start: string; end: string } {
  const [year, month] = day.split('-').map(Number);
  const firstMonth = cycle === 'monthly' ? month : Math.floor((month - 1) / 3) * 3 + 1;
  const lastMonth = cycle === 'monthly' ? month : firstMonth + 2;
  const lastDay = new Date(Date.UTC(year, lastMonth, 0)).getUTCDate();
  const pad = (n: number) => String(n).padStart(2, '0');
  return { start: `${year}-${pad(firstMonth)}-01`, end: `${year}-${pad(lastMonth)}-${pad(lastDay)}` };
}
