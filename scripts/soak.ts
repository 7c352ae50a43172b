/**
 * Bank-invariant soak (`npm run test:soak`): boots the real app in-process on a fresh database,
 * lets N parallel clients do random valid and invalid voucher operations over HTTP for a
 * bounded time, drains the queues, then proves the ledger's invariants with SQL.
 *
 *   SOAK_SECONDS=60 SOAK_CLIENTS=8 npm run test:soak
 *
 * Settings (all optional): SOAK_SECONDS (60), SOAK_CLIENTS (8), SOAK_SEED (random),
 * SOAK_DRAIN_SECONDS (120), SOAK_KEEP_DB=1 (keep the database for a post-mortem),
 * DATABASE_URL (a database on the server to CREATE DATABASE from; default
 * postgres://postgres@127.0.0.1:5432/postgres), REDIS_URL (redis://127.0.0.1:6379).
 * Exit code 1 on any invariant violation, 5xx answer, accepted invalid operation, or a drain
 * that does not finish. See docs/soak.md.
 */
import { deleteKeysWithPrefix } from '../src/platform/queue/redis-keys';
import 'reflect-metadata';
import { Logger as NestLogger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { Client, Pool } from 'pg';
import { bootstrap, RunningApp } from '../src/bootstrap';
import { makeUscc, USCC_CHARSET } from '../packages/shared/uscc';
import { shanghaiDate } from '../src/platform/database/shanghai-date';
import { DEMO_PASSWORD } from '../src/seed/seed-demo';
import { Check, ledgerInvariantChecks } from './ledger-invariants';

// ------------------------------------------------------------------ settings (the only env reads)

const SETTINGS = {
  seconds: positiveInt('SOAK_SECONDS', 60),
  clients: positiveInt('SOAK_CLIENTS', 8),
  drainSeconds: positiveInt('SOAK_DRAIN_SECONDS', 120),
  seed: positiveInt('SOAK_SEED', Math.floor(Math.random() * 2 ** 31) + 1),
  keepDb: ['1', 'true', 'yes'].includes(String(process.env.SOAK_KEEP_DB ?? '').toLowerCase()),
  adminUrl: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
};

function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, not "${raw}"`);
  return n;
}

const DEMO = {
  provider: 'provider@demo.g60.cn',
  reviewer: 'reviewer@demo.g60.cn',
  approver: 'approver@demo.g60.cn',
  finance: 'finance@demo.g60.cn',
  /** The second finance officer: whoever closes a batch may not approve it, whoever approves it may not pay it. */
  finance2: 'finance2@demo.g60.cn',
  partner: 'partner@demo.g60.cn',
  admin: 'admin@demo.g60.cn',
};
const PASSWORD = 'Soak-Passw0rd-2026';
const CITY = '330400'; // Jiaxing issues
const DISTRICT = '330402'; // 南湖区: the demo reviewer's district, where the soak's enterprises live
/** Settlement batches are closed by hand at most this often: every close moves later enrolments a period ahead. */
const CLOSE_INTERVAL_MS = 10_000;

// ------------------------------------------------------------------ small helpers

/** mulberry32: reproducible choices for a given SOAK_SEED (the interleaving is not). */
function prng(seed: number): () => number {
  let a = seed | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = prng(SETTINGS.seed);
const int = (min: number, max: number) => min + Math.floor(rand() * (max - min + 1));
const chance = (p: number) => rand() < p;
const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function addDays(day: string, days: number): string {
  const d = new Date(`${day}T12:00:00+08:00`);
  d.setUTCDate(d.getUTCDate() + days);
  return shanghaiDate(d);
}

function uscc(division: string): string {
  const body = Array.from(randomBytes(9), (b) => USCC_CHARSET[b % USCC_CHARSET.length]).join('');
  return makeUscc('91', division, body);
}

let serial = 0;
const nextSerial = () => (serial += 1);

async function eventually<T>(what: string, check: () => Promise<T | undefined | null | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await sleep(100);
  }
}

// ------------------------------------------------------------------ HTTP

interface Answer {
  status: number;
  body: any;
}

class Api {
  constructor(private readonly base: string) {}

  async call(method: 'GET' | 'POST', path: string, token?: string, body?: unknown): Promise<Answer> {
    const headers: Record<string, string> = {};
    if (token) headers.Authorization = `Bearer ${token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    try {
      const res = await fetch(`${this.base}/api/v1${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(60_000),
      });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        /* not JSON: keep the text */
      }
      return { status: res.status, body: parsed };
    } catch (err) {
      // 0 = no answer (timeout, reset): counted as a failure of the run.
      return { status: 0, body: { error: String(err) } };
    }
  }

  /** A multipart/form-data POST (fields and one file), as the portal uploads. */
  async upload(path: string, token: string, fields: Record<string, string>, file: { field: string; name: string; type: string; content: Buffer }): Promise<Answer> {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    form.append(file.field, new Blob([file.content], { type: file.type }), file.name);
    const res = await fetch(`${this.base}/api/v1${path}`, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: form, signal: AbortSignal.timeout(60_000) });
    const text = await res.text();
    try {
      return { status: res.status, body: text ? JSON.parse(text) : null };
    } catch {
      return { status: res.status, body: text };
    }
  }

  async ok(method: 'GET' | 'POST', path: string, token: string | undefined, body: unknown, expect: number, what: string): Promise<any> {
    const res = await this.call(method, path, token, body);
    if (res.status !== expect) throw new Error(`${what}: expected ${expect}, got ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  async login(email: string, password = DEMO_PASSWORD): Promise<string> {
    return (await this.ok('POST', '/auth/login', undefined, { email, password }, 200, `login ${email}`)).accessToken as string;
  }
}

// ------------------------------------------------------------------ outcome book-keeping

type Intent = 'valid' | 'invalid';

class Tally {
  private readonly rows = new Map<string, { valid: Map<number, number>; invalid: Map<number, number>; codes: Map<string, number> }>();
  readonly problems: string[] = [];
  /** One message per (operation, code) for the rarer refusals: what a CONFLICT was about. */
  readonly samples = new Map<string, string>();

  record(op: string, intent: Intent, res: Answer, note = ''): void {
    let row = this.rows.get(op);
    if (!row) this.rows.set(op, (row = { valid: new Map(), invalid: new Map(), codes: new Map() }));
    const bucket = intent === 'valid' ? row.valid : row.invalid;
    bucket.set(res.status, (bucket.get(res.status) ?? 0) + 1);
    if (res.status >= 400 && res.status < 500 && res.body?.code) {
      row.codes.set(res.body.code, (row.codes.get(res.body.code) ?? 0) + 1);
      const key = `${op} ${res.body.code}`;
      if (['CONFLICT', 'BUSINESS_RULE_VIOLATED', 'ALREADY_EXISTS'].includes(res.body.code) && !this.samples.has(key)) {
        this.samples.set(key, `${res.body.message}${res.body.details ? ` ${JSON.stringify(res.body.details)}` : ''}`.slice(0, 200));
      }
    }
    if (res.status >= 500 || res.status === 0) this.problem(`${op} (${intent}${note ? `, ${note}` : ''}) answered ${res.status}: ${JSON.stringify(res.body).slice(0, 300)}`);
    else if (intent === 'invalid' && res.status < 400) this.problem(`${op}: invalid input accepted (${note}) → ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
    else if (res.status >= 400 && !isStableError(res)) this.problem(`${op}: ${res.status} without the stable error body: ${JSON.stringify(res.body).slice(0, 200)}`);
  }

  problem(message: string): void {
    if (this.problems.length < 50) this.problems.push(message);
    else if (this.problems.length === 50) this.problems.push('… more problems not shown');
  }

  total(): number {
    let n = 0;
    for (const row of this.rows.values()) for (const b of [row.valid, row.invalid]) for (const c of b.values()) n += c;
    return n;
  }

  table(): string {
    const lines = [
      '| operation | valid: 2xx | valid: 4xx | invalid: 4xx | invalid: 2xx | 5xx / no answer | 4xx codes |',
      '|---|---:|---:|---:|---:|---:|---|',
    ];
    const sum = (m: Map<number, number>, f: (s: number) => boolean) => [...m].filter(([s]) => f(s)).reduce((a, [, c]) => a + c, 0);
    for (const [op, row] of [...this.rows].sort(([a], [b]) => a.localeCompare(b))) {
      const bad = sum(row.valid, (s) => s >= 500 || s === 0) + sum(row.invalid, (s) => s >= 500 || s === 0);
      const codes = [...row.codes].sort((a, b) => b[1] - a[1]).map(([c, n]) => `${c} ${n}`).join(', ');
      lines.push(
        `| ${op} | ${sum(row.valid, (s) => s > 0 && s < 400)} | ${sum(row.valid, (s) => s >= 400 && s < 500)} | ${sum(row.invalid, (s) => s >= 400 && s < 500)} | ${sum(row.invalid, (s) => s > 0 && s < 400)} | ${bad} | ${codes} |`,
      );
    }
    return lines.join('\n');
  }
}

function isStableError(res: Answer): boolean {
  const b = res.body;
  return !!b && typeof b === 'object' && b.statusCode === res.status && typeof b.code === 'string' && typeof b.message === 'string';
}

// ------------------------------------------------------------------ the world the clients act in

interface Org {
  id: string;
  token: string;
}

interface World {
  api: Api;
  db: Pool;
  tally: Tally;
  today: string;
  tomorrow: string;
  admin: string;
  approver: string;
  reviewer: string;
  finance: string;
  finance2: string;
  partner: string;
  enterprises: Org[];
  /** An enterprise registered outside Jiaxing (Shanghai): it may not receive Jiaxing vouchers. */
  outsider: Org;
  providers: Org[];
  programs: { main: Program; small: Program; short: Program };
  runTag: string;
  lastClose: number;
}

interface Program {
  id: string;
  perApplicationCapFen: number;
}

const byId = <T extends { id: string }>(items: T[], id: string): T | undefined => items.find((i) => i.id === id);

async function one<T = any>(db: Pool, sql: string, params: unknown[] = []): Promise<T | undefined> {
  return (await db.query(sql, params)).rows[0] as T | undefined;
}

// ------------------------------------------------------------------ operations

type Operation = (w: World) => Promise<void>;

/** 申领: draft + submit; the published precheck-only workflow issues the voucher in the background. */
const apply: Operation = async (w) => {
  const program = pick([w.programs.main, w.programs.main, w.programs.main, w.programs.small, w.programs.short]);
  if (chance(0.15)) {
    // Above the per-application cap: refused at creation.
    const ent = pick(w.enterprises);
    const res = await w.api.call('POST', '/voucher-applications', ent.token, { programId: program.id, requestedFen: program.perApplicationCapFen + int(1, 10_000), purpose: '超过单次申领上限的申请' });
    return w.tally.record('apply', 'invalid', res, 'over per-application cap');
  }
  if (chance(0.05)) {
    // Mass assignment of the status.
    const ent = pick(w.enterprises);
    const res = await w.api.call('POST', '/voucher-applications', ent.token, { programId: program.id, requestedFen: 10_000, purpose: '批量赋值状态字段', status: 'issued' });
    return w.tally.record('apply', 'invalid', res, 'mass-assigned status');
  }
  const outsider = chance(0.03);
  const ent = outsider ? w.outsider : pick(w.enterprises);
  const created = await w.api.call('POST', '/voucher-applications', ent.token, { programId: program.id, requestedFen: int(20, 400) * 1_000, purpose: '新材料成分检测与性能测试' });
  if (created.status !== 201) return w.tally.record(outsider ? 'apply.outside_region' : 'apply', 'valid', created);
  const submitted = await w.api.call('POST', `/voucher-applications/${created.body.id}/submit`, ent.token, {});
  w.tally.record(outsider ? 'apply.outside_region' : 'apply', 'valid', submitted);
};

/** 使用: an order with a voucher at a local or recognised Shanghai provider; the subsidy is held. */
const order: Operation = async (w) => {
  const voucher = await one<{ id: string; enterprise_id: string }>(w.db, `SELECT id, enterprise_id FROM vouchers WHERE status = 'active' ORDER BY random() LIMIT 1`);
  const service = await one<{ id: string }>(w.db, `SELECT id FROM catalog_services WHERE provider_id = ANY($1::uuid[]) AND status = 'active' ORDER BY random() LIMIT 1`, [w.providers.map((p) => p.id)]);
  if (!voucher || !service) return;
  const owner = byId(w.enterprises, voucher.enterprise_id) ?? (w.outsider.id === voucher.enterprise_id ? w.outsider : undefined);
  if (!owner) return;
  const roll = rand();
  if (roll < 0.06) {
    const other = pick(w.enterprises.filter((e) => e.id !== owner.id));
    return w.tally.record('order', 'invalid', await w.api.call('POST', '/service-orders', other.token, { serviceId: service.id, voucherId: voucher.id, quantity: 1 }), "another enterprise's voucher");
  }
  if (roll < 0.12) {
    const quantity = pick([0, -1, 1.5, 10_001, 2 ** 53, '2']);
    return w.tally.record('order', 'invalid', await w.api.call('POST', '/service-orders', owner.token, { serviceId: service.id, voucherId: voucher.id, quantity }), `quantity ${quantity}`);
  }
  if (roll < 0.16) {
    return w.tally.record('order', 'invalid', await w.api.call('POST', '/service-orders', owner.token, { serviceId: service.id, voucherId: voucher.id, quantity: 1, subsidyHeldFen: 1 }), 'mass-assigned subsidyHeldFen');
  }
  w.tally.record('order', 'valid', await w.api.call('POST', '/service-orders', owner.token, { serviceId: service.id, voucherId: voucher.id, quantity: int(1, 3) }));
};

type OrderRow = { id: string; enterprise_id: string; provider_id: string; contract_amount_fen: string; status: string };
const orderIn = (w: World, statuses: string[]) =>
  one<OrderRow>(w.db, `SELECT id, enterprise_id, provider_id, contract_amount_fen, status FROM service_orders WHERE status = ANY($1::text[]) ORDER BY random() LIMIT 1`, [statuses]);
const enterpriseOf = (w: World, o: OrderRow) => byId(w.enterprises, o.enterprise_id) ?? (w.outsider.id === o.enterprise_id ? w.outsider : undefined);
const providerOf = (w: World, o: OrderRow) => byId(w.providers, o.provider_id);

const cancel: Operation = async (w) => {
  if (chance(0.2)) {
    // Past delivery an order can no longer be cancelled (those states never come back).
    const late = await orderIn(w, ['delivered', 'confirmed', 'claimed', 'settled', 'rejected']);
    const ent = late && enterpriseOf(w, late);
    if (late && ent) w.tally.record('cancel', 'invalid', await w.api.call('POST', `/service-orders/${late.id}/cancel`, ent.token, {}), `cancel a ${late.status} order`);
    return;
  }
  const o = await orderIn(w, ['created', 'accepted']);
  const ent = o && enterpriseOf(w, o);
  if (o && ent) w.tally.record('cancel', 'valid', await w.api.call('POST', `/service-orders/${o.id}/cancel`, ent.token, { reason: '计划调整' }));
};

const accept: Operation = async (w) => {
  const o = await orderIn(w, ['created']);
  const prov = o && providerOf(w, o);
  if (!o || !prov) return;
  if (chance(0.08)) {
    const other = pick(w.providers.filter((p) => p.id !== prov.id));
    return w.tally.record('accept', 'invalid', await w.api.call('POST', `/service-orders/${o.id}/accept`, other.token), "another provider's order");
  }
  if (chance(0.07)) return w.tally.record('decline', 'valid', await w.api.call('POST', `/service-orders/${o.id}/decline`, prov.token, { reason: '仪器检修' }));
  w.tally.record('accept', 'valid', await w.api.call('POST', `/service-orders/${o.id}/accept`, prov.token));
};

/** Delivery: actual ≤ contract (valid) or above it (invalid, must be refused). */
const deliver: Operation = async (w) => {
  const o = await orderIn(w, ['accepted', 'disputed']);
  const prov = o && providerOf(w, o);
  if (!o || !prov) return;
  const contract = Number(o.contract_amount_fen);
  const over = chance(0.15);
  const actualAmountFen = over ? contract + int(1, 5_000) : Math.max(1, contract - int(0, Math.floor(contract / 2)));
  const res = await w.api.call('POST', `/service-orders/${o.id}/deliver`, prov.token, { reportNumber: `RPT-${w.runTag}-${nextSerial()}`, actualAmountFen, deliveredOn: w.today });
  w.tally.record('deliver', over ? 'invalid' : 'valid', res, over ? 'actual above contract' : '');
};

const confirm: Operation = async (w) => {
  const o = await orderIn(w, ['delivered']);
  const ent = o && enterpriseOf(w, o);
  const prov = o && providerOf(w, o);
  if (!o || !ent || !prov) return;
  if (chance(0.06)) return w.tally.record('confirm', 'invalid', await w.api.call('POST', `/service-orders/${o.id}/confirm`, prov.token), 'provider confirms');
  if (chance(0.1)) return w.tally.record('dispute', 'valid', await w.api.call('POST', `/service-orders/${o.id}/dispute`, ent.token, { reason: '报告数据缺页' }));
  w.tally.record('confirm', 'valid', await w.api.call('POST', `/service-orders/${o.id}/confirm`, ent.token));
};

const documents = (w: World, orderId: string, invoiceNo?: string) => ({
  orderId,
  contractNo: `HT-${w.runTag}-${nextSerial()}`,
  invoiceNo: invoiceNo ?? `INV-${w.runTag}-${nextSerial()}`,
  paymentProof: `BANK-${w.runTag}-${nextSerial()}`,
  reportNo: `RPT-${w.runTag}-${nextSerial()}`,
});

/** 通兑: the provider claims the voucher part of a confirmed order. */
const claim: Operation = async (w) => {
  const roll = rand();
  if (roll < 0.06) {
    const o = await orderIn(w, ['confirmed']);
    const ent = o && enterpriseOf(w, o);
    if (o && ent) w.tally.record('claim', 'invalid', await w.api.call('POST', '/redemption-claims', ent.token, documents(w, o.id)), 'enterprise claims in 通兑');
    return;
  }
  if (roll < 0.12) {
    // An invoice number already used by a claim that can no longer be withdrawn.
    const used = await one<{ invoice_no: string }>(w.db, `SELECT invoice_no FROM redemption_claims WHERE status IN ('approved', 'paid') ORDER BY random() LIMIT 1`);
    const o = await orderIn(w, ['confirmed']);
    const prov = o && providerOf(w, o);
    if (used && o && prov) w.tally.record('claim', 'invalid', await w.api.call('POST', '/redemption-claims', prov.token, documents(w, o.id, used.invoice_no)), 'duplicate invoice');
    return;
  }
  if (roll < 0.16) {
    const o = await orderIn(w, ['created', 'accepted', 'cancelled', 'declined']);
    const prov = o && providerOf(w, o);
    if (o && prov) w.tally.record('claim', 'invalid', await w.api.call('POST', '/redemption-claims', prov.token, documents(w, o.id)), `claim a ${o.status} order`);
    return;
  }
  const o = await orderIn(w, ['confirmed']);
  const prov = o && providerOf(w, o);
  if (o && prov) w.tally.record('claim', 'valid', await w.api.call('POST', '/redemption-claims', prov.token, documents(w, o.id)));
};

/** Claim tasks: the district reviewer and the city approver decide (approve mostly). */
const decide: Operation = async (w) => {
  const decider = chance(0.5) ? w.reviewer : w.approver;
  const inbox = await w.api.call('GET', '/approval-tasks?subjectType=redemption_claim&limit=20', decider);
  if (inbox.status !== 200) return w.tally.record('decide', 'valid', inbox);
  const tasks = inbox.body as { id: string }[];
  if (!tasks.length) return;
  const task = pick(tasks);
  if (chance(0.05)) return w.tally.record('decide', 'invalid', await w.api.call('POST', `/approval-tasks/${task.id}/decision`, decider, { decision: 'reject' }), 'reject without a comment');
  if (chance(0.05)) return w.tally.record('decide', 'invalid', await w.api.call('POST', `/approval-tasks/${task.id}/decision`, w.partner, { decision: 'approve' }), 'Shanghai partner decides a Jiaxing claim');
  const roll = rand();
  const decision = roll < 0.8 ? 'approve' : roll < 0.9 ? 'return' : 'reject';
  const res = await w.api.call('POST', `/approval-tasks/${task.id}/decision`, decider, decision === 'approve' ? { decision } : { decision, comment: decision === 'return' ? '请补充付款凭证' : '发票信息不符' });
  w.tally.record(`decide.${decision}`, 'valid', res);
};

/** A returned claim comes back: resubmitted (mostly) or withdrawn. */
const followUp: Operation = async (w) => {
  const c = await one<{ id: string; claimant_org_id: string }>(w.db, `SELECT id, claimant_org_id FROM redemption_claims WHERE status = 'returned' ORDER BY random() LIMIT 1`);
  const prov = c && byId(w.providers, c.claimant_org_id);
  if (!c || !prov) return;
  if (chance(0.25)) return w.tally.record('claim.withdraw', 'valid', await w.api.call('POST', `/redemption-claims/${c.id}/withdraw`, prov.token));
  w.tally.record('claim.resubmit', 'valid', await w.api.call('POST', `/redemption-claims/${c.id}/resubmit`, prov.token, { note: '已补充付款凭证' }));
};

/** The daily calendar run "tomorrow": the short programme's vouchers expire and its orders lapse. */
const expire: Operation = async (w) => {
  if (chance(0.15)) return w.tally.record('expire', 'invalid', await w.api.call('POST', '/admin/daily-run', w.admin, { asOf: pick(['tomorrow', '2026-13-45x', 20261201]) }), 'malformed asOf');
  w.tally.record('expire', 'valid', await w.api.call('POST', '/admin/daily-run', w.admin, { asOf: chance(0.7) ? w.tomorrow : w.today }));
};

/** Finance: close (rate-limited), approve, pay, reconcile. */
const settle: Operation = async (w) => {
  if (chance(0.1)) {
    const done = await one<{ id: string }>(w.db, `SELECT id FROM settlement_batches WHERE status IN ('paid', 'reconciled') ORDER BY random() LIMIT 1`);
    if (done) w.tally.record('settle.pay', 'invalid', await w.api.call('POST', `/settlement-batches/${done.id}/pay`, w.finance, { paymentReference: `JXCZ-${w.runTag}-again` }), 'pay a paid batch');
    return;
  }
  if (chance(0.05)) {
    const closed = await one<{ id: string }>(w.db, `SELECT id FROM settlement_batches WHERE status = 'closed' ORDER BY random() LIMIT 1`);
    if (closed) w.tally.record('settle.approve', 'invalid', await w.api.call('POST', `/settlement-batches/${closed.id}/approve`, w.approver), 'the science bureau approves a batch');
    return;
  }
  const batch = await one<{ id: string; status: string; item_count: number }>(
    w.db,
    `SELECT id, status, item_count FROM settlement_batches WHERE status IN ('open', 'closed', 'approved', 'paid') AND (status <> 'open' OR item_count > 0) ORDER BY random() LIMIT 1`,
  );
  if (!batch) return;
  switch (batch.status) {
    case 'open':
      if (Date.now() - w.lastClose < CLOSE_INTERVAL_MS) return;
      w.lastClose = Date.now();
      return w.tally.record('settle.close', 'valid', await w.api.call('POST', `/settlement-batches/${batch.id}/close`, w.finance));
    case 'closed':
      if (chance(0.1)) return w.tally.record('settle.approve', 'invalid', await w.api.call('POST', `/settlement-batches/${batch.id}/approve`, w.finance), 'the closer approves its own batch');
      return w.tally.record('settle.approve', 'valid', await w.api.call('POST', `/settlement-batches/${batch.id}/approve`, w.finance2));
    case 'approved':
      return w.tally.record('settle.pay', 'valid', await w.api.call('POST', `/settlement-batches/${batch.id}/pay`, w.finance, { paymentReference: `JXCZ-${w.runTag}-${nextSerial()}` }));
    default:
      return w.tally.record('settle.reconcile', 'valid', await w.api.call('POST', `/settlement-batches/${batch.id}/reconcile`, w.finance, { note: 'bank statement matched' }));
  }
};

const OPERATIONS: [Operation, number][] = [
  [apply, 10],
  [order, 14],
  [cancel, 3],
  [accept, 9],
  [deliver, 9],
  [confirm, 8],
  [claim, 8],
  [decide, 8],
  [followUp, 2],
  [expire, 1],
  [settle, 4],
];
const WEIGHT = OPERATIONS.reduce((s, [, wt]) => s + wt, 0);

function nextOperation(): Operation {
  let roll = rand() * WEIGHT;
  for (const [op, wt] of OPERATIONS) if ((roll -= wt) < 0) return op;
  return OPERATIONS[0][0];
}

async function client(w: World, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    try {
      await nextOperation()(w);
    } catch (err) {
      w.tally.problem(`client error: ${(err as Error).stack ?? String(err)}`);
    }
  }
}

// ------------------------------------------------------------------ set-up over the API

async function register(api: Api, kind: 'enterprise' | 'provider', regionCode: string, tag: string): Promise<Org> {
  const email = `soak.${kind}.${tag}.${randomBytes(3).toString('hex')}@soak.g60.cn`;
  const res = await api.ok(
    'POST',
    '/auth/register',
    undefined,
    {
      kind,
      organization: {
        name: `${kind === 'provider' ? '浸泡检测技术' : '浸泡新材料科技'}${tag}${randomBytes(2).toString('hex')}有限公司`,
        uscc: uscc(regionCode),
        regionCode,
        ...(kind === 'provider' ? { providerKind: 'third_party_lab', accreditations: ['CMA'] } : {}),
      },
      user: { email, password: PASSWORD, displayName: '浸泡测试' },
    },
    201,
    `register ${kind}`,
  );
  return { id: res.organization.id as string, token: await api.login(email, PASSWORD) };
}

async function setUp(api: Api, db: Pool, runTag: string): Promise<World> {
  const today = shanghaiDate();
  const [admin, approver, reviewer, finance, finance2, partner, shanghaiLab] = await Promise.all(
    [DEMO.admin, DEMO.approver, DEMO.reviewer, DEMO.finance, DEMO.finance2, DEMO.partner, DEMO.provider].map((e) => api.login(e)),
  );

  // Applications: pre-checks only, auto-approved below the threshold. (Past the last stage a case is approved anyway.)
  await api.ok('POST', '/workflow-definitions', admin, {
    key: 'voucher_application', name: '创新券申领（浸泡：自动审批）', subjectType: 'voucher_application', autoApproveBelowFen: 300_000,
    stages: [{ key: 'precheck', name: '自动预审', kind: 'precheck' }],
  }, 201, 'publish voucher_application');
  // Claims: the seeded review stages, auto-approval only below ¥500, so the reviewers have work.
  await api.ok('POST', '/workflow-definitions', admin, {
    key: 'redemption_claim', name: '创新券兑付审批（浸泡）', subjectType: 'redemption_claim', autoApproveBelowFen: 50_000,
    stages: [
      { key: 'precheck', name: '自动预审', kind: 'precheck' },
      { key: 'district_review', name: '区县科技局审核', kind: 'review', deciderRoles: ['reviewer'], regionScope: 'subject_district' },
      { key: 'city_approval', name: '市科技局审批', kind: 'review', deciderRoles: ['approver'], regionScope: 'subject_city' },
    ],
  }, 201, 'publish redemption_claim');
  // Admission with a 1-second public notice, so local providers are admitted through the API path.
  await api.ok('POST', '/workflow-definitions', admin, {
    key: 'provider_admission', name: '服务机构入驻（浸泡：短公示）', subjectType: 'provider_admission',
    stages: [
      { key: 'precheck', name: '资质自动核验', kind: 'precheck' },
      { key: 'admission_review', name: '入驻审核', kind: 'review', deciderRoles: ['approver', 'partner_admin'], regionScope: 'subject_city' },
      { key: 'public_notice', name: '公示', kind: 'timer', timerSeconds: 1, objectionsStop: true },
    ],
  }, 201, 'publish provider_admission');

  const base = {
    issuingRegionCode: CITY, year: Number(today.slice(0, 4)), ratioBpByTier: { default: 5000, tech_sme: 6000, high_tech: 7000 },
    annualCapEnterpriseFen: 5_000_000, annualCapGroupFen: 10_000_000, fullCoverageThresholdFen: 20_000,
    redemptionMode: 'provider_redeems', settlementCycle: 'monthly',
  };
  const openProgram = async (name: string, extra: Record<string, unknown>): Promise<Program> => {
    const created = await api.ok('POST', '/programs', approver, { ...base, name: `${name} ${runTag}`, ...extra }, 201, `programme ${name}`);
    await api.ok('POST', `/programs/${created.id}/open`, approver, undefined, 200, `open ${name}`);
    return { id: created.id, perApplicationCapFen: created.perApplicationCapFen };
  };
  const programs = {
    main: await openProgram('浸泡主项目', { perApplicationCapFen: 400_000, useBy: addDays(today, 365), redeemBy: addDays(today, 455), budgetFen: 30_000_000 }),
    // Runs out quickly: issuance is refused with budget_exhausted.
    small: await openProgram('浸泡小预算', { perApplicationCapFen: 400_000, useBy: addDays(today, 365), redeemBy: addDays(today, 455), budgetFen: 1_000_000 }),
    // Used up today: the daily run "tomorrow" expires its vouchers and lapses its orders.
    short: await openProgram('浸泡当日到期', { perApplicationCapFen: 400_000, useBy: today, redeemBy: today, budgetFen: 5_000_000 }),
  };

  // 互认: Jiaxing recognises the demo Shanghai lab, with a per-order cap, signed by both regions. One
  // agreement is in force per day: on a database that already has one (an earlier run), amend it.
  const me = await api.ok('GET', '/me', shanghaiLab, undefined, 200, 'me (lab)');
  const existing = ((await api.ok('GET', '/recognition-agreements', approver, undefined, 200, 'agreements')) as { id: string; partnerRegionCode: string; status: string; inForceToday: boolean }[])
    .find((a) => a.partnerRegionCode === '310000' && a.status === 'in_force' && a.inForceToday);
  const agreement = existing
    ? await api.ok('POST', `/recognition-agreements/${existing.id}/amend`, approver, { effectiveFrom: today }, 201, 'agreement amendment')
    : await api.ok('POST', '/recognition-agreements', approver, {
        issuingRegionCode: CITY, partnerRegionCode: '310000', name: `嘉兴—上海互认（浸泡 ${runTag}）`, effectiveFrom: `${today.slice(0, 4)}-01-01`, effectiveTo: addDays(today, 730), perOrderCapFen: 150_000,
      }, 201, 'agreement');
  const listed = await api.ok('POST', `/recognition-agreements/${agreement.id}/providers`, partner, { providerIds: [me.organization.id] }, 200, 'agreement providers');
  await api.ok('POST', `/recognition-agreements/${agreement.id}/sign`, partner, { termsHash: listed.termsHash }, 200, 'agreement partner signature');
  await api.ok('POST', `/recognition-agreements/${agreement.id}/sign`, approver, { termsHash: listed.termsHash }, 200, 'agreement issuing signature');

  // Two local labs, admitted through the admission workflow.
  const locals = [await register(api, 'provider', '330411', 'xz'), await register(api, 'provider', '330402', 'nh')];
  for (const lab of locals) {
    const task = await eventually(`admission task of ${lab.id}`, async () => {
      const res = await api.call('GET', '/approval-tasks?subjectType=provider_admission&limit=200', approver);
      return (res.body as { id: string; subjectId: string }[]).find((t) => t.subjectId === lab.id);
    });
    await api.ok('POST', `/approval-tasks/${task.id}/decision`, approver, { decision: 'approve' }, 200, 'admit');
  }
  for (const lab of locals) {
    await eventually(`admission of ${lab.id}`, async () => (await one<{ s: string }>(db, `SELECT admission_status AS s FROM organizations WHERE id = $1`, [lab.id]))?.s === 'active');
  }
  const providers: Org[] = [...locals, { id: me.organization.id, token: shanghaiLab }];
  for (const p of providers) {
    for (let i = 0; i < 3; i += 1) {
      await api.ok('POST', '/catalog/services', p.token, {
        code: `SOAK-${randomBytes(4).toString('hex')}`, name: pick(['X射线荧光光谱分析', '扫描电镜形貌观察', '拉伸性能测试', '气相色谱-质谱联用分析']), category: 'analysis',
        unitPriceFen: int(2, 40) * 5_000, unit: '样品', leadTimeDays: 5,
      }, 201, 'service');
    }
  }

  // Enterprises in 南湖区, all but the last with a valid qualification: every pre-check can pass. The
  // last one's applications warn on 'qualification' and are rejected (no review stage follows).
  const enterprises: Org[] = [];
  const count = Math.max(4, SETTINGS.clients);
  for (let i = 0; i < count; i += 1) {
    const ent = await register(api, 'enterprise', DISTRICT, `e${i}`);
    if (i < count - 1) {
      // Declared with its certificate scan, then verified by the district bureau: only then does it count.
      const declared = await api.upload(`/organizations/${ent.id}/qualifications`, ent.token, {
        kind: 'tech_sme', certificateNo: `KJ-${runTag}-${i}`, issuer: '浙江省科学技术厅', validFrom: addDays(today, -200), validTo: addDays(today, 700),
      }, { field: 'certificate', name: 'certificate.pdf', type: 'application/pdf', content: Buffer.from('%PDF-1.4\n% soak certificate\n%%EOF\n') });
      if (declared.status !== 201) throw new Error(`qualification: expected 201, got ${declared.status} ${JSON.stringify(declared.body)}`);
      const task = await eventually(`verification task of ${declared.body.id}`, async () => {
        const res = await api.call('GET', '/approval-tasks?subjectType=qualification_verification&limit=200', reviewer);
        return (res.body as { id: string; subjectId: string }[]).find((t) => t.subjectId === declared.body.id);
      });
      await api.ok('POST', `/approval-tasks/${task.id}/decision`, reviewer, { decision: 'approve' }, 200, 'verify qualification');
    }
    enterprises.push(ent);
  }
  await eventually('qualifications verified', async () => {
    const pending = await one<{ n: number }>(db, `SELECT count(*)::int AS n FROM enterprise_qualifications WHERE organization_id = ANY($1::uuid[]) AND status <> 'verified'`, [enterprises.map((e) => e.id)]);
    return pending?.n === 0;
  });
  const outsider = await register(api, 'enterprise', '310000', 'sh');

  return {
    api, db, tally: new Tally(), today, tomorrow: addDays(today, 1), admin, approver, reviewer, finance, finance2, partner,
    enterprises, outsider, providers, programs, runTag, lastClose: 0,
  };
}

// ------------------------------------------------------------------ drain and checks

async function drain(w: World, running: RunningApp): Promise<{ ok: boolean; seconds: number; detail: string }> {
  const started = Date.now();
  const { QueueService } = await import('../src/platform/queue/queue.service');
  const queues = running.app.get(QueueService);
  let detail = '';
  for (let stable = 0; Date.now() - started < SETTINGS.drainSeconds * 1000; ) {
    const outbox = await one<{ n: number }>(w.db, `SELECT count(*)::int AS n FROM outbox WHERE processed_at IS NULL AND cancelled_at IS NULL AND available_at <= now()`);
    const unapplied = await one<{ n: number }>(w.db, `SELECT count(*)::int AS n FROM approval_cases WHERE outcome IS NOT NULL AND outcome_applied_at IS NULL`);
    const counts = await queues.counts();
    const busy = Object.entries(counts).reduce((s, [, c]) => s + (c.waiting ?? 0) + (c.active ?? 0) + (c.prioritized ?? 0) + (c['waiting-children'] ?? 0), 0);
    detail = `outbox due ${outbox?.n}, outcomes not applied ${unapplied?.n}, jobs waiting/active ${busy}`;
    if (outbox?.n === 0 && unapplied?.n === 0 && busy === 0) {
      // Idle twice in a row, a moment apart: a job may be between commit and relay.
      if ((stable += 1) >= 3) return { ok: true, seconds: (Date.now() - started) / 1000, detail };
    } else stable = 0;
    await sleep(500);
  }
  return { ok: false, seconds: (Date.now() - started) / 1000, detail };
}

async function checks(w: World): Promise<Check[]> {
  const out = await ledgerInvariantChecks(async (sql, params) => (await w.db.query(sql, params)).rows);
  const add = (name: string, value: string | number, ok: boolean) => out.push({ name, value: String(value), ok });

  // The API's own view agrees (ledgerSumFen per programme).
  const apiBad: string[] = [];
  for (const p of Object.values(w.programs)) {
    const res = await w.api.call('GET', `/programs/${p.id}/budget`, w.finance);
    if (res.status !== 200 || res.body.ledgerSumFen !== 0 || res.body.availableFen < 0) apiBad.push(`${p.id}: ${res.status} ${JSON.stringify(res.body)}`);
  }
  add('GET /programs/:id/budget: ledgerSumFen = 0, available ≥ 0', `${apiBad.length} bad`, apiBad.length === 0);

  const { rows: outside } = await w.db.query(`SELECT v.id FROM vouchers v JOIN organizations o ON o.id = v.enterprise_id WHERE o.region_code NOT LIKE '3304%'`);
  add('no voucher for an enterprise outside the issuing city (eligibility pre-check)', `${outside.length} issued`, outside.length === 0);

  return out;
}

/** Observations that are not invariants: reported, never failing the run. */
async function findings(w: World): Promise<string[]> {
  const notes: string[] = [];
  const [stuck] = (await w.db.query(`SELECT count(*)::int AS n FROM outbox WHERE last_error IS NOT NULL AND processed_at IS NULL AND cancelled_at IS NULL`)).rows as { n: number }[];
  if (stuck.n > 0) notes.push(`${stuck.n} outbox job(s) unprocessed with an error`);
  return notes;
}

// ------------------------------------------------------------------ main

async function main(): Promise<number> {
  const runTag = `${Date.now().toString(36)}x${randomBytes(2).toString('hex')}`;
  const dbName = `g60_soak_${runTag}`;
  const url = new URL(SETTINGS.adminUrl);
  url.pathname = `/${dbName}`;
  const databaseUrl = url.toString();
  const queuePrefix = `g60soak-${runTag}`;
  const log = (m: string) => process.stderr.write(`[soak] ${m}\n`);

  // Start-up messages (migrations, seed) would go to stdout before the app's silent logger takes over.
  NestLogger.overrideLogger(false);
  log(`seed ${SETTINGS.seed}, ${SETTINGS.clients} clients, ${SETTINGS.seconds} s; database ${dbName}, queue prefix ${queuePrefix}`);
  const admin = new Client({ connectionString: SETTINGS.adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${dbName}"`);
  await admin.end();

  let running: RunningApp | undefined;
  let pool: Pool | undefined;
  let exitCode = 1;
  try {
    running = await bootstrap('all', {
      env: {
        NODE_ENV: 'production',
        DATABASE_URL: databaseUrl,
        REDIS_URL: SETTINGS.redisUrl,
        QUEUE_PREFIX: queuePrefix,
        JWT_SECRET: randomBytes(48).toString('base64url'),
        JWT_ACCESS_TTL_SECONDS: '86400',
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'silent',
        SEED_DEMO: 'true',
        OUTBOX_POLL_MS: '50',
        LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
        SHUTDOWN_TIMEOUT_MS: '10000',
        DB_POOL_SIZE: '20',
      },
    });
    pool = new Pool({ connectionString: databaseUrl, max: 3 });
    const api = new Api(running.url as string);
    const setupStarted = Date.now();
    const world = await setUp(api, pool, runTag);
    log(`set-up done in ${((Date.now() - setupStarted) / 1000).toFixed(1)} s: ${world.enterprises.length} enterprises, ${world.providers.length} providers, 3 programmes`);

    const started = Date.now();
    const deadline = started + SETTINGS.seconds * 1000;
    const progress = setInterval(() => log(`${Math.round((Date.now() - started) / 1000)} s: ${world.tally.total()} operations`), 15_000);
    await Promise.all(Array.from({ length: SETTINGS.clients }, () => client(world, deadline)));
    clearInterval(progress);
    const elapsed = (Date.now() - started) / 1000;
    log(`load done: ${world.tally.total()} operations in ${elapsed.toFixed(1)} s; draining`);

    const drained = await drain(world, running);
    const results = await checks(world);
    const notes = await findings(world);
    const [counts] = (await pool.query(
      `SELECT (SELECT count(*) FROM voucher_applications)::int AS applications, (SELECT count(*) FROM vouchers)::int AS vouchers,
              (SELECT count(*) FROM vouchers WHERE status = 'expired')::int AS expired, (SELECT count(*) FROM service_orders)::int AS orders,
              (SELECT count(*) FROM redemption_claims)::int AS claims, (SELECT count(*) FROM redemption_claims WHERE status = 'paid')::int AS paid,
              (SELECT count(*) FROM settlement_batches WHERE status IN ('paid', 'reconciled'))::int AS batches_paid,
              (SELECT count(*) FROM ledger_transactions)::int AS transactions`,
    )).rows;

    const states = (await pool.query(
      `SELECT 'applications' AS t, status, count(*)::int AS n FROM voucher_applications GROUP BY status
       UNION ALL SELECT 'vouchers', status, count(*)::int FROM vouchers GROUP BY status
       UNION ALL SELECT 'orders', status, count(*)::int FROM service_orders GROUP BY status
       UNION ALL SELECT 'claims', status, count(*)::int FROM redemption_claims GROUP BY status
       UNION ALL SELECT 'batches', status, count(*)::int FROM settlement_batches GROUP BY status ORDER BY 1, 3 DESC`,
    )).rows as { t: string; status: string; n: number }[];
    const reasons = (await pool.query(
      `SELECT CASE WHEN rejection_reason LIKE 'not auto-approvable%' THEN 'no auto-approval (' || COALESCE(substring(rejection_reason from '\\((\\w+)'), '?') || ')'
                   ELSE split_part(rejection_reason, ':', 1) END AS reason, count(*)::int AS n
         FROM voucher_applications WHERE status = 'rejected' GROUP BY 1 ORDER BY 2 DESC`,
    )).rows as { reason: string; n: number }[];
    const out: string[] = [];
    out.push(`# Soak: ${SETTINGS.clients} clients × ${SETTINGS.seconds} s (seed ${SETTINGS.seed})`, '');
    out.push(`${world.tally.total()} operations in ${elapsed.toFixed(1)} s (${(world.tally.total() / elapsed).toFixed(1)}/s); drain ${drained.ok ? 'finished' : 'TIMED OUT'} in ${drained.seconds.toFixed(1)} s (${drained.detail}).`);
    out.push(`Rows: ${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ')}.`, '');
    for (const t of ['applications', 'vouchers', 'orders', 'claims', 'batches']) {
      out.push(`- ${t}: ${states.filter((r) => r.t === t).map((r) => `${r.status} ${r.n}`).join(', ') || 'none'}`);
    }
    if (reasons.length) out.push(`- applications rejected at issuance: ${reasons.map((r) => `${r.reason} ${r.n}`).join(', ')}`);
    out.push('');
    out.push(world.tally.table(), '');
    out.push('| invariant | observed | result |', '|---|---|---|');
    for (const c of results) out.push(`| ${c.name} | ${c.value} | ${c.ok ? 'ok' : '**VIOLATED**'} |`);
    out.push(`| no 5xx / unanswered request, no accepted invalid operation, stable error bodies | ${world.tally.problems.length} problem(s) | ${world.tally.problems.length ? '**VIOLATED**' : 'ok'} |`);
    out.push(`| queues drained | ${drained.detail} | ${drained.ok ? 'ok' : '**VIOLATED**'} |`);
    if (world.tally.samples.size) out.push('', 'Sample refusals (first of each kind):', ...[...world.tally.samples].sort().map(([k, m]) => `- ${k}: ${m}`));
    if (world.tally.problems.length) out.push('', 'Problems:', ...world.tally.problems.map((p) => `- ${p}`));
    if (notes.length) out.push('', 'Findings (not money invariants):', ...notes.map((n) => `- ${n}`));
    process.stdout.write(`${out.join('\n')}\n`);

    const failed = results.some((c) => !c.ok) || world.tally.problems.length > 0 || !drained.ok;
    process.stdout.write(failed ? '\nSOAK FAILED\n' : '\nSOAK PASSED\n');
    exitCode = failed ? 1 : 0;
  } catch (err) {
    process.stderr.write(`[soak] aborted: ${(err as Error).stack ?? String(err)}\n`);
    exitCode = 1;
  } finally {
    await pool?.end().catch(() => undefined);
    await running?.shutdown('soak finished').catch(() => undefined);
    if (SETTINGS.keepDb) log(`kept database ${dbName} and queue prefix ${queuePrefix}`);
    else {
      const c = new Client({ connectionString: SETTINGS.adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`).catch(() => undefined);
      await c.end();
      await deleteKeysWithPrefix(SETTINGS.redisUrl, queuePrefix).catch(() => undefined);
    }
  }
  return exitCode;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  },
);
