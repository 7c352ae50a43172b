import { EntityManager } from 'typeorm';
import { auditHash, GENESIS_HASH } from './audit-hash';

interface Row {
  seq: string;
  occurred_at: Date;
  actor_user_id: string | null;
  actor_role: string | null;
  actor_organization_id: string | null;
  organization_id: string | null;
  region_code: string | null;
  action: string;
  subject_type: string;
  subject_id: string;
  before: unknown;
  after: unknown;
  request_id: string | null;
  prev_hash: string;
  hash: string;
}

export interface AuditVerification {
  ok: boolean;
  checked: number;
  headSeq: number | null;
  problems: { seq: number; problem: string }[];
}

const PAGE = 5000;

/**
 * Walks the whole chain: seq must run 1,2,3… without gaps, each prev_hash must equal the
 * previous row's hash, and each hash must match the row's content. Any edit or deletion
 * (short of rewriting every later row, which needs the chain to be recomputed) shows up.
 */
export async function verifyAuditChain(manager: Pick<EntityManager, 'query'>, maxProblems = 100): Promise<AuditVerification> {
  const problems: { seq: number; problem: string }[] = [];
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let checked = 0;
  let headSeq: number | null = null;
  for (;;) {
    const rows = (await manager.query(
      `SELECT seq, occurred_at, actor_user_id, actor_role, actor_organization_id, organization_id, region_code,
              action, subject_type, subject_id, before, after, request_id, prev_hash, hash
         FROM audit_events WHERE seq >= $1 ORDER BY seq LIMIT ${PAGE}`,
      [expectedSeq],
    )) as Row[];
    if (rows.length === 0) break;
    for (const row of rows) {
      const seq = Number(row.seq);
      if (seq !== expectedSeq) problems.push({ seq: expectedSeq, problem: `missing rows ${expectedSeq}..${seq - 1}` });
      if (row.prev_hash !== prevHash) problems.push({ seq, problem: 'prev_hash does not match the previous row' });
      const recomputed = auditHash({
        seq,
        occurredAt: row.occurred_at,
        actorUserId: row.actor_user_id,
        actorRole: row.actor_role,
        actorOrganizationId: row.actor_organization_id,
        organizationId: row.organization_id,
        regionCode: row.region_code,
        action: row.action,
        subjectType: row.subject_type,
        subjectId: row.subject_id,
        before: row.before,
        after: row.after,
        requestId: row.request_id,
        prevHash: row.prev_hash,
      });
      if (recomputed !== row.hash) problems.push({ seq, problem: 'content does not match its hash (row was altered)' });
      prevHash = row.hash;
      expectedSeq = seq + 1;
      headSeq = seq;
      checked += 1;
      if (problems.length >= maxProblems) return { ok: false, checked, headSeq, problems };
    }
  }
  return { ok: problems.length === 0, checked, headSeq, problems };
}
