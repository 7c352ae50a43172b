import { Injectable } from '@nestjs/common';
import { findingReason } from '../../../../packages/shared/finding-reasons';
import { DataSource } from 'typeorm';
import { Actor } from '../../../platform/context/actor';
import { Transaction, UnitOfWork } from '../../../platform/database/unit-of-work';
import { DomainError } from '../../../platform/errors/domain-error';
import { JobName } from '../../../platform/queue/queue.registry';
import { OrganizationDirectory } from '../../organizations/organization-directory';
import { InterestDto, InterestTransitionDto } from './dto/investor.dto';
import { ProjectLifecycle } from '../projects/project-lifecycle.service';
import { ProjectsService } from '../projects/projects.service';
import { RoadshowInterest, RoadshowProject } from '../shared/roadshow.entities';
import { toInterestDto } from './interest.mapper';
import { INTEREST_STATES } from '../shared/roadshow.state';

/**
 * An investor organisation's interest in a project (投资意向): interested → meeting →
 * due_diligence → term_sheet → invested (or dropped). The enterprise is told at every step; the
 * first meeting after a roadshow makes the project 'matched' (对接成功).
 */
@Injectable()
export class InterestsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly projects: ProjectsService,
    private readonly lifecycle: ProjectLifecycle,
    private readonly directory: OrganizationDirectory,
  ) {}

  async create(actor: Actor, projectId: string, note?: string): Promise<InterestDto> {
    return this.uow.run(async (tx) => {
      const project = await this.projects.requireVisible(tx.manager, actor, projectId);
      const repo = tx.manager.getRepository(RoadshowInterest);
      const saved = await repo.save(repo.create({ projectId, investorOrgId: actor.organizationId, status: 'interested', note: note ?? null, createdBy: actor.userId }));
      const interest = await repo.findOneByOrFail({ id: saved.id });
      await this.record(tx, interest.id, null, 'interested', actor.userId);
      tx.audit(this.audit(project, interest, null, { status: 'interested', note: note ?? null }));
      await this.tell(tx, project, interest, actor.organizationId);
      return toInterestDto(interest);
    });
  }

  async transition(actor: Actor, id: string, dto: InterestTransitionDto): Promise<InterestDto> {
    return this.uow.run(async (tx) => {
      const interest = await tx.manager.getRepository(RoadshowInterest).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!interest || interest.investorOrgId !== actor.organizationId) throw DomainError.notFound('Interest');
      const to = INTEREST_STATES.next(interest.status, dto.event);
      await tx.manager.query(`UPDATE roadshow_interests SET status = $2, note = COALESCE($3, note), version = version + 1, updated_at = now() WHERE id = $1`, [id, to, dto.note ?? null]);
      await this.record(tx, id, interest.status, to, actor.userId);
      const project = await this.lifecycle.lock(tx, interest.projectId);
      tx.audit(this.audit(project, interest, { status: interest.status }, { status: to, event: dto.event, note: dto.note ?? null }));
      if (to === 'meeting') await this.lifecycle.applyIfAllowed(tx, project, 'match', findingReason('investor_met_team'), actor.userId);
      const after = await tx.manager.getRepository(RoadshowInterest).findOneByOrFail({ id });
      await this.tell(tx, project, after, actor.organizationId);
      return toInterestDto(after);
    });
  }

  async mine(actor: Actor): Promise<InterestDto[]> {
    const rows = await this.dataSource.getRepository(RoadshowInterest).find({ where: { investorOrgId: actor.organizationId }, order: { updatedAt: 'DESC', id: 'ASC' } });
    return rows.map(toInterestDto);
  }

  /** Interest in one project: the enterprise and admins see every investor's, an investor its own. */
  async ofProject(actor: Actor, projectId: string): Promise<InterestDto[]> {
    const project = await this.projects.requireVisible(this.dataSource.manager, actor, projectId);
    const rows = await this.dataSource.getRepository(RoadshowInterest).find({ where: { projectId }, order: { createdAt: 'ASC', id: 'ASC' } });
    const seesAll = project.enterpriseId === actor.organizationId || actor.role === 'platform_admin';
    return rows.filter((r) => seesAll || r.investorOrgId === actor.organizationId).map(toInterestDto);
  }

  private async record(tx: Transaction, interestId: string, from: string | null, to: string, actorUserId: string): Promise<void> {
    await tx.manager.query(`INSERT INTO roadshow_interest_events (interest_id, from_status, to_status, actor_user_id) VALUES ($1, $2, $3, $4)`, [interestId, from, to, actorUserId]);
  }

  private async tell(tx: Transaction, project: RoadshowProject, interest: RoadshowInterest, investorOrgId: string): Promise<void> {
    const userIds = await this.directory.activeUserIds(tx.manager, project.enterpriseId);
    const [org] = await this.directory.parties(tx.manager, [investorOrgId]);
    tx.enqueue(JobName.DeliverNotification, {
      userIds,
      kind: 'roadshow.investor_interest',
      title: `投资意向：${project.title}`,
      body: `${org?.name ?? '投资机构'}：${interest.status}`,
      subjectType: 'roadshow_project',
      subjectId: project.id,
      dedupKey: `roadshow.investor_interest:${interest.id}:${interest.status}`,
      params: { projectTitle: project.title, investorName: org?.name ?? null, status: interest.status },
    });
  }

  private audit(project: RoadshowProject, interest: RoadshowInterest, before: unknown, after: unknown) {
    return { action: 'roadshow_interest.changed', subjectType: 'roadshow_project', subjectId: project.id, organizationId: project.enterpriseId, before, after: { interestId: interest.id, investorOrgId: interest.investorOrgId, ...(after as object) } };
  }
}
