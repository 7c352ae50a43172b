import { Job, Queue } from 'bullmq';
import IORedis from 'ioredis';
import { execFileSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Pool } from 'pg';
import request from 'supertest';
import { DRILL_ENV } from '../../scripts/drill-env';
import { Check, ledgerInvariantChecks } from '../../scripts/ledger-invariants';
import { QueueName } from '../../src/platform/queue/queue.registry';
import { createRedis, RedisSettings, sentinelMaster } from '../../src/platform/queue/redis-client';
import { ChildApp, freePort, isRunning, killHard, spawnApp, spawnProcess, stopGracefully, waitForHealthy } from '../support/child-app';
import { batchWithClaim, settlementStep } from '../support/claims';
import { registerOrganization, TEST_PASSWORD } from '../support/factories';
import { createTestDatabase, DEMO, login, Session, TestApp, TestDatabase } from '../support/test-app';
import { TEST_JWT_SECRET } from '../support/test-env';
import { admittedProvider, issueVoucher, listService, openProgram } from '../support/vouchers';

/**
 * The scale-out test (issue 20; docs/chaos.md, "Scale-out run"). On this machine it starts a Redis master, one
 * replica and a Sentinel, HAProxy in front of two API processes (each with its own EMBEDDED_DATA_DIR, so nothing
 * may live on an API's disk) and two worker processes, on a fresh database. For a bounded time it runs parallel
 * orders on two shared vouchers, voucher applications through the two-stage approval workflow, racing payments of
 * settlement batches, login throttling across both APIs and a deck uploaded through one API and read through the
 * other, while it kills one API (kill -9), one worker (kill -9, while it holds a job) and fails the Redis master
 * over to the replica (SENTINEL FAILOVER). Then: the ledger invariants, no approval lost or doubled, no 5xx outside
 * the fault windows, the throttle counted across both APIs, recovery within 10 s of each fault.
 */
jest.setTimeout(240_000);

type Auth = { Authorization: string };
type Row = Record<string, any>;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const note = (m: string) => process.stderr.write(`[scale-out] ${m}\n`);

const MASTER_NAME = 'g60scale';
const RECOVERY_BUDGET_MS = 10_000;
const LOGIN_LIMIT = 5;
const PRICE_FEN = 100_000; // 50 % subsidy → 50,000 fen held per order
const VOUCHER_FACE_FEN = 400_000; // room for 8 open orders: the order clients run into the limit
const APPLICATION_FEN = 200_000;

interface Exchange {
  start: number;
  end: number;
  method: string;
  path: string;
  status: number;
  code?: string;
}

interface Answer {
  status: number;
  body: any;
}

/** Every request of the run goes through here, so that each 5xx can be placed against the fault windows. */
class Traffic {
  readonly log: Exchange[] = [];

  async call(base: string, method: string, p: string, auth?: Auth, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
    const start = Date.now();
    let answer: Answer;
    try {
      const res = await fetch(`${base}${p}`, {
        method,
        headers: { 'content-type': 'application/json', ...(auth ?? {}), ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(15_000),
      });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        /* not JSON */
      }
      answer = { status: res.status, body: parsed };
    } catch (err) {
      // fetch's own message is "fetch failed"; the cause says what the socket saw (ECONNRESET, other side closed …).
      const cause = (err as { cause?: { code?: string; message?: string } }).cause;
      answer = { status: 0, body: { error: `${String((err as Error).message ?? err)}: ${cause?.code ?? ''} ${cause?.message ?? ''}`.trim() } };
    }
    this.log.push({ start, end: Date.now(), method, path: p, status: answer.status, code: answer.body?.code ?? answer.body?.error });
    return answer;
  }

  /**
   * A state change with an Idempotency-Key, sent again with the same key and body while the answer is transient
   * (no answer, 5xx, or the key still in progress after a crash), as a client following the API's contract does.
   */
  async keyed(base: string, method: string, p: string, auth: Auth, body: unknown = {}, deadlineMs = 40_000): Promise<Answer & { attempts: number; key: string }> {
    const key = randomUUID();
    const deadline = Date.now() + deadlineMs;
    for (let attempts = 1; ; attempts += 1) {
      const res = await this.call(base, method, p, auth, body, { 'Idempotency-Key': key });
      const transient = res.status === 0 || res.status >= 500 || (res.status === 409 && res.body?.code === 'IDEMPOTENCY_IN_PROGRESS');
      if (!transient || Date.now() > deadline) return { ...res, attempts, key };
      await sleep(250);
    }
  }
}

/** Redis master + replica + one Sentinel, on free ports, in a directory of their own. */
class RedisWithSentinel {
  readonly dir = mkdtempSync(path.join(tmpdir(), 'g60-scale-redis-'));
  readonly processes: ChildApp[] = [];
  masterPort = 0;
  replicaPort = 0;
  sentinelPort = 0;

  async start(): Promise<void> {
    [this.masterPort, this.replicaPort, this.sentinelPort] = [await freePort(), await freePort(), await freePort()];
    const server = (port: number, extra: string[] = []) =>
      spawnProcess('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', this.dir, '--dbfilename', `dump-${port}.rdb`, '--maxmemory-policy', 'noeviction', ...extra]);
    this.processes.push(server(this.masterPort), server(this.replicaPort, ['--replicaof', '127.0.0.1', String(this.masterPort)]));
    // The sentinel rewrites its file (known replicas, the new master after a failover), so it gets one of its own.
    const conf = path.join(this.dir, 'sentinel.conf');
    writeFileSync(
      conf,
      [
        `port ${this.sentinelPort}`,
        'bind 127.0.0.1',
        `dir ${this.dir}`,
        `sentinel monitor ${MASTER_NAME} 127.0.0.1 ${this.masterPort} 1`,
        `sentinel down-after-milliseconds ${MASTER_NAME} 2000`,
        `sentinel failover-timeout ${MASTER_NAME} 10000`,
        '',
      ].join('\n'),
    );
    this.processes.push(spawnProcess('redis-server', [conf, '--sentinel']));
    await this.until(async () => (await this.info(this.replicaPort, 'replication')).includes('master_link_status:up'), 20_000, 'the replica to sync');
    await this.until(async () => ((await this.sentinel('replicas', MASTER_NAME)) as unknown[]).length === 1, 20_000, 'the sentinel to see the replica');
  }

  get settings(): RedisSettings {
    return { REDIS_URL: undefined, REDIS_SENTINEL_MASTER: MASTER_NAME, REDIS_SENTINEL_PASSWORD: undefined, redisSentinels: [{ host: '127.0.0.1', port: this.sentinelPort }] };
  }

  async masterAddress(): Promise<number> {
    const [, port] = (await this.sentinel('get-master-addr-by-name', MASTER_NAME)) as [string, string];
    return Number(port);
  }

  async sentinel(...args: string[]): Promise<unknown> {
    return this.command(this.sentinelPort, 'SENTINEL', ...args);
  }

  async info(port: number, section: string): Promise<string> {
    return String(await this.command(port, 'INFO', section));
  }

  private async command(port: number, ...args: string[]): Promise<unknown> {
    const client = new IORedis({ host: '127.0.0.1', port, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 2000 });
    client.on('error', () => undefined);
    try {
      await client.connect();
      return await client.call(args[0], ...args.slice(1));
    } finally {
      client.disconnect();
    }
  }

  async until(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        if (await check()) return;
      } catch {
        /* not up yet */
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}:\n${this.processes.map((p) => p.output().slice(-1500)).join('\n---\n')}`);
      await sleep(100);
    }
  }

  async stop(): Promise<void> {
    for (const p of this.processes) await stopGracefully(p, 3000);
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** HAProxy in front of the two API processes: readiness checks on /health/ready, retries only where a request never reached an API. */
function startHaproxy(dir: string, port: number, apiPorts: number[]): ChildApp {
  const conf = path.join(dir, 'haproxy.cfg');
  writeFileSync(
    conf,
    [
      'global',
      '  maxconn 1000',
      'defaults',
      '  mode http',
      '  timeout connect 2s',
      '  timeout client 30s',
      '  timeout server 30s',
      '  retries 3',
      '  option redispatch',
      // Only a connection that failed is retried elsewhere: the request never reached an API, so it ran nowhere.
      '  retry-on conn-failure',
      'frontend g60',
      `  bind 127.0.0.1:${port}`,
      '  default_backend api',
      'backend api',
      '  balance roundrobin',
      '  option httpchk GET /health/ready',
      '  http-check expect status 200',
      // A loaded machine answers a check slowly; only a process that is gone (or keeps failing) leaves the pool.
      '  timeout check 3s',
      '  default-server inter 1s fall 2 rise 1',
      ...apiPorts.map((p, i) => `  server api${i + 1} 127.0.0.1:${p} check`),
      // Fail open: when every check fails at once (a Redis failover makes /health/ready answer 503 everywhere), send the
      // requests on anyway instead of answering 503 at the balancer; the APIs wait for Redis or answer 503 themselves.
      ...apiPorts.map((p, i) => `  server api${i + 1}-fallback 127.0.0.1:${p} backup`),
      '',
    ].join('\n'),
  );
  return spawnProcess('haproxy', ['-f', conf, '-db']);
}

interface Fault {
  name: string;
  at: number;
  recoveredAt: number;
  detail: string;
}

describe('scale-out: 2 APIs behind HAProxy, 2 workers, Redis with Sentinel; kill -9 an API and a worker, fail Redis over', () => {
  const traffic = new Traffic();
  const redis = new RedisWithSentinel();
  const queuePrefix = `t${randomBytes(4).toString('hex')}`;
  const dataDirs: string[] = [];
  let db: TestDatabase;
  let pool: Pool;
  let haproxy: ChildApp;
  let lb: string;
  const apiPorts: number[] = [];
  const apis: ChildApp[] = [];
  const workers: ChildApp[] = [];
  const killed = new Set<ChildApp>();
  let env: Record<string, string>;
  let queueRedis: IORedis;
  const queues = new Map<QueueName, Queue>();

  // What the run saw; the checks below read it.
  const faults: Fault[] = [];
  const orphanedJobs: { queue: QueueName; id: string; doneAfterKillMs: number; state: string }[] = [];
  const orders: { key: string; status: number; orderId?: string; code?: string; attempts: number }[] = [];
  const payments: { batchId: string; claimId: string; answers: { status: number; code?: string }[] }[] = [];
  const applications: { id: string; caseId: string | null; submitStatus: number }[] = [];
  const throttleRounds: number[][] = [];
  let deck: { uploaded: number; downloaded: number; same: boolean; detail: string } | undefined;
  let drained = { ok: false, detail: '' };

  const direct = (i: number) => `http://127.0.0.1:${apiPorts[i]}`;
  const sql = async (text: string, params: unknown[] = []): Promise<Row[]> => (await pool.query(text, params)).rows;

  async function startApi(i: number): Promise<ChildApp> {
    const api = spawnApp('api', { ...env, PORT: String(apiPorts[i]), EMBEDDED_DATA_DIR: dataDirs[i] });
    apis[i] = api;
    await waitForHealthy(`${direct(i)}/health`, api, 90_000);
    return api;
  }

  /** Resolves once the worker's outbox relay LISTENs (it is up), as the worker-crash spec does. */
  async function startWorker(): Promise<ChildApp> {
    const [{ t }] = await sql(`SELECT clock_timestamp() AS t`);
    const worker = spawnApp('worker', { ...env, PORT: '0' });
    workers.push(worker);
    const deadline = Date.now() + 90_000;
    for (;;) {
      const rows = await sql(`SELECT 1 FROM pg_stat_activity WHERE datname = $1 AND application_name = 'g60-outbox-listen' AND backend_start >= $2`, [db.name, t]);
      if (rows.length > 0) return worker;
      if (!isRunning(worker) || Date.now() > deadline) throw new Error(`worker did not start. Output:\n${worker.output().slice(-4000)}`);
      await sleep(100);
    }
  }

  function queue(name: QueueName): Queue {
    let q = queues.get(name);
    if (!q) {
      queueRedis ??= createRedis(redis.settings);
      q = new Queue(name, { connection: queueRedis, prefix: queuePrefix });
      queues.set(name, q);
    }
    return q;
  }

  async function activeJobsOf(pid: number | undefined): Promise<{ queue: QueueName; id: string }[]> {
    const held: { queue: QueueName; id: string }[] = [];
    for (const name of Object.values(QueueName)) {
      for (const job of await queue(name).getActive()) if (job?.id && job.processedBy?.endsWith(`:${pid}`)) held.push({ queue: name, id: job.id });
    }
    return held;
  }

  /** The remote deployment, shaped as the test helpers' TestApp: HTTP through the load balancer, SQL on the test database. */
  const remote = (): TestApp => ({ http: () => request.agent(lb), dataSource: { query: async (text: string, params?: unknown[]) => (await pool.query(text, params)).rows } }) as unknown as TestApp;

  let approver: Session;
  let reviewer: Session;
  let admin: Session;
  let finance: Session;
  let finance2: Session;
  let serviceId: string;
  let programId: string;
  let sharedVouchers: { voucherId: string; auth: Auth }[] = [];
  let applicants: { auth: Auth }[] = [];
  let deckOwner: Auth;
  let throttled: string[] = [];

  beforeAll(async () => {
    const haproxyFound = (() => {
      try {
        execFileSync('haproxy', ['-v'], { stdio: 'ignore' });
        return true;
      } catch {
        return false;
      }
    })();
    if (!haproxyFound) throw new Error('haproxy is not installed (apt-get install haproxy; .ci/run installs it)');

    db = await createTestDatabase();
    pool = new Pool({ connectionString: db.url, max: 4, application_name: 'scale-out-test' });
    await redis.start();
    for (let i = 0; i < 2; i += 1) {
      apiPorts.push(await freePort());
      dataDirs.push(mkdtempSync(path.join(tmpdir(), `g60-scale-api${i + 1}-`)));
    }
    env = {
      // WORKER_LOCK_MS / WORKER_STALLED_CHECK_MS keep their defaults: the recovery asserted here is the deployed one.
      ...DRILL_ENV,
      DATABASE_URL: db.url,
      // No REDIS_URL: every Redis connection asks the sentinel for the master.
      REDIS_SENTINELS: `127.0.0.1:${redis.sentinelPort}`,
      REDIS_SENTINEL_MASTER: MASTER_NAME,
      QUEUE_PREFIX: queuePrefix,
      JWT_SECRET: TEST_JWT_SECRET,
      // A request killed mid-flight holds its key this long; the default (60 s) outlasts the run.
      IDEMPOTENCY_LEASE_MS: '3000',
      LOGIN_RATE_LIMIT_PER_MINUTE: String(LOGIN_LIMIT),
      LOGIN_IP_RATE_LIMIT_PER_MINUTE: '100000',
      PASSWORD_HASH_MEMORY_KIB: '4096',
      SHUTDOWN_TIMEOUT_MS: '3000',
      // Four processes on a PostgreSQL other test files share.
      DB_POOL_SIZE: '8',
      WORKER_CONCURRENCY: '4',
    };
    await Promise.all([startApi(0), startApi(1)]);
    await startWorker();
    await startWorker();
    const lbPort = await freePort();
    lb = `http://127.0.0.1:${lbPort}`;
    haproxy = startHaproxy(redis.dir, lbPort, apiPorts);
    await waitForHealthy(`${lb}/health`, haproxy, 20_000);

    // Fixtures, through the load balancer.
    const app = remote();
    [approver, reviewer, admin, finance, finance2] = await Promise.all([DEMO.approver, DEMO.reviewer, DEMO.admin, DEMO.finance, DEMO.finance2].map((email) => login(app, email)));
    programId = (await openProgram(app, approver.auth, { fullCoverageThresholdFen: 0 })).id;
    const lab = await admittedProvider(app, '330402');
    serviceId = (await listService(app, lab.auth, PRICE_FEN)).id;
    const holders = await Promise.all([0, 1].map(() => registerOrganization(app, { kind: 'enterprise', regionCode: '330402' })));
    sharedVouchers = await Promise.all(holders.map(async (h) => ({ voucherId: (await issueVoucher(app, h.auth, reviewer.auth, approver.auth, programId, VOUCHER_FACE_FEN)).voucherId, auth: h.auth })));
    // Two settlement batches, each holding one approved claim, closed and approved: ready to be paid (four eyes: admin closes, finance approves, finance2 pays).
    const people = { lab: lab.auth, reviewer: reviewer.auth, approver: approver.auth, finance: finance.auth };
    const batches = await Promise.all([0, 1].map(() => batchWithClaim(app, people, serviceId)));
    for (const b of batches) {
      await settlementStep(app, admin.auth, b.batchId, 'close').expect(200);
      await settlementStep(app, finance.auth, b.batchId, 'approve').expect(200);
      payments.push({ batchId: b.batchId, claimId: b.claimId, answers: [] });
    }
    applicants = await Promise.all(Array.from({ length: 9 }, () => registerOrganization(app, { kind: 'enterprise', regionCode: '330402' })));
    deckOwner = holders[0].auth;
    // Accounts nobody signed in to yet (the guard counts by e-mail, known or not).
    throttled = [0, 1].map((i) => `throttle${i}.${randomBytes(4).toString('hex')}@test.g60.cn`);

    await run();
  });

  afterAll(async () => {
    const attempt = async (fn: () => Promise<unknown>) => fn().catch((err) => note(`clean-up: ${String(err)}`));
    for (const w of workers) await attempt(() => killHard(w));
    for (const a of apis) if (a) await attempt(() => stopGracefully(a, 5000));
    if (haproxy) await attempt(() => stopGracefully(haproxy, 3000));
    for (const q of queues.values()) await attempt(() => q.close());
    queueRedis?.disconnect();
    await redis.stop();
    await attempt(async () => pool?.end());
    await attempt(async () => db?.drop());
    for (const d of dataDirs) rmSync(d, { recursive: true, force: true });
  });

  /** One login round against one account: 12 wrong passwords, alternately on each API process (not the balancer). */
  async function throttleRound(email: string): Promise<number[]> {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i += 1) {
      const res = await traffic.call(direct(i % 2), 'POST', '/api/v1/auth/login', undefined, { email, password: `${TEST_PASSWORD}-wrong` });
      statuses.push(res.status);
    }
    return statuses;
  }

  /** Time until three requests in a row through the balancer answer 200 (an authenticated read: database and routing). */
  async function balancerRecovered(since: number): Promise<number> {
    let streak = 0;
    for (;;) {
      const res = await traffic.call(lb, 'GET', '/api/v1/me', approver.auth);
      streak = res.status === 200 ? streak + 1 : 0;
      if (streak === 3) return Date.now();
      if (Date.now() - since > 60_000) throw new Error('the balancer did not recover within 60 s');
      await sleep(50);
    }
  }

  /** Kills API 1 and measures the balancer's recovery; resolves with the replacement's start (run alongside the rest). */
  async function killApi(): Promise<Promise<void>> {
    const victim = apis[0];
    killed.add(victim);
    const at = await killHard(victim);
    const recoveredAt = await balancerRecovered(at);
    faults.push({ name: 'API kill -9', at, recoveredAt, detail: `one of two API processes; HAProxy routes to the other` });
    note(`API killed; balancer answering 3×200 after ${recoveredAt - at} ms`);
    const restart = Date.now();
    return startApi(0).then(() => note(`replacement API healthy ${Date.now() - restart} ms after its start`));
  }

  /**
   * Kills a worker while it holds a job, as chaos scenario 1 does: an application of its own (the deciders leave it
   * alone) is approved at the district stage while this test holds the application's row, so the job that enters
   * the next stage (it locks that row) blocks inside its transaction on whichever worker took it. That worker dies;
   * the other one must finish every job it held within 10 s of the kill.
   */
  async function killWorker(): Promise<Promise<unknown>> {
    const trap = await apply(applicants[applicants.length - 2].auth, false);
    const [task] = await waitRows(`SELECT id FROM approval_tasks WHERE case_id = $1 AND stage_key = 'district_review' AND status = 'open'`, [trap.caseId], 'the trap application’s review task');
    const locker = await pool.connect();
    let victim: ChildApp | undefined;
    let held: { queue: QueueName; id: string }[] = [];
    try {
      await locker.query('BEGIN');
      await locker.query('SELECT id FROM voucher_applications WHERE id = $1 FOR UPDATE', [trap.id]);
      const lockerPid = (await locker.query('SELECT pg_backend_pid() AS pid')).rows[0].pid as number;
      const decided = await traffic.keyed(lb, 'POST', `/api/v1/approval-tasks/${task.id}/decision`, reviewer.auth, { decision: 'approve' });
      if (decided.status !== 200) throw new Error(`trap decision: ${decided.status} ${JSON.stringify(decided.body)}`);
      const deadline = Date.now() + 20_000;
      while (!victim) {
        const blocked = await sql(`SELECT 1 FROM pg_stat_activity WHERE $1::int = ANY(pg_blocking_pids(pid))`, [lockerPid]);
        if (blocked.length) {
          for (const w of workers.filter((x) => !killed.has(x) && isRunning(x))) {
            const jobs = await activeJobsOf(w.child.pid);
            if (jobs.length) [victim, held] = [w, jobs];
          }
        }
        if (Date.now() > deadline) throw new Error('no worker blocked on the trap application within 20 s');
        if (!victim) await sleep(50);
      }
      killed.add(victim);
      const at = await killHard(victim);
      held = await activeJobsOf(victim.child.pid);
      // The dead worker's session may still wait on the row; it must not run its statement once the row is free.
      await sql(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE $1::int = ANY(pg_blocking_pids(pid))`, [lockerPid]);
      await locker.query('ROLLBACK');
      applications.push({ id: trap.id, caseId: trap.caseId, submitStatus: trap.submitStatus });
      let recoveredAt = at;
      for (const { queue: name, id } of held) {
        const job = await finishedJob(name, id);
        const doneAfterKillMs = (job?.finishedOn ?? Infinity) - at;
        orphanedJobs.push({ queue: name, id, doneAfterKillMs, state: job ? await queue(name).getJobState(id) : 'unfinished' });
        recoveredAt = Math.max(recoveredAt, job?.finishedOn ?? Infinity);
      }
      faults.push({ name: 'worker kill -9', at, recoveredAt, detail: `${held.length} job(s) held by the killed worker, each done by the other worker` });
      note(`worker killed holding ${held.length} job(s); done ${orphanedJobs.map((j) => j.doneAfterKillMs).join(', ')} ms after the kill`);
    } finally {
      await locker.query('ROLLBACK').catch(() => undefined);
      locker.release();
    }
    return startWorker();
  }

  async function finishedJob(name: QueueName, id: string): Promise<Job | undefined> {
    const q = queue(name);
    const until = Date.now() + 30_000;
    while (Date.now() < until) {
      const state = await q.getJobState(id);
      if (state === 'completed' || state === 'failed') return q.getJob(id);
      await sleep(100);
    }
    return undefined;
  }

  async function waitRows(text: string, params: unknown[], what: string, timeoutMs = 20_000): Promise<Row[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const rows = await sql(text, params);
      if (rows.length) return rows;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await sleep(50);
    }
  }

  /**
   * SENTINEL FAILOVER promotes the replica. Recovered when the sentinel names the new master, a login through the
   * balancer is counted (the throttle runs on Redis) and a voucher application submitted after the failover has
   * reached its first review task (outbox relay → BullMQ → a worker, all on the new master).
   */
  async function failRedisOver(): Promise<void> {
    // The same probe on a healthy deployment first: how long it takes on this machine without a failover.
    const before = Date.now();
    await firstTask(await apply(applicants[applicants.length - 3].auth), before);
    const probeMs = Date.now() - before;
    const probe = applicants[applicants.length - 1];
    const at = Date.now();
    await redis.sentinel('failover', MASTER_NAME);
    await redis.until(async () => (await redis.masterAddress()) === redis.replicaPort, 20_000, 'the sentinel to name the replica master');
    const promotedAt = Date.now();
    for (;;) {
      // An attempt on an unknown account is answered 401 once the throttle (on Redis) has counted it; 503 while it cannot.
      const res = await traffic.call(lb, 'POST', '/api/v1/auth/login', undefined, { email: `failover.${randomBytes(4).toString('hex')}@test.g60.cn`, password: 'not-the-password' });
      if (res.status === 401) break;
      if (Date.now() - at > 60_000) throw new Error(`login after the failover: ${res.status}`);
      await sleep(100);
    }
    const loginAt = Date.now();
    await firstTask(await apply(probe.auth), at);
    const recoveredAt = Date.now();
    faults.push({
      name: 'Redis master failover',
      at,
      recoveredAt,
      detail: `replica promoted after ${promotedAt - at} ms; login counted after ${loginAt - at} ms; a new application's first task after ${recoveredAt - at} ms (the same probe took ${probeMs} ms just before the failover)`,
    });
    note(`Redis failed over: ${faults[faults.length - 1].detail}`);
  }

  /** Waits for the application's first review task (its submission's job ran on a worker). */
  async function firstTask(made: { caseId: string | null }, since: number): Promise<void> {
    for (;;) {
      const [task] = await sql(`SELECT 1 FROM approval_tasks WHERE case_id = $1 AND stage_key = 'district_review'`, [made.caseId]);
      if (task) return;
      if (Date.now() - since > 60_000) throw new Error(`no review task for case ${made.caseId} after 60 s`);
      await sleep(50);
    }
  }

  /** Applies and submits; `track` hands the case to the deciders at once. */
  async function apply(auth: Auth, track = true): Promise<{ id: string; caseId: string | null; submitStatus: number }> {
    const draft = await traffic.keyed(lb, 'POST', '/api/v1/voucher-applications', auth, { programId, requestedFen: APPLICATION_FEN, purpose: '扩容演练：材料检测' });
    if (draft.status !== 201) throw new Error(`application: ${draft.status} ${JSON.stringify(draft.body)}`);
    const submitted = await traffic.keyed(lb, 'POST', `/api/v1/voucher-applications/${draft.body.id}/submit`, auth, {});
    const made = { id: draft.body.id as string, caseId: (submitted.body?.caseId ?? null) as string | null, submitStatus: submitted.status };
    if (track) applications.push(made);
    return made;
  }

  /** The workload and the faults, for a bounded time. */
  async function run(): Promise<void> {
    let running = true;
    let deciding = true;
    const loops: Promise<void>[] = [];

    // Orders on two shared vouchers: 6 clients, most orders cancelled again so that the vouchers stay contended.
    for (let c = 0; c < 6; c += 1) {
      loops.push(
        (async () => {
          while (running) {
            const v = sharedVouchers[c % 2];
            const res = await traffic.keyed(lb, 'POST', '/api/v1/service-orders', v.auth, { serviceId, voucherId: v.voucherId, quantity: 1 });
            orders.push({ key: res.key, status: res.status, orderId: res.status === 201 ? res.body.id : undefined, code: res.body?.code, attempts: res.attempts });
            if (res.status === 201 && Math.random() < 0.7) await traffic.keyed(lb, 'POST', `/api/v1/service-orders/${res.body.id}/cancel`, v.auth, {});
            await sleep(50);
          }
        })(),
      );
    }

    // Applications: one every ~2 s from its own enterprise (the last three are the failover's probes and the worker trap).
    loops.push(
      (async () => {
        for (const a of applicants.slice(0, -3)) {
          if (!running) break;
          await apply(a.auth);
          await sleep(2000);
        }
      })(),
    );

    // Deciders: the district reviewer and the city approver approve every task of the run's applications.
    for (const decider of [reviewer, approver]) {
      loops.push(
        (async () => {
          const decided = new Set<string>();
          while (deciding) {
            const inbox = await traffic.call(lb, 'GET', '/api/v1/approval-tasks', decider.auth);
            const ours = new Set(applications.map((a) => a.caseId));
            if (inbox.status === 200) {
              for (const task of inbox.body as { id: string; caseId: string }[]) {
                if (!ours.has(task.caseId) || decided.has(task.id)) continue;
                const res = await traffic.keyed(lb, 'POST', `/api/v1/approval-tasks/${task.id}/decision`, decider.auth, { decision: 'approve' });
                if (res.status === 200 || res.status === 409) decided.add(task.id);
              }
            }
            await sleep(200);
          }
        })(),
      );
    }

    try {
      throttleRounds.push(await throttleRound(throttled[0]));
      await sleep(1500);
      // Payments race while the first API dies: four payers per batch, each with its own key, through the balancer.
      const paying = Promise.all(
        payments.map(async (p) => {
          const answers = await Promise.all([0, 1, 2, 3].map(() => traffic.keyed(lb, 'POST', `/api/v1/settlement-batches/${p.batchId}/pay`, finance2.auth, { paymentReference: `JXCZ-${randomBytes(3).toString('hex')}` })));
          p.answers = answers.map((a) => ({ status: a.status, code: a.body?.code }));
        }),
      );
      // Replacements start while the next faults run (a fault during a start-up is one more case to survive).
      const replacements = [await killApi()];
      await paying;
      await sleep(1500);
      replacements.push(await killWorker());
      await sleep(1500);
      await failRedisOver();
      await Promise.all(replacements);
      await sleep(1000);
      throttleRounds.push(await throttleRound(throttled[1]));
      await deckAcrossApis();
    } finally {
      running = false;
      const settled = Promise.all(loops);
      const deadline = Date.now() + 60_000;
      while (Date.now() < deadline && !(await allIssued())) await sleep(250);
      drained = { ok: await allIssued(), detail: JSON.stringify(await sql(`SELECT status, count(*)::int AS n FROM voucher_applications WHERE id = ANY($1) GROUP BY status`, [applications.map((a) => a.id)])) };
      deciding = false;
      await settled;
    }
  }

  async function allIssued(): Promise<boolean> {
    if (!applications.length) return false;
    const [row] = await sql(`SELECT count(*)::int AS n FROM voucher_applications WHERE id = ANY($1) AND status = 'issued'`, [applications.map((a) => a.id)]);
    return row.n === applications.length;
  }

  /** A deck uploaded through API 1 is read through API 2 (each has its own EMBEDDED_DATA_DIR). */
  async function deckAcrossApis(): Promise<void> {
    const pdf = Buffer.from(`%PDF-1.4\n% scale-out ${randomBytes(8).toString('hex')}\ntrailer <<>>\n%%EOF\n`);
    const project = await request(direct(0)).post('/api/v1/roadshow-projects').set(deckOwner).send({
      title: '多进程路演材料', summary: '扩容演练', industry: 'new_materials', stage: 'series_a', financingAskFen: 1_000_000_000, regionCode: '330402', team: [{ name: '李文博', role: 'CEO' }],
    });
    if (project.status !== 201) throw new Error(`project: ${project.status} ${JSON.stringify(project.body)}`);
    const uploaded = await request(direct(0)).post(`/api/v1/roadshow-projects/${project.body.id}/deck`).set(deckOwner).attach('deck', pdf, { filename: 'deck.pdf', contentType: 'application/pdf' });
    const downloaded = await request(direct(1))
      .get(`/api/v1/roadshow-projects/${project.body.id}/deck`)
      .set(deckOwner)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    deck = {
      uploaded: uploaded.status,
      downloaded: downloaded.status,
      same: Buffer.isBuffer(downloaded.body) && downloaded.body.equals(pdf),
      // A 404 here is what a deck store on each API's own disk answers.
      detail: downloaded.status === 200 ? '' : (Buffer.isBuffer(downloaded.body) ? downloaded.body.toString('utf8') : JSON.stringify(downloaded.body)).slice(0, 300),
    };
  }

  it('every process it did not kill is still running: the APIs and workers followed the failover by themselves', () => {
    const survivors = [...apis, ...workers].filter((p) => !killed.has(p));
    expect(survivors.map((p) => ({ pid: p.child.pid, running: isRunning(p) }))).toEqual(survivors.map((p) => ({ pid: p.child.pid, running: true })));
    expect(survivors).toHaveLength(4);
    expect(isRunning(haproxy)).toBe(true);
  });

  it('recovers within 10 s of each fault', () => {
    const report = faults.map((f) => ({ name: f.name, recoveryMs: f.recoveredAt - f.at }));
    note(`recovery: ${report.map((r) => `${r.name} ${r.recoveryMs} ms (at +${faults.find((f) => f.name === r.name)!.at - faults[0].at} ms)`).join('; ')}`);
    expect(report.map((r) => r.name)).toEqual(['API kill -9', 'worker kill -9', 'Redis master failover']);
    for (const r of report) expect({ name: r.name, withinBudget: r.recoveryMs < RECOVERY_BUDGET_MS }).toEqual({ name: r.name, withinBudget: true });
    // The killed worker held jobs, and the other worker completed every one of them.
    expect(orphanedJobs.length).toBeGreaterThan(0);
    for (const j of orphanedJobs) expect({ id: j.id, state: j.state, inBudget: j.doneAfterKillMs < RECOVERY_BUDGET_MS }).toEqual({ id: j.id, state: 'completed', inBudget: true });
  });

  it('keeps the ledger invariants: conservation, no over-spend, nothing paid twice', async () => {
    const checks: Check[] = await ledgerInvariantChecks((text, params) => sql(text, params));
    expect(checks.filter((c) => !c.ok)).toEqual([]);
    expect(checks.length).toBeGreaterThanOrEqual(10);
  });

  it('orders on the shared vouchers: one order per acknowledged key, none from keys that failed, within the face value', async () => {
    const placed = orders.filter((o) => o.status === 201);
    expect(placed.length).toBeGreaterThan(5);
    expect(orders.filter((o) => ![201, 409, 422].includes(o.status))).toEqual([]);
    const ids = placed.map((o) => o.orderId);
    expect(new Set(ids).size).toBe(ids.length);
    const rows = await sql(`SELECT id FROM service_orders WHERE voucher_id = ANY($1)`, [sharedVouchers.map((v) => v.voucherId)]);
    expect(rows.map((r) => r.id).sort()).toEqual([...ids].sort());
    const [held] = await sql(
      `SELECT count(*)::int AS over FROM vouchers v JOIN ledger_accounts h ON h.id = v.held_account_id JOIN ledger_accounts a ON a.id = v.available_account_id
        WHERE v.id = ANY($1) AND (h.balance_fen + a.balance_fen > v.face_value_fen OR h.balance_fen < 0 OR a.balance_fen < 0)`,
      [sharedVouchers.map((v) => v.voucherId)],
    );
    expect(held.over).toBe(0);
  });

  it('racing payments: each batch paid exactly once, the other payers refused', async () => {
    for (const p of payments) {
      expect(p.answers.map((a) => a.status).sort()).toEqual([200, 409, 409, 409]);
      const [claim] = await sql(`SELECT status FROM redemption_claims WHERE id = $1`, [p.claimId]);
      expect(claim.status).toBe('paid');
      const [pays] = await sql(`SELECT count(*)::int AS n FROM ledger_transactions WHERE kind = 'pay' AND reference_id = $1`, [p.claimId]);
      expect(pays.n).toBe(1);
    }
  });

  it('no approval lost or doubled: every application issued once, one case, each stage decided once', async () => {
    expect(drained).toEqual({ ok: true, detail: expect.any(String) });
    expect(applications.length).toBeGreaterThanOrEqual(5);
    expect(applications.filter((a) => a.submitStatus !== 200)).toEqual([]);
    const ids = applications.map((a) => a.id);
    const perApplication = await sql(
      `SELECT a.id, a.status,
              (SELECT count(*)::int FROM approval_cases c WHERE c.subject_id::text = a.id::text) AS cases,
              (SELECT count(*)::int FROM vouchers v WHERE v.application_id = a.id) AS vouchers,
              (SELECT count(*)::int FROM ledger_transactions t JOIN vouchers v ON t.reference_id = v.id::text WHERE v.application_id = a.id AND t.kind = 'commit') AS commits
         FROM voucher_applications a WHERE a.id = ANY($1) ORDER BY a.id`,
      [ids],
    );
    expect(perApplication).toEqual([...ids].sort().map((id) => ({ id, status: 'issued', cases: 1, vouchers: 1, commits: 1 })));
    const stages = await sql(
      `SELECT t.case_id, t.stage_key, count(DISTINCT t.id)::int AS tasks, count(d.id)::int AS decisions, bool_and(d.decision = 'approve') AS approved
         FROM approval_tasks t LEFT JOIN approval_decisions d ON d.task_id = t.id
        WHERE t.case_id = ANY($1) GROUP BY t.case_id, t.stage_key`,
      [applications.map((a) => a.caseId)],
    );
    expect(stages.filter((s) => s.tasks !== 1 || s.decisions !== 1 || s.approved !== true)).toEqual([]);
    expect(stages.filter((s) => s.stage_key === 'city_approval')).toHaveLength(applications.length);
  });

  it('answers no 5xx outside the fault windows', () => {
    const windows = faults.map((f) => [f.at, f.recoveredAt] as const);
    const failures = traffic.log.filter((e) => e.status === 0 || e.status >= 500);
    const outside = failures.filter((e) => !windows.some(([from, to]) => e.end >= from && e.start <= to));
    note(`${traffic.log.length} requests; ${failures.length} without an answer or 5xx, ${outside.length} of them outside a fault window`);
    // Each listed with its time from the first fault, to place it against faults (printed above).
    expect(outside.map((e) => `${e.method} ${e.path} ${e.status} ${e.code ?? ''} at +${e.start - faults[0].at}..${e.end - faults[0].at} ms`)).toEqual([]);
    expect(traffic.log.length).toBeGreaterThan(100);
  });

  it('counts sign-in attempts across both API processes: the limit holds for the deployment, before and after the failover', () => {
    const expected = [...Array(LOGIN_LIMIT).fill(401), ...Array(12 - LOGIN_LIMIT).fill(429)];
    expect(throttleRounds).toEqual([expected, expected]);
  });

  it('start-up asks the sentinels for the master, and names what it tried when none knows it', async () => {
    expect(await sentinelMaster(redis.settings)).toEqual({ host: '127.0.0.1', port: redis.replicaPort });
    await expect(sentinelMaster({ ...redis.settings, REDIS_SENTINEL_MASTER: 'no-such-master' })).rejects.toThrow(
      `No sentinel named the Redis master (REDIS_SENTINELS, REDIS_SENTINEL_MASTER): 127.0.0.1:${redis.sentinelPort} does not know the master "no-such-master"`,
    );
    const nobody = await freePort();
    await expect(sentinelMaster({ ...redis.settings, redisSentinels: [{ host: '127.0.0.1', port: nobody }] })).rejects.toThrow(`127.0.0.1:${nobody}: `);
  });

  it('serves through one API process a deck uploaded through the other', () => {
    expect(deck).toEqual({ uploaded: 200, downloaded: 200, same: true, detail: '' });
  });
});
