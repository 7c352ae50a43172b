/**
 * Subsidy arithmetic (补贴计算). Ratios and caps are maxima (不超过): the subsidy of an order is
 * the smallest of ratio × amount (rounded down to the fen), the voucher's remaining balance and
 * every cap that applies; under the full-coverage threshold (below, or at or below, as the policy
 * says) the whole amount is covered instead, still within the balance and the caps. Pure
 * functions, integer fen, no floats. docs/policies.md says how a bureau writes these rules.
 */
export type ApplicantKind = 'enterprise' | 'team';
export type ThresholdComparison = 'below' | 'at_or_below';

/**
 * A programme's own named tier (docs/policies.md, "Tiers"): its ratio, and the verified
 * qualifications any one of which selects it. A tier without qualifications is open to every
 * applicant of its kinds (the base tier). `applicantKinds` absent or empty: every kind.
 */
export interface PolicyTier {
  code: string;
  nameZh: string;
  nameEn: string;
  ratioBp: number;
  qualifications: string[];
  applicantKinds?: ApplicantKind[];
}

/** Orders whose amount is below (or at or below) the threshold are covered in full (docs/policies.md). */
export interface FullCoverage {
  thresholdFen: number;
  comparison: ThresholdComparison;
}

/**
 * What one version of a programme pays and to whom (docs/policies.md). Every cap may be null (no
 * such cap); a programme's caps are per application, per enterprise and per innovation team per
 * programme year, and per actual-controller group (同一实际控制人) per programme year.
 */
export interface ProgramPolicy {
  tiers: PolicyTier[];
  perApplicationCapFen: number | null;
  annualCapEnterpriseFen: number | null;
  annualCapTeamFen: number | null;
  annualCapGroupFen: number | null;
  fullCoverage: FullCoverage | null;
  /** Application window (Asia/Shanghai days, inclusive); null: open from the programme's opening / until use-by. */
  opensOn: string | null;
  closesOn: string | null;
}

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

/** Whether a tier applies to an applicant of `kind` holding the qualification kinds in `valid`. */
function tierApplies(tier: PolicyTier, kind: ApplicantKind, valid: ReadonlySet<string>): boolean {
  if (tier.applicantKinds?.length && !tier.applicantKinds.includes(kind)) return false;
  return tier.qualifications.length === 0 || tier.qualifications.some((q) => valid.has(q));
}

/**
 * The most favourable tier that applies on `onDate` (docs/policies.md, "Tiers"): the highest
 * ratio among the tiers the applicant's kind and its counting qualifications select; on equal
 * ratios the one listed first. Null when none applies: the applicant is not eligible.
 */
export function selectTier(tiers: readonly PolicyTier[], kind: ApplicantKind, qualifications: QualificationSpan[], onDate: string): PolicyTier | null {
  const valid = new Set(qualifications.filter((q) => qualificationCounts(q, onDate)).map((q) => q.kind));
  let best: PolicyTier | null = null;
  for (const tier of tiers) if (tierApplies(tier, kind, valid) && (!best || tier.ratioBp > best.ratioBp)) best = tier;
  return best;
}

/** Why no tier applies, in words: what the tiers ask for. */
export function noTierReason(tiers: readonly PolicyTier[], kind: ApplicantKind): string {
  const wanted = tiers.map((t) => `${t.nameZh} (${t.code}): ${t.qualifications.length ? `a verified ${t.qualifications.join(' or ')} qualification` : 'any applicant'}${t.applicantKinds?.length ? `, ${t.applicantKinds.join(' or ')} only` : ''}`);
  return `no tier of this programme applies to this ${kind === 'team' ? 'innovation team' : 'enterprise'} today; the tiers are ${wanted.join('; ')}`;
}

/** The built-in tiers of programmes written before tiers were data (ratioBpByTier), best first. */
export const LEGACY_TIERS: Record<string, Omit<PolicyTier, 'ratioBp'>> = {
  high_tech: { code: 'high_tech', nameZh: '高新技术企业', nameEn: 'High-tech enterprise', qualifications: ['high_tech'] },
  specialised_sme: { code: 'specialised_sme', nameZh: '专精特新企业', nameEn: 'Specialised SME', qualifications: ['specialised_sme'] },
  tech_sme: { code: 'tech_sme', nameZh: '科技型中小企业', nameEn: 'Tech-based SME', qualifications: ['tech_sme'] },
  default: { code: 'default', nameZh: '一般企业', nameEn: 'General', qualifications: [] },
};

/** Tiers for a `ratioBpByTier` map ({"default": 5000, "high_tech": 6000}): each key a tier of the same name. */
export function tiersFromRatios(ratioBpByTier: Record<string, number>): PolicyTier[] {
  return Object.keys(LEGACY_TIERS)
    .filter((code) => ratioBpByTier[code] !== undefined)
    .map((code) => ({ ...LEGACY_TIERS[code], ratioBp: ratioBpByTier[code] }));
}

/** Whether `amountFen` is covered in full under the policy's threshold and its comparison. */
export function coveredInFull(amountFen: number, fullCoverage: FullCoverage | null): boolean {
  if (!fullCoverage) return false;
  return fullCoverage.comparison === 'below' ? amountFen < fullCoverage.thresholdFen : amountFen <= fullCoverage.thresholdFen;
}

export interface SubsidyInput {
  amountFen: number;
  ratioBp: number;
  fullCoverage: FullCoverage | null;
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
  for (const [name, value] of Object.entries({ amountFen: input.amountFen, remainingVoucherFen: input.remainingVoucherFen, thresholdFen: input.fullCoverage?.thresholdFen ?? 0 })) {
    if (!Number.isSafeInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer of fen`);
  }
  let best: SubsidyResult = coveredInFull(input.amountFen, input.fullCoverage)
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
