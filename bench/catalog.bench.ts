import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { execFileSync } from 'node:child_process';
import { createReadStream, createWriteStream, promises as fs, readFileSync } from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { generateCatalogCsv, generateProviders } from '../scripts/catalog-generate';
import { Searchd } from '../scripts/searchd';
import { CatalogSearchService, SearchStatement } from '../src/modules/catalog/catalog-search.service';
import { CatalogSearchQueryDto } from '../src/modules/catalog/dto/catalog-service.dto';
import { RecognitionService } from '../src/modules/catalog/recognition.service';
import { SearchEngineClient } from '../src/modules/catalog/search-engine/search-engine.client';
import { SearchEngineFeeder } from '../src/modules/catalog/search-engine/search-engine.feeder';
import { buildSearchQuery } from '../src/modules/catalog/search-tokens';
import { Actor, OrganizationKind, Role } from '../src/platform/context/actor';
import { AppConfig } from '../src/platform/config/app-config';
import { dataSourceOptions } from '../src/platform/database/data-source-options';
import { shanghaiDate } from '../src/platform/database/shanghai-date';
import { MetricsService } from '../src/platform/metrics/metrics.service';
import { DEMO_LOGINS, DEMO_PASSWORD } from '../src/seed/seed-demo';
import { httpLoad } from './http-load';
import {
  BenchApp, bootBenchApp, Benchmark, BenchContext, BenchRow, BenchTemplate, Bracketed, createTemplate, databaseUrl, infoRow, JsonClient, nowMs, ratioRow, redisPrefix } from './lib';

/**
 * The service catalogue (服务目录) at the size of Shanghai's: 200,000 services of 780 providers.
 *
 * 1. Import: the generated CSV is streamed as a raw text/csv body to POST /api/v1/catalog/imports by
 *    the Shanghai partner admin (the API COPYs it raw into staging and queues a job; a worker
 *    validates it set-wise and merges it in batches, creating the providers), then the same file
 *    again (every row found unchanged, nothing written). Rows/s from the first byte sent to the job's
 *    end, against a raw COPY of the same file into a plain table with the CSV's columns (no
 *    validation, no search columns, no index, no constraint) on the same server. The full run does
 *    the same at 1,000,000 services in a database of its own (the search below stays at 200,000). After the imports,
 *    on the app's database, two floors of a new catalogue's import (the finished rows COPYed into a table indexed as
 *    the catalogue is, and into a bare one whose indexes are then built) and a reference for the unchanged
 *    re-import (the raw COPY and one set-wise comparison with the catalogue): indexFloorRates, reimportReferenceRate.
 * 2. Search: a fixed mix of 16 queries (1 character, 2 characters, longer keywords, keyword +
 *    category + region, recognisedOnly for a Jiaxing enterprise under a Jiaxing–Shanghai
 *    recognition agreement) over HTTP by `concurrency` clients; p50/p99 and queries/s against the
 *    very statements the service runs for each query (recorded by CatalogSearchService.search's
 *    trace: the adaptive plan's two to four statements) replayed through `pg` by as many clients:
 *    what the API (HTTP, auth, validation, mapping, facets, JSON) adds to the SQL. Before measuring,
 *    every query's first page is checked against an exhaustive reference query. The full run (not
 *    BENCH_QUICK) measures search again on a 1,000,000-service catalogue.
 * 3. The search engine (when /usr/bin/searchd exists): at the main size, after PostgreSQL's search, a real searchd
 *    and the app with SEARCH_ENGINE_URL on the same database; the whole catalogue fed (timed, against the raw COPY),
 *    then the same search measurement, as ratios to PostgreSQL's SQL baseline of the same run; the app's
 *    catalog_searches_total must show that the engine answered (measureEngineSearch).
 */
export const catalogBenchmark: Benchmark = {
  name: 'catalog',
  async run(ctx) {
    const w = workload(ctx);
    if (w.keepDb) return searchOnKeptDatabase(ctx, w.keepDb, w);
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'g60-bench-catalog-'));
    ctx.defer(() => fs.rm(dir, { recursive: true, force: true }));
    const file = path.join(dir, `catalog-${w.services}.csv`);
    ctx.log(`generating ${w.services} services of ${w.providers} providers`);
    const bytes = await writeCsv(file, w);

    const template = await createTemplate(ctx, 'catalog');
    const db = await template.clone('catalog');
    const floorDb = await template.clone('catalog_floor');
    const copy = new Bracketed(() => rawCopyRate(floorDb.url, file, w.services));

    ctx.log(`raw COPY baseline (before), ${w.services} rows`);
    await copy.sample();
    let indexFloor: IndexFloor | undefined;
    const measured = await runApp(ctx, db.url, file, bytes, w, async () => {
      ctx.log('raw COPY baseline (after)');
      await copy.sample();
      indexFloor = await importFloors(ctx, db.url, dir, file, w.services);
    });
    await db.drop();
    await floorDb.drop();
    ctx.log(`raw COPY rows/s ${copy.spread}`);
    const copyName = `raw COPY rows/s, CSV into a plain table (no validation, no search index)`;
    const { imports, search } = measured;
    const importRows = [
      ratioRow('catalog', `import rows/s, ${w.services} rows, new catalogue`, imports.first.rowsPerS, 'rows/s', copyName, copy.samples),
      ratioRow('catalog', `re-import rows/s, same ${w.services} rows, nothing changed`, imports.again.rowsPerS, 'rows/s', copyName, copy.samples),
      ratioRow('catalog', `re-import rows/s, same ${w.services} rows, no provider marked`, imports.unmarked.rowsPerS, 'rows/s', copyName, copy.samples),
      ...(indexFloor ? indexFloorRows(`${w.services}`, indexFloor, copyName, copy.samples) : []),
    ];
    if (!search) return [...importRows, infoRow('catalog', 'CSV size', bytes / 2 ** 20, 'MiB'), ...importPhaseRows(`${w.services}`, imports)];
    // Search at 1,000,000 services: the full run only (generating and importing it takes minutes).
    const scale = w.scaleServices ? await searchAtScale(ctx, template, dir, { ...w, services: w.scaleServices }) : null;
    const large = ctx.quick ? undefined : await importAtScale(ctx, template, dir, LARGE_CATALOGUE);

    const sqlName = `the service's own SQL via pg, ${ctx.concurrency} clients`;
    const rows: BenchRow[] = [
      ...importRows,
      ...(large ? [
        ratioRow('catalog', `import rows/s, ${large.services} rows, new catalogue`, large.imports.first.rowsPerS, 'rows/s', `${copyName}, ${large.services} rows`, large.copy),
        ratioRow('catalog', `re-import rows/s, same ${large.services} rows, nothing changed`, large.imports.again.rowsPerS, 'rows/s', `${copyName}, ${large.services} rows`, large.copy),
        ratioRow('catalog', `re-import rows/s, same ${large.services} rows, no provider marked`, large.imports.unmarked.rowsPerS, 'rows/s', `${copyName}, ${large.services} rows`, large.copy),
        infoRow('catalog', `re-import, ${large.services} rows, nothing changed: rows not staged (provider marks)`, large.imports.again.rowsSkipped, 'rows'),
        ...indexFloorRows(`${large.services}`, large.indexFloor, `${copyName}, ${large.services} rows`, large.copy),
      ] : []),
      ...searchRows(ctx, search),
      ...(measured.engine ? engineRows(ctx, measured.engine, search, { name: copyName, samples: copy.samples }) : []),
    ];
    if (scale && w.scaleServices) {
      const at = `${w.scaleServices.toLocaleString('en-US')} services`;
      rows.push(
        ratioRow('catalog', `search queries/s, ${ctx.concurrency} HTTP clients, ${at}`, scale.app.qps, 'queries/s', sqlName, scale.baseline.map((b) => b.qps)),
        ratioRow('catalog', `search latency p50, ${at} (lower is better)`, scale.app.p50, 'ms', sqlName, scale.baseline.map((b) => b.p50)),
        ratioRow('catalog', `search latency p99, ${at} (lower is better)`, scale.app.p99, 'ms', sqlName, scale.baseline.map((b) => b.p99)),
      );
      for (const cls of QUERY_CLASSES) {
        rows.push(ratioRow('catalog', `search p50, ${cls}, ${at} (lower is better)`, scale.app.classP50[cls], 'ms', sqlName, scale.baseline.map((b) => b.classP50[cls])));
      }
    }
    rows.push(
      infoRow('catalog', 'CSV size', bytes / 2 ** 20, 'MiB'),
      ...importPhaseRows(`${w.services}`, imports),
      ...(large ? importPhaseRows(`${large.services}`, large.imports) : []),
      infoRow('catalog', 'search queries per measurement (16-query mix)', w.searchRounds * MIX.length, 'queries'),
      ...(measured.engine ? [infoRow('catalog', `${ENGINE}: search queries per measurement`, w.engineRounds * MIX.length, 'queries')] : []),
      infoRow('catalog', 'search p99 of the slowest query class via HTTP', Math.max(...QUERY_CLASSES.map((c) => search.app.classP99[c])), 'ms'),
    );
    return rows;
  },
};

/** The search figures at the benchmark's main size, against the service's own SQL replayed in the same run. */
function searchRows(ctx: BenchContext, search: SearchRun): BenchRow[] {
  const sqlName = `the service's own SQL via pg, ${ctx.concurrency} clients`;
  return [
    ratioRow('catalog', `search queries/s, ${ctx.concurrency} HTTP clients`, search.app.qps, 'queries/s', sqlName, search.baseline.map((b) => b.qps)),
    ratioRow('catalog', 'search latency p50 (lower is better)', search.app.p50, 'ms', sqlName, search.baseline.map((b) => b.p50)),
    ratioRow('catalog', 'search latency p99 (lower is better)', search.app.p99, 'ms', sqlName, search.baseline.map((b) => b.p99)),
    ratioRow('catalog', 'search latency p50, one client (lower is better)', search.appSingle.p50, 'ms', `the service's own SQL via pg, one client`, search.baselineSingle.map((b) => b.p50)),
    ...QUERY_CLASSES.map((cls) => ratioRow('catalog', `search p50, ${cls} (lower is better)`, search.app.classP50[cls], 'ms', sqlName, search.baseline.map((b) => b.classP50[cls]))),
    infoRow('catalog', `search CPU per query in the app's process, ${ctx.concurrency} HTTP clients`, search.app.appCpuMs, 'ms'),
    infoRow('catalog', `search CPU per query in the HTTP load generator's process, ${ctx.concurrency} HTTP clients`, search.app.clientCpuMs, 'ms'),
  ];
}

/**
 * BENCH_CATALOG_KEEP_DB: search only, on a database kept between runs. The first run creates it from a
 * fresh template, imports the generated catalogue through the API and adds the agreement, then marks it
 * ready (a comment on the database); later runs boot the app on it as it is (migrations applied at boot).
 * It is never dropped by the benchmark: `DROP DATABASE` it by hand.
 */
async function searchOnKeptDatabase(ctx: BenchContext, name: string, w: Workload): Promise<BenchRow[]> {
  const ready = `g60 bench catalog: ${w.services} services, ${w.providers} providers, seed ${SEED}, agreement`;
  const admin = new Client({ connectionString: ctx.adminUrl, application_name: 'g60-bench-admin' });
  await admin.connect();
  let exists: boolean;
  try {
    const found = (await admin.query(
      `SELECT shobj_description(oid, 'pg_database') AS note FROM pg_database WHERE datname = $1`, [name],
    )).rows as { note: string | null }[];
    if (found.length && found[0].note !== ready) {
      throw new Error(`BENCH_CATALOG_KEEP_DB: database ${name} exists but is not a finished ${w.services}-service benchmark catalogue (${found[0].note ?? 'no mark'}); drop it first`);
    }
    exists = found.length > 0;
    if (!exists) {
      const template = await createTemplate(ctx, 'catalog');
      await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template.name}"`);
    }
  } finally {
    await admin.end();
  }
  const url = databaseUrl(ctx.adminUrl, name);
  const { running, observer, shutdown } = await bootBenchApp(ctx, url, redisPrefix(ctx, 'catalog'), { QUEUE_BACKEND: 'redis', OUTBOX_POLL_MS: '250', CATALOG_IMPORT_MAX_BYTES: String(2 ** 30) });
  let search: SearchRun;
  try {
    const api = new JsonClient(running.url as string);
    const [partner, approver, enterprise] = await Promise.all([login(api, Role.PartnerAdmin), login(api, Role.Approver), login(api, Role.EnterpriseUser)]);
    if (!exists) {
      const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'g60-bench-catalog-'));
      ctx.defer(() => fs.rm(dir, { recursive: true, force: true }));
      const file = path.join(dir, `catalog-${w.services}.csv`);
      ctx.log(`generating ${w.services} services of ${w.providers} providers into the kept database ${name}`);
      const bytes = await writeCsv(file, w);
      const imported = await importFile(running.url as string, partner, observer, file, bytes, w.services, { rowsInserted: w.services, rowsUpdated: 0, providersCreated: w.providers });
      ctx.log(`import: ${imported.rowsPerS.toFixed(0)} rows/s (${imported.seconds.toFixed(1)} s)`);
      ctx.log(`recognition agreement 330400 ← 310000: ${w.agreementProviders} providers, ${w.narrowedProviders} narrowed to ${SERVICES_PER_NARROWED_PROVIDER} services`);
      await createAgreement(api, observer, approver, partner, w);
      await observer.query(`COMMENT ON DATABASE "${name}" IS '${ready}'`);
    } else {
      ctx.log(`search on the kept database ${name} (${ready})`);
    }
    search = await measureSearch(ctx, { running, observer, api, approver, partner, enterprise, databaseUrl: url, agreementExists: true }, w);
  } finally {
    await observer.end().catch(() => undefined);
    await shutdown();
  }
  const engine = await measureEngineSearchIfAvailable(ctx, url, w, search);
  return [
    ...searchRows(ctx, search),
    ...(engine ? engineRows(ctx, engine, search, null) : []),
    infoRow('catalog', 'search queries per measurement (16-query mix)', w.searchRounds * MIX.length, 'queries'),
    ...(engine ? [infoRow('catalog', `${ENGINE}: search queries per measurement`, w.engineRounds * MIX.length, 'queries')] : []),
    infoRow('catalog', 'search p99 of the slowest query class via HTTP', Math.max(...QUERY_CLASSES.map((c) => search.app.classP99[c])), 'ms'),
  ];
}

interface Workload {
  services: number;
  providers: number;
  /** Providers the Jiaxing–Shanghai agreement lists, and how many of them only for some services. */
  agreementProviders: number;
  narrowedProviders: number;
  /**
   * Timed search passes over the whole mix; one untimed pass warms up first. 200 at full size (3,200 queries), so that
   * the p99 is the 32nd slowest query of the pass, not the 7th of 640 (a single stall moved it by 15-25 ms).
   */
  searchRounds: number;
  /** The same for the search engine, which answers at a tenth of PostgreSQL's rate on this mix. */
  engineRounds: number;
  /** Passes over the mix by one client alone: the latency without queueing. */
  singleRounds: number;
  /** A second catalogue of this size for search only (full run); 0 for none. */
  scaleServices: number;
  /** BENCH_CATALOG_IMPORT_ONLY=1: only the import and re-import with their raw COPY baseline (no search, nothing at 1,000,000). */
  importOnly: boolean;
  /**
   * BENCH_CATALOG_KEEP_DB=<name>: search only, on a database of that name kept between runs (imported and given
   * its agreement by the first run that finds it missing); no import figures, nothing at 1,000,000.
   */
  keepDb: string | null;
  /** BENCH_CATALOG_VACUUM=0: search without the benchmark's own VACUUM ANALYZE first (as the import left the table). */
  vacuum: boolean;
}

function workload(ctx: BenchContext): Workload {
  // A bench-only switch, read here like BENCH_QUICK is read in lib.ts (the app's configuration is not involved).
  const importOnly = ['1', 'true', 'yes'].includes(String(process.env.BENCH_CATALOG_IMPORT_ONLY ?? '').toLowerCase());
  const keepDb = process.env.BENCH_CATALOG_KEEP_DB?.trim() || null;
  if (keepDb !== null && !/^[a-z][a-z0-9_]{0,50}$/.test(keepDb)) throw new Error(`BENCH_CATALOG_KEEP_DB must be a plain database name (a-z, 0-9, _), got ${keepDb}`);
  const vacuum = !['0', 'false', 'no'].includes(String(process.env.BENCH_CATALOG_VACUUM ?? '').toLowerCase());
  // With a kept database, BENCH_CATALOG_SERVICES sets its size (1000000: search at the full run's second size, on its own).
  const keptServices = keepDb && process.env.BENCH_CATALOG_SERVICES ? Number(process.env.BENCH_CATALOG_SERVICES) : null;
  if (keptServices !== null && !(Number.isInteger(keptServices) && keptServices >= 1_000 && keptServices <= 2_000_000)) {
    throw new Error(`BENCH_CATALOG_SERVICES must be an integer from 1000 to 2000000, got ${process.env.BENCH_CATALOG_SERVICES}`);
  }
  const w: Workload = ctx.quick
    ? { services: 20_000, providers: 100, agreementProviders: 25, narrowedProviders: 5, searchRounds: 8, engineRounds: 8, singleRounds: 1, scaleServices: 0, importOnly, keepDb, vacuum }
    : { services: 200_000, providers: 780, agreementProviders: 200, narrowedProviders: 20, searchRounds: 200, engineRounds: 40, singleRounds: 3, scaleServices: keepDb ? 0 : 1_000_000, importOnly, keepDb, vacuum };
  return keptServices === null ? w : { ...w, services: keptServices };
}

const SEED = 1;
/** Untimed rounds of the mix over HTTP before the timed ones (320 queries), so V8 has compiled the request path first. */
const WARMUP_ROUNDS = 20;
const APP_SESSION_OPTIONS = (dataSourceOptions('postgres://unused', 1).extra as { options?: string }).options;
const SERVICES_PER_NARROWED_PROVIDER = 10;

async function writeCsv(file: string, w: Workload): Promise<number> {
  const out = createWriteStream(file);
  let buffer = '';
  for (const line of generateCatalogCsv({ providers: w.providers, services: w.services, seed: SEED })) {
    buffer += line;
    if (buffer.length >= 1 << 16) {
      if (!out.write(buffer)) await once(out, 'drain');
      buffer = '';
    }
  }
  out.end(buffer);
  await once(out, 'finish');
  return (await fs.stat(file)).size;
}

// ---------------------------------------------------------------- import

/**
 * Rows per second of `COPY … FROM STDIN (FORMAT csv, HEADER)` of the file into a fresh logged table
 * with the CSV's eleven columns (typed as the import types them), streamed with pg-copy-streams.
 */
async function rawCopyRate(databaseUrl: string, file: string, rows: number): Promise<number> {
  return withRawCopy(databaseUrl, file, rows, 'g60-bench-copy', async (_client, seconds) => rows / seconds);
}

/**
 * Runs `then` with the file COPYed raw into `bench_catalog_copy` (the raw COPY baseline's table, checked to hold
 * `rows` rows) and the seconds the COPY took; the table is dropped afterwards.
 */
async function withRawCopy<T>(databaseUrl: string, file: string, rows: number, name: string, then: (client: Client, copySeconds: number) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: databaseUrl, application_name: name });
  await client.connect();
  try {
    await client.query('DROP TABLE IF EXISTS bench_catalog_copy');
    await client.query(`CREATE TABLE bench_catalog_copy (
      provider_uscc text, provider_name text, service_code text, name text, category text, unit_price_fen bigint, unit text,
      lead_time_days integer, instrument_name text, instrument_model text, description text)`);
    const started = nowMs();
    await pipeline(createReadStream(file), client.query(copyFrom('COPY bench_catalog_copy FROM STDIN WITH (FORMAT csv, HEADER true)')));
    const seconds = (nowMs() - started) / 1000;
    const [{ n }] = (await client.query('SELECT count(*)::int AS n FROM bench_catalog_copy')).rows as { n: number }[];
    if (n !== rows) throw new Error(`raw COPY loaded ${n} rows, expected ${rows}`);
    return await then(client, seconds);
  } finally {
    await client.query('DROP TABLE IF EXISTS bench_catalog_copy').catch(() => undefined);
    await client.end();
  }
}

/**
 * Floors for a new catalogue's import, on the catalogue the app has just imported: its finished rows (every
 * stored column, the search text and tokens included) are copied out once in binary, then timed coming back in:
 * - `indexed`: `COPY … FROM STDIN (FORMAT binary)` into an empty table with every index `catalog_services` has;
 * - `bulk`: the same COPY into an empty table without indexes, then each of those indexes built by `CREATE INDEX`
 *   (one sort per index, `maintenance_work_mem` 256 MB): the fastest a bulk index path could load them.
 * Neither parses or validates anything, nor checks a foreign key or runs a trigger. What any import still pays that
 * leaves the services searchable in PostgreSQL, indexed as the catalogue is: against raw COPY, the most a new
 * catalogue's import ratio can be on this machine.
 */
async function indexFloorRates(databaseUrl: string, dir: string, rows: number): Promise<Omit<IndexFloor, 'reimport'>> {
  const client = new Client({ connectionString: databaseUrl, application_name: 'g60-bench-index-floor' });
  await client.connect();
  const dump = path.join(dir, 'catalog-services.bin');
  try {
    const columns = (await client.query(`
      SELECT string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position) AS list FROM information_schema.columns
       WHERE table_schema = current_schema() AND table_name = 'catalog_services' AND is_generated = 'NEVER'`)).rows[0].list as string;
    const indexes = (await client.query(`SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'catalog_services'`)).rows
      .map((r: { indexdef: string }) => r.indexdef.replace(/^(CREATE (?:UNIQUE )?INDEX )(\S+) ON (?:\S+\.)?catalog_services /, '$1$2_floor ON bench_catalog_floor '));
    if (indexes.some((d) => !d.includes(' ON bench_catalog_floor '))) throw new Error('index floor: an index definition of catalog_services was not understood');
    const [{ n }] = (await client.query('SELECT count(*)::int AS n FROM catalog_services')).rows as { n: number }[];
    if (n !== rows) throw new Error(`index floor: catalog_services has ${n} rows, expected ${rows}`);
    // What autovacuum would do after the imports, done before the floors instead of during them.
    await client.query('VACUUM ANALYZE catalog_services, organizations');
    await pipeline(client.query(copyTo(`COPY (SELECT ${columns} FROM catalog_services) TO STDOUT (FORMAT binary)`)), createWriteStream(dump));
    await client.query(`SET maintenance_work_mem = '256MB'`);
    const load = async (withIndexes: boolean) => {
      await client.query('DROP TABLE IF EXISTS bench_catalog_floor');
      await client.query('CREATE TABLE bench_catalog_floor (LIKE catalog_services INCLUDING DEFAULTS INCLUDING GENERATED)');
      if (withIndexes) for (const d of indexes) await client.query(d);
      const started = nowMs();
      await pipeline(createReadStream(dump), client.query(copyFrom(`COPY bench_catalog_floor (${columns}) FROM STDIN (FORMAT binary)`)));
      const copied = nowMs();
      const builds: string[] = [];
      if (!withIndexes) {
        for (const d of indexes) {
          const before = nowMs();
          await client.query(d);
          builds.push(`${d.replace(/^CREATE (?:UNIQUE )?INDEX (\S+) ON bench_catalog_floor /, '$1 ')}: ${((nowMs() - before) / 1000).toFixed(2)} s`);
        }
      }
      return { copySeconds: (copied - started) / 1000, indexSeconds: (nowMs() - copied) / 1000, builds };
    };
    const indexed = await load(true);
    const bulk = await load(false);
    return {
      indexes: indexes.length,
      indexed: rows / indexed.copySeconds,
      bulk: rows / (bulk.copySeconds + bulk.indexSeconds),
      bulkCopySeconds: bulk.copySeconds,
      bulkIndexSeconds: bulk.indexSeconds,
      builds: bulk.builds,
    };
  } finally {
    await client.query('DROP TABLE IF EXISTS bench_catalog_floor').catch(() => undefined);
    await client.end();
    await fs.rm(dump, { force: true });
  }
}

/**
 * A reference for an unchanged re-import, on the app's database after its re-import: the file COPYed raw into a plain
 * table (as the baseline does), ANALYZE, then one statement written for the benchmark that finds what an import must
 * find, the file's services compared to the catalogue column by column: none added or changed, and none of those
 * providers' services gone from the file. No validation, no per-row report, nothing written. Not a proven lower bound
 * (another statement could compare faster), but what a plain set-wise design of the same work costs on the machine.
 * Rows/s over the COPY and the comparison together.
 */
async function reimportReferenceRate(databaseUrl: string, file: string, rows: number): Promise<{ rowsPerS: number; copySeconds: number; compareSeconds: number }> {
  return withRawCopy(databaseUrl, file, rows, 'g60-bench-reimport-reference', async (client, copySeconds) => {
    const compared = nowMs();
    await client.query('ANALYZE bench_catalog_copy');
    // Nothing added, changed or gone: every staged row matches an active service column for column, and the
    // providers named in the file have no other active service ((provider, code) is unique).
    const [found] = (await client.query(`
      WITH staged AS MATERIALIZED (
        SELECT s.*, o.id AS provider_id FROM bench_catalog_copy s LEFT JOIN organizations o ON o.uscc = s.provider_uscc
      )
      SELECT count(*)::int AS staged,
             count(*) FILTER (WHERE c.id IS NULL OR c.status <> 'active'
               OR (c.name, c.category, c.unit_price_fen, c.unit, c.lead_time_days, c.instrument_name, c.instrument_model, c.description)
                  IS DISTINCT FROM (s.name, s.category, s.unit_price_fen, s.unit, s.lead_time_days, s.instrument_name, s.instrument_model, s.description))::int AS differing,
             (SELECT count(*) FROM catalog_services a WHERE a.status = 'active' AND a.provider_id IN (SELECT DISTINCT provider_id FROM staged))::int AS active
        FROM staged s LEFT JOIN catalog_services c ON c.provider_id = s.provider_id AND c.code = s.service_code`)).rows as { staged: number; differing: number; active: number }[];
    if (found.staged !== rows || found.differing !== 0 || found.active !== rows) {
      throw new Error(`re-import reference: expected ${rows} unchanged services, found ${JSON.stringify(found)}`);
    }
    const compareSeconds = (nowMs() - compared) / 1000;
    return { rowsPerS: rows / (copySeconds + compareSeconds), copySeconds, compareSeconds };
  });
}

interface IndexFloor {
  indexes: number;
  /** Rows/s into a table with the catalogue's indexes. */
  indexed: number;
  /** Rows/s of the COPY into a bare table and the index builds after it, together. */
  bulk: number;
  bulkCopySeconds: number;
  bulkIndexSeconds: number;
  /** Each index's definition (after its name) and the seconds its build took. */
  builds: string[];
  /** The reference for an unchanged re-import (reimportReferenceRate). */
  reimport: { rowsPerS: number; copySeconds: number; compareSeconds: number };
}

/** The import's floors and the re-import's reference at `rows` services, on the app's database after its imports. */
async function importFloors(ctx: BenchContext, databaseUrl: string, dir: string, file: string, rows: number): Promise<IndexFloor> {
  ctx.log(`floors at ${rows} services: the imported rows COPYed into a table with the catalogue's indexes, and into a bare one`);
  const floor = await indexFloorRates(databaseUrl, dir, rows);
  ctx.log(`index builds after a bare COPY:\n  ${floor.builds.join('\n  ')}`);
  return { ...floor, reimport: await reimportReferenceRate(databaseUrl, file, rows) };
}

function indexFloorRows(label: string, floor: IndexFloor, copyName: string, copySamples: number[]): BenchRow[] {
  return [
    ratioRow('catalog', `floor: the finished rows COPYed into a table with the catalogue's ${floor.indexes} indexes, ${label} rows`, floor.indexed, 'rows/s', copyName, copySamples),
    ratioRow('catalog', `floor: the same COPY into a bare table, then the ${floor.indexes} indexes built, ${label} rows`, floor.bulk, 'rows/s', copyName, copySamples),
    infoRow('catalog', `floor, ${label} rows: that COPY into a bare table`, floor.bulkCopySeconds, 's'),
    infoRow('catalog', `floor, ${label} rows: building the indexes after it`, floor.bulkIndexSeconds, 's'),
    ratioRow('catalog', `reference: an unchanged re-import as the raw COPY and one set-wise comparison with the catalogue, ${label} rows`, floor.reimport.rowsPerS, 'rows/s', copyName, copySamples),
    infoRow('catalog', `reference, ${label} rows: that raw COPY`, floor.reimport.copySeconds, 's'),
    infoRow('catalog', `reference, ${label} rows: ANALYZE and the comparison`, floor.reimport.compareSeconds, 's'),
  ];
}

interface ImportRun {
  rowsPerS: number;
  /** Rows not staged because their provider's block matched its mark. */
  rowsSkipped: number;
  /** From the first byte sent to the job's end (completed). */
  seconds: number;
  /** The upload: the API streams the body raw into staging with COPY (until its 202). */
  uploadSeconds: number;
  /** Queued and validating (set-wise SQL), until the merge starts. */
  validateSeconds: number;
  /** The batched merge, the withdrawal pass and closing the import. */
  mergeSeconds: number;
}

interface ImportSummary {
  id: string;
  status: string;
  rowsTotal: number;
  rowsValid: number;
  rowsInvalid: number;
  rowsInserted: number;
  rowsUpdated: number;
  rowsUnchanged: number;
  /** Rows of blocks that matched their provider's mark and were not staged (docs/catalog-search.md, "Provider marks"). */
  rowsSkipped: number;
  providersCreated: number;
  errorMessage: string | null;
}

/** POST the file as a raw text/csv body, streamed from disk (not buffered), as a client would upload it. */
function postCsv(baseUrl: string, auth: Auth, file: string, bytes: number): Promise<{ status: number; body: ImportSummary; ms: number }> {
  return new Promise((resolve, reject) => {
    const started = nowMs();
    const req = http.request(new URL('/api/v1/catalog/imports', baseUrl), {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'text/csv; charset=utf-8', 'Content-Length': String(bytes) },
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        try {
          resolve({ status: res.statusCode ?? 0, body: (text ? JSON.parse(text) : null) as ImportSummary, ms: nowMs() - started });
        } catch (err) {
          reject(new Error(`import answered ${res.statusCode} with ${text.slice(0, 500)}: ${String(err)}`));
        }
      });
    });
    req.on('error', reject);
    createReadStream(file).on('error', reject).pipe(req);
  });
}

/** Uploads the file, then watches the import's status (every 20 ms) until its job ends; phases timed client-side. */
async function importFile(baseUrl: string, auth: Auth, observer: Client, file: string, bytes: number, rows: number, expect: Partial<ImportSummary>): Promise<ImportRun> {
  const started = nowMs();
  const res = await postCsv(baseUrl, auth, file, bytes);
  if (res.status !== 202) throw new Error(`import: expected 202, got ${res.status} ${JSON.stringify(res.body)}`);
  let mergeStarted: number | undefined;
  let status = res.body.status;
  while (!['completed', 'rejected', 'failed'].includes(status)) {
    await new Promise((r) => setTimeout(r, 20));
    [{ status }] = (await observer.query(`SELECT status FROM catalog_imports WHERE id = $1`, [res.body.id])).rows as { status: string }[];
    if (status !== 'queued' && status !== 'validating' && mergeStarted === undefined) mergeStarted = nowMs();
  }
  const ended = nowMs();
  const [done] = (await observer.query(
    `SELECT id, status, rows_total AS "rowsTotal", rows_valid AS "rowsValid", rows_invalid AS "rowsInvalid", rows_inserted AS "rowsInserted",
            rows_updated AS "rowsUpdated", rows_unchanged AS "rowsUnchanged", rows_skipped AS "rowsSkipped", providers_created AS "providersCreated",
            error_message AS "errorMessage"
       FROM catalog_imports WHERE id = $1`,
    [res.body.id],
  )).rows as ImportSummary[];
  const wanted: Partial<ImportSummary> = { status: 'completed', rowsTotal: rows, rowsValid: rows, rowsInvalid: 0, ...expect };
  for (const [key, value] of Object.entries(wanted)) {
    if (done[key as keyof ImportSummary] !== value) throw new Error(`import: expected ${key} = ${value}, got ${JSON.stringify(done)}`);
  }
  const seconds = (ended - started) / 1000;
  const uploadSeconds = res.ms / 1000;
  const validateSeconds = ((mergeStarted ?? ended) - started - res.ms) / 1000;
  return { rowsPerS: rows / seconds, seconds, uploadSeconds, validateSeconds, mergeSeconds: seconds - uploadSeconds - validateSeconds, rowsSkipped: done.rowsSkipped };
}

/**
 * The new catalogue, then the same file again (every row unchanged: each provider's block matches the mark the first
 * import left, and is not staged), then once more with every mark out of date (as after a change to each provider by
 * another route), so that every row is staged, validated and compared: the re-import without marks.
 */
async function importThrice(baseUrl: string, auth: Auth, observer: Client, file: string, bytes: number, w: { services: number; providers: number }, log: (m: string) => void): Promise<Imports> {
  log(`import: POST ${w.services} rows (${(bytes / 2 ** 20).toFixed(1)} MiB) as the partner admin`);
  const first = await importFile(baseUrl, auth, observer, file, bytes, w.services, { rowsInserted: w.services, rowsUpdated: 0, providersCreated: w.providers });
  log(`import: ${first.rowsPerS.toFixed(0)} rows/s (${first.seconds.toFixed(1)} s: upload ${first.uploadSeconds.toFixed(1)}, validation ${first.validateSeconds.toFixed(1)}, merge ${first.mergeSeconds.toFixed(1)}); re-import of the same file`);
  const again = await importFile(baseUrl, auth, observer, file, bytes, w.services, { rowsInserted: 0, rowsUpdated: 0, rowsUnchanged: w.services, providersCreated: 0 });
  log(`re-import: ${again.rowsPerS.toFixed(0)} rows/s (${again.seconds.toFixed(1)} s: upload ${again.uploadSeconds.toFixed(1)}, validation ${again.validateSeconds.toFixed(1)}, merge ${again.mergeSeconds.toFixed(1)}), ${again.rowsSkipped} rows not staged`);
  // What another writer's change to every provider does to the marks (the version moves past them), without changing a field.
  await observer.query(`UPDATE catalog_provider_marks SET version = version + 1`);
  const unmarked = await importFile(baseUrl, auth, observer, file, bytes, w.services, { rowsInserted: 0, rowsUpdated: 0, rowsUnchanged: w.services, rowsSkipped: 0, providersCreated: 0 });
  log(`re-import without marks: ${unmarked.rowsPerS.toFixed(0)} rows/s (${unmarked.seconds.toFixed(1)} s: upload ${unmarked.uploadSeconds.toFixed(1)}, validation ${unmarked.validateSeconds.toFixed(1)}, merge ${unmarked.mergeSeconds.toFixed(1)})`);
  return { first, again, unmarked };
}

interface Imports {
  first: ImportRun;
  again: ImportRun;
  unmarked: ImportRun;
}

function importPhaseRows(label: string, imports: Imports): BenchRow[] {
  const rows: BenchRow[] = [infoRow('catalog', `re-import, ${label} rows, nothing changed: rows not staged (provider marks)`, imports.again.rowsSkipped, 'rows')];
  const runs = [
    [`import, ${label} rows, new catalogue`, imports.first], [`re-import, ${label} rows, nothing changed`, imports.again],
    [`re-import without marks, ${label} rows`, imports.unmarked],
  ] as const;
  for (const [name, run] of runs) {
    rows.push(
      infoRow('catalog', `${name}: elapsed`, run.seconds, 's'),
      infoRow('catalog', `${name}: upload (COPY raw to staging)`, run.uploadSeconds, 's'),
      infoRow('catalog', `${name}: queue + set-wise validation`, run.validateSeconds, 's'),
      infoRow('catalog', `${name}: batched merge (search tokens of added and changed rows)`, run.mergeSeconds, 's'),
    );
  }
  return rows;
}

/** Services and providers of the full run's second, larger import. */
const LARGE_CATALOGUE = { services: 1_000_000, providers: 780 };

/**
 * The import and re-import at `size` in a database of their own, with their own raw COPY baseline
 * before and after (the search part keeps its 200,000-service catalogue).
 */
async function importAtScale(ctx: BenchContext, template: { clone(name: string): Promise<{ url: string; drop(): Promise<void> }> }, dir: string, size: { services: number; providers: number }) {
  const file = path.join(dir, `catalog-${size.services}.csv`);
  ctx.log(`generating ${size.services} services of ${size.providers} providers`);
  const bytes = await writeCsv(file, { ...size, agreementProviders: 0, narrowedProviders: 0, searchRounds: 0, engineRounds: 0, singleRounds: 0, scaleServices: 0, importOnly: true, keepDb: null, vacuum: true });
  const db = await template.clone('catalog_large');
  const floorDb = await template.clone('catalog_large_floor');
  try {
    const copy = new Bracketed(() => rawCopyRate(floorDb.url, file, size.services));
    ctx.log(`raw COPY baseline (before), ${size.services} rows`);
    await copy.sample();
    const { observer, running, shutdown } = await bootBenchApp(ctx, db.url, redisPrefix(ctx, 'catalog-large'), { QUEUE_BACKEND: 'redis', CATALOG_IMPORT_MAX_BYTES: String(2 ** 30) });
    let imports: Imports;
    try {
      const partner = await login(new JsonClient(running.url as string), Role.PartnerAdmin);
      imports = await importThrice(running.url as string, partner, observer, file, bytes, size, (m) => ctx.log(m));
    } finally {
      await observer.end().catch(() => undefined);
      await shutdown();
    }
    ctx.log(`raw COPY baseline (after), ${size.services} rows`);
    await copy.sample();
    ctx.log(`raw COPY rows/s at ${size.services}: ${copy.spread}`);
    const indexFloor = await importFloors(ctx, db.url, dir, file, size.services);
    return { services: size.services, imports, copy: copy.samples, indexFloor };
  } finally {
    await db.drop();
    await floorDb.drop();
    await fs.rm(file, { force: true });
  }
}

// ---------------------------------------------------------------- search

type QueryClass = '1 character' | '2 characters' | 'longer keywords' | 'keyword + category + region' | 'recognisedOnly (Jiaxing enterprise)';
const QUERY_CLASSES: QueryClass[] = ['1 character', '2 characters', 'longer keywords', 'keyword + category + region', 'recognisedOnly (Jiaxing enterprise)'];

interface SearchCase {
  cls: QueryClass;
  query: { q: string; category?: string; regionCode?: string; recognisedOnly?: true };
}

/**
 * The fixed mix, issued in this order round-robin (client i takes the next one free). Keywords
 * are common words of the generated catalogue: 测 is in half of it (the worst case), 光 in a fifth.
 * Imported providers all get the partner's region (310000), so the region filter is 310000.
 */
const MIX: SearchCase[] = [
  { cls: '1 character', query: { q: '光' } },
  { cls: '1 character', query: { q: '测' } },
  { cls: '1 character', query: { q: '热' } },
  { cls: '2 characters', query: { q: '光谱' } },
  { cls: '2 characters', query: { q: '检测' } },
  { cls: '2 characters', query: { q: '质谱' } },
  { cls: '2 characters', query: { q: '校准' } },
  { cls: 'longer keywords', query: { q: '电感耦合等离子体质谱' } },
  { cls: 'longer keywords', query: { q: 'X射线衍射' } },
  { cls: 'longer keywords', query: { q: '高低温湿热循环试验' } },
  { cls: 'keyword + category + region', query: { q: '检测', category: 'testing', regionCode: '310000' } },
  { cls: 'keyword + category + region', query: { q: '分析', category: 'analysis', regionCode: '310000' } },
  { cls: 'keyword + category + region', query: { q: '光谱', category: 'analysis', regionCode: '310000' } },
  { cls: 'recognisedOnly (Jiaxing enterprise)', query: { q: '光谱', recognisedOnly: true } },
  { cls: 'recognisedOnly (Jiaxing enterprise)', query: { q: '检测', recognisedOnly: true } },
  { cls: 'recognisedOnly (Jiaxing enterprise)', query: { q: '拉伸', recognisedOnly: true } },
];

function queryString(c: SearchCase): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(c.query)) params.set(k, String(v));
  return params.toString();
}

interface PassStats {
  qps: number;
  p50: number;
  p99: number;
  classP50: Record<QueryClass, number>;
  classP99: Record<QueryClass, number>;
  /** Per query of MIX, in its order. */
  queryP50: number[];
  queryP99: number[];
}

/** Nearest-rank percentile of milliseconds. */
function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** `rounds` × the mix, by `lanes` parallel clients, each query timed on its own; queries/s over the whole pass. */
async function searchPass(lanes: number, rounds: number, issue: (c: SearchCase, lane: number) => Promise<void>): Promise<PassStats> {
  const count = rounds * MIX.length;
  const latencies = new Array<number>(count).fill(0);
  let next = 0;
  const started = nowMs();
  await Promise.all(
    Array.from({ length: lanes }, async (_, lane) => {
      while (next < count) {
        const i = next++;
        const t0 = nowMs();
        await issue(MIX[i % MIX.length], lane);
        latencies[i] = nowMs() - t0;
      }
    }),
  );
  return passStats(latencies, (nowMs() - started) / 1000);
}

/**
 * The same pass over HTTP, by the load generator in its own process (bench/http-load.ts), so the clients do not
 * take turns with the app on its one thread.
 */
async function httpSearchPass(baseUrl: string, auth: Auth, lanes: number, rounds: number): Promise<PassStats & { clientCpuMs: number }> {
  const run = await httpLoad({
    baseUrl,
    lanes,
    count: rounds * MIX.length,
    requests: MIX.map((c) => ({ method: 'GET', path: `/api/v1/catalog/services?${queryString(c)}`, headers: auth, expect: 200 })),
    assign: 'round-robin',
  });
  return { ...passStats(run.latencies, run.seconds), clientCpuMs: run.cpuMs / run.latencies.length };
}

/** httpSearchPass with the CPU per query of this process (the app's, which runs in it) over the pass. */
async function httpSearchPassWithCpu(baseUrl: string, auth: Auth, lanes: number, rounds: number): Promise<PassStats & { clientCpuMs: number; appCpuMs: number }> {
  const cpu = process.cpuUsage();
  const pass = await httpSearchPass(baseUrl, auth, lanes, rounds);
  const used = process.cpuUsage(cpu);
  return { ...pass, appCpuMs: (used.user + used.system) / 1000 / (rounds * MIX.length) };
}

/** Latencies indexed by request number (request i was MIX[i % MIX.length]). */
function passStats(latencies: number[], seconds: number): PassStats {
  const byClass = (cls: QueryClass) => latencies.filter((_, i) => MIX[i % MIX.length].cls === cls);
  const perClass = (p: number) => Object.fromEntries(QUERY_CLASSES.map((cls) => [cls, percentile(byClass(cls), p)])) as Record<QueryClass, number>;
  const byQuery = (q: number) => latencies.filter((_, i) => i % MIX.length === q);
  return {
    qps: latencies.length / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99), classP50: perClass(50), classP99: perClass(99),
    queryP50: MIX.map((_, q) => percentile(byQuery(q), 50)), queryP99: MIX.map((_, q) => percentile(byQuery(q), 99)),
  };
}

/**
 * The statements the service runs for each query of the mix, for this caller (recorded by search()'s
 * trace; the adaptive plan runs two to four of them, which ones depending on the query).
 */
async function serviceStatements(search: CatalogSearchService, actor: Actor): Promise<SearchStatement[][]> {
  const all: SearchStatement[][] = [];
  for (const c of MIX) {
    const trace: SearchStatement[] = [];
    await search.search(actor, Object.assign(new CatalogSearchQueryDto(), c.query), trace);
    all.push(trace);
  }
  return all;
}

async function rawSqlPass(databaseUrl: string, lanes: number, rounds: number, statements: SearchStatement[][]): Promise<PassStats> {
  const clients = await Promise.all(
    Array.from({ length: lanes }, async () => {
      // The app's session settings (no JIT: src/platform/database/data-source-options.ts), so the replay runs the same plans.
      const c = new Client({ connectionString: databaseUrl, application_name: 'g60-bench-search-sql', options: APP_SESSION_OPTIONS });
      await c.connect();
      return c;
    }),
  );
  try {
    return await searchPass(lanes, rounds, async (c, lane) => {
      for (const s of statements[MIX.indexOf(c)]) await (s.name ? clients[lane].query({ name: s.name, text: s.sql, values: s.params }) : clients[lane].query(s.sql, s.params));
    });
  } finally {
    await Promise.all(clients.map((c) => c.end()));
  }
}

// ---------------------------------------------------------------- the app

type Auth = Record<string, string>;

async function login(http: JsonClient, role: Role): Promise<Auth> {
  const user = DEMO_LOGINS.find((l) => l.role === role);
  if (!user) throw new Error(`no demo login for ${role}`);
  const body = await http.expect<{ accessToken: string }>(200, 'POST', '/api/v1/auth/login', { email: user.email, password: DEMO_PASSWORD });
  return { Authorization: `Bearer ${body.accessToken}` };
}

interface AppResult {
  imports: Imports;
  /** Absent with BENCH_CATALOG_IMPORT_ONLY. */
  search?: SearchRun;
  /** The same search answered by the search engine (Sphinx): absent without searchd, or with BENCH_CATALOG_IMPORT_ONLY. */
  engine?: EngineRun;
}

async function runApp(ctx: BenchContext, databaseUrl: string, file: string, bytes: number, w: Workload, betweenImportAndSearch: () => Promise<void>): Promise<AppResult> {
  const { running, observer, shutdown } = await bootBenchApp(ctx, databaseUrl, redisPrefix(ctx, 'catalog'), { QUEUE_BACKEND: 'redis', OUTBOX_POLL_MS: '250' });
  let result: AppResult;
  try {
    const baseUrl = running.url as string;
    const api = new JsonClient(baseUrl);
    const [partner, approver, enterprise] = await Promise.all([login(api, Role.PartnerAdmin), login(api, Role.Approver), login(api, Role.EnterpriseUser)]);

    const imports = await importThrice(baseUrl, partner, observer, file, bytes, w, (m) => ctx.log(m));
    await betweenImportAndSearch();
    if (w.importOnly) return { imports };

    result = { imports, search: await measureSearch(ctx, { running, observer, api, approver, partner, enterprise, databaseUrl }, w) };
  } finally {
    await observer.end().catch(() => undefined);
    await shutdown();
  }
  // The engine's app on the same database once the PostgreSQL one is down, so each has the machine to itself.
  result.engine = await measureEngineSearchIfAvailable(ctx, databaseUrl, w, result.search!);
  return result;
}

interface SearchRun {
  /** With the CPU per query of the app's process and of the load generator's, milliseconds. */
  app: PassStats & { appCpuMs: number; clientCpuMs: number };
  baseline: PassStats[];
  appSingle: PassStats;
  baselineSingle: PassStats[];
}

interface SearchTarget {
  running: BenchApp['running'];
  observer: Client;
  api: JsonClient;
  approver: Auth;
  partner: Auth;
  enterprise: Auth;
  databaseUrl: string;
  /** A kept database (BENCH_CATALOG_KEEP_DB) has its agreement from the run that imported it. */
  agreementExists?: boolean;
}

/**
 * The search measurement on an imported catalogue: the Jiaxing–Shanghai agreement, VACUUM ANALYZE,
 * the API's first pages checked against an exhaustive reference query, then the mix over HTTP and the
 * service's own statements replayed through pg (before and after), by `concurrency` clients and by one.
 */
async function measureSearch(ctx: BenchContext, target: SearchTarget, w: Workload): Promise<SearchRun> {
  const { running, observer, api, approver, partner, enterprise, databaseUrl } = target;
  const baseUrl = running.url as string;
  if (!target.agreementExists) {
    ctx.log(`recognition agreement 330400 ← 310000: ${w.agreementProviders} providers, ${w.narrowedProviders} narrowed to ${SERVICES_PER_NARROWED_PROVIDER} services`);
    await createAgreement(api, observer, approver, partner, w);
  }
    // The state autovacuum would reach after a bulk load; without it the plans depend on when it last ran.
    if (w.vacuum) await observer.query('VACUUM ANALYZE catalog_services, organizations, recognition_agreements, recognition_agreement_providers, recognition_agreement_services');
    else ctx.log('BENCH_CATALOG_VACUUM=0: no VACUUM ANALYZE before search');
    // The import and that VACUUM leave gigabytes of WAL behind at 1,000,000 services, and the checkpoints they start
    // write for seconds afterwards: in one full run a checkpoint wrote 11,649 buffers over 15.5 s, through the whole
    // timed search pass. Search is measured once they are written, as on a catalogue past its last bulk load.
    await observer.query('CHECKPOINT').catch((error: Error) => ctx.log(`no CHECKPOINT before search (${error.message}): a checkpoint may write during the passes`));

    const search = running.app.get(CatalogSearchService);
    const statements = await serviceStatements(search, await enterpriseActor(observer));
    for (const line of await checkSameAnswers(api, enterprise, observer, running.app.get(RecognitionService), await enterpriseActor(observer))) ctx.log(line);

    const lanes = ctx.concurrency;
    const httpPass = (clients: number, rounds: number) => httpSearchPassWithCpu(baseUrl, enterprise, clients, rounds);
    ctx.log(`search warm-up: the mix ${WARMUP_ROUNDS} times over HTTP and once as SQL`);
    await httpPass(lanes, WARMUP_ROUNDS);
    await rawSqlPass(databaseUrl, lanes, 1, statements);

    const baseline: PassStats[] = [];
    const baselineSingle: PassStats[] = [];
    const total = w.searchRounds * MIX.length;
    ctx.log(`search baseline (before): ${total} statements as SQL, ${lanes} clients; then ${w.singleRounds * MIX.length} by one client`);
    baseline.push(await rawSqlPass(databaseUrl, lanes, w.searchRounds, statements));
    baselineSingle.push(await rawSqlPass(databaseUrl, 1, w.singleRounds, statements));
    ctx.log(`search: ${total} queries over HTTP, ${lanes} clients; then ${w.singleRounds * MIX.length} by one client`);
    const app = await httpPass(lanes, w.searchRounds);
    const appSingle = await httpPass(1, w.singleRounds);
    ctx.log(`search CPU per query, ${lanes} clients: ${app.appCpuMs.toFixed(2)} ms in the app's process, ${app.clientCpuMs.toFixed(2)} ms in the load generator's`);
    ctx.log(`search baseline (after)`);
    baseline.push(await rawSqlPass(databaseUrl, lanes, w.searchRounds, statements));
    baselineSingle.push(await rawSqlPass(databaseUrl, 1, w.singleRounds, statements));
    ctx.log(
      `search: HTTP p50 ${app.p50.toFixed(1)} ms, p99 ${app.p99.toFixed(1)} ms, ${app.qps.toFixed(1)} q/s; SQL p50 ${baseline.map((b) => b.p50.toFixed(1)).join(' / ')} ms, ` +
        `${baseline.map((b) => b.qps.toFixed(1)).join(' / ')} q/s`,
    );
    ctx.log(`search per query (${lanes} clients; SQL: before / after): HTTP p50 / p99 | SQL p50 / p99 | statements | one client HTTP / SQL p50`);
    MIX.forEach((c, i) => {
      const ms = (v: number) => v.toFixed(1).padStart(6);
      ctx.log(
        `  ${JSON.stringify(c.query).padEnd(64)} ${ms(app.queryP50[i])} / ${ms(app.queryP99[i])} | ${baseline.map((b) => `${ms(b.queryP50[i])} / ${ms(b.queryP99[i])}`).join(' ; ')} | ` +
          `${statements[i].length} | ${ms(appSingle.queryP50[i])} / ${ms(baselineSingle[0].queryP50[i])}`,
      );
    });
  return { app, baseline, appSingle, baselineSingle };
}

/**
 * Search at 1,000,000 services (full run only): a fresh database from the same template, the generated
 * catalogue imported once through the API, then the same measurement as at 200,000.
 */
async function searchAtScale(ctx: BenchContext, template: BenchTemplate, dir: string, w: Workload): Promise<SearchRun> {
  const file = path.join(dir, `catalog-${w.services}.csv`);
  ctx.log(`generating ${w.services} services of ${w.providers} providers`);
  const bytes = await writeCsv(file, w);
  const db = await template.clone('catalog_scale');
  const { running, observer, shutdown } = await bootBenchApp(ctx, db.url, redisPrefix(ctx, 'catalog_scale'), { QUEUE_BACKEND: 'redis', OUTBOX_POLL_MS: '250', CATALOG_IMPORT_MAX_BYTES: String(2 ** 30) });
  try {
    const api = new JsonClient(running.url as string);
    const [partner, approver, enterprise] = await Promise.all([login(api, Role.PartnerAdmin), login(api, Role.Approver), login(api, Role.EnterpriseUser)]);
    ctx.log(`import: POST ${w.services} rows (${(bytes / 2 ** 20).toFixed(1)} MiB) as the partner admin (for the search measurement only)`);
    const first = await importFile(running.url as string, partner, observer, file, bytes, w.services, { rowsInserted: w.services, rowsUpdated: 0, providersCreated: w.providers });
    ctx.log(`import: ${first.rowsPerS.toFixed(0)} rows/s (${first.seconds.toFixed(1)} s)`);
    await fs.rm(file, { force: true });
    return await measureSearch(ctx, { running, observer, api, approver, partner, enterprise, databaseUrl: db.url }, w);
  } finally {
    await observer.end().catch(() => undefined);
    await shutdown();
    await db.drop();
  }
}

// ---------------------------------------------------------------- the search engine (Sphinx)

/** The search engine's rows are named with this (the PostgreSQL rows are not). */
const ENGINE = 'search engine (Sphinx)';
/** The feed interval of the engine's app: no pass of its own during the measurement (the benchmark feeds). */
const ENGINE_FEED_INTERVAL_MS = '600000';
/**
 * How long the engine's app waits for the engine before searching PostgreSQL instead: far above the default, so that a
 * slow answer of the engine is measured rather than replaced by PostgreSQL's (and the fallback's 10 s circuit). The
 * engine's round trips over the default are counted and reported.
 */
const ENGINE_TIMEOUT_MS = 60_000;

interface EngineRun {
  feed: {
    /** Services in the catalogue (all of them listed in the benchmark's), and what feedAll() sent (some perhaps twice). */
    rows: number;
    sent: number;
    seconds: number;
    rowsPerS: number;
    /** CPU over the feed: the app's process (reading, tokenising, building statements) and searchd's (null: not readable). */
    appCpuS: number;
    searchdCpuS: number | null;
  };
  app: PassStats & { appCpuMs: number; clientCpuMs: number; searchdCpuMs: number | null };
  appSingle: PassStats;
  /** The app's round trips to the engine (one SphinxQL batch per search: tiers 1 and 2, facets) in the timed pass by `concurrency` clients. */
  roundTrips: { p50: number; p99: number; overDefaultTimeout: number; defaultTimeoutMs: number };
}

type SearchesByBackend = Record<'engine' | 'postgres' | 'postgres_fallback', number>;

/** The measurement below when /usr/bin/searchd exists (Debian's sphinxsearch); undefined, and a log line, without it. */
async function measureEngineSearchIfAvailable(ctx: BenchContext, databaseUrl: string, w: Workload, postgres: SearchRun): Promise<EngineRun | undefined> {
  if (!Searchd.available()) {
    ctx.log(`no searchd (${process.env.SEARCHD_BIN ?? '/usr/bin/searchd'}; apt-get install sphinxsearch): the ${ENGINE} is not measured`);
    return undefined;
  }
  return measureEngineSearch(ctx, databaseUrl, w, postgres);
}

/**
 * The same search measurement answered by the external search engine: a real searchd (scripts/searchd.ts) and the app
 * booted on the same database with SEARCH_ENGINE_URL (after the PostgreSQL app has stopped). The whole catalogue is fed
 * once (`feedAll()`, timed); every query's first page is checked against the exhaustive reference, then the same warm-up
 * and HTTP passes as PostgreSQL's (ratios against PostgreSQL's SQL baseline of the same run). The app's
 * catalog_searches_total must show that the engine answered every query of the mix (recognisedOnly too) and that
 * nothing fell back to PostgreSQL, after the warm-up
 * (before timing) and after the timed passes; otherwise the benchmark fails. The app waits ENGINE_TIMEOUT_MS for the
 * engine, not the default 2 s: a slow answer is measured, and counted, rather than replaced by PostgreSQL's.
 */
async function measureEngineSearch(ctx: BenchContext, databaseUrl: string, w: Workload, postgres: SearchRun): Promise<EngineRun> {
  const searchd = new Searchd();
  ctx.defer(() => searchd.close());
  try {
    await searchd.start();
    ctx.log(`${ENGINE}: searchd on port ${searchd.port} (${searchd.dir}); the app with SEARCH_ENGINE_URL=${searchd.url}`);
    const { running, observer, shutdown } = await bootBenchApp(ctx, databaseUrl, redisPrefix(ctx, 'catalog_engine'), {
      QUEUE_BACKEND: 'redis', OUTBOX_POLL_MS: '250', SEARCH_ENGINE_URL: searchd.url, SEARCH_ENGINE_FEED_INTERVAL_MS: ENGINE_FEED_INTERVAL_MS,
      SEARCH_ENGINE_TIMEOUT_MS: String(ENGINE_TIMEOUT_MS),
    });
    try {
      const baseUrl = running.url as string;
      const api = new JsonClient(baseUrl);
      const enterprise = await login(api, Role.EnterpriseUser);
      const engineClient = running.app.get(SearchEngineClient);
      // Each round trip to the engine timed (this app's instance only, a wrapper around its own query()).
      let roundTrips: number[] | null = null;
      const engineQuery = engineClient.query.bind(engineClient);
      engineClient.query = (async (sql: string) => {
        const t0 = nowMs();
        try {
          return await engineQuery(sql);
        } finally {
          roundTrips?.push(nowMs() - t0);
        }
      }) as SearchEngineClient['query'];

      // The full feed: every service of the catalogue into the empty index.
      const [{ rows, listed }] = (await observer.query(`SELECT count(*)::int AS rows, count(*) FILTER (WHERE status = 'active')::int AS listed FROM catalog_services`)).rows as { rows: number; listed: number }[];
      ctx.log(`${ENGINE}: full feed of ${rows} services (feedAll)`);
      const cpu = process.cpuUsage();
      const searchdCpu = searchdCpuMs(searchd);
      const started = nowMs();
      const sent = await running.app.get(SearchEngineFeeder).feedAll();
      const seconds = (nowMs() - started) / 1000;
      const appCpu = process.cpuUsage(cpu);
      const searchdCpuAfter = searchdCpuMs(searchd);
      const [[{ n }]] = await engineClient.query<{ n: string }>(`SELECT COUNT(*) AS n FROM ${engineClient.index}`);
      if (Number(n) !== listed) throw new Error(`${ENGINE}: the engine holds ${n} services after the full feed, the catalogue lists ${listed}`);
      const feed = {
        rows, sent, seconds, rowsPerS: rows / seconds, appCpuS: (appCpu.user + appCpu.system) / 1e6,
        searchdCpuS: searchdCpu !== null && searchdCpuAfter !== null ? (searchdCpuAfter - searchdCpu) / 1000 : null,
      };
      ctx.log(
        `${ENGINE}: fed ${rows} services (${sent} sent) in ${seconds.toFixed(1)} s, ${feed.rowsPerS.toFixed(0)} rows/s; CPU ${feed.appCpuS.toFixed(1)} s in the app's process, ` +
          `${feed.searchdCpuS === null ? 'unknown' : feed.searchdCpuS.toFixed(1)} s in searchd's`,
      );

      const metrics = running.app.get(MetricsService);
      const searches = async (): Promise<SearchesByBackend> => {
        const { values } = await metrics.catalogSearches.get();
        const count = (backend: string) => values.find((v) => v.labels.backend === backend)?.value ?? 0;
        return { engine: count('engine'), postgres: count('postgres'), postgres_fallback: count('postgres_fallback') };
      };
      // The engine must have answered `rounds` passes of the mix: every query (recognisedOnly too), none fallen back to PostgreSQL.
      const expectEngineAnswered = (before: SearchesByBackend, after: SearchesByBackend, rounds: number, what: string) => {
        const got = { engine: after.engine - before.engine, postgres: after.postgres - before.postgres, postgres_fallback: after.postgres_fallback - before.postgres_fallback };
        ctx.log(`${ENGINE}: catalog_searches_total over ${what}: ${JSON.stringify(got)}`);
        if (got.engine !== rounds * MIX.length || got.postgres !== 0 || got.postgres_fallback !== 0) {
          throw new Error(`${ENGINE}: over ${what} catalog_searches_total rose by ${JSON.stringify(got)}; expected engine ${rounds * MIX.length} and nothing else: the engine did not answer every search`);
        }
      };

      const lanes = ctx.concurrency;
      const atStart = await searches();
      for (const line of await checkSameAnswers(api, enterprise, observer, running.app.get(RecognitionService), await enterpriseActor(observer))) ctx.log(`${ENGINE}: ${line}`);
      ctx.log(`${ENGINE}: search warm-up: the mix ${WARMUP_ROUNDS} times over HTTP`);
      await httpSearchPassWithCpu(baseUrl, enterprise, lanes, WARMUP_ROUNDS);
      const beforeTiming = await searches();
      expectEngineAnswered(atStart, beforeTiming, 1 + WARMUP_ROUNDS, 'the answer check and the warm-up');

      const total = w.engineRounds * MIX.length;
      ctx.log(`${ENGINE}: search: ${total} queries over HTTP, ${lanes} clients; then ${w.singleRounds * MIX.length} by one client`);
      const searchdBefore = searchdCpuMs(searchd);
      const timed: number[] = (roundTrips = []);
      const pass = await httpSearchPassWithCpu(baseUrl, enterprise, lanes, w.engineRounds);
      roundTrips = null;
      const searchdAfter = searchdCpuMs(searchd);
      const appSingle = await httpSearchPassWithCpu(baseUrl, enterprise, 1, w.singleRounds);
      expectEngineAnswered(beforeTiming, await searches(), w.engineRounds + w.singleRounds, 'the timed passes');
      const app = { ...pass, searchdCpuMs: searchdBefore !== null && searchdAfter !== null ? (searchdAfter - searchdBefore) / total : null };
      const defaultTimeoutMs = new AppConfig().SEARCH_ENGINE_TIMEOUT_MS;
      const trips = { p50: percentile(timed, 50), p99: percentile(timed, 99), overDefaultTimeout: timed.filter((ms) => ms > defaultTimeoutMs).length, defaultTimeoutMs };
      ctx.log(
        `${ENGINE}: the app's round trips to the engine, ${lanes} clients: ${timed.length}, p50 ${trips.p50.toFixed(1)} ms, p99 ${trips.p99.toFixed(1)} ms; ` +
          `${trips.overDefaultTimeout} over the default SEARCH_ENGINE_TIMEOUT_MS (${defaultTimeoutMs} ms; this app waits ${ENGINE_TIMEOUT_MS} ms), which would have gone to PostgreSQL`,
      );

      const pg = postgres.app;
      ctx.log(
        `${ENGINE}: search CPU per query, ${lanes} clients: ${app.appCpuMs.toFixed(2)} ms in the app's process (PostgreSQL mode ${pg.appCpuMs.toFixed(2)}), ` +
          `${app.searchdCpuMs === null ? 'unknown' : app.searchdCpuMs.toFixed(2)} ms in searchd's, ${app.clientCpuMs.toFixed(2)} ms in the load generator's`,
      );
      ctx.log(
        `${ENGINE}: search: HTTP p50 ${app.p50.toFixed(1)} ms, p99 ${app.p99.toFixed(1)} ms, ${app.qps.toFixed(1)} q/s; ` +
          `PostgreSQL (same run): HTTP p50 ${pg.p50.toFixed(1)} ms, p99 ${pg.p99.toFixed(1)} ms, ${pg.qps.toFixed(1)} q/s`,
      );
      ctx.log(`${ENGINE}: per query (${lanes} clients): engine HTTP p50 / p99 | PostgreSQL HTTP p50 / p99 | one client engine / PostgreSQL HTTP p50`);
      MIX.forEach((c, i) => {
        const ms = (v: number) => v.toFixed(1).padStart(6);
        ctx.log(
          `  ${JSON.stringify(c.query).padEnd(64)} ${ms(app.queryP50[i])} / ${ms(app.queryP99[i])} | ${ms(pg.queryP50[i])} / ${ms(pg.queryP99[i])} | ` +
            `${ms(appSingle.queryP50[i])} / ${ms(postgres.appSingle.queryP50[i])}`,
        );
      });
      return { feed, app, appSingle, roundTrips: trips };
    } finally {
      await observer.end().catch(() => undefined);
      await shutdown();
    }
  } finally {
    await searchd.close();
  }
}

/** CPU time of searchd's serving process so far (its pid file; /proc, Linux), milliseconds; null when not readable. */
function searchdCpuMs(searchd: Searchd): number | null {
  try {
    const pid = readFileSync(path.join(searchd.dir, 'searchd.pid'), 'utf8').trim();
    // Fields after the command (in parentheses, which may hold spaces): state is the 3rd field, utime and stime the 14th and 15th.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) / clockTicks()) * 1000;
  } catch {
    return null;
  }
}

/** The kernel's clock ticks per second (/proc/<pid>/stat's unit). */
let ticks: number | undefined;
function clockTicks(): number {
  if (ticks === undefined) {
    try {
      ticks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticks = 100;
    }
  }
  return ticks;
}

/**
 * The engine's rows: the full feed (rows/s, against the raw COPY baseline when the run has one), and the search figures
 * against the same baseline as PostgreSQL's search rows (the service's own SQL in PostgreSQL mode, replayed via pg).
 */
function engineRows(ctx: BenchContext, engine: EngineRun, postgres: SearchRun, copy: { name: string; samples: number[] } | null): BenchRow[] {
  const sqlName = `the service's own SQL via pg, ${ctx.concurrency} clients`;
  const feedName = `${ENGINE}: full feed rows/s, ${engine.feed.rows} services (feedAll)`;
  return [
    copy ? ratioRow('catalog', feedName, engine.feed.rowsPerS, 'rows/s', copy.name, copy.samples) : infoRow('catalog', feedName, engine.feed.rowsPerS, 'rows/s'),
    ratioRow('catalog', `${ENGINE}: search queries/s, ${ctx.concurrency} HTTP clients`, engine.app.qps, 'queries/s', sqlName, postgres.baseline.map((b) => b.qps)),
    ratioRow('catalog', `${ENGINE}: search latency p50 (lower is better)`, engine.app.p50, 'ms', sqlName, postgres.baseline.map((b) => b.p50)),
    ratioRow('catalog', `${ENGINE}: search latency p99 (lower is better)`, engine.app.p99, 'ms', sqlName, postgres.baseline.map((b) => b.p99)),
    ratioRow('catalog', `${ENGINE}: search latency p50, one client (lower is better)`, engine.appSingle.p50, 'ms', `the service's own SQL via pg, one client`, postgres.baselineSingle.map((b) => b.p50)),
    ...QUERY_CLASSES.map((cls) => ratioRow('catalog', `${ENGINE}: search p50, ${cls} (lower is better)`, engine.app.classP50[cls], 'ms', sqlName, postgres.baseline.map((b) => b.classP50[cls]))),
    infoRow('catalog', `${ENGINE}: full feed elapsed`, engine.feed.seconds, 's'),
    infoRow('catalog', `${ENGINE}: full feed CPU in the app's process`, engine.feed.appCpuS, 's'),
    ...(engine.feed.searchdCpuS === null ? [] : [infoRow('catalog', `${ENGINE}: full feed CPU in searchd's process`, engine.feed.searchdCpuS, 's')]),
    infoRow('catalog', `${ENGINE}: search CPU per query in the app's process, ${ctx.concurrency} HTTP clients`, engine.app.appCpuMs, 'ms'),
    ...(engine.app.searchdCpuMs === null ? [] : [infoRow('catalog', `${ENGINE}: search CPU per query in searchd's process, ${ctx.concurrency} HTTP clients`, engine.app.searchdCpuMs, 'ms')]),
    infoRow('catalog', `${ENGINE}: search CPU per query in the HTTP load generator's process, ${ctx.concurrency} HTTP clients`, engine.app.clientCpuMs, 'ms'),
    infoRow('catalog', `${ENGINE}: the app's round trip to the engine p50, ${ctx.concurrency} HTTP clients`, engine.roundTrips.p50, 'ms'),
    infoRow('catalog', `${ENGINE}: the app's round trip to the engine p99, ${ctx.concurrency} HTTP clients`, engine.roundTrips.p99, 'ms'),
    infoRow('catalog', `${ENGINE}: round trips over the default SEARCH_ENGINE_TIMEOUT_MS (${engine.roundTrips.defaultTimeoutMs} ms), which would have fallen back to PostgreSQL`, engine.roundTrips.overDefaultTimeout, 'queries'),
    infoRow('catalog', `${ENGINE}: search p99 of the slowest query class via HTTP`, Math.max(...QUERY_CLASSES.map((c) => engine.app.classP99[c])), 'ms'),
  ];
}

/**
 * Jiaxing (330400, the approver's city) recognises a subset of the imported Shanghai providers:
 * created by the approver, providers listed by the Shanghai partner admin, and some of them
 * narrowed to a few services by the approver (the shape docs/catalog-search.md measured).
 */
async function createAgreement(api: JsonClient, observer: Client, approver: Auth, partner: Auth, w: Workload): Promise<void> {
  const usccs = generateProviders({ providers: w.providers, seed: SEED }).map((p) => p.uscc);
  const ids = (await observer.query(`SELECT id FROM organizations WHERE uscc = ANY($1::text[]) ORDER BY uscc`, [usccs])).rows.map((r: { id: string }) => r.id);
  if (ids.length !== w.providers) throw new Error(`expected ${w.providers} imported providers, found ${ids.length}`);
  const step = Math.floor(ids.length / w.agreementProviders);
  const listed = Array.from({ length: w.agreementProviders }, (_, i) => ids[i * step]);
  const agreement = await api.expect<{ id: string }>(201, 'POST', '/api/v1/recognition-agreements', {
    issuingRegionCode: '330400',
    partnerRegionCode: '310000',
    name: '嘉兴—上海创新券互认互通协议（基准）',
    effectiveFrom: addDays(shanghaiDate(), -30),
    ratioOverrideBp: 4000,
  }, approver);
  await api.expect(200, 'POST', `/api/v1/recognition-agreements/${agreement.id}/providers`, { providerIds: listed }, partner);
  const narrowed = listed.slice(0, w.narrowedProviders);
  const services = (
    await observer.query(
      `SELECT id FROM (SELECT id, row_number() OVER (PARTITION BY provider_id ORDER BY code) AS n FROM catalog_services WHERE provider_id = ANY($1::uuid[])) s
        WHERE n <= $2 ORDER BY id`,
      [narrowed, SERVICES_PER_NARROWED_PROVIDER],
    )
  ).rows.map((r: { id: string }) => r.id);
  const terms = await api.expect<{ termsHash: string }>(200, 'POST', `/api/v1/recognition-agreements/${agreement.id}/services`, { serviceIds: services }, approver);
  // It binds only once both regions signed the same terms.
  await api.expect(200, 'POST', `/api/v1/recognition-agreements/${agreement.id}/sign`, { termsHash: terms.termsHash }, partner);
  await api.expect(200, 'POST', `/api/v1/recognition-agreements/${agreement.id}/sign`, { termsHash: terms.termsHash }, approver);
}

function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** The demo enterprise user as the API sees it (buildSql reads only its region, for recognisedOnly). */
async function enterpriseActor(observer: Client): Promise<Actor> {
  const email = DEMO_LOGINS.find((l) => l.role === Role.EnterpriseUser)!.email;
  const [u] = (
    await observer.query(
      `SELECT u.id, u.role, u.is_org_admin, u.organization_id, o.kind, o.region_code FROM users u JOIN organizations o ON o.id = u.organization_id WHERE u.email = $1`,
      [email],
    )
  ).rows as { id: string; role: Role; is_org_admin: boolean; organization_id: string; kind: OrganizationKind; region_code: string }[];
  return {
    userId: u.id, sessionId: 'bench', role: u.role, isOrgAdmin: u.is_org_admin, organizationId: u.organization_id, organizationKind: u.kind,
    regionCode: u.region_code, regionScope: [u.region_code],
  };
}

/**
 * The API's first page must be the first page of an exhaustive reference query written here on its
 * own (every match found and sorted by tier and id, the old way: docs/catalog-search.md, "Order"), and
 * non-empty (recognisedOnly too, or the agreement did not take). Returns, per query, the exact number of
 * matches next to the total the API gave (an estimate for large sets), for the log.
 */
async function checkSameAnswers(api: JsonClient, enterprise: Auth, observer: Client, recognition: RecognitionService, actor: Actor): Promise<string[]> {
  const report: string[] = [];
  for (const c of MIX) {
    const res = await api.expect<{ items: { id: string }[]; total: number; totalApproximate: boolean }>(200, 'GET', `/api/v1/catalog/services?${queryString(c)}`, undefined, enterprise);
    const search = buildSearchQuery(c.query.q)!;
    const params: unknown[] = [search.exact, search.tsquery];
    const like = search.keywords.map((k) => { params.push(k); return `$${params.length}`; });
    const where = [`s.status = 'active'`, `(split_part(s.search_text, ' | ', 1) = $1 OR lower(s.code) = $1 OR (s.search_tokens @@ $2::tsquery AND ${like.map((l) => `s.search_text LIKE ${l}`).join(' AND ')}))`];
    if (c.query.category) where.push(`s.category = $${params.push(c.query.category)}`);
    if (c.query.regionCode) where.push(`s.region_code = ANY($${params.push(recognition.regionsUnder(c.query.regionCode))}::text[])`);
    if (c.query.recognisedOnly) where.push(recognition.recognisedPredicate('s', recognition.issuingCityOf(actor.regionCode), shanghaiDate(), params));
    const rows = (await observer.query(
      `SELECT s.id, count(*) OVER () AS n FROM catalog_services s JOIN organizations o ON o.id = s.provider_id AND o.admission_status = 'active'
        WHERE ${where.join(' AND ')}
        ORDER BY CASE WHEN split_part(s.search_text, ' | ', 1) = $1 OR lower(s.code) = $1 THEN 0
                      WHEN ${like.map((l) => `split_part(s.search_text, ' | ', 1) LIKE ${l}`).join(' AND ')} THEN 1 ELSE 2 END, s.id
        LIMIT 20`,
      params,
    )).rows as { id: string; n: string }[];
    if (res.items.length === 0) throw new Error(`search ${JSON.stringify(c.query)} found nothing`);
    if (res.items.map((x) => x.id).join() !== rows.map((x) => x.id).join()) throw new Error(`search ${JSON.stringify(c.query)}: the API's first page differs from the exhaustive reference`);
    report.push(`${JSON.stringify(c.query)}: ${rows[0].n} matches, API total ${res.totalApproximate ? 'about ' : ''}${res.total}`);
  }
  return report;
}
