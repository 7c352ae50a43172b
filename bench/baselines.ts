import { createPostgresBackend, Queue, runMigrations, withBackend, Worker } from 'bullmq';
import IORedis from 'ioredis';
import { Client, Pool } from 'pg';
import { loadConfig } from '../src/platform/config/app-config';
import { BULLMQ_PG_SCHEMA } from '../src/platform/queue/queue-connection';
import { JobName, JOB_SPECS } from '../src/platform/queue/queue.registry';
import { PasswordHasher } from '../src/platform/auth/password-hasher';
import { mapLimit, nowMs, waitUntil } from './lib';

/**
 * Floors a workload is compared with, measured on the same machine in the same run: what the
 * queue and the database can do with nothing of ours in the way.
 */

export type QueueBackend = { kind: 'redis'; redisUrl: string; prefix: string } | { kind: 'postgres'; databaseUrl: string };

/**
 * Empty jobs per second through a plain BullMQ Queue + Worker: jobs are added in bulk while
 * the worker (same concurrency as the app) completes them; timed from the first add to the
 * last completion. Jobs carry the retry and retention options of the app's case work. The
 * queue is obliterated afterwards, so a second sample starts from the same state.
 */
export async function bullmqNoopRate(backend: QueueBackend, options: { queueName: string; concurrency: number; jobs: number; warmupJobs: number }): Promise<number> {
  return bullmqRate(backend, options, async () => null);
}

/**
 * The least a system stage of a case writes, as a BullMQ job (the same queue, options and concurrency as the
 * no-op jobs): one autocommit statement, prepared, that moves a case row to its next stage and inserts an audit
 * row and the outbox row of the next step, in bare tables with a primary key only (created here in `databaseUrl`,
 * 200 cases, jobs spread over them). No reads, checks, tasks, decisions, notices or queue bookkeeping in the
 * database. Jobs per second: how much of the no-op pace any design that commits each stage change keeps here.
 */
export async function bullmqStageFloorRate(backend: QueueBackend, databaseUrl: string, options: { queueName: string; concurrency: number; jobs: number; warmupJobs: number }): Promise<number> {
  const setup = new Client({ connectionString: databaseUrl, application_name: 'g60-bench-stage-floor' });
  await setup.connect();
  try {
    await setup.query(`DROP TABLE IF EXISTS bench_floor_cases, bench_floor_case_audit, bench_floor_case_outbox`);
    await setup.query(`CREATE TABLE bench_floor_cases (id int PRIMARY KEY, stage int NOT NULL DEFAULT 0, revision int NOT NULL DEFAULT 1, updated_at timestamptz NOT NULL DEFAULT now())`);
    await setup.query(`CREATE TABLE bench_floor_case_audit (id bigserial PRIMARY KEY, occurred_at timestamptz NOT NULL DEFAULT now(), action text NOT NULL, subject int NOT NULL, after jsonb NOT NULL)`);
    await setup.query(`CREATE TABLE bench_floor_case_outbox (id bigserial PRIMARY KEY, job_name text NOT NULL, payload jsonb NOT NULL)`);
    await setup.query(`INSERT INTO bench_floor_cases (id) SELECT generate_series(1, 200)`);
  } finally {
    await setup.end();
  }
  const pool = new Pool({ connectionString: databaseUrl, max: options.concurrency, application_name: 'g60-bench-stage-floor' });
  // A connection still closing after pool.end() may be terminated when the database is dropped (bench/holds-floor.ts).
  pool.on('error', () => undefined);
  const text = `WITH c AS (UPDATE bench_floor_cases SET stage = stage + 1, updated_at = now() WHERE id = $1 RETURNING id, stage),
    a AS (INSERT INTO bench_floor_case_audit (action, subject, after) SELECT 'approval.stage_entered', id, jsonb_build_object('stage', stage) FROM c RETURNING 1),
    o AS (INSERT INTO bench_floor_case_outbox (job_name, payload) SELECT 'advance-case', jsonb_build_object('caseId', id, 'fromStage', stage) FROM c RETURNING 1)
    SELECT (SELECT count(*) FROM a) + (SELECT count(*) FROM o) AS written`;
  let next = 0;
  try {
    return await bullmqRate(backend, options, async (job) => {
      const { rows } = await pool.query({ name: 'bench_stage_floor', text, values: [(job.data as { caseId: number }).caseId] });
      if (Number(rows[0]?.written) !== 2) throw new Error('stage floor: the case row is missing');
      return null;
    }, () => ({ caseId: (next++ % 200) + 1 }));
  } finally {
    await pool.end();
  }
}

async function bullmqRate(
  backend: QueueBackend,
  options: { queueName: string; concurrency: number; jobs: number; warmupJobs: number },
  processor: (job: { data: unknown }) => Promise<null>,
  data: () => Record<string, unknown> = () => ({}),
): Promise<number> {
  const { queue, worker, close } = await openNoopQueue(backend, options.queueName, options.concurrency, processor);
  let completed = 0;
  worker.on('completed', () => {
    completed += 1;
  });
  try {
    await worker.waitUntilReady();
    const pass = async (jobs: number) => {
      const target = completed + jobs;
      const started = nowMs();
      for (let added = 0; added < jobs; added += 100) {
        const batch = Math.min(100, jobs - added);
        await queue.addBulk(Array.from({ length: batch }, () => ({ name: 'noop', data: data(), opts: JOB_SPECS[JobName.AdvanceCase].options })));
      }
      await waitUntil(async () => completed >= target, 120_000, `${jobs} benchmark jobs on ${backend.kind}`, 5);
      return jobs / ((nowMs() - started) / 1000);
    };
    await pass(options.warmupJobs);
    return await pass(options.jobs);
  } finally {
    await close();
  }
}

async function openNoopQueue(backend: QueueBackend, name: string, concurrency: number, processor: (job: { data: unknown }) => Promise<null>): Promise<{ queue: Queue; worker: Worker; close(): Promise<void> }> {
  if (backend.kind === 'redis') {
    // One connection for queue and worker, as the app's QueueConnection does.
    const redis = new IORedis(backend.redisUrl, { maxRetriesPerRequest: null });
    const queue = new Queue(name, { connection: redis, prefix: backend.prefix });
    const worker = new Worker(name, processor, { connection: redis, prefix: backend.prefix, concurrency });
    return {
      queue,
      worker,
      async close() {
        await worker.close();
        await queue.obliterate({ force: true });
        await queue.close();
        await redis.quit();
      },
    };
  }
  // The app's PostgreSQL backend setup: BullMQ's tables in their own schema, found by search_path.
  const pool = new Pool({
    connectionString: backend.databaseUrl,
    max: Math.max(10, concurrency + 6),
    options: `-c search_path=${BULLMQ_PG_SCHEMA}`,
    application_name: 'g60-bench-noop',
  });
  const client = await pool.connect();
  try {
    await runMigrations(client, BULLMQ_PG_SCHEMA);
  } finally {
    client.release();
  }
  const { Queue: PgQueue, Worker: PgWorker } = withBackend(createPostgresBackend);
  const queue = new PgQueue(name, { connection: pool }) as unknown as Queue;
  const worker = new PgWorker(name, processor, { connection: pool, concurrency }) as unknown as Worker;
  return {
    queue,
    worker,
    async close() {
      await worker.close();
      await queue.obliterate({ force: true });
      await queue.close();
      await pool.end();
    },
  };
}

/**
 * Commits per second of single-row transactions (BEGIN; INSERT …; COMMIT) from `clients`
 * parallel connections for `durationMs`: the database's own write ceiling on this machine.
 */
export async function pgCommitRate(databaseUrl: string, options: { clients: number; durationMs: number; warmupMs: number }): Promise<number> {
  const setup = new Client({ connectionString: databaseUrl, application_name: 'g60-bench-commit' });
  await setup.connect();
  // A fresh table each time: every sample starts from the same state.
  await setup.query(`DROP TABLE IF EXISTS bench_commits`);
  await setup.query(`CREATE TABLE bench_commits (id bigserial PRIMARY KEY, client int NOT NULL, at timestamptz NOT NULL DEFAULT now())`);
  await setup.end();
  const clients = await Promise.all(
    Array.from({ length: options.clients }, async () => {
      const c = new Client({ connectionString: databaseUrl, application_name: 'g60-bench-commit' });
      await c.connect();
      return c;
    }),
  );
  try {
    const pass = async (durationMs: number) => {
      let commits = 0;
      const started = nowMs();
      const deadline = started + durationMs;
      await Promise.all(
        clients.map(async (c, i) => {
          while (nowMs() < deadline) {
            await c.query('BEGIN');
            await c.query('INSERT INTO bench_commits (client) VALUES ($1)', [i]);
            await c.query('COMMIT');
            commits += 1;
          }
        }),
      );
      return commits / ((nowMs() - started) / 1000);
    };
    await pass(options.warmupMs);
    return await pass(options.durationMs);
  } finally {
    await Promise.all(clients.map((c) => c.end()));
  }
}

/** Password hashes per second with the app's own hasher, `parallel` at a time. */
export async function passwordHashRate(options: { parallel: number; hashes: number }): Promise<number> {
  const hasher = new PasswordHasher(loadConfig());
  const started = nowMs();
  await mapLimit(Array.from({ length: options.hashes }, (_, i) => `Bench-passw0rd-${i}`), options.parallel, (password) => hasher.hash(password));
  return options.hashes / ((nowMs() - started) / 1000);
}
