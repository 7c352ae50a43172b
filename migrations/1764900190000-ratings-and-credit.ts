import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Ratings and credit (docs/domain.md, "Ratings" and "Misconduct (失信)"):
 * - service_ratings: one rating per confirmed order, by the ordering enterprise (the service's name as rated); the provider replies once;
 * - service_rating_totals: a counter row per service (count and score sum), updated in the rating's own
 *   transaction, so the catalogue shows the average of a page of results with one lookup by id, never a
 *   per-row aggregate; read by the catalogue through read_service_rating_totals;
 * - misconduct_records: what a paying region's bureau recorded against a provider and/or an applicant,
 *   with evidence, a period and the effects it had (vouchers revoked, orders cancelled, provider suspended).
 */
export class RatingsAndCredit1764900190000 implements MigrationInterface {
  name = 'RatingsAndCredit1764900190000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE service_ratings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        order_id uuid NOT NULL REFERENCES service_orders(id),
        service_id uuid NOT NULL REFERENCES catalog_services(id),
        service_name text NOT NULL,
        provider_id uuid NOT NULL REFERENCES organizations(id),
        enterprise_id uuid NOT NULL REFERENCES organizations(id),
        score smallint NOT NULL CONSTRAINT service_ratings_score CHECK (score BETWEEN 1 AND 5),
        comment text CONSTRAINT service_ratings_comment_length CHECK (char_length(comment) <= 1000),
        rated_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        reply text CONSTRAINT service_ratings_reply_length CHECK (char_length(reply) <= 1000),
        replied_by uuid REFERENCES users(id),
        replied_at timestamptz,
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT service_ratings_one_per_order UNIQUE (order_id),
        CONSTRAINT service_ratings_reply_complete CHECK ((reply IS NULL) = (replied_at IS NULL))
      )`);
    await q.query(`CREATE INDEX service_ratings_provider ON service_ratings (provider_id, created_at DESC, id)`);
    await q.query(`CREATE INDEX service_ratings_service ON service_ratings (service_id, created_at DESC, id)`);
    await q.query(`CREATE INDEX service_ratings_enterprise ON service_ratings (enterprise_id, created_at DESC)`);
    await q.query(`
      CREATE TABLE service_rating_totals (
        service_id uuid PRIMARY KEY REFERENCES catalog_services(id),
        rating_count integer NOT NULL CHECK (rating_count >= 0),
        score_sum bigint NOT NULL CHECK (score_sum >= 0 AND score_sum <= 5 * rating_count::bigint)
      )`);
    await q.query(`CREATE VIEW read_service_rating_totals AS SELECT service_id, rating_count, score_sum FROM service_rating_totals`);

    await q.query(`
      CREATE TABLE misconduct_records (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        number text NOT NULL UNIQUE,
        region_code text NOT NULL,
        kind text NOT NULL CONSTRAINT misconduct_records_kind CHECK (kind IN ('collusion', 'false_invoice', 'false_report', 'fraudulent_application', 'other')),
        description text NOT NULL CHECK (char_length(description) BETWEEN 5 AND 4000),
        evidence jsonb NOT NULL DEFAULT '[]',
        provider_id uuid REFERENCES organizations(id),
        enterprise_id uuid REFERENCES organizations(id),
        period_from date NOT NULL,
        period_to date NOT NULL,
        status text NOT NULL CONSTRAINT misconduct_records_status CHECK (status IN ('pending_confirmation', 'in_force', 'cancelled', 'lifted')),
        affected_fen bigint NOT NULL DEFAULT 0 CHECK (affected_fen >= 0),
        effects jsonb,
        recorded_by uuid NOT NULL REFERENCES users(id),
        recorded_at timestamptz NOT NULL DEFAULT now(),
        confirmed_by uuid REFERENCES users(id),
        confirmed_at timestamptz,
        lifted_by uuid REFERENCES users(id),
        lifted_at timestamptz,
        lift_reason text,
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT misconduct_records_party CHECK (provider_id IS NOT NULL OR enterprise_id IS NOT NULL),
        CONSTRAINT misconduct_records_period CHECK (period_to >= period_from),
        CONSTRAINT misconduct_records_second_person CHECK (confirmed_by IS NULL OR confirmed_by <> recorded_by)
      )`);
    await q.query(`CREATE INDEX misconduct_records_enterprise ON misconduct_records (enterprise_id, period_to) WHERE status = 'in_force'`);
    await q.query(`CREATE INDEX misconduct_records_provider ON misconduct_records (provider_id) WHERE provider_id IS NOT NULL`);
    await q.query(`CREATE INDEX misconduct_records_region ON misconduct_records (region_code, recorded_at DESC)`);
    await q.query(`CREATE SEQUENCE misconduct_record_number_seq`);
    // What voucher applications check at submit (the vouchers module does not read the credit module's table).
    await q.query(`
      CREATE VIEW read_applicant_bars AS
      SELECT id, number, enterprise_id, region_code, period_from, period_to FROM misconduct_records
       WHERE status = 'in_force' AND enterprise_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW read_applicant_bars`);
    await q.query(`DROP SEQUENCE misconduct_record_number_seq`);
    await q.query(`DROP TABLE misconduct_records`);
    await q.query(`DROP VIEW read_service_rating_totals`);
    await q.query(`DROP TABLE service_rating_totals`);
    await q.query(`DROP TABLE service_ratings`);
  }
}
