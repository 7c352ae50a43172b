import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Actor } from '../../platform/context/actor';
import { shanghaiDate } from '../../platform/database/shanghai-date';
import { CatalogSearchQueryDto, CatalogSearchResultDto } from './dto/catalog-service.dto';
import { CatalogServiceRow, SERVICE_COLUMNS, toCatalogServiceDto } from './catalog.mapper';
import { RecognitionService } from './recognition.service';
import { buildSearchQuery } from './search-tokens';

/**
 * Catalogue search (服务检索) over listed services of admitted providers. The design and the
 * measured plans at 200,000 services are in docs/catalog-search.md.
 */
@Injectable()
export class CatalogSearchService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly recognition: RecognitionService,
  ) {}

  async search(actor: Actor, query: CatalogSearchQueryDto): Promise<CatalogSearchResultDto> {
    const limit = query.limit ?? 20;
    const offset = query.offset ?? 0;
    const built = this.buildSql(actor, query, limit, offset);
    if (!built) return { items: [], limit, offset, hasMore: false };
    const rows = (await this.dataSource.query(built.sql, built.params)) as CatalogServiceRow[];
    return { items: rows.slice(0, limit).map(toCatalogServiceDto), limit, offset, hasMore: rows.length > limit };
  }

  /** The statement search() runs (one row more than a page, to know whether another follows); null when q has nothing searchable. */
  buildSql(actor: Actor, query: CatalogSearchQueryDto, limit: number, offset: number): { sql: string; params: unknown[] } | null {
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const where = [`s.status = 'active'`];
    let order = 's.name, s.id';
    if (query.q !== undefined && query.q.trim() !== '') {
      const search = buildSearchQuery(query.q);
      if (!search) return null;
      // The GIN index finds candidates by n-gram; the recheck keeps only contiguous matches. search_text
      // and the patterns are both NFKC + lower case, so LIKE is the case-insensitive match (and, measured,
      // twice as fast as ILIKE, which lower-cases every candidate row again).
      where.push(`s.search_tokens @@ ${param(search.tsquery)}::tsquery`);
      for (const pattern of search.patterns) where.push(`s.search_text LIKE ${param(pattern)}`);
      // Services whose name (the first field of search_text) holds the first keyword come first.
      order = `(split_part(s.search_text, ' | ', 1) LIKE ${param(search.patterns[0])}) DESC, s.name, s.id`;
    }
    if (query.category) where.push(`s.category = ${param(query.category)}`);
    if (query.regionCode) where.push(`s.region_code = ANY(${param(this.recognition.regionsUnder(query.regionCode))}::text[])`);
    if (query.providerId) where.push(`s.provider_id = ${param(query.providerId)}`);
    if (query.recognisedOnly) {
      where.push(this.recognition.recognisedPredicate('s', this.recognition.issuingCityOf(actor.regionCode), shanghaiDate(), params));
    }
    const sql = `SELECT ${SERVICE_COLUMNS}
         FROM catalog_services s
         JOIN read_organizations o ON o.id = s.provider_id AND o.admission_status = 'active'
        WHERE ${where.join('\n          AND ')}
        ORDER BY ${order}
        LIMIT ${param(limit + 1)} OFFSET ${param(offset)}`;
    return { sql, params };
  }
}
