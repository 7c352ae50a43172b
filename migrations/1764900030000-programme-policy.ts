import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Policy as data (docs/policies.md).
 *
 * - A programme's policy (tiers, caps, full-coverage threshold with its comparison, application
 *   window) moves from columns of `voucher_programs` into `voucher_program_versions`, one row per
 *   version with the day it takes effect. Every existing programme becomes version 1 with exactly
 *   the amounts it had: its `ratio_bp_by_tier` keys become tiers of the same names, its caps stay,
 *   its threshold keeps the comparison the code applied ("at or below"; a 0 threshold covered
 *   nothing and becomes no threshold).
 * - Vouchers remember the version they were issued under, the applicant's kind, and how much of
 *   them went back to the budget (released_fen).
 * - Cap counters may have no cap (null), gain the 'team' scope, and follow the ledger: their used
 *   amount is recomputed from it here (committed − returned to the budget − recovered), so headroom
 *   released before this change comes back.
 * - Qualification kinds become reference data, so tiers can name 科技小巨人 or 创新型领军企业.
 * - Budget top-ups are rows, each naming its `fund` ledger movement.
 */
export class ProgrammePolicy1764900030000 implements MigrationInterface {
  name = 'ProgrammePolicy1764900030000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE qualification_kinds (
        code        text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{1,39}$'),
        name_zh     text NOT NULL CHECK (char_length(name_zh) BETWEEN 1 AND 60),
        name_en     text NOT NULL CHECK (char_length(name_en) BETWEEN 1 AND 100),
        sort_order  integer NOT NULL
      )`);
    await q.query(`
      INSERT INTO qualification_kinds (code, name_zh, name_en, sort_order) VALUES
        ('tech_sme', '科技型中小企业', 'Tech-based SME', 10),
        ('high_tech', '高新技术企业', 'High-tech enterprise', 20),
        ('specialised_sme', '专精特新中小企业', 'Specialised SME', 30),
        ('little_giant', '科技小巨人企业', 'Tech little giant', 40),
        ('innovation_leader', '创新型领军企业', 'Innovation leader', 50)`);
    await q.query(`ALTER TABLE enterprise_qualifications DROP CONSTRAINT enterprise_qualifications_kind_check`);
    await q.query(`ALTER TABLE enterprise_qualifications ADD CONSTRAINT enterprise_qualifications_kind_fk FOREIGN KEY (kind) REFERENCES qualification_kinds (code)`);

    await q.query(`
      CREATE TABLE voucher_program_versions (
        program_id      uuid NOT NULL REFERENCES voucher_programs (id),
        version_no      integer NOT NULL CHECK (version_no > 0),
        effective_from  date NOT NULL,
        policy          jsonb NOT NULL CHECK (jsonb_typeof(policy) = 'object' AND jsonb_typeof(policy -> 'tiers') = 'array'),
        note            text CHECK (note IS NULL OR char_length(note) <= 1000),
        created_by      uuid,
        created_at      timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (program_id, version_no)
      )`);
    await q.query(`
      INSERT INTO voucher_program_versions (program_id, version_no, effective_from, policy, note, created_by, created_at)
      SELECT p.id, 1, (p.created_at AT TIME ZONE 'Asia/Shanghai')::date,
             jsonb_build_object(
               'tiers', COALESCE((
                 SELECT jsonb_agg(jsonb_build_object('code', t.code, 'nameZh', t.zh, 'nameEn', t.en, 'ratioBp', (p.ratio_bp_by_tier ->> t.code)::int, 'qualifications', t.quals) ORDER BY t.ord)
                   FROM (VALUES ('high_tech', '高新技术企业', 'High-tech enterprise', '["high_tech"]'::jsonb, 1),
                                ('specialised_sme', '专精特新企业', 'Specialised SME', '["specialised_sme"]'::jsonb, 2),
                                ('tech_sme', '科技型中小企业', 'Tech-based SME', '["tech_sme"]'::jsonb, 3),
                                ('default', '一般企业', 'General', '[]'::jsonb, 4)) AS t (code, zh, en, quals, ord)
                  WHERE p.ratio_bp_by_tier ? t.code), '[]'::jsonb),
               'perApplicationCapFen', p.per_application_cap_fen,
               'annualCapEnterpriseFen', p.annual_cap_enterprise_fen,
               'annualCapTeamFen', NULL,
               'annualCapGroupFen', p.annual_cap_group_fen,
               'fullCoverage', CASE WHEN p.full_coverage_threshold_fen > 0
                                    THEN jsonb_build_object('thresholdFen', p.full_coverage_threshold_fen, 'comparison', 'at_or_below') END,
               'opensOn', NULL,
               'closesOn', NULL),
             'as first written (before programmes had versions)', p.created_by, p.created_at
        FROM voucher_programs p`);
    await q.query(`
      ALTER TABLE voucher_programs
        DROP COLUMN ratio_bp_by_tier,
        DROP COLUMN per_application_cap_fen,
        DROP COLUMN annual_cap_enterprise_fen,
        DROP COLUMN annual_cap_group_fen,
        DROP COLUMN full_coverage_threshold_fen,
        ADD COLUMN policy_version integer NOT NULL DEFAULT 1 CHECK (policy_version > 0)`);

    await q.query(`
      ALTER TABLE vouchers
        ADD COLUMN program_version integer NOT NULL DEFAULT 1,
        ADD COLUMN applicant_kind text NOT NULL DEFAULT 'enterprise' CHECK (applicant_kind IN ('enterprise', 'team')),
        ADD COLUMN released_fen bigint NOT NULL DEFAULT 0,
        ADD CONSTRAINT vouchers_released_within_face CHECK (released_fen >= 0 AND released_fen <= face_value_fen),
        ADD CONSTRAINT vouchers_program_version_fk FOREIGN KEY (program_id, program_version) REFERENCES voucher_program_versions (program_id, version_no)`);

    await q.query(`ALTER TABLE program_cap_usage DROP CONSTRAINT program_cap_usage_within_cap, DROP CONSTRAINT program_cap_usage_scope_check`);
    await q.query(`ALTER TABLE program_cap_usage ALTER COLUMN cap_fen DROP NOT NULL`);
    await q.query(`
      ALTER TABLE program_cap_usage
        ADD CONSTRAINT program_cap_usage_scope_check CHECK (scope IN ('enterprise', 'team', 'group')),
        ADD CONSTRAINT program_cap_usage_within_cap CHECK (used_fen >= 0 AND (cap_fen IS NULL OR used_fen <= cap_fen))`);
    // Released = what of each voucher went back to the budget: return_to_budget on it, and recover of its claims.
    await q.query(`
      UPDATE vouchers v SET released_fen =
             (SELECT COALESCE(sum(t.amount_fen), 0) FROM ledger_transactions t
               WHERE t.kind = 'return_to_budget' AND t.id IN (SELECT e.transaction_id FROM ledger_entries e WHERE e.account_id = v.available_account_id))
           + (SELECT COALESCE(sum(t.amount_fen), 0) FROM ledger_transactions t JOIN redemption_claims c ON c.id::text = split_part(t.reference_id, ':', 1)
               WHERE t.kind = 'recover' AND t.reference_type = 'claim_recovery' AND c.voucher_id = v.id)`);
    // Used = what the ledger says is still committed: face value (the commit) − released.
    await q.query(`
      WITH per_voucher AS (
        SELECT v.program_id, v.enterprise_id, v.controller_group_id, v.face_value_fen - v.released_fen AS used FROM vouchers v),
      per_scope AS (
        SELECT program_id, 'enterprise' AS scope, enterprise_id AS scope_id, sum(used) AS used FROM per_voucher GROUP BY program_id, enterprise_id
        UNION ALL
        SELECT program_id, 'group', controller_group_id, sum(used) FROM per_voucher WHERE controller_group_id IS NOT NULL GROUP BY program_id, controller_group_id)
      UPDATE program_cap_usage u SET used_fen = s.used
        FROM per_scope s WHERE u.program_id = s.program_id AND u.scope = s.scope AND u.scope_id = s.scope_id`);

    await q.query(`
      CREATE TABLE voucher_program_top_ups (
        id                     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        program_id             uuid NOT NULL REFERENCES voucher_programs (id),
        amount_fen             bigint NOT NULL CHECK (amount_fen > 0),
        reason                 text NOT NULL CHECK (char_length(reason) BETWEEN 2 AND 500),
        ledger_transaction_id  bigint NOT NULL UNIQUE REFERENCES ledger_transactions (id),
        created_by             uuid,
        created_at             timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX voucher_program_top_ups_program_idx ON voucher_program_top_ups (program_id, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE voucher_program_top_ups`);
    await q.query(`DELETE FROM program_cap_usage WHERE scope = 'team' OR cap_fen IS NULL`);
    await q.query(`ALTER TABLE program_cap_usage DROP CONSTRAINT program_cap_usage_within_cap, DROP CONSTRAINT program_cap_usage_scope_check`);
    await q.query(`ALTER TABLE program_cap_usage ALTER COLUMN cap_fen SET NOT NULL`);
    await q.query(`
      ALTER TABLE program_cap_usage
        ADD CONSTRAINT program_cap_usage_scope_check CHECK (scope IN ('enterprise', 'group')),
        ADD CONSTRAINT program_cap_usage_within_cap CHECK (used_fen >= 0 AND used_fen <= cap_fen)`);
    await q.query(`ALTER TABLE vouchers DROP CONSTRAINT vouchers_program_version_fk, DROP COLUMN program_version, DROP COLUMN applicant_kind, DROP COLUMN released_fen`);
    // Back to columns from each programme's latest version; a missing cap becomes the largest amount a column holds.
    await q.query(`
      ALTER TABLE voucher_programs
        ADD COLUMN ratio_bp_by_tier jsonb,
        ADD COLUMN per_application_cap_fen bigint,
        ADD COLUMN annual_cap_enterprise_fen bigint,
        ADD COLUMN annual_cap_group_fen bigint,
        ADD COLUMN full_coverage_threshold_fen bigint NOT NULL DEFAULT 0`);
    await q.query(`
      UPDATE voucher_programs p SET
        ratio_bp_by_tier = (SELECT jsonb_object_agg(t ->> 'code', (t ->> 'ratioBp')::int) FROM jsonb_array_elements(v.policy -> 'tiers') t),
        per_application_cap_fen = COALESCE((v.policy ->> 'perApplicationCapFen')::bigint, p.budget_fen),
        annual_cap_enterprise_fen = COALESCE((v.policy ->> 'annualCapEnterpriseFen')::bigint, p.budget_fen),
        annual_cap_group_fen = COALESCE((v.policy ->> 'annualCapGroupFen')::bigint, p.budget_fen),
        full_coverage_threshold_fen = COALESCE((v.policy -> 'fullCoverage' ->> 'thresholdFen')::bigint, 0)
        FROM voucher_program_versions v WHERE v.program_id = p.id AND v.version_no = p.policy_version`);
    await q.query(`ALTER TABLE voucher_programs ALTER COLUMN ratio_bp_by_tier SET NOT NULL, ALTER COLUMN per_application_cap_fen SET NOT NULL, ALTER COLUMN annual_cap_enterprise_fen SET NOT NULL, ALTER COLUMN annual_cap_group_fen SET NOT NULL, DROP COLUMN policy_version`);
    await q.query(`DROP TABLE voucher_program_versions`);
    await q.query(`ALTER TABLE enterprise_qualifications DROP CONSTRAINT enterprise_qualifications_kind_fk`);
    await q.query(`DELETE FROM enterprise_qualifications WHERE kind NOT IN ('tech_sme', 'high_tech', 'specialised_sme')`);
    await q.query(`ALTER TABLE enterprise_qualifications ADD CONSTRAINT enterprise_qualifications_kind_check CHECK (kind IN ('tech_sme', 'high_tech', 'specialised_sme'))`);
    await q.query(`DROP TABLE qualification_kinds`);
  }
}
