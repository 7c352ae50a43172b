import { DEMO, login, startTestApp, TestApp } from '../support/test-app';
import { registerOrganization, registrationBody, TEST_PASSWORD } from '../support/factories';

describe('registration, sign-in, refresh and sign-out', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ env: { LOGIN_RATE_LIMIT_PER_MINUTE: '5' } });
  });
  afterAll(() => app.close());

  it('registers an enterprise with its first admin user and writes one audit row', async () => {
    const body = registrationBody({ kind: 'enterprise', regionCode: '330411' });
    const res = await app.http().post('/api/v1/auth/register').send(body).expect(201);
    expect(res.body.organization).toMatchObject({ kind: 'enterprise', uscc: body.organization.uscc, regionCode: '330411', admissionStatus: null });
    expect(res.body.user).toMatchObject({ email: body.user.email, role: 'enterprise_user', isOrgAdmin: true });
    expect(res.body.user.passwordHash).toBeUndefined();
    const rows = await app.dataSource.query(`SELECT action, actor_user_id FROM audit_events WHERE subject_id = $1`, [res.body.organization.id]);
    expect(rows).toEqual([{ action: 'organization.registered', actor_user_id: res.body.user.id }]);
  });

  it('registers a provider into admission "applied"', async () => {
    const { organization } = await registerOrganization(app, { kind: 'provider', regionCode: '310000' });
    expect(organization.admissionStatus).toBe('applied');
  });

  it('refuses a bad USCC check character, lowercase and wrong length with field messages', async () => {
    const body = registrationBody();
    const uscc = body.organization.uscc;
    const wrongCheck = uscc.slice(0, 17) + (uscc[17] === '0' ? '1' : '0');
    for (const [value, fragment] of [
      [wrongCheck, 'check character'],
      [uscc.toLowerCase().replace(/^\d+/, (d) => d) + '', 'upper case'],
      [uscc.slice(0, 17), '18 characters'],
    ] as const) {
      if (value === uscc) continue;
      const res = await app.http().post('/api/v1/auth/register').send({ ...body, organization: { ...body.organization, uscc: value } });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'organization.uscc' })]));
      expect(JSON.stringify(res.body.details)).toContain(fragment);
    }
  });

  it('refuses a duplicate USCC with 409; a duplicate e-mail gets the ordinary answer (no account hint) and creates nothing', async () => {
    const first = registrationBody();
    await app.http().post('/api/v1/auth/register').send(first).expect(201);
    const sameUscc = registrationBody();
    sameUscc.organization.uscc = first.organization.uscc;
    const res1 = await app.http().post('/api/v1/auth/register').send(sameUscc).expect(409);
    expect(res1.body).toMatchObject({ code: 'ALREADY_EXISTS', details: [{ field: 'organization.uscc' }] });
    const sameEmail = registrationBody();
    sameEmail.user.email = first.user.email;
    // Registration does not reveal that the e-mail has an account (docs/security.md).
    await app.http().post('/api/v1/auth/register').send(sameEmail).expect(201);
    // The organisation of that registration must not exist.
    const [{ count }] = await app.dataSource.query(`SELECT count(*)::int AS count FROM organizations WHERE uscc = $1`, [sameEmail.organization.uscc]);
    expect(count).toBe(0);
  });

  it('signs in, answers /me, rotates the refresh token and detects its reuse', async () => {
    const session = await login(app, DEMO.enterprise);
    const me = await app.http().get('/api/v1/me').set(session.auth).expect(200);
    expect(me.body.user.role).toBe('enterprise_user');
    expect(me.body.organization.kind).toBe('enterprise');

    const refreshed = await app.http().post('/api/v1/auth/refresh').send({ refreshToken: session.refreshToken }).expect(200);
    expect(refreshed.body.refreshToken).not.toBe(session.refreshToken);
    await app.http().get('/api/v1/me').set({ Authorization: `Bearer ${refreshed.body.accessToken}` }).expect(200);

    // Replaying the rotated token is treated as theft: the whole session ends.
    const reuse = await app.http().post('/api/v1/auth/refresh').send({ refreshToken: session.refreshToken }).expect(401);
    expect(reuse.body.code).toBe('TOKEN_REVOKED');
    await app.http().post('/api/v1/auth/refresh').send({ refreshToken: refreshed.body.refreshToken }).expect(401);
    await app.http().get('/api/v1/me').set({ Authorization: `Bearer ${refreshed.body.accessToken}` }).expect(401);
  });

  it('keeps each user’s portal preferences (language, elder mode): own only, validated, each kept when the other changes, audited when they change', async () => {
    const reviewer = await login(app, DEMO.reviewer);
    const other = await login(app, DEMO.enterprise);
    const before = await app.http().get('/api/v1/me').set(reviewer.auth).expect(200);
    expect(before.body.user).toMatchObject({ locale: null, elderMode: null });

    await app.http().put('/api/v1/me/preferences').set(reviewer.auth).send({ locale: 'zh-Hant' }).expect(200, { locale: 'zh-Hant', elderMode: null });
    // Idempotent: the same choice again changes nothing and writes no second audit row.
    await app.http().put('/api/v1/me/preferences').set(reviewer.auth).send({ locale: 'zh-Hant' }).expect(200);
    expect((await app.http().get('/api/v1/me').set(reviewer.auth).expect(200)).body.user.locale).toBe('zh-Hant');
    // It follows the user to a new session (another device), and nobody else's changes.
    const again = await login(app, DEMO.reviewer);
    expect((await app.http().get('/api/v1/me').set(again.auth).expect(200)).body.user.locale).toBe('zh-Hant');
    expect((await app.http().get('/api/v1/me').set(other.auth).expect(200)).body.user.locale).toBeNull();

    // Elder mode alone keeps the language.
    await app.http().put('/api/v1/me/preferences').set(reviewer.auth).send({ elderMode: true }).expect(200, { locale: 'zh-Hant', elderMode: true });

    for (const [body, field] of [
      [{ locale: 'zh-TW' }, 'locale'],
      [{ locale: '' }, 'locale'],
      [{}, 'locale'],
      [{ elderMode: 'yes' }, 'elderMode'],
      [{ locale: 'en', role: 'platform_admin' }, 'role'],
    ] as const) {
      const bad = await app.http().put('/api/v1/me/preferences').set(reviewer.auth).send(body).expect(400);
      expect(bad.body.code).toBe('VALIDATION_FAILED');
      expect(bad.body.details.map((d: { field: string }) => d.field)).toContain(field);
    }
    await app.http().put('/api/v1/me/preferences').send({ locale: 'en' }).expect(401);
    expect((await app.http().get('/api/v1/me').set(reviewer.auth).expect(200)).body.user).toMatchObject({ locale: 'zh-Hant', elderMode: true });

    const userId = before.body.user.id;
    const audit = await app.dataSource.query(`SELECT before, after FROM audit_events WHERE subject_id = $1 AND action = 'user.preferences_changed' ORDER BY id`, [userId]);
    expect(audit).toEqual([
      { before: { locale: null, elderMode: null }, after: { locale: 'zh-Hant', elderMode: null } },
      { before: { locale: 'zh-Hant', elderMode: null }, after: { locale: 'zh-Hant', elderMode: true } },
    ]);
  });

  it('logout revokes the access token at once', async () => {
    const session = await login(app, DEMO.reviewer);
    await app.http().post('/api/v1/auth/logout').set(session.auth).expect(204);
    const res = await app.http().get('/api/v1/me').set(session.auth).expect(401);
    expect(res.body).toEqual({ statusCode: 401, code: 'TOKEN_REVOKED', message: expect.any(String) });
  });

  it('rejects a wrong password and an unknown e-mail the same way', async () => {
    const a = await app.http().post('/api/v1/auth/login').send({ email: DEMO.finance, password: 'wrong-password-1' }).expect(401);
    const b = await app.http().post('/api/v1/auth/login').send({ email: 'nobody@test.g60.cn', password: 'wrong-password-1' }).expect(401);
    expect(a.body).toEqual(b.body);
    expect(a.body.code).toBe('INVALID_CREDENTIALS');
  });

  it('rate-limits sign-in per e-mail (limit 5 per minute here)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i += 1) {
      const res = await app.http().post('/api/v1/auth/login').send({ email: DEMO.investor, password: 'not-the-password-1' });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
    // Another e-mail from the same client is not locked out.
    await app.http().post('/api/v1/auth/login').send({ email: DEMO.approver, password: DEMO.password }).expect(200);
  });

  it('invites a user who then signs in with the organisation’s role', async () => {
    const org = await registerOrganization(app, { kind: 'enterprise' });
    const invite = await app.http().post(`/api/v1/organizations/${org.organization.id}/invitations`).set(org.auth).send({ email: 'colleague.' + Date.now() + '@test.g60.cn' }).expect(201);
    expect(invite.body.role).toBe('enterprise_user');
    const accepted = await app.http().post('/api/v1/auth/invitations/accept').send({ token: invite.body.token, password: TEST_PASSWORD, displayName: '李娜' }).expect(201);
    expect(accepted.body).toMatchObject({ role: 'enterprise_user', isOrgAdmin: false });
    const second = await app.http().post('/api/v1/auth/invitations/accept').send({ token: invite.body.token, password: TEST_PASSWORD, displayName: '李娜' }).expect(409);
    expect(second.body.code).toBe('ILLEGAL_TRANSITION');
    const session = await login(app, invite.body.email, TEST_PASSWORD);
    const me = await app.http().get('/api/v1/me').set(session.auth).expect(200);
    expect(me.body.organization.id).toBe(org.organization.id);
    // A role the organisation cannot hold is refused.
    const bad = await app.http().post(`/api/v1/organizations/${org.organization.id}/invitations`).set(org.auth).send({ email: 'x.' + Date.now() + '@test.g60.cn', role: 'platform_admin' }).expect(400);
    expect(bad.body.details).toEqual([{ field: 'role', message: expect.stringContaining('enterprise_user') }]);
  });
});
