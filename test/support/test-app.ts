import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { bootstrap, RunningApp } from '../../src/bootstrap';
import { deleteKeysWithPrefix } from '../../src/platform/queue/redis-keys';
import { ProcessRole } from '../../src/platform/config/app-config';
import { DEMO_PASSWORD } from '../../src/seed/seed-demo';
import { Role } from '../../src/platform/context/actor';
import { adminUrl, databaseUrl, templateDb, testDbPrefix, TEST_JWT_SECRET, TEST_METRICS_TOKEN, TEST_PASSWORD_HASH_MEMORY_KIB, TEST_REDIS_URL } from './test-env';

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** A fresh database cloned from the migrated, seeded template. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `${testDbPrefix()}${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    // CREATE DATABASE … TEMPLATE fails while another session is connected to the template; retry briefly.
    for (let attempt = 0; ; attempt += 1) {
      try {
        await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${templateDb()}"`);
        break;
      } catch (err) {
        if (attempt >= 20) throw err;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  } finally {
    await admin.end();
  }
  return {
    name,
    url: databaseUrl(name),
    // Retired now, dropped at the end of the run: in PostgreSQL 15 each DROP DATABASE forces an immediate
    // checkpoint, which flushes every dirty buffer of the cluster while the other jest worker's tests write. One
    // per test file cost CI about 2 s a file and stalled the neighbour's I/O; global teardown drops them together.
    async drop() {
      await retireDatabase(name);
    },
  };
}

/**
 * Closes a test database for good: no new connections, the remaining ones ended. Global teardown drops it with
 * the rest of the run's databases (global-teardown.ts).
 */
export async function retireDatabase(name: string): Promise<void> {
  const c = new Client({ connectionString: adminUrl() });
  await c.connect();
  try {
    await c.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS false`).catch(() => undefined);
    await c.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [name]);
  } finally {
    await c.end();
  }
}

export interface TestAppOptions {
  role?: ProcessRole;
  env?: Record<string, string>;
  database?: TestDatabase;
  queuePrefix?: string;
}

export interface TestApp {
  running: RunningApp;
  db: TestDatabase;
  queuePrefix: string;
  env: Record<string, string>;
  http: () => request.Agent;
  dataSource: DataSource;
  get<T>(type: new (...args: never[]) => T): T;
  /** Shuts the app down; drops the database and Redis keys unless `keepData`. */
  close(options?: { keepData?: boolean }): Promise<void>;
}

/** Boots the real application (HTTP on a random port, workers, relay) against real PostgreSQL + Redis. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const db = options.database ?? (await createTestDatabase());
  const queuePrefix = options.queuePrefix ?? `t${randomBytes(4).toString('hex')}`;
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    DATABASE_URL: db.url,
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: queuePrefix,
    JWT_SECRET: TEST_JWT_SECRET,
    METRICS_TOKEN: TEST_METRICS_TOKEN,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    SEED_DEMO: 'false',
    OUTBOX_POLL_MS: '50',
    SWEEP_INTERVAL_MS: '600000',
    LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
    // Hundreds of registrations and sign-ins per run (test-env.ts).
    PASSWORD_HASH_MEMORY_KIB: String(TEST_PASSWORD_HASH_MEMORY_KIB),
    SHUTDOWN_TIMEOUT_MS: '5000',
    // Stream, player and replay URLs of cloud roadshows (tests use these hosts).
    LIVE_STREAM_HOSTS: 'live.g60.example,*.player.g60.example',
    ...options.env,
  };
  const running = await bootstrap(options.role ?? 'all', { env });
  const url = running.url;
  return {
    running,
    db,
    queuePrefix,
    env,
    http: () => {
      if (!url) throw new Error('this app serves no HTTP');
      return request.agent(url);
    },
    dataSource: running.app.get(DataSource),
    get: (type) => running.app.get(type),
    async close(closeOptions = {}) {
      await running.shutdown('test finished');
      if (!closeOptions.keepData) {
        await db.drop();
        await deleteQueueKeys(queuePrefix);
      }
    },
  };
}

/** Deletes this test's queue keys (its QUEUE_PREFIX) from the test Redis. */
export function deleteQueueKeys(prefix: string): Promise<void> {
  return deleteKeysWithPrefix(TEST_REDIS_URL, prefix);
}

export const DEMO = {
  password: DEMO_PASSWORD,
  enterprise: 'enterprise@demo.g60.cn',
  provider: 'provider@demo.g60.cn',
  reviewer: 'reviewer@demo.g60.cn',
  approver: 'approver@demo.g60.cn',
  finance: 'finance@demo.g60.cn',
  /** A second finance officer: four eyes on settlement batches. */
  finance2: 'finance2@demo.g60.cn',
  partner: 'partner@demo.g60.cn',
  investor: 'investor@demo.g60.cn',
  admin: 'admin@demo.g60.cn',
  /** The G60 alliance's city roadshow organisers (one per city; 嘉兴 stands for the role). */
  organiserJiaxing: 'organiser.jiaxing@demo.g60.cn',
  organiserHangzhou: 'organiser.hangzhou@demo.g60.cn',
  organiserSuzhou: 'organiser.suzhou@demo.g60.cn',
  organiserSongjiang: 'organiser.songjiang@demo.g60.cn',
} as const;

/** The demo login of each role (seeded by src/seed/seed-demo.ts). */
export const DEMO_LOGIN_BY_ROLE: Record<Role, string> = {
  [Role.EnterpriseUser]: DEMO.enterprise,
  [Role.ProviderUser]: DEMO.provider,
  [Role.Reviewer]: DEMO.reviewer,
  [Role.Approver]: DEMO.approver,
  [Role.Finance]: DEMO.finance,
  [Role.PartnerAdmin]: DEMO.partner,
  [Role.Investor]: DEMO.investor,
  [Role.PlatformAdmin]: DEMO.admin,
  [Role.RoadshowOrganiser]: DEMO.organiserJiaxing,
};

export interface Session {
  accessToken: string;
  refreshToken: string;
  auth: { Authorization: string };
}

export async function login(app: TestApp, email: string, password: string = DEMO_PASSWORD): Promise<Session> {
  const res = await app.http().post('/api/v1/auth/login').send({ email, password });
  if (res.status !== 200) throw new Error(`login ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { ...res.body, auth: { Authorization: `Bearer ${res.body.accessToken}` } };
}

/** Polls until `check` returns a truthy value (work done by queue workers), or fails after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined | null | false>, timeoutMs = 15_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
