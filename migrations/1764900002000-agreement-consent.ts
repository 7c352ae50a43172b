import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Recognition agreements (互认协议) bind only with both regions' consent (docs/security.md,
 * "Recognition agreements"). Each row of recognition_agreements is now one VERSION of an agreement:
 *
 * - lifecycle `draft → partially_signed → in_force → superseded | terminated` (or `withdrawn`);
 * - `terms_hash` fingerprints the exact terms (regions, name, period, ratio, cap, providers,
 *   services); a signature names the hash it signed, so editing the terms voids it;
 * - amendments are new rows of the same lineage; when one comes into force its predecessor gets
 *   `superseded_on` (its first day no longer in force) in the same transaction;
 * - an exclusion constraint keeps at most one version in force per issuing region, partner
 *   region and day, over every version that ever came into force (in force, superseded,
 *   terminated), so even a past day has one answer.
 *
 * Existing rows were created under the old rules (one side alone) and quotes already follow them:
 * they become versions in force (terminated ones stay terminated), marked `migrated`, without
 * signatures. Overlaps are resolved the way quotes resolved them ("the one that started last wins"):
 * in priority order (effective_from DESC, created_at DESC, id) each row keeps the days before the
 * first day a higher-priority row of the same pair took; it is then superseded from that day, or
 * withdrawn when that day is its first day. (A lower-priority row loses any days after a
 * higher-priority row's end; the old query would have used it again there.)
 */
export class AgreementConsent1764900002000 implements MigrationInterface {
  name = 'AgreementConsent1764900002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);

    await q.query(`ALTER TABLE recognition_agreements DROP CONSTRAINT IF EXISTS recognition_agreements_status_check`);
    await q.query(`ALTER TABLE recognition_agreements DROP CONSTRAINT recognition_agreements_terminated`);
    await q.query(`UPDATE recognition_agreements SET status = 'in_force' WHERE status = 'active'`);
    await q.query(`
      ALTER TABLE recognition_agreements
        ALTER COLUMN status SET DEFAULT 'draft',
        ADD COLUMN lineage_id     uuid REFERENCES recognition_agreements (id),
        ADD COLUMN version_no     integer NOT NULL DEFAULT 1 CHECK (version_no >= 1),
        ADD COLUMN supersedes_id  uuid REFERENCES recognition_agreements (id),
        ADD COLUMN superseded_on  date,
        ADD COLUMN in_force_since timestamptz,
        ADD COLUMN migrated       boolean NOT NULL DEFAULT false,
        ADD COLUMN terms_hash     text`);
    await q.query(`UPDATE recognition_agreements SET lineage_id = id, migrated = true, in_force_since = created_at`);
    await q.query(`ALTER TABLE recognition_agreements ALTER COLUMN lineage_id SET NOT NULL`);
    await q.query(`
      ALTER TABLE recognition_agreements
        ADD CONSTRAINT recognition_agreements_status_check
          CHECK (status IN ('draft', 'partially_signed', 'in_force', 'superseded', 'terminated', 'withdrawn')),
        ADD CONSTRAINT recognition_agreements_terminated CHECK ((status = 'terminated') = (terminated_on IS NOT NULL)),
        ADD CONSTRAINT recognition_agreements_superseded CHECK ((status = 'superseded') = (superseded_on IS NOT NULL)),
        ADD CONSTRAINT recognition_agreements_lineage_version UNIQUE (lineage_id, version_no)`);

    // The days a version is in force: [effective_from, first day ended by effective_to, termination
    // or supersession). Empty when it ended before it began. IMMUTABLE so the constraint can use it.
    await q.query(`
      CREATE FUNCTION recognition_agreement_days(from_day date, to_day date, terminated_on date, superseded_on date)
      RETURNS daterange LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT CASE
          WHEN to_day IS NULL AND terminated_on IS NULL AND superseded_on IS NULL THEN daterange(from_day, NULL, '[)')
          ELSE daterange(from_day, GREATEST(from_day, LEAST(to_day + 1, terminated_on, superseded_on)), '[)')
        END
      $$`);

    // The exact terms both sides sign, as one fingerprint. Dates as ISO text, id lists sorted.
    await q.query(`
      CREATE FUNCTION recognition_agreement_terms_hash(agreement uuid)
      RETURNS text LANGUAGE sql STABLE AS $$
        SELECT encode(sha256(convert_to(concat_ws('|',
                 a.issuing_region_code, a.partner_region_code, a.name,
                 to_char(a.effective_from, 'YYYY-MM-DD'), COALESCE(to_char(a.effective_to, 'YYYY-MM-DD'), '-'),
                 COALESCE(a.ratio_override_bp::text, '-'), COALESCE(a.per_order_cap_fen::text, '-'),
                 COALESCE((SELECT string_agg(p.provider_id::text, ',' ORDER BY p.provider_id) FROM recognition_agreement_providers p WHERE p.agreement_id = a.id), ''),
                 COALESCE((SELECT string_agg(s.service_id::text, ',' ORDER BY s.service_id) FROM recognition_agreement_services s WHERE s.agreement_id = a.id), '')
               ), 'UTF8')), 'hex')
          FROM recognition_agreements a WHERE a.id = agreement
      $$`);

    // Overlaps among existing rows, resolved as described above (deterministic order).
    const rows = (await q.query(
      `SELECT id, issuing_region_code, partner_region_code, to_char(effective_from, 'YYYY-MM-DD') AS from_day,
              to_char(lower(r), 'YYYY-MM-DD') AS lo, to_char(upper(r), 'YYYY-MM-DD') AS hi, status
         FROM (SELECT a.*, recognition_agreement_days(effective_from, effective_to, terminated_on, NULL) AS r FROM recognition_agreements a) x
        ORDER BY issuing_region_code, partner_region_code, effective_from DESC, created_at DESC, id`,
    )) as { id: string; issuing_region_code: string; partner_region_code: string; from_day: string; lo: string | null; hi: string | null; status: string }[];
    const taken = new Map<string, { lo: string; hi: string | null }[]>();
    for (const row of rows) {
      const pair = `${row.issuing_region_code}>${row.partner_region_code}`;
      const ranges = taken.get(pair) ?? [];
      taken.set(pair, ranges);
      const { lo, hi } = row;
      if (lo === null) continue; // empty range (terminated before it began): overlaps nothing
      // Higher-priority rows start on or after this one: the first that overlaps cuts it off.
      const cut = ranges.filter((r) => (hi === null || r.lo < hi) && (r.hi === null || r.hi > lo)).map((r) => r.lo).sort()[0];
      if (cut === undefined) {
        ranges.push({ lo, hi });
      } else if (cut <= row.from_day) {
        await q.query(`UPDATE recognition_agreements SET status = 'withdrawn', terminated_on = NULL WHERE id = $1`, [row.id]);
      } else {
        await q.query(`UPDATE recognition_agreements SET status = 'superseded', terminated_on = NULL, superseded_on = $2 WHERE id = $1`, [row.id, cut]);
        ranges.push({ lo, hi: cut });
      }
    }

    await q.query(`UPDATE recognition_agreements SET terms_hash = recognition_agreement_terms_hash(id)`);
    await q.query(`ALTER TABLE recognition_agreements ALTER COLUMN terms_hash SET NOT NULL`);

    await q.query(`
      ALTER TABLE recognition_agreements ADD CONSTRAINT recognition_agreements_one_in_force
        EXCLUDE USING gist (
          issuing_region_code WITH =,
          partner_region_code WITH =,
          recognition_agreement_days(effective_from, effective_to, terminated_on, superseded_on) WITH &&
        ) WHERE (status IN ('in_force', 'superseded', 'terminated'))`);
    // One open amendment per version at a time.
    await q.query(`CREATE UNIQUE INDEX recognition_agreements_one_open_amendment ON recognition_agreements (supersedes_id) WHERE status IN ('draft', 'partially_signed')`);
    await q.query(`CREATE INDEX recognition_agreements_lineage_idx ON recognition_agreements (lineage_id, version_no)`);

    await q.query(`
      CREATE TABLE recognition_agreement_signatures (
        id                      uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        agreement_id            uuid NOT NULL REFERENCES recognition_agreements (id),
        side                    text NOT NULL CHECK (side IN ('issuing', 'partner')),
        region_code             text NOT NULL REFERENCES regions (code),
        signed_by               uuid NOT NULL REFERENCES users (id),
        signer_organization_id  uuid NOT NULL REFERENCES organizations (id),
        signer_role             text NOT NULL,
        terms_hash              text NOT NULL,
        signed_at               timestamptz NOT NULL DEFAULT now(),
        voided_at               timestamptz,
        void_reason             text,
        CONSTRAINT recognition_agreement_signatures_void CHECK ((voided_at IS NULL) = (void_reason IS NULL))
      )`);
    // One live signature per side of a version.
    await q.query(`CREATE UNIQUE INDEX recognition_agreement_signatures_live ON recognition_agreement_signatures (agreement_id, side) WHERE voided_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS recognition_agreement_signatures`);
    await q.query(`ALTER TABLE recognition_agreements DROP CONSTRAINT IF EXISTS recognition_agreements_one_in_force`);
    await q.query(`DROP INDEX IF EXISTS recognition_agreements_one_open_amendment`);
    await q.query(`DROP INDEX IF EXISTS recognition_agreements_lineage_idx`);
    await q.query(`ALTER TABLE recognition_agreements DROP CONSTRAINT IF EXISTS recognition_agreements_status_check`);
    await q.query(`ALTER TABLE recognition_agreements DROP CONSTRAINT IF EXISTS recognition_agreements_terminated`);
    await q.query(`ALTER TABLE recognition_agreements DROP CONSTRAINT IF EXISTS recognition_agreements_superseded`);
    await q.query(`ALTER TABLE recognition_agreements DROP CONSTRAINT IF EXISTS recognition_agreements_lineage_version`);
    // Versions that never came into force would bind under the old rules: drop them, keep the rest.
    await q.query(`DELETE FROM recognition_agreement_services WHERE agreement_id IN (SELECT id FROM recognition_agreements WHERE status IN ('draft', 'partially_signed', 'withdrawn'))`);
    await q.query(`DELETE FROM recognition_agreement_providers WHERE agreement_id IN (SELECT id FROM recognition_agreements WHERE status IN ('draft', 'partially_signed', 'withdrawn'))`);
    await q.query(`UPDATE service_orders SET recognition_agreement_id = NULL WHERE recognition_agreement_id IN (SELECT id FROM recognition_agreements WHERE status IN ('draft', 'partially_signed', 'withdrawn'))`);
    await q.query(`DELETE FROM recognition_agreements WHERE status IN ('draft', 'partially_signed', 'withdrawn')`);
    await q.query(`UPDATE recognition_agreements SET status = 'terminated', terminated_on = superseded_on WHERE status = 'superseded'`);
    await q.query(`UPDATE recognition_agreements SET status = 'active' WHERE status = 'in_force'`);
    await q.query(`
      ALTER TABLE recognition_agreements
        DROP COLUMN lineage_id, DROP COLUMN version_no, DROP COLUMN supersedes_id, DROP COLUMN superseded_on,
        DROP COLUMN in_force_since, DROP COLUMN migrated, DROP COLUMN terms_hash,
        ALTER COLUMN status SET DEFAULT 'active'`);
    await q.query(`
      ALTER TABLE recognition_agreements
        ADD CONSTRAINT recognition_agreements_status_check CHECK (status IN ('active', 'terminated')),
        ADD CONSTRAINT recognition_agreements_terminated CHECK ((status = 'terminated') = (terminated_on IS NOT NULL))`);
    await q.query(`DROP FUNCTION IF EXISTS recognition_agreement_terms_hash(uuid)`);
    await q.query(`DROP FUNCTION IF EXISTS recognition_agreement_days(date, date, date, date)`);
  }
}
