import { RecognitionService } from '../../src/modules/catalog/recognition.service';
import { shanghaiDate } from '../../src/platform/database/shanghai-date';
import { registerOrganization, uniqueEmail } from '../support/factories';
import { DEMO, eventually, login, Session, startTestApp, TestApp } from '../support/test-app';
import { signAgreement, withoutStamp } from '../support/vouchers';

// The per-project `testTimeout` in jest.config.js is not applied (a global-only option); set it here.
jest.setTimeout(180_000);

type Auth = { Authorization: string };
const DAY_MS = 86_400_000;
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

/** Rare characters that the generated catalogue never uses, so searches have exact answers. */
const RARE = { a: '鼹', b: '鼷', c: '鼯', d: '龘' };


// Imports: catalog-import.e2e-spec.ts.
describe('catalog: services, Chinese search, recognition agreements', () => {
  let app: TestApp;
  let provider: Session;
  let enterprise: Session;
  let approver: Session;
  let partner: Session;
  let reviewer: Session;
  let admin: Session;
  let providerOrg: { id: string; uscc: string };

  beforeAll(async () => {
    app = await startTestApp();
    [provider, enterprise, approver, partner, reviewer, admin] = await Promise.all(
      [DEMO.provider, DEMO.enterprise, DEMO.approver, DEMO.partner, DEMO.reviewer, DEMO.admin].map((email) => login(app, email)),
    );
    const me = await app.http().get('/api/v1/me').set(provider.auth).expect(200);
    const org = await app.http().get(`/api/v1/organizations/${me.body.organization.id}`).set(provider.auth).expect(200);
    providerOrg = { id: org.body.id, uscc: org.body.uscc };
    expect(org.body.admissionStatus).toBe('active');
    expect(org.body.regionCode).toBe('310000');
  });
  afterAll(() => app?.close());

  const api = () => app.http();
  const service = (overrides: Record<string, unknown> = {}) => ({
    code: `T-${Math.random().toString(36).slice(2, 10)}`,
    name: '常规理化检测',
    category: 'testing',
    unitPriceFen: 50_000,
    unit: '样品',
    leadTimeDays: 5,
    ...overrides,
  });
  const create = (auth: Auth, body: Record<string, unknown>) => api().post('/api/v1/catalog/services').set(auth).send(body);
  const search = async (auth: Auth, query: Record<string, string | number | boolean>) => {
    const res = await api().get('/api/v1/catalog/services').query(query).set(auth);
    if (res.status !== 200) throw new Error(`search ${JSON.stringify(query)}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { items: ({ id: string; name: string } & Record<string, unknown>)[]; hasMore: boolean };
  };
  const ids = (body: { items: { id: string }[] }) => body.items.map((i) => i.id).sort();

  /** A provider registered through the API, settled at its admission task, then marked admitted. */
  async function admittedProvider(regionCode: string) {
    const p = await registerOrganization(app, { kind: 'provider', regionCode });
    await eventually(async () => {
      const rows = await app.dataSource.query(`SELECT 1 FROM approval_tasks t JOIN approval_cases c ON c.id = t.case_id WHERE c.subject_id = $1`, [p.organization.id]);
      return rows.length > 0;
    }, 15_000, 'admission task');
    await app.dataSource.query(`UPDATE organizations SET admission_status = 'active' WHERE id = $1`, [p.organization.id]);
    return p;
  }

  describe('services and search', () => {
    const s: Record<string, { id: string }> = {};
    let other: Awaited<ReturnType<typeof admittedProvider>>;

    beforeAll(async () => {
      other = await admittedProvider('310000');
      const make = async (key: string, auth: Auth, body: Record<string, unknown>) => {
        const res = await create(auth, service(body));
        if (res.status !== 201) throw new Error(`create ${key}: ${res.status} ${JSON.stringify(res.body)}`);
        s[key] = res.body;
      };
      await make('A', provider.auth, { name: `${RARE.a}${RARE.b}光谱分析`, category: 'analysis' });
      await make('B', provider.auth, { name: `${RARE.b}${RARE.a}质谱检测` });
      await make('C', provider.auth, { name: '常规检测', instrumentName: `${RARE.a}型光谱仪`, instrumentModel: 'ＸＲ-900' });
      await make('D', provider.auth, { name: '材料分析', category: 'analysis', description: `样品含${RARE.a}与${RARE.b}两种成分` });
      await make('E', provider.auth, { name: `${RARE.a}${RARE.b}光谱分析（加急）` });
      await make('F', other.auth, { name: `${RARE.a}${RARE.b}红外光谱`, category: 'analysis' });
    });

    it('creates a service with the provider’s region, version 1, and an audit row', async () => {
      const res = await api().get(`/api/v1/catalog/services/${s.A.id}`).set(enterprise.auth).expect(200);
      expect(res.body).toMatchObject({ providerId: providerOrg.id, regionCode: '310000', status: 'active', version: 1, unitPriceFen: 50_000, category: 'analysis' });
      const audit = await app.dataSource.query(`SELECT action, organization_id FROM audit_events WHERE subject_id = $1 ORDER BY id`, [s.A.id]);
      expect(audit).toEqual([{ action: 'catalog.service.created', organization_id: providerOrg.id }]);
    });

    it('refuses duplicates, unknown categories, bad prices, other roles and providers not yet admitted', async () => {
      const dup = await create(provider.auth, service({ code: 'DUP-1' })).expect(201);
      expect(dup.body.code).toBe('DUP-1');
      expect((await create(provider.auth, service({ code: 'DUP-1' })).expect(409)).body.code).toBe('ALREADY_EXISTS');
      expect((await create(provider.auth, service({ category: 'astrology' })).expect(400)).body.details[0].field).toBe('category');
      expect((await create(provider.auth, service({ unitPriceFen: 0 })).expect(400)).body.details[0].field).toBe('unitPriceFen');
      expect((await create(provider.auth, service({ unitPriceFen: 12.5 })).expect(400)).body.details[0].field).toBe('unitPriceFen');
      expect((await create(provider.auth, { ...service(), providerId: other.organization.id }).expect(400)).body.code).toBe('VALIDATION_FAILED');
      await create(enterprise.auth, service()).expect(403);
      await create(partner.auth, service()).expect(403);
      const applied = await registerOrganization(app, { kind: 'provider', regionCode: '310000' });
      const refused = await create(applied.auth, service()).expect(422);
      expect(refused.body.code).toBe('BUSINESS_RULE_VIOLATED');
      const [{ n }] = await app.dataSource.query(`SELECT count(*)::int AS n FROM catalog_services WHERE provider_id = $1`, [applied.organization.id]);
      expect(n).toBe(0);
    });

    it('lets a provider edit and withdraw only its own services', async () => {
      await api().post(`/api/v1/catalog/services/${s.A.id}`).set(other.auth).send({ unitPriceFen: 1 }).expect(403);
      await api().post(`/api/v1/catalog/services/${s.A.id}/withdraw`).set(other.auth).send({}).expect(403);
      await api().post(`/api/v1/catalog/services/${s.A.id}`).set(enterprise.auth).send({ unitPriceFen: 1 }).expect(403);
      const before = await api().get(`/api/v1/catalog/services/${s.A.id}`).set(provider.auth).expect(200);
      expect(before.body.unitPriceFen).toBe(50_000);

      const updated = await api().post(`/api/v1/catalog/services/${s.C.id}`).set(provider.auth).send({ unitPriceFen: 88_800, leadTimeDays: 3, expectedVersion: 1 }).expect(200);
      expect(updated.body).toMatchObject({ unitPriceFen: 88_800, leadTimeDays: 3, version: 2, instrumentName: `${RARE.a}型光谱仪` });
      const stale = await api().post(`/api/v1/catalog/services/${s.C.id}`).set(provider.auth).send({ unitPriceFen: 1, expectedVersion: 1 }).expect(409);
      expect(stale.body.code).toBe('CONFLICT');

      const withdrawn = await api().post(`/api/v1/catalog/services/${s.E.id}/withdraw`).set(provider.auth).send({}).expect(200);
      expect(withdrawn.body.status).toBe('withdrawn');
      expect((await api().post(`/api/v1/catalog/services/${s.E.id}/withdraw`).set(provider.auth).send({}).expect(409)).body.code).toBe('ILLEGAL_TRANSITION');
      expect((await api().post(`/api/v1/catalog/services/${s.E.id}`).set(provider.auth).send({ unitPriceFen: 1 }).expect(409)).body.code).toBe('ILLEGAL_TRANSITION');
      // A withdrawn service is the provider's business: others get 404.
      await api().get(`/api/v1/catalog/services/${s.E.id}`).set(enterprise.auth).expect(404);
      await api().get(`/api/v1/catalog/services/${s.E.id}`).set(provider.auth).expect(200);
      const actions = await app.dataSource.query(`SELECT action FROM audit_events WHERE subject_id = ANY($1) ORDER BY id`, [[s.C.id, s.E.id]]);
      expect(actions.map((a: { action: string }) => a.action)).toEqual(['catalog.service.created', 'catalog.service.created', 'catalog.service.updated', 'catalog.service.withdrawn']);
    });

    it('finds one- and two-character Chinese queries exactly, in names, instruments and descriptions', async () => {
      // F's provider is suspended: its services leave search.
      await api().post(`/api/v1/organizations/${other.organization.id}/admission-transitions`).set(partner.auth).send({ action: 'suspend' }).expect(200);
      // 鼹 alone: A, B (names), C (instrument), D (description). E is withdrawn, F's provider suspended.
      const one = await search(enterprise.auth, { q: RARE.a });
      expect(ids(one)).toEqual([s.A.id, s.B.id, s.C.id, s.D.id].sort());
      // Name hits first.
      expect(one.items.slice(0, 2).map((i) => i.id).sort()).toEqual([s.A.id, s.B.id].sort());
      expect(ids(await search(enterprise.auth, { q: RARE.b }))).toEqual([s.A.id, s.B.id, s.D.id].sort());
      // 鼹鼷 contiguous only: not B (鼷鼹), not D (鼹…鼷 apart).
      expect(ids(await search(enterprise.auth, { q: `${RARE.a}${RARE.b}` }))).toEqual([s.A.id]);
      expect(ids(await search(enterprise.auth, { q: `${RARE.b}${RARE.a}` }))).toEqual([s.B.id]);
      expect(ids(await search(enterprise.auth, { q: `${RARE.a}${RARE.b}光谱分析` }))).toEqual([s.A.id]);
      expect(ids(await search(enterprise.auth, { q: `${RARE.a}${RARE.b}光谱仪` }))).toEqual([]);
      // Words of other scripts, full-width folded: ＸＲ-900 matches "xr 900" and "XR-900".
      expect(ids(await search(enterprise.auth, { q: 'xr-900' }))).toEqual([s.C.id]);
      expect(ids(await search(enterprise.auth, { q: `XR ${RARE.a}型` }))).toEqual([s.C.id]);
      expect(ids(await search(enterprise.auth, { q: '！？' }))).toEqual([]);
      // Filters.
      expect(ids(await search(enterprise.auth, { q: RARE.a, category: 'analysis' }))).toEqual([s.A.id, s.D.id].sort());
      expect(ids(await search(enterprise.auth, { q: RARE.a, regionCode: '310000' }))).toHaveLength(4);
      expect(ids(await search(enterprise.auth, { q: RARE.a, regionCode: '330400' }))).toEqual([]);
      expect(ids(await search(enterprise.auth, { q: RARE.a, providerId: other.organization.id }))).toEqual([]);
      const page1 = await search(enterprise.auth, { q: RARE.a, limit: 3 });
      const page2 = await search(enterprise.auth, { q: RARE.a, limit: 3, offset: 3 });
      expect([page1.hasMore, page2.hasMore, page1.items.length, page2.items.length]).toEqual([true, false, 3, 1]);
      await api().get('/api/v1/catalog/services').query({ recognisedOnly: 'maybe' }).set(enterprise.auth).expect(400);
      await api().get('/api/v1/catalog/services').query({ limit: 1000 }).set(enterprise.auth).expect(400);
      await api().get('/api/v1/catalog/services').query({ q: RARE.a }).expect(401);
      // Reinstated, F is back.
      await api().post(`/api/v1/organizations/${other.organization.id}/admission-transitions`).set(partner.auth).send({ action: 'reinstate' }).expect(200);
      expect(ids(await search(enterprise.auth, { q: `${RARE.a}${RARE.b}` }))).toEqual([s.A.id, s.F.id].sort());
    });

    it('re-indexes on update: the new name is found, the old one no longer', async () => {
      await api().post(`/api/v1/catalog/services/${s.D.id}`).set(provider.auth).send({ name: `${RARE.d}材料分析`, description: null }).expect(200);
      expect(ids(await search(enterprise.auth, { q: RARE.d }))).toEqual([s.D.id]);
      expect(ids(await search(enterprise.auth, { q: RARE.b }))).not.toContain(s.D.id);
    });

    describe('recognisedOnly and recognition agreements', () => {
      let jxProvider: Awaited<ReturnType<typeof admittedProvider>>;
      let jxService: { id: string };
      let agreementId: string;
      const today = () => shanghaiDate();

      beforeAll(async () => {
        jxProvider = await admittedProvider('330402');
        jxService = (await create(jxProvider.auth, service({ name: `${RARE.c}${RARE.a}嘉兴本地检测` })).expect(201)).body;
      });

      it('without an agreement a Jiaxing enterprise sees only Jiaxing services as recognised', async () => {
        expect(ids(await search(enterprise.auth, { q: RARE.a, recognisedOnly: true }))).toEqual([jxService.id]);
        expect(ids(await search(enterprise.auth, { q: RARE.a, recognisedOnly: false }))).toContain(s.A.id);
        // Relative to the caller's city: for the Shanghai partner admin, Shanghai services are the local ones.
        expect(ids(await search(partner.auth, { q: `${RARE.a}${RARE.b}`, recognisedOnly: true }))).toEqual([s.A.id, s.F.id].sort());
      });

      it('only the two regions’ admins manage agreements', async () => {
        const body = { issuingRegionCode: '330400', partnerRegionCode: '310000', name: '嘉兴—上海创新券互认互通协议', effectiveFrom: addDays(today(), -30), ratioOverrideBp: 4000, perOrderCapFen: 2_000_000 };
        await api().post('/api/v1/recognition-agreements').set(reviewer.auth).send(body).expect(403);
        await api().post('/api/v1/recognition-agreements').set(enterprise.auth).send(body).expect(403);
        await api().post('/api/v1/recognition-agreements').set(provider.auth).send(body).expect(403);
        await api().get('/api/v1/recognition-agreements').set(reviewer.auth).expect(403);
        expect((await api().post('/api/v1/recognition-agreements').set(approver.auth).send({ ...body, issuingRegionCode: '330100' }).expect(403)).body.code).toBe('FORBIDDEN');
        expect((await api().post('/api/v1/recognition-agreements').set(approver.auth).send({ ...body, partnerRegionCode: '330402' }).expect(400)).body.details[0].field).toBe('partnerRegionCode');
        expect((await api().post('/api/v1/recognition-agreements').set(approver.auth).send({ ...body, effectiveTo: addDays(today(), -31) }).expect(400)).body.details[0].field).toBe('effectiveTo');
        const created = await api().post('/api/v1/recognition-agreements').set(approver.auth).send(body).expect(201);
        agreementId = created.body.id;
        // A proposal binds nobody until both regions sign (agreements-consent.e2e-spec.ts).
        expect(created.body).toMatchObject({ status: 'draft', inForceToday: false, providerCount: 0, ratioOverrideBp: 4000, perOrderCapFen: 2_000_000, effectiveTo: null });

        // A G60 city (Hangzhou) approver is neither region: 404 on the object, 403 on creating for Jiaxing.
        const hz = await api().post('/api/v1/agencies').set(admin.auth).send({ name: '杭州市科学技术局', regionCode: '330100', agencyLevel: 'city' }).expect(201);
        const email = uniqueEmail('hz-approver');
        const invite = await api().post(`/api/v1/organizations/${hz.body.id}/invitations`).set(admin.auth).send({ email, role: 'approver', isOrgAdmin: true }).expect(201);
        await api().post('/api/v1/auth/invitations/accept').send({ token: invite.body.token, password: 'Passw0rd-for-tests', displayName: '杭州审批员' }).expect(201);
        const hzApprover = await login(app, email, 'Passw0rd-for-tests');
        await api().get(`/api/v1/recognition-agreements/${agreementId}`).set(hzApprover.auth).expect(404);
        await api().post(`/api/v1/recognition-agreements/${agreementId}/providers`).set(hzApprover.auth).send({ providerIds: [providerOrg.id] }).expect(404);
        await api().post(`/api/v1/recognition-agreements/${agreementId}/terminate`).set(hzApprover.auth).send({}).expect(404);
        expect((await api().get('/api/v1/recognition-agreements').set(hzApprover.auth).expect(200)).body).toEqual([]);
        await api().post('/api/v1/recognition-agreements').set(hzApprover.auth).send(body).expect(403);

        // Both regions read it; the partner admin manages it; a Jiaxing provider is not a partner provider.
        expect((await api().get('/api/v1/recognition-agreements').set(partner.auth).expect(200)).body.map((a: { id: string }) => a.id)).toEqual([agreementId]);
        await api().get(`/api/v1/recognition-agreements/${agreementId}`).set(approver.auth).expect(200);
        const refused = await api().post(`/api/v1/recognition-agreements/${agreementId}/providers`).set(partner.auth).send({ providerIds: [jxProvider.organization.id] }).expect(422);
        expect(refused.body.details.refused).toEqual([jxProvider.organization.id]);
      });

      it('recognises a partner provider’s services once listed and signed, then (amended) only its listed services, until terminated', async () => {
        const q = { q: RARE.a, recognisedOnly: true };
        const added = await api().post(`/api/v1/recognition-agreements/${agreementId}/providers`).set(partner.auth).send({ providerIds: [providerOrg.id] }).expect(200);
        expect(added.body.providers).toEqual([expect.objectContaining({ providerId: providerOrg.id, serviceIds: [] })]);
        expect(ids(await search(enterprise.auth, q))).toEqual([jxService.id]); // not signed yet
        await signAgreement(app, agreementId, approver.auth, partner.auth);
        expect(ids(await search(enterprise.auth, q))).toEqual([jxService.id, s.A.id, s.B.id, s.C.id].sort());
        // F's provider is not listed.
        expect(ids(await search(enterprise.auth, { q: `${RARE.a}${RARE.b}`, recognisedOnly: true }))).toEqual([s.A.id]);

        // Narrowing the scope of an agreement in force is an amendment from today, signed by both.
        const amendment = (await api().post(`/api/v1/recognition-agreements/${agreementId}/amend`).set(approver.auth).send({ effectiveFrom: today() }).expect(201)).body.id as string;
        const narrowed = await api().post(`/api/v1/recognition-agreements/${amendment}/services`).set(approver.auth).send({ serviceIds: [s.B.id, s.F.id] }).expect(200);
        expect(narrowed.body.providerCount).toBe(2);
        expect(narrowed.body.serviceCount).toBe(2);
        expect(ids(await search(enterprise.auth, q))).toEqual([jxService.id, s.A.id, s.B.id, s.C.id].sort()); // the amendment is not signed yet
        await signAgreement(app, amendment, approver.auth, partner.auth);
        // Only B of the demo lab now; F's provider came in with F alone.
        expect(ids(await search(enterprise.auth, q))).toEqual([jxService.id, s.B.id, s.F.id].sort());
        expect(ids(await search(enterprise.auth, { q: `${RARE.a}${RARE.b}`, recognisedOnly: true }))).toEqual([s.F.id]);

        // A second agreement that starts tomorrow changes nothing today.
        await api().post('/api/v1/recognition-agreements').set(approver.auth)
          .send({ issuingRegionCode: '330400', partnerRegionCode: '310000', name: '明年协议', effectiveFrom: addDays(today(), 1) }).expect(201);
        expect(ids(await search(enterprise.auth, q))).toEqual([jxService.id, s.B.id, s.F.id].sort());

        const recognition = app.get(RecognitionService);
        const find = async (serviceId: string, providerId: string, day: string) => withoutStamp(await recognition.findRecognition(app.dataSource.manager, '330400', providerId, serviceId, day));
        expect(await find(s.B.id, providerOrg.id, today())).toEqual({ agreementId: amendment, ratioOverrideBp: 4000, perOrderCapFen: 2_000_000 });
        expect(await find(s.A.id, providerOrg.id, addDays(today(), -1))).toEqual({ agreementId, ratioOverrideBp: 4000, perOrderCapFen: 2_000_000 }); // version 1 until yesterday
        expect(await find(s.B.id, providerOrg.id, addDays(today(), -30))).toEqual({ agreementId, ratioOverrideBp: 4000, perOrderCapFen: 2_000_000 });
        expect(await find(s.B.id, providerOrg.id, addDays(today(), -31))).toBeNull();
        expect(await find(s.A.id, providerOrg.id, today())).toBeNull(); // not among the listed services
        expect(await find(s.B.id, other.organization.id, today())).toBeNull(); // service of another provider
        expect(await recognition.findRecognition(app.dataSource.manager, '330100', providerOrg.id, s.B.id, today())).toBeNull();
        expect(recognition.isLocal('330400', '330402')).toBe(true);
        expect(recognition.isLocal('330400', '310000')).toBe(false);
        expect(recognition.isLocal('310000', '310117')).toBe(true);

        const terminated = await api().post(`/api/v1/recognition-agreements/${amendment}/terminate`).set(partner.auth).send({ reason: '协议到期' }).expect(200);
        expect(terminated.body).toMatchObject({ status: 'terminated', terminatedOn: today(), inForceToday: false });
        expect(ids(await search(enterprise.auth, q))).toEqual([jxService.id]);
        expect(await find(s.B.id, providerOrg.id, today())).toBeNull();
        expect(await find(s.B.id, providerOrg.id, addDays(today(), -1))).toEqual({ agreementId, ratioOverrideBp: 4000, perOrderCapFen: 2_000_000 });
        expect((await api().post(`/api/v1/recognition-agreements/${amendment}/providers`).set(partner.auth).send({ providerIds: [providerOrg.id] }).expect(409)).body.code).toBe('ILLEGAL_TRANSITION');
        const actions = await app.dataSource.query(`SELECT action FROM audit_events WHERE subject_id = ANY($1::text[]) ORDER BY id`, [[agreementId, amendment]]);
        expect(actions.map((a: { action: string }) => a.action)).toEqual([
          'recognition_agreement.created', 'recognition_agreement.providers_added', 'recognition_agreement.signed', 'recognition_agreement.signed', 'recognition_agreement.in_force',
          'recognition_agreement.amendment_proposed', 'recognition_agreement.services_added', 'recognition_agreement.signed', 'recognition_agreement.signed',
          'recognition_agreement.superseded', 'recognition_agreement.in_force', 'recognition_agreement.terminated',
        ]);
      });

      it('findRecognition honours a closed effective window', async () => {
        const from = '2020-01-01';
        const to = '2020-06-30';
        const res = await api().post('/api/v1/recognition-agreements').set(admin.auth)
          .send({ issuingRegionCode: '330400', partnerRegionCode: '310000', name: '上半年协议', effectiveFrom: from, effectiveTo: to }).expect(201);
        await api().post(`/api/v1/recognition-agreements/${res.body.id}/providers`).set(admin.auth).send({ providerIds: [other.organization.id] }).expect(200);
        await signAgreement(app, res.body.id, approver.auth, partner.auth);
        const find = async (day: string) => withoutStamp(await app.get(RecognitionService).findRecognition(app.dataSource.manager, '330400', other.organization.id, s.F.id, day));
        expect(await find('2019-12-31')).toBeNull();
        expect(await find(from)).toEqual({ agreementId: res.body.id, ratioOverrideBp: null, perOrderCapFen: null });
        expect(await find(to)).toEqual({ agreementId: res.body.id, ratioOverrideBp: null, perOrderCapFen: null });
        expect(await find('2020-07-01')).toBeNull();
      });
    });
  });
});
