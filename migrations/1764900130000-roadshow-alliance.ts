import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The G60 nine-city roadshow alliance (路演联盟, issue 18; docs/domain.md, "The nine-city alliance"). Owner: roadshows
 * (the organisation and user CHECKs: organizations).
 *
 * - A city's roadshow organiser organisation is an agency of level 'roadshow' in that city; its people hold the role
 *   'roadshow_organiser'.
 * - roadshow_sessions.co_host_city_codes now lists the co-hosts that ACCEPTED (they moderate and read the session's
 *   statistics); pending_co_host_city_codes those invited and not yet answered. roadshow_cohost_invitations keeps each
 *   invitation's state. Existing co-hosts were named by the platform admin: they migrate as accepted invitations. An
 *   alliance session may wait for its first acceptance, so the "at least one co-host" CHECK goes (the service asks
 *   for at least one invitation when the session is created).
 * - roadshow_series: an alliance series with its member cities in rotation order, the cities that opted out and
 *   the position the next session's host is drawn from. roadshow_sessions.series_id / series_seq place a session in it.
 * - roadshow_referrals: a city refers a project to another city (for one of its sessions, or its next one).
 * - roadshow_outcomes: the landing city (one of the G60 cities) and the region below it; landed_in_jiaxing becomes
 *   a generated column kept for the clients that read it.
 * - roadshow_slots.explanation_codes: the scheduler's reasons as stable codes with parameters (the portal words them).
 */
export class RoadshowAlliance1764900130000 implements MigrationInterface {
  name = 'RoadshowAlliance1764900130000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users DROP CONSTRAINT users_role_check`);
    await q.query(`ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN ('enterprise_user', 'provider_user', 'reviewer', 'approver', 'finance', 'partner_admin', 'investor', 'platform_admin', 'roadshow_organiser'))`);
    await q.query(`ALTER TABLE organizations DROP CONSTRAINT organizations_agency_level_check`);
    await q.query(`ALTER TABLE organizations ADD CONSTRAINT organizations_agency_level_check CHECK (agency_level IN ('district', 'city', 'partner', 'platform', 'roadshow'))`);

    await q.query(`ALTER TABLE roadshow_sessions DROP CONSTRAINT roadshow_sessions_alliance`);
    await q.query(`ALTER TABLE roadshow_sessions ADD COLUMN pending_co_host_city_codes text[] NOT NULL DEFAULT '{}'`);
    await q.query(`
      CREATE TABLE roadshow_cohost_invitations (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        session_id    uuid NOT NULL REFERENCES roadshow_sessions (id),
        city_code     text NOT NULL REFERENCES regions (code),
        status        text NOT NULL CHECK (status IN ('invited', 'accepted', 'declined', 'withdrawn')),
        invited_by    uuid REFERENCES users (id),
        decided_by    uuid REFERENCES users (id),
        decided_at    timestamptz,
        reason        text CHECK (reason IS NULL OR char_length(reason) <= 500),
        created_at    timestamptz NOT NULL DEFAULT now(),
        version       integer NOT NULL DEFAULT 1,
        CONSTRAINT roadshow_cohost_invitations_once UNIQUE (session_id, city_code)
      )`);
    await q.query(`CREATE INDEX roadshow_cohost_invitations_city_idx ON roadshow_cohost_invitations (city_code, status)`);
    await q.query(`
      INSERT INTO roadshow_cohost_invitations (session_id, city_code, status, invited_by, decided_at, created_at)
      SELECT s.id, c.code, 'accepted', s.created_by, s.created_at, s.created_at FROM roadshow_sessions s CROSS JOIN LATERAL unnest(s.co_host_city_codes) AS c(code)`);

    await q.query(`
      CREATE TABLE roadshow_series (
        id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        title                 text NOT NULL CHECK (char_length(title) BETWEEN 2 AND 200),
        rotation_city_codes   text[] NOT NULL CHECK (cardinality(rotation_city_codes) >= 2),
        opted_out_city_codes  text[] NOT NULL DEFAULT '{}',
        -- Where the search for the next host starts (an index into rotation_city_codes).
        next_position         integer NOT NULL DEFAULT 0 CHECK (next_position >= 0),
        sessions_created      integer NOT NULL DEFAULT 0,
        created_by            uuid REFERENCES users (id),
        created_at            timestamptz NOT NULL DEFAULT now(),
        version               integer NOT NULL DEFAULT 1,
        CONSTRAINT roadshow_series_title UNIQUE (title),
        CONSTRAINT roadshow_series_position CHECK (next_position < cardinality(rotation_city_codes))
      )`);
    await q.query(`ALTER TABLE roadshow_sessions ADD COLUMN series_id uuid REFERENCES roadshow_series (id), ADD COLUMN series_seq integer`);
    await q.query(`ALTER TABLE roadshow_sessions ADD CONSTRAINT roadshow_sessions_series CHECK ((series_id IS NULL) = (series_seq IS NULL))`);
    await q.query(`CREATE UNIQUE INDEX roadshow_sessions_series_seq ON roadshow_sessions (series_id, series_seq) WHERE series_id IS NOT NULL`);

    await q.query(`
      CREATE TABLE roadshow_referrals (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id      uuid NOT NULL REFERENCES roadshow_projects (id),
        from_city_code  text NOT NULL REFERENCES regions (code),
        to_city_code    text NOT NULL REFERENCES regions (code),
        -- NULL: for the receiving city's next session.
        session_id      uuid REFERENCES roadshow_sessions (id),
        status          text NOT NULL CHECK (status IN ('pending', 'accepted', 'declined', 'withdrawn')),
        note            text CHECK (note IS NULL OR char_length(note) <= 2000),
        decline_reason  text CHECK (decline_reason IS NULL OR char_length(decline_reason) BETWEEN 2 AND 2000),
        referred_by     uuid NOT NULL REFERENCES users (id),
        decided_by      uuid REFERENCES users (id),
        decided_at      timestamptz,
        created_at      timestamptz NOT NULL DEFAULT now(),
        version         integer NOT NULL DEFAULT 1,
        CONSTRAINT roadshow_referrals_other_city CHECK (from_city_code <> to_city_code),
        CONSTRAINT roadshow_referrals_declined CHECK ((status = 'declined') = (decline_reason IS NOT NULL))
      )`);
    // One open referral of a project to a city at a time.
    await q.query(`CREATE UNIQUE INDEX roadshow_referrals_open ON roadshow_referrals (project_id, to_city_code) WHERE status IN ('pending', 'accepted')`);
    await q.query(`CREATE INDEX roadshow_referrals_to_idx ON roadshow_referrals (to_city_code, status)`);
    await q.query(`CREATE INDEX roadshow_referrals_from_idx ON roadshow_referrals (from_city_code, status)`);

    await q.query(`ALTER TABLE roadshow_outcomes ADD COLUMN landing_city_code text REFERENCES regions (code)`);
    await q.query(`UPDATE roadshow_outcomes SET landing_city_code = '330400' WHERE landed_in_jiaxing`);
    await q.query(`ALTER TABLE roadshow_outcomes DROP CONSTRAINT roadshow_outcomes_landing`);
    await q.query(`ALTER TABLE roadshow_outcomes DROP COLUMN landed_in_jiaxing`);
    await q.query(`ALTER TABLE roadshow_outcomes ADD COLUMN landed_in_jiaxing boolean GENERATED ALWAYS AS (COALESCE(landing_city_code = '330400', false)) STORED`);
    await q.query(`
      ALTER TABLE roadshow_outcomes ADD CONSTRAINT roadshow_outcomes_landing
        CHECK ((landing_city_code IS NULL) = (landed_on IS NULL) AND (landing_district_code IS NULL OR landing_city_code IS NOT NULL))`);
    await q.query(`CREATE INDEX roadshow_outcomes_landing_city_idx ON roadshow_outcomes (landing_city_code) WHERE landing_city_code IS NOT NULL`);

    await q.query(`ALTER TABLE roadshow_slots ADD COLUMN explanation_codes jsonb NOT NULL DEFAULT '[]'`);
    await q.query(`UPDATE roadshow_slots SET explanation_codes = '[{"code":"placed_by_hand","params":{}}]' WHERE placed_by = 'manual'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE roadshow_slots DROP COLUMN explanation_codes`);
    await q.query(`DROP INDEX roadshow_outcomes_landing_city_idx`);
    await q.query(`ALTER TABLE roadshow_outcomes DROP CONSTRAINT roadshow_outcomes_landing`);
    await q.query(`ALTER TABLE roadshow_outcomes DROP COLUMN landed_in_jiaxing`);
    await q.query(`ALTER TABLE roadshow_outcomes ADD COLUMN landed_in_jiaxing boolean NOT NULL DEFAULT false`);
    await q.query(`UPDATE roadshow_outcomes SET landed_in_jiaxing = true WHERE landing_city_code = '330400'`);
    await q.query(`UPDATE roadshow_outcomes SET landing_district_code = NULL, landed_on = NULL WHERE NOT landed_in_jiaxing`);
    await q.query(`ALTER TABLE roadshow_outcomes DROP COLUMN landing_city_code`);
    await q.query(`ALTER TABLE roadshow_outcomes ADD CONSTRAINT roadshow_outcomes_landing CHECK (NOT landed_in_jiaxing OR (landing_district_code IS NOT NULL AND landed_on IS NOT NULL))`);
    await q.query(`DROP TABLE roadshow_referrals`);
    await q.query(`ALTER TABLE roadshow_sessions DROP CONSTRAINT roadshow_sessions_series`);
    await q.query(`ALTER TABLE roadshow_sessions DROP COLUMN series_id, DROP COLUMN series_seq`);
    await q.query(`DROP TABLE roadshow_series`);
    await q.query(`DROP TABLE roadshow_cohost_invitations`);
    await q.query(`ALTER TABLE roadshow_sessions DROP COLUMN pending_co_host_city_codes`);
    await q.query(`ALTER TABLE roadshow_sessions ADD CONSTRAINT roadshow_sessions_alliance CHECK (type <> 'alliance' OR cardinality(co_host_city_codes) >= 1) NOT VALID`);
    await q.query(`ALTER TABLE organizations DROP CONSTRAINT organizations_agency_level_check`);
    await q.query(`ALTER TABLE organizations ADD CONSTRAINT organizations_agency_level_check CHECK (agency_level IN ('district', 'city', 'partner', 'platform'))`);
    await q.query(`ALTER TABLE users DROP CONSTRAINT users_role_check`);
    await q.query(`ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN ('enterprise_user', 'provider_user', 'reviewer', 'approver', 'finance', 'partner_admin', 'investor', 'platform_admin'))`);
  }
}
