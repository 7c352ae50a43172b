import { randomBytes } from 'node:crypto';
import { shanghaiDate } from '../../src/platform/database/shanghai-date';
import { bureauReviewer, registerOrganization } from '../support/factories';
import { waitForTask } from '../support/approvals';
import { DEMO, eventually, login, Session, startTestApp, TestApp } from '../support/test-app';
import { admittedProvider, issueVoucher, listService, openProgram, recogniseShanghaiProviders } from '../support/vouchers';

type Auth = { Authorization: string };

/** A district or county of Jiaxing with no money in the programme. */
const empty = (regionCode: string, regionName: string) => ({ regionCode, regionName, vouchersIssued: 0, committedFen: 0, heldFen: 0, capturedOrPayableFen: 0, paidFen: 0, availableToEnterprisesFen: 0 });
const flow = (toRegionCode: string, toRegionName: string, orders: number, subsidyFen: number, paidFen: number) => ({
  fromRegionCode: '330400', fromRegionName: '嘉兴市', toRegionCode, toRegionName, orders, subsidyFen, paidFen,
});

/**
 * One programme, two enterprises (南湖 and 秀洲), a Shanghai lab under the mutual-recognition
 * agreement and a local 秀洲 lab; one order goes all the way to payment. Every dashboard number
 * below follows from the amounts in this scenario.
 */
describe('dashboards', () => {
  let app: TestApp;
  let approver: Session;
  let reviewer: Session; // 南湖区 330402
  let finance: Session;
  let lab: Session; // the Shanghai demo lab
  let partner: Session;
  let admin: Session;
  let demoEnterprise: Session;
  let xiuzhouReviewer: { auth: Auth }; // 秀洲区 330411
  let mapBefore: Record<string, unknown>[];

  const get = async (auth: Auth, path: string) => (await app.http().get(`/api/v1/dashboards/${path}`).set(auth).expect(200)).body;

  beforeAll(async () => {
    app = await startTestApp();
    [approver, reviewer, finance, lab, partner, admin, demoEnterprise] = await Promise.all(
      [DEMO.approver, DEMO.reviewer, DEMO.finance, DEMO.provider, DEMO.partner, DEMO.admin, DEMO.enterprise].map((email) => login(app, email)),
    );
    mapBefore = await get(admin.auth, 'provider-map');
        xiuzhouReviewer = await bureauReviewer(app, admin.auth, '330411', '秀洲区审核员');
  });
  afterAll(() => app.close());

  let programId: string;
  const caseIds: Record<string, string> = {};

  it('budget by district and the cross-region flow, exact, and scoped by role and district', async () => {
    const program = await openProgram(app, approver.auth);
    programId = program.id;
    const nanhu = await registerOrganization(app, { kind: 'enterprise', regionCode: '330402' });
    const xiuzhou = await registerOrganization(app, { kind: 'enterprise', regionCode: '330411' });
    const v1 = await issueVoucher(app, nanhu.auth, reviewer.auth, approver.auth, program.id, 2_000_000);
    const v2 = await issueVoucher(app, xiuzhou.auth, xiuzhouReviewer.auth, approver.auth, program.id, 1_000_000);
    caseIds.nanhuApplication = v1.caseId;
    caseIds.xiuzhouApplication = v2.caseId;

    const labOrg = await app.http().get('/api/v1/me').set(lab.auth).expect(200);
    await recogniseShanghaiProviders(app, approver.auth, partner.auth, [labOrg.body.organization.id]);
    const shanghaiService = await listService(app, lab.auth, 300_000);
    const local = await admittedProvider(app, '330411');
    const localService = await listService(app, local.auth, 150_000, '材料拉伸性能测试', { instrumentName: '万能材料试验机' });

    const order = async (auth: Auth, serviceId: string, voucherId: string, quantity: number) =>
      (await app.http().post('/api/v1/service-orders').set(auth).send({ serviceId, voucherId, quantity }).expect(201)).body as { id: string; subsidyHeldFen: number };
    // 南湖: 600,000 at the Shanghai lab (holds 300,000) and 150,000 at the local lab (holds 75,000).
    const toShanghai = await order(nanhu.auth, shanghaiService.id, v1.voucherId, 2);
    const toLocal = await order(nanhu.auth, localService.id, v1.voucherId, 1);
    expect([toShanghai.subsidyHeldFen, toLocal.subsidyHeldFen]).toEqual([300_000, 75_000]);
    // 秀洲: 300,000 at the Shanghai lab (holds 150,000); a second one is cancelled and counts nowhere.
    expect((await order(xiuzhou.auth, shanghaiService.id, v2.voucherId, 1)).subsidyHeldFen).toBe(150_000);
    const cancelled = await order(xiuzhou.auth, shanghaiService.id, v2.voucherId, 1);
    await app.http().post(`/api/v1/service-orders/${cancelled.id}/cancel`).set(xiuzhou.auth).send({}).expect(200);

    // The Shanghai order is delivered at 500,000 (hold 250,000), claimed and approved: captured, payable.
    await app.http().post(`/api/v1/service-orders/${toShanghai.id}/accept`).set(lab.auth).expect(200);
    await app.http().post(`/api/v1/service-orders/${toShanghai.id}/deliver`).set(lab.auth).send({ reportNumber: 'SHJC-2026-2001', actualAmountFen: 500_000, deliveredOn: shanghaiDate() }).expect(200);
    await app.http().post(`/api/v1/service-orders/${toShanghai.id}/confirm`).set(nanhu.auth).expect(200);
    const claim = await app.http().post('/api/v1/redemption-claims').set(lab.auth).send({
      orderId: toShanghai.id, contractNo: 'HT-2026-0901', invoiceNo: `310026001-${randomBytes(4).toString('hex')}`, paymentProof: 'BANK-20261128-0901', reportNo: 'SHJC-2026-2001',
    }).expect(201);
    caseIds.claim = claim.body.caseId;
    const district = await waitForTask(app, reviewer.auth, claim.body.caseId, 'district_review');
    await app.http().post(`/api/v1/approval-tasks/${district.id}/decision`).set(reviewer.auth).send({ decision: 'approve' }).expect(200);
    const city = await waitForTask(app, approver.auth, claim.body.caseId, 'city_approval');
    await app.http().post(`/api/v1/approval-tasks/${city.id}/decision`).set(approver.auth).send({ decision: 'approve' }).expect(200);
    const batch = await eventually(async () => {
      const res = await app.http().get(`/api/v1/settlement-batches?programId=${program.id}`).set(finance.auth);
      return (res.body as { id: string; itemCount: number }[]).find((b) => b.itemCount === 1);
    }, 20_000, 'settlement batch');

    const nanhuRow = { regionCode: '330402', regionName: '南湖区', vouchersIssued: 1, committedFen: 2_000_000, heldFen: 75_000, capturedOrPayableFen: 250_000, paidFen: 0, availableToEnterprisesFen: 1_675_000 };
    const xiuzhouRow = { regionCode: '330411', regionName: '秀洲区', vouchersIssued: 1, committedFen: 1_000_000, heldFen: 150_000, capturedOrPayableFen: 0, paidFen: 0, availableToEnterprisesFen: 850_000 };
    const others = [empty('330421', '嘉善县'), empty('330482', '平湖市'), empty('330424', '海盐县'), empty('330481', '海宁市'), empty('330483', '桐乡市')];
    const totals = { budgetFen: 100_000_000, availableFen: 97_000_000 };
    expect(await get(approver.auth, `budget-by-district?programId=${program.id}`)).toEqual({ programId: program.id, issuingRegionCode: '330400', totals, rows: [nanhuRow, xiuzhouRow, ...others] });

    // Settlement pays the claim: payable becomes paid.
    // Four eyes: a second finance officer approves what the first one closed.
    await app.http().post(`/api/v1/settlement-batches/${batch.id}/close`).set(finance.auth).expect(200);
    await app.http().post(`/api/v1/settlement-batches/${batch.id}/approve`).set((await login(app, DEMO.finance2)).auth).expect(200);
    await app.http().post(`/api/v1/settlement-batches/${batch.id}/pay`).set(finance.auth).send({ paymentReference: 'JXCZ-2026-11-0901' }).expect(200);
    const paidNanhu = { ...nanhuRow, capturedOrPayableFen: 0, paidFen: 250_000 };
    const all = { programId: program.id, issuingRegionCode: '330400', totals, rows: [paidNanhu, xiuzhouRow, ...others] };
    for (const who of [approver, finance, admin]) expect(await get(who.auth, `budget-by-district?programId=${program.id}`)).toEqual(all);
    // Each district reviewer sees its own district only; the Shanghai partner no Jiaxing enterprise.
    expect((await get(reviewer.auth, `budget-by-district?programId=${program.id}`)).rows).toEqual([paidNanhu]);
    expect((await get(xiuzhouReviewer.auth, `budget-by-district?programId=${program.id}`)).rows).toEqual([xiuzhouRow]);
    expect(await get(partner.auth, `budget-by-district?programId=${program.id}`)).toEqual({ ...all, rows: [] });

    // The rows add up to the programme's ledger balances.
    const budget = await app.http().get(`/api/v1/programs/${program.id}/budget`).set(finance.auth).expect(200);
    const sum = (key: keyof typeof nanhuRow) => all.rows.reduce((s, r) => s + (r[key] as number), 0);
    expect({ heldFen: sum('heldFen'), committedFen: sum('availableToEnterprisesFen'), payableFen: sum('capturedOrPayableFen'), paidFen: sum('paidFen'), vouchersIssued: sum('vouchersIssued') }).toEqual({
      heldFen: budget.body.heldFen, committedFen: budget.body.committedFen, payableFen: budget.body.payableFen, paidFen: budget.body.paidFen, vouchersIssued: budget.body.vouchersIssued,
    });

    // Flow: Jiaxing → Jiaxing (the 秀洲 lab, counted at city level) and Jiaxing → Shanghai, apart.
    const flowAll = { programId: program.id, rows: [flow('330400', '嘉兴市', 1, 75_000, 0), flow('310000', '上海市', 2, 250_000 + 150_000, 250_000)] };
    for (const who of [approver, finance, admin]) expect(await get(who.auth, `cross-region-flow?programId=${program.id}`)).toEqual(flowAll);
    expect((await get(reviewer.auth, `cross-region-flow?programId=${program.id}`)).rows).toEqual([flow('330400', '嘉兴市', 1, 75_000, 0), flow('310000', '上海市', 1, 250_000, 250_000)]);
    expect((await get(xiuzhouReviewer.auth, `cross-region-flow?programId=${program.id}`)).rows).toEqual([flow('310000', '上海市', 1, 150_000, 0)]);
    // The Shanghai partner sees the flow into Shanghai, not the Jiaxing-internal one.
    expect((await get(partner.auth, `cross-region-flow?programId=${program.id}`)).rows).toEqual([flow('310000', '上海市', 2, 400_000, 250_000)]);

    // For the provider map: one more local service without an instrument, and a withdrawn one.
    await listService(app, local.auth, 80_000, '材料密度测定', { instrumentName: undefined });
    const withdrawn = await listService(app, local.auth, 90_000, '材料硬度测试', { instrumentName: '洛氏硬度计' });
    await app.http().post(`/api/v1/catalog/services/${withdrawn.id}/withdraw`).set(local.auth).expect(200);
  });

  it('approval times per workflow and stage, in hours, scoped to the caller’s regions', async () => {
    // Decision times are set in the database: real ones are milliseconds and would prove nothing.
    const took = (caseId: string, stageKey: string, hours: number) =>
      app.dataSource.query(
        `UPDATE approval_tasks SET created_at = decided_at - make_interval(hours => $3) WHERE case_id = $1 AND stage_key = $2 AND decided_at IS NOT NULL`,
        [caseId, stageKey, hours],
      );
    await took(caseIds.nanhuApplication, 'district_review', 1);
    await took(caseIds.xiuzhouApplication, 'district_review', 3);
    await took(caseIds.nanhuApplication, 'city_approval', 10);
    await took(caseIds.xiuzhouApplication, 'city_approval', 20);
    await took(caseIds.claim, 'district_review', 2);
    await took(caseIds.claim, 'city_approval', 4);
    // A second 南湖 application waits at district review, past its SLA.
    const nanhu = await registerOrganization(app, { kind: 'enterprise', regionCode: '330402' });
    const draft = await app.http().post('/api/v1/voucher-applications').set(nanhu.auth).send({ programId, requestedFen: 100_000, purpose: '材料成分检测与性能测试' }).expect(201);
    const submitted = await app.http().post(`/api/v1/voucher-applications/${draft.body.id}/submit`).set(nanhu.auth).send({}).expect(200);
    const waiting = await waitForTask(app, reviewer.auth, submitted.body.caseId, 'district_review');
    await app.dataSource.query(`UPDATE approval_tasks SET due_at = now() - interval '1 hour' WHERE id = $1`, [waiting.id]);

    const stage = (workflowKey: string, stageKey: string, decided: number, hours: [number, number, number] | null, overdueOpen: number, open: number) => ({
      workflowKey, stageKey, decided, avgHours: hours?.[0] ?? null, p50Hours: hours?.[1] ?? null, p90Hours: hours?.[2] ?? null, overdueOpen, open,
    });
    // p90 of 1 h and 3 h: 1 + 0.9 × 2 = 2.8 h; of 10 h and 20 h: 19 h. The local lab's admission waits at city level.
    const cityWide = [
      stage('provider_admission', 'admission_review', 0, null, 0, 1),
      stage('redemption_claim', 'city_approval', 1, [4, 4, 4], 0, 0),
      stage('redemption_claim', 'district_review', 1, [2, 2, 2], 0, 0),
      stage('voucher_application', 'city_approval', 2, [15, 15, 19], 0, 0),
      stage('voucher_application', 'district_review', 2, [2, 2, 2.8], 1, 1),
    ];
    for (const who of [admin, approver, finance]) expect(await get(who.auth, 'approval-times')).toEqual(cityWide);
    expect(await get(reviewer.auth, 'approval-times')).toEqual([stage('redemption_claim', 'district_review', 1, [2, 2, 2], 0, 0), stage('voucher_application', 'district_review', 1, [1, 1, 1], 1, 1)]);
    expect(await get(xiuzhouReviewer.auth, 'approval-times')).toEqual([stage('voucher_application', 'district_review', 1, [3, 3, 3], 0, 0)]);
    expect(await get(partner.auth, 'approval-times')).toEqual([]);
    // The same numbers GET /approval-metrics reports, in seconds.
    const metrics = await app.http().get('/api/v1/approval-metrics').set(admin.auth).expect(200);
    expect(metrics.body.timeInStage).toContainEqual({ definitionKey: 'voucher_application', stageKey: 'district_review', decided: 2, avgSeconds: 7200, p90Seconds: 10_080 });
  });

  it('provider map: every known region with coordinates and exact counts', async () => {
    const rows = (await get(reviewer.auth, 'provider-map')) as { regionCode: string; lat: number | null; lng: number | null }[];
    expect(rows.map((r) => r.regionCode)).toEqual(mapBefore.map((r) => r.regionCode));
    expect(rows).toHaveLength(17);
    expect(rows.filter((r) => r.lat === null || r.lng === null)).toEqual([]);
    const row = (code: string) => rows.find((r) => r.regionCode === code);
    // From the demo seed: admitted providers only (applied, in-review and public-notice ones are not), no catalogue.
    expect(row('330424')).toEqual({ regionCode: '330424', regionName: '海盐县', lat: 30.53, lng: 120.95, activeProviders: 1, services: 0, instruments: 0, cmaOrCnas: 1 });
    expect(row('330482')).toMatchObject({ activeProviders: 0, services: 0, instruments: 0, cmaOrCnas: 0 });
    expect(row('310117')).toMatchObject({ regionName: '松江区', activeProviders: 2, services: 0, cmaOrCnas: 2 });
    // The scenario: the Shanghai demo lab listed one service; the admitted 秀洲 lab (CMA) two active
    // ones, one without an instrument, and withdrew a third.
    expect(row('310000')).toEqual({ regionCode: '310000', regionName: '上海市', lat: 31.23, lng: 121.47, activeProviders: 14, services: 1, instruments: 1, cmaOrCnas: 14 });
    expect(row('330411')).toEqual({ regionCode: '330411', regionName: '秀洲区', lat: 30.76, lng: 120.71, activeProviders: 3, services: 2, instruments: 1, cmaOrCnas: 3 });
    const before = (code: string) => mapBefore.find((r) => r.regionCode === code);
    expect(before('330411')).toMatchObject({ activeProviders: 2, services: 0, instruments: 0, cmaOrCnas: 2 });
    expect(before('310000')).toMatchObject({ activeProviders: 14, services: 0, instruments: 0 });
  });

  it('enterprises, labs and investors are refused; the programme query is validated', async () => {
    const investor = await login(app, DEMO.investor);
    for (const path of [`budget-by-district?programId=${programId}`, `cross-region-flow?programId=${programId}`, 'approval-times', 'provider-map']) {
      for (const who of [demoEnterprise, lab, investor]) {
        const res = await app.http().get(`/api/v1/dashboards/${path}`).set(who.auth).expect(403);
        expect(res.body.code).toBe('FORBIDDEN');
      }
      await app.http().get(`/api/v1/dashboards/${path}`).expect(401);
    }
    for (const path of ['budget-by-district', 'cross-region-flow']) {
      const missing = await app.http().get(`/api/v1/dashboards/${path}`).set(approver.auth).expect(400);
      expect(missing.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [expect.objectContaining({ field: 'programId' })] });
      await app.http().get(`/api/v1/dashboards/${path}?programId=nope`).set(approver.auth).expect(400);
      await app.http().get(`/api/v1/dashboards/${path}?programId=${programId}&extra=1`).set(approver.auth).expect(400);
      await app.http().get(`/api/v1/dashboards/${path}?programId=${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}`).set(approver.auth).expect(404);
    }
  });
});
