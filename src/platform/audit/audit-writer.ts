import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { RequestContext } from '../context/request-context';

export interface AuditInput {
  /** Verb in the past tense, namespaced: 'organization.registered', 'provider.admission.activated'. */
  action: string;
  subjectType: string;
  subjectId: string;
  /** The organisation that owns the subject, for scoping reads of the trail. */
  organizationId?: string | null;
  regionCode?: string | null;
  before?: unknown;
  after?: unknown;
  /** Who acted, when no signed-in actor is in context yet (sign-in, registration). */
  actor?: { userId: string; role: string; organizationId: string };
}

/** The columns a writer sets; id and writer_xid come from their defaults, seq / prev_hash / hash from the sealer. */
const COLUMNS: [name: string, cast: string][] = [
  ['occurred_at', 'timestamptz'],
  ['actor_user_id', 'uuid'],
  ['actor_role', 'text'],
  ['actor_organization_id', 'uuid'],
  ['organization_id', 'uuid'],
  ['region_code', 'text'],
  ['action', 'text'],
  ['subject_type', 'text'],
  ['subject_id', 'text'],
  ['before', 'jsonb'],
  ['after', 'jsonb'],
  ['request_id', 'text'],
];

function jsonParam(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

/**
 * Adds rows to the audit trail inside the caller's transaction: one plain INSERT, no lock and no
 * read, so writers never wait for each other. The rows are unchained until the sealer
 * (audit-sealer.ts) gives them seq, prev_hash and hash after their transaction has finished.
 */
@Injectable()
export class AuditWriter {
  constructor(private readonly context: RequestContext) {}

  async append(manager: EntityManager, events: AuditInput[]): Promise<void> {
    const statement = this.insertStatement(events, 1);
    if (statement) await manager.query(statement.sql, statement.params);
  }

  /**
   * `INSERT INTO audit_events (…) VALUES (…), (…)` for `events`, with placeholders numbered from
   * `$firstParam` and every one cast, so it can stand as a member of a larger `WITH` statement.
   * `params` holds exactly the values of `$firstParam … $(firstParam + params.length - 1)`, in order.
   * Null when there is nothing to write. The time, request id and actor are taken now, from the
   * request context. With `gate`, a SQL condition, the rows are inserted only when it holds (e.g. on
   * the outcome of a function called in an earlier member).
   */
  insertStatement(events: AuditInput[], firstParam: number, gate?: string): { sql: string; params: unknown[] } | null {
    if (events.length === 0) return null;
    const contextActor = this.context.actor;
    const requestId = this.context.requestId ?? null;
    const occurredAt = new Date();
    const params: unknown[] = [];
    const tuples = events.map((event) => {
      const actor = event.actor ?? contextActor;
      const values = [
        occurredAt,
        actor?.userId ?? null,
        actor?.role ?? 'system',
        actor?.organizationId ?? null,
        event.organizationId ?? null,
        event.regionCode ?? null,
        event.action,
        event.subjectType,
        event.subjectId,
        jsonParam(event.before),
        jsonParam(event.after),
        requestId,
      ];
      const placeholders = values.map((value, i) => {
        params.push(value);
        return `$${firstParam + params.length - 1}::${COLUMNS[i][1]}`;
      });
      return `(${placeholders.join(', ')})`;
    });
    return {
      sql: gate
        ? `INSERT INTO audit_events (${COLUMNS.map(([name]) => name).join(', ')}) SELECT * FROM (VALUES ${tuples.join(', ')}) AS e WHERE ${gate}`
        : `INSERT INTO audit_events (${COLUMNS.map(([name]) => name).join(', ')}) VALUES ${tuples.join(', ')}`,
      params,
    };
  }
}
