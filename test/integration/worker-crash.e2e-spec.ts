import { createPostgresBackend, Job, Queue, withBackend } from 'bullmq';
import IORedis from 'ioredis';
import { randomBytes } from 'node:crypto';
import { Client, Pool } from 'pg';
import { outboxJobId } from '../../src/platform/outbox/outbox-writer';
import { JobName, QueueName } from '../../src/platform/queue/queue.registry';
import { ChildApp, freePort, killHard, spawnApp, stopGracefully, waitForHealthy } from '../support/child-app';
import { registrationBody } from '../support/factories';
import { createTestDatabase, deleteQueueKeys, DEMO, TestDatabase } from '../support/test-app';
import { TEST_JWT_SECRET, TEST_REDIS_URL } from '../support/test-env';

// These tests boot and kill several real processes.
jest.setTimeout(120_000);

type Auth = { Authorization: string };
type Row = Record<string, any>;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * One test database, one API process (which never relays outbox rows nor runs jobs), and worker
 * processes that the test starts and kills with SIGKILL, as a crash would.
 */
class Cluster {
  constructor(readonly backend: 'redis' | 'postgres' = 'redis') {}

  readonly queuePrefix = `t${randomBytes(4).toString('hex')}`;
  readonly workers: ChildApp[] = [];
  db!: TestDatabase;
  pg!: Client;
  api!: ChildApp;
  base!: string;
  private env!: Record<string, string>;
  private redis?: IORedis;
  private pool?: Pool;
  private readonly queues = new Map<QueueName, Queue>();

  async start(): Promise<void> {
    this.db = await createTestDatabase();
    this.pg = new Client({ connectionString: this.db.url, application_name: 'worker-crash-test' });
    await this.pg.connect();
    const port = await freePort();
    this.base = `http://127.0.0.1:${port}`;
    this.env = {
      NODE_ENV: 'production',
      DATABASE_URL: this.db.url,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_BACKEND: this.backend,
      QUEUE_PREFIX: this.queuePrefix,
      JWT_SECRET: TEST_JWT_SECRET,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'false',
      OUTBOX_POLL_MS: '50',
      // WORKER_LOCK_MS / WORKER_STALLED_CHECK_MS stay at their defaults: the recovery times asserted here are the deployed ones.
      SWEEP_INTERVAL_MS: '1000',
      OUTBOX_STALE_AFTER_MS: '3000',
      LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
      SHUTDOWN_TIMEOUT_MS: '5000',
      // Nothing balances load here: no need to stay up answering 503 on /health/ready before draining.
      SHUTDOWN_READINESS_DELAY_MS: '0',
    };
    this.api = spawnApp('api', this.env);
    await waitForHealthy(`${this.base}/health`, this.api, 60_000);
  }

  /** Starts a worker process and resolves once its workers and outbox relay run (its LISTEN connection is up). */
  async startWorker(): Promise<ChildApp> {
    const [{ t }] = await this.sql(`SELECT clock_timestamp() AS t`);
    const worker = spawnApp('worker', { ...this.env, PORT: '0' });
    this.workers.push(worker);
    let exited = false;
    void worker.exited.then(() => (exited = true));
    const deadline = Date.now() + 30_000;
    for (;;) {
      const rows = await this.sql(
        `SELECT 1 FROM pg_stat_activity WHERE datname = $1 AND application_name = 'g60-outbox-listen' AND backend_start >= $2`,
        [this.db.name, t],
      );
      if (rows.length > 0) return worker;
      if (exited || Date.now() > deadline) throw new Error(`worker did not start (exited=${exited}). Output:\n${worker.output().slice(-4000)}`);
      await sleep(50);
    }
  }

  /** kill -9: no shutdown hooks, no lock release, open transactions die with the connection. Returns when it was sent (ms). */
  crash(worker: ChildApp): Promise<number> {
    return killHard(worker);
  }

  async stop(): Promise<void> {
    const errors: unknown[] = [];
    const attempt = async (fn: () => Promise<unknown>) => {
      try {
        await fn();
      } catch (err) {
        errors.push(err);
      }
    };
    for (const w of this.workers) await attempt(() => this.crash(w));
    if (this.api) {
      await attempt(() => stopGracefully(this.api, 10_000));
    }
    for (const queue of this.queues.values()) await attempt(async () => queue.close());
    this.redis?.disconnect();
    await attempt(async () => this.pool?.end());
    await attempt(async () => this.pg?.end());
    await attempt(async () => this.db?.drop());
    await attempt(() => deleteQueueKeys(this.queuePrefix));
    if (errors.length) throw errors[0];
  }

  async sql(text: string, params: unknown[] = []): Promise<Row[]> {
    return (await this.pg.query(text, params)).rows;
  }

  /** A queue of the cluster, on its backend (BullMQ's PostgreSQL backend keeps its tables in schema bullmq). */
  queue(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      if (this.backend === 'redis') {
        this.redis ??= new IORedis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
        queue = new Queue(name, { connection: this.redis, prefix: this.queuePrefix });
      } else {
        this.pool ??= new Pool({ connectionString: this.db.url, options: '-c search_path=bullmq', max: 2 });
        const { Queue: PgQueue } = withBackend(createPostgresBackend);
        queue = new PgQueue(name, { connection: this.pool }) as unknown as Queue;
      }
      this.queues.set(name, queue);
    }
    return queue;
  }

  approvalsQueue(): Queue {
    return this.queue(QueueName.Approvals);
  }

  /** The jobs of every queue that the worker process `pid` holds (active) right now. */
  async activeJobsOf(pid: number | undefined): Promise<{ queue: QueueName; id: string }[]> {
    const held: { queue: QueueName; id: string }[] = [];
    for (const name of Object.values(QueueName)) {
      for (const job of await this.queue(name).getActive()) {
        if (job?.id && job.processedBy?.endsWith(`:${pid}`)) held.push({ queue: name, id: job.id });
      }
    }
    return held;
  }

  /** Waits for a job to be completed (or failed for good) and reads it then (a copy read earlier has no result yet). */
  async finishedJob(queue: QueueName, id: string, timeoutMs = 30_000): Promise<Job> {
    const q = this.queue(queue);
    return this.until(async () => (['completed', 'failed'].includes(await q.getJobState(id)) ? q.getJob(id) : undefined), timeoutMs, `job ${id} to finish`);
  }

  async http(method: string, path: string, auth?: Auth, body?: unknown): Promise<{ status: number; body: any }> {
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(auth ?? {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  }

  /** Publishes the next provider_admission version as the platform admin. */
  async publishAdmission(admin: Auth, name: string, stages: unknown[]): Promise<void> {
    const res = await this.http('POST', '/api/v1/workflow-definitions', admin, { key: 'provider_admission', name, subjectType: 'provider_admission', stages });
    expect(res.status).toBe(201);
  }

  async login(email: string): Promise<Auth> {
    const res = await this.http('POST', '/api/v1/auth/login', undefined, { email, password: 'G60-demo-2026' });
    if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${JSON.stringify(res.body)}`);
    return { Authorization: `Bearer ${res.body.accessToken}` };
  }

  /** Registers a Shanghai provider over HTTP; returns its organisation and admission case. */
  async registerProvider(): Promise<{ orgId: string; caseId: string }> {
    const res = await this.http('POST', '/api/v1/auth/register', undefined, registrationBody({ kind: 'provider', regionCode: '310000' }));
    if (res.status !== 201) throw new Error(`register: ${res.status} ${JSON.stringify(res.body)}`);
    const orgId = res.body.organization.id as string;
    const [kase] = await this.sql(`SELECT id FROM approval_cases WHERE subject_type = 'provider_admission' AND subject_id = $1`, [orgId]);
    return { orgId, caseId: kase.id };
  }

  async openTasks(auth: Auth): Promise<{ id: string; caseId: string; stageKey: string }[]> {
    const res = await this.http('GET', '/api/v1/approval-tasks?limit=200', auth);
    if (res.status !== 200) throw new Error(`inbox: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  async until<T>(check: () => Promise<T | undefined | null | false>, timeoutMs: number, what: string): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await check();
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
      await sleep(50);
    }
  }

  async advanceRows(caseId: string): Promise<Row[]> {
    return this.sql(
      `SELECT id::text, (payload->>'fromStage')::int AS from_stage, published_at, processed_at, cancelled_at, publish_count, last_error
         FROM outbox WHERE job_name = $1 AND payload->>'caseId' = $2 ORDER BY id`,
      [JobName.AdvanceCase, caseId],
    );
  }

  /** Everything that says "the case moved once per stage". */
  async effects(caseId: string, orgId: string) {
    const [kase] = await this.sql(`SELECT status, revision, current_stage, outcome, outcome_applied_at FROM approval_cases WHERE id = $1`, [caseId]);
    const [org] = await this.sql(`SELECT admission_status FROM organizations WHERE id = $1`, [orgId]);
    const count = async (text: string, params: unknown[]) =>
      Object.fromEntries((await this.sql(text, params)).map((r) => [r.k, r.n])) as Record<string, number>;
    return {
      kase,
      admission: org.admission_status as string,
      tasksPerStage: await count(
        `SELECT revision || ':' || stage_index || ':' || kind AS k, count(*)::int AS n FROM approval_tasks WHERE case_id = $1 GROUP BY 1 ORDER BY 1`,
        [caseId],
      ),
      decisions: await count(`SELECT revision || ':' || stage_index || ':' || decision AS k, count(*)::int AS n FROM approval_decisions WHERE case_id = $1 GROUP BY 1 ORDER BY 1`, [caseId]),
      // The audit row of a stage entry does not carry the revision; these cases never leave revision 1.
      stageEntered: await count(
        `SELECT after->>'stage' AS k, count(*)::int AS n FROM audit_events
          WHERE subject_type = 'approval_case' AND subject_id = $1 AND action = 'approval_case.stage_entered' GROUP BY 1 ORDER BY 1`,
        [caseId],
      ),
      caseActions: await count(
        `SELECT action AS k, count(*)::int AS n FROM audit_events WHERE subject_type = 'approval_case' AND subject_id = $1
            AND action IN ('approval_case.approved', 'approval_case.outcome_applied', 'approval_case.timer_elapsed', 'approval_case.prechecked') GROUP BY 1`,
        [caseId],
      ),
      admissionTransitions: await count(
        `SELECT action AS k, count(*)::int AS n FROM audit_events WHERE subject_id = $1 AND action LIKE 'provider.admission.%' GROUP BY 1`,
        [orgId],
      ),
      advanceRowsPerFromStage: await count(
        `SELECT payload->>'fromStage' AS k, count(*)::int AS n FROM outbox WHERE job_name = $1 AND payload->>'caseId' = $2 GROUP BY 1`,
        [JobName.AdvanceCase, caseId],
      ),
    };
  }
}

describe('worker crash between a decision and the advance (kill -9, separate API and worker processes)', () => {
  const cluster = new Cluster();
  let partner: Auth;

  beforeAll(async () => {
    await cluster.start();
    partner = await cluster.login(DEMO.partner);
  });
  afterAll(() => cluster.stop());

  /** Registers a provider, lets a worker bring its case to the review task, then kills that worker. */
  async function caseAtReviewWithNoWorker() {
    const provider = await cluster.registerProvider();
    // The API process relays nothing: the case sits at 'open' with its first advance unpublished.
    const [opened] = await cluster.advanceRows(provider.caseId);
    expect(opened).toMatchObject({ from_stage: -1, published_at: null, processed_at: null });

    const first = await cluster.startWorker();
    try {
      const task = await cluster.until(
        async () => (await cluster.openTasks(partner)).find((t) => t.caseId === provider.caseId && t.stageKey === 'admission_review'),
        20_000,
        'the admission review task',
      );
      return { ...provider, task };
    } finally {
      await cluster.crash(first);
    }
  }

  async function decideWithNobodyListening(caseId: string, taskId: string) {
    const res = await cluster.http('POST', `/api/v1/approval-tasks/${taskId}/decision`, partner, { decision: 'approve' });
    expect(res.status).toBe(200);
    const rows = await cluster.advanceRows(caseId);
    const advance = rows.find((r) => r.from_stage === 1);
    expect(advance).toMatchObject({ published_at: null, processed_at: null, cancelled_at: null });
    // No process relays or runs it.
    await sleep(500);
    const [still] = await cluster.advanceRows(caseId).then((all) => all.filter((r) => r.from_stage === 1));
    expect(still).toMatchObject({ published_at: null, processed_at: null });
    const [kase] = await cluster.sql(`SELECT status, current_stage FROM approval_cases WHERE id = $1`, [caseId]);
    expect(kase).toEqual({ status: 'in_review', current_stage: 1 });
    return advance!.id as string;
  }

  async function expectAdvancedExactlyOnce(caseId: string, orgId: string, advanceId: string) {
    await cluster.until(
      async () => {
        const [kase] = await cluster.sql(`SELECT status FROM approval_cases WHERE id = $1`, [caseId]);
        const [row] = await cluster.sql(`SELECT processed_at FROM outbox WHERE id = $1`, [advanceId]);
        return kase.status === 'waiting' && row.processed_at !== null;
      },
      20_000,
      'the case to reach the public notice',
    );
    // processed_at is written inside the job, just before BullMQ records it completed: wait for that,
    // then read the job again (a copy read while it was still active has no return value yet).
    const job = await cluster.until(
      async () => ((await (await cluster.approvalsQueue().getJob(outboxJobId(advanceId)))?.getState()) === 'completed' ? cluster.approvalsQueue().getJob(outboxJobId(advanceId)) : undefined),
      20_000,
      'the advance job to be completed',
    );
    // The job that ran did the work (not a duplicate that found the case moved on).
    expect(job?.returnvalue).toBe('entered stage 2');
    // Give a duplicate delivery (stall re-check, outbox sweep) the chance to show up.
    await sleep(3500);

    const effects = await cluster.effects(caseId, orgId);
    expect(effects.kase).toMatchObject({ status: 'waiting', revision: 1, current_stage: 2, outcome: null });
    expect(effects.admission).toBe('public_notice');
    expect(effects.tasksPerStage).toEqual({ '1:1:review': 1 });
    expect(effects.decisions).toEqual({ '1:1:approve': 1 });
    expect(effects.stageEntered).toEqual({ '0': 1, '1': 1, '2': 1 });
    // One job opened the case up to its review task; the decision's one job entered the public notice.
    expect(effects.advanceRowsPerFromStage).toEqual({ '-1': 1, '1': 1 });
    expect(effects.admissionTransitions).toEqual({ 'provider.admission.start_review': 1, 'provider.admission.approve_for_notice': 1 });
    const [advance] = await cluster.sql(`SELECT processed_at, cancelled_at, last_error FROM outbox WHERE id = $1`, [advanceId]);
    expect(advance.processed_at).not.toBeNull();
    expect(advance.cancelled_at).toBeNull();
    // The public notice's timer is pending (7 days), nothing else of this case is.
    const pending = await cluster.sql(
      `SELECT job_name FROM outbox WHERE processed_at IS NULL AND cancelled_at IS NULL AND payload->>'caseId' = $1`,
      [caseId],
    );
    expect(pending.map((r) => r.job_name)).toEqual([JobName.TimerElapsed]);
  }

  it('decided while no worker runs: a restarted worker relays and advances the case exactly once', async () => {
    const { caseId, orgId, task } = await caseAtReviewWithNoWorker();
    const advanceId = await decideWithNobodyListening(caseId, task.id);
    const restarted = await cluster.startWorker();
    try {
      await expectAdvancedExactlyOnce(caseId, orgId, advanceId);
    } finally {
      await cluster.crash(restarted);
    }
  });

  it('killed after publishing the advance, mid-job: the stalled job is retried and advances exactly once', async () => {
    const { caseId, orgId, task } = await caseAtReviewWithNoWorker();
    const advanceId = await decideWithNobodyListening(caseId, task.id);

    // Hold the case row so the next worker's advance job blocks inside its transaction (lockCase).
    const locker = new Client({ connectionString: cluster.db.url, application_name: 'worker-crash-locker' });
    await locker.connect();
    let lockHeld = false;
    let doomed: ChildApp | undefined;
    try {
      await locker.query('BEGIN');
      await locker.query('SELECT id FROM approval_cases WHERE id = $1 FOR UPDATE', [caseId]);
      const lockerPid = (await locker.query('SELECT pg_backend_pid() AS pid')).rows[0].pid as number;
      lockHeld = true;
      doomed = await cluster.startWorker();
      await cluster.until(
        async () => {
          const [row] = await cluster.sql(`SELECT published_at, processed_at FROM outbox WHERE id = $1`, [advanceId]);
          const blocked = await cluster.sql(`SELECT 1 FROM pg_stat_activity WHERE $1::int = ANY(pg_blocking_pids(pid))`, [lockerPid]);
          const state = await (await cluster.approvalsQueue().getJob(outboxJobId(advanceId)))?.getState();
          return row.published_at !== null && row.processed_at === null && blocked.length > 0 && state === 'active';
        },
        15_000,
        'the advance job to be published and blocked on the case lock',
      );
      await cluster.crash(doomed);
      await locker.query('ROLLBACK');
      lockHeld = false;
    } finally {
      if (doomed) await cluster.crash(doomed);
      if (lockHeld) await locker.query('ROLLBACK').catch(() => undefined);
      await locker.end();
    }

    // Published, held by a dead worker's lock, not processed; the case has not moved.
    await sleep(300);
    const [row] = await cluster.sql(`SELECT published_at, processed_at FROM outbox WHERE id = $1`, [advanceId]);
    expect(row.published_at).not.toBeNull();
    expect(row.processed_at).toBeNull();
    const [kase] = await cluster.sql(`SELECT status, current_stage FROM approval_cases WHERE id = $1`, [caseId]);
    expect(kase).toEqual({ status: 'in_review', current_stage: 1 });

    const restarted = await cluster.startWorker();
    const restartedAt = Date.now();
    try {
      await expectAdvancedExactlyOnce(caseId, orgId, advanceId);
      const job = await cluster.approvalsQueue().getJob(outboxJobId(advanceId));
      // Retried as a stalled job (BullMQ counts it), not re-published as a second job.
      expect(job?.stalledCounter).toBeGreaterThanOrEqual(1);
      // The dead worker's lock lapses (WORKER_LOCK_MS) and a stalled-job check hands the job back: within 10 s of the restart.
      const recoveryMs = (job?.finishedOn ?? Infinity) - restartedAt;
      process.stderr.write(`[worker-crash] mid-job, single worker: retried and done ${recoveryMs} ms after the restart\n`);
      expect(recoveryMs).toBeLessThan(10_000);
      const [published] = await cluster.sql(`SELECT publish_count FROM outbox WHERE id = $1`, [advanceId]);
      expect(published.publish_count).toBe(1);
    } finally {
      await cluster.crash(restarted);
    }
  });
});

describe('chaos: workers killed at random while deciders work, every case still moves exactly once', () => {
  const cluster = new Cluster();
  const PROVIDERS = 15;

  beforeAll(() => cluster.start());
  afterAll(() => cluster.stop());

  // Bounded: 5 cycles of (worker boot + 300–1500 ms alive), then at most 30 s to converge. About 15–20 s on an
  // idle machine; worker boots dominate and stretch under load, so the wall time itself is not asserted.
  it('15 admissions through 5 random kill -9 / restart cycles end approved, each stage and effect once', async () => {
    const [admin, partner] = [await cluster.login(DEMO.admin), await cluster.login(DEMO.partner)];
    // Version 2: a 1-second public notice, so cases run to 'approved'; an SLA whose timers the decision cancels.
    await cluster.publishAdmission(admin, 'provider_admission (crash test)', [
      { key: 'precheck', name: '资质自动核验', kind: 'precheck' },
      {
        key: 'admission_review',
        name: '入驻审核',
        kind: 'review',
        deciderRoles: ['approver', 'partner_admin'],
        regionScope: 'subject_city',
        sla: { durationSeconds: 3600, remindAtFraction: 0.5 },
      },
      { key: 'public_notice', name: '公示', kind: 'timer', timerSeconds: 1, objectionsStop: true },
    ]);

    const providers = await Promise.all(Array.from({ length: PROVIDERS }, () => cluster.registerProvider()));
    const caseIds = new Set(providers.map((p) => p.caseId));

    // The decider: approves each case's review task as it shows up, whatever the workers are doing
    // (also while no worker is alive: those decisions commit outbox rows that nobody relays yet).
    const decided = new Map<string, number>();
    const decisionErrors: string[] = [];
    let deciding = true;
    const decider = (async () => {
      while (deciding) {
        try {
          for (const task of await cluster.openTasks(partner)) {
            if (!caseIds.has(task.caseId) || decided.has(task.id)) continue;
            const res = await cluster.http('POST', `/api/v1/approval-tasks/${task.id}/decision`, partner, { decision: 'approve' });
            decided.set(task.id, res.status);
            if (res.status !== 200) decisionErrors.push(`${task.id}: ${res.status} ${JSON.stringify(res.body)}`);
            // Spread the decisions over the kill cycles, so advances run (and die) throughout.
            await sleep(150 + Math.floor(Math.random() * 450));
          }
        } catch (err) {
          decisionErrors.push(String(err));
        }
        await sleep(100);
      }
    })();

    const kills: { aliveMs: number; signal: string | null }[] = [];
    // What each killed worker held: jobs BullMQ still lists as active with that process as their holder.
    const orphaned: { queue: QueueName; id: string }[] = [];
    try {
      for (let i = 0; i < 5; i += 1) {
        const worker = await cluster.startWorker();
        const aliveMs = 300 + Math.floor(Math.random() * 1200);
        await sleep(aliveMs);
        await cluster.crash(worker);
        orphaned.push(...(await cluster.activeJobsOf(worker.child.pid)));
        kills.push({ aliveMs, signal: (await worker.exited).signal });
      }
      expect(kills.map((k) => k.signal)).toEqual(Array(5).fill('SIGKILL'));

      await cluster.startWorker();
      const restartedAt = Date.now();
      // Every job a killed worker held is done within 10 s of the restart (a later victim may have held it again first).
      for (const { queue, id } of orphaned) {
        const job = await cluster.finishedJob(queue, id);
        expect({ id, state: await job.getState(), afterRestartMs: Math.max(0, (job.finishedOn ?? Infinity) - restartedAt) }).toEqual({
          id, state: 'completed', afterRestartMs: expect.any(Number),
        });
        expect((job.finishedOn ?? Infinity) - restartedAt).toBeLessThan(10_000);
      }
      process.stderr.write(`[worker-crash] random kills: ${orphaned.length} job(s) held by killed workers, all done within 10 s of the restart\n`);
      await cluster.until(
        async () => {
          const [{ n }] = await cluster.sql(
            `SELECT count(*)::int AS n FROM approval_cases WHERE id = ANY($1::uuid[]) AND status = 'approved' AND outcome_applied_at IS NOT NULL`,
            [[...caseIds]],
          );
          return n === PROVIDERS;
        },
        30_000,
        'every case to be approved with its outcome applied',
      );
    } finally {
      deciding = false;
      await decider;
    }
    expect(decisionErrors).toEqual([]);
    expect(decided.size).toBe(PROVIDERS);

    // Everything published runs out: no outbox row is left unprocessed, except cancelled ones.
    await cluster.until(
      async () => (await cluster.sql(`SELECT 1 FROM outbox WHERE processed_at IS NULL AND cancelled_at IS NULL LIMIT 1`)).length === 0,
      15_000,
      'the outbox to drain',
    );

    for (const { caseId, orgId } of providers) {
      const effects = await cluster.effects(caseId, orgId);
      expect({ caseId, ...effects }).toMatchObject({
        caseId,
        kase: { status: 'approved', revision: 1, current_stage: 2, outcome: 'approved' },
        admission: 'active',
        tasksPerStage: { '1:1:review': 1 },
        decisions: { '1:1:approve': 1 },
        stageEntered: { '0': 1, '1': 1, '2': 1 },
        caseActions: {
          'approval_case.prechecked': 1,
          'approval_case.timer_elapsed': 1,
          'approval_case.approved': 1,
          'approval_case.outcome_applied': 1,
        },
        // The elapsed notice's job closes the case and applies the outcome itself: no advance from stage 2.
        advanceRowsPerFromStage: { '-1': 1, '1': 1 },
        admissionTransitions: {
          'provider.admission.start_review': 1,
          'provider.admission.approve_for_notice': 1,
          'provider.admission.activate': 1,
        },
      });
      // toMatchObject allows extra keys; these must have none.
      expect(Object.keys(effects.tasksPerStage)).toEqual(['1:1:review']);
      expect(Object.keys(effects.stageEntered).sort()).toEqual(['0', '1', '2']);
      expect(Object.keys(effects.advanceRowsPerFromStage).sort()).toEqual(['-1', '1']);
    }
    // The applicant is told once per case.
    const [{ n: told }] = await cluster.sql(
      `SELECT count(*)::int AS n FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.organization_id = ANY($1::uuid[]) AND n.kind = 'approval.approved'`,
      [providers.map((p) => p.orgId)],
    );
    expect(told).toBe(PROVIDERS);
  });
});

describe.each(['redis', 'postgres'] as const)('one admission in four jobs; two of them killed (mid-stage, and after their commit) and retried by the surviving worker within 10 s (queue on %s)', (backend) => {
  const cluster = new Cluster(backend);
  let admin: Auth;
  let partner: Auth;

  beforeAll(async () => {
    await cluster.start();
    [admin, partner] = [await cluster.login(DEMO.admin), await cluster.login(DEMO.partner)];
    // The benchmark's workflow: pre-check → Shanghai partner review → platform review (no timers).
    await cluster.publishAdmission(admin, 'provider_admission (jobs per case)', [
      { key: 'precheck', name: '资质自动核验', kind: 'precheck' },
      { key: 'admission_review', name: '入驻审核', kind: 'review', deciderRoles: ['approver', 'partner_admin'], regionScope: 'subject_city' },
      { key: 'platform_review', name: '平台复核', kind: 'review', deciderRoles: ['platform_admin'], regionScope: 'platform' },
    ]);
  });
  afterAll(() => cluster.stop());

  async function taskOf(auth: Auth, caseId: string, stageKey: string) {
    return cluster.until(async () => (await cluster.openTasks(auth)).find((t) => t.caseId === caseId && t.stageKey === stageKey), 20_000, `the ${stageKey} task`);
  }

  /** The advance row of the case from a stage, once it is published. */
  async function advanceFrom(caseId: string, fromStage: number): Promise<Row | undefined> {
    return (await cluster.advanceRows(caseId)).find((r) => r.from_stage === fromStage && r.published_at !== null);
  }

  async function blockedBehind(lockerPid: number): Promise<boolean> {
    return (await cluster.sql(`SELECT 1 FROM pg_stat_activity WHERE $1::int = ANY(pg_blocking_pids(pid))`, [lockerPid])).length > 0;
  }

  /**
   * The killed worker's session, still waiting on the lock, would run its statement once the lock is
   * released and only then notice its client is gone. End it first, as the server does when it sees
   * the dead connection: what the worker had not sent never happens.
   */
  async function endSessionsBlockedBehind(lockerPid: number): Promise<void> {
    await cluster.sql(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE $1::int = ANY(pg_blocking_pids(pid))`, [lockerPid]);
  }

  /**
   * Starts another worker, kills `victim` (which holds the job, blocked behind the locker), lets the row go and
   * waits for the job to finish: what its retry returned, how often it stalled, whether the new worker ran it,
   * and how long after the kill it was done.
   */
  async function killAndRetry(victim: ChildApp, jobId: string, locker: Client, lockerPid: number) {
    const next = await cluster.startWorker();
    const killedAt = await cluster.crash(victim);
    await endSessionsBlockedBehind(lockerPid);
    await locker.query('ROLLBACK');
    const job = await cluster.finishedJob(QueueName.Approvals, jobId);
    return {
      next,
      afterKillMs: (job.finishedOn ?? Infinity) - killedAt,
      retry: { returnvalue: job.returnvalue, stalled: job.stalledCounter, byTheNewWorker: !!job.processedBy?.endsWith(`:${next.child.pid}`) },
    };
  }

  it('counts 4 jobs for the case end to end and applies every effect once', async () => {
    const [{ last }] = await cluster.sql(`SELECT coalesce(max(id), 0)::text AS last FROM outbox`);
    let first: ChildApp | undefined = await cluster.startWorker();
    const { orgId, caseId } = await cluster.registerProvider();
    const review = await taskOf(partner, caseId, 'admission_review');

    const locker = new Client({ connectionString: cluster.db.url, application_name: 'worker-crash-locker' });
    await locker.connect();
    const lockerPid = (await locker.query('SELECT pg_backend_pid() AS pid')).rows[0].pid as number;
    const recoveries: Record<string, number> = {};
    try {
      // 1. Killed mid-stage. The decision's job enters the platform review (task, notifications) and then
      // blocks in the subject's hook on the provider's row, which this test holds.
      await locker.query('BEGIN');
      await locker.query('SELECT id FROM organizations WHERE id = $1 FOR UPDATE', [orgId]);
      expect((await cluster.http('POST', `/api/v1/approval-tasks/${review.id}/decision`, partner, { decision: 'approve' })).status).toBe(200);
      const midStage = await cluster.until(async () => {
        const row = await advanceFrom(caseId, 1);
        const held = row && (await cluster.activeJobsOf(first?.child.pid)).some((j) => j.id === outboxJobId(row.id));
        return held && (await blockedBehind(lockerPid)) ? row : undefined;
      }, 20_000, 'the first decision’s job to be held by the first worker, blocked mid-stage');
      const victim = first;
      first = undefined;
      const midStageRetry = await killAndRetry(victim, outboxJobId(midStage.id), locker, lockerPid);
      // The retry did the work (the killed attempt's transaction never committed), as a stalled job, not a second one.
      expect(midStageRetry.retry).toEqual({ returnvalue: 'entered stage 2', stalled: 1, byTheNewWorker: true });
      recoveries.midStage = midStageRetry.afterKillMs;
      const survivor = midStageRetry.next;

      // 2. Killed after its commit, before its acknowledgement. The last decision's job closes the case and
      // applies its effects in one commit, then blocks marking its outbox row processed (held here).
      const platform = await taskOf(admin, caseId, 'platform_review');
      await cluster.approvalsQueue().pause();
      expect((await cluster.http('POST', `/api/v1/approval-tasks/${platform.id}/decision`, admin, { decision: 'approve' })).status).toBe(200);
      const lastJob = await cluster.until(() => advanceFrom(caseId, 2), 20_000, 'the last decision’s job to be published');
      await locker.query('BEGIN');
      await locker.query('SELECT id FROM outbox WHERE id = $1 FOR SHARE', [lastJob.id]);
      await cluster.approvalsQueue().resume();
      await cluster.until(async () => {
        const [kase] = await cluster.sql(`SELECT status, outcome_applied_at FROM approval_cases WHERE id = $1`, [caseId]);
        return kase.status === 'approved' && kase.outcome_applied_at !== null && (await blockedBehind(lockerPid));
      }, 20_000, 'the approval to commit and its job to block on acknowledging');
      expect((await cluster.activeJobsOf(survivor.child.pid)).map((j) => j.id)).toContain(outboxJobId(lastJob.id));
      // Its acknowledgement (marking the outbox row processed) never reaches the database.
      const afterCommitRetry = await killAndRetry(survivor, outboxJobId(lastJob.id), locker, lockerPid);
      // Delivered again, it finds the case closed and does nothing.
      expect(afterCommitRetry.retry).toEqual({ returnvalue: 'skipped: closed', stalled: 1, byTheNewWorker: true });
      recoveries.afterCommit = afterCommitRetry.afterKillMs;
    } finally {
      await locker.query('ROLLBACK').catch(() => undefined);
      await locker.end();
      if (first) await cluster.crash(first);
    }
    process.stderr.write(`[worker-crash] ${backend}: killed worker's job done by the survivor after the kill: ${JSON.stringify(recoveries)} ms\n`);
    expect(recoveries.midStage).toBeLessThan(10_000);
    expect(recoveries.afterCommit).toBeLessThan(10_000);

    // The case's jobs, end to end: the registration's welcome notice and one advance per event (opened,
    // first decision, last decision). Each published once: the killed ones were retried, not re-queued.
    const jobs = await cluster.sql(
      `SELECT job_name, payload->>'fromStage' AS from_stage, publish_count, processed_at IS NOT NULL AS processed, cancelled_at IS NOT NULL AS cancelled
         FROM outbox WHERE id > $1::bigint ORDER BY id`,
      [last],
    );
    expect(jobs).toEqual([
      { job_name: JobName.DeliverNotification, from_stage: null, publish_count: 1, processed: true, cancelled: false },
      { job_name: JobName.AdvanceCase, from_stage: '-1', publish_count: 1, processed: true, cancelled: false },
      { job_name: JobName.AdvanceCase, from_stage: '1', publish_count: 1, processed: true, cancelled: false },
      { job_name: JobName.AdvanceCase, from_stage: '2', publish_count: 1, processed: true, cancelled: false },
    ]);
    expect(jobs.length).toBeLessThanOrEqual(4);

    const effects = await cluster.effects(caseId, orgId);
    expect(effects).toEqual({
      kase: expect.objectContaining({ status: 'approved', revision: 1, current_stage: 2, outcome: 'approved' }),
      admission: 'active',
      tasksPerStage: { '1:1:review': 1, '1:2:review': 1 },
      decisions: { '1:1:approve': 1, '1:2:approve': 1 },
      stageEntered: { '0': 1, '1': 1, '2': 1 },
      caseActions: { 'approval_case.prechecked': 1, 'approval_case.approved': 1, 'approval_case.outcome_applied': 1 },
      admissionTransitions: { 'provider.admission.start_review': 1, 'provider.admission.approve_for_notice': 1, 'provider.admission.activate': 1 },
      advanceRowsPerFromStage: { '-1': 1, '1': 1, '2': 1 },
    });
    // The notices folded into those jobs, each once: both tasks' deciders, the admission's three changes, the outcome.
    // (A notice is unique per user and dedup key; a second delivery under another key would show here.)
    const notices = await cluster.sql(
      `SELECT kind, count(DISTINCT dedup_key)::int AS keys FROM notifications WHERE subject_id IN ($1, $2) GROUP BY kind ORDER BY kind`,
      [caseId, orgId],
    );
    expect(notices).toEqual([
      { kind: 'approval.approved', keys: 1 },
      { kind: 'approval.task_assigned', keys: 2 },
      { kind: 'organization.registered', keys: 1 },
      { kind: 'provider.admission.changed', keys: 3 },
    ]);
  });
});
