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
  const { queue, worker, close } = await openNoopQueue(backend, options.queueName, options.concurrency);
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
        await queue.addBulk(Array.from({ length: batch }, () => ({ name: 'noop', data: {}, opts: JOB_SPECS[JobName.AdvanceCase].options })));
      }
      await waitUntil(async () => completed >= target, 120_000, `${jobs} no-op jobs on ${backend.kind}`, 5);
      return jobs / ((nowMs() - started) / 1000);
    };
    await pass(options.warmupJobs);
    return await pass(options.jobs);
  } finally {
    await close();
  }
}

async function openNoopQueue(backend: QueueBackend, name: string, concurrency: number): Promise<{ queue: Queue; worker: Worker; close(): Promise<void> }> {
  const processor = async () => null;
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
