/**
 * Reasons the server gives a person to read (pre-check findings, refusals), as stable codes with parameters: the
 * portal translates each code (web/src/app/finding-reasons.ts, words in finding-messages.ts, zh and en; a unit test
 * fails on a code without a message), and the server keeps the English sentence below in the old `reasons` text for API clients.
 * Parameters are data, not words: `who` is an applicant kind (enterprise | team), `scope` a cap scope
 * (enterprise | team | group), `status` a state code, `*Fen` integer fen, dates YYYY-MM-DD.
 */
export type FindingParams = Record<string, string | number>;

const WHO: Record<string, string> = { enterprise: 'enterprise', team: 'innovation team' };
const SCOPE: Record<string, string> = { enterprise: 'enterprise', team: 'innovation team', group: 'actual-controller group' };
const who = (p: FindingParams) => WHO[String(p.who)] ?? String(p.who);

const ENGLISH = {
  not_an_applicant: (p: FindingParams) => `a ${p.kind} organisation does not apply for vouchers`,
  applicant_not_active: (p: FindingParams) => `the ${who(p)} is ${p.status}`,
  outside_issuing_region: (p: FindingParams) => `the ${who(p)} is registered in ${p.regionCode}, outside the issuing region ${p.issuingRegionCode}`,
  no_tier: (p: FindingParams) => `no tier of this programme applies to this ${who(p)} today; the tiers are ${p.tiers}`,
  base_tier_only: (p: FindingParams) => `no qualification of this ${who(p)} selects a better tier: ${p.tierName} (${p.tier}) applies`,
  tier_by_qualification: (p: FindingParams) => `tier ${p.tierName} (${p.tier}) by a verified qualification valid today`,
  annual_cap_exceeded: (p: FindingParams) =>
    `The annual ${SCOPE[String(p.scope)] ?? p.scope} cap of ${p.capFen} fen would be exceeded: ${p.usedFen} fen committed, ${p.requestedFen} fen requested, ${p.leftFen} fen left`,
  per_application_cap_exceeded: (p: FindingParams) => `${p.requestedFen} fen requested, above the per-application cap of ${p.capFen} fen (version ${p.version})`,
  programme_not_open: (p: FindingParams) => `programme is ${p.status}`,
  use_by_passed: (p: FindingParams) => `use-by ${p.useBy} has passed`,
  other_applications_pending: (p: FindingParams) => `${p.count} other application(s) of this ${who(p)} are pending`,
  budget_exhausted: (p: FindingParams) => `${p.leftFen} fen left, ${p.requestedFen} fen requested`,
  // Redemption claims (兑付)
  no_tier_on_order_date: (p: FindingParams) => `no tier of version ${p.version} applied on the order date ${p.orderedOn}`,
  no_qualification_on_order_date: () => 'no qualification was valid on the order date',
  tier_on_order_date: (p: FindingParams) => `tier ${p.tier} by a qualification valid on ${p.orderedOn}`,
  voucher_holds_less: (p: FindingParams) => `the voucher holds ${p.heldFen} fen, less than the ${p.amountFen} fen claimed`,
  claim_exceeds_order_subsidy: () => 'the claim exceeds the order’s subsidy',
  group_claims_over_cap: (p: FindingParams) => `claims of the actual-controller group (${p.usedFen} fen) exceed its annual cap of ${p.capFen} fen`,
  related_same_controller: () => 'the enterprise and the provider share an actual controller',
  related_same_org_code: () => 'the enterprise and the provider share an organisation code in their USCCs',
  related_host: () => 'the provider hosts the applicant innovation team',
  invoice_digits_match: (p: FindingParams) => `invoice digits match claim ${p.claim}`,
  provider_not_active: (p: FindingParams) => `the provider is ${p.status}`,
  provider_not_recognised: (p: FindingParams) => `not recognised for ${p.issuingRegionCode} on ${p.orderedOn}`,
  ordered_after_use_by: (p: FindingParams) => `ordered ${p.orderedOn}, after use-by ${p.useBy}`,
  delivered_after_redeem_by: (p: FindingParams) => `delivered ${p.deliveredOn}, after redeem-by ${p.redeemBy}`,
  claimed_after_redeem_by: (p: FindingParams) => `claimed after redeem-by ${p.redeemBy}`,
  // Provider admission (服务机构入驻): `problem` is a USCC problem code (length | charset | lowercase | check_character)
  uscc_invalid: (p: FindingParams) => `USCC problem: ${p.problem}`,
  accreditations_held: (p: FindingParams) => `holds ${p.accreditations}`,
  no_accreditation: () => 'no CMA or CNAS accreditation declared',
  duplicate_provider_name: (p: FindingParams) => `${p.count} other provider(s) share this name`,
  region_not_served: () => 'outside Jiaxing and Shanghai: no recognition agreement covers this region yet',
  // Qualification verification (资质核验)
  no_certificate_file: () => 'no certificate file: declared before verification existed',
  qualification_expired: (p: FindingParams) => `expired on ${p.validTo}`,
  // Actual-controller group change (实际控制人关系变更)
  group_changed_since_request: () => 'the bureau changed the enterprise’s group after the request was made',
  group_members: (p: FindingParams) => `the group has ${p.count} member(s)`,
  group_empty: () => 'the group has no members yet',
  // Roadshow screening (路演项目筛选)
  no_pitch_deck: () => 'no pitch deck uploaded yet',
  team_members: (p: FindingParams) => `${p.count} team member(s)`,
  no_team_members: () => 'no team members declared',
  outside_g60: (p: FindingParams) => `region ${p.regionCode} is outside the G60 corridor`,
  // Notes the server writes on a record's history (project timeline, decisions): `session` a session's title
  project_withdrawn_by_enterprise: () => 'withdrawn by the enterprise',
  screening_case_withdrawn: () => 'case withdrawn',
  resubmitted_after_changes: () => 'resubmitted after changes',
  investor_met_team: () => 'an investor met the team after the roadshow',
  scheduled_in_session: (p: FindingParams) => `${p.session} v${p.version}, slot ${p.slot}`,
  presented_at: (p: FindingParams) => `presented at ${p.session}`,
  coached_by: (p: FindingParams) => `coaching by ${p.coach}`,
  landed_in: (p: FindingParams) => `landed in ${p.regionCode} on ${p.landedOn}`,
  qualification_verified: () => 'verified',
  withdrawn_by_applicant: () => 'withdrawn by the applicant',
} satisfies Record<string, (p: FindingParams) => string>;

export type FindingCode = keyof typeof ENGLISH;
export const FINDING_CODES = Object.keys(ENGLISH) as FindingCode[];

export interface FindingReason {
  code: FindingCode;
  params: FindingParams;
}

export function findingReason(code: FindingCode, params: FindingParams = {}): FindingReason {
  return { code, params };
}

/** The English sentence of a reason (the `reasons` text field). */
export function findingText(r: FindingReason): string {
  return ENGLISH[r.code](r.params);
}
