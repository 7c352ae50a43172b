import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { DATABASE_URL } from '../database/database.tokens';
import { PgListener } from '../database/pg-listener';

/** Channel the reference_changed() triggers NOTIFY with the changed table's name (migration 1764900080000). */
export const REFERENCE_CHANNEL = 'g60_reference_changed';

/** A cached value with the stamp of the rows it was read from, as the database computes it (e.g. service_stamp()). */
export interface Stamped<T> {
  value: T;
  stamp: string | null;
}

/**
 * One kind of cached reference data: entries keyed by string, dropped whenever one of `tables`
 * changes in any process (their statement-level triggers NOTIFY REFERENCE_CHANNEL at commit).
 * A notification arrives a moment after the commit, so a writer that relies on a cached value
 * passes its stamp to the statement that writes, which refuses it if the rows changed since
 * ('stale'): the cache saves reads, it never decides what commits.
 */
export class CacheSpace<T> {
  private readonly entries = new Map<string, Promise<T>>();

  constructor(
    readonly tables: readonly string[],
    private readonly maxEntries: number,
    private readonly enabled: () => boolean,
  ) {}

  /** The cached value, or `load()`'s (shared by concurrent callers); a failed load is not kept. */
  get(key: string, load: () => Promise<T>): Promise<T> {
    if (!this.enabled()) return load();
    const hit = this.entries.get(key);
    if (hit) {
      // Most recently used last: the first key is the one to evict.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const loading = load();
    this.entries.set(key, loading);
    loading.catch(() => {
      if (this.entries.get(key) === loading) this.entries.delete(key);
    });
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    return loading;
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}

/**
 * Reference data that rarely changes, cached in every API and worker process (docs/architecture.md,
 * "Money paths"). Entries are dropped on REFERENCE_CHANNEL; while the LISTEN connection is down
 * nothing is cached (notifications could be missed), and everything is dropped when it comes back.
 */
@Injectable()
export class ReferenceCache implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(ReferenceCache.name);
  private readonly spaces: CacheSpace<unknown>[] = [];
  private listener?: PgListener;

  constructor(
    private readonly config: AppConfig,
    @Inject(DATABASE_URL) private readonly databaseUrl: string,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!this.config.REFERENCE_CACHE) return;
    this.listener = new PgListener({
      databaseUrl: this.databaseUrl,
      channel: REFERENCE_CHANNEL,
      applicationName: 'g60-reference-listen',
      onNotify: (table) => this.changed(table),
      onReconnect: () => this.clearAll(),
    });
    await this.listener.start().catch((err) => this.logger.warn({ err: String(err) }, 'LISTEN failed; reference data is read without a cache'));
  }

  async onModuleDestroy(): Promise<void> {
    await this.listener?.stop();
    this.listener = undefined;
  }

  /** A cache of its own, cleared when any of `tables` changes. */
  space<T>(tables: readonly string[], maxEntries = 10_000): CacheSpace<T> {
    const space = new CacheSpace<T>(tables, maxEntries, () => this.listener?.listening === true);
    this.spaces.push(space as CacheSpace<unknown>);
    return space;
  }

  /** Drops what depends on `table` (called on a notification; also for a caller that saw a stale stamp). */
  changed(table: string): void {
    for (const space of this.spaces) if (space.tables.includes(table)) space.clear();
  }

  clearAll(): void {
    for (const space of this.spaces) space.clear();
  }
}
