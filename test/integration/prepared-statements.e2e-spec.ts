import { randomUUID } from 'node:crypto';
import { preparedQuery } from '../../src/platform/database/prepared-query';
import { registerOrganization } from '../support/factories';
import { DEMO, login, startTestApp, TestApp } from '../support/test-app';
import { admittedProvider, issueVoucher, ledgerInvariants, listService, openProgram } from '../support/vouchers';

/**
 * The hot statements are named prepared statements kept by each connection (preparedQuery: authentication's session
 * lookup, ordering's voucher read and its placing statement). A migration that adds a column to a view they read
 * (as a rolling deploy runs while older processes still serve) must not break them: PostgreSQL re-plans a kept
 * statement after the change, and fails it for good on that connection if its result type changed.
 */
describe('prepared statements survive a view that gains a column while the app runs', () => {
  let app: TestApp;

  beforeAll(async () => {
    // Two connections: every order below reuses a connection that already holds the statements.
    app = await startTestApp({ env: { DB_POOL_SIZE: '2' } });
  });
  afterAll(() => app.close());

  it('orders and sign-ins keep working after read_voucher_for_order, read_organizations and read_directory_users change', async () => {
    const [approver, reviewer] = await Promise.all([login(app, DEMO.approver), login(app, DEMO.reviewer)]);
    const lab = await admittedProvider(app, '330402');
    const enterprise = await registerOrganization(app, { kind: 'enterprise', regionCode: '330402' });
    const program = await openProgram(app, approver.auth);
    const { voucherId } = await issueVoucher(app, enterprise.auth, reviewer.auth, approver.auth, program.id, 1_000_000);
    const service = await listService(app, lab.auth, 10_000);
    const order = () =>
      app.http().post('/api/v1/service-orders').set(enterprise.auth).set('Idempotency-Key', randomUUID()).send({ voucherId, serviceId: service.id, quantity: 1 });

    for (let i = 0; i < 6; i += 1) await order().expect(201);

    // As a later migration would: each view gains a column at its end (CREATE OR REPLACE VIEW keeps the others).
    for (const view of ['read_voucher_for_order', 'read_organizations', 'read_directory_users']) {
      const [{ definition }] = (await app.dataSource.query(`SELECT pg_get_viewdef($1::regclass) AS definition`, [view])) as { definition: string }[];
      const body = definition.trim().replace(/;$/, '');
      const at = body.search(/\n {3}FROM /); // the top-level FROM (pg_get_viewdef indents nested ones further)
      if (at < 0) throw new Error(`no top-level FROM in ${view}: ${body}`);
      await app.dataSource.query(`CREATE OR REPLACE VIEW ${view} AS ${body.slice(0, at)}, 1 AS added_later ${body.slice(at)}`);
    }

    for (let i = 0; i < 6; i += 1) await order().expect(201);
    await app.http().get('/api/v1/me').set(enterprise.auth).expect(200);
    const [{ n }] = await app.dataSource.query(`SELECT count(*)::int AS n FROM service_orders WHERE voucher_id = $1`, [voucherId]);
    expect(n).toBe(12);
    const ledger = await ledgerInvariants(app);
    expect(ledger).toMatchObject({ sum: 0, drift: 0 });
    expect(ledger.minBalance).toBeGreaterThanOrEqual(0);
  });

  it('a statement whose result type a migration changed is prepared again on a fresh connection, on every connection that held it', async () => {
    await app.dataSource.query(`CREATE TABLE prepared_type_change (id int PRIMARY KEY, amount int NOT NULL)`);
    await app.dataSource.query(`INSERT INTO prepared_type_change VALUES (1, 42)`);
    const read = () => preparedQuery<{ amount: number | string }>(app.dataSource, 'test_type_change', `SELECT amount FROM prepared_type_change WHERE id = $1`, [1]);
    // Both connections of the pool hold the statement (four at once cannot share one).
    for (let i = 0; i < 3; i += 1) expect(await Promise.all([read(), read(), read(), read()])).toEqual(Array(4).fill([{ amount: 42 }]));
    // As a migration widening a money column would: the kept plans' result type is no longer the table's.
    await app.dataSource.query(`ALTER TABLE prepared_type_change ALTER COLUMN amount TYPE bigint`);
    for (let i = 0; i < 3; i += 1) expect(await Promise.all([read(), read(), read(), read()])).toEqual(Array(4).fill([{ amount: '42' }]));
    // Other errors are not retried: they come back as before.
    await expect(preparedQuery(app.dataSource, 'test_missing', `SELECT amount FROM prepared_no_such_table`, [])).rejects.toThrow(/does not exist/);
    await app.dataSource.query(`DROP TABLE prepared_type_change`);
  });
});
