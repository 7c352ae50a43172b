import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * S&T roadshows (科创路演): projects and their lifecycle, venues, sessions, slots, versioned
 * agendas, session requests, investors (profiles, follows, RSVPs, interest pipeline) and
 * outcomes. The hard scheduling rules live here as constraints, so that no code path and no
 * race can break them: a venue is never double-booked and a project never sits in two
 * overlapping slots (exclusion constraints over tstzrange), slots stay inside their session's
 * window, a session never seats more than its capacity or its venue holds.
 */
export class Roadshows1764800000000 implements MigrationInterface {
  name = 'Roadshows1764800000000';

  async up(q: QueryRunner): Promise<void> {
    // Equality on uuid inside a GiST exclusion constraint needs btree_gist.
    await q.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);
    await q.query(`CREATE SEQUENCE roadshow_project_number_seq`);

    await q.query(`
      CREATE TABLE roadshow_projects (
        id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        number              text NOT NULL UNIQUE,
        enterprise_id       uuid NOT NULL REFERENCES organizations (id),
        submitted_by        uuid NOT NULL REFERENCES users (id),
        title               text NOT NULL CHECK (length(title) BETWEEN 2 AND 200),
        summary             text NOT NULL DEFAULT '',
        industry            text NOT NULL,
        stage               text NOT NULL CHECK (stage IN ('seed', 'angel', 'pre_a', 'series_a', 'series_b', 'series_c_plus', 'pre_ipo')),
        financing_ask_fen   bigint NOT NULL CHECK (financing_ask_fen > 0),
        region_code         text NOT NULL REFERENCES regions (code),
        team                jsonb NOT NULL DEFAULT '[]',
        availability        jsonb NOT NULL DEFAULT '[]',
        status              text NOT NULL CHECK (status IN ('collected', 'screening', 'returned', 'screened', 'coached', 'scheduled', 'presented', 'matched', 'landed', 'tracked', 'rejected', 'withdrawn')),
        status_changed_at   timestamptz NOT NULL DEFAULT now(),
        screening_case_id   uuid REFERENCES approval_cases (id),
        decision_reason     text,
        deck_key            text,
        deck_file_name      text,
        deck_content_type   text,
        deck_size_bytes     bigint CHECK (deck_size_bytes > 0),
        deck_sha256         text,
        deck_uploaded_at    timestamptz,
        created_at          timestamptz NOT NULL DEFAULT now(),
        updated_at          timestamptz NOT NULL DEFAULT now(),
        version             integer NOT NULL DEFAULT 1
      )`);
    await q.query(`CREATE INDEX roadshow_projects_enterprise_idx ON roadshow_projects (enterprise_id)`);
    await q.query(`CREATE INDEX roadshow_projects_status_idx ON roadshow_projects (status, industry)`);

    // The project timeline: every stage change, timestamped.
    await q.query(`
      CREATE TABLE roadshow_project_events (
        id             bigserial PRIMARY KEY,
        project_id     uuid NOT NULL REFERENCES roadshow_projects (id),
        event          text NOT NULL,
        from_status    text,
        to_status      text NOT NULL,
        note           text,
        actor_user_id  uuid REFERENCES users (id),
        occurred_at    timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(`CREATE INDEX roadshow_project_events_project_idx ON roadshow_project_events (project_id, id)`);

    // Investors invited to a project's confidential pitch deck.
    await q.query(`
      CREATE TABLE roadshow_deck_invitations (
        project_id       uuid NOT NULL REFERENCES roadshow_projects (id),
        investor_org_id  uuid NOT NULL REFERENCES organizations (id),
        invited_by       uuid REFERENCES users (id),
        invited_at       timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (project_id, investor_org_id)
      )`);

    await q.query(`
      CREATE TABLE roadshow_venues (
        id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name        text NOT NULL,
        city_code   text NOT NULL REFERENCES regions (code),
        address     text NOT NULL DEFAULT '',
        capacity    integer NOT NULL CHECK (capacity > 0),
        created_at  timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT roadshow_venues_name UNIQUE (city_code, name)
      )`);

    await q.query(`
      CREATE TABLE roadshow_sessions (
        id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        title               text NOT NULL,
        type                text NOT NULL CHECK (type IN ('custom', 'alliance', 'cloud')),
        host_city_code      text NOT NULL REFERENCES regions (code),
        co_host_city_codes  text[] NOT NULL DEFAULT '{}',
        venue_id            uuid REFERENCES roadshow_venues (id),
        stream_url          text,
        capacity            integer NOT NULL CHECK (capacity > 0),
        seats_taken         integer NOT NULL DEFAULT 0,
        starts_at           timestamptz NOT NULL,
        ends_at             timestamptz NOT NULL,
        during              tstzrange GENERATED ALWAYS AS (tstzrange(starts_at, ends_at, '[)')) STORED,
        pitch_minutes       integer NOT NULL CHECK (pitch_minutes BETWEEN 1 AND 120),
        qa_minutes          integer NOT NULL CHECK (qa_minutes BETWEEN 0 AND 120),
        theme_industries    text[] NOT NULL DEFAULT '{}',
        status              text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'finished', 'cancelled')),
        agenda_version      integer NOT NULL DEFAULT 0,
        created_by          uuid REFERENCES users (id),
        created_at          timestamptz NOT NULL DEFAULT now(),
        updated_at          timestamptz NOT NULL DEFAULT now(),
        published_at        timestamptz,
        finished_at         timestamptz,
        version             integer NOT NULL DEFAULT 1,
        CONSTRAINT roadshow_sessions_window CHECK (ends_at > starts_at AND ends_at - starts_at >= make_interval(mins => pitch_minutes + qa_minutes)),
        CONSTRAINT roadshow_sessions_seats CHECK (seats_taken >= 0 AND seats_taken <= capacity),
        CONSTRAINT roadshow_sessions_place CHECK ((type = 'cloud' AND stream_url IS NOT NULL) OR (type <> 'cloud' AND venue_id IS NOT NULL)),
        CONSTRAINT roadshow_sessions_alliance CHECK (type <> 'alliance' OR cardinality(co_host_city_codes) >= 1),
        CONSTRAINT roadshow_sessions_venue_free EXCLUDE USING gist (venue_id WITH =, during WITH &&) WHERE (venue_id IS NOT NULL AND status <> 'cancelled')
      )`);
    await q.query(`CREATE INDEX roadshow_sessions_starts_idx ON roadshow_sessions (starts_at)`);
    // Capacity: an in-person session seats no more than its venue holds.
    await q.query(`
      CREATE FUNCTION roadshow_session_within_venue() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE venue_capacity integer;
      BEGIN
        IF NEW.venue_id IS NULL THEN RETURN NEW; END IF;
        SELECT capacity INTO venue_capacity FROM roadshow_venues WHERE id = NEW.venue_id;
        IF NEW.capacity > venue_capacity THEN
          RAISE EXCEPTION 'session capacity % exceeds the venue capacity %', NEW.capacity, venue_capacity
            USING ERRCODE = 'check_violation', CONSTRAINT = 'roadshow_sessions_within_venue_capacity';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER roadshow_sessions_within_venue BEFORE INSERT OR UPDATE OF capacity, venue_id ON roadshow_sessions
        FOR EACH ROW EXECUTE FUNCTION roadshow_session_within_venue()`);

    await q.query(`
      CREATE TABLE roadshow_slots (
        id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        session_id   uuid NOT NULL REFERENCES roadshow_sessions (id),
        project_id   uuid NOT NULL REFERENCES roadshow_projects (id),
        slot_index   integer NOT NULL CHECK (slot_index >= 0),
        starts_at    timestamptz NOT NULL,
        ends_at      timestamptz NOT NULL,
        during       tstzrange GENERATED ALWAYS AS (tstzrange(starts_at, ends_at, '[)')) STORED,
        placed_by    text NOT NULL CHECK (placed_by IN ('scheduler', 'manual')),
        explanation  jsonb NOT NULL DEFAULT '[]',
        created_by   uuid REFERENCES users (id),
        created_at   timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT roadshow_slots_window CHECK (ends_at > starts_at),
        CONSTRAINT roadshow_slots_once_per_session UNIQUE (session_id, project_id),
        CONSTRAINT roadshow_slots_session_free EXCLUDE USING gist (session_id WITH =, during WITH &&),
        CONSTRAINT roadshow_slots_presenter_free EXCLUDE USING gist (project_id WITH =, during WITH &&)
      )`);
    // A slot lies inside its session's time window.
    await q.query(`
      CREATE FUNCTION roadshow_slot_within_session() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE s record;
      BEGIN
        SELECT starts_at, ends_at INTO s FROM roadshow_sessions WHERE id = NEW.session_id;
        IF NEW.starts_at < s.starts_at OR NEW.ends_at > s.ends_at THEN
          RAISE EXCEPTION 'slot [%, %) lies outside its session [%, %)', NEW.starts_at, NEW.ends_at, s.starts_at, s.ends_at
            USING ERRCODE = 'check_violation', CONSTRAINT = 'roadshow_slots_within_session';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER roadshow_slots_within_session BEFORE INSERT OR UPDATE OF starts_at, ends_at, session_id ON roadshow_slots
        FOR EACH ROW EXECUTE FUNCTION roadshow_slot_within_session()`);

    // Published agendas are frozen, versioned, with the changelog against the previous version.
    await q.query(`
      CREATE TABLE roadshow_agenda_versions (
        session_id    uuid NOT NULL REFERENCES roadshow_sessions (id),
        version       integer NOT NULL CHECK (version > 0),
        agenda        jsonb NOT NULL,
        changelog     jsonb NOT NULL,
        published_by  uuid REFERENCES users (id),
        published_at  timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (session_id, version)
      )`);

    await q.query(`
      CREATE TABLE roadshow_session_requests (
        id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        requester_org_id   uuid NOT NULL REFERENCES organizations (id),
        requester_user_id  uuid NOT NULL REFERENCES users (id),
        requester_kind     text NOT NULL CHECK (requester_kind IN ('enterprise', 'investor', 'park')),
        title              text NOT NULL,
        industries         text[] NOT NULL DEFAULT '{}',
        host_city_code     text NOT NULL REFERENCES regions (code),
        preferred_start    timestamptz NOT NULL,
        preferred_end      timestamptz NOT NULL,
        expected_audience  integer NOT NULL CHECK (expected_audience > 0),
        note               text,
        status             text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'declined')),
        session_id         uuid REFERENCES roadshow_sessions (id),
        decided_by         uuid REFERENCES users (id),
        decided_at         timestamptz,
        decision_note      text,
        created_at         timestamptz NOT NULL DEFAULT now(),
        version            integer NOT NULL DEFAULT 1,
        CONSTRAINT roadshow_session_requests_window CHECK (preferred_end > preferred_start),
        CONSTRAINT roadshow_session_requests_accepted CHECK (status <> 'accepted' OR session_id IS NOT NULL)
      )`);

    await q.query(`
      CREATE TABLE investor_profiles (
        organization_id   uuid PRIMARY KEY REFERENCES organizations (id),
        focus_industries  text[] NOT NULL DEFAULT '{}',
        focus_stages      text[] NOT NULL DEFAULT '{}',
        ticket_min_fen    bigint CHECK (ticket_min_fen >= 0),
        ticket_max_fen    bigint CHECK (ticket_max_fen > 0),
        updated_by        uuid REFERENCES users (id),
        updated_at        timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT investor_profiles_ticket CHECK (ticket_min_fen IS NULL OR ticket_max_fen IS NULL OR ticket_max_fen >= ticket_min_fen)
      )`);

    await q.query(`
      CREATE TABLE roadshow_follows (
        user_id      uuid NOT NULL REFERENCES users (id),
        project_id   uuid NOT NULL REFERENCES roadshow_projects (id),
        created_at   timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, project_id)
      )`);
    await q.query(`CREATE INDEX roadshow_follows_project_idx ON roadshow_follows (project_id)`);

    // RSVPs: seats are counted on the session row (CHECK seats_taken <= capacity); the waitlist
    // is ordered by seq, which is drawn under the session row lock.
    await q.query(`
      CREATE TABLE roadshow_rsvps (
        id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq              bigserial NOT NULL,
        session_id       uuid NOT NULL REFERENCES roadshow_sessions (id),
        user_id          uuid NOT NULL REFERENCES users (id),
        organization_id  uuid NOT NULL REFERENCES organizations (id),
        status           text NOT NULL CHECK (status IN ('confirmed', 'waitlisted', 'cancelled')),
        promoted_at      timestamptz,
        cancelled_at     timestamptz,
        created_at       timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX roadshow_rsvps_active ON roadshow_rsvps (session_id, user_id) WHERE status <> 'cancelled'`);
    await q.query(`CREATE INDEX roadshow_rsvps_waitlist_idx ON roadshow_rsvps (session_id, seq) WHERE status = 'waitlisted'`);

    await q.query(`
      CREATE TABLE roadshow_interests (
        id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id       uuid NOT NULL REFERENCES roadshow_projects (id),
        investor_org_id  uuid NOT NULL REFERENCES organizations (id),
        status           text NOT NULL CHECK (status IN ('interested', 'meeting', 'due_diligence', 'term_sheet', 'invested', 'dropped')),
        note             text,
        created_by       uuid NOT NULL REFERENCES users (id),
        created_at       timestamptz NOT NULL DEFAULT now(),
        updated_at       timestamptz NOT NULL DEFAULT now(),
        version          integer NOT NULL DEFAULT 1,
        CONSTRAINT roadshow_interests_once UNIQUE (project_id, investor_org_id)
      )`);
    await q.query(`
      CREATE TABLE roadshow_interest_events (
        id             bigserial PRIMARY KEY,
        interest_id    uuid NOT NULL REFERENCES roadshow_interests (id),
        from_status    text,
        to_status      text NOT NULL,
        actor_user_id  uuid REFERENCES users (id),
        occurred_at    timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);

    await q.query(`
      CREATE TABLE roadshow_outcomes (
        project_id              uuid PRIMARY KEY REFERENCES roadshow_projects (id),
        landed_in_jiaxing       boolean NOT NULL,
        landing_district_code   text REFERENCES regions (code),
        landed_on               date,
        financing_raised_fen    bigint NOT NULL DEFAULT 0 CHECK (financing_raised_fen >= 0),
        note                    text,
        recorded_by             uuid REFERENCES users (id),
        updated_at              timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT roadshow_outcomes_landing CHECK (NOT landed_in_jiaxing OR (landing_district_code IS NOT NULL AND landed_on IS NOT NULL))
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'roadshow_outcomes', 'roadshow_interest_events', 'roadshow_interests', 'roadshow_rsvps', 'roadshow_follows', 'investor_profiles',
      'roadshow_session_requests', 'roadshow_agenda_versions', 'roadshow_slots', 'roadshow_sessions', 'roadshow_venues',
      'roadshow_deck_invitations', 'roadshow_project_events', 'roadshow_projects',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
    await q.query(`DROP FUNCTION IF EXISTS roadshow_slot_within_session()`);
    await q.query(`DROP FUNCTION IF EXISTS roadshow_session_within_venue()`);
    await q.query(`DROP SEQUENCE IF EXISTS roadshow_project_number_seq`);
  }
}
