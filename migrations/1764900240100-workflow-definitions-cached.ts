import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Workflow definitions join the reference data cached in every process (src/platform/cache/reference-cache.ts):
 * the case engine reads a case's definition on every job, and a definition row never changes its stages
 * (publishing inserts a new version and only turns the old one's is_active off). Any UPDATE, DELETE or
 * TRUNCATE of the table NOTIFYs g60_reference_changed (reference_changed(), migration 1764900080000), which
 * drops the cache everywhere; an INSERT needs no notice, as nothing can have cached a row that did not exist.
 */
export class WorkflowDefinitionsCached1764900240100 implements MigrationInterface {
  name = 'WorkflowDefinitionsCached1764900240100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TRIGGER workflow_definitions_reference_changed AFTER UPDATE OR DELETE OR TRUNCATE ON workflow_definitions
                     FOR EACH STATEMENT EXECUTE FUNCTION reference_changed()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER workflow_definitions_reference_changed ON workflow_definitions`);
  }
}
