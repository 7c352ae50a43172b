import { Injectable } from '@nestjs/common';
import { CatalogSearchFacetsDto, CatalogSearchQueryDto, CatalogSearchResultDto, SearchFacetCountDto } from '../dto/catalog-service.dto';
import { CatalogServiceRow, RATING_COLUMNS, SERVICE_COLUMNS, toCatalogServiceDto } from '../catalog.mapper';
import { encodeCursor, SearchCursor, searchFingerprint } from '../catalog-search.cursor';
import { keywordPredicates, PROBE_COLUMNS, SqlParams } from '../catalog-search.sql';
import { recognisedListsSql } from '../recognition.service';
import { SearchQuery } from '../search-tokens';
import { EngineMatch } from './engine-text';
import { uuidKeys } from './search-engine.feeder';
import { SearchEngineClient } from './search-engine.client';

type Runner = <T>(sql: string, params: unknown[]) => Promise<T[]>;

/** What the caller knows of the search: its scope in SQL (listed, admitted, filters) and the engine's filters. */
export interface EngineSearchInput {
  query: CatalogSearchQueryDto;
  search: SearchQuery;
  match: EngineMatch;
  cursor: SearchCursor | null;
  limit: number;
  offset: number;
  /** The regions a regionCode filter stands for (itself and those under it). */
  regions: string[] | null;
  /** recognisedOnly for a signed-in reader: the issuing city, its regions (local providers) and the day. */
  recognised: { city: string; localRegions: string[]; day: string } | null;
  scope: (p: SqlParams) => string;
  run: Runner;
}

type ServiceRow = CatalogServiceRow & { search_doc: string };
/** Read with tier 0: providers not admitted; for recognisedOnly, providers and services (search_doc) the agreements recognise. */
type EngineLists = { blocked: string[]; rec_providers?: string[]; rec_docs?: string[] };
type EngineFilters = { select: string; where: string };
type FacetCounts = Record<'category' | 'region_code' | 'provider_id', Map<string, number>>;
type Hit = { id: string; tier: number };

/** Tier 0 (exact name or code) services read for a search; as in PostgreSQL's plan. */
const EXACT_TIER_CAP = 10_000;
/** Candidates asked of the engine beyond the page, for services the recheck drops (changed since the engine was fed). */
const SLACK = 10;
const FACET_GROUPS = 5000;

/**
 * A keyword search answered by the external search engine (docs/catalog-search.md, "An external search engine"): the
 * same matches, order (tier, id), cursors, totals and facets as PostgreSQL's plan, but exact for any size of match
 * set. PostgreSQL still reads tier 0 (two b-tree lookups) and the page's services by id, and rechecks each of them
 * against the catalogue (listed, admitted, within the filters, a text match): the engine lags the catalogue by up to a
 * feed interval, and a service changed since is dropped rather than shown. Totals and facets are the engine's, as of
 * its last feed.
 *
 * Round trips: tier 0, the providers not admitted and for recognisedOnly what the agreements recognise (PostgreSQL,
 * one statement); tiers 1 and 2 and the facets (the engine, one batch); the page (PostgreSQL, one statement unless the
 * recheck drops some), beside the facet's provider names.
 */
@Injectable()
export class EngineSearch {
  constructor(private readonly engine: SearchEngineClient) {}

  async search(input: EngineSearchInput): Promise<CatalogSearchResultDto> {
    const { query, search, cursor, limit, offset, run } = input;
    const kw = keywordPredicates(search);
    const p = new SqlParams();
    // One row at least: the providers not admitted (and for recognisedOnly what the agreements recognise) beside tier
    // 0's services (none: one row of NULLs).
    const recognised = input.recognised ? `, ${recognisedListsSql(input.recognised.city, input.recognised.day, p.values)}` : '';
    const exactRows = await run<ServiceRow & EngineLists>(
      `SELECT e.*, b.*
         FROM (SELECT ARRAY(SELECT o.id::text FROM read_organizations o WHERE o.kind = 'provider' AND o.admission_status IS DISTINCT FROM 'active') AS blocked${recognised}) b
         LEFT JOIN LATERAL (SELECT ${PROBE_COLUMNS}, s.search_doc::text AS search_doc FROM catalog_services s
                             WHERE ${input.scope(p)} AND ${kw.exact(p)} ORDER BY s.id LIMIT ${EXACT_TIER_CAP}) e ON true`,
      p.values,
    );
    const exact = exactRows.filter((r) => r.id !== null);
    const filters = this.filters(input, exactRows[0], exact.map((r) => r.search_doc));
    const need = offset + limit + 1;
    const after = (h: Hit) => !cursor || h.tier > cursor.tier! || (h.tier === cursor.tier && h.id > cursor.id);
    const page: Hit[] = exact.map((r) => ({ id: r.id, tier: 0 })).filter(after).slice(0, need);

    // Tiers 1 and 2 and the facets in one round trip; asked again for more when the recheck drops too many.
    let ask = need - page.length + SLACK;
    let counts: FacetCounts | null = null;
    let named: Promise<CatalogSearchFacetsDto> | null = null;
    const rows = new Map<string, CatalogServiceRow>(exact.map((r) => [r.id, r]));
    let hits: Hit[];
    for (;;) {
      const statements: string[] = [];
      const tiers = ([1, 2] as const).filter((t) => !cursor || cursor.tier! <= t);
      for (const t of tiers) statements.push(this.tierStatement(input, t, filters, cursor?.tier === t ? cursor.id : null, ask));
      if (!counts) statements.push(this.facetStatement(input, filters));
      const results = await this.engine.query<Record<string, string | number>>(statements.join('; '));
      const tierHits = tiers.map((_, i) => (results[i] as { sid: string }[]).map((r) => r.sid));
      if (!counts) {
        counts = this.facetCounts(results.slice(tiers.length) as Record<string, string | number>[][]);
        named = this.facets(counts, exact, run); // the providers' names meanwhile
        named.catch(() => undefined); // awaited below; a failure then is this search's, not an unhandled rejection
      }
      // A tier's candidates follow the previous tier's only when that one answered whole (fewer than asked).
      const candidates: Hit[] = [];
      let complete = true;
      for (const [i, t] of tiers.entries()) {
        candidates.push(...tierHits[i].map((id) => ({ id, tier: t })));
        if (tierHits[i].length >= ask) {
          complete = false;
          break;
        }
      }
      // Rechecked in order, only as many as the page still needs: one read unless some were dropped.
      hits = [...page];
      let next = 0;
      while (hits.length < need && next < candidates.length) {
        const chunk = candidates.slice(next, next + need - hits.length);
        next += chunk.length;
        for (const row of await this.recheck(input, chunk, exact)) rows.set(row.id, row);
        hits.push(...chunk.filter((h) => rows.has(h.id)));
      }
      // Enough, or the engine has no more.
      if (hits.length >= need || complete) break;
      ask *= 2;
    }
    const shown = hits.slice(offset, offset + limit);
    const hasMore = hits.length > offset + limit;
    const last = shown[shown.length - 1];
    const facets = await named!;
    return {
      items: shown.map((h) => toCatalogServiceDto(rows.get(h.id)!)),
      limit,
      offset,
      hasMore,
      nextCursor: hasMore && last ? encodeCursor({ search: searchFingerprint(query), tier: last.tier, id: last.id, name: null }) : null,
      // Every match has one category: their counts add up to the total.
      total: facets.category.reduce((a, f) => a + f.count, 0),
      totalApproximate: false,
      facets,
    };
  }

  /**
   * Filters of the engine's statements: the query's, providers not admitted, tier 0 (read from PostgreSQL), and for
   * recognisedOnly an expression (local regions, recognised providers, services recognised one by one) in the select list.
   */
  private filters(input: EngineSearchInput, lists: EngineLists, exactDocs: string[]): EngineFilters {
    const e = this.engine;
    const list = (xs: string[]) => xs.map((x) => e.literal(x)).join(', ');
    const where: string[] = [];
    if (input.query.category) where.push(`category = ${e.literal(input.query.category)}`);
    if (input.regions) where.push(input.regions.length ? `region IN (${list(input.regions)})` : `id = 0`);
    if (input.query.providerId) where.push(`provider = ${e.literal(input.query.providerId)}`);
    if (lists.blocked.length) where.push(`provider NOT IN (${list(lists.blocked)})`);
    if (exactDocs.length) where.push(`id NOT IN (${exactDocs.join(', ')})`);
    let select = '';
    if (input.recognised) {
      const any = [
        input.recognised.localRegions.length ? `IN(region, ${list(input.recognised.localRegions)})` : '',
        lists.rec_providers?.length ? `IN(provider, ${list(lists.rec_providers)})` : '',
        lists.rec_docs?.length ? `IN(id, ${lists.rec_docs.map((d) => BigInt(d).toString()).join(', ')})` : '',
      ].filter(Boolean);
      select = `, ${any.length ? any.join(' OR ') : '0'} AS recognised`;
      where.push('recognised = 1');
    }
    return { select, where: where.map((w) => ` AND ${w}`).join('') };
  }

  private tierStatement(input: EngineSearchInput, tier: 1 | 2, filters: EngineFilters, afterId: string | null, count: number): string {
    const e = this.engine;
    const text = tier === 1 ? input.match.tier1 : input.match.tier2;
    let keyset = '';
    let select = `sid${filters.select}`;
    if (afterId) {
      const [k1, k2] = uuidKeys(afterId);
      select += `, k1 > ${k1} OR (k1 = ${k1} AND k2 > ${k2}) AS later`;
      keyset = ' AND later = 1';
    }
    return `SELECT ${select} FROM ${e.index} WHERE MATCH(${e.literal(text)})${filters.where}${keyset}
      ORDER BY k1 ASC, k2 ASC LIMIT ${count} OPTION ranker = none, max_matches = ${Math.max(1000, count)}`;
  }

  /** Category, region and provider counts of every text match; with them, the total. */
  private facetStatement(input: EngineSearchInput, filters: EngineFilters): string {
    const e = this.engine;
    const facet = (attr: string) => `FACET ${attr} ORDER BY COUNT(*) DESC LIMIT ${FACET_GROUPS}`;
    return `SELECT id${filters.select} FROM ${e.index} WHERE MATCH(${e.literal(input.match.all)})${filters.where} LIMIT 1
      OPTION ranker = none, max_matches = ${FACET_GROUPS} ${facet('category')} ${facet('region')} ${facet('provider')}`;
  }

  private facetCounts(results: Record<string, string | number>[][]): FacetCounts {
    // results[0] is the statement's own row; then one result per FACET, in order.
    const [, category, region, provider] = results;
    const counts = (rows: Record<string, string | number>[] | undefined, attr: string) =>
      new Map((rows ?? []).map((r) => [String(r[attr]), Number(r['count(*)'])]));
    return { category: counts(category, 'category'), region_code: counts(region, 'region'), provider_id: counts(provider, 'provider') };
  }

  /**
   * The engine's candidates as they are now in the catalogue: listed, of an admitted provider, within the filters, a text
   * match and not an exact one. A candidate that is not (changed since the engine was fed) is left out.
   */
  private async recheck(input: EngineSearchInput, hits: Hit[], exact: ServiceRow[]): Promise<ServiceRow[]> {
    if (!hits.length) return [];
    const kw = keywordPredicates(input.search);
    const p = new SqlParams();
    const ids = p.add(hits.map((h) => h.id));
    const exactIds = exact.length ? `AND s.id <> ALL(${p.add(exact.map((r) => r.id))}::uuid[])` : '';
    const rows = await input.run<ServiceRow>(
      `SELECT ${SERVICE_COLUMNS}, ${RATING_COLUMNS}, s.search_doc::text AS search_doc FROM catalog_services s JOIN read_organizations o ON o.id = s.provider_id
        WHERE s.id = ANY(${ids}::uuid[]) AND ${input.scope(p)} AND ${kw.text(p)} ${exactIds}`,
      p.values,
    );
    return rows;
  }

  /** Facets as PostgreSQL's plan gives them: most first, then by value; ten providers, with their names. */
  private async facets(counts: FacetCounts, exact: ServiceRow[], run: Runner): Promise<CatalogSearchFacetsDto> {
    const merged = (key: keyof FacetCounts) => {
      const m = new Map(counts[key]);
      for (const r of exact) m.set(r[key], (m.get(r[key]) ?? 0) + 1);
      return [...m].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
    };
    const provider: SearchFacetCountDto[] = merged('provider_id').slice(0, 10);
    if (provider.length) {
      const names = await run<{ id: string; name: string }>(`SELECT id, name FROM read_organizations WHERE id = ANY($1::uuid[])`, [provider.map((f) => f.value)]);
      for (const f of provider) f.label = names.find((n) => n.id === f.value)?.name ?? '';
    }
    return { approximate: false, category: merged('category'), region: merged('region_code'), provider };
  }
}
