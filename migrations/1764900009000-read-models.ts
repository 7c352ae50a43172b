import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Read models for reporting (issue 14, one owner per table; docs/architecture.md, "Read models").
 * Each view is published by the module that owns the rows it reports; the dashboards read these
 * views and no table. The views hold no data: their SQL is what the dashboards ran before.
 * - read_voucher_balances (vouchers): one row per voucher with its enterprise's region, the
 *   committed amount (its issuance transaction) and its two account balances.
 * - read_order_flow (orders): one row per service order with both parties' regions and its subsidy.
 * - read_claim_money (redemptions): the payable / paid ledger entries of claims, with the regions of
 *   the claim's order's enterprise and provider.
 * - read_active_providers (organizations): admitted providers that are neither suspended nor closed.
 * - read_active_services (catalog): active services of those providers, with the provider's region.
 */
export class ReadModels1764900009000 implements MigrationInterface {
  name = 'ReadModels1764900009000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE VIEW read_voucher_balances AS
      SELECT v.id AS voucher_id, v.program_id, v.enterprise_id, o.region_code AS enterprise_region_code,
             c.amount_fen AS committed_fen, av.balance_fen AS available_fen, h.balance_fen AS held_fen
        FROM vouchers v
        JOIN organizations o ON o.id = v.enterprise_id
        JOIN ledger_accounts av ON av.id = v.available_account_id
        JOIN ledger_accounts h ON h.id = v.held_account_id
        LEFT JOIN ledger_transactions c ON c.kind = 'commit' AND c.reference_type = 'voucher' AND c.reference_id = v.id::text`);
    await q.query(`
      CREATE VIEW read_order_flow AS
      SELECT so.id AS order_id, so.program_id, so.status, COALESCE(so.subsidy_final_fen, so.subsidy_held_fen) AS subsidy_fen,
             e.region_code AS enterprise_region_code, p.region_code AS provider_region_code
        FROM service_orders so
        JOIN organizations e ON e.id = so.enterprise_id
        JOIN organizations p ON p.id = so.provider_id`);
    await q.query(`
      CREATE VIEW read_claim_money AS
      SELECT a.program_id, a.kind, le.amount_fen, e.region_code AS enterprise_region_code, p.region_code AS provider_region_code
        FROM ledger_entries le
        JOIN ledger_accounts a ON a.id = le.account_id
        JOIN ledger_transactions t ON t.id = le.transaction_id AND t.reference_type = 'claim'
        JOIN redemption_claims rc ON rc.id::text = t.reference_id
        JOIN service_orders so ON so.id = rc.order_id
        JOIN organizations e ON e.id = so.enterprise_id
        JOIN organizations p ON p.id = so.provider_id
       WHERE a.kind IN ('payable', 'paid')`);
    await q.query(`
      CREATE VIEW read_active_providers AS
      SELECT o.id, o.region_code, o.accreditations
        FROM organizations o
       WHERE o.kind = 'provider' AND o.admission_status = 'active' AND o.status = 'active'`);
    await q.query(`
      CREATE VIEW read_active_services AS
      SELECT s.id, s.instrument_name, p.region_code AS provider_region_code
        FROM catalog_services s
        JOIN read_active_providers p ON p.id = s.provider_id
       WHERE s.status = 'active'`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const view of ['read_active_services', 'read_active_providers', 'read_claim_money', 'read_order_flow', 'read_voucher_balances']) {
      await q.query(`DROP VIEW IF EXISTS ${view}`);
    }
  }
}
