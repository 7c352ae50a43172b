import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { UnitOfWork } from '../../../platform/database/unit-of-work';
import { DomainError } from '../../../platform/errors/domain-error';
import { OrganizationsService } from '../../organizations/organizations.service';

/** What merging needs to know of an import. */
export interface ImportToMerge {
  id: string;
  actorOrganizationId: string;
  regionCode: string;
  mergedThrough: number;
  withdrawMissing: boolean;
}

export interface BatchCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

/**
 * The merge of a validated import into catalog_services: set-based SQL, one bounded batch of staged
 * rows (by row number) per transaction, so no transaction is long and a service row is locked only
 * for its own batch. Each batch commits with the import's cursor (merged_through) and counts, so a
 * retried job resumes after the last batch that committed, and a batch that failed left nothing.
 * A row equal to its service (every field, and listed) is not written at all: that is what makes
 * re-importing an unchanged file cheap. Each added or changed row is recorded in catalog_import_changes;
 * the batch's unchanged rows make one row of catalog_import_unchanged (their service ids and row numbers).
 */
@Injectable()
export class CatalogImportMerge {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly organizations: OrganizationsService,
  ) {}

  /** Creates the partner's new providers (admitted, in its region), once: a retry creates none twice. */
  async createProviders(imp: ImportToMerge): Promise<number> {
    return this.uow.run(async (tx) => {
      const fresh = (await tx.manager.query(`SELECT provider_id AS id, uscc, name FROM catalog_import_providers WHERE import_id = $1 AND is_new ORDER BY new_rank`, [imp.id])) as {
        id: string;
        uscc: string;
        name: string;
      }[];
      const created = await this.organizations.createImportedProviders(tx.manager, fresh, imp.regionCode);
      for (const p of created) {
        tx.audit({
          action: 'organization.provider.imported',
          subjectType: 'organization',
          subjectId: p.id,
          organizationId: p.id,
          regionCode: p.regionCode,
          after: { kind: 'provider', name: p.name, uscc: p.uscc, regionCode: p.regionCode, admissionStatus: 'active', importId: imp.id },
        });
      }
      if (created.length) await tx.manager.query(`UPDATE catalog_imports SET providers_created = providers_created + $2, updated_at = now() WHERE id = $1`, [imp.id, created.length]);
      return created.length;
    });
  }

  /** The highest staged row number of the import (the header is row 1). */
  async lastRow(importId: string): Promise<number> {
    const [{ last }] = (await this.dataSource.query(`SELECT coalesce(max(row_number), 1)::int AS last FROM catalog_import_lines WHERE import_id = $1`, [importId])) as { last: number }[];
    return last;
  }

  /** Merges staged rows after..through in one transaction and moves the cursor; 409 if another attempt moved it first. */
  async mergeBatch(imp: ImportToMerge, after: number, through: number): Promise<BatchCounts> {
    return this.uow.run(async (tx) => {
      const [counts] = (await tx.manager.query(
        `WITH src AS (
           SELECT l.row_number, ip.provider_id, ip.region_code, l.service_code AS code, l.name, l.category, l.unit_price_fen::bigint AS unit_price_fen,
                  l.unit, l.lead_time_days::int AS lead_time_days, nullif(l.instrument_name, '') AS instrument_name,
                  nullif(l.instrument_model, '') AS instrument_model, nullif(l.description, '') AS description, l.search_text, l.search_tokens
             FROM catalog_import_lines l
             JOIN catalog_import_providers ip ON ip.import_id = l.import_id AND ip.uscc = l.provider_uscc
            WHERE l.import_id = $1 AND l.row_number > $2 AND l.row_number <= $3
              AND NOT EXISTS (SELECT 1 FROM catalog_import_errors e WHERE e.import_id = $1 AND e.row_number = l.row_number)),
         cmp AS MATERIALIZED (
           SELECT src.*, s.id AS service_id, CASE WHEN s.id IS NULL THEN gen_random_uuid() END AS new_id,
                  s.id IS NOT NULL AND (s.name, s.category, s.unit_price_fen, s.unit, s.lead_time_days, s.instrument_name, s.instrument_model, s.description, s.status)
                    IS NOT DISTINCT FROM (src.name, src.category, src.unit_price_fen, src.unit, src.lead_time_days, src.instrument_name, src.instrument_model,
                                          src.description, 'active') AS same
             FROM src LEFT JOIN catalog_services s ON s.provider_id = src.provider_id AND s.code = src.code),
         ins AS (
           INSERT INTO catalog_services (id, provider_id, code, name, category, unit_price_fen, unit, lead_time_days, instrument_name, instrument_model,
                                         description, region_code, search_text, search_tokens)
           SELECT new_id, provider_id, code, name, category, unit_price_fen, unit, lead_time_days, instrument_name, instrument_model, description,
                  region_code, search_text, array_to_tsvector(string_to_array(search_tokens, ' '))
             FROM cmp WHERE service_id IS NULL
           RETURNING 1),
         upd AS (
           UPDATE catalog_services s
              SET name = c.name, category = c.category, unit_price_fen = c.unit_price_fen, unit = c.unit, lead_time_days = c.lead_time_days,
                  instrument_name = c.instrument_name, instrument_model = c.instrument_model, description = c.description, search_text = c.search_text,
                  search_tokens = array_to_tsvector(string_to_array(c.search_tokens, ' ')), status = 'active', withdrawn_at = NULL, version = s.version + 1, updated_at = now()
             FROM cmp c
            WHERE s.id = c.service_id AND NOT c.same
           RETURNING 1),
         changes AS (
           INSERT INTO catalog_import_changes (import_id, kind, service_id, row_number)
           SELECT $1, CASE WHEN service_id IS NULL THEN 'added' ELSE 'changed' END, coalesce(service_id, new_id), row_number FROM cmp WHERE NOT same
           RETURNING 1),
         unchanged AS (
           INSERT INTO catalog_import_unchanged (import_id, first_row, services, service_ids, row_numbers)
           SELECT $1, min(row_number), count(*), array_agg(service_id ORDER BY row_number), array_agg(row_number ORDER BY row_number) FROM cmp WHERE same
           HAVING count(*) > 0
           RETURNING services)
         SELECT (SELECT count(*) FROM ins)::int AS inserted, (SELECT count(*) FROM upd)::int AS updated,
                coalesce((SELECT sum(services) FROM unchanged), 0)::int AS unchanged, (SELECT count(*) FROM changes)::int AS recorded`,
        [imp.id, after, through],
      )) as (BatchCounts & { recorded: number })[];
      // UPDATE … RETURNING answers [rows, count] through TypeORM.
      const [moved] = (await tx.manager.query(
        `UPDATE catalog_imports SET merged_through = $3, rows_inserted = rows_inserted + $4, rows_updated = rows_updated + $5, rows_unchanged = rows_unchanged + $6,
                updated_at = now()
          WHERE id = $1 AND status = 'merging' AND merged_through = $2 RETURNING id`,
        [imp.id, after, through, counts.inserted, counts.updated, counts.unchanged],
      )) as [{ id: string }[], number];
      if (moved.length !== 1) throw DomainError.conflict('The import moved on while this batch ran', { importId: imp.id, after });
      if (counts.inserted + counts.updated > 0) {
        tx.audit({
          action: 'catalog.import.batch_merged',
          subjectType: 'catalog_import',
          subjectId: imp.id,
          organizationId: imp.actorOrganizationId,
          regionCode: imp.regionCode,
          after: { rowsAfter: after, rowsThrough: through, inserted: counts.inserted, updated: counts.updated, unchanged: counts.unchanged },
        });
      }
      return { inserted: counts.inserted, updated: counts.updated, unchanged: counts.unchanged };
    });
  }

  /**
   * withdrawMissing (下架): the listed services of the file's existing providers whose code the file
   * does not name at all (valid or not) are withdrawn, `limit` per transaction. Returns how many this
   * call withdrew; 0 means done. Orders already placed keep referring to a withdrawn service
   * (catalog.state.ts: withdraw is allowed from active).
   */
  async withdrawBatch(imp: ImportToMerge, limit: number): Promise<number> {
    return this.uow.run(async (tx) => {
      const [{ withdrawn }] = (await tx.manager.query(
        `WITH named AS (SELECT DISTINCT provider_uscc, service_code FROM catalog_import_lines WHERE import_id = $1),
         victims AS (
           SELECT s.id FROM catalog_services s
             JOIN catalog_import_providers ip ON ip.import_id = $1 AND NOT ip.is_new AND ip.provider_id = s.provider_id
            WHERE s.status = 'active'
              AND NOT EXISTS (SELECT 1 FROM named n WHERE n.provider_uscc = ip.uscc AND n.service_code = s.code)
            ORDER BY s.id LIMIT $2 FOR UPDATE OF s),
         w AS (
           UPDATE catalog_services s SET status = 'withdrawn', withdrawn_at = now(), version = s.version + 1, updated_at = now()
             FROM victims v WHERE s.id = v.id RETURNING s.id),
         recorded AS (INSERT INTO catalog_import_changes (import_id, kind, service_id) SELECT $1, 'withdrawn', id FROM w ON CONFLICT DO NOTHING RETURNING 1)
         SELECT (SELECT count(*) FROM w)::int AS withdrawn, (SELECT count(*) FROM recorded)::int AS recorded`,
        [imp.id, limit],
      )) as { withdrawn: number }[];
      if (withdrawn > 0) {
        await tx.manager.query(`UPDATE catalog_imports SET rows_withdrawn = rows_withdrawn + $2, updated_at = now() WHERE id = $1`, [imp.id, withdrawn]);
        tx.audit({
          action: 'catalog.import.services_withdrawn',
          subjectType: 'catalog_import',
          subjectId: imp.id,
          organizationId: imp.actorOrganizationId,
          regionCode: imp.regionCode,
          after: { withdrawn },
        });
      }
      return withdrawn;
    });
  }
}
