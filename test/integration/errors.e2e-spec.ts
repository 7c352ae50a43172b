import jwt from 'jsonwebtoken';
import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { DEMO, login, Session, startTestApp, TestApp } from '../support/test-app';
import { declareQualification } from '../support/qualifications';
import { registrationBody } from '../support/factories';

const REGISTER = '/api/v1/auth/register';
const ERROR_KEYS = ['statusCode', 'code', 'message', 'details'];

/** A 4xx with exactly the stable error body, and nothing from the inside of the server. */
function expectCleanError(res: Response, status: number, code?: string): void {
  expect({ status: res.status, body: res.body }).toMatchObject({ status, body: { statusCode: status, ...(code ? { code } : {}) } });
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  expect(ERROR_KEYS).toEqual(expect.arrayContaining(Object.keys(res.body)));
  expect(typeof res.body.message).toBe('string');
  expectNoLeak(res);
}

function expectNoLeak(res: Response): void {
  const text = JSON.stringify(res.body) + res.text;
  expect(text).not.toMatch(/\bat \S+ \(|\.[jt]s:\d+:\d+/); // stack frames
  for (const leak of ['node_modules', 'QueryFailedError', 'SELECT', 'INSERT INTO', 'TypeError', 'Cannot read prop']) expect(text).not.toContain(leak);
}

/** Never a 5xx: either a clean 4xx or a normal success. */
function expectHandled(res: Response): void {
  expect(res.status).toBeLessThan(500);
  if (res.status >= 400) expectCleanError(res, res.status);
  else expectNoLeak(res);
}

// jest.config.js sets testTimeout per project, which Jest ignores; booting the app can take longer than 5 s under load.
jest.setTimeout(60_000);

describe('hostile input gets a stable 4xx error body', () => {
  let app: TestApp;
  let enterprise: Session;
  let admin: Session;

  beforeAll(async () => {
    app = await startTestApp();
    [enterprise, admin] = await Promise.all([login(app, DEMO.enterprise), login(app, DEMO.admin)]);
  });
  afterAll(() => app.close());

  const orgsWithUscc = async (uscc: string): Promise<number> =>
    (await app.dataSource.query(`SELECT count(*)::int AS n FROM organizations WHERE uscc = $1`, [uscc]))[0].n;

  it('answers malformed JSON with 400 MALFORMED_JSON, even on protected routes', async () => {
    for (const url of [REGISTER, '/api/v1/agencies']) {
      const res = await app.http().post(url).set('Content-Type', 'application/json').send('{"kind": "enterprise", "organization": {');
      expectCleanError(res, 400, 'MALFORMED_JSON');
      expect(res.body).toEqual({ statusCode: 400, code: 'MALFORMED_JSON', message: expect.any(String) });
    }
  });

  it.each([
    ['organization.status', (b: any) => ({ ...b, organization: { ...b.organization, status: 'suspended' } })],
    ['organization.admissionStatus', (b: any) => ({ ...b, organization: { ...b.organization, admissionStatus: 'active' } })],
    ['role', (b: any) => ({ ...b, role: 'platform_admin' })],
    ['user.role', (b: any) => ({ ...b, user: { ...b.user, role: 'platform_admin' } })],
    ['user.isOrgAdmin', (b: any) => ({ ...b, user: { ...b.user, isOrgAdmin: true } })],
    ['id', (b: any) => ({ ...b, id: randomUUID() })],
  ])('refuses mass assignment of %s with a field-level 400 and creates nothing', async (field, mutate) => {
    const body = mutate(registrationBody());
    const res = await app.http().post(REGISTER).send(body);
    expectCleanError(res, 400, 'VALIDATION_FAILED');
    expect(res.body.details).toEqual(expect.arrayContaining([{ field, message: expect.stringContaining('should not exist') }]));
    expect(await orgsWithUscc(body.organization.uscc)).toBe(0);
  });

  it('refuses organizationId smuggled into a qualification (it would pick the target organisation)', async () => {
    const me = await app.http().get('/api/v1/me').set(enterprise.auth).expect(200);
    // Multipart, as the portal declares: the smuggled field is a form field next to the certificate file.
    const res = await declareQualification(app, enterprise.auth, me.body.organization.id, { kind: 'high_tech', certificateNo: 'GR-MASS-1', issuer: '浙江省科学技术厅', validFrom: '2026-01-01', validTo: '2028-12-31' })
      .field('organizationId', randomUUID());
    expectCleanError(res, 400, 'VALIDATION_FAILED');
    expect(res.body.details).toEqual([{ field: 'organizationId', message: expect.any(String) }]);
    const rows = await app.dataSource.query(`SELECT 1 FROM enterprise_qualifications WHERE certificate_no = 'GR-MASS-1'`);
    expect(rows).toHaveLength(0);
  });

  it.each([
    ['organization.name', 'a number for the name', (b: any) => ({ ...b, organization: { ...b.organization, name: 12345 } })],
    ['user.email', 'an array for the e-mail', (b: any) => ({ ...b, user: { ...b.user, email: [b.user.email] } })],
    ['kind', 'an object for the kind', (b: any) => ({ ...b, kind: { $ne: null } })],
    ['organization', 'a string for the organisation', (b: any) => ({ ...b, organization: 'ACME' })],
    ['organization', 'null for the organisation', (b: any) => ({ ...b, organization: null })],
    ['kind', 'a missing kind', ({ kind: _k, ...rest }: any) => rest],
    ['organization.uscc', 'a missing USCC', (b: any) => ({ ...b, organization: { ...b.organization, uscc: undefined } })],
    ['user.password', 'a missing password', (b: any) => ({ ...b, user: { ...b.user, password: undefined } })],
    ['organization', 'a missing organisation', ({ organization: _o, ...rest }: any) => rest],
    ['user', 'a missing user', ({ user: _u, ...rest }: any) => rest],
    ['organization.name', 'a 10,000-character name', (b: any) => ({ ...b, organization: { ...b.organization, name: '测'.repeat(10_000) } })],
  ])('answers %s (%s) with a field-level 400', async (field, _label, mutate) => {
    const original = registrationBody();
    const res = await app.http().post(REGISTER).send(mutate(original));
    expectCleanError(res, 400, 'VALIDATION_FAILED');
    expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    expect(await orgsWithUscc(original.organization.uscc)).toBe(0);
  });

  it('answers an empty body and a non-JSON content type with 4xx, never 5xx', async () => {
    expectCleanError(await app.http().post(REGISTER).send({}), 400, 'VALIDATION_FAILED');
    expectHandled(await app.http().post(REGISTER).set('Content-Type', 'text/plain').send('kind=enterprise'));
    expectHandled(await app.http().post(REGISTER).set('Content-Type', 'application/json').send('[]'));
    expectHandled(await app.http().post(REGISTER).set('Content-Type', 'application/json').send('"just a string"'));
  });

  it('stores a valid Chinese name exactly', async () => {
    const body = registrationBody({ name: '嘉兴禾源新材料科技有限公司（南湖）·测试' });
    const res = await app.http().post(REGISTER).send(body).expect(201);
    expect(res.body.organization.name).toBe('嘉兴禾源新材料科技有限公司（南湖）·测试');
    const [row] = await app.dataSource.query(`SELECT name FROM organizations WHERE id = $1`, [res.body.organization.id]);
    expect(row.name).toBe('嘉兴禾源新材料科技有限公司（南湖）·测试');
  });

  it.each([
    ['a lone surrogate', '测试\ud800公司'],
    ['a NUL character', '测试\u0000公司'],
    ['control characters', '测试\u0007\u001b[31m公司'],
    ['right-to-left override', '测试\u202e公司'],
  ])('never answers a name with %s with a 5xx', async (_label, name) => {
    const body = registrationBody({ name });
    const res = await app.http().post(REGISTER).send(body);
    expectHandled(res);
    expect(await orgsWithUscc(body.organization.uscc)).toBe(res.status === 201 ? 1 : 0);
  });

  it.each([
    ['q', "' OR 1=1--"],
    ['q', "'; DROP TABLE organizations; --"],
    ['q', '%'],
    ['q', '\u0000'],
    ['q', 'x'.repeat(500)],
    ['regionCode', "330402' OR '1'='1"],
    ['kind', "enterprise' --"],
    ['limit', '1; DROP TABLE organizations'],
    ['offset', '-1'],
  ])('never leaks or fails on GET /organizations?%s=%j', async (param, value) => {
    const res = await app.http().get('/api/v1/organizations').query({ [param]: value }).set(enterprise.auth);
    expectHandled(res);
    if (res.status === 200) expect(res.body).toEqual([]); // no enterprise name contains any of these
  });

  it('treats an injection string in q as text: the platform admin finds nothing, the table survives', async () => {
    const res = await app.http().get('/api/v1/organizations').query({ q: "' OR 1=1--" }).set(admin.auth).expect(200);
    expect(res.body).toEqual([]);
    const all = await app.http().get('/api/v1/organizations').query({ q: '%' }).set(admin.auth).expect(200);
    expect(all.body).toEqual([]);
    const [{ n }] = await app.dataSource.query(`SELECT count(*)::int AS n FROM organizations`);
    expect(n).toBeGreaterThan(0);
  });

  it('stores SQL-looking body fields verbatim', async () => {
    const name = "Robert'); DROP TABLE organizations;-- 公司";
    const body = registrationBody({ name });
    const res = await app.http().post(REGISTER).send(body).expect(201);
    expect(res.body.organization.name).toBe(name);
    const rows = await app.dataSource.query(`SELECT name FROM organizations WHERE uscc = $1`, [body.organization.uscc]);
    expect(rows).toEqual([{ name }]);
  });

  it('answers a non-UUID id with 400 and an unknown UUID with 404 NOT_FOUND', async () => {
    expectCleanError(await app.http().get('/api/v1/organizations/not-a-uuid').set(enterprise.auth), 400, 'VALIDATION_FAILED');
    expectCleanError(await app.http().get("/api/v1/organizations/1'%20OR%20'1'='1").set(enterprise.auth), 400, 'VALIDATION_FAILED');
    const res = await app.http().get(`/api/v1/organizations/${randomUUID()}`).set(admin.auth);
    expectCleanError(res, 404, 'NOT_FOUND');
    expect(res.body).toEqual({ statusCode: 404, code: 'NOT_FOUND', message: expect.any(String) });
    expectCleanError(await app.http().get('/api/v1/no-such-route').set(admin.auth), 404, 'NOT_FOUND');
  });

  it('answers missing, garbage and forged tokens with 401 UNAUTHENTICATED', async () => {
    const forged = jwt.sign({ sub: randomUUID(), sid: randomUUID() }, 'not-the-secret', { issuer: 'g60-platform', expiresIn: 600 });
    const unsigned = jwt.sign({ sub: randomUUID(), sid: randomUUID() }, '', { algorithm: 'none', issuer: 'g60-platform' });
    for (const header of [undefined, 'Bearer garbage', 'Bearer ', 'Basic YWRtaW46YWRtaW4=', `Bearer ${forged}`, `Bearer ${unsigned}`]) {
      const req = app.http().get('/api/v1/organizations');
      const res = header === undefined ? await req : await req.set('Authorization', header);
      expectCleanError(res, 401, 'UNAUTHENTICATED');
    }
  });

  it('answers a wrong role with 403 FORBIDDEN and creates nothing', async () => {
    const name = `越权创建的科技局${Date.now()}`;
    const res = await app.http().post('/api/v1/agencies').set(enterprise.auth).send({ name, regionCode: '330402', agencyLevel: 'district' });
    expectCleanError(res, 403, 'FORBIDDEN');
    expect(await app.dataSource.query(`SELECT 1 FROM organizations WHERE name = $1`, [name])).toHaveLength(0);
  });

  it('echoes a sane X-Request-Id, on success and on error, and replaces an unsafe one', async () => {
    const ok = await app.http().get('/api/v1/regions').set('X-Request-Id', 'test-req-12345678').expect(200);
    expect(ok.headers['x-request-id']).toBe('test-req-12345678');
    const failed = await app.http().post(REGISTER).set('X-Request-Id', 'test-req-87654321').set('Content-Type', 'application/json').send('{');
    expect(failed.status).toBe(400);
    expect(failed.headers['x-request-id']).toBe('test-req-87654321');
    const unsafe = await app.http().get('/api/v1/regions').set('X-Request-Id', 'bad id\twith<script>').expect(200);
    expect(unsafe.headers['x-request-id']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });
});

describe('a body above BODY_LIMIT', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ env: { BODY_LIMIT: '10kb' } });
  });
  afterAll(() => app.close());

  it('is refused with 413 PAYLOAD_TOO_LARGE before anything is written', async () => {
    const body = registrationBody();
    const res = await app.http().post(REGISTER).send({ ...body, organization: { ...body.organization, contactName: 'x'.repeat(50_000) } });
    expectCleanError(res, 413, 'PAYLOAD_TOO_LARGE');
    expect(res.body).toEqual({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE', message: expect.any(String) });
    const rows = await app.dataSource.query(`SELECT 1 FROM organizations WHERE uscc = $1`, [body.organization.uscc]);
    expect(rows).toHaveLength(0);
    // A normal body on the same app still works.
    await app.http().post(REGISTER).send(registrationBody()).expect(201);
  });
});
