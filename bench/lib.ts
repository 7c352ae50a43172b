import 'reflect-metadata';
import IORedis from 'ioredis';
import { randomBytes } from 'node:crypto';
import * as os from 'node:os';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/platform/database/data-source-options';
import { runMigrationsLocked } from '../src/platform/database/migrate';
import { bootstrap, RunningApp } from '../src/bootstrap';
import { deleteKeysWithPrefix } from '../src/platform/queue/redis-keys';
import { seedDemoData } from '../src/seed/seed-demo';

/**
 * One measured figure. Rows with a baseline carry the ratio the harness is about (the machine
 * is noisy; baselines are measured in the same run). Rows without one (baseline null) are
 * context only, such as elapsed time or jobs per case, and appear among the absolute figures.
 */
export interface BenchRow {
  benchmark: string;
  metric: string;
  value: number;
  unit: string;
  baseline: string | null;
  baselineValue: number | null;
  ratio: number | null;
  /** The baseline's individual samples (before and after the workload); their mean is baselineValue. */
  baselineSamples?: number[];
}

export interface BenchSettings {
  /** BENCH_QUICK=1: every workload shrinks for a smoke run. */
  quick: boolean;
  /** Worker concurrency of the app, and parallel clients of every driver and baseline. */
  concurrency: number;
  /** Any database on the server; benchmarks CREATE DATABASE next to it. */
  adminUrl: string;
  redisUrl: string;
  /** Unique per run; names every database and Redis prefix the run creates. */
  runId: string;
}

export interface BenchContext extends BenchSettings {
  /** Progress lines (stderr, so stdout carries only the results). */
  log(message: string): void;
  /** Registers clean-up; the runner runs it newest first after the benchmark, or on Ctrl-C. */
  defer(cleanup: () => Promise<unknown>): void;
}

export interface Benchmark {
  name: string;
  run(ctx: BenchContext): Promise<BenchRow[]>;
}

/** Database names start with this, then the run id (whose first part is the start time in base 36). */
export const BENCH_DB_PREFIX = 'g60_bench_';

/** The only place the harness reads the environment. */
export function benchSettings(env: NodeJS.ProcessEnv = process.env): BenchSettings {
  const concurrency = Number(env.BENCH_CONCURRENCY ?? 8);
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error(`BENCH_CONCURRENCY must be a positive integer, not "${env.BENCH_CONCURRENCY}"`);
  return {
    quick: ['1', 'true', 'yes'].includes(String(env.BENCH_QUICK ?? '').toLowerCase()),
    concurrency,
    adminUrl: env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    redisUrl: env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    runId: `${Date.now().toString(36)}x${randomBytes(2).toString('hex')}`,
  };
}

export function ratioRow(benchmark: string, metric: string, value: number, unit: string, baseline: string, samples: number[]): BenchRow {
  const baselineValue = samples.reduce((a, b) => a + b, 0) / samples.length;
  return { benchmark, metric, value, unit, baseline, baselineValue, ratio: baselineValue > 0 ? value / baselineValue : null, baselineSamples: samples };
}

export function infoRow(benchmark: string, metric: string, value: number, unit: string): BenchRow {
  return { benchmark, metric, value, unit, baseline: null, baselineValue: null, ratio: null };
}

// ---------------------------------------------------------------- databases

export interface BenchDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** The same server as `adminUrl`, another database. */
export function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function withAdmin<T>(adminUrl: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminUrl, application_name: 'g60-bench-admin' });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  await withAdmin(adminUrl, async (c) => {
    await c.query(`ALTER DATABASE "${name}" IS_TEMPLATE false`).catch(() => undefined);
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  });
}

export interface BenchTemplate {
  name: string;
  /** A fresh database cloned from the template (CREATE DATABASE … TEMPLATE), dropped at clean-up. */
  clone(tag: string): Promise<BenchDatabase>;
}

/**
 * A database migrated and seeded the way the app does it, marked as a template; dropped at
 * clean-up. Cloning is far cheaper than migrating and seeding (argon2 hashes) per run.
 */
export async function createTemplate(ctx: BenchContext, tag: string): Promise<BenchTemplate> {
  const name = `${BENCH_DB_PREFIX}${ctx.runId}_${tag}_tpl`;
  await withAdmin(ctx.adminUrl, (c) => c.query(`CREATE DATABASE "${name}"`));
  ctx.defer(() => dropDatabase(ctx.adminUrl, name));
  const url = databaseUrl(ctx.adminUrl, name);
  const dataSource = new DataSource(dataSourceOptions(url, 2));
  await dataSource.initialize();
  try {
    await runMigrationsLocked(url, dataSource, () => undefined);
    await seedDemoData(dataSource);
  } finally {
    await dataSource.destroy();
  }
  await withAdmin(ctx.adminUrl, (c) => c.query(`ALTER DATABASE "${name}" IS_TEMPLATE true`));
  return {
    name,
    async clone(cloneTag: string) {
      const cloneName = `${BENCH_DB_PREFIX}${ctx.runId}_${cloneTag}`;
      await withAdmin(ctx.adminUrl, (c) => c.query(`CREATE DATABASE "${cloneName}" TEMPLATE "${name}"`));
      let dropped = false;
      const drop = async () => {
        if (dropped) return;
        dropped = true;
        await dropDatabase(ctx.adminUrl, cloneName);
      };
      ctx.defer(drop);
      return { name: cloneName, url: databaseUrl(ctx.adminUrl, cloneName), drop };
    },
  };
}

/** Drops databases left by benchmark runs that started more than `maxAgeMs` ago (killed runs). */
export async function dropStaleBenchDatabases(adminUrl: string, maxAgeMs = 3 * 3600_000): Promise<string[]> {
  const names = await withAdmin(adminUrl, async (c) => {
    const res = await c.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`${BENCH_DB_PREFIX}%`]);
    return res.rows.map((r) => r.datname);
  });
  const stale = names.filter((n) => {
    const match = new RegExp(`^${BENCH_DB_PREFIX}([0-9a-z]+)x`).exec(n);
    return !!match && Date.now() - parseInt(match[1], 36) > maxAgeMs;
  });
  for (const name of stale) await dropDatabase(adminUrl, name).catch(() => undefined);
  return stale;
}

// ---------------------------------------------------------------- redis

/** A Redis key prefix of this run, whose keys are deleted at clean-up. */
export function redisPrefix(ctx: BenchContext, tag: string): string {
  const prefix = `g60bench-${ctx.runId}-${tag}`;
  ctx.defer(() => deleteKeysWithPrefix(ctx.redisUrl, prefix));
  return prefix;
}

// ---------------------------------------------------------------- http

export interface HttpResult<T = any> {
  status: number;
  body: T;
}

/** A JSON client over Node's fetch (keep-alive by default); the harness needs no dev dependency. */
export class JsonClient {
  constructor(private readonly baseUrl: string) {}

  get<T = any>(path: string, headers: Record<string, string> = {}): Promise<HttpResult<T>> {
    return this.send<T>('GET', path, undefined, headers);
  }

  post<T = any>(path: string, body: unknown, headers: Record<string, string> = {}): Promise<HttpResult<T>> {
    return this.send<T>('POST', path, body, headers);
  }

  /** Like post/get but throws unless the status is the expected one. */
  async expect<T = any>(status: number, method: 'GET' | 'POST', path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    const res = await this.send<T>(method, path, body, headers);
    if (res.status !== status) throw new Error(`${method} ${path}: expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  private async send<T>(method: string, path: string, body: unknown, headers: Record<string, string>): Promise<HttpResult<T>> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
  }
}

// ---------------------------------------------------------------- timing and concurrency

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** CPU time of all the machine's cores so far (ms): busy and in all. Deltas give the share busy over a window. */
export function machineTimes(): { busy: number; total: number } {
  let busy = 0;
  let total = 0;
  for (const cpu of os.cpus()) {
    const t = cpu.times;
    const all = t.user + t.nice + t.sys + t.idle + t.irq;
    total += all;
    busy += all - t.idle;
  }
  return { busy, total };
}

export function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/** Runs `work` over `items` with at most `limit` in flight; rejects on the first failure. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index], index);
    }
  });
  await Promise.all(lanes);
  return results;
}

/** Polls until `check` is truthy; fails with `what` after the timeout. */
export async function waitUntil<T>(check: () => Promise<T | false | null | undefined>, timeoutMs: number, what: string, intervalMs = 20): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(intervalMs);
  }
}

/**
 * Measures a baseline twice, before and after the workload, and averages: on a noisy machine
 * this halves the error a drift during the workload would otherwise put into the ratio.
 */
export class Bracketed {
  readonly samples: number[] = [];

  constructor(private readonly measure: () => Promise<number>) {}

  async sample(): Promise<number> {
    const value = await this.measure();
    this.samples.push(value);
    return value;
  }

  get spread(): string {
    return this.samples.map((s) => s.toFixed(0)).join(' / ');
  }
}

// ---------------------------------------------------------------- machine

export interface MachineInfo {
  os: string;
  cpus: string;
  memory: string;
  node: string;
  postgres: string;
  redis: string;
  loadAverage: string;
}

export async function machineInfo(settings: BenchSettings): Promise<MachineInfo> {
  const cpus = os.cpus();
  const postgres = await withAdmin(settings.adminUrl, async (c) => (await c.query<{ server_version: string }>('SHOW server_version')).rows[0].server_version).catch(
    (err) => `unavailable (${String(err)})`,
  );
  const redis = await (async () => {
    const client = new IORedis(settings.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
    try {
      await client.connect();
      const info = await client.info('server');
      return /redis_version:(\S+)/.exec(info)?.[1] ?? 'unknown';
    } catch (err) {
      return `unavailable (${String(err)})`;
    } finally {
      client.disconnect();
    }
  })();
  return {
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    cpus: `${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown'}`,
    memory: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    node: process.version,
    postgres,
    redis,
    loadAverage: os.loadavg().map((l) => l.toFixed(2)).join(' '),
  };
}

export interface BenchApp {
  running: RunningApp;
  /** A plain connection for the benchmark's own checks and bookkeeping. */
  observer: Client;
  /** Idempotent; also run by the context's deferred clean-up. */
  shutdown: () => Promise<void>;
}

/**
 * Boots the real app in-process (API + workers) on a benchmark database, registers its shutdown
 * with the context, and opens an observer connection. `env` adds to or overrides the defaults.
 */
export async function bootBenchApp(ctx: BenchContext, databaseUrl: string, queuePrefix: string, env: Record<string, string> = {}): Promise<BenchApp> {
  const running = await bootstrap('all', {
    env: {
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      REDIS_URL: ctx.redisUrl,
      QUEUE_PREFIX: queuePrefix,
      JWT_SECRET: randomBytes(48).toString('base64url'),
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'silent',
      SEED_DEMO: 'false',
      OUTBOX_POLL_MS: '20',
      WORKER_CONCURRENCY: String(ctx.concurrency),
      ...env,
    },
  });
  let stopped = false;
  const shutdown = async () => {
    if (stopped) return;
    stopped = true;
    await running.shutdown('benchmark finished');
  };
  ctx.defer(shutdown);
  const observer = new Client({ connectionString: databaseUrl, application_name: 'g60-bench-observer' });
  await observer.connect();
  return { running, observer, shutdown };
}
