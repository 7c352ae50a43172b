import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Innovation teams (创新团队) and individual founders as applicants (docs/domain.md, "Organisations").
 *
 * - organizations.kind gains 'team'. A team has no USCC: the USCC rule becomes "enterprises,
 *   providers and investors must have one; a team must not; an agency may".
 * - organizations.host_organization_id: the enterprise or provider (e.g. a university incubator)
 *   hosting a team, or none. Only teams have one, and never themselves.
 * - innovation_team_members (owner: organizations): the leader (one row, is_leader, linked to the
 *   registering user; the ID-card number only masked, never in full) and the members.
 * - read_organizations gains host_organization_id (appended, so CREATE OR REPLACE keeps dependants).
 */
export class InnovationTeams1764900050000 implements MigrationInterface {
  name = 'InnovationTeams1764900050000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE organizations DROP CONSTRAINT organizations_kind_check`);
    await q.query(`ALTER TABLE organizations ADD CONSTRAINT organizations_kind_check CHECK (kind IN ('enterprise', 'provider', 'investor', 'agency', 'team'))`);
    await q.query(`ALTER TABLE organizations DROP CONSTRAINT organizations_uscc_required`);
    await q.query(`
      ALTER TABLE organizations ADD CONSTRAINT organizations_uscc_required
        CHECK (CASE kind WHEN 'agency' THEN true WHEN 'team' THEN uscc IS NULL ELSE uscc IS NOT NULL END)`);
    await q.query(`ALTER TABLE organizations ADD COLUMN host_organization_id uuid REFERENCES organizations (id)`);
    await q.query(`
      ALTER TABLE organizations ADD CONSTRAINT organizations_team_host
        CHECK (host_organization_id IS NULL OR (kind = 'team' AND host_organization_id <> id))`);
    await q.query(`CREATE INDEX organizations_host_idx ON organizations (host_organization_id) WHERE host_organization_id IS NOT NULL`);
    await q.query(`
      CREATE TABLE innovation_team_members (
        id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        -- The order people were listed in (created_at ties within one registration).
        seq              bigint GENERATED ALWAYS AS IDENTITY,
        organization_id  uuid NOT NULL REFERENCES organizations (id),
        name             text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
        title            text CHECK (title IS NULL OR char_length(title) <= 100),
        contact          text CHECK (contact IS NULL OR char_length(contact) <= 100),
        is_leader        boolean NOT NULL DEFAULT false,
        user_id          uuid REFERENCES users (id),
        -- Only the first 6 and last 4 characters, e.g. 330402********123X; never the whole number.
        id_card_masked   text CHECK (id_card_masked IS NULL OR id_card_masked ~ '^[0-9]{6}\\*{8}[0-9]{3}[0-9X]$'),
        created_by       uuid REFERENCES users (id),
        created_at       timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT innovation_team_members_leader_user CHECK (NOT is_leader OR user_id IS NOT NULL),
        CONSTRAINT innovation_team_members_id_card_leader CHECK (id_card_masked IS NULL OR is_leader)
      )`);
    await q.query(`CREATE INDEX innovation_team_members_org_idx ON innovation_team_members (organization_id, seq)`);
    await q.query(`CREATE UNIQUE INDEX innovation_team_members_one_leader ON innovation_team_members (organization_id) WHERE is_leader`);
    await q.query(`
      CREATE OR REPLACE VIEW read_organizations AS
      SELECT o.id, o.kind, o.name, o.uscc, o.region_code, o.status, o.admission_status, o.provider_kind,
             o.agency_level, o.controller_group_id, o.created_at, o.host_organization_id
        FROM organizations o`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW read_organizations`);
    await q.query(`
      CREATE VIEW read_organizations AS
      SELECT o.id, o.kind, o.name, o.uscc, o.region_code, o.status, o.admission_status, o.provider_kind,
             o.agency_level, o.controller_group_id, o.created_at
        FROM organizations o`);
    await q.query(`DROP TABLE IF EXISTS innovation_team_members`);
    await q.query(`ALTER TABLE organizations DROP CONSTRAINT organizations_team_host`);
    await q.query(`ALTER TABLE organizations DROP COLUMN host_organization_id`);
    await q.query(`ALTER TABLE organizations DROP CONSTRAINT organizations_uscc_required`);
    await q.query(`ALTER TABLE organizations ADD CONSTRAINT organizations_uscc_required CHECK (kind = 'agency' OR uscc IS NOT NULL)`);
    await q.query(`ALTER TABLE organizations DROP CONSTRAINT organizations_kind_check`);
    await q.query(`ALTER TABLE organizations ADD CONSTRAINT organizations_kind_check CHECK (kind IN ('enterprise', 'provider', 'investor', 'agency'))`);
  }
}
