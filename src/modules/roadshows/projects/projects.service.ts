import { Injectable } from '@nestjs/common';
import { FindingReason, findingReason } from '../../../../packages/shared/finding-reasons';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, isPlatformAdmin, Role } from '../../../platform/context/actor';
import { shanghaiDate } from '../../../platform/database/shanghai-date';
import { UnitOfWork } from '../../../platform/database/unit-of-work';
import { DomainError } from '../../../platform/errors/domain-error';
import { CaseEngine } from '../../approvals/case-engine.service';
import { RegionsService } from '../../organizations/regions.service';
import { AvailabilityWindowDto, CreateProjectDto, ProjectDto, ProjectListQueryDto, ProjectTimelineDto, ProjectTransitionDto, SetAvailabilityDto, UpdateProjectDto } from './dto/project.dto';
import { ProjectLifecycle } from './project-lifecycle.service';
import { ROADSHOW_PROJECT, ROADSHOW_SCREENING } from '../shared/roadshow.constants';
import { AvailabilityWindow, RoadshowProject } from '../shared/roadshow.entities';
import { projectAuditView, toProjectDto } from './project.mapper';
import { ProjectStatus, VISIBLE_TO_INVESTORS } from '../shared/roadshow.state';

/**
 * Roadshow projects (路演项目): enterprises submit them, the roadshow_screening workflow screens
 * them, the roadshow centre moves them along the chain. Who sees a project: the owning
 * enterprise, platform admins, and investors once it is screened. Everyone else gets 404.
 */
@Injectable()
export class ProjectsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly regions: RegionsService,
    private readonly engine: CaseEngine,
    private readonly lifecycle: ProjectLifecycle,
  ) {}

  async create(actor: Actor, dto: CreateProjectDto): Promise<ProjectDto> {
    this.regions.require(dto.regionCode);
    const availability = normaliseAvailability(dto.availability ?? []);
    return this.uow.run(async (tx) => {
      const [{ n }] = (await tx.manager.query(`SELECT nextval('roadshow_project_number_seq') AS n`)) as { n: string }[];
      const year = shanghaiDate().slice(0, 4);
      const repo = tx.manager.getRepository(RoadshowProject);
      const saved = await repo.save(
        repo.create({
          number: `LY${year}-${n.padStart(6, '0')}`,
          enterpriseId: actor.organizationId,
          submittedBy: actor.userId,
          title: dto.title.trim(),
          summary: dto.summary?.trim() ?? '',
          industry: dto.industry,
          stage: dto.stage,
          financingAskFen: dto.financingAskFen,
          regionCode: dto.regionCode,
          team: dto.team.map((m) => ({ name: m.name.trim(), role: m.role.trim() })),
          availability,
          status: 'collected',
        }),
      );
      const project = await repo.findOneByOrFail({ id: saved.id });
      await this.lifecycle.record(tx, project.id, 'collect', null, 'collected', null, actor.userId);
      tx.audit(this.audit(project, 'roadshow_project.collected', null, projectAuditView(project)));
      return toProjectDto(project);
    });
  }

  async update(actor: Actor, id: string, dto: UpdateProjectDto): Promise<ProjectDto> {
    return this.uow.run(async (tx) => {
      const project = await this.lockOwn(tx.manager, actor, id);
      if (project.status !== 'collected' && project.status !== 'returned') throw DomainError.conflict(`Only collected or returned projects can be edited; this one is ${project.status}`);
      const before = projectAuditView(project);
      await tx.manager.query(
        `UPDATE roadshow_projects SET title = $2, summary = $3, industry = $4, stage = $5, financing_ask_fen = $6, team = $7, version = version + 1, updated_at = now() WHERE id = $1`,
        [
          project.id,
          dto.title?.trim() ?? project.title,
          dto.summary?.trim() ?? project.summary,
          dto.industry ?? project.industry,
          dto.stage ?? project.stage,
          dto.financingAskFen ?? project.financingAskFen,
          JSON.stringify(dto.team ?? project.team),
        ],
      );
      const after = await tx.manager.getRepository(RoadshowProject).findOneByOrFail({ id });
      tx.audit(this.audit(after, 'roadshow_project.updated', before, projectAuditView(after)));
      return toProjectDto(after);
    });
  }

  /** Presenters declare when they can pitch; the scheduler keeps to it, manual edits are warned. */
  async setAvailability(actor: Actor, id: string, dto: SetAvailabilityDto): Promise<ProjectDto> {
    const availability = normaliseAvailability(dto.availability);
    return this.uow.run(async (tx) => {
      const project = await this.lockOwn(tx.manager, actor, id);
      if (['presented', 'matched', 'landed', 'tracked', 'rejected', 'withdrawn'].includes(project.status)) {
        throw DomainError.conflict(`The availability of a ${project.status} project no longer matters`);
      }
      await tx.manager.query(`UPDATE roadshow_projects SET availability = $2, version = version + 1, updated_at = now() WHERE id = $1`, [id, JSON.stringify(availability)]);
      tx.audit(this.audit(project, 'roadshow_project.availability_set', { availability: project.availability }, { availability }));
      return toProjectDto(await tx.manager.getRepository(RoadshowProject).findOneByOrFail({ id }));
    });
  }

  /** Submits for screening: opens the roadshow_screening case, or resubmits a returned one. */
  async submit(actor: Actor, id: string): Promise<ProjectDto> {
    return this.uow.run(async (tx) => {
      const project = await this.lockOwn(tx.manager, actor, id);
      if (project.status === 'returned' && project.screeningCaseId) {
        const { kase } = await this.engine.lockCase(tx, project.screeningCaseId);
        if (!kase) throw DomainError.notFound('Case');
        // The engine's resubmit hook moves the project back to 'screening'.
        await this.engine.resubmit(tx, kase, actor.userId, null);
        return toProjectDto(await tx.manager.getRepository(RoadshowProject).findOneByOrFail({ id }));
      }
      const submitted = await this.lifecycle.apply(tx, project, 'submit', null, actor.userId);
      const kase = await this.engine.openCase(tx, { definitionKey: ROADSHOW_SCREENING, subjectType: ROADSHOW_PROJECT, subjectId: project.id });
      await tx.manager.query(`UPDATE roadshow_projects SET screening_case_id = $2 WHERE id = $1`, [project.id, kase.id]);
      return toProjectDto({ ...submitted, screeningCaseId: kase.id });
    });
  }

  async withdraw(actor: Actor, id: string): Promise<ProjectDto> {
    return this.uow.run(async (tx) => {
      const project = await this.lockOwn(tx.manager, actor, id);
      const withdrawn = await this.lifecycle.apply(tx, project, 'withdraw', findingReason('project_withdrawn_by_enterprise'), actor.userId);
      if (project.screeningCaseId) {
        const { kase } = await this.engine.lockCase(tx, project.screeningCaseId);
        if (kase && !['approved', 'rejected', 'withdrawn'].includes(kase.status)) await this.engine.finish(tx, kase, 'withdrawn', 'withdrawn by the enterprise');
      }
      return toProjectDto(withdrawn);
    });
  }

  /** Stage changes the roadshow centre makes by hand (coaching, presented, matched, landed, tracked). */
  async transition(actor: Actor, id: string, dto: ProjectTransitionDto): Promise<ProjectDto> {
    return this.uow.run(async (tx) => {
      const project = await this.lifecycle.lock(tx, id);
      return toProjectDto(await this.lifecycle.apply(tx, project, dto.event, dto.note ?? null, actor.userId));
    });
  }

  async list(actor: Actor, query: ProjectListQueryDto): Promise<ProjectDto[]> {
    const qb = this.dataSource.getRepository(RoadshowProject).createQueryBuilder('p');
    if (actor.role === Role.Investor) qb.where('p.status IN (:...visible)', { visible: VISIBLE_TO_INVESTORS });
    else if (!isPlatformAdmin(actor)) qb.where('p.enterprise_id = :org', { org: actor.organizationId });
    if (query.status) qb.andWhere('p.status = :status', { status: query.status });
    if (query.industry) qb.andWhere('p.industry = :industry', { industry: query.industry });
    const rows = await qb.orderBy('p.created_at', 'DESC').addOrderBy('p.id').limit(query.limit ?? 50).offset(query.offset ?? 0).getMany();
    return rows.map(toProjectDto);
  }

  async get(actor: Actor, id: string): Promise<ProjectDto> {
    return toProjectDto(await this.requireVisible(this.dataSource.manager, actor, id));
  }

  async timeline(actor: Actor, id: string): Promise<ProjectTimelineDto> {
    const project = await this.requireVisible(this.dataSource.manager, actor, id);
    const rows = (await this.dataSource.query(
      `SELECT event, from_status, to_status, note, note_code, actor_user_id, occurred_at FROM roadshow_project_events WHERE project_id = $1 ORDER BY id`,
      [id],
    )) as { event: string; from_status: string | null; to_status: string; note: string | null; note_code: FindingReason | null; actor_user_id: string | null; occurred_at: Date }[];
    return {
      projectId: id,
      status: project.status,
      entries: rows.map((r) => ({ event: r.event, fromStatus: r.from_status, toStatus: r.to_status, note: r.note, noteCode: r.note_code, actorUserId: r.actor_user_id, at: r.occurred_at.toISOString() })),
    };
  }

  /** The project if the actor may see it; otherwise 404 (never 403: existence is not disclosed). */
  async requireVisible(manager: EntityManager, actor: Actor, id: string): Promise<RoadshowProject> {
    const project = await manager.getRepository(RoadshowProject).findOneBy({ id });
    if (!project || !canSee(actor, project)) throw DomainError.notFound('Project');
    return project;
  }

  audit(project: RoadshowProject, action: string, before: unknown, after: unknown) {
    return { action, subjectType: 'roadshow_project', subjectId: project.id, organizationId: project.enterpriseId, regionCode: project.regionCode, before, after };
  }

  private async lockOwn(manager: EntityManager, actor: Actor, id: string): Promise<RoadshowProject> {
    const project = await manager.getRepository(RoadshowProject).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!project || project.enterpriseId !== actor.organizationId) throw DomainError.notFound('Project');
    return project;
  }
}

export function canSee(actor: Actor, project: { enterpriseId: string; status: ProjectStatus }): boolean {
  if (isPlatformAdmin(actor) || project.enterpriseId === actor.organizationId) return true;
  return actor.role === Role.Investor && VISIBLE_TO_INVESTORS.includes(project.status);
}

/** Sorted, validated windows (each from < to, at most 60 days long), as ISO strings. */
export function normaliseAvailability(windows: AvailabilityWindowDto[]): AvailabilityWindow[] {
  const parsed = windows.map((w, i) => {
    const from = new Date(w.from);
    const to = new Date(w.to);
    if (!(from < to)) throw DomainError.invalid(`availability[${i}]`, 'from must be before to');
    if (to.getTime() - from.getTime() > 60 * 24 * 3600_000) throw DomainError.invalid(`availability[${i}]`, 'a window is at most 60 days');
    return { from, to };
  });
  parsed.sort((a, b) => a.from.getTime() - b.from.getTime());
  return parsed.map((w) => ({ from: w.from.toISOString(), to: w.to.toISOString() }));
}
