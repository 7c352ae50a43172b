import { Job } from 'bullmq';
import { outboxJobId } from '../../src/platform/outbox/outbox-writer';
import { JobName, QueueName } from '../../src/platform/queue/queue.registry';
import { QueueService } from '../../src/platform/queue/queue.service';
import { DEMO, eventually, login, Session, startTestApp, TestApp } from '../support/test-app';

// jest.config.js sets testTimeout per project, where jest ignores it.
jest.setTimeout(60_000);

const EMPTY_COUNTS = { waiting: 0, active: 0, delayed: 0, failed: 0, completed: 0, prioritized: 0 };

describe('queue administration (platform admins)', () => {
  let app: TestApp;
  let admin: Session;
  let approver: Session;

  beforeAll(async () => {
    app = await startTestApp();
    admin = await login(app, DEMO.admin);
    approver = await login(app, DEMO.approver);
  });
  afterAll(() => app.close());

  const notifications = () => app.get(QueueService).queue(QueueName.Notifications);

  async function settled(job: Job, state: 'failed' | 'completed', attemptsMade: number): Promise<Job> {
    return eventually(async () => {
      const fresh = await notifications().getJob(String(job.id));
      if (!fresh || (await fresh.getState()) !== state || fresh.attemptsMade !== attemptsMade) return undefined;
      return fresh;
    }, 15_000, `job ${job.id} ${state} after ${attemptsMade} attempts`);
  }

  it('reports job counts for every queue', async () => {
    const res = await app.http().get('/api/v1/admin/queues').set(admin.auth).expect(200);
    // The only job at start is the daily calendar run, scheduled as a delayed job.
    expect(res.body).toEqual(Object.fromEntries(Object.values(QueueName).map((q) => [q, q === QueueName.Maintenance ? { ...EMPTY_COUNTS, delayed: 1 } : EMPTY_COUNTS])));
  });

  it('lists a job that failed for real, retries it, then discards it with a reason', async () => {
    const payload = { userIds: ['not-a-uuid'], kind: 'test.broken', title: 'broken', body: 'never deliverable', dedupKey: 'test.broken:1' };
    // An outbox row the relay leaves alone (already published), as if the relay had moved it.
    const [{ id: outboxId }] = (await app.dataSource.query(
      `INSERT INTO outbox (queue, job_name, payload, published_at, publish_count) VALUES ($1, $2, $3::jsonb, now(), 1) RETURNING id::text`,
      [QueueName.Notifications, JobName.DeliverNotification, JSON.stringify(payload)],
    )) as { id: string }[];
    const jobId = outboxJobId(outboxId);
    const job = await notifications().add(JobName.DeliverNotification, payload, { jobId, attempts: 1 });
    await settled(job, 'failed', 1);
    const [afterFail] = await app.dataSource.query(`SELECT processed_at, cancelled_at, last_error FROM outbox WHERE id = $1`, [outboxId]);
    expect(afterFail).toEqual({ processed_at: null, cancelled_at: null, last_error: expect.stringContaining('not-a-uuid') });

    const counts = await app.http().get('/api/v1/admin/queues').set(admin.auth).expect(200);
    expect(counts.body[QueueName.Notifications]).toEqual({ ...EMPTY_COUNTS, failed: 1 });

    const listed = await app.http().get('/api/v1/admin/queues/notifications/jobs?state=failed').set(admin.auth).expect(200);
    expect(listed.body).toEqual([
      {
        id: jobId,
        name: JobName.DeliverNotification,
        queue: QueueName.Notifications,
        state: 'failed',
        attemptsMade: 1,
        failedReason: expect.stringContaining('not-a-uuid'),
        data: payload,
        timestamp: expect.any(String),
        finishedOn: expect.any(String),
      },
    ]);
    // failed is the default state of the listing.
    const byDefault = await app.http().get('/api/v1/admin/queues/notifications/jobs').set(admin.auth).expect(200);
    expect(byDefault.body.map((j: { id: string }) => j.id)).toEqual([jobId]);

    // Retry: it runs again for real and fails again.
    const retried = await app.http().post(`/api/v1/admin/queues/notifications/jobs/${jobId}/retry`).set(admin.auth).expect(200);
    expect(retried.body).toMatchObject({ id: jobId, state: 'waiting' });
    const again = await settled(job, 'failed', 2);
    expect(again.failedReason).toContain('not-a-uuid');
    const retriedAudit = await app.dataSource.query(
      `SELECT action, actor_user_id IS NOT NULL AS has_actor, actor_role, subject_type FROM audit_events WHERE subject_id = $1 ORDER BY id`,
      [`notifications/${jobId}`],
    );
    expect(retriedAudit).toEqual([{ action: 'queue.job.retried', has_actor: true, actor_role: 'platform_admin', subject_type: 'job' }]);

    // A reason is required.
    const noReason = await app.http().post(`/api/v1/admin/queues/notifications/jobs/${jobId}/discard`).set(admin.auth).send({}).expect(400);
    expect(noReason.body.code).toBe('VALIDATION_FAILED');

    const reason = 'user id is not a uuid; cannot ever deliver';
    const discarded = await app.http().post(`/api/v1/admin/queues/notifications/jobs/${jobId}/discard`).set(admin.auth).send({ reason }).expect(200);
    expect(discarded.body).toMatchObject({ id: jobId, state: 'discarded', attemptsMade: 2 });
    expect(await notifications().getJob(jobId)).toBeUndefined();
    const [cancelled] = await app.dataSource.query(
      `SELECT cancelled_at IS NOT NULL AS cancelled, processed_at, last_error FROM outbox WHERE id = $1`,
      [outboxId],
    );
    expect(cancelled).toEqual({ cancelled: true, processed_at: null, last_error: `discarded: ${reason}` });
    const me = await app.http().get('/api/v1/me').set(admin.auth).expect(200);
    const audit = await app.dataSource.query(
      `SELECT action, actor_user_id, after FROM audit_events WHERE subject_id = $1 AND action = 'queue.job.discarded'`,
      [`notifications/${jobId}`],
    );
    expect(audit).toEqual([{ action: 'queue.job.discarded', actor_user_id: me.body.user.id, after: { reason, name: JobName.DeliverNotification } }]);

    // A discarded job is gone: neither listed nor retriable.
    const empty = await app.http().get('/api/v1/admin/queues/notifications/jobs?state=failed').set(admin.auth).expect(200);
    expect(empty.body).toEqual([]);
    const gone = await app.http().post(`/api/v1/admin/queues/notifications/jobs/${jobId}/retry`).set(admin.auth).expect(404);
    expect(gone.body.code).toBe('NOT_FOUND');
  });

  it('refuses to retry or discard a job that has not failed (409)', async () => {
    const job = await notifications().add(
      JobName.DeliverNotification,
      { userIds: [], kind: 'test.noop', title: 'noop', body: 'nobody', dedupKey: 'test.noop:1' },
      { jobId: 'plain-completed-1' },
    );
    await settled(job, 'completed', 1);
    const retry = await app.http().post('/api/v1/admin/queues/notifications/jobs/plain-completed-1/retry').set(admin.auth).expect(409);
    expect(retry.body.code).toBe('ILLEGAL_TRANSITION');
    const discard = await app.http().post('/api/v1/admin/queues/notifications/jobs/plain-completed-1/discard').set(admin.auth).send({ reason: 'not failed' }).expect(409);
    expect(discard.body.code).toBe('ILLEGAL_TRANSITION');
    expect(await (await notifications().getJob('plain-completed-1'))?.getState()).toBe('completed');
    const listed = await app.http().get('/api/v1/admin/queues/notifications/jobs?state=completed').set(admin.auth).expect(200);
    expect(listed.body.map((j: { id: string }) => j.id)).toContain('plain-completed-1');
  });

  it('answers 404 for an unknown queue or job and 400 for an unknown state', async () => {
    const list = await app.http().get('/api/v1/admin/queues/no-such-queue/jobs').set(admin.auth).expect(404);
    expect(list.body.code).toBe('NOT_FOUND');
    await app.http().post('/api/v1/admin/queues/no-such-queue/jobs/x/retry').set(admin.auth).expect(404);
    await app.http().post('/api/v1/admin/queues/notifications/jobs/no-such-job/retry').set(admin.auth).expect(404);
    const state = await app.http().get('/api/v1/admin/queues/notifications/jobs?state=bogus').set(admin.auth).expect(400);
    expect(state.body.code).toBe('VALIDATION_FAILED');
  });

  it('is for platform admins only', async () => {
    const forbidden = await app.http().get('/api/v1/admin/queues').set(approver.auth).expect(403);
    expect(forbidden.body.code).toBe('FORBIDDEN');
    await app.http().get('/api/v1/admin/queues/notifications/jobs').set(approver.auth).expect(403);
    await app.http().post('/api/v1/admin/queues/notifications/jobs/x/retry').set(approver.auth).expect(403);
    const anonymous = await app.http().get('/api/v1/admin/queues').expect(401);
    expect(anonymous.body.code).toBe('UNAUTHENTICATED');
  });

  it('guards Bull Board: 401 without a token, 403 for non-admins, HTML for an admin token', async () => {
    const none = await app.http().get('/admin/queues').expect(401);
    expect(none.body.code).toBe('UNAUTHENTICATED');
    const bogus = await app.http().get('/admin/queues?access_token=not-a-token').expect(401);
    expect(bogus.body.code).toBe('UNAUTHENTICATED');
    const nonAdmin = await app.http().get(`/admin/queues?access_token=${approver.accessToken}`).expect(403);
    expect(nonAdmin.body.code).toBe('FORBIDDEN');

    const board = await app.http().get(`/admin/queues?access_token=${admin.accessToken}`).expect(200);
    expect(board.headers['content-type']).toMatch(/text\/html/);
    expect(board.text).toMatch(/<html/i);
    expect(board.headers['set-cookie']?.[0]).toMatch(/^g60_board=.*HttpOnly/);
    // A bearer header works too.
    await app.http().get('/admin/queues').set(admin.auth).expect(200);
  });
});
