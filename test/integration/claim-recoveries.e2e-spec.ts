import { randomBytes } from 'node:crypto';
import { paidClaim } from '../support/claims';
import { DEMO, login, Session, startTestApp, TestApp } from '../support/test-app';
import { admittedProvider, ledgerInvariants, listService } from '../support/vouchers';
import { shanghaiDate } from '../../src/platform/database/shanghai-date';

type Auth = { Authorization: string };

jest.setTimeout(180_000);

/** Above this many fen a claw-back needs a second person (low, so claims stay small and auto-approved). */
const THRESHOLD = 60_000;

/**
 * Claw-backs return to the budget (docs/domain.md, "Claw-backs and recoveries"): the issuing region's
 * finance records what the payee paid back, in instalments that never add up to more than was clawed
 * back; each one is a `recover` movement clawback_receivable → budget_available, and the claim is
 * `recovered` once nothing is owed.
 */
describe('recoveries of clawed-back claims', () => {
  let app: TestApp;
  let approver: Session;
  let reviewer: Session;
  let finance: Session;
  let finance2: Session;
  let admin: Session;
  let partner: Session;
  /** Finance officers outside the issuing city: 南湖区 (its scope covers the claims' enterprises), 秀洲区 and Shanghai (theirs does not). */
  let nanhuFinance: Session;
  let xiuzhouFinance: Session;
  let shanghaiFinance: Session;
  let lab: { auth: Auth; userId: string; service: { id: string }; cheap: { id: string } };
  const http = () => app.http();

  beforeAll(async () => {
    app = await startTestApp({ env: { FOUR_EYES_THRESHOLD_FEN: String(THRESHOLD) } });
    // Finance officers of other bureaus, with the demo password (fixtures, like the demo seed's users).
    for (const [email, agency] of [
      ['finance.nanhu@test.g60.cn', '嘉兴市南湖区科学技术局'],
      ['finance.xiuzhou@test.g60.cn', '嘉兴市秀洲区科学技术局'],
      ['finance.shanghai@test.g60.cn', '上海市研发公共服务平台管理中心'],
    ]) {
      await app.dataSource.query(
        `INSERT INTO users (organization_id, email, password_hash, display_name, role, is_org_admin)
         SELECT o.id, $1, u.password_hash, '财政专员', 'finance', false FROM organizations o, users u WHERE o.name = $2 AND u.email = $3`,
        [email, agency, DEMO.finance],
      );
    }
    [approver, reviewer, finance, finance2, admin, partner, nanhuFinance, xiuzhouFinance, shanghaiFinance] = await Promise.all(
      [DEMO.approver, DEMO.reviewer, DEMO.finance, DEMO.finance2, DEMO.admin, DEMO.partner, 'finance.nanhu@test.g60.cn', 'finance.xiuzhou@test.g60.cn', 'finance.shanghai@test.g60.cn'].map((email) =>
        login(app, email),
      ),
    );
    const provider = await admittedProvider(app, '330402');
    lab = {
      auth: provider.auth,
      userId: await me(provider.auth),
      service: await listService(app, provider.auth, 150_000),
      cheap: await listService(app, provider.auth, 50_000, '金相分析'),
    };
  });
  afterAll(() => app.close());

  async function me(auth: Auth): Promise<string> {
    return (await http().get('/api/v1/me').set(auth).expect(200)).body.user.id;
  }

  /** A claim paid in settlement (admin closes, finance approves, finance2 pays). */
  const paid = (serviceId: string) =>
    paidClaim(app, { lab: lab.auth, reviewer: reviewer.auth, approver: approver.auth, finance: finance.auth }, { closer: admin.auth, approver: finance.auth, payer: finance2.auth }, serviceId);

  /** A paid claim of 50,000 fen clawed back in one step (at or below the threshold). */
  async function clawedBack() {
    const made = await paid(lab.cheap.id);
    await http().post(`/api/v1/redemption-claims/${made.claimId}/claw-back`).set(finance.auth).send({ reason: '发票作废' }).expect(200);
    return made;
  }

  const recover = (auth: Auth, claimId: string, body: Record<string, unknown>) => http().post(`/api/v1/redemption-claims/${claimId}/recoveries`).set(auth).send(body);
  const instalment = (extra: Record<string, unknown> = {}) => ({ receivedOn: shanghaiDate(), reference: `JXCZ-${randomBytes(4).toString('hex')}`, ...extra });
  const budget = async (programId: string) => (await http().get(`/api/v1/programs/${programId}/budget`).set(finance.auth).expect(200)).body;
  const claimOf = async (claimId: string, auth: Auth = finance.auth) => (await http().get(`/api/v1/redemption-claims/${claimId}`).set(auth).expect(200)).body;
  const recoverMovements = async (claimId: string) =>
    (await app.dataSource.query(`SELECT count(*)::int AS n, COALESCE(sum(amount_fen), 0)::bigint AS fen FROM ledger_transactions WHERE kind = 'recover' AND reference_id LIKE $1`, [`${claimId}:%`]))[0] as {
      n: number;
      fen: string;
    };

  it('twenty parallel instalments worth more than the claw-back: exactly those that fit are recorded, and the budget grows by exactly their sum', async () => {
    const { claimId, amountFen, program } = await paid(lab.service.id);
    expect(amountFen).toBe(75_000);
    // Above the threshold the claw-back waits for a second finance officer.
    const asked = await http().post(`/api/v1/redemption-claims/${claimId}/claw-back`).set(finance.auth).send({ reason: '发票作废' }).expect(200);
    await http().post(`/api/v1/four-eyes-requests/${asked.body.fourEyesRequest.id}/confirm`).set(finance2.auth).send({}).expect(200);
    expect(await claimOf(claimId)).toMatchObject({ status: 'clawed_back', recoveredFen: 0, outstandingFen: 75_000 });
    const before = await budget(program.id);
    expect(before).toMatchObject({ clawbackReceivableFen: 75_000, paidFen: 0 });

    // 20 × 4,000 = 80,000 fen against 75,000 owed: 18 fit (72,000), 2 do not.
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => recover(finance.auth, claimId, instalment({ amountFen: 4_000, reference: `JXCZ-PART-${i}` }))));
    expect(answers.map((a) => a.status).sort()).toEqual([...Array(18).fill(201), 422, 422]);
    for (const refused of answers.filter((a) => a.status === 422)) {
      expect(refused.body).toMatchObject({
        statusCode: 422,
        code: 'RECOVERY_EXCEEDS_OUTSTANDING',
        details: { field: 'amountFen', amountFen: 4_000, outstandingFen: 3_000, clawedBackFen: 75_000, recoveredFen: 72_000 },
      });
      expect(refused.body.message).toContain('3000 fen');
    }
    // Every accepted answer saw what was still owed after it: 71,000, 67,000, … 3,000, each once.
    const owed = answers.filter((a) => a.status === 201).map((a) => a.body.outstandingFen as number).sort((a, b) => b - a);
    expect(owed).toEqual(Array.from({ length: 18 }, (_, i) => 75_000 - 4_000 * (i + 1)));
    expect(answers.filter((a) => a.status === 201).every((a) => a.body.claimStatus === 'clawed_back' && a.body.outstandingFen >= 0)).toBe(true);

    expect(await claimOf(claimId)).toMatchObject({ status: 'clawed_back', recoveredFen: 72_000, outstandingFen: 3_000 });
    const listed = (await http().get(`/api/v1/redemption-claims/${claimId}/recoveries`).set(finance.auth).expect(200)).body as { seq: number; amountFen: number; recordedById: string }[];
    expect(listed.map((r) => r.seq)).toEqual(Array.from({ length: 18 }, (_, i) => i + 1));
    expect(listed.reduce((sum, r) => sum + r.amountFen, 0)).toBe(72_000);
    expect(new Set(listed.map((r) => r.recordedById))).toEqual(new Set([await me(finance.auth)]));

    const after = await budget(program.id);
    expect(after).toMatchObject({ availableFen: before.availableFen + 72_000, clawbackReceivableFen: 3_000, ledgerSumFen: 0 });
    expect(await recoverMovements(claimId)).toEqual({ n: 18, fen: '72000' });
    const [{ audits }] = await app.dataSource.query(`SELECT count(*)::int AS audits FROM audit_events WHERE subject_id = $1 AND action = 'redemption_claim.recovery_recorded'`, [claimId]);
    expect(audits).toBe(18);
    expect(await ledgerInvariants(app)).toEqual({ sum: 0, minBalance: 0, drift: 0 });
  });

  it('the instalment that repays the rest makes the claim recovered, a further one is 409, and a replayed key answers the same recovery', async () => {
    const { claimId, program } = await clawedBack();
    const before = await budget(program.id);

    const first = () => recover(finance.auth, claimId, { amountFen: 20_000, receivedOn: shanghaiDate(), reference: 'JXCZ-20261120-0042', note: '第一期' }).set('Idempotency-Key', `recovery-${claimId}`);
    const recorded = await first().expect(201);
    expect(recorded.body).toMatchObject({ claimId, seq: 1, amountFen: 20_000, reference: 'JXCZ-20261120-0042', note: '第一期', claimStatus: 'clawed_back', outstandingFen: 30_000, recoveredFen: 20_000 });
    const replay = await first().expect(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual(recorded.body);
    expect(await recoverMovements(claimId)).toEqual({ n: 1, fen: '20000' });

    // Without an amount, the recovery is all that is still owed.
    const rest = await recover(finance2.auth, claimId, instalment()).expect(201);
    expect(rest.body).toMatchObject({ seq: 2, amountFen: 30_000, claimStatus: 'recovered', outstandingFen: 0, recoveredFen: 50_000 });
    expect(await claimOf(claimId)).toMatchObject({ status: 'recovered', amountFen: 50_000, recoveredFen: 50_000, outstandingFen: 0 });
    const listed = (await http().get(`/api/v1/redemption-claims?programId=${program.id}&status=recovered`).set(finance.auth).expect(200)).body;
    expect(listed).toEqual([expect.objectContaining({ id: claimId, recoveredFen: 50_000, outstandingFen: 0 })]);
    expect(await budget(program.id)).toMatchObject({ availableFen: before.availableFen + 50_000, clawbackReceivableFen: 0, ledgerSumFen: 0 });

    const again = await recover(finance.auth, claimId, instalment({ amountFen: 1 })).expect(409);
    expect(again.body).toMatchObject({ code: 'ILLEGAL_TRANSITION', details: { current: 'recovered', event: 'recover', allowedFrom: ['clawed_back'] } });
    expect(await recoverMovements(claimId)).toEqual({ n: 2, fen: '50000' });

    // Audited, and the payee and the other finance officers are told (outbox, in the same transaction).
    const trail = (await app.dataSource.query(`SELECT action FROM audit_events WHERE subject_id = $1 ORDER BY id`, [claimId])) as { action: string }[];
    expect(trail.map((a) => a.action).slice(-3)).toEqual(['redemption_claim.recovery_recorded', 'redemption_claim.recovery_recorded', 'redemption_claim.recovered']);
    const jobs = (await app.dataSource.query(`SELECT payload FROM outbox WHERE payload->>'kind' = 'redemption_claim.recovery_recorded' AND payload->>'subjectId' = $1 ORDER BY id`, [claimId])) as {
      payload: { userIds: string[] };
    }[];
    expect(jobs).toHaveLength(2);
    expect(jobs[0].payload.userIds).toEqual(expect.arrayContaining([lab.userId, await me(finance2.auth)]));
    expect(jobs[0].payload.userIds).not.toContain(await me(finance.auth));
    expect(await ledgerInvariants(app)).toEqual({ sum: 0, minBalance: 0, drift: 0 });
  });

  it('only the issuing city’s finance records a recovery: the payee, other bureaus and other regions’ finance are refused, and nothing moves', async () => {
    const { claimId, program } = await paid(lab.cheap.id);
    // Not clawed back yet: nothing is owed.
    expect((await recover(finance.auth, claimId, instalment({ amountFen: 1_000 })).expect(409)).body.code).toBe('ILLEGAL_TRANSITION');
    await http().post(`/api/v1/redemption-claims/${claimId}/claw-back`).set(finance.auth).send({ reason: '发票作废' }).expect(200);
    const before = await budget(program.id);

    for (const who of [lab, approver, reviewer, partner, admin, nanhuFinance]) {
      const refused = await recover(who.auth, claimId, instalment({ amountFen: 1_000 })).expect(403);
      expect(refused.body).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
    }
    for (const who of [xiuzhouFinance, shanghaiFinance]) {
      expect((await recover(who.auth, claimId, instalment({ amountFen: 1_000 })).expect(404)).body).toMatchObject({ code: 'NOT_FOUND' });
      await http().get(`/api/v1/redemption-claims/${claimId}/recoveries`).set(who.auth).expect(404);
    }
    // The payee reads what it still owes.
    expect(await claimOf(claimId, lab.auth)).toMatchObject({ status: 'clawed_back', recoveredFen: 0, outstandingFen: 50_000 });
    expect((await http().get(`/api/v1/redemption-claims/${claimId}/recoveries`).set(lab.auth).expect(200)).body).toEqual([]);
    expect(await recoverMovements(claimId)).toEqual({ n: 0, fen: '0' });
    expect(await budget(program.id)).toEqual(before);
  });

  it('a bad body is refused with its field and nothing is written', async () => {
    const { claimId, program } = await clawedBack();
    const before = await budget(program.id);
    const tomorrow = new Date(Date.parse(`${shanghaiDate()}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const cases: [Record<string, unknown>, string][] = [
      [instalment({ amountFen: 0 }), 'amountFen'],
      [instalment({ amountFen: -500 }), 'amountFen'],
      [instalment({ amountFen: '500' }), 'amountFen'],
      [instalment({ amountFen: 12.5 }), 'amountFen'],
      [{ receivedOn: shanghaiDate(), amountFen: 500 }, 'reference'],
      [instalment({ reference: '   ' }), 'reference'],
      [instalment({ reference: 'X'.repeat(101) }), 'reference'],
      [{ reference: 'JXCZ-1', amountFen: 500 }, 'receivedOn'],
      [instalment({ receivedOn: '2026-02-30' }), 'receivedOn'],
      [instalment({ receivedOn: tomorrow }), 'receivedOn'],
      [instalment({ claimId }), 'claimId'],
    ];
    for (const [body, field] of cases) {
      const res = await recover(finance.auth, claimId, body);
      expect({ field, status: res.status, code: res.body.code }).toEqual({ field, status: 400, code: 'VALIDATION_FAILED' });
      expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field, message: expect.any(String) })]));
    }
    // More than is owed is a business rule, with the numbers.
    const tooMuch = await recover(finance.auth, claimId, instalment({ amountFen: 50_001 })).expect(422);
    expect(tooMuch.body).toMatchObject({ code: 'RECOVERY_EXCEEDS_OUTSTANDING', details: { amountFen: 50_001, outstandingFen: 50_000 } });

    expect(await recoverMovements(claimId)).toEqual({ n: 0, fen: '0' });
    const [{ rows }] = await app.dataSource.query(`SELECT count(*)::int AS rows FROM redemption_claim_recoveries WHERE claim_id = $1`, [claimId]);
    expect(rows).toBe(0);
    expect(await budget(program.id)).toEqual(before);
    expect(await claimOf(claimId)).toMatchObject({ status: 'clawed_back', outstandingFen: 50_000 });
  });
});
