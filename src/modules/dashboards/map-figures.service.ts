import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, isPlatformAdmin, Role } from '../../platform/context/actor';
import { RegionsService } from '../organizations/regions.service';
import { MapCategoryCountDto, MapLandingFlowDto, MapPlaceCountDto, MapPlaceDto, MapVoucherFlowDto } from './dto/map-layers.dto';
import { REGION_COORDINATES } from './region-coordinates';

/** Orders left out of the flows: they never reached the provider or were undone, and hold nothing. */
const VOID_ORDER_STATUSES = ['cancelled', 'declined', 'rejected'];
/** Projects that never entered the chain's figures. */
const VOID_PROJECT_STATUSES = ['withdrawn', 'rejected'];

/** A predicate over an order view's enterprise_region_code and provider_region_code, and its parameters. */
export type OrderScope = [string, unknown[]];

/**
 * The orders an actor sees, as GET /service-orders scopes them: the platform all, a partner admin the orders into its
 * regions (their providers), the bureaus the orders of their regions' enterprises. `first`: the number of the
 * predicate's one parameter in the statement it goes into.
 */
export function orderScope(actor: Actor, first = 1): OrderScope {
  if (isPlatformAdmin(actor)) return ['true', []];
  const column = actor.role === Role.PartnerAdmin ? 'provider_region_code' : 'enterprise_region_code';
  return [`${column} = ANY($${first}::text[])`, [actor.regionScope]];
}

/**
 * The figures the map and the public big screen draw, counted by place (docs/architecture.md, "Map and big screen"):
 * a region counts with its nearest ancestor that is a G60 member, the partner region or an issuing city (松江 stays
 * 松江, 徐汇 counts with 上海, 南湖区 with 嘉兴), else with its city. Grouped by region code in SQL, folded into places
 * here: a few hundred rows at most. Reads only the views other modules publish (migrations/1764900210000-map-layers-big-screen.ts).
 */
@Injectable()
export class MapFiguresService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly regions: RegionsService,
  ) {}

  placeOf(code: string): string {
    const chain = this.regions.lineage(code);
    const marked = chain.find((c) => {
      const r = this.regions.get(c);
      return r !== undefined && (r.isG60 || r.isPartner || r.issuing);
    });
    return marked ?? chain[chain.length - 1] ?? code;
  }

  places(codes: Iterable<string>): MapPlaceDto[] {
    const order = (code: string) => this.regions.get(code)?.sortOrder ?? Number.MAX_SAFE_INTEGER;
    return [...new Set(codes)]
      .sort((a, b) => order(a) - order(b) || a.localeCompare(b))
      .map((code) => {
        const r = this.regions.get(code);
        const at = REGION_COORDINATES[code];
        return { regionCode: code, regionName: r?.name ?? code, regionNameEn: r?.nameEn ?? code, isG60: r?.isG60 ?? false, lat: at?.lat ?? null, lng: at?.lng ?? null };
      });
  }

  async providers(m: EntityManager = this.dataSource.manager): Promise<MapPlaceCountDto[]> {
    const rows = (await m.query(`SELECT region_code, count(*)::int AS n FROM read_active_providers GROUP BY region_code`)) as Counted[];
    return this.fold(rows);
  }

  async servicesByCategory(m: EntityManager = this.dataSource.manager): Promise<MapCategoryCountDto[]> {
    const rows = (await m.query(
      `SELECT provider_region_code AS region_code, category, count(*)::int AS n FROM read_active_services GROUP BY 1, 2`,
    )) as (Counted & { category: string })[];
    const byKey = new Map<string, MapCategoryCountDto>();
    for (const r of rows) {
      const regionCode = this.placeOf(r.region_code);
      const key = `${regionCode}/${r.category}`;
      const entry = byKey.get(key) ?? { regionCode, category: r.category, services: 0 };
      entry.services += r.n;
      byKey.set(key, entry);
    }
    return [...byKey.values()];
  }

  /** Voucher orders from each programme's issuing city to the provider's place; a flow inside one place is not drawn. */
  async voucherFlows(scope: OrderScope, m: EntityManager = this.dataSource.manager): Promise<MapVoucherFlowDto[]> {
    const [predicate, params] = scope;
    const rows = (await m.query(
      `SELECT issuing_region_code AS from_code, provider_region_code AS to_code, count(*)::int AS n, COALESCE(sum(subsidy_fen), 0)::bigint AS subsidy
         FROM read_program_order_flow
        WHERE status <> ALL($${params.length + 1}::text[]) AND ${predicate}
        GROUP BY 1, 2`,
      [...params, VOID_ORDER_STATUSES],
    )) as { from_code: string; to_code: string; n: number; subsidy: string }[];
    const byKey = new Map<string, MapVoucherFlowDto>();
    for (const r of rows) {
      const [from, to] = [this.placeOf(r.from_code), this.placeOf(r.to_code)];
      if (from === to) continue;
      const entry = byKey.get(`${from}>${to}`) ?? { fromRegionCode: from, toRegionCode: to, orders: 0, subsidyFen: 0 };
      entry.orders += r.n;
      entry.subsidyFen = (entry.subsidyFen ?? 0) + Number(r.subsidy);
      byKey.set(`${from}>${to}`, entry);
    }
    return [...byKey.values()];
  }

  async projects(m: EntityManager = this.dataSource.manager): Promise<MapPlaceCountDto[]> {
    const rows = (await m.query(
      `SELECT region_code, count(*)::int AS n FROM read_roadshow_geo WHERE status <> ALL($1::text[]) GROUP BY region_code`,
      [VOID_PROJECT_STATUSES],
    )) as Counted[];
    return this.fold(rows);
  }

  async landings(m: EntityManager = this.dataSource.manager): Promise<MapLandingFlowDto[]> {
    const rows = (await m.query(
      `SELECT region_code AS from_code, landing_city_code AS to_code, count(*)::int AS n FROM read_roadshow_geo WHERE landing_city_code IS NOT NULL GROUP BY 1, 2`,
    )) as { from_code: string; to_code: string; n: number }[];
    const byKey = new Map<string, MapLandingFlowDto>();
    for (const r of rows) {
      const [from, to] = [this.placeOf(r.from_code), this.placeOf(r.to_code)];
      const entry = byKey.get(`${from}>${to}`) ?? { fromRegionCode: from, toRegionCode: to, projects: 0 };
      entry.projects += r.n;
      byKey.set(`${from}>${to}`, entry);
    }
    return [...byKey.values()];
  }

  private fold(rows: Counted[]): MapPlaceCountDto[] {
    const byPlace = new Map<string, number>();
    for (const r of rows) {
      const place = this.placeOf(r.region_code);
      byPlace.set(place, (byPlace.get(place) ?? 0) + r.n);
    }
    return [...byPlace].map(([regionCode, count]) => ({ regionCode, count }));
  }
}

interface Counted {
  region_code: string;
  n: number;
}
