import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The review chain of roadshow projects (issue 18, "A review chain worthy of investors' time"; docs/domain.md,
 * "Roadshow review chain"). Owner: roadshows.
 *
 * - roadshow_rubrics: 评分细则 scoring rubrics as data, versioned per key; one active version per key. A round keeps
 *   the version that was active when it opened. Seeded: 'default' v1 (技术先进性 30, 市场前景 25, 团队 20, 商业模式 15,
 *   落地意愿 10; scale 1–10).
 * - roadshow_experts: 评审专家库 the expert pool: existing users an organiser registered as reviewers.
 * - roadshow_review_rounds: one screening round per revision of a project's roadshow_screening case. open → passed |
 *   rejected | revise_requested | withdrawn. Blind or not, a minimum of submitted reviews, the decision and decider.
 * - roadshow_review_assignments: a reviewer in a round. assigned → cleared | excluded; cleared → submitted | excluded.
 *   The conflict-of-interest declaration, the exclusion reason, the scores and the comment.
 * - roadshow_coaching_records / roadshow_coaching_items: 路演辅导 who coached, when, the advice, follow-up items
 *   (owner, due day, open → done | dropped).
 * - roadshow_follow_ups: 跟踪服务 dated follow-ups with a person responsible; one reminder at the due time through the
 *   queue (reminded_at makes it once); open → done | cancelled.
 *
 * Existing data: every project now in 'screening' with its case at the screening stage gets round 1 on the default
 * rubric (so the new rule, two reviews before a decision, holds for it too).
 */
export class RoadshowReviewChain1764900140000 implements MigrationInterface {
  name = 'RoadshowReviewChain1764900140000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE roadshow_rubrics (
        id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        key         text NOT NULL CHECK (key ~ '^[a-z][a-z0-9_]{1,39}$'),
        version     integer NOT NULL CHECK (version >= 1),
        name        text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
        scale_min   integer NOT NULL CHECK (scale_min >= 0),
        scale_max   integer NOT NULL,
        -- [{ key, name, nameEn, weight }]: weights are whole percents adding up to 100 (checked by the service).
        criteria    jsonb NOT NULL CHECK (jsonb_typeof(criteria) = 'array' AND jsonb_array_length(criteria) BETWEEN 1 AND 20),
        is_active   boolean NOT NULL,
        created_by  uuid REFERENCES users (id),
        created_at  timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT roadshow_rubrics_scale CHECK (scale_max > scale_min AND scale_max <= 100),
        CONSTRAINT roadshow_rubrics_version UNIQUE (key, version)
      )`);
    await q.query(`CREATE UNIQUE INDEX roadshow_rubrics_one_active ON roadshow_rubrics (key) WHERE is_active`);
    await q.query(
      `INSERT INTO roadshow_rubrics (key, version, name, scale_min, scale_max, criteria, is_active) VALUES ('default', 1, '路演项目评审标准', 1, 10, $1, true)`,
      [
        JSON.stringify([
          { key: 'technology', name: '技术先进性', nameEn: 'Technology', weight: 30 },
          { key: 'market', name: '市场前景', nameEn: 'Market prospects', weight: 25 },
          { key: 'team', name: '团队', nameEn: 'Team', weight: 20 },
          { key: 'business_model', name: '商业模式', nameEn: 'Business model', weight: 15 },
          { key: 'landing_intent', name: '落地意愿', nameEn: 'Intent to land', weight: 10 },
        ]),
      ],
    );
    await q.query(`
      CREATE TABLE roadshow_experts (
        user_id     uuid PRIMARY KEY REFERENCES users (id),
        expertise   text[] NOT NULL DEFAULT '{}',
        active      boolean NOT NULL DEFAULT true,
        added_by    uuid NOT NULL REFERENCES users (id),
        created_at  timestamptz NOT NULL DEFAULT now(),
        updated_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE roadshow_review_rounds (
        id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id        uuid NOT NULL REFERENCES roadshow_projects (id),
        round_no          integer NOT NULL CHECK (round_no >= 1),
        case_id           uuid NOT NULL,
        case_revision     integer NOT NULL,
        rubric_id         uuid NOT NULL REFERENCES roadshow_rubrics (id),
        blind             boolean NOT NULL DEFAULT false,
        min_reviews       integer NOT NULL DEFAULT 2 CHECK (min_reviews BETWEEN 1 AND 20),
        status            text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'passed', 'rejected', 'revise_requested', 'withdrawn')),
        decision_comment  text CHECK (decision_comment IS NULL OR char_length(decision_comment) <= 2000),
        decided_by        uuid REFERENCES users (id),
        decided_at        timestamptz,
        -- The aggregate the decider saw: { reviews, weightedMean, criteria: { key: mean } }.
        decided_on        jsonb,
        opened_at         timestamptz NOT NULL DEFAULT now(),
        version           integer NOT NULL DEFAULT 1,
        CONSTRAINT roadshow_review_rounds_number UNIQUE (project_id, round_no),
        CONSTRAINT roadshow_review_rounds_revision UNIQUE (case_id, case_revision),
        CONSTRAINT roadshow_review_rounds_decided CHECK ((status = 'open') = (decided_at IS NULL))
      )`);
    await q.query(`CREATE INDEX roadshow_review_rounds_open ON roadshow_review_rounds (opened_at) WHERE status = 'open'`);
    await q.query(`
      CREATE TABLE roadshow_review_assignments (
        id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        round_id           uuid NOT NULL REFERENCES roadshow_review_rounds (id),
        reviewer_user_id   uuid NOT NULL REFERENCES users (id),
        reviewer_org_id    uuid NOT NULL REFERENCES organizations (id),
        status             text NOT NULL CHECK (status IN ('assigned', 'cleared', 'excluded', 'submitted')),
        -- declared: the reviewer said so; same_organisation / same_controller_group / hosts_applicant / investor_interest: a rule.
        exclusion_reason   text CHECK (exclusion_reason IN ('declared', 'same_organisation', 'same_controller_group', 'hosts_applicant', 'investor_interest')),
        conflict_relation  text,
        conflict_note      text CHECK (conflict_note IS NULL OR char_length(conflict_note) <= 1000),
        scores             jsonb,
        weighted_score     numeric(6, 2),
        comment            text CHECK (comment IS NULL OR char_length(comment) <= 4000),
        comment_shareable  boolean NOT NULL DEFAULT false,
        assigned_by        uuid NOT NULL REFERENCES users (id),
        assigned_at        timestamptz NOT NULL DEFAULT now(),
        declared_at        timestamptz,
        submitted_at       timestamptz,
        version            integer NOT NULL DEFAULT 1,
        CONSTRAINT roadshow_review_assignments_once UNIQUE (round_id, reviewer_user_id),
        CONSTRAINT roadshow_review_assignments_excluded CHECK ((status = 'excluded') = (exclusion_reason IS NOT NULL)),
        CONSTRAINT roadshow_review_assignments_scored CHECK ((status = 'submitted') = (scores IS NOT NULL AND submitted_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX roadshow_review_assignments_reviewer ON roadshow_review_assignments (reviewer_user_id, assigned_at DESC)`);
    await q.query(`
      CREATE TABLE roadshow_coaching_records (
        id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id  uuid NOT NULL REFERENCES roadshow_projects (id),
        coach_name  text NOT NULL CHECK (char_length(coach_name) BETWEEN 1 AND 100),
        coach_user_id uuid REFERENCES users (id),
        coached_at  timestamptz NOT NULL,
        advice      text NOT NULL CHECK (char_length(advice) BETWEEN 1 AND 4000),
        created_by  uuid NOT NULL REFERENCES users (id),
        created_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX roadshow_coaching_records_project ON roadshow_coaching_records (project_id, coached_at DESC)`);
    await q.query(`
      CREATE TABLE roadshow_coaching_items (
        id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        record_id      uuid NOT NULL REFERENCES roadshow_coaching_records (id),
        project_id     uuid NOT NULL REFERENCES roadshow_projects (id),
        description    text NOT NULL CHECK (char_length(description) BETWEEN 1 AND 1000),
        owner_user_id  uuid NOT NULL REFERENCES users (id),
        due_on         date NOT NULL,
        status         text NOT NULL CHECK (status IN ('open', 'done', 'dropped')),
        closed_at      timestamptz,
        closed_by      uuid REFERENCES users (id),
        version        integer NOT NULL DEFAULT 1
      )`);
    await q.query(`CREATE INDEX roadshow_coaching_items_record ON roadshow_coaching_items (record_id)`);
    await q.query(`
      CREATE TABLE roadshow_follow_ups (
        id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id           uuid NOT NULL REFERENCES roadshow_projects (id),
        topic                text NOT NULL CHECK (topic IN ('financing_closed', 'landed', 'other')),
        question             text NOT NULL CHECK (char_length(question) BETWEEN 1 AND 500),
        due_at               timestamptz NOT NULL,
        responsible_user_id  uuid NOT NULL REFERENCES users (id),
        status               text NOT NULL CHECK (status IN ('open', 'done', 'cancelled')),
        answer               text CHECK (answer IS NULL OR char_length(answer) <= 2000),
        reminded_at          timestamptz,
        closed_at            timestamptz,
        closed_by            uuid REFERENCES users (id),
        created_by           uuid NOT NULL REFERENCES users (id),
        created_at           timestamptz NOT NULL DEFAULT now(),
        version              integer NOT NULL DEFAULT 1
      )`);
    await q.query(`CREATE INDEX roadshow_follow_ups_due ON roadshow_follow_ups (due_at) WHERE status = 'open'`);
    await q.query(`CREATE INDEX roadshow_follow_ups_project ON roadshow_follow_ups (project_id, due_at)`);
    // Projects in screening today: round 1 of their case's current revision, on the default rubric.
    await q.query(`
      INSERT INTO roadshow_review_rounds (project_id, round_no, case_id, case_revision, rubric_id)
      SELECT p.id, 1, c.id, c.revision, (SELECT id FROM roadshow_rubrics WHERE key = 'default' AND is_active)
        FROM roadshow_projects p JOIN approval_cases c ON c.id = p.screening_case_id
       WHERE p.status = 'screening' AND c.status IN ('open', 'in_review')`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['roadshow_follow_ups', 'roadshow_coaching_items', 'roadshow_coaching_records', 'roadshow_review_assignments', 'roadshow_review_rounds', 'roadshow_experts', 'roadshow_rubrics']) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
