import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../platform/config/app-config';
import { Actor } from '../../platform/context/actor';
import { preparedName, preparedQuery } from '../../platform/database/prepared-query';
import { shanghaiDate } from '../../platform/database/shanghai-date';
import { DomainError } from '../../platform/errors/domain-error';
import { MetricsService } from '../../platform/metrics/metrics.service';
import { CatalogSearchFacetsDto, CatalogSearchQueryDto, CatalogSearchResultDto, SearchFacetCountDto } from './dto/catalog-service.dto';
import { CatalogServiceRow, RATING_COLUMNS, SERVICE_COLUMNS, toCatalogServiceDto } from './catalog.mapper';
import { decodeCursor, encodeCursor, SearchCursor, searchFingerprint } from './catalog-search.cursor';
import { ADMITTED, HIT_COLUMNS, HitRow, keywordPredicates, PROBE_COLUMNS, SearchPredicates, SqlParams } from './catalog-search.sql';
import { recognisedKeysPredicate, RecognitionService } from './recognition.service';
import { buildSearchQuery } from './search-tokens';
import { EngineSearch } from './search-engine/engine-search';
import { engineMatch } from './search-engine/engine-text';
import { SearchEngineClient, SearchEngineUnavailable } from './search-engine/search-engine.client';

/** One statement a search ran; the benchmark replays them through pg as its baseline. */
export interface SearchStatement {
  sql: string;
  params: unknown[];
  /** Set when it ran as this named prepared statement (the probe), so a replay can do the same. */
  name?: string;
  /** Round trip, milliseconds. */
  ms?: number;
}

/** What a search knows about its whole match set after the probe (and, for small sets, reading them all). */
interface MatchSet {
  /** Tier 0 (exact name or code), in id order; always read whole (up to the exact limit). */
  exact: HitRow[];
  /** The probe's matches of tiers 1 and 2 in id order: every match with an id up to the last one's. */
  probe: HitRow[];
  /** Services (any status) the probe walked, and in the whole table: its sample's share of the id order. */
  walked: number;
  services: number;
  /** Every match of tiers 1 and 2 when the set was small enough to read whole; null when it was estimated. */
  all: HitRow[] | null;
  /**
   * When reading the set whole found more than CATALOG_SEARCH_EXACT_MAX after all: the first of its matches of tiers 1
   * and 2 in (tier, id) order (that read sorts), from which the first pages come without reading the tiers again.
   */
  head?: HitRow[];
  total: number;
  approximate: boolean;
  /** How many matches each probe row stands for in the facets (1 when exact). */
  weight: number;
}

/**
 * Services sharing one exact name or code read for tier 0 (all of them in any real catalogue: the largest generated
 * one repeats a name about 250 times); beyond it the rest of the tier would be missing from the pages.
 */
const EXACT_TIER_CAP = 10_000;

const byId = (a: HitRow, b: HitRow) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const byTierThenId = (a: HitRow, b: HitRow) => a.tier - b.tier || byId(a, b);

/**
 * Catalogue search (服务检索) over listed services of admitted providers, without ranking every
 * match: a probe walks the services in their stored order (id, a random UUID, so matches are spread
 * evenly along it) and stops after a sample of matches; small match sets are then read whole through
 * the GIN indexes, large ones are estimated from the sample and paged by walking on. The order, the
 * plans and their costs at 200,000 and 1,000,000 services are in docs/catalog-search.md.
 */
@Injectable()
export class CatalogSearchService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly recognition: RecognitionService,
    private readonly config: AppConfig,
    private readonly engine: SearchEngineClient,
    private readonly engineSearch: EngineSearch,
    private readonly metrics: MetricsService,
  ) {}

  /** `actor` undefined: an open-data reader (a widget or a partner key), who cannot ask for recognisedOnly. */
  async search(actor: Actor | undefined, query: CatalogSearchQueryDto, trace?: SearchStatement[]): Promise<CatalogSearchResultDto> {
    const limit = query.limit ?? 20;
    const offset = query.offset ?? 0;
    if (query.cursor !== undefined && offset > 0) throw DomainError.invalid('offset', 'offset cannot be combined with cursor; follow nextCursor instead');
    const cursor = query.cursor !== undefined ? decodeCursor(query.cursor, query) : null;
    const search = query.q !== undefined && query.q.trim() !== '' ? buildSearchQuery(query.q) : undefined;
    if (search === null) return { items: [], limit, offset, hasMore: false, nextCursor: null, total: 0, totalApproximate: false, facets: { approximate: false, category: [], region: [], provider: [] } };
    const run = async <T>(sql: string, params: unknown[], prepared = false): Promise<T[]> => {
      const started = performance.now();
      // The probe as a named prepared statement (one per shape of its text): PostgreSQL then plans it once per connection
      // instead of on every search (docs/catalog-search.md, "Planning"). The pool is TypeORM's own; its rows are parsed alike.
      const name = prepared ? preparedName('catalog_probe', sql) : undefined;
      const rows = name ? await preparedQuery<T>(this.dataSource, name, sql, params) : ((await this.dataSource.query(sql, params)) as T[]);
      trace?.push({ sql, params, name, ms: performance.now() - started });
      return rows;
    };
    // A keyword search goes to the external search engine when there is one and it is up; words it cannot test in names
    // stay with PostgreSQL (docs/catalog-search.md, "An external search engine").
    const match = search && this.engine.usable ? engineMatch(search) : null;
    if (search && match) {
      try {
        const answer = await this.engineSearch.search({
          query, search, match, cursor, limit, offset, run, scope: (p) => this.scope(actor, query, p),
          regions: query.regionCode ? this.recognition.regionsUnder(query.regionCode) : null,
          recognised: query.recognisedOnly && actor ? this.recognisedFor(actor) : null,
        });
        this.metrics.catalogSearches.inc({ backend: 'engine' });
        return answer;
      } catch (err) {
        if (!(err instanceof SearchEngineUnavailable)) throw err;
        this.metrics.catalogSearches.inc({ backend: 'postgres_fallback' });
      }
    } else if (search) {
      this.metrics.catalogSearches.inc({ backend: 'postgres' });
    }
    const predicates: SearchPredicates = {
      scope: (p, keywordIndex) => this.scope(actor, query, p, keywordIndex),
      keyword: search ? keywordPredicates(search) : null,
    };
    const need = offset + limit + 1;
    const matches = await this.matchSet(predicates, run);
    const [rows, facets] = await Promise.all([
      predicates.keyword ? this.keywordPage(predicates, matches, cursor, need, run).then((hits) => this.byIds(hits, run)) : this.namePage(predicates, cursor, need, run),
      this.facets(matches, run),
    ]);
    const page = rows.slice(offset, offset + limit);
    const hasMore = rows.length > offset + limit;
    const last = page[page.length - 1];
    const nextCursor = hasMore && last
      ? encodeCursor({ search: searchFingerprint(query), tier: last.tier, id: last.row.id, name: predicates.keyword ? null : last.row.name })
      : null;
    return {
      items: page.map((r) => toCatalogServiceDto(r.row)),
      limit,
      offset,
      hasMore,
      nextCursor,
      total: matches.approximate ? roughly(matches.total) : matches.total,
      totalApproximate: matches.approximate,
      facets,
    };
  }

  /** What recognisedOnly means for this reader today: their issuing city, its regions, and the day in Shanghai. */
  private recognisedFor(actor: Actor): { city: string; localRegions: string[]; day: string } {
    const city = this.recognition.issuingCityOf(actor.regionCode);
    return { city, localRegions: this.recognition.regionsUnder(city), day: shanghaiDate() };
  }

  /** Listed services of admitted providers within the filters. */
  private scope(actor: Actor | undefined, query: CatalogSearchQueryDto, p: SqlParams, keywordIndex = false): string {
    const where = [`s.status = 'active'`, ADMITTED];
    if (query.category) where.push(`s.category = ${p.add(query.category)}`);
    if (query.regionCode) where.push(`s.region_code = ANY(${p.add(this.recognition.regionsUnder(query.regionCode))}::text[])`);
    if (query.providerId) where.push(`s.provider_id = ${p.add(query.providerId)}`);
    if (query.recognisedOnly && actor) {
      const { city, localRegions, day } = this.recognisedFor(actor);
      where.push(recognisedKeysPredicate('s', localRegions, city, day, keywordIndex, p.values));
    }
    return where.join(' AND ');
  }

  /**
   * The probe: tier 0 whole (b-tree lookups), and the first CATALOG_SEARCH_SAMPLE_MATCHES text matches in
   * id order among at most CATALOG_SEARCH_PROBE_ROWS services. From it, the size of the match set is
   * estimated; up to CATALOG_SEARCH_EXACT_MAX the set is read whole (exact), beyond it the probe is the sample.
   */
  private async matchSet(predicates: SearchPredicates, run: Runner): Promise<MatchSet> {
    const { CATALOG_SEARCH_PROBE_ROWS: window, CATALOG_SEARCH_SAMPLE_MATCHES: sample, CATALOG_SEARCH_EXACT_MAX: exactMax } = this.config;
    const p = new SqlParams();
    const scope = predicates.scope(p);
    const kw = predicates.keyword;
    const textMatch = kw ? `AND NOT ${kw.exact(p)} AND ${kw.text(p)}` : '';
    const tier = kw ? `CASE WHEN ${kw.name(p)} THEN 1 ELSE 2 END` : '2';
    // The limits are written into the text (integers of the configuration), so the plan PostgreSQL keeps for the prepared
    // probe knows them: a walk of 1,000 rows by the primary key, not a guess at a tenth of the table.
    const probe = `(SELECT ${PROBE_COLUMNS}, ${tier} AS tier, NULL::float8 AS services
        FROM (SELECT * FROM catalog_services s WHERE s.status = 'active' ORDER BY s.id LIMIT ${integer(window)}) s
       WHERE ${scope} ${textMatch} ORDER BY s.id LIMIT ${integer(sample)})`;
    const exactTier = kw ? `(SELECT ${PROBE_COLUMNS}, 0 AS tier, NULL::float8 AS services FROM catalog_services s WHERE ${scope} AND ${kw.exact(p)} ORDER BY s.id LIMIT ${integer(EXACT_TIER_CAP)}) UNION ALL ` : '';
    const size = `SELECT NULL::uuid, NULL::uuid, NULL, NULL, NULL, NULL, NULL::bigint, NULL, NULL::integer, NULL, NULL, NULL, NULL, NULL, NULL::integer,
        NULL::timestamptz, NULL::timestamptz, NULL::integer, NULL::bigint, -1, reltuples::float8 FROM pg_class WHERE oid = 'catalog_services'::regclass`;
    const rows = await run<HitRow & CatalogServiceRow & { services?: number }>(`${exactTier}${probe} UNION ALL ${size}`, p.values, true);
    const exact = rows.filter((r) => r.tier === 0).sort(byId);
    const probed = rows.filter((r) => r.tier > 0).sort(byId);
    const services = Math.max(rows.find((r) => r.tier === -1)?.services ?? 0, window, 1);
    // A full sample ends at its last match (its share of the random ids says how far that is); else the window was walked whole.
    const full = probed.length >= sample;
    const walked = full ? idFraction(probed[probed.length - 1].id) * services : Math.min(window, services);
    const estimate = (probed.length * services) / walked;
    let head: HitRow[] | undefined;
    if (estimate <= exactMax && exact.length <= exactMax) {
      const q = new SqlParams();
      // With a keyword, sorted by (tier, id): no index has that order, so the planner keeps the GIN bitmap and sorts the
      // matches it reads (it reads them all when the set is small); a set larger than expected then gives its first pages.
      const all = await run<HitRow>(
        `SELECT ${HIT_COLUMNS}, ${kw ? `CASE WHEN ${kw.name(q)} THEN 1 ELSE 2 END` : '2'} AS tier FROM catalog_services s
          WHERE ${predicates.scope(q, kw !== null)} ${kw ? `AND NOT ${kw.exact(q)} AND ${kw.text(q)} ORDER BY 5, s.id` : ''} LIMIT ${q.add(exactMax + 1)}`,
        q.values,
      );
      if (all.length <= exactMax) {
        return { exact, probe: probed, walked, services, all: all.sort(byTierThenId), total: exact.length + all.length, approximate: false, weight: 1 };
      }
      if (kw) head = all;
    }
    const rest = Math.max(estimate, probed.length);
    return {
      exact, probe: probed, walked, services, all: null, head, total: exact.length + rest, approximate: true,
      weight: probed.length ? rest / probed.length : 0,
    };
  }

  /** The first `need` matches after the cursor, in (tier, id) order. */
  private async keywordPage(predicates: SearchPredicates, matches: MatchSet, cursor: SearchCursor | null, need: number, run: Runner): Promise<HitRow[]> {
    const after = (h: HitRow) => !cursor || h.tier > cursor.tier! || (h.tier === cursor.tier && h.id > cursor.id);
    if (matches.all) return [...matches.exact, ...matches.all].filter(after).slice(0, need);
    if (matches.head) {
      // A prefix of tiers 1 and 2 in order: a page wholly within it is the page; one that runs past its end is walked below.
      const page = [...matches.exact, ...matches.head].filter(after).slice(0, need);
      if (page.length >= need) return page;
    }
    const page = matches.exact.filter(after).slice(0, need);
    for (const tier of [1, 2] as const) {
      if (page.length >= need || (cursor && cursor.tier! > tier)) continue;
      page.push(...(await this.firstOfTier(predicates, matches, tier, cursor?.tier === tier ? cursor.id : null, need - page.length, run)));
    }
    return page;
  }

  /**
   * The first `count` matches of a tier after `afterId`. From the probe as far as it walked; then by
   * walking on through windows of the id order sized by the tier's density in the probe (three times the
   * rows that should hold the rest), for as long as the rows a walk is expected to read stay below what
   * reading all of the remaining candidates would cost; then through the GIN indexes (every remaining
   * candidate of the tier, sorted). A walk that comes up short asks where its window ended (the primary
   * key alone, OFFSET window - 1), so the next one starts there and nothing in between is missed.
   * What a walk or the GIN read returns goes on the page, so they read whole services (with the
   * provider's name and the rating), and the page needs no read by id for them.
   */
  private async firstOfTier(predicates: SearchPredicates, matches: MatchSet, tier: 1 | 2, afterId: string | null, count: number, run: Runner): Promise<HitRow[]> {
    const found = matches.probe.filter((h) => h.tier === tier && (afterId === null || h.id > afterId));
    if (found.length >= count) return found.slice(0, count);
    const last = matches.probe.length ? matches.probe[matches.probe.length - 1].id : null;
    let from = afterId === null || (last !== null && last > afterId) ? last : afterId;
    const kw = predicates.keyword!;
    // The GIN index over the name's characters (tier 1), and recognisedOnly in the keyword index's form, only for reading
    // all of the tier: in a walk the planner, misled by its estimate for an array, would prefer them to the id range and
    // read every candidate.
    const tierMatch = (p: SqlParams, gin: boolean) =>
      `${predicates.scope(p, gin)} AND NOT ${kw.exact(p)} AND ${kw.text(p)} AND ${tier === 1 ? `${kw.name(p)}${gin ? ` AND ${kw.nameChars(p)}` : ''}` : `NOT (${kw.name(p)})`}`;
    const density = Math.max(matches.probe.filter((h) => h.tier === tier).length, 0.5) / matches.walked;
    const candidates = (Math.max(matches.probe.length, 0.5) / matches.walked) * matches.services * (1 - (from ? idFraction(from) : 0));
    for (let walked = 0; found.length < count; ) {
      // A walk stops at the matches it needs: it costs about (count - found) / density rows; the window only bounds it.
      const expected = (count - found.length) / density;
      if (walked + expected > candidates) break;
      const window = Math.ceil(3 * expected);
      walked += window;
      const p = new SqlParams();
      const after = from ? `WHERE s.id > ${p.add(from)}` : '';
      const more = await run<HitRow>(
        `SELECT ${PROBE_COLUMNS}, ${tier} AS tier
           FROM (SELECT * FROM catalog_services s ${after} ORDER BY s.id LIMIT ${p.add(window)}) s
          WHERE ${tierMatch(p, false)} ORDER BY s.id LIMIT ${p.add(count - found.length)}`,
        p.values,
      );
      found.push(...more);
      if (found.length >= count) break;
      // Short: the walk read its whole window. Where that ended (the primary key alone), to go on from there.
      const q = new SqlParams();
      const [end] = await run<{ id: string }>(
        `SELECT s.id FROM catalog_services s ${from ? `WHERE s.id > ${q.add(from)}` : ''} ORDER BY s.id OFFSET ${q.add(window - 1)} LIMIT 1`,
        q.values,
      );
      if (!end) return found; // the window reached the end of the table: the tier is complete
      from = end.id;
    }
    if (found.length >= count) return found.slice(0, count);
    const q = new SqlParams();
    return found.concat(await run<HitRow>(
      `SELECT ${PROBE_COLUMNS}, ${tier} AS tier FROM catalog_services s
        WHERE ${tierMatch(q, true)} ${from ? `AND s.id > ${q.add(from)}` : ''} ORDER BY s.id LIMIT ${q.add(count - found.length)}`,
      q.values,
    ));
  }

  /** Without a keyword: by name and id, straight from the b-tree indexes on (name, id). */
  private async namePage(predicates: SearchPredicates, cursor: SearchCursor | null, need: number, run: Runner): Promise<PageRow[]> {
    const p = new SqlParams();
    const keyset = cursor ? `AND (s.name, s.id) > (${p.add(cursor.name)}, ${p.add(cursor.id)}::uuid)` : '';
    const rows = await run<CatalogServiceRow>(
      `SELECT ${SERVICE_COLUMNS}, ${RATING_COLUMNS} FROM catalog_services s JOIN read_organizations o ON o.id = s.provider_id
        WHERE ${predicates.scope(p)} ${keyset} ORDER BY s.name, s.id LIMIT ${p.add(need)}`,
      p.values,
    );
    return rows.map((row) => ({ row, tier: null }));
  }

  /**
   * The page's services in the page's order: those a step read whole (the probe, walks, the GIN read) as they are, the
   * others (from reading a small set whole, which reads only ids and facet columns) by id; one withdrawn in between drops out.
   */
  private async byIds(hits: HitRow[], run: Runner): Promise<PageRow[]> {
    const missing = hits.filter((h) => h.name === undefined).map((h) => h.id);
    const rows = missing.length
      ? await run<CatalogServiceRow>(`SELECT ${SERVICE_COLUMNS}, ${RATING_COLUMNS} FROM catalog_services s JOIN read_organizations o ON o.id = s.provider_id WHERE s.id = ANY($1::uuid[])`, [missing])
      : [];
    const byId = new Map(rows.map((r) => [r.id, r]));
    return hits.flatMap((h) => {
      const row = h.name === undefined ? byId.get(h.id) : (h as unknown as CatalogServiceRow);
      return row ? [{ row, tier: h.tier }] : [];
    });
  }

  /** Category, region and provider counts of the match set: counted when it was read whole, else scaled from the probe's sample. */
  private async facets(matches: MatchSet, run: Runner): Promise<CatalogSearchFacetsDto> {
    const counted = (key: 'category' | 'region_code' | 'provider_id') => {
      const counts = new Map<string, number>();
      for (const h of matches.exact) counts.set(h[key], (counts.get(h[key]) ?? 0) + 1);
      for (const h of matches.all ?? matches.probe) counts.set(h[key], (counts.get(h[key]) ?? 0) + matches.weight);
      return [...counts]
        .map(([value, count]) => ({ value, count: matches.approximate ? roughly(count) : count }))
        .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
    };
    const provider: SearchFacetCountDto[] = counted('provider_id').slice(0, 10);
    const known = new Map([...matches.exact, ...matches.probe].map((h) => [h.provider_id, (h as Partial<CatalogServiceRow>).provider_name]));
    for (const f of provider) f.label = known.get(f.value) ?? undefined;
    if (provider.some((f) => f.label === undefined)) {
      const names = await run<{ id: string; name: string }>(`SELECT id, name FROM read_organizations WHERE id = ANY($1::uuid[])`, [provider.map((f) => f.value)]);
      for (const f of provider) f.label = names.find((n) => n.id === f.value)?.name ?? '';
    }
    return { approximate: matches.approximate, category: counted('category'), region: counted('region_code'), provider };
  }
}

type Runner = <T>(sql: string, params: unknown[], prepared?: boolean) => Promise<T[]>;

/** A limit written into a statement's text: only ever a whole number of the configuration. */
function integer(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`catalogue search: expected a whole number, got ${n}`);
  return String(n);
}
type PageRow = { row: CatalogServiceRow; tier: number | null };

/** Where a UUID lies in the id order, 0..1: the share of all services walked up to it (ids are random UUIDs). */
export function idFraction(id: string): number {
  return Math.max(parseInt(id.slice(0, 8), 16) / 2 ** 32 + parseInt(id.slice(9, 13), 16) / 2 ** 48, 2 ** -48);
}

/** Two significant digits: 26,566 → 27,000 ("about 27,000"); at least 1. */
export function roughly(n: number): number {
  if (n < 1) return n > 0 ? 1 : 0;
  const magnitude = 10 ** Math.max(0, Math.floor(Math.log10(n)) - 1);
  return Math.round(n / magnitude) * magnitude;
}
