import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Catalogue search that stops early (docs/catalog-search.md, "Order" and "Adaptive plan"). All three
 * indexes are expressions over columns every writer already fills (search_text, code), so the
 * import and the catalogue's own writes need no change, and existing rows are indexed as they are.
 *
 * - catalog_services_name_key_idx: the normalised name (search_text's first field), for exact name
 *   matches (tier 0).
 * - catalog_services_code_key_idx: the lower-cased item code, for exact code matches (tier 0).
 * - catalog_services_name_chars_idx: the normalised name's characters (GIN over text[]), which narrows
 *   the services whose name holds every keyword (tier 1) when they are too sparse to find by walking.
 */
export class CatalogSearchEarlyStop1764900090000 implements MigrationInterface {
  name = 'CatalogSearchEarlyStop1764900090000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX catalog_services_name_key_idx ON catalog_services (split_part(search_text, ' | ', 1)) WHERE status = 'active'`);
    await q.query(`CREATE INDEX catalog_services_code_key_idx ON catalog_services (lower(code)) WHERE status = 'active'`);
    await q.query(`CREATE INDEX catalog_services_name_chars_idx ON catalog_services USING gin (string_to_array(split_part(search_text, ' | ', 1), NULL)) WHERE status = 'active'`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const index of ['catalog_services_name_chars_idx', 'catalog_services_code_key_idx', 'catalog_services_name_key_idx']) {
      await q.query(`DROP INDEX IF EXISTS ${index}`);
    }
  }
}
