import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { screenThroughReview } from '../support/roadshow-review';
import { registerOrganization } from '../support/factories';
import { DEMO, eventually, login, Session, startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(180_000);

type Auth = { Authorization: string };
const at = (day: string, hhmm: string) => `2030-06-${day}T${hhmm}:00+08:00`;

interface Placement {
  projectId: string;
  sessionId: string;
  slotIndex: number;
  startsAt: string;
  endsAt: string;
  reasons: string[];
  warnings: string[];
}

/**
 * Scheduling against the real database: the automatic scheduler (explanations, determinism, hard
 * rules), and the database's exclusion constraints deciding races between concurrent edits.
 */
describe('roadshows: scheduling, conflicts and races', () => {
  let app: TestApp;
  let dataDir: string;
  let admin: Session;
  let enterprise: Session;
  let venueA: string;
  let venueB: string;
  const projects: Record<string, string> = {};

  async function screenedProject(auth: Auth, key: string, overrides: Record<string, unknown> = {}): Promise<string> {
    const created = await app.http().post('/api/v1/roadshow-projects').set(auth).send({
      title: `项目 ${key}`,
      industry: 'new_materials',
      stage: 'series_a',
      financingAskFen: 1_000_000_000,
      regionCode: '330402',
      team: [{ name: '张三', role: 'CEO' }],
      ...overrides,
    });
    if (created.status !== 201) throw new Error(`project ${key}: ${created.status} ${JSON.stringify(created.body)}`);
    const submitted = await app.http().post(`/api/v1/roadshow-projects/${created.body.id}/submit`).set(auth).expect(200);
    expect(submitted.body.screeningCaseId).toEqual(expect.any(String));
    await screenThroughReview(app, admin.auth, created.body.id);
    await eventually(async () => (await app.http().get(`/api/v1/roadshow-projects/${created.body.id}`).set(auth)).body.status === 'screened', 20_000, `${key} screened`);
    projects[key] = created.body.id;
    return created.body.id;
  }

  async function newSession(venueId: string, startsAt: string, endsAt: string, themes: string[], title = `场次 ${startsAt}`): Promise<string> {
    const res = await app.http().post('/api/v1/roadshow-sessions').set(admin.auth).send({ title, type: 'custom', hostCityCode: '330400', venueId, startsAt, endsAt, pitchMinutes: 10, qaMinutes: 5, themeIndustries: themes });
    if (res.status !== 201) throw new Error(`session: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id;
  }

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'g60-decks-'));
    app = await startTestApp({ env: { EMBEDDED_DATA_DIR: dataDir } });
    [admin, enterprise] = await Promise.all([login(app, DEMO.admin), login(app, DEMO.enterprise)]);
    const other = await registerOrganization(app, { kind: 'enterprise', regionCode: '330481' });
    venueA = (await app.http().post('/api/v1/roadshow-venues').set(admin.auth).send({ name: 'A 厅', cityCode: '330400', capacity: 100 }).expect(201)).body.id;
    venueB = (await app.http().post('/api/v1/roadshow-venues').set(admin.auth).send({ name: 'B 厅', cityCode: '330400', capacity: 100 }).expect(201)).body.id;
    // m6 can only pitch in the afternoon; d1 is in an industry no session of the run covers.
    const specs: [Auth, string, Record<string, unknown>][] = [
      [enterprise.auth, 'm1', {}],
      [enterprise.auth, 'm2', {}],
      [other.auth, 'm3', { regionCode: '330481' }],
      [other.auth, 'm4', { regionCode: '330481' }],
      [enterprise.auth, 'm5', {}],
      [enterprise.auth, 'm6', { availability: [{ from: at('01', '13:00'), to: at('01', '14:00') }] }],
      [other.auth, 'm7', { regionCode: '330481' }],
      [other.auth, 'm8', { regionCode: '330481' }],
      [enterprise.auth, 'd1', { industry: 'digital_economy' }],
    ];
    await Promise.all(specs.map(([auth, key, overrides]) => screenedProject(auth, key, overrides)));
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('fills sessions automatically, explains every decision, and gives the same answer every time', async () => {
    // Two simultaneous sessions in two venues: S1 09:00–10:15 (5 slots), S2 09:00–09:30 (2 slots).
    const s1 = await newSession(venueA, at('01', '09:00'), at('01', '10:15'), ['new_materials'], 'S1');
    const s2 = await newSession(venueB, at('01', '09:00'), at('01', '09:30'), ['new_materials'], 'S2');
    // m1 already presents in S2 at 09:00: it may not be put in S1 at 09:00 (database: presenter overlap).
    await app.http().post(`/api/v1/roadshow-sessions/${s2}/slots`).set(admin.auth).send({ projectId: projects.m1, slotIndex: 0 }).expect(201);
    const overlap = await app.http().post(`/api/v1/roadshow-sessions/${s1}/slots`).set(admin.auth).send({ projectId: projects.m1, slotIndex: 0 }).expect(409);
    expect(overlap.body).toMatchObject({ code: 'CONFLICT', details: { constraint: 'roadshow_slots_presenter_free', conflictsWith: [{ sessionId: s2, projectId: projects.m1, slotIndex: 0 }] } });

    const body = { sessionIds: [s2, s1], apply: false };
    const preview = await app.http().post('/api/v1/roadshow-scheduling/runs').set(admin.auth).send(body).expect(200);
    const again = await app.http().post('/api/v1/roadshow-scheduling/runs').set(admin.auth).send({ ...body, sessionIds: [s1, s2] }).expect(200);
    expect(again.body).toEqual(preview.body);
    expect(preview.body.applied).toBe(false);
    expect(preview.body.stats).toEqual({ projects: 9, placed: 6, freeSlotsBefore: 6, freeSlotsAfter: 0 });

    const placements = preview.body.placements as Placement[];
    const placedKeys = placements.map((p) => Object.keys(projects).find((k) => projects[k] === p.projectId)).sort();
    expect(placedKeys).toEqual(['m2', 'm3', 'm4', 'm5', 'm7', 'm8']);
    const reasons = Object.fromEntries((preview.body.unplaced as { projectId: string; code: string; reason: string }[]).map((u) => [Object.keys(projects).find((k) => projects[k] === u.projectId), u]));
    expect(Object.fromEntries(Object.entries(reasons).map(([k, u]) => [k, u.code]))).toEqual({ m1: 'slots_full', m6: 'not_available', d1: 'no_theme_match' });
    expect(reasons.m1.reason).toContain('after projects without a slot elsewhere');
    // Hard rules hold in the plan: one project per slot, inside the window, themed.
    expect(new Set(placements.map((p) => `${p.sessionId}#${p.slotIndex}`)).size).toBe(6);
    for (const p of placements) {
      expect(p.reasons[0]).toBe('theme match: new_materials is a theme of the session');
      if (p.sessionId === s2) expect(p.slotIndex).toBe(1); // slot 0 is m1's
    }

    const applied = await app.http().post('/api/v1/roadshow-scheduling/runs').set(admin.auth).send({ ...body, apply: true }).expect(200);
    expect(applied.body.applied).toBe(true);
    expect(applied.body.placements).toEqual(preview.body.placements);
    const rows = await app.dataSource.query(`SELECT session_id, slot_index, project_id, placed_by FROM roadshow_slots WHERE session_id = ANY($1::uuid[]) ORDER BY session_id, slot_index`, [[s1, s2]]);
    expect(rows).toHaveLength(7);
    expect(rows.filter((r: { placed_by: string }) => r.placed_by === 'scheduler')).toHaveLength(6);
    const detail = await app.http().get(`/api/v1/roadshow-sessions/${s1}`).set(admin.auth).expect(200);
    expect(detail.body.slots.map((s: { slotIndex: number }) => s.slotIndex)).toEqual([0, 1, 2, 3, 4]);
    expect(detail.body.slots[0].explanation).toEqual(expect.arrayContaining(['theme match: new_materials is a theme of the session']));

    // Full: a second run places nothing and says why.
    const full = await app.http().post('/api/v1/roadshow-scheduling/runs').set(admin.auth).send({ ...body, apply: true }).expect(200);
    expect(full.body.stats).toMatchObject({ placed: 0, freeSlotsBefore: 0 });
    // A finished session is not scheduled into.
    const past = await newSession(venueA, at('01', '15:00'), at('01', '16:00'), [], '已结束场次');
    await app.http().post(`/api/v1/roadshow-sessions/${past}/publish`).set(admin.auth).expect(200);
    await app.http().post(`/api/v1/roadshow-sessions/${past}/finish`).set(admin.auth).expect(200);
    const closed = await app.http().post('/api/v1/roadshow-scheduling/runs').set(admin.auth).send({ sessionIds: [past, s1], apply: false }).expect(409);
    expect(closed.body.details).toEqual({ status: 'finished' });
  });

  it('concurrent assignments racing for the same slot: exactly one wins, the others get 409 naming it', async () => {
    const session = await newSession(venueA, at('02', '09:00'), at('02', '10:00'), ['new_materials'], '抢位测试');
    const contenders = ['m2', 'm3', 'm4', 'm5', 'm7', 'm8'].map((k) => projects[k]);
    const results = await Promise.all(contenders.map((projectId) => app.http().post(`/api/v1/roadshow-sessions/${session}/slots`).set(admin.auth).send({ projectId, slotIndex: 2 })));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409, 409]);
    const winner = results.find((r) => r.status === 201)!.body.slot.projectId as string;
    for (const loser of results.filter((r) => r.status === 409)) {
      expect(loser.body).toMatchObject({ code: 'CONFLICT', details: { constraint: 'roadshow_slots_session_free', conflictsWith: [{ projectId: winner, slotIndex: 2 }] } });
    }
    const rows = await app.dataSource.query(`SELECT project_id FROM roadshow_slots WHERE session_id = $1`, [session]);
    expect(rows).toEqual([{ project_id: winner }]);
  });

  it('one project racing into two simultaneous sessions: exactly one placement survives', async () => {
    const left = await newSession(venueA, at('03', '09:00'), at('03', '10:00'), [], '左厅场次');
    const right = await newSession(venueB, at('03', '09:00'), at('03', '10:00'), [], '右厅场次');
    for (const [slotIndex, key] of ['m2', 'm3', 'm4'].entries()) {
      const [a, b] = await Promise.all([left, right].map((s) => app.http().post(`/api/v1/roadshow-sessions/${s}/slots`).set(admin.auth).send({ projectId: projects[key], slotIndex })));
      expect([a.status, b.status].sort()).toEqual([201, 409]);
      expect((a.status === 409 ? a : b).body.details.constraint).toBe('roadshow_slots_presenter_free');
    }
    const [{ n }] = await app.dataSource.query(`SELECT count(*)::int AS n FROM roadshow_slots WHERE session_id = ANY($1::uuid[])`, [[left, right]]);
    expect(n).toBe(3);
  });

  it('the database refuses double-booking even when the service is bypassed', async () => {
    const session = await newSession(venueB, at('04', '09:00'), at('04', '10:00'), [], '直连测试');
    await expect(
      app.dataSource.query(
        `INSERT INTO roadshow_sessions (title, type, host_city_code, venue_id, capacity, starts_at, ends_at, pitch_minutes, qa_minutes) VALUES ('x', 'custom', '330400', $1, 10, $2, $3, 10, 5)`,
        [venueB, at('04', '09:30'), at('04', '11:00')],
      ),
    ).rejects.toMatchObject({ driverError: { code: '23P01', constraint: 'roadshow_sessions_venue_free' } });
    await app.dataSource.query(`INSERT INTO roadshow_slots (session_id, project_id, slot_index, starts_at, ends_at, placed_by) VALUES ($1, $2, 0, $3, $4, 'manual')`, [session, projects.m5, at('04', '09:00'), at('04', '09:15')]);
    await expect(
      app.dataSource.query(`INSERT INTO roadshow_slots (session_id, project_id, slot_index, starts_at, ends_at, placed_by) VALUES ($1, $2, 1, $3, $4, 'manual')`, [session, projects.m7, at('04', '09:10'), at('04', '09:25')]),
    ).rejects.toMatchObject({ driverError: { code: '23P01', constraint: 'roadshow_slots_session_free' } });
    await expect(
      app.dataSource.query(`INSERT INTO roadshow_slots (session_id, project_id, slot_index, starts_at, ends_at, placed_by) VALUES ($1, $2, 5, $3, $4, 'manual')`, [session, projects.m7, at('04', '09:50'), at('04', '10:05')]),
    ).rejects.toMatchObject({ driverError: { code: '23514', constraint: 'roadshow_slots_within_session' } });
    await expect(app.dataSource.query(`UPDATE roadshow_sessions SET seats_taken = capacity + 1 WHERE id = $1`, [session])).rejects.toMatchObject({ driverError: { code: '23514', constraint: 'roadshow_sessions_seats' } });
  });
});
