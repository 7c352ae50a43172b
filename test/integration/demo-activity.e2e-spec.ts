import { shanghaiDate } from '../../src/platform/database/shanghai-date';
import { DEMO_AGREEMENT_NAME, DEMO_PROGRAM_NAME, DEMO_SERVICES, seedDemoActivity } from '../../src/seed/demo-activity';
import { DEMO, login, startTestApp, TestApp } from '../support/test-app';
import { ledgerInvariants } from '../support/vouchers';

/**
 * The demo activity (src/seed/demo-activity.ts) played through the real API, workflows and ledger: what a visitor of
 * `npm start` finds, two starts racing on one database, and a start that finds the demo half-played.
 */
describe('demo activity: a programme, services, an agreement, a voucher and an order, played through the API', () => {
  let app: TestApp;
  let url: string;

  beforeAll(async () => {
    app = await startTestApp();
    url = app.running.url as string;
  });
  afterAll(() => app?.close());

  async function counts() {
    const [row] = await app.dataSource.query(
      `SELECT (SELECT count(*) FROM voucher_programs WHERE name = $1)::int AS programs,
              (SELECT count(*) FROM catalog_services WHERE code LIKE 'DEMO-%')::int AS services,
              (SELECT count(*) FROM recognition_agreements WHERE name = $2)::int AS agreements,
              (SELECT count(*) FROM voucher_applications a JOIN voucher_programs p ON p.id = a.program_id WHERE p.name = $1)::int AS applications,
              (SELECT count(*) FROM vouchers v JOIN voucher_programs p ON p.id = v.program_id WHERE p.name = $1)::int AS vouchers,
              (SELECT count(*) FROM service_orders)::int AS orders`,
      [DEMO_PROGRAM_NAME, DEMO_AGREEMENT_NAME],
    );
    return row as Record<string, number>;
  }

  it('two starts at once play it once; a third finds it complete and changes nothing', async () => {
    const results = await Promise.allSettled([seedDemoActivity(url), seedDemoActivity(url)]);
    const played = results.filter((r) => r.status === 'fulfilled' && r.value.seeded);
    expect(played.length).toBeGreaterThanOrEqual(1);
    expect(await counts()).toEqual({ programs: 1, services: DEMO_SERVICES.length, agreements: 1, applications: 1, vouchers: 1, orders: 1 });

    expect(await seedDemoActivity(url)).toMatchObject({ seeded: false });
    expect(await counts()).toEqual({ programs: 1, services: DEMO_SERVICES.length, agreements: 1, applications: 1, vouchers: 1, orders: 1 });
    expect(await ledgerInvariants(app)).toEqual({ sum: 0, minBalance: expect.any(Number), drift: 0 });
    expect((await ledgerInvariants(app)).minBalance).toBeGreaterThanOrEqual(0);

    // What the demo enterprise sees: an open programme, its issued voucher, and an order at the Shanghai lab that the
    // lab sees too (under the agreement both regions signed).
    const enterprise = await login(app, DEMO.enterprise);
    const lab = await login(app, DEMO.provider);
    const programmes = (await app.http().get('/api/v1/programs').set(enterprise.auth).expect(200)).body as { name: string; status: string }[];
    expect(programmes.find((p) => p.name === DEMO_PROGRAM_NAME)?.status).toBe('open');
    const vouchers = (await app.http().get('/api/v1/vouchers').set(enterprise.auth).expect(200)).body as { status: string }[];
    expect(vouchers).toHaveLength(1);
    const labOrders = (await app.http().get('/api/v1/service-orders').set(lab.auth).expect(200)).body as { status: string }[];
    expect(labOrders).toHaveLength(1);
  }, 120_000);

  it('a start that finds the demo half-played completes what is missing and duplicates nothing', async () => {
    // A second database, as left by a start that stopped after the draft programme and one service.
    const other = await startTestApp();
    try {
      const approver = await login(other, DEMO.approver);
      const lab = await login(other, DEMO.provider);
      const year = Number(shanghaiDate().slice(0, 4));
      const draft = await other.http().post('/api/v1/programs').set(approver.auth).send({
        issuingRegionCode: '330400', year, name: DEMO_PROGRAM_NAME, ratioBpByTier: { default: 5000 }, perApplicationCapFen: 5_000_000,
        annualCapEnterpriseFen: 10_000_000, annualCapGroupFen: 15_000_000, fullCoverageThresholdFen: 100_000, useBy: `${year + 1}-06-30`,
        redeemBy: `${year + 1}-09-30`, redemptionMode: 'provider_redeems', settlementCycle: 'monthly', budgetFen: 500_000_000,
      });
      expect(draft.status).toBe(201);
      await other.http().post('/api/v1/catalog/services').set(lab.auth).send({ ...DEMO_SERVICES[0] }).expect(201);

      const report = await seedDemoActivity(other.running.url as string);
      expect(report).toMatchObject({ seeded: true, programId: draft.body.id, services: DEMO_SERVICES.length });
      const [row] = await other.dataSource.query(
        `SELECT (SELECT count(*) FROM voucher_programs WHERE name = $1 AND status = 'open')::int AS programs,
                (SELECT count(*) FROM catalog_services WHERE code LIKE 'DEMO-%')::int AS services,
                (SELECT count(*) FROM service_orders)::int AS orders`,
        [DEMO_PROGRAM_NAME],
      );
      expect(row).toEqual({ programs: 1, services: DEMO_SERVICES.length, orders: 1 });
    } finally {
      await other.close();
    }
  }, 120_000);
});
