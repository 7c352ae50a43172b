import { MigrationInterface, QueryRunner } from 'typeorm';
import { RECOGNITION_KEYS_V1 } from './1764900360000-catalog-recognition-keys';

/** The statuses an agreement can count in (recognition.service.ts, inForce()): both sides have signed it. */
const SIGNED = `('in_force', 'superseded', 'terminated')`;

/**
 * The search's copy of the agreement lists holds signed agreements only (owner: catalog; docs/catalog-search.md,
 * "recognisedOnly in the index").
 * - `catalog_recognition_keys(service, provider)` leaves out agreements no side can count yet (draft, partially signed,
 *   withdrawn). A draft's list edits no longer rewrite the services they name; the second signature writes the copy
 *   once, under a table lock that waits for every catalogue writer in flight (agreement-signatures.service.ts).
 *   Before, every list edit of a draft rewrote the services it named (an amendment all of them, when its draft copied the
 *   lists), and the signature then recomputed every one of them without writing.
 * - `recognition_lists_changed()` recomputes only for list rows of signed agreements (the lists of a signed agreement do
 *   not change through the API; a row deleted by hand still counts), and for a draft's edits does not touch the catalogue.
 * - `catalog_recognition_refresh(providers)` reads each service once (it joined the table with itself).
 * - Existing data: the copy is worked out again for every listed provider, dropping the ids of unsigned agreements.
 */
export class CatalogRecognitionSignedOnly1764900370000 implements MigrationInterface {
  name = 'CatalogRecognitionSignedOnly1764900370000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE OR REPLACE FUNCTION catalog_recognition_keys(service uuid, provider uuid) RETURNS text[] LANGUAGE sql STABLE AS $$
      SELECT coalesce(array_agg(ap.agreement_id::text ORDER BY ap.agreement_id), '{}')
        FROM recognition_agreement_providers ap
        JOIN recognition_agreements a ON a.id = ap.agreement_id AND a.status IN ${SIGNED}
       WHERE ap.provider_id = provider
         AND (NOT EXISTS (SELECT 1 FROM recognition_agreement_services x WHERE x.agreement_id = ap.agreement_id AND x.provider_id = provider)
              OR EXISTS (SELECT 1 FROM recognition_agreement_services x WHERE x.agreement_id = ap.agreement_id AND x.service_id = service))
    $$`);
    await q.query(`CREATE OR REPLACE FUNCTION catalog_recognition_refresh(providers uuid[]) RETURNS integer LANGUAGE plpgsql AS $$
      DECLARE changed integer;
      BEGIN
        UPDATE catalog_services s SET recognised_under = catalog_recognition_keys(s.id, s.provider_id)
         WHERE s.provider_id = ANY(providers) AND s.recognised_under IS DISTINCT FROM catalog_recognition_keys(s.id, s.provider_id);
        GET DIAGNOSTICS changed = ROW_COUNT;
        RETURN changed;
      END $$`);
    // A draft's list edit does not touch catalog_services at all (no row, no lock: it never waits for a signature's).
    await q.query(`CREATE OR REPLACE FUNCTION recognition_lists_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE providers uuid[];
      BEGIN
        providers := ARRAY(SELECT DISTINCT c.provider_id FROM changed c JOIN recognition_agreements a ON a.id = c.agreement_id AND a.status IN ${SIGNED});
        IF cardinality(providers) > 0 THEN PERFORM catalog_recognition_refresh(providers); END IF;
        RETURN NULL;
      END $$`);
    await q.query(`COMMENT ON COLUMN catalog_services.recognised_under IS
      'Ids of the signed recognition agreements (in force, superseded or terminated) whose lists cover this service; NULL means none. Kept by triggers and the second signature: catalog_recognition_keys()'`);
    await refreshListed(q);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const sql of [RECOGNITION_KEYS_V1.keys, RECOGNITION_KEYS_V1.refresh, RECOGNITION_KEYS_V1.listsChanged, RECOGNITION_KEYS_V1.comment]) await q.query(sql);
    await refreshListed(q);
  }
}

/** The copy worked out again for the services of every listed provider. */
async function refreshListed(q: QueryRunner): Promise<void> {
  await q.query(`SELECT catalog_recognition_refresh(ARRAY(SELECT DISTINCT provider_id FROM recognition_agreement_providers))`);
}
