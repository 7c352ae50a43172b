import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '../../platform/config/app-config';
import { DATABASE_URL } from '../../platform/database/database.tokens';
import { PgListener } from '../../platform/database/pg-listener';
import { DomainError } from '../../platform/errors/domain-error';
import { Region } from './organization.entity';

/** Channel every process LISTENs on; a change NOTIFYs it in its own transaction (RegionsService.changed). */
export const REGIONS_CHANNEL = 'g60_regions_changed';

/**
 * The regions (GB/T 2260 divisions plus the platform's flags), cached in every API and worker process
 * so that the synchronous lookups below cost nothing. A change NOTIFYs REGIONS_CHANNEL inside its
 * transaction; each process reloads on the notification, and also compares count and max(updated_at)
 * every REGIONS_POLL_MS in case a notification was lost (docs/architecture.md, "Region cache").
 */
@Injectable()
export class RegionsService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(RegionsService.name);
  private regions = new Map<string, Region>();
  private children = new Map<string, Region[]>();
  /** Each region's place in region order (under() sorts its few regions by it instead of filtering all of them). */
  private order = new Map<string, number>();
  private servedRegions: Region[] = [];
  private version = '';
  private listener?: PgListener;
  private timer?: NodeJS.Timeout;
  private running = false;
  private loading?: Promise<void>;
  private next?: Promise<void>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    @Inject(DATABASE_URL) private readonly databaseUrl: string,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.reload();
    this.running = true;
    if (this.config.REGIONS_LISTEN) {
      const reload = () => void this.reload().catch((err) => this.logger.warn({ err: String(err) }, 'Reloading regions failed'));
      // After a lost connection, reload what changed meanwhile.
      this.listener = new PgListener({ databaseUrl: this.databaseUrl, channel: REGIONS_CHANNEL, applicationName: 'g60-regions-listen', onNotify: reload, onReconnect: reload });
      await this.listener.start().catch((err) => this.logger.warn({ err: String(err) }, 'LISTEN failed; polling for region changes'));
    }
    this.schedulePoll();
  }

  async onModuleDestroy(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    await this.loading?.catch(() => undefined);
    await this.listener?.stop();
    this.listener = undefined;
  }

  /** Tells every process (this one included) to reload, once the caller's transaction commits. */
  async changed(manager: EntityManager): Promise<void> {
    await manager.query(`SELECT pg_notify('${REGIONS_CHANNEL}', '')`);
  }

  /** Reloads the cache with a load that starts after this call; calls during a load share the one after it. */
  reload(): Promise<void> {
    if (this.loading) {
      this.next ??= this.loading
        .catch(() => undefined)
        .then(() => {
          this.next = undefined;
          return this.reload();
        });
      return this.next;
    }
    this.loading = this.load().finally(() => {
      this.loading = undefined;
    });
    return this.loading;
  }

  private async load(): Promise<void> {
    const rows = await this.dataSource.getRepository(Region).find({ order: { sortOrder: 'ASC', code: 'ASC' } });
    const children = new Map<string, Region[]>();
    for (const r of rows) if (r.parentCode) children.set(r.parentCode, [...(children.get(r.parentCode) ?? []), r]);
    this.regions = new Map(rows.map((r) => [r.code, r]));
    this.order = new Map(rows.map((r, i) => [r.code, i]));
    this.children = children;
    this.servedRegions = rows.filter((r) => r.issuing || r.isG60 || r.isPartner || this.lineage(r.code).some((c) => this.regions.get(c)?.issuing));
    this.version = versionOf(rows.length, rows.reduce((max, r) => (r.updatedAt > max ? r.updatedAt : max), new Date(0)));
  }

  private schedulePoll(): void {
    if (!this.running) return;
    this.timer = setTimeout(() => {
      this.pollOnce()
        .catch((err) => this.logger.warn({ err: String(err) }, 'Checking regions for changes failed'))
        .finally(() => this.schedulePoll());
    }, this.config.REGIONS_POLL_MS);
    this.timer.unref();
  }

  /** One cheap query; reloads only when the table changed since the last load. */
  private async pollOnce(): Promise<void> {
    const [row] = (await this.dataSource.query(`SELECT count(*)::int AS n, max(updated_at) AS at FROM regions`)) as { n: number; at: Date | null }[];
    if (versionOf(row.n, row.at ?? new Date(0)) !== this.version) await this.reload();
  }

  /** Every division, in region order (the seeded platform regions first). */
  all(): Region[] {
    return [...this.regions.values()];
  }

  /**
   * The regions the platform serves, the default of GET /regions and of the portal's pickers: the
   * issuing regions, the G60 and partner regions, and every region under an issuing one.
   */
  served(): Region[] {
    return [...this.servedRegions];
  }

  get(code: string): Region | undefined {
    return this.regions.get(code);
  }

  require(code: string, field = 'regionCode'): Region {
    const region = this.regions.get(code);
    if (!region) throw DomainError.invalid(field, `unknown region ${code}`);
    return region;
  }

  /** The regions directly under `code`, in region order. */
  childrenOf(code: string): Region[] {
    return this.children.get(code) ?? [];
  }

  /** The region and every region under it (a city and its districts), in region order. */
  under(code: string): Region[] {
    const inside = new Map<string, Region>();
    const visit = (r: Region) => {
      if (inside.has(r.code)) return;
      inside.set(r.code, r);
      for (const child of this.childrenOf(r.code)) visit(child);
    };
    const region = this.regions.get(code);
    if (region) visit(region);
    const order = this.order;
    return [...inside.values()].sort((a, b) => order.get(a.code)! - order.get(b.code)!);
  }

  /**
   * The region and its ancestors within its issuing region, nearest first (a district, then its city):
   * the chain stops at the outermost issuing region, and a province is never part of it (provinces do not
   * issue). So the last element is the city whose bureau serves the region, as callers assume.
   */
  lineage(code: string): string[] {
    const chain: Region[] = [];
    for (let current = this.regions.get(code); current; current = current.parentCode ? this.regions.get(current.parentCode) : undefined) {
      if (chain.includes(current)) break;
      chain.push(current);
    }
    let outermostIssuing = -1;
    chain.forEach((r, i) => {
      if (r.issuing) outermostIssuing = i;
    });
    const within = outermostIssuing >= 0 ? chain.slice(0, outermostIssuing + 1) : chain;
    return within.filter((r) => r.kind !== 'province').map((r) => r.code);
  }
}

function versionOf(count: number, updatedAt: Date): string {
  return `${count}:${updatedAt.toISOString()}`;
}

/** A city or municipality (a prefecture-level division or above, but not a province). */
export function isCity(region: Region): boolean {
  return region.kind === 'city' || region.kind === 'municipality';
}
