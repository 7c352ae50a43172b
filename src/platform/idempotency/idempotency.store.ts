import { Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { canonicalJson } from '../audit/audit-hash';
import { AppConfig } from '../config/app-config';
import { IdempotencyStored, RequestContext } from '../context/request-context';
import { DomainError, ErrorCode } from '../errors/domain-error';

export type ClaimOutcome =
  | { kind: 'claimed'; id: string; claimToken: string }
  | { kind: 'replay'; status: number; body: unknown }
  | { kind: 'mismatch' }
  | { kind: 'in_progress' };

interface KeyRow {
  id: string;
  claim_token: string;
  request_hash: string;
  status: 'in_progress' | 'completed';
  response_status: number | null;
  response_body: unknown;
  answer_final: boolean;
  leased: boolean;
}

export function requestHash(method: string, path: string, body: unknown): string {
  return createHash('sha256').update(`${method} ${path}\n${canonicalJson(body ?? null)}`).digest('hex');
}

/**
 * Idempotency keys (kept IDEMPOTENCY_TTL_HOURS). A key is claimed before the handler runs,
 * and completed inside the handler's own transaction, so "committed" and "key completed"
 * can never disagree. A claim whose lease lapsed never committed and may be taken again.
 * A unit of work completes the key with its own result, which is not final (`answer_final`):
 * the handler may answer otherwise, and the interceptor then stores what the client received.
 * Until then a replay is told the request is in progress; once the claim's lease has lapsed
 * (the process that ran it is gone), it gets the unit's result, the best answer there is.
 */
@Injectable()
export class IdempotencyStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly context: RequestContext,
  ) {}

  async claim(scope: string, key: string, method: string, path: string, hash: string): Promise<ClaimOutcome> {
    const token = randomUUID();
    const claimed = (await this.dataSource.query(
      `INSERT INTO idempotency_keys (scope, key, method, path, request_hash, status, claim_token, lease_until, expires_at)
       VALUES ($1, $2, $3, $4, $5, 'in_progress', $6,
               now() + make_interval(secs => $7::double precision / 1000), now() + make_interval(hours => $8))
       ON CONFLICT (scope, key) DO UPDATE
          SET method = EXCLUDED.method, path = EXCLUDED.path, request_hash = EXCLUDED.request_hash,
              status = 'in_progress', claim_token = EXCLUDED.claim_token, lease_until = EXCLUDED.lease_until,
              expires_at = EXCLUDED.expires_at, response_status = NULL, response_body = NULL, answer_final = true, created_at = now()
        WHERE idempotency_keys.expires_at < now()
           OR (idempotency_keys.status = 'in_progress' AND idempotency_keys.lease_until < now()
               AND idempotency_keys.request_hash = EXCLUDED.request_hash)
       RETURNING id, claim_token`,
      [scope, key, method, path, hash, token, this.config.IDEMPOTENCY_LEASE_MS, this.config.IDEMPOTENCY_TTL_HOURS],
    )) as { id: string; claim_token: string }[];
    if (claimed.length === 1 && claimed[0].claim_token === token) {
      return { kind: 'claimed', id: String(claimed[0].id), claimToken: token };
    }
    const [row] = (await this.dataSource.query(
      `SELECT id, claim_token, request_hash, status, response_status, response_body, answer_final, lease_until > now() AS leased
         FROM idempotency_keys WHERE scope = $1 AND key = $2`,
      [scope, key],
    )) as KeyRow[];
    if (!row) return this.claim(scope, key, method, path, hash); // expired and purged between the two statements
    if (row.request_hash !== hash) return { kind: 'mismatch' };
    if (row.status === 'in_progress') return { kind: 'in_progress' };
    // Committed, but the handler's answer is not stored yet: the first request is still answering.
    if (!row.answer_final && row.leased) return { kind: 'in_progress' };
    return { kind: 'replay', status: row.response_status ?? 200, body: row.response_body };
  }

  /**
   * Called by UnitOfWork inside its transaction, so the key completes iff the change commits: the
   * UPDATE that completes the request's key (placeholders from `$firstParam`, RETURNING a row when it
   * did), or null when the request carries no key or an earlier unit of work completed it.
   * UnitOfWork sends it with its other rows and hands the count to settleCompletion.
   */
  completionStatement(result: unknown, firstParam: number): { sql: string; params: unknown[]; stored: IdempotencyStored } | null {
    const pending = this.context.idempotency;
    if (!pending) return null;
    const [id, token, status, body] = [0, 1, 2, 3].map((i) => `$${firstParam + i}`);
    const stored = { id: pending.id, status: pending.responseStatus, body: JSON.stringify(result ?? null), final: false };
    return {
      sql: `UPDATE idempotency_keys SET status = 'completed', response_status = ${status}::int, response_body = ${body}::jsonb, answer_final = false
             WHERE id = ${id}::bigint AND claim_token = ${token}::uuid AND status = 'in_progress' RETURNING id`,
      params: [pending.id, pending.claimToken, pending.responseStatus, stored.body],
      stored,
    };
  }

  /**
   * `completed` rows from completionStatement: none means a retry took the key over, so the change must roll back.
   * Returns what to hand `committed` once the transaction has committed.
   */
  settleCompletion(completed: number, stored: IdempotencyStored): IdempotencyStored {
    // Our lease lapsed and a retry took the key over: this change must not commit beside it.
    if (completed !== 1) throw new DomainError(ErrorCode.IdempotencyInProgress, 'The Idempotency-Key was taken over by a retry; this attempt was rolled back');
    // Later units of work of the same request leave the key alone; the interceptor stores the final answer.
    this.context.setIdempotency(undefined);
    return stored;
  }

  /** The transaction that completed the key with `stored` has committed (never called when it rolled back). */
  committed(stored: IdempotencyStored): void {
    this.context.setIdempotencyStored(stored);
  }

  /**
   * Whether the key already holds exactly this answer as final, written by a committed transaction of this request (the
   * order statement), so the interceptor's `complete` would write it again (one round trip and one commit saved). A unit
   * of work's result is never final: the interceptor writes the answer, or marks the same one final.
   */
  alreadyStored(id: string, status: number, body: unknown): boolean {
    const stored = this.context.idempotencyStored;
    return stored !== undefined && stored.final && stored.id === id && stored.status === status && stored.body === JSON.stringify(body ?? null);
  }

  /** After the response is built, store exactly what the client received (unless alreadyStored). */
  async complete(id: string, claimToken: string, status: number, body: unknown): Promise<void> {
    if (this.alreadyStored(id, status, body)) return;
    await this.dataSource.query(
      `UPDATE idempotency_keys SET status = 'completed', response_status = $3, response_body = $4::jsonb, answer_final = true
        WHERE id = $1 AND claim_token = $2`,
      [id, claimToken, status, JSON.stringify(body ?? null)],
    );
  }

  /** Drops keys past their TTL (the outbox sweeper, in its transaction). */
  async purgeExpired(manager: EntityManager): Promise<void> {
    await manager.query('DELETE FROM idempotency_keys WHERE expires_at < now()');
  }

  /** The handler failed before committing: forget the claim so a retry runs again. */
  async release(id: string, claimToken: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM idempotency_keys WHERE id = $1 AND claim_token = $2 AND status = 'in_progress'`, [id, claimToken]);
  }
}
