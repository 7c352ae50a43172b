import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { Role } from '../src/platform/context/actor';
import { Auth, demoLogin, registrationBody, workflowOnly } from './approvals-workflow';
import { bullmqNoopRate, passwordHashRate, pgCommitRate, QueueBackend } from './baselines';
import {
  bootBenchApp,
  Benchmark, BenchContext, BenchRow, BenchTemplate, Bracketed, createTemplate, infoRow, JsonClient, mapLimit, nowMs, ratioRow, redisPrefix, sleep, waitUntil,
} from './lib';

/**
 * Cases advanced per second through a 3-stage provider admission (服务机构入驻) workflow:
 * automatic pre-check → review by the Shanghai partner admin (subject city) → review by the
 * platform admin. The real app runs in-process and is driven over HTTP the way clients drive
 * it: N Shanghai providers register, and two deciders approve every task as it appears in
 * their inbox. Timed from the first registration to the last case approved with its outcome
 * applied (the provider active). Run on each queue backend against that backend's floor; then the
 * workflow alone, without registrations in the timed part (approvals-workflow.ts).
 */
export const approvalsBenchmark: Benchmark = {
  name: 'approvals',
  async run(ctx) {
    const template = await createTemplate(ctx, 'approvals');
    // Every registration hashes a password (argon2id, 64 MiB): this bounds registrations/s.
    const hashes = await passwordHashRate({ parallel: ctx.concurrency, hashes: ctx.quick ? ctx.concurrency : 4 * ctx.concurrency });
    const rows: BenchRow[] = [infoRow('approvals', `argon2id password hashes/s, ${ctx.concurrency} in parallel (bounds registrations/s)`, hashes, 'hashes/s')];
    for (const backend of ['redis', 'postgres'] as const) rows.push(...(await runOnBackend(ctx, template, backend)));
    rows.push(...(await workflowOnly(ctx, template)));
    return rows;
  },
};

const SUBJECT = 'provider_admission';
const SHANGHAI = '310000';
/** Per case: stage entered ×3 (precheck, partner review, platform review) + approved. */
const TRANSITION_ACTIONS = ['approval_case.stage_entered', 'approval_case.approved'];
const TRANSITIONS_PER_CASE = 4;

const STAGES = [
  { key: 'precheck', name: '资质自动核验', kind: 'precheck' },
  { key: 'admission_review', name: '入驻审核', kind: 'review', deciderRoles: [Role.PartnerAdmin, Role.Approver], regionScope: 'subject_city' },
  { key: 'platform_review', name: '平台复核', kind: 'review', deciderRoles: [Role.PlatformAdmin], regionScope: 'platform' },
];

interface Workload {
  cases: number;
  warmupCases: number;
  /** Sized so each backend's no-op pass takes a few seconds (PostgreSQL's is ~10× slower). */
  noopJobs: Record<'redis' | 'postgres', number>;
  commitMs: number;
}

function workload(ctx: BenchContext): Workload {
  return ctx.quick
    ? { cases: 30, warmupCases: 2, noopJobs: { redis: 500, postgres: 300 }, commitMs: 500 }
    : { cases: 200, warmupCases: 10, noopJobs: { redis: 5_000, postgres: 2_000 }, commitMs: 3_000 };
}

async function runOnBackend(ctx: BenchContext, template: BenchTemplate, backend: 'redis' | 'postgres'): Promise<BenchRow[]> {
  const w = workload(ctx);
  const db = await template.clone(`approvals_${backend}`);
  // Baselines get a database and prefix of their own, so both samples start from the same state
  // and nothing the app left behind (retained jobs, table growth) weighs on the second one.
  const floorDb = await template.clone(`approvals_${backend}_floor`);
  const prefix = redisPrefix(ctx, `approvals-${backend}`);
  const floorPrefix = redisPrefix(ctx, `approvals-${backend}-floor`);
  const queueBackend: QueueBackend = backend === 'redis' ? { kind: 'redis', redisUrl: ctx.redisUrl, prefix: floorPrefix } : { kind: 'postgres', databaseUrl: floorDb.url };
  const noopJobs = w.noopJobs[backend];
  const noop = new Bracketed(() =>
    bullmqNoopRate(queueBackend, { queueName: 'bench-noop', concurrency: ctx.concurrency, jobs: noopJobs, warmupJobs: Math.ceil(noopJobs / 10) }),
  );
  const commits = new Bracketed(() => pgCommitRate(floorDb.url, { clients: ctx.concurrency, durationMs: w.commitMs, warmupMs: w.commitMs / 5 }));

  ctx.log(`${backend}: baselines (before)`);
  await noop.sample();
  await commits.sample();
  ctx.log(`${backend}: booting the app`);
  const result = await runApp(ctx, db.url, prefix, backend, w);
  ctx.log(`${backend}: baselines (after)`);
  await noop.sample();
  await commits.sample();
  await db.drop();
  await floorDb.drop();
  ctx.log(`${backend}: no-op jobs/s ${noop.spread}; commits/s ${commits.spread}`);

  const seconds = result.elapsedMs / 1000;
  const tag = `(queue=${backend})`;
  const noopName = `BullMQ no-op jobs/s on ${backend}, concurrency ${ctx.concurrency}`;
  const commitName = `PG single-row commits/s, ${ctx.concurrency} clients`;
  const casesPerS = w.cases / seconds;
  const transitionsPerS = result.transitions / seconds;
  const jobsPerS = result.jobsProcessed / seconds;
  return [
    ratioRow('approvals', `cases approved/s ${tag}`, casesPerS, 'cases/s', noopName, noop.samples),
    ratioRow('approvals', `cases approved/s ${tag}`, casesPerS, 'cases/s', commitName, commits.samples),
    ratioRow('approvals', `stage transitions/s ${tag}`, transitionsPerS, 'transitions/s', noopName, noop.samples),
    ratioRow('approvals', `stage transitions/s ${tag}`, transitionsPerS, 'transitions/s', commitName, commits.samples),
    ratioRow('approvals', `queue jobs/s ${tag}`, jobsPerS, 'jobs/s', noopName, noop.samples),
    infoRow('approvals', `cases ${tag}`, w.cases, 'cases'),
    infoRow('approvals', `elapsed, first registration → last outcome applied ${tag}`, seconds, 's'),
    infoRow('approvals', `registrations done after ${tag}`, result.registrationMs / 1000, 's'),
    infoRow('approvals', `queue jobs per case ${tag}`, result.jobsCreated / w.cases, 'jobs'),
    infoRow('approvals', `case latency p50, opened → outcome applied ${tag}`, result.latencyP50, 's'),
    infoRow('approvals', `case latency p95, opened → outcome applied ${tag}`, result.latencyP95, 's'),
  ];
}

interface AppRun {
  elapsedMs: number;
  registrationMs: number;
  transitions: number;
  jobsCreated: number;
  jobsProcessed: number;
  latencyP50: number;
  latencyP95: number;
}

async function runApp(ctx: BenchContext, databaseUrl: string, queuePrefix: string, backend: 'redis' | 'postgres', w: Workload): Promise<AppRun> {
  const { running, observer, shutdown } = await bootBenchApp(ctx, databaseUrl, queuePrefix, { QUEUE_BACKEND: backend });
  try {
    const http = new JsonClient(running.url as string);
    const [admin, partner] = await Promise.all([demoLogin(http, Role.PlatformAdmin), demoLogin(http, Role.PartnerAdmin)]);
    await http.expect(201, 'POST', '/api/v1/workflow-definitions', { key: SUBJECT, name: '服务机构入驻审核（基准）', subjectType: SUBJECT, stages: STAGES }, admin);
    const deciders = { partner, admin };

    ctx.log(`${backend}: warm-up, ${w.warmupCases} cases`);
    await advanceCases(ctx, http, observer, deciders, w.warmupCases, 'w');
    const [{ last }] = (await observer.query(`SELECT coalesce(max(id), 0)::text AS last FROM outbox`)).rows as { last: string }[];
    ctx.log(`${backend}: measuring, ${w.cases} cases`);
    const measured = await advanceCases(ctx, http, observer, deciders, w.cases, 'm');

    const [counts] = (
      await observer.query(
        `SELECT (SELECT count(*)::int FROM audit_events
                  WHERE subject_type = 'approval_case' AND action = ANY($2::text[])
                    AND subject_id IN (SELECT id::text FROM approval_cases WHERE subject_type = $3 AND subject_id = ANY($1::text[]))) AS transitions,
                (SELECT count(*)::int FROM organizations WHERE id::text = ANY($1::text[]) AND admission_status = 'active') AS active,
                (SELECT count(*)::int FROM outbox WHERE id > $4::bigint) AS jobs_created,
                (SELECT count(*)::int FROM outbox WHERE id > $4::bigint AND processed_at IS NOT NULL AND processed_at <= $5) AS jobs_processed,
                (SELECT percentile_cont(ARRAY[0.5, 0.95]) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM (outcome_applied_at - created_at)))
                   FROM approval_cases WHERE subject_type = $3 AND subject_id = ANY($1::text[])) AS latency`,
        [measured.subjectIds, TRANSITION_ACTIONS, SUBJECT, last, measured.finishedAt],
      )
    ).rows as { transitions: number; active: number; jobs_created: number; jobs_processed: number; latency: number[] }[];
    // A benchmark of a broken workflow is worthless: the exact end state is checked.
    if (counts.transitions !== w.cases * TRANSITIONS_PER_CASE) throw new Error(`expected ${w.cases * TRANSITIONS_PER_CASE} stage transitions, found ${counts.transitions}`);
    if (counts.active !== w.cases) throw new Error(`expected ${w.cases} active providers, found ${counts.active}`);
    return {
      elapsedMs: measured.elapsedMs,
      registrationMs: measured.registrationMs,
      transitions: counts.transitions,
      jobsCreated: counts.jobs_created,
      jobsProcessed: counts.jobs_processed,
      latencyP50: counts.latency[0],
      latencyP95: counts.latency[1],
    };
  } finally {
    await observer.end().catch(() => undefined);
    await shutdown();
  }
}

interface Advanced {
  subjectIds: string[];
  elapsedMs: number;
  registrationMs: number;
  /** Database clock when the last case was seen done (bounds the jobs counted). */
  finishedAt: Date;
}

/**
 * Registers `count` providers (at most `concurrency` requests in flight) while both deciders
 * work their inboxes, and waits until every case is approved with its outcome applied.
 */
async function advanceCases(ctx: BenchContext, http: JsonClient, observer: Client, deciders: { partner: Auth; admin: Auth }, count: number, phase: string): Promise<Advanced> {
  const run = `${ctx.runId}${phase}${randomBytes(2).toString('hex')}`;
  const state: DeciderState = { stopped: false };
  const working = [decideAsTheyAppear(http, deciders.partner, 'admission_review', ctx.concurrency, state), decideAsTheyAppear(http, deciders.admin, 'platform_review', ctx.concurrency, state)];
  try {
    const started = nowMs();
    const subjectIds = await mapLimit(Array.from({ length: count }, (_, i) => registrationBody('provider', SHANGHAI, `${run}.${i}`)), ctx.concurrency, async (body) => {
      const res = await http.expect<{ organization: { id: string } }>(201, 'POST', '/api/v1/auth/register', body);
      return res.organization.id;
    });
    const registrationMs = nowMs() - started;
    const finishedAt = await waitUntil(
      async () => {
        if (state.error) throw state.error;
        const [row] = (
          await observer.query(
            `SELECT count(*) FILTER (WHERE status = 'approved' AND outcome_applied_at IS NOT NULL)::int AS done,
                    count(*) FILTER (WHERE status IN ('rejected', 'returned', 'withdrawn'))::int AS failed,
                    now() AS at
               FROM approval_cases WHERE subject_type = $2 AND subject_id = ANY($1::text[])`,
            [subjectIds, SUBJECT],
          )
        ).rows as { done: number; failed: number; at: Date }[];
        if (row.failed > 0) throw new Error(`${row.failed} cases closed other than approved`);
        return row.done === count ? row.at : undefined;
      },
      60_000 + count * 2_000,
      `${count} cases approved`,
    );
    return { subjectIds, elapsedMs: nowMs() - started, registrationMs, finishedAt };
  } finally {
    state.stopped = true;
    await Promise.allSettled(working);
  }
}

interface DeciderState {
  stopped: boolean;
  error?: unknown;
}

/** A decider polling its inbox for one stage and approving every new task, `concurrency` at a time. */
async function decideAsTheyAppear(http: JsonClient, auth: Auth, stage: string, concurrency: number, state: DeciderState): Promise<void> {
  const seen = new Set<string>();
  try {
    while (!state.stopped) {
      const tasks = await http.expect<{ id: string }[]>(200, 'GET', `/api/v1/approval-tasks?stage=${stage}&subjectType=${SUBJECT}&limit=200`, undefined, auth);
      const fresh = tasks.filter((t) => !seen.has(t.id));
      if (fresh.length === 0) {
        await sleep(25);
        continue;
      }
      for (const t of fresh) seen.add(t.id);
      await mapLimit(fresh, concurrency, (t) => http.expect(200, 'POST', `/api/v1/approval-tasks/${t.id}/decision`, { decision: 'approve' }, auth));
    }
  } catch (err) {
    state.error ??= err;
  }
}
