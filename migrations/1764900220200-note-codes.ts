import { MigrationInterface, QueryRunner } from 'typeorm';

const SHAPE = (column: string) =>
  `CHECK (${column} IS NULL OR (jsonb_typeof(${column}) = 'object' AND jsonb_typeof(${column} -> 'code') = 'string' AND jsonb_typeof(${column} -> 'params') = 'object'))`;

/**
 * Server-written notes as codes (issue 18, "Every message the user sees is in the user's language"; owners:
 * roadshows, organizations): the {code, params} (packages/shared/finding-reasons.ts) of a note the server wrote,
 * beside the text kept for API clients, which the portal shows in the reader's language. A person's own words
 * (a decider's reason, an organiser's note) have no code: NULL, shown as written. Older rows keep NULL.
 * - roadshow_project_events.note_code: the project timeline (withdrawn, resubmitted, scheduled, presented, coached, landed…);
 * - enterprise_qualifications.decision_reason_code: "verified" by the workflow;
 * - controller_group_change_requests.decision_reason_code: "withdrawn by the applicant".
 */
export class NoteCodes1764900220200 implements MigrationInterface {
  name = 'NoteCodes1764900220200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE roadshow_project_events ADD COLUMN note_code jsonb CONSTRAINT roadshow_project_events_note_code_shape ${SHAPE('note_code')}`);
    await q.query(`ALTER TABLE enterprise_qualifications ADD COLUMN decision_reason_code jsonb CONSTRAINT enterprise_qualifications_decision_reason_code_shape ${SHAPE('decision_reason_code')}`);
    await q.query(
      `ALTER TABLE controller_group_change_requests ADD COLUMN decision_reason_code jsonb CONSTRAINT controller_group_change_requests_decision_reason_code_shape ${SHAPE('decision_reason_code')}`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE controller_group_change_requests DROP COLUMN decision_reason_code`);
    await q.query(`ALTER TABLE enterprise_qualifications DROP COLUMN decision_reason_code`);
    await q.query(`ALTER TABLE roadshow_project_events DROP COLUMN note_code`);
  }
}
