import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import mysql, { Pool } from 'mysql2/promise';
import { AppConfig } from '../../../platform/config/app-config';

/** The engine did not answer (down, slow or refusing): callers fall back to PostgreSQL. */
export class SearchEngineUnavailable extends Error {}

/** An engine address: `sphinx://host:port/index` (SphinxQL, the MySQL protocol). */
export function parseEngineUrl(url: string): { host: string; port: number; index: string } {
  const m = /^sphinx:\/\/([^\s/:]+):(\d{1,5})\/([a-z_][a-z0-9_]*)$/.exec(url);
  if (!m) throw new Error(`SEARCH_ENGINE_URL must look like sphinx://host:port/index, got ${url}`);
  return { host: m[1], port: Number(m[2]), index: m[3] };
}

/**
 * The connection to the optional external search engine (Sphinx, through SphinxQL; docs/catalog-search.md, "An external
 * search engine"). Every process opens its own small pool; nothing here is state beyond a process's own circuit: after
 * a failure, searches skip the engine for SEARCH_ENGINE_RETRY_MS and go to PostgreSQL, instead of each waiting for a
 * timeout. The feeder always tries (it is the one that finds the engine back).
 */
@Injectable()
export class SearchEngineClient implements OnModuleDestroy {
  private readonly logger = new Logger(SearchEngineClient.name);
  private readonly pool: Pool | null;
  readonly index: string;
  private downUntil = 0;

  constructor(private readonly config: AppConfig) {
    if (!config.SEARCH_ENGINE_URL) {
      this.pool = null;
      this.index = '';
      return;
    }
    const { host, port, index } = parseEngineUrl(config.SEARCH_ENGINE_URL);
    this.index = index;
    this.pool = mysql.createPool({
      host, port, connectionLimit: config.SEARCH_ENGINE_POOL_SIZE, multipleStatements: true, supportBigNumbers: true, bigNumberStrings: true,
      connectTimeout: config.SEARCH_ENGINE_TIMEOUT_MS, enableKeepAlive: true,
    });
    // An idle connection the engine closed: the pool drops it; nothing to do here.
    this.pool.on('connection', (c) => c.on('error', () => undefined));
  }

  /** Configured (SEARCH_ENGINE_URL set). */
  get enabled(): boolean {
    return this.pool !== null;
  }

  /** Configured and not known to be down: worth asking for a search. */
  get usable(): boolean {
    return this.pool !== null && Date.now() >= this.downUntil;
  }

  /** Runs statements (several, separated by `;`, in one round trip); one result set per statement. */
  async query<T = Record<string, unknown>>(sql: string): Promise<T[][]> {
    if (!this.pool) throw new SearchEngineUnavailable('no search engine configured');
    try {
      const [results] = await this.pool.query({ sql, timeout: this.config.SEARCH_ENGINE_TIMEOUT_MS });
      this.downUntil = 0;
      // One statement gives its rows; several give an array of row arrays (an INSERT's result is not an array).
      const sets = Array.isArray(results) && results.length > 0 && Array.isArray(results[0]) ? results : [results];
      return sets as unknown as T[][];
    } catch (err) {
      if (Date.now() >= this.downUntil) this.logger.warn({ err: String(err) }, 'search engine unavailable; searching in PostgreSQL');
      this.downUntil = Date.now() + this.config.SEARCH_ENGINE_RETRY_MS;
      throw new SearchEngineUnavailable(String(err));
    }
  }

  /** A string literal of SphinxQL. */
  literal(value: string): string {
    return mysql.escape(value);
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool?.end().catch(() => undefined);
  }
}
