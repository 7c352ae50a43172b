import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { RequestContext } from '../context/request-context';
import { auditHash, GENESIS_HASH } from './audit-hash';

/** Key of the transaction advisory lock that serialises appends to the chain ('AUDT'). */
export const AUDIT_CHAIN_LOCK = 0x41554454;

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

function jsonSafe(value: unknown): unknown {
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}

/**
 * Appends to the hash-chained audit trail inside the caller's transaction. The chain lock
 * is taken at the very end of a unit of work, so it is held only until commit.
 */
@Injectable()
export class AuditWriter {
  constructor(private readonly context: RequestContext) {}

  async append(manager: EntityManager, events: AuditInput[]): Promise<void> {
    if (events.length === 0) return;
    await manager.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_CHAIN_LOCK]);
    const [head] = (await manager.query('SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1')) as { seq: string; hash: string }[];
    let seq = head ? Number(head.seq) : 0;
    let prevHash = head ? head.hash : GENESIS_HASH;
    const contextActor = this.context.actor;
    const requestId = this.context.requestId ?? null;
    const occurredAt = new Date();
    const columns: unknown[] = [];
    const tuples: string[] = [];
    for (const event of events) {
      seq += 1;
      const actor = event.actor ?? contextActor;
      const row = {
        seq,
        occurredAt,
        actorUserId: actor?.userId ?? null,
        actorRole: actor?.role ?? 'system',
        actorOrganizationId: actor?.organizationId ?? null,
        organizationId: event.organizationId ?? null,
        regionCode: event.regionCode ?? null,
        action: event.action,
        subjectType: event.subjectType,
        subjectId: event.subjectId,
        before: jsonSafe(event.before),
        after: jsonSafe(event.after),
        requestId,
        prevHash,
      };
      const hash = auditHash(row);
      const base = columns.length;
      tuples.push(`(${Array.from({ length: 15 }, (_, i) => `$${base + i + 1}`).join(', ')})`);
      columns.push(
        row.seq, row.occurredAt, row.actorUserId, row.actorRole, row.actorOrganizationId, row.organizationId,
        row.regionCode, row.action, row.subjectType, row.subjectId,
        row.before === null ? null : JSON.stringify(row.before),
        row.after === null ? null : JSON.stringify(row.after),
        row.requestId, row.prevHash, hash,
      );
      prevHash = hash;
    }
    await manager.query(
      `INSERT INTO audit_events (seq, occurred_at, actor_user_id, actor_role, actor_organization_id, organization_id,
         region_code, action, subject_type, subject_id, before, after, request_id, prev_hash, hash)
       VALUES ${tuples.join(', ')}`,
      columns,
    );
  }
}
