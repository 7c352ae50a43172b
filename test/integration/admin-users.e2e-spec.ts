import { randomBytes } from 'node:crypto';
import { Role } from '../../src/platform/context/actor';
import { registerOrganization, TEST_PASSWORD, uniqueEmail } from '../support/factories';
import { DEMO, login, Session, startTestApp, TestApp } from '../support/test-app';

type Auth = { Authorization: string };

const USER_KEYS = ['createdAt', 'credentialResetPending', 'displayName', 'email', 'id', 'isOrgAdmin', 'lastLoginAt', 'organizationId', 'organizationName', 'regionCode', 'role', 'status'];

describe('user directory: GET /admin/users and GET /organizations/:id/users', () => {
  let app: TestApp;
  let admin: Session;
  let approver: Session;
  let reviewer: Session;
  let enterpriseDemo: Session;

  beforeAll(async () => {
    app = await startTestApp();
    [admin, approver, reviewer, enterpriseDemo] = await Promise.all([login(app, DEMO.admin), login(app, DEMO.approver), login(app, DEMO.reviewer), login(app, DEMO.enterprise)]);
  });
  afterAll(() => app.close());

  const users = (auth: Auth, query = '') => app.http().get(`/api/v1/admin/users${query}`).set(auth);

  /** Invites a user into an organisation as its admin (or the platform) would, and accepts. */
  async function invite(by: Auth, organizationId: string, role?: Role, displayName = '被邀请用户') {
    const email = uniqueEmail('invited');
    const res = await app.http().post(`/api/v1/organizations/${organizationId}/invitations`).set(by).send(role ? { email, role } : { email }).expect(201);
    const accepted = await app.http().post('/api/v1/auth/invitations/accept').send({ token: res.body.token, password: TEST_PASSWORD, displayName }).expect(201);
    return { id: accepted.body.id as string, email };
  }

  it('the platform admin lists users by role, region (with the regions under it) and text, paged; never a password hash', async () => {
    const xiuzhouBureau = (await app.http().get('/api/v1/organizations?kind=agency&regionCode=330411').set(admin.auth).expect(200)).body[0];
    const tag = randomBytes(3).toString('hex');
    const xzReviewer = await invite(admin.auth, xiuzhouBureau.id, Role.Reviewer, `秀洲审核员${tag}`);
    const xzEnterprise = await registerOrganization(app, { kind: 'enterprise', regionCode: '330411' });

    const all = await users(admin.auth).expect(200);
    const [{ n }] = await app.dataSource.query(`SELECT count(*)::int AS n FROM users`);
    expect(all.body.total).toBe(n);
    expect(all.body.items).toHaveLength(Math.min(n, 20));
    for (const item of all.body.items) expect(Object.keys(item).sort()).toEqual(USER_KEYS);
    expect(JSON.stringify(all.body)).not.toMatch(/argon2|password/i);

    // Region 330411: exactly the two users made here, newest first.
    const xiuzhou = await users(admin.auth, '?regionCode=330411').expect(200);
    expect(xiuzhou.body.total).toBe(2);
    expect(xiuzhou.body.items.map((u: { id: string }) => u.id)).toEqual([xzEnterprise.user.id, xzReviewer.id]);
    expect(xiuzhou.body.items[1]).toEqual({
      id: xzReviewer.id,
      email: xzReviewer.email,
      displayName: `秀洲审核员${tag}`,
      role: 'reviewer',
      isOrgAdmin: false,
      status: 'active',
      credentialResetPending: false,
      organizationId: xiuzhouBureau.id,
      organizationName: '嘉兴市秀洲区科学技术局',
      regionCode: '330411',
      createdAt: expect.any(String),
      lastLoginAt: null,
    });
    // Signing in sets lastLoginAt.
    await login(app, xzReviewer.email, TEST_PASSWORD);
    const afterLogin = await users(admin.auth, `?regionCode=330411&q=${encodeURIComponent(xzReviewer.email)}`).expect(200);
    expect(afterLogin.body).toMatchObject({ total: 1, items: [{ id: xzReviewer.id, lastLoginAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) }] });

    // A city code takes its districts: every Jiaxing user, and no Shanghai one.
    const jiaxing = await users(admin.auth, '?regionCode=330400&pageSize=200').expect(200);
    const [{ jx }] = await app.dataSource.query(`SELECT count(*)::int AS jx FROM users u JOIN organizations o ON o.id = u.organization_id WHERE o.region_code IN (SELECT code FROM regions WHERE code = '330400' OR parent_code = '330400')`);
    expect(jiaxing.body.total).toBe(jx);
    expect(jiaxing.body.items.filter((u: { regionCode: string }) => !u.regionCode.startsWith('3304'))).toEqual([]);
    expect(jiaxing.body.items.map((u: { email: string }) => u.email)).toEqual(expect.arrayContaining([DEMO.approver, DEMO.reviewer, xzReviewer.email]));
    expect(jiaxing.body.items.map((u: { email: string }) => u.email)).not.toContain(DEMO.partner);

    const reviewers = await users(admin.auth, '?role=reviewer').expect(200);
    expect(reviewers.body.items.map((u: { email: string }) => u.email).sort()).toEqual([DEMO.reviewer, xzReviewer.email].sort());
    expect(reviewers.body.total).toBe(2);
    // Text: e-mail, display name or organisation name; LIKE wildcards are taken literally.
    expect((await users(admin.auth, `?q=${encodeURIComponent(`秀洲审核员${tag}`)}`).expect(200)).body.items.map((u: { id: string }) => u.id)).toEqual([xzReviewer.id]);
    expect((await users(admin.auth, `?q=${encodeURIComponent('秀洲区科学技术局')}&role=reviewer`).expect(200)).body.total).toBe(1);
    expect((await users(admin.auth, '?q=%25').expect(200)).body.total).toBe(0);

    // Pages do not overlap and add up.
    const page1 = await users(admin.auth, '?pageSize=3&page=1').expect(200);
    const page2 = await users(admin.auth, '?pageSize=3&page=2').expect(200);
    const ids = [...page1.body.items, ...page2.body.items].map((u: { id: string }) => u.id);
    expect(new Set(ids).size).toBe(6);
    expect(page2.body.total).toBe(n);
    expect((await users(admin.auth, `?pageSize=3&page=${Math.ceil(n / 3) + 1}`).expect(200)).body).toEqual({ items: [], total: n });
  });

  it('bad filters are a 400; every role but the platform admin is refused', async () => {
    for (const query of ['?role=boss', '?regionCode=abc', '?regionCode=999999', '?page=0', '?pageSize=201', '?pageSize=x', '?sort=email']) {
      const res = await users(admin.auth, query).expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    }
    for (const who of [approver, reviewer, enterpriseDemo]) expect((await users(who.auth).expect(403)).body.code).toBe('FORBIDDEN');
    await app.http().get('/api/v1/admin/users').expect(401);
  });

  it('an organisation’s users: for its org admins and the platform; its other users get 403, outsiders 404', async () => {
    const org = await registerOrganization(app, { kind: 'enterprise', regionCode: '330402' });
    const colleague = await invite(org.auth, org.organization.id);
    const colleagueSession = await login(app, colleague.email, TEST_PASSWORD);
    const other = await registerOrganization(app, { kind: 'enterprise', regionCode: '330402' });

    const own = await app.http().get(`/api/v1/organizations/${org.organization.id}/users`).set(org.auth).expect(200);
    expect(own.body.total).toBe(2);
    expect(own.body.items.map((u: { id: string; isOrgAdmin: boolean }) => [u.id, u.isOrgAdmin])).toEqual([[colleague.id, false], [org.user.id, true]]);
    expect((await app.http().get(`/api/v1/organizations/${org.organization.id}/users?role=enterprise_user&pageSize=1`).set(admin.auth).expect(200)).body).toMatchObject({ total: 2, items: [{ id: colleague.id }] });

    await app.http().get(`/api/v1/organizations/${org.organization.id}/users`).set(colleagueSession.auth).expect(403);
    await app.http().get(`/api/v1/organizations/${org.organization.id}/users`).set(other.auth).expect(404);
    // The district bureau may see the organisation but not manage its people.
    await app.http().get(`/api/v1/organizations/${org.organization.id}/users`).set(reviewer.auth).expect(403);
    await app.http().get(`/api/v1/organizations/${org.organization.id}/users`).set(approver.auth).expect(403);
    await app.http().get('/api/v1/organizations/not-a-uuid/users').set(admin.auth).expect(400);
  });
});
