import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Recoveries of clawed-back claims (docs/domain.md, "Claw-backs and recoveries").
 *
 * A claw-back moves a paid claim's amount to the payee's claw-back receivable; each recovery records
 * money the payee paid back (possibly in instalments) and returns it to the programme's budget with a
 * `recover` ledger movement, which this row names. A claim whose receivable is fully recovered is
 * `recovered`. The claim row is locked while a recovery is recorded, so `seq` numbers a claim's
 * recoveries 1, 2, … without gaps; the ledger reference `<claim id>:<seq>` is unique per movement.
 */
export class ClaimRecoveries1764900020000 implements MigrationInterface {
  name = 'ClaimRecoveries1764900020000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE redemption_claims DROP CONSTRAINT redemption_claims_status_check`);
    await q.query(`
      ALTER TABLE redemption_claims ADD CONSTRAINT redemption_claims_status_check
        CHECK (status IN ('submitted', 'in_review', 'approved', 'paid', 'rejected', 'returned', 'withdrawn', 'clawed_back', 'recovered'))`);
    await q.query(`
      CREATE TABLE redemption_claim_recoveries (
        id                     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        claim_id               uuid NOT NULL REFERENCES redemption_claims (id),
        seq                    integer NOT NULL CHECK (seq > 0),
        program_id             uuid NOT NULL REFERENCES voucher_programs (id),
        amount_fen             bigint NOT NULL CHECK (amount_fen > 0),
        received_on            date NOT NULL,
        reference              text NOT NULL CHECK (char_length(reference) BETWEEN 1 AND 100),
        note                   text CHECK (note IS NULL OR char_length(note) <= 1000),
        ledger_transaction_id  bigint NOT NULL UNIQUE REFERENCES ledger_transactions (id),
        recorded_by            uuid NOT NULL REFERENCES users (id),
        created_at             timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT redemption_claim_recoveries_seq UNIQUE (claim_id, seq)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS redemption_claim_recoveries`);
    await q.query(`UPDATE redemption_claims SET status = 'clawed_back' WHERE status = 'recovered'`);
    await q.query(`ALTER TABLE redemption_claims DROP CONSTRAINT redemption_claims_status_check`);
    await q.query(`
      ALTER TABLE redemption_claims ADD CONSTRAINT redemption_claims_status_check
        CHECK (status IN ('submitted', 'in_review', 'approved', 'paid', 'rejected', 'returned', 'withdrawn', 'clawed_back'))`);
  }
}
