import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Actor, hasRegionalView, isPlatformAdmin } from '../context/actor';
import { AuditEventDto, AuditPageDto, AuditQueryDto } from './audit.dto';
import { AuditVerification, verifyAuditChain } from './audit-verifier';

export interface SubjectTrailEntry {
  occurredAt: Date;
  action: string;
  actorUserId: string | null;
  actorRole: string | null;
  after: unknown;
}

/** Reads of the audit trail, always scoped to what the actor may see. */
@Injectable()
export class AuditService {
  constructor(private readonly dataSource: DataSource) {}

  async list(actor: Actor, query: AuditQueryDto): Promise<AuditPageDto> {
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (!isPlatformAdmin(actor)) {
      const own = param(actor.organizationId);
      const scopes = [`organization_id = ${own}`, `actor_organization_id = ${own}`];
      if (hasRegionalView(actor)) scopes.push(`region_code = ANY(${param(actor.regionScope)}::text[])`);
      where.push(`(${scopes.join(' OR ')})`);
    }
    if (query.subjectType) where.push(`subject_type = ${param(query.subjectType)}`);
    if (query.subjectId) where.push(`subject_id = ${param(query.subjectId)}`);
    if (query.action) {
      where.push(query.action.endsWith('*') ? `action LIKE ${param(`${query.action.slice(0, -1)}%`)}` : `action = ${param(query.action)}`);
    }
    if (query.actorUserId) where.push(`actor_user_id = ${param(query.actorUserId)}`);
    if (query.organizationId) where.push(`organization_id = ${param(query.organizationId)}`);
    if (query.from) where.push(`occurred_at >= ${param(query.from)}`);
    if (query.to) where.push(`occurred_at < ${param(query.to)}`);
    if (query.beforeId) where.push(`id < ${param(query.beforeId)}`);
    if (query.beforeSeq) where.push(`seq < ${param(query.beforeSeq)}`);
    const limit = query.limit ?? 50;
    const rows = (await this.dataSource.query(
      `SELECT id, seq, occurred_at, actor_user_id, actor_role, actor_organization_id, organization_id, region_code,
              action, subject_type, subject_id, before, after, request_id, hash
         FROM audit_events ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY id DESC LIMIT ${limit + 1}`,
      params,
    )) as Record<string, unknown>[];
    const items: AuditEventDto[] = rows.slice(0, limit).map((r) => ({
      id: Number(r.id),
      seq: r.seq === null ? null : Number(r.seq),
      occurredAt: (r.occurred_at as Date).toISOString(),
      actorUserId: r.actor_user_id as string | null,
      actorRole: r.actor_role as string | null,
      actorOrganizationId: r.actor_organization_id as string | null,
      organizationId: r.organization_id as string | null,
      regionCode: r.region_code as string | null,
      action: r.action as string,
      subjectType: r.subject_type as string,
      subjectId: r.subject_id as string,
      before: r.before,
      after: r.after,
      requestId: r.request_id as string | null,
      hash: r.hash as string | null,
    }));
    const last = rows.length > limit ? items[items.length - 1] : undefined;
    return { items, nextBeforeId: last?.id ?? null, nextBeforeSeq: last?.seq ?? null };
  }

  /** The trail of one subject, oldest first (a case's timeline), unscoped: the caller has checked who may see it. */
  async trailOf(subjectType: string, subjectId: string): Promise<SubjectTrailEntry[]> {
    const rows = (await this.dataSource.query(
      `SELECT occurred_at, action, actor_user_id, actor_role, after FROM audit_events WHERE subject_type = $1 AND subject_id = $2 ORDER BY id`,
      [subjectType, subjectId],
    )) as { occurred_at: Date; action: string; actor_user_id: string | null; actor_role: string | null; after: unknown }[];
    return rows.map((r) => ({ occurredAt: r.occurred_at, action: r.action, actorUserId: r.actor_user_id, actorRole: r.actor_role, after: r.after }));
  }

  verify(): Promise<AuditVerification> {
    return verifyAuditChain(this.dataSource);
  }
}
