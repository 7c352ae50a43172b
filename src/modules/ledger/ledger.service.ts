import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { assertFen } from '../../platform/database/money';
import { RequestContext } from '../../platform/context/request-context';
import { DomainError, ErrorCode } from '../../platform/errors/domain-error';
import { describeConstraint } from '../../platform/errors/pg-errors';

describeConstraint('ledger_transactions_once', ErrorCode.Conflict, 'This money movement was already posted');
describeConstraint('ledger_accounts_non_negative', ErrorCode.BusinessRuleViolated, 'Not enough funds for this movement');

export type AccountKind = 'appropriation' | 'budget_available' | 'voucher_available' | 'voucher_held' | 'payable' | 'paid' | 'clawback_receivable';

/** Every movement of money has a kind; the ledger rejects a second posting of a kind for one reference. */
export type MovementKind =
  | 'fund' // appropriation → budget_available
  | 'commit' // budget_available → voucher_available (issuance)
  | 'hold' // voucher_available → voucher_held (order)
  | 'hold_adjust' // voucher_held → voucher_available (actual amount below contract)
  | 'release' // voucher_held → voucher_available (cancel, decline, rejection, lapse)
  | 'capture' // voucher_held → payable (approved claim)
  | 'pay' // payable → paid (settlement)
  | 'return_to_budget' // voucher_available → budget_available (expiry, revocation)
  | 'claw_back' // paid → clawback_receivable
  | 'recover'; // clawback_receivable → budget_available

export interface Movement {
  programId: string;
  kind: MovementKind;
  referenceType: string;
  referenceId: string;
  fromAccountId: string;
  toAccountId: string;
  amountFen: number;
  memo?: string;
}

/** A posted movement: its journal transaction and the balances of both accounts after it. */
export interface PostedMovement {
  transactionId: string;
  fromBalanceFen: number;
  toBalanceFen: number;
}

export class InsufficientFundsError extends DomainError {
  constructor(what: string, details: Record<string, unknown>) {
    super(ErrorCode.BusinessRuleViolated, what, details);
  }
}

/**
 * Double-entry ledger (台账). Every movement is one transaction with two entries that sum to
 * zero, and the two balances change in the same statement set, inside the caller's
 * transaction. The debit is a conditional update (balance >= amount), so under any
 * concurrency a balance never goes below zero; the CHECK constraint backs it up.
 */
@Injectable()
export class LedgerService {
  constructor(private readonly context: RequestContext) {}

  /** Finds or creates an account (idempotent; safe under concurrency). */
  async account(manager: EntityManager, programId: string, kind: AccountKind, ownerId: string | null = null): Promise<string> {
    const [created] = (await manager.query(
      `INSERT INTO ledger_accounts (program_id, kind, owner_id) VALUES ($1, $2, $3)
       ON CONFLICT ON CONSTRAINT ledger_accounts_unique DO NOTHING RETURNING id`,
      [programId, kind, ownerId],
    )) as { id: string }[];
    if (created) return created.id;
    const [existing] = (await manager.query(
      `SELECT id FROM ledger_accounts WHERE program_id = $1 AND kind = $2 AND owner_id IS NOT DISTINCT FROM $3`,
      [programId, kind, ownerId],
    )) as { id: string }[];
    return existing.id;
  }

  /**
   * An existing account and its balance, unlocked, or null. A plain read: unlike account()'s INSERT … ON
   * CONFLICT, it does not wait for a transaction that is updating the row (issuance reads the budget so).
   */
  async find(manager: EntityManager, programId: string, kind: AccountKind, ownerId: string | null = null): Promise<{ id: string; balanceFen: number } | null> {
    const [row] = (await manager.query(
      `SELECT id, balance_fen FROM ledger_accounts WHERE program_id = $1 AND kind = $2 AND owner_id IS NOT DISTINCT FROM $3`,
      [programId, kind, ownerId],
    )) as { id: string; balance_fen: string }[];
    return row ? { id: row.id, balanceFen: Number(row.balance_fen) } : null;
  }

  /**
   * Posts one movement. Throws InsufficientFundsError (422) when the source lacks the amount;
   * a repeated (kind, reference) is refused by the database (409).
   */
  async post(manager: EntityManager, m: Movement): Promise<string> {
    return (await this.move(manager, m)).transactionId;
  }

  /**
   * Posts one movement in one round trip (the ledger_post function: conditional debit, credit, the
   * journal transaction and its two entries) and returns both balances after it, so a caller whose
   * status follows a balance needs no second read.
   */
  async move(manager: EntityManager, m: Movement): Promise<PostedMovement> {
    assertFen(m.amountFen);
    if (m.amountFen <= 0) throw new Error(`Ledger movements are positive; got ${m.amountFen}`);
    if (m.fromAccountId === m.toAccountId) throw new Error('A movement needs two different accounts');
    const [posted] = (await manager.query(`SELECT transaction_id, from_balance_fen, to_balance_fen FROM ledger_post($1, $2, $3, $4, $5, $6, $7, $8, $9)`, [
      m.programId,
      m.kind,
      m.referenceType,
      m.referenceId,
      m.fromAccountId,
      m.toAccountId,
      m.amountFen,
      m.memo ?? null,
      this.context.requestId ?? null,
    ])) as { transaction_id: string; from_balance_fen: string; to_balance_fen: string }[];
    if (!posted) {
      const [account] = (await manager.query(`SELECT kind, balance_fen FROM ledger_accounts WHERE id = $1`, [m.fromAccountId])) as { kind: string; balance_fen: string }[];
      throw new InsufficientFundsError(`Not enough in ${account?.kind ?? 'the account'} for ${m.kind} of ${m.amountFen} fen`, {
        account: account?.kind,
        availableFen: account ? Number(account.balance_fen) : null,
        requestedFen: m.amountFen,
      });
    }
    return { transactionId: String(posted.transaction_id), fromBalanceFen: Number(posted.from_balance_fen), toBalanceFen: Number(posted.to_balance_fen) };
  }

  async balance(manager: EntityManager, accountId: string): Promise<number> {
    const [row] = (await manager.query(`SELECT balance_fen FROM ledger_accounts WHERE id = $1`, [accountId])) as { balance_fen: string }[];
    return row ? Number(row.balance_fen) : 0;
  }

  /** Balance of each account found, by id (one query for many accounts). */
  async balances(manager: EntityManager, accountIds: readonly string[]): Promise<Map<string, number>> {
    const rows = (await manager.query(`SELECT id, balance_fen FROM ledger_accounts WHERE id = ANY($1::uuid[])`, [[...accountIds]])) as { id: string; balance_fen: string }[];
    return new Map(rows.map((r) => [r.id, Number(r.balance_fen)]));
  }

  /** Sum of every entry on a programme's accounts: zero while the books balance (each transaction sums to zero). */
  async programEntrySum(manager: EntityManager, programId: string): Promise<number> {
    const [{ sum }] = (await manager.query(
      `SELECT COALESCE(sum(e.amount_fen), 0)::bigint AS sum FROM ledger_entries e JOIN ledger_accounts a ON a.id = e.account_id WHERE a.program_id = $1`,
      [programId],
    )) as { sum: string }[];
    return Number(sum);
  }

  /** Sum of the `kind` movements posted for these references (each at most once: ledger_transactions_once); 0 for none. */
  async postedSum(manager: EntityManager, kind: MovementKind, referenceType: string, referenceIds: readonly string[]): Promise<number> {
    const [{ sum }] = (await manager.query(
      `SELECT COALESCE(sum(amount_fen), 0)::bigint AS sum FROM ledger_transactions WHERE kind = $1 AND reference_type = $2 AND reference_id = ANY($3::text[])`,
      [kind, referenceType, [...referenceIds]],
    )) as { sum: string }[];
    return Number(sum);
  }

  /**
   * What a clawed-back claim still owes (docs/domain.md, "Claw-backs and recoveries"), from the ledger alone:
   * its `claw_back` movement minus its `recover` movements, which reference `claimRecoveryReference(claimId, n)`.
   * For many claims in one query; a claim with neither movement is absent from the map.
   */
  async clawBackBalances(manager: EntityManager, claimIds: readonly string[]): Promise<Map<string, ClawBackBalance>> {
    if (claimIds.length === 0) return new Map();
    const rows = (await manager.query(
      `SELECT claim_id,
              COALESCE(sum(amount_fen) FILTER (WHERE kind = 'claw_back'), 0)::bigint AS clawed_back,
              COALESCE(sum(amount_fen) FILTER (WHERE kind = 'recover'), 0)::bigint AS recovered
         FROM (SELECT kind, amount_fen, CASE WHEN kind = 'claw_back' THEN reference_id ELSE split_part(reference_id, ':', 1) END AS claim_id
                 FROM ledger_transactions
                WHERE (kind = 'claw_back' AND reference_type = 'claim' AND reference_id = ANY($1::text[]))
                   OR (kind = 'recover' AND reference_type = $2 AND split_part(reference_id, ':', 1) = ANY($1::text[]))) t
        GROUP BY claim_id`,
      [[...claimIds], CLAIM_RECOVERY_REFERENCE],
    )) as { claim_id: string; clawed_back: string; recovered: string }[];
    return new Map(
      rows.map((r) => {
        const clawedBackFen = Number(r.clawed_back);
        const recoveredFen = Number(r.recovered);
        return [r.claim_id, { clawedBackFen, recoveredFen, outstandingFen: clawedBackFen - recoveredFen }];
      }),
    );
  }

  /** One claim's claw-back balance (clawBackBalances); zeros when nothing was clawed back. */
  async clawBackBalance(manager: EntityManager, claimId: string): Promise<ClawBackBalance> {
    return (await this.clawBackBalances(manager, [claimId])).get(claimId) ?? { clawedBackFen: 0, recoveredFen: 0, outstandingFen: 0 };
  }

  /** A programme's balances summed by account kind; kinds with no account yet are 0. Reads only. */
  async balancesByKind(manager: EntityManager, programId: string): Promise<Record<AccountKind, number>> {
    const rows = (await manager.query(`SELECT kind, sum(balance_fen)::bigint AS total FROM ledger_accounts WHERE program_id = $1 GROUP BY kind`, [programId])) as {
      kind: AccountKind;
      total: string;
    }[];
    const totals: Record<AccountKind, number> = { appropriation: 0, budget_available: 0, voucher_available: 0, voucher_held: 0, payable: 0, paid: 0, clawback_receivable: 0 };
    for (const r of rows) totals[r.kind] = Number(r.total);
    return totals;
  }

  /** Entries of an account, oldest first, with a running balance: a statement (对账单). */
  async statement(manager: EntityManager, accountIds: string[]): Promise<StatementLine[]> {
    const rows = (await manager.query(
      `SELECT e.id, e.account_id, a.kind AS account_kind, e.amount_fen, t.kind, t.reference_type, t.reference_id, t.memo, t.created_at,
              sum(e.amount_fen) OVER (PARTITION BY e.account_id ORDER BY e.id) AS running_fen
         FROM ledger_entries e JOIN ledger_transactions t ON t.id = e.transaction_id JOIN ledger_accounts a ON a.id = e.account_id
        WHERE e.account_id = ANY($1::uuid[]) ORDER BY e.id`,
      [accountIds],
    )) as Record<string, unknown>[];
    return rows.map((r) => ({
      entryId: String(r.id),
      account: r.account_kind as string,
      movement: r.kind as string,
      amountFen: Number(r.amount_fen),
      balanceAfterFen: Number(r.running_fen),
      referenceType: r.reference_type as string,
      referenceId: r.reference_id as string,
      memo: (r.memo as string | null) ?? null,
      at: (r.created_at as Date).toISOString(),
    }));
  }
}

/** Reference type of a `recover` movement: money a payee paid back on a clawed-back claim. */
export const CLAIM_RECOVERY_REFERENCE = 'claim_recovery';

/** Reference id of a claim's n-th recovery (1, 2, …): unique per movement, and it names the claim (clawBackBalances). */
export function claimRecoveryReference(claimId: string, seq: number): string {
  return `${claimId}:${seq}`;
}

/** A claw-back as the ledger sees it: clawed back, paid back so far, and still owed (never negative). */
export interface ClawBackBalance {
  clawedBackFen: number;
  recoveredFen: number;
  outstandingFen: number;
}

export interface StatementLine {
  entryId: string;
  account: string;
  movement: string;
  amountFen: number;
  balanceAfterFen: number;
  referenceType: string;
  referenceId: string;
  memo: string | null;
  at: string;
}
