import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The staged file without search text and tokens (issue 17, docs/catalog-search.md, "Bulk import"):
 * the upload built them for every row, ~17 µs a row in the API process, and an unchanged row never
 * used them. The merge now builds them (searchFields(), as every single write) for the rows it adds
 * or changes, in the batch's transaction. Imports staged before the upgrade merge the same way: the
 * columns it drops held nothing the merge still reads.
 */
export class CatalogImportTokensAtMerge1764900290000 implements MigrationInterface {
  name = 'CatalogImportTokensAtMerge1764900290000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE catalog_import_lines DROP COLUMN search_text, DROP COLUMN search_tokens`);
  }

  async down(q: QueryRunner): Promise<void> {
    // The old merge reads search text and tokens from the staged rows, which rows staged since the upgrade lack: unfinished imports fail first.
    await q.query(`UPDATE catalog_imports SET status = 'failed', error_message = 'interrupted by a downgrade', finished_at = now()
                    WHERE status IN ('uploading', 'queued', 'validating', 'merging')`);
    await q.query(`TRUNCATE catalog_import_lines`);
    await q.query(`ALTER TABLE catalog_import_lines ADD COLUMN search_text text NOT NULL DEFAULT '', ADD COLUMN search_tokens text NOT NULL DEFAULT ''`);
    await q.query(`ALTER TABLE catalog_import_lines ALTER COLUMN search_text DROP DEFAULT, ALTER COLUMN search_tokens DROP DEFAULT`);
  }
}
