import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Read models for sweeps that look across owners (issue 14, one owner per table;
 * docs/architecture.md, "Read models"). Read-only; a module that must lock or change a case or an
 * outbox row calls the owner (CaseEngine / ApprovalCaseQueries, OutboxWriter / OutboxStore).
 * - read_approval_cases (approvals): one row per case: subject, status, stage, outcome, timer, applicant,
 *   region (no title, snapshot or amount). Organizations' adoption sweeps find subjects without a case.
 * - read_pending_jobs (outbox): one row per outbox row neither processed nor cancelled: queue, job, payload,
 *   when it may run. The approvals sweeper finds cases and tasks whose job is gone.
 */
export class ApprovalsOutboxReadModels1764900011000 implements MigrationInterface {
  name = 'ApprovalsOutboxReadModels1764900011000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE VIEW read_approval_cases AS
      SELECT c.id, c.subject_type, c.subject_id, c.status, c.revision, c.current_stage, c.outcome, c.timer_due_at,
             c.applicant_org_id, c.region_code, c.created_at, c.closed_at
        FROM approval_cases c`);
    await q.query(`
      CREATE VIEW read_pending_jobs AS
      SELECT o.id, o.queue, o.job_name, o.payload, o.available_at, o.published_at
        FROM outbox o
       WHERE o.processed_at IS NULL AND o.cancelled_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const view of ['read_pending_jobs', 'read_approval_cases']) {
      await q.query(`DROP VIEW IF EXISTS ${view}`);
    }
  }
}
