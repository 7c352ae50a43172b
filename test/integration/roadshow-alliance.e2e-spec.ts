import { randomUUID } from 'node:crypto';
import { screenedProject } from '../support/roadshow-live';
import { DEMO, eventually, login, Session, startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(180_000);

type Auth = { Authorization: string };
const JIAXING = '330400';
const HANGZHOU = '330100';
const SUZHOU = '320500';
const SONGJIANG = '310117';
const STREAM = 'https://live.g60.example/rs/alliance.m3u8';

/**
 * The G60 nine-city alliance (docs/domain.md, "The nine-city alliance"): what a city's roadshow organisers may do
 * with their own, another city's and a co-hosted session; the co-host and referral state tables; the series
 * rotation; landings in another G60 city; the scheduler's reason codes.
 */
describe('roadshows: the G60 nine-city alliance', () => {
  let app: TestApp;
  let admin: Session;
  let enterprise: Session;
  let jx: Session;
  let hz: Session;
  let sz: Session;
  let sj: Session;
  let jxVenue: string;
  let hzVenue: string;
  let venueSeq = 0;

  const post = (auth: Auth, path: string, body: Record<string, unknown> = {}, key?: string) => {
    const req = app.http().post(`/api/v1${path}`).set(auth);
    return (key ? req.set('Idempotency-Key', key) : req).send(body);
  };
  const get = (auth: Auth, path: string) => app.http().get(`/api/v1${path}`).set(auth);

  let day = 0;
  /** A session window on its own day, so that venues never double-book between tests. */
  function window(): { startsAt: string; endsAt: string } {
    day += 1;
    const d = new Date(Date.UTC(2031, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
    return { startsAt: `${d}T09:00:00+08:00`, endsAt: `${d}T11:00:00+08:00` };
  }

  async function venue(auth: Auth, cityCode: string): Promise<string> {
    venueSeq += 1;
    return (await post(auth, '/roadshow-venues', { name: `联盟路演厅 ${cityCode}-${venueSeq}`, cityCode, capacity: 200 }).expect(201)).body.id;
  }

  async function session(auth: Auth, body: Record<string, unknown>): Promise<string> {
    const res = await post(auth, '/roadshow-sessions', { title: '联盟路演', type: 'custom', pitchMinutes: 10, qaMinutes: 5, themeIndustries: [], ...window(), ...body });
    if (res.status !== 201) throw new Error(`session: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id;
  }

  beforeAll(async () => {
    app = await startTestApp();
    [admin, enterprise, jx, hz, sz, sj] = await Promise.all([
      login(app, DEMO.admin),
      login(app, DEMO.enterprise),
      login(app, DEMO.organiserJiaxing),
      login(app, DEMO.organiserHangzhou),
      login(app, DEMO.organiserSuzhou),
      login(app, DEMO.organiserSongjiang),
    ]);
    jxVenue = await venue(jx.auth, JIAXING);
    hzVenue = await venue(hz.auth, HANGZHOU);
  });
  afterAll(() => app?.close());

  it('each G60 city has a roadshow organiser organisation in its own region', async () => {
    const me = await get(jx.auth, '/me').expect(200);
    expect(me.body.user.role).toBe('roadshow_organiser');
    expect(me.body.organization).toMatchObject({ kind: 'agency', regionCode: JIAXING });
    const orgs = (await app.dataSource.query(`SELECT region_code FROM organizations WHERE kind = 'agency' AND agency_level = 'roadshow' ORDER BY region_code`)) as { region_code: string }[];
    expect(orgs.map((o) => o.region_code)).toEqual(['310117', '320500', '330100', '330400', '330500', '330700', '340100', '340200', '341800']);
  });

  it('a city organiser adds venues and sessions in its own city only (403 elsewhere)', async () => {
    await post(jx.auth, '/roadshow-venues', { name: '杭州的厅', cityCode: HANGZHOU, capacity: 50 }).expect(403);
    const other = await post(jx.auth, '/roadshow-sessions', { title: '越界', type: 'custom', hostCityCode: HANGZHOU, venueId: hzVenue, pitchMinutes: 10, qaMinutes: 5, themeIndustries: [], ...window() });
    expect(other.status).toBe(403);
    // The investor, an enterprise and the bureau are no organisers at all.
    await post(enterprise.auth, '/roadshow-venues', { name: '企业厅', cityCode: JIAXING, capacity: 50 }).expect(403);
    const own = await session(jx.auth, { hostCityCode: JIAXING, venueId: jxVenue });
    expect((await get(jx.auth, `/roadshow-sessions/${own}`).expect(200)).body.session).toMatchObject({ hostCityCode: JIAXING, status: 'draft' });
    // Another city does not even see the draft; the platform does.
    await get(hz.auth, `/roadshow-sessions/${own}`).expect(404);
    await get(admin.auth, `/roadshow-sessions/${own}`).expect(200);
    const listed = await get(hz.auth, '/roadshow-sessions?limit=200').expect(200);
    expect(listed.body.map((s: { id: string }) => s.id)).not.toContain(own);
  });

  it('authorisation matrix: host city, accepted co-host, invited city and an unrelated city on one session', async () => {
    const projectId = await screenedProject(app, enterprise.auth, admin.auth, '联盟矩阵项目');
    const alliance = await session(jx.auth, { type: 'alliance', hostCityCode: JIAXING, venueId: jxVenue, coHostCityCodes: [HANGZHOU, SUZHOU], streamUrl: STREAM, liveAccess: 'public' });
    const only = await session(jx.auth, { hostCityCode: JIAXING, venueId: jxVenue });
    await post(hz.auth, `/roadshow-sessions/${alliance}/cohost-invitations/${HANGZHOU}/accept`).expect(200);

    // Host-side changes: the host city yes; the co-host, the invited and an unrelated city 403 (a guessed id too).
    for (const [who, auth] of [['co-host', hz], ['invited', sz], ['unrelated', sj]] as const) {
      for (const id of [alliance, only]) {
        const refused = [
          await post(auth.auth, `/roadshow-sessions/${id}/slots`, { projectId, slotIndex: 0 }),
          await post(auth.auth, `/roadshow-sessions/${id}/publish`),
          await post(auth.auth, `/roadshow-sessions/${id}/cancel`),
          await post(auth.auth, `/roadshow-sessions/${id}/finish`),
          await post(auth.auth, '/roadshow-scheduling/runs', { sessionIds: [id], apply: false }),
          await post(auth.auth, `/roadshow-sessions/${id}/cohost-invitations`, { cityCode: SONGJIANG }),
        ].map((r) => r.status);
        expect([who, id === only ? 'jiaxing-only' : 'alliance', refused]).toEqual([who, id === only ? 'jiaxing-only' : 'alliance', [403, 403, 403, 403, 403, 403]]);
      }
    }
    const slot = await post(jx.auth, `/roadshow-sessions/${alliance}/slots`, { projectId, slotIndex: 0 }).expect(201);
    await post(jx.auth, `/roadshow-sessions/${alliance}/publish`).expect(200);

    // Live page and statistics: host and accepted co-host moderate and read; the invited and unrelated cities may not.
    const question = await post(enterprise.auth, `/roadshow-sessions/${alliance}/live/questions`, { body: '联盟城市如何对接落地？', slotId: slot.body.slot.id }).expect(201);
    await post(sz.auth, `/roadshow-sessions/${alliance}/live/questions/${question.body.id}/approve`).expect(403);
    await post(sj.auth, `/roadshow-sessions/${alliance}/live/questions/${question.body.id}/approve`).expect(403);
    await post(hz.auth, `/roadshow-sessions/${alliance}/live/questions/${question.body.id}/approve`).expect(200);
    await get(hz.auth, `/roadshow-sessions/${alliance}/live/stats`).expect(200);
    await get(jx.auth, `/roadshow-sessions/${alliance}/live/stats`).expect(200);
    await get(sz.auth, `/roadshow-sessions/${alliance}/live/stats`).expect(403);
    await get(sj.auth, `/roadshow-sessions/${alliance}/live/stats`).expect(403);
    expect((await get(hz.auth, `/roadshow-sessions/${alliance}/live`).expect(200)).body).toMatchObject({ viewer: { moderator: true } });
    // The invitations of a session are for its cities.
    await get(sj.auth, `/roadshow-sessions/${alliance}/cohost-invitations`).expect(403);
    await get(sj.auth, `/roadshow-sessions/${only}/cohost-invitations`).expect(404); // a draft of another city is not even visible
    expect((await get(hz.auth, `/roadshow-sessions/${alliance}/cohost-invitations`).expect(200)).body.map((i: { cityCode: string; status: string }) => `${i.cityCode}:${i.status}`)).toEqual([
      `${SUZHOU}:invited`,
      `${HANGZHOU}:accepted`,
    ]);
  });

  it('co-host invitations follow their state table (409 on illegal moves), audited, notified, idempotent', async () => {
    const id = await session(jx.auth, { type: 'alliance', hostCityCode: JIAXING, venueId: jxVenue, coHostCityCodes: [HANGZHOU] });
    const path = `/roadshow-sessions/${id}/cohost-invitations/${HANGZHOU}`;
    // Only the invited city answers: not the host, not the platform, not another city.
    await post(jx.auth, `${path}/accept`).expect(403);
    await post(admin.auth, `${path}/accept`).expect(403);
    await post(sz.auth, `${path}/accept`).expect(403);
    await post(hz.auth, `/roadshow-sessions/${id}/cohost-invitations/${SUZHOU}/accept`).expect(403);
    await post(sz.auth, `/roadshow-sessions/${id}/cohost-invitations/${SUZHOU}/accept`).expect(404);

    const key = randomUUID();
    const first = await post(hz.auth, `${path}/accept`, {}, key).expect(200);
    const replay = await post(hz.auth, `${path}/accept`, {}, key).expect(200);
    expect(replay.body).toEqual(first.body);
    expect(first.body).toMatchObject({ cityCode: HANGZHOU, hostCityCode: JIAXING, status: 'accepted' });
    const again = await post(hz.auth, `${path}/accept`).expect(409);
    expect(again.body).toMatchObject({ code: 'ILLEGAL_TRANSITION', details: { current: 'accepted' } });
    await post(hz.auth, `${path}/decline`, { reason: '时间冲突' }).expect(409);
    expect((await get(jx.auth, `/roadshow-sessions/${id}`).expect(200)).body.session).toMatchObject({ coHostCityCodes: [HANGZHOU], pendingCoHostCityCodes: [] });
    await post(jx.auth, `/roadshow-sessions/${id}/cohost-invitations`, { cityCode: HANGZHOU }).expect(409);

    // The co-host does not withdraw; the host does, then invites again; the second time Hangzhou declines.
    await post(hz.auth, `${path}/withdraw`).expect(403);
    expect((await post(jx.auth, `${path}/withdraw`).expect(200)).body.status).toBe('withdrawn');
    await post(hz.auth, `${path}/accept`).expect(409);
    await post(jx.auth, `${path}/withdraw`).expect(409);
    expect((await post(jx.auth, `/roadshow-sessions/${id}/cohost-invitations`, { cityCode: HANGZHOU }).expect(201)).body.status).toBe('invited');
    expect((await get(jx.auth, `/roadshow-sessions/${id}`).expect(200)).body.session).toMatchObject({ coHostCityCodes: [], pendingCoHostCityCodes: [HANGZHOU] });
    const declined = await post(hz.auth, `${path}/decline`, { reason: '本月已承办两场' }).expect(200);
    expect(declined.body).toMatchObject({ status: 'declined', reason: '本月已承办两场' });
    expect((await get(jx.auth, `/roadshow-sessions/${id}`).expect(200)).body.session).toMatchObject({ coHostCityCodes: [], pendingCoHostCityCodes: [] });
    // Neither a host city inviting itself nor a non-G60 city, nor co-hosts on a session that is not an alliance one.
    await post(jx.auth, `/roadshow-sessions/${id}/cohost-invitations`, { cityCode: JIAXING }).expect(400);
    await post(jx.auth, `/roadshow-sessions/${id}/cohost-invitations`, { cityCode: '330200' }).expect(400);
    const custom = await session(jx.auth, { hostCityCode: JIAXING, venueId: jxVenue });
    await post(jx.auth, `/roadshow-sessions/${custom}/cohost-invitations`, { cityCode: HANGZHOU }).expect(409);

    const audit = (await app.dataSource.query(`SELECT action FROM audit_events WHERE subject_id = $1 AND action LIKE 'roadshow_cohost.%' ORDER BY id`, [id])) as { action: string }[];
    expect(audit.map((a) => a.action)).toEqual(['roadshow_cohost.invited', 'roadshow_cohost.accepted', 'roadshow_cohost.withdrawn', 'roadshow_cohost.invited', 'roadshow_cohost.declined']);
    const told = await eventually(async () => {
      const inbox = await get(jx.auth, '/notifications?limit=100');
      const kinds = (inbox.body.items as { kind: string; subjectId: string }[]).filter((n) => n.subjectId === id).map((n) => n.kind).sort();
      return kinds.length === 2 ? kinds : undefined;
    }, 15_000, 'the host told of both answers');
    expect(told).toEqual(['roadshow.cohost_accepted', 'roadshow.cohost_declined']);
    // The portal words it from kind + params (data: region codes, the session's title, the city's own reason).
    const inbox = await get(jx.auth, '/notifications?limit=100');
    const answer = (inbox.body.items as { kind: string; subjectId: string; params: unknown }[]).find((n) => n.subjectId === id && n.kind === 'roadshow.cohost_declined');
    expect(answer?.params).toEqual({ sessionTitle: expect.any(String), hostCityCode: JIAXING, cityCode: HANGZHOU, reason: '本月已承办两场', variant: 'reason' });
  });

  it('referrals: the receiving city accepts (the project becomes schedulable there) or declines with a reason; 409 on illegal moves', async () => {
    const projectId = await screenedProject(app, enterprise.auth, admin.auth, '联盟推荐项目');
    const hzSession = await session(hz.auth, { hostCityCode: HANGZHOU, venueId: hzVenue });
    // Before any referral, Hangzhou may not schedule a Jiaxing project, nor refer it.
    await post(hz.auth, `/roadshow-sessions/${hzSession}/slots`, { projectId, slotIndex: 0 }).expect(403);
    await post(hz.auth, '/roadshow-referrals', { projectId, toCityCode: SUZHOU }).expect(403);
    await post(jx.auth, '/roadshow-referrals', { projectId, toCityCode: JIAXING }).expect(400);
    await post(jx.auth, '/roadshow-referrals', { projectId, toCityCode: HANGZHOU, sessionId: await session(jx.auth, { hostCityCode: JIAXING, venueId: jxVenue }) }).expect(400);

    const referral = await post(jx.auth, '/roadshow-referrals', { projectId, toCityCode: HANGZHOU, sessionId: hzSession, note: '新材料方向，适合杭州专场' }).expect(201);
    expect(referral.body).toMatchObject({ fromCityCode: JIAXING, toCityCode: HANGZHOU, sessionId: hzSession, status: 'pending' });
    const duplicate = await post(jx.auth, '/roadshow-referrals', { projectId, toCityCode: HANGZHOU }).expect(409);
    expect(duplicate.body.code).toBe('ALREADY_EXISTS');
    await post(sz.auth, `/roadshow-referrals/${referral.body.id}/accept`).expect(403);
    await post(jx.auth, `/roadshow-referrals/${referral.body.id}/accept`).expect(403);
    await post(hz.auth, `/roadshow-referrals/${referral.body.id}/withdraw`).expect(403);
    const noReason = await post(hz.auth, `/roadshow-referrals/${referral.body.id}/decline`, {}).expect(400);
    expect(JSON.stringify(noReason.body)).toContain('reason');
    await post(hz.auth, `/roadshow-sessions/${hzSession}/slots`, { projectId, slotIndex: 0 }).expect(403);

    const key = randomUUID();
    const accepted = await post(hz.auth, `/roadshow-referrals/${referral.body.id}/accept`, {}, key).expect(200);
    expect((await post(hz.auth, `/roadshow-referrals/${referral.body.id}/accept`, {}, key).expect(200)).body).toEqual(accepted.body);
    expect(accepted.body.status).toBe('accepted');
    expect((await post(hz.auth, `/roadshow-referrals/${referral.body.id}/accept`).expect(409)).body.code).toBe('ILLEGAL_TRANSITION');
    await post(hz.auth, `/roadshow-referrals/${referral.body.id}/decline`, { reason: '改变主意' }).expect(409);
    await post(jx.auth, `/roadshow-referrals/${referral.body.id}/withdraw`).expect(409);
    // Now Hangzhou schedules it in the session it was referred to, and lists it among its projects.
    await post(hz.auth, `/roadshow-sessions/${hzSession}/slots`, { projectId, slotIndex: 0 }).expect(201);
    const hzProjects = await get(hz.auth, '/roadshow-city-projects').expect(200);
    expect(hzProjects.body.find((p: { id: string }) => p.id === projectId)).toMatchObject({ source: 'referred' });
    await get(hz.auth, `/roadshow-city-projects?cityCode=${JIAXING}`).expect(403);

    // A second referral, declined with its reason; then one withdrawn by the referring city.
    const toSuzhou = await post(jx.auth, '/roadshow-referrals', { projectId, toCityCode: SUZHOU }).expect(201);
    const declined = await post(sz.auth, `/roadshow-referrals/${toSuzhou.body.id}/decline`, { reason: '本市近期无新材料专场' }).expect(200);
    expect(declined.body).toMatchObject({ status: 'declined', declineReason: '本市近期无新材料专场', sessionId: null });
    const toSongjiang = await post(jx.auth, '/roadshow-referrals', { projectId, toCityCode: SONGJIANG }).expect(201);
    expect((await post(jx.auth, `/roadshow-referrals/${toSongjiang.body.id}/withdraw`).expect(200)).body.status).toBe('withdrawn');
    await post(sj.auth, `/roadshow-referrals/${toSongjiang.body.id}/accept`).expect(409);

    const out = await get(jx.auth, '/roadshow-referrals?direction=out').expect(200);
    expect(out.body.filter((r: { projectId: string }) => r.projectId === projectId).map((r: { toCityCode: string; status: string }) => `${r.toCityCode}:${r.status}`).sort()).toEqual([
      `${SONGJIANG}:withdrawn`,
      `${SUZHOU}:declined`,
      `${HANGZHOU}:accepted`,
    ]);
    const suzhouIn = await get(sz.auth, '/roadshow-referrals?direction=in').expect(200);
    expect(suzhouIn.body.map((r: { id: string }) => r.id)).toEqual([toSuzhou.body.id]);
    expect((await get(hz.auth, '/roadshow-referrals?direction=out').expect(200)).body).toEqual([]);
  });

  it('an alliance series rotates its host, skipping a city that opted out', async () => {
    const series = await post(admin.auth, '/roadshow-series', { title: 'G60 科创路演联盟月度路演', rotationCityCodes: [SONGJIANG, JIAXING, HANGZHOU, SUZHOU] }).expect(201);
    await post(jx.auth, '/roadshow-series', { title: '城市自建系列', rotationCityCodes: [JIAXING, HANGZHOU] }).expect(403);
    await post(admin.auth, '/roadshow-series', { title: '非联盟城市', rotationCityCodes: [JIAXING, '330200'] }).expect(400);
    expect(series.body).toMatchObject({ nextHostCityCode: SONGJIANG, optedOutCityCodes: [] });
    // Jiaxing opts out for itself (not for Hangzhou), once.
    await post(jx.auth, `/roadshow-series/${series.body.id}/opt-out`, { cityCode: HANGZHOU }).expect(403);
    expect((await post(jx.auth, `/roadshow-series/${series.body.id}/opt-out`).expect(200)).body.optedOutCityCodes).toEqual([JIAXING]);
    await post(jx.auth, `/roadshow-series/${series.body.id}/opt-out`).expect(409);

    const venues: Record<string, string> = { [SONGJIANG]: await venue(sj.auth, SONGJIANG), [HANGZHOU]: hzVenue, [SUZHOU]: await venue(sz.auth, SUZHOU) };
    const next = async (auth: Auth, expected: string) => {
      const res = await post(auth, `/roadshow-series/${series.body.id}/sessions`, { title: `联盟月度路演 ${expected}`, venueId: venues[expected], pitchMinutes: 10, qaMinutes: 5, themeIndustries: [], ...window() });
      if (res.status !== 201) throw new Error(`series session: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body as { id: string; hostCityCode: string; seriesSeq: number; pendingCoHostCityCodes: string[] };
    };
    const first = await next(admin.auth, SONGJIANG);
    expect(first).toMatchObject({ hostCityCode: SONGJIANG, seriesSeq: 1, pendingCoHostCityCodes: [SUZHOU, HANGZHOU] }); // by code
    // Not Suzhou's turn (Hangzhou's): 403, and the refused attempt does not move the rotation.
    const early = await post(sz.auth, `/roadshow-series/${series.body.id}/sessions`, { title: '抢先', venueId: venues[SUZHOU], pitchMinutes: 10, qaMinutes: 5, themeIndustries: [], ...window() });
    expect(early.status).toBe(403);
    expect((await get(sz.auth, `/roadshow-series/${series.body.id}`).expect(200)).body.series.nextHostCityCode).toBe(HANGZHOU);
    expect(await next(hz.auth, HANGZHOU)).toMatchObject({ hostCityCode: HANGZHOU, seriesSeq: 2 });
    expect(await next(sz.auth, SUZHOU)).toMatchObject({ hostCityCode: SUZHOU, seriesSeq: 3 });
    // Wraps round, past Jiaxing again; once Jiaxing opts back in it takes its place after Songjiang.
    expect(await next(admin.auth, SONGJIANG)).toMatchObject({ hostCityCode: SONGJIANG, seriesSeq: 4 });
    await post(jx.auth, `/roadshow-series/${series.body.id}/opt-in`).expect(200);
    const view = await get(jx.auth, `/roadshow-series/${series.body.id}`).expect(200);
    expect(view.body.series).toMatchObject({ nextHostCityCode: JIAXING, sessionsCreated: 4, optedOutCityCodes: [] });
    expect(view.body.sessions.map((s: { hostCityCode: string; seriesSeq: number }) => `${s.seriesSeq}:${s.hostCityCode}`)).toEqual([`1:${SONGJIANG}`, `2:${HANGZHOU}`, `3:${SUZHOU}`, `4:${SONGJIANG}`]);
    // Every member out: no host (409).
    for (const [auth] of [[sj], [jx], [hz], [sz]] as const) await post(auth.auth, `/roadshow-series/${series.body.id}/opt-out`).expect(200);
    const none = await post(admin.auth, `/roadshow-series/${series.body.id}/sessions`, { title: '无人主办', venueId: venues[SONGJIANG], pitchMinutes: 10, qaMinutes: 5, themeIndustries: [], ...window() });
    expect(none.status).toBe(409);
  });

  it('records a landing in another G60 city (and its district), and refuses cities outside the alliance', async () => {
    const projectId = await screenedProject(app, enterprise.auth, admin.auth, '落地杭州项目');
    const id = await session(admin.auth, { hostCityCode: JIAXING, venueId: jxVenue });
    await post(admin.auth, `/roadshow-sessions/${id}/slots`, { projectId, slotIndex: 0 }).expect(201);
    await post(admin.auth, `/roadshow-sessions/${id}/publish`).expect(200);
    await post(admin.auth, `/roadshow-sessions/${id}/finish`).expect(200);
    const bad = async (body: Record<string, unknown>, field: string) => {
      const res = await post(admin.auth, `/roadshow-projects/${projectId}/outcome`, { financingRaisedFen: 0, ...body }).expect(400);
      expect(JSON.stringify(res.body)).toContain(field);
    };
    await bad({ landingCityCode: '330200', landedOn: '2031-05-20' }, 'landingCityCode'); // 宁波: not in the alliance
    await bad({ landingCityCode: HANGZHOU, landingRegionCode: '330402', landedOn: '2031-05-20' }, 'landingRegionCode'); // 南湖 is in Jiaxing
    await bad({ landingCityCode: HANGZHOU }, 'landedOn');
    await bad({ landingCityCode: HANGZHOU, landedInJiaxing: true, landedOn: '2031-05-20' }, 'landedInJiaxing');
    // Jiaxing's organiser records landings in Jiaxing only.
    await post(jx.auth, `/roadshow-projects/${projectId}/outcome`, { landingCityCode: HANGZHOU, landedOn: '2031-05-20', financingRaisedFen: 0 }).expect(403);
    const outcome = await post(hz.auth, `/roadshow-projects/${projectId}/outcome`, { landingCityCode: HANGZHOU, landingRegionCode: '330106', landedOn: '2031-05-20', financingRaisedFen: 300_000_000 }).expect(200);
    expect(outcome.body).toMatchObject({ landingCityCode: HANGZHOU, landingRegionCode: '330106', landedInJiaxing: false, landedOn: '2031-05-20', financingRaisedFen: 300_000_000 });
    expect((await get(enterprise.auth, `/roadshow-projects/${projectId}`).expect(200)).body.status).toBe('landed');
    // The old form still means Jiaxing.
    const old = await post(admin.auth, `/roadshow-projects/${projectId}/outcome`, { landedInJiaxing: true, landingDistrictCode: '330402', landedOn: '2031-06-01', financingRaisedFen: 300_000_000 }).expect(200);
    expect(old.body).toMatchObject({ landingCityCode: JIAXING, landingRegionCode: '330402', landedInJiaxing: true, landingDistrictCode: '330402' });
  });

  it('the scheduler explains itself in codes with parameters (English kept as deprecated fields)', async () => {
    const projectId = await screenedProject(app, enterprise.auth, admin.auth, '排期代码项目');
    const themed = await session(jx.auth, { hostCityCode: JIAXING, venueId: jxVenue, themeIndustries: ['new_materials'] });
    const elsewhere = await session(jx.auth, { hostCityCode: JIAXING, venueId: jxVenue, themeIndustries: ['biomedicine'] });
    const preview = await post(jx.auth, '/roadshow-scheduling/runs', { sessionIds: [themed], projectIds: [projectId], apply: false }).expect(200);
    expect(preview.body.placements[0].reasonCodes).toEqual([
      { code: 'theme_match', params: { industry: 'new_materials' } },
      { code: 'availability_open', params: {} },
      { code: 'interest_rank', params: { interest: expect.any(Number), rank: 1, of: 1 } },
      { code: 'preferred_slot', params: {} },
    ]);
    expect(preview.body.placements[0].reasons[0]).toBe('theme match: new_materials is a theme of the session');
    const left = await post(jx.auth, '/roadshow-scheduling/runs', { sessionIds: [elsewhere], projectIds: [projectId], apply: false }).expect(200);
    expect(left.body.unplaced).toEqual([{ projectId, code: 'no_theme_match', params: { industry: 'new_materials' }, reason: 'no session in this run has a theme covering new_materials' }]);
    await post(jx.auth, '/roadshow-scheduling/runs', { sessionIds: [themed], projectIds: [projectId], apply: true }).expect(200);
    const slot = (await get(jx.auth, `/roadshow-sessions/${themed}`).expect(200)).body.slots[0];
    expect(slot.explanationCodes.map((c: { code: string }) => c.code)).toEqual(['theme_match', 'availability_open', 'interest_rank', 'preferred_slot']);
    // A manual slot warns in codes too.
    const manual = await post(jx.auth, `/roadshow-sessions/${elsewhere}/slots`, { projectId, slotIndex: 0 }).expect(201);
    expect(manual.body.slot.explanationCodes).toEqual([{ code: 'placed_by_hand', params: {} }]);
    expect(manual.body.warnings).toEqual([{ code: 'theme_mismatch', params: { industry: 'new_materials', themes: 'biomedicine' }, message: 'new_materials is not a theme of this session (biomedicine)' }]);
  });
});
