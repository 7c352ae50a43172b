import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Actor } from '../../../platform/context/actor';
import { UnitOfWork } from '../../../platform/database/unit-of-work';
import { DomainError, ErrorCode, FieldProblem } from '../../../platform/errors/domain-error';
import { OrganizationDirectory } from '../../organizations/organization-directory';
import { DeckDownload, ProjectDecksService } from '../projects/project-decks.service';
import { RoadshowProject } from '../shared/roadshow.entities';
import { ConflictRules } from './conflict-rules';
import { DeclareConflictDto, ReviewedProjectDto, ReviewTaskDto, SubmitReviewDto } from './dto/review.dto';
import { AssignmentRow, roundCode, RoundRow, RubricRow, toRubricDto, weightedScore } from './review.rows';
import { RoadshowReviewErrors } from './review.errors';
import { ASSIGNMENT_STATES } from './review.state';
import { RubricsService } from './rubrics.service';

/**
 * The reviewers' side (评审专家): their inbox, the conflict-of-interest declaration that comes before the project,
 * the project and deck once cleared (in a blind round without anything that names the applicant), and the scores.
 * An assignment that is not the caller's is 404, whoever asks; an excluded reviewer gets 403 REVIEWER_CONFLICTED.
 */
@Injectable()
export class ReviewerService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly rubrics: RubricsService,
    private readonly rules: ConflictRules,
    private readonly directory: OrganizationDirectory,
    private readonly decks: ProjectDecksService,
  ) {}

  async inbox(actor: Actor): Promise<ReviewTaskDto[]> {
    const rows = (await this.dataSource.query(`SELECT id FROM roadshow_review_assignments WHERE reviewer_user_id = $1 ORDER BY assigned_at DESC LIMIT 200`, [actor.userId])) as { id: string }[];
    return Promise.all(rows.map((r) => this.get(actor, r.id)));
  }

  async get(actor: Actor, assignmentId: string): Promise<ReviewTaskDto> {
    const { assignment, round, project, rubric } = await this.load(this.dataSource.manager, actor, assignmentId);
    return this.view(this.dataSource.manager, assignment, round, project, rubric);
  }

  /**
   * The declaration: a declared conflict excludes the reviewer; otherwise the rules run (the facts may have
   * changed since the assignment) and either exclude or clear them. Every exclusion is audited with its reason.
   */
  async declare(actor: Actor, assignmentId: string, dto: DeclareConflictDto): Promise<ReviewTaskDto> {
    if (dto.conflicted && !dto.reason?.trim()) throw DomainError.invalid('reason', 'is required when declaring a conflict');
    if (dto.conflicted && !dto.relation) throw DomainError.invalid('relation', 'is required when declaring a conflict');
    return this.uow.run(async (tx) => {
      const { assignment, round, project, rubric } = await this.load(tx.manager, actor, assignmentId, true);
      const reason = dto.conflicted ? 'declared' : await this.rules.check(tx.manager, project.id, project.enterpriseId, assignment.reviewer_org_id);
      const event = reason ? 'exclude' : 'declare_clear';
      const status = ASSIGNMENT_STATES.next(assignment.status, event);
      await tx.manager.query(
        `UPDATE roadshow_review_assignments SET status = $2, exclusion_reason = $3, conflict_relation = $4, conflict_note = $5, declared_at = now(), version = version + 1 WHERE id = $1`,
        [assignment.id, status, reason, dto.conflicted ? dto.relation : null, dto.conflicted ? dto.reason!.trim() : null],
      );
      tx.audit({
        action: ASSIGNMENT_STATES.emits(event),
        subjectType: 'roadshow_review_round',
        subjectId: round.id,
        organizationId: project.enterpriseId,
        regionCode: project.regionCode,
        before: { status: assignment.status },
        after: { assignmentId: assignment.id, reviewer: actor.userId, status, reason, by: dto.conflicted ? 'declaration' : reason ? 'rule' : null, relation: dto.relation ?? null },
      });
      const updated = { ...assignment, status, exclusion_reason: reason };
      return this.view(tx.manager, updated, round, project, rubric);
    });
  }

  async submit(actor: Actor, assignmentId: string, dto: SubmitReviewDto): Promise<ReviewTaskDto> {
    return this.uow.run(async (tx) => {
      const { assignment, round, project, rubric } = await this.load(tx.manager, actor, assignmentId, true);
      this.refuseExcluded(assignment);
      if (round.status !== 'open') throw DomainError.conflict(`The round is ${round.status}`, { current: round.status });
      ASSIGNMENT_STATES.next(assignment.status, 'submit');
      checkScores(rubric, dto.scores);
      const weighted = weightedScore(rubric, dto.scores);
      await tx.manager.query(
        `UPDATE roadshow_review_assignments SET status = 'submitted', scores = $2, weighted_score = $3, comment = $4, comment_shareable = $5, submitted_at = now(), version = version + 1 WHERE id = $1`,
        [assignment.id, JSON.stringify(dto.scores), weighted, dto.comment.trim(), dto.commentShareable],
      );
      tx.audit({
        action: ASSIGNMENT_STATES.emits('submit'),
        subjectType: 'roadshow_review_round',
        subjectId: round.id,
        organizationId: project.enterpriseId,
        regionCode: project.regionCode,
        before: { status: assignment.status },
        after: { assignmentId: assignment.id, reviewer: actor.userId, scores: dto.scores, weightedScore: weighted, commentShareable: dto.commentShareable },
      });
      const updated: AssignmentRow = { ...assignment, status: 'submitted', scores: dto.scores, weighted_score: String(weighted), comment: dto.comment.trim(), comment_shareable: dto.commentShareable, submitted_at: new Date() };
      return this.view(tx.manager, updated, round, project, rubric);
    });
  }

  /** The deck, for a cleared (or submitted) reviewer; named deck.<ext> in a blind round. */
  async deck(actor: Actor, assignmentId: string): Promise<DeckDownload> {
    const { assignment, round } = await this.load(this.dataSource.manager, actor, assignmentId);
    this.refuseExcluded(assignment);
    if (assignment.status === 'assigned') throw DomainError.conflict('Declare your conflicts of interest before opening the project', { current: 'assigned' });
    return this.decks.openForReviewer(round.project_id, round.blind);
  }

  private refuseExcluded(assignment: AssignmentRow): void {
    if (assignment.status === 'excluded') {
      throw new DomainError(RoadshowReviewErrors.REVIEWER_CONFLICTED, 'You are excluded from this round for a conflict of interest', { reason: assignment.exclusion_reason });
    }
  }

  private async load(manager: EntityManager, actor: Actor, assignmentId: string, lock = false) {
    const [assignment] = (await manager.query(`SELECT * FROM roadshow_review_assignments WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`, [assignmentId])) as AssignmentRow[];
    if (!assignment || assignment.reviewer_user_id !== actor.userId) throw DomainError.notFound('Review assignment');
    const [round] = (await manager.query(`SELECT * FROM roadshow_review_rounds WHERE id = $1`, [assignment.round_id])) as RoundRow[];
    const project = await manager.getRepository(RoadshowProject).findOneByOrFail({ id: round.project_id });
    const rubric = await this.rubrics.byId(manager, round.rubric_id);
    return { assignment, round, project, rubric };
  }

  /** What the reviewer may see now: before declaring, enough to judge a conflict; excluded, nothing more. */
  private async view(manager: EntityManager, a: AssignmentRow, round: RoundRow, project: RoadshowProject, rubric: RubricRow): Promise<ReviewTaskDto> {
    const applicantName = round.blind ? null : ((await this.directory.parties(manager, [project.enterpriseId]))[0]?.name ?? null);
    const admitted = a.status === 'cleared' || a.status === 'submitted';
    const reviewed: ReviewedProjectDto | null = admitted
      ? {
          title: project.title,
          summary: project.summary,
          industry: project.industry,
          stage: project.stage,
          financingAskFen: project.financingAskFen,
          projectNumber: round.blind ? null : project.number,
          applicantName,
          regionCode: round.blind ? null : project.regionCode,
          team: project.team.map((m) => (round.blind ? m.role : `${m.name}（${m.role}）`)),
          hasDeck: !!project.deckKey,
        }
      : null;
    return {
      assignmentId: a.id,
      roundId: round.id,
      roundCode: roundCode(round),
      roundNo: round.round_no,
      blind: round.blind,
      roundStatus: round.status,
      status: a.status,
      exclusionReason: a.exclusion_reason,
      industry: project.industry,
      stage: project.stage,
      applicantName,
      project: reviewed,
      rubric: toRubricDto(rubric),
      scores: a.scores,
      weightedScore: a.weighted_score === null ? null : Number(a.weighted_score),
      comment: a.comment,
      assignedAt: a.assigned_at.toISOString(),
    };
  }
}

/** One whole score per criterion of the rubric, within its scale, and nothing else. */
export function checkScores(rubric: Pick<RubricRow, 'criteria' | 'scale_min' | 'scale_max'>, scores: Record<string, unknown>): void {
  const problems: FieldProblem[] = [];
  for (const c of rubric.criteria) {
    const value = scores[c.key];
    if (value === undefined) problems.push({ field: `scores.${c.key}`, message: 'is required' });
    else if (!Number.isInteger(value) || (value as number) < rubric.scale_min || (value as number) > rubric.scale_max) {
      problems.push({ field: `scores.${c.key}`, message: `must be a whole number from ${rubric.scale_min} to ${rubric.scale_max}` });
    }
  }
  for (const key of Object.keys(scores)) if (!rubric.criteria.some((c) => c.key === key)) problems.push({ field: `scores.${key}`, message: 'is not a criterion of this rubric' });
  if (problems.length > 0) throw new DomainError(ErrorCode.ValidationFailed, problems.map((p) => `${p.field}: ${p.message}`).join('; '), problems);
}
