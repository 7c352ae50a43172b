import { registerOrganization } from '../support/factories';
import { screenedProject } from '../support/roadshow-live';
import { DEMO, login, Session, startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(180_000);

type Auth = { Authorization: string };
const JIAXING = '330400';
const HANGZHOU = '330100';
const SUZHOU = '320500';
const NINE = ['310117', '330400', '330100', '330500', '330700', '320500', '340100', '340200', '341800'];

interface CityFigures {
  key: string;
  sessionsHosted: number;
  sessionsCoHosted: number;
  projectsPresented: number;
  investorsAttending: number;
  liveAttendees: number;
  interests: number;
  referralsIn: number;
  referralsInAccepted: number;
  referralsOut: number;
  landings: number;
}
const zero = (key: string): CityFigures => ({
  key,
  sessionsHosted: 0,
  sessionsCoHosted: 0,
  projectsPresented: 0,
  investorsAttending: 0,
  liveAttendees: 0,
  interests: 0,
  referralsIn: 0,
  referralsInAccepted: 0,
  referralsOut: 0,
  landings: 0,
});

/**
 * Per-city and alliance statistics (docs/domain.md, "Alliance statistics") on a small data set in a database of
 * its own, so that every figure is known exactly:
 * - Jiaxing hosts session A (hybrid, public live page), co-hosted by Hangzhou (accepted); Suzhou declined. A shows
 *   projects P1 and P2 and is finished. Investor 1 holds a confirmed seat; investor 2 only watched live; investor 1
 *   registered interest in P1.
 * - Hangzhou hosts session B (published, empty). A draft of Suzhou counts nowhere.
 * - Jiaxing refers P3 to Hangzhou (accepted) and to Suzhou (declined).
 * - P1 landed in Hangzhou, P2 in Jiaxing.
 */
describe('roadshows: alliance statistics per city and in total', () => {
  let app: TestApp;
  let admin: Session;
  let jx: Session;
  let hz: Session;
  let sz: Session;
  let approver: Session;
  const post = (auth: Auth, path: string, body: Record<string, unknown> = {}) => app.http().post(`/api/v1${path}`).set(auth).send(body);

  beforeAll(async () => {
    app = await startTestApp();
    let enterprise: Session;
    let investor1: Session;
    [admin, enterprise, jx, hz, sz, approver, investor1] = await Promise.all([
      login(app, DEMO.admin),
      login(app, DEMO.enterprise),
      login(app, DEMO.organiserJiaxing),
      login(app, DEMO.organiserHangzhou),
      login(app, DEMO.organiserSuzhou),
      login(app, DEMO.approver),
      login(app, DEMO.investor),
    ]);
    const investor2 = await registerOrganization(app, { kind: 'investor', regionCode: '330402' });
    const [p1, p2, p3] = [
      await screenedProject(app, enterprise.auth, admin.auth, '统计项目一'),
      await screenedProject(app, enterprise.auth, admin.auth, '统计项目二'),
      await screenedProject(app, enterprise.auth, admin.auth, '统计项目三'),
    ];
    const jxVenue = (await post(jx.auth, '/roadshow-venues', { name: '嘉兴统计厅', cityCode: JIAXING, capacity: 100 }).expect(201)).body.id;
    const hzVenue = (await post(hz.auth, '/roadshow-venues', { name: '杭州统计厅', cityCode: HANGZHOU, capacity: 100 }).expect(201)).body.id;
    const szVenue = (await post(sz.auth, '/roadshow-venues', { name: '苏州统计厅', cityCode: SUZHOU, capacity: 100 }).expect(201)).body.id;
    const base = { pitchMinutes: 10, qaMinutes: 5, themeIndustries: [] };

    const a = (await post(jx.auth, '/roadshow-sessions', {
      ...base, title: '统计场 A', type: 'alliance', hostCityCode: JIAXING, venueId: jxVenue, coHostCityCodes: [HANGZHOU, SUZHOU],
      streamUrl: 'https://live.g60.example/rs/stats.m3u8', liveAccess: 'public', startsAt: '2031-03-10T09:00:00+08:00', endsAt: '2031-03-10T11:00:00+08:00',
    }).expect(201)).body.id;
    await post(hz.auth, `/roadshow-sessions/${a}/cohost-invitations/${HANGZHOU}/accept`).expect(200);
    await post(sz.auth, `/roadshow-sessions/${a}/cohost-invitations/${SUZHOU}/decline`, { reason: '档期冲突' }).expect(200);
    await post(jx.auth, `/roadshow-sessions/${a}/slots`, { projectId: p1, slotIndex: 0 }).expect(201);
    await post(jx.auth, `/roadshow-sessions/${a}/slots`, { projectId: p2, slotIndex: 1 }).expect(201);
    await post(jx.auth, `/roadshow-sessions/${a}/publish`).expect(200);
    await post(investor1.auth, `/roadshow-sessions/${a}/rsvp`).expect(201);
    await app.http().get(`/api/v1/roadshow-sessions/${a}/live`).set(investor2.auth).expect(200);
    await post(investor1.auth, `/roadshow-projects/${p1}/interests`, { note: '关注散热材料' }).expect(201);
    await post(jx.auth, `/roadshow-sessions/${a}/finish`).expect(200);

    const b = (await post(hz.auth, '/roadshow-sessions', { ...base, title: '统计场 B', type: 'custom', hostCityCode: HANGZHOU, venueId: hzVenue, startsAt: '2031-04-10T09:00:00+08:00', endsAt: '2031-04-10T11:00:00+08:00' }).expect(201)).body.id;
    await post(hz.auth, `/roadshow-sessions/${b}/publish`).expect(200);
    await post(sz.auth, '/roadshow-sessions', { ...base, title: '统计场 C（草稿）', type: 'custom', hostCityCode: SUZHOU, venueId: szVenue, startsAt: '2031-04-11T09:00:00+08:00', endsAt: '2031-04-11T11:00:00+08:00' }).expect(201);

    const toHz = await post(jx.auth, '/roadshow-referrals', { projectId: p3, toCityCode: HANGZHOU, sessionId: b }).expect(201);
    await post(hz.auth, `/roadshow-referrals/${toHz.body.id}/accept`).expect(200);
    const toSz = await post(jx.auth, '/roadshow-referrals', { projectId: p3, toCityCode: SUZHOU }).expect(201);
    await post(sz.auth, `/roadshow-referrals/${toSz.body.id}/decline`, { reason: '无相关专场' }).expect(200);

    await post(hz.auth, `/roadshow-projects/${p1}/outcome`, { landingCityCode: HANGZHOU, landingRegionCode: '330106', landedOn: '2031-05-01', financingRaisedFen: 100_000_000 }).expect(200);
    await post(jx.auth, `/roadshow-projects/${p2}/outcome`, { landingCityCode: JIAXING, landingRegionCode: '330402', landedOn: '2031-05-02', financingRaisedFen: 0 }).expect(200);
  });
  afterAll(() => app?.close());

  const expected: Record<string, CityFigures> = {
    [JIAXING]: { ...zero(JIAXING), sessionsHosted: 1, projectsPresented: 2, investorsAttending: 2, liveAttendees: 1, interests: 1, referralsOut: 2, landings: 1 },
    [HANGZHOU]: { ...zero(HANGZHOU), sessionsHosted: 1, sessionsCoHosted: 1, referralsIn: 1, referralsInAccepted: 1, landings: 1 },
    [SUZHOU]: { ...zero(SUZHOU), referralsIn: 1 },
  };

  it('the platform sees every G60 city and the alliance total, each figure exact', async () => {
    const res = await app.http().get('/api/v1/roadshow-stats?groupBy=city').set(admin.auth).expect(200);
    const cities = res.body.alliance.cities as CityFigures[];
    expect(cities.map((c) => c.key).sort()).toEqual([...NINE].sort());
    for (const city of cities) expect(city).toEqual(expected[city.key] ?? zero(city.key));
    expect(res.body.alliance.total).toEqual({
      key: 'total', sessionsHosted: 2, sessionsCoHosted: 1, projectsPresented: 2, investorsAttending: 2, liveAttendees: 1, interests: 1,
      referralsIn: 2, referralsInAccepted: 1, referralsOut: 2, landings: 2,
    });
    // Project figures count a landing in any G60 city; Jiaxing's own count stays for the bureau.
    expect(res.body.totals).toMatchObject({ projects: 3, landed: 2, landedInJiaxing: 1, financingRaisedFen: 100_000_000 });
    // The bureau's dashboard reads the same.
    const bureau = await app.http().get('/api/v1/roadshow-stats?groupBy=city').set(approver.auth).expect(200);
    expect(bureau.body.alliance).toEqual(res.body.alliance);
  });

  it('a period counts sessions by their start, referrals by creation and landings by date', async () => {
    const april = await app.http().get('/api/v1/roadshow-stats?groupBy=city&from=2031-04-01&to=2031-04-30').set(admin.auth).expect(200);
    const row = (key: string) => (april.body.alliance.cities as CityFigures[]).find((c) => c.key === key);
    expect(row(JIAXING)).toEqual(zero(JIAXING));
    expect(row(HANGZHOU)).toEqual({ ...zero(HANGZHOU), sessionsHosted: 1 });
    const may = await app.http().get('/api/v1/roadshow-stats?groupBy=city&from=2031-05-02&to=2031-05-31').set(admin.auth).expect(200);
    expect(may.body.alliance.total).toEqual({ ...zero('total'), landings: 1 });
  });

  it('a city organiser reads its own city only (403 for another city, no alliance total)', async () => {
    const own = await app.http().get('/api/v1/roadshow-stats?groupBy=city').set(hz.auth).expect(200);
    expect(own.body.cityCode).toBe(HANGZHOU);
    expect(own.body.alliance).toEqual({ cities: [expected[HANGZHOU]], total: null });
    // Its project figures and live totals are its city's too: Hangzhou has no projects of its own, no live session.
    expect(own.body.totals).toMatchObject({ projects: 0, landed: 0 });
    expect(own.body.live).toMatchObject({ sessions: 0, attendees: 0 });
    const jxOwn = await app.http().get('/api/v1/roadshow-stats?groupBy=industry').set(jx.auth).expect(200);
    expect(jxOwn.body.totals).toMatchObject({ projects: 3, landed: 2 });
    expect(jxOwn.body.live).toMatchObject({ sessions: 1, attendees: 1 });
    await app.http().get(`/api/v1/roadshow-stats?groupBy=city&cityCode=${JIAXING}`).set(hz.auth).expect(403);
    await app.http().get(`/api/v1/roadshow-stats?groupBy=city&cityCode=${HANGZHOU}`).set(hz.auth).expect(200);
  });
});
