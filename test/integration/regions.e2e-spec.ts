import { randomBytes } from 'node:crypto';
import { Role } from '../../src/platform/context/actor';
import { RegionsService } from '../../src/modules/organizations/regions.service';
import { TEST_PASSWORD, uniqueEmail } from '../support/factories';
import { DEMO, eventually, login, Session, startTestApp, TestApp } from '../support/test-app';
import { PROGRAM_DEFAULTS } from '../support/vouchers';

type Auth = { Authorization: string };
type RegionBody = { code: string; name: string; nameEn: string; kind: string; parentCode: string | null; isG60: boolean; isPartner: boolean; issuing: boolean };

/** A 6-digit code GB/T 2260 does not use, under 丽水市 (331100): its county codes run 331102 … 331181. */
const unusedCountyCode = () => `3311${String(90 + (randomBytes(1)[0] % 9)).padStart(2, '0')}`;

describe('regions as data: the GB/T 2260 list, issuing regions and their bureaus', () => {
  let app: TestApp;
  let admin: Session;
  let approver: Session;

  beforeAll(async () => {
    app = await startTestApp();
    [admin, approver] = await Promise.all([login(app, DEMO.admin), login(app, DEMO.approver)]);
  });
  afterAll(() => app.close());

  const regions = (query = '') => app.http().get(`/api/v1/regions${query}`).expect(200).then((r) => r.body as RegionBody[]);

  it('holds every province, city and county, and keeps the seeded platform regions as they were', async () => {
    const [{ provinces, all }] = await app.dataSource.query(`SELECT count(*) FILTER (WHERE parent_code IS NULL)::int AS provinces, count(*)::int AS all FROM regions`);
    expect(provinces).toBe(34);
    expect(all).toBe(3342);
    const lishui = (await regions('?q=丽水')).find((r) => r.code === '331100');
    expect(lishui).toEqual({ code: '331100', name: '丽水市', nameEn: 'Lishui', kind: 'city', parentCode: '330000', isG60: false, isPartner: false, issuing: false });
    expect((await regions('?parent=331100')).map((r) => r.code)).toContain('331102');
    expect((await regions('?parent=331100')).find((r) => r.code === '331102')).toMatchObject({ name: '莲都区', kind: 'district' });
    expect((await regions('?parent=none&kind=province')).map((r) => r.code)).toContain('330000');

    // The seeded rows: same names, English names, flags; the cities now lie in their province and issue.
    const served = await regions();
    const byCode = new Map(served.map((r) => [r.code, r]));
    expect(byCode.get('330400')).toEqual({ code: '330400', name: '嘉兴市', nameEn: 'Jiaxing', kind: 'city', parentCode: '330000', isG60: true, isPartner: false, issuing: true });
    expect(byCode.get('310000')).toEqual({ code: '310000', name: '上海市', nameEn: 'Shanghai', kind: 'municipality', parentCode: null, isG60: false, isPartner: true, issuing: true });
    expect(byCode.get('330402')).toMatchObject({ name: '南湖区', nameEn: 'Nanhu', parentCode: '330400', issuing: false });
    expect(byCode.get('310117')).toMatchObject({ nameEn: 'Songjiang', isG60: true, parentCode: '310000' });
    // The default list is what the platform serves: no province, no city nobody issues for.
    expect(byCode.has('330000')).toBe(false);
    expect(byCode.has('331100')).toBe(false);
    expect(served.slice(0, 3).map((r) => r.code)).toEqual(['330400', '330402', '330411']);
    const issuing = await regions('?issuing=true');
    expect(issuing.map((r) => r.code).sort()).toEqual(['310000', '320500', '330100', '330400', '330500', '330700', '340100', '340200', '341800']);
  });

  it('keeps a city bureau’s scope to its city and districts: no province, in lineage or scope', async () => {
    const service = app.get(RegionsService);
    expect(service.lineage('330402')).toEqual(['330402', '330400']);
    expect(service.lineage('330400')).toEqual(['330400']);
    expect(service.lineage('331102')).toEqual(['331102', '331100']);
    expect(service.under('330400').map((r) => r.code).sort()).toEqual(['330400', '330402', '330411', '330421', '330424', '330481', '330482', '330483']);
    const me = await app.http().get('/api/v1/me').set(approver.auth).expect(200);
    expect(me.body.regionScope).toEqual(['330400', '330402', '330411', '330421', '330424', '330481', '330482', '330483']);
  });

  it('the platform admin makes 丽水 issuing, creates its bureau and an approver, who then opens a programme for 331100', async () => {
    const body = { ...PROGRAM_DEFAULTS, issuingRegionCode: '331100', name: `丽水创新券 ${randomBytes(3).toString('hex')}` };
    // Its bureau and approver first: until the region issues, the programme is refused on the field.
    const bureau = await app.http().post('/api/v1/agencies').set(admin.auth).send({ name: '丽水市科学技术局', regionCode: '331100', agencyLevel: 'city' }).expect(201);
    const invite = await app.http().post(`/api/v1/organizations/${bureau.body.id}/invitations`).set(admin.auth).send({ email: uniqueEmail('lishui'), role: Role.Approver }).expect(201);
    const accepted = await app.http().post('/api/v1/auth/invitations/accept').send({ token: invite.body.token, password: TEST_PASSWORD, displayName: '丽水审批员' }).expect(201);
    const lishui = await login(app, accepted.body.email, TEST_PASSWORD);
    const refused = await app.http().post('/api/v1/programs').set(lishui.auth).send(body).expect(400);
    expect(refused.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'issuingRegionCode', message: expect.any(String) }] });

    const marked = await app.http().patch('/api/v1/regions/331100').set(admin.auth).set('Idempotency-Key', `lishui-${randomBytes(4).toString('hex')}`).send({ issuing: true }).expect(200);
    expect(marked.body).toMatchObject({ code: '331100', issuing: true, parentCode: '330000' });
    const audit = await app.dataSource.query(`SELECT action, before->>'issuing' AS before, after->>'issuing' AS after FROM audit_events WHERE subject_type = 'region' AND subject_id = '331100'`);
    expect(audit).toEqual([{ action: 'region.issuing.granted', before: 'false', after: 'true' }]);
    expect((await regions()).map((r) => r.code)).toEqual(expect.arrayContaining(['331100', '331102']));

    const created = await app.http().post('/api/v1/programs').set(lishui.auth).send(body).expect(201);
    expect(created.body).toMatchObject({ issuingRegionCode: '331100', status: 'draft' });
    // The Jiaxing approver still manages only Jiaxing's programmes.
    await app.http().post('/api/v1/programs').set(approver.auth).send({ ...body, name: `${body.name}-jx` }).expect(403);
  });

  it('only the platform admin changes regions (403 for a bureau, 401 anonymous); a province never issues', async () => {
    await app.http().patch('/api/v1/regions/320509').set(approver.auth).send({ issuing: true }).expect(403);
    await app.http().post('/api/v1/regions').set(approver.auth).send({ code: unusedCountyCode(), name: '测试县', kind: 'county', parentCode: '331100' }).expect(403);
    await app.http().patch('/api/v1/regions/320509').send({ issuing: true }).expect(401);
    const province = await app.http().patch('/api/v1/regions/330000').set(admin.auth).send({ issuing: true }).expect(400);
    expect(province.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'issuing', message: expect.any(String) }] });
    await app.http().patch('/api/v1/regions/999999').set(admin.auth).send({ issuing: true }).expect(404);
    const [{ n }] = await app.dataSource.query(`SELECT count(*)::int AS n FROM regions WHERE issuing AND code IN ('320509', '330000')`);
    expect(n).toBe(0);
  });

  it('adds a division: 6-digit code, known parent, unique code (409), once per Idempotency-Key, audited', async () => {
    const code = unusedCountyCode();
    const bad = await app.http().post('/api/v1/regions').set(admin.auth).send({ code: '33110', name: '测试县', kind: 'county', parentCode: '331100' }).expect(400);
    expect(bad.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'code', message: expect.any(String) }] });
    const orphan = await app.http().post('/api/v1/regions').set(admin.auth).send({ code, name: '测试县', kind: 'county', parentCode: '339999' }).expect(400);
    expect(orphan.body.details).toEqual([{ field: 'parentCode', message: 'unknown region 339999' }]);

    const key = `region-${randomBytes(4).toString('hex')}`;
    const body = { code, name: '测试县', nameEn: 'Ceshi', kind: 'county', parentCode: '331100' };
    const first = await app.http().post('/api/v1/regions').set(admin.auth).set('Idempotency-Key', key).send(body).expect(201);
    expect(first.body).toEqual({ code, name: '测试县', nameEn: 'Ceshi', kind: 'county', parentCode: '331100', isG60: false, isPartner: false, issuing: false });
    const replay = await app.http().post('/api/v1/regions').set(admin.auth).set('Idempotency-Key', key).send(body).expect(201);
    expect(replay.body).toEqual(first.body);
    const duplicate = await app.http().post('/api/v1/regions').set(admin.auth).send(body).expect(409);
    expect(duplicate.body).toMatchObject({ statusCode: 409, code: 'ALREADY_EXISTS', details: [{ field: 'code', message: 'already exists' }] });
    await app.http().post('/api/v1/regions').set(admin.auth).send({ ...body, code: '330402' }).expect(409);

    const audit = await app.dataSource.query(`SELECT action FROM audit_events WHERE subject_type = 'region' AND subject_id = $1`, [code]);
    expect(audit).toEqual([{ action: 'region.created' }]);
    expect((await regions(`?parent=331100`)).map((r) => r.code)).toContain(code);
    // An enterprise may now register there: the new county is a known region at once.
    expect(app.get(RegionsService).lineage(code)).toEqual([code, '331100']);
  });

  it('an issuing district (青浦 310118) keeps Shanghai above it: its lineage ends at the outermost issuing region', async () => {
    await app.http().patch('/api/v1/regions/310118').set(admin.auth).send({ issuing: true }).expect(200);
    const service = app.get(RegionsService);
    expect(service.lineage('310118')).toEqual(['310118', '310000']);
    expect(service.under('310000').map((r) => r.code)).toContain('310118');
    // 温州 鹿城区: nobody issues, and the province is left out all the same. Once it issues under a city that
    // does not, the district is the top of its own lineage: its own bureau serves it.
    expect(service.lineage('330302')).toEqual(['330302', '330300']);
    await app.http().patch('/api/v1/regions/330302').set(admin.auth).send({ issuing: true }).expect(200);
    expect(service.lineage('330302')).toEqual(['330302']);
  });
});

describe('every process follows a region change (LISTEN/NOTIFY, polling as the fallback)', () => {
  let a: TestApp;
  let listening: TestApp;
  let deaf: TestApp;
  let polling: TestApp;
  let admin: Auth;

  beforeAll(async () => {
    a = await startTestApp({ role: 'api' });
    const shared = { role: 'api' as const, database: a.db, queuePrefix: a.queuePrefix };
    [listening, deaf, polling] = await Promise.all([
      startTestApp({ ...shared, env: { REGIONS_POLL_MS: '600000' } }),
      // No invalidation at all: what every process would do without it.
      startTestApp({ ...shared, env: { REGIONS_LISTEN: 'false', REGIONS_POLL_MS: '600000' } }),
      startTestApp({ ...shared, env: { REGIONS_LISTEN: 'false', REGIONS_POLL_MS: '200' } }),
    ]);
    admin = (await login(a, DEMO.admin)).auth;
  });
  afterAll(async () => {
    for (const other of [listening, deaf, polling]) await other?.close({ keepData: true });
    await a?.close();
  });

  const knows = async (app: TestApp, code: string) => ((await app.http().get(`/api/v1/regions?q=${code}`).expect(200)).body as RegionBody[]).some((r) => r.code === code);
  const served = async (app: TestApp, code: string) => ((await app.http().get('/api/v1/regions').expect(200)).body as RegionBody[]).some((r) => r.code === code);

  it('a division added and a region marked issuing through one process are known to the others within seconds', async () => {
    const code = unusedCountyCode();
    for (const app of [listening, deaf, polling]) {
      expect(await knows(app, code)).toBe(false);
      expect(await served(app, '320509')).toBe(true); // 吴江 lies under 苏州, which issues
      expect(await served(app, '310118')).toBe(true);
      expect(await served(app, '331100')).toBe(false);
    }
    await a.http().post('/api/v1/regions').set(admin).send({ code, name: '测试县', kind: 'county', parentCode: '331100' }).expect(201);
    await a.http().patch('/api/v1/regions/331100').set(admin).send({ issuing: true }).expect(200);
    expect(await knows(a, code)).toBe(true); // the writing process itself, at once

    await eventually(async () => (await knows(listening, code)) && (await served(listening, '331100')), 5_000, 'the listening process to reload');
    await eventually(async () => (await knows(polling, code)) && (await served(polling, '331100')), 5_000, 'the polling process to reload');
    // The deaf process loaded its cache before the change and was never told: it still does not know.
    expect(await knows(deaf, code)).toBe(false);
    expect(await served(deaf, '331100')).toBe(false);
  });
});
