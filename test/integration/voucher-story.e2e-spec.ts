import { shanghaiDate } from '../../src/platform/database/shanghai-date';
import { registerOrganization } from '../support/factories';
import { DEMO, eventually, login, Session, startTestApp, TestApp } from '../support/test-app';
import { waitForTask } from '../support/approvals';
import { issueVoucher, ledgerInvariants, listService, openProgram, signAgreement } from '../support/vouchers';

/**
 * The full cross-region story: a Jiaxing enterprise buys testing from a Shanghai lab under the
 * Jiaxing–Shanghai mutual-recognition agreement, 通兑 (the lab redeems), from application to a
 * reconciled settlement, with exact amounts at every step.
 */
describe('innovation vouchers: the cross-region 通兑 story, end to end', () => {
  let app: TestApp;
  let approver: Session;
  let reviewer: Session;
  let finance: Session;
  let finance2: Session;
  let lab: Session;
  let partner: Session;

  beforeAll(async () => {
    app = await startTestApp();
    [approver, reviewer, finance, lab, partner, finance2] = await Promise.all([
      login(app, DEMO.approver),
      login(app, DEMO.reviewer),
      login(app, DEMO.finance),
      login(app, DEMO.provider),
      login(app, DEMO.partner),
      login(app, DEMO.finance2),
    ]);
  });
  afterAll(() => app.close());

  it('application → voucher → order at a Shanghai lab → delivery → claim → settlement → reconciliation', async () => {
    const program = await openProgram(app, approver.auth);
    // A new Nanhu enterprise with no qualification: the default ratio, 50 %.
    const enterprise = await registerOrganization(app, { kind: 'enterprise', regionCode: '330402' });
    const { voucherId, applicationId } = await issueVoucher(app, enterprise.auth, reviewer.auth, approver.auth, program.id, 2_000_000);

    const voucher = await app.http().get(`/api/v1/vouchers/${voucherId}`).set(enterprise.auth).expect(200);
    expect(voucher.body).toMatchObject({ faceValueFen: 2_000_000, availableFen: 2_000_000, heldFen: 0, status: 'active', useBy: '2026-12-31', redeemBy: '2027-03-31', applicationId });
    expect(voucher.body.number).toMatch(/^CQ330400-2026-\d{6}$/);

    // The Shanghai lab lists a service; without an agreement the Jiaxing voucher cannot be spent there.
    const service = await listService(app, lab.auth, 300_000);
    const refused = await app.http().post('/api/v1/service-orders').set(enterprise.auth).send({ serviceId: service.id, voucherId, quantity: 2 }).expect(422);
    expect(refused.body.message).toContain('recognised');

    // 互认: Jiaxing and Shanghai recognise the lab; it binds once both regions signed the terms.
    const me = await app.http().get('/api/v1/me').set(lab.auth);
    const agreement = await app.http().post('/api/v1/recognition-agreements').set(approver.auth).send({
      issuingRegionCode: '330400', partnerRegionCode: '310000', name: '嘉兴—上海创新券互认互通协议', effectiveFrom: '2026-01-01', effectiveTo: '2027-12-31',
    }).expect(201);
    await app.http().post(`/api/v1/recognition-agreements/${agreement.body.id}/providers`).set(partner.auth).send({ providerIds: [me.body.organization.id] }).expect(200);
    await signAgreement(app, agreement.body.id, approver.auth, partner.auth);

    const order = await app.http().post('/api/v1/service-orders').set(enterprise.auth).send({ serviceId: service.id, voucherId, quantity: 2 }).expect(201);
    expect(order.body).toMatchObject({ contractAmountFen: 600_000, ratioBp: 5000, subsidyHeldFen: 300_000, enterpriseShareFen: 300_000, status: 'created', recognitionAgreementId: agreement.body.id });

    // Another lab can neither see nor act on this order.
    const otherLab = await registerOrganization(app, { kind: 'provider', regionCode: '310000' });
    await app.http().post(`/api/v1/service-orders/${order.body.id}/accept`).set(otherLab.auth).expect(404);
    await app.http().get(`/api/v1/service-orders/${order.body.id}`).set(otherLab.auth).expect(404);

    await app.http().post(`/api/v1/service-orders/${order.body.id}/accept`).set(lab.auth).expect(200);
    const tooMuch = await app.http().post(`/api/v1/service-orders/${order.body.id}/deliver`).set(lab.auth).send({ reportNumber: 'SHJC-2026-1001', actualAmountFen: 600_001, deliveredOn: shanghaiDate() }).expect(400);
    expect(tooMuch.body.details[0].field).toBe('actualAmountFen');
    const delivered = await app.http().post(`/api/v1/service-orders/${order.body.id}/deliver`).set(lab.auth).send({ reportNumber: 'SHJC-2026-1001', actualAmountFen: 500_000, deliveredOn: shanghaiDate() }).expect(200);
    expect(delivered.body).toMatchObject({ status: 'delivered', actualAmountFen: 500_000, subsidyHeldFen: 250_000, subsidyFinalFen: 250_000, enterpriseShareFen: 250_000 });
    await app.http().post(`/api/v1/service-orders/${order.body.id}/confirm`).set(enterprise.auth).expect(200);

    const afterDelivery = await app.http().get(`/api/v1/vouchers/${voucherId}`).set(enterprise.auth).expect(200);
    expect(afterDelivery.body).toMatchObject({ availableFen: 1_750_000, heldFen: 250_000 });

    // 通兑: the lab claims; the enterprise cannot.
    const documents = { orderId: order.body.id, contractNo: 'HT-2026-0451', invoiceNo: '310026001-00012345', paymentProof: 'BANK-20261128-7781', reportNo: 'SHJC-2026-1001' };
    await app.http().post('/api/v1/redemption-claims').set(enterprise.auth).send(documents).expect(403);
    const claim = await app.http().post('/api/v1/redemption-claims').set(lab.auth).send(documents).expect(201);
    expect(claim.body).toMatchObject({ amountFen: 250_000, mode: 'provider_redeems', status: 'submitted', payeeOrgId: me.body.organization.id });

    // The Shanghai partner admin cannot approve a Jiaxing claim.
    const district = await waitForTask(app, reviewer.auth, claim.body.caseId, 'district_review');
    await app.http().post(`/api/v1/approval-tasks/${district.id}/decision`).set(partner.auth).send({ decision: 'approve' }).expect(404);
    const detail = await app.http().get(`/api/v1/approval-cases/${claim.body.caseId}`).set(reviewer.auth).expect(200);
    expect(detail.body.findings.map((f: { check: string; outcome: string }) => `${f.check}:${f.outcome}`).sort()).toEqual([
      'caps:pass', 'dates:pass', 'duplicate_invoice:pass', 'eligibility:warn', 'provider_recognised:pass', 'related_party:pass',
    ]);
    await app.http().post(`/api/v1/approval-tasks/${district.id}/decision`).set(reviewer.auth).send({ decision: 'approve' }).expect(200);
    const city = await waitForTask(app, approver.auth, claim.body.caseId, 'city_approval');
    await app.http().post(`/api/v1/approval-tasks/${city.id}/decision`).set(approver.auth).send({ decision: 'approve' }).expect(200);
    await eventually(async () => (await app.http().get(`/api/v1/redemption-claims/${claim.body.id}`).set(lab.auth)).body.status === 'approved', 20_000, 'claim approved');

    // The claim joins the open batch of its month.
    const batch = await eventually(async () => {
      const res = await app.http().get(`/api/v1/settlement-batches?programId=${program.id}`).set(finance.auth);
      return res.body.find((b: { itemCount: number }) => b.itemCount === 1);
    }, 20_000, 'settlement batch');
    expect(batch).toMatchObject({ status: 'open', totalFen: 250_000, periodStart: expect.stringMatching(/^\d{4}-\d{2}-01$/) });

    const budgetMid = await app.http().get(`/api/v1/programs/${program.id}/budget`).set(finance.auth).expect(200);
    expect(budgetMid.body).toMatchObject({ budgetFen: 100_000_000, availableFen: 98_000_000, committedFen: 1_750_000, heldFen: 0, payableFen: 250_000, paidFen: 0, ledgerSumFen: 0 });

    // Finance: cut-off, approval (by a second officer: four eyes), payment, reconciliation. Paying twice is refused.
    await app.http().post(`/api/v1/settlement-batches/${batch.id}/approve`).set(finance.auth).expect(409);
    await app.http().post(`/api/v1/settlement-batches/${batch.id}/close`).set(finance.auth).expect(200);
    await app.http().post(`/api/v1/settlement-batches/${batch.id}/approve`).set(approver.auth).expect(403);
    await app.http().post(`/api/v1/settlement-batches/${batch.id}/approve`).set(finance2.auth).expect(200);
    const paid = await app.http().post(`/api/v1/settlement-batches/${batch.id}/pay`).set(finance.auth).send({ paymentReference: 'JXCZ-2026-11-0001' }).expect(200);
    expect(paid.body).toMatchObject({ status: 'paid', paymentReference: 'JXCZ-2026-11-0001' });
    await app.http().post(`/api/v1/settlement-batches/${batch.id}/pay`).set(finance.auth).send({ paymentReference: 'again' }).expect(409);
    await app.http().post(`/api/v1/settlement-batches/${batch.id}/reconcile`).set(finance.auth).send({ note: '2026-11 bank statement matched' }).expect(200);

    expect((await app.http().get(`/api/v1/redemption-claims/${claim.body.id}`).set(lab.auth)).body.status).toBe('paid');
    expect((await app.http().get(`/api/v1/service-orders/${order.body.id}`).set(enterprise.auth)).body.status).toBe('settled');
    const budget = await app.http().get(`/api/v1/programs/${program.id}/budget`).set(finance.auth).expect(200);
    expect(budget.body).toMatchObject({ availableFen: 98_000_000, committedFen: 1_750_000, heldFen: 0, payableFen: 0, paidFen: 250_000, ledgerSumFen: 0, vouchersIssued: 1 });

    // Statements: per payee and per partner region (Shanghai providers paid by Jiaxing); CSV and XLSX.
    const byRegion = await app.http().get(`/api/v1/settlement-batches/${batch.id}/statement?by=partner_region`).set(finance.auth).expect(200);
    expect(byRegion.body.rows).toEqual([expect.objectContaining({ key: '310000', name: '上海市', claims: 1, amountFen: 250_000, amountYuan: '¥2,500.00' })]);
    const csv = await app.http().get(`/api/v1/settlement-batches/${batch.id}/statement.csv?by=payee`).set(finance.auth).expect(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.text).toContain('"250000"');
    const xlsx = await app.http().get(`/api/v1/settlement-batches/${batch.id}/statement.xlsx`).set(finance.auth).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    }).expect(200);
    expect((xlsx.body as Buffer).subarray(0, 2).toString()).toBe('PK');

    // The voucher's statement shows every movement with running balances.
    const statement = await app.http().get(`/api/v1/vouchers/${voucherId}/statement`).set(enterprise.auth).expect(200);
    expect(statement.body.lines.map((l: { account: string; movement: string; amountFen: number }) => `${l.account}:${l.movement}:${l.amountFen}`)).toEqual([
      'voucher_available:commit:2000000',
      'voucher_available:hold:-300000',
      'voucher_held:hold:300000',
      'voucher_held:hold_adjust:-50000',
      'voucher_available:hold_adjust:50000',
      'voucher_held:capture:-250000',
    ]);
    expect(await ledgerInvariants(app)).toEqual({ sum: 0, minBalance: 0, drift: 0 });
  });
});
