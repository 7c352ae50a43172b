import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import type { Response } from 'supertest';
import { RouteAccess, RouteAccessCheck } from '../../src/platform/auth/route-access.check';
import { Role } from '../../src/platform/context/actor';
import { DEMO_LOGIN_BY_ROLE, login, Session, startTestApp, TestApp } from '../support/test-app';

/**
 * Property-based fuzz of every JSON request body in the live OpenAPI document. For each POST
 * operation with a JSON requestBody schema, fast-check builds hostile bodies from the schema and
 * sends them as a role the route lists. The property: the answer is a 4xx with the stable error
 * body {statusCode, code, message, details?}, never a 5xx and never a success, and no row of any
 * table changes (row counts and a content checksum of every table, before and after each route's
 * batch).
 *
 * Why no generated body can legitimately succeed: every body carries at least one hostile
 * element the route's DTO must refuse, applied last so no other mutation can undo it —
 *   - a mass-assignment field the schema does not declare (forbidNonWhitelisted refuses it), or
 *   - a required field replaced by a non-null value of the wrong JSON type, or removed, or
 *   - a body that is not an object (an array, a string, a number, null).
 * Other fields may get any hostile value on top (huge, unicode, injection, overflowing numbers,
 * deep nesting). So an accepted body, or any row change, is a finding.
 */

/** FUZZ_RUNS / FUZZ_SEED widen a local bug hunt; the defaults keep `npm test` fast and reproducible. */
const RUNS_PER_ROUTE = Number(process.env.FUZZ_RUNS ?? 15);
const SEED = Number(process.env.FUZZ_SEED ?? 20261129);
const PREFIX = '/api/v1';

// jest.config.js's per-project testTimeout is ignored (a global-only option); set it here.
jest.setTimeout(120_000);


/** Fields a client must never set: the server owns them. */
const MASS_FIELDS = ['status', 'amountFen', 'subsidyHeldFen', 'id', 'enterpriseId', 'organizationId', 'role', 'version', 'isOrgAdmin', 'admissionStatus', 'createdBy', 'paidAt'];

// ------------------------------------------------------------------ JSON text with raw tokens

/** A literal JSON token JSON.stringify cannot produce (1e309, 2^53+1 digits, -0). */
class Raw {
  constructor(readonly text: string) {}
}

/** Own keys only, including a literal "__proto__" key; iterative depth is fine for our nesting. */
function toJson(value: unknown): string {
  if (value instanceof Raw) return value.text;
  if (value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(toJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${toJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Deep nesting as raw JSON text: no recursion on our side (the server's parser and pipes are under test). */
function nested(depth: number, kind: 'array' | 'object'): Raw {
  return kind === 'array' ? new Raw(`${'['.repeat(depth)}"bottom"${']'.repeat(depth)}`) : new Raw(`${'{"a":'.repeat(depth)}"bottom"${'}'.repeat(depth)}`);
}

/** Own property named __proto__ (a literal `{ __proto__: … }` would set the prototype instead). */
function protoKey(inner: unknown): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  Object.defineProperty(o, '__proto__', { value: inner, enumerable: true, writable: true, configurable: true });
  return o;
}

// ------------------------------------------------------------------ hostile arbitraries

const INJECTIONS = [
  "' OR 1=1--",
  "'; DROP TABLE organizations; --",
  '1; SELECT pg_sleep(5)',
  "admin'--",
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '{{7*7}}${7*7}',
  '${jndi:ldap://127.0.0.1/a}',
  '../../../../etc/passwd',
  '%00%27%22',
  '\\x00\\u0000',
];
const UNICODE = ['\ud800', '\udfff', 'a\ud83d', '测试\u0000公司', '\u202e\u202dRTL', '\ufeffBOM', '𝕏𝔽𝕌ℤℤ', 'e\u0301\u0301\u0301', '\u0007\u001b[31mred', '\u2028\u2029', 'ﷺ', '０１２３'];
const RAW_NUMBERS = ['1e309', '-1e309', '9007199254740993', '18446744073709551617', '123456789012345678901234567890', '-0', '1e-400', '0.1e1', '1.0000000000000002'];

const hugeString = fc.oneof(
  fc.integer({ min: 5_000, max: 200_000 }).map((n) => 'A'.repeat(n)),
  fc.integer({ min: 2_000, max: 60_000 }).map((n) => '测'.repeat(n)),
);
const unicodeString = fc.oneof(
  fc.constantFrom(...UNICODE),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 4 }),
);
const hostileNumber = fc.oneof(
  fc.constantFrom(-1, 0, -0.5, 0.5, 1.5, 2 ** 53, 2 ** 53 + 2, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 1e21, Number.MAX_VALUE, Number.MIN_VALUE),
  fc.constantFrom(...RAW_NUMBERS).map((t) => new Raw(t)),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer({ min: -2_147_483_648, max: -1 }),
);
// Moderately deep here; thousands of levels get their own test below (a known failure).
const deep = fc.tuple(fc.integer({ min: 20, max: 200 }), fc.constantFrom('array' as const, 'object' as const)).map(([d, k]) => nested(d, k));
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom(...INJECTIONS) },
  { weight: 2, arbitrary: unicodeString },
  { weight: 1, arbitrary: hugeString },
  { weight: 2, arbitrary: hostileNumber },
  { weight: 1, arbitrary: deep },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, '', [], {}, [null], { $ne: null }, { $gt: '' }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor').map((k) => (k === '__proto__' ? protoKey({ role: 'platform_admin', isAdmin: true }) : { constructor: { prototype: { role: 'platform_admin' } } })) },
);

// ------------------------------------------------------------------ OpenAPI schemas

interface Schema {
  $ref?: string;
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  nullable?: boolean;
  items?: Schema;
  enum?: unknown[];
  format?: string;
  example?: unknown;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  minimum?: number;
}

interface BodyRoute {
  method: 'post';
  openApiPath: string; // /api/v1/service-orders/{id}/deliver
  routePath: string; // /service-orders/:id/deliver
  schema: Schema;
  rule: RouteAccess['rule'];
}

function resolver(components: Record<string, Schema>) {
  const resolve = (s: Schema | undefined): Schema => {
    if (!s) return {};
    if (s.$ref) return resolve(components[s.$ref.replace('#/components/schemas/', '')]);
    if (s.allOf?.length) {
      const parts = s.allOf.map(resolve);
      return { ...s, allOf: undefined, type: 'object', properties: Object.assign({}, ...parts.map((p) => p.properties ?? {}), s.properties ?? {}), required: parts.flatMap((p) => p.required ?? []).concat(s.required ?? []) };
    }
    if (s.oneOf?.length) return resolve(s.oneOf[0]);
    if (s.anyOf?.length) return resolve(s.anyOf[0]);
    return s;
  };
  return resolve;
}

/** A plausible (not necessarily valid) value for a schema: the background the hostile parts stand out against. */
function sample(s: Schema, resolve: (s: Schema) => Schema, depth = 0): unknown {
  const r = resolve(s);
  if (r.example !== undefined) return r.example;
  if (r.enum?.length) return r.enum[0];
  if (r.type === 'array') return depth > 3 ? [] : [sample(r.items ?? {}, resolve, depth + 1)];
  if (r.type === 'object' || r.properties) {
    const out: Record<string, unknown> = {};
    if (depth > 3) return out;
    for (const [k, v] of Object.entries(r.properties ?? {})) out[k] = sample(v, resolve, depth + 1);
    return out;
  }
  if (r.type === 'integer' || r.type === 'number') return r.minimum ?? 1;
  if (r.type === 'boolean') return true;
  if (r.format === 'uuid') return randomUUID();
  if (r.format === 'date') return '2026-06-01';
  if (r.format === 'email') return 'fuzz@example.com';
  return 'fuzz-value';
}

/** A non-null value of the wrong JSON type for a schema: refused by any type validator. */
function wrongType(s: Schema): fc.Arbitrary<unknown> {
  const notString = fc.oneof(fc.integer(), fc.boolean(), fc.constant({ value: 'x' }), fc.constant(['x']), hostileNumber);
  switch (s.type) {
    case 'string':
      return notString;
    case 'integer':
      return fc.oneof(fc.constantFrom('1', '0x10', '1e3', '', ' 1'), fc.boolean(), fc.constant({ n: 1 }), fc.constant([1]), fc.constantFrom(0.5, -1.25, 1e21 + 0.5), fc.constantFrom('1e309', '-1e309').map((t) => new Raw(t)));
    case 'number':
      return fc.oneof(fc.constantFrom('1', '1.5', ''), fc.boolean(), fc.constant({ n: 1 }), fc.constant([1]), fc.constantFrom('1e309', '-1e309').map((t) => new Raw(t)));
    case 'boolean':
      return fc.oneof(fc.constantFrom('true', 'yes', 1, 0), fc.constant({ b: true }), fc.constant([true]));
    case 'array':
      return fc.oneof(fc.string({ maxLength: 10 }), fc.integer(), fc.constant({ 0: 'x', length: 1 }), fc.boolean());
    case 'object':
      return fc.oneof(fc.string({ maxLength: 10 }), fc.integer(), fc.boolean());
    default:
      // Enum strings and untyped properties: a structure no scalar validator accepts.
      return fc.oneof(fc.constant({ $ne: null }), fc.constant([[['x']]]), fc.integer({ min: 1_000_000 }));
  }
}

type Mandatory = { kind: 'extra'; key: string; value: unknown } | { kind: 'wrong'; key: string; value: unknown } | { kind: 'missing'; key: string } | { kind: 'not-object'; body: unknown };

function bodyArbitrary(route: BodyRoute, resolve: (s: Schema) => Schema): fc.Arbitrary<{ body: unknown; hostile: Mandatory }> {
  const schema = resolve(route.schema);
  const props = Object.keys(schema.properties ?? {});
  const required = (schema.required ?? []).filter((k) => props.includes(k));
  // A nullable field may legitimately be left out (it means null), so it is never the one removed.
  const removable = required.filter((k) => !resolve(schema.properties![k]).nullable);
  const extras = MASS_FIELDS.filter((k) => !props.includes(k));
  const mandatory: fc.Arbitrary<Mandatory>[] = [
    fc.record({ kind: fc.constant('extra' as const), key: fc.constantFrom(...extras), value: hostileValue }),
    fc.record({ kind: fc.constant('not-object' as const), body: fc.oneof(fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }), fc.constant([sample(schema, resolve)]), fc.string({ maxLength: 20 }), fc.integer(), fc.constant(null), fc.boolean()) }),
  ];
  if (required.length) {
    mandatory.push(
      fc.constantFrom(...required).chain((key) => wrongType(resolve(schema.properties![key])).map((value) => ({ kind: 'wrong' as const, key, value }))),
    );
  }
  if (removable.length) mandatory.push(fc.constantFrom(...removable).map((key) => ({ kind: 'missing' as const, key })));
  const mutations = props.length ? fc.array(fc.tuple(fc.constantFrom(...props), hostileValue), { maxLength: 3 }) : fc.constant([] as [string, unknown][]);
  // Mass assignment one level down too (organization.status, user.role, stages[0].id …).
  const objectProps = props.filter((k) => resolve(schema.properties![k]).properties);
  const nestedMutation = objectProps.length
    ? fc.option(fc.tuple(fc.constantFrom(...objectProps), fc.constantFrom(...MASS_FIELDS), hostileValue), { nil: undefined })
    : fc.constant(undefined);
  return fc.tuple(fc.oneof(...mandatory), mutations, nestedMutation).map(([hostile, muts, inner]) => {
    if (hostile.kind === 'not-object') return { body: hostile.body, hostile };
    const body = sample(schema, resolve) as Record<string, unknown>;
    if (inner) {
      const [prop, key, value] = inner;
      body[prop] = { ...(sample(schema.properties![prop], resolve) as object), [key]: value };
    }
    for (const [k, v] of muts) body[k] = v;
    // The guaranteed-hostile element goes last, so no mutation above can undo it.
    if (hostile.kind === 'missing') delete body[hostile.key];
    else body[hostile.key] = hostile.value;
    return { body, hostile };
  });
}

// ------------------------------------------------------------------ judging answers

const ERROR_KEYS = new Set(['statusCode', 'code', 'message', 'details']);

/** Undefined when the answer is a clean 4xx; otherwise what is wrong with it. */
function problemWith(res: Response): string | undefined {
  if (res.status >= 500) return `server error ${res.status}: ${res.text.slice(0, 200)}`;
  if (res.status < 400) return `accepted with ${res.status}: ${res.text.slice(0, 200)}`;
  if (!/^application\/json/.test(String(res.headers['content-type'] ?? ''))) return `${res.status} with content-type ${res.headers['content-type']}`;
  const b = res.body as Record<string, unknown>;
  if (!b || typeof b !== 'object' || Array.isArray(b)) return `${res.status} without a JSON object body`;
  const extra = Object.keys(b).filter((k) => !ERROR_KEYS.has(k));
  if (extra.length) return `${res.status} error body has extra keys ${extra.join(',')}`;
  if (b.statusCode !== res.status) return `${res.status} error body says statusCode ${String(b.statusCode)}`;
  if (typeof b.code !== 'string' || !/^[A-Z_]+$/.test(b.code)) return `${res.status} error code ${JSON.stringify(b.code)}`;
  if (typeof b.message !== 'string') return `${res.status} error message is not a string`;
  if (b.details !== undefined && (typeof b.details !== 'object' || b.details === null)) return `${res.status} details is ${typeof b.details}`;
  const text = res.text;
  if (/\bat \S+ \(|\.[jt]s:\d+:\d+|QueryFailedError|node_modules/.test(text)) return `${res.status} leaks internals: ${text.slice(0, 200)}`;
  return undefined;
}

function failureOf(result: { errorInstance?: unknown }): string {
  const e = result.errorInstance;
  return e instanceof Error ? e.message : String(e);
}

function describeBody(body: unknown): string {
  const text = toJson(body);
  return text.length > 240 ? `${text.slice(0, 240)}… (${text.length} chars)` : text;
}

// ------------------------------------------------------------------ the suite

describe('fuzz: hostile request bodies on every POST route of the OpenAPI document', () => {
  let app: TestApp;
  let routes: BodyRoute[] = [];
  let resolve: (s: Schema) => Schema;
  const sessions = {} as Record<Role, Session>;
  let foreignIds: string[] = [];
  let tables: string[] = [];

  /**
   * Row count and content checksum of every table. An audit row's seq / prev_hash / hash are left out:
   * the sealer fills them in after the commit that wrote the row, whenever it runs (docs/architecture.md,
   * "Audit trail"); everything the request wrote is compared.
   */
  async function snapshot(): Promise<Map<string, string>> {
    const row = (t: string) => (t === 'audit_events' ? `(to_jsonb(x) - 'seq' - 'prev_hash' - 'hash')::text` : 'x::text');
    const sql = tables.map((t) => `SELECT '${t}' AS t, count(*)::text || ':' || md5(COALESCE(string_agg(md5(${row(t)}), ',' ORDER BY md5(${row(t)})), '')) AS v FROM "${t}" x`).join(' UNION ALL ');
    const rows = (await app.dataSource.query(sql)) as { t: string; v: string }[];
    return new Map(rows.map((r) => [r.t, r.v]));
  }

  function changed(before: Map<string, string>, after: Map<string, string>): string[] {
    return [...before].filter(([t, v]) => after.get(t) !== v).map(([t, v]) => `${t} ${v.split(':')[0]} → ${after.get(t)?.split(':')[0]} rows${v.split(':')[0] === after.get(t)?.split(':')[0] ? ' (content changed)' : ''}`);
  }

  /** Background work of start-up (demo providers entering admission) must settle before we compare. */
  async function quiesce(): Promise<void> {
    let previous = '';
    for (let stable = 0, tries = 0; stable < 2 && tries < 100; tries += 1) {
      const [{ n }] = (await app.dataSource.query(`SELECT count(*)::int AS n FROM outbox WHERE processed_at IS NULL AND cancelled_at IS NULL AND available_at <= now()`)) as { n: number }[];
      const current = JSON.stringify([...(await snapshot())]);
      stable = n === 0 && current === previous ? stable + 1 : 0;
      previous = current;
      await new Promise((r) => setTimeout(r, 300));
    }
  }

  function pathParam(name: string): fc.Arbitrary<string> {
    if (name === 'queue') return fc.constantFrom('notifications', 'approvals');
    if (name === 'jobId') return fc.constantFrom('no-such-job', '1');
    if (name === 'key') return fc.constantFrom('provider_admission', 'voucher_application');
    return fc.oneof(fc.uuid(), fc.constantFrom(...foreignIds));
  }

  /** Who sends: anonymous on public routes, otherwise one of the roles the route lists. */
  function senders(route: BodyRoute): fc.Arbitrary<Role | 'anonymous'> {
    if (!route.rule || route.rule.kind !== 'roles') return fc.constant('anonymous' as const);
    return fc.constantFrom(...route.rule.roles);
  }

  async function send(path: string, who: Role | 'anonymous', jsonText: string): Promise<Response> {
    let req = app.http().post(path).set('Content-Type', 'application/json');
    if (who !== 'anonymous') req = req.set(sessions[who].auth);
    return req.send(jsonText);
  }

  beforeAll(async () => {
    app = await startTestApp();
    const roles = Object.keys(DEMO_LOGIN_BY_ROLE) as Role[];
    for (const role of roles) sessions[role] = await login(app, DEMO_LOGIN_BY_ROLE[role]);
    const doc = (await app.http().get('/api/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: Schema }> } }>>;
      components: { schemas: Record<string, Schema> };
    };
    resolve = resolver(doc.components.schemas);
    const access = app.get(RouteAccessCheck).collect();
    for (const [openApiPath, ops] of Object.entries(doc.paths)) {
      const schema = ops.post?.requestBody?.content?.['application/json']?.schema;
      if (!schema) continue;
      const routePath = openApiPath.replace(PREFIX, '').replace(/\{(\w+)\}/g, ':$1');
      const rule = access.find((r) => r.method === 'POST' && r.path === routePath)?.rule;
      routes.push({ method: 'post', openApiPath, routePath, schema, rule });
    }
    // Real objects of other organisations and regions, for path parameters.
    foreignIds = ((await app.dataSource.query(`SELECT id FROM organizations ORDER BY name LIMIT 20`)) as { id: string }[]).map((r) => r.id);
    tables = ((await app.dataSource.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`)) as { table_name: string }[]).map((r) => r.table_name);
    await quiesce();
  });
  afterAll(() => app?.close());

  it('finds the POST routes with a JSON body, each with an access rule, and snapshots every business table', () => {
    expect(routes.length).toBeGreaterThanOrEqual(40);
    expect(routes.filter((r) => !r.rule).map((r) => r.routePath)).toEqual([]);
    for (const t of ['ledger_entries', 'ledger_transactions', 'audit_events', 'vouchers', 'service_orders', 'redemption_claims', 'organizations', 'outbox']) expect(tables).toContain(t);
  });

  it(`answers every hostile body with a clean 4xx and changes no row (${RUNS_PER_ROUTE} runs per route)`, async () => {
    const failures: string[] = [];
    let sent = 0;
    for (const [index, route] of routes.entries()) {
      const params = [...route.openApiPath.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      const pathArb = params.length
        ? fc.tuple(...params.map(pathParam)).map((values) => params.reduce((p, name, i) => p.replace(`{${name}}`, encodeURIComponent(values[i])), route.openApiPath))
        : fc.constant(route.openApiPath);
      const before = await snapshot();
      const result = await fc.check(
        fc.asyncProperty(pathArb, senders(route), bodyArbitrary(route, resolve), async (path, who, { body, hostile }) => {
          sent += 1;
          const res = await send(path, who, toJson(body));
          const problem = problemWith(res);
          if (problem) throw new Error(`${problem}\n    as ${who} → POST ${path} (hostile: ${hostile.kind}${'key' in hostile ? ` ${hostile.key}` : ''})\n    body ${describeBody(body)}`);
        }),
        { numRuns: RUNS_PER_ROUTE, seed: SEED + index, endOnFailure: true },
      );
      if (result.failed) {
        failures.push(`POST ${route.routePath}: ${failureOf(result)}`);
        // FUZZ_DUMP_DIR=/tmp/fuzz keeps the full counterexample (bodies are truncated above).
        if (process.env.FUZZ_DUMP_DIR && result.counterexample) {
          const [path, who, { body }] = result.counterexample;
          writeFileSync(`${process.env.FUZZ_DUMP_DIR}/${route.routePath.replace(/\W+/g, '_')}.json`, JSON.stringify({ path, who, text: toJson(body) }));
        }
      }
      const rows = changed(before, await snapshot());
      if (rows.length) failures.push(`POST ${route.routePath}: rows changed: ${rows.join('; ')}`);
    }
    if (failures.length) console.log(`fuzz failures (${failures.length}):\n${failures.join('\n\n')}`);
    if (process.env.FUZZ_VERBOSE) console.log(`fuzzed ${routes.length} routes × ${RUNS_PER_ROUTE} runs (seed ${SEED}): ${sent} requests`);
    // A failing route stops at its first counterexample (endOnFailure); every other route ran in full.
    expect(sent).toBeGreaterThanOrEqual((routes.length - failures.length) * RUNS_PER_ROUTE);
    expect(failures).toEqual([]);
  });

  /**
   * Known failures (src bugs), kept as their own properties so the general fuzz above stays
   * meaningful. Both end in a logged 500 from an unauthenticated POST /auth/login.
   */
  function stringProps(route: BodyRoute): string[] {
    const schema = resolve(route.schema);
    return Object.entries(schema.properties ?? {}).filter(([, p]) => resolve(p).type === 'string' && !resolve(p).enum).map(([k]) => k);
  }

  async function runKnownFailure(label: string, build: (route: BodyRoute) => fc.Arbitrary<unknown> | undefined, numRuns: number): Promise<string[]> {
    const failures: string[] = [];
    for (const [index, route] of routes.entries()) {
      const arb = build(route);
      if (!arb) continue;
      const path = route.openApiPath.replace(/\{(\w+)\}/g, () => randomUUID());
      const before = await snapshot();
      const result = await fc.check(
        fc.asyncProperty(senders(route), arb, async (who, body) => {
          const res = await send(path, who, toJson(body));
          const problem = problemWith(res);
          if (problem) throw new Error(`${problem.split(':')[0]} as ${who}: ${describeBody(body).slice(0, 160)}`);
        }),
        { numRuns, seed: SEED + index, endOnFailure: true },
      );
      if (result.failed) failures.push(`POST ${route.routePath}: ${failureOf(result)}`);
      const rows = changed(before, await snapshot());
      if (rows.length) failures.push(`POST ${route.routePath}: rows changed: ${rows.join('; ')}`);
    }
    if (failures.length && process.env.FUZZ_VERBOSE) console.log(`${label} (${failures.length}):\n${failures.join('\n')}`);
    return failures;
  }

  // BUG: class-transformer (ValidationPipe) recurses once per level; ~1,500 levels of arrays
  // (3 KB of "[[[…") overflow the stack and the filter answers 500. Fix: refuse bodies nested
  // deeper than a small limit in the JSON body middleware (src/bootstrap.ts jsonBody).
  it('answers bodies nested thousands of levels deep with a 4xx, not a stack overflow (known failure)', async () => {
    const failures = await runKnownFailure(
      'deep nesting',
      (route) => {
        const schema = resolve(route.schema);
        const keys = Object.keys(schema.properties ?? {});
        const depthBomb = fc.tuple(fc.integer({ min: 1_500, max: 5_000 }), fc.constantFrom('array' as const, 'object' as const)).map(([d, k]) => nested(d, k));
        return fc.tuple(keys.length ? fc.constantFrom(...keys) : fc.constant('padding'), depthBomb).map(([key, bomb]) => ({ ...(sample(schema, resolve) as object), [key]: bomb, version: 1 }));
      },
      2,
    );
    expect({ routesFailing: failures.length, examples: failures.slice(0, 3) }).toEqual({ routesFailing: 0, examples: [] });
  });

  // BUG: @IsEmail (validator.js isByteLength → encodeURI) throws URIError on a lone surrogate
  // ("\ud800"), so POST /auth/login and /auth/register answer 500. Fix: refuse strings that are
  // not well-formed UTF-16 before validation (same middleware), or guard IsEmail.
  it('answers lone surrogates in any string field with a 4xx (known failure)', async () => {
    const lone = fc.oneof(fc.constantFrom('\ud800', '\udfff', 'a\ud800@example.com', '\udd39\udf5c'), fc.string({ unit: fc.integer({ min: 0xdc00, max: 0xdfff }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 3 }));
    const failures = await runKnownFailure(
      'lone surrogates',
      (route) => {
        const keys = stringProps(route);
        if (!keys.length) return undefined;
        return fc.tuple(fc.constantFrom(...keys), lone).map(([key, value]) => ({ ...(sample(resolve(route.schema), resolve) as object), [key]: value, version: 1 }));
      },
      3,
    );
    expect(failures).toEqual([]);
  });

  const JSON_ROUTES = ['/auth/register', '/auth/login', '/voucher-applications', '/service-orders', '/redemption-claims', '/workflow-definitions', '/settlement-batches/{id}/pay'];

  it('answers malformed JSON with 400 MALFORMED_JSON on a sample of routes, changing nothing', async () => {
    const before = await snapshot();
    const failures: string[] = [];
    for (const openApiPath of JSON_ROUTES) {
      const route = routes.find((r) => r.openApiPath === `${PREFIX}${openApiPath}`);
      if (!route) {
        failures.push(`${openApiPath}: not in the OpenAPI document`);
        continue;
      }
      const valid = toJson(sample(route.schema, resolve));
      const broken = fc
        .oneof(
          fc.integer({ min: 1, max: Math.max(1, valid.length - 1) }).map((cut) => valid.slice(0, cut)),
          fc.constantFrom(`${valid.slice(0, -1)},}`, valid.replace(/"/g, "'"), `${valid}}`, `{${valid}`, `${valid.slice(0, -1)} /* c */ }`, '{"a":1,,"b":2}', '{"a": NaN}', '{"a": undefined}', "{'a': 1}", '{"a": 01}', '\u0000{}', '{"\ud800": 1'),
        )
        .filter((text) => {
          try {
            JSON.parse(text);
            return false;
          } catch {
            return true;
          }
        });
      const who = route.rule?.kind === 'roles' ? route.rule.roles[0] : ('anonymous' as const);
      const path = `${PREFIX}${openApiPath.replace('{id}', randomUUID())}`;
      const result = await fc.check(
        fc.asyncProperty(broken, async (text) => {
          const res = await send(path, who, text);
          const problem = problemWith(res) ?? (res.body.code === 'MALFORMED_JSON' && res.status === 400 ? undefined : `expected 400 MALFORMED_JSON, got ${res.status} ${res.body.code}`);
          if (problem) throw new Error(`${problem} for ${JSON.stringify(text.slice(0, 120))}`);
        }),
        { numRuns: 10, seed: SEED, endOnFailure: true },
      );
      if (result.failed) failures.push(`POST ${openApiPath}: ${failureOf(result)}`);
    }
    expect(failures).toEqual([]);
    expect(changed(before, await snapshot())).toEqual([]);
  });

  it('answers bodies above BODY_LIMIT (1mb) with 413 PAYLOAD_TOO_LARGE before anything is written', async () => {
    const before = await snapshot();
    const failures: string[] = [];
    for (const openApiPath of JSON_ROUTES) {
      const route = routes.find((r) => r.openApiPath === `${PREFIX}${openApiPath}`)!;
      const who = route.rule?.kind === 'roles' ? route.rule.roles[0] : ('anonymous' as const);
      const path = `${PREFIX}${openApiPath.replace('{id}', randomUUID())}`;
      for (const filler of ['A'.repeat(1_100_000), '测'.repeat(400_000), JSON.stringify(Array.from({ length: 200_000 }, (_, i) => i))]) {
        const res = await send(path, who, `{"padding":${filler.startsWith('[') ? filler : JSON.stringify(filler)}}`);
        const problem = problemWith(res) ?? (res.status === 413 && res.body.code === 'PAYLOAD_TOO_LARGE' ? undefined : `expected 413 PAYLOAD_TOO_LARGE, got ${res.status} ${res.body.code}`);
        if (problem) failures.push(`POST ${openApiPath} (${filler.length} chars): ${problem}`);
      }
    }
    expect(failures).toEqual([]);
    expect(changed(before, await snapshot())).toEqual([]);
  });
});
