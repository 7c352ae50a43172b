import { batchWithClaim as makeBatchWithClaim, paidClaim as makePaidClaim, settlementStep } from '../support/claims';
import { registerOrganization } from '../support/factories';
import { DEMO, eventually, login, Session, startTestApp, TestApp } from '../support/test-app';
import { issueVoucher, ledgerInvariants, listService, openProgram } from '../support/vouchers';

type Auth = { Authorization: string };

jest.setTimeout(180_000);

/** Above this many fen a revocation or claw-back needs a second person (set low so claims stay auto-approved). */
const THRESHOLD = 60_000;

/**
 * Four eyes on money (docs/security.md): whoever closes a settlement batch cannot approve it, whoever
 * approves it cannot pay it (the service refuses, and so does the database); voucher revocations and
 * claw-backs above FOUR_EYES_THRESHOLD_FEN wait for a second authorised person of the paying region.
 */
describe('four eyes on money', () => {
  let app: TestApp;
  let approver: Session;
  let approver2: Session;
  let reviewer: Session;
  let finance: Session;
  let finance2: Session;
  let admin: Session;
  let partner: Session;
  let lab: { auth: Auth; service: { id: string }; cheap: { id: string } };
  const http = () => app.http();

  beforeAll(async () => {
    app = await startTestApp({ env: { FOUR_EYES_THRESHOLD_FEN: String(THRESHOLD) } });
    // A second approver of 嘉兴市科学技术局, with the demo password (a fixture, like the demo seed).
    await app.dataSource.query(
      `INSERT INTO users (organization_id, email, password_hash, display_name, role, is_org_admin)
       SELECT organization_id, 'approver2@test.g60.cn', password_hash, '市科技局复核员', role, false FROM users WHERE email = $1`,
      [DEMO.approver],
    );
    [approver, approver2, reviewer, finance, finance2, admin, partner] = await Promise.all(
      [DEMO.approver, 'approver2@test.g60.cn', DEMO.reviewer, DEMO.finance, DEMO.finance2, DEMO.admin, DEMO.partner].map((email) => login(app, email)),
    );
    const provider = await registerOrganization(app, { kind: 'provider', regionCode: '330402' });
    await eventually(async () => ((await app.dataSource.query(`SELECT 1 FROM approval_cases WHERE subject_id = $1`, [provider.organization.id])) as unknown[]).length > 0, 15_000, 'admission case');
    await app.dataSource.query(`UPDATE organizations SET admission_status = 'active' WHERE id = $1`, [provider.organization.id]);
    lab = { auth: provider.auth, service: await listService(app, provider.auth, 150_000), cheap: await listService(app, provider.auth, 50_000, '金相分析') };
  });
  afterAll(() => app.close());

  async function expectLedgerBalanced() {
    expect(await ledgerInvariants(app)).toEqual({ sum: 0, minBalance: 0, drift: 0 });
  }

  const people = () => ({ lab: lab.auth, reviewer: reviewer.auth, approver: approver.auth, finance: finance.auth });
  /** A programme with one voucher and one paid-for, claimed and (automatically) approved order; returns its open batch. */
  const batchWithClaim = (serviceId: string) => makeBatchWithClaim(app, people(), serviceId);
  const step = (auth: Auth, batchId: string, action: 'close' | 'approve' | 'pay') => settlementStep(app, auth, batchId, action);
  /** A claim paid in settlement by three different officers (admin closes, finance approves, finance2 pays). */
  const paidClaim = (serviceId: string) => makePaidClaim(app, people(), { closer: admin.auth, approver: finance.auth, payer: finance2.auth }, serviceId);

  async function me(auth: Auth): Promise<string> {
    return (await http().get('/api/v1/me').set(auth).expect(200)).body.user.id;
  }

  describe('settlement batches', () => {
    it('the closer cannot approve and the approver cannot pay; two different officers can take it through', async () => {
      const { batchId } = await batchWithClaim(lab.service.id);
      await step(finance.auth, batchId, 'close').expect(200);
      const selfApprove = await step(finance.auth, batchId, 'approve').expect(403);
      expect(selfApprove.body).toMatchObject({ statusCode: 403, code: 'SECOND_PERSON_REQUIRED' });
      expect((await http().get(`/api/v1/settlement-batches/${batchId}`).set(finance.auth).expect(200)).body.status).toBe('closed');

      await step(finance2.auth, batchId, 'approve').expect(200);
      const selfPay = await step(finance2.auth, batchId, 'pay').expect(403);
      expect(selfPay.body.code).toBe('SECOND_PERSON_REQUIRED');
      expect((await http().get(`/api/v1/settlement-batches/${batchId}`).set(finance.auth).expect(200)).body.status).toBe('approved');

      // The closer may pay: the rule is about consecutive steps.
      const paid = await step(finance.auth, batchId, 'pay').expect(200);
      const [financeId, finance2Id] = [await me(finance.auth), await me(finance2.auth)];
      expect(paid.body).toMatchObject({
        status: 'paid',
        closedBy: { id: financeId, displayName: '财政局结算员' },
        approvedBy: { id: finance2Id, displayName: '财政局复核员' },
        paidBy: { id: financeId, displayName: '财政局结算员' },
      });
      await expectLedgerBalanced();
    });

    it('three different people (platform closes, finance approves, a second officer pays) pass; a cut-off closing has no closer', async () => {
      const { batchId, claimId } = await paidClaim(lab.service.id);
      const batch = (await http().get(`/api/v1/settlement-batches/${batchId}`).set(finance.auth).expect(200)).body;
      expect(batch).toMatchObject({ status: 'paid', closedBy: { id: await me(admin.auth) }, approvedBy: { id: await me(finance.auth) }, paidBy: { id: await me(finance2.auth) } });
      expect((await http().get(`/api/v1/redemption-claims/${claimId}`).set(finance.auth).expect(200)).body.status).toBe('paid');

      const cutOff = await batchWithClaim(lab.service.id);
      await app.dataSource.query(`UPDATE settlement_batches SET status = 'closed', closed_at = now() WHERE id = $1`, [cutOff.batchId]);
      const approved = await step(finance.auth, cutOff.batchId, 'approve').expect(200);
      expect(approved.body).toMatchObject({ status: 'approved', closedBy: null, approvedBy: { id: await me(finance.auth) }, paidBy: null });
    });

    it('the database refuses a batch whose closer approved it or whose approver paid it, whatever code writes it', async () => {
      const { batchId } = await paidClaim(lab.service.id);
      await expect(app.dataSource.query(`UPDATE settlement_batches SET paid_by = approved_by WHERE id = $1`, [batchId])).rejects.toMatchObject({
        driverError: expect.objectContaining({ code: '23514', constraint: 'settlement_batches_approver_not_payer' }),
      });
      await expect(app.dataSource.query(`UPDATE settlement_batches SET closed_by = approved_by WHERE id = $1`, [batchId])).rejects.toMatchObject({
        driverError: expect.objectContaining({ code: '23514', constraint: 'settlement_batches_closer_not_approver' }),
      });
      // Batches from before the rule (no closer or payer recorded) stay valid.
      await app.dataSource.query(`UPDATE settlement_batches SET closed_by = NULL, paid_by = NULL WHERE id = $1`, [batchId]);
    });
  });

  describe('claw-backs', () => {
    it(`at or below ${THRESHOLD} fen one finance officer claws back in one step`, async () => {
      const { claimId, amountFen, program } = await paidClaim(lab.cheap.id);
      expect(amountFen).toBe(50_000);
      const clawed = await http().post(`/api/v1/redemption-claims/${claimId}/claw-back`).set(finance.auth).send({ reason: '发票作废' }).expect(200);
      expect(clawed.body).toMatchObject({ status: 'clawed_back', amountFen: 50_000 });
      expect(clawed.body.fourEyesRequest).toBeUndefined();
      expect((await http().get(`/api/v1/programs/${program.id}/budget`).set(finance.auth).expect(200)).body).toMatchObject({ paidFen: 0, clawbackReceivableFen: 50_000 });
    });

    it('above the threshold the claw-back waits for a second person; the requester cannot confirm; many parallel confirmations move the money once', async () => {
      const { claimId, amountFen, program } = await paidClaim(lab.service.id);
      expect(amountFen).toBe(75_000);
      const asked = await http().post(`/api/v1/redemption-claims/${claimId}/claw-back`).set(finance.auth).send({ reason: '发票作废' }).expect(200);
      expect(asked.body).toMatchObject({ status: 'paid', fourEyesRequest: { kind: 'claim_claw_back', subjectId: claimId, amountFen: 75_000, status: 'pending', requestedBy: { id: await me(finance.auth) } } });
      const requestId = asked.body.fourEyesRequest.id as string;
      const budget = async () => (await http().get(`/api/v1/programs/${program.id}/budget`).set(finance.auth).expect(200)).body;
      expect(await budget()).toMatchObject({ paidFen: 75_000, clawbackReceivableFen: 0 });

      // A second request for the same claim, the requester confirming, other regions and roles: refused.
      expect((await http().post(`/api/v1/redemption-claims/${claimId}/claw-back`).set(approver.auth).send({ reason: '重复' }).expect(409)).body.code).toBe('CONFLICT');
      expect((await http().post(`/api/v1/four-eyes-requests/${requestId}/confirm`).set(finance.auth).send({}).expect(403)).body.code).toBe('SECOND_PERSON_REQUIRED');
      await http().post(`/api/v1/four-eyes-requests/${requestId}/confirm`).set(partner.auth).send({}).expect(403);
      await http().post(`/api/v1/four-eyes-requests/${requestId}/confirm`).set(reviewer.auth).send({}).expect(403);
      await http().post(`/api/v1/four-eyes-requests/${requestId}/confirm`).set(admin.auth).send({}).expect(403);
      await http().get(`/api/v1/four-eyes-requests/${requestId}`).set(partner.auth).expect(403);
      expect(await budget()).toMatchObject({ paidFen: 75_000, clawbackReceivableFen: 0 });

      // The second person sees it waiting.
      const pending = (await http().get('/api/v1/four-eyes-requests?status=pending').set(finance2.auth).expect(200)).body as { id: string }[];
      expect(pending.map((r) => r.id)).toContain(requestId);

      const answers = await Promise.all(Array.from({ length: 12 }, () => http().post(`/api/v1/four-eyes-requests/${requestId}/confirm`).set(finance2.auth).send({ note: '已核实' })));
      expect(answers.map((a) => a.status).sort()).toEqual([200, ...Array(11).fill(409)]);
      const ok = answers.find((a) => a.status === 200)!;
      expect(ok.body).toMatchObject({ status: 'confirmed', decidedBy: { id: await me(finance2.auth) }, decisionNote: '已核实' });
      expect((await http().get(`/api/v1/redemption-claims/${claimId}`).set(finance.auth).expect(200)).body.status).toBe('clawed_back');
      const [{ n }] = await app.dataSource.query(`SELECT count(*)::int AS n FROM ledger_transactions WHERE kind = 'claw_back' AND reference_id = $1`, [claimId]);
      expect(n).toBe(1);
      expect(await budget()).toMatchObject({ paidFen: 0, clawbackReceivableFen: 75_000, ledgerSumFen: 0 });
      const audit = (await app.dataSource.query(`SELECT action, actor_user_id FROM audit_events WHERE subject_id = $1 ORDER BY id`, [requestId])) as { action: string; actor_user_id: string }[];
      expect(audit).toEqual([
        { action: 'four_eyes_request.opened', actor_user_id: await me(finance.auth) },
        { action: 'four_eyes_request.confirmed', actor_user_id: await me(finance2.auth) },
      ]);
      await expectLedgerBalanced();
    });
  });

  describe('voucher revocations', () => {
    it(`at or below ${THRESHOLD} fen one approver revokes in one step`, async () => {
      const program = await openProgram(app, approver.auth);
      const enterprise = await registerOrganization(app, { kind: 'enterprise', regionCode: '330402' });
      const { voucherId } = await issueVoucher(app, enterprise.auth, reviewer.auth, approver.auth, program.id, 60_000);
      const revoked = await http().post(`/api/v1/vouchers/${voucherId}/revoke`).set(approver.auth).send({ reason: '骗取补贴' }).expect(200);
      expect(revoked.body).toMatchObject({ status: 'revoked', availableFen: 0 });
      expect(revoked.body.fourEyesRequest).toBeUndefined();
    });

    it('above the threshold a second approver confirms; the requester or finance cannot; a cancelled request moves nothing', async () => {
      const program = await openProgram(app, approver.auth);
      const enterprise = await registerOrganization(app, { kind: 'enterprise', regionCode: '330402' });
      const { voucherId } = await issueVoucher(app, enterprise.auth, reviewer.auth, approver.auth, program.id, 500_000);
      const budget = async () => (await http().get(`/api/v1/programs/${program.id}/budget`).set(finance.auth).expect(200)).body;
      const voucher = async () => (await http().get(`/api/v1/vouchers/${voucherId}`).set(approver.auth).expect(200)).body;

      const first = await http().post(`/api/v1/vouchers/${voucherId}/revoke`).set(approver.auth).send({ reason: '骗取补贴' }).expect(200);
      expect(first.body).toMatchObject({ status: 'active', availableFen: 500_000, fourEyesRequest: { kind: 'voucher_revocation', amountFen: 500_000, status: 'pending' } });
      const firstId = first.body.fourEyesRequest.id as string;
      expect((await http().post(`/api/v1/four-eyes-requests/${firstId}/confirm`).set(approver.auth).send({}).expect(403)).body.code).toBe('SECOND_PERSON_REQUIRED');
      // Finance may not revoke vouchers, so it cannot be the second person either.
      await http().post(`/api/v1/four-eyes-requests/${firstId}/confirm`).set(finance.auth).send({}).expect(403);
      const cancelled = await http().post(`/api/v1/four-eyes-requests/${firstId}/cancel`).set(approver.auth).send({ note: '证据不足' }).expect(200);
      expect(cancelled.body).toMatchObject({ status: 'cancelled', decisionNote: '证据不足' });
      expect((await http().post(`/api/v1/four-eyes-requests/${firstId}/confirm`).set(approver2.auth).send({}).expect(409)).body.code).toBe('ILLEGAL_TRANSITION');
      expect(await voucher()).toMatchObject({ status: 'active', availableFen: 500_000 });
      const before = await budget();

      const second = await http().post(`/api/v1/vouchers/${voucherId}/revoke`).set(approver.auth).send({ reason: '骗取补贴（复核）' }).expect(200);
      const secondId = second.body.fourEyesRequest.id as string;
      const answers = await Promise.all(Array.from({ length: 12 }, () => http().post(`/api/v1/four-eyes-requests/${secondId}/confirm`).set(approver2.auth).send({})));
      expect(answers.map((a) => a.status).sort()).toEqual([200, ...Array(11).fill(409)]);
      expect(await voucher()).toMatchObject({ status: 'revoked', availableFen: 0 });
      expect(await budget()).toMatchObject({ availableFen: before.availableFen + 500_000, committedFen: before.committedFen - 500_000, ledgerSumFen: 0 });
      const [{ n }] = await app.dataSource.query(`SELECT count(*)::int AS n FROM ledger_transactions WHERE kind = 'return_to_budget' AND reference_id = $1`, [voucherId]);
      expect(n).toBe(1);
      await http().post(`/api/v1/four-eyes-requests/${secondId}/cancel`).set(approver.auth).send({}).expect(409);
      await expectLedgerBalanced();
    });

    it('a request and its confirmation replayed with the same Idempotency-Key answer the same, and move the money once', async () => {
      const program = await openProgram(app, approver.auth);
      const enterprise = await registerOrganization(app, { kind: 'enterprise', regionCode: '330402' });
      const { voucherId } = await issueVoucher(app, enterprise.auth, reviewer.auth, approver.auth, program.id, 300_000);
      const ask = () => http().post(`/api/v1/vouchers/${voucherId}/revoke`).set(approver.auth).set('Idempotency-Key', `revoke-${voucherId}`).send({ reason: '骗取补贴' });
      const [first, replay] = [await ask().expect(200), await ask().expect(200)];
      expect(replay.body.fourEyesRequest.id).toBe(first.body.fourEyesRequest.id);
      const id = first.body.fourEyesRequest.id as string;
      const confirm = () => http().post(`/api/v1/four-eyes-requests/${id}/confirm`).set(approver2.auth).set('Idempotency-Key', `confirm-${id}`).send({});
      const [done, again] = [await confirm().expect(200), await confirm().expect(200)];
      expect(again.body).toEqual(done.body);
      expect(done.body.status).toBe('confirmed');
      const [{ n }] = await app.dataSource.query(`SELECT count(*)::int AS n FROM ledger_transactions WHERE kind = 'return_to_budget' AND reference_id = $1`, [voucherId]);
      expect(n).toBe(1);
      const [{ requests }] = await app.dataSource.query(`SELECT count(*)::int AS requests FROM four_eyes_requests WHERE subject_id = $1`, [voucherId]);
      expect(requests).toBe(1);
    });

    it('the database refuses a request confirmed by its requester', async () => {
      const [row] = await app.dataSource.query(`SELECT id, requested_by FROM four_eyes_requests WHERE status = 'confirmed' LIMIT 1`);
      await expect(app.dataSource.query(`UPDATE four_eyes_requests SET decided_by = requested_by WHERE id = $1`, [row.id])).rejects.toMatchObject({
        driverError: expect.objectContaining({ constraint: 'four_eyes_requests_second_person' }),
      });
    });
  });
});
