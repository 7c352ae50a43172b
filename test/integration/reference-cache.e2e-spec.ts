import { ReferenceCache } from '../../src/platform/cache/reference-cache';
import { registerOrganization } from '../support/factories';
import { DEMO, eventually, login, Session, startTestApp, TestApp } from '../support/test-app';
import { admittedProvider, issueVoucher, ledgerInvariants, listService, openProgram } from '../support/vouchers';

type Auth = { Authorization: string };

/**
 * Reference data cached in every process (docs/architecture.md, "Money paths"): a change made through
 * one process reaches the others' caches by NOTIFY, and an order is never priced on a value a cache
 * kept past a commit — the statement that writes the hold compares the stamps under the voucher lock.
 */
describe('reference data cached per process, never trusted past a commit', () => {
  let a: TestApp;
  let b: TestApp;
  let provider: Awaited<ReturnType<typeof admittedProvider>>;
  let enterprise: Auth;
  let voucherId: string;
  let serviceId: string;

  beforeAll(async () => {
    a = await startTestApp();
    b = await startTestApp({ role: 'api', database: a.db, queuePrefix: a.queuePrefix });
    const [approver, reviewer]: Session[] = await Promise.all([login(a, DEMO.approver), login(a, DEMO.reviewer)]);
    const programId = (await openProgram(a, approver.auth, { fullCoverageThresholdFen: 0 })).id;
    provider = await admittedProvider(a, '330402');
    serviceId = (await listService(a, provider.auth, 100_000)).id;
    const holder = await registerOrganization(a, { kind: 'enterprise', regionCode: '330402' });
    enterprise = holder.auth;
    voucherId = (await issueVoucher(a, enterprise, reviewer.auth, approver.auth, programId, 1_000_000)).voucherId;
  });
  afterAll(async () => {
    await b?.close({ keepData: true });
    await a?.close();
  });

  const quote = async (app: TestApp) => (await app.http().post('/api/v1/service-orders/quote').set(enterprise).send({ serviceId, voucherId, quantity: 1 }).expect(200)).body as { unitPriceFen: number; subsidyFen: number };
  const reprice = (unitPriceFen: number) => a.http().post(`/api/v1/catalog/services/${serviceId}`).set(provider.auth).send({ unitPriceFen }).expect(200);

  it('a price changed through one process reaches the other process’s cache within moments', async () => {
    expect((await quote(b)).unitPriceFen).toBe(100_000); // b has it cached now
    await reprice(120_000);
    await eventually(async () => (await quote(b)).unitPriceFen === 120_000, 5_000, 'process b to drop its cached service');
    expect((await quote(a)).subsidyFen).toBe(60_000);
  });

  it('an order placed on a stale cache is priced again on what committed', async () => {
    expect((await quote(b)).unitPriceFen).toBe(120_000);
    // A change that tells nobody (its trigger off for one statement): b's cache is now stale.
    await a.dataSource.transaction(async (m) => {
      await m.query(`ALTER TABLE catalog_services DISABLE TRIGGER catalog_services_reference_changed`);
      await m.query(`UPDATE catalog_services SET unit_price_fen = 80000 WHERE id = $1`, [serviceId]);
      await m.query(`ALTER TABLE catalog_services ENABLE TRIGGER catalog_services_reference_changed`);
    });
    expect((await quote(b)).unitPriceFen).toBe(120_000); // the quote reads the cache: stale, as set up
    const placed = await b.http().post('/api/v1/service-orders').set(enterprise).send({ serviceId, voucherId, quantity: 1 }).expect(201);
    expect(placed.body).toMatchObject({ unitPriceFen: 80_000, contractAmountFen: 80_000, subsidyHeldFen: 40_000 });
    const [row] = (await a.dataSource.query(`SELECT unit_price_fen, subsidy_held_fen FROM service_orders WHERE id = $1`, [placed.body.id])) as { unit_price_fen: string; subsidy_held_fen: string }[];
    expect(Number(row.unit_price_fen)).toBe(80_000);
    expect(Number(row.subsidy_held_fen)).toBe(40_000);
    expect((await quote(b)).unitPriceFen).toBe(80_000); // and the stale entry was dropped
    const books = await ledgerInvariants(a);
    expect(books).toMatchObject({ sum: 0, drift: 0 });
    expect(books.minBalance).toBeGreaterThanOrEqual(0);
  });

  it('a provider suspended without a notification cannot be ordered from through a cache that still says active', async () => {
    expect((await quote(b)).unitPriceFen).toBe(80_000);
    await a.dataSource.transaction(async (m) => {
      await m.query(`ALTER TABLE organizations DISABLE TRIGGER organizations_reference_changed`);
      await m.query(`UPDATE organizations SET admission_status = 'suspended' WHERE id = $1`, [provider.organization.id]);
      await m.query(`ALTER TABLE organizations ENABLE TRIGGER organizations_reference_changed`);
    });
    const refused = await b.http().post('/api/v1/service-orders').set(enterprise).send({ serviceId, voucherId, quantity: 1 }).expect(422);
    expect(refused.body.message).toMatch(/provider is not active/);
    await a.dataSource.query(`UPDATE organizations SET admission_status = 'active' WHERE id = $1`, [provider.organization.id]);
  });

  it('without its LISTEN connection a process caches nothing', async () => {
    const cache = b.get(ReferenceCache);
    await cache.onModuleDestroy();
    try {
      await reprice(90_000);
      expect((await quote(b)).unitPriceFen).toBe(90_000); // at once: nothing was served from memory
    } finally {
      await cache.onModuleInit();
    }
  });
});
