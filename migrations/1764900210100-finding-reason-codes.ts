import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Pre-check reasons as codes (issue 18, "Every message the user sees is in the user's language"; owner: approvals):
 * approval_findings.reason_codes holds [{code, params}] (packages/shared/finding-reasons.ts) beside the English
 * `reasons`. Findings recorded before have none ([]), and the portal shows their text as it was.
 */
export class FindingReasonCodes1764900210100 implements MigrationInterface {
  name = 'FindingReasonCodes1764900210100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE approval_findings ADD COLUMN reason_codes jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(reason_codes) = 'array')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE approval_findings DROP COLUMN reason_codes`);
  }
}
