import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { DEMO, eventually, login, Session, startTestApp, TestApp } from '../support/test-app';
import { registerOrganization } from '../support/factories';
import { TEST_REDIS_URL } from '../support/test-env';

// jest.config.js sets testTimeout per project, where jest ignores it.
jest.setTimeout(60_000);

/** The compiled CLI (`npm run audit:verify` runs it); build with `npm run build` first. */
const AUDIT_VERIFY_CLI = path.resolve(__dirname, '../../dist/src/cli/audit-verify.js');

function runAuditVerifyCli(databaseUrl: string): Promise<{ code: number; result: { ok: boolean; checked: number; problems: unknown[] } }> {
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
  seq: number;
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

  const count = async (): Promise<{ count: number; head: number }> => {
    const [row] = await app.dataSource.query(`SELECT count(*)::int AS count, max(seq)::int AS head FROM audit_events`);
    return row;
  };

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
      const { count: total, head } = await count();
      expect(res.body.items).toHaveLength(total);
      expect(res.body.items[0].seq).toBe(head);
      const registrations = (res.body.items as AuditItem[]).filter((i) => i.action === 'organization.registered').map((i) => i.subjectId);
      expect(registrations).toEqual(expect.arrayContaining([enterprise.organization.id, shanghaiProvider.organization.id]));
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
      expect(res.body).toEqual({ ok: true, checked: total, headSeq: head, problems: [] });
      const cli = await runAuditVerifyCli(app.db.url);
      expect(cli).toEqual({ code: 0, result: { ok: true, checked: total, headSeq: head, problems: [] } });
    });

    it('refuses UPDATE, DELETE and TRUNCATE through the append-only trigger', async () => {
      await expect(app.dataSource.query(`UPDATE audit_events SET after = '{"x":1}'::jsonb WHERE seq = 1`)).rejects.toThrow('audit_events is append-only');
      await expect(app.dataSource.query(`DELETE FROM audit_events WHERE seq = 1`)).rejects.toThrow('audit_events is append-only');
      await expect(app.dataSource.query(`TRUNCATE audit_events`)).rejects.toThrow('audit_events is append-only');
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
      expect(restored.body).toEqual({ ok: true, checked: total, headSeq: head, problems: [] });

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
      });
      const cliMissing = await runAuditVerifyCli(app.db.url);
      expect(cliMissing.code).toBe(2);
      expect(cliMissing.result.ok).toBe(false);
      expect(cliMissing.result.checked).toBe(total - 1);
    });
  });
});
