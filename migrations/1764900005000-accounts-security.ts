import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Accounts and sessions (docs/security.md, "Accounts, sessions and the shared throttle"):
 * - `rate_limit_counters`: the shared rate limiter's fixed windows when the app runs without Redis
 *   (embedded mode); one upsert per hit keeps it atomic across processes.
 * - Refresh-token families: a session (one per sign-in) is a family; every refresh secret it ever
 *   retired is kept in `auth_retired_refresh_secrets`, so presenting any of them, however many rotations
 *   old, is recognised as reuse and revokes the family. The single `previous_secret_hash` column is
 *   migrated into that table and dropped.
 * - Password change and forced reset: `users.must_reset_password`, `users.password_changed_at` and
 *   single-use `password_reset_tokens` (only their sha256 is stored).
 */
export class AccountsSecurity1764900005000 implements MigrationInterface {
  name = 'AccountsSecurity1764900005000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE rate_limit_counters (
        key             text PRIMARY KEY,
        hits            integer NOT NULL CHECK (hits >= 0),
        window_ends_at  timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX rate_limit_counters_window_idx ON rate_limit_counters (window_ends_at)`);

    await q.query(`
      CREATE TABLE auth_retired_refresh_secrets (
        secret_hash  text PRIMARY KEY,
        session_id   uuid NOT NULL REFERENCES auth_sessions (id) ON DELETE CASCADE,
        retired_at   timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX auth_retired_refresh_secrets_session_idx ON auth_retired_refresh_secrets (session_id)`);
    await q.query(`
      INSERT INTO auth_retired_refresh_secrets (secret_hash, session_id, retired_at)
      SELECT previous_secret_hash, id, last_used_at FROM auth_sessions WHERE previous_secret_hash IS NOT NULL
      ON CONFLICT DO NOTHING`);
    await q.query(`ALTER TABLE auth_sessions DROP COLUMN previous_secret_hash`);

    await q.query(`ALTER TABLE users ADD COLUMN must_reset_password boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE users ADD COLUMN password_changed_at timestamptz`);
    await q.query(`
      CREATE TABLE password_reset_tokens (
        id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id     uuid NOT NULL REFERENCES users (id),
        token_hash  text NOT NULL UNIQUE,
        issued_by   uuid NOT NULL REFERENCES users (id),
        created_at  timestamptz NOT NULL DEFAULT now(),
        expires_at  timestamptz NOT NULL,
        used_at     timestamptz,
        CHECK (expires_at > created_at)
      )`);
    await q.query(`CREATE INDEX password_reset_tokens_user_idx ON password_reset_tokens (user_id) WHERE used_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS password_reset_tokens`);
    await q.query(`ALTER TABLE users DROP COLUMN IF EXISTS password_changed_at`);
    await q.query(`ALTER TABLE users DROP COLUMN IF EXISTS must_reset_password`);
    await q.query(`ALTER TABLE auth_sessions ADD COLUMN IF NOT EXISTS previous_secret_hash text`);
    await q.query(`DROP TABLE IF EXISTS auth_retired_refresh_secrets`);
    await q.query(`DROP TABLE IF EXISTS rate_limit_counters`);
  }
}
