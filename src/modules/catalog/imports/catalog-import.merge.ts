import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Transaction, UnitOfWork } from '../../../platform/database/unit-of-work';
import { DomainError } from '../../../platform/errors/domain-error';
import { OrganizationsService } from '../../organizations/organizations.service';
import { searchFields } from '../catalog.service';
import { SIGNED_STATUSES } from '../recognition.service';

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

/** What the comparison of a batch returns: its unchanged count, and each row to add or change (the searchable fields only where they differ). */
interface ComparedRow {
  unchanged: number;
  row_number: number | null;
  service_id: string | null;
  provider_id: string;
  region_code: string;
  search_same: boolean;
  name: string | null;
  instrument_name: string | null;
  instrument_model: string | null;
  description: string | null;
}

/** Times a batch is tried when a service it writes changed while it ran. */
const BATCH_ATTEMPTS = 3;

class BatchRaced extends Error {}

/** A service changed between the batch's statements, or a deadlock with another writer of the same providers (40P01): the batch runs again. */
function raced(err: unknown): boolean {
  if (err instanceof BatchRaced) return true;
  return ((err as { driverError?: { code?: string } }).driverError?.code ?? (err as { code?: string }).code) === '40P01';
}

/**
 * The merge moves the versions of the providers it writes itself, one row per provider and statement (MOVE_VERSIONS,
 * in the writing statement), and tells the row triggers of catalog_services to leave its rows alone for the rest of the
 * transaction (migration 1764900390000; docs/catalog-search.md, "Provider marks").
 */
const MARKS_MOVED_HERE = `SELECT set_config('g60.catalog_marks_moved', 'on', true)`;
const MOVE_VERSIONS = (rows: string) => `
  INSERT INTO catalog_provider_marks AS m (provider_id, version)
  SELECT DISTINCT provider_id, 1 FROM ${rows} ORDER BY provider_id
  ON CONFLICT (provider_id) DO UPDATE SET version = m.version + 1
  RETURNING 1`;

/** A staged line's fields as the service stores them (l: catalog_import_lines); compared with SERVICE_FIELDS. */
const LINE_FIELDS = `l.name, l.category, l.unit_price_fen::bigint, l.unit, l.lead_time_days::int, nullif(l.instrument_name, ''), nullif(l.instrument_model, ''),
                     nullif(l.description, '')`;
/** The same fields of a service (s: catalog_services). */
const SERVICE_FIELDS = `s.name, s.category, s.unit_price_fen, s.unit, s.lead_time_days, s.instrument_name, s.instrument_model, s.description`;

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

  /**
   * The rows of the blocks the upload skipped (they matched their provider's mark) are unchanged: one row of
   * catalog_import_unchanged per block, with the mark's services. Once: a retry finds them recorded.
   */
  async recordSkipped(imp: ImportToMerge): Promise<void> {
    await this.dataSource.query(
      `WITH ins AS (
         INSERT INTO catalog_import_unchanged (import_id, first_row, services, service_ids, row_numbers)
         SELECT import_id, first_row, rows, service_ids, row_numbers FROM catalog_import_blocks WHERE import_id = $1 AND skipped
         ON CONFLICT DO NOTHING RETURNING services)
       UPDATE catalog_imports SET rows_unchanged = rows_unchanged + n, updated_at = now()
         FROM (SELECT coalesce(sum(services), 0)::int AS n FROM ins) i WHERE id = $1 AND i.n > 0`,
      [imp.id],
    );
  }

  /** The highest staged row number of the import (the header is row 1). */
  async lastRow(importId: string): Promise<number> {
    const [{ last }] = (await this.dataSource.query(`SELECT coalesce(max(row_number), 1)::int AS last FROM catalog_import_lines WHERE import_id = $1`, [importId])) as { last: number }[];
    return last;
  }

  /**
   * Merges staged rows after..through in one transaction and moves the cursor; 409 if another attempt
   * moved it first. `checkErrors` false skips the look-up of each row in catalog_import_errors (the
   * import has no invalid row). Two statements: the first compares the batch with the catalogue,
   * records its unchanged rows and returns the added and changed ones; their search text and tokens
   * are built here (searchFields(), as by every single write), only for rows whose searchable fields
   * differ from the service's; the second writes them.
   */
  async mergeBatch(imp: ImportToMerge, after: number, through: number, checkErrors = true): Promise<BatchCounts> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.uow.run((tx) => this.mergeBatchOnce(tx, imp, after, through, checkErrors));
      } catch (err) {
        // A service written by someone else while the batch ran: the batch left nothing; it runs again.
        if (!raced(err) || attempt >= BATCH_ATTEMPTS) throw raced(err) ? DomainError.conflict(`A service of rows ${after + 1}-${through} changed while the batch was merged`, { importId: imp.id, after }) : err;
      }
    }
  }

  private async mergeBatchOnce(tx: Transaction, imp: ImportToMerge, after: number, through: number, checkErrors: boolean): Promise<BatchCounts> {
    const compared = (await tx.manager.query(
      `WITH src AS (
         SELECT l.row_number, ip.provider_id, ip.region_code, l.service_code AS code, l.name, l.category, l.unit_price_fen::bigint AS unit_price_fen,
                l.unit, l.lead_time_days::int AS lead_time_days, nullif(l.instrument_name, '') AS instrument_name,
                nullif(l.instrument_model, '') AS instrument_model, nullif(l.description, '') AS description
           FROM catalog_import_lines l
           JOIN catalog_import_providers ip ON ip.import_id = l.import_id AND ip.uscc = l.provider_uscc
          WHERE l.import_id = $1 AND l.row_number > $2 AND l.row_number <= $3
            AND (NOT $4 OR NOT EXISTS (SELECT 1 FROM catalog_import_errors e WHERE e.import_id = $1 AND e.row_number = l.row_number))),
       -- One look-up of the service per row (LATERAL … LIMIT 1: the planner cannot turn it into a hash join reading the whole catalogue for each
       -- batch). Only the row's key and verdict are kept, and its searchable fields where they differ from the service's.
       cmp AS MATERIALIZED (
         SELECT row_number, provider_id, region_code, service_id, same, search_same,
                CASE WHEN NOT search_same THEN name END AS name, CASE WHEN NOT search_same THEN instrument_name END AS instrument_name,
                CASE WHEN NOT search_same THEN instrument_model END AS instrument_model, CASE WHEN NOT search_same THEN description END AS description
           FROM (SELECT src.*, s.id AS service_id,
                        s.id IS NOT NULL AND (s.name, s.category, s.unit_price_fen, s.unit, s.lead_time_days, s.instrument_name, s.instrument_model, s.description, s.status)
                          IS NOT DISTINCT FROM (src.name, src.category, src.unit_price_fen, src.unit, src.lead_time_days, src.instrument_name, src.instrument_model,
                                                src.description, 'active') AS same,
                        s.id IS NOT NULL AND (s.name, s.instrument_name, s.instrument_model, s.description)
                          IS NOT DISTINCT FROM (src.name, src.instrument_name, src.instrument_model, src.description) AS search_same
                   FROM src
                   LEFT JOIN LATERAL (
                     SELECT s.id, s.name, s.category, s.unit_price_fen, s.unit, s.lead_time_days, s.instrument_name, s.instrument_model, s.description, s.status
                       FROM catalog_services s WHERE s.provider_id = src.provider_id AND s.code = src.code LIMIT 1) s ON true) compared),
       unchanged AS (
         INSERT INTO catalog_import_unchanged (import_id, first_row, services, service_ids, row_numbers)
         SELECT $1, min(row_number), count(*), array_agg(service_id ORDER BY row_number), array_agg(row_number ORDER BY row_number) FROM cmp WHERE same
         HAVING count(*) > 0
         RETURNING services)
       SELECT u.unchanged, c.row_number, c.service_id, c.provider_id, c.region_code, c.search_same, c.name, c.instrument_name, c.instrument_model, c.description
         FROM (SELECT coalesce(sum(services), 0)::int AS unchanged FROM unchanged) u
         LEFT JOIN cmp c ON NOT c.same
        ORDER BY c.row_number`,
      [imp.id, after, through, checkErrors],
    )) as ComparedRow[];
    const unchanged = compared[0].unchanged;
    const writes = compared[0].row_number === null ? [] : compared;
    let inserted = 0;
    let updated = 0;
    if (writes.length) {
      const searchText: (string | null)[] = [];
      const searchTokens: (string | null)[] = [];
      for (const row of writes) {
        if (row.search_same) {
          searchText.push(null);
          searchTokens.push(null);
        } else {
          const search = searchFields({ name: row.name!, instrumentName: row.instrument_name, instrumentModel: row.instrument_model, description: row.description });
          searchText.push(search.text);
          // Tokens hold only letters, digits and Han characters: joined by spaces they stay apart (string_to_array() splits them).
          searchTokens.push(search.tokens.join(' '));
        }
      }
      await tx.manager.query(MARKS_MOVED_HERE);
      const [counts] = (await tx.manager.query(
        `WITH w AS MATERIALIZED (
           SELECT w.row_number, w.service_id, CASE WHEN w.service_id IS NULL THEN gen_random_uuid() END AS new_id, w.search_text, w.search_tokens,
                  w.provider_id, w.region_code, l.service_code AS code, l.name, l.category, l.unit_price_fen::bigint AS unit_price_fen, l.unit,
                  l.lead_time_days::int AS lead_time_days, nullif(l.instrument_name, '') AS instrument_name,
                  nullif(l.instrument_model, '') AS instrument_model, nullif(l.description, '') AS description
             FROM unnest($2::int[], $3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::text[]) AS w(row_number, service_id, provider_id, region_code, search_text, search_tokens)
             JOIN catalog_import_lines l ON l.import_id = $1 AND l.row_number = w.row_number AND l.row_number > $8 AND l.row_number <= $9),
         -- A new service is recognised under every signed agreement that lists its provider without narrowing it to some services
         -- (a new service cannot be one of those): catalog_recognition_keys() for new ids, set-wise, so the trigger has nothing to do.
         rk AS (
           SELECT ap.provider_id, array_agg(ap.agreement_id::text ORDER BY ap.agreement_id) AS keys FROM recognition_agreement_providers ap
             JOIN recognition_agreements a ON a.id = ap.agreement_id AND a.status IN ${SIGNED_STATUSES}
            WHERE ap.provider_id IN (SELECT provider_id FROM w WHERE service_id IS NULL)
              AND NOT EXISTS (SELECT 1 FROM recognition_agreement_services x WHERE x.agreement_id = ap.agreement_id AND x.provider_id = ap.provider_id)
            GROUP BY ap.provider_id),
         ins AS (
           INSERT INTO catalog_services (id, provider_id, code, name, category, unit_price_fen, unit, lead_time_days, instrument_name, instrument_model,
                                         description, region_code, search_text, search_tokens, recognised_under)
           SELECT new_id, w.provider_id, code, name, category, unit_price_fen, unit, lead_time_days, instrument_name, instrument_model, description,
                  region_code, search_text, array_to_tsvector(string_to_array(search_tokens, ' ')), coalesce(rk.keys, '{}')
             FROM w LEFT JOIN rk ON rk.provider_id = w.provider_id WHERE service_id IS NULL
           RETURNING 1),
         upd AS (
           -- A service whose search text is kept must still have the searchable fields it was compared with.
           UPDATE catalog_services s
              SET name = w.name, category = w.category, unit_price_fen = w.unit_price_fen, unit = w.unit, lead_time_days = w.lead_time_days,
                  instrument_name = w.instrument_name, instrument_model = w.instrument_model, description = w.description,
                  search_text = coalesce(w.search_text, s.search_text),
                  search_tokens = CASE WHEN w.search_tokens IS NULL THEN s.search_tokens ELSE array_to_tsvector(string_to_array(w.search_tokens, ' ')) END,
                  status = 'active', withdrawn_at = NULL, version = s.version + 1, updated_at = now()
             FROM w
            WHERE s.id = w.service_id
              AND (w.search_text IS NOT NULL
                   OR (s.name, s.instrument_name, s.instrument_model, s.description) IS NOT DISTINCT FROM (w.name, w.instrument_name, w.instrument_model, w.description))
           RETURNING 1),
         moved AS (${MOVE_VERSIONS('w')}),
         changes AS (
           INSERT INTO catalog_import_changes (import_id, kind, service_id, row_number)
           SELECT $1, CASE WHEN service_id IS NULL THEN 'added' ELSE 'changed' END, coalesce(service_id, new_id), row_number FROM w
           RETURNING 1)
         SELECT (SELECT count(*) FROM ins)::int AS inserted, (SELECT count(*) FROM upd)::int AS updated, (SELECT count(*) FROM changes)::int AS recorded`,
        [imp.id, writes.map((r) => r.row_number), writes.map((r) => r.service_id), writes.map((r) => r.provider_id), writes.map((r) => r.region_code), searchText, searchTokens, after, through],
      )) as { inserted: number; updated: number; recorded: number }[];
      if (counts.inserted + counts.updated !== writes.length) throw new BatchRaced();
      ({ inserted, updated } = counts);
    }
    await this.markProviders(tx, imp, after, through);
    // UPDATE … RETURNING answers [rows, count] through TypeORM.
    const [moved] = (await tx.manager.query(
      `UPDATE catalog_imports SET merged_through = $3, rows_inserted = rows_inserted + $4, rows_updated = rows_updated + $5, rows_unchanged = rows_unchanged + $6,
              updated_at = now()
        WHERE id = $1 AND status = 'merging' AND merged_through = $2 RETURNING id`,
      [imp.id, after, through, inserted, updated, unchanged],
    )) as [{ id: string }[], number];
    if (moved.length !== 1) throw DomainError.conflict('The import moved on while this batch ran', { importId: imp.id, after });
    if (inserted + updated > 0) {
      tx.audit({
        action: 'catalog.import.batch_merged',
        subjectType: 'catalog_import',
        subjectId: imp.id,
        organizationId: imp.actorOrganizationId,
        regionCode: imp.regionCode,
        after: { rowsAfter: after, rowsThrough: through, inserted, updated, unchanged },
      });
    }
    return { inserted, updated, unchanged };
  }

  /**
   * Leaves a mark (catalog_provider_marks; docs/catalog-search.md, "Provider marks") for each provider whose one block
   * of the file ends in this batch, where the catalogue now holds exactly that block: every row valid and listed as a
   * service with the row's fields (every row compared, those of earlier batches too), and no other listed service.
   * One statement, so one snapshot: the version it records is the one that snapshot sees, which every change it saw
   * had moved (with this batch's own writes, MOVE_VERSIONS). A change committed after that snapshot moves the version
   * past the mark; one committed before it is in what the statement compared.
   */
  private async markProviders(tx: Transaction, imp: ImportToMerge, after: number, through: number): Promise<void> {
    await tx.manager.query(
      `WITH cand AS MATERIALIZED (
         SELECT b.first_row, b.last_row, b.rows, b.block_hash, ip.provider_id, coalesce(m.version, 0) AS version
           FROM catalog_import_blocks b
           JOIN catalog_import_providers ip ON ip.import_id = b.import_id AND ip.uscc = b.uscc AND ip.provider_id IS NOT NULL
           LEFT JOIN catalog_provider_marks m ON m.provider_id = ip.provider_id
          WHERE b.import_id = $1 AND b.single AND NOT b.skipped AND b.last_row > $2 AND b.last_row <= $3
            AND NOT EXISTS (SELECT 1 FROM catalog_import_errors e WHERE e.import_id = $1 AND e.row_number BETWEEN b.first_row AND b.last_row))
       INSERT INTO catalog_provider_marks AS m (provider_id, mark_hash, mark_version, mark_rows, mark_service_ids)
       SELECT c.provider_id, c.block_hash, c.version, c.rows, f.ids
         FROM cand c
         -- The block's rows, each with its service by its key (LATERAL … LIMIT 1, as the batch's comparison: never a scan of
         -- the catalogue), aggregated per block (no sort of the whole batch).
         CROSS JOIN LATERAL (
           SELECT count(*) AS lines, array_agg(s.id ORDER BY l.row_number) AS ids,
                  count(*) FILTER (WHERE s.status = 'active' AND (${SERVICE_FIELDS}) IS NOT DISTINCT FROM (${LINE_FIELDS})) AS same
             FROM catalog_import_lines l
             LEFT JOIN LATERAL (SELECT s.* FROM catalog_services s WHERE s.provider_id = c.provider_id AND s.code = l.service_code LIMIT 1) s ON true
            WHERE l.import_id = $1 AND l.row_number BETWEEN c.first_row AND c.last_row) f
         -- The provider's listed services, counted through its key index (a FILTER, so no partial index on status is ANDed in).
         CROSS JOIN LATERAL (SELECT count(*) FILTER (WHERE s.status = 'active') AS listed FROM catalog_services s WHERE s.provider_id = c.provider_id) x
        WHERE f.lines = c.rows AND f.same = c.rows AND x.listed = c.rows
        ORDER BY c.provider_id
       ON CONFLICT (provider_id) DO UPDATE
         SET mark_hash = excluded.mark_hash, mark_version = excluded.mark_version, mark_rows = excluded.mark_rows, mark_service_ids = excluded.mark_service_ids`,
      [imp.id, after, through],
    );
  }

  /**
   * withdrawMissing (下架): the listed services of the file's existing providers whose code the file
   * does not name at all (valid or not) are withdrawn, `limit` per transaction. Returns how many this
   * call withdrew; 0 means done. Orders already placed keep referring to a withdrawn service
   * (catalog.state.ts: withdraw is allowed from active).
   */
  async withdrawBatch(imp: ImportToMerge, limit: number): Promise<number> {
    return this.uow.run(async (tx) => {
      await tx.manager.query(MARKS_MOVED_HERE);
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
             FROM victims v WHERE s.id = v.id RETURNING s.id, s.provider_id),
         moved AS (${MOVE_VERSIONS('w')}),
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
