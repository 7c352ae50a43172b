import ICAL from 'ical.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { screenThroughReview } from '../support/roadshow-review';
import { registerOrganization } from '../support/factories';
import { DEMO, eventually, login, Session, startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(180_000);

type Auth = { Authorization: string };
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const at = (day: string, hhmm: string) => `2030-03-${day}T${hhmm}:00+08:00`;
/** Collects a binary body (supertest parses only text and JSON by itself). */
const binary = (res: NodeJS.ReadableStream, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

/**
 * The roadshow story over HTTP: a project is collected, screened through the roadshow_screening
 * workflow, scheduled into a session, published (versioned agenda, changelog, notifications),
 * exported (JSON and iCal, parsed back with ical.js), presented, matched with an investor,
 * landed in Jiaxing and counted in the statistics. Decks stay confidential throughout.
 */
describe('roadshows: projects, screening, sessions, agendas, investors, outcomes', () => {
  let app: TestApp;
  let dataDir: string;
  let admin: Session;
  let enterprise: Session;
  let investor: Session;
  let otherEnterprise: Auth;
  let otherInvestor: Auth;
  let investorOrgId: string;
  let venueId: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'g60-decks-'));
    app = await startTestApp({ env: { EMBEDDED_DATA_DIR: dataDir } });
    [admin, enterprise, investor] = await Promise.all([login(app, DEMO.admin), login(app, DEMO.enterprise), login(app, DEMO.investor)]);
    otherEnterprise = (await registerOrganization(app, { kind: 'enterprise', regionCode: '330411' })).auth;
    otherInvestor = (await registerOrganization(app, { kind: 'investor', regionCode: '330402' })).auth;
    investorOrgId = (await app.http().get('/api/v1/me').set(investor.auth).expect(200)).body.organization.id;
    const venue = await app.http().post('/api/v1/roadshow-venues').set(admin.auth).send({ name: '长三角全球科创路演中心 1 号厅', cityCode: '330400', address: '嘉兴市南湖区', capacity: 50 }).expect(201);
    venueId = venue.body.id;
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function createProject(auth: Auth, overrides: Record<string, unknown> = {}) {
    const res = await app.http().post('/api/v1/roadshow-projects').set(auth).send({
      title: '高导热石墨烯复合散热膜',
      summary: '面向 5G 基站与新能源汽车电控的散热材料',
      industry: 'new_materials',
      stage: 'series_a',
      financingAskFen: 3_000_000_000,
      regionCode: '330402',
      team: [{ name: '李文博', role: 'CEO' }, { name: '陈思', role: 'CTO' }],
      ...overrides,
    });
    if (res.status !== 201) throw new Error(`project: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { id: string; number: string; status: string };
  }

  /** Submits and walks the project through the roadshow_screening workflow (two experts review, the platform admin decides). */
  async function screen(projectId: string, decision: 'approve' | 'reject' = 'approve') {
    const submitted = await app.http().post(`/api/v1/roadshow-projects/${projectId}/submit`).set(enterprise.auth).expect(200);
    expect(submitted.body).toMatchObject({ status: 'screening', screeningCaseId: expect.any(String) });
    await screenThroughReview(app, admin.auth, projectId, decision === 'approve' ? 'pass' : 'reject', decision === 'reject' ? '技术壁垒不足' : undefined);
    const want = decision === 'approve' ? 'screened' : 'rejected';
    return eventually(async () => {
      const res = await app.http().get(`/api/v1/roadshow-projects/${projectId}`).set(enterprise.auth);
      return res.body.status === want ? res.body : undefined;
    }, 20_000, `project ${want}`);
  }

  async function session(overrides: Record<string, unknown> = {}) {
    const res = await app.http().post('/api/v1/roadshow-sessions').set(admin.auth).send({
      title: '新材料专场路演',
      type: 'custom',
      hostCityCode: '330400',
      venueId,
      startsAt: at('10', '09:00'),
      endsAt: at('10', '11:00'),
      pitchMinutes: 10,
      qaMinutes: 5,
      themeIndustries: ['new_materials'],
      ...overrides,
    });
    return res;
  }

  let materials: string; // screened, presents in the session
  let biotech: string; // screened, off-theme
  let sessionId: string;

  it('collects a project, screens it through roadshow_screening, and keeps a timestamped timeline', async () => {
    const project = await createProject(enterprise.auth);
    expect(project).toMatchObject({ status: 'collected', number: expect.stringMatching(/^LY\d{4}-\d{6}$/) });
    materials = project.id;
    const uploaded = await app.http().post(`/api/v1/roadshow-projects/${materials}/deck`).set(enterprise.auth).attach('deck', PDF, { filename: '路演材料.pdf', contentType: 'application/pdf' }).expect(200);
    expect(uploaded.body.deck).toMatchObject({ fileName: '路演材料.pdf', contentType: 'application/pdf', sizeBytes: PDF.length });

    const screened = await screen(materials);
    expect(screened.status).toBe('screened');
    // Only the chain's next steps are legal: matching a project that never presented is refused.
    const illegal = await app.http().post(`/api/v1/roadshow-projects/${materials}/transitions`).set(admin.auth).send({ event: 'match' }).expect(409);
    expect(illegal.body).toMatchObject({ code: 'ILLEGAL_TRANSITION', details: { current: 'screened', event: 'match' } });
    await app.http().post(`/api/v1/roadshow-projects/${materials}/transitions`).set(admin.auth).send({ event: 'coach', note: '路演辅导：商业模式与估值' }).expect(200);

    const timeline = await app.http().get(`/api/v1/roadshow-projects/${materials}/timeline`).set(enterprise.auth).expect(200);
    expect(timeline.body.entries.map((e: { event: string; toStatus: string }) => `${e.event}→${e.toStatus}`)).toEqual(['collect→collected', 'submit→screening', 'approve_screening→screened', 'coach→coached']);
    const times = timeline.body.entries.map((e: { at: string }) => Date.parse(e.at));
    expect([...times].sort((a, b) => a - b)).toEqual(times);

    const rejected = await createProject(enterprise.auth, { title: '普通贸易项目', industry: 'other' });
    expect((await screen(rejected.id, 'reject')).decisionReason).toBe('技术壁垒不足');
    await app.http().get(`/api/v1/roadshow-projects/${rejected.id}`).set(investor.auth).expect(404);
  });

  it('keeps the deck confidential: another enterprise or an uninvited investor gets 404', async () => {
    const own = await app.http().get(`/api/v1/roadshow-projects/${materials}/deck`).set(enterprise.auth).buffer(true).parse(binary).expect(200);
    expect(own.headers['content-type']).toBe('application/pdf');
    expect(own.headers['content-disposition']).toBe(`attachment; filename*=UTF-8''${encodeURIComponent('路演材料.pdf')}`);
    expect(Buffer.from(own.body).equals(PDF)).toBe(true);
    await app.http().get(`/api/v1/roadshow-projects/${materials}/deck`).set(admin.auth).expect(200);

    await app.http().get(`/api/v1/roadshow-projects/${materials}`).set(otherEnterprise).expect(404);
    await app.http().get(`/api/v1/roadshow-projects/${materials}/deck`).set(otherEnterprise).expect(404);
    // Investors see a screened project, but not its deck until invited.
    await app.http().get(`/api/v1/roadshow-projects/${materials}`).set(investor.auth).expect(200);
    const hidden = await app.http().get(`/api/v1/roadshow-projects/${materials}/deck`).set(investor.auth).expect(404);
    expect(hidden.body.code).toBe('NOT_FOUND');

    await app.http().post(`/api/v1/roadshow-projects/${materials}/deck-invitations`).set(admin.auth).send({ investorOrganizationId: investorOrgId }).expect(201);
    const invited = await app.http().get(`/api/v1/roadshow-projects/${materials}/deck`).set(investor.auth).buffer(true).parse(binary).expect(200);
    expect(Buffer.from(invited.body).equals(PDF)).toBe(true);
    await app.http().get(`/api/v1/roadshow-projects/${materials}/deck`).set(otherInvestor).expect(404);
    // Another enterprise cannot replace it; a file that is not a PDF or .pptx is refused.
    await app.http().post(`/api/v1/roadshow-projects/${materials}/deck`).set(otherEnterprise).attach('deck', PDF, 'x.pdf').expect(404);
    const notPdf = await app.http().post(`/api/v1/roadshow-projects/${materials}/deck`).set(enterprise.auth).attach('deck', Buffer.from('MZ executable'), 'deck.pdf').expect(415);
    expect(notPdf.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const audit = await app.dataSource.query(`SELECT count(*)::int AS n FROM audit_events WHERE subject_id = $1 AND action = 'roadshow_project.deck_invitation_sent'`, [materials]);
    expect(audit[0].n).toBe(1);
  });

  it('refuses a venue double-booking and a session over the venue capacity (409 from the database)', async () => {
    const created = await session();
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'draft', capacity: 50, slotCount: 8, agendaVersion: 0 });
    sessionId = created.body.id;

    const clash = await session({ title: '另一场', startsAt: at('10', '10:30'), endsAt: at('10', '12:00') });
    expect(clash.status).toBe(409);
    expect(clash.body).toMatchObject({ code: 'CONFLICT', details: { constraint: 'roadshow_sessions_venue_free', conflictsWith: [{ sessionId, title: '新材料专场路演' }] } });
    // Back to back is fine: the ranges are half-open.
    expect((await session({ title: '下午场', startsAt: at('10', '11:00'), endsAt: at('10', '12:00') })).status).toBe(201);

    const tooBig = await session({ title: '超员', startsAt: at('11', '09:00'), endsAt: at('11', '10:00'), capacity: 80 });
    expect(tooBig.status).toBe(409);
    expect(tooBig.body.details).toMatchObject({ constraint: 'roadshow_sessions_within_venue_capacity' });

    expect((await session({ type: 'alliance', startsAt: at('12', '09:00'), endsAt: at('12', '10:00') })).status).toBe(400);
    const alliance = await session({ type: 'alliance', coHostCityCodes: ['320500', '340100'], startsAt: at('12', '09:00'), endsAt: at('12', '10:00') });
    expect(alliance.status).toBe(201);
    // Co-hosts named at creation are invited; they co-host once they accept (roadshow-alliance.e2e-spec.ts).
    expect(alliance.body).toMatchObject({ coHostCityCodes: [], pendingCoHostCityCodes: ['320500', '340100'] });
    const cloud = await session({ type: 'cloud', venueId: undefined, streamUrl: 'https://live.g60.example/rs/1', capacity: 500, startsAt: at('10', '09:00'), endsAt: at('10', '10:00') });
    expect(cloud.status).toBe(201);
    expect(cloud.body).toMatchObject({ venueId: null, capacity: 500 });
    // Drafts are the roadshow centre's.
    await app.http().get(`/api/v1/roadshow-sessions/${sessionId}`).set(investor.auth).expect(404);
  });

  it('edits slots by hand: hard conflicts are 409 naming the conflict, soft issues are warnings', async () => {
    biotech = (await createProject(enterprise.auth, { title: '靶向抗体药物平台', industry: 'biomedicine', stage: 'series_b' })).id;
    await screen(biotech);
    const third = (await createProject(otherEnterprise, { title: '纳米涂层', regionCode: '330411' })).id;

    const first = await app.http().post(`/api/v1/roadshow-sessions/${sessionId}/slots`).set(admin.auth).send({ projectId: materials, slotIndex: 0 }).expect(201);
    expect(first.body).toMatchObject({ slot: { projectId: materials, slotIndex: 0, startsAt: '2030-03-10T01:00:00.000Z', endsAt: '2030-03-10T01:15:00.000Z' }, warnings: [] });
    const offTheme = await app.http().post(`/api/v1/roadshow-sessions/${sessionId}/slots`).set(admin.auth).send({ projectId: biotech, slotIndex: 1 }).expect(201);
    // Same presenting enterprise back to back, and outside the theme: warned, not blocked.
    expect(offTheme.body.warnings.map((w: { code: string }) => w.code)).toEqual(['theme_mismatch', 'short_gap']);

    const taken = await app.http().post(`/api/v1/roadshow-sessions/${sessionId}/slots`).set(admin.auth).send({ projectId: biotech, slotIndex: 0 }).expect(409);
    expect(taken.body.details.constraint).toBe('roadshow_slots_once_per_session');
    // A collected (unscreened) project is not scheduled.
    await app.http().post(`/api/v1/roadshow-sessions/${sessionId}/slots`).set(admin.auth).send({ projectId: third, slotIndex: 2 }).expect(409);
    const outside = await app.http().post(`/api/v1/roadshow-sessions/${sessionId}/slots`).set(admin.auth).send({ projectId: biotech, slotIndex: 8 }).expect(409);
    expect(outside.body.details).toMatchObject({ constraint: 'roadshow_slots_within_session', slotCount: 8 });
  });

  it('publishes versioned agendas with a changelog and tells presenters and RSVP’d investors', async () => {
    await app.http().post(`/api/v1/roadshow-sessions/${sessionId}/rsvp`).set(investor.auth).expect(404); // still a draft
    const v1 = await app.http().post(`/api/v1/roadshow-sessions/${sessionId}/publish`).set(admin.auth).expect(200);
    expect(v1.body).toMatchObject({ version: 1, agenda: { version: 1, location: '长三角全球科创路演中心 1 号厅，嘉兴市南湖区' } });
    expect(v1.body.changelog.map((c: { change: string; projectId: string }) => `${c.change}:${c.projectId}`)).toEqual([`added:${materials}`, `added:${biotech}`]);
    for (const id of [materials, biotech]) expect((await app.http().get(`/api/v1/roadshow-projects/${id}`).set(enterprise.auth)).body.status).toBe('scheduled');

    const seat = await app.http().post(`/api/v1/roadshow-sessions/${sessionId}/rsvp`).set(investor.auth).expect(201);
    expect(seat.body).toMatchObject({ status: 'confirmed', waitlistPosition: null });
    const slots = (await app.http().get(`/api/v1/roadshow-sessions/${sessionId}`).set(admin.auth).expect(200)).body.slots as { id: string; projectId: string }[];
    const biotechSlot = slots.find((s) => s.projectId === biotech)!.id;
    const moved = await app.http().post(`/api/v1/roadshow-sessions/${sessionId}/slots/${biotechSlot}/move`).set(admin.auth).send({ slotIndex: 4 }).expect(200);
    expect(moved.body.warnings.map((w: { code: string }) => w.code)).toEqual(['theme_mismatch']);
    const v2 = await app.http().post(`/api/v1/roadshow-sessions/${sessionId}/publish`).set(admin.auth).expect(200);
    expect(v2.body.changelog).toEqual([{ change: 'moved', projectId: biotech, projectTitle: '靶向抗体药物平台', fromStartsAt: '2030-03-10T01:15:00.000Z', toStartsAt: '2030-03-10T02:00:00.000Z' }]);
    const again = await app.http().post(`/api/v1/roadshow-sessions/${sessionId}/publish`).set(admin.auth).expect(409);
    expect(again.body.details).toEqual({ version: 2 });
    const versions = await app.http().get(`/api/v1/roadshow-sessions/${sessionId}/agenda-versions`).set(investor.auth).expect(200);
    expect(versions.body.map((v: { version: number; changelog: unknown[] }) => `${v.version}:${v.changelog.length}`)).toEqual(['1:2', '2:1']);

    const presenterKinds = await eventually(async () => {
      const inbox = await app.http().get('/api/v1/notifications').set(enterprise.auth);
      const titles = (inbox.body.items as { kind: string; title: string }[]).filter((n) => n.kind === 'roadshow.agenda_changed').map((n) => n.title);
      return titles.length === 2 ? titles : undefined;
    }, 15_000, 'presenter notifications');
    expect(presenterKinds.sort()).toEqual(['路演议程（第 1 版）：新材料专场路演', '路演议程（第 2 版）：新材料专场路演']);
    const audience = await eventually(async () => {
      const inbox = await app.http().get('/api/v1/notifications').set(investor.auth);
      return (inbox.body.items as { kind: string; body: string }[]).find((n) => n.kind === 'roadshow.agenda_published');
    }, 15_000, 'investor notification');
    expect(audience.body).toContain('调整「靶向抗体药物平台」');
  });

  it('exports agendas as JSON and as valid iCalendar, per session, project and investor', async () => {
    const json = await app.http().get(`/api/v1/roadshow-sessions/${sessionId}/agenda`).set(investor.auth).expect(200);
    expect(json.body).toMatchObject({ version: 2, session: { id: sessionId, status: 'published' } });
    expect(json.body.slots.map((s: { projectId: string; slotIndex: number }) => `${s.slotIndex}:${s.projectId}`)).toEqual([`0:${materials}`, `4:${biotech}`]);

    const ics = await app.http().get(`/api/v1/roadshow-sessions/${sessionId}/agenda.ics`).set(investor.auth).expect(200);
    expect(ics.headers['content-type']).toContain('text/calendar');
    const calendar = new ICAL.Component(ICAL.parse(ics.text));
    expect(calendar.name).toBe('vcalendar');
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    const zone = calendar.getFirstSubcomponent('vtimezone')!;
    expect(zone.getFirstPropertyValue('tzid')).toBe('Asia/Shanghai');
    ICAL.TimezoneService.register(zone);
    const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events).toHaveLength(2);
    expect(events.map((e) => e.startDate.toJSDate().toISOString())).toEqual(['2030-03-10T01:00:00.000Z', '2030-03-10T02:00:00.000Z']);
    expect(events.map((e) => e.endDate.toJSDate().toISOString())).toEqual(['2030-03-10T01:15:00.000Z', '2030-03-10T02:15:00.000Z']);
    const vevents = calendar.getAllSubcomponents('vevent');
    expect(vevents.map((v) => v.getFirstProperty('dtstart')!.getParameter('tzid'))).toEqual(['Asia/Shanghai', 'Asia/Shanghai']);
    expect(vevents.map((v) => v.getFirstProperty('dtend')!.getParameter('tzid'))).toEqual(['Asia/Shanghai', 'Asia/Shanghai']);
    expect(events[0].startDate.toString()).toBe('2030-03-10T09:00:00');
    expect(events[0].summary).toContain('高导热石墨烯复合散热膜');
    expect(events[1].location).toBe('长三角全球科创路演中心 1 号厅，嘉兴市南湖区');
    expect(new Set(events.map((e) => e.uid)).size).toBe(2);
    expect(vevents.every((v) => v.getFirstPropertyValue('sequence') === 2 && v.hasProperty('dtstamp'))).toBe(true);
    // RFC 5545 §3.1: CRLF line ends, no line over 75 octets.
    expect(ics.text.split('\r\n').every((line) => Buffer.byteLength(line, 'utf8') <= 75)).toBe(true);
    expect(ics.text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);

    const perProject = await app.http().get(`/api/v1/roadshow-projects/${biotech}/agenda`).set(enterprise.auth).expect(200);
    expect(perProject.body.agendas).toHaveLength(1);
    expect(perProject.body.agendas[0].slots.map((s: { projectId: string }) => s.projectId)).toEqual([biotech]);
    const projectIcs = await app.http().get(`/api/v1/roadshow-projects/${biotech}/agenda.ics`).set(enterprise.auth).expect(200);
    expect(new ICAL.Component(ICAL.parse(projectIcs.text)).getAllSubcomponents('vevent')).toHaveLength(1);
    await app.http().get(`/api/v1/roadshow-projects/${biotech}/agenda.ics`).set(otherEnterprise).expect(404);

    const mine = await app.http().get('/api/v1/investor-agenda').set(investor.auth).expect(200);
    expect(mine.body.agendas.map((a: { session: { id: string } }) => a.session.id)).toEqual([sessionId]);
    const mineIcs = await app.http().get('/api/v1/investor-agenda.ics').set(investor.auth).expect(200);
    expect(new ICAL.Component(ICAL.parse(mineIcs.text)).getAllSubcomponents('vevent')).toHaveLength(2);
    const nobody = await app.http().get('/api/v1/investor-agenda.ics').set(otherInvestor).expect(200);
    expect(new ICAL.Component(ICAL.parse(nobody.text)).getAllSubcomponents('vevent')).toHaveLength(0);
  });

  it('finishing a session makes its presenters presented; an investor meeting makes the project matched', async () => {
    await app.http().post(`/api/v1/roadshow-sessions/${sessionId}/finish`).set(admin.auth).expect(200);
    expect((await app.http().get(`/api/v1/roadshow-projects/${materials}`).set(enterprise.auth)).body.status).toBe('presented');
    await app.http().post(`/api/v1/roadshow-sessions/${sessionId}/slots`).set(admin.auth).send({ projectId: materials, slotIndex: 6 }).expect(409);

    await app.http().post('/api/v1/investor-profile').set(investor.auth).send({ focusIndustries: ['new_materials', 'biomedicine'], focusStages: ['series_a'], ticketMinFen: 1_000_000_000, ticketMaxFen: 5_000_000_000 }).expect(200);
    const recommended = await app.http().get('/api/v1/investor-recommendations').set(investor.auth).expect(200);
    expect(recommended.body[0]).toMatchObject({ project: { id: materials }, score: 6 });
    expect(recommended.body[0].reasons).toEqual(['industry new_materials is in your focus', 'stage series_a is in your focus', 'the financing ask fits your ticket size']);
    expect(recommended.body.map((r: { project: { id: string } }) => r.project.id)).toContain(biotech);

    await app.http().post(`/api/v1/roadshow-projects/${materials}/follow`).set(investor.auth).expect(200);
    expect((await app.http().get('/api/v1/investor-profile').set(investor.auth)).body.followedProjectIds).toEqual([materials]);
    const interest = await app.http().post(`/api/v1/roadshow-projects/${materials}/interests`).set(investor.auth).send({ note: '关注散热材料赛道' }).expect(201);
    expect(interest.body.status).toBe('interested');
    await app.http().post(`/api/v1/roadshow-projects/${materials}/interests`).set(investor.auth).send({}).expect(409);
    await app.http().post(`/api/v1/roadshow-interests/${interest.body.id}/transitions`).set(investor.auth).send({ event: 'invest' }).expect(409);
    await app.http().post(`/api/v1/roadshow-interests/${interest.body.id}/transitions`).set(otherInvestor).send({ event: 'meet' }).expect(404);
    const met = await app.http().post(`/api/v1/roadshow-interests/${interest.body.id}/transitions`).set(investor.auth).send({ event: 'meet' }).expect(200);
    expect(met.body.status).toBe('meeting');
    expect((await app.http().get(`/api/v1/roadshow-projects/${materials}`).set(enterprise.auth)).body.status).toBe('matched');
    for (const event of ['start_due_diligence', 'offer_term_sheet', 'invest']) {
      await app.http().post(`/api/v1/roadshow-interests/${interest.body.id}/transitions`).set(investor.auth).send({ event }).expect(200);
    }
    expect((await app.http().get('/api/v1/investor-interests').set(investor.auth)).body.map((i: { status: string }) => i.status)).toEqual(['invested']);
    expect((await app.http().get(`/api/v1/roadshow-projects/${materials}/interests`).set(enterprise.auth)).body).toHaveLength(1);
    const told = await eventually(async () => {
      const inbox = await app.http().get('/api/v1/notifications').set(enterprise.auth);
      const kinds = (inbox.body.items as { kind: string }[]).filter((n) => n.kind === 'roadshow.investor_interest');
      return kinds.length === 5 ? kinds : undefined;
    }, 15_000, 'interest notifications');
    expect(told).toHaveLength(5);
  });

  it('records outcomes (landed in Jiaxing, financing raised) and reports statistics', async () => {
    await app.http().post(`/api/v1/roadshow-projects/${materials}/outcome`).set(admin.auth).send({ landedInJiaxing: true, landingDistrictCode: '310117', landedOn: '2030-05-20', financingRaisedFen: 1 }).expect(400);
    const outcome = await app.http().post(`/api/v1/roadshow-projects/${materials}/outcome`).set(admin.auth).send({ landedInJiaxing: true, landingDistrictCode: '330402', landedOn: '2030-05-20', financingRaisedFen: 2_500_000_000 }).expect(200);
    expect(outcome.body).toMatchObject({ landedInJiaxing: true, landingDistrictCode: '330402', landedOn: '2030-05-20', financingRaisedFen: 2_500_000_000 });
    expect((await app.http().get(`/api/v1/roadshow-projects/${materials}`).set(enterprise.auth)).body.status).toBe('landed');
    await app.http().post(`/api/v1/roadshow-projects/${materials}/transitions`).set(admin.auth).send({ event: 'track', note: '入驻南湖科创园，季度回访' }).expect(200);
    const timeline = await app.http().get(`/api/v1/roadshow-projects/${materials}/timeline`).set(admin.auth).expect(200);
    expect(timeline.body.entries.map((e: { toStatus: string }) => e.toStatus)).toEqual(['collected', 'screening', 'screened', 'coached', 'scheduled', 'presented', 'matched', 'landed', 'tracked']);

    const byIndustry = await app.http().get('/api/v1/roadshow-stats?groupBy=industry').set(admin.auth).expect(200);
    const row = (key: string) => byIndustry.body.rows.find((r: { key: string }) => r.key === key);
    expect(row('new_materials')).toEqual({ key: 'new_materials', projects: 2, screened: 1, presented: 1, landed: 1, landedInJiaxing: 1, financingRaisedFen: 2_500_000_000 });
    expect(row('biomedicine')).toEqual({ key: 'biomedicine', projects: 1, screened: 1, presented: 1, landed: 0, landedInJiaxing: 0, financingRaisedFen: 0 });
    expect(byIndustry.body.totals).toMatchObject({ projects: 4, screened: 2, presented: 2, landedInJiaxing: 1, financingRaisedFen: 2_500_000_000 });
    const bySessionType = await app.http().get('/api/v1/roadshow-stats?groupBy=session_type&from=2030-03-01&to=2030-03-31').set(admin.auth).expect(200);
    expect(bySessionType.body.rows).toEqual([{ key: 'custom', projects: 2, screened: 2, presented: 2, landed: 1, landedInJiaxing: 1, financingRaisedFen: 2_500_000_000 }]);
    const outOfPeriod = await app.http().get('/api/v1/roadshow-stats?groupBy=session_type&from=2030-04-01').set(admin.auth).expect(200);
    expect(outOfPeriod.body.rows).toEqual([]);
    const byCity = await app.http().get('/api/v1/roadshow-stats?groupBy=city').set(admin.auth).expect(200);
    expect(byCity.body.rows.map((r: { key: string; projects: number }) => `${r.key}:${r.projects}`)).toEqual(['330400:4']);
    await app.http().get('/api/v1/roadshow-stats?groupBy=month').set(admin.auth).expect(200);
    await app.http().get('/api/v1/roadshow-stats?groupBy=industry').set(enterprise.auth).expect(403);
  });

  it('takes custom session requests and accepts one into a session', async () => {
    const request = await app.http().post('/api/v1/roadshow-session-requests').set(enterprise.auth).send({
      title: '新能源汽车零部件企业定制路演',
      industries: ['new_energy_vehicles'],
      hostCityCode: '330400',
      preferredStart: at('20', '09:00'),
      preferredEnd: at('20', '17:00'),
      expectedAudience: 40,
    }).expect(201);
    expect(request.body).toMatchObject({ status: 'pending', requesterKind: 'enterprise' });
    const fromInvestor = await app.http().post('/api/v1/roadshow-session-requests').set(investor.auth).send({
      title: '基金专场', industries: [], hostCityCode: '310000', preferredStart: at('21', '09:00'), preferredEnd: at('21', '12:00'), expectedAudience: 20,
    }).expect(201);
    expect(fromInvestor.body.requesterKind).toBe('investor');
    expect((await app.http().get('/api/v1/roadshow-session-requests').set(otherEnterprise).expect(200)).body).toEqual([]);

    const custom = await session({ title: '新能源汽车定制路演', startsAt: at('20', '09:00'), endsAt: at('20', '10:00'), themeIndustries: ['new_energy_vehicles'] });
    const accepted = await app.http().post(`/api/v1/roadshow-session-requests/${request.body.id}/accept`).set(admin.auth).send({ sessionId: custom.body.id }).expect(200);
    expect(accepted.body).toMatchObject({ status: 'accepted', sessionId: custom.body.id });
    await app.http().post(`/api/v1/roadshow-session-requests/${request.body.id}/decline`).set(admin.auth).send({ reason: 'again' }).expect(409);
    await app.http().post(`/api/v1/roadshow-session-requests/${fromInvestor.body.id}/decline`).set(admin.auth).send({ reason: '档期已满' }).expect(200);
    await eventually(async () => {
      const inbox = await app.http().get('/api/v1/notifications').set(enterprise.auth);
      return (inbox.body.items as { kind: string }[]).some((n) => n.kind === 'roadshow.session_request_accepted');
    }, 15_000, 'request accepted notification');
  });
});
