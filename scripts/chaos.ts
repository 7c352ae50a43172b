/**
 * Chaos run (`npm run test:chaos`): boots the COMPILED app as separate processes (dist/src/api.js and
 * dist/src/worker.js) on a fresh database and its own queue prefix, drives provider admissions through
 * the approval pipeline, injects faults and checks that the system resumes by itself within 30 s:
 *
 *   1. kill -9 one of two workers repeatedly (restarting it each time) during the approval pipeline, each time
 *      while it holds a job: the other worker must finish the killed worker's jobs within 10 s of the kill;
 *   2. restart Redis with `shutdown nosave` (every queue key is lost): the outbox sweeper must re-publish;
 *   3. restart PostgreSQL (`pg_ctlcluster … restart`): API and worker must reconnect by themselves;
 *   4. kill -9 the API during a burst of registrations carrying Idempotency-Key; replay each one.
 *
 * It RESTARTS THE SHARED PostgreSQL AND REDIS: run it alone. See docs/chaos.md.
 * Settings (optional): CHAOS_ADMIN_URL (postgres://postgres@127.0.0.1:5432/postgres), CHAOS_REDIS_URL
 * (redis://127.0.0.1:6379), CHAOS_KEEP_DB=1, CHAOS_SCENARIOS=1,4 (only those; 1 and 4 leave the shared
 * services alone). Exit code 1 on any failed check.
 */
import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { deleteKeysWithPrefix } from '../src/platform/queue/redis-keys';
import { QueueName } from '../src/platform/queue/queue.registry';
import { ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { Client, Pool } from 'pg';
import { makeUscc, USCC_CHARSET } from '../packages/shared/uscc';
import { DRILL_ENV } from './drill-env';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '..', '..');
const ADMIN_URL = process.env.CHAOS_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.CHAOS_REDIS_URL ?? 'redis://127.0.0.1:6379';
const KEEP_DB = ['1', 'true', 'yes'].includes(String(process.env.CHAOS_KEEP_DB ?? '').toLowerCase());
const DEMO_PASSWORD = 'G60-demo-2026';
const RECOVERY_BUDGET_MS = 30_000;
/** A killed worker's jobs must be done by another worker within this long of the kill (WORKER_LOCK_MS + WORKER_STALLED_CHECK_MS, defaults). */
const JOB_RETRY_BUDGET_MS = 10_000;
const SCENARIOS = (process.env.CHAOS_SCENARIOS ?? '1,2,3,4').split(',').map((n) => Number(n.trim()));
const GLOBAL_TIMEOUT_MS = 12 * 60_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const randInt = (min: number, max: number) => min + Math.floor(Math.random() * (max - min + 1));
const log = (m: string) => process.stderr.write(`[chaos ${new Date().toISOString().slice(11, 23)}] ${m}\n`);

// ------------------------------------------------------------------ services (shared PostgreSQL / Redis)

const PG_VERSION = () => readdirSync('/etc/postgresql').sort().pop() as string;

async function pgctl(action: 'start' | 'stop' | 'restart'): Promise<void> {
  await run('pg_ctlcluster', ['--skip-systemctl-redirect', PG_VERSION(), 'main', action], { timeout: 60_000 });
}

async function pgReady(): Promise<boolean> {
  try {
    await run('pg_isready', ['-h', '127.0.0.1', '-q'], { timeout: 5_000 });
    return true;
  } catch {
    return false;
  }
}

async function redisPing(): Promise<boolean> {
  try {
    const { stdout } = await run('redis-cli', ['-p', '6379', 'ping'], { timeout: 5_000 });
    return stdout.trim() === 'PONG';
  } catch {
    return false;
  }
}

async function redisStart(): Promise<void> {
  for (const dir of ['/var/lib/redis', '/var/log/redis']) if (!existsSync(dir)) mkdirSync(dir, { recursive: true });
  await run(
    'redis-server',
    ['--daemonize', 'yes', '--bind', '127.0.0.1', '-::1', '--port', '6379', '--save', '', '--appendonly', 'no', '--dir', '/var/lib/redis', '--logfile', '/var/log/redis/ci.log'],
    { timeout: 10_000 },
  );
  for (let i = 0; i < 100 && !(await redisPing()); i += 1) await sleep(100);
}

async function redisStop(): Promise<void> {
  await run('redis-cli', ['-p', '6379', 'shutdown', 'nosave'], { timeout: 10_000 }).catch(() => undefined);
  for (let i = 0; i < 100 && (await redisPing()); i += 1) await sleep(100);
}

/** Leaves both services running whatever happened. */
async function restoreServices(): Promise<void> {
  if (!(await pgReady())) {
    log('restoring PostgreSQL');
    await pgctl('start').catch((err) => log(`pg start failed: ${String(err)}`));
    for (let i = 0; i < 100 && !(await pgReady()); i += 1) await sleep(200);
  }
  if (!(await redisPing())) {
    log('restoring Redis');
    await redisStart().catch((err) => log(`redis start failed: ${String(err)}`));
  }
}

// ------------------------------------------------------------------ child processes (copied from test/support/child-app.ts)

interface ChildApp {
  role: 'api' | 'worker';
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function spawnApp(role: 'api' | 'worker', env: Record<string, string>): ChildApp {
  let output = '';
  const child = spawn(process.execPath, [path.join(ROOT, 'dist', 'src', `${role}.js`)], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (d: Buffer) => {
    output += d.toString();
    if (output.length > 200_000) output = output.slice(-100_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { role, child, output: () => output, exited };
}

const alive = (app: ChildApp) => app.child.exitCode === null && app.child.signalCode === null;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

// ------------------------------------------------------------------ HTTP

interface Answer {
  status: number;
  body: any;
  replayed?: boolean;
}

async function http(base: string, method: string, p: string, headers: Record<string, string> = {}, body?: unknown, timeoutMs = 15_000): Promise<Answer> {
  try {
    const res = await fetch(`${base}${p}`, {
      method,
      headers: { 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* keep the text */
    }
    return { status: res.status, body: parsed, replayed: res.headers.get('idempotent-replayed') === 'true' };
  } catch (err) {
    return { status: 0, body: { error: String((err as Error).message ?? err) } };
  }
}

// ------------------------------------------------------------------ registration body (copied from test/support/factories.ts)

function uniqueUscc(division: string): string {
  const body = Array.from(randomBytes(9), (b) => USCC_CHARSET[b % USCC_CHARSET.length]).join('');
  return makeUscc('91', division, body);
}

function registrationBody(name: string) {
  const regionCode = '310000';
  return {
    kind: 'provider',
    organization: { name, uscc: uniqueUscc(regionCode), regionCode, providerKind: 'third_party_lab', accreditations: ['CMA'] },
    user: { email: `chaos.${randomBytes(6).toString('hex')}@chaos.g60.cn`, password: 'Passw0rd-for-chaos', displayName: '混沌测试' },
  };
}

// ------------------------------------------------------------------ the cluster

class Cluster {
  readonly tag = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  readonly dbName = `g60_chaos_${this.tag}`;
  readonly queuePrefix = `g60chaos-${this.tag}`;
  databaseUrl!: string;
  base!: string;
  env!: Record<string, string>;
  pool!: Pool;
  api?: ChildApp;
  workers: ChildApp[] = [];
  readonly graveyard: ChildApp[] = [];
  partner = '';

  async createDatabase(): Promise<void> {
    const admin = new Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${this.dbName}"`);
    await admin.end();
    const url = new URL(ADMIN_URL);
    url.pathname = `/${this.dbName}`;
    this.databaseUrl = url.toString();
    this.pool = new Pool({ connectionString: this.databaseUrl, max: 4, application_name: 'g60-chaos', connectionTimeoutMillis: 3_000 });
    this.pool.on('error', () => undefined); // idle clients die on the PostgreSQL restart
    const port = await freePort();
    this.base = `http://127.0.0.1:${port}`;
    this.env = {
      // WORKER_LOCK_MS and WORKER_STALLED_CHECK_MS keep their defaults: scenario 1 checks the deployed retry time.
      ...DRILL_ENV,
      DATABASE_URL: this.databaseUrl,
      REDIS_URL,
      QUEUE_PREFIX: this.queuePrefix,
      JWT_SECRET: randomBytes(48).toString('base64url'),
      JWT_ACCESS_TTL_SECONDS: '86400',
      PORT: String(port),
      // The default lease (60 s) would answer 409 IDEMPOTENCY_IN_PROGRESS to replays for longer than the 30 s budget.
      IDEMPOTENCY_LEASE_MS: '5000',
      LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
      SHUTDOWN_TIMEOUT_MS: '5000',
    };
  }

  async sql(text: string, params: unknown[] = []): Promise<any[]> {
    return (await this.pool.query(text, params)).rows;
  }

  async health(): Promise<number> {
    return (await http(this.base, 'GET', '/health', {}, undefined, 4_000)).status;
  }

  async startApi(seed = false): Promise<ChildApp> {
    const api = spawnApp('api', { ...this.env, SEED_DEMO: seed ? 'true' : 'false' });
    this.api = api;
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline && alive(api)) {
      if ((await this.health()) === 200) return api;
      await sleep(200);
    }
    throw new Error(`API did not become healthy. Output:\n${api.output().slice(-3000)}`);
  }

  /** Resolves once the worker's outbox relay LISTENs (it is up), as the worker-crash spec does. */
  async startWorker(): Promise<ChildApp> {
    const [{ t }] = await this.sql(`SELECT clock_timestamp() AS t`);
    const worker = spawnApp('worker', { ...this.env, PORT: '0' });
    this.workers.push(worker);
    const deadline = Date.now() + 45_000;
    for (;;) {
      const rows = await this.sql(
        `SELECT 1 FROM pg_stat_activity WHERE datname = $1 AND application_name = 'g60-outbox-listen' AND backend_start >= $2`,
        [this.dbName, t],
      ).catch(() => []);
      if (rows.length > 0) return worker;
      if (!alive(worker) || Date.now() > deadline) throw new Error(`worker did not start. Output:\n${worker.output().slice(-3000)}`);
      await sleep(100);
    }
  }

  async kill9(app: ChildApp): Promise<void> {
    if (alive(app)) app.child.kill('SIGKILL');
    await app.exited;
    this.workers = this.workers.filter((w) => w !== app);
    this.graveyard.push(app);
  }

  async stopAll(): Promise<void> {
    const all = [...this.workers, ...(this.api ? [this.api] : [])];
    for (const app of all) if (alive(app)) app.child.kill('SIGTERM');
    await Promise.race([Promise.all(all.map((a) => a.exited)), sleep(8_000)]);
    for (const app of all) if (alive(app)) app.child.kill('SIGKILL');
    await Promise.race([Promise.all(all.map((a) => a.exited)), sleep(3_000)]);
  }

  async login(email: string, password = DEMO_PASSWORD): Promise<string> {
    const res = await http(this.base, 'POST', '/api/v1/auth/login', {}, { email, password });
    if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.accessToken as string;
  }
}

// ------------------------------------------------------------------ workload

interface Registration {
  key: string;
  body: ReturnType<typeof registrationBody>;
  first?: Answer;
  orgId?: string;
  answers: Answer[];
}

/** POST /auth/register with an Idempotency-Key until 201 (transient: no answer, 5xx, 409 in progress). */
async function registerUntilDone(c: Cluster, reg: Registration, deadline: number): Promise<void> {
  for (;;) {
    const res = await http(c.base, 'POST', '/api/v1/auth/register', { 'Idempotency-Key': reg.key }, reg.body, 20_000);
    reg.answers.push(res);
    if (res.status === 201) {
      const id = res.body?.organization?.id as string | undefined;
      if (reg.orgId && id !== reg.orgId) reg.orgId = `MISMATCH:${reg.orgId}/${id}`;
      else reg.orgId = id;
      return;
    }
    const transient = res.status === 0 || res.status >= 500 || (res.status === 409 && res.body?.code === 'IDEMPOTENCY_IN_PROGRESS');
    if (!transient || Date.now() > deadline) return;
    await sleep(300);
  }
}

/** Approves every open review task the partner sees, whatever state the cluster is in. */
class Decider {
  private running = true;
  private loop?: Promise<void>;
  readonly decided = new Map<string, number>();
  readonly errors: string[] = [];

  start(c: Cluster): void {
    this.loop = (async () => {
      while (this.running) {
        const inbox = await http(c.base, 'GET', '/api/v1/approval-tasks?limit=200', { Authorization: `Bearer ${c.partner}` });
        if (inbox.status === 200 && Array.isArray(inbox.body)) {
          for (const task of inbox.body as { id: string }[]) {
            if (!this.running) break;
            if (this.decided.get(task.id) === 200) continue;
            const res = await http(c.base, 'POST', `/api/v1/approval-tasks/${task.id}/decision`, { Authorization: `Bearer ${c.partner}` }, { decision: 'approve' });
            this.decided.set(task.id, res.status);
            if (res.status !== 200 && res.status !== 0 && res.status < 500 && this.errors.length < 20) {
              this.errors.push(`${task.id}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
            }
          }
        }
        await sleep(150);
      }
    })();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }
}

// ------------------------------------------------------------------ checks

interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

interface ScenarioResult {
  name: string;
  faults: string;
  recoveryMs: number | null;
  checks: Check[];
  notes: string[];
}

/** Every provider of the scenario approved with its outcome applied, nothing pending in the outbox, /health 200. */
async function converged(c: Cluster, pattern: string): Promise<boolean> {
  try {
    const [row] = await c.sql(
      `SELECT count(*)::int AS orgs,
              count(*) FILTER (WHERE k.status = 'approved' AND k.outcome_applied_at IS NOT NULL)::int AS done,
              (SELECT count(*)::int FROM outbox WHERE processed_at IS NULL AND cancelled_at IS NULL) AS pending
         FROM organizations o LEFT JOIN approval_cases k ON k.subject_type = 'provider_admission' AND k.subject_id::text = o.id::text
        WHERE o.name LIKE $1`,
      [pattern],
    );
    return row.orgs > 0 && row.orgs === row.done && row.pending === 0 && (await c.health()) === 200;
  } catch {
    return false;
  }
}

async function waitConverged(c: Cluster, pattern: string, faultEnded: number, budgetMs = RECOVERY_BUDGET_MS): Promise<number | null> {
  while (Date.now() - faultEnded <= budgetMs) {
    if (await converged(c, pattern)) return Date.now() - faultEnded;
    await sleep(200);
  }
  return null;
}

async function effectChecks(c: Cluster, pattern: string, regs: Registration[]): Promise<Check[]> {
  const checks: Check[] = [];
  const add = (name: string, bad: unknown[], detail?: string) =>
    checks.push({ name, ok: bad.length === 0, detail: detail ?? (bad.length ? JSON.stringify(bad.slice(0, 3)).slice(0, 300) : 'ok') });
  const orgs = await c.sql(`SELECT id::text FROM organizations WHERE name LIKE $1`, [pattern]);
  const orgIds = orgs.map((o) => o.id as string);
  const acked = regs.filter((r) => r.orgId).map((r) => r.orgId as string);
  const unanswered = regs.filter((r) => !r.orgId || r.orgId.startsWith('MISMATCH'));
  add('every registration ended 201 (same organisation on every answer)', unanswered.map((r) => ({ key: r.key, last: r.answers.at(-1) })), `${acked.length}/${regs.length} registered`);
  add('every acknowledged organisation exists', acked.filter((id) => !orgIds.includes(id)));
  add('one organisation per registration (no duplicate)', orgIds.length === regs.length ? [] : [{ orgs: orgIds.length, registrations: regs.length }], `${orgIds.length} organisations for ${regs.length} keys`);
  add(
    'every provider has exactly one approval case',
    await c.sql(
      `SELECT o.id, count(k.id)::int AS n FROM organizations o LEFT JOIN approval_cases k ON k.subject_type = 'provider_admission' AND k.subject_id::text = o.id::text
        WHERE o.name LIKE $1 GROUP BY o.id HAVING count(k.id) <> 1`,
      [pattern],
    ),
  );
  const cases = await c.sql(
    `SELECT k.id::text, k.status, k.outcome, k.outcome_applied_at, o.admission_status, o.id::text AS org_id FROM approval_cases k
       JOIN organizations o ON o.id::text = k.subject_id::text WHERE k.subject_type = 'provider_admission' AND o.name LIKE $1`,
    [pattern],
  );
  const caseIds = cases.map((k) => k.id as string);
  add('every case approved, outcome applied, provider active', cases.filter((k) => k.status !== 'approved' || k.outcome !== 'approved' || !k.outcome_applied_at || k.admission_status !== 'active'));
  add(
    'one task per review stage (and a review task exists)',
    await c.sql(
      `SELECT k.id, count(t.id)::int AS n, count(DISTINCT (t.revision, t.stage_index, t.kind))::int AS d FROM approval_cases k
         LEFT JOIN approval_tasks t ON t.case_id = k.id WHERE k.id::text = ANY($1::text[]) GROUP BY k.id HAVING count(t.id) <> count(DISTINCT (t.revision, t.stage_index, t.kind)) OR count(t.id) = 0`,
      [caseIds],
    ),
  );
  add('all decisions are approvals, one per stage', await c.sql(
    `SELECT case_id, revision, stage_index, count(*)::int AS n, array_agg(decision) AS d FROM approval_decisions WHERE case_id::text = ANY($1::text[])
      GROUP BY 1, 2, 3 HAVING count(*) <> 1 OR bool_or(decision <> 'approve')`,
    [caseIds],
  ));
  add('one approval_case.outcome_applied audit row per case', await c.sql(
    `SELECT k.id, count(a.id)::int AS n FROM approval_cases k LEFT JOIN audit_events a ON a.subject_type = 'approval_case' AND a.subject_id::text = k.id::text
        AND a.action = 'approval_case.outcome_applied' WHERE k.id::text = ANY($1::text[]) GROUP BY k.id HAVING count(a.id) <> 1`,
    [caseIds],
  ));
  add('one provider.admission.activate audit row per provider', await c.sql(
    `SELECT o.id, count(a.id)::int AS n FROM organizations o LEFT JOIN audit_events a ON a.subject_id::text = o.id::text AND a.action = 'provider.admission.activate'
      WHERE o.name LIKE $1 GROUP BY o.id HAVING count(a.id) <> 1`,
    [pattern],
  ));
  add('one approval.approved notification per provider', await c.sql(
    `SELECT o.id, count(n.id)::int AS n FROM organizations o JOIN users u ON u.organization_id = o.id
       LEFT JOIN notifications n ON n.user_id = u.id AND n.kind = 'approval.approved' WHERE o.name LIKE $1 GROUP BY o.id HAVING count(n.id) <> 1`,
    [pattern],
  ));
  add('no outbox row left unprocessed (except cancelled)', await c.sql(
    `SELECT id, job_name, published_at, publish_count, last_error FROM outbox WHERE processed_at IS NULL AND cancelled_at IS NULL ORDER BY id LIMIT 5`,
  ));
  add('notifications unique per dedup key', await c.sql(
    `SELECT user_id, dedup_key, count(*)::int AS n FROM notifications WHERE dedup_key IS NOT NULL GROUP BY 1, 2 HAVING count(*) > 1`,
  ));
  const health = await c.health();
  add('/health 200', health === 200 ? [] : [health], String(health));
  return checks;
}

// ------------------------------------------------------------------ scenarios

/** Runs a registrar during `fault`, then waits for convergence and checks the effects. */
async function scenario(
  c: Cluster,
  name: string,
  n: number,
  fault: (notes: string[], track: (reg: Registration) => void) => Promise<string>,
  afterFault?: (notes: string[], faultEnded: number) => Promise<void>,
): Promise<ScenarioResult> {
  const sTag = `s${name.slice(0, 1)}`;
  const pattern = `混沌检测技术${c.tag}${sTag}n%`;
  const notes: string[] = [];
  const regs: Registration[] = [];
  let faulting = true;
  const regDeadline = () => Date.now() + RECOVERY_BUDGET_MS;
  // One registration every 300 ms while the fault runs (at least n), each retried with its key.
  const registrar = (async () => {
    const pending: Promise<void>[] = [];
    for (let i = 0; i < n || (faulting && i < 4 * n); i += 1) {
      const reg: Registration = { key: `chaos-${c.tag}-${sTag}-${i}-${randomUUID()}`, body: registrationBody(`混沌检测技术${c.tag}${sTag}n${i}有限公司`), answers: [] };
      regs.push(reg);
      pending.push(registerUntilDone(c, reg, regDeadline()));
      await sleep(300);
    }
    await Promise.all(pending);
  })();
  log(`${name}: starting`);
  await sleep(1_500);
  let faults = '';
  let faultEnded = Date.now();
  try {
    faults = await fault(notes, (reg) => regs.push(reg));
    faultEnded = Date.now();
  } finally {
    faulting = false;
  }
  log(`${name}: fault over (${faults}); waiting for recovery`);
  if (afterFault) await afterFault(notes, faultEnded);
  await registrar;
  const recoveryMs = await waitConverged(c, pattern, faultEnded);
  // Give a duplicate delivery (stall re-check, sweep) the chance to show up before counting effects.
  await sleep(2_500);
  const checks = await effectChecks(c, pattern, regs).catch((err): Check[] => [{ name: 'effect checks ran', ok: false, detail: String(err).slice(0, 300) }]);
  checks.unshift({ name: 'resumed by itself within 30 s', ok: recoveryMs !== null, detail: recoveryMs === null ? 'NOT within 30 s' : `${(recoveryMs / 1000).toFixed(1)} s` });
  return { name, faults, recoveryMs, checks, notes };
}

/** The queues of the cluster's prefix, read directly from Redis (which jobs a worker holds, when they finished). */
class QueueProbe {
  private readonly redis = new IORedis(REDIS_URL, { maxRetriesPerRequest: null });
  private readonly queues = new Map<string, Queue>();

  constructor(private readonly prefix: string) {}

  queue(name: string): Queue {
    let q = this.queues.get(name);
    if (!q) this.queues.set(name, (q = new Queue(name, { connection: this.redis, prefix: this.prefix })));
    return q;
  }

  /** Jobs that BullMQ lists as active with the process `pid` as their holder (the worker names itself host:pid). */
  async heldBy(pid: number | undefined): Promise<{ queue: string; id: string; name: string }[]> {
    const held: { queue: string; id: string; name: string }[] = [];
    for (const name of Object.values(QueueName)) {
      for (const job of await this.queue(name).getActive()) if (job?.id && job.processedBy?.endsWith(`:${pid}`)) held.push({ queue: name, id: job.id, name: job.name });
    }
    return held;
  }

  /** When the job's last attempt started and when it finished (its worker's clock), once it has; null if not within `timeoutMs`. */
  async finishedOn(queue: string, id: string, timeoutMs: number): Promise<{ state: string; processedOn: number; finishedOn: number } | null> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const state = await this.queue(queue).getJobState(id);
      if (state === 'completed' || state === 'failed') {
        const job = await this.queue(queue).getJob(id);
        if (job?.finishedOn) return { state, processedOn: job.processedOn ?? job.finishedOn, finishedOn: job.finishedOn };
      }
      await sleep(50);
    }
    return null;
  }

  async close(): Promise<void> {
    for (const q of this.queues.values()) await q.close().catch(() => undefined);
    this.redis.disconnect();
  }
}

/**
 * Makes a worker hold a job at the moment of the kill. Registers a provider, then holds its row: every job of an
 * admission locks that row in the subject's hook (review started, notice started, admitted), so the case's next
 * job, after the decider's approval, blocks on it inside its transaction. Returns the worker holding an approvals
 * job then, or undefined when none was caught in time (the kill then hits the first worker).
 */
async function trapJob(c: Cluster, probe: QueueProbe, locker: Client, reg: Registration): Promise<ChildApp | undefined> {
  await registerUntilDone(c, reg, Date.now() + RECOVERY_BUDGET_MS);
  if (!reg.orgId) return undefined;
  await locker.query('BEGIN');
  // Waits while the case's first job holds the row; the decision's job then waits for this transaction.
  await locker.query(`SET LOCAL lock_timeout = '10s'`);
  const locked = await locker.query('SELECT id FROM organizations WHERE id = $1 FOR UPDATE', [reg.orgId]).then(() => true, () => false);
  if (!locked) {
    await locker.query('ROLLBACK');
    return undefined;
  }
  const lockerPid = (await locker.query('SELECT pg_backend_pid() AS pid')).rows[0].pid as number;
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const blocked = await c.sql(`SELECT 1 FROM pg_stat_activity WHERE $1::int = ANY(pg_blocking_pids(pid))`, [lockerPid]);
    if (blocked.length > 0) {
      for (const w of c.workers) if ((await probe.heldBy(w.child.pid)).some((j) => j.queue === QueueName.Approvals)) return w;
    }
    await sleep(50);
  }
  return undefined;
}

async function scenarioWorkerKills(c: Cluster): Promise<ScenarioResult> {
  const probe = new QueueProbe(c.queuePrefix);
  const locker = new Client({ connectionString: c.databaseUrl, application_name: 'g60-chaos-locker' });
  await locker.connect();
  const retries: { kill: number; job: string; startedAfterKillMs: number | null; afterKillMs: number | null }[] = [];
  let trapped = 0;
  try {
    // Two workers: one is killed, the other must take over the killed worker's jobs.
    if (c.workers.filter(alive).length < 2) await c.startWorker();
    const result = await scenario(c, '1 worker kill -9 ×5', 12, async (notes, track) => {
      let kills = 0;
      for (let i = 0; i < 5; i += 1) {
        await sleep(randInt(500, 2000));
        const reg: Registration = { key: `chaos-${c.tag}-s1-trap${i}-${randomUUID()}`, body: registrationBody(`混沌检测技术${c.tag}s1ntrap${i}有限公司`), answers: [] };
        track(reg);
        const holder = await trapJob(c, probe, locker, reg);
        const victim = holder ?? c.workers[0];
        if (!victim) continue;
        if (holder) trapped += 1;
        const killedAt = Date.now();
        await c.kill9(victim);
        kills += 1;
        const held = await probe.heldBy(victim.child.pid);
        await locker.query('ROLLBACK').catch(() => undefined);
        const replacement = c.startWorker();
        for (const job of held) {
          const done = await probe.finishedOn(job.queue, job.id, 20_000);
          retries.push({ kill: i + 1, job: `${job.name} ${job.id}`, startedAfterKillMs: done ? done.processedOn - killedAt : null, afterKillMs: done ? done.finishedOn - killedAt : null });
        }
        await replacement;
      }
      notes.push(`kills that caught a job in the act (a provider's row held while its decision's job ran): ${trapped}/${kills}`);
      return `${kills} × kill -9 of one of two workers (0.5–2 s apart, each while holding a job), restarted each time`;
    });
    const slow = retries.filter((r) => r.afterKillMs === null || r.afterKillMs >= JOB_RETRY_BUDGET_MS);
    const worst = Math.max(...retries.map((r) => r.afterKillMs ?? Infinity));
    result.checks.unshift({
      name: `every job a killed worker held was done by another worker within ${JOB_RETRY_BUDGET_MS / 1000} s of the kill`,
      ok: retries.length > 0 && slow.length === 0,
      detail: retries.length === 0 ? 'no killed worker held a job: not exercised' : slow.length ? `too slow: ${JSON.stringify(slow.slice(0, 3))}` : `${retries.length} job(s), slowest ${(worst / 1000).toFixed(1)} s after its kill`,
    });
    const seconds = (ms: number | null) => (ms === null ? 'never' : `${(ms / 1000).toFixed(1)} s`);
    result.notes.push(`killed workers' jobs, retry started / done after the kill: ${retries.map((r) => `${seconds(r.startedAfterKillMs)} / ${seconds(r.afterKillMs)}`).join(', ') || 'none'}`);
    return result;
  } finally {
    await locker.query('ROLLBACK').catch(() => undefined);
    await locker.end().catch(() => undefined);
    await probe.close();
  }
}

async function scenarioRedisRestart(c: Cluster): Promise<ScenarioResult> {
  let selfReconnected = true;
  const result = await scenario(
    c,
    '2 Redis restart (nosave)',
    10,
    async (notes) => {
      await sleep(1_000);
      await redisStop();
      await sleep(2_000);
      await redisStart();
      notes.push('Redis came back empty (shutdown nosave)');
      return 'Redis shutdown nosave, down ~2 s, started empty';
    },
    async (notes, faultEnded) => {
      // Give the existing processes 20 s to reconnect and the sweeper to re-publish; restart the worker if they do not.
      const pattern = `混沌检测技术${c.tag}s2n%`;
      const ok = (await waitConverged(c, pattern, faultEnded, 20_000)) !== null;
      if (!ok) {
        selfReconnected = false;
        notes.push('no convergence 20 s after Redis came back: worker restarted by the chaos script');
        for (const w of [...c.workers]) await c.kill9(w);
        await c.startWorker();
      }
      notes.push(`worker reconnected to Redis by itself: ${ok ? 'yes' : 'NO'}; worker process alive throughout: ${c.workers.every(alive) ? 'yes' : 'no'}`);
      const [{ n }] = await c.sql(`SELECT count(*)::int AS n FROM outbox WHERE publish_count > 1`).catch(() => [{ n: '?' }]);
      notes.push(`outbox rows published more than once (sweeper re-publications, all time): ${n}`);
    },
  );
  result.checks.push({ name: 'worker reconnected to Redis without a restart', ok: selfReconnected, detail: selfReconnected ? 'yes' : 'no' });
  return result;
}

async function scenarioPgRestart(c: Cluster): Promise<ScenarioResult> {
  const before = { api: c.api, workers: [...c.workers] };
  const result = await scenario(c, '3 PostgreSQL restart', 10, async () => {
    await sleep(1_000);
    const t = Date.now();
    await pgctl('restart');
    return `pg_ctlcluster restart (${((Date.now() - t) / 1000).toFixed(1)} s)`;
  });
  const survived = !!before.api && alive(before.api) && before.workers.every(alive) && c.api === before.api;
  result.notes.push(`API and worker processes survived and reconnected without restart: ${survived ? 'yes' : 'NO'}`);
  const [{ n: listening }] = await c.sql(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND application_name = 'g60-outbox-listen'`, [c.dbName]).catch(() => [{ n: '?' }]);
  result.notes.push(`outbox LISTEN connections after the restart: ${listening} (worker processes: ${c.workers.filter(alive).length}); 0 = relay runs on OUTBOX_POLL_MS polling only`);
  result.checks.push({ name: 'API and worker reconnected to PostgreSQL by themselves (same processes)', ok: survived, detail: survived ? 'yes' : 'no' });
  return result;
}

async function scenarioApiKill(c: Cluster): Promise<ScenarioResult> {
  const sTag = 's4';
  const pattern = `混沌检测技术${c.tag}${sTag}n%`;
  const notes: string[] = [];
  const regs: Registration[] = Array.from({ length: 40 }, (_, i) => ({
    key: `chaos-${c.tag}-${sTag}-${i}-${randomUUID()}`,
    body: registrationBody(`混沌检测技术${c.tag}${sTag}n${i}有限公司`),
    answers: [],
  }));
  log('4 API kill -9: burst of 40 registrations');
  const burst = regs.map(async (reg, i) => {
    await sleep(i * 50);
    reg.first = await http(c.base, 'POST', '/api/v1/auth/register', { 'Idempotency-Key': reg.key }, reg.body, 20_000);
    if (reg.first.status === 201) reg.orgId = reg.first.body.organization.id;
  });
  // Kill once some registrations have committed (and more are in flight), so both paths are exercised:
  // committed before the crash (replay must return the stored organisation) and never committed (replay creates it).
  const killAfter = randInt(3, 12);
  const until = Date.now() + 10_000;
  while (Date.now() < until) {
    const [{ n }] = await c.sql(`SELECT count(*)::int AS n FROM organizations WHERE name LIKE $1`, [pattern]).catch(() => [{ n: 0 }]);
    if (n >= killAfter) break;
    await sleep(20);
  }
  await c.kill9(c.api as ChildApp);
  await Promise.all(burst);
  const committedBefore = await c.sql(`SELECT count(*)::int AS n FROM organizations WHERE name LIKE $1`, [pattern]);
  const firstOk = regs.filter((r) => r.first?.status === 201).length;
  const lostCommitted = regs.filter((r) => r.first?.status !== 201).length - (regs.length - committedBefore[0].n);
  notes.push(`killed after ≥${killAfter} commits; committed but answer lost in the crash: ${lostCommitted}`);
  notes.push(`first attempts: ${firstOk} answered 201, ${regs.length - firstOk} lost/failed (${[...new Set(regs.map((r) => r.first?.status))].join('/')}); ${committedBefore[0].n} organisations committed before the replay`);
  await c.startApi(false);
  const faultEnded = Date.now();
  log('4: API restarted; replaying every request with its key');
  await Promise.all(regs.map((reg) => registerUntilDone(c, reg, Date.now() + RECOVERY_BUDGET_MS)));
  const replayedStored = regs.filter((r) => r.answers.some((a) => a.replayed)).length;
  const retried409 = regs.filter((r) => r.answers.some((a) => a.status === 409)).length;
  notes.push(`replays: ${replayedStored} served the stored response (Idempotent-Replayed), ${regs.length - replayedStored} ran the handler; ${retried409} saw 409 IDEMPOTENCY_IN_PROGRESS (lease) before 201`);
  const bad = regs.filter((r) => r.answers.some((a) => a.status !== 201 && a.status !== 409 && a.status !== 0 && a.status < 500));
  const recoveryMs = await waitConverged(c, pattern, faultEnded);
  await sleep(2_500);
  const checks = await effectChecks(c, pattern, regs).catch((err): Check[] => [{ name: 'effect checks ran', ok: false, detail: String(err).slice(0, 300) }]);
  checks.unshift({ name: 'resumed by itself within 30 s', ok: recoveryMs !== null, detail: recoveryMs === null ? 'NOT within 30 s' : `${(recoveryMs / 1000).toFixed(1)} s` });
  checks.push({
    name: 'no replay answered a non-transient error (e.g. 409 ALREADY_EXISTS, 422)',
    ok: bad.length === 0,
    detail: bad.length ? JSON.stringify(bad.slice(0, 3).map((r) => r.answers.map((a) => `${a.status} ${a.body?.code ?? ''}`))) : 'ok',
  });
  return { name: '4 API kill -9 in a register burst', faults: `1 × kill -9 API, ${regs.length} keyed registrations in flight`, recoveryMs, checks, notes };
}

// ------------------------------------------------------------------ main

async function main(): Promise<number> {
  if (!existsSync(path.join(ROOT, 'dist', 'src', 'api.js'))) throw new Error('dist/src/api.js missing: run npm run build');
  await restoreServices();
  const c = new Cluster();
  const results: ScenarioResult[] = [];
  let decider: Decider | undefined;
  let exitCode = 1;
  const guard = setTimeout(() => {
    log(`global timeout ${GLOBAL_TIMEOUT_MS / 1000} s: aborting`);
    void cleanup().finally(() => process.exit(1));
  }, GLOBAL_TIMEOUT_MS);

  let cleaned: Promise<void> | undefined;
  const cleanup = () =>
    (cleaned ??= (async () => {
      await decider?.stop().catch(() => undefined);
      await c.stopAll().catch(() => undefined);
      await restoreServices();
      await c.pool?.end().catch(() => undefined);
      if (KEEP_DB) log(`kept database ${c.dbName}, queue prefix ${c.queuePrefix}`);
      else {
        const admin = new Client({ connectionString: ADMIN_URL });
        await admin.connect().catch(() => undefined);
        await admin.query(`DROP DATABASE IF EXISTS "${c.dbName}" WITH (FORCE)`).catch((err) => log(`drop failed: ${String(err)}`));
        await admin.end().catch(() => undefined);
        await deleteKeysWithPrefix(REDIS_URL, c.queuePrefix).catch(() => undefined);
      }
    })());

  try {
    await c.createDatabase();
    log(`database ${c.dbName}, queue prefix ${c.queuePrefix}`);
    await c.startApi(true); // first boot: migrations + demo logins
    await c.startWorker();
    const admin = await c.login('admin@demo.g60.cn');
    c.partner = await c.login('partner@demo.g60.cn');
    const published = await http(c.base, 'POST', '/api/v1/workflow-definitions', { Authorization: `Bearer ${admin}` }, {
      key: 'provider_admission',
      name: 'provider_admission (chaos)',
      subjectType: 'provider_admission',
      stages: [
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
      ],
    });
    if (published.status !== 201) throw new Error(`publish workflow: ${published.status} ${JSON.stringify(published.body)}`);
    decider = new Decider();
    decider.start(c);

    for (const s of [scenarioWorkerKills, scenarioRedisRestart, scenarioPgRestart, scenarioApiKill].filter((_, i) => SCENARIOS.includes(i + 1))) {
      let r: ScenarioResult;
      try {
        r = await s(c);
      } catch (err) {
        r = { name: s.name, faults: '?', recoveryMs: null, checks: [{ name: 'scenario ran', ok: false, detail: String((err as Error).stack ?? err).slice(0, 500) }], notes: [] };
      }
      // Whatever the scenario did, the next one starts from running services and processes.
      await restoreServices();
      if (!c.api || !alive(c.api)) await c.startApi(false).catch((err) => r.notes.push(`API restart failed: ${String(err).slice(0, 200)}`));
      if (c.workers.filter(alive).length === 0) await c.startWorker().catch((err) => r.notes.push(`worker restart failed: ${String(err).slice(0, 200)}`));
      results.push(r);
      log(`${r.name}: ${r.checks.every((k) => k.ok) ? 'PASS' : 'FAIL'}`);
    }
    if (decider.errors.length) results.at(-1)?.notes.push(`decider saw: ${decider.errors.slice(0, 3).join('; ')}`);

    const out: string[] = ['', `# Chaos run ${c.tag}`, '', '| scenario | faults injected | time to recover | checks | result |', '|---|---|---:|---:|---|'];
    for (const r of results) {
      const passed = r.checks.filter((k) => k.ok).length;
      out.push(`| ${r.name} | ${r.faults} | ${r.recoveryMs === null ? '> 30 s' : `${(r.recoveryMs / 1000).toFixed(1)} s`} | ${passed}/${r.checks.length} | ${passed === r.checks.length ? 'PASS' : '**FAIL**'} |`);
    }
    for (const r of results) {
      out.push('', `## ${r.name}`, '', ...r.checks.map((k) => `- [${k.ok ? 'x' : ' '}] ${k.name}: ${k.detail}`), ...r.notes.map((n) => `- note: ${n}`));
    }
    const failed = results.some((r) => r.checks.some((k) => !k.ok));
    if (failed) {
      for (const app of [...c.graveyard, ...c.workers, ...(c.api ? [c.api] : [])]) {
        const tail = app.output().split('\n').filter((l) => /error|warn|fail/i.test(l)).slice(-5);
        if (tail.length) out.push('', `### ${app.role} pid ${app.child.pid} (last warnings)`, '```', ...tail.map((l) => l.slice(0, 400)), '```');
      }
    }
    out.push('', failed ? 'CHAOS FAILED' : 'CHAOS PASSED');
    process.stdout.write(`${out.join('\n')}\n`);
    exitCode = failed ? 1 : 0;
  } catch (err) {
    log(`aborted: ${(err as Error).stack ?? String(err)}`);
    exitCode = 1;
  } finally {
    await cleanup();
    clearTimeout(guard);
  }
  return exitCode;
}

main().then(
  (code) => process.exit(code),
  async (err) => {
    process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
    await restoreServices().catch(() => undefined);
    process.exit(1);
  },
);
