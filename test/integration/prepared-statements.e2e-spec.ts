import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
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

  it('a statement PostgreSQL refuses leaves its connection in the pool; a connection whose backend was terminated is closed', async () => {
    // The pool says when it closes a connection ('remove'); the app's own background work shares it, and closes none.
    const pool = (app.dataSource.driver as PostgresDriver).master as Pool;
    const closed = () => {
      const seen = { count: 0 };
      const count = () => (seen.count += 1);
      pool.on('remove', count);
      return { seen, stop: () => pool.off('remove', count) };
    };
    await app.dataSource.query(`CREATE TABLE prepared_locked (id int PRIMARY KEY)`);
    await app.dataSource.query(`INSERT INTO prepared_locked VALUES (1)`);
    await app.dataSource.query(`
      CREATE FUNCTION prepared_refuse(kind text) RETURNS int LANGUAGE plpgsql AS $$
      BEGIN
        IF kind = 'raise' THEN RAISE EXCEPTION 'voucher short' USING ERRCODE = 'GO001'; END IF;
        IF kind = 'check' THEN RETURN 1 / 0; END IF;
        PERFORM set_config('lock_timeout', '50ms', true);
        PERFORM 1 FROM prepared_locked FOR UPDATE;
        RETURN 1;
      END $$`);
    // Refusals as the order statement raises them (a function's RAISE with a SQLSTATE of its own), a failed check,
    // and a lock wait given up (lock_timeout), each more often than the pool has connections.
    const holder = app.dataSource.createQueryRunner();
    await holder.startTransaction();
    await holder.query(`SELECT id FROM prepared_locked FOR UPDATE`);
    const refusals = closed();
    try {
      for (const [kind, message] of [['raise', /voucher short/], ['check', /division by zero/], ['wait', /lock timeout/]] as const) {
        const refused = await Promise.allSettled(Array.from({ length: 4 }, () => preparedQuery(app.dataSource, 'test_refused', `SELECT prepared_refuse($1) AS x`, [kind])));
        expect(refused.map((r) => r.status)).toEqual(Array(4).fill('rejected'));
        for (const r of refused) expect(String((r as PromiseRejectedResult).reason)).toMatch(message);
      }
    } finally {
      await holder.rollbackTransaction();
      await holder.release();
    }
    expect(await preparedQuery(app.dataSource, 'test_after', `SELECT 1 AS one`, [])).toEqual([{ one: 1 }]);
    // The pool says 'remove' once a closed connection has ended: give any such end time to arrive.
    await new Promise((resolve) => setTimeout(resolve, 300));
    refusals.stop();
    expect(refusals.seen.count).toBe(0);

    // A connection whose backend is terminated during its statement is closed, not handed out again.
    const termination = closed();
    const sleeping = preparedQuery(app.dataSource, 'test_sleep', `SELECT pg_sleep(30) AS slept`, []);
    let victim: number | undefined;
    for (let i = 0; i < 200 && victim === undefined; i += 1) {
      const [row] = (await app.dataSource.query(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query LIKE '%pg_sleep(30)%' AND pid <> pg_backend_pid()`)) as { pid: number }[];
      victim = row?.pid;
      if (victim === undefined) await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(victim).toBeDefined();
    await app.dataSource.query(`SELECT pg_terminate_backend($1)`, [victim]);
    await expect(sleeping).rejects.toThrow(/terminating connection/);
    for (let i = 0; i < 100 && termination.seen.count === 0; i += 1) await new Promise((resolve) => setTimeout(resolve, 20));
    await new Promise((resolve) => setTimeout(resolve, 100));
    termination.stop();
    expect(termination.seen.count).toBe(1);
    expect(await preparedQuery(app.dataSource, 'test_after', `SELECT 1 AS one`, [])).toEqual([{ one: 1 }]);
    await app.dataSource.query(`DROP FUNCTION prepared_refuse(text)`);
    await app.dataSource.query(`DROP TABLE prepared_locked`);
  });
});
