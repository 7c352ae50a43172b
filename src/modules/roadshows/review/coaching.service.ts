import { Injectable } from '@nestjs/common';
import { findingReason } from '../../../../packages/shared/finding-reasons';
import { DataSource, EntityManager } from 'typeorm';
import { Actor } from '../../../platform/context/actor';
import { shanghaiDate } from '../../../platform/database/shanghai-date';
import { UnitOfWork } from '../../../platform/database/unit-of-work';
import { DomainError } from '../../../platform/errors/domain-error';
import { JobName } from '../../../platform/queue/queue.registry';
import { OrganizationDirectory } from '../../organizations/organization-directory';
import { RegionsService } from '../../organizations/regions.service';
import { ProjectLifecycle } from '../projects/project-lifecycle.service';
import { RoadshowProject } from '../shared/roadshow.entities';
import { CoachingItemDto, CoachingItemStatusDto, CoachingRecordDto, CreateCoachingRecordDto } from './dto/tracking.dto';
import { isOrganiser } from './review-rounds.service';
import { projectAudit } from './review.rows';
import { requireScreener, screensProject } from './screening-city';
import { COACHING_ITEM_STATES, CoachingItemStatus } from './review.state';

/** Projects that may be coached: screened and not yet ended. */
const COACHABLE = ['screened', 'coached', 'scheduled', 'presented', 'matched', 'landed', 'tracked'];

interface ItemRow {
  id: string;
  record_id: string;
  project_id: string;
  description: string;
  owner_user_id: string;
  due_day: string;
  status: CoachingItemStatus;
}

/**
 * 路演辅导 coaching records: who coached, when, the advice, and follow-up items with an owner, a due day and a
 * status. The organisers who screen the project write them (its own city's and the centre, as screening); the project's enterprise reads them; an item's owner (or an organiser) closes it.
 * The first record of a screened project moves it to 'coached'.
 */
@Injectable()
export class CoachingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly lifecycle: ProjectLifecycle,
    private readonly directory: OrganizationDirectory,
    private readonly regions: RegionsService,
  ) {}

  async create(actor: Actor, projectId: string, dto: CreateCoachingRecordDto): Promise<CoachingRecordDto> {
    if (!isOrganiser(actor)) throw DomainError.forbidden('Only the roadshow organisers record coaching');
    return this.uow.run(async (tx) => {
      const project = await this.lifecycle.lock(tx, projectId);
      requireScreener(actor, this.regions, project.regionCode);
      if (!COACHABLE.includes(project.status)) throw DomainError.conflict(`A ${project.status} project is not coached`, { current: project.status });
      const owners = (dto.items ?? []).map((i) => i.ownerUserId);
      const found = await this.directory.existingUserIds(tx.manager, [...owners, ...(dto.coachUserId ? [dto.coachUserId] : [])]);
      (dto.items ?? []).forEach((item, i) => {
        if (!found.includes(item.ownerUserId)) throw DomainError.invalid(`items[${i}].ownerUserId`, 'is not a user');
      });
      if (dto.coachUserId && !found.includes(dto.coachUserId)) throw DomainError.invalid('coachUserId', 'is not a user');
      const [record] = (await tx.manager.query(
        `INSERT INTO roadshow_coaching_records (project_id, coach_name, coach_user_id, coached_at, advice, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [projectId, dto.coachName.trim(), dto.coachUserId ?? null, dto.coachedAt, dto.advice.trim(), actor.userId],
      )) as { id: string }[];
      for (const item of dto.items ?? []) {
        await tx.manager.query(`INSERT INTO roadshow_coaching_items (record_id, project_id, description, owner_user_id, due_on, status) VALUES ($1, $2, $3, $4, $5, 'open')`, [
          record.id,
          projectId,
          item.description.trim(),
          item.ownerUserId,
          item.dueOn,
        ]);
      }
      tx.audit(projectAudit(project, 'roadshow_coaching.recorded', null, { recordId: record.id, coach: dto.coachName, coachedAt: dto.coachedAt, items: dto.items?.length ?? 0 }));
      await this.lifecycle.applyIfAllowed(tx, project, 'coach', findingReason('coached_by', { coach: dto.coachName.trim() }), actor.userId);
      if (owners.length > 0) {
        tx.enqueue(JobName.DeliverNotification, {
          userIds: [...new Set(owners)],
          kind: 'roadshow_coaching.item_assigned',
          title: `路演辅导待办：${project.title}`,
          body: (dto.items ?? []).map((i) => `${i.description}（${i.dueOn} 前）`).join('；'),
          subjectType: 'roadshow_project',
          subjectId: projectId,
          dedupKey: `roadshow_coaching.item_assigned:${record.id}`,
          params: { projectTitle: project.title, items: (dto.items ?? []).map((i) => ({ description: i.description, dueOn: i.dueOn })) },
        });
      }
      return (await this.records(tx.manager, projectId)).find((r) => r.id === record.id)!;
    });
  }

  async list(actor: Actor, projectId: string): Promise<CoachingRecordDto[]> {
    await this.requireReader(this.dataSource.manager, actor, projectId);
    return this.records(this.dataSource.manager, projectId);
  }

  async changeItem(actor: Actor, itemId: string, dto: CoachingItemStatusDto): Promise<CoachingItemDto> {
    return this.uow.run(async (tx) => {
      const [item] = (await tx.manager.query(`SELECT *, to_char(due_on, 'YYYY-MM-DD') AS due_day FROM roadshow_coaching_items WHERE id = $1 FOR UPDATE`, [itemId])) as ItemRow[];
      if (!item) throw DomainError.notFound('Coaching item');
      if (item.owner_user_id !== actor.userId) {
        const project = await this.requireReader(tx.manager, actor, item.project_id);
        if (!screensProject(actor, this.regions, project.regionCode)) throw DomainError.forbidden('Only the item’s owner or an organiser closes it');
      }
      const status = COACHING_ITEM_STATES.next(item.status, dto.event);
      await tx.manager.query(`UPDATE roadshow_coaching_items SET status = $2, closed_at = now(), closed_by = $3, version = version + 1 WHERE id = $1`, [itemId, status, actor.userId]);
      const project = await tx.manager.getRepository(RoadshowProject).findOneByOrFail({ id: item.project_id });
      tx.audit(projectAudit(project, COACHING_ITEM_STATES.emits(dto.event), { status: item.status }, { itemId, status }));
      const names = await this.directory.userDisplayNames(tx.manager, [item.owner_user_id]);
      return toItemDto({ ...item, status }, names);
    });
  }

  private async records(manager: EntityManager, projectId: string): Promise<CoachingRecordDto[]> {
    const records = (await manager.query(`SELECT * FROM roadshow_coaching_records WHERE project_id = $1 ORDER BY coached_at DESC, id`, [projectId])) as {
      id: string;
      project_id: string;
      coach_name: string;
      coach_user_id: string | null;
      coached_at: Date;
      advice: string;
      created_at: Date;
    }[];
    const items = (await manager.query(`SELECT *, to_char(due_on, 'YYYY-MM-DD') AS due_day FROM roadshow_coaching_items WHERE project_id = $1 ORDER BY due_on, id`, [projectId])) as ItemRow[];
    const names = await this.directory.userDisplayNames(manager, items.map((i) => i.owner_user_id));
    return records.map((r) => ({
      id: r.id,
      projectId: r.project_id,
      coachName: r.coach_name,
      coachUserId: r.coach_user_id,
      coachedAt: r.coached_at.toISOString(),
      advice: r.advice,
      items: items.filter((i) => i.record_id === r.id).map((i) => toItemDto(i, names)),
      createdAt: r.created_at.toISOString(),
    }));
  }

  /**
   * The project's enterprise and the organisers who screen it (its own city's, the centre: screening-city.ts) read
   * its coaching and tracking; another city's organiser gets 403, anyone else 404.
   */
  async requireReader(manager: EntityManager, actor: Actor, projectId: string): Promise<RoadshowProject> {
    const project = await manager.getRepository(RoadshowProject).findOneBy({ id: projectId });
    if (!project || (!isOrganiser(actor) && project.enterpriseId !== actor.organizationId)) throw DomainError.notFound('Project');
    if (isOrganiser(actor) && project.enterpriseId !== actor.organizationId) requireScreener(actor, this.regions, project.regionCode);
    return project;
  }
}

function toItemDto(i: ItemRow, names: Map<string, string>): CoachingItemDto {
  return {
    id: i.id,
    description: i.description,
    ownerUserId: i.owner_user_id,
    ownerName: names.get(i.owner_user_id) ?? '',
    dueOn: i.due_day,
    status: i.status,
    overdue: i.status === 'open' && i.due_day < shanghaiDate(),
  };
}
