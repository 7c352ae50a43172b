import { randomBytes } from 'node:crypto';
import type { Response } from 'supertest';
import { SEEDED_DEFINITIONS } from '../../src/modules/approvals/workflow-definition';
import { shanghaiDate } from '../../src/platform/database/shanghai-date';
import { publishWorkflow } from '../support/approvals';
import { registerOrganization } from '../support/factories';
import { DEMO, eventually, login, Session, startTestApp, TestApp } from '../support/test-app';
import { insertVerifiedQualification } from '../support/qualifications';
import { issueVoucher, ledgerInvariants, listService, openProgram } from '../support/vouchers';

type Auth = { Authorization: string };
type Registered = Awaited<ReturnType<typeof registerOrganization>>;

/**
 * Money under real concurrency (docs/domain.md, "Programmes and money": the ledger invariants): many parallel HTTP requests on one
 * hot voucher, one nearly exhausted budget, one order and one invoice number. Every race must end
 * in exact amounts and counts: never over-spent, never over-committed, never a 5xx.
 */
describe('money under concurrency: hot vouchers, a hot budget, racing transitions and claims', () => {
  const PRICE_FEN = 100_000; // 50 % → a subsidy of 50,000 fen per order
  const SUBSIDY_FEN = 50_000;

  let app: TestApp;
  let approver: Session;
  let reviewer: Session;
  let admin: Session;
  let programId: string;
  let provider: Registered;
  let serviceId: string;

  beforeAll(async () => {
    app = await startTestApp();
    [approver, reviewer, admin] = await Promise.all([login(app, DEMO.approver), login(app, DEMO.reviewer), login(app, DEMO.admin)]);
    // Full-coverage threshold 0: every order is subsidised at the ratio (50 %), never in full.
    programId = (await openProgram(app, approver.auth, { fullCoverageThresholdFen: 0 })).id;
    provider = await admittedProvider('330402'); // a Jiaxing (Nanhu) lab: local, no recognition agreement needed
    serviceId = (await listService(app, provider.auth, PRICE_FEN)).id;
  });
  afterAll(() => app?.close());

  /** A provider whose admission case has reached its review task, then marked admitted directly. */
  async function admittedProvider(regionCode: string): Promise<Registered> {
    const lab = await registerOrganization(app, { kind: 'provider', regionCode });
    await eventually(async () => {
      const rows = await app.dataSource.query(`SELECT 1 FROM approval_tasks t JOIN approval_cases c ON c.id = t.case_id WHERE c.subject_id = $1`, [lab.organization.id]);
      return rows.length > 0;
    }, 15_000, 'admission task');
    await app.dataSource.query(`UPDATE organizations SET admission_status = 'active' WHERE id = $1`, [lab.organization.id]);
    return lab;
  }

  /** A fresh Nanhu enterprise holding one voucher of `faceFen`, issued through the seeded two-stage workflow. */
  async function enterpriseWithVoucher(faceFen: number) {
    const enterprise = await registerOrganization(app, { kind: 'enterprise', regionCode: '330402' });
    const { voucherId } = await issueVoucher(app, enterprise.auth, reviewer.auth, approver.auth, programId, faceFen);
    return { enterprise, voucherId };
  }

  const order = (auth: Auth, voucherId: string) => app.http().post('/api/v1/service-orders').set(auth).send({ serviceId, voucherId, quantity: 1 });

  function statuses(responses: Response[]): Record<number, number> {
    const counts: Record<number, number> = {};
    for (const r of responses) counts[r.status] = (counts[r.status] ?? 0) + 1;
    return counts;
  }

  async function count(sql: string, params: unknown[]): Promise<number> {
    const [row] = (await app.dataSource.query(sql, params)) as { n: string | number }[];
    return Number(row.n);
  }

  const ledgerMovements = (kind: string, referenceId: string) =>
    count(`SELECT count(*) AS n FROM ledger_transactions WHERE kind = $1 AND reference_id = $2`, [kind, referenceId]);

  /** An order walked to 'confirmed' (accepted, delivered at its contract amount, confirmed by the enterprise). */
  async function confirmedOrder(enterprise: Auth, voucherId: string): Promise<string> {
    const created = await order(enterprise, voucherId).expect(201);
    const id = created.body.id as string;
    await app.http().post(`/api/v1/service-orders/${id}/accept`).set(provider.auth).expect(200);
    await app.http().post(`/api/v1/service-orders/${id}/deliver`).set(provider.auth).send({ reportNumber: `JXJC-${randomBytes(3).toString('hex')}`, actualAmountFen: PRICE_FEN, deliveredOn: shanghaiDate() }).expect(200);
    await app.http().post(`/api/v1/service-orders/${id}/confirm`).set(enterprise).expect(200);
    return id;
  }

  async function parallelOrdersOnOneVoucher(faceFen: number) {
    const { enterprise, voucherId } = await enterpriseWithVoucher(faceFen);
    const responses = await Promise.all(Array.from({ length: 200 }, () => order(enterprise.auth, voucherId)));
    return { enterprise, voucherId, responses };
  }

  async function expectVoucherSettledAt(enterprise: Auth, voucherId: string, faceFen: number, holds: number) {
    const voucher = await app.http().get(`/api/v1/vouchers/${voucherId}`).set(enterprise).expect(200);
    expect(voucher.body).toMatchObject({ faceValueFen: faceFen, availableFen: 0, heldFen: faceFen, status: 'exhausted' });
    const [orders] = (await app.dataSource.query(`SELECT count(*)::int AS n, COALESCE(sum(subsidy_held_fen), 0)::bigint AS held FROM service_orders WHERE voucher_id = $1`, [voucherId])) as {
      n: number;
      held: string;
    }[];
    expect({ orders: orders.n, heldFen: Number(orders.held) }).toEqual({ orders: holds, heldFen: faceFen });
    const statement = await app.http().get(`/api/v1/vouchers/${voucherId}/statement`).set(enterprise).expect(200);
    const lines = statement.body.lines as { account: string; movement: string; amountFen: number; balanceAfterFen: number }[];
    expect(lines.filter((l) => l.account === 'voucher_held' && l.movement === 'hold')).toHaveLength(holds);
    expect(lines.filter((l) => l.account === 'voucher_available' && l.movement === 'hold')).toHaveLength(holds);
    expect(lines.filter((l) => l.movement !== 'hold' && l.movement !== 'commit')).toEqual([]);
    // Running balances never dip below zero, in the order the entries were written.
    expect(Math.min(...lines.map((l) => l.balanceAfterFen))).toBe(0);
    expect(await ledgerInvariants(app)).toEqual({ sum: 0, minBalance: 0, drift: 0 });
  }

  it('200 parallel orders on one voucher of 1,000,000 fen: exactly 20 hold 50,000 each, 180 are refused with 422, nothing is over-spent', async () => {
    const { enterprise, voucherId, responses } = await parallelOrdersOnOneVoucher(1_000_000);
    expect(statuses(responses)).toEqual({ 201: 20, 422: 180 });
    const created = responses.filter((r) => r.status === 201);
    for (const r of created) expect(r.body).toMatchObject({ voucherId, contractAmountFen: PRICE_FEN, ratioBp: 5000, subsidyHeldFen: SUBSIDY_FEN, subsidyLimitedBy: 'ratio', status: 'created' });
    expect(new Set(created.map((r) => r.body.number)).size).toBe(20);
    for (const r of responses.filter((x) => x.status === 422)) {
      expect(r.body).toMatchObject({ statusCode: 422, code: 'BUSINESS_RULE_VIOLATED' });
      expect(r.body.message).toMatch(/exhausted|nothing left/);
    }
    await expectVoucherSettledAt(enterprise.auth, voucherId, 1_000_000, 20);
  });

  it('200 parallel orders on a voucher of 1,030,000 fen: 20 at the ratio, one limited by the balance to 30,000, 179 refused', async () => {
    const { enterprise, voucherId, responses } = await parallelOrdersOnOneVoucher(1_030_000);
    expect(statuses(responses)).toEqual({ 201: 21, 422: 179 });
    const created = responses.filter((r) => r.status === 201).map((r) => r.body as { subsidyHeldFen: number; subsidyLimitedBy: string; enterpriseShareFen: number });
    expect(created.filter((o) => o.subsidyLimitedBy === 'ratio' && o.subsidyHeldFen === SUBSIDY_FEN)).toHaveLength(20);
    expect(created.filter((o) => o.subsidyLimitedBy === 'voucher_balance')).toEqual([expect.objectContaining({ subsidyHeldFen: 30_000, enterpriseShareFen: 70_000 })]);
    await expectVoucherSettledAt(enterprise.auth, voucherId, 1_030_000, 21);
  });

  it('20 parallel cancellations of one order: one 200, nineteen 409, the hold released exactly once', async () => {
    const { enterprise, voucherId } = await enterpriseWithVoucher(200_000);
    const created = await order(enterprise.auth, voucherId).expect(201);
    const id = created.body.id as string;
    const responses = await Promise.all(Array.from({ length: 20 }, () => app.http().post(`/api/v1/service-orders/${id}/cancel`).set(enterprise.auth).send({ reason: '不再需要' })));
    expect(statuses(responses)).toEqual({ 200: 1, 409: 19 });
    expect(responses.find((r) => r.status === 200)?.body).toMatchObject({ status: 'cancelled', subsidyHeldFen: 0 });
    expect(await ledgerMovements('release', id)).toBe(1);
    const voucher = await app.http().get(`/api/v1/vouchers/${voucherId}`).set(enterprise.auth).expect(200);
    expect(voucher.body).toMatchObject({ availableFen: 200_000, heldFen: 0, status: 'active' });
    expect(await ledgerInvariants(app)).toEqual({ sum: 0, minBalance: 0, drift: 0 });
  });

  it('20 parallel deliveries of one order: one 200, nineteen 409, the hold shrunk exactly once', async () => {
    const { enterprise, voucherId } = await enterpriseWithVoucher(200_000);
    const created = await order(enterprise.auth, voucherId).expect(201);
    const id = created.body.id as string;
    await app.http().post(`/api/v1/service-orders/${id}/accept`).set(provider.auth).expect(200);
    // Each racer reports a different actual amount: whichever wins, the hold shrinks once, to its subsidy.
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        app.http().post(`/api/v1/service-orders/${id}/deliver`).set(provider.auth).send({ reportNumber: `JXJC-RACE-${i}`, actualAmountFen: 60_000 + i * 1_000, deliveredOn: shanghaiDate() }),
      ),
    );
    expect(statuses(responses)).toEqual({ 200: 1, 409: 19 });
    const winner = responses.find((r) => r.status === 200)!.body as { actualAmountFen: number; subsidyHeldFen: number };
    expect(winner.subsidyHeldFen).toBe(winner.actualAmountFen / 2);
    expect(await ledgerMovements('hold_adjust', id)).toBe(1);
    expect(await ledgerMovements('release', id)).toBe(0);
    const voucher = await app.http().get(`/api/v1/vouchers/${voucherId}`).set(enterprise.auth).expect(200);
    expect(voucher.body).toMatchObject({ availableFen: 200_000 - winner.subsidyHeldFen, heldFen: winner.subsidyHeldFen });
    expect(await ledgerInvariants(app)).toEqual({ sum: 0, minBalance: 0, drift: 0 });
  });

  it('20 parallel claims on one order: one 201, nineteen 409, one claim', async () => {
    const { enterprise, voucherId } = await enterpriseWithVoucher(200_000);
    const id = await confirmedOrder(enterprise.auth, voucherId);
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        app.http().post('/api/v1/redemption-claims').set(provider.auth).send({ orderId: id, contractNo: `HT-RACE-${i}`, invoiceNo: `330426001-${randomBytes(4).toString('hex')}`, paymentProof: `BANK-${i}`, reportNo: `JXJC-${i}` }),
      ),
    );
    expect(statuses(responses)).toEqual({ 201: 1, 409: 19 });
    expect(responses.find((r) => r.status === 201)?.body).toMatchObject({ orderId: id, amountFen: SUBSIDY_FEN, status: 'submitted' });
    expect(await count(`SELECT count(*) AS n FROM redemption_claims WHERE order_id = $1`, [id])).toBe(1);
    expect(await count(`SELECT count(*) AS n FROM approval_cases WHERE subject_type = 'redemption_claim' AND subject_id IN (SELECT id::text FROM redemption_claims WHERE order_id = $1)`, [id])).toBe(1);
  });

  it('10 parallel claims on different orders with one invoice number (typed differently): one 201, nine 409', async () => {
    const { enterprise, voucherId } = await enterpriseWithVoucher(1_000_000);
    const orderIds: string[] = [];
    for (let i = 0; i < 10; i += 1) orderIds.push(await confirmedOrder(enterprise.auth, voucherId));
    const invoice = `3304${randomBytes(4).toString('hex').toUpperCase()}`;
    // 发票号 is unique system-wide however it is typed: case, spaces and dashes do not make it new.
    const spellings = (i: number) => (i % 3 === 0 ? invoice : i % 3 === 1 ? invoice.toLowerCase() : `${invoice.slice(0, 4)}-${invoice.slice(4)}`);
    const responses = await Promise.all(
      orderIds.map((orderId, i) =>
        app.http().post('/api/v1/redemption-claims').set(provider.auth).send({ orderId, contractNo: `HT-INV-${i}`, invoiceNo: spellings(i), paymentProof: `BANK-INV-${i}`, reportNo: `JXJC-INV-${i}` }),
      ),
    );
    expect(statuses(responses)).toEqual({ 201: 1, 409: 9 });
    expect(await count(`SELECT count(*) AS n FROM redemption_claims WHERE invoice_no_normalized = $1`, [invoice])).toBe(1);
    // The losers' orders are untouched and can still be claimed with their own invoices.
    const winner = responses.find((r) => r.status === 201)!.body.orderId as string;
    const [{ n }] = await app.dataSource.query(`SELECT count(*)::int AS n FROM service_orders WHERE id = ANY($1::uuid[]) AND status = 'confirmed'`, [orderIds.filter((o) => o !== winner)]);
    expect(n).toBe(9);
    expect(await ledgerInvariants(app)).toEqual({ sum: 0, minBalance: 0, drift: 0 });
  });

  // Last: it publishes an auto-approving voucher_application workflow (restored afterwards).
  it('200 parallel auto-approved applications of 500,000 fen against a budget of 10,700,000: exactly 21 issued, 179 rejected budget_exhausted', async () => {
    const BUDGET_FEN = 10_700_000;
    const REQUEST_FEN = 500_000;
    const ISSUABLE = Math.floor(BUDGET_FEN / REQUEST_FEN); // 21, leaving 200,000 that no application can take
    const hot = await openProgram(app, approver.auth, { budgetFen: BUDGET_FEN, name: `并发预算测试 ${randomBytes(3).toString('hex')}` });

    // 200 Nanhu enterprises with a valid 科技型中小企业 qualification, so every pre-check passes.
    // Registration hashes a password (argon2, 64 MiB): in batches, not all at once.
    const enterprises: Registered[] = [];
    for (let batch = 0; batch < 200; batch += 20) {
      enterprises.push(...(await Promise.all(Array.from({ length: 20 }, () => registerOrganization(app, { kind: 'enterprise', regionCode: '330402' })))));
    }
    // Verified by the bureau (the verification workflow is proved in qualifications.e2e-spec.ts).
    await Promise.all(
      enterprises.map((e, i) => insertVerifiedQualification(app, e.organization.id, { kind: 'tech_sme', certificateNo: `GR-CONC-${randomBytes(3).toString('hex')}-${i}`, validFrom: '2026-01-01', validTo: '2028-12-31' })),
    );
    const drafts = await Promise.all(
      enterprises.map((e) => app.http().post('/api/v1/voucher-applications').set(e.auth).send({ programId: hot.id, requestedFen: REQUEST_FEN, purpose: '并发申领：材料检测' }).expect(201)),
    );

    const seeded = SEEDED_DEFINITIONS.find((d) => d.key === 'voucher_application')!;
    await publishWorkflow(app, admin.auth, 'voucher_application', 'voucher_application', [{ key: 'precheck', name: '自动预审', kind: 'precheck' }], { autoApproveBelowFen: 1_000_000 });
    try {
      const submitted = await Promise.all(enterprises.map((e, i) => app.http().post(`/api/v1/voucher-applications/${drafts[i].body.id}/submit`).set(e.auth).send({})));
      expect(statuses(submitted)).toEqual({ 200: 200 });

      // Watch the budget while the issuance jobs race: it never goes below zero.
      const budgetSamples: number[] = [];
      const settled = await eventually(async () => {
        const [budget] = (await app.dataSource.query(`SELECT balance_fen FROM ledger_accounts WHERE program_id = $1 AND kind = 'budget_available'`, [hot.id])) as { balance_fen: string }[];
        budgetSamples.push(Number(budget.balance_fen));
        const rows = (await app.dataSource.query(`SELECT status, count(*)::int AS n FROM voucher_applications WHERE program_id = $1 GROUP BY status`, [hot.id])) as { status: string; n: number }[];
        const by = Object.fromEntries(rows.map((r) => [r.status, r.n]));
        return (by.issued ?? 0) + (by.rejected ?? 0) === 200 ? by : undefined;
      }, 180_000, '200 applications issued or rejected');
      expect(settled).toEqual({ issued: ISSUABLE, rejected: 200 - ISSUABLE });
      expect(Math.min(...budgetSamples)).toBeGreaterThanOrEqual(0);

      const rejected = (await app.dataSource.query(`SELECT rejection_reason, voucher_id FROM voucher_applications WHERE program_id = $1 AND status = 'rejected'`, [hot.id])) as {
        rejection_reason: string;
        voucher_id: string | null;
      }[];
      expect(rejected.filter((r) => !r.rejection_reason.startsWith('budget_exhausted') || r.voucher_id !== null)).toEqual([]);
      // Every case was auto-approved; the refusals came from the budget at issuance.
      expect(await count(`SELECT count(*) AS n FROM approval_cases WHERE subject_type = 'voucher_application' AND status = 'approved' AND outcome_applied_at IS NOT NULL AND subject_id IN (SELECT id::text FROM voucher_applications WHERE program_id = $1)`, [hot.id])).toBe(200);

      const [vouchers] = (await app.dataSource.query(`SELECT count(*)::int AS n, count(DISTINCT enterprise_id)::int AS enterprises, COALESCE(sum(face_value_fen), 0)::bigint AS face FROM vouchers WHERE program_id = $1`, [hot.id])) as {
        n: number;
        enterprises: number;
        face: string;
      }[];
      expect({ n: vouchers.n, enterprises: vouchers.enterprises, face: Number(vouchers.face) }).toEqual({ n: ISSUABLE, enterprises: ISSUABLE, face: ISSUABLE * REQUEST_FEN });
      expect(await count(`SELECT count(*) AS n FROM ledger_transactions WHERE program_id = $1 AND kind = 'commit'`, [hot.id])).toBe(ISSUABLE);

      const budget = await app.http().get(`/api/v1/programs/${hot.id}/budget`).set(approver.auth).expect(200);
      expect(budget.body).toMatchObject({ budgetFen: BUDGET_FEN, availableFen: BUDGET_FEN - ISSUABLE * REQUEST_FEN, committedFen: ISSUABLE * REQUEST_FEN, heldFen: 0, ledgerSumFen: 0, vouchersIssued: ISSUABLE });
      // The budget account's running balance, entry by entry, never went below zero.
      const [{ low }] = (await app.dataSource.query(
        `SELECT min(running)::bigint AS low FROM (
           SELECT sum(e.amount_fen) OVER (ORDER BY e.id) AS running FROM ledger_entries e JOIN ledger_accounts a ON a.id = e.account_id
            WHERE a.program_id = $1 AND a.kind = 'budget_available') s`,
        [hot.id],
      )) as { low: string }[];
      expect(Number(low)).toBe(BUDGET_FEN - ISSUABLE * REQUEST_FEN);
      expect(await ledgerInvariants(app)).toEqual({ sum: 0, minBalance: 0, drift: 0 });
    } finally {
      await publishWorkflow(app, admin.auth, seeded.key, seeded.subjectType, seeded.stages as never, { autoApproveBelowFen: seeded.autoApproveBelowFen ?? null });
    }
  });

  // Issuance debits the budget last (docs/architecture.md, "Money"): it reads the budget unlocked, writes the voucher, and
  // debits right before commit. Here another movement holds the budget row, uncommitted, while the job reads and writes;
  // it commits while the job waits for the row, so the job's debit finds too little, the job fails as a whole, and its
  // retry refuses the application. Nothing of the first attempt remains.
  it('an issuance whose budget is taken between its unlocked read and its debit is retried and refused, leaving nothing behind', async () => {
    const hot = await openProgram(app, approver.auth, { budgetFen: 1_000_000, name: `预算竞争测试 ${randomBytes(3).toString('hex')}` });
    const enterprise = await registerOrganization(app, { kind: 'enterprise', regionCode: '330402' });
    await insertVerifiedQualification(app, enterprise.organization.id, { kind: 'tech_sme', certificateNo: `GR-RACE-${randomBytes(3).toString('hex')}`, validFrom: '2026-01-01', validTo: '2028-12-31' });
    const draft = await app.http().post('/api/v1/voucher-applications').set(enterprise.auth).send({ programId: hot.id, requestedFen: 600_000, purpose: '预算竞争' }).expect(201);
    const [{ id: budgetId }] = (await app.dataSource.query(`SELECT id FROM ledger_accounts WHERE program_id = $1 AND kind = 'budget_available'`, [hot.id])) as { id: string }[];
    const [{ id: elsewhere }] = (await app.dataSource.query(`INSERT INTO ledger_accounts (program_id, kind, owner_id) VALUES ($1, 'voucher_available', gen_random_uuid()) RETURNING id`, [hot.id])) as { id: string }[];

    const seeded = SEEDED_DEFINITIONS.find((d) => d.key === 'voucher_application')!;
    await publishWorkflow(app, admin.auth, 'voucher_application', 'voucher_application', [{ key: 'precheck', name: '自动预审', kind: 'precheck' }], { autoApproveBelowFen: 1_000_000 });
    const other = app.dataSource.createQueryRunner();
    await other.connect();
    try {
      await other.startTransaction();
      await other.query(`SELECT * FROM ledger_post($1, 'commit', 'voucher', $2, $3, $4, 500000, 'race', NULL)`, [hot.id, `race-${randomBytes(3).toString('hex')}`, budgetId, elsewhere]);
      await app.http().post(`/api/v1/voucher-applications/${draft.body.id}/submit`).set(enterprise.auth).send({}).expect(200);
      // The job has read 1,000,000 (the movement above is not committed), written its voucher, and waits for the row.
      await eventually(async () => {
        const waiting = await app.dataSource.query(`SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%ledger_post%' AND pid <> $1`, [
          ((await other.query(`SELECT pg_backend_pid() AS pid`)) as { pid: number }[])[0].pid,
        ]);
        return waiting.length > 0;
      }, 30_000, 'the issuance waiting for the budget row');
      await other.commitTransaction();
    } finally {
      if (other.isTransactionActive) await other.rollbackTransaction();
      await other.release();
    }
    try {
      const app1 = await eventually(async () => {
        const [row] = (await app.dataSource.query(`SELECT status, rejection_reason, voucher_id FROM voucher_applications WHERE id = $1`, [draft.body.id])) as { status: string; rejection_reason: string | null; voucher_id: string | null }[];
        return row.status === 'issued' || row.status === 'rejected' ? row : undefined;
      }, 30_000, 'the application decided');
      expect(app1).toMatchObject({ status: 'rejected', voucher_id: null });
      expect(app1.rejection_reason).toMatch(/^budget_exhausted: 500000 fen left, 600000 fen requested/);
      expect(await count(`SELECT count(*) AS n FROM vouchers WHERE program_id = $1`, [hot.id])).toBe(0);
      expect(await count(`SELECT count(*) AS n FROM ledger_transactions WHERE program_id = $1 AND kind = 'commit' AND memo IS DISTINCT FROM 'race'`, [hot.id])).toBe(0);
      const [{ balance_fen: left }] = (await app.dataSource.query(`SELECT balance_fen FROM ledger_accounts WHERE id = $1`, [budgetId])) as { balance_fen: string }[];
      expect(Number(left)).toBe(500_000);
      const books = await ledgerInvariants(app);
      expect({ sum: books.sum, drift: books.drift, negative: books.minBalance < 0 }).toEqual({ sum: 0, drift: 0, negative: false });
    } finally {
      await publishWorkflow(app, admin.auth, seeded.key, seeded.subjectType, seeded.stages as never, { autoApproveBelowFen: seeded.autoApproveBelowFen ?? null });
    }
  });

  // Found while writing the test above: with no review stage, a case whose pre-checks fail falls
  // off the end of its workflow and is approved anyway (CaseEngine.enterStage past the last stage).
  it('a pre-check-only workflow does not issue a voucher to an enterprise that fails the eligibility pre-check', async () => {
    const seeded = SEEDED_DEFINITIONS.find((d) => d.key === 'voucher_application')!;
    // A Shanghai enterprise is outside the Jiaxing programme's issuing region: eligibility fails.
    const outsider = await registerOrganization(app, { kind: 'enterprise', regionCode: '310000' });
    await insertVerifiedQualification(app, outsider.organization.id, { kind: 'tech_sme', certificateNo: `GR-OUT-${randomBytes(3).toString('hex')}`, validFrom: '2026-01-01', validTo: '2028-12-31' });
    const draft = await app.http().post('/api/v1/voucher-applications').set(outsider.auth).send({ programId, requestedFen: 500_000, purpose: '区域外企业申领' }).expect(201);
    await publishWorkflow(app, admin.auth, 'voucher_application', 'voucher_application', [{ key: 'precheck', name: '自动预审', kind: 'precheck' }], { autoApproveBelowFen: 1_000_000 });
    try {
      const submitted = await app.http().post(`/api/v1/voucher-applications/${draft.body.id}/submit`).set(outsider.auth).send({}).expect(200);
      const caseId = submitted.body.caseId as string;
      await eventually(async () => {
        const [kase] = await app.dataSource.query(`SELECT status, outcome_applied_at FROM approval_cases WHERE id = $1`, [caseId]);
        return kase.outcome_applied_at !== null;
      }, 20_000, 'the case to settle');
      const [finding] = await app.dataSource.query(`SELECT outcome FROM approval_findings WHERE case_id = $1 AND check_key = 'eligibility'`, [caseId]);
      expect(finding.outcome).toBe('fail');
      const application = await app.http().get(`/api/v1/voucher-applications/${draft.body.id}`).set(outsider.auth).expect(200);
      expect(application.body).toMatchObject({ status: 'rejected', voucherId: null });
      expect(await count(`SELECT count(*) AS n FROM vouchers WHERE enterprise_id = $1`, [outsider.organization.id])).toBe(0);
    } finally {
      await publishWorkflow(app, admin.auth, seeded.key, seeded.subjectType, seeded.stages as never, { autoApproveBelowFen: seeded.autoApproveBelowFen ?? null });
    }
  });
});
