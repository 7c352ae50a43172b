/**
 * The ledger's invariants as SQL (docs/domain.md, "Programmes and money"): conservation, balanced transactions, no
 * negative balance, no budget over-committed, no voucher over-spent, every claim captured and paid at most once,
 * settlement batches equal to their items. Shared by the soak (scripts/soak.ts) and the scale-out test
 * (test/integration/scale-out.e2e-spec.ts); each check names what it saw.
 */
export interface Check {
  name: string;
  value: string;
  ok: boolean;
}

/** Runs a query and returns its rows (a pg Pool, a TypeORM DataSource: the caller adapts). */
export type RowQuery = (sql: string, params?: unknown[]) => Promise<unknown[]>;

export async function ledgerInvariantChecks(query: RowQuery): Promise<Check[]> {
  const q = async (sql: string, params: unknown[] = []) => (await query(sql, params)) as any[];
  const out: Check[] = [];
  const add = (name: string, value: string | number, ok: boolean) => out.push({ name, value: String(value), ok });

  const [sum] = await q(`SELECT COALESCE(sum(amount_fen), 0)::bigint AS s, count(*)::int AS n FROM ledger_entries`);
  add('ledger entries sum to zero', `sum ${sum.s} over ${sum.n} entries`, Number(sum.s) === 0);

  const unbalanced = await q(
    `SELECT t.id FROM ledger_transactions t JOIN ledger_entries e ON e.transaction_id = t.id GROUP BY t.id, t.amount_fen
      HAVING sum(e.amount_fen) <> 0 OR count(*) <> 2 OR max(e.amount_fen) <> t.amount_fen`,
  );
  add('every transaction: two entries, balanced, = its amount', `${unbalanced.length} bad`, unbalanced.length === 0);

  const negative = await q(`SELECT kind, owner_id, balance_fen FROM ledger_accounts WHERE kind <> 'appropriation' AND balance_fen < 0`);
  add('no balance below zero (except appropriation)', `${negative.length} negative`, negative.length === 0);

  const drift = await q(
    `SELECT a.id FROM ledger_accounts a LEFT JOIN (SELECT account_id, sum(amount_fen) AS s FROM ledger_entries GROUP BY account_id) e ON e.account_id = a.id
      WHERE a.balance_fen <> COALESCE(e.s, 0)`,
  );
  add('ledger_accounts.balance_fen = sum of its entries', `${drift.length} drifting`, drift.length === 0);

  const budgets = await q(
    `SELECT p.id, p.name, p.budget_fen,
            (SELECT balance_fen FROM ledger_accounts a WHERE a.program_id = p.id AND a.kind = 'budget_available') AS available,
            (SELECT balance_fen FROM ledger_accounts a WHERE a.program_id = p.id AND a.kind = 'appropriation') AS appropriation,
            (SELECT count(*)::int FROM ledger_transactions t WHERE t.program_id = p.id AND t.kind = 'fund') AS funds
       FROM voucher_programs p WHERE p.status <> 'draft'`,
  );
  const overBudget = budgets.filter((b) => Number(b.available) < 0 || Number(b.available) > Number(b.budget_fen) || Number(b.appropriation) !== -Number(b.budget_fen) || b.funds !== 1);
  add('every programme: budget available in [0, budget], funded once', `${budgets.length} programmes, ${overBudget.length} bad`, overBudget.length === 0);

  const vouchers = await q(
    `SELECT v.id, v.number, v.face_value_fen::bigint AS face, av.balance_fen AS available, h.balance_fen AS held,
            (SELECT COALESCE(sum(t.amount_fen), 0) FROM ledger_transactions t JOIN redemption_claims c ON c.id::text = t.reference_id
              WHERE t.kind = 'capture' AND t.reference_type = 'claim' AND c.voucher_id = v.id)::bigint AS captured,
            (SELECT COALESCE(-sum(e.amount_fen), 0) FROM ledger_entries e JOIN ledger_transactions t ON t.id = e.transaction_id
              WHERE e.account_id = v.available_account_id AND t.kind = 'return_to_budget')::bigint AS returned,
            (SELECT COALESCE(sum(t.amount_fen), 0) FROM ledger_transactions t WHERE t.kind = 'commit' AND t.reference_type = 'voucher' AND t.reference_id = v.id::text)::bigint AS committed
       FROM vouchers v JOIN ledger_accounts av ON av.id = v.available_account_id JOIN ledger_accounts h ON h.id = v.held_account_id`,
  );
  const overSpent = vouchers.filter((v) => Number(v.held) + Number(v.captured) > Number(v.face));
  add("each voucher: holds + captures ≤ face value", `${vouchers.length} vouchers, ${overSpent.length} over`, overSpent.length === 0);
  const leaky = vouchers.filter((v) => Number(v.committed) !== Number(v.face) || Number(v.available) + Number(v.held) + Number(v.captured) + Number(v.returned) !== Number(v.face));
  add('each voucher: committed = face = available + held + captured + returned', `${leaky.length} off`, leaky.length === 0);

  // The voucher's held balance is exactly what its open orders hold (claims not yet captured).
  const holds = await q(
    `SELECT v.id, h.balance_fen AS held,
            (SELECT COALESCE(sum(o.subsidy_held_fen), 0) FROM service_orders o
              WHERE o.voucher_id = v.id AND (o.status IN ('created', 'accepted', 'delivered', 'confirmed', 'disputed')
                 OR (o.status = 'claimed' AND EXISTS (SELECT 1 FROM redemption_claims c WHERE c.order_id = o.id AND c.status IN ('submitted', 'in_review', 'returned')))))::bigint AS open_holds
       FROM vouchers v JOIN ledger_accounts h ON h.id = v.held_account_id`,
  );
  const mismatched = holds.filter((h) => Number(h.held) !== Number(h.open_holds));
  add("each voucher: held balance = its open orders' holds", `${mismatched.length} off`, mismatched.length === 0);

  const pays = await q(
    `SELECT c.id, c.status, c.amount_fen::bigint AS amount, count(t.id)::int AS pays, COALESCE(sum(t.amount_fen), 0)::bigint AS paid
       FROM redemption_claims c LEFT JOIN ledger_transactions t ON t.kind = 'pay' AND t.reference_type = 'claim' AND t.reference_id = c.id::text
      GROUP BY c.id`,
  );
  const paidWrong = pays.filter((c) => (['paid', 'clawed_back', 'recovered'].includes(c.status) ? c.pays !== 1 || Number(c.paid) !== Number(c.amount) : c.pays !== 0));
  const paidClaims = pays.filter((c) => c.status === 'paid').length;
  add("every paid claim paid exactly once (no 'pay' for others)", `${paidClaims} paid of ${pays.length} claims, ${paidWrong.length} wrong`, paidWrong.length === 0);

  const captures = await q(
    `SELECT c.id FROM redemption_claims c LEFT JOIN ledger_transactions t ON t.kind = 'capture' AND t.reference_type = 'claim' AND t.reference_id = c.id::text
      GROUP BY c.id, c.status HAVING (c.status IN ('approved', 'paid', 'clawed_back', 'recovered')) <> (count(t.id) = 1) OR count(t.id) > 1`,
  );
  add('approved/paid claims captured exactly once, others never', `${captures.length} wrong`, captures.length === 0);

  const batches = await q(
    `SELECT b.id FROM settlement_batches b LEFT JOIN settlement_items i ON i.batch_id = b.id
      GROUP BY b.id HAVING b.total_fen <> COALESCE(sum(i.amount_fen), 0) OR b.item_count <> count(i.id)`,
  );
  add('settlement batches: totals = their items', `${batches.length} wrong`, batches.length === 0);

  return out;
}
