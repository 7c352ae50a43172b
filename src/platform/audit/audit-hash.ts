import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every level, so jsonb's key reordering cannot change a hash. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === 'object') {
    const entries = Object.keys(value as Record<string, unknown>)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  if (typeof value === 'bigint') return JSON.stringify(value.toString());
  return JSON.stringify(value);
}

export interface ChainedAuditFields {
  seq: number;
  occurredAt: Date;
  actorUserId: string | null;
  actorRole: string | null;
  actorOrganizationId: string | null;
  organizationId: string | null;
  regionCode: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  before: unknown;
  after: unknown;
  requestId: string | null;
  prevHash: string;
}

/** sha256 over every field of the row and the previous row's hash. */
export function auditHash(row: ChainedAuditFields): string {
  const material = canonicalJson([
    row.seq,
    row.occurredAt.toISOString(),
    row.actorUserId,
    row.actorRole,
    row.actorOrganizationId,
    row.organizationId,
    row.regionCode,
    row.action,
    row.subjectType,
    row.subjectId,
    row.before ?? null,
    row.after ?? null,
    row.requestId,
    row.prevHash,
  ]);
  return createHash('sha256').update(material).digest('hex');
}

/** The hashed content of an audit_events row, as the database returns it. */
export interface AuditRowContent {
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
}

/** The columns of AuditRowContent, for a SELECT list. */
export const AUDIT_CONTENT_COLUMNS =
  'occurred_at, actor_user_id, actor_role, actor_organization_id, organization_id, region_code, action, subject_type, subject_id, before, after, request_id';

/** The hash a row read from the database has (or gets) at `seq` after `prevHash`: the sealer and the verifier agree by construction. */
export function auditRowHash(row: AuditRowContent, seq: number, prevHash: string): string {
  return auditHash({
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
    prevHash,
  });
}
