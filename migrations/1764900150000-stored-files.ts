import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Shared file storage (issue 20, "No state in a process"; docs/architecture.md, "Files"). Owner: platform (files).
 *
 * stored_files holds the files of FILE_STORAGE=postgres (the embedded default), one row per key. Pitch decks are its
 * first users (keys `decks/<project>/<uuid>.<ext>`); any API process reads what any other wrote.
 *
 * bytea rather than large objects: a file is at most DECK_MAX_BYTES (20 MiB), far below bytea's 1 GB; a row goes
 * with its transaction, its backup (pg_dump without --blobs) and its DELETE, where a large object needs lo_unlink
 * or vacuumlo to not leak and its own grants. STORAGE EXTERNAL keeps the value uncompressed in TOAST, so
 * `substring(content FROM n FOR m)` reads only the chunks it needs (the store streams a file in 1 MiB reads) and
 * PostgreSQL does not try to compress PDFs and PPTX files, which are compressed already.
 *
 * Existing data: decks on a host's disk (`<EMBEDDED_DATA_DIR>/decks`) move in at start-up or with
 * `npm run files:migrate` (src/modules/roadshows/projects/deck-disk-migration.ts), not here: the migration may
 * run on a host that does not have them.
 */
export class StoredFiles1764900150000 implements MigrationInterface {
  name = 'StoredFiles1764900150000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE stored_files (
        key          text PRIMARY KEY CHECK (key ~ '^[a-z][a-z0-9-]*(/[A-Za-z0-9._-]+)+$' AND key !~ '\\.\\.'),
        content      bytea NOT NULL,
        size_bytes   bigint NOT NULL CHECK (size_bytes = octet_length(content)),
        sha256       text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        content_type text NOT NULL,
        created_at   timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`ALTER TABLE stored_files ALTER COLUMN content SET STORAGE EXTERNAL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE stored_files`);
  }
}
