import { JobType, type Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { NotificationsService } from '../../src/modules/notifications/notifications.service';
import { UnitOfWork } from '../../src/platform/database/unit-of-work';
import { OutboxRelay } from '../../src/platform/outbox/outbox-relay';
import { OutboxSweeper } from '../../src/platform/outbox/outbox-sweeper';
import { outboxJobId } from '../../src/platform/outbox/outbox-writer';
import { validateHandlers } from '../../src/platform/queue/job-registry';
import { JOB_SPECS, JobName, QueueName } from '../../src/platform/queue/queue.registry';
import { QueueService } from '../../src/platform/queue/queue.service';
import { deleteQueueKeys, eventually, startTestApp, TestApp } from '../support/test-app';
import { registerOrganization, registrationBody } from '../support/factories';

// jest.config.js sets testTimeout per project, where jest ignores it; these tests boot several apps.
jest.setTimeout(90_000);

/** Every state a BullMQ job can sit in, so a count by id misses none. */
const ALL_STATES: JobType[] = ['completed', 'failed', 'active', 'waiting', 'delayed', 'prioritized', 'waiting-children'];

interface OutboxState {
  id: string;
  published: boolean;
  processed: boolean;
  publish_count: number;
  last_error: string | null;
}

async function outboxRows(app: TestApp, ids: string[]): Promise<OutboxState[]> {
  return app.dataSource.query(
    `SELECT id::text, published_at IS NOT NULL AS published, processed_at IS NOT NULL AS processed, publish_count, last_error
       FROM outbox WHERE id = ANY($1::bigint[]) ORDER BY id`,
    [ids],
  );
}

async function jobIdCounts(app: TestApp, queue: QueueName): Promise<Map<string, number>> {
  const jobs = await app.get(QueueService).queue(queue).getJobs(ALL_STATES, 0, -1);
  const counts = new Map<string, number>();
  for (const job of jobs.filter(Boolean)) counts.set(String(job.id), (counts.get(String(job.id)) ?? 0) + 1);
  return counts;
}

/**
 * A job writes processed_at on its outbox row just before BullMQ records it completed; wait for
 * BullMQ too before counting its jobs.
 */
async function untilCompleted(queue: Queue, n: number): Promise<void> {
  await eventually(async () => (await queue.getJobCounts('completed')).completed >= n, 15_000, `${n} completed job(s)`);
}

describe('outbox → BullMQ: exactly-once effects under at-least-once delivery', () => {
  it('exactly one job per outbox row across a relay restart', async () => {
    const first = await startTestApp({ role: 'api' });
    let second: TestApp | undefined;
    try {
      const [{ count: before }] = await first.dataSource.query(`SELECT count(*)::int AS count FROM outbox`);
      expect(before).toBe(0);

      // 30 real registrations; with role 'api' nothing relays, so every outbox row stays pending.
      const N = 30;
      const bodies = Array.from({ length: N }, () => registrationBody({ kind: 'enterprise' }));
      const results = await Promise.all(bodies.map((body) => first.http().post('/api/v1/auth/register').send(body)));
      expect(results.map((r) => r.status)).toEqual(Array(N).fill(201));
      const userIds = results.map((r) => r.body.user.id as string);

      const rows = (await first.dataSource.query(
        `SELECT id::text, job_name, payload, published_at FROM outbox ORDER BY id`,
      )) as { id: string; job_name: string; payload: { userIds: string[]; dedupKey: string }; published_at: Date | null }[];
      expect(rows).toHaveLength(N);
      expect(rows.every((r) => r.job_name === JobName.DeliverNotification && r.published_at === null)).toBe(true);
      expect(rows.map((r) => r.payload.userIds[0]).sort()).toEqual([...userIds].sort());
      const ids = rows.map((r) => r.id);

      // A relay crashed mid-batch: it published the first 12 rows to BullMQ but died before its
      // transaction marked them published.
      const crashed = rows.slice(0, 12);
      const spec = JOB_SPECS[JobName.DeliverNotification];
      await first.get(QueueService).queue(QueueName.Notifications).addBulk(
        crashed.map((r) => ({ name: r.job_name, data: r.payload, opts: { ...spec.options, jobId: outboxJobId(r.id) } })),
      );
      expect((await jobIdCounts(first, QueueName.Notifications)).size).toBe(12);
      expect((await outboxRows(first, ids)).filter((r) => r.published)).toHaveLength(0);
      await first.close({ keepData: true });

      // A fresh process on the same database and queue prefix relays everything and works it off.
      second = await startTestApp({ database: first.db, queuePrefix: first.queuePrefix });
      const app = second;
      await eventually(
        async () => (await outboxRows(app, ids)).every((r) => r.published && r.processed),
        30_000,
        'every outbox row published and processed',
      );
      const final = await outboxRows(app, ids);
      expect(final).toHaveLength(N);
      // Each row was marked published exactly once (the crashed attempt never committed), and no job failed.
      expect(final.map((r) => [r.publish_count, r.last_error])).toEqual(Array(N).fill([1, null]));

      const counts = await jobIdCounts(app, QueueName.Notifications);
      expect([...counts.keys()].sort()).toEqual(ids.map((id) => outboxJobId(id)).sort());
      expect([...counts.values()]).toEqual(Array(N).fill(1));
      const queue = app.get(QueueService).queue(QueueName.Notifications);
      await untilCompleted(queue, N);
      expect(await queue.getJobCounts('completed', 'failed', 'waiting', 'active', 'delayed')).toEqual({
        completed: N,
        failed: 0,
        waiting: 0,
        active: 0,
        delayed: 0,
      });
      // Every job ran its handler once and delivered to its one user (none was skipped as a replay).
      const completed = await queue.getJobs(['completed'], 0, -1);
      expect(completed.map((j) => j.returnvalue)).toEqual(Array(N).fill({ delivered: 1 }));

      const notes = (await app.dataSource.query(
        `SELECT user_id, dedup_key, count(*)::int AS count FROM notifications WHERE user_id = ANY($1::uuid[])
          GROUP BY user_id, dedup_key ORDER BY user_id`,
        [userIds],
      )) as { user_id: string; dedup_key: string; count: number }[];
      expect(notes).toHaveLength(N);
      expect(notes.every((n) => n.count === 1 && n.dedup_key.startsWith('organization.registered:'))).toBe(true);
      expect(notes.map((n) => n.user_id).sort()).toEqual([...userIds].sort());
    } finally {
      if (second) await second.close();
      else await first.close().catch(() => undefined);
    }
  });

  it('sweeper re-queues a job lost from Redis', async () => {
    const first = await startTestApp({ role: 'api' });
    let worker: TestApp | undefined;
    try {
      const org = await registerOrganization(first, { kind: 'enterprise' });
      expect(await first.get(OutboxRelay).publishBatch()).toBe(1);
      const [row] = (await first.dataSource.query(`SELECT id::text, publish_count FROM outbox`)) as { id: string; publish_count: number }[];
      expect(row.publish_count).toBe(1);
      const queue = first.get(QueueService).queue(QueueName.Notifications);
      expect(await (await queue.getJob(outboxJobId(row.id)))?.getState()).toBe('waiting');
      await first.close({ keepData: true });

      // Redis loses its data: the job is gone, but the outbox row says "published".
      await deleteQueueKeys(first.queuePrefix);
      worker = await startTestApp({
        role: 'worker',
        database: first.db,
        queuePrefix: first.queuePrefix,
        env: { OUTBOX_STALE_AFTER_MS: '100' },
      });
      const app = worker;
      expect(await app.get(QueueService).queue(QueueName.Notifications).getJob(outboxJobId(row.id))).toBeUndefined();
      // The row must be older than the stale threshold before the sweeper may touch it.
      await eventually(async () => {
        const [r] = await app.dataSource.query(`SELECT published_at < now() - interval '100 milliseconds' AS stale FROM outbox WHERE id = $1`, [row.id]);
        return r.stale as boolean;
      });

      const report = await app.get(OutboxSweeper).sweep();
      expect(report).toEqual({ checked: 1, requeued: 1, markedProcessed: 0 });

      await eventually(async () => (await outboxRows(app, [row.id]))[0].processed, 15_000, 'outbox row processed');
      const [after] = await outboxRows(app, [row.id]);
      expect(after).toMatchObject({ published: true, processed: true, publish_count: 2, last_error: null });
      const notes = await app.dataSource.query(`SELECT kind, dedup_key FROM notifications WHERE user_id = $1`, [org.user.id]);
      expect(notes).toEqual([{ kind: 'organization.registered', dedup_key: `organization.registered:${org.organization.id}` }]);
      // Once processed, the row is no longer the sweeper's business.
      expect(await app.get(OutboxSweeper).sweep()).toEqual({ checked: 0, requeued: 0, markedProcessed: 0 });
    } finally {
      if (worker) await worker.close();
      else await first.close().catch(() => undefined);
    }
  });

  describe('on the default (Redis) backend', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await startTestApp();
    });
    afterAll(() => app.close());

    it('a job delivered twice produces one effect', async () => {
      const org = await registerOrganization(app, { kind: 'enterprise' });
      const payload = {
        userIds: [org.user.id],
        kind: 'test.twice',
        title: '重复投递',
        body: 'delivered twice',
        subjectType: 'organization',
        subjectId: org.organization.id,
        dedupKey: `test.twice:${randomUUID()}`,
      };
      const notifications = app.get(NotificationsService);
      expect(await notifications.deliver(payload)).toEqual({ delivered: 1 });
      expect(await notifications.deliver(payload)).toEqual({ delivered: 0 });

      // The same payload as two distinct BullMQ jobs (e.g. a producer retry): both complete, one row.
      const queue = app.get(QueueService);
      const payload2 = { ...payload, dedupKey: `test.twice:${randomUUID()}` };
      const jobs = await Promise.all([
        queue.add(JobName.DeliverNotification, payload2, { jobId: `twice-a-${randomUUID()}` }),
        queue.add(JobName.DeliverNotification, payload2, { jobId: `twice-b-${randomUUID()}` }),
      ]);
      const results = await eventually(async () => {
        const states = await Promise.all(jobs.map((j) => j.getState()));
        if (!states.every((s) => s === 'completed')) return undefined;
        return Promise.all(jobs.map(async (j) => (await queue.queue(QueueName.Notifications).getJob(String(j.id)))?.returnvalue));
      });
      expect(results.sort((a, b) => b.delivered - a.delivered)).toEqual([{ delivered: 1 }, { delivered: 0 }]);

      const rows = await app.dataSource.query(
        `SELECT dedup_key, count(*)::int AS count FROM notifications WHERE user_id = $1 AND kind = 'test.twice' GROUP BY dedup_key ORDER BY dedup_key`,
        [org.user.id],
      );
      expect(rows).toEqual([payload.dedupKey, payload2.dedupKey].sort().map((k) => ({ dedup_key: k, count: 1 })));
    });
  });

  /**
   * Relays are woken after the commit (OutboxWaker), not by a NOTIFY inside the writing transaction.
   * The worker polls only every 10 minutes here, so a job written by an API-only process reaches it
   * within seconds only through a wake-up: a Redis PUBLISH, or, on the PostgreSQL queue backend, a
   * NOTIFY the API process sends in a transaction of its own.
   */
  for (const backend of ['redis', 'postgres'] as const) {
    it(`an API process's outbox row wakes another process's relay at once (${backend} queue backend)`, async () => {
      const env = { QUEUE_BACKEND: backend };
      const api = await startTestApp({ role: 'api', env });
      let worker: TestApp | undefined;
      try {
        worker = await startTestApp({ role: 'worker', database: api.db, queuePrefix: api.queuePrefix, env: { ...env, OUTBOX_POLL_MS: '600000' } });
        const org = await registerOrganization(api, { kind: 'enterprise' });
        const before = Date.now();
        const dedupKey = `test.wake:${randomUUID()}`;
        await api.get(UnitOfWork).run(async (tx) => {
          tx.enqueue(JobName.DeliverNotification, { userIds: [org.user.id], kind: 'test.wake', title: '唤醒', body: 'woken after commit', subjectType: 'organization', subjectId: org.organization.id, dedupKey });
        });
        await eventually(async () => {
          const rows = (await api.dataSource.query(`SELECT 1 FROM notifications WHERE dedup_key = $1`, [dedupKey])) as unknown[];
          return rows.length === 1;
        }, 5_000, 'the worker to deliver the notification');
        expect(Date.now() - before).toBeLessThan(5_000);
      } finally {
        await worker?.close({ keepData: true });
        await api.close();
      }
    });
  }

  it('the core flow on the PostgreSQL queue backend', async () => {
    const app = await startTestApp({ env: { QUEUE_BACKEND: 'postgres' } });
    try {
      const health = await app.http().get('/health').expect(200);
      expect(health.body).toMatchObject({ status: 'ok', queueBackend: 'postgres', checks: { database: { ok: true }, queue: { ok: true } } });

      const org = await registerOrganization(app, { kind: 'enterprise' });
      const inbox = await eventually(async () => {
        const res = await app.http().get('/api/v1/notifications').set(org.auth).expect(200);
        return res.body.items.length > 0 ? res.body : undefined;
      }, 30_000, 'welcome notification');
      expect(inbox.unreadCount).toBe(1);
      expect(inbox.items).toEqual([
        expect.objectContaining({ kind: 'organization.registered', subjectType: 'organization', subjectId: org.organization.id, readAt: null }),
      ]);
      const rowState = () =>
        app.dataSource
          .query(
            `SELECT published_at IS NOT NULL AS published, processed_at IS NOT NULL AS processed, publish_count FROM outbox WHERE payload->>'subjectId' = $1`,
            [org.organization.id],
          )
          .then((rows: { processed: boolean }[]) => rows);
      await eventually(async () => (await rowState()).every((r) => r.processed), 15_000, 'outbox row processed');
      expect(await rowState()).toEqual([{ published: true, processed: true, publish_count: 1 }]);
      // The job lives in BullMQ's PostgreSQL tables, completed once.
      const queue = app.get(QueueService).queue(QueueName.Notifications);
      await untilCompleted(queue, 1);
      const jobs = await queue.getJobs(['completed'], 0, -1);
      expect(jobs.map((j) => j.name)).toEqual([JobName.DeliverNotification]);
      const [{ count }] = await app.dataSource.query(`SELECT count(*)::int AS count FROM notifications WHERE user_id = $1`, [org.user.id]);
      expect(count).toBe(1);
    } finally {
      await app.close();
    }
  });
});

describe('JobRegistry.validateHandlers', () => {
  it('passes when every job has exactly one handler', () => {
    const complete = new Map(Object.values(JobName).map((name) => [name, [`Handler.${name}`]]));
    expect(() => validateHandlers(complete)).not.toThrow();
  });

  it('throws when a job has no handler', () => {
    expect(() => validateHandlers(new Map())).toThrow(`job "${JobName.DeliverNotification}" has no @JobHandler`);
    expect(() => validateHandlers(new Map([[JobName.DeliverNotification, []]]))).toThrow('has no @JobHandler');
  });

  it('throws when a job has two handlers, naming both', () => {
    expect(() => validateHandlers(new Map([[JobName.DeliverNotification, ['A.deliver', 'B.deliver']]]))).toThrow(
      `job "${JobName.DeliverNotification}" has 2 handlers: A.deliver, B.deliver`,
    );
  });
});
