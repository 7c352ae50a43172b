import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Innovation vouchers: programmes, the double-entry ledger, applications, vouchers, service
 * orders, redemption claims and settlement batches. Money is BIGINT fen everywhere; every
 * balance that must not go negative carries a CHECK, so the database is the last line of defence.
 */
export class Vouchers1764700000000 implements MigrationInterface {
  name = 'Vouchers1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE voucher_programs (
        id                           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        issuing_region_code          text NOT NULL REFERENCES regions (code),
        year                         integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        name                         text NOT NULL,
        ratio_bp_by_tier             jsonb NOT NULL,
        per_application_cap_fen      bigint NOT NULL CHECK (per_application_cap_fen > 0),
        annual_cap_enterprise_fen    bigint NOT NULL CHECK (annual_cap_enterprise_fen > 0),
        annual_cap_group_fen         bigint NOT NULL CHECK (annual_cap_group_fen > 0),
        full_coverage_threshold_fen  bigint NOT NULL DEFAULT 0 CHECK (full_coverage_threshold_fen >= 0),
        use_by                       date NOT NULL,
        redeem_by                    date NOT NULL,
        redemption_mode              text NOT NULL CHECK (redemption_mode IN ('provider_redeems', 'enterprise_redeems')),
        settlement_cycle             text NOT NULL CHECK (settlement_cycle IN ('monthly', 'quarterly')),
        budget_fen                   bigint NOT NULL CHECK (budget_fen > 0),
        status                       text NOT NULL CHECK (status IN ('draft', 'open', 'closed')),
        created_by                   uuid REFERENCES users (id),
        created_at                   timestamptz NOT NULL DEFAULT now(),
        updated_at                   timestamptz NOT NULL DEFAULT now(),
        version                      integer NOT NULL DEFAULT 1,
        CONSTRAINT voucher_programs_dates CHECK (redeem_by >= use_by),
        CONSTRAINT voucher_programs_name UNIQUE (issuing_region_code, year, name)
      )`);

    // Ledger: accounts with constrained balances, transactions, and balanced entries.
    await q.query(`
      CREATE TABLE ledger_accounts (
        id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        program_id  uuid NOT NULL REFERENCES voucher_programs (id),
        kind        text NOT NULL CHECK (kind IN ('appropriation', 'budget_available', 'voucher_available', 'voucher_held', 'payable', 'paid', 'clawback_receivable')),
        owner_id    uuid,
        balance_fen bigint NOT NULL DEFAULT 0,
        CONSTRAINT ledger_accounts_non_negative CHECK (kind = 'appropriation' OR balance_fen >= 0),
        CONSTRAINT ledger_accounts_unique UNIQUE NULLS NOT DISTINCT (program_id, kind, owner_id)
      )`);
    await q.query(`
      CREATE TABLE ledger_transactions (
        id              bigserial PRIMARY KEY,
        program_id      uuid NOT NULL REFERENCES voucher_programs (id),
        kind            text NOT NULL,
        reference_type  text NOT NULL,
        reference_id    text NOT NULL,
        amount_fen      bigint NOT NULL CHECK (amount_fen > 0),
        memo            text,
        request_id      text,
        created_at      timestamptz NOT NULL DEFAULT now(),
        -- A movement of a kind happens at most once per reference: nothing is paid twice.
        CONSTRAINT ledger_transactions_once UNIQUE (kind, reference_type, reference_id)
      )`);
    await q.query(`
      CREATE TABLE ledger_entries (
        id              bigserial PRIMARY KEY,
        transaction_id  bigint NOT NULL REFERENCES ledger_transactions (id),
        account_id      uuid NOT NULL REFERENCES ledger_accounts (id),
        amount_fen      bigint NOT NULL CHECK (amount_fen <> 0),
        created_at      timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ledger_entries_account_idx ON ledger_entries (account_id, id)`);
    await q.query(`CREATE INDEX ledger_entries_transaction_idx ON ledger_entries (transaction_id)`);
    await q.query(`CREATE INDEX ledger_transactions_reference_idx ON ledger_transactions (reference_type, reference_id)`);
    // Checked at commit: the entries of every transaction sum to zero.
    await q.query(`
      CREATE FUNCTION ledger_transaction_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE total bigint;
      BEGIN
        SELECT COALESCE(sum(amount_fen), 0) INTO total FROM ledger_entries WHERE transaction_id = NEW.transaction_id;
        IF total <> 0 THEN
          RAISE EXCEPTION 'ledger transaction % is unbalanced by % fen', NEW.transaction_id, total USING ERRCODE = 'check_violation', CONSTRAINT = 'ledger_entries_balanced';
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE CONSTRAINT TRIGGER ledger_entries_balanced AFTER INSERT ON ledger_entries
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_transaction_balanced()`);
    await q.query(`
      CREATE FUNCTION ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'the ledger is append-only; post a reversing transaction' USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`CREATE TRIGGER ledger_entries_append_only BEFORE UPDATE OR DELETE ON ledger_entries FOR EACH ROW EXECUTE FUNCTION ledger_append_only()`);
    await q.query(`CREATE TRIGGER ledger_transactions_append_only BEFORE UPDATE OR DELETE ON ledger_transactions FOR EACH ROW EXECUTE FUNCTION ledger_append_only()`);

    // Annual caps per enterprise and per actual-controller group, as constrained counters.
    await q.query(`
      CREATE TABLE program_cap_usage (
        program_id  uuid NOT NULL REFERENCES voucher_programs (id),
        scope       text NOT NULL CHECK (scope IN ('enterprise', 'group')),
        scope_id    uuid NOT NULL,
        used_fen    bigint NOT NULL DEFAULT 0,
        cap_fen     bigint NOT NULL,
        PRIMARY KEY (program_id, scope, scope_id),
        CONSTRAINT program_cap_usage_within_cap CHECK (used_fen >= 0 AND used_fen <= cap_fen)
      )`);

    await q.query(`CREATE SEQUENCE voucher_application_number_seq`);
    await q.query(`CREATE SEQUENCE voucher_number_seq`);
    await q.query(`CREATE SEQUENCE service_order_number_seq`);
    await q.query(`CREATE SEQUENCE redemption_claim_number_seq`);

    await q.query(`
      CREATE TABLE voucher_applications (
        id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        number             text NOT NULL UNIQUE,
        program_id         uuid NOT NULL REFERENCES voucher_programs (id),
        enterprise_id      uuid NOT NULL REFERENCES organizations (id),
        applicant_user_id  uuid NOT NULL REFERENCES users (id),
        requested_fen      bigint NOT NULL CHECK (requested_fen > 0),
        purpose            text NOT NULL,
        status             text NOT NULL CHECK (status IN ('draft', 'submitted', 'in_review', 'approved', 'issued', 'rejected', 'returned', 'withdrawn')),
        rejection_reason   text,
        case_id            uuid REFERENCES approval_cases (id),
        voucher_id         uuid,
        submitted_at       timestamptz,
        decided_at         timestamptz,
        created_at         timestamptz NOT NULL DEFAULT now(),
        updated_at         timestamptz NOT NULL DEFAULT now(),
        version            integer NOT NULL DEFAULT 1
      )`);
    await q.query(`CREATE INDEX voucher_applications_enterprise_idx ON voucher_applications (enterprise_id, program_id)`);

    await q.query(`
      CREATE TABLE vouchers (
        id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        number                text NOT NULL UNIQUE,
        program_id            uuid NOT NULL REFERENCES voucher_programs (id),
        enterprise_id         uuid NOT NULL REFERENCES organizations (id),
        application_id        uuid NOT NULL UNIQUE REFERENCES voucher_applications (id),
        face_value_fen        bigint NOT NULL CHECK (face_value_fen > 0),
        use_by                date NOT NULL,
        redeem_by             date NOT NULL,
        status                text NOT NULL CHECK (status IN ('active', 'exhausted', 'expired', 'revoked')),
        available_account_id  uuid NOT NULL REFERENCES ledger_accounts (id),
        held_account_id       uuid NOT NULL REFERENCES ledger_accounts (id),
        issued_at             timestamptz NOT NULL DEFAULT now(),
        closed_at             timestamptz,
        version               integer NOT NULL DEFAULT 1
      )`);
    await q.query(`CREATE INDEX vouchers_enterprise_idx ON vouchers (enterprise_id, status)`);
    await q.query(`CREATE INDEX vouchers_expiry_idx ON vouchers (use_by) WHERE status IN ('active', 'exhausted')`);
    await q.query(`ALTER TABLE voucher_applications ADD CONSTRAINT voucher_applications_voucher_fk FOREIGN KEY (voucher_id) REFERENCES vouchers (id)`);

    await q.query(`
      CREATE TABLE service_orders (
        id                        uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        number                    text NOT NULL UNIQUE,
        program_id                uuid NOT NULL REFERENCES voucher_programs (id),
        voucher_id                uuid NOT NULL REFERENCES vouchers (id),
        enterprise_id             uuid NOT NULL REFERENCES organizations (id),
        provider_id               uuid NOT NULL REFERENCES organizations (id),
        service_id                uuid NOT NULL REFERENCES catalog_services (id),
        quantity                  integer NOT NULL CHECK (quantity > 0),
        unit_price_fen            bigint NOT NULL CHECK (unit_price_fen > 0),
        contract_amount_fen       bigint NOT NULL CHECK (contract_amount_fen > 0),
        ratio_bp                  integer NOT NULL CHECK (ratio_bp BETWEEN 0 AND 10000),
        recognition_agreement_id  uuid,
        subsidy_held_fen          bigint NOT NULL CHECK (subsidy_held_fen >= 0),
        actual_amount_fen         bigint CHECK (actual_amount_fen > 0),
        subsidy_final_fen         bigint CHECK (subsidy_final_fen >= 0),
        status                    text NOT NULL CHECK (status IN ('created', 'accepted', 'declined', 'delivered', 'confirmed', 'disputed', 'claimed', 'settled', 'cancelled', 'rejected')),
        report_number             text,
        delivered_on              date,
        ordered_on                date NOT NULL,
        dispute_reason            text,
        created_by                uuid REFERENCES users (id),
        created_at                timestamptz NOT NULL DEFAULT now(),
        updated_at                timestamptz NOT NULL DEFAULT now(),
        version                   integer NOT NULL DEFAULT 1,
        CONSTRAINT service_orders_actual_within_contract CHECK (actual_amount_fen IS NULL OR actual_amount_fen <= contract_amount_fen),
        CONSTRAINT service_orders_subsidy_within_amount CHECK (subsidy_held_fen <= contract_amount_fen)
      )`);
    await q.query(`CREATE INDEX service_orders_enterprise_idx ON service_orders (enterprise_id, created_at DESC)`);
    await q.query(`CREATE INDEX service_orders_provider_idx ON service_orders (provider_id, created_at DESC)`);
    await q.query(`CREATE INDEX service_orders_voucher_idx ON service_orders (voucher_id)`);

    await q.query(`
      CREATE TABLE redemption_claims (
        id                     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        number                 text NOT NULL UNIQUE,
        order_id               uuid NOT NULL REFERENCES service_orders (id),
        program_id             uuid NOT NULL REFERENCES voucher_programs (id),
        voucher_id             uuid NOT NULL REFERENCES vouchers (id),
        claimant_org_id        uuid NOT NULL REFERENCES organizations (id),
        payee_org_id           uuid NOT NULL REFERENCES organizations (id),
        mode                   text NOT NULL CHECK (mode IN ('provider_redeems', 'enterprise_redeems')),
        amount_fen             bigint NOT NULL CHECK (amount_fen > 0),
        contract_no            text NOT NULL,
        invoice_no             text NOT NULL,
        invoice_no_normalized  text NOT NULL,
        payment_proof          text NOT NULL,
        report_no              text NOT NULL,
        status                 text NOT NULL CHECK (status IN ('submitted', 'in_review', 'approved', 'paid', 'rejected', 'returned', 'withdrawn', 'clawed_back')),
        case_id                uuid REFERENCES approval_cases (id),
        rejection_reason       text,
        submitted_by           uuid REFERENCES users (id),
        approved_at            timestamptz,
        paid_at                timestamptz,
        created_at             timestamptz NOT NULL DEFAULT now(),
        updated_at             timestamptz NOT NULL DEFAULT now(),
        version                integer NOT NULL DEFAULT 1
      )`);
    // One live claim per order, and 发票号 unique system-wide however it is typed; a withdrawn claim frees both.
    await q.query(`CREATE UNIQUE INDEX redemption_claims_one_per_order ON redemption_claims (order_id) WHERE status <> 'withdrawn'`);
    await q.query(`CREATE UNIQUE INDEX redemption_claims_invoice_unique ON redemption_claims (invoice_no_normalized) WHERE status <> 'withdrawn'`);
    await q.query(`CREATE INDEX redemption_claims_program_idx ON redemption_claims (program_id, status)`);

    await q.query(`
      CREATE TABLE settlement_batches (
        id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        number               text NOT NULL UNIQUE,
        program_id           uuid NOT NULL REFERENCES voucher_programs (id),
        period_start         date NOT NULL,
        period_end           date NOT NULL,
        status               text NOT NULL CHECK (status IN ('open', 'closed', 'approved', 'paid', 'reconciled')),
        total_fen            bigint NOT NULL DEFAULT 0 CHECK (total_fen >= 0),
        item_count           integer NOT NULL DEFAULT 0,
        closed_at            timestamptz,
        approved_by          uuid REFERENCES users (id),
        approved_at          timestamptz,
        paid_at              timestamptz,
        payment_reference    text,
        reconciled_at        timestamptz,
        reconciliation_note  text,
        created_at           timestamptz NOT NULL DEFAULT now(),
        version              integer NOT NULL DEFAULT 1,
        CONSTRAINT settlement_batches_period UNIQUE (program_id, period_start),
        CONSTRAINT settlement_batches_dates CHECK (period_end >= period_start)
      )`);
    await q.query(`
      CREATE TABLE settlement_items (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        batch_id      uuid NOT NULL REFERENCES settlement_batches (id),
        claim_id      uuid NOT NULL UNIQUE REFERENCES redemption_claims (id),
        payee_org_id  uuid NOT NULL REFERENCES organizations (id),
        amount_fen    bigint NOT NULL CHECK (amount_fen > 0),
        created_at    timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX settlement_items_batch_idx ON settlement_items (batch_id, payee_org_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['settlement_items', 'settlement_batches', 'redemption_claims', 'service_orders', 'vouchers', 'voucher_applications', 'program_cap_usage', 'ledger_entries', 'ledger_transactions', 'ledger_accounts', 'voucher_programs']) {
      await q.query(`DROP TABLE IF EXISTS ${t} CASCADE`);
    }
    for (const s of ['voucher_application_number_seq', 'voucher_number_seq', 'service_order_number_seq', 'redemption_claim_number_seq']) await q.query(`DROP SEQUENCE IF EXISTS ${s}`);
    await q.query(`DROP FUNCTION IF EXISTS ledger_transaction_balanced() CASCADE`);
    await q.query(`DROP FUNCTION IF EXISTS ledger_append_only() CASCADE`);
  }
}
