import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Provider marks: re-importing what a provider's catalogue already holds without staging it again (issue 17;
 * docs/catalog-search.md, "Provider marks"). Owner: catalog.
 * - `catalog_provider_marks`: per provider a `version`, moved by every write that adds, removes or changes what a
 *   file says of one of its services (row triggers on catalog_services; the import's merge moves it itself), and the
 *   mark a merge leaves: the fingerprint of the provider's one block of rows in the file (`mark_hash`), how many rows,
 *   its services in file order, and the version at which the catalogue held exactly those services with exactly those
 *   fields. A mark is good while `mark_version = version`.
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
    // Each row that adds, removes or changes a field a file sets, its status or its provider moves its provider's
    // version (an UPDATE of other columns, the search feed's or the recognition keys', is not even a call: the WHEN
    // clause). A row trigger, not a statement trigger with transition tables: those keep a copy of every row a statement
    // writes, search tokens and all, which made a new catalogue's merge a fifth to a third slower. The import's merge writes
    // thousands of rows a statement and moves the versions of their providers itself, set-wise, in the same statement
    // (catalog-import.merge.ts); it says so for its transaction with g60.catalog_marks_moved = 'on', and the triggers
    // leave its rows alone.
    await q.query(`
      CREATE FUNCTION catalog_provider_marks_move() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
          UPDATE catalog_provider_marks SET version = version + 1 WHERE provider_id = OLD.provider_id;
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') AND (TG_OP = 'INSERT' OR NEW.provider_id IS DISTINCT FROM OLD.provider_id) THEN
          INSERT INTO catalog_provider_marks AS m (provider_id, version) VALUES (NEW.provider_id, 1)
          ON CONFLICT (provider_id) DO UPDATE SET version = m.version + 1;
        END IF;
        RETURN NULL;
      END $$`);
    const byWriter = `current_setting('g60.catalog_marks_moved', true) IS DISTINCT FROM 'on'`;
    await q.query(`CREATE TRIGGER catalog_provider_marks_insert AFTER INSERT ON catalog_services
                     FOR EACH ROW WHEN (${byWriter}) EXECUTE FUNCTION catalog_provider_marks_move()`);
    await q.query(`CREATE TRIGGER catalog_provider_marks_update AFTER UPDATE ON catalog_services
                     FOR EACH ROW WHEN (${byWriter} AND
                       (NEW.provider_id, NEW.code, NEW.name, NEW.category, NEW.unit_price_fen, NEW.unit, NEW.lead_time_days, NEW.instrument_name,
                        NEW.instrument_model, NEW.description, NEW.status)
                       IS DISTINCT FROM
                       (OLD.provider_id, OLD.code, OLD.name, OLD.category, OLD.unit_price_fen, OLD.unit, OLD.lead_time_days, OLD.instrument_name,
                        OLD.instrument_model, OLD.description, OLD.status))
                     EXECUTE FUNCTION catalog_provider_marks_move()`);
    await q.query(`CREATE TRIGGER catalog_provider_marks_delete AFTER DELETE ON catalog_services
                     FOR EACH ROW WHEN (${byWriter}) EXECUTE FUNCTION catalog_provider_marks_move()`);
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
    await q.query(`DROP FUNCTION catalog_provider_marks_move()`);
    await q.query(`DROP TABLE catalog_provider_marks`);
  }
}
