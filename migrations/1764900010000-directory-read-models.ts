import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The directory read models (issue 14, one owner per table; docs/architecture.md, "Read models").
 * Published by organizations so other modules can filter and label their own rows by party and
 * region in one query without touching organizations' tables. Read-only: no credentials, no
 * contact details, no version counters. A module that must lock or change an organisation calls
 * OrganizationDirectory / OrganizationsService instead.
 * - read_organizations: one row per organisation: kind, name, USCC, region, statuses, group.
 * - read_regions: one row per region: names, kind, parent, corridor flags, order.
 * - read_directory_users: one row per user: organisation, region, role, org-admin flag, status, name.
 */
export class DirectoryReadModels1764900010000 implements MigrationInterface {
  name = 'DirectoryReadModels1764900010000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE VIEW read_organizations AS
      SELECT o.id, o.kind, o.name, o.uscc, o.region_code, o.status, o.admission_status, o.provider_kind,
             o.agency_level, o.controller_group_id, o.created_at
        FROM organizations o`);
    await q.query(`
      CREATE VIEW read_regions AS
      SELECT r.code, r.name, r.name_en, r.kind, r.parent_code, r.is_g60, r.is_partner, r.sort_order
        FROM regions r`);
    await q.query(`
      CREATE VIEW read_directory_users AS
      SELECT u.id, u.organization_id, o.region_code, o.kind AS organization_kind, u.email, u.display_name, u.role,
             u.is_org_admin, u.status
        FROM users u
        JOIN organizations o ON o.id = u.organization_id`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const view of ['read_directory_users', 'read_regions', 'read_organizations']) {
      await q.query(`DROP VIEW IF EXISTS ${view}`);
    }
  }
}
