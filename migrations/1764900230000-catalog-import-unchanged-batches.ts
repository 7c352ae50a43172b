import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The services an import found unchanged, one row per merge batch instead of one per service
 * (issue 17, docs/catalog-search.md, "Import"): re-importing an unchanged catalogue of 200,000
 * services wrote 200,000 rows into catalog_import_changes (and its primary key) for a list the page
 * shows 100 at a time. catalog_import_unchanged holds each batch's service ids and row numbers as two
 * arrays in file order; the API pages through them by the batches' running counts.
 * catalog_import_changes keeps added, changed and withdrawn, one row each (they are written anyway).
 */
export class CatalogImportUnchangedBatches1764900230000 implements MigrationInterface {
  name = 'CatalogImportUnchangedBatches1764900230000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE catalog_import_unchanged (
        import_id    uuid NOT NULL REFERENCES catalog_imports (id) ON DELETE CASCADE,
        first_row    integer NOT NULL,
        services     integer NOT NULL CHECK (services > 0),
        service_ids  uuid[] NOT NULL,
        row_numbers  integer[] NOT NULL,
        PRIMARY KEY (import_id, first_row),
        CONSTRAINT catalog_import_unchanged_lengths CHECK (cardinality(service_ids) = services AND cardinality(row_numbers) = services)
      )`);
    await q.query(`
      INSERT INTO catalog_import_unchanged (import_id, first_row, services, service_ids, row_numbers)
      SELECT import_id, min(row_number), count(*), array_agg(service_id ORDER BY row_number), array_agg(row_number ORDER BY row_number)
        FROM catalog_import_changes WHERE kind = 'unchanged' GROUP BY import_id`);
    await q.query(`DELETE FROM catalog_import_changes WHERE kind = 'unchanged'`);
    await q.query(`ALTER TABLE catalog_import_changes DROP CONSTRAINT catalog_import_changes_kind_check`);
    await q.query(`ALTER TABLE catalog_import_changes ADD CONSTRAINT catalog_import_changes_kind_check CHECK (kind IN ('added', 'changed', 'withdrawn'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE catalog_import_changes DROP CONSTRAINT catalog_import_changes_kind_check`);
    await q.query(`ALTER TABLE catalog_import_changes ADD CONSTRAINT catalog_import_changes_kind_check CHECK (kind IN ('added', 'changed', 'withdrawn', 'unchanged'))`);
    await q.query(`
      INSERT INTO catalog_import_changes (import_id, kind, service_id, row_number)
      SELECT u.import_id, 'unchanged', s.service_id, s.row_number
        FROM catalog_import_unchanged u CROSS JOIN LATERAL unnest(u.service_ids, u.row_numbers) AS s(service_id, row_number)`);
    await q.query(`DROP TABLE catalog_import_unchanged`);
  }
}
