import { randomBytes } from 'node:crypto';
import { shanghaiDate } from '../../src/platform/database/shanghai-date';
import { providerUnderNotice } from '../support/approvals';
import { batchWithClaim } from '../support/claims';
import { registerOrganization } from '../support/factories';
import { DEMO, login, Session, startTestApp, TestApp } from '../support/test-app';
import { admittedProvider, issueVoucher, ledgerInvariants, listService, openProgram, recogniseShanghaiProviders } from '../support/vouchers';

type Auth = { Authorization: string };

jest.setTimeout(240_000);

/** Above this many fen a misconduct record waits for a second approver (four eyes). */
const THRESHOLD = 2_000_000;

/**
 * Ratings (评价), misconduct (失信), the public 公示 list and partner statements
 * (docs/domain.md "Ratings" and "Misconduct"; docs/security.md "Ratings and credit").
 */
describe('ratings and credit', () => {
  let app: TestApp;
  let approver: Session;
  let approver2: Session;
  let hangzhou: Session;
  let reviewer: Session;
  let finance: Session;
  let partner: Session;
  let lab: { auth: Auth; id: string; service: { id: string } };
  const http = () => app.http();
  const digits = (n: number) => Array.from(randomBytes(n), (b) => String(b % 10)).join('');

  beforeAll(async () => {
    app = await startTestApp({ env: { FOUR_EYES_THRESHOLD_FEN: String(THRESHOLD) } });
    // A second approver of 嘉兴市科学技术局, and an approver of 杭州市科学技术局 (another paying region).
    await app.dataSource.query(
      `INSERT INTO users (organization_id, email, password_hash, display_name, role, is_org_admin)
       SELECT organization_id, 'approver2@test.g60.cn', password_hash, '市科技局复核员', role, false FROM users WHERE email = $1`,
      [DEMO.approver],
    );
    const [hz] = (await app.dataSource.query(
      `INSERT INTO organizations (kind, name, region_code, agency_level, status, accreditations) VALUES ('agency', '杭州市科学技术局', '330100', 'city', 'active', '{}') RETURNING id`,
    )) as { id: string }[];
    await app.dataSource.query(
      `INSERT INTO users (organization_id, email, password_hash, display_name, role, is_org_admin)
       SELECT $2, 'approver.hz@test.g60.cn', password_hash, '杭州审批员', 'approver', false FROM users WHERE email = $1`,
      [DEMO.approver, hz.id],
    );
    [approver, approver2, hangzhou, reviewer, finance, partner] = await Promise.all(
      [DEMO.approver, 'approver2@test.g60.cn', 'approver.hz@test.g60.cn', DEMO.reviewer, DEMO.finance, DEMO.partner].map((email) => login(app, email)),
    );
    const provider = await admittedProvider(app, '330402');
    lab = { auth: provider.auth, id: provider.organization.id, service: await listService(app, provider.auth, 40_000) };
  });
  afterAll(() => app.close());

  async function enterpriseWithVoucher(fen = 1_000_000, programId?: string) {
    const program = programId ? { id: programId } : await openProgram(app, approver.auth);
    const enterprise = await registerOrganization(app, { kind: 'enterprise', regionCode: '330402' });
    const { voucherId } = await issueVoucher(app, enterprise.auth, reviewer.auth, approver.auth, program.id, fen);
    return { enterprise, voucherId, programId: program.id };
  }

  async function order(enterprise: Auth, voucherId: string, serviceId = lab.service.id) {
    return (await http().post('/api/v1/service-orders').set(enterprise).send({ serviceId, voucherId, quantity: 1 }).expect(201)).body as { id: string; contractAmountFen: number };
  }

  async function delivered(enterprise: Auth, voucherId: string) {
    const o = await order(enterprise, voucherId);
    await http().post(`/api/v1/service-orders/${o.id}/accept`).set(lab.auth).expect(200);
    await http().post(`/api/v1/service-orders/${o.id}/deliver`).set(lab.auth).send({ reportNumber: `JC-${digits(6)}`, actualAmountFen: o.contractAmountFen, deliveredOn: shanghaiDate() }).expect(200);
    return o;
  }

  const rate = (auth: Auth, orderId: string, score = 4, comment = '报告及时，数据清楚') => http().post(`/api/v1/service-orders/${orderId}/rating`).set(auth).send({ score, comment });

  async function expectLedgerBalanced() {
    expect(await ledgerInvariants(app)).toEqual({ sum: 0, minBalance: 0, drift: 0 });
  }

  describe('ratings', () => {
    it('the ordering enterprise rates once after confirming; the catalogue shows the average and count; the provider replies once', async () => {
      const { enterprise, voucherId } = await enterpriseWithVoucher();
      const o = await delivered(enterprise.auth, voucherId);

      const early = await rate(enterprise.auth, o.id).expect(409);
      expect(early.body).toMatchObject({ code: 'ILLEGAL_TRANSITION', details: { status: 'delivered' } });
      await http().post(`/api/v1/service-orders/${o.id}/confirm`).set(enterprise.auth).expect(200);

      // Eight tries at once (an impatient double-click, retried): exactly one rating.
      const tries = await Promise.all(Array.from({ length: 8 }, () => rate(enterprise.auth, o.id, 5)));
      expect(tries.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
      const created = tries.find((r) => r.status === 201)!.body;
      expect(created).toMatchObject({ orderId: o.id, serviceId: lab.service.id, providerId: lab.id, score: 5, comment: '报告及时，数据清楚', reply: null });
      expect(tries.find((r) => r.status === 409)!.body).toMatchObject({ code: 'ALREADY_EXISTS', details: [{ field: 'score' }] });

      // A second enterprise rates its own order of the same service with 2: average 3.5 over 2.
      const second = await enterpriseWithVoucher();
      const o2 = await delivered(second.enterprise.auth, second.voucherId);
      await http().post(`/api/v1/service-orders/${o2.id}/confirm`).set(second.enterprise.auth).expect(200);
      await rate(second.enterprise.auth, o2.id, 2, '').expect(201);

      const detail = await http().get(`/api/v1/catalog/services/${lab.service.id}`).set(enterprise.auth).expect(200);
      expect(detail.body).toMatchObject({ ratingCount: 2, ratingAverage: 3.5 });
      const found = await http().get('/api/v1/catalog/services').query({ providerId: lab.id }).set(enterprise.auth).expect(200);
      expect(found.body.items.find((s: { id: string }) => s.id === lab.service.id)).toMatchObject({ ratingCount: 2, ratingAverage: 3.5 });
      // A keyword search reads the ratings with its rows (docs/catalog-search.md): by exact code (tier 0) and by a word of the name.
      for (const q of [detail.body.code as string, (detail.body.name as string).slice(0, 2)]) {
        const byKeyword = await http().get('/api/v1/catalog/services').query({ q, providerId: lab.id }).set(enterprise.auth).expect(200);
        expect(byKeyword.body.items.find((s: { id: string }) => s.id === lab.service.id)).toMatchObject({ ratingCount: 2, ratingAverage: 3.5 });
      }

      // The provider sees who rated (its own orders); another enterprise sees the ratings without the order.
      const mine = (await http().get('/api/v1/service-ratings?mine=true').set(lab.auth).expect(200)).body as { id: string; orderId: string | null; score: number }[];
      expect(mine.map((r) => r.score).sort()).toEqual([2, 5]);
      expect(mine.every((r) => r.orderId)).toBe(true);
      const publicView = (await http().get(`/api/v1/service-ratings?serviceId=${lab.service.id}`).set(second.enterprise.auth).expect(200)).body as { id: string; orderId: string | null }[];
      expect(publicView.find((r) => r.id === created.id)).toMatchObject({ orderId: null, orderNumber: null, score: 5 });

      const replied = await http().post(`/api/v1/service-ratings/${created.id}/reply`).set(lab.auth).send({ reply: '感谢评价，欢迎再次合作' }).expect(201);
      expect(replied.body).toMatchObject({ reply: '感谢评价，欢迎再次合作' });
      expect((await http().post(`/api/v1/service-ratings/${created.id}/reply`).set(lab.auth).send({ reply: '再回复一次' }).expect(409)).body.code).toBe('ALREADY_EXISTS');
      // Only the rated provider replies.
      const otherLab = await admittedProvider(app, '330402');
      await http().post(`/api/v1/service-ratings/${created.id}/reply`).set(otherLab.auth).send({ reply: '不是我的评价' }).expect(404);

      const audit = (await app.dataSource.query(`SELECT action FROM audit_events WHERE subject_id = $1 ORDER BY id`, [created.id])) as { action: string }[];
      expect(audit.map((a) => a.action)).toEqual(['service_rating.created', 'service_rating.replied']);
      expect(await app.dataSource.query(`SELECT rating_count, score_sum::int FROM service_rating_totals WHERE service_id = $1`, [lab.service.id])).toEqual([{ rating_count: 2, score_sum: 7 }]);
    });

    it('nobody else rates: not another enterprise, not the provider itself, not a bureau; bad scores are 400 with the field', async () => {
      const { enterprise, voucherId } = await enterpriseWithVoucher();
      const o = await delivered(enterprise.auth, voucherId);
      await http().post(`/api/v1/service-orders/${o.id}/confirm`).set(enterprise.auth).expect(200);
      const stranger = await registerOrganization(app, { kind: 'enterprise', regionCode: '330402' });
      expect((await rate(stranger.auth, o.id).expect(404)).body).toMatchObject({ code: 'NOT_FOUND' });
      expect((await rate(lab.auth, o.id).expect(403)).body.code).toBe('FORBIDDEN');
      await rate(approver.auth, o.id).expect(403);
      const bad = await rate(enterprise.auth, o.id, 6).expect(400);
      expect(bad.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'score' })]));
      await rate(enterprise.auth, o.id, 0).expect(400);
      expect(await app.dataSource.query(`SELECT 1 FROM service_ratings WHERE order_id = $1`, [o.id])).toEqual([]);
    });
  });

  describe('misconduct', () => {
    const record = (auth: Auth, body: Record<string, unknown>) =>
      http().post('/api/v1/misconduct-records').set(auth).send({
        kind: 'collusion',
        description: '服务机构与企业串通虚开发票套取创新券',
        evidence: [{ description: '发票与付款凭证金额不符', reference: 'JXKJ-2026-0101' }],
        periodFrom: shanghaiDate(),
        periodTo: '2029-12-31',
        ...body,
      });

    it('the paying region records misconduct: orders cancelled with holds released, vouchers revoked, provider suspended, applicant barred; the parties see it', async () => {
      const { enterprise, voucherId, programId } = await enterpriseWithVoucher(1_000_000);
      const provider = await admittedProvider(app, '330402');
      const service = await listService(app, provider.auth, 30_000);
      const created = await order(enterprise.auth, voucherId, service.id);
      const accepted = await order(enterprise.auth, voucherId, service.id);
      await http().post(`/api/v1/service-orders/${accepted.id}/accept`).set(provider.auth).expect(200);
      const budgetBefore = (await http().get(`/api/v1/programs/${programId}/budget`).set(approver.auth).expect(200)).body;

      const res = await record(approver.auth, { providerId: provider.organization.id, enterpriseId: enterprise.organization.id }).expect(201);
      expect(res.body).toMatchObject({
        status: 'in_force',
        regionCode: '330400',
        barringToday: true,
        affectedFen: 1_000_000,
        provider: { id: provider.organization.id },
        enterprise: { id: enterprise.organization.id },
        effects: { revokedVoucherIds: [voucherId], returnedToBudgetFen: 1_000_000, releasedHoldsFen: 60_000, provider: 'suspended' },
      });
      expect([...res.body.effects.cancelledOrderIds].sort()).toEqual([created.id, accepted.id].sort());

      const voucher = (await http().get(`/api/v1/vouchers/${voucherId}`).set(enterprise.auth).expect(200)).body;
      expect(voucher).toMatchObject({ status: 'revoked', availableFen: 0, heldFen: 0 });
      for (const id of [created.id, accepted.id]) expect((await http().get(`/api/v1/service-orders/${id}`).set(enterprise.auth).expect(200)).body).toMatchObject({ status: 'cancelled', subsidyHeldFen: 0 });
      const budgetAfter = (await http().get(`/api/v1/programs/${programId}/budget`).set(approver.auth).expect(200)).body;
      expect(budgetAfter.availableFen - budgetBefore.availableFen).toBe(1_000_000);
      expect(budgetAfter.heldFen - budgetBefore.heldFen).toBe(-60_000);
      expect((await http().get(`/api/v1/organizations/${provider.organization.id}`).set(approver.auth).expect(200)).body.admissionStatus).toBe('suspended');
      await expectLedgerBalanced();

      // Barred: a new application to the region's programmes is refused at submission with a clear code.
      const draft = await http().post('/api/v1/voucher-applications').set(enterprise.auth).send({ programId, requestedFen: 100_000, purpose: '材料成分检测与性能测试' }).expect(201);
      const barred = await http().post(`/api/v1/voucher-applications/${draft.body.id}/submit`).set(enterprise.auth).send({}).expect(422);
      expect(barred.body).toMatchObject({ code: 'APPLICANT_BARRED', details: { misconductRecord: res.body.number, barredUntil: '2029-12-31' } });

      // The parties see the record and its period; an unrelated enterprise does not.
      for (const party of [enterprise.auth, provider.auth]) {
        const seen = (await http().get('/api/v1/misconduct-records').set(party).expect(200)).body as { id: string; periodTo: string }[];
        expect(seen).toEqual([expect.objectContaining({ id: res.body.id, periodFrom: shanghaiDate(), periodTo: '2029-12-31', status: 'in_force' })]);
      }
      const stranger = await registerOrganization(app, { kind: 'enterprise', regionCode: '330402' });
      expect((await http().get('/api/v1/misconduct-records').set(stranger.auth).expect(200)).body).toEqual([]);
      await http().get(`/api/v1/misconduct-records/${res.body.id}`).set(stranger.auth).expect(404);
      const audit = (await app.dataSource.query(`SELECT action FROM audit_events WHERE subject_id = $1 ORDER BY id`, [res.body.id])) as { action: string }[];
      expect(audit.map((a) => a.action)).toEqual(['misconduct_record.in_force', 'misconduct_record.enforced']);

      // Lifted after an appeal: the bar ends (the revocation stays).
      const lifted = await http().post(`/api/v1/misconduct-records/${res.body.id}/lift`).set(approver2.auth).send({ reason: '复核后申诉成立' }).expect(200);
      expect(lifted.body).toMatchObject({ status: 'lifted', barringToday: false, liftReason: '复核后申诉成立' });
      await http().post(`/api/v1/misconduct-records/${res.body.id}/lift`).set(approver.auth).send({ reason: '再次解除一次' }).expect(409);
      await http().post(`/api/v1/voucher-applications/${draft.body.id}/submit`).set(enterprise.auth).send({}).expect(200);
      expect((await http().get(`/api/v1/vouchers/${voucherId}`).set(enterprise.auth).expect(200)).body.status).toBe('revoked');
    });

    it('another region’s bureau touches only its own money: Jiaxing’s vouchers, orders and programmes are untouched, and it cannot act on Jiaxing’s records', async () => {
      const { enterprise, voucherId, programId } = await enterpriseWithVoucher(500_000);
      const o = await order(enterprise.auth, voucherId);
      const res = await record(hangzhou.auth, { providerId: lab.id, enterpriseId: enterprise.organization.id }).expect(201);
      expect(res.body).toMatchObject({ status: 'in_force', regionCode: '330100', affectedFen: 0, effects: { revokedVoucherIds: [], cancelledOrderIds: [], returnedToBudgetFen: 0, releasedHoldsFen: 0, provider: 'outside_region' } });
      expect((await http().get(`/api/v1/vouchers/${voucherId}`).set(enterprise.auth).expect(200)).body).toMatchObject({ status: 'active', heldFen: o.contractAmountFen });
      expect((await http().get(`/api/v1/service-orders/${o.id}`).set(enterprise.auth).expect(200)).body.status).toBe('created');
      expect((await http().get(`/api/v1/organizations/${lab.id}`).set(approver.auth).expect(200)).body.admissionStatus).toBe('active');
      // Hangzhou's bar does not bar Jiaxing's programmes.
      const draft = await http().post('/api/v1/voucher-applications').set(enterprise.auth).send({ programId, requestedFen: 100_000, purpose: '材料成分检测与性能测试' }).expect(201);
      await http().post(`/api/v1/voucher-applications/${draft.body.id}/submit`).set(enterprise.auth).send({}).expect(200);

      // Jiaxing's record cannot be lifted or confirmed from Hangzhou (it learns nothing of it), nor by a reviewer.
      const jx = await record(approver.auth, { enterpriseId: enterprise.organization.id }).expect(201);
      await http().post(`/api/v1/misconduct-records/${jx.body.id}/lift`).set(hangzhou.auth).send({ reason: '跨区域解除尝试' }).expect(404);
      await http().post(`/api/v1/misconduct-records/${jx.body.id}/lift`).set(reviewer.auth).send({ reason: '区县解除尝试' }).expect(403);
      // Bad input: no party, period backwards, not a provider.
      expect((await record(approver.auth, {}).expect(400)).body.details).toEqual([{ field: 'enterpriseId', message: expect.any(String) }]);
      expect((await record(approver.auth, { enterpriseId: enterprise.organization.id, periodFrom: '2029-01-01', periodTo: '2028-01-01' }).expect(400)).body.details).toEqual([{ field: 'periodTo', message: expect.any(String) }]);
      expect((await record(approver.auth, { providerId: enterprise.organization.id }).expect(400)).body.details).toEqual([{ field: 'providerId', message: 'is not a provider' }]);
      // Parties and enterprises do not record misconduct.
      await record(enterprise.auth, { providerId: lab.id }).expect(403);
      await record(finance.auth, { providerId: lab.id }).expect(403);
      await expectLedgerBalanced();
    });

    it(`above ${THRESHOLD} fen a second approver confirms; the recorder cannot; nothing moves before`, async () => {
      const { enterprise, voucherId } = await enterpriseWithVoucher(3_000_000);
      const res = await record(approver.auth, { enterpriseId: enterprise.organization.id }).expect(201);
      expect(res.body).toMatchObject({ status: 'pending_confirmation', affectedFen: 3_000_000, effects: null, barringToday: false });
      expect((await http().get(`/api/v1/vouchers/${voucherId}`).set(enterprise.auth).expect(200)).body.status).toBe('active');
      const self = await http().post(`/api/v1/misconduct-records/${res.body.id}/confirm`).set(approver.auth).expect(403);
      expect(self.body.code).toBe('SECOND_PERSON_REQUIRED');
      await http().post(`/api/v1/misconduct-records/${res.body.id}/confirm`).set(hangzhou.auth).expect(404);
      const confirmed = await Promise.all([1, 2, 3].map(() => http().post(`/api/v1/misconduct-records/${res.body.id}/confirm`).set(approver2.auth)));
      expect(confirmed.map((r) => r.status).sort()).toEqual([200, 409, 409]);
      expect(confirmed.find((r) => r.status === 200)!.body).toMatchObject({ status: 'in_force', barringToday: true, effects: { revokedVoucherIds: [voucherId], returnedToBudgetFen: 3_000_000 } });
      expect((await http().get(`/api/v1/vouchers/${voucherId}`).set(enterprise.auth).expect(200)).body).toMatchObject({ status: 'revoked', availableFen: 0 });
      await expectLedgerBalanced();
    });

    it('recorded while orders are being placed on the voucher: no order keeps a hold, nothing is over-spent, the ledger balances', async () => {
      const { enterprise, voucherId, programId } = await enterpriseWithVoucher(1_000_000);
      const budgetBefore = (await http().get(`/api/v1/programs/${programId}/budget`).set(approver.auth).expect(200)).body;
      const orders = Array.from({ length: 16 }, () => http().post('/api/v1/service-orders').set(enterprise.auth).send({ serviceId: lab.service.id, voucherId, quantity: 1 }));
      const recording = record(approver.auth, { enterpriseId: enterprise.organization.id });
      const [recorded, ...placed] = await Promise.all([recording, ...orders]);
      expect(recorded.status).toBe(201);
      const ok = placed.filter((r) => r.status === 201);
      // An order placed before the record took the voucher lock is cancelled by it; any after is refused (the voucher is revoked).
      for (const refused of placed.filter((r) => r.status !== 201)) expect(refused.body).toMatchObject({ statusCode: 422, code: 'BUSINESS_RULE_VIOLATED', details: { voucherStatus: 'revoked' } });
      expect([...recorded.body.effects.cancelledOrderIds].sort()).toEqual(ok.map((r) => r.body.id).sort());
      const rows = (await app.dataSource.query(`SELECT status, subsidy_held_fen::int AS held FROM service_orders WHERE voucher_id = $1`, [voucherId])) as { status: string; held: number }[];
      expect(rows).toHaveLength(ok.length);
      expect(rows.every((r) => r.status === 'cancelled' && r.held === 0)).toBe(true);
      expect((await http().get(`/api/v1/vouchers/${voucherId}`).set(enterprise.auth).expect(200)).body).toMatchObject({ status: 'revoked', availableFen: 0, heldFen: 0 });
      const budgetAfter = (await http().get(`/api/v1/programs/${programId}/budget`).set(approver.auth).expect(200)).body;
      expect(budgetAfter.availableFen - budgetBefore.availableFen).toBe(1_000_000);
      expect(recorded.body.effects).toMatchObject({ returnedToBudgetFen: 1_000_000, releasedHoldsFen: ok.length * 40_000, revokedVoucherIds: [voucherId] });
      await expectLedgerBalanced();
    });
  });

  describe('public notices and partner statements', () => {
    it('the 公示 list is readable without signing in; objecting still needs a signed-in organisation', async () => {
      const { provider, caseId } = await providerUnderNotice(app, partner.auth);
      const list = (await http().get('/api/v1/public-notices').expect(200)).body as Record<string, unknown>[];
      const mine = list.find((n) => n.caseId === caseId);
      expect(mine).toEqual({ caseId, providerId: provider.organization.id, providerName: expect.any(String), regionCode: '310000', noticeEndsAt: expect.any(String) });
      await http().post(`/api/v1/approval-cases/${caseId}/objections`).send({ reason: '该机构检测报告存在造假嫌疑' }).expect(401);
    });

    it('a partner admin reads the statements of batches paying its region’s providers (JSON, CSV, XLSX), and no other', async () => {
      const shanghaiLab = await admittedProvider(app, '310000');
      await recogniseShanghaiProviders(app, approver.auth, partner.auth, [shanghaiLab.organization.id]);
      const shService = await listService(app, shanghaiLab.auth, 50_000);
      const people = { reviewer: reviewer.auth, approver: approver.auth, finance: finance.auth };
      const shanghai = await batchWithClaim(app, { ...people, lab: shanghaiLab.auth }, shService.id);
      const jiaxing = await batchWithClaim(app, { ...people, lab: lab.auth }, lab.service.id);

      const listed = (await http().get('/api/v1/settlement-batches').set(partner.auth).expect(200)).body as { id: string }[];
      expect(listed.map((b) => b.id)).toContain(shanghai.batchId);
      expect(listed.map((b) => b.id)).not.toContain(jiaxing.batchId);
      const statement = await http().get(`/api/v1/settlement-batches/${shanghai.batchId}/statement`).set(partner.auth).expect(200);
      expect(statement.body.rows).toEqual([expect.objectContaining({ key: shanghaiLab.organization.id, regionCode: '310000', claims: 1 })]);
      const byRegion = await http().get(`/api/v1/settlement-batches/${shanghai.batchId}/statement?by=partner_region`).set(partner.auth).expect(200);
      expect(byRegion.body.rows).toEqual([expect.objectContaining({ key: '310000', claims: 1 })]);
      const csv = await http().get(`/api/v1/settlement-batches/${shanghai.batchId}/statement.csv`).set(partner.auth).expect(200);
      expect(csv.headers['content-type']).toContain('text/csv');
      expect(csv.text.split('\r\n').filter((l) => l.trim()).length).toBe(3); // header, the Shanghai lab's line, the total
      await http().get(`/api/v1/settlement-batches/${shanghai.batchId}/statement.xlsx`).set(partner.auth).expect(200);

      for (const path of ['', '/statement', '/statement.csv', '/statement.xlsx']) {
        expect((await http().get(`/api/v1/settlement-batches/${jiaxing.batchId}${path}`).set(partner.auth).expect(404)).body.code).toBe('NOT_FOUND');
      }
      // Partners read; they do not settle.
      await http().post(`/api/v1/settlement-batches/${shanghai.batchId}/close`).set(partner.auth).expect(403);
    });
  });
});
