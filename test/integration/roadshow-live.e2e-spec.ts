import { registerOrganization } from '../support/factories';
import { liveCloudSession, openStream, OpenStream, screenedProject } from '../support/roadshow-live';
import { DEMO, login, startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(240_000);

type Auth = { Authorization: string };

/**
 * Cloud roadshows live (issue 18): two API processes on one database and one Redis. A question asked and
 * approved through one reaches the event streams opened on the other; Last-Event-ID replays from the database;
 * who may watch, ask, moderate and answer; illegal transitions, idempotency, validation, the connection bound,
 * "interested", replays and the statistics.
 */
describe('roadshows live: moderated Q&A fanned out across API processes', () => {
  let a: TestApp;
  let b: TestApp;
  let admin: Auth;
  let enterprise: Auth; // presents in slot 0
  let presenter2: Auth; // another enterprise, presents in slot 1
  let investor: Auth; // RSVP'd
  let stranger: Auth; // an investor without a seat
  let investorUserId: string;
  let sessionId: string;
  let slotIds: string[];
  let projectIds: string[];
  const streams: OpenStream[] = [];
  const live = (id = sessionId) => `/api/v1/roadshow-sessions/${id}/live`;
  const stream = async (app: TestApp, auth: Auth, lastEventId?: number) => {
    const s = await openStream(app.running.url!, `${live()}/events`, auth, lastEventId);
    streams.push(s);
    return s;
  };

  beforeAll(async () => {
    a = await startTestApp({ env: { LIVE_QUESTIONS_PER_USER_PER_MINUTE: '6' } });
    b = await startTestApp({ role: 'api', database: a.db, queuePrefix: a.queuePrefix, env: { LIVE_MAX_CONNECTIONS: '4', LIVE_HEARTBEAT_MS: '300', LIVE_QUESTIONS_PER_USER_PER_MINUTE: '6' } });
    admin = (await login(a, DEMO.admin)).auth;
    enterprise = (await login(a, DEMO.enterprise)).auth;
    investor = (await login(a, DEMO.investor)).auth;
    presenter2 = (await registerOrganization(a, { kind: 'enterprise' })).auth;
    stranger = (await registerOrganization(a, { kind: 'investor' })).auth;
    investorUserId = (await a.http().get('/api/v1/me').set(investor).expect(200)).body.user.id;
    projectIds = [await screenedProject(a, enterprise, admin, '高导热石墨烯散热膜'), await screenedProject(a, presenter2, admin, '固态电池电解质')];
    ({ id: sessionId, slotIds } = await liveCloudSession(a, admin, projectIds));
    await a.http().post(`/api/v1/roadshow-sessions/${sessionId}/rsvp`).set(investor).expect(201);
  });
  afterAll(async () => {
    streams.forEach((s) => s.close());
    await b?.close({ keepData: true });
    await a?.close();
  });

  it('validates stream URLs server side: https on an allowed host only; a venue with a stream is hybrid', async () => {
    const base = { title: '云路演', type: 'cloud', hostCityCode: '330400', capacity: 100, startsAt: '2030-05-01T09:00:00+08:00', endsAt: '2030-05-01T10:00:00+08:00', pitchMinutes: 10, qaMinutes: 5, themeIndustries: [] };
    for (const streamUrl of ['http://live.g60.example/x.m3u8', 'https://evil.example/x.m3u8', 'https://live.g60.example.evil.example/x']) {
      const res = await a.http().post('/api/v1/roadshow-sessions').set(admin).send({ ...base, streamUrl }).expect(400);
      expect(res.body.details).toEqual([expect.objectContaining({ field: 'streamUrl' })]);
    }
    const iframe = await a.http().post('/api/v1/roadshow-sessions').set(admin).send({ ...base, streamUrl: 'https://v.player.g60.example/embed/7' }).expect(201);
    expect(iframe.body).toMatchObject({ hasLivePage: true, liveAccess: 'registered' });
    const venue = await a.http().post('/api/v1/roadshow-venues').set(admin).send({ name: '路演厅 live', cityCode: '330400', capacity: 80 }).expect(201);
    const hybrid = await a.http().post('/api/v1/roadshow-sessions').set(admin).send({ ...base, type: 'custom', capacity: undefined, venueId: venue.body.id, streamUrl: 'https://live.g60.example/h.m3u8', liveAccess: 'public' }).expect(201);
    expect(hybrid.body).toMatchObject({ type: 'custom', venueId: venue.body.id, hasLivePage: true, liveAccess: 'public' });
    const inPerson = await a.http().post('/api/v1/roadshow-sessions').set(admin).send({ ...base, type: 'custom', capacity: undefined, venueId: venue.body.id, startsAt: '2030-05-02T09:00:00+08:00', endsAt: '2030-05-02T10:00:00+08:00' }).expect(201);
    await a.http().post(`/api/v1/roadshow-sessions/${inPerson.body.id}/publish`).set(admin).expect(200);
    await a.http().get(live(inPerson.body.id)).set(investor).expect(404);
  });

  it('admits organisers, presenters and RSVP’d investors; others get 403 LIVE_NOT_ADMITTED', async () => {
    const room = await a.http().get(live()).set(investor).expect(200);
    expect(room.body).toMatchObject({
      phase: 'live',
      player: { kind: 'hls', url: 'https://live.g60.example/rs/live.m3u8' },
      presenting: { slotId: slotIds[0], source: 'schedule' },
      organiserSlotId: null,
      viewer: { moderator: false, presenterProjectIds: [], canAsk: true, investor: true, interestedProjectIds: [] },
      questions: [],
    });
    expect(room.body.slots.map((s: { slotId: string }) => s.slotId)).toEqual(slotIds);
    expect((await a.http().get(live()).set(enterprise).expect(200)).body.viewer).toMatchObject({ moderator: false, presenterProjectIds: [projectIds[0]] });
    expect((await b.http().get(live()).set(admin).expect(200)).body.viewer).toMatchObject({ moderator: true });
    const refused = await b.http().get(live()).set(stranger).expect(403);
    expect(refused.body.code).toBe('LIVE_NOT_ADMITTED');
    const refusedStream = await openStream(b.running.url!, `${live()}/events`, stranger);
    expect(refusedStream.status).toBe(403);
    await a.http().get(live('00000000-0000-4000-8000-000000000000')).set(investor).expect(404);
  });

  let question: { id: string };

  it('a question asked and approved through process A reaches the streams opened on process B', async () => {
    const { lastEventId } = (await b.http().get(live()).set(investor).expect(200)).body;
    const investorStream = await stream(b, investor, lastEventId);
    const presenterStream = await stream(b, presenter2, lastEventId);
    expect(investorStream.status).toBe(200);
    expect(investorStream.headers.get('content-type')).toContain('text/event-stream');
    await investorStream.waitFor((e) => e.event === 'ready', 'ready');

    const asked = await a.http().post(`${live()}/questions`).set(investor).set('Idempotency-Key', 'ask-1').send({ body: '  量产良率目前是多少？ ' }).expect(201);
    question = asked.body;
    expect(asked.body).toMatchObject({ status: 'pending', slotId: slotIds[0], projectId: projectIds[0], body: '量产良率目前是多少？', askedBy: investorUserId });
    // The asker sees their pending question; another viewer does not.
    await investorStream.waitFor((e) => e.event === 'question.asked' && e.data.id === question.id, 'asker sees question.asked');

    await a.http().post(`${live()}/questions/${question.id}/approve`).set(admin).set('Idempotency-Key', 'approve-1').expect(200);
    const seen = await presenterStream.waitFor((e) => e.event === 'question.approved', 'approved on B');
    expect(seen.data).toMatchObject({ id: question.id, status: 'approved', body: '量产良率目前是多少？' });
    await investorStream.waitFor((e) => e.event === 'question.approved' && e.data.id === question.id, 'approved to the asker on B');
    expect(presenterStream.events.filter((e) => e.event === 'question.asked')).toEqual([]);
    // Event ids are the session's event numbers, in order.
    const ids = investorStream.events.filter((e) => e.id !== undefined).map((e) => e.id!);
    expect(ids).toEqual([...ids].sort((x, y) => x - y));
    expect(ids[0]).toBe(lastEventId + 1);

    // Idempotency: the same keys replay the first answers and change nothing.
    const again = await a.http().post(`${live()}/questions`).set(investor).set('Idempotency-Key', 'ask-1').send({ body: '  量产良率目前是多少？ ' }).expect(201);
    expect(again.body.id).toBe(question.id);
    await b.http().post(`${live()}/questions/${question.id}/approve`).set(admin).set('Idempotency-Key', 'approve-1').expect(200);
    const [{ n }] = await a.dataSource.query(`SELECT count(*)::int AS n FROM roadshow_live_questions WHERE session_id = $1`, [sessionId]);
    expect(n).toBe(1);
    const [{ events }] = await a.dataSource.query(`SELECT count(*)::int AS events FROM roadshow_live_events WHERE session_id = $1 AND kind = 'question.approved'`, [sessionId]);
    expect(events).toBe(1);
  });

  it('refuses cheating: attendees moderating, presenters answering another slot, own questions, foreign sessions', async () => {
    const pending = (await a.http().post(`${live()}/questions`).set(investor).send({ body: '第二个问题：估值依据？' }).expect(201)).body;
    expect((await a.http().post(`${live()}/questions/${pending.id}/approve`).set(investor).expect(403)).body.code).toBe('FORBIDDEN');
    expect((await a.http().post(`${live()}/questions/${pending.id}/reject`).set(enterprise).expect(403)).body.code).toBe('FORBIDDEN');
    // slot 0's question: the enterprise of slot 1 may not answer it; the organiser neither (presenters answer).
    expect((await b.http().post(`${live()}/questions/${question.id}/answer`).set(presenter2).send({ answer: '不是我们的项目' }).expect(403)).body.code).toBe('FORBIDDEN');
    await b.http().post(`${live()}/questions/${question.id}/answer`).set(admin).send({ answer: '代答' }).expect(403);
    // Nobody approves their own question.
    const own = (await a.http().post(`${live()}/questions`).set(admin).send({ body: '主持人自己的问题' }).expect(201)).body;
    expect((await a.http().post(`${live()}/questions/${own.id}/approve`).set(admin).expect(403)).body.code).toBe('OWN_QUESTION');
    // A question under another session's path does not exist there.
    const other = await liveCloudSession(a, admin, [], { title: '另一场云路演' });
    await a.http().post(`/api/v1/roadshow-sessions/${other.id}/live/questions/${pending.id}/approve`).set(admin).expect(404);
    // …and an enterprise presenting elsewhere is not that session's audience.
    const foreign = await a.http().post(`/api/v1/roadshow-sessions/${other.id}/live/questions/${question.id}/answer`).set(enterprise).send({ answer: '跨场次' }).expect(403);
    expect(foreign.body.code).toBe('LIVE_NOT_ADMITTED');
    // Nothing changed.
    const [row] = await a.dataSource.query(`SELECT status, moderated_by FROM roadshow_live_questions WHERE id = $1`, [pending.id]);
    expect(row).toEqual({ status: 'pending', moderated_by: null });
  });

  it('follows the question state table (409) and validates input (400)', async () => {
    const approvedAgain = await a.http().post(`${live()}/questions/${question.id}/approve`).set(admin).expect(409);
    expect(approvedAgain.body).toMatchObject({ code: 'ILLEGAL_TRANSITION', details: { current: 'approved', event: 'approve' } });
    const pending = (await a.http().post(`${live()}/questions`).set(investor).send({ body: '第三个问题' }).expect(201)).body;
    expect((await a.http().post(`${live()}/questions/${pending.id}/answer`).set(enterprise).send({ answer: '还没审核' }).expect(409)).body.code).toBe('ILLEGAL_TRANSITION');
    await a.http().post(`${live()}/questions/${pending.id}/reject`).set(admin).send({ reason: '与路演无关' }).expect(200);
    await a.http().post(`${live()}/questions/${pending.id}/approve`).set(admin).expect(409);

    const answered = await a.http().post(`${live()}/questions/${question.id}/answer`).set(enterprise).send({ answer: '目前良率 92%，年底达到 95%。' }).expect(200);
    expect(answered.body).toMatchObject({ status: 'answered', answer: '目前良率 92%，年底达到 95%。', answeredAt: expect.any(String) });
    expect((await a.http().post(`${live()}/questions/${question.id}/answer`).set(enterprise).send({ answer: '再答一次' }).expect(409)).body.code).toBe('ILLEGAL_TRANSITION');

    for (const body of [{ body: 'x' }, { body: '   ' }, { body: 'y'.repeat(501) }, {}, { body: '有效问题', slotId: 'not-a-uuid' }, { body: '有效问题', extra: 1 }]) {
      const res = await a.http().post(`${live()}/questions`).set(investor).send(body).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    }
    const foreignSlot = await a.http().post(`${live()}/questions`).set(investor).send({ body: '有效问题', slotId: '00000000-0000-4000-8000-000000000000' }).expect(400);
    expect(foreignSlot.body.details).toEqual([expect.objectContaining({ field: 'slotId' })]);
    await a.http().post(`${live()}/questions/${question.id}/answer`).set(enterprise).send({ answer: '' }).expect(400);
  });

  it('replays missed events from the database on reconnect with Last-Event-ID (any process)', async () => {
    const replay = await stream(a, investor, 0);
    await replay.waitFor((e) => e.event === 'question.answered', 'answered in the replay');
    const kinds = replay.events.filter((e) => e.id !== undefined).map((e) => `${e.event}:${e.data.id === question.id ? 'q1' : 'other'}`);
    // The investor's own questions (asked, rejected) and public events; never the admin's own pending question.
    expect(kinds).toEqual(['question.asked:q1', 'question.approved:q1', 'question.asked:other', 'question.asked:other', 'question.rejected:other', 'question.answered:q1']);
    const ids = replay.events.filter((e) => e.id !== undefined).map((e) => e.id!);
    expect(ids).toEqual([...ids].sort((x, y) => x - y));
    replay.close();
    const ahead = await fetch(`${a.running.url}${live()}/events`, { headers: { ...investor, 'Last-Event-ID': '999999' } });
    expect(ahead.status).toBe(400);
    const garbage = await fetch(`${a.running.url}${live()}/events?lastEventId=abc`, { headers: investor });
    expect(garbage.status).toBe(400);
  });

  it('the organiser advances the presenter; "interested" goes to the project presenting now, once', async () => {
    const watching = await stream(b, investor);
    await watching.waitFor((e) => e.event === 'ready');
    await a.http().post(`${live()}/presenter`).set(investor).send({ slotId: slotIds[1] }).expect(403);
    await a.http().post(`${live()}/presenter`).set(admin).send({ slotId: '00000000-0000-4000-8000-000000000000' }).expect(400);
    await a.http().post(`${live()}/presenter`).set(admin).set('Idempotency-Key', 'advance-1').send({ slotId: slotIds[1] }).expect(200);
    await a.http().post(`${live()}/presenter`).set(admin).set('Idempotency-Key', 'advance-1').send({ slotId: slotIds[1] }).expect(200);
    expect((await a.http().post(`${live()}/presenter`).set(admin).send({ slotId: slotIds[1] }).expect(409)).body.code).toBe('CONFLICT');
    const changed = await watching.waitFor((e) => e.event === 'presenter.changed', 'presenter on B');
    expect(changed.data).toEqual({ slotId: slotIds[1], projectId: projectIds[1], source: 'organiser' });
    expect((await b.http().get(live()).set(investor).expect(200)).body.presenting).toEqual({ slotId: slotIds[1], source: 'organiser' });

    const stale = await a.http().post(`${live()}/interest`).set(investor).send({ slotId: slotIds[0] }).expect(409);
    expect(stale.body.details).toEqual({ presentingSlotId: slotIds[1] });
    await a.http().post(`${live()}/interest`).set(enterprise).send({ slotId: slotIds[1] }).expect(403);
    await a.http().post(`${live()}/interest`).set(stranger).send({ slotId: slotIds[1] }).expect(403);
    const interest = await a.http().post(`${live()}/interest`).set(investor).send({ slotId: slotIds[1] }).expect(201);
    expect(interest.body).toMatchObject({ projectId: projectIds[1], status: 'interested' });
    expect((await a.http().post(`${live()}/interest`).set(investor).send({ slotId: slotIds[1] }).expect(409)).body.code).toBe('ALREADY_EXISTS');
    // It is the pipeline's interest: the investor's board lists it once.
    const pipeline = await a.http().get('/api/v1/investor-interests').set(investor).expect(200);
    expect(pipeline.body.filter((i: { projectId: string }) => i.projectId === projectIds[1])).toHaveLength(1);
    expect((await a.http().get(live()).set(investor).expect(200)).body.viewer.interestedProjectIds).toEqual([projectIds[1]]);
    // A question now goes to the presenting slot.
    const q = await a.http().post(`${live()}/questions`).set(investor).send({ body: '固态电解质的成本？' }).expect(201);
    expect(q.body.slotId).toBe(slotIds[1]);
  });

  it('bounds the streams per process: 503 with Retry-After beyond LIVE_MAX_CONNECTIONS; heartbeats keep them alive', async () => {
    streams.forEach((s) => s.close());
    streams.length = 0;
    const opened: OpenStream[] = [];
    for (let i = 0; i < 4; i += 1) {
      const s = await stream(b, investor);
      await s.waitFor((e) => e.event === 'ready', `stream ${i} ready`);
      opened.push(s);
      expect(s.status).toBe(200);
    }
    const refused = await fetch(`${b.running.url}${live()}/events`, { headers: investor });
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('5');
    expect((await refused.json()).code).toBe('SERVICE_UNAVAILABLE');
    // The other process still has room.
    const elsewhere = await stream(a, investor);
    expect(elsewhere.status).toBe(200);
    // A closed stream frees its place.
    opened[0].close();
    const freed = await (async () => {
      for (let i = 0; i < 100; i += 1) {
        const res = await fetch(`${b.running.url}${live()}/events`, { headers: investor });
        if (res.status === 200) {
          await res.body?.cancel();
          return 200;
        }
        await new Promise((r) => setTimeout(r, 50));
      }
      return 503;
    })();
    expect(freed).toBe(200);
  });

  it('rate-limits questions per user across processes (429 with Retry-After)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i += 1) statuses.push((await (i % 2 ? a : b).http().post(`${live()}/questions`).set(presenter2).send({ body: `问题 ${i}` })).status);
    expect(statuses).toEqual([201, 201, 201, 201, 201, 201, 429]);
    const limited = await a.http().post(`${live()}/questions`).set(presenter2).send({ body: '再问' }).expect(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('after the session: replays per slot (validated), the replay page, and attendance and questions in the statistics', async () => {
    const early = await a.http().post(`/api/v1/roadshow-sessions/${sessionId}/slots/${slotIds[0]}/replay`).set(admin).send({ url: 'https://live.g60.example/replay/0.m3u8' }).expect(409);
    expect(early.body).toMatchObject({ code: 'ILLEGAL_TRANSITION', details: { current: 'published' } });
    const watching = await stream(b, investor);
    await watching.waitFor((e) => e.event === 'ready');
    await a.http().post(`/api/v1/roadshow-sessions/${sessionId}/finish`).set(admin).expect(200);
    await watching.waitFor((e) => e.event === 'session.finished', 'finished on B');

    await a.http().post(`/api/v1/roadshow-sessions/${sessionId}/slots/${slotIds[0]}/replay`).set(admin).send({ url: 'http://live.g60.example/replay/0.m3u8' }).expect(400);
    const badHost = await a.http().post(`/api/v1/roadshow-sessions/${sessionId}/slots/${slotIds[0]}/replay`).set(admin).send({ url: 'https://evil.example/replay/0.m3u8' }).expect(400);
    expect(badHost.body.details).toEqual([expect.objectContaining({ field: 'url' })]);
    await a.http().post(`/api/v1/roadshow-sessions/${sessionId}/slots/${slotIds[0]}/replay`).set(investor).send({ url: 'https://live.g60.example/replay/0.m3u8' }).expect(403);
    const attached = await a.http().post(`/api/v1/roadshow-sessions/${sessionId}/slots/${slotIds[0]}/replay`).set(admin).send({ url: 'https://v.player.g60.example/replay/0' }).expect(200);
    expect(attached.body.replay).toEqual({ kind: 'iframe', url: 'https://v.player.g60.example/replay/0' });
    await watching.waitFor((e) => e.event === 'replay.attached', 'replay on B');
    await a.http().post(`/api/v1/roadshow-sessions/${sessionId}/slots/00000000-0000-4000-8000-000000000000/replay`).set(admin).send({ url: 'https://v.player.g60.example/replay/0' }).expect(404);

    const room = (await a.http().get(live()).set(investor).expect(200)).body;
    expect(room).toMatchObject({ phase: 'ended', viewer: { canAsk: false } });
    expect(room.slots[0].replay).toEqual({ kind: 'iframe', url: 'https://v.player.g60.example/replay/0' });
    expect(room.slots[1].replay).toBeNull();
    expect((await a.http().post(`${live()}/questions`).set(investor).send({ body: '会后提问', slotId: slotIds[0] }).expect(409)).body.code).toBe('ILLEGAL_TRANSITION');
    await a.http().post(`${live()}/presenter`).set(admin).send({ slotId: slotIds[0] }).expect(409);

    await a.http().get(`${live()}/stats`).set(investor).expect(403);
    const stats = (await a.http().get(`${live()}/stats`).set(admin).expect(200)).body;
    // Investor, admin, the two presenting enterprises: each counted once however often they came.
    expect(stats).toEqual({
      sessionId,
      attendees: 4,
      attendeesByRole: [
        { role: 'enterprise_user', count: 2 },
        { role: 'investor', count: 1 },
        { role: 'platform_admin', count: 1 },
      ],
      questionsAsked: 11,
      questionsPending: 9,
      questionsApproved: 1,
      questionsRejected: 1,
      questionsAnswered: 1,
    });
    const overall = (await a.http().get('/api/v1/roadshow-stats').query({ groupBy: 'session_type' }).set(admin).expect(200)).body;
    expect(overall.live).toEqual({ sessions: 2, attendees: 4, questionsAsked: 11, questionsApproved: 1, questionsAnswered: 1 });
  });
});
