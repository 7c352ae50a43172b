import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { registerOrganization, registrationBody, TEST_PASSWORD, uniqueEmail } from '../support/factories';
import { DEMO, login, startTestApp, TestApp } from '../support/test-app';
import { TEST_METRICS_TOKEN } from '../support/test-env';

/**
 * Accounts, sessions, the shared sign-in throttle and operational endpoints (issue 13 item 8;
 * docs/security.md, "Accounts, sessions and the shared throttle").
 */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const binary = (res: NodeJS.ReadableStream, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

/** Every key path of a JSON value, with the type at each leaf: the "shape" of a body. */
function shape(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value)) return [`${prefix}:array`];
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => shape(v, `${prefix}.${k}`)).sort();
  return [`${prefix}:${value === null ? 'null' : typeof value}`];
}

describe('accounts and sessions', () => {
  let app: TestApp;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'g60-accounts-'));
    app = await startTestApp({ env: { EMBEDDED_DATA_DIR: dataDir } });
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function newUser() {
    const org = await registerOrganization(app, { kind: 'enterprise' });
    return { ...org, email: org.user.email };
  }

  describe('refresh-token families', () => {
    it('reusing a token two rotations old revokes the whole family, and is audited', async () => {
      const user = await newUser();
      const t0 = user.refreshToken;
      const r1 = await app.http().post('/api/v1/auth/refresh').send({ refreshToken: t0 }).expect(200);
      const r2 = await app.http().post('/api/v1/auth/refresh').send({ refreshToken: r1.body.refreshToken }).expect(200);
      const t2 = r2.body.refreshToken as string;
      // Another sign-in of the same user is another family and is not touched.
      const other = await login(app, user.email, TEST_PASSWORD);

      const reuse = await app.http().post('/api/v1/auth/refresh').send({ refreshToken: t0 }).expect(401);
      expect(reuse.body).toMatchObject({ statusCode: 401, code: 'TOKEN_REVOKED' });
      // The newest token and the newest access token of the family are dead too.
      expect((await app.http().post('/api/v1/auth/refresh').send({ refreshToken: t2 }).expect(401)).body.code).toBe('TOKEN_REVOKED');
      await app.http().get('/api/v1/me').set({ Authorization: `Bearer ${r2.body.accessToken}` }).expect(401);
      await app.http().get('/api/v1/me').set(other.auth).expect(200);
      await app.http().post('/api/v1/auth/refresh').send({ refreshToken: other.refreshToken }).expect(200);

      const sessionId = t0.split('.')[0];
      const [session] = await app.dataSource.query(`SELECT revoked_reason FROM auth_sessions WHERE id = $1`, [sessionId]);
      expect(session.revoked_reason).toBe('refresh token reuse');
      const audit = await app.dataSource.query(
        `SELECT action FROM audit_events WHERE subject_id = $1 AND action IN ('session.refresh_reuse', 'session.revoked') ORDER BY id`,
        [user.user.id],
      );
      expect(audit.map((a: { action: string }) => a.action)).toEqual(['session.refresh_reuse', 'session.revoked']);
    });

    it('of 12 parallel refreshes of one token exactly one succeeds', async () => {
      const user = await newUser();
      const results = await Promise.all(
        Array.from({ length: 12 }, () => app.http().post('/api/v1/auth/refresh').send({ refreshToken: user.refreshToken })),
      );
      const statuses = results.map((r) => r.status).sort();
      expect(statuses).toEqual([200, ...Array.from({ length: 11 }, () => 401)]);
      for (const r of results.filter((x) => x.status === 401)) expect(r.body.code).toBe('TOKEN_REVOKED');
      const sessionId = user.refreshToken.split('.')[0];
      const [{ n }] = await app.dataSource.query(`SELECT count(*)::int AS n FROM auth_retired_refresh_secrets WHERE session_id = $1`, [sessionId]);
      expect(n).toBe(1);
    });
  });

  describe('registration does not reveal existing e-mails', () => {
    it('answers an existing e-mail with the same status and body shape, and creates nothing; a taken USCC is still 409', async () => {
      const first = registrationBody({ kind: 'enterprise' });
      const fresh = await app.http().post('/api/v1/auth/register').send(first);
      expect(fresh.status).toBe(201);

      const again = registrationBody({ kind: 'enterprise', email: first.user.email.toUpperCase() });
      again.user.password = 'An0ther-password-here';
      const existing = await app.http().post('/api/v1/auth/register').send(again);
      expect(existing.status).toBe(fresh.status);
      expect(shape(existing.body)).toEqual(shape(fresh.body));
      expect(JSON.stringify(existing.body)).not.toMatch(/exist|already/i);

      const [{ orgs }] = await app.dataSource.query(`SELECT count(*)::int AS orgs FROM organizations WHERE uscc = $1`, [again.organization.uscc]);
      expect(orgs).toBe(0);
      const [{ users }] = await app.dataSource.query(`SELECT count(*)::int AS users FROM users WHERE email = $1`, [first.user.email]);
      expect(users).toBe(1);
      // The account keeps its password; the attempt's password does not sign in.
      await login(app, first.user.email, TEST_PASSWORD);
      await app.http().post('/api/v1/auth/login').send({ email: first.user.email, password: again.user.password }).expect(401);
      const audit = await app.dataSource.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'registration.existing_email' AND subject_id = $1`, [fresh.body.user.id]);
      expect(audit[0].n).toBe(1);

      // A USCC already registered is still refused with the same 409, whatever the e-mail (a public register number).
      for (const email of [first.user.email, uniqueEmail()]) {
        const body = registrationBody({ email });
        body.organization.uscc = first.organization.uscc;
        const res = await app.http().post('/api/v1/auth/register').send(body).expect(409);
        expect(res.body).toEqual({
          statusCode: 409,
          code: 'ALREADY_EXISTS',
          message: 'An organisation with this USCC is already registered',
          details: [{ field: 'organization.uscc', message: 'An organisation with this USCC is already registered' }],
        });
      }
    });

    it('8 parallel registrations with one new e-mail all get 201 and exactly one account exists', async () => {
      const email = uniqueEmail('race');
      const bodies = Array.from({ length: 8 }, () => registrationBody({ email }));
      const results = await Promise.all(bodies.map((b) => app.http().post('/api/v1/auth/register').send(b)));
      expect(results.map((r) => r.status)).toEqual(bodies.map(() => 201));
      const [{ users }] = await app.dataSource.query(`SELECT count(*)::int AS users FROM users WHERE email = $1`, [email]);
      expect(users).toBe(1);
      const [{ orgs }] = await app.dataSource.query(`SELECT count(*)::int AS orgs FROM organizations WHERE uscc = ANY($1::text[])`, [bodies.map((b) => b.organization.uscc)]);
      expect(orgs).toBe(1);
    });
  });

  describe('operational endpoints and downloads', () => {
    it('GET /metrics needs the bearer token', async () => {
      const none = await app.http().get('/metrics').expect(401);
      expect(none.body.code).toBe('UNAUTHENTICATED');
      expect(none.headers['www-authenticate']).toContain('Bearer');
      await app.http().get('/metrics').set('Authorization', 'Bearer not-the-metrics-token').expect(401);
      const ok = await app.http().get('/metrics').set('Authorization', `Bearer ${TEST_METRICS_TOKEN}`).expect(200);
      expect(ok.text).toContain('http_requests_total');
    });

    it('a deck download sends nosniff and an attachment Content-Disposition; so do JSON answers and iCal exports', async () => {
      const enterprise = await login(app, DEMO.enterprise);
      const project = await app.http().post('/api/v1/roadshow-projects').set(enterprise.auth).send({
        title: '低功耗边缘计算模组', summary: '工业现场的边缘推理', industry: 'new_materials', stage: 'angel',
        financingAskFen: 500_000_000, regionCode: '330402', team: [{ name: '王一', role: 'CEO' }],
      }).expect(201);
      await app.http().post(`/api/v1/roadshow-projects/${project.body.id}/deck`).set(enterprise.auth).attach('deck', PDF, { filename: '路演材料.pdf', contentType: 'application/pdf' }).expect(200);
      const deck = await app.http().get(`/api/v1/roadshow-projects/${project.body.id}/deck`).set(enterprise.auth).buffer(true).parse(binary).expect(200);
      expect(deck.headers['x-content-type-options']).toBe('nosniff');
      expect(deck.headers['content-disposition']).toBe(`attachment; filename*=UTF-8''${encodeURIComponent('路演材料.pdf')}`);
      expect(Buffer.compare(deck.body as Buffer, PDF)).toBe(0);

      const me = await app.http().get('/api/v1/me').set(enterprise.auth).expect(200);
      expect(me.headers['x-content-type-options']).toBe('nosniff');
      const ics = await app.http().get(`/api/v1/roadshow-projects/${project.body.id}/agenda.ics`).set(enterprise.auth).expect(200);
      expect(ics.headers['content-disposition']).toBe('attachment; filename="project-agenda.ics"');
      expect(ics.headers['x-content-type-options']).toBe('nosniff');
    });
  });

  describe('password change', () => {
    it('checks the current password and the strength rules, then ends the other sessions only', async () => {
      const user = await newUser();
      const other = await login(app, user.email, TEST_PASSWORD);

      const wrong = await app.http().post('/api/v1/auth/password').set(user.auth).send({ currentPassword: 'not-my-password-1', newPassword: 'Brand-new-pass-42' }).expect(400);
      expect(wrong.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'currentPassword', message: 'is wrong' }] });
      const weak = await app.http().post('/api/v1/auth/password').set(user.auth).send({ currentPassword: TEST_PASSWORD, newPassword: 'onlyletters' }).expect(400);
      expect(weak.body.details).toEqual([expect.objectContaining({ field: 'newPassword' })]);
      const same = await app.http().post('/api/v1/auth/password').set(user.auth).send({ currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD }).expect(400);
      expect(same.body.details).toEqual([{ field: 'newPassword', message: 'must differ from the current password' }]);
      await app.http().get('/api/v1/me').set(other.auth).expect(200);

      await app.http().post('/api/v1/auth/password').set(user.auth).send({ currentPassword: TEST_PASSWORD, newPassword: 'Brand-new-pass-42' }).expect(204);
      // This session goes on; the other sign-in's tokens are dead.
      await app.http().get('/api/v1/me').set(user.auth).expect(200);
      await app.http().post('/api/v1/auth/refresh').send({ refreshToken: user.refreshToken }).expect(200);
      await app.http().get('/api/v1/me').set(other.auth).expect(401);
      expect((await app.http().post('/api/v1/auth/refresh').send({ refreshToken: other.refreshToken }).expect(401)).body.code).toBe('TOKEN_REVOKED');
      await app.http().post('/api/v1/auth/login').send({ email: user.email, password: TEST_PASSWORD }).expect(401);
      await login(app, user.email, 'Brand-new-pass-42');
      const audit = await app.dataSource.query(`SELECT after FROM audit_events WHERE action = 'user.password_changed' AND subject_id = $1`, [user.user.id]);
      expect(audit).toEqual([{ after: { otherSessionsRevoked: 1 } }]);
    });
  });

  describe('forced password reset', () => {
    it('only a platform admin forces it; sessions end, sign-in is refused until the one-time token sets a new password', async () => {
      const user = await newUser();
      const admin = await login(app, DEMO.admin);
      const approver = await login(app, DEMO.approver);
      await app.http().post(`/api/v1/admin/users/${user.user.id}/password-reset`).set(approver.auth).expect(403);
      await app.http().post(`/api/v1/admin/users/${user.user.id}/password-reset`).set(user.auth).expect(403);

      const key = `force-reset-${user.user.id}`;
      const issued = await app.http().post(`/api/v1/admin/users/${user.user.id}/password-reset`).set(admin.auth).set('Idempotency-Key', key).expect(201);
      expect(issued.body).toEqual({ userId: user.user.id, resetToken: expect.any(String), expiresAt: expect.any(String) });
      // The one-time secret is not kept for replay; only its hash is stored.
      expect(await app.dataSource.query(`SELECT 1 FROM idempotency_keys WHERE key = $1`, [key])).toEqual([]);
      const [stored] = await app.dataSource.query(`SELECT token_hash FROM password_reset_tokens WHERE user_id = $1`, [user.user.id]);
      expect(stored.token_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(stored.token_hash).not.toBe(issued.body.resetToken);
      await app.http().get('/api/v1/me').set(user.auth).expect(401);
      expect((await app.http().post('/api/v1/auth/refresh').send({ refreshToken: user.refreshToken }).expect(401)).body.code).toBe('TOKEN_REVOKED');

      const flagged = await app.http().get('/api/v1/admin/users').query({ q: user.email }).set(admin.auth).expect(200);
      expect(flagged.body.items).toEqual([expect.objectContaining({ id: user.user.id, credentialResetPending: true })]);
      const refused = await app.http().post('/api/v1/auth/login').send({ email: user.email, password: TEST_PASSWORD }).expect(403);
      expect(refused.body.code).toBe('PASSWORD_RESET_REQUIRED');
      // A wrong password learns nothing about the flag.
      expect((await app.http().post('/api/v1/auth/login').send({ email: user.email, password: 'wrong-password-9' }).expect(401)).body.code).toBe('INVALID_CREDENTIALS');

      const bad = await app.http().post('/api/v1/auth/password/reset').send({ token: 'x'.repeat(43), newPassword: 'Reset-by-token-77' }).expect(401);
      expect(bad.body.code).toBe('INVALID_CREDENTIALS');
      const weak = await app.http().post('/api/v1/auth/password/reset').send({ token: issued.body.resetToken, newPassword: 'short1' }).expect(400);
      expect(weak.body.details).toEqual([expect.objectContaining({ field: 'newPassword' })]);

      // Single use, even when raced.
      const attempts = await Promise.all(
        Array.from({ length: 6 }, () => app.http().post('/api/v1/auth/password/reset').send({ token: issued.body.resetToken, newPassword: 'Reset-by-token-77' })),
      );
      expect(attempts.map((r) => r.status).sort()).toEqual([204, 401, 401, 401, 401, 401]);
      await login(app, user.email, 'Reset-by-token-77');
      await app.http().post('/api/v1/auth/login').send({ email: user.email, password: TEST_PASSWORD }).expect(401);
      const cleared = await app.http().get('/api/v1/admin/users').query({ q: user.email }).set(admin.auth).expect(200);
      expect(cleared.body.items[0].credentialResetPending).toBe(false);

      const audit = await app.dataSource.query(
        `SELECT action, actor_user_id FROM audit_events WHERE subject_id = $1 AND action LIKE 'user.password_reset%' ORDER BY id`,
        [user.user.id],
      );
      const adminId = (await app.http().get('/api/v1/me').set(admin.auth)).body.user.id;
      // The admin changes their own password instead of forcing a reset on it.
      expect((await app.http().post(`/api/v1/admin/users/${adminId}/password-reset`).set(admin.auth).expect(422)).body.code).toBe('BUSINESS_RULE_VIOLATED');
      expect(audit).toEqual([
        { action: 'user.password_reset_forced', actor_user_id: adminId },
        { action: 'user.password_reset_completed', actor_user_id: user.user.id },
      ]);
    });

    it('an expired token and a token replaced by a newer one are refused', async () => {
      const user = await newUser();
      const admin = await login(app, DEMO.admin);
      const older = await app.http().post(`/api/v1/admin/users/${user.user.id}/password-reset`).set(admin.auth).expect(201);
      const newer = await app.http().post(`/api/v1/admin/users/${user.user.id}/password-reset`).set(admin.auth).expect(201);
      await app.http().post('/api/v1/auth/password/reset').send({ token: older.body.resetToken, newPassword: 'Reset-by-token-77' }).expect(401);
      await app.dataSource.query(
        `UPDATE password_reset_tokens SET created_at = now() - interval '2 days', expires_at = now() - interval '1 day' WHERE user_id = $1`,
        [user.user.id],
      );
      await app.http().post('/api/v1/auth/password/reset').send({ token: newer.body.resetToken, newPassword: 'Reset-by-token-77' }).expect(401);
      expect((await app.http().post('/api/v1/auth/login').send({ email: user.email, password: TEST_PASSWORD }).expect(403)).body.code).toBe('PASSWORD_RESET_REQUIRED');
    });

    it('forgot password without an e-mail server: the same 202, and no token is made', async () => {
      const user = await newUser();
      await app.http().post('/api/v1/auth/password/forgot').send({ email: user.email }).expect(202);
      const [{ n }] = await app.dataSource.query(`SELECT count(*)::int AS n FROM password_reset_tokens WHERE user_id = $1`, [user.user.id]);
      expect(n).toBe(0);
      expect(await app.dataSource.query(`SELECT id FROM message_deliveries WHERE recipient = $1`, [user.email])).toEqual([]);
    });
  });
});

describe('sign-in throttle shared by API processes, by account and by client address', () => {
  let a: TestApp;
  let b: TestApp;
  let untrusted: TestApp;
  const limits = { LOGIN_RATE_LIMIT_PER_MINUTE: '3', LOGIN_IP_RATE_LIMIT_PER_MINUTE: '4' };

  beforeAll(async () => {
    // Two API processes of one deployment (same Redis and prefix) behind a proxy on 127.0.0.1.
    a = await startTestApp({ role: 'api', env: { ...limits, TRUSTED_PROXIES: '127.0.0.1' } });
    b = await startTestApp({ role: 'api', queuePrefix: a.queuePrefix, database: a.db, env: { ...limits, TRUSTED_PROXIES: '127.0.0.1' } });
    // Nobody trusted (the default): X-Forwarded-For is the client's own say-so.
    untrusted = await startTestApp({ role: 'api', env: { ...limits, METRICS_TOKEN: '' } });
  });
  afterAll(async () => {
    await b?.close({ keepData: true });
    await a?.close();
    await untrusted?.close();
  });

  const attempt = (app: TestApp, email: string, forwardedFor: string) =>
    app.http().post('/api/v1/auth/login').set('X-Forwarded-For', forwardedFor).send({ email, password: 'wrong-password-1' });

  it('counts one account across both processes and different client addresses', async () => {
    const email = uniqueEmail('victim');
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1) statuses.push((await attempt(i % 2 ? b : a, email, `198.51.100.${i + 1}`)).status);
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    const refused = await attempt(a, email, '198.51.100.99');
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ statusCode: 429, code: 'RATE_LIMITED' });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
    // Another account is not locked out by it.
    expect((await attempt(b, uniqueEmail('bystander'), '198.51.100.100')).status).toBe(401);
  });

  it('counts one trusted-proxy client address across different accounts, and tells addresses apart', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) statuses.push((await attempt(i % 2 ? a : b, uniqueEmail('spray'), '203.0.113.7')).status);
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
    // X-Forwarded-For from the trusted proxy is believed: another client address is not limited.
    expect((await attempt(a, uniqueEmail('spray'), '203.0.113.8')).status).toBe(401);
  });

  it('ignores X-Forwarded-For from an untrusted peer: changing it does not escape the limit', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) statuses.push((await attempt(untrusted, uniqueEmail('spoof'), `192.0.2.${i + 1}`)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
  });

  it('without METRICS_TOKEN, a non-embedded deployment refuses /metrics', async () => {
    const res = await untrusted.http().get('/metrics').expect(403);
    expect(res.body.code).toBe('FORBIDDEN');
  });
});
