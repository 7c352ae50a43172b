import { DomainError } from '../../platform/errors/domain-error';
import { PolicyFieldsDto } from './dto/program.dto';
import { ProgramPolicy, tiersFromRatios } from './subsidy';

/** A policy with nothing in it: no tiers yet, no caps, no threshold, no window. */
const EMPTY: ProgramPolicy = {
  tiers: [],
  perApplicationCapFen: null,
  annualCapEnterpriseFen: null,
  annualCapTeamFen: null,
  annualCapGroupFen: null,
  fullCoverage: null,
  opensOn: null,
  closesOn: null,
};

/** The policy fields in the order they are shown and compared. */
export const POLICY_FIELDS = ['tiers', 'perApplicationCapFen', 'annualCapEnterpriseFen', 'annualCapTeamFen', 'annualCapGroupFen', 'fullCoverage', 'opensOn', 'closesOn'] as const;

/**
 * The policy `dto` writes over `base` (docs/policies.md): an absent field keeps the base's value,
 * null removes it. On creation the base is empty, so an absent cap is no cap. Checks what the
 * DTO's decorators cannot: one way of writing tiers, unique tier codes, known qualification
 * kinds, a comparison only with a threshold, a window that opens before it closes.
 */
export function writePolicy(dto: PolicyFieldsDto, knownQualifications: ReadonlySet<string>, base: ProgramPolicy = EMPTY): ProgramPolicy {
  if (dto.tiers && dto.ratioBpByTier) throw DomainError.invalid('tiers', 'give tiers or ratioBpByTier, not both');
  const policy: ProgramPolicy = { ...base };
  if (dto.tiers) policy.tiers = dto.tiers.map((t) => ({ ...t, qualifications: [...new Set(t.qualifications)], ...(t.applicantKinds?.length ? { applicantKinds: [...new Set(t.applicantKinds)] } : {}) }));
  else if (dto.ratioBpByTier) policy.tiers = tiersFromRatios({ ...dto.ratioBpByTier } as Record<string, number>);
  for (const key of ['perApplicationCapFen', 'annualCapEnterpriseFen', 'annualCapTeamFen', 'annualCapGroupFen', 'opensOn', 'closesOn'] as const) {
    if (dto[key] !== undefined) (policy as unknown as Record<string, unknown>)[key] = dto[key];
  }
  if (dto.fullCoverageThresholdFen === null) {
    if (dto.fullCoverageComparison) throw DomainError.invalid('fullCoverageComparison', 'a comparison needs a full-coverage threshold');
    policy.fullCoverage = null;
  } else if (dto.fullCoverageThresholdFen !== undefined) {
    policy.fullCoverage = { thresholdFen: dto.fullCoverageThresholdFen, comparison: dto.fullCoverageComparison ?? base.fullCoverage?.comparison ?? 'at_or_below' };
  } else if (dto.fullCoverageComparison) {
    if (!policy.fullCoverage) throw DomainError.invalid('fullCoverageComparison', 'a comparison needs a full-coverage threshold');
    policy.fullCoverage = { ...policy.fullCoverage, comparison: dto.fullCoverageComparison };
  }
  if (policy.tiers.length === 0) throw DomainError.invalid('tiers', 'a programme needs at least one tier (or ratioBpByTier with a default ratio)');
  const codes = new Set<string>();
  policy.tiers.forEach((tier, i) => {
    if (codes.has(tier.code)) throw DomainError.invalid(`tiers[${i}].code`, `tier code ${tier.code} is used twice`);
    codes.add(tier.code);
    const unknown = tier.qualifications.find((q) => !knownQualifications.has(q));
    if (unknown) throw DomainError.invalid(`tiers[${i}].qualifications`, `unknown qualification kind ${unknown}; known: ${[...knownQualifications].join(', ')}`);
  });
  if (policy.opensOn && policy.closesOn && policy.closesOn < policy.opensOn) throw DomainError.invalid('closesOn', `must not be before opensOn (${policy.opensOn})`);
  return policy;
}

/** A stored policy as read from jsonb: bigint amounts arrive as numbers; older rows lack later fields. */
export function readPolicy(raw: Record<string, unknown>): ProgramPolicy {
  const fen = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  const full = raw.fullCoverage as { thresholdFen: unknown; comparison: 'below' | 'at_or_below' } | null | undefined;
  return {
    tiers: (raw.tiers as ProgramPolicy['tiers']) ?? [],
    perApplicationCapFen: fen(raw.perApplicationCapFen),
    annualCapEnterpriseFen: fen(raw.annualCapEnterpriseFen),
    annualCapTeamFen: fen(raw.annualCapTeamFen),
    annualCapGroupFen: fen(raw.annualCapGroupFen),
    fullCoverage: full ? { thresholdFen: Number(full.thresholdFen), comparison: full.comparison } : null,
    opensOn: (raw.opensOn as string | null) ?? null,
    closesOn: (raw.closesOn as string | null) ?? null,
  };
}

/** What changed between two versions, field by field (tiers compared as a whole). */
export function policyChanges(before: ProgramPolicy, after: ProgramPolicy): { field: string; before: unknown; after: unknown }[] {
  return POLICY_FIELDS.filter((f) => JSON.stringify(before[f]) !== JSON.stringify(after[f])).map((f) => ({ field: f, before: before[f], after: after[f] }));
}

/**
 * Whether applications are taken on `today` under the version in effect (docs/policies.md,
 * "Application window"): the programme is open, the window has opened and not closed, and the
 * use-by day has not passed. The refusal names the rule and the dates.
 */
export function applicationWindowProblem(status: string, useBy: string, policy: ProgramPolicy, today: string): string | null {
  if (status !== 'open') return `the programme is ${status}, not open for applications`;
  if (policy.opensOn && today < policy.opensOn) return `applications open on ${policy.opensOn} (today is ${today})`;
  if (policy.closesOn && today > policy.closesOn) return `applications closed on ${policy.closesOn} (today is ${today})`;
  if (today > useBy) return `the programme's use-by day ${useBy} has passed`;
  return null;
}
