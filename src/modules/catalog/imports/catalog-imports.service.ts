import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { makeUscc } from '../../../../packages/shared/uscc';
import { Actor, isPlatformAdmin } from '../../../platform/context/actor';
import { DomainError } from '../../../platform/errors/domain-error';
import {
  CatalogImportChangeDto, CatalogImportChangesDto, CatalogImportChangesQueryDto, CatalogImportDto, CatalogImportErrorDto, CatalogImportErrorsQueryDto,
} from './dto/catalog-import.dto';
import { CatalogImport, CatalogImportError } from '../catalog.entities';
import { toImportDto } from '../catalog.mapper';
import { csvTemplate, ImportFormat, xlsxTemplate } from './catalog-import.files';

/**
 * One page ($3 rows after $4) of an import's ($1) added, changed or withdrawn ($2) services, in file order
 * (withdrawn ones, which no row names, by code).
 */
const CHANGES_PAGE = `
  SELECT c.kind, c.service_id, c.row_number FROM catalog_import_changes c
    JOIN catalog_services s ON s.id = c.service_id
   WHERE c.import_id = $1 AND c.kind = $2
   ORDER BY c.row_number NULLS LAST, s.code, c.service_id
   LIMIT $3 OFFSET $4`;

/**
 * The same page of its unchanged services ($2 = 'unchanged'): one row of catalog_import_unchanged per
 * merge batch, the batches in file order and each batch's arrays in file order, so the page starts in
 * the batch whose running count passes the offset, and only the batches the page spans are unnested.
 */
const UNCHANGED_PAGE = `
  WITH batches AS (
    SELECT first_row, sum(services) OVER (ORDER BY first_row) - services AS before, services
      FROM catalog_import_unchanged WHERE import_id = $1)
  SELECT $2::text AS kind, u.service_id, u.row_number
    FROM batches b
    JOIN catalog_import_unchanged x ON x.import_id = $1 AND x.first_row = b.first_row
    CROSS JOIN LATERAL unnest(x.service_ids, x.row_numbers) WITH ORDINALITY AS u(service_id, row_number, n)
   WHERE b.before + b.services > $4 AND b.before < $4 + $3 AND b.before + u.n > $4
   ORDER BY b.first_row, u.n
   LIMIT $3`;

/** Reading imports: progress while one runs, the caller's history, the per-row error report, the changes, the templates. */
@Injectable()
export class CatalogImportsService {
  constructor(private readonly dataSource: DataSource) {}

  async list(actor: Actor, limit = 20): Promise<CatalogImportDto[]> {
    const rows = await this.dataSource.getRepository(CatalogImport).find({ where: { actorUserId: actor.userId }, order: { startedAt: 'DESC' }, take: limit });
    return rows.map(toImportDto);
  }

  async get(actor: Actor, id: string): Promise<CatalogImportDto> {
    return toImportDto(await this.readable(actor, id));
  }

  async errors(actor: Actor, id: string, query: CatalogImportErrorsQueryDto): Promise<CatalogImportErrorDto[]> {
    await this.readable(actor, id);
    const rows = await this.dataSource
      .getRepository(CatalogImportError)
      .find({ where: { importId: id }, order: { rowNumber: 'ASC', id: 'ASC' }, take: query.limit ?? 100, skip: query.offset ?? 0 });
    return rows.map((e) => ({ rowNumber: e.rowNumber, field: e.field, message: e.message }));
  }

  /** What the import did, by kind: counts for all kinds and one page of the asked kind (in file order; withdrawn by code). */
  async changes(actor: Actor, id: string, query: CatalogImportChangesQueryDto): Promise<CatalogImportChangesDto> {
    await this.readable(actor, id);
    const counted = (await this.dataSource.query(
      `SELECT kind, count(*)::int AS n FROM catalog_import_changes WHERE import_id = $1 GROUP BY kind
       UNION ALL SELECT 'unchanged', sum(services)::int FROM catalog_import_unchanged WHERE import_id = $1`,
      [id],
    )) as { kind: string; n: number | null }[];
    const count = (kind: string) => counted.find((c) => c.kind === kind)?.n ?? 0;
    const counts = { added: count('added'), changed: count('changed'), withdrawn: count('withdrawn'), unchanged: count('unchanged') };
    const limit = query.limit ?? 100;
    const rows = (await this.dataSource.query(
      `WITH listed AS (${query.kind === 'unchanged' ? UNCHANGED_PAGE : CHANGES_PAGE})
       SELECT c.kind, c.service_id, c.row_number, s.provider_id, o.name AS provider_name, s.code, s.name, s.unit_price_fen, s.status
         FROM listed c
         JOIN catalog_services s ON s.id = c.service_id
         JOIN read_organizations o ON o.id = s.provider_id
        ORDER BY c.row_number NULLS LAST, s.code, c.service_id`,
      [id, query.kind, limit + 1, query.offset ?? 0],
    )) as { kind: string; service_id: string; row_number: number | null; provider_id: string; provider_name: string; code: string; name: string; unit_price_fen: string; status: string }[];
    const hasMore = rows.length > limit;
    const items: CatalogImportChangeDto[] = rows.slice(0, limit).map((r) => ({
      kind: r.kind, serviceId: r.service_id, rowNumber: r.row_number, providerId: r.provider_id, providerName: r.provider_name, code: r.code, name: r.name,
      unitPriceFen: Number(r.unit_price_fen), status: r.status,
    }));
    return { counts, items, hasMore };
  }

  /** The template in either format: header, one example row (the caller's own provider, or a sample one) and the column notes. */
  async template(actor: Actor, format: ImportFormat): Promise<Buffer> {
    const [own] = (await this.dataSource.query(`SELECT kind, uscc, name FROM read_organizations WHERE id = $1`, [actor.organizationId])) as {
      kind: string;
      uscc: string | null;
      name: string;
    }[];
    const example =
      own?.kind === 'provider' && own.uscc
        ? { providerUscc: own.uscc, providerName: own.name }
        : { providerUscc: makeUscc('91', '310115', 'MA1K2E3F4'), providerName: '上海示例检测技术有限公司' };
    return format === 'xlsx' ? xlsxTemplate(example) : csvTemplate(example);
  }

  /** Its importer, the importer's organisation, and the platform see an import; others get 404. */
  private async readable(actor: Actor, id: string): Promise<CatalogImport> {
    const row = await this.dataSource.getRepository(CatalogImport).findOneBy({ id });
    if (!row || !(isPlatformAdmin(actor) || row.actorUserId === actor.userId || row.actorOrganizationId === actor.organizationId)) {
      throw DomainError.notFound('Import');
    }
    return row;
  }
}
