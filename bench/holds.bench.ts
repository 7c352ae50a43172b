import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { RunningApp } from '../src/bootstrap';
import { CreateOrderDto } from '../src/modules/orders/dto/order.dto';
import { OrdersService } from '../src/modules/orders/orders.service';
import { makeUscc, USCC_CHARSET } from '../packages/shared/uscc';
import { Actor, OrganizationKind, Role } from '../src/platform/context/actor';
import { RequestContext } from '../src/platform/context/request-context';
import { DEMO_LOGINS, DEMO_PASSWORD } from '../src/seed/seed-demo';
import {
  bootBenchApp, Benchmark, BenchContext, BenchRow, Bracketed, createTemplate, infoRow, JsonClient, machineTimes, mapLimit, nowMs, ratioRow, redisPrefix, sleep, waitUntil } from './lib';
import { AccountPair, floorHold, holdRate, prepareFloorTables, rawHold, startHttpFloor } from './holds-floor';
import { httpLoad } from './http-load';

/**
 * Voucher holds per second: an order (使用) computes its subsidy and holds it on the voucher
 * (voucher_available → voucher_held) in one transaction with the voucher row locked. Measured
 * (a) on one hot voucher that every client orders against, and (b) on many vouchers, one per
 * client, through HTTP (POST /api/v1/service-orders) and through the service
 * (OrdersService.create) on the in-process app. The baseline is the bare minimum a hold needs:
 * a raw `pg` loop of one conditional debit + the matching credit per transaction, with the same
 * parallelism, on the same database (on ledger accounts of its own), before and after the app.
 * Two floors are measured the same way (bench/holds-floor.ts): the least an order writes by the platform's rules,
 * in one SQL statement, and that statement behind a bare node:http server. They show how much of the gap to the raw
 * loop any design keeps on this machine, and how much is the app's.
 */
export const holdsBenchmark: Benchmark = {
  name: 'holds',
  async run(ctx) {
    const w = workload(ctx);
    const template = await createTemplate(ctx, 'holds');
    const db = await template.clone('holds');
    const floor = await prepareBaseline(db.url, ctx.concurrency);
    await prepareFloorTables(db.url);
    const httpFloor = await startHttpFloor(db.url, ctx.concurrency, SUBSIDY_FEN);
    const loop = (pairs: AccountPair[], hold: Parameters<typeof holdRate>[6]) => () => holdRate(db.url, pairs, ctx.concurrency, w.holds, w.warmupHolds, SUBSIDY_FEN, hold);
    const baselines = {
      hot: new Bracketed(loop(floor.hot, rawHold(SUBSIDY_FEN))),
      many: new Bracketed(loop(floor.many, rawHold(SUBSIDY_FEN))),
    };
    // What any design would keep of the raw loop's pace on this machine (bench/holds-floor.ts).
    const floors = {
      sqlHot: new Bracketed(loop(floor.hot, floorHold(SUBSIDY_FEN))),
      sqlMany: new Bracketed(loop(floor.many, floorHold(SUBSIDY_FEN))),
      httpHot: new Bracketed(loop(floor.hot, httpFloor.hold)),
      httpMany: new Bracketed(loop(floor.many, httpFloor.hold)),
    };
    const sampleAll = async () => {
      for (const b of [baselines.hot, baselines.many, floors.sqlHot, floors.sqlMany, floors.httpHot, floors.httpMany]) await b.sample();
    };
    ctx.log(`baselines and floors (before), ${w.holds} holds each`);
    await sampleAll();

    const { results: measured, profiles } = await runApp(ctx, db.url, w);

    ctx.log('baselines and floors (after)');
    await sampleAll();
    await httpFloor.close();
    ctx.log(`raw SQL holds/s: hot ${baselines.hot.spread}; many ${baselines.many.spread}`);
    ctx.log(`floors holds/s: SQL hot ${floors.sqlHot.spread}, many ${floors.sqlMany.spread}; HTTP hot ${floors.httpHot.spread}, many ${floors.httpMany.spread}`);
    await db.drop();

    const n = ctx.concurrency;
    const baseName = (what: string) => `raw SQL conditional-update holds/s, ${what}, ${n} clients`;
    const rows: BenchRow[] = [];
    for (const m of measured) {
      const baseline = m.target === 'hot' ? baselines.hot : baselines.many;
      const where = m.target === 'hot' ? `one hot voucher, ${n} clients` : `${n} vouchers, one per client`;
      rows.push(ratioRow('holds', `holds/s via ${m.path}, ${where}`, m.rate, 'holds/s', baseName(m.target === 'hot' ? 'one account pair' : `${n} account pairs`), baseline.samples));
    }
    for (const m of measured) {
      const where = m.target === 'hot' ? 'hot voucher' : 'many vouchers';
      rows.push(infoRow('holds', `latency p50 via ${m.path}, ${where}`, m.p50, 'ms'));
      rows.push(infoRow('holds', `latency p95 via ${m.path}, ${where}`, m.p95, 'ms'));
      rows.push(infoRow('holds', `CPU per hold in the app's process via ${m.path}, ${where}`, m.nodeCpuMs, 'ms'));
      if (m.path !== 'service') rows.push(infoRow('holds', `CPU per hold in the HTTP load generator's process via ${m.path}, ${where}`, m.clientCpuMs, 'ms'));
      rows.push(infoRow('holds', `CPU per hold in the rest of the machine (PostgreSQL above all) via ${m.path}, ${where}`, m.otherCpuMs, 'ms'));
    }
    const mean = (b: Bracketed) => b.samples.reduce((x, y) => x + y, 0) / b.samples.length;
    for (const [target, sql, http] of [['hot', floors.sqlHot, floors.httpHot], ['many', floors.sqlMany, floors.httpMany]] as const) {
      const where = target === 'hot' ? `one hot voucher, ${n} clients` : `${n} vouchers, one per client`;
      const base = baseName(target === 'hot' ? 'one account pair' : `${n} account pairs`);
      const baseline = target === 'hot' ? baselines.hot : baselines.many;
      rows.push(ratioRow('holds', `floor: the least an order writes, one SQL statement, ${where}`, mean(sql), 'holds/s', base, baseline.samples));
      rows.push(ratioRow('holds', `floor: that statement behind a bare node:http server, ${where}`, mean(http), 'holds/s', base, baseline.samples));
    }
    const rate = (path: Path, target: Target) => measured.find((m) => m.path === path && m.target === target)?.rate ?? NaN;
    rows.push(infoRow('holds', 'via the service ÷ SQL floor, hot voucher', rate('service', 'hot') / mean(floors.sqlHot), '×'));
    rows.push(infoRow('holds', 'via the service ÷ SQL floor, many vouchers', rate('service', 'many') / mean(floors.sqlMany), '×'));
    rows.push(infoRow('holds', 'via HTTP ÷ HTTP floor, hot voucher', rate('HTTP', 'hot') / mean(floors.httpHot), '×'));
    rows.push(infoRow('holds', 'via HTTP ÷ HTTP floor, many vouchers', rate('HTTP', 'many') / mean(floors.httpMany), '×'));
    rows.push(infoRow('holds', 'many vouchers ÷ hot voucher, via HTTP', rate('HTTP', 'many') / rate('HTTP', 'hot'), '×'));
    rows.push(infoRow('holds', 'many vouchers ÷ hot voucher, via the service', rate('service', 'many') / rate('service', 'hot'), '×'));
    rows.push(infoRow('holds', 'HTTP ÷ service, hot voucher', rate('HTTP', 'hot') / rate('service', 'hot'), '×'));
    rows.push(infoRow('holds', 'HTTP ÷ service, many vouchers', rate('HTTP', 'many') / rate('service', 'many'), '×'));
    for (const p of profiles) {
      const how = `via ${p.path}, one order at a time on the hot voucher`;
      rows.push(infoRow('holds', `round trips to PostgreSQL per order, ${how}`, p.roundTrips, 'round trips'));
      rows.push(infoRow('holds', `SQL statements per order (sent + run inside service_order_prepare/hold), ${how}`, p.roundTrips + STATEMENTS_INSIDE_PLACE, 'statements'));
      rows.push(infoRow('holds', `time per order in PostgreSQL (from sending a query to its answer), ${how}`, p.dbMs, 'ms'));
      rows.push(infoRow('holds', `time per order in the Node process (the rest), ${how}`, p.wallMs - p.dbMs, 'ms'));
    }
    rows.push(infoRow('holds', 'holds per measurement', w.holds, 'holds'));
    return rows;
  },
};

/** `HTTP + key`: each order with an Idempotency-Key of its own, as the portal sends it. */
type Path = 'HTTP' | 'HTTP + key' | 'service';
const PATHS: readonly Path[] = ['HTTP', 'HTTP + key', 'service'];
type Target = 'hot' | 'many';

interface Workload {
  holds: number;
  warmupHolds: number;
  /** Orders placed one at a time, per path, to count round trips and split the time. */
  profileHolds: number;
}

function workload(ctx: BenchContext): Workload {
  return ctx.quick ? { holds: 200, warmupHolds: 16, profileHolds: 40 } : { holds: 2_000, warmupHolds: 80, profileHolds: 200 };
}

/**
 * Statements service_order_prepare() and service_order_hold() run on the way to 'ok' besides the one
 * that calls them (counted in migrations/1764900240000-order-hold-last.ts): the voucher read, the
 * stamp check, the provider lookup, the journal transaction, the order insert, the idempotency update
 * when a key is sent and the result; then the voucher lock, the debit, the credit, the two entries and
 * the result. The two deferred balance checks at commit are not counted. Round trips are measured;
 * these are not visible from the client.
 */
const STATEMENTS_INSIDE_PLACE = 12;

/** 50 % of 200 fen: every hold is 100 fen (the full-coverage threshold is 0). */
const PRICE_FEN = 200;
const SUBSIDY_FEN = 100;
const NANHU = '330402';

// ---------------------------------------------------------------- baseline

/** Ledger accounts of a closed programme of their own, in the app's database, for the raw loop. */
async function prepareBaseline(url: string, clients: number): Promise<{ hot: AccountPair[]; many: AccountPair[] }> {
  const c = new Client({ connectionString: url, application_name: 'g60-bench-holds' });
  await c.connect();
  try {
    const [{ id: programId }] = (
      await c.query(
        `INSERT INTO voucher_programs (issuing_region_code, year, name, use_by, redeem_by, redemption_mode, settlement_cycle, budget_fen, status)
         VALUES ('330400', 2026, $1, '2026-12-31', '2027-03-31', 'provider_redeems', 'monthly', 1, 'closed') RETURNING id`,
        [`基准：原始 SQL 冻结 ${randomBytes(3).toString('hex')}`],
      )
    ).rows as { id: string }[];
    const pair = async (): Promise<AccountPair> => {
      const owner = randomUUID();
      const ids = (
        await c.query(`INSERT INTO ledger_accounts (program_id, kind, owner_id) VALUES ($1, 'voucher_available', $2), ($1, 'voucher_held', $2) RETURNING id, kind`, [programId, owner])
      ).rows as { id: string; kind: string }[];
      return { from: ids.find((r) => r.kind === 'voucher_available')!.id, to: ids.find((r) => r.kind === 'voucher_held')!.id };
    };
    const hot = [await pair()];
    const many: AccountPair[] = [];
    for (let i = 0; i < clients; i += 1) many.push(await pair());
    return { hot, many };
  } finally {
    await c.end();
  }
}

// ---------------------------------------------------------------- the app

interface Measured extends HoldsMeasured {
  path: Path;
  target: Target;
}

interface Holder {
  auth: Record<string, string>;
  actor: Actor;
  voucherId: string;
}

async function runApp(ctx: BenchContext, databaseUrl: string, w: Workload): Promise<{ results: Measured[]; profiles: Profile[] }> {
  const { running, observer, shutdown } = await bootBenchApp(ctx, databaseUrl, redisPrefix(ctx, 'holds'));
  try {
    const http = new JsonClient(running.url as string);
    ctx.log('setting up: programme, provider, service, vouchers');
    const { serviceId, hot, many } = await setUp(ctx, http, observer, w);
    const results: Measured[] = [];
    const profiles: Profile[] = [];
    for (const path of PATHS) {
      for (const target of ['hot', 'many'] as const) {
        const holders = target === 'hot' ? [hot] : many;
        const place = (count: number) =>
          path === 'service' ? placeHolds(holders, ctx.concurrency, count, serviceOrder(running, serviceId)) : placeHoldsHttp(running.url as string, serviceId, holders, ctx.concurrency, count, path === 'HTTP + key');
        await place(w.warmupHolds);
        const m = await place(w.holds);
        ctx.log(
          `${path}, ${target}: ${m.rate.toFixed(0)} holds/s (p50 ${m.p50.toFixed(1)} ms, p95 ${m.p95.toFixed(1)} ms; CPU per hold ${m.nodeCpuMs.toFixed(2)} ms in the app's process, ` +
            `${m.clientCpuMs.toFixed(2)} ms in the load generator's, ${m.otherCpuMs.toFixed(2)} ms elsewhere)`,
        );
        results.push({ path, target, ...m });
      }
    }
    for (const path of PATHS) {
      const place = path === 'service' ? serviceOrder(running, serviceId, true) : httpOrder(http, serviceId, true, path === 'HTTP + key');
      const p = await profileOrders(running.app.get(RequestContext), place, hot, w.profileHolds);
      ctx.log(`${path}, one at a time: ${p.roundTrips.toFixed(2)} round trips per order, ${p.dbMs.toFixed(2)} ms in the database of ${p.wallMs.toFixed(2)} ms`);
      profiles.push({ path, ...p });
    }
    await verify(observer, [hot, ...many], PATHS.length * ((w.holds + w.warmupHolds) * 2 + w.profileHolds));
    return { results, profiles };
  } finally {
    await observer.end().catch(() => undefined);
    await shutdown();
  }
}

type Place = (holder: Holder) => Promise<void>;

/** Request ids of the profiled orders: their queries are the ones counted (profileOrders). */
const PROFILED = 'bench-profile-';

function httpOrder(http: JsonClient, serviceId: string, profiled = false, keyed = false): Place {
  return async (h) => {
    const headers = { ...h.auth, ...(profiled ? { 'X-Request-Id': `${PROFILED}${randomUUID()}` } : {}), ...(keyed ? { 'Idempotency-Key': randomUUID() } : {}) };
    await http.expect(201, 'POST', '/api/v1/service-orders', { serviceId, voucherId: h.voucherId, quantity: 1 }, headers);
  };
}

/** The service as the controller calls it, inside a request context carrying the actor. */
function serviceOrder(running: RunningApp, serviceId: string, profiled = false): Place {
  const orders = running.app.get(OrdersService);
  const context = running.app.get(RequestContext);
  return async (h) => {
    const dto: CreateOrderDto = { serviceId, voucherId: h.voucherId, quantity: 1 };
    await context.run(`${profiled ? PROFILED : 'bench-'}${randomUUID()}`, async () => {
      context.setActor(h.actor);
      const order = await orders.create(h.actor, dto);
      if (order.subsidyHeldFen !== SUBSIDY_FEN) throw new Error(`expected a hold of ${SUBSIDY_FEN} fen, got ${order.subsidyHeldFen}`);
    });
  };
}

interface Profile {
  path: Path;
  roundTrips: number;
  dbMs: number;
  wallMs: number;
}

/**
 * `count` orders one after another (nothing queues), with the pg queries of those requests (their
 * request id starts with PROFILED: authentication, rate limiting and idempotency included; the jobs
 * they queue, which carry the same request id, not) counted and timed from the call to its answer: round trips per order,
 * and the time in PostgreSQL (with the socket) against the time in the Node process (validation,
 * pricing, JSON; on the HTTP path also HTTP and the benchmark's own client, which shares the process).
 */
async function profileOrders(context: RequestContext, place: Place, holder: Holder, count: number): Promise<Omit<Profile, 'path'>> {
  const proto = Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  let roundTrips = 0;
  let dbMs = 0;
  proto.query = function (this: unknown, ...args: unknown[]) {
    // The order's own queries: its request's, not those of the jobs it queued (they carry its request id).
    if (!context.requestId?.startsWith(PROFILED) || context.jobId) return original.apply(this, args);
    roundTrips += 1;
    const started = nowMs();
    const last = args[args.length - 1];
    if (typeof last === 'function') {
      args[args.length - 1] = (...cb: unknown[]) => {
        dbMs += nowMs() - started;
        return (last as (...a: unknown[]) => unknown)(...cb);
      };
      return original.apply(this, args);
    }
    const result = original.apply(this, args);
    if (result && typeof (result as Promise<unknown>).then === 'function') {
      return (result as Promise<unknown>).finally(() => {
        dbMs += nowMs() - started;
      });
    }
    return result;
  };
  try {
    await place(holder); // warm
    roundTrips = 0;
    dbMs = 0;
    const started = nowMs();
    for (let i = 0; i < count - 1; i += 1) await place(holder);
    const wallMs = nowMs() - started;
    return { roundTrips: roundTrips / (count - 1), dbMs: dbMs / (count - 1), wallMs: wallMs / (count - 1) };
  } finally {
    proto.query = original;
  }
}

/**
 * One measurement: holds per second, latencies, and the CPU spent per hold while they ran: the app's process; the
 * HTTP load generator's (0 via the service); the rest of the machine (PostgreSQL's backends above all; Redis and
 * anything else running, the load generator's own start-up included).
 */
interface HoldsMeasured {
  rate: number;
  p50: number;
  p95: number;
  nodeCpuMs: number;
  clientCpuMs: number;
  otherCpuMs: number;
}

/** `count` orders through the service by `clients` parallel lanes, lane i on holders[i % holders.length]; every one must succeed. */
async function placeHolds(holders: Holder[], clients: number, count: number, place: Place): Promise<HoldsMeasured> {
  const latencies: number[] = [];
  let next = 0;
  const cpu = process.cpuUsage();
  const machine = machineTimes();
  const started = nowMs();
  await Promise.all(
    Array.from({ length: clients }, async (_, lane) => {
      const holder = holders[lane % holders.length];
      while (next < count) {
        next += 1;
        const t = nowMs();
        await place(holder);
        latencies.push(nowMs() - t);
      }
    }),
  );
  const rate = count / ((nowMs() - started) / 1000);
  const used = process.cpuUsage(cpu);
  const nodeMs = (used.user + used.system) / 1000;
  const busyMs = machineTimes().busy - machine.busy;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  return { rate, p50: at(0.5), p95: at(0.95), nodeCpuMs: nodeMs / count, clientCpuMs: 0, otherCpuMs: Math.max(0, busyMs - nodeMs) / count };
}

/**
 * The same over HTTP, by the load generator in its own process (bench/http-load.ts): lane i posts orders on
 * holders[i % n]'s voucher, each answered 201. Its CPU is counted apart from the app's.
 */
async function placeHoldsHttp(baseUrl: string, serviceId: string, holders: Holder[], clients: number, count: number, idempotencyKeys: boolean): Promise<HoldsMeasured> {
  const cpu = process.cpuUsage();
  const machine = machineTimes();
  const run = await httpLoad({
    baseUrl,
    lanes: clients,
    count,
    requests: holders.map((h) => ({ method: 'POST', path: '/api/v1/service-orders', headers: h.auth, body: JSON.stringify({ serviceId, voucherId: h.voucherId, quantity: 1 }), expect: 201 })),
    assign: 'by-lane',
    idempotencyKeys,
  });
  const used = process.cpuUsage(cpu);
  const nodeMs = (used.user + used.system) / 1000;
  const busyMs = machineTimes().busy - machine.busy;
  const latencies = [...run.latencies].sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  return {
    rate: count / run.seconds, p50: at(0.5), p95: at(0.95), nodeCpuMs: nodeMs / count, clientCpuMs: run.cpuMs / count,
    otherCpuMs: Math.max(0, busyMs - nodeMs - run.cpuMs) / count,
  };
}

/** The end state is checked exactly: every hold is in the ledger, balanced, nothing negative. */
async function verify(observer: Client, holders: Holder[], maxHolds: number): Promise<void> {
  const [row] = (
    await observer.query(
      `SELECT (SELECT count(*)::int FROM service_orders WHERE voucher_id = ANY($1::uuid[])) AS orders,
              (SELECT COALESCE(sum(subsidy_held_fen), 0)::bigint FROM service_orders WHERE voucher_id = ANY($1::uuid[])) AS order_held,
              (SELECT COALESCE(sum(a.balance_fen), 0)::bigint FROM vouchers v JOIN ledger_accounts a ON a.id = v.held_account_id WHERE v.id = ANY($1::uuid[])) AS ledger_held,
              (SELECT count(*)::int FROM ledger_transactions WHERE kind = 'hold') AS holds,
              (SELECT COALESCE(sum(amount_fen), 0)::bigint FROM ledger_entries) AS entry_sum,
              (SELECT count(*)::int FROM ledger_accounts a WHERE a.kind <> 'appropriation' AND a.balance_fen < 0) AS negative`,
      [holders.map((h) => h.voucherId)],
    )
  ).rows as { orders: number; order_held: string; ledger_held: string; holds: number; entry_sum: string; negative: number }[];
  const problems = [
    row.orders !== maxHolds ? `${row.orders} orders, expected ${maxHolds}` : '',
    Number(row.order_held) !== row.orders * SUBSIDY_FEN ? `orders hold ${row.order_held} fen` : '',
    Number(row.ledger_held) !== row.orders * SUBSIDY_FEN ? `the ledger holds ${row.ledger_held} fen for ${row.orders} orders` : '',
    row.holds !== row.orders ? `${row.holds} hold movements for ${row.orders} orders` : '',
    Number(row.entry_sum) !== 0 ? `ledger entries sum to ${row.entry_sum}` : '',
    row.negative > 0 ? `${row.negative} negative balances` : '',
  ].filter(Boolean);
  if (problems.length > 0) throw new Error(`holds benchmark end state is wrong: ${problems.join('; ')}`);
}

// ---------------------------------------------------------------- set-up, through the API

type Auth = Record<string, string>;

async function demoLogin(http: JsonClient, role: Role): Promise<Auth> {
  const user = DEMO_LOGINS.find((l) => l.role === role);
  if (!user) throw new Error(`no demo login for ${role}`);
  const body = await http.expect<{ accessToken: string }>(200, 'POST', '/api/v1/auth/login', { email: user.email, password: DEMO_PASSWORD });
  return { Authorization: `Bearer ${body.accessToken}` };
}

function registration(kind: 'enterprise' | 'provider', tag: string) {
  const body9 = Array.from(randomBytes(9), (b) => USCC_CHARSET[b % USCC_CHARSET.length]).join('');
  return {
    kind,
    organization: {
      name: `基准${kind === 'provider' ? '检测技术' : '新材料科技'}${tag}有限公司`,
      uscc: makeUscc('91', NANHU, body9),
      regionCode: NANHU,
      ...(kind === 'provider' ? { providerKind: 'third_party_lab', accreditations: ['CMA'] } : {}),
    },
    user: { email: `bench.holds.${tag}@bench.g60.cn`, password: 'Bench-passw0rd-2026', displayName: '基准用户' },
  };
}

async function registerAndLogin(http: JsonClient, kind: 'enterprise' | 'provider', tag: string): Promise<{ orgId: string; auth: Auth }> {
  const body = registration(kind, tag);
  const res = await http.expect<{ organization: { id: string } }>(201, 'POST', '/api/v1/auth/register', body);
  const tokens = await http.expect<{ accessToken: string }>(200, 'POST', '/api/v1/auth/login', { email: body.user.email, password: body.user.password });
  return { orgId: res.organization.id, auth: { Authorization: `Bearer ${tokens.accessToken}` } };
}

async function actorOf(observer: Client, orgId: string): Promise<Actor> {
  const [u] = (
    await observer.query(
      `SELECT u.id, u.role, u.is_org_admin, o.kind, o.region_code FROM users u JOIN organizations o ON o.id = u.organization_id WHERE u.organization_id = $1 LIMIT 1`,
      [orgId],
    )
  ).rows as { id: string; role: Role; is_org_admin: boolean; kind: OrganizationKind; region_code: string }[];
  return { userId: u.id, sessionId: 'bench', role: u.role, isOrgAdmin: u.is_org_admin, organizationId: orgId, organizationKind: u.kind, regionCode: u.region_code, regionScope: [u.region_code] };
}

/**
 * A programme (threshold 0, caps out of the way), an admitted Nanhu lab listing a 200-fen
 * service, and vouchers issued through an auto-approving voucher_application workflow: one hot
 * voucher, and one voucher for each of `concurrency` further enterprises.
 */
async function setUp(ctx: BenchContext, http: JsonClient, observer: Client, w: Workload): Promise<{ serviceId: string; hot: Holder; many: Holder[] }> {
  const run = `${ctx.runId}${randomBytes(2).toString('hex')}`;
  const [approver, admin] = await Promise.all([demoLogin(http, Role.Approver), demoLogin(http, Role.PlatformAdmin)]);
  // Each voucher takes at most every hold of every path (warm-ups and profiles included), with room to spare.
  const faceFen = 2 * PATHS.length * (w.holds + w.warmupHolds + w.profileHolds) * SUBSIDY_FEN;
  const program = await http.expect<{ id: string }>(201, 'POST', '/api/v1/programs', {
    issuingRegionCode: '330400',
    year: 2026,
    name: `基准：冻结吞吐 ${run}`,
    ratioBpByTier: { default: 5000, tech_sme: 5000, high_tech: 6000 },
    perApplicationCapFen: faceFen,
    annualCapEnterpriseFen: faceFen,
    annualCapGroupFen: faceFen,
    fullCoverageThresholdFen: 0,
    useBy: '2026-12-31',
    redeemBy: '2027-03-31',
    redemptionMode: 'provider_redeems',
    settlementCycle: 'monthly',
    budgetFen: faceFen * (ctx.concurrency + 2),
  }, approver);
  await http.expect(200, 'POST', `/api/v1/programs/${program.id}/open`, undefined, approver);
  await http.expect(201, 'POST', '/api/v1/workflow-definitions', {
    key: 'voucher_application',
    name: '创新券申领（基准：自动通过）',
    subjectType: 'voucher_application',
    stages: [{ key: 'precheck', name: '自动预审', kind: 'precheck' }],
    autoApproveBelowFen: faceFen + 1,
  }, admin);

  // The lab: registered, its admission case opened, then admitted directly (not what is measured).
  const lab = await registerAndLogin(http, 'provider', `${run}.lab`);
  await waitUntil(async () => (await observer.query(`SELECT 1 FROM approval_tasks t JOIN approval_cases c ON c.id = t.case_id WHERE c.subject_id = $1`, [lab.orgId])).rowCount! > 0, 30_000, 'admission task');
  await observer.query(`UPDATE organizations SET admission_status = 'active' WHERE id = $1`, [lab.orgId]);
  const service = await http.expect<{ id: string }>(201, 'POST', '/api/v1/catalog/services', {
    code: `BENCH-${run}`, name: '基准检测项目', category: 'analysis', unitPriceFen: PRICE_FEN, unit: '样品', leadTimeDays: 1,
  }, lab.auth);

  const enterprises = await mapLimit(Array.from({ length: ctx.concurrency + 1 }, (_, i) => `${run}.e${i}`), ctx.concurrency, (tag) => registerAndLogin(http, 'enterprise', tag));
  // A qualification the district bureau verified for each enterprise (written directly, like the lab's admission: not
  // what is measured), so every pre-check passes and the application is auto-approved. One statement: the observer is
  // one connection, used by one query at a time.
  await observer.query(
    `INSERT INTO enterprise_qualifications (organization_id, kind, certificate_no, issuer, valid_from, valid_to, status, decided_at, decision_reason)
     SELECT e.id, 'tech_sme', $2 || '-' || e.n, '浙江省科学技术厅', '2026-01-01', '2028-12-31', 'verified', now(), 'verified for the benchmark'
       FROM unnest($1::uuid[]) WITH ORDINALITY AS e(id, n)`,
    [enterprises.map((e) => e.orgId), `GR-BENCH-${run}`],
  );
  const issued = await mapLimit(enterprises, ctx.concurrency, async (e): Promise<string> => {
    const draft = await http.expect<{ id: string }>(201, 'POST', '/api/v1/voucher-applications', { programId: program.id, requestedFen: faceFen, purpose: '基准测试' }, e.auth);
    await http.expect(200, 'POST', `/api/v1/voucher-applications/${draft.id}/submit`, {}, e.auth);
    const voucherId = await waitUntil(async () => {
      const app = await http.expect<{ status: string; voucherId: string | null; rejectionReason: string | null }>(200, 'GET', `/api/v1/voucher-applications/${draft.id}`, undefined, e.auth);
      if (app.status === 'rejected') throw new Error(`application rejected: ${app.rejectionReason}`);
      return app.status === 'issued' ? app.voucherId : undefined;
    }, 60_000, 'voucher issued');
    return voucherId as string;
  });
  const holders: Holder[] = [];
  for (const [i, e] of enterprises.entries()) holders.push({ auth: e.auth, actor: await actorOf(observer, e.orgId), voucherId: issued[i] });
  // Let the set-up's queue work (notifications, webhooks) drain before anything is timed.
  await sleep(500);
  return { serviceId: service.id, hot: holders[0], many: holders.slice(1) };
}
