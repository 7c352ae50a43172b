import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Qualifications are verified (docs/security.md, "Qualifications"): a declaration carries its
 * issuer and certificate file, and only the district bureau moves it to 'verified' through the
 * qualification_verification workflow. Rows recorded before this migration were self-declared
 * and nobody checked them: they become 'declared' (they stop counting for a tier) and get a
 * verification case at start-up (QualificationVerificationSubject.adoptDeclared).
 */
export class QualificationVerification1764900001000 implements MigrationInterface {
  name = 'QualificationVerification1764900001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE enterprise_qualifications
        ADD COLUMN issuer             text,
        ADD COLUMN status             text NOT NULL DEFAULT 'declared'
          CONSTRAINT enterprise_qualifications_status CHECK (status IN ('declared', 'in_review', 'verified', 'rejected', 'revoked', 'withdrawn')),
        ADD COLUMN declared_by        uuid REFERENCES users (id),
        ADD COLUMN decided_at         timestamptz,
        ADD COLUMN decision_reason    text,
        ADD COLUMN revoked_by         uuid REFERENCES users (id),
        ADD COLUMN revoked_at         timestamptz,
        ADD COLUMN version            integer NOT NULL DEFAULT 1,
        ADD COLUMN updated_at         timestamptz NOT NULL DEFAULT now(),
        ADD CONSTRAINT enterprise_qualifications_revocation CHECK ((status = 'revoked') = (revoked_at IS NOT NULL))`);
    await q.query(`CREATE INDEX enterprise_qualifications_org_status_idx ON enterprise_qualifications (organization_id, status)`);

    // Certificate scans live in PostgreSQL, not on a local disk: every API process serves them.
    await q.query(`
      CREATE TABLE qualification_files (
        qualification_id  uuid PRIMARY KEY REFERENCES enterprise_qualifications (id) ON DELETE CASCADE,
        file_name         text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
        content_type      text NOT NULL CHECK (content_type IN ('application/pdf', 'image/png', 'image/jpeg')),
        size_bytes        integer NOT NULL CHECK (size_bytes > 0),
        sha256            char(64) NOT NULL,
        content           bytea NOT NULL,
        uploaded_by       uuid REFERENCES users (id),
        created_at        timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT qualification_files_size CHECK (octet_length(content) = size_bytes)
      )`);

    // Automatic checks (file present, validity), then review by the enterprise's own district bureau; escalation to the city when overdue.
    const stages = [
      { key: 'precheck', name: '自动核对（证书文件、有效期）', kind: 'precheck' },
      { key: 'district_verification', name: '区县科技局资质核验', kind: 'review', deciderRoles: ['reviewer'], regionScope: 'subject_district', sla: { durationSeconds: 5 * 86_400, remindAtFraction: 0.6, escalateToRole: 'approver' } },
    ];
    await q.query(
      `INSERT INTO workflow_definitions (key, version, name, subject_type, stages, is_active)
       SELECT 'qualification_verification', 1, '企业资质核验', 'qualification_verification', $1::jsonb, true
        WHERE NOT EXISTS (SELECT 1 FROM workflow_definitions WHERE key = 'qualification_verification')`,
      [JSON.stringify(stages)],
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM workflow_definitions w WHERE w.key = 'qualification_verification' AND NOT EXISTS (SELECT 1 FROM approval_cases c WHERE c.definition_id = w.id)`);
    await q.query(`DROP TABLE IF EXISTS qualification_files`);
    await q.query(`DROP INDEX IF EXISTS enterprise_qualifications_org_status_idx`);
    await q.query(`
      ALTER TABLE enterprise_qualifications
        DROP CONSTRAINT IF EXISTS enterprise_qualifications_revocation,
        DROP COLUMN IF EXISTS issuer, DROP COLUMN IF EXISTS status, DROP COLUMN IF EXISTS declared_by,
        DROP COLUMN IF EXISTS decided_at, DROP COLUMN IF EXISTS decision_reason, DROP COLUMN IF EXISTS revoked_by,
        DROP COLUMN IF EXISTS revoked_at, DROP COLUMN IF EXISTS version, DROP COLUMN IF EXISTS updated_at`);
  }
}
