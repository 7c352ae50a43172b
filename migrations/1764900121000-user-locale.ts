import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A user's language (docs/i18n.md): zh-CN, zh-Hant or en, chosen in the portal and kept per user so that it
 * follows them to another device. NULL until they choose; the portal then keeps the device's choice.
 * read_directory_users publishes it (a column added at the end, so replacing the view keeps the others).
 */
export class UserLocale1764900121000 implements MigrationInterface {
  name = 'UserLocale1764900121000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN locale text CONSTRAINT users_locale_check CHECK (locale IN ('zh-CN', 'zh-Hant', 'en'))`);
    await q.query(`
      CREATE OR REPLACE VIEW read_directory_users AS
      SELECT u.id, u.organization_id, o.region_code, o.kind AS organization_kind, u.email, u.display_name, u.role,
             u.is_org_admin, u.status, u.locale
        FROM users u JOIN organizations o ON o.id = u.organization_id`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW read_directory_users`);
    await q.query(`
      CREATE VIEW read_directory_users AS
      SELECT u.id, u.organization_id, o.region_code, o.kind AS organization_kind, u.email, u.display_name, u.role,
             u.is_org_admin, u.status
        FROM users u JOIN organizations o ON o.id = u.organization_id`);
    await q.query(`ALTER TABLE users DROP COLUMN locale`);
  }
}
