import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Four eyes on money (docs/security.md, "Four eyes on money").
 *
 * Settlement batches record who closed, approved and paid them, and the database refuses a
 * batch where the closer approved or the approver paid, so no code path can bypass the rule.
 * Batches settled before this migration keep NULL in the new columns (nobody recorded them).
 *
 * Voucher revocations and claim claw-backs above the configured amount become a request that a
 * second authorised person of the paying region confirms; the database refuses a request
 * confirmed by its requester and a second pending request for the same subject.
 */
export class FourEyes1764900003000 implements MigrationInterface {
  name = 'FourEyes1764900003000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE settlement_batches ADD COLUMN closed_by uuid REFERENCES users (id), ADD COLUMN paid_by uuid REFERENCES users (id)`);
    await q.query(`ALTER TABLE settlement_batches ADD CONSTRAINT settlement_batches_closer_not_approver CHECK (closed_by IS NULL OR approved_by IS NULL OR closed_by <> approved_by)`);
    await q.query(`ALTER TABLE settlement_batches ADD CONSTRAINT settlement_batches_approver_not_payer CHECK (approved_by IS NULL OR paid_by IS NULL OR approved_by <> paid_by)`);
    await q.query(`
      CREATE TABLE four_eyes_requests (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind          text NOT NULL CHECK (kind IN ('voucher_revocation', 'claim_claw_back')),
        subject_id    uuid NOT NULL,
        subject_number text NOT NULL,
        program_id    uuid NOT NULL REFERENCES voucher_programs (id),
        region_code   text NOT NULL,
        decider_roles text[] NOT NULL,
        amount_fen    bigint NOT NULL CHECK (amount_fen >= 0),
        reason        text NOT NULL,
        status        text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'confirmed', 'cancelled')),
        requested_by  uuid NOT NULL REFERENCES users (id),
        requested_at  timestamptz NOT NULL DEFAULT now(),
        decided_by    uuid REFERENCES users (id),
        decided_at    timestamptz,
        decision_note text,
        version       integer NOT NULL DEFAULT 1,
        CONSTRAINT four_eyes_requests_decided CHECK ((status = 'pending') = (decided_by IS NULL)),
        CONSTRAINT four_eyes_requests_second_person CHECK (status <> 'confirmed' OR decided_by <> requested_by)
      )`);
    await q.query(`CREATE UNIQUE INDEX four_eyes_requests_one_pending ON four_eyes_requests (kind, subject_id) WHERE status = 'pending'`);
    await q.query(`CREATE INDEX four_eyes_requests_region_idx ON four_eyes_requests (region_code, status, requested_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS four_eyes_requests`);
    await q.query(`ALTER TABLE settlement_batches DROP CONSTRAINT IF EXISTS settlement_batches_approver_not_payer, DROP CONSTRAINT IF EXISTS settlement_batches_closer_not_approver`);
    await q.query(`ALTER TABLE settlement_batches DROP COLUMN IF EXISTS paid_by, DROP COLUMN IF EXISTS closed_by`);
  }
}
