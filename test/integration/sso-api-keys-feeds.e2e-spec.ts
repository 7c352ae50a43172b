import ICAL from 'ical.js';
import { freePort, startOidcProvider, TestOidcProvider, walkSignIn, walkToCallback } from '../support/oidc';
import { liveCloudSession, screenedProject } from '../support/roadshow-live';
import { listService } from '../support/vouchers';
import { DEMO, login, Session, startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(180_000);

const CLIENT = { clientId: 'g60-portal', clientSecret: 'g60-portal-secret-for-tests' };

/**
 * Issue 19, embedding and single sign-on, against a real OpenID Connect provider (the oidc-provider package, in its
 * own process) and two API processes on one database: SSO sign-in through the real redirects (first login links
 * by verified e-mail, second reuses the link; bad state, unverified e-mail, unknown person and disabled user are
 * refused; the callback finishes on another process than the one that started it), partner API keys (scope, writes
 * refused, the rate limit counted across processes, revocation effective in both at once) and the calendar feed
 * at a secret address (parsed with ical.js; rotation kills the old address).
 */
describe('single sign-on, partner API keys and calendar feeds', () => {
  let app: TestApp;
  let other: TestApp;
  let provider: TestOidcProvider;
  let admin: Session;

  beforeAll(async () => {
    const [appPort, providerPort] = [await freePort(), await freePort()];
    const redirectUri = `http://127.0.0.1:${appPort}/api/v1/auth/oidc/callback`;
    provider = await startOidcProvider({
      port: providerPort,
      ...CLIENT,
      redirectUri,
      accounts: {
        'sub-enterprise': { email: DEMO.enterprise.toUpperCase(), email_verified: true },
        'sub-unverified': { email: DEMO.investor, email_verified: false },
        'sub-stranger': { email: 'nobody@elsewhere.example', email_verified: true },
        'sub-finance2': { email: DEMO.finance2, email_verified: true },
        'sub-reviewer': { email: DEMO.reviewer, email_verified: true },
        'sub-approver': { email: DEMO.approver, email_verified: true },
      },
    });
    const env = {
      OIDC_ISSUER: provider.issuer,
      OIDC_CLIENT_ID: CLIENT.clientId,
      OIDC_CLIENT_SECRET: CLIENT.clientSecret,
      OIDC_REDIRECT_URI: redirectUri,
      OIDC_DISPLAY_NAME: '浙里办',
    };
    app = await startTestApp({ env: { ...env, PORT: String(appPort) } });
    other = await startTestApp({ role: 'api', database: app.db, queuePrefix: app.queuePrefix, env });
    admin = await login(app, DEMO.admin);
  });
  afterAll(async () => {
    await other?.close({ keepData: true });
    await app?.close();
    await provider?.stop();
  });

  const url = (t: TestApp) => t.running.url!;
  const identities = async (email: string) =>
    (await app.dataSource.query(`SELECT i.subject FROM auth_oidc_identities i JOIN users u ON u.id = i.user_id WHERE u.email = $1`, [email])) as { subject: string }[];
  const audits = async (action: string, subjectId: string) =>
    ((await app.dataSource.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = $1 AND subject_id = $2`, [action, subjectId])) as { n: number }[])[0].n;

  describe('single sign-on', () => {
    it('tells the login page that SSO is on, and the provider’s name', async () => {
      const res = await app.http().get('/api/v1/auth/oidc').expect(200);
      expect(res.body).toEqual({ enabled: true, displayName: '浙里办' });
    });

    it('first login links by verified e-mail; the ticket gives the portal’s tokens once; the second login reuses the link', async () => {
      const first = await walkSignIn(url(app), 'sub-enterprise');
      const ticket = /^\/login#sso=([A-Za-z0-9_-]+)$/.exec(first.location)?.[1];
      expect(ticket).toBeDefined();
      expect(await identities(DEMO.enterprise)).toEqual([{ subject: 'sub-enterprise' }]);

      const pair = await app.http().post('/api/v1/auth/oidc/exchange').send({ ticket }).expect(200);
      expect(pair.body).toEqual({ accessToken: expect.any(String), refreshToken: expect.any(String), expiresIn: expect.any(Number), tokenType: 'Bearer' });
      const me = await app.http().get('/api/v1/me').set({ Authorization: `Bearer ${pair.body.accessToken}` }).expect(200);
      expect(me.body.user.email).toBe(DEMO.enterprise);
      // The same session tokens as a password sign-in: the refresh rotates them.
      await app.http().post('/api/v1/auth/refresh').send({ refreshToken: pair.body.refreshToken }).expect(200);
      // A ticket is spent once.
      const again = await app.http().post('/api/v1/auth/oidc/exchange').send({ ticket }).expect(401);
      expect(again.body.code).toBe('INVALID_CREDENTIALS');

      // Replaying the provider's redirect finds its state spent.
      const replay = await fetch(first.callbackUrl, { redirect: 'manual' });
      expect(replay.headers.get('location')).toBe('/login#sso_error=invalid_state');

      const userId = me.body.user.id as string;
      const second = await walkSignIn(url(app), 'sub-enterprise');
      expect(second.location).toMatch(/^\/login#sso=/);
      expect(await identities(DEMO.enterprise)).toEqual([{ subject: 'sub-enterprise' }]);
      expect(await audits('sso.identity_linked', userId)).toBe(1);
      expect(await audits('sso.login', userId)).toBe(2);
    });

    it('any API process finishes a sign-in another one started (the state is in PostgreSQL)', async () => {
      const walked = await walkSignIn(url(app), 'sub-enterprise', url(other));
      const ticket = /#sso=(.+)$/.exec(walked.location)![1];
      await other.http().post('/api/v1/auth/oidc/exchange').send({ ticket }).expect(200);
    });

    it('two first logins of one identity at once, on two processes: it is linked once and both sign in', async () => {
      const callbacks = await Promise.all([walkToCallback(url(app), 'sub-approver'), walkToCallback(url(app), 'sub-approver')]);
      const answers = await Promise.all(callbacks.map((c, i) => fetch(c.replace(url(app), url(i ? other : app)), { redirect: 'manual' })));
      expect(answers.map((a) => a.headers.get('location'))).toEqual([expect.stringMatching(/^\/login#sso=/), expect.stringMatching(/^\/login#sso=/)]);
      expect(await identities(DEMO.approver)).toEqual([{ subject: 'sub-approver' }]);
      const [{ id }] = await app.dataSource.query(`SELECT id FROM users WHERE email = $1`, [DEMO.approver]);
      expect(await audits('sso.identity_linked', id)).toBe(1);
      expect(await audits('sso.login', id)).toBe(2);
    });

    it('refuses a state it never issued, and makes no session', async () => {
      const sessionsBefore = (await app.dataSource.query(`SELECT count(*)::int AS n FROM auth_sessions`))[0].n;
      const res = await app.http().get('/api/v1/auth/oidc/callback').query({ code: 'forged-code', state: 'forged-state' }).expect(302);
      expect(res.headers.location).toBe('/login#sso_error=invalid_state');
      const none = await app.http().get('/api/v1/auth/oidc/callback').expect(302);
      expect(none.headers.location).toBe('/login#sso_error=invalid_state');
      expect((await app.dataSource.query(`SELECT count(*)::int AS n FROM auth_sessions`))[0].n).toBe(sessionsBefore);
    });

    it('never links an unverified e-mail, and gives an unknown person no account', async () => {
      expect((await walkSignIn(url(app), 'sub-unverified')).location).toBe('/login#sso_error=email_unverified');
      expect(await identities(DEMO.investor)).toEqual([]);
      expect((await walkSignIn(url(app), 'sub-stranger')).location).toBe('/login#sso_error=no_account');
      expect((await app.dataSource.query(`SELECT count(*)::int AS n FROM users WHERE email = 'nobody@elsewhere.example'`))[0].n).toBe(0);
    });

    it('refuses a disabled user, linked or not yet linked', async () => {
      await app.dataSource.query(`UPDATE users SET status = 'disabled' WHERE email = $1`, [DEMO.finance2]);
      expect((await walkSignIn(url(app), 'sub-finance2')).location).toBe('/login#sso_error=account_disabled');
      expect(await identities(DEMO.finance2)).toEqual([]);

      const linked = await walkSignIn(url(app), 'sub-reviewer');
      const ticket = /#sso=(.+)$/.exec(linked.location)![1];
      await app.dataSource.query(`UPDATE users SET status = 'disabled' WHERE email = $1`, [DEMO.reviewer]);
      // Disabled between the callback and the exchange: no tokens.
      await app.http().post('/api/v1/auth/oidc/exchange').send({ ticket }).expect(401);
      expect((await walkSignIn(url(app), 'sub-reviewer')).location).toBe('/login#sso_error=account_disabled');
    });

    it('keeps password sign-in as it was', async () => {
      await login(app, DEMO.enterprise);
    });
  });

  describe('partner API keys', () => {
    const create = (body: Record<string, unknown>) => app.http().post('/api/v1/admin/api-keys').set(admin.auth).send(body);

    it('only a platform admin creates keys; the key is shown once and stored hashed', async () => {
      const partner = await login(app, DEMO.partner);
      await app.http().post('/api/v1/admin/api-keys').set(partner.auth).send({ name: 'x', scopes: ['catalog:read'] }).expect(403);
      const bad = await create({ name: 'x', scopes: ['vouchers:read'] }).expect(400);
      expect(bad.body.code).toBe('VALIDATION_FAILED');

      const created = await create({ name: '中国浙江网上技术市场3.0', scopes: ['catalog:read'] }).expect(201);
      expect(created.body.key).toMatch(/^g60k_/);
      expect(created.body.key.startsWith(`${created.body.prefix}_`)).toBe(true);
      // The shown prefix is letters and digits, so a reader sees where it ends; base64url would fail this one key in eight.
      for (let i = 0; i < 24; i++) {
        const more = await create({ name: `prefix ${i}`, scopes: ['catalog:read'] }).expect(201);
        expect(more.body.prefix).toMatch(/^g60k_[A-Za-z0-9]{8}$/);
        expect(more.body.key.startsWith(`${more.body.prefix}_`)).toBe(true);
      }
      const stored = await app.dataSource.query(`SELECT key_hash FROM partner_api_keys WHERE id = $1`, [created.body.id]);
      expect(stored[0].key_hash).not.toContain(created.body.key);
      const list = await app.http().get('/api/v1/admin/api-keys').set(admin.auth).expect(200);
      expect(JSON.stringify(list.body)).not.toContain(created.body.key);
    });

    it('a key reads its scope only, and never writes or reads money or people data', async () => {
      const provider = await login(app, DEMO.provider);
      const listed = await listService(app, provider.auth, 80_000, '扫描电镜形貌分析');
      const { body } = await create({ name: 'catalogue only', scopes: ['catalog:read'] }).expect(201);
      const key = { 'X-Api-Key': body.key };
      const services = await app.http().get('/api/v1/open/catalog/services').query({ q: '扫描电镜' }).set(key).expect(200);
      expect(services.body.items.map((i: { id: string }) => i.id)).toEqual([listed.id]);
      await app.http().get('/api/v1/open/catalog/categories').set({ Authorization: `ApiKey ${body.key}` }).expect(200);

      const outOfScope = await app.http().get('/api/v1/open/roadshow-sessions').set(key).expect(403);
      expect(outOfScope.body.code).toBe('API_KEY_OUT_OF_SCOPE');
      for (const [method, path] of [['get', '/api/v1/vouchers'], ['get', '/api/v1/admin/users'], ['get', '/api/v1/catalog/services'], ['post', '/api/v1/catalog/services'], ['post', '/api/v1/admin/api-keys']] as const) {
        const res = await app.http()[method](path).set(key).send({});
        expect([path, res.status, res.body.code]).toEqual([path, 403, 'API_KEY_NOT_ALLOWED']);
      }
      // A key beside a valid sign-in opens nothing more.
      const refused = await app.http().get('/api/v1/vouchers').set({ ...key, ...admin.auth }).expect(403);
      expect(refused.body.code).toBe('API_KEY_NOT_ALLOWED');
      const used = await app.http().get('/api/v1/admin/api-keys').set(admin.auth).expect(200);
      expect(used.body.find((k: { id: string }) => k.id === body.id).lastUsedAt).toEqual(expect.any(String));
    });

    it('counts a key’s rate across API processes (429 with Retry-After), and a revocation holds in every process at once', async () => {
      const { body } = await create({ name: 'limited', scopes: ['catalog:read', 'roadshows:read'], rateLimitPerMinute: 4 }).expect(201);
      const key = { 'X-Api-Key': body.key };
      const statuses: number[] = [];
      for (const t of [app, other, app, other]) statuses.push((await t.http().get('/api/v1/open/roadshow-sessions').set(key)).status);
      expect(statuses).toEqual([200, 200, 200, 200]);
      const limited = await other.http().get('/api/v1/open/catalog/categories').set(key).expect(429);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(limited.body.code).toBe('RATE_LIMITED');

      const { body: fresh } = await create({ name: 'to revoke', scopes: ['catalog:read'] }).expect(201);
      const freshKey = { 'X-Api-Key': fresh.key };
      await other.http().get('/api/v1/open/catalog/categories').set(freshKey).expect(200);
      await app.http().post(`/api/v1/admin/api-keys/${fresh.id}/revoke`).set(admin.auth).expect(200);
      for (const t of [app, other]) {
        const res = await t.http().get('/api/v1/open/catalog/categories').set(freshKey).expect(401);
        expect(res.body.code).toBe('API_KEY_INVALID');
      }
      const twice = await app.http().post(`/api/v1/admin/api-keys/${fresh.id}/revoke`).set(admin.auth).expect(409);
      expect(twice.body.code).toBe('ILLEGAL_TRANSITION');
      await app.http().get('/api/v1/open/catalog/categories').set({ 'X-Api-Key': 'g60k_notakey' }).expect(401);
    });

    it('widgets read open data without a key', async () => {
      await app.http().get('/api/v1/open/catalog/services').query({ q: '检测', limit: 5 }).expect(200);
      await app.http().get('/api/v1/open/roadshow-sessions').expect(200);
    });
  });

  describe('calendar feed at a secret address', () => {
    it('serves my agenda to calendar apps; rotating kills the old address', async () => {
      const enterprise = await login(app, DEMO.enterprise);
      const investor = await login(app, DEMO.investor);
      const projectId = await screenedProject(app, enterprise.auth, admin.auth, '高导热复合材料');
      const { id: sessionId } = await liveCloudSession(app, admin.auth, [projectId], { liveAccess: 'public' });
      await app.http().post(`/api/v1/roadshow-sessions/${sessionId}/rsvp`).set(investor.auth).expect(201);

      expect((await app.http().get('/api/v1/me/calendar-feed').set(investor.auth).expect(200)).body).toEqual({ active: false, rotatedAt: null, lastReadAt: null });
      const first = await app.http().post('/api/v1/me/calendar-feed/rotate').set(investor.auth).expect(201);
      expect(first.body.path).toMatch(/^\/api\/v1\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
      // No sign-in: the address is the credential, read by any process.
      const ics = await other.http().get(first.body.path).expect(200);
      expect(ics.headers['content-type']).toMatch(/^text\/calendar/);
      const events = new ICAL.Component(ICAL.parse(ics.text)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
      expect(events.map((e) => e.summary)).toEqual([expect.stringContaining('高导热复合材料')]);

      // The enterprise's own feed holds its pitch.
      const own = await app.http().post('/api/v1/me/calendar-feed/rotate').set(enterprise.auth).expect(201);
      const ownEvents = new ICAL.Component(ICAL.parse((await app.http().get(own.body.path).expect(200)).text)).getAllSubcomponents('vevent');
      expect(ownEvents).toHaveLength(1);

      const second = await app.http().post('/api/v1/me/calendar-feed/rotate').set(investor.auth).expect(201);
      expect(second.body.path).not.toBe(first.body.path);
      for (const t of [app, other]) await t.http().get(first.body.path).expect(404);
      await app.http().get(second.body.path).expect(200);
      const status = await app.http().get('/api/v1/me/calendar-feed').set(investor.auth).expect(200);
      expect(status.body.active).toBe(true);
      await app.http().get('/api/v1/calendar/not-a-secret.ics').expect(404);

      // The live-page widget's open data: the published agenda, the pitch on stage, the public stream; no deck or RSVPs.
      const open = await app.http().get(`/api/v1/open/roadshow-sessions/${sessionId}`).expect(200);
      expect(open.body.slots).toEqual([expect.objectContaining({ slotIndex: 0, projectTitle: '高导热复合材料' })]);
      expect(open.body.onStageSlotIndex).toBe(0);
      expect(open.body.streamUrl).toBe('https://live.g60.example/rs/live.m3u8');
      expect(JSON.stringify(open.body)).not.toMatch(/financing|deck|rsvp/i);
    });
  });
});
