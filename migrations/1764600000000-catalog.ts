import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Service catalogue (服务目录) with Chinese keyword search, recognition agreements (互认协议)
 * and streamed bulk CSV import (staging table + progress + per-row error report).
 */
export class Catalog1764600000000 implements MigrationInterface {
  name = 'Catalog1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE service_categories (
        code        text PRIMARY KEY CHECK (code ~ '^[a-z][a-z_]{1,40}$'),
        name        text NOT NULL,
        name_en     text NOT NULL,
        sort_order  integer NOT NULL DEFAULT 0
      )`);
    await q.query(`
      INSERT INTO service_categories (code, name, name_en, sort_order) VALUES
        ('testing',         '检测',     'Testing and inspection',    10),
        ('analysis',        '分析测试', 'Analysis',                  20),
        ('instrument_time', '仪器共享', 'Shared instrument time',    30),
        ('calibration',     '计量校准', 'Metrology and calibration', 40),
        ('certification',   '认证',     'Certification',             50),
        ('rnd_design',      '研发设计', 'R&D and design',            60),
        ('other',           '其他',     'Other',                     90)
    `);

    // search_text: NFKC + lower-case name/instrument/description (the ILIKE recheck runs on it).
    // search_tokens: unigrams + overlapping bigrams of Han runs and whole words, built in TypeScript
    // (array_to_tsvector: the lexemes go in verbatim, no parser).
    await q.query(`
      CREATE TABLE catalog_services (
        id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        provider_id       uuid NOT NULL REFERENCES organizations (id),
        code              text NOT NULL CHECK (char_length(code) BETWEEN 1 AND 64),
        name              text NOT NULL CHECK (char_length(name) BETWEEN 2 AND 200),
        category          text NOT NULL REFERENCES service_categories (code),
        unit_price_fen    bigint NOT NULL,
        unit              text NOT NULL CHECK (char_length(unit) BETWEEN 1 AND 20),
        lead_time_days    integer NOT NULL,
        instrument_name   text CHECK (char_length(instrument_name) <= 200),
        instrument_model  text CHECK (char_length(instrument_model) <= 100),
        description       text CHECK (char_length(description) <= 2000),
        region_code       text NOT NULL REFERENCES regions (code),
        status            text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'withdrawn')),
        search_text       text NOT NULL,
        search_tokens     tsvector NOT NULL,
        version           integer NOT NULL DEFAULT 1,
        created_at        timestamptz NOT NULL DEFAULT now(),
        updated_at        timestamptz NOT NULL DEFAULT now(),
        withdrawn_at      timestamptz,
        CONSTRAINT catalog_services_provider_code_key UNIQUE (provider_id, code),
        CONSTRAINT catalog_services_price_positive CHECK (unit_price_fen > 0 AND unit_price_fen <= 1000000000000),
        CONSTRAINT catalog_services_lead_time CHECK (lead_time_days BETWEEN 0 AND 365)
      )`);
    await q.query(`CREATE INDEX catalog_services_search_idx ON catalog_services USING gin (search_tokens)`);
    await q.query(`CREATE INDEX catalog_services_name_idx ON catalog_services (name, id) WHERE status = 'active'`);
    await q.query(`CREATE INDEX catalog_services_category_idx ON catalog_services (category, name, id) WHERE status = 'active'`);
    await q.query(`CREATE INDEX catalog_services_region_idx ON catalog_services (region_code, name, id) WHERE status = 'active'`);

    await q.query(`
      CREATE TABLE recognition_agreements (
        id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        issuing_region_code  text NOT NULL REFERENCES regions (code),
        partner_region_code  text NOT NULL REFERENCES regions (code),
        name                 text NOT NULL CHECK (char_length(name) BETWEEN 2 AND 200),
        effective_from       date NOT NULL,
        effective_to         date,
        ratio_override_bp    integer CHECK (ratio_override_bp BETWEEN 0 AND 10000),
        per_order_cap_fen    bigint CHECK (per_order_cap_fen > 0 AND per_order_cap_fen <= 1000000000000),
        status               text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'terminated')),
        terminated_on        date,
        created_by           uuid REFERENCES users (id),
        version              integer NOT NULL DEFAULT 1,
        created_at           timestamptz NOT NULL DEFAULT now(),
        updated_at           timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT recognition_agreements_dates CHECK (effective_to IS NULL OR effective_to >= effective_from),
        CONSTRAINT recognition_agreements_regions CHECK (issuing_region_code <> partner_region_code),
        CONSTRAINT recognition_agreements_terminated CHECK ((status = 'terminated') = (terminated_on IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX recognition_agreements_issuing_idx ON recognition_agreements (issuing_region_code, effective_from)`);
    await q.query(`CREATE INDEX recognition_agreements_partner_idx ON recognition_agreements (partner_region_code)`);

    await q.query(`
      CREATE TABLE recognition_agreement_providers (
        agreement_id  uuid NOT NULL REFERENCES recognition_agreements (id),
        provider_id   uuid NOT NULL REFERENCES organizations (id),
        added_by      uuid REFERENCES users (id),
        added_at      timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (agreement_id, provider_id)
      )`);
    await q.query(`CREATE INDEX recognition_agreement_providers_provider_idx ON recognition_agreement_providers (provider_id)`);

    // provider_id is denormalised so "has this provider any listed services?" is one index probe;
    // the composite FK keeps it honest (the provider must be listed in the same agreement).
    await q.query(`
      CREATE TABLE recognition_agreement_services (
        agreement_id  uuid NOT NULL,
        service_id    uuid NOT NULL REFERENCES catalog_services (id),
        provider_id   uuid NOT NULL,
        added_by      uuid REFERENCES users (id),
        added_at      timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (agreement_id, service_id),
        CONSTRAINT recognition_agreement_services_provider_fk FOREIGN KEY (agreement_id, provider_id)
          REFERENCES recognition_agreement_providers (agreement_id, provider_id)
      )`);
    await q.query(`CREATE INDEX recognition_agreement_services_provider_idx ON recognition_agreement_services (agreement_id, provider_id)`);
    await q.query(`CREATE INDEX recognition_agreement_services_service_idx ON recognition_agreement_services (service_id)`);

    await q.query(`
      CREATE TABLE catalog_imports (
        id                     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        actor_user_id          uuid NOT NULL REFERENCES users (id),
        actor_organization_id  uuid NOT NULL REFERENCES organizations (id),
        actor_role             text NOT NULL,
        region_code            text NOT NULL REFERENCES regions (code),
        status                 text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'completed', 'failed')),
        rows_total             integer NOT NULL DEFAULT 0,
        rows_valid             integer NOT NULL DEFAULT 0,
        rows_invalid           integer NOT NULL DEFAULT 0,
        rows_inserted          integer NOT NULL DEFAULT 0,
        rows_updated           integer NOT NULL DEFAULT 0,
        providers_created      integer NOT NULL DEFAULT 0,
        bytes                  bigint NOT NULL DEFAULT 0,
        error_message          text,
        started_at             timestamptz NOT NULL DEFAULT now(),
        updated_at             timestamptz NOT NULL DEFAULT now(),
        finished_at            timestamptz,
        CONSTRAINT catalog_imports_counts CHECK (rows_valid + rows_invalid = rows_total)
      )`);
    await q.query(`CREATE INDEX catalog_imports_actor_idx ON catalog_imports (actor_user_id, started_at DESC)`);
    await q.query(`CREATE INDEX catalog_imports_running_idx ON catalog_imports (updated_at) WHERE status = 'running'`);

    await q.query(`
      CREATE TABLE catalog_import_errors (
        id          bigserial PRIMARY KEY,
        import_id   uuid NOT NULL REFERENCES catalog_imports (id) ON DELETE CASCADE,
        row_number  integer NOT NULL,
        field       text NOT NULL,
        message     text NOT NULL
      )`);
    await q.query(`CREATE INDEX catalog_import_errors_import_idx ON catalog_import_errors (import_id, row_number, id)`);

    // Staging for COPY: unlogged (no WAL; losing it in a crash only loses an unfinished import)
    // and without indexes, so COPY runs at full speed. Rows are deleted when their import ends.
    // Providers are resolved while streaming (new ones get their id then), so the upsert needs no join.
    await q.query(`
      CREATE UNLOGGED TABLE catalog_import_rows (
        import_id         uuid NOT NULL,
        row_number        integer NOT NULL,
        provider_id       uuid NOT NULL,
        region_code       text NOT NULL,
        service_code      text NOT NULL,
        name              text NOT NULL,
        category          text NOT NULL,
        unit_price_fen    bigint NOT NULL,
        unit              text NOT NULL,
        lead_time_days    integer NOT NULL,
        instrument_name   text,
        instrument_model  text,
        description       text,
        search_text       text NOT NULL,
        search_tokens     text[] NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'catalog_import_rows', 'catalog_import_errors', 'catalog_imports', 'recognition_agreement_services',
      'recognition_agreement_providers', 'recognition_agreements', 'catalog_services', 'service_categories',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${table} CASCADE`);
    }
  }
}
