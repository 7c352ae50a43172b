import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Money at the database's pace (docs/architecture.md, "Money paths"):
 *
 * - ledger_post(): one movement (conditional debit, credit, journal transaction, its two entries)
 *   in one round trip. Returns the transaction id and both balances after, or no row when the
 *   source lacks the amount. The deferred balance trigger and the append-only triggers still apply.
 * - service_order_place(): an order's hold in one statement: locks the voucher, re-checks what
 *   ordering checked (owner, status, use-by, the stamps of the reference data it was priced on),
 *   claims the request's idempotency key, posts the hold, exhausts the voucher when it reaches 0
 *   and inserts the order. Returns an outcome; anything but 'ok' wrote nothing.
 * - Stamps of reference data that API and worker processes cache: a row's xmin for single rows
 *   (a service, its provider, a policy version, an enterprise's qualifications), and
 *   reference_versions counters for what spans tables (recognition agreements), bumped by
 *   statement-level triggers that also NOTIFY g60_reference_changed with the table's name. The stamp
 *   functions are PL/pgSQL so that each session plans their queries once (SQL functions that cannot
 *   be inlined are planned on every call).
 * - read_voucher_for_order (owner: vouchers): a voucher, its available balance and its holder's
 *   qualification spans with their stamp, for ordering's one read.
 */
export class MoneyInOneStatement1764900080000 implements MigrationInterface {
  name = 'MoneyInOneStatement1764900080000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION ledger_post(p_program uuid, p_kind text, p_reference_type text, p_reference_id text,
                                  p_from uuid, p_to uuid, p_amount bigint, p_memo text, p_request_id text)
        RETURNS TABLE (transaction_id bigint, from_balance_fen bigint, to_balance_fen bigint)
        LANGUAGE plpgsql AS $$
      DECLARE
        v_from bigint;
        v_to bigint;
        v_tx bigint;
      BEGIN
        IF p_amount IS NULL OR p_amount <= 0 THEN
          RAISE EXCEPTION 'ledger movements are positive; got %', p_amount USING ERRCODE = 'check_violation';
        END IF;
        IF p_from = p_to THEN
          RAISE EXCEPTION 'a movement needs two different accounts' USING ERRCODE = 'check_violation';
        END IF;
        UPDATE ledger_accounts SET balance_fen = balance_fen - p_amount
         WHERE id = p_from AND (kind = 'appropriation' OR balance_fen >= p_amount)
        RETURNING balance_fen INTO v_from;
        IF NOT FOUND THEN
          RETURN;
        END IF;
        UPDATE ledger_accounts SET balance_fen = balance_fen + p_amount WHERE id = p_to RETURNING balance_fen INTO v_to;
        IF NOT FOUND THEN
          RAISE EXCEPTION 'ledger account % does not exist', p_to USING ERRCODE = 'foreign_key_violation';
        END IF;
        INSERT INTO ledger_transactions (program_id, kind, reference_type, reference_id, amount_fen, memo, request_id)
        VALUES (p_program, p_kind, p_reference_type, p_reference_id, p_amount, p_memo, p_request_id)
        RETURNING id INTO v_tx;
        INSERT INTO ledger_entries (transaction_id, account_id, amount_fen) VALUES (v_tx, p_from, -p_amount), (v_tx, p_to, p_amount);
        RETURN QUERY SELECT v_tx, v_from, v_to;
      END $$`);

    // Counters for reference data that spans tables; single rows are stamped by their xmin.
    await q.query(`
      CREATE TABLE reference_versions (
        name     text PRIMARY KEY,
        version  bigint NOT NULL DEFAULT 1
      )`);
    await q.query(`INSERT INTO reference_versions (name) VALUES ('recognition')`);
    await q.query(`
      CREATE FUNCTION reference_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_NARGS > 0 THEN
          UPDATE reference_versions SET version = version + 1 WHERE name = TG_ARGV[0];
        END IF;
        PERFORM pg_notify('g60_reference_changed', TG_TABLE_NAME);
        RETURN NULL;
      END $$`);
    for (const table of ['recognition_agreements', 'recognition_agreement_providers', 'recognition_agreement_services', 'recognition_agreement_signatures']) {
      await q.query(`CREATE TRIGGER ${table}_reference_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table}
                       FOR EACH STATEMENT EXECUTE FUNCTION reference_changed('recognition')`);
    }
    for (const table of ['catalog_services', 'organizations', 'voucher_programs', 'voucher_program_versions']) {
      await q.query(`CREATE TRIGGER ${table}_reference_changed AFTER UPDATE OR DELETE OR TRUNCATE ON ${table}
                       FOR EACH STATEMENT EXECUTE FUNCTION reference_changed()`);
    }

    await q.query(`
      CREATE FUNCTION service_stamp(p_service uuid) RETURNS text LANGUAGE plpgsql STABLE AS $$
      BEGIN
        RETURN (SELECT s.xmin::text || ':' || p.xmin::text FROM catalog_services s JOIN organizations p ON p.id = s.provider_id WHERE s.id = p_service);
      END $$`);
    await q.query(`
      CREATE FUNCTION policy_version_stamp(p_program uuid, p_version integer) RETURNS text LANGUAGE plpgsql STABLE AS $$
      BEGIN
        RETURN (SELECT pv.xmin::text || ':' || p.xmin::text FROM voucher_program_versions pv JOIN voucher_programs p ON p.id = pv.program_id
         WHERE pv.program_id = p_program AND pv.version_no = p_version);
      END $$`);
    await q.query(`
      CREATE FUNCTION qualifications_stamp(p_organization uuid) RETURNS text LANGUAGE plpgsql STABLE AS $$
      BEGIN
        RETURN (SELECT COALESCE(md5(string_agg(id::text || ':' || xmin::text, ',' ORDER BY id)), '-')
          FROM enterprise_qualifications WHERE organization_id = p_organization);
      END $$`);
    await q.query(`
      CREATE FUNCTION recognition_stamp() RETURNS text LANGUAGE plpgsql STABLE AS $$
      BEGIN
        RETURN (SELECT version::text FROM reference_versions WHERE name = 'recognition');
      END $$`);

    // Owner: vouchers. What ordering reads of a voucher, in one statement (read_voucher_balances' kin).
    await q.query(`
      CREATE VIEW read_voucher_for_order AS
      SELECT v.id, v.enterprise_id, v.program_id, v.program_version, v.applicant_kind, v.status, v.use_by::text AS use_by,
             a.balance_fen AS available_fen,
             COALESCE((SELECT json_agg(json_build_object('kind', q.kind, 'validFrom', q.valid_from::text, 'validTo', q.valid_to::text, 'status', q.status) ORDER BY q.id)
                         FROM enterprise_qualifications q WHERE q.organization_id = v.enterprise_id), '[]'::json) AS qualifications,
             qualifications_stamp(v.enterprise_id) AS qualifications_stamp
        FROM vouchers v JOIN ledger_accounts a ON a.id = v.available_account_id`);

    await q.query(`
      CREATE FUNCTION service_order_place(
          p_voucher uuid, p_enterprise uuid, p_today date, p_subsidy bigint, p_order_id uuid, p_number text,
          p_service uuid, p_quantity integer, p_unit_price bigint, p_contract bigint, p_ratio_bp integer,
          p_agreement uuid, p_created_by uuid, p_stamps text[], p_request_id text,
          p_idempotency_id bigint, p_idempotency_token uuid, p_response_status integer, p_response jsonb)
        RETURNS TABLE (outcome text, voucher_status text, available_fen bigint, exhausted boolean)
        LANGUAGE plpgsql AS $$
      DECLARE
        v vouchers%ROWTYPE;
        v_program uuid;
        v_provider uuid;
        v_moved record;
      BEGIN
        SELECT * INTO v FROM vouchers WHERE id = p_voucher FOR UPDATE;
        IF NOT FOUND OR v.enterprise_id <> p_enterprise THEN
          RETURN QUERY SELECT 'missing'::text, NULL::text, NULL::bigint, false; RETURN;
        END IF;
        IF v.status <> 'active' THEN
          RETURN QUERY SELECT 'status'::text, v.status, NULL::bigint, false; RETURN;
        END IF;
        IF p_today > v.use_by THEN
          RETURN QUERY SELECT 'use_by'::text, v.status, NULL::bigint, false; RETURN;
        END IF;
        -- What the order was priced on must still be current (a cache may lag a commit by a moment).
        IF p_stamps IS DISTINCT FROM ARRAY[
             service_stamp(p_service), policy_version_stamp(v.program_id, v.program_version),
             qualifications_stamp(v.enterprise_id), CASE WHEN p_agreement IS NULL AND p_stamps[4] IS NULL THEN NULL ELSE recognition_stamp() END] THEN
          RETURN QUERY SELECT 'stale'::text, v.status, NULL::bigint, false; RETURN;
        END IF;
        SELECT provider_id INTO v_provider FROM catalog_services WHERE id = p_service;
        SELECT * INTO v_moved FROM ledger_post(v.program_id, 'hold', 'order', p_order_id::text, v.available_account_id, v.held_account_id, p_subsidy, NULL, p_request_id);
        IF v_moved.transaction_id IS NULL THEN
          -- Another order took the money since this one was priced: the caller prices again.
          RETURN QUERY SELECT 'short'::text, v.status, (SELECT balance_fen FROM ledger_accounts WHERE id = v.available_account_id), false; RETURN;
        END IF;
        INSERT INTO service_orders (id, number, program_id, voucher_id, enterprise_id, provider_id, service_id, quantity, unit_price_fen,
                                    contract_amount_fen, ratio_bp, recognition_agreement_id, subsidy_held_fen, status, ordered_on, created_by)
        VALUES (p_order_id, p_number, v.program_id, v.id, v.enterprise_id, v_provider, p_service, p_quantity, p_unit_price,
                p_contract, p_ratio_bp, p_agreement, p_subsidy, 'created', p_today, p_created_by);
        IF p_idempotency_id IS NOT NULL THEN
          UPDATE idempotency_keys SET status = 'completed', response_status = p_response_status, response_body = p_response
           WHERE id = p_idempotency_id AND claim_token = p_idempotency_token AND status = 'in_progress';
          IF NOT FOUND THEN
            -- A retry took the key over after our lease lapsed: nothing of this attempt may commit.
            RAISE EXCEPTION 'idempotency key taken over' USING ERRCODE = 'GI001';
          END IF;
        END IF;
        IF v_moved.from_balance_fen = 0 THEN
          UPDATE vouchers SET status = 'exhausted', version = version + 1 WHERE id = v.id;
        END IF;
        RETURN QUERY SELECT 'ok'::text, CASE WHEN v_moved.from_balance_fen = 0 THEN 'exhausted' ELSE v.status END, v_moved.from_balance_fen, v_moved.from_balance_fen = 0;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION service_order_place(uuid, uuid, date, bigint, uuid, text, uuid, integer, bigint, bigint, integer, uuid, uuid, text[], text, bigint, uuid, integer, jsonb)`);
    await q.query(`DROP VIEW read_voucher_for_order`);
    for (const fn of ['service_stamp(uuid)', 'policy_version_stamp(uuid, integer)', 'qualifications_stamp(uuid)', 'recognition_stamp()']) await q.query(`DROP FUNCTION ${fn}`);
    for (const table of ['recognition_agreements', 'recognition_agreement_providers', 'recognition_agreement_services', 'recognition_agreement_signatures', 'catalog_services', 'organizations', 'voucher_programs', 'voucher_program_versions']) {
      await q.query(`DROP TRIGGER ${table}_reference_changed ON ${table}`);
    }
    await q.query(`DROP FUNCTION reference_changed()`);
    await q.query(`DROP TABLE reference_versions`);
    await q.query(`DROP FUNCTION ledger_post(uuid, text, text, text, uuid, uuid, bigint, text, text)`);
  }
}
