import * as argon2 from 'argon2';
import { randomBytes } from 'node:crypto';
import { DEMO, eventually, login, Session, startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(180_000);

const CAPACITY = 10;
const INVESTORS = 100;
const PASSWORD = 'Rsvp-load-test-1';

/**
 * RSVPs under load: 100 investors reply to a session of 10 seats at once. Never more than 10
 * are confirmed, the other 90 wait in arrival order, and cancelled seats go to the head of the
 * waitlist, in order.
 */
describe('roadshows: RSVP capacity, waitlist and promotion under concurrency', () => {
  let app: TestApp;
  let admin: Session;
  let sessionId: string;
  let investors: { userId: string; auth: { Authorization: string } }[];

  beforeAll(async () => {
    app = await startTestApp();
    admin = await login(app, DEMO.admin);
    const venue = await app.http().post('/api/v1/roadshow-venues').set(admin.auth).send({ name: '小会议室', cityCode: '330400', capacity: CAPACITY }).expect(201);
    const created = await app.http().post('/api/v1/roadshow-sessions').set(admin.auth).send({
      title: '投资人闭门路演', type: 'custom', hostCityCode: '330400', venueId: venue.body.id,
      startsAt: '2030-09-01T14:00:00+08:00', endsAt: '2030-09-01T16:00:00+08:00', pitchMinutes: 10, qaMinutes: 5, themeIndustries: [],
    }).expect(201);
    sessionId = created.body.id;
    await app.http().post(`/api/v1/roadshow-sessions/${sessionId}/publish`).set(admin.auth).expect(200);

    // 100 investor accounts of the demo investor organisation. A cheap argon2id hash (verify reads
    // the parameters from the hash) keeps 100 sign-ins fast; production hashes are not touched.
    const hash = await argon2.hash(PASSWORD, { type: argon2.argon2id, memoryCost: 1024, timeCost: 1, parallelism: 1 });
    const [{ id: orgId }] = await app.dataSource.query(`SELECT organization_id AS id FROM users WHERE email = $1`, [DEMO.investor]);
    const tag = randomBytes(3).toString('hex');
    const rows = (await app.dataSource.query(
      `INSERT INTO users (organization_id, email, password_hash, display_name, role)
       SELECT $1, 'rsvp-' || $2 || '-' || g || '@test.g60.cn', $3, '投资人' || g, 'investor' FROM generate_series(1, $4) g RETURNING id, email`,
      [orgId, tag, hash, INVESTORS],
    )) as { id: string; email: string }[];
    investors = await Promise.all(rows.map(async (r) => ({ userId: r.id, auth: (await login(app, r.email, PASSWORD)).auth })));
  });
  afterAll(() => app?.close());

  async function seats() {
    const [row] = await app.dataSource.query(`SELECT seats_taken, capacity FROM roadshow_sessions WHERE id = $1`, [sessionId]);
    return row as { seats_taken: number; capacity: number };
  }

  it('100 parallel RSVPs: exactly 10 confirmed, 90 waitlisted in arrival order', async () => {
    const results = await Promise.all(investors.map((i) => app.http().post(`/api/v1/roadshow-sessions/${sessionId}/rsvp`).set(i.auth)));
    expect(results.map((r) => r.status).filter((s) => s !== 201)).toEqual([]);
    const confirmed = results.filter((r) => r.body.status === 'confirmed');
    const waitlisted = results.filter((r) => r.body.status === 'waitlisted');
    expect(confirmed).toHaveLength(CAPACITY);
    expect(waitlisted).toHaveLength(INVESTORS - CAPACITY);
    // Positions 1…90, each once, and in the order the database took the replies.
    expect(waitlisted.map((r) => r.body.waitlistPosition).sort((a, b) => a - b)).toEqual(Array.from({ length: 90 }, (_, i) => i + 1));
    const order = await app.dataSource.query(`SELECT id, status, seq, created_at FROM roadshow_rsvps WHERE session_id = $1 ORDER BY seq`, [sessionId]);
    expect(order.slice(0, CAPACITY).every((r: { status: string }) => r.status === 'confirmed')).toBe(true);
    expect(order.slice(CAPACITY).every((r: { status: string }) => r.status === 'waitlisted')).toBe(true);
    const byId = new Map(waitlisted.map((r) => [r.body.id, r.body.waitlistPosition]));
    expect(order.slice(CAPACITY).map((r: { id: string }) => byId.get(r.id))).toEqual(Array.from({ length: 90 }, (_, i) => i + 1));
    expect(await seats()).toEqual({ seats_taken: CAPACITY, capacity: CAPACITY });

    // A second reply from the same investor is refused.
    const dup = await app.http().post(`/api/v1/roadshow-sessions/${sessionId}/rsvp`).set(investors[0].auth).expect(409);
    expect(dup.body.code).toBe('ALREADY_EXISTS');
  });

  it('cancellations promote the head of the waitlist, in order, and never exceed capacity', async () => {
    const list = async () => (await app.http().get(`/api/v1/roadshow-sessions/${sessionId}/rsvps`).set(admin.auth).expect(200)).body as { id: string; userId: string; status: string; waitlistPosition: number | null }[];
    const before = await list();
    const confirmedUsers = before.filter((r) => r.status === 'confirmed').map((r) => r.userId);
    const head = before.filter((r) => r.status === 'waitlisted').slice(0, 3).map((r) => r.userId);
    const cancelling = investors.filter((i) => confirmedUsers.includes(i.userId)).slice(0, 3);

    // Three seats are given up at once, while 20 waitlisted investors cancel too.
    const waitCancels = investors.filter((i) => before.filter((r) => r.status === 'waitlisted').slice(10, 30).map((r) => r.userId).includes(i.userId));
    const results = await Promise.all([...cancelling, ...waitCancels].map((i) => app.http().post(`/api/v1/roadshow-sessions/${sessionId}/rsvp/cancel`).set(i.auth)));
    expect(results.map((r) => r.status).filter((s) => s !== 200)).toEqual([]);

    const after = await list();
    const nowConfirmed = after.filter((r) => r.status === 'confirmed').map((r) => r.userId);
    expect(nowConfirmed).toHaveLength(CAPACITY);
    expect(nowConfirmed).toEqual(expect.arrayContaining(head));
    const waiting = after.filter((r) => r.status === 'waitlisted');
    expect(waiting).toHaveLength(90 - 3 - 20);
    expect(waiting.map((r) => r.waitlistPosition)).toEqual(Array.from({ length: waiting.length }, (_, i) => i + 1));
    // The waitlist keeps its relative order: the survivors of the old list, minus the promoted and the cancelled.
    const oldOrder = before.filter((r) => r.status === 'waitlisted').map((r) => r.userId).filter((u) => !head.includes(u) && !waitCancels.some((i) => i.userId === u));
    expect(waiting.map((r) => r.userId)).toEqual(oldOrder);
    expect(await seats()).toEqual({ seats_taken: CAPACITY, capacity: CAPACITY });

    const promoted = investors.find((i) => i.userId === head[0])!;
    const mine = await app.http().get(`/api/v1/roadshow-sessions/${sessionId}/rsvp`).set(promoted.auth).expect(200);
    expect(mine.body).toMatchObject({ status: 'confirmed', waitlistPosition: null, promotedAt: expect.any(String) });
    await eventually(async () => {
      const inbox = await app.http().get('/api/v1/notifications').set(promoted.auth);
      return (inbox.body.items as { kind: string }[]).some((n) => n.kind === 'roadshow.rsvp_promoted');
    }, 15_000, 'promotion notification');
    const [{ n }] = await app.dataSource.query(`SELECT count(*)::int AS n FROM audit_events WHERE subject_id = $1 AND action = 'roadshow_rsvp.promoted'`, [sessionId]);
    expect(n).toBe(3);
  });

  it('cancelling the session releases every seat and tells everyone who replied', async () => {
    const cancelled = await app.http().post(`/api/v1/roadshow-sessions/${sessionId}/cancel`).set(admin.auth).expect(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', seatsTaken: 0 });
    const [{ active }] = await app.dataSource.query(`SELECT count(*)::int AS active FROM roadshow_rsvps WHERE session_id = $1 AND status <> 'cancelled'`, [sessionId]);
    expect(active).toBe(0);
    await app.http().post(`/api/v1/roadshow-sessions/${sessionId}/rsvp`).set(investors[50].auth).expect(409);
    await eventually(async () => {
      const [{ n }] = await app.dataSource.query(`SELECT count(*)::int AS n FROM notifications WHERE kind = 'roadshow.session_cancelled' AND subject_id = $1`, [sessionId]);
      return n === 10 + 67 ? n : undefined;
    }, 15_000, 'cancellation notifications');
  });
});
