import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { maskIdCard } from '../../../../packages/shared/id-card';
import { Actor } from '../../../platform/context/actor';
import { Transaction, UnitOfWork } from '../../../platform/database/unit-of-work';
import { DomainError } from '../../../platform/errors/domain-error';
import { Organization } from '../organization.entity';
import { OrganizationPolicy } from '../organization.policy';
import {
  HostOrganizationDto, NewInnovationTeamDto, NewInnovationTeamMemberDto, TEAM_MEMBERS_MAX, TEAM_MEMBERS_MIN, InnovationTeamMemberDto, InnovationTeamMembersDto,
} from './dto/team.dto';
import { InnovationTeamMember } from './innovation-team-member.entity';

const HOST_LOOKUP_LIMIT = 20;

/**
 * Innovation teams (创新团队): their leader and members, and the organisations that may host one.
 * A team applies like an enterprise (its users are enterprise users); what differs lives here.
 */
@Injectable()
export class InnovationTeamsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
  ) {}

  /** A host must be an active enterprise, or a provider whose admission is active: anything else is refused by field. */
  async requireHost(manager: EntityManager, hostOrganizationId: string | undefined): Promise<void> {
    if (!hostOrganizationId) return;
    const [host] = (await manager.query(
      `SELECT 1 FROM organizations WHERE id = $1 AND status = 'active'
          AND (kind = 'enterprise' OR (kind = 'provider' AND admission_status = 'active')) FOR SHARE`,
      [hostOrganizationId],
    )) as unknown[];
    if (!host) throw DomainError.invalid('team.hostOrganizationId', 'must be an active enterprise or provider (GET /host-organizations)');
  }

  /** Records the leader (the registering user) and the members of a newly registered team, in the registration's transaction. */
  async createRoster(tx: Transaction, organizationId: string, leaderUserId: string, team: NewInnovationTeamDto): Promise<void> {
    const repo = tx.manager.getRepository(InnovationTeamMember);
    await repo.insert({
      organizationId,
      name: team.leader.name.trim(),
      title: null,
      contact: team.leader.phone.trim(),
      isLeader: true,
      userId: leaderUserId,
      idCardMasked: team.leader.idCardNumber ? maskIdCard(team.leader.idCardNumber) : null,
      createdBy: leaderUserId,
    });
    await repo.insert(team.members.map((m) => ({ ...memberRow(m), organizationId, isLeader: false, userId: null, idCardMasked: null, createdBy: leaderUserId })));
  }

  async members(actor: Actor): Promise<InnovationTeamMembersDto> {
    const manager = this.dataSource.manager;
    const team = await this.ownTeam(manager, actor);
    const [host] = team.hostOrganizationId
      ? ((await manager.query(`SELECT id, name, kind, region_code FROM organizations WHERE id = $1`, [team.hostOrganizationId])) as HostRow[])
      : [];
    return { organizationId: team.id, hostOrganizationId: team.hostOrganizationId, host: host ? toHostDto(host) : null, members: (await this.roster(manager, team.id)).map(toMemberDto) };
  }

  async addMember(actor: Actor, dto: NewInnovationTeamMemberDto): Promise<InnovationTeamMemberDto> {
    return this.uow.run(async (tx) => {
      const team = await this.ownTeam(tx.manager, actor, true);
      const count = (await this.roster(tx.manager, team.id)).filter((m) => !m.isLeader).length;
      if (count >= TEAM_MEMBERS_MAX) throw DomainError.rule(`A team lists at most ${TEAM_MEMBERS_MAX} members`);
      const repo = tx.manager.getRepository(InnovationTeamMember);
      const { identifiers } = await repo.insert({ ...memberRow(dto), organizationId: team.id, isLeader: false, userId: null, idCardMasked: null, createdBy: actor.userId });
      const member = await repo.findOneByOrFail({ id: identifiers[0].id as string });
      tx.audit({ action: 'team.member.added', subjectType: 'innovation_team_member', subjectId: member.id, organizationId: team.id, regionCode: team.regionCode, after: auditView(member) });
      return toMemberDto(member);
    });
  }

  async removeMember(actor: Actor, memberId: string): Promise<InnovationTeamMemberDto> {
    return this.uow.run(async (tx) => {
      const team = await this.ownTeam(tx.manager, actor, true);
      const roster = await this.roster(tx.manager, team.id);
      const member = roster.find((m) => m.id === memberId);
      if (!member) throw DomainError.notFound('Team member');
      if (member.isLeader) throw DomainError.rule('The team leader is not removed from the member list');
      if (roster.filter((m) => !m.isLeader).length <= TEAM_MEMBERS_MIN) throw DomainError.rule(`A team keeps at least ${TEAM_MEMBERS_MIN} member besides its leader`);
      await tx.manager.query(`DELETE FROM innovation_team_members WHERE id = $1`, [member.id]);
      tx.audit({ action: 'team.member.removed', subjectType: 'innovation_team_member', subjectId: member.id, organizationId: team.id, regionCode: team.regionCode, before: auditView(member) });
      return toMemberDto(member);
    });
  }

  /** Active enterprises and admitted providers whose name contains `q`: only what a registration form shows. */
  async hostCandidates(q: string): Promise<HostOrganizationDto[]> {
    const rows = (await this.dataSource.query(
      `SELECT id, name, kind, region_code FROM organizations
        WHERE status = 'active' AND (kind = 'enterprise' OR (kind = 'provider' AND admission_status = 'active'))
          AND name LIKE $1 ESCAPE '\\' ORDER BY name, id LIMIT $2`,
      [`%${q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`, HOST_LOOKUP_LIMIT],
    )) as HostRow[];
    return rows.map(toHostDto);
  }

  /**
   * The caller's own team. Any user of the team reads it; only its org admins (the leader, or whom
   * the leader made admin) change it, under the team row's lock so that counts hold. 404 for a caller
   * that is not in a team, so nothing tells it whether teams exist.
   */
  private async ownTeam(manager: EntityManager, actor: Actor, forChange = false): Promise<Organization> {
    const team = await manager.getRepository(Organization).findOne({ where: { id: actor.organizationId }, lock: forChange ? { mode: 'pessimistic_write' } : undefined });
    if (!team || team.kind !== 'team') throw DomainError.notFound('Innovation team');
    if (forChange && !OrganizationPolicy.canManage(actor, team)) throw DomainError.forbidden('Only the team leader and the team’s admins change its members');
    return team;
  }

  private roster(manager: EntityManager, organizationId: string): Promise<InnovationTeamMember[]> {
    return manager.getRepository(InnovationTeamMember).find({ where: { organizationId }, order: { isLeader: 'DESC', seq: 'ASC' } });
  }
}

interface HostRow { id: string; name: string; kind: string; region_code: string }

function toHostDto(r: HostRow): HostOrganizationDto {
  return { id: r.id, name: r.name, kind: r.kind, regionCode: r.region_code };
}

function memberRow(m: NewInnovationTeamMemberDto) {
  return { name: m.name.trim(), title: m.title?.trim() || null, contact: m.contact?.trim() || null };
}

function toMemberDto(m: InnovationTeamMember): InnovationTeamMemberDto {
  return { id: m.id, name: m.name, title: m.title, contact: m.contact, isLeader: m.isLeader, idCardMasked: m.idCardMasked, createdAt: m.createdAt.toISOString() };
}

/** What the audit trail keeps of a member: never the identity card, not even masked. */
function auditView(m: InnovationTeamMember): Record<string, unknown> {
  return { name: m.name, title: m.title, contact: m.contact, isLeader: m.isLeader };
}
