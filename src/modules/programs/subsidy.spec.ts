import { computeSubsidy, coveredInFull, floorRatio, formatRatioBp, PolicyTier, qualificationCounts, selectTier, settlementPeriod, smallestPayableAmountFen, tiersFromRatios } from './subsidy';

describe('subsidy arithmetic', () => {
  const base = { ratioBp: 5000, fullCoverage: null, remainingVoucherFen: 10_000_000, caps: [] };

  it('takes ratio × amount rounded down to the fen', () => {
    expect(computeSubsidy({ ...base, amountFen: 12_345 })).toEqual({ subsidyFen: 6_172, limitedBy: 'ratio' });
    expect(computeSubsidy({ ...base, ratioBp: 3333, amountFen: 100 })).toEqual({ subsidyFen: 33, limitedBy: 'ratio' });
    expect(floorRatio(999_999_999_999, 9_999)).toBe(999_899_999_999);
  });

  it('knows the smallest amount a ratio pays at least 1 fen for, and nothing below it', () => {
    for (const ratioBp of [1, 3333, 4000, 5000, 6000, 9999, 10_000]) {
      const smallest = smallestPayableAmountFen(ratioBp) as number;
      expect(computeSubsidy({ ...base, ratioBp, amountFen: smallest }).subsidyFen).toBeGreaterThanOrEqual(1);
      expect(computeSubsidy({ ...base, ratioBp, amountFen: smallest - 1 }).subsidyFen).toBe(0);
    }
    expect([smallestPayableAmountFen(5000), smallestPayableAmountFen(3333), smallestPayableAmountFen(10_000)]).toEqual([2, 4, 1]);
    expect(smallestPayableAmountFen(0)).toBeNull();
    expect([formatRatioBp(5000), formatRatioBp(3333), formatRatioBp(0), formatRatioBp(10_000)]).toEqual(['50.00 %', '33.33 %', '0.00 %', '100.00 %']);
  });

  it('is bounded by the voucher balance and every cap, naming what bound it', () => {
    expect(computeSubsidy({ ...base, amountFen: 1_000_000, remainingVoucherFen: 300_000 })).toEqual({ subsidyFen: 300_000, limitedBy: 'voucher_balance' });
    expect(computeSubsidy({ ...base, amountFen: 1_000_000, caps: [{ name: 'agreement_per_order_cap', fen: 200_000 }, { name: 'other', fen: null }] })).toEqual({
      subsidyFen: 200_000,
      limitedBy: 'agreement_per_order_cap',
    });
  });

  it('covers the whole amount under the full-coverage threshold as the policy compares it, still within balance and caps', () => {
    const upTo = { thresholdFen: 50_000, comparison: 'at_or_below' as const };
    const below = { thresholdFen: 50_000, comparison: 'below' as const };
    expect(computeSubsidy({ ...base, amountFen: 50_000, fullCoverage: upTo })).toEqual({ subsidyFen: 50_000, limitedBy: 'full_coverage' });
    expect(computeSubsidy({ ...base, amountFen: 50_000, fullCoverage: below })).toEqual({ subsidyFen: 25_000, limitedBy: 'ratio' });
    expect(computeSubsidy({ ...base, amountFen: 49_999, fullCoverage: below })).toEqual({ subsidyFen: 49_999, limitedBy: 'full_coverage' });
    expect(computeSubsidy({ ...base, amountFen: 50_001, fullCoverage: upTo })).toEqual({ subsidyFen: 25_000, limitedBy: 'ratio' });
    expect(computeSubsidy({ ...base, amountFen: 40_000, fullCoverage: upTo, remainingVoucherFen: 10_000 })).toEqual({ subsidyFen: 10_000, limitedBy: 'voucher_balance' });
    expect([coveredInFull(0, null), coveredInFull(1, { thresholdFen: 1, comparison: 'below' }), coveredInFull(1, { thresholdFen: 1, comparison: 'at_or_below' })]).toEqual([false, false, true]);
  });

  it('refuses fractional or negative amounts', () => {
    expect(() => computeSubsidy({ ...base, amountFen: 10.5 })).toThrow('integer');
    expect(() => computeSubsidy({ ...base, amountFen: -1 })).toThrow('integer');
  });

  it('picks the most favourable tier the verified qualifications valid on the day select', () => {
    const quals = [
      { kind: 'tech_sme', validFrom: '2026-01-01', validTo: '2026-12-31', status: 'verified' },
      { kind: 'high_tech', validFrom: '2024-01-01', validTo: '2026-06-30', status: 'verified' },
    ];
    const tiers = tiersFromRatios({ default: 5000, tech_sme: 5500, high_tech: 6000 });
    expect(selectTier(tiers, 'enterprise', quals, '2026-06-30')?.code).toBe('high_tech');
    expect(selectTier(tiers, 'enterprise', quals, '2026-07-01')?.code).toBe('tech_sme');
    expect(selectTier(tiers, 'enterprise', quals, '2027-01-01')?.code).toBe('default');
    // Most favourable, not first listed: a qualification-bound tier with a lower ratio than the base loses to it.
    const odd: PolicyTier[] = [
      { code: 'priority', nameZh: '重点', nameEn: 'Priority', ratioBp: 4000, qualifications: ['high_tech'] },
      { code: 'general', nameZh: '一般', nameEn: 'General', ratioBp: 4500, qualifications: [] },
    ];
    expect(selectTier(odd, 'enterprise', quals, '2026-06-01')?.code).toBe('general');
  });

  it('selects tiers by applicant kind, and none when nothing applies', () => {
    const tiers: PolicyTier[] = [
      { code: 'giant', nameZh: '科技小巨人', nameEn: 'Little giant', ratioBp: 8000, qualifications: ['little_giant'] },
      { code: 'team', nameZh: '创新团队', nameEn: 'Innovation team', ratioBp: 7000, qualifications: [], applicantKinds: ['team'] },
    ];
    expect(selectTier(tiers, 'team', [], '2026-06-01')?.code).toBe('team');
    expect(selectTier(tiers, 'enterprise', [], '2026-06-01')).toBeNull();
    expect(selectTier(tiers, 'enterprise', [{ kind: 'little_giant', validFrom: '2026-01-01', validTo: '2026-12-31', status: 'verified' }], '2026-06-01')?.code).toBe('giant');
  });

  it('counts only verified qualifications: declared, in review, rejected, revoked and withdrawn ones change no tier', () => {
    const span = { kind: 'high_tech', validFrom: '2026-01-01', validTo: '2028-12-31' };
    const tiers = tiersFromRatios({ default: 5000, high_tech: 6000 });
    for (const status of ['declared', 'in_review', 'rejected', 'revoked', 'withdrawn']) {
      expect(selectTier(tiers, 'enterprise', [{ ...span, status }], '2026-06-01')?.code).toBe('default');
      expect(qualificationCounts({ ...span, status }, '2026-06-01')).toBe(false);
    }
    expect(selectTier(tiers, 'enterprise', [{ ...span, status: 'verified' }], '2026-06-01')?.code).toBe('high_tech');
    expect(selectTier(tiers, 'enterprise', [{ ...span, status: 'verified' }], '2029-01-01')?.code).toBe('default');
  });

  it('finds monthly and quarterly settlement periods', () => {
    expect(settlementPeriod('monthly', '2026-02-14')).toEqual({ start: '2026-02-01', end: '2026-02-28' });
    expect(settlementPeriod('monthly', '2028-02-29')).toEqual({ start: '2028-02-01', end: '2028-02-29' });
    expect(settlementPeriod('quarterly', '2026-11-29')).toEqual({ start: '2026-10-01', end: '2026-12-31' });
    expect(settlementPeriod('quarterly', '2026-01-01')).toEqual({ start: '2026-01-01', end: '2026-03-31' });
  });
});
