import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { DataSource, QueryRunner } from 'typeorm';
import { AppConfig, ProcessRole } from '../../../platform/config/app-config';
import { PROCESS_ROLE } from '../../../platform/database/database.tokens';
import { MetricsService } from '../../../platform/metrics/metrics.service';
import { WorkerLoop } from '../../../platform/queue/worker-loop';
import { engineFields } from './engine-text';
import { SearchEngineClient } from './search-engine.client';

const FEED_LOCK = 0x53454644; // 'SEFD'
const BEFORE_ANY_DOC = '-9223372036854775808';
/** A REPLACE statement is cut at about this many bytes (the engine's default max_packet_size is 8 MiB). */
const STATEMENT_BYTES = 1 << 20;
/** The fields and attributes the engine's index must have (deploy/sphinx/sphinx.conf). */
export const ENGINE_COLUMNS = ['id', 'name', 'body', 'namesub', 'k1', 'k2', 'sid', 'category', 'region', 'provider'];

export interface FeedPass {
  /** Services sent (replaced or deleted), some of them perhaps again. */
  sent: number;
  /** Every change by a transaction below it has been sent. */
  horizon: string;
}

interface ChangedRow {
  doc: string;
  id: string;
  search_text: string;
  category: string;
  region_code: string;
  provider_id: string;
  status: string;
  xid: string;
}

/** The two signed 64-bit halves of a UUID, ordered as the UUID is (the engine sorts by them: the id order of the tiers). */
export function uuidKeys(id: string): [string, string] {
  const hex = id.replace(/-/g, '');
  const signed = (h: string) => (BigInt(`0x${h}`) - (1n << 63n)).toString();
  return [signed(hex.slice(0, 16)), signed(hex.slice(16, 32))];
}

/**
 * Feeds the external search engine from the catalogue (docs/catalog-search.md, "An external search engine"). Every
 * change to what the engine holds of a service stamps the row with its transaction (`search_xid`, a trigger); a pass
 * takes a snapshot and its horizon (the oldest transaction still running: everything below it has ended), sends every
 * row stamped at or above the last pass's horizon that the last pass's snapshot did not see (listed services replaced,
 * the others deleted), then records its own snapshot and horizon. A transaction still running at a pass's snapshot is
 * at or above its horizon and not in the snapshot, so its rows are sent by a later pass once they are visible; a row
 * the snapshot saw was read by that pass, so it is not sent again. Rows of transactions that end during a pass may be
 * sent again next time (sending is idempotent).
 *
 * Runs in worker processes every SEARCH_ENGINE_FEED_INTERVAL_MS, one process at a time (a session advisory lock, so
 * passes never interleave and an older version of a row is never sent after a newer one). The first pass of a process
 * checks the engine's index: wrong columns stop the feed with an error; an empty index while the feed believes it is
 * fed (a new engine, a lost data directory) starts a full feed.
 */
@Injectable()
export class SearchEngineFeeder implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(SearchEngineFeeder.name);
  private readonly loop = new WorkerLoop('Search engine feed', this.logger);
  private checked = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly engine: SearchEngineClient,
    private readonly config: AppConfig,
    @Inject(PROCESS_ROLE) private readonly role: ProcessRole,
    private readonly metrics: MetricsService,
  ) {}

  /** How far behind the engine is, for alerts: seconds since the last pass, and services changed since its horizon. */
  onModuleInit(): void {
    if (!this.engine.enabled) return;
    this.metrics.gauge('search_engine_feed_age_seconds', 'Seconds since the search engine was last fed (a pass finished)', [], async (gauge) => {
      const [row] = (await this.dataSource.query(`SELECT EXTRACT(EPOCH FROM now() - fed_at)::float AS age FROM search_engine_feeds WHERE name = $1`, [this.engine.index])) as { age: number | null }[];
      if (row?.age != null) gauge.set(row.age);
    });
    this.metrics.gauge('search_engine_feed_pending', 'Catalogue services changed since the last pass of the feed (what the next pass sends)', [], async (gauge) => {
      const [row] = (await this.dataSource.query(
        `SELECT count(*)::int AS n FROM catalog_services s, search_engine_feeds f
          WHERE f.name = $1 AND s.search_xid >= COALESCE(f.horizon, '0'::xid8) AND (f.snapshot IS NULL OR NOT pg_visible_in_snapshot(s.search_xid, f.snapshot))`,
        [this.engine.index],
      )) as { n: number }[];
      gauge.set(row?.n ?? 0);
    });
  }

  onApplicationBootstrap(): void {
    if (this.engine.enabled) this.loop.start(this.role, this.config.SEARCH_ENGINE_FEED_INTERVAL_MS, () => this.feed());
  }

  onModuleDestroy(): Promise<void> {
    return this.loop.stop();
  }

  /** One pass; returns the services it sent and its horizon, or null when another process's pass holds the feed. */
  async feed(): Promise<FeedPass | null> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }] = (await runner.query('SELECT pg_try_advisory_lock($1) AS locked', [FEED_LOCK])) as { locked: boolean }[];
      if (!locked) return null;
      try {
        return await this.pass(runner);
      } finally {
        await runner.query('SELECT pg_advisory_unlock($1)', [FEED_LOCK]);
      }
    } finally {
      await runner.release();
    }
  }

  /**
   * Passes until nothing more can be sent (tests, the benchmark): one that sent nothing, or whose horizon did not move
   * (a transaction still open holds it, and what it changed cannot be sent before it ends). Returns the services sent.
   */
  async feedAll(): Promise<number> {
    let total = 0;
    let horizon: string | null = null;
    for (;;) {
      const pass = await this.feed();
      if (pass === null) {
        await new Promise((r) => setTimeout(r, 50));
        continue;
      }
      total += pass.sent;
      if (pass.sent === 0 || pass.horizon === horizon) return total;
      horizon = pass.horizon;
    }
  }

  private async pass(runner: QueryRunner): Promise<FeedPass> {
    const name = this.engine.index;
    await runner.query(`INSERT INTO search_engine_feeds (name) VALUES ($1) ON CONFLICT (name) DO NOTHING`, [name]);
    const [state] = (await runner.query(`SELECT horizon::text AS horizon, snapshot::text AS snapshot FROM search_engine_feeds WHERE name = $1`, [name])) as { horizon: string | null; snapshot: string | null }[];
    let from = state.horizon;
    let seen = state.snapshot;
    if (!this.checked) {
      from = await this.checkIndex(runner, from);
      if (from === null) seen = null;
      this.checked = true;
    }
    // Taken before the reads below, whose snapshots are later: every row this one sees is read and sent by this pass.
    const [{ snapshot, horizon }] = (await runner.query(`SELECT s::text AS snapshot, pg_snapshot_xmin(s)::text AS horizon FROM pg_current_snapshot() AS s`)) as { snapshot: string; horizon: string }[];
    let after: [string, string] = [from ?? '0', BEFORE_ANY_DOC];
    let sent = 0;
    for (;;) {
      const rows = (await runner.query(
        `SELECT search_doc::text AS doc, id, search_text, category, region_code, provider_id, status, search_xid::text AS xid
           FROM catalog_services WHERE (search_xid, search_doc) > ($1::xid8, $2::bigint) AND ($4::pg_snapshot IS NULL OR NOT pg_visible_in_snapshot(search_xid, $4::pg_snapshot))
          ORDER BY search_xid, search_doc LIMIT $3`,
        [...after, this.config.SEARCH_ENGINE_FEED_BATCH, seen],
      )) as ChangedRow[];
      if (rows.length === 0) break;
      await this.send(rows);
      sent += rows.length;
      const last = rows[rows.length - 1];
      after = [last.xid, last.doc];
      if (rows.length < this.config.SEARCH_ENGINE_FEED_BATCH) break;
    }
    await runner.query(`UPDATE search_engine_feeds SET horizon = $2::xid8, snapshot = $4::pg_snapshot, fed_rows = fed_rows + $3, fed_at = now() WHERE name = $1`, [name, horizon, sent, snapshot]);
    return { sent, horizon };
  }

  /** The index has our columns; an empty one is fed whole (returns the horizon to feed from). */
  private async checkIndex(runner: QueryRunner, from: string | null): Promise<string | null> {
    const [columns] = await this.engine.query<{ Field: string }>(`DESCRIBE ${this.engine.index}`);
    const missing = ENGINE_COLUMNS.filter((c) => !columns.some((col) => col.Field === c));
    if (missing.length) throw new Error(`search engine index ${this.engine.index} lacks ${missing.join(', ')} (deploy/sphinx/sphinx.conf)`);
    if (from === null) return null;
    const [[{ n }]] = await this.engine.query<{ n: string }>(`SELECT COUNT(*) AS n FROM ${this.engine.index}`);
    if (Number(n) > 0) return from;
    const [{ listed }] = (await runner.query(`SELECT EXISTS (SELECT 1 FROM catalog_services WHERE status = 'active') AS listed`)) as { listed: boolean }[];
    if (!listed) return from;
    this.logger.warn(`search engine index ${this.engine.index} is empty: feeding the whole catalogue`);
    await runner.query(`UPDATE search_engine_feeds SET horizon = NULL, snapshot = NULL, fed_rows = 0, reset_at = now() WHERE name = $1`, [this.engine.index]);
    return null;
  }

  /** Listed services replaced (all their fields), the rest deleted; in statements of about STATEMENT_BYTES. */
  private async send(rows: ChangedRow[]): Promise<void> {
    const e = this.engine;
    const statements: string[] = [];
    let values: string[] = [];
    let bytes = 0;
    const flush = () => {
      if (values.length) statements.push(`REPLACE INTO ${e.index} (${ENGINE_COLUMNS.join(', ')}) VALUES ${values.join(', ')}`);
      values = [];
      bytes = 0;
    };
    for (const r of rows.filter((x) => x.status === 'active')) {
      const f = engineFields(r.search_text);
      const [k1, k2] = uuidKeys(r.id);
      const value = `(${r.doc}, ${e.literal(f.name)}, ${e.literal(f.body)}, ${e.literal(f.namesub)}, ${k1}, ${k2}, ${e.literal(r.id)}, ${e.literal(r.category)}, ${e.literal(r.region_code)}, ${e.literal(r.provider_id)})`;
      values.push(value);
      bytes += value.length;
      if (bytes >= STATEMENT_BYTES) flush();
    }
    flush();
    const gone = rows.filter((x) => x.status !== 'active').map((x) => x.doc);
    if (gone.length) statements.push(`DELETE FROM ${e.index} WHERE id IN (${gone.join(', ')})`);
    for (const sql of statements) await e.query(sql);
  }
}
