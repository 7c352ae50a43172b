import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Provider marks: re-importing what a provider's catalogue already holds without staging it again (issue 17;
 * docs/catalog-search.md, "Provider marks"). Owner: catalog.
 * - `catalog_provider_marks`: per provider a `version`, moved by every statement that adds, removes or changes what a
 *   file says of one of its services (statement triggers on catalog_services), and the mark a merge leaves: the
 *   fingerprint of the provider's one block of rows in the file (`mark_hash`), how many rows, its services in file
 *   order, and the version at which the catalogue held exactly those services with exactly those fields. A mark is
 *   good while `mark_version = version`.
 * - `catalog_import_blocks` (unlogged, like the staged lines): each run of consecutive rows of one USCC in an
 *   uploaded file, with its fingerprint; a block whose fingerprint matched a good mark was not staged (`skipped`).
 * - `catalog_imports.rows_skipped`: the rows of those blocks.
 * Existing data: every provider with services gets version 0 and no mark; the first import of a provider's block
 * leaves one.
 */
export class CatalogImportMarks1764900390000 implements MigrationInterface {
  name = 'CatalogImportMarks1764900390000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE catalog_provider_marks (
        provider_id       uuid PRIMARY KEY,
        version           bigint NOT NULL DEFAULT 0,
        mark_hash         bytea,
        mark_version      bigint,
        mark_rows         integer,
        mark_service_ids  uuid[],
        CONSTRAINT catalog_provider_marks_whole CHECK (
          (mark_hash IS NULL AND mark_version IS NULL AND mark_rows IS NULL AND mark_service_ids IS NULL)
          OR (mark_hash IS NOT NULL AND mark_version IS NOT NULL AND mark_rows > 0 AND cardinality(mark_service_ids) = mark_rows))
      )`);
    await q.query(`INSERT INTO catalog_provider_marks (provider_id) SELECT DISTINCT provider_id FROM catalog_services`);
    // One row per provider a statement touched, in provider order (two statements never wait for each other's rows in
    // opposite orders). An UPDATE counts only where a field a file sets, the status or the provider changed: the search
    // feed's and the recognition keys' own updates leave the marks alone.
    await q.query(`
      CREATE FUNCTION catalog_provider_marks_bump() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          INSERT INTO catalog_provider_marks AS m (provider_id, version)
          SELECT provider_id, 1 FROM (SELECT DISTINCT provider_id FROM new_rows) p ORDER BY provider_id
          ON CONFLICT (provider_id) DO UPDATE SET version = m.version + 1;
        ELSIF TG_OP = 'DELETE' THEN
          UPDATE catalog_provider_marks m SET version = m.version + 1
            FROM (SELECT DISTINCT provider_id FROM old_rows ORDER BY provider_id) p WHERE m.provider_id = p.provider_id;
        ELSE
          INSERT INTO catalog_provider_marks AS m (provider_id, version)
          SELECT provider_id, 1 FROM (
            SELECT n.provider_id FROM new_rows n JOIN old_rows o ON o.id = n.id
             WHERE (n.provider_id, n.code, n.name, n.category, n.unit_price_fen, n.unit, n.lead_time_days, n.instrument_name, n.instrument_model,
                    n.description, n.status)
                   IS DISTINCT FROM
                   (o.provider_id, o.code, o.name, o.category, o.unit_price_fen, o.unit, o.lead_time_days, o.instrument_name, o.instrument_model,
                    o.description, o.status)
            UNION
            SELECT o.provider_id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE n.provider_id IS DISTINCT FROM o.provider_id) p
          ORDER BY provider_id
          ON CONFLICT (provider_id) DO UPDATE SET version = m.version + 1;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER catalog_provider_marks_insert AFTER INSERT ON catalog_services
                     REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION catalog_provider_marks_bump()`);
    await q.query(`CREATE TRIGGER catalog_provider_marks_update AFTER UPDATE ON catalog_services
                     REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION catalog_provider_marks_bump()`);
    await q.query(`CREATE TRIGGER catalog_provider_marks_delete AFTER DELETE ON catalog_services
                     REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION catalog_provider_marks_bump()`);
    await q.query(`
      CREATE UNLOGGED TABLE catalog_import_blocks (
        import_id    uuid NOT NULL,
        first_row    integer NOT NULL,
        last_row     integer NOT NULL,
        uscc         text NOT NULL,
        rows         integer NOT NULL CHECK (rows > 0),
        block_hash   bytea NOT NULL,
        single       boolean NOT NULL,
        skipped      boolean NOT NULL,
        provider_id  uuid,
        row_numbers  integer[],
        service_ids  uuid[],
        PRIMARY KEY (import_id, first_row),
        CONSTRAINT catalog_import_blocks_skipped CHECK (
          NOT skipped OR (single AND provider_id IS NOT NULL AND cardinality(row_numbers) = rows AND cardinality(service_ids) = rows))
      )`);
    await q.query(`ALTER TABLE catalog_imports ADD COLUMN rows_skipped integer NOT NULL DEFAULT 0`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE catalog_imports DROP COLUMN rows_skipped`);
    await q.query(`DROP TABLE catalog_import_blocks`);
    await q.query(`DROP TRIGGER catalog_provider_marks_insert ON catalog_services`);
    await q.query(`DROP TRIGGER catalog_provider_marks_update ON catalog_services`);
    await q.query(`DROP TRIGGER catalog_provider_marks_delete ON catalog_services`);
    await q.query(`DROP FUNCTION catalog_provider_marks_bump()`);
    await q.query(`DROP TABLE catalog_provider_marks`);
  }
}
