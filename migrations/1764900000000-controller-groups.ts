import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Actual-controller groups (同一实际控制人) are bureau data (docs/security.md, "Actual-controller groups"):
 * - a group records the bureau region that created it and who did;
 * - every voucher records the group it was committed under, so a group's usage is the sum over the
 *   enterprises that were members when each subsidy was committed, and moving an enterprise frees nothing;
 * - an enterprise asks for a change through `controller_group_change_requests`, decided by the
 *   `controller_group_change` workflow (district review, then city approval); one open request per
 *   enterprise, enforced here.
 */
export class ControllerGroups1764900000000 implements MigrationInterface {
  name = 'ControllerGroups1764900000000';

  async up(q: QueryRunner): Promise<void> {
    // Existing groups keep a NULL region: they were created before bureaus owned them (seen through their members).
    await q.query(`ALTER TABLE controller_groups ADD COLUMN region_code text REFERENCES regions (code)`);
    await q.query(`ALTER TABLE controller_groups ADD COLUMN created_by uuid REFERENCES users (id)`);
    // NOT VALID: rows from before are not re-checked (the old API trimmed but did not bound them).
    await q.query(`ALTER TABLE controller_groups ADD CONSTRAINT controller_groups_name_length CHECK (length(name) BETWEEN 2 AND 200 AND length(controller_name) BETWEEN 1 AND 100) NOT VALID`);

    await q.query(`ALTER TABLE vouchers ADD COLUMN controller_group_id uuid REFERENCES controller_groups (id)`);
    // Vouchers issued before this migration: the best record left is the enterprise's group today
    // (issuance counted them against that group's counter, which nothing has moved since).
    await q.query(`UPDATE vouchers v SET controller_group_id = o.controller_group_id FROM organizations o WHERE o.id = v.enterprise_id AND o.controller_group_id IS NOT NULL`);
    await q.query(`CREATE INDEX vouchers_controller_group_idx ON vouchers (controller_group_id, program_id) WHERE controller_group_id IS NOT NULL`);

    await q.query(`
      CREATE TABLE controller_group_change_requests (
        id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        enterprise_id        uuid NOT NULL REFERENCES organizations (id),
        requested_by         uuid NOT NULL REFERENCES users (id),
        action               text NOT NULL CHECK (action IN ('join', 'leave', 'create')),
        from_group_id        uuid REFERENCES controller_groups (id),
        target_group_id      uuid REFERENCES controller_groups (id),
        new_group_name       text CHECK (new_group_name IS NULL OR length(new_group_name) BETWEEN 2 AND 200),
        new_controller_name  text CHECK (new_controller_name IS NULL OR length(new_controller_name) BETWEEN 1 AND 100),
        statement            text NOT NULL CHECK (length(statement) BETWEEN 10 AND 4000),
        document_refs        text[] NOT NULL CHECK (cardinality(document_refs) BETWEEN 1 AND 10),
        status               text NOT NULL CHECK (status IN ('submitted', 'in_review', 'returned', 'approved', 'rejected', 'withdrawn')),
        decision_reason      text,
        resulting_group_id   uuid REFERENCES controller_groups (id),
        case_id              uuid REFERENCES approval_cases (id),
        version              integer NOT NULL DEFAULT 1,
        created_at           timestamptz NOT NULL DEFAULT now(),
        updated_at           timestamptz NOT NULL DEFAULT now(),
        decided_at           timestamptz,
        CONSTRAINT controller_group_change_requests_shape CHECK (
          (action = 'join' AND target_group_id IS NOT NULL AND new_group_name IS NULL AND new_controller_name IS NULL)
          OR (action = 'leave' AND target_group_id IS NULL AND new_group_name IS NULL AND new_controller_name IS NULL)
          OR (action = 'create' AND target_group_id IS NULL AND new_group_name IS NOT NULL AND new_controller_name IS NOT NULL))
      )`);
    // One open request per enterprise at a time.
    await q.query(
      `CREATE UNIQUE INDEX controller_group_change_requests_one_open ON controller_group_change_requests (enterprise_id) WHERE status IN ('submitted', 'in_review', 'returned')`,
    );
    await q.query(`CREATE INDEX controller_group_change_requests_enterprise_idx ON controller_group_change_requests (enterprise_id, created_at DESC)`);

    // The workflow that decides a request: the enterprise's district bureau reviews, the city bureau
    // approves. For a Shanghai enterprise the partner region decides both stages (its reviewer or admin,
    // then its approver or another admin: the engine never lets one person decide two stages).
    const stages = [
      { key: 'district_review', name: '区县科技局审核', kind: 'review', deciderRoles: ['reviewer', 'partner_admin'], regionScope: 'subject_district', sla: { durationSeconds: 5 * 86_400, remindAtFraction: 0.6, escalateToRole: 'approver' } },
      { key: 'city_approval', name: '市科技局审批', kind: 'review', deciderRoles: ['approver', 'partner_admin'], regionScope: 'subject_city', sla: { durationSeconds: 5 * 86_400, remindAtFraction: 0.6 } },
    ];
    await q.query(
      `INSERT INTO workflow_definitions (key, version, name, subject_type, stages, is_active)
       SELECT 'controller_group_change', 1, '实际控制人关系变更审批', 'controller_group_change', $1, true
        WHERE NOT EXISTS (SELECT 1 FROM workflow_definitions WHERE key = 'controller_group_change')`,
      [JSON.stringify(stages)],
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS controller_group_change_requests`);
    await q.query(`DELETE FROM workflow_definitions w WHERE key = 'controller_group_change' AND NOT EXISTS (SELECT 1 FROM approval_cases c WHERE c.definition_id = w.id)`);
    await q.query(`ALTER TABLE vouchers DROP COLUMN IF EXISTS controller_group_id`);
    await q.query(`ALTER TABLE controller_groups DROP CONSTRAINT IF EXISTS controller_groups_name_length`);
    await q.query(`ALTER TABLE controller_groups DROP COLUMN IF EXISTS created_by`);
    await q.query(`ALTER TABLE controller_groups DROP COLUMN IF EXISTS region_code`);
  }
}
