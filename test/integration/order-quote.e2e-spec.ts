import { randomUUID } from 'node:crypto';
import { registerOrganization } from '../support/factories';
import { DEMO, login, Session, startTestApp, TestApp } from '../support/test-app';
import { admittedProvider, issueVoucher, listService, openProgram, recogniseShanghaiProviders } from '../support/vouchers';

/** Rows that ordering writes (orders, ledger, audit, outbox, idempotency keys): a quote must leave every count as it was. */
async function writes(app: TestApp) {
  const [row] = await app.dataSource.query(
    `SELECT (SELECT count(*) FROM service_orders)::int AS orders,
            (SELECT count(*) FROM ledger_transactions)::int AS transactions,
            (SELECT count(*) FROM ledger_entries)::int AS entries,
            (SELECT COALESCE(sum(balance_fen), 0) FROM ledger_accounts WHERE kind = 'voucher_held')::bigint AS held,
            (SELECT count(*) FROM audit_events WHERE subject_type = 'service_order')::int AS audits,
            (SELECT count(*) FROM outbox WHERE payload->>'subjectType' = 'service_order')::int AS outbox,
            (SELECT count(*) FROM idempotency_keys)::int AS keys`,
  );
  return row as Record<string, number | string>;
}

describe('POST /service-orders/quote: what ordering would compute, without ordering', () => {
  let app: TestApp;
  let approver: Session;
  let reviewer: Session;
  let lab: Session;
  let partner: Session;

  beforeAll(async () => {
    app = await startTestApp();
    [approver, reviewer, lab, partner] = await Promise.all([login(app, DEMO.approver), login(app, DEMO.reviewer), login(app, DEMO.provider), login(app, DEMO.partner)]);
  });
  afterAll(() => app.close());

  const quote = (auth: object, body: object) => app.http().post('/api/v1/service-orders/quote').set(auth).send(body);
  const order = (auth: object, body: object) => app.http().post('/api/v1/service-orders').set(auth).send(body);

  it('quotes exactly what the order then holds, writes nothing, and refuses exactly as ordering does', async () => {
    const program = await openProgram(app, approver.auth);
    const enterprise = await registerOrganization(app, { kind: 'enterprise', regionCode: '330402' });
    const { voucherId } = await issueVoucher(app, enterprise.auth, reviewer.auth, approver.auth, program.id, 2_000_000);
    const service = await listService(app, lab.auth, 300_000);
    const body = { serviceId: service.id, voucherId, quantity: 2 };

    // Not recognised yet: the quote's refusal is ordering's, status, code and message.
    const refusedQuote = await quote(enterprise.auth, body).expect(422);
    const refusedOrder = await order(enterprise.auth, body).expect(422);
    expect(refusedQuote.body).toEqual(refusedOrder.body);
    expect(refusedQuote.body).toMatchObject({ code: 'BUSINESS_RULE_VIOLATED', details: { providerRegionCode: '310000' } });
    expect(refusedQuote.body.message).toContain('recognised');

    const me = await app.http().get('/api/v1/me').set(lab.auth).expect(200);
    const agreement = await recogniseShanghaiProviders(app, approver.auth, partner.auth, [me.body.organization.id]);

    const before = await writes(app);
    const quoted = await quote(enterprise.auth, body).expect(200);
    expect(quoted.body).toEqual({
      serviceId: service.id,
      voucherId,
      serviceName: 'X射线荧光光谱分析',
      providerName: me.body.organization.name,
      unitPriceFen: 300_000,
      quantity: 2,
      contractAmountFen: 600_000,
      ratioBp: 5000,
      subsidyFen: 300_000,
      enterpriseShareFen: 300_000,
      subsidyLimitedBy: 'ratio',
      recognitionAgreementId: agreement.id,
      voucherAvailableFen: 2_000_000,
    });
    // An Idempotency-Key is not needed and not stored: a quote is never replayed.
    const again = await quote(enterprise.auth, body).set('Idempotency-Key', `quote-${randomUUID()}`).expect(200);
    expect(again.headers['idempotent-replayed']).toBeUndefined();
    expect(again.body).toEqual(quoted.body);
    expect(await writes(app)).toEqual(before);

    const created = await order(enterprise.auth, body).expect(201);
    expect(created.body).toMatchObject({
      unitPriceFen: quoted.body.unitPriceFen,
      quantity: quoted.body.quantity,
      contractAmountFen: quoted.body.contractAmountFen,
      ratioBp: quoted.body.ratioBp,
      subsidyHeldFen: quoted.body.subsidyFen,
      enterpriseShareFen: quoted.body.enterpriseShareFen,
      subsidyLimitedBy: quoted.body.subsidyLimitedBy,
      recognitionAgreementId: quoted.body.recognitionAgreementId,
    });

    // The balance left (1,700,000) now binds a larger order, in the quote as in the order.
    const big = { ...body, quantity: 20 };
    const bigQuote = await quote(enterprise.auth, big).expect(200);
    expect(bigQuote.body).toMatchObject({ contractAmountFen: 6_000_000, subsidyFen: 1_700_000, enterpriseShareFen: 4_300_000, subsidyLimitedBy: 'voucher_balance', voucherAvailableFen: 1_700_000 });
    const bigOrder = await order(enterprise.auth, big).expect(201);
    expect(bigOrder.body).toMatchObject({ contractAmountFen: bigQuote.body.contractAmountFen, subsidyHeldFen: bigQuote.body.subsidyFen, enterpriseShareFen: bigQuote.body.enterpriseShareFen });

    // Exhausted: again the same refusal from both.
    const exhaustedQuote = await quote(enterprise.auth, body).expect(422);
    const exhaustedOrder = await order(enterprise.auth, body).expect(422);
    expect(exhaustedQuote.body).toEqual(exhaustedOrder.body);
    expect(exhaustedQuote.body.message).toBe('The voucher is exhausted');
  });

  it('another enterprise’s voucher, an unknown service or a bad body: the same answers as ordering; other roles 403', async () => {
    const program = await openProgram(app, approver.auth);
    const owner = await registerOrganization(app, { kind: 'enterprise', regionCode: '330402' });
    const other = await registerOrganization(app, { kind: 'enterprise', regionCode: '330402' });
    const { voucherId } = await issueVoucher(app, owner.auth, reviewer.auth, approver.auth, program.id, 500_000);
    const service = await listService(app, lab.auth, 50_000);

    const foreignQuote = await quote(other.auth, { serviceId: service.id, voucherId, quantity: 1 }).expect(404);
    const foreignOrder = await order(other.auth, { serviceId: service.id, voucherId, quantity: 1 }).expect(404);
    expect(foreignQuote.body).toEqual(foreignOrder.body);
    expect(foreignQuote.body).toEqual({ statusCode: 404, code: 'NOT_FOUND', message: 'Voucher not found' });

    const unknownService = { serviceId: randomUUID(), voucherId, quantity: 1 };
    expect((await quote(owner.auth, unknownService).expect(404)).body).toEqual((await order(owner.auth, unknownService).expect(404)).body);

    const zero = await quote(owner.auth, { serviceId: service.id, voucherId, quantity: 0 }).expect(400);
    expect(zero.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED', details: [{ field: 'quantity', message: expect.any(String) }] });
    const extra = await quote(owner.auth, { serviceId: service.id, voucherId, quantity: 1, subsidyFen: 1 }).expect(400);
    expect(extra.body.details).toEqual([expect.objectContaining({ field: 'subsidyFen' })]);
    await quote(owner.auth, { serviceId: 'not-a-uuid', voucherId, quantity: 1 }).expect(400);

    await quote(lab.auth, { serviceId: service.id, voucherId, quantity: 1 }).expect(403);
    await quote(reviewer.auth, { serviceId: service.id, voucherId, quantity: 1 }).expect(403);
    await app.http().post('/api/v1/service-orders/quote').send({ serviceId: service.id, voucherId, quantity: 1 }).expect(401);
    // Nothing was ordered on this voucher by any of it.
    expect((await app.dataSource.query(`SELECT count(*)::int AS n FROM service_orders WHERE voucher_id = $1`, [voucherId]))[0].n).toBe(0);
  });

  it('an order whose subsidy would round down to 0 fen is refused with the rule and its numbers, by the quote and the order alike', async () => {
    // No full coverage: the ratio alone decides, and 50 % of 1 fen rounds down to 0 fen.
    const program = await openProgram(app, approver.auth, { fullCoverageThresholdFen: 0 });
    const enterprise = await registerOrganization(app, { kind: 'enterprise', regionCode: '330402' });
    const { voucherId } = await issueVoucher(app, enterprise.auth, reviewer.auth, approver.auth, program.id, 100_000);
    const local = await admittedProvider(app, '330402');
    const penny = await listService(app, local.auth, 1, '单点温度校准');
    const body = { serviceId: penny.id, voucherId, quantity: 1 };

    const before = await writes(app);
    const refusedQuote = await quote(enterprise.auth, body).expect(422);
    const refusedOrder = await order(enterprise.auth, body).expect(422);
    expect(refusedQuote.body).toEqual({
      statusCode: 422,
      code: 'BUSINESS_RULE_VIOLATED',
      message: 'subsidy would be 0 fen: the order of 1 fen at 50.00 % is below the smallest payable amount (2 fen)',
      details: { field: 'contractAmountFen', contractAmountFen: 1, ratioBp: 5000, subsidyFen: 0, smallestPayableFen: 2 },
    });
    expect(refusedOrder.body).toEqual(refusedQuote.body);
    expect(await writes(app)).toEqual(before);

    // From the smallest payable amount on, the ratio pays: 2 fen → 1 fen.
    const two = await quote(enterprise.auth, { ...body, quantity: 2 }).expect(200);
    expect(two.body).toMatchObject({ contractAmountFen: 2, ratioBp: 5000, subsidyFen: 1, enterpriseShareFen: 1, subsidyLimitedBy: 'ratio' });
    const ordered = await order(enterprise.auth, { ...body, quantity: 2 }).expect(201);
    expect(ordered.body).toMatchObject({ contractAmountFen: 2, subsidyHeldFen: 1 });

    // Delivered for 1 fen, the subsidy falls to 0: the hold is released, and a claim is refused in words, not by
    // the database's claim-amount rule (nothing written).
    const id = ordered.body.id as string;
    await app.http().post(`/api/v1/service-orders/${id}/accept`).set(local.auth).expect(200);
    const delivered = await app.http().post(`/api/v1/service-orders/${id}/deliver`).set(local.auth).send({ reportNumber: 'JC-000001', actualAmountFen: 1, deliveredOn: new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10) }).expect(200);
    expect(delivered.body).toMatchObject({ actualAmountFen: 1, subsidyFinalFen: 0, subsidyHeldFen: 0 });
    await app.http().post(`/api/v1/service-orders/${id}/confirm`).set(enterprise.auth).expect(200);
    const claims = async () => Number((await app.dataSource.query(`SELECT count(*) AS n FROM redemption_claims WHERE order_id = $1`, [id]))[0].n);
    const claim = await app
      .http()
      .post('/api/v1/redemption-claims')
      .set(local.auth)
      .send({ orderId: id, contractNo: 'HT-000001', invoiceNo: 'FP-000000000001', paymentProof: 'BANK-0000000001', reportNo: 'JC-000001' })
      .expect(422);
    expect(claim.body).toEqual({
      statusCode: 422,
      code: 'BUSINESS_RULE_VIOLATED',
      message: "nothing to claim: the order's subsidy is 0 fen (delivered for 1 fen)",
      details: { field: 'orderId', subsidyFen: 0 },
    });
    expect(await claims()).toBe(0);
    const after = await app.http().get(`/api/v1/service-orders/${id}`).set(enterprise.auth).expect(200);
    expect(after.body.status).toBe('confirmed');
  });
});
