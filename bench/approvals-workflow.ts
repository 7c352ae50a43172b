import { randomBytes } from 'node:crypto';
import * as os from 'node:os';
import { Client } from 'pg';
import { makeUscc, USCC_CHARSET } from '../packages/shared/uscc';
import { Role } from '../src/platform/context/actor';
import { outboxJobId } from '../src/platform/outbox/outbox-writer';
import { JobName, QueueName } from '../src/platform/queue/queue.registry';
import { QueueService } from '../src/platform/queue/queue.service';
import { DEMO_LOGINS, DEMO_PASSWORD } from '../src/seed/seed-demo';
import { bullmqNoopRate, bullmqStageFloorRate, pgCommitRate } from './baselines';
import { BenchContext, BenchRow, BenchTemplate, bootBenchApp, Bracketed, infoRow, JsonClient, machineTimes, mapLimit, nowMs, ratioRow, redisPrefix, sleep, waitUntil } from './lib';

/**
 * The approvals workflow alone (voucher applications, 创新券申领): every enterprise is registered, signed in
 * and has its draft application before anything is timed. Then, on the Redis queue backend:
 *
 * 1. Backlog: N applications are submitted while the approvals queue is paused; the queue is resumed and the
 *    workers' drain is timed (pre-check + district review task). The district reviewer then approves all N
 *    (paused again; drain: city approval task), then the city approver (drain: approved, voucher issued). System
 *    stage transitions per second over the drains, against BullMQ no-op jobs/s at the same concurrency.
 * 2. Latency: R applications submitted at a fixed rate (20/s, open loop) with the workers running; per case,
 *    from sending the submission to its first review task being visible, split into its parts.
 *
 * While the workers drain, the app's database sessions are sampled (pg_stat_activity), with the process's
 * and the machine's CPU, so the figures say where the time goes.
 */

export type Auth = Record<string, string>;

export async function demoLogin(http: JsonClient, role: Role): Promise<Auth> {
  const user = DEMO_LOGINS.find((l) => l.role === role);
  if (!user) throw new Error(`no demo login for ${role}`);
  const body = await http.expect<{ accessToken: string }>(200, 'POST', '/api/v1/auth/login', { email: user.email, password: DEMO_PASSWORD });
  return { Authorization: `Bearer ${body.accessToken}` };
}

/** A registration body: a provider or an enterprise in `regionCode`, with a random USCC and a unique e-mail. */
export function registrationBody(kind: 'provider' | 'enterprise', regionCode: string, tag: string) {
  const body9 = Array.from(randomBytes(9), (b) => USCC_CHARSET[b % USCC_CHARSET.length]).join('');
  const provider = kind === 'provider';
  return {
    kind,
    organization: {
      name: `基准${provider ? '检测技术' : '新材料科技'}${tag}有限公司`,
      uscc: makeUscc('91', regionCode, body9),
      regionCode,
      ...(provider ? { providerKind: 'third_party_lab', accreditations: ['CMA'] } : {}),
    },
    user: { email: `bench.${tag}@bench.g60.cn`, password: 'Bench-passw0rd-2026', displayName: '基准用户' },
  };
}

/** Nanhu district of Jiaxing: the demo reviewer's district, in the issuing city of the demo approver. */
const NANHU = '330402';
const REQUESTED_FEN = 100_000;
/** Per case: pre-check entered, district review entered, city approval entered, approved. */
const TRANSITION_ACTIONS = ['approval_case.stage_entered', 'approval_case.approved'];
const TRANSITIONS_PER_CASE = 4;
/** As the seeded voucher workflow, without its SLA timers (each review stage with an SLA adds two delayed jobs). */
const STAGES = [
  { key: 'precheck', name: '自动预审', kind: 'precheck' },
  { key: 'district_review', name: '区县科技局初审', kind: 'review', deciderRoles: [Role.Reviewer], regionScope: 'subject_district' },
  { key: 'city_approval', name: '市科技局审批', kind: 'review', deciderRoles: [Role.Approver], regionScope: 'subject_city' },
];

interface Workload {
  backlog: number;
  paced: number;
  ratePerSecond: number;
  noopJobs: number;
  commitMs: number;
}

function workload(ctx: BenchContext): Workload {
  return ctx.quick ? { backlog: 30, paced: 40, ratePerSecond: 20, noopJobs: 500, commitMs: 500 } : { backlog: 200, paced: 200, ratePerSecond: 20, noopJobs: 5_000, commitMs: 3_000 };
}

export async function workflowOnly(ctx: BenchContext, template: BenchTemplate): Promise<BenchRow[]> {
  const w = workload(ctx);
  const db = await template.clone('approvals_workflow');
  const floorDb = await template.clone('approvals_workflow_floor');
  const floorPrefix = redisPrefix(ctx, 'approvals-workflow-floor');
  const noop = new Bracketed(() =>
    bullmqNoopRate({ kind: 'redis', redisUrl: ctx.redisUrl, prefix: floorPrefix }, { queueName: 'bench-noop', concurrency: ctx.concurrency, jobs: w.noopJobs, warmupJobs: Math.ceil(w.noopJobs / 10) }),
  );
  const commits = new Bracketed(() => pgCommitRate(floorDb.url, { clients: ctx.concurrency, durationMs: w.commitMs, warmupMs: w.commitMs / 5 }));
  // What any design that commits each stage change from a queue job keeps of the no-op pace here (bench/baselines.ts).
  const stageFloor = new Bracketed(() =>
    bullmqStageFloorRate({ kind: 'redis', redisUrl: ctx.redisUrl, prefix: floorPrefix }, floorDb.url, { queueName: 'bench-stage-floor', concurrency: ctx.concurrency, jobs: w.noopJobs, warmupJobs: Math.ceil(w.noopJobs / 10) }),
  );
  ctx.log('workflow only: baselines (before)');
  await noop.sample();
  await commits.sample();
  await stageFloor.sample();
  const run = await runWorkflow(ctx, db.url, redisPrefix(ctx, 'approvals-workflow'), w);
  ctx.log('workflow only: baselines (after)');
  await noop.sample();
  await commits.sample();
  await stageFloor.sample();
  await db.drop();
  await floorDb.drop();
  ctx.log(`workflow only: no-op jobs/s ${noop.spread}; commits/s ${commits.spread}; stage floor jobs/s ${stageFloor.spread}`);

  const tag = '(workflow only, queue=redis)';
  const noopName = `BullMQ no-op jobs/s on redis, concurrency ${ctx.concurrency}`;
  const commitName = `PG single-row commits/s, ${ctx.concurrency} clients`;
  const drainSeconds = run.drains.reduce((s, d) => s + d.elapsedMs, 0) / 1000;
  const transitions = run.drains.reduce((s, d) => s + d.transitions, 0);
  const jobs = run.drains.reduce((s, d) => s + d.jobs.length, 0);
  const allJobs = run.drains.flatMap((d) => d.jobs);
  const busyMs = allJobs.reduce((s, j) => s + j.runMs, 0);
  const rows: BenchRow[] = [
    ratioRow('approvals', `system stage transitions/s, backlog drained ${tag}`, transitions / drainSeconds, 'transitions/s', noopName, noop.samples),
    ratioRow('approvals', `system stage transitions/s, backlog drained ${tag}`, transitions / drainSeconds, 'transitions/s', commitName, commits.samples),
    ratioRow('approvals', `approvals jobs/s, backlog drained ${tag}`, jobs / drainSeconds, 'jobs/s', noopName, noop.samples),
    ratioRow('approvals', `floor: the least a system stage writes, one statement per BullMQ job, transitions/s ${tag}`, mean(stageFloor.samples), 'transitions/s', noopName, noop.samples),
    infoRow('approvals', `system stage transitions/s ÷ that floor ${tag}`, transitions / drainSeconds / mean(stageFloor.samples), '×'),
    infoRow('approvals', `cases in the backlog ${tag}`, w.backlog, 'cases'),
    infoRow('approvals', `queue jobs per case, submission → voucher issued ${tag}`, run.jobsPerCase, 'jobs'),
    ...run.drains.flatMap((d) => [
      infoRow('approvals', `drain ${d.label}: ${d.transitions / w.backlog} transition(s) per case ${tag}`, d.elapsedMs / 1000, 's'),
      ...d.waits.slice(0, 3).map(([what, share]) => infoRow('approvals', `drain ${d.label}: in-transaction DB session time ${what} ${tag}`, share * 100, '%')),
    ]),
    infoRow('approvals', `job run time p50 in the drains ${tag}`, percentile(allJobs.map((j) => j.runMs), 0.5), 'ms'),
    infoRow('approvals', `job run time p99 in the drains ${tag}`, percentile(allJobs.map((j) => j.runMs), 0.99), 'ms'),
    infoRow('approvals', `workers busy in the drains, of ${ctx.concurrency} ${tag}`, busyMs / (drainSeconds * 1000), 'workers'),
    infoRow('approvals', `app process CPU in the drains ${tag}`, run.processCpu, 'cores'),
    infoRow('approvals', `machine CPU busy in the drains, ${os.cpus().length} cores ${tag}`, run.machineCpu * 100, '%'),
    infoRow('approvals', `app DB sessions in a transaction in the drains (mean) ${tag}`, run.sessions.mean, 'sessions'),
    ...run.sessions.shares.slice(0, 6).map(([what, share]) => infoRow('approvals', `all drains: in-transaction DB session time ${what} ${tag}`, share * 100, '%')),
    infoRow('approvals', `submissions sent at ${w.ratePerSecond}/s (achieved) ${tag}`, run.paced.achievedRate, 'submissions/s'),
    infoRow('approvals', `cases submitted at ${w.ratePerSecond}/s ${tag}`, w.paced, 'cases'),
  ];
  for (const [part, values] of Object.entries(run.paced.parts)) {
    rows.push(infoRow('approvals', `${part} p50 at ${w.ratePerSecond} submissions/s ${tag}`, percentile(values, 0.5), 'ms'));
    rows.push(infoRow('approvals', `${part} p99 at ${w.ratePerSecond} submissions/s ${tag}`, percentile(values, 0.99), 'ms'));
  }
  return rows;
}

interface Enterprise {
  auth: Auth;
  applicationId: string;
}

interface JobTiming {
  waitMs: number;
  runMs: number;
}

interface Drain {
  label: string;
  elapsedMs: number;
  transitions: number;
  jobs: JobTiming[];
  /** What the app's in-transaction DB sessions were doing, as shares of their sampled time. */
  waits: [string, number][];
}

interface WorkflowRun {
  drains: Drain[];
  jobsPerCase: number;
  processCpu: number;
  machineCpu: number;
  sessions: { mean: number; shares: [string, number][] };
  paced: { achievedRate: number; parts: Record<string, number[]> };
}

async function runWorkflow(ctx: BenchContext, databaseUrl: string, queuePrefix: string, w: Workload): Promise<WorkflowRun> {
  const { running, observer, shutdown } = await bootBenchApp(ctx, databaseUrl, queuePrefix, {
    QUEUE_BACKEND: 'redis',
    // Set-up only: registrations are not timed here, so their hashes may be cheap.
    PASSWORD_HASH_MEMORY_KIB: '4096',
    LOGIN_RATE_LIMIT_PER_MINUTE: '1000000',
  });
  const sampler = new Client({ connectionString: databaseUrl, application_name: 'g60-bench-sampler' });
  await sampler.connect();
  try {
    const http = new JsonClient(running.url as string);
    const [admin, approver, reviewer] = await Promise.all([demoLogin(http, Role.PlatformAdmin), demoLogin(http, Role.Approver), demoLogin(http, Role.Reviewer)]);
    await http.expect(201, 'POST', '/api/v1/workflow-definitions', { key: 'voucher_application', name: '创新券申领审批（基准）', subjectType: 'voucher_application', stages: STAGES }, admin);
    const programId = await openProgram(http, approver, (w.backlog + w.paced) * REQUESTED_FEN);
    ctx.log(`workflow only: registering ${w.backlog + w.paced} enterprises with a draft application each (not timed)`);
    const enterprises = await mapLimit(Array.from({ length: w.backlog + w.paced }, (_, i) => `${ctx.runId}e${i}`), ctx.concurrency, (tag) => enterpriseWithDraft(http, programId, tag));
    const approvals = running.app.get(QueueService).queue(QueueName.Approvals);
    const backlog = enterprises.slice(0, w.backlog);

    const [{ last }] = (await observer.query(`SELECT coalesce(max(id), 0)::text AS last FROM outbox`)).rows as { last: string }[];
    const meter = new DrainMeter(sampler, databaseUrl);
    await approvals.pause();
    ctx.log(`workflow only: ${w.backlog} submissions into the paused queue`);
    const caseIds = await mapLimit(backlog, ctx.concurrency, async (e) => (await submit(http, e)).caseId);
    const drains: Drain[] = [];
    const drain = async (label: string, fromStage: number, done: string) => {
      drains.push(await drainBacklog(ctx, observer, approvals, meter, { label, caseIds, fromStage, done }));
      await approvals.pause();
    };
    await drain('submitted → district review task', -1, `EXISTS (SELECT 1 FROM approval_tasks t WHERE t.case_id = c.id AND t.stage_index = 1)`);
    await decideAll(ctx, http, observer, reviewer, caseIds, 1);
    await drain('district approval → city approval task', 1, `EXISTS (SELECT 1 FROM approval_tasks t WHERE t.case_id = c.id AND t.stage_index = 2)`);
    await decideAll(ctx, http, observer, approver, caseIds, 2);
    await drain('city approval → approved, voucher issued', 2, `c.status = 'approved' AND c.outcome_applied_at IS NOT NULL`);

    const [check] = (
      await observer.query(
        `SELECT (SELECT count(*)::int FROM audit_events WHERE subject_type = 'approval_case' AND action = ANY($2::text[]) AND subject_id = ANY($1::text[])) AS transitions,
                (SELECT count(*)::int FROM voucher_applications WHERE case_id = ANY($1::uuid[]) AND status = 'issued') AS issued,
                (SELECT count(*)::int FROM outbox WHERE id > $3::bigint) AS jobs`,
        [caseIds, TRANSITION_ACTIONS, last],
      )
    ).rows as { transitions: number; issued: number; jobs: number }[];
    // A benchmark of a broken workflow is worthless: the exact end state is checked.
    if (check.transitions !== w.backlog * TRANSITIONS_PER_CASE) throw new Error(`expected ${w.backlog * TRANSITIONS_PER_CASE} transitions, found ${check.transitions}`);
    if (check.issued !== w.backlog) throw new Error(`expected ${w.backlog} vouchers issued, found ${check.issued}`);
    if (drains.reduce((s, d) => s + d.transitions, 0) !== check.transitions) throw new Error('transitions outside the drains');

    await approvals.resume();
    ctx.log(`workflow only: ${w.paced} submissions at ${w.ratePerSecond}/s`);
    const paced = await submitAtRate(http, observer, approvals, enterprises.slice(w.backlog), w.ratePerSecond);
    const usage = meter.summary();
    return { drains, jobsPerCase: check.jobs / w.backlog, processCpu: usage.processCpu, machineCpu: usage.machineCpu, sessions: usage.sessions, paced };
  } finally {
    await sampler.end().catch(() => undefined);
    await observer.end().catch(() => undefined);
    await shutdown();
  }
}

async function openProgram(http: JsonClient, approver: Auth, budgetFen: number): Promise<string> {
  const year = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));
  const created = await http.expect<{ id: string }>(201, 'POST', '/api/v1/programs', {
    issuingRegionCode: '330400',
    year,
    name: `基准创新券 ${randomBytes(3).toString('hex')}`,
    ratioBpByTier: { default: 5000 },
    perApplicationCapFen: 5_000_000,
    annualCapEnterpriseFen: 10_000_000,
    annualCapGroupFen: 15_000_000,
    useBy: `${year + 1}-06-30`,
    redeemBy: `${year + 1}-09-30`,
    redemptionMode: 'provider_redeems',
    settlementCycle: 'monthly',
    budgetFen,
  }, approver);
  await http.expect(200, 'POST', `/api/v1/programs/${created.id}/open`, undefined, approver);
  return created.id;
}

async function enterpriseWithDraft(http: JsonClient, programId: string, tag: string): Promise<Enterprise> {
  const body = registrationBody('enterprise', NANHU, tag);
  await http.expect(201, 'POST', '/api/v1/auth/register', body);
  const tokens = await http.expect<{ accessToken: string }>(200, 'POST', '/api/v1/auth/login', { email: body.user.email, password: body.user.password });
  const auth = { Authorization: `Bearer ${tokens.accessToken}` };
  const draft = await http.expect<{ id: string }>(201, 'POST', '/api/v1/voucher-applications', { programId, requestedFen: REQUESTED_FEN, purpose: '材料成分检测与性能测试' }, auth);
  return { auth, applicationId: draft.id };
}

function submit(http: JsonClient, e: Enterprise): Promise<{ caseId: string }> {
  return http.expect<{ caseId: string }>(200, 'POST', `/api/v1/voucher-applications/${e.applicationId}/submit`, {}, e.auth);
}

/** The decider approves the open task at `stageIndex` of every case (the queue is paused: their jobs wait). */
async function decideAll(ctx: BenchContext, http: JsonClient, observer: Client, decider: Auth, caseIds: string[], stageIndex: number): Promise<void> {
  const tasks = (await observer.query(`SELECT id::text FROM approval_tasks WHERE case_id = ANY($1::uuid[]) AND stage_index = $2 AND status = 'open'`, [caseIds, stageIndex])).rows as { id: string }[];
  if (tasks.length !== caseIds.length) throw new Error(`expected ${caseIds.length} open tasks at stage ${stageIndex}, found ${tasks.length}`);
  await mapLimit(tasks, ctx.concurrency, (t) => http.expect(200, 'POST', `/api/v1/approval-tasks/${t.id}/decision`, { decision: 'approve' }, decider));
}

type ApprovalsQueue = ReturnType<QueueService['queue']>;

/**
 * Resumes the paused approvals queue once every job of the step is in it, and times the workers until the
 * last of those jobs finished (BullMQ's own timestamps, the same clock as this process).
 */
async function drainBacklog(
  ctx: BenchContext, observer: Client, approvals: ApprovalsQueue, meter: DrainMeter,
  step: { label: string; caseIds: string[]; fromStage: number; done: string },
): Promise<Drain> {
  const rows = await waitUntil(async () => {
    const r = (await observer.query(
      `SELECT id::text, published_at FROM outbox WHERE job_name = $1 AND payload->>'caseId' = ANY($2::text[]) AND (payload->>'fromStage')::int = $3`,
      [JobName.AdvanceCase, step.caseIds, step.fromStage],
    )).rows as { id: string; published_at: Date | null }[];
    return r.length === step.caseIds.length && r.every((x) => x.published_at) ? r : undefined;
  }, 60_000, `${step.label}: every job published`);
  const transitions = async () =>
    ((await observer.query(`SELECT count(*)::int AS n FROM audit_events WHERE subject_type = 'approval_case' AND action = ANY($2::text[]) AND subject_id = ANY($1::text[])`, [step.caseIds, TRANSITION_ACTIONS])).rows[0] as { n: number }).n;
  const before = await transitions();
  ctx.log(`workflow only: draining ${rows.length} jobs (${step.label})`);
  const started = Date.now();
  meter.start();
  await approvals.resume();
  await waitUntil(async () => {
    const [{ n }] = (await observer.query(`SELECT count(*)::int AS n FROM approval_cases c WHERE c.id = ANY($1::uuid[]) AND ${step.done}`, [step.caseIds])).rows as { n: number }[];
    return n === step.caseIds.length;
  }, 120_000, step.label, 10);
  const waits = meter.stop();
  const jobs = await Promise.all(rows.map((r) => finishedJob(approvals, outboxJobId(r.id))));
  const finished = Math.max(...jobs.map((j) => j.finishedOn));
  return {
    label: step.label,
    elapsedMs: finished - started,
    transitions: (await transitions()) - before,
    jobs: jobs.map((j) => ({ waitMs: j.processedOn - Math.max(j.timestamp, started), runMs: j.finishedOn - j.processedOn })),
    waits,
  };
}

async function finishedJob(queue: ApprovalsQueue, id: string): Promise<{ timestamp: number; processedOn: number; finishedOn: number }> {
  return waitUntil(async () => {
    const job = (await queue.getJobState(id)) === 'completed' ? await queue.getJob(id) : undefined;
    return job?.finishedOn && job.processedOn ? { timestamp: job.timestamp, processedOn: job.processedOn, finishedOn: job.finishedOn } : undefined;
  }, 30_000, `job ${id} completed`);
}

/**
 * Open loop: one submission every 1/rate s whatever the answers, each case polled (every 10 ms) until its
 * first review task is visible. Parts: the submission's answer; answer → its job added to the queue (relay);
 * added → started (queue wait); started → finished (the job).
 */
async function submitAtRate(http: JsonClient, observer: Client, approvals: ApprovalsQueue, enterprises: Enterprise[], rate: number): Promise<WorkflowRun['paced']> {
  const sent = new Map<string, { sent: number; answered: number }>();
  const seen = new Map<string, number>();
  let sending = true;
  const started = Date.now();
  const submissions = Promise.all(
    enterprises.map(async (e, i) => {
      await sleep(Math.max(0, started + (i * 1000) / rate - Date.now()));
      const at = Date.now();
      const { caseId } = await submit(http, e);
      sent.set(caseId, { sent: at, answered: Date.now() });
    }),
  ).finally(() => (sending = false));
  const lastSent = submissions.then(() => Math.max(...[...sent.values()].map((s) => s.sent)));
  while (sending || seen.size < sent.size) {
    const open = [...sent.keys()].filter((id) => !seen.has(id));
    if (open.length > 0) {
      const rows = (await observer.query(
        `SELECT c.id::text, extract(epoch FROM statement_timestamp()) * 1000 AS at FROM approval_cases c
          WHERE c.id = ANY($1::uuid[]) AND EXISTS (SELECT 1 FROM approval_tasks t WHERE t.case_id = c.id)`,
        [open],
      )).rows as { id: string; at: string }[];
      for (const r of rows) seen.set(r.id, Number(r.at));
    }
    if (Date.now() - started > 120_000) throw new Error(`only ${seen.size} of ${enterprises.length} paced cases reached their first task`);
    await sleep(10);
  }
  await submissions;
  const achievedRate = (enterprises.length - 1) / (((await lastSent) - started) / 1000);
  const jobs = (await observer.query(
    `SELECT id::text, payload->>'caseId' AS case_id FROM outbox WHERE job_name = $1 AND payload->>'caseId' = ANY($2::text[]) AND payload->>'fromStage' = '-1'`,
    [JobName.AdvanceCase, [...sent.keys()]],
  )).rows as { id: string; case_id: string }[];
  const parts: Record<string, number[]> = {
    'submission → first review task visible': [],
    'submission answered (HTTP)': [],
    'answered → job in the queue (outbox relay)': [],
    'job waiting in the queue': [],
    'job running (pre-check, stages, task, notices)': [],
  };
  for (const row of jobs) {
    const s = sent.get(row.case_id) as { sent: number; answered: number };
    const job = await finishedJob(approvals, outboxJobId(row.id));
    parts['submission → first review task visible'].push((seen.get(row.case_id) as number) - s.sent);
    parts['submission answered (HTTP)'].push(s.answered - s.sent);
    parts['answered → job in the queue (outbox relay)'].push(job.timestamp - s.answered);
    parts['job waiting in the queue'].push(job.processedOn - job.timestamp);
    parts['job running (pre-check, stages, task, notices)'].push(job.finishedOn - job.processedOn);
  }
  return { achievedRate, parts };
}

/**
 * What the app does while the workers drain: its process's CPU, the machine's, and every 20 ms the state of
 * its database sessions that are inside a transaction (what they wait on, or waiting for the app itself).
 */
class DrainMeter {
  private samples = 0;
  private inTransaction = 0;
  private readonly waits = new Map<string, number>();
  private wallMs = 0;
  private cpuMs = 0;
  private machineBusy = 0;
  private machineTotal = 0;
  private stopped = true;
  private mark?: { at: number; cpu: NodeJS.CpuUsage; machine: { busy: number; total: number }; waits: Map<string, number>; inTransaction: number };

  constructor(
    private readonly client: Client,
    private readonly databaseUrl: string,
  ) {}

  start(): void {
    this.mark = { at: nowMs(), cpu: process.cpuUsage(), machine: machineTimes(), waits: new Map(this.waits), inTransaction: this.inTransaction };
    this.stopped = false;
    void this.loop();
  }

  /** Stops sampling; returns the shares of this measurement alone. */
  stop(): [string, number][] {
    this.stopped = true;
    if (!this.mark) return [];
    const cpu = process.cpuUsage(this.mark.cpu);
    const machine = machineTimes();
    this.wallMs += nowMs() - this.mark.at;
    this.cpuMs += (cpu.user + cpu.system) / 1000;
    this.machineBusy += machine.busy - this.mark.machine.busy;
    this.machineTotal += machine.total - this.mark.machine.total;
    const before = this.mark.waits;
    const delta = new Map([...this.waits].map(([k, v]) => [k, v - (before.get(k) ?? 0)]));
    const shares = DrainMeter.shares(delta, this.inTransaction - this.mark.inTransaction);
    this.mark = undefined;
    return shares;
  }

  summary(): { processCpu: number; machineCpu: number; sessions: { mean: number; shares: [string, number][] } } {
    return {
      processCpu: this.cpuMs / Math.max(1, this.wallMs),
      machineCpu: this.machineBusy / Math.max(1, this.machineTotal),
      sessions: { mean: this.inTransaction / Math.max(1, this.samples), shares: DrainMeter.shares(this.waits, this.inTransaction) },
    };
  }

  private static shares(waits: Map<string, number>, total: number): [string, number][] {
    return [...waits.entries()].filter(([, v]) => v > 0).map(([k, v]) => [k, v / Math.max(1, total)] as [string, number]).sort((a, b) => b[1] - a[1]);
  }

  private async loop(): Promise<void> {
    const database = new URL(this.databaseUrl).pathname.slice(1);
    while (!this.stopped) {
      const rows = (await this.client.query(
        `SELECT state, wait_event_type, wait_event, left(regexp_replace(query, '\s+', ' ', 'g'), 70) AS query FROM pg_stat_activity
          WHERE datname = $1 AND application_name = 'g60-platform' AND state IN ('active', 'idle in transaction')`,
        [database],
      )).rows as { state: string; wait_event_type: string | null; wait_event: string | null; query: string }[];
      if (this.stopped) return;
      this.samples += 1;
      for (const r of rows) {
        this.inTransaction += 1;
        const what = r.state === 'idle in transaction' ? 'waiting for the app (Node) between statements' : sessionWait(r.wait_event_type, r.wait_event, r.query);
        this.waits.set(what, (this.waits.get(what) ?? 0) + 1);
      }
      await sleep(20);
    }
  }
}

/** A session's wait, named; a row lock wait with the statement that waits (which row is hot). */
function sessionWait(type: string | null, event: string | null, query: string): string {
  if (!type) return 'running SQL';
  if (type === 'Lock' && event === 'advisory') return 'Lock: advisory (the audit chain)';
  if (type === 'Lock') return `Lock: ${event} in "${query}…"`;
  return `${type}: ${event}`;
}

/** Nearest rank. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

function mean(samples: number[]): number {
  return samples.reduce((a, b) => a + b, 0) / samples.length;
}
