import { MigrationInterface, QueryRunner } from 'typeorm';

/** Approval workflows: versioned definitions, cases, tasks, decisions, findings, revisions; webhooks. */
export class ApprovalWorkflows1764500000000 implements MigrationInterface {
  name = 'ApprovalWorkflows1764500000000';

  async up(q: QueryRunner): Promise<void> {
    // A provider may withdraw its admission application; a decider may return it for changes.
    await q.query(`ALTER TABLE organizations DROP CONSTRAINT organizations_admission_status_check`);
    await q.query(`
      ALTER TABLE organizations ADD CONSTRAINT organizations_admission_status_check
        CHECK (admission_status IN ('applied', 'in_review', 'public_notice', 'active', 'suspended', 'revoked', 'rejected', 'withdrawn'))`);
    await q.query(`
      CREATE TABLE workflow_definitions (
        id                      uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        key                     text NOT NULL CHECK (key ~ '^[a-z][a-z0-9_]{2,60}$'),
        version                 integer NOT NULL CHECK (version > 0),
        name                    text NOT NULL,
        subject_type            text NOT NULL,
        stages                  jsonb NOT NULL CHECK (jsonb_typeof(stages) = 'array' AND jsonb_array_length(stages) > 0),
        auto_approve_below_fen  bigint CHECK (auto_approve_below_fen IS NULL OR auto_approve_below_fen >= 0),
        is_active               boolean NOT NULL DEFAULT true,
        created_by              uuid REFERENCES users (id),
        created_at              timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT workflow_definitions_key_version UNIQUE (key, version)
      )`);
    // At most one active version per key: new cases start on it, running cases keep theirs.
    await q.query(`CREATE UNIQUE INDEX workflow_definitions_one_active ON workflow_definitions (key) WHERE is_active`);

    await q.query(`
      CREATE TABLE approval_cases (
        id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        definition_id        uuid NOT NULL REFERENCES workflow_definitions (id),
        subject_type         text NOT NULL,
        subject_id           text NOT NULL,
        title                text NOT NULL,
        applicant_org_id     uuid REFERENCES organizations (id),
        applicant_user_id    uuid REFERENCES users (id),
        region_code          text NOT NULL REFERENCES regions (code),
        city_code            text NOT NULL REFERENCES regions (code),
        partner_region_code  text REFERENCES regions (code),
        amount_fen           bigint CHECK (amount_fen IS NULL OR amount_fen >= 0),
        status               text NOT NULL CHECK (status IN ('open', 'prechecking', 'in_review', 'waiting', 'returned', 'approved', 'rejected', 'withdrawn')),
        current_stage        integer NOT NULL DEFAULT -1,
        stage_entered_at     timestamptz NOT NULL DEFAULT now(),
        revision             integer NOT NULL DEFAULT 1,
        outcome              text CHECK (outcome IN ('approved', 'rejected', 'returned', 'withdrawn')),
        outcome_applied_at   timestamptz,
        outcome_reason       text,
        timer_due_at         timestamptz,
        timer_outbox_id      bigint,
        snapshot             jsonb NOT NULL DEFAULT '{}',
        version              integer NOT NULL DEFAULT 1,
        created_at           timestamptz NOT NULL DEFAULT now(),
        updated_at           timestamptz NOT NULL DEFAULT now(),
        closed_at            timestamptz,
        CONSTRAINT approval_cases_subject UNIQUE (subject_type, subject_id)
      )`);
    await q.query(`CREATE INDEX approval_cases_status_idx ON approval_cases (status, updated_at)`);
    await q.query(`CREATE INDEX approval_cases_applicant_idx ON approval_cases (applicant_org_id)`);

    await q.query(`
      CREATE TABLE approval_tasks (
        id                     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id                uuid NOT NULL REFERENCES approval_cases (id),
        revision               integer NOT NULL,
        stage_index            integer NOT NULL,
        stage_key              text NOT NULL,
        stage_name             text NOT NULL,
        kind                   text NOT NULL CHECK (kind IN ('review', 'objection_review')),
        decider_roles          text[] NOT NULL CHECK (cardinality(decider_roles) > 0),
        region_code            text REFERENCES regions (code),
        required_approvals     integer NOT NULL DEFAULT 1 CHECK (required_approvals > 0),
        approvals              integer NOT NULL DEFAULT 0,
        status                 text NOT NULL CHECK (status IN ('open', 'approved', 'rejected', 'returned', 'cancelled')),
        claimed_by             uuid REFERENCES users (id),
        claimed_at             timestamptz,
        due_at                 timestamptz,
        reminded_at            timestamptz,
        escalated_at           timestamptz,
        escalated_to_role      text,
        timer_outbox_ids       bigint[] NOT NULL DEFAULT '{}',
        created_at             timestamptz NOT NULL DEFAULT now(),
        decided_at             timestamptz,
        objection_id           uuid,
        CONSTRAINT approval_tasks_stage UNIQUE (case_id, revision, stage_index, kind),
        CONSTRAINT approval_tasks_approvals CHECK (approvals <= required_approvals)
      )`);
    await q.query(`CREATE INDEX approval_tasks_inbox_idx ON approval_tasks (status, region_code)`);
    await q.query(`CREATE INDEX approval_tasks_due_idx ON approval_tasks (due_at) WHERE status = 'open'`);

    await q.query(`
      CREATE TABLE approval_decisions (
        id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        task_id          uuid NOT NULL REFERENCES approval_tasks (id),
        case_id          uuid NOT NULL REFERENCES approval_cases (id),
        revision         integer NOT NULL,
        stage_index      integer NOT NULL,
        decider_user_id  uuid NOT NULL REFERENCES users (id),
        decider_org_id   uuid NOT NULL REFERENCES organizations (id),
        decision         text NOT NULL CHECK (decision IN ('approve', 'reject', 'return')),
        comment          text,
        created_at       timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT approval_decisions_one_per_task UNIQUE (task_id, decider_user_id),
        -- One person decides at most one stage of a case revision.
        CONSTRAINT approval_decisions_one_stage UNIQUE (case_id, revision, decider_user_id)
      )`);

    await q.query(`
      CREATE TABLE approval_findings (
        id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id      uuid NOT NULL REFERENCES approval_cases (id),
        revision     integer NOT NULL,
        stage_index  integer NOT NULL,
        check_key    text NOT NULL,
        outcome      text NOT NULL CHECK (outcome IN ('pass', 'warn', 'fail')),
        reasons      jsonb NOT NULL DEFAULT '[]',
        created_at   timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT approval_findings_unique UNIQUE (case_id, revision, stage_index, check_key)
      )`);

    await q.query(`
      CREATE TABLE approval_revisions (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id       uuid NOT NULL REFERENCES approval_cases (id),
        revision      integer NOT NULL,
        snapshot      jsonb NOT NULL,
        diff          jsonb NOT NULL DEFAULT '[]',
        note          text,
        submitted_by  uuid REFERENCES users (id),
        created_at    timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT approval_revisions_unique UNIQUE (case_id, revision)
      )`);

    await q.query(`
      CREATE TABLE approval_objections (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id       uuid NOT NULL REFERENCES approval_cases (id),
        raised_by     uuid NOT NULL REFERENCES users (id),
        reason        text NOT NULL,
        created_at    timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE webhooks (
        id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id  uuid NOT NULL REFERENCES organizations (id),
        url              text NOT NULL CHECK (url ~ '^https?://'),
        secret           text NOT NULL,
        events           text[] NOT NULL,
        active           boolean NOT NULL DEFAULT true,
        created_by       uuid REFERENCES users (id),
        created_at       timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE webhook_deliveries (
        id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        webhook_id        uuid NOT NULL REFERENCES webhooks (id),
        event             text NOT NULL,
        payload           jsonb NOT NULL,
        status            text NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
        attempts          integer NOT NULL DEFAULT 0,
        last_status_code  integer,
        last_error        text,
        created_at        timestamptz NOT NULL DEFAULT now(),
        delivered_at      timestamptz,
        dedup_key         text NOT NULL,
        CONSTRAINT webhook_deliveries_dedup UNIQUE (webhook_id, dedup_key)
      )`);
    await q.query(`CREATE INDEX webhook_deliveries_webhook_idx ON webhook_deliveries (webhook_id, created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['webhook_deliveries', 'webhooks', 'approval_objections', 'approval_revisions', 'approval_findings', 'approval_decisions', 'approval_tasks', 'approval_cases', 'workflow_definitions']) {
      await q.query(`DROP TABLE IF EXISTS ${t} CASCADE`);
    }
  }
}
