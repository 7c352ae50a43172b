import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Platform foundation: reference regions, organisations, accounts, audit trail,
 * outbox, idempotency keys and in-app notifications.
 */
export class PlatformFoundation1764400000000 implements MigrationInterface {
  name = 'PlatformFoundation1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE regions (
        code         text PRIMARY KEY,
        name         text NOT NULL,
        name_en      text NOT NULL,
        kind         text NOT NULL CHECK (kind IN ('municipality', 'city', 'district', 'county')),
        parent_code  text REFERENCES regions (code),
        is_g60       boolean NOT NULL DEFAULT false,
        is_partner   boolean NOT NULL DEFAULT false,
        sort_order   integer NOT NULL DEFAULT 0
      )`);
    await q.query(`
      INSERT INTO regions (code, name, name_en, kind, parent_code, is_g60, is_partner, sort_order) VALUES
        ('330400', '嘉兴市', 'Jiaxing',    'city',         NULL,     true,  false, 10),
        ('330402', '南湖区', 'Nanhu',      'district',     '330400', false, false, 11),
        ('330411', '秀洲区', 'Xiuzhou',    'district',     '330400', false, false, 12),
        ('330421', '嘉善县', 'Jiashan',    'county',       '330400', false, false, 13),
        ('330482', '平湖市', 'Pinghu',     'county',       '330400', false, false, 14),
        ('330424', '海盐县', 'Haiyan',     'county',       '330400', false, false, 15),
        ('330481', '海宁市', 'Haining',    'county',       '330400', false, false, 16),
        ('330483', '桐乡市', 'Tongxiang',  'county',       '330400', false, false, 17),
        ('310000', '上海市', 'Shanghai',   'municipality', NULL,     false, true,  20),
        ('310117', '松江区', 'Songjiang',  'district',     '310000', true,  false, 21),
        ('330100', '杭州市', 'Hangzhou',   'city',         NULL,     true,  false, 30),
        ('330500', '湖州市', 'Huzhou',     'city',         NULL,     true,  false, 31),
        ('330700', '金华市', 'Jinhua',     'city',         NULL,     true,  false, 32),
        ('320500', '苏州市', 'Suzhou',     'city',         NULL,     true,  false, 33),
        ('340100', '合肥市', 'Hefei',      'city',         NULL,     true,  false, 34),
        ('340200', '芜湖市', 'Wuhu',       'city',         NULL,     true,  false, 35),
        ('341800', '宣城市', 'Xuancheng',  'city',         NULL,     true,  false, 36)
    `);

    await q.query(`
      CREATE TABLE controller_groups (
        id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name             text NOT NULL,
        controller_name  text NOT NULL,
        created_at       timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE organizations (
        id                      uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind                    text NOT NULL CHECK (kind IN ('enterprise', 'provider', 'investor', 'agency')),
        name                    text NOT NULL CHECK (char_length(name) BETWEEN 2 AND 200),
        uscc                    char(18),
        region_code             text NOT NULL REFERENCES regions (code),
        status                  text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended', 'closed')),
        admission_status        text CHECK (admission_status IN ('applied', 'in_review', 'public_notice', 'active', 'suspended', 'revoked', 'rejected')),
        provider_kind           text CHECK (provider_kind IN ('university', 'institute', 'third_party_lab')),
        accreditations          text[] NOT NULL DEFAULT '{}',
        agency_level            text CHECK (agency_level IN ('district', 'city', 'partner', 'platform')),
        controller_group_id     uuid REFERENCES controller_groups (id),
        public_notice_ends_at   timestamptz,
        contact_name            text,
        contact_phone           text,
        version                 integer NOT NULL DEFAULT 1,
        created_at              timestamptz NOT NULL DEFAULT now(),
        updated_at              timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT organizations_uscc_key UNIQUE (uscc),
        CONSTRAINT organizations_uscc_shape CHECK (uscc IS NULL OR uscc ~ '^[0-9A-HJ-NPQRTUWXY]{18}$'),
        CONSTRAINT organizations_provider_admission CHECK ((kind = 'provider') = (admission_status IS NOT NULL)),
        CONSTRAINT organizations_agency_level CHECK ((kind = 'agency') = (agency_level IS NOT NULL)),
        CONSTRAINT organizations_uscc_required CHECK (kind = 'agency' OR uscc IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX organizations_region_idx ON organizations (region_code, kind)`);
    await q.query(`CREATE INDEX organizations_controller_group_idx ON organizations (controller_group_id) WHERE controller_group_id IS NOT NULL`);

    await q.query(`
      CREATE TABLE enterprise_qualifications (
        id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id  uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        kind             text NOT NULL CHECK (kind IN ('tech_sme', 'high_tech', 'specialised_sme')),
        certificate_no   text NOT NULL,
        valid_from       date NOT NULL,
        valid_to         date NOT NULL,
        created_at       timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT enterprise_qualifications_dates CHECK (valid_to >= valid_from),
        CONSTRAINT enterprise_qualifications_unique UNIQUE (organization_id, kind, certificate_no)
      )`);

    await q.query(`
      CREATE TABLE users (
        id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id  uuid NOT NULL REFERENCES organizations (id),
        email            text NOT NULL CHECK (email = lower(email)),
        password_hash    text NOT NULL,
        display_name     text NOT NULL,
        role             text NOT NULL CHECK (role IN ('enterprise_user', 'provider_user', 'reviewer', 'approver', 'finance', 'partner_admin', 'investor', 'platform_admin')),
        is_org_admin     boolean NOT NULL DEFAULT false,
        status           text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
        created_at       timestamptz NOT NULL DEFAULT now(),
        updated_at       timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT users_email_key UNIQUE (email)
      )`);
    await q.query(`CREATE INDEX users_organization_idx ON users (organization_id)`);

    await q.query(`
      CREATE TABLE auth_sessions (
        id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id               uuid NOT NULL REFERENCES users (id),
        secret_hash           text NOT NULL,
        previous_secret_hash  text,
        user_agent            text,
        created_at            timestamptz NOT NULL DEFAULT now(),
        last_used_at          timestamptz NOT NULL DEFAULT now(),
        expires_at            timestamptz NOT NULL,
        revoked_at            timestamptz,
        revoked_reason        text
      )`);
    await q.query(`CREATE INDEX auth_sessions_user_idx ON auth_sessions (user_id) WHERE revoked_at IS NULL`);

    await q.query(`
      CREATE TABLE invitations (
        id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id  uuid NOT NULL REFERENCES organizations (id),
        email            text NOT NULL CHECK (email = lower(email)),
        role             text NOT NULL,
        is_org_admin     boolean NOT NULL DEFAULT false,
        invited_by       uuid NOT NULL REFERENCES users (id),
        token_hash       text NOT NULL,
        expires_at       timestamptz NOT NULL,
        accepted_at      timestamptz,
        accepted_user_id uuid REFERENCES users (id),
        created_at       timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT invitations_token_hash_key UNIQUE (token_hash)
      )`);

    // Append-only, hash-chained trail. seq is assigned under an advisory lock, so it has no gaps:
    // a missing seq or a broken prev_hash link is evidence of deletion or tampering.
    await q.query(`
      CREATE TABLE audit_events (
        seq                     bigint PRIMARY KEY CHECK (seq > 0),
        occurred_at             timestamptz NOT NULL,
        actor_user_id           uuid,
        actor_role              text,
        actor_organization_id   uuid,
        organization_id         uuid,
        region_code             text,
        action                  text NOT NULL,
        subject_type            text NOT NULL,
        subject_id              text NOT NULL,
        before                  jsonb,
        after                   jsonb,
        request_id              text,
        prev_hash               char(64) NOT NULL,
        hash                    char(64) NOT NULL
      )`);
    await q.query(`CREATE INDEX audit_events_subject_idx ON audit_events (subject_type, subject_id, seq)`);
    await q.query(`CREATE INDEX audit_events_org_idx ON audit_events (organization_id, seq)`);
    await q.query(`CREATE INDEX audit_events_actor_org_idx ON audit_events (actor_organization_id, seq)`);
    await q.query(`CREATE INDEX audit_events_region_idx ON audit_events (region_code, seq)`);
    await q.query(`
      CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_events is append-only' USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER audit_events_no_update BEFORE UPDATE OR DELETE ON audit_events
        FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()`);
    await q.query(`
      CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
        FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only()`);

    // Transactional outbox: written with the domain change, relayed to BullMQ after commit.
    await q.query(`
      CREATE TABLE outbox (
        id                bigserial PRIMARY KEY,
        queue             text NOT NULL,
        job_name          text NOT NULL,
        payload           jsonb NOT NULL,
        available_at      timestamptz NOT NULL DEFAULT now(),
        created_at        timestamptz NOT NULL DEFAULT now(),
        published_at      timestamptz,
        processed_at      timestamptz,
        cancelled_at      timestamptz,
        publish_count     integer NOT NULL DEFAULT 0,
        last_error        text,
        request_id        text
      )`);
    await q.query(`CREATE INDEX outbox_unpublished_idx ON outbox (id) WHERE published_at IS NULL AND cancelled_at IS NULL`);
    await q.query(`CREATE INDEX outbox_unprocessed_idx ON outbox (published_at) WHERE processed_at IS NULL AND published_at IS NOT NULL AND cancelled_at IS NULL`);

    await q.query(`
      CREATE TABLE idempotency_keys (
        id               bigserial PRIMARY KEY,
        scope            text NOT NULL,
        key              text NOT NULL,
        method           text NOT NULL,
        path             text NOT NULL,
        request_hash     char(64) NOT NULL,
        status           text NOT NULL CHECK (status IN ('in_progress', 'completed')),
        claim_token      uuid NOT NULL,
        lease_until      timestamptz NOT NULL,
        response_status  integer,
        response_body    jsonb,
        created_at       timestamptz NOT NULL DEFAULT now(),
        expires_at       timestamptz NOT NULL,
        CONSTRAINT idempotency_keys_scope_key UNIQUE (scope, key)
      )`);
    await q.query(`CREATE INDEX idempotency_keys_expiry_idx ON idempotency_keys (expires_at)`);

    await q.query(`
      CREATE TABLE notifications (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id       uuid NOT NULL REFERENCES users (id),
        kind          text NOT NULL,
        title         text NOT NULL,
        body          text NOT NULL,
        subject_type  text,
        subject_id    text,
        dedup_key     text,
        created_at    timestamptz NOT NULL DEFAULT now(),
        read_at       timestamptz,
        CONSTRAINT notifications_dedup_key UNIQUE (user_id, dedup_key)
      )`);
    await q.query(`CREATE INDEX notifications_inbox_idx ON notifications (user_id, created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['notifications', 'idempotency_keys', 'outbox', 'audit_events', 'invitations', 'auth_sessions', 'users', 'enterprise_qualifications', 'organizations', 'controller_groups', 'regions']) {
      await q.query(`DROP TABLE IF EXISTS ${table} CASCADE`);
    }
    await q.query(`DROP FUNCTION IF EXISTS audit_events_append_only()`);
  }
}
