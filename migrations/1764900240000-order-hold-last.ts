import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An order holds the voucher's lock for as short a time as the hold itself (issue 16, docs/architecture.md
 * "Money paths"). service_order_place() locked the voucher first and then did everything else under the lock:
 * the stamp checks, the journal transaction, the order row with its six foreign-key checks, and (in the
 * caller's statement) the audit rows and the outbox row with their index upkeep. On one hot voucher every
 * order queued behind all of that. It is split in two, called in that order by one statement:
 *
 * - service_order_prepare(): no lock. Reads the voucher, refuses (writing nothing) when it is missing, not
 *   the enterprise's, not active, past its use-by date, or when a stamp of the reference data the order was
 *   priced on is stale; otherwise inserts the journal transaction and the order, and completes the
 *   idempotency key. The caller's statement then inserts the audit and outbox rows, still unlocked.
 * - service_order_hold(): the scarce rows, last: locks the voucher (FOR NO KEY UPDATE: the order rows' own
 *   foreign-key checks, FOR KEY SHARE, do not wait for it), re-checks status and use-by under the lock,
 *   debits the available balance conditionally, credits the held account, writes the two entries and
 *   exhausts the voucher at 0. A refusal here comes after writes, so it raises SQLSTATE GO001 (message
 *   'status', 'use_by' or 'short', detail the voucher's status) and the whole statement, audit and outbox rows included, rolls back.
 *
 * Both are declared ROWS 1 so that the planner does not cost the statement as if they returned 1,000 rows.
 * Also: ledger_transactions_reference_idx (reference_type, reference_id) goes: every query on the journal's
 * references names the kind too and uses ledger_transactions_once (kind, reference_type, reference_id), so
 * it was index upkeep on every money movement for no reader.
 */
export class OrderHoldLast1764900240000 implements MigrationInterface {
  name = 'OrderHoldLast1764900240000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION service_order_prepare(
          p_voucher uuid, p_enterprise uuid, p_today date, p_subsidy bigint, p_order_id uuid, p_number text,
          p_service uuid, p_quantity integer, p_unit_price bigint, p_contract bigint, p_ratio_bp integer,
          p_agreement uuid, p_created_by uuid, p_stamps text[], p_request_id text,
          p_idempotency_id bigint, p_idempotency_token uuid, p_response_status integer, p_response jsonb)
        RETURNS TABLE (outcome text, voucher_status text, transaction_id bigint)
        LANGUAGE plpgsql ROWS 1 AS $$
      DECLARE
        v vouchers%ROWTYPE;
        v_provider uuid;
        v_tx bigint;
      BEGIN
        SELECT * INTO v FROM vouchers WHERE id = p_voucher;
        IF NOT FOUND OR v.enterprise_id <> p_enterprise THEN
          RETURN QUERY SELECT 'missing'::text, NULL::text, NULL::bigint; RETURN;
        END IF;
        IF v.status <> 'active' THEN
          RETURN QUERY SELECT 'status'::text, v.status, NULL::bigint; RETURN;
        END IF;
        IF p_today > v.use_by THEN
          RETURN QUERY SELECT 'use_by'::text, v.status, NULL::bigint; RETURN;
        END IF;
        -- What the order was priced on must still be current (a cache may lag a commit by a moment).
        IF p_stamps IS DISTINCT FROM ARRAY[
             service_stamp(p_service), policy_version_stamp(v.program_id, v.program_version),
             qualifications_stamp(v.enterprise_id), CASE WHEN p_agreement IS NULL AND p_stamps[4] IS NULL THEN NULL ELSE recognition_stamp() END] THEN
          RETURN QUERY SELECT 'stale'::text, v.status, NULL::bigint; RETURN;
        END IF;
        SELECT provider_id INTO v_provider FROM catalog_services WHERE id = p_service;
        INSERT INTO ledger_transactions (program_id, kind, reference_type, reference_id, amount_fen, memo, request_id)
        VALUES (v.program_id, 'hold', 'order', p_order_id::text, p_subsidy, NULL, p_request_id)
        RETURNING id INTO v_tx;
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
        RETURN QUERY SELECT 'ok'::text, v.status, v_tx;
      END $$`);
    await q.query(`
      CREATE FUNCTION service_order_hold(p_voucher uuid, p_today date, p_subsidy bigint, p_transaction bigint)
        RETURNS TABLE (voucher_status text, available_fen bigint, exhausted boolean)
        LANGUAGE plpgsql ROWS 1 AS $$
      DECLARE
        v_status text;
        v_use_by date;
        v_from uuid;
        v_to uuid;
        v_left bigint;
      BEGIN
        IF p_subsidy IS NULL OR p_subsidy <= 0 THEN
          RAISE EXCEPTION 'ledger movements are positive; got %', p_subsidy USING ERRCODE = 'check_violation';
        END IF;
        -- Only ever called after service_order_prepare() answered 'ok' with the journal transaction.
        IF p_transaction IS NULL THEN
          RAISE EXCEPTION 'service_order_hold() needs the journal transaction service_order_prepare() wrote';
        END IF;
        SELECT status, use_by, available_account_id, held_account_id INTO v_status, v_use_by, v_from, v_to
          FROM vouchers WHERE id = p_voucher FOR NO KEY UPDATE;
        -- Revoked, expired or exhausted since service_order_prepare() read it.
        IF v_status <> 'active' THEN
          RAISE EXCEPTION 'status' USING ERRCODE = 'GO001', DETAIL = v_status;
        END IF;
        IF p_today > v_use_by THEN
          RAISE EXCEPTION 'use_by' USING ERRCODE = 'GO001', DETAIL = v_status;
        END IF;
        UPDATE ledger_accounts SET balance_fen = balance_fen - p_subsidy WHERE id = v_from AND balance_fen >= p_subsidy
        RETURNING balance_fen INTO v_left;
        IF NOT FOUND THEN
          -- Another order took the money since this one was priced: the caller prices again.
          RAISE EXCEPTION 'short' USING ERRCODE = 'GO001', DETAIL = v_status;
        END IF;
        UPDATE ledger_accounts SET balance_fen = balance_fen + p_subsidy WHERE id = v_to;
        INSERT INTO ledger_entries (transaction_id, account_id, amount_fen) VALUES (p_transaction, v_from, -p_subsidy), (p_transaction, v_to, p_subsidy);
        IF v_left = 0 THEN
          UPDATE vouchers SET status = 'exhausted', version = version + 1 WHERE id = p_voucher;
        END IF;
        RETURN QUERY SELECT CASE WHEN v_left = 0 THEN 'exhausted' ELSE v_status END, v_left, v_left = 0;
      END $$`);
    await q.query(`DROP FUNCTION service_order_place(uuid, uuid, date, bigint, uuid, text, uuid, integer, bigint, bigint, integer, uuid, uuid, text[], text, bigint, uuid, integer, jsonb)`);
    await q.query(`DROP INDEX ledger_transactions_reference_idx`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX ledger_transactions_reference_idx ON ledger_transactions (reference_type, reference_id)`);
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
    await q.query(`DROP FUNCTION service_order_hold(uuid, date, bigint, bigint)`);
    await q.query(`DROP FUNCTION service_order_prepare(uuid, uuid, date, bigint, uuid, text, uuid, integer, bigint, bigint, integer, uuid, uuid, text[], text, bigint, uuid, integer, jsonb)`);
  }
}
