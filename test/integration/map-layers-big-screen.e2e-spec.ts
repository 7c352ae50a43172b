import { bureauReviewer, registerOrganization } from '../support/factories';
import { DEMO, login, Session, startTestApp, TestApp } from '../support/test-app';
import { issueVoucher, listService, openProgram, recogniseShanghaiProviders } from '../support/vouchers';

type Auth = { Authorization: string };

/** Every key the public big screen may carry: counts, sums and places; nothing that names a company, person or project. */
const PLACE_KEYS = ['isG60', 'lat', 'lng', 'regionCode', 'regionName', 'regionNameEn'];
const CITY_KEYS = [...PLACE_KEYS, 'activeProviders', 'landings', 'projects', 'services'].sort();
const TOP_KEYS = ['cities', 'computedAt', 'landings', 'refreshSeconds', 'totals', 'voucherFlows'];
const TOTAL_KEYS = ['activeProviders', 'crossRegionOrders', 'crossRegionSubsidyFen', 'landings', 'projects', 'services'];
const FLOW_KEYS = ['fromRegionCode', 'orders', 'subsidyFen', 'toRegionCode'];

/**
 * GET /dashboards/map-layers (agencies, scoped) and GET /public/big-screen (anyone; rate limited; a shared
 * snapshot recomputed after BIG_SCREEN_CACHE_SECONDS). One Jiaxing (南湖) order at the Shanghai lab, one project.
 */
describe('map layers and the public big screen', () => {
  let app: TestApp;
  let admin: Session;
  let reviewer: Session; // 南湖区 330402
  let partner: Session;
  let xiuzhouReviewer: { auth: Auth }; // 秀洲区 330411

  beforeAll(async () => {
    app = await startTestApp({ env: { BIG_SCREEN_RATE_LIMIT_PER_MINUTE: '6', BIG_SCREEN_CACHE_SECONDS: '1' } });
    [admin, reviewer, partner] = await Promise.all([DEMO.admin, DEMO.reviewer, DEMO.partner].map((email) => login(app, email)));
    xiuzhouReviewer = await bureauReviewer(app, admin.auth, '330411', '秀洲区审核员');
  });
  afterAll(() => app.close());

  /** Every call comes from 127.0.0.1 and counts against BIG_SCREEN_RATE_LIMIT_PER_MINUTE (6): two here, the rest below. */
  const screen = () => app.http().get('/api/v1/public/big-screen');

  it('layers: the flow from Jiaxing to Shanghai, scoped by district; projects by place; the big screen follows without sign-in', async () => {
    const before = (await screen().expect(200)).body;
    expect(Object.keys(before).sort()).toEqual(TOP_KEYS);

    const approver = await login(app, DEMO.approver);
    const program = await openProgram(app, approver.auth);
    const nanhu = await registerOrganization(app, { kind: 'enterprise', regionCode: '330402' });
    const voucher = await issueVoucher(app, nanhu.auth, reviewer.auth, approver.auth, program.id, 2_000_000);
    const lab = await login(app, DEMO.provider);
    const labOrg = await app.http().get('/api/v1/me').set(lab.auth).expect(200);
    await recogniseShanghaiProviders(app, approver.auth, partner.auth, [labOrg.body.organization.id]);
    const service = await listService(app, lab.auth, 300_000);
    const order = await app.http().post('/api/v1/service-orders').set(nanhu.auth).send({ serviceId: service.id, voucherId: voucher.voucherId, quantity: 2 }).expect(201);
    expect(order.body.subsidyHeldFen).toBe(300_000);
    await app.http().post('/api/v1/roadshow-projects').set(nanhu.auth).send({
      title: '新能源汽车电控散热材料', industry: 'new_materials', stage: 'series_a', financingAskFen: 3_000_000_000, regionCode: '330402', team: [{ name: '李文博', role: 'CEO' }],
    }).expect(201);

    const layers = async (who: Session) => (await app.http().get('/api/v1/dashboards/map-layers').set(who.auth).expect(200)).body;
    const toShanghai = { fromRegionCode: '330400', toRegionCode: '310000', orders: 1, subsidyFen: 300_000 };
    const all = await layers(admin);
    expect(Object.keys(all).sort()).toEqual(['landings', 'places', 'projects', 'providers', 'servicesByCategory', 'voucherFlows']);
    expect(all.voucherFlows).toEqual([toShanghai]);
    expect(all.projects).toEqual([{ regionCode: '330400', count: before.totals.projects + 1 }]);
    // The new service counts with Shanghai under its category; Shanghai and Jiaxing are places, only Jiaxing a G60 member.
    expect(all.servicesByCategory).toEqual(expect.arrayContaining([expect.objectContaining({ regionCode: '310000', category: 'analysis' })]));
    expect(all.places).toEqual(expect.arrayContaining([
      { regionCode: '330400', regionName: '嘉兴市', regionNameEn: 'Jiaxing', isG60: true, lat: 30.75, lng: 120.76 },
      { regionCode: '310000', regionName: '上海市', regionNameEn: 'Shanghai', isG60: false, lat: 31.23, lng: 121.47 },
    ]));
    // Scope: 南湖's reviewer and the Shanghai partner see the order; 秀洲's reviewer does not. Counts are not scoped.
    expect((await layers(reviewer)).voucherFlows).toEqual([toShanghai]);
    expect((await layers(partner)).voucherFlows).toEqual([toShanghai]);
    const xiuzhou = await layers(xiuzhouReviewer);
    expect(xiuzhou.voucherFlows).toEqual([]);
    expect(xiuzhou.projects).toEqual(all.projects);
    await app.http().get('/api/v1/dashboards/map-layers').set(nanhu.auth).expect(403);
    await app.http().get('/api/v1/dashboards/map-layers').expect(401);

    // The public screen catches up once its snapshot expires (1 s here); one order's subsidy is not shown.
    // The snapshot lives 1 s here: once it has expired the next request recomputes it (polling would spend the rate limit).
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const after = (await screen().expect(200)).body;
    expect(after.totals.crossRegionOrders).toBe(before.totals.crossRegionOrders + 1);
    expect(after.voucherFlows).toEqual([{ ...toShanghai, subsidyFen: null }]);
    expect(after.totals.projects).toBe(before.totals.projects + 1);
    const jiaxing = after.cities.find((c: { regionCode: string }) => c.regionCode === '330400');
    expect(jiaxing).toMatchObject({ isG60: true, projects: before.totals.projects + 1 });
    // Only aggregate keys, whatever the data.
    expect(Object.keys(after).sort()).toEqual(TOP_KEYS);
    expect(Object.keys(after.totals).sort()).toEqual(TOTAL_KEYS);
    for (const c of after.cities) expect(Object.keys(c).sort()).toEqual(CITY_KEYS);
    for (const f of after.voucherFlows) expect(Object.keys(f).sort()).toEqual(FLOW_KEYS);
    const text = JSON.stringify(after);
    for (const secret of ['新能源汽车电控散热材料', '李文博', nanhu.organization.id, labOrg.body.organization.id]) expect(text).not.toContain(secret);
  });

  it('rate limited per client across processes: 429 with Retry-After and the stable error body', async () => {
    let refused: { status: number; headers: Record<string, string>; body: Record<string, unknown> } | undefined;
    for (let i = 0; i < 8 && !refused; i += 1) {
      const res = await screen();
      if (res.status === 429) refused = res as never;
      else expect(res.status).toBe(200);
    }
    expect(refused?.status).toBe(429);
    expect(Number(refused?.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(refused?.body).toMatchObject({ code: 'RATE_LIMITED' });
  });
});
