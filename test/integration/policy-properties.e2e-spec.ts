import fc from 'fast-check';
import { randomBytes } from 'node:crypto';
import { shanghaiDate } from '../../src/platform/database/shanghai-date';
import { registerOrganization } from '../support/factories';
import { insertVerifiedQualification, qualificationFields } from '../support/qualifications';
import { DEMO, eventually, login, Session, startTestApp, TestApp } from '../support/test-app';
import { waitForTask } from '../support/approvals';
import { admittedProvider, ledgerInvariants, listService } from '../support/vouchers';

type Auth = { Authorization: string };

jest.setTimeout(900_000);

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** A random programme: one to three tiers (maybe no base tier), each cap present or not, a threshold or none. */
const tierArb = fc
  .uniqueArray(fc.record({ code: fc.constantFrom('base', 'hightech', 'extra'), ratioBp: fc.integer({ min: 1, max: 10_000 }) }), { minLength: 1, maxLength: 3, selector: (t) => t.code })
  .map((tiers) => tiers.map((t) => ({ ...t, nameZh: t.code, nameEn: t.code, qualifications: t.code === 'base' ? [] : ['high_tech'] })));
const policyArb = fc.record({
  // Three programmes in four have a base tier open to all; the others only a qualified tier, so some applicants are refused.
  tiers: fc.tuple(tierArb, fc.integer({ min: 1, max: 10_000 }), fc.nat(3)).map(([tiers, ratioBp, coin]) =>
    coin > 0 && !tiers.some((t) => t.code === 'base') ? [...tiers, { code: 'base', ratioBp, nameZh: 'base', nameEn: 'base', qualifications: [] as string[] }] : tiers,
  ),
  perApplicationCapFen: fc.option(fc.integer({ min: 100_000, max: 2_000_000 }), { nil: null }),
  annualCapEnterpriseFen: fc.option(fc.integer({ min: 100_000, max: 3_000_000 }), { nil: null }),
  annualCapGroupFen: fc.option(fc.integer({ min: 100_000, max: 4_000_000 }), { nil: null }),
  // Mostly with a threshold (one in four without), so orders often test its comparison.
  fullCoverage: fc.option(fc.record({ thresholdFen: fc.integer({ min: 1, max: 60_000 }), comparison: fc.constantFrom('below', 'at_or_below') }), { nil: null, freq: 4 }),
  budgetFen: fc.integer({ min: 500_000, max: 6_000_000 }),
});

type Op =
  | { op: 'apply'; who: 0 | 1; amountFen: number }
  | { op: 'order'; voucher: number; priceFen: number; nearThreshold: -1 | 0 | 1 | null }
  | { op: 'cancel'; order: number }
  | { op: 'revoke'; voucher: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant('apply' as const),
      who: fc.constantFrom(0 as const, 1 as const),
      // Mostly within the caps' ranges, sometimes far above them.
      amountFen: fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 1, max: 150_000 }) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 2_500_000 }) }),
    }),
  },
  { weight: 5, arbitrary: fc.record({
      op: fc.constant('order' as const),
      voucher: fc.nat(3),
      priceFen: fc.oneof(fc.integer({ min: 1, max: 500_000 }), fc.integer({ min: 1, max: 3_000_000 })),
      // Often on the threshold or one fen either side, where "below" and "at or below" differ.
      nearThreshold: fc.option(fc.constantFrom(-1 as const, 0 as const, 0 as const, 1 as const), { nil: null, freq: 4 }),
    }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('cancel' as const), order: fc.nat(3) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('revoke' as const), voucher: fc.nat(3) }) },
);

/** Every run starts with a voucher that is always issued (the qualified applicant, under every cap), so orders have one to use. */
const opsArb: fc.Arbitrary<Op[]> = fc
  .tuple(fc.integer({ min: 1, max: 50_000 }), fc.array(opArb, { minLength: 3, maxLength: 8 }))
  .map(([amountFen, rest]): Op[] => [{ op: 'apply', who: 0, amountFen }, ...rest]);

/**
 * Policy properties over random programmes and operations, through the HTTP API against the real
 * database and queue (docs/policies.md):
 * - an order's subsidy is min(ratio × amount rounded down — or the whole amount under the
 *   threshold as the policy compares it —, the voucher's balance); an application is issued
 *   exactly when every applicable cap's remaining headroom and the budget allow it;
 * - every cap counter equals the ledger's committed, unreleased sum of its scope (commit −
 *   returned to the budget − recovered), and equals the model's.
 */
describe('policy properties (fast-check, real database and queue)', () => {
  let app: TestApp;
  let approver: Session;
  let reviewer: Session;
  let lab: { auth: Auth };
  const http = () => app.http();
  const today = shanghaiDate();

  beforeAll(async () => {
    // Revocations stay below the second-person threshold.
    app = await startTestApp({ env: { FOUR_EYES_THRESHOLD_FEN: String(100_000_000) } });
    [approver, reviewer] = await Promise.all([DEMO.approver, DEMO.reviewer].map((email) => login(app, email)));
    lab = await admittedProvider(app, '330402');
  });
  afterAll(() => app.close());

  /** Submits and, when submission is accepted, walks the two approvals; the application's final status and voucher. */
  async function apply(auth: Auth, programId: string, requestedFen: number): Promise<{ http: number; status?: string; voucherId?: string; reason?: string }> {
    const draft = await http().post('/api/v1/voucher-applications').set(auth).send({ programId, requestedFen, purpose: '随机检测' });
    if (draft.status !== 201) return { http: draft.status, reason: draft.body.message };
    const submitted = await http().post(`/api/v1/voucher-applications/${draft.body.id}/submit`).set(auth).send({});
    if (submitted.status !== 200) return { http: submitted.status, reason: submitted.body.message };
    for (const [who, stage] of [[reviewer.auth, 'district_review'], [approver.auth, 'city_approval']] as const) {
      const task = await waitForTask(app, who, submitted.body.caseId, stage);
      await http().post(`/api/v1/approval-tasks/${task.id}/decision`).set(who).send({ decision: 'approve' }).expect(200);
    }
    const done = await eventually(async () => {
      const res = await http().get(`/api/v1/voucher-applications/${draft.body.id}`).set(auth);
      return res.body.status === 'issued' || res.body.status === 'rejected' ? res.body : undefined;
    }, 20_000, 'issuance');
    return { http: 200, status: done.status, voucherId: done.voucherId ?? undefined, reason: done.rejectionReason ?? undefined };
  }

  /** Per scope, what the ledger says is still committed: commit − return_to_budget on each voucher, − its claims' recoveries. */
  async function ledgerUsage(programId: string): Promise<Record<string, number>> {
    const rows = (await app.dataSource.query(
      `WITH per_voucher AS (
         SELECT v.enterprise_id, v.controller_group_id,
                (SELECT COALESCE(sum(e.amount_fen), 0) FROM ledger_entries e JOIN ledger_transactions t ON t.id = e.transaction_id
                  WHERE e.account_id = v.available_account_id AND t.kind IN ('commit', 'return_to_budget'))
              - (SELECT COALESCE(sum(t.amount_fen), 0) FROM ledger_transactions t JOIN redemption_claims c ON c.id::text = split_part(t.reference_id, ':', 1)
                  WHERE t.kind = 'recover' AND c.voucher_id = v.id) AS used
           FROM vouchers v WHERE v.program_id = $1)
       SELECT 'enterprise:' || enterprise_id AS key, sum(used)::bigint AS used FROM per_voucher GROUP BY enterprise_id
       UNION ALL
       SELECT 'group:' || controller_group_id, sum(used)::bigint FROM per_voucher WHERE controller_group_id IS NOT NULL GROUP BY controller_group_id`,
      [programId],
    )) as { key: string; used: string }[];
    return Object.fromEntries(rows.map((r) => [r.key, Number(r.used)]));
  }

  /** Per scope, face value − released of its vouchers (what the group usage page lists per enterprise). */
  async function voucherUsage(programId: string): Promise<Record<string, number>> {
    const rows = (await app.dataSource.query(
      `SELECT 'enterprise:' || enterprise_id AS key, sum(face_value_fen - released_fen)::bigint AS used FROM vouchers WHERE program_id = $1 GROUP BY enterprise_id
       UNION ALL
       SELECT 'group:' || controller_group_id, sum(face_value_fen - released_fen)::bigint FROM vouchers WHERE program_id = $1 AND controller_group_id IS NOT NULL GROUP BY controller_group_id`,
      [programId],
    )) as { key: string; used: string }[];
    return Object.fromEntries(rows.map((r) => [r.key, Number(r.used)]));
  }

  async function counters(programId: string): Promise<Record<string, number>> {
    const rows = (await app.dataSource.query(`SELECT scope, scope_id, used_fen FROM program_cap_usage WHERE program_id = $1`, [programId])) as { scope: string; scope_id: string; used_fen: string }[];
    return Object.fromEntries(rows.map((r) => [`${r.scope}:${r.scope_id}`, Number(r.used_fen)]));
  }

  it('subsidies and issuance follow the policy exactly, and every cap counter equals the ledger’s committed, unreleased sum', async () => {
    let runs = 0;
    const stats = { issued: 0, orders: 0 };
    await fc.assert(
      fc.asyncProperty(policyArb, opsArb, async (policy, ops) => {
        runs += 1;
        const { fullCoverage, ...rest } = policy;
        const created = await http()
          .post('/api/v1/programs')
          .set(approver.auth)
          .send({
            issuingRegionCode: '330400', year: 2026, name: `性质测试 ${randomBytes(4).toString('hex')}`, useBy: addDays(today, 60), redeemBy: addDays(today, 120),
            redemptionMode: 'provider_redeems', settlementCycle: 'monthly', ...rest,
            ...(fullCoverage ? { fullCoverageThresholdFen: fullCoverage.thresholdFen, fullCoverageComparison: fullCoverage.comparison } : {}),
          })
          .expect(201);
        const programId = created.body.id as string;
        await http().post(`/api/v1/programs/${programId}/open`).set(approver.auth).expect(200);
        const group = (await http().post('/api/v1/controller-groups').set(approver.auth).send({ name: `随机集团 ${randomBytes(4).toString('hex')}`, controllerName: '张三' }).expect(201)).body.id as string;
        const people = [await registerOrganization(app, { kind: 'enterprise', regionCode: '330402' }), await registerOrganization(app, { kind: 'enterprise', regionCode: '330402' })];
        for (const p of people) await http().post(`/api/v1/organizations/${p.organization.id}/controller-group`).set(approver.auth).send({ controllerGroupId: group }).expect(200);
        // The first holds a verified high-tech qualification; the second none.
        await insertVerifiedQualification(app, people[0].organization.id, qualificationFields('high_tech', { validFrom: '2020-01-01', validTo: '2099-12-31' }));

        // The model.
        const ratioOf = (who: 0 | 1): number | null => {
          const eligible = policy.tiers.filter((t) => t.qualifications.length === 0 || who === 0);
          return eligible.length ? Math.max(...eligible.map((t) => t.ratioBp)) : null;
        };
        const used = { e: [0, 0], g: 0 };
        let budget = policy.budgetFen;
        const vouchers: { id: string; who: 0 | 1; available: number; held: number }[] = [];
        const orders: { id: string; voucher: number; held: number; open: boolean }[] = [];

        for (const op of ops) {
          if (op.op === 'apply') {
            const result = await apply(people[op.who].auth, programId, op.amountFen);
            const ratio = ratioOf(op.who);
            const overPerApp = policy.perApplicationCapFen !== null && op.amountFen > policy.perApplicationCapFen;
            const overCaps = (policy.annualCapEnterpriseFen !== null && used.e[op.who] + op.amountFen > policy.annualCapEnterpriseFen) || (policy.annualCapGroupFen !== null && used.g + op.amountFen > policy.annualCapGroupFen);
            if (overPerApp) expect(result.http).toBe(400);
            else if (ratio === null || overCaps) expect(result).toMatchObject({ http: 422 });
            else if (op.amountFen > budget) expect(result).toMatchObject({ http: 200, status: 'rejected' });
            else {
              expect(result).toMatchObject({ http: 200, status: 'issued' });
              vouchers.push({ id: result.voucherId!, who: op.who, available: op.amountFen, held: 0 });
              stats.issued += 1;
              used.e[op.who] += op.amountFen;
              used.g += op.amountFen;
              budget -= op.amountFen;
            }
          } else if (op.op === 'order') {
            // Indices pick among what exists, so most operations act on something.
            const v = vouchers[op.voucher % Math.max(1, vouchers.length)];
            if (!v) continue;
            const priceFen = fullCoverage && op.nearThreshold !== null ? Math.max(1, fullCoverage.thresholdFen + op.nearThreshold) : op.priceFen;
            const service = await listService(app, lab.auth, priceFen, `随机服务 ${priceFen}`);
            const res = await http().post('/api/v1/service-orders').set(people[v.who].auth).send({ serviceId: service.id, voucherId: v.id, quantity: 1 });
            const ratio = ratioOf(v.who)!;
            const inFull = fullCoverage !== null && (fullCoverage.comparison === 'below' ? priceFen < fullCoverage.thresholdFen : priceFen <= fullCoverage.thresholdFen);
            const expected = Math.min(inFull ? priceFen : Math.floor((priceFen * ratio) / 10_000), v.available);
            if (v.available <= 0 || expected === 0) {
              // Revoked, exhausted, or ratio × amount rounds down to 0 fen: refused in words.
              expect(res.status).toBe(422);
              continue;
            }
            expect({ status: res.status, held: res.body.subsidyHeldFen }).toEqual({ status: 201, held: expected });
            v.available -= expected;
            v.held += expected;
            orders.push({ id: res.body.id, voucher: vouchers.indexOf(v), held: expected, open: true });
            stats.orders += 1;
          } else if (op.op === 'cancel') {
            const o = orders[op.order % Math.max(1, orders.length)];
            if (!o || !o.open) continue;
            const v = vouchers[o.voucher];
            await http().post(`/api/v1/service-orders/${o.id}/cancel`).set(people[v.who].auth).send({}).expect(200);
            o.open = false;
            v.held -= o.held;
            v.available += o.held;
          } else {
            const v = vouchers[op.voucher % Math.max(1, vouchers.length)];
            if (!v || v.available < 0) continue;
            const res = await http().post(`/api/v1/vouchers/${v.id}/revoke`).set(approver.auth).send({ reason: '随机注销' });
            if (v.held > 0) {
              expect(res.status).toBeGreaterThanOrEqual(409);
              continue;
            }
            if (v.available === 0 && res.status === 409) continue; // an exhausted voucher may not be revocable
            expect(res.status).toBe(200);
            // Unspent money returns to the budget, and the headroom with it.
            used.e[v.who] -= v.available;
            used.g -= v.available;
            budget += v.available;
            v.available = -1; // revoked: never again
          }
          // After every step: counters = ledger = model.
          const [fromLedger, fromCounters] = [await ledgerUsage(programId), await counters(programId)];
          const model: Record<string, number> = {};
          people.forEach((p, i) => {
            if (vouchers.some((v) => v.who === i)) model[`enterprise:${p.organization.id}`] = used.e[i];
          });
          if (vouchers.length) model[`group:${group}`] = used.g;
          expect(fromLedger).toEqual(model);
          expect(await voucherUsage(programId)).toEqual(model);
          expect(Object.fromEntries(Object.entries(fromCounters).filter(([k]) => k in model))).toEqual(model);
        }
        const budgetNow = (await http().get(`/api/v1/programs/${programId}/budget`).set(approver.auth).expect(200)).body;
        expect({ available: budgetNow.availableFen, sum: budgetNow.ledgerSumFen }).toEqual({ available: budget, sum: 0 });
      }),
      { numRuns: Number(process.env.POLICY_PROPERTY_RUNS ?? 12), endOnFailure: true },
    );
    expect(runs).toBeGreaterThan(0);
    // Every run's first voucher was issued (its generator guarantees it), so no run was only refusals.
    expect(stats.issued).toBeGreaterThanOrEqual(runs);
    expect(await ledgerInvariants(app)).toEqual({ sum: 0, minBalance: expect.any(Number), drift: 0 });
  });
});
