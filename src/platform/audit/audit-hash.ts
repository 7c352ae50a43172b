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
