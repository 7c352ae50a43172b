import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Embedding and single sign-on (issue 19; docs/security.md, "Single sign-on", "Partner API keys", "Calendar feeds"):
 * - auth_oidc_identities: an external OpenID Connect identity (issuer, subject) linked to one user, on first login
 *   by a verified e-mail matching an active user;
 * - auth_oidc_logins: a sign-in in flight (state, nonce, PKCE verifier), kept here rather than in a process so that
 *   any API process can finish the callback; single use, short-lived; then the one-time hand-over ticket the
 *   portal exchanges for its token pair;
 * - partner_api_keys: keys of partner platforms, stored as sha256, read-only scopes, revocable;
 * - roadshow_calendar_feeds: the sha256 of each user's secret calendar-feed URL (one per user; rotation replaces it).
 */
export class SsoApiKeysFeeds1764900180000 implements MigrationInterface {
  name = 'SsoApiKeysFeeds1764900180000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE auth_oidc_identities (
        issuer      text NOT NULL,
        subject     text NOT NULL,
        user_id     uuid NOT NULL REFERENCES users (id),
        email       text NOT NULL,
        linked_at   timestamptz NOT NULL DEFAULT now(),
        last_login_at timestamptz,
        PRIMARY KEY (issuer, subject),
        CONSTRAINT auth_oidc_identities_one_per_user UNIQUE (issuer, user_id)
      )`);
    await q.query(`
      CREATE TABLE auth_oidc_logins (
        state_hash     text PRIMARY KEY,
        nonce          text NOT NULL,
        code_verifier  text NOT NULL,
        created_at     timestamptz NOT NULL DEFAULT now(),
        expires_at     timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX auth_oidc_logins_expiry_idx ON auth_oidc_logins (expires_at)`);
    await q.query(`
      CREATE TABLE auth_oidc_tickets (
        ticket_hash  text PRIMARY KEY,
        user_id      uuid NOT NULL REFERENCES users (id),
        issuer       text NOT NULL,
        expires_at   timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE partner_api_keys (
        id                     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name                   text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        prefix                 text NOT NULL UNIQUE,
        key_hash               text NOT NULL UNIQUE,
        scopes                 text[] NOT NULL CHECK (cardinality(scopes) >= 1 AND scopes <@ ARRAY['catalog:read', 'roadshows:read']),
        rate_limit_per_minute  integer NOT NULL CHECK (rate_limit_per_minute BETWEEN 1 AND 100000),
        created_by             uuid NOT NULL REFERENCES users (id),
        created_at             timestamptz NOT NULL DEFAULT now(),
        last_used_at           timestamptz,
        revoked_at             timestamptz,
        revoked_by             uuid REFERENCES users (id)
      )`);
    await q.query(`
      CREATE TABLE roadshow_calendar_feeds (
        user_id      uuid PRIMARY KEY REFERENCES users (id),
        secret_hash  text NOT NULL UNIQUE,
        rotated_at   timestamptz NOT NULL DEFAULT now(),
        last_read_at timestamptz
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE roadshow_calendar_feeds`);
    await q.query(`DROP TABLE partner_api_keys`);
    await q.query(`DROP TABLE auth_oidc_tickets`);
    await q.query(`DROP TABLE auth_oidc_logins`);
    await q.query(`DROP TABLE auth_oidc_identities`);
  }
}
