import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '../../platform/config/app-config';
import { BigScreenDto, MapVoucherFlowDto } from './dto/map-layers.dto';
import { MapFiguresService } from './map-figures.service';

const SNAPSHOT_KEY = 'big-screen';
/** Below this many orders a flow's subsidy is one or two companies' money: the screen shows the count only. */
const MIN_ORDERS_FOR_A_SUM = 3;

/**
 * The public big screen's figures (大屏; docs/domain.md, "The public big screen"). Computed at most once per
 * BIG_SCREEN_CACHE_SECONDS for the whole deployment and kept in public_figure_snapshots: a refresh from any number of
 * screens and API processes reads one row. When the snapshot has expired, one process recomputes it under a
 * transaction-scoped advisory lock while the others go on serving the expired one; with none stored yet, they wait.
 */
@Injectable()
export class BigScreenService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly figures: MapFiguresService,
  ) {}

  async current(): Promise<BigScreenDto> {
    const fresh = await this.read(this.dataSource.manager, true);
    if (fresh) return fresh;
    return this.dataSource.transaction(async (m) => {
      const [{ locked }] = (await m.query(`SELECT pg_try_advisory_xact_lock(hashtext('public_figure_snapshots:' || $1)) AS locked`, [SNAPSHOT_KEY])) as { locked: boolean }[];
      if (!locked) {
        const stale = await this.read(m, false);
        if (stale) return stale;
        await m.query(`SELECT pg_advisory_xact_lock(hashtext('public_figure_snapshots:' || $1))`, [SNAPSHOT_KEY]);
      }
      const again = await this.read(m, true);
      if (again) return again;
      const body = await this.compute(m);
      await m.query(
        `INSERT INTO public_figure_snapshots (key, body, computed_at, expires_at) VALUES ($1, $2, now(), now() + make_interval(secs => $3))
         ON CONFLICT (key) DO UPDATE SET body = EXCLUDED.body, computed_at = EXCLUDED.computed_at, expires_at = EXCLUDED.expires_at`,
        [SNAPSHOT_KEY, JSON.stringify(body), this.config.BIG_SCREEN_CACHE_SECONDS],
      );
      return body;
    });
  }

  private async read(m: EntityManager, freshOnly: boolean): Promise<BigScreenDto | undefined> {
    const [row] = (await m.query(
      `SELECT body FROM public_figure_snapshots WHERE key = $1 AND ($2::boolean IS FALSE OR expires_at > now())`,
      [SNAPSHOT_KEY, freshOnly],
    )) as { body: BigScreenDto }[];
    return row?.body;
  }

  private async compute(m: EntityManager): Promise<BigScreenDto> {
    const [providers, services, projects, landings, flows] = [
      await this.figures.providers(m),
      await this.figures.servicesByCategory(m),
      await this.figures.projects(m),
      await this.figures.landings(m),
      await this.figures.voucherFlows(['true', []], m),
    ];
    const servicesByPlace = new Map<string, number>();
    for (const s of services) servicesByPlace.set(s.regionCode, (servicesByPlace.get(s.regionCode) ?? 0) + s.services);
    const landedIn = new Map<string, number>();
    for (const l of landings) landedIn.set(l.toRegionCode, (landedIn.get(l.toRegionCode) ?? 0) + l.projects);
    const count = (list: { regionCode: string; count: number }[], code: string) => list.find((x) => x.regionCode === code)?.count ?? 0;
    const codes = [
      ...providers.map((x) => x.regionCode),
      ...servicesByPlace.keys(),
      ...projects.map((x) => x.regionCode),
      ...landings.flatMap((x) => [x.fromRegionCode, x.toRegionCode]),
      ...flows.flatMap((x) => [x.fromRegionCode, x.toRegionCode]),
    ];
    const cities = this.figures.places(codes).map((p) => ({
      ...p,
      activeProviders: count(providers, p.regionCode),
      services: servicesByPlace.get(p.regionCode) ?? 0,
      projects: count(projects, p.regionCode),
      landings: landedIn.get(p.regionCode) ?? 0,
    }));
    const sum = (values: number[]) => values.reduce((s, v) => s + v, 0);
    const publicFlows: MapVoucherFlowDto[] = flows.map((f) => ({ ...f, subsidyFen: f.orders >= MIN_ORDERS_FOR_A_SUM ? f.subsidyFen : null }));
    return {
      computedAt: new Date().toISOString(),
      refreshSeconds: this.config.BIG_SCREEN_CACHE_SECONDS,
      totals: {
        activeProviders: sum(cities.map((c) => c.activeProviders)),
        services: sum(cities.map((c) => c.services)),
        projects: sum(cities.map((c) => c.projects)),
        landings: sum(cities.map((c) => c.landings)),
        crossRegionOrders: sum(flows.map((f) => f.orders)),
        crossRegionSubsidyFen: sum(flows.map((f) => f.subsidyFen ?? 0)),
      },
      cities,
      voucherFlows: publicFlows,
      landings,
    };
  }
}
