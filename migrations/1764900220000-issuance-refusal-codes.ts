import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issuance refusals as codes (issue 18, "Every message the user sees is in the user's language"; owner: vouchers):
 * voucher_applications.rejection_reason_code holds the {code, params} (packages/shared/finding-reasons.ts) of a
 * refusal the server made at issuance (caps, budget, programme not open), beside the English `rejection_reason`
 * kept for API clients. A decider's own words (a rejection comment) have no code: NULL, shown as written.
 */
export class IssuanceRefusalCodes1764900220000 implements MigrationInterface {
  name = 'IssuanceRefusalCodes1764900220000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE voucher_applications ADD COLUMN rejection_reason_code jsonb
        CONSTRAINT voucher_applications_rejection_reason_code_shape
        CHECK (rejection_reason_code IS NULL OR (jsonb_typeof(rejection_reason_code) = 'object' AND jsonb_typeof(rejection_reason_code -> 'code') = 'string' AND jsonb_typeof(rejection_reason_code -> 'params') = 'object'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE voucher_applications DROP COLUMN rejection_reason_code`);
  }
}
