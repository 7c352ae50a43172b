import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Actor } from '../../../platform/context/actor';
import { Transaction, UnitOfWork } from '../../../platform/database/unit-of-work';
import { DomainError, ErrorCode } from '../../../platform/errors/domain-error';
import { JobName } from '../../../platform/queue/queue.registry';
import { ApprovalCaseQueries } from '../../approvals/approval-case-queries';
import { CaseRef, PendingDecision } from '../../approvals/approval-subject';
import { ApprovalTasksService } from '../../approvals/approval-tasks.service';
import { OrganizationDirectory } from '../../organizations/organization-directory';
import { RegionsService } from '../../organizations/regions.service';
import { ORGANISER_ROLES } from '../live/live-access';
import { RoadshowProject } from '../shared/roadshow.entities';
import { ConflictRules } from './conflict-rules';
import { AssignmentDto, AssignReviewerDto, DecideRoundDto, RoundDto, RoundQueryDto, RoundSettingsDto } from './dto/review.dto';
import { ExpertsService } from './experts.service';
import { aggregate, AssignmentRow, roundCode, RoundRow, toRubricDto } from './review.rows';
import { RoadshowReviewErrors } from './review.errors';
import { ASSIGNMENT_STATES, ENGINE_DECISION, ROUND_STATES, RoundEvent } from './review.state';
import { RubricsService } from './rubrics.service';
import { requireScreener, screeningRoundsFilter, screensProject } from './screening-city';

/** Who organises the review chain: the roles that organise roadshows (live/live-access, shared with the alliance). */
export function isOrganiser(actor: Actor): boolean {
  return ORGANISER_ROLES.includes(actor.role);
}

const ENGINE_TO_ROUND: Record<PendingDecision['decision'], RoundEvent> = { approve: 'pass', reject: 'reject', return: 'request_revision' };

/**
 * 筛选轮次 screening rounds, the organisers' side: a round opens when the project's roadshow_screening case enters
 * its review stage (one per case revision, on the rubric version active then); organisers assign experts, watch the
 * scores come in and decide through the case's review task, which calls back `recordDecision` in its transaction.
 */
@Injectable()
export class ReviewRoundsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly rubrics: RubricsService,
    private readonly experts: ExpertsService,
    private readonly rules: ConflictRules,
    private readonly directory: OrganizationDirectory,
    private readonly caseQueries: ApprovalCaseQueries,
    private readonly tasks: ApprovalTasksService,
    private readonly regions: RegionsService,
  ) {}

  /** The case entered review: the next round of the project opens (once per revision, however often the job runs). */
  async open(tx: Transaction, ref: CaseRef): Promise<void> {
    const rubric = await this.rubrics.active(tx.manager);
    const [row] = (await tx.manager.query(
      `INSERT INTO roadshow_review_rounds (project_id, round_no, case_id, case_revision, rubric_id, blind, min_reviews)
       SELECT $1, COALESCE(max(round_no), 0) + 1, $2, $3, $4,
              COALESCE((SELECT blind FROM roadshow_review_rounds WHERE project_id = $1 ORDER BY round_no DESC LIMIT 1), false),
              COALESCE((SELECT min_reviews FROM roadshow_review_rounds WHERE project_id = $1 ORDER BY round_no DESC LIMIT 1), 2)
         FROM roadshow_review_rounds WHERE project_id = $1
       ON CONFLICT (case_id, case_revision) DO NOTHING RETURNING id, round_no`,
      [ref.subjectId, ref.caseId, ref.revision, rubric.id],
    )) as { id: string; round_no: number }[];
    if (!row) return;
    const project = await tx.manager.getRepository(RoadshowProject).findOneByOrFail({ id: ref.subjectId });
    tx.audit({ ...this.auditBase(project, row.id), action: 'roadshow_review_round.opened', before: null, after: { roundNo: row.round_no, rubric: `${rubric.key}@${rubric.version}`, caseRevision: ref.revision } });
  }

  /** The case was withdrawn: its open round ends too. */
  async withdraw(tx: Transaction, ref: CaseRef): Promise<void> {
    const round = await this.lockByCase(tx.manager, ref);
    if (round && ROUND_STATES.can(round.status, 'withdraw')) await this.close(tx, round, 'withdraw', null, null);
  }

  async list(actor: Actor, query: RoundQueryDto): Promise<RoundDto[]> {
    this.requireOrganiser(actor);
    const params: unknown[] = [];
    const where: string[] = [];
    const ownCity = screeningRoundsFilter(actor, params);
    if (ownCity) where.push(ownCity);
    if (query.status) where.push(`status = $${params.push(query.status)}`);
    if (query.projectId) where.push(`project_id = $${params.push(query.projectId)}`);
    const rows = (await this.dataSource.query(`SELECT * FROM roadshow_review_rounds ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY opened_at DESC LIMIT 200`, params)) as RoundRow[];
    return Promise.all(rows.map((r) => this.view(this.dataSource.manager, actor, r)));
  }

  async get(actor: Actor, id: string): Promise<RoundDto> {
    this.requireOrganiser(actor);
    const round = await this.require(this.dataSource.manager, id);
    await this.requireScreenerOf(this.dataSource.manager, actor, round);
    return this.view(this.dataSource.manager, actor, round);
  }

  /** Blind review and the minimum number of reviews, while no reviewer has declared (nobody has seen the project yet). */
  async settings(actor: Actor, id: string, dto: RoundSettingsDto): Promise<RoundDto> {
    this.requireOrganiser(actor);
    return this.uow.run(async (tx) => {
      const round = await this.require(tx.manager, id, true);
      await this.requireScreenerOf(tx.manager, actor, round);
      if (round.status !== 'open') throw DomainError.conflict(`The round is ${round.status}`, { current: round.status });
      if (dto.blind !== undefined && dto.blind !== round.blind) {
        const [declared] = (await tx.manager.query(`SELECT 1 FROM roadshow_review_assignments WHERE round_id = $1 AND status <> 'assigned' LIMIT 1`, [id])) as unknown[];
        if (declared) throw DomainError.conflict('A reviewer has already declared and seen the project: blind review is set before that');
      }
      const after = { blind: dto.blind ?? round.blind, minReviews: dto.minReviews ?? round.min_reviews };
      await tx.manager.query(`UPDATE roadshow_review_rounds SET blind = $2, min_reviews = $3, version = version + 1 WHERE id = $1`, [id, after.blind, after.minReviews]);
      const project = await tx.manager.getRepository(RoadshowProject).findOneByOrFail({ id: round.project_id });
      tx.audit({ ...this.auditBase(project, id), action: 'roadshow_review_round.settings_changed', before: { blind: round.blind, minReviews: round.min_reviews }, after });
      return this.view(tx.manager, actor, { ...round, blind: after.blind, min_reviews: after.minReviews });
    });
  }

  /**
   * Assigns an expert. The conflict rules run at once: a reviewer they exclude is recorded as excluded (with the
   * reason, audited) so the organisers see why and assign someone else.
   */
  async assign(actor: Actor, id: string, dto: AssignReviewerDto): Promise<AssignmentDto> {
    this.requireOrganiser(actor);
    return this.uow.run(async (tx) => {
      const round = await this.require(tx.manager, id, true);
      await this.requireScreenerOf(tx.manager, actor, round);
      if (round.status !== 'open') throw DomainError.conflict(`The round is ${round.status}`, { current: round.status });
      const expert = await this.experts.requireActive(tx.manager, dto.userId);
      const project = await tx.manager.getRepository(RoadshowProject).findOneByOrFail({ id: round.project_id });
      const excluded = await this.rules.check(tx.manager, project.id, project.enterpriseId, expert.organizationId);
      const [row] = (await tx.manager.query(
        `INSERT INTO roadshow_review_assignments (round_id, reviewer_user_id, reviewer_org_id, status, exclusion_reason, assigned_by, declared_at)
         VALUES ($1, $2, $3, $4, $5, $6, CASE WHEN $5::text IS NULL THEN NULL ELSE now() END)
         ON CONFLICT (round_id, reviewer_user_id) DO NOTHING RETURNING *`,
        [id, dto.userId, expert.organizationId, excluded ? 'excluded' : 'assigned', excluded, actor.userId],
      )) as AssignmentRow[];
      if (!row) throw new DomainError(ErrorCode.AlreadyExists, 'This expert is already assigned to the round');
      tx.audit({ ...this.auditBase(project, id), action: 'roadshow_review_assignment.assigned', before: null, after: { assignmentId: row.id, reviewer: dto.userId, status: row.status } });
      if (excluded) {
        tx.audit({ ...this.auditBase(project, id), action: ASSIGNMENT_STATES.emits('exclude'), before: { status: 'assigned' }, after: { assignmentId: row.id, reviewer: dto.userId, reason: excluded, by: 'rule' } });
      } else {
        tx.enqueue(JobName.DeliverNotification, {
          userIds: [dto.userId],
          kind: 'roadshow_review.assigned',
          // Names nobody: the reviewer learns who applied (outside blind rounds) only on the review page.
          title: `新的路演项目评审任务 ${roundCode(round)}`,
          body: '请先申报利益冲突，再查看项目并按评分细则评分。',
          subjectType: 'roadshow_review_assignment',
          subjectId: row.id,
          dedupKey: `roadshow_review.assigned:${row.id}`,
          params: { round: roundCode(round) },
        });
      }
      const names = await this.directory.users(tx.manager, [dto.userId]);
      return toAssignmentDto(row, names[0]);
    });
  }

  /** Pass, reject or revise: through the case's open review task, so the engine and `recordDecision` both run. */
  async decide(actor: Actor, id: string, dto: DecideRoundDto): Promise<RoundDto> {
    this.requireOrganiser(actor);
    const round = await this.require(this.dataSource.manager, id);
    await this.requireScreenerOf(this.dataSource.manager, actor, round);
    ROUND_STATES.next(round.status, ENGINE_TO_ROUND[ENGINE_DECISION[dto.decision]]);
    const taskId = await this.caseQueries.openTaskId(this.dataSource.manager, round.case_id, round.case_revision);
    if (!taskId) throw DomainError.conflict('The screening task of this round is not open (yet)');
    await this.tasks.decide(actor, taskId, ENGINE_DECISION[dto.decision], dto.comment?.trim() || undefined);
    return this.get(actor, id);
  }

  /**
   * The approval engine's call before it records a decision on the screening task, in its transaction: only an
   * organiser who is not a reviewer of the round decides (four eyes), only with the minimum of submitted reviews,
   * only an open round (409 otherwise). The round records the decision and the scores it was taken on.
   */
  async recordDecision(tx: Transaction, ref: CaseRef, pending: PendingDecision): Promise<void> {
    const round = await this.lockByCase(tx.manager, ref);
    if (!round) throw DomainError.conflict('This screening has no review round yet; try again shortly');
    const event = ENGINE_TO_ROUND[pending.decision];
    ROUND_STATES.next(round.status, event);
    if (!isOrganiser(pending.actor)) throw DomainError.forbidden('Only the roadshow organisers decide screenings');
    await this.requireScreenerOf(tx.manager, pending.actor, round);
    const assignments = (await tx.manager.query(`SELECT * FROM roadshow_review_assignments WHERE round_id = $1`, [round.id])) as AssignmentRow[];
    if (assignments.some((a) => a.reviewer_user_id === pending.actor.userId)) {
      throw new DomainError(RoadshowReviewErrors.DECIDER_REVIEWED_ROUND, 'You are a reviewer of this round: another organiser decides it (four eyes)');
    }
    const submitted = assignments.filter((a) => a.status === 'submitted').length;
    if (submitted < round.min_reviews) {
      throw new DomainError(RoadshowReviewErrors.REVIEWS_BELOW_MINIMUM, `${submitted} of the ${round.min_reviews} reviews this round needs are in`, { submitted, required: round.min_reviews });
    }
    const rubric = await this.rubrics.byId(tx.manager, round.rubric_id);
    await this.close(tx, round, event, pending.comment, pending.actor.userId, aggregate(rubric, assignments));
  }

  private async close(tx: Transaction, round: RoundRow, event: RoundEvent, comment: string | null, by: string | null, decidedOn: unknown = null): Promise<void> {
    const status = ROUND_STATES.next(round.status, event);
    await tx.manager.query(
      `UPDATE roadshow_review_rounds SET status = $2, decision_comment = $3, decided_by = $4, decided_at = now(), decided_on = $5, version = version + 1 WHERE id = $1`,
      [round.id, status, comment, by, decidedOn === null ? null : JSON.stringify(decidedOn)],
    );
    const project = await tx.manager.getRepository(RoadshowProject).findOneByOrFail({ id: round.project_id });
    tx.audit({ ...this.auditBase(project, round.id), action: ROUND_STATES.emits(event), before: { status: round.status }, after: { status, comment, scores: decidedOn } });
  }

  async view(manager: EntityManager, actor: Actor, round: RoundRow): Promise<RoundDto> {
    const project = await manager.getRepository(RoadshowProject).findOneByOrFail({ id: round.project_id });
    const rubric = await this.rubrics.byId(manager, round.rubric_id);
    const assignments = (await manager.query(`SELECT * FROM roadshow_review_assignments WHERE round_id = $1 ORDER BY assigned_at, id`, [round.id])) as AssignmentRow[];
    const users = new Map((await this.directory.users(manager, assignments.map((a) => a.reviewer_user_id))).map((u) => [u.id, u]));
    const [applicant] = await this.directory.parties(manager, [project.enterpriseId]);
    const summary = aggregate(rubric, assignments);
    return {
      id: round.id,
      projectId: project.id,
      projectNumber: project.number,
      projectTitle: project.title,
      applicantName: applicant?.name ?? '',
      roundNo: round.round_no,
      caseId: round.case_id,
      blind: round.blind,
      minReviews: round.min_reviews,
      status: round.status,
      rubric: toRubricDto(rubric),
      assignments: assignments.map((a) => toAssignmentDto(a, users.get(a.reviewer_user_id))),
      aggregate: summary,
      canDecide: round.status === 'open' && screensProject(actor, this.regions, project.regionCode) && !assignments.some((a) => a.reviewer_user_id === actor.userId) && summary.reviews >= round.min_reviews,
      decisionComment: round.decision_comment,
      decidedBy: round.decided_by,
      decidedAt: round.decided_at?.toISOString() ?? null,
      openedAt: round.opened_at.toISOString(),
    };
  }

  async require(manager: EntityManager, id: string, lock = false): Promise<RoundRow> {
    const [round] = (await manager.query(`SELECT * FROM roadshow_review_rounds WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`, [id])) as RoundRow[];
    if (!round) throw DomainError.notFound('Review round');
    return round;
  }

  auditBase(project: RoadshowProject, roundId: string) {
    return { subjectType: 'roadshow_review_round', subjectId: roundId, organizationId: project.enterpriseId, regionCode: project.regionCode };
  }

  private async lockByCase(manager: EntityManager, ref: CaseRef): Promise<RoundRow | undefined> {
    const [round] = (await manager.query(`SELECT * FROM roadshow_review_rounds WHERE case_id = $1 AND case_revision = $2 FOR UPDATE`, [ref.caseId, ref.revision])) as RoundRow[];
    return round;
  }

  /** 403 unless the actor screens the round's project: the centre any, a city organiser its own city's (screening-city.ts). */
  private async requireScreenerOf(manager: EntityManager, actor: Actor, round: RoundRow): Promise<void> {
    const project = await manager.getRepository(RoadshowProject).findOneByOrFail({ id: round.project_id });
    requireScreener(actor, this.regions, project.regionCode);
  }

  private requireOrganiser(actor: Actor): void {
    if (!isOrganiser(actor)) throw DomainError.forbidden('Only the roadshow organisers manage screening rounds');
  }
}


export function toAssignmentDto(a: AssignmentRow, user: { displayName: string; organizationName: string } | undefined): AssignmentDto {
  return {
    id: a.id,
    roundId: a.round_id,
    reviewerUserId: a.reviewer_user_id,
    reviewerName: user?.displayName ?? '',
    reviewerOrganization: user?.organizationName ?? '',
    status: a.status,
    exclusionReason: a.exclusion_reason,
    conflictRelation: a.conflict_relation,
    conflictNote: a.conflict_note,
    scores: a.scores,
    weightedScore: a.weighted_score === null ? null : Number(a.weighted_score),
    comment: a.comment,
    commentShareable: a.comment_shareable,
    assignedAt: a.assigned_at.toISOString(),
    submittedAt: a.submitted_at?.toISOString() ?? null,
  };
}
