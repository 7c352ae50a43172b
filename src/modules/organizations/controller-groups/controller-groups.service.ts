import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, actorCoversRegion, isPlatformAdmin } from '../../../platform/context/actor';
import { Transaction, UnitOfWork } from '../../../platform/database/unit-of-work';
import { DomainError } from '../../../platform/errors/domain-error';
import { JobName } from '../../../platform/queue/queue.registry';
import { ControllerGroupDetailDto, ControllerGroupDto, CreateControllerGroupDto } from './dto/controller-group.dto';
import { OrganizationDto } from '../dto/organization.dto';
import { ControllerGroup, Organization } from '../organization.entity';
import { auditView, toOrganizationDto } from '../organization.mapper';
import { CONTROLLER_GROUP_BUREAU_ROLES, OrganizationPolicy } from '../organization.policy';
import { RegionsService } from '../regions.service';

interface GroupRow {
  id: string;
  name: string;
  controller_name: string;
  region_code: string | null;
  created_at: Date;
  member_count: number;
}

/**
 * Actual-controller groups (同一实际控制人) as bureau data: caps apply across every enterprise
 * linked to a group, and a provider in the same group as an enterprise is its related party.
 * Bureaus create groups and link organisations; enterprises ask through change requests
 * (ControllerGroupChangesService). docs/security.md, "Actual-controller groups".
 *
 * Locking: a link change locks the organisation row FOR UPDATE; issuance locks the same row
 * FOR SHARE before the cap counters (CapsService.lockAndCheck). So a move waits for in-flight
 * issuances of that enterprise and the other way round, and the lock order stays
 * organisation → cap counters → budget → voucher everywhere.
 */
@Injectable()
export class ControllerGroupsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly regions: RegionsService,
  ) {}

  async create(actor: Actor, dto: CreateControllerGroupDto): Promise<ControllerGroupDto> {
    if (!CONTROLLER_GROUP_BUREAU_ROLES.includes(actor.role)) throw DomainError.forbidden('Only the science bureaus create actual-controller groups');
    return this.uow.run(async (tx) => {
      const repo = tx.manager.getRepository(ControllerGroup);
      const saved = await repo.save(repo.create({ name: dto.name.trim(), controllerName: dto.controllerName.trim(), regionCode: actor.regionCode, createdBy: actor.userId }));
      const group = await repo.findOneByOrFail({ id: saved.id });
      tx.audit({
        action: 'controller_group.created',
        subjectType: 'controller_group',
        subjectId: group.id,
        regionCode: group.regionCode,
        after: { name: group.name, controllerName: group.controllerName, regionCode: group.regionCode },
      });
      return toGroupDto(group, 0);
    });
  }

  /** Groups the caller may see: those created in its region (or its city), or with a member in its region scope (the platform sees all). */
  async list(actor: Actor): Promise<ControllerGroupDto[]> {
    const rows = await this.visibleRows(this.dataSource.manager, actor, null);
    return rows.map((r) => rowToDto(r));
  }

  /** A bureau sees the members in its scope; a member organisation sees its own group with only itself named. */
  async detail(actor: Actor, id: string): Promise<ControllerGroupDetailDto> {
    const orgs = await this.dataSource.getRepository(Organization).find({ where: { controllerGroupId: id }, order: { name: 'ASC' } });
    const ownGroup = !CONTROLLER_GROUP_BUREAU_ROLES.includes(actor.role) && !isPlatformAdmin(actor) && orgs.some((o) => o.id === actor.organizationId);
    const [row] = await this.visibleRows(this.dataSource.manager, actor, id, ownGroup);
    if (!row) throw DomainError.notFound('Actual-controller group');
    const shown = orgs.filter((o) => (ownGroup ? o.id === actor.organizationId : actorCoversRegion(actor, o.regionCode)));
    if (ownGroup) row.member_count = shown.length;
    return {
      ...rowToDto(row),
      members: shown.map((o) => ({ id: o.id, name: o.name, kind: o.kind, uscc: o.uscc, regionCode: o.regionCode })),
      membersOutsideScope: orgs.length - shown.length,
    };
  }

  /** A group the caller may see, or 404 (other modules check visibility through this). */
  async requireVisible(manager: EntityManager, actor: Actor, id: string): Promise<ControllerGroupDto> {
    const [row] = await this.visibleRows(manager, actor, id);
    if (!row) throw DomainError.notFound('Actual-controller group');
    return rowToDto(row);
  }

  /** The bureau links an enterprise or provider to a group, or unlinks it with null. */
  async link(actor: Actor, orgId: string, controllerGroupId: string | null): Promise<OrganizationDto> {
    return this.uow.run(async (tx) => {
      const org = await tx.manager.getRepository(Organization).findOne({ where: { id: orgId }, lock: { mode: 'pessimistic_write' } });
      if (!org || !OrganizationPolicy.canRead(actor, org)) throw DomainError.notFound('Organisation');
      if (!OrganizationPolicy.canLinkControllerGroup(actor, org)) throw DomainError.forbidden('Only the organisation’s own district or city bureau links it to an actual-controller group');
      if (org.kind !== 'enterprise' && org.kind !== 'provider') throw DomainError.rule('Only enterprises and providers belong to actual-controller groups');
      if (controllerGroupId) {
        const visible = await this.visibleRows(tx.manager, actor, controllerGroupId);
        if (!visible.length) throw DomainError.invalid('controllerGroupId', 'no such actual-controller group');
      }
      return toOrganizationDto(await this.applyLink(tx, org, controllerGroupId, { by: 'bureau', userId: actor.userId, requestId: null }));
    });
  }

  /**
   * The one place an organisation's group changes, inside the caller's transaction with the
   * organisation row locked FOR UPDATE (by a bureau above, or by an approved change request).
   * Linking to the group it already has changes nothing and writes nothing.
   */
  async applyLink(tx: Transaction, org: Organization, controllerGroupId: string | null, via: { by: 'bureau' | 'change_request'; userId: string | null; requestId: string | null }): Promise<Organization> {
    if (org.controllerGroupId === controllerGroupId) return org;
    const before = auditView(org);
    await tx.manager.query(`UPDATE organizations SET controller_group_id = $2, version = version + 1, updated_at = now() WHERE id = $1`, [org.id, controllerGroupId]);
    const after = await tx.manager.getRepository(Organization).findOneByOrFail({ id: org.id });
    tx.audit({
      action: controllerGroupId ? 'organization.controller_group.linked' : 'organization.controller_group.unlinked',
      subjectType: 'organization',
      subjectId: org.id,
      organizationId: org.id,
      regionCode: org.regionCode,
      before: { ...before, controllerGroupId: org.controllerGroupId },
      after: { ...auditView(after), controllerGroupId, via: via.by, requestId: via.requestId },
    });
    const members = (await tx.manager.query(`SELECT id FROM users WHERE organization_id = $1 AND status = 'active'`, [org.id])) as { id: string }[];
    tx.enqueue(JobName.DeliverNotification, {
      userIds: members.map((m) => m.id),
      kind: 'organization.controller_group.changed',
      title: '实际控制人关系变更',
      body: controllerGroupId ? `${org.name} 已由主管科技局登记为同一实际控制人企业集团成员。` : `${org.name} 已由主管科技局解除同一实际控制人企业集团关系。`,
      subjectType: 'organization',
      subjectId: org.id,
      dedupKey: `controller_group:${org.id}:${after.version}`,
      params: { variant: controllerGroupId ? 'joined' : 'left', organizationName: org.name },
    });
    return after;
  }

  /** `member`: the caller's own organisation is in the group (checked by the caller), so the group itself is readable. */
  private async visibleRows(manager: EntityManager, actor: Actor, id: string | null, member = false): Promise<GroupRow[]> {
    const all = isPlatformAdmin(actor) || member;
    const scope = CONTROLLER_GROUP_BUREAU_ROLES.includes(actor.role) ? actor.regionScope : [];
    if (!all && scope.length === 0) return [];
    // A district bureau also sees the groups its city bureau created.
    const owners = [...new Set([...scope, ...(scope.length ? this.regions.lineage(actor.regionCode) : [])])];
    return (await manager.query(
      `SELECT g.id, g.name, g.controller_name, g.region_code, g.created_at,
              (SELECT count(*)::int FROM organizations o WHERE o.controller_group_id = g.id AND ($1 OR o.region_code = ANY($2::text[]))) AS member_count
         FROM controller_groups g
        WHERE ($3::uuid IS NULL OR g.id = $3::uuid)
          AND ($1 OR g.region_code = ANY($4::text[])
               OR EXISTS (SELECT 1 FROM organizations o WHERE o.controller_group_id = g.id AND o.region_code = ANY($2::text[])))
        ORDER BY g.name, g.id
        LIMIT 500`,
      [all, scope, id, owners],
    )) as GroupRow[];
  }
}

function rowToDto(r: GroupRow): ControllerGroupDto {
  return { id: r.id, name: r.name, controllerName: r.controller_name, regionCode: r.region_code, memberCount: r.member_count, createdAt: new Date(r.created_at).toISOString() };
}

function toGroupDto(g: ControllerGroup, memberCount: number): ControllerGroupDto {
  return { id: g.id, name: g.name, controllerName: g.controllerName, regionCode: g.regionCode, memberCount, createdAt: g.createdAt.toISOString() };
}
