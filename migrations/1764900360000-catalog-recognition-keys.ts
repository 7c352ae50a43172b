import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Recognition inside the keyword index (owner: catalog; docs/catalog-search.md, "recognisedOnly in the index").
 * - `catalog_services.recognised_under`: the ids (as text) of the recognition agreements whose lists cover the
 *   service, whatever their status or days: the agreement lists its provider and either no service of that provider
 *   or this one. NULL is the same as none (rows of providers no agreement lists are not rewritten here).
 * - `catalog_recognition_keys(service, provider)`: that list, computed from the agreement tables; the one definition.
 * - Kept true by triggers: a service inserted without it (or moved to another provider) gets it computed; a change to
 *   an agreement's provider or service list recomputes it for every service of the providers concerned.
 * - The keyword index becomes GIN (search_tokens, region_code || recognised_under): a recognisedOnly search asks for
 *   rows holding the keyword and one of "a local region, or an agreement in force today" in one index scan, and reads
 *   only those rows, instead of every row holding the keyword. Which agreements are in force stays a question asked
 *   at search time (the days are not materialised), so nothing goes stale at midnight.
 */
/** This migration's functions, also what migration 1764900370000 puts back when it is reverted. */
export const RECOGNITION_KEYS_V1 = {
  keys: `CREATE OR REPLACE FUNCTION catalog_recognition_keys(service uuid, provider uuid) RETURNS text[] LANGUAGE sql STABLE AS $$
      SELECT coalesce(array_agg(ap.agreement_id::text ORDER BY ap.agreement_id), '{}')
        FROM recognition_agreement_providers ap
       WHERE ap.provider_id = provider
         AND (NOT EXISTS (SELECT 1 FROM recognition_agreement_services x WHERE x.agreement_id = ap.agreement_id AND x.provider_id = provider)
              OR EXISTS (SELECT 1 FROM recognition_agreement_services x WHERE x.agreement_id = ap.agreement_id AND x.service_id = service))
    $$`,
  // Every service of these providers whose list differs from what the agreement tables say now.
  refresh: `CREATE OR REPLACE FUNCTION catalog_recognition_refresh(providers uuid[]) RETURNS integer LANGUAGE plpgsql AS $$
      DECLARE changed integer;
      BEGIN
        UPDATE catalog_services s SET recognised_under = k.keys
          FROM (SELECT c.id, catalog_recognition_keys(c.id, c.provider_id) AS keys FROM catalog_services c WHERE c.provider_id = ANY(providers)) k
         WHERE s.id = k.id AND s.recognised_under IS DISTINCT FROM k.keys;
        GET DIAGNOSTICS changed = ROW_COUNT;
        RETURN changed;
      END $$`,
  listsChanged: `CREATE OR REPLACE FUNCTION recognition_lists_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM catalog_recognition_refresh(ARRAY(SELECT DISTINCT provider_id FROM changed));
        RETURN NULL;
      END $$`,
  comment: `COMMENT ON COLUMN catalog_services.recognised_under IS
      'Ids of the recognition agreements whose lists cover this service (any status); NULL means none. Kept by triggers: catalog_recognition_keys()'`,
};

export class CatalogRecognitionKeys1764900360000 implements MigrationInterface {
  name = 'CatalogRecognitionKeys1764900360000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE catalog_services ADD COLUMN recognised_under text[]`);
    await q.query(RECOGNITION_KEYS_V1.comment);
    await q.query(RECOGNITION_KEYS_V1.keys);
    await q.query(RECOGNITION_KEYS_V1.refresh);
    await q.query(`CREATE FUNCTION catalog_services_recognition() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          -- A writer that computed the list itself (the import's merge, set-wise) passes it; NULL means "work it out".
          IF NEW.recognised_under IS NULL THEN NEW.recognised_under := catalog_recognition_keys(NEW.id, NEW.provider_id); END IF;
        ELSIF NEW.provider_id IS DISTINCT FROM OLD.provider_id THEN
          NEW.recognised_under := catalog_recognition_keys(NEW.id, NEW.provider_id);
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER catalog_services_recognition BEFORE INSERT OR UPDATE OF provider_id ON catalog_services
      FOR EACH ROW EXECUTE FUNCTION catalog_services_recognition()`);
    await q.query(RECOGNITION_KEYS_V1.listsChanged);
    for (const table of ['recognition_agreement_providers', 'recognition_agreement_services']) {
      for (const [event, transition] of [['INSERT', 'NEW'], ['DELETE', 'OLD']] as const) {
        await q.query(`CREATE TRIGGER ${table}_${event.toLowerCase()}_recognition AFTER ${event} ON ${table}
          REFERENCING ${transition} TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION recognition_lists_changed()`);
      }
    }
    // Existing data: the services of every listed provider (the others keep NULL, which means none).
    await q.query(`SELECT catalog_recognition_refresh(ARRAY(SELECT DISTINCT provider_id FROM recognition_agreement_providers))`);
    await q.query(`DROP INDEX catalog_services_search_idx`);
    await q.query(`CREATE INDEX catalog_services_search_idx ON catalog_services USING gin (search_tokens, (region_code || recognised_under))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX catalog_services_search_idx`);
    await q.query(`CREATE INDEX catalog_services_search_idx ON catalog_services USING gin (search_tokens)`);
    for (const table of ['recognition_agreement_providers', 'recognition_agreement_services']) {
      for (const event of ['insert', 'delete']) await q.query(`DROP TRIGGER ${table}_${event}_recognition ON ${table}`);
    }
    await q.query(`DROP FUNCTION recognition_lists_changed()`);
    await q.query(`DROP TRIGGER catalog_services_recognition ON catalog_services`);
    await q.query(`DROP FUNCTION catalog_services_recognition()`);
    await q.query(`DROP FUNCTION catalog_recognition_refresh(uuid[])`);
    await q.query(`DROP FUNCTION catalog_recognition_keys(uuid, uuid)`);
    await q.query(`ALTER TABLE catalog_services DROP COLUMN recognised_under`);
  }
}
