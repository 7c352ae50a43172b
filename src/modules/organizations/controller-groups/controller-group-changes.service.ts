import { Injectable } from '@nestjs/common';
import type { FindingReason } from '../../../../packages/shared/finding-reasons';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, actorCoversRegion, isPlatformAdmin, Role } from '../../../platform/context/actor';
import { Transaction, UnitOfWork } from '../../../platform/database/unit-of-work';
import { DomainError, ErrorCode } from '../../../platform/errors/domain-error';
import { describeConstraint } from '../../../platform/errors/pg-errors';
import { CaseEngine } from '../../approvals/case-engine.service';
import { ControllerGroupChangeRequest } from './controller-group-change.entity';
import { CHANGE_REQUEST_STATES, ChangeRequestEvent } from './controller-group-change.state';
import { ChangeRequestDto, ChangeRequestQueryDto, CreateChangeRequestDto } from './dto/controller-group.dto';
import { ControllerGroup, Organization } from '../organization.entity';
import { CONTROLLER_GROUP_BUREAU_ROLES } from '../organization.policy';

export const CONTROLLER_GROUP_CHANGE = 'controller_group_change';

describeConstraint('controller_group_change_requests_one_open', ErrorCode.Conflict, 'This enterprise already has an open actual-controller change request; wait for its decision or withdraw it');

/**
 * An enterprise asks its bureaus to change its actual-controller group (join / leave / found one)
 * with a statement and document references; the controller_group_change workflow decides and
 * ControllerGroupChangeSubject applies an approval. docs/security.md, "Actual-controller groups".
 */
@Injectable()
export class ControllerGroupChangesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly engine: CaseEngine,
  ) {}

  async create(actor: Actor, dto: CreateChangeRequestDto): Promise<ChangeRequestDto> {
    if (actor.role !== Role.EnterpriseUser || !actor.isOrgAdmin) throw DomainError.forbidden('Only an enterprise’s admins request a change of its actual-controller group');
    if (dto.action !== 'join' && dto.controllerGroupId !== undefined) throw DomainError.invalid('controllerGroupId', 'only a join request names a group');
    if (dto.action !== 'create' && (dto.newGroupName !== undefined || dto.newControllerName !== undefined)) {
      throw DomainError.invalid(dto.newGroupName !== undefined ? 'newGroupName' : 'newControllerName', 'only a request to declare a new group names one');
    }
    return this.uow.run(async (tx) => {
      // The enterprise row serialises its own requests (the partial unique index is the last line).
      const org = await tx.manager.getRepository(Organization).findOne({ where: { id: actor.organizationId }, lock: { mode: 'pessimistic_write' } });
      if (!org || org.kind !== 'enterprise') throw DomainError.forbidden('Only enterprises request a change of actual-controller group');
      if (dto.action === 'join') {
        if (!(await tx.manager.getRepository(ControllerGroup).existsBy({ id: dto.controllerGroupId as string }))) throw DomainError.invalid('controllerGroupId', 'no such actual-controller group');
        if (org.controllerGroupId === dto.controllerGroupId) throw DomainError.rule('The enterprise already belongs to this group');
      }
      if (dto.action === 'leave' && !org.controllerGroupId) throw DomainError.rule('The enterprise belongs to no actual-controller group');
      const repo = tx.manager.getRepository(ControllerGroupChangeRequest);
      const saved = await repo.save(
        repo.create({
          enterpriseId: org.id,
          requestedBy: actor.userId,
          action: dto.action,
          fromGroupId: org.controllerGroupId,
          targetGroupId: dto.action === 'join' ? (dto.controllerGroupId as string) : null,
          newGroupName: dto.action === 'create' ? (dto.newGroupName as string).trim() : null,
          newControllerName: dto.action === 'create' ? (dto.newControllerName as string).trim() : null,
          statement: dto.statement.trim(),
          documentRefs: dto.documentRefs.map((d) => d.trim()),
          status: 'submitted',
        }),
      );
      const kase = await this.engine.openCase(tx, { definitionKey: CONTROLLER_GROUP_CHANGE, subjectType: CONTROLLER_GROUP_CHANGE, subjectId: saved.id });
      await tx.manager.query(`UPDATE controller_group_change_requests SET case_id = $2 WHERE id = $1`, [saved.id, kase.id]);
      const request = await repo.findOneByOrFail({ id: saved.id });
      const [shown] = await this.named(tx.manager, [request]);
      tx.audit(this.audit(request, org, 'controller_group_change.submitted', null, shown));
      return shown;
    });
  }

  /** An enterprise sees its own requests; a bureau those of enterprises in its region scope. */
  async list(actor: Actor, query: ChangeRequestQueryDto): Promise<ChangeRequestDto[]> {
    const qb = this.dataSource.getRepository(ControllerGroupChangeRequest).createQueryBuilder('r');
    if (!isPlatformAdmin(actor)) {
      if (CONTROLLER_GROUP_BUREAU_ROLES.includes(actor.role)) {
        qb.andWhere('r.enterprise_id IN (SELECT o.id FROM organizations o WHERE o.region_code = ANY(:scope))', { scope: actor.regionScope });
      } else qb.andWhere('r.enterprise_id = :own', { own: actor.organizationId });
    }
    if (query.status) qb.andWhere('r.status = :status', { status: query.status });
    const rows = await qb.orderBy('r.created_at', 'DESC').addOrderBy('r.id').take(100).getMany();
    return this.named(this.dataSource.manager, rows);
  }

  async get(actor: Actor, id: string): Promise<ChangeRequestDto> {
    const request = await this.dataSource.getRepository(ControllerGroupChangeRequest).findOneBy({ id });
    if (!request || !(await this.canRead(this.dataSource.manager, actor, request))) throw DomainError.notFound('Change request');
    return (await this.named(this.dataSource.manager, [request]))[0];
  }

  /** Loads a request (optionally FOR UPDATE) for the workflow hooks. */
  async load(manager: EntityManager, id: string, lock = false): Promise<ControllerGroupChangeRequest> {
    const request = await manager.getRepository(ControllerGroupChangeRequest).findOne({ where: { id }, lock: lock ? { mode: 'pessimistic_write' } : undefined });
    if (!request) throw DomainError.notFound('Change request');
    return request;
  }

  /** Moves a request along its state table (illegal → 409) and records why. */
  /** `code`: the reason as a code when the workflow writes it (a withdrawal); a new reason without one clears it. */
  async setStatus(tx: Transaction, request: ControllerGroupChangeRequest, org: Organization, event: ChangeRequestEvent, reason: string | null, resultingGroupId?: string | null, code: FindingReason | null = null): Promise<void> {
    const next = CHANGE_REQUEST_STATES.next(request.status, event);
    const decided = ['approved', 'rejected', 'withdrawn'].includes(next);
    await tx.manager.query(
      `UPDATE controller_group_change_requests
          SET status = $2, decision_reason = COALESCE($3, decision_reason),
              decision_reason_code = CASE WHEN $3::text IS NULL THEN decision_reason_code ELSE $6::jsonb END, resulting_group_id = COALESCE($4, resulting_group_id),
              decided_at = CASE WHEN $5 THEN now() ELSE decided_at END, version = version + 1, updated_at = now()
        WHERE id = $1`,
      [request.id, next, reason, resultingGroupId ?? null, decided, code === null ? null : JSON.stringify(code)],
    );
    const before = { status: request.status };
    Object.assign(request, await tx.manager.getRepository(ControllerGroupChangeRequest).findOneByOrFail({ id: request.id }));
    tx.audit(this.audit(request, org, `controller_group_change.${next}`, before, { status: next, reason, resultingGroupId: request.resultingGroupId }));
  }

  /** DTOs with the names of the groups they mention (one query). */
  private async named(manager: EntityManager, requests: ControllerGroupChangeRequest[]): Promise<ChangeRequestDto[]> {
    const ids = [...new Set(requests.flatMap((r) => [r.fromGroupId, r.targetGroupId, r.resultingGroupId]).filter((id): id is string => !!id))];
    const names = new Map(ids.length ? ((await manager.query(`SELECT id, name FROM controller_groups WHERE id = ANY($1::uuid[])`, [ids])) as { id: string; name: string }[]).map((g) => [g.id, g.name]) : []);
    const name = (id: string | null) => (id ? (names.get(id) ?? null) : null);
    return requests.map((r) => ({ ...toChangeRequestDto(r), fromGroupName: name(r.fromGroupId), targetGroupName: name(r.targetGroupId), resultingGroupName: name(r.resultingGroupId) }));
  }

  private async canRead(manager: EntityManager, actor: Actor, request: ControllerGroupChangeRequest): Promise<boolean> {
    if (isPlatformAdmin(actor) || request.enterpriseId === actor.organizationId) return true;
    if (!CONTROLLER_GROUP_BUREAU_ROLES.includes(actor.role)) return false;
    const org = await manager.getRepository(Organization).findOneBy({ id: request.enterpriseId });
    return !!org && actorCoversRegion(actor, org.regionCode);
  }

  private audit(request: ControllerGroupChangeRequest, org: Organization, action: string, before: unknown, after: unknown) {
    return { action, subjectType: 'controller_group_change_request', subjectId: request.id, organizationId: org.id, regionCode: org.regionCode, before, after };
  }
}

export function toChangeRequestDto(r: ControllerGroupChangeRequest): Omit<ChangeRequestDto, 'fromGroupName' | 'targetGroupName' | 'resultingGroupName'> {
  return {
    id: r.id,
    enterpriseId: r.enterpriseId,
    action: r.action,
    fromGroupId: r.fromGroupId,
    targetGroupId: r.targetGroupId,
    newGroupName: r.newGroupName,
    newControllerName: r.newControllerName,
    statement: r.statement,
    documentRefs: r.documentRefs,
    status: r.status,
    decisionReason: r.decisionReason,
    decisionReasonCode: r.decisionReasonCode,
    resultingGroupId: r.resultingGroupId,
    caseId: r.caseId,
    createdAt: r.createdAt.toISOString(),
    decidedAt: r.decidedAt ? r.decidedAt.toISOString() : null,
  };
}
