import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A user's portal preferences, kept per user so that they follow them to another device:
 * - locale (docs/i18n.md): zh-CN, zh-Hant or en; NULL until they choose (the portal then keeps the device's);
 * - elder_mode (docs/accessibility.md): larger text, more contrast, larger targets; NULL until they choose.
 * read_directory_users publishes both (a column added at the end, so replacing the view keeps the others).
 */
export class UserPreferences1764900121000 implements MigrationInterface {
  name = 'UserPreferences1764900121000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN locale text CONSTRAINT users_locale_check CHECK (locale IN ('zh-CN', 'zh-Hant', 'en'))`);
    await q.query(`ALTER TABLE users ADD COLUMN elder_mode boolean`);
    await q.query(`
      CREATE OR REPLACE VIEW read_directory_users AS
      SELECT u.id, u.organization_id, o.region_code, o.kind AS organization_kind, u.email, u.display_name, u.role,
             u.is_org_admin, u.status, u.locale, u.elder_mode
        FROM users u JOIN organizations o ON o.id = u.organization_id`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW read_directory_users`);
    await q.query(`
      CREATE VIEW read_directory_users AS
      SELECT u.id, u.organization_id, o.region_code, o.kind AS organization_kind, u.email, u.display_name, u.role,
             u.is_org_admin, u.status
        FROM users u JOIN organizations o ON o.id = u.organization_id`);
    await q.query(`ALTER TABLE users DROP COLUMN locale, DROP COLUMN elder_mode`);
  }
}
