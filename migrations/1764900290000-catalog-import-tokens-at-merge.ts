import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The staged file without search text and tokens (issue 17, docs/catalog-search.md, "Bulk import"):
 * the upload built them for every row, ~17 µs a row in the API process, and an unchanged row never
 * used them. The merge now builds them (searchFields(), as every single write) for the rows it adds
 * or changes, in the batch's transaction. Imports staged before the upgrade merge the same way: the
 * columns it drops held nothing the merge still reads.
 *
 * Statistics of 10 on every column of the staging table: the import job ANALYZEs it after each
 * upload (the planner otherwise sees the rows of the previous import, or none, and once joined a
 * batch to the providers in a nested loop over the whole file: minutes instead of seconds), and a
 * sample of 3,000 rows (300 × 10) takes about 40 ms at 200,000 staged rows instead of 0.5–0.7 s.
 */
const STAGED_COLUMNS = [
  'import_id', 'row_number', 'field_count', 'nul_columns', 'provider_uscc', 'provider_name', 'service_code', 'name', 'category', 'unit_price_fen', 'unit',
  'lead_time_days', 'instrument_name', 'instrument_model', 'description',
];

export class CatalogImportTokensAtMerge1764900290000 implements MigrationInterface {
  name = 'CatalogImportTokensAtMerge1764900290000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE catalog_import_lines DROP COLUMN search_text, DROP COLUMN search_tokens`);
    await q.query(`ALTER TABLE catalog_import_lines ${STAGED_COLUMNS.map((c) => `ALTER COLUMN ${c} SET STATISTICS 10`).join(', ')}`);
    await q.query(`ALTER TABLE catalog_import_providers ALTER COLUMN uscc SET STATISTICS 10, ALTER COLUMN import_id SET STATISTICS 10`);
  }

  async down(q: QueryRunner): Promise<void> {
    // The old merge reads search text and tokens from the staged rows, which rows staged since the upgrade lack: unfinished imports fail first.
    await q.query(`UPDATE catalog_imports SET status = 'failed', error_message = 'interrupted by a downgrade', finished_at = now()
                    WHERE status IN ('uploading', 'queued', 'validating', 'merging')`);
    await q.query(`TRUNCATE catalog_import_lines`);
    await q.query(`ALTER TABLE catalog_import_lines ${STAGED_COLUMNS.map((c) => `ALTER COLUMN ${c} SET STATISTICS -1`).join(', ')}`);
    await q.query(`ALTER TABLE catalog_import_providers ALTER COLUMN uscc SET STATISTICS -1, ALTER COLUMN import_id SET STATISTICS -1`);
    await q.query(`ALTER TABLE catalog_import_lines ADD COLUMN search_text text NOT NULL DEFAULT '', ADD COLUMN search_tokens text NOT NULL DEFAULT ''`);
    await q.query(`ALTER TABLE catalog_import_lines ALTER COLUMN search_text DROP DEFAULT, ALTER COLUMN search_tokens DROP DEFAULT`);
  }
}
