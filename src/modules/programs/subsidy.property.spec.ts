import fc from 'fast-check';
import { computeSubsidy, FullCoverage, PolicyTier, QualificationSpan, selectTier } from './subsidy';

/**
 * Properties of the subsidy arithmetic over random programmes and orders (docs/policies.md). The
 * oracle is written independently of subsidy.ts: decimal strings for ratio × amount, a sort for
 * the caps, a filter-and-max for the tier.
 */

/** ⌊amount × ratio / 10,000⌋ by long division on the decimal digits, no floats, no BigInt. */
function floorShare(amountFen: number, ratioBp: number): number {
  // amount ≤ 10^12 and ratio ≤ 10^4: multiplied column by column, each column far below 2^53.
  const product = String(amountFen)
    .split('')
    .reduceRight(
      (acc, d, i, all) => {
        const place = all.length - 1 - i;
        const partial = Number(d) * ratioBp;
        acc[place] = (acc[place] ?? 0) + partial;
        return acc;
      },
      [] as number[],
    );
  // Normalise the base-10 columns, then drop the last four digits.
  const digits: number[] = [];
  let carry = 0;
  for (let i = 0; i < product.length || carry > 0; i += 1) {
    const v = (product[i] ?? 0) + carry;
    digits.push(v % 10);
    carry = Math.floor(v / 10);
  }
  const kept = digits.slice(4).reverse().join('');
  return kept === '' ? 0 : Number(kept);
}

const fen = (max: number) => fc.integer({ min: 0, max });
const fullCoverage: fc.Arbitrary<FullCoverage | null> = fc.option(fc.record({ thresholdFen: fen(5_000_000), comparison: fc.constantFrom('below' as const, 'at_or_below' as const) }), { nil: null });

describe('subsidy properties (fast-check)', () => {
  it('subsidy = min(ratio × amount rounded down — or the whole amount under the threshold —, the voucher balance, every cap)', () => {
    fc.assert(
      fc.property(
        fen(1_000_000_000_000),
        // Half the time the amount sits on the threshold or one fen either side: where the comparison matters.
        fc.option(fc.constantFrom(-1, 0, 1), { nil: null }),
        fc.integer({ min: 0, max: 10_000 }),
        fullCoverage,
        fen(1_000_000_000_000),
        fc.array(fc.option(fen(10_000_000), { nil: null }), { maxLength: 4 }),
        (anyAmount, nearThreshold, ratioBp, coverage, remainingVoucherFen, capValues) => {
          const amountFen = coverage && nearThreshold !== null ? Math.max(0, coverage.thresholdFen + nearThreshold) : anyAmount;
          const caps = capValues.map((v, i) => ({ name: `cap${i}`, fen: v }));
          const result = computeSubsidy({ amountFen, ratioBp, fullCoverage: coverage, remainingVoucherFen, caps });
          const inFull = coverage !== null && (coverage.comparison === 'below' ? amountFen < coverage.thresholdFen : amountFen <= coverage.thresholdFen);
          const base = inFull ? amountFen : floorShare(amountFen, ratioBp);
          const bounds = [base, remainingVoucherFen, ...capValues.filter((v): v is number => v !== null)].sort((a, b) => a - b);
          expect(result.subsidyFen).toBe(bounds[0]);
          expect(Number.isSafeInteger(result.subsidyFen)).toBe(true);
          // What bound it is named, and really is that bound.
          const named = result.limitedBy === 'voucher_balance' ? remainingVoucherFen : result.limitedBy === 'ratio' || result.limitedBy === 'full_coverage' ? base : caps.find((c) => c.name === result.limitedBy)?.fen;
          expect(named).toBe(result.subsidyFen);
          // Full coverage is named exactly when the amount is covered in full and nothing bound it lower.
          expect(result.limitedBy === 'full_coverage').toBe(inFull && bounds.every((b) => b >= amountFen));
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('the tier chosen is the most favourable one that applies, and none when none applies', () => {
    const kinds = ['high_tech', 'tech_sme', 'little_giant'];
    const tier: fc.Arbitrary<PolicyTier> = fc.record({
      code: fc.stringMatching(/^[a-z]{1,6}$/),
      nameZh: fc.constant('档'),
      nameEn: fc.constant('Tier'),
      ratioBp: fc.integer({ min: 0, max: 10_000 }),
      qualifications: fc.subarray(kinds),
      applicantKinds: fc.option(fc.subarray(['enterprise' as const, 'team' as const]), { nil: undefined }),
    });
    const qualification: fc.Arbitrary<QualificationSpan> = fc.record({
      kind: fc.constantFrom(...kinds),
      validFrom: fc.constantFrom('2025-01-01', '2026-06-01'),
      validTo: fc.constantFrom('2026-05-31', '2027-12-31'),
      status: fc.constantFrom('verified', 'declared', 'revoked'),
    });
    fc.assert(
      fc.property(fc.array(tier, { minLength: 1, maxLength: 5 }), fc.array(qualification, { maxLength: 4 }), fc.constantFrom('enterprise' as const, 'team' as const), (tiers, quals, kind) => {
        const day = '2026-07-01';
        const held = quals.filter((q) => q.status === 'verified' && q.validFrom <= day && day <= q.validTo).map((q) => q.kind);
        const eligible = tiers.filter((t) => (!t.applicantKinds?.length || t.applicantKinds.includes(kind)) && (t.qualifications.length === 0 || t.qualifications.some((q) => held.includes(q))));
        const chosen = selectTier(tiers, kind, quals, day);
        if (eligible.length === 0) return expect(chosen).toBeNull();
        const best = Math.max(...eligible.map((t) => t.ratioBp));
        expect(chosen?.ratioBp).toBe(best);
        // On equal ratios the one listed first.
        expect(chosen).toBe(eligible.find((t) => t.ratioBp === best));
      }),
      { numRuns: 1_000 },
    );
  });
});
