import { FINDING_CODES, findingReason, findingText } from '@shared/finding-reasons';
import { findingMessages } from './finding-messages';
import { FINDING_MESSAGE_KEYS, findingReasonText } from './finding-reasons';

describe('finding reasons: every code the server sends has a message in each language', () => {
  it.each(['zh', 'en'] as const)('%s', (lang) => {
    const missing = FINDING_MESSAGE_KEYS.filter((key) => !findingMessages[lang][key]);
    expect(missing).toEqual([]);
  });

  it('the parameters a message names are the ones the server sends (no {placeholder} left over)', () => {
    const samples = {
      not_an_applicant: { kind: 'provider' },
      applicant_not_active: { who: 'team', status: 'suspended' },
      outside_issuing_region: { who: 'enterprise', regionCode: '310104', issuingRegionCode: '330400' },
      no_tier: { who: 'enterprise', tiers: 'x', tierNames: '高新技术企业、一般企业', tierNamesEn: 'High-tech, General' },
      base_tier_only: { who: 'enterprise', tier: 'default', tierName: '一般企业', tierNameEn: 'General' },
      tier_by_qualification: { who: 'enterprise', tier: 'high_tech', tierName: '高新技术企业', tierNameEn: 'High-tech' },
      annual_cap_exceeded: { scope: 'group', capFen: 5_000_000, usedFen: 4_000_000, requestedFen: 2_000_000, leftFen: 1_000_000 },
      per_application_cap_exceeded: { requestedFen: 3_000_000, capFen: 2_000_000, version: 2 },
      programme_not_open: { status: 'closed' },
      use_by_passed: { useBy: '2026-12-31' },
      other_applications_pending: { who: 'enterprise', count: 2 },
      budget_exhausted: { leftFen: 100, requestedFen: 2_000_000 },
      no_tier_on_order_date: { version: 2, orderedOn: '2026-11-02' },
      no_qualification_on_order_date: {},
      tier_on_order_date: { tier: 'high_tech', tierName: '高新技术企业', tierNameEn: 'High-tech', orderedOn: '2026-11-02' },
      voucher_holds_less: { heldFen: 100, amountFen: 200 },
      claim_exceeds_order_subsidy: {},
      group_claims_over_cap: { usedFen: 300_000, capFen: 150_000 },
      related_same_controller: {},
      related_same_org_code: {},
      related_host: {},
      invoice_digits_match: { claim: 'DF-2026-000123' },
      provider_not_active: { status: 'suspended' },
      provider_not_recognised: { issuingRegionCode: '330400', orderedOn: '2026-11-02' },
      ordered_after_use_by: { orderedOn: '2027-01-02', useBy: '2026-12-31' },
      delivered_after_redeem_by: { deliveredOn: '2027-04-01', redeemBy: '2027-03-31' },
      claimed_after_redeem_by: { redeemBy: '2027-03-31' },
      uscc_invalid: { problem: 'check_character' },
      accreditations_held: { accreditations: 'CMA, CNAS' },
      no_accreditation: {},
      duplicate_provider_name: { count: 2 },
      region_not_served: {},
      no_certificate_file: {},
      qualification_expired: { validTo: '2025-12-31' },
      group_changed_since_request: {},
      group_members: { count: 3 },
      group_empty: {},
      no_pitch_deck: {},
      team_members: { count: 2 },
      no_team_members: {},
      outside_g60: { regionCode: '110000' },
      project_withdrawn_by_enterprise: {},
      screening_case_withdrawn: {},
      resubmitted_after_changes: {},
      investor_met_team: {},
      scheduled_in_session: { session: '嘉兴专场', version: 2, slot: 3 },
      presented_at: { session: '嘉兴专场' },
      coached_by: { coach: '王导师' },
      landed_in: { regionCode: '330402', landedOn: '2026-12-01' },
      qualification_verified: {},
      withdrawn_by_applicant: {},
    } satisfies Record<(typeof FINDING_CODES)[number], Record<string, string | number>>;
    const dict = (lang: 'zh' | 'en') => (key: string, vars?: Record<string, string | number>) =>
      (findingMessages[lang][key] ?? key).replace(/\{(\w+)\}/g, (_, name: string) => String(vars?.[name] ?? `{${name}}`));
    for (const code of FINDING_CODES) {
      const reason = findingReason(code, samples[code]);
      for (const lang of ['zh', 'en'] as const) {
        const text = findingReasonText(reason, { lang, t: dict(lang), label: (_g, v) => v });
        expect(text).not.toMatch(/\{\w+\}/);
      }
      expect(findingText(reason)).not.toMatch(/undefined/);
    }
    const group = findingReason('annual_cap_exceeded', samples.annual_cap_exceeded);
    expect(findingReasonText(group, { lang: 'zh', t: dict('zh'), label: (_g, v) => v })).toBe('将超过同一实际控制人年度上限 ¥50,000.00：已用 ¥40,000.00，本次申请 ¥20,000.00，剩余 ¥10,000.00');
    const uscc = findingReason('uscc_invalid', samples.uscc_invalid);
    expect(findingReasonText(uscc, { lang: 'zh', t: dict('zh'), label: (_g, v) => v })).toBe('统一社会信用代码有误：校验码不正确');
    expect(findingReasonText(uscc, { lang: 'en', t: dict('en'), label: (_g, v) => v })).toBe('The unified social credit code is wrong: the check character is wrong');
    expect(findingText(uscc)).toBe('USCC problem: check_character');
    // Region codes by their names when the page gives them (useReasonWords), the code otherwise.
    const outside = findingReason('outside_issuing_region', samples.outside_issuing_region);
    const names: Record<string, string> = { '310104': 'Xuhui', '330400': 'Jiaxing' };
    expect(findingReasonText(outside, { lang: 'en', t: dict('en'), label: (_g, v) => v, regionName: (code) => names[code] })).toBe('The enterprise is registered in Xuhui, outside the issuing region Jiaxing');
    expect(findingReasonText(outside, { lang: 'en', t: dict('en'), label: (_g, v) => v })).toContain('registered in 310104');
    // A tier's name is data: the page's dataName words it (繁體 converted, English by its English name).
    const tier = findingReason('base_tier_only', { who: 'enterprise', tier: 'default', tierName: '一般企业', tierNameEn: 'General' });
    expect(findingReasonText(tier, { lang: 'zh', t: dict('zh'), label: (_g, v) => v, dataName: (zh) => `«${zh}»` })).toContain('«一般企业»');
    expect(findingReasonText(tier, { lang: 'en', t: dict('en'), label: (_g, v) => v })).toContain('General');
    expect(findingText(group)).toBe('The annual actual-controller group cap of 5000000 fen would be exceeded: 4000000 fen committed, 2000000 fen requested, 1000000 fen left');
  });
});
