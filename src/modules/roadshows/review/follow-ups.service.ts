import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Actor } from '../../../platform/context/actor';
import { UnitOfWork } from '../../../platform/database/unit-of-work';
import { DomainError } from '../../../platform/errors/domain-error';
import { JobHandler } from '../../../platform/queue/job-handler.decorator';
import { JobName, JobPayload } from '../../../platform/queue/queue.registry';
import { OrganizationDirectory } from '../../organizations/organization-directory';
import { RegionsService } from '../../organizations/regions.service';
import { CITY_OWN_PROJECT_SQL } from '../sessions/city-projects';
import { organiserCity } from '../shared/session-organisers';
import { RoadshowProject } from '../shared/roadshow.entities';
import { CoachingService } from './coaching.service';
import { CloseFollowUpDto, CreateFollowUpDto, FollowUpDto, FollowUpQueryDto } from './dto/tracking.dto';
import { isOrganiser } from './review-rounds.service';
import { projectAudit } from './review.rows';
import { requireScreener, screensProject } from './screening-city';
import { FOLLOW_UP_STATES, FollowUpStatus } from './review.state';

/** Projects that are tracked: from the roadshow on (presented, matched, landed, tracked) and screened ones too. */
const TRACKABLE = ['screened', 'coached', 'scheduled', 'presented', 'matched', 'landed', 'tracked'];

interface FollowUpRow {
  id: string;
  project_id: string;
  project_title: string;
  topic: string;
  question: string;
  due_at: Date;
  responsible_user_id: string;
  status: FollowUpStatus;
  answer: string | null;
  reminded_at: Date | null;
}

/**
 * 跟踪服务 dated follow-ups ("financing closed?", "landed?"). Each one queues its reminder as a delayed outbox job
 * at its due time (job id = outbox id, so the relay never queues it twice); the handler marks reminded_at under the
 * row lock and sends the notification with a dedup key, so a redelivered job or a restarted worker sends nothing new.
 */
@Injectable()
export class FollowUpsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly directory: OrganizationDirectory,
    private readonly coaching: CoachingService,
    private readonly regions: RegionsService,
  ) {}

  async create(actor: Actor, projectId: string, dto: CreateFollowUpDto): Promise<FollowUpDto> {
    if (!isOrganiser(actor)) throw DomainError.forbidden('Only the roadshow organisers set follow-ups');
    const dueAt = new Date(dto.dueAt);
    if (dueAt.getTime() < Date.now() - 60_000) throw DomainError.invalid('dueAt', 'must not be in the past');
    return this.uow.run(async (tx) => {
      const project = await tx.manager.getRepository(RoadshowProject).findOne({ where: { id: projectId }, lock: { mode: 'pessimistic_read' } });
      if (!project) throw DomainError.notFound('Project');
      requireScreener(actor, this.regions, project.regionCode);
      if (!TRACKABLE.includes(project.status)) throw DomainError.conflict(`A ${project.status} project is not tracked`, { current: project.status });
      const [user] = await this.directory.users(tx.manager, [dto.responsibleUserId]);
      if (!user || user.status !== 'active') throw DomainError.invalid('responsibleUserId', 'is not an active user');
      const [row] = (await tx.manager.query(
        `INSERT INTO roadshow_follow_ups (project_id, topic, question, due_at, responsible_user_id, status, created_by) VALUES ($1, $2, $3, $4, $5, 'open', $6) RETURNING id`,
        [projectId, dto.topic, dto.question.trim(), dueAt, dto.responsibleUserId, actor.userId],
      )) as { id: string }[];
      tx.audit(projectAudit(project, 'roadshow_follow_up.created', null, { followUpId: row.id, topic: dto.topic, dueAt: dueAt.toISOString(), responsible: dto.responsibleUserId }));
      tx.enqueue(JobName.FollowUpReminder, { followUpId: row.id }, { runAt: dueAt });
      return (await this.rows(tx.manager, `f.id = $1`, [row.id]))[0];
    });
  }

  /**
   * The centre: every follow-up (or a project's); a city's organisers: their city's projects' (screening-city.ts)
   * and the ones they are responsible for; others: the ones they are responsible for and their own projects'.
   */
  async list(actor: Actor, query: FollowUpQueryDto): Promise<FollowUpDto[]> {
    const params: unknown[] = [];
    const where: string[] = [];
    if (query.projectId) {
      await this.coaching.requireReader(this.dataSource.manager, actor, query.projectId);
      where.push(`f.project_id = $${params.push(query.projectId)}`);
    } else if (organiserCity(actor) !== null) {
      where.push(`(f.responsible_user_id = $${params.push(actor.userId)} OR ${CITY_OWN_PROJECT_SQL('p', `$${params.push(organiserCity(actor))}`)})`);
    } else if (!isOrganiser(actor)) {
      where.push(`(f.responsible_user_id = $${params.push(actor.userId)} OR p.enterprise_id = $${params.push(actor.organizationId)})`);
    }
    if (query.overdue) where.push(`f.status = 'open' AND f.due_at < now()`);
    return this.rows(this.dataSource.manager, where.join(' AND ') || 'true', params);
  }

  async close(actor: Actor, id: string, dto: CloseFollowUpDto): Promise<FollowUpDto> {
    return this.uow.run(async (tx) => {
      const [row] = (await tx.manager.query(`SELECT * FROM roadshow_follow_ups WHERE id = $1 FOR UPDATE`, [id])) as FollowUpRow[];
      if (!row) throw DomainError.notFound('Follow-up');
      const project = await this.coaching.requireReader(tx.manager, actor, row.project_id).catch(async (err: unknown) => {
        if (row.responsible_user_id === actor.userId) return tx.manager.getRepository(RoadshowProject).findOneByOrFail({ id: row.project_id });
        throw err;
      });
      const screener = screensProject(actor, this.regions, project.regionCode);
      if (dto.event === 'cancel' && !screener) throw DomainError.forbidden('Only an organiser of the project’s city cancels a follow-up');
      if (dto.event === 'complete' && !screener && row.responsible_user_id !== actor.userId) throw DomainError.forbidden('Only the person responsible or an organiser of the project’s city answers a follow-up');
      const status = FOLLOW_UP_STATES.next(row.status, dto.event);
      await tx.manager.query(`UPDATE roadshow_follow_ups SET status = $2, answer = $3, closed_at = now(), closed_by = $4, version = version + 1 WHERE id = $1`, [id, status, dto.answer?.trim() || null, actor.userId]);
      tx.audit(projectAudit(project, FOLLOW_UP_STATES.emits(dto.event), { status: row.status }, { followUpId: id, status, answer: dto.answer ?? null }));
      return (await this.rows(tx.manager, `f.id = $1`, [id]))[0];
    });
  }

  /** The reminder at the due time: once per follow-up, whatever the queue delivers. */
  @JobHandler(JobName.FollowUpReminder)
  async remind(job: JobPayload<JobName.FollowUpReminder>): Promise<string> {
    return this.uow.run(async (tx) => {
      const [row] = (await tx.manager.query(`SELECT f.*, p.title AS project_title FROM roadshow_follow_ups f JOIN roadshow_projects p ON p.id = f.project_id WHERE f.id = $1 FOR UPDATE OF f`, [job.followUpId])) as FollowUpRow[];
      if (!row || row.status !== 'open') return 'skipped: closed';
      if (row.reminded_at) return 'skipped: already reminded';
      // A job that runs early (clock skew between processes) leaves the follow-up for its own due time.
      if (row.due_at.getTime() > Date.now() + 1000) throw new Error('not due yet');
      await tx.manager.query(`UPDATE roadshow_follow_ups SET reminded_at = now() WHERE id = $1`, [row.id]);
      const project = await tx.manager.getRepository(RoadshowProject).findOneByOrFail({ id: row.project_id });
      tx.audit(projectAudit(project, 'roadshow_follow_up.reminded', null, { followUpId: row.id, responsible: row.responsible_user_id }));
      tx.enqueue(JobName.DeliverNotification, {
        userIds: [row.responsible_user_id],
        kind: 'roadshow_follow_up.due',
        title: `跟踪事项到期：${row.project_title}`,
        body: row.question,
        subjectType: 'roadshow_project',
        subjectId: row.project_id,
        dedupKey: `roadshow_follow_up.due:${row.id}`,
        params: { projectTitle: row.project_title, question: row.question },
      });
      return 'reminded';
    });
  }

  private async rows(manager: EntityManager, where: string, params: unknown[]): Promise<FollowUpDto[]> {
    const rows = (await manager.query(
      `SELECT f.*, p.title AS project_title FROM roadshow_follow_ups f JOIN roadshow_projects p ON p.id = f.project_id WHERE ${where} ORDER BY f.due_at, f.id LIMIT 500`,
      params,
    )) as FollowUpRow[];
    const names = await this.directory.userDisplayNames(manager, rows.map((r) => r.responsible_user_id));
    const now = Date.now();
    return rows.map((r) => ({
      id: r.id,
      projectId: r.project_id,
      projectTitle: r.project_title,
      topic: r.topic,
      question: r.question,
      dueAt: r.due_at.toISOString(),
      responsibleUserId: r.responsible_user_id,
      responsibleName: names.get(r.responsible_user_id) ?? '',
      status: r.status,
      answer: r.answer,
      remindedAt: r.reminded_at?.toISOString() ?? null,
      overdue: r.status === 'open' && r.due_at.getTime() < now,
    }));
  }
}
