import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Cloud roadshows (云路演) live (issue 18): the live page of a cloud or hybrid session, its moderated Q&A,
 * replays and attendance (docs/domain.md, "Live roadshows"; docs/architecture.md, "Live events"). Owner: roadshows.
 *
 * - roadshow_sessions.live_access: who may watch besides organisers and presenters: 'registered' (investors with a
 *   confirmed RSVP, the default for every existing session) or 'public' (every signed-in user).
 * - roadshow_slots.replay_*: the replay of a slot, attached by an organiser after the session.
 * - roadshow_live_channels: one row per session with a live page: the last event number (drawn under this row's
 *   lock, so a session's events commit in number order, without gaps) and the slot an organiser set presenting.
 * - roadshow_live_events: what changed, numbered per session: the SSE stream's ids and what Last-Event-ID replays.
 * - roadshow_live_questions: 提问 pending → approved | rejected; approved → answered. Nobody moderates their own.
 * - roadshow_live_attendance: who opened the live page, first and last seen, one row per user and session.
 */
export class RoadshowLive1764900110000 implements MigrationInterface {
  name = 'RoadshowLive1764900110000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE roadshow_sessions ADD COLUMN live_access text NOT NULL DEFAULT 'registered' CONSTRAINT roadshow_sessions_live_access CHECK (live_access IN ('registered', 'public'))`);
    await q.query(`
      ALTER TABLE roadshow_slots
        ADD COLUMN replay_url text CONSTRAINT roadshow_slots_replay_https CHECK (replay_url IS NULL OR (replay_url LIKE 'https://%' AND char_length(replay_url) <= 500)),
        ADD COLUMN replay_attached_at timestamptz,
        ADD COLUMN replay_attached_by uuid REFERENCES users (id)`);
    await q.query(`
      CREATE TABLE roadshow_live_channels (
        session_id          uuid PRIMARY KEY REFERENCES roadshow_sessions (id) ON DELETE CASCADE,
        last_seq            bigint NOT NULL DEFAULT 0 CHECK (last_seq >= 0),
        presenting_slot_id  uuid REFERENCES roadshow_slots (id) ON DELETE SET NULL,
        presenting_set_at   timestamptz,
        presenting_set_by   uuid REFERENCES users (id),
        updated_at          timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE roadshow_live_events (
        session_id  uuid NOT NULL REFERENCES roadshow_sessions (id) ON DELETE CASCADE,
        seq         bigint NOT NULL CHECK (seq > 0),
        kind        text NOT NULL,
        -- public: every viewer; moderators: the session's organisers, and user_id (the asker) when set.
        audience    text NOT NULL CHECK (audience IN ('public', 'moderators')),
        user_id     uuid,
        payload     jsonb NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (session_id, seq)
      )`);
    await q.query(`
      CREATE TABLE roadshow_live_questions (
        id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        session_id       uuid NOT NULL REFERENCES roadshow_sessions (id) ON DELETE CASCADE,
        -- The slot asked in; the project stays when a cancelled session's slots are released.
        slot_id          uuid REFERENCES roadshow_slots (id) ON DELETE SET NULL,
        project_id       uuid NOT NULL REFERENCES roadshow_projects (id),
        asked_by         uuid NOT NULL REFERENCES users (id),
        asker_org_id     uuid NOT NULL REFERENCES organizations (id),
        body             text NOT NULL CHECK (char_length(body) BETWEEN 2 AND 500),
        status           text NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'answered')),
        moderated_by     uuid REFERENCES users (id),
        moderated_at     timestamptz,
        reject_reason    text CHECK (reject_reason IS NULL OR char_length(reject_reason) <= 500),
        answer           text CHECK (answer IS NULL OR char_length(answer) BETWEEN 1 AND 2000),
        answered_by      uuid REFERENCES users (id),
        answered_at      timestamptz,
        created_at       timestamptz NOT NULL DEFAULT now(),
        version          integer NOT NULL DEFAULT 1,
        CONSTRAINT roadshow_live_questions_not_own CHECK (moderated_by IS NULL OR moderated_by <> asked_by),
        CONSTRAINT roadshow_live_questions_answered CHECK ((status = 'answered') = (answer IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX roadshow_live_questions_session_idx ON roadshow_live_questions (session_id, created_at)`);
    await q.query(`
      CREATE TABLE roadshow_live_attendance (
        session_id       uuid NOT NULL REFERENCES roadshow_sessions (id) ON DELETE CASCADE,
        user_id          uuid NOT NULL REFERENCES users (id),
        organization_id  uuid NOT NULL REFERENCES organizations (id),
        role             text NOT NULL,
        first_seen_at    timestamptz NOT NULL DEFAULT now(),
        last_seen_at     timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (session_id, user_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE roadshow_live_attendance`);
    await q.query(`DROP TABLE roadshow_live_questions`);
    await q.query(`DROP TABLE roadshow_live_events`);
    await q.query(`DROP TABLE roadshow_live_channels`);
    await q.query(`ALTER TABLE roadshow_slots DROP COLUMN replay_url, DROP COLUMN replay_attached_at, DROP COLUMN replay_attached_by`);
    await q.query(`ALTER TABLE roadshow_sessions DROP COLUMN live_access`);
  }
}
