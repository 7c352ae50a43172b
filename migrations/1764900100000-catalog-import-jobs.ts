import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Catalogue imports as queue jobs (issue 17; docs/catalog-search.md, "Import"):
 *
 * - catalog_import_lines (unlogged staging): the uploaded file as the API received it, one row per
 *   record with its raw, trimmed text fields, plus the search text and tokens the upload's streaming
 *   pass built with the same TypeScript as every other write (search-tokens.ts; the tokens joined
 *   by spaces, which no token contains). Validation and
 *   merge are set-wise SQL over it in a worker. Replaces catalog_import_rows (validated rows only).
 * - catalog_import_providers: the USCCs a file names, resolved once (their format problem, and the
 *   provider: existing, or a new one a partner import creates, with the id chosen at validation), so
 *   validation checks each USCC once and every merge batch joins them.
 * - catalog_import_changes: what an import did to each service: added, changed, withdrawn or unchanged.
 * - catalog_imports: status is now the phase (uploading → queued → validating → merging → completed,
 *   or rejected / failed), plus the options (invalid_rows, withdraw_missing), the resume cursor
 *   of the batched merge (merged_through) and the unchanged / withdrawn counts.
 * - uscc_problem(): the GB 32100-2015 check of packages/shared/uscc.ts in SQL, for set-wise validation.
 *
 * Imports still running under the old code (status 'running') cannot be resumed: they become failed.
 */
export class CatalogImportJobs1764900100000 implements MigrationInterface {
  name = 'CatalogImportJobs1764900100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS catalog_import_rows`);
    await q.query(`UPDATE catalog_imports SET status = 'failed', error_message = coalesce(error_message, 'interrupted by an upgrade'), finished_at = coalesce(finished_at, now())
                    WHERE status = 'running'`);
    await q.query(`ALTER TABLE catalog_imports DROP CONSTRAINT catalog_imports_status_check`);
    await q.query(`ALTER TABLE catalog_imports DROP CONSTRAINT catalog_imports_counts`);
    await q.query(`
      ALTER TABLE catalog_imports
        ALTER COLUMN status SET DEFAULT 'uploading',
        ADD CONSTRAINT catalog_imports_status_check
          CHECK (status IN ('uploading', 'queued', 'validating', 'merging', 'completed', 'rejected', 'failed')),
        ADD CONSTRAINT catalog_imports_counts CHECK (rows_valid + rows_invalid <= rows_total),
        ADD COLUMN format            text NOT NULL DEFAULT 'csv' CHECK (format IN ('csv', 'xlsx')),
        ADD COLUMN invalid_rows      text NOT NULL DEFAULT 'reject' CHECK (invalid_rows IN ('reject', 'skip')),
        ADD COLUMN withdraw_missing  boolean NOT NULL DEFAULT false,
        ADD COLUMN actor_region_scope text[] NOT NULL DEFAULT '{}',
        ADD COLUMN header_fields     integer,
        ADD COLUMN rows_unchanged    integer NOT NULL DEFAULT 0,
        ADD COLUMN rows_withdrawn    integer NOT NULL DEFAULT 0,
        ADD COLUMN merged_through    integer NOT NULL DEFAULT 1`);
    await q.query(`DROP INDEX IF EXISTS catalog_imports_running_idx`);
    await q.query(`CREATE INDEX catalog_imports_unfinished_idx ON catalog_imports (updated_at) WHERE status IN ('uploading', 'queued', 'validating', 'merging')`);

    // Unlogged and keyed only by (import, row): COPY stays fast; a PostgreSQL crash loses only unfinished uploads.
    await q.query(`
      CREATE UNLOGGED TABLE catalog_import_lines (
        import_id         uuid NOT NULL,
        row_number        integer NOT NULL,
        field_count       integer NOT NULL,
        nul_columns       text[],
        provider_uscc     text NOT NULL,
        provider_name     text NOT NULL,
        service_code      text NOT NULL,
        name              text NOT NULL,
        category          text NOT NULL,
        unit_price_fen    text NOT NULL,
        unit              text NOT NULL,
        lead_time_days    text NOT NULL,
        instrument_name   text NOT NULL,
        instrument_model  text NOT NULL,
        description       text NOT NULL,
        search_text       text NOT NULL,
        search_tokens     text NOT NULL,
        PRIMARY KEY (import_id, row_number)
      )`);
    await q.query(`
      CREATE TABLE catalog_import_providers (
        import_id         uuid NOT NULL REFERENCES catalog_imports (id) ON DELETE CASCADE,
        uscc              text NOT NULL,
        uscc_problem      text,
        provider_id       uuid,
        name              text NOT NULL,
        kind              text,
        region_code       text NOT NULL,
        admission_status  text,
        is_new            boolean NOT NULL,
        new_rank          integer,
        PRIMARY KEY (import_id, uscc)
      )`);
    await q.query(`
      CREATE TABLE catalog_import_changes (
        import_id   uuid NOT NULL REFERENCES catalog_imports (id) ON DELETE CASCADE,
        kind        text NOT NULL CHECK (kind IN ('added', 'changed', 'withdrawn', 'unchanged')),
        service_id  uuid NOT NULL,
        row_number  integer,
        PRIMARY KEY (import_id, kind, service_id)
      )`);

    await q.query(`
      CREATE FUNCTION uscc_problem(code text) RETURNS text LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
      DECLARE
        charset constant text := '0123456789ABCDEFGHJKLMNPQRTUWXY';
        weights constant int[] := ARRAY[1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
        total int := 0;
        c int;
      BEGIN
        IF char_length(code) <> 18 THEN RETURN 'length'; END IF;
        IF code !~ '^[0-9A-HJ-NPQRTUWXY]{18}$' THEN
          IF code <> upper(code) AND upper(code) ~ '^[0-9A-HJ-NPQRTUWXY]{18}$' THEN RETURN 'lowercase'; END IF;
          RETURN 'charset';
        END IF;
        FOR i IN 1..17 LOOP
          total := total + (strpos(charset, substr(code, i, 1)) - 1) * weights[i];
        END LOOP;
        c := 31 - total % 31;
        IF c = 31 THEN c := 0; END IF;
        RETURN CASE WHEN substr(charset, c + 1, 1) = substr(code, 18, 1) THEN NULL ELSE 'check_character' END;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION IF EXISTS uscc_problem(text)`);
    await q.query(`DROP TABLE IF EXISTS catalog_import_changes`);
    await q.query(`DROP TABLE IF EXISTS catalog_import_providers`);
    await q.query(`DROP TABLE IF EXISTS catalog_import_lines`);
    await q.query(`UPDATE catalog_imports SET status = 'failed' WHERE status NOT IN ('completed', 'failed')`);
    await q.query(`DROP INDEX IF EXISTS catalog_imports_unfinished_idx`);
    await q.query(`
      ALTER TABLE catalog_imports
        DROP CONSTRAINT catalog_imports_status_check,
        DROP CONSTRAINT catalog_imports_counts,
        DROP COLUMN format, DROP COLUMN invalid_rows, DROP COLUMN withdraw_missing, DROP COLUMN actor_region_scope,
        DROP COLUMN header_fields, DROP COLUMN rows_unchanged, DROP COLUMN rows_withdrawn, DROP COLUMN merged_through,
        ALTER COLUMN status SET DEFAULT 'running'`);
    await q.query(`UPDATE catalog_imports SET rows_valid = rows_total - rows_invalid WHERE rows_valid + rows_invalid <> rows_total`);
    await q.query(`ALTER TABLE catalog_imports ADD CONSTRAINT catalog_imports_status_check CHECK (status IN ('running', 'completed', 'failed'))`);
    await q.query(`ALTER TABLE catalog_imports ADD CONSTRAINT catalog_imports_counts CHECK (rows_valid + rows_invalid = rows_total)`);
    await q.query(`CREATE INDEX catalog_imports_running_idx ON catalog_imports (updated_at) WHERE status = 'running'`);
    await q.query(`
      CREATE UNLOGGED TABLE catalog_import_rows (
        import_id uuid NOT NULL, row_number integer NOT NULL, provider_id uuid NOT NULL, region_code text NOT NULL, service_code text NOT NULL,
        name text NOT NULL, category text NOT NULL, unit_price_fen bigint NOT NULL, unit text NOT NULL, lead_time_days integer NOT NULL,
        instrument_name text, instrument_model text, description text, search_text text NOT NULL, search_tokens text[] NOT NULL)`);
  }
}
