import { execFile } from 'node:child_process';
import { Client } from 'pg';
import * as path from 'node:path';
import { DataSource, EntityManager } from 'typeorm';
import { AuditSealHorizon1764900250000 } from '../../migrations/1764900250000-audit-seal-horizon';
import { AuditSealer1764900060000 } from '../../migrations/1764900060000-audit-sealer';
import { AuditRowContent, auditRowHash, GENESIS_HASH } from '../../src/platform/audit/audit-hash';
import { AuditSealer } from '../../src/platform/audit/audit-sealer';
import { verifyAuditChain } from '../../src/platform/audit/audit-verifier';
import { AuditInput, AuditWriter } from '../../src/platform/audit/audit-writer';
import { RequestContext } from '../../src/platform/context/request-context';
import { dataSourceOptions } from '../../src/platform/database/data-source-options';
import { createTestDatabase, DEMO, eventually, login, Session, startTestApp, TestApp } from '../support/test-app';
import { registerOrganization } from '../support/factories';
import { adminUrl, TEST_REDIS_URL } from '../support/test-env';

// jest.config.js sets testTimeout per project, where jest ignores it.
jest.setTimeout(60_000);

/** The compiled CLI (`npm run audit:verify` runs it); build with `npm run build` first. */
const AUDIT_VERIFY_CLI = path.resolve(__dirname, '../../dist/src/cli/audit-verify.js');

function runAuditVerifyCli(databaseUrl: string): Promise<{ code: number; result: { ok: boolean; checked: number; problems: unknown[]; unsealed: unknown } }> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [AUDIT_VERIFY_CLI],
      { env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', DATABASE_URL: databaseUrl, REDIS_URL: TEST_REDIS_URL, LOG_LEVEL: 'silent' }, timeout: 30_000 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
        try {
          resolve({ code, result: JSON.parse(stdout) });
        } catch {
          reject(new Error(`audit-verify exited ${code} without JSON: ${stdout} ${stderr}`));
        }
      },
    );
  });
}

interface AuditItem {
  id: number;
  seq: number | null;
  hash: string | null;
  action: string;
  organizationId: string | null;
  actorOrganizationId: string | null;
  regionCode: string | null;
  subjectId: string;
}

describe('audit trail: hash chain, verification and scoped reads', () => {
  let app: TestApp;
  let admin: Session;

  beforeAll(async () => {
    app = await startTestApp();
    admin = await login(app, DEMO.admin);
  });
  afterAll(() => app.close());

  /**
   * Seals until nothing is left unsealed. Usually one pass; longer only while a transaction of this database
   * that began writing before our last row is still open (or one whose database cannot be seen).
   */
  const sealAll = () =>
    eventually(async () => {
      await app.get(AuditSealer).seal({ wait: true });
      const [{ n }] = await app.dataSource.query(`SELECT count(*)::int AS n FROM audit_events WHERE seq IS NULL`);
      return n === 0;
    }, 20_000, 'every audit row sealed');

  /** Everything sealed first, so the head is the newest row. */
  const count = async (): Promise<{ count: number; head: number; newest: number }> => {
    await sealAll();
    const [row] = await app.dataSource.query(`SELECT count(*)::int AS count, max(seq)::int AS head, max(id)::int AS newest FROM audit_events`);
    return row;
  };
  const NOTHING_UNSEALED = { count: 0, oldestAgeMs: null };

  describe('scoping of GET /audit-events', () => {
    let enterprise: Awaited<ReturnType<typeof registerOrganization>>;
    let shanghaiProvider: Awaited<ReturnType<typeof registerOrganization>>;

    beforeAll(async () => {
      enterprise = await registerOrganization(app, { kind: 'enterprise', regionCode: '330402' });
      shanghaiProvider = await registerOrganization(app, { kind: 'provider', regionCode: '310000' });
      // The provider's admission case runs on the queue; let it settle at its review task so the trail stops growing.
      await eventually(async () => {
        const rows = await app.dataSource.query(
          `SELECT 1 FROM approval_tasks t JOIN approval_cases c ON c.id = t.case_id WHERE c.subject_id = $1`,
          [shanghaiProvider.organization.id],
        );
        return rows.length > 0;
      }, 15_000, 'admission task');
      await login(app, DEMO.enterprise);
    });

    it('an enterprise user sees only its own organisation’s rows', async () => {
      const res = await app.http().get('/api/v1/audit-events?limit=500').set(enterprise.auth).expect(200);
      const items = res.body.items as AuditItem[];
      const own = enterprise.organization.id;
      expect(items.every((i) => i.organizationId === own || i.actorOrganizationId === own)).toBe(true);
      // Exactly its registration and its sign-in, newest first.
      expect(items.map((i) => i.action)).toEqual(['session.started', 'organization.registered']);
      expect(res.body.nextBeforeSeq).toBeNull();
      // Filtering cannot widen the scope.
      const other = await app.http().get(`/api/v1/audit-events?organizationId=${shanghaiProvider.organization.id}`).set(enterprise.auth).expect(200);
      expect(other.body.items).toEqual([]);
      const forbidden = await app.http().get('/api/v1/audit-events/verify').set(enterprise.auth).expect(403);
      expect(forbidden.body.code).toBe('FORBIDDEN');
    });

    it('a district reviewer sees rows of its regions but not a Shanghai provider’s registration', async () => {
      const reviewer = await login(app, DEMO.reviewer);
      const me = await app.http().get('/api/v1/me').set(reviewer.auth).expect(200);
      const scope = me.body.regionScope as string[];
      expect(scope).toContain('330402');
      expect(scope).not.toContain('310000');
      const res = await app.http().get('/api/v1/audit-events?limit=500').set(reviewer.auth).expect(200);
      const items = res.body.items as AuditItem[];
      const own = me.body.organization.id;
      expect(items.every((i) => i.organizationId === own || i.actorOrganizationId === own || (i.regionCode !== null && scope.includes(i.regionCode)))).toBe(true);
      const registrations = items.filter((i) => i.action === 'organization.registered').map((i) => i.subjectId);
      expect(registrations).toContain(enterprise.organization.id);
      expect(registrations).not.toContain(shanghaiProvider.organization.id);
      // The enterprise's sign-in carries no region: not the reviewer's business.
      expect(items.filter((i) => i.actorOrganizationId === enterprise.organization.id).map((i) => i.action)).toEqual(['organization.registered']);
      // Its own sign-in is there.
      expect(items.some((i) => i.action === 'session.started' && i.actorOrganizationId === own)).toBe(true);

      // The same count as a direct query with the same scope.
      const [{ visible }] = await app.dataSource.query(
        `SELECT count(*)::int AS visible FROM audit_events WHERE organization_id = $1 OR actor_organization_id = $1 OR region_code = ANY($2::text[])`,
        [own, scope],
      );
      expect(items).toHaveLength(visible);
      const forbidden = await app.http().get('/api/v1/audit-events/verify').set(reviewer.auth).expect(403);
      expect(forbidden.body.code).toBe('FORBIDDEN');
    });

    it('a platform admin sees everything', async () => {
      const res = await app.http().get('/api/v1/audit-events?limit=500').set(admin.auth).expect(200);
      const { count: total, newest } = await count();
      expect(res.body.items).toHaveLength(total);
      expect(res.body.items[0].id).toBe(newest);
      const registrations = (res.body.items as AuditItem[]).filter((i) => i.action === 'organization.registered').map((i) => i.subjectId);
      expect(registrations).toEqual(expect.arrayContaining([enterprise.organization.id, shanghaiProvider.organization.id]));
    });
  });

  describe('sealing: writers never wait, one sealer chains in writer order', () => {
    const writer = () => app.get(AuditWriter);
    const event = (action: string, subjectId: string, n = 0): AuditInput => ({ action, subjectType: 'audit_test', subjectId, after: { n, note: '封存' } });

    it('rows of 60 concurrent transactions, every fourth rolled back, all end up sealed in a chain that verifies', async () => {
      const transactions = Array.from({ length: 60 }, (_, i) => ({ subjectId: `tx-${i}`, rows: 1 + (i % 3), rolledBack: i % 4 === 3 }));
      const outcomes = await Promise.allSettled(
        transactions.map((t, i) =>
          app.dataSource.transaction(async (manager) => {
            // Like a unit of work: an xid from its first write, then more work, its audit rows last. The
            // transactions overlap, and insertion (id) order and commit order differ from xid order.
            await manager.query(`SELECT pg_current_xact_id()`);
            await manager.query(`SELECT pg_sleep($1)`, [((i * 7) % 11) / 200]);
            await writer().append(manager, Array.from({ length: t.rows }, (_, n) => event('audit_test.concurrent', t.subjectId, n)));
            if (t.rolledBack) throw new Error('rolled back on purpose');
          }),
        ),
      );
      expect(outcomes.filter((o) => o.status === 'rejected')).toHaveLength(15);
      const committed = transactions.filter((t) => !t.rolledBack);

      const { count: total, head } = await count();
      expect(head).toBe(total);
      const rows = (await app.dataSource.query(
        `SELECT id::int AS id, subject_id, (after->>'n')::int AS n, seq::int AS seq, writer_xid::text AS xid FROM audit_events WHERE action = 'audit_test.concurrent' ORDER BY seq`,
      )) as { id: number; subject_id: string; n: number; seq: number; xid: string }[];
      // Exactly the committed rows: none of a rolled-back transaction, no gap where they were.
      expect(rows).toHaveLength(committed.reduce((sum, t) => sum + t.rows, 0));
      expect(new Set(rows.map((r) => r.subject_id))).toEqual(new Set(committed.map((t) => t.subjectId)));
      // Insertion order is not chain order here (else this test could not tell them apart).
      expect(rows.some((r, i) => i > 0 && r.id < rows[i - 1].id)).toBe(true);
      // Chained in writer order (xid, then insertion): one transaction's rows are consecutive, in the order written.
      const xids = rows.map((r) => BigInt(r.xid));
      expect(xids.every((x, i) => i === 0 || x > xids[i - 1] || (x === xids[i - 1] && rows[i].seq === rows[i - 1].seq + 1 && rows[i].n === rows[i - 1].n + 1))).toBe(true);
      for (const t of committed) {
        const own = rows.filter((r) => r.subject_id === t.subjectId);
        expect(own.map((r) => r.n)).toEqual(Array.from({ length: t.rows }, (_, n) => n));
        expect(own[own.length - 1].seq - own[0].seq).toBe(t.rows - 1);
      }
      const res = await app.http().get('/api/v1/audit-events/verify').set(admin.auth).expect(200);
      expect(res.body).toEqual({ ok: true, checked: total, headSeq: head, problems: [], unsealed: NOTHING_UNSEALED });
    });

    it('insertStatement stands as one member of a larger WITH, its parameters numbered after the others', async () => {
      const audit = writer().insertStatement([event('audit_test.embedded', 'embedded', 1), event('audit_test.embedded', 'embedded', 2)], 3)!;
      const [{ n }] = await app.dataSource.query(`WITH other AS (SELECT $1::int + $2::int AS n), audit AS (${audit.sql}) SELECT n FROM other`, [40, 2, ...audit.params]);
      expect(n).toBe(42);
      const rows = await app.dataSource.query(`SELECT (after->>'n')::int AS n FROM audit_events WHERE action = 'audit_test.embedded' ORDER BY id`);
      expect(rows.map((r: { n: number }) => r.n)).toEqual([1, 2]);
      await count();
    });

    it('a row waits while an older writing transaction is open (listed unsealed, counted, protected), then is chained after that one’s rows', async () => {
      const older = app.dataSource.createQueryRunner();
      await older.connect();
      try {
        await older.startTransaction();
        await writer().append(older.manager, [event('audit_test.older', 'older')]);
        await app.dataSource.transaction((manager) => writer().append(manager, [event('audit_test.newer', 'newer')]));

        await app.get(AuditSealer).seal({ wait: true });
        const [newer] = (await app.dataSource.query(`SELECT id::int AS id, seq, prev_hash, hash FROM audit_events WHERE action = 'audit_test.newer'`)) as { id: number; seq: null }[];
        expect(newer).toEqual({ id: expect.any(Number), seq: null, prev_hash: null, hash: null });

        // Reads show it, without a place in the chain yet.
        const list = await app.http().get('/api/v1/audit-events?action=audit_test.newer').set(admin.auth).expect(200);
        expect(list.body.items).toEqual([expect.objectContaining({ id: newer.id, seq: null, hash: null, action: 'audit_test.newer', subjectId: 'newer' })]);
        expect(list.body).toMatchObject({ nextBeforeId: null, nextBeforeSeq: null });

        // Verification counts it apart and calls nothing a problem.
        const verified = await app.http().get('/api/v1/audit-events/verify').set(admin.auth).expect(200);
        expect(verified.body).toMatchObject({ ok: true, problems: [], unsealed: { count: 1, oldestAgeMs: expect.any(Number) } });

        // Unsealed is not unprotected: no deletion, no change of content, and no seal ahead of the open transaction.
        const forged = `UPDATE audit_events SET seq = (SELECT max(seq) + 1 FROM audit_events), prev_hash = repeat('a', 64), hash = repeat('b', 64)`;
        await expect(app.dataSource.query(`DELETE FROM audit_events WHERE id = $1`, [newer.id])).rejects.toThrow('audit_events is append-only');
        await expect(app.dataSource.query(`UPDATE audit_events SET after = '{"n":9}'::jsonb WHERE id = $1`, [newer.id])).rejects.toThrow('audit_events is append-only');
        await expect(app.dataSource.query(`${forged} WHERE id = $1`, [newer.id])).rejects.toThrow('audit_events is append-only');
        await expect(app.dataSource.query(`${forged}, after = '{"n":9}'::jsonb WHERE id = $1`, [newer.id])).rejects.toThrow('audit_events is append-only');

        await older.commitTransaction();
      } finally {
        if (older.isTransactionActive) await older.rollbackTransaction();
        await older.release();
      }
      await count();
      const chained = (await app.dataSource.query(
        `SELECT action, seq::int AS seq FROM audit_events WHERE action IN ('audit_test.older', 'audit_test.newer') ORDER BY seq`,
      )) as { action: string; seq: number }[];
      expect(chained.map((r) => r.action)).toEqual(['audit_test.older', 'audit_test.newer']);
      expect(chained[1].seq).toBe(chained[0].seq + 1);
      const res = await app.http().get('/api/v1/audit-events/verify').set(admin.auth).expect(200);
      expect(res.body).toMatchObject({ ok: true, problems: [], unsealed: NOTHING_UNSEALED });
    });

    it('a writing transaction open in another database of the server holds nothing back', async () => {
      const elsewhere = new Client({ connectionString: adminUrl() });
      await elsewhere.connect();
      try {
        await elsewhere.query('BEGIN');
        const [{ xid }] = (await elsewhere.query('SELECT pg_current_xact_id()::text AS xid')).rows as { xid: string }[];
        await app.dataSource.transaction((manager) => writer().append(manager, [event('audit_test.beside_other_database', 'beside')]));
        // The other transaction is older than the row and still open: the cluster-wide xmin is behind the row.
        const [{ behind }] = await app.dataSource.query(
          `SELECT bool_and(writer_xid >= pg_snapshot_xmin(pg_current_snapshot()) AND $1::xid8 < writer_xid) AS behind FROM audit_events WHERE action = 'audit_test.beside_other_database'`,
          [xid],
        );
        expect(behind).toBe(true);
        // Sealed while it stays open (this database's own background work may hold a pass back for a moment).
        await eventually(async () => {
          await app.get(AuditSealer).seal({ wait: true });
          const [row] = await app.dataSource.query(`SELECT seq FROM audit_events WHERE action = 'audit_test.beside_other_database'`);
          return row.seq !== null;
        }, 10_000, 'the row sealed beside the other database’s open transaction');
        expect((await elsewhere.query('SELECT pg_current_xact_id()::text AS xid')).rows[0].xid).toBe(xid);
      } finally {
        await elsewhere.query('ROLLBACK').catch(() => undefined);
        await elsewhere.end();
      }
    });
  });

  describe('verification', () => {
    it('an intact chain verifies over HTTP and on the command line', async () => {
      const { count: total, head } = await count();
      // No gaps: seq runs 1..head. (The seed writes no audit rows; sign-ins, registrations and the
      // provider's admission case do.)
      expect(head).toBe(total);
      expect(total).toBeGreaterThanOrEqual(7);
      const res = await app.http().get('/api/v1/audit-events/verify').set(admin.auth).expect(200);
      expect(res.body).toEqual({ ok: true, checked: total, headSeq: head, problems: [], unsealed: NOTHING_UNSEALED });
      const cli = await runAuditVerifyCli(app.db.url);
      expect(cli).toEqual({ code: 0, result: { ok: true, checked: total, headSeq: head, problems: [], unsealed: NOTHING_UNSEALED } });
    });

    it('refuses UPDATE, DELETE and TRUNCATE through the append-only trigger', async () => {
      await expect(app.dataSource.query(`UPDATE audit_events SET after = '{"x":1}'::jsonb WHERE seq = 1`)).rejects.toThrow('audit_events is append-only');
      await expect(app.dataSource.query(`DELETE FROM audit_events WHERE seq = 1`)).rejects.toThrow('audit_events is append-only');
      await expect(app.dataSource.query(`TRUNCATE audit_events`)).rejects.toThrow('audit_events is append-only');
      // A sealed row is never sealed again, nor unsealed, nor re-sealed with the rest unchanged.
      await expect(app.dataSource.query(`UPDATE audit_events SET seq = seq + 1000000 WHERE seq = 1`)).rejects.toThrow('audit_events is append-only');
      await expect(app.dataSource.query(`UPDATE audit_events SET seq = NULL, prev_hash = NULL, hash = NULL WHERE seq = 1`)).rejects.toThrow('audit_events is append-only');
      await expect(app.dataSource.query(`UPDATE audit_events SET hash = repeat('0', 64) WHERE seq = 1`)).rejects.toThrow('audit_events is append-only');
      await expect(app.dataSource.query(`UPDATE audit_events SET seq = seq WHERE seq = 1`)).rejects.toThrow('audit_events is append-only');
      const [{ count: left }] = await app.dataSource.query(`SELECT count(*)::int AS count FROM audit_events WHERE seq = 1`);
      expect(left).toBe(1);
    });

    it('detects an altered row, and missing rows, at their seq', async () => {
      const { count: total, head } = await count();
      const target = Math.floor(head / 2);
      const [original] = await app.dataSource.query(`SELECT after FROM audit_events WHERE seq = $1`, [target]);

      // A superuser can switch the trigger off; the hash chain still tells.
      await app.dataSource.query(`ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update`);
      try {
        await app.dataSource.query(`UPDATE audit_events SET after = COALESCE(after, '{}'::jsonb) || '{"tampered": true}'::jsonb WHERE seq = $1`, [target]);
      } finally {
        await app.dataSource.query(`ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update`);
      }
      const altered = await app.http().get('/api/v1/audit-events/verify').set(admin.auth).expect(200);
      expect(altered.body).toEqual({
        ok: false,
        checked: total,
        headSeq: head,
        problems: [{ seq: target, problem: 'content does not match its hash (row was altered)' }],
        unsealed: NOTHING_UNSEALED,
      });
      const cliAltered = await runAuditVerifyCli(app.db.url);
      expect(cliAltered.code).toBe(2);
      expect(cliAltered.result.problems).toEqual([{ seq: target, problem: 'content does not match its hash (row was altered)' }]);

      // Restoring the content restores the chain (jsonb key order does not matter to the hash).
      await app.dataSource.query(`ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update`);
      try {
        await app.dataSource.query(`UPDATE audit_events SET after = $2::jsonb WHERE seq = $1`, [target, original.after === null ? null : JSON.stringify(original.after)]);
      } finally {
        await app.dataSource.query(`ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update`);
      }
      const restored = await app.http().get('/api/v1/audit-events/verify').set(admin.auth).expect(200);
      expect(restored.body).toEqual({ ok: true, checked: total, headSeq: head, problems: [], unsealed: NOTHING_UNSEALED });

      // Deleting a middle row breaks the sequence and the next row's link.
      await app.dataSource.query(`ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update`);
      try {
        await app.dataSource.query(`DELETE FROM audit_events WHERE seq = $1`, [target]);
      } finally {
        await app.dataSource.query(`ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update`);
      }
      const missing = await app.http().get('/api/v1/audit-events/verify').set(admin.auth).expect(200);
      expect(missing.body).toEqual({
        ok: false,
        checked: total - 1,
        headSeq: head,
        problems: [
          { seq: target, problem: `missing rows ${target}..${target}` },
          { seq: target + 1, problem: 'prev_hash does not match the previous row' },
        ],
        unsealed: NOTHING_UNSEALED,
      });
      const cliMissing = await runAuditVerifyCli(app.db.url);
      expect(cliMissing.code).toBe(2);
      expect(cliMissing.result.ok).toBe(false);
      expect(cliMissing.result.checked).toBe(total - 1);
    });
  });

  it('migration: rows chained before it keep their chain, their id is their seq, and new rows continue it', async () => {
    const db = await createTestDatabase();
    const dataSource = new DataSource(dataSourceOptions(db.url, 2));
    await dataSource.initialize();
    const migration = new AuditSealer1764900060000();
    const runner = dataSource.createQueryRunner();
    try {
      await migration.down(runner);
      // Three rows as the old writer chained them, under the old schema.
      let prevHash = GENESIS_HASH;
      for (const seq of [1, 2, 3]) {
        const content: AuditRowContent = {
          occurred_at: new Date(Date.UTC(2026, 0, seq)), actor_user_id: null, actor_role: 'system', actor_organization_id: null,
          organization_id: null, region_code: '330402', action: 'audit_test.legacy', subject_type: 'audit_test', subject_id: `legacy-${seq}`,
          before: null, after: { seq }, request_id: null,
        };
        const hash = auditRowHash(content, seq, prevHash);
        await runner.query(
          `INSERT INTO audit_events (seq, occurred_at, actor_role, region_code, action, subject_type, subject_id, after, prev_hash, hash)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
          [seq, content.occurred_at, content.actor_role, content.region_code, content.action, content.subject_type, content.subject_id, JSON.stringify(content.after), prevHash, hash],
        );
        prevHash = hash;
      }
      await migration.up(runner);
      // Its trigger as the later migration left it (the sealer's horizon, this database's transactions only).
      await new AuditSealHorizon1764900250000().up(runner);
      const rows = () => dataSource.query(`SELECT id::int AS id, seq::int AS seq, writer_xid FROM audit_events ORDER BY id`) as Promise<{ id: number; seq: number | null; writer_xid: string | null }[]>;
      expect(await rows()).toEqual([1, 2, 3].map((n) => ({ id: n, seq: n, writer_xid: null })));

      const writer = new AuditWriter({} as RequestContext);
      const append = (manager: EntityManager) => writer.append(manager, [{ action: 'audit_test.after_migration', subjectType: 'audit_test', subjectId: 'new' }]);
      await dataSource.transaction(append);
      expect(await rows()).toEqual([...[1, 2, 3].map((n) => ({ id: n, seq: n, writer_xid: null })), { id: 4, seq: null, writer_xid: expect.any(String) }]);
      // Nobody seals this database but verification: the way down refuses an unsealed row.
      await expect(migration.down(runner)).rejects.toThrow('1 audit row(s) are not sealed yet');

      const verified = await eventually(async () => {
        const v = await verifyAuditChain(dataSource);
        return v.unsealed.count === 0 && v;
      }, 20_000, 'the new row sealed');
      expect(verified).toEqual({ ok: true, checked: 4, headSeq: 4, problems: [], unsealed: { count: 0, oldestAgeMs: null } });

      await migration.down(runner);
      const [{ columns }] = await dataSource.query(
        `SELECT array_agg(column_name::text ORDER BY column_name) AS columns FROM information_schema.columns WHERE table_name = 'audit_events' AND column_name IN ('id', 'writer_xid', 'seq')`,
      );
      expect(columns).toEqual(['seq']);
      expect((await dataSource.query(`SELECT seq::int AS seq FROM audit_events ORDER BY seq`)).map((r: { seq: number }) => r.seq)).toEqual([1, 2, 3, 4]);
      await migration.up(runner);
      await dataSource.transaction(append);
      expect((await rows()).map((r) => r.id)).toEqual([1, 2, 3, 4, 5]);
    } finally {
      await runner.release();
      await dataSource.destroy();
      await db.drop();
    }
  });
});
