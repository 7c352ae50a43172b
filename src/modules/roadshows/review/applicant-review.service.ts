import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Actor } from '../../../platform/context/actor';
import { DomainError } from '../../../platform/errors/domain-error';
import { OrganizationDirectory } from '../../organizations/organization-directory';
import { ProjectsService } from '../projects/projects.service';
import { ApplicantRoundDto } from './dto/review.dto';
import { aggregate, AssignmentRow, RoundRow, toRubricDto } from './review.rows';
import { isOrganiser } from './review-rounds.service';
import { RubricsService } from './rubrics.service';

/**
 * What the enterprise reads of its project's screening: every round (earlier ones stay readable after a revision),
 * the decision and its comment, the aggregate scores once decided, and the comments reviewers marked shareable;
 * who wrote them only outside blind rounds, never anyone's scores one by one.
 */
@Injectable()
export class ApplicantReviewService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly projects: ProjectsService,
    private readonly rubrics: RubricsService,
    private readonly directory: OrganizationDirectory,
  ) {}

  async rounds(actor: Actor, projectId: string): Promise<ApplicantRoundDto[]> {
    const project = await this.projects.requireVisible(this.dataSource.manager, actor, projectId);
    // Investors see screened projects, not how they were screened.
    if (!isOrganiser(actor) && project.enterpriseId !== actor.organizationId) throw DomainError.notFound('Project');
    const rounds = (await this.dataSource.query(`SELECT * FROM roadshow_review_rounds WHERE project_id = $1 ORDER BY round_no`, [projectId])) as RoundRow[];
    return Promise.all(
      rounds.map(async (round) => {
        const rubric = await this.rubrics.byId(this.dataSource.manager, round.rubric_id);
        const decided = round.status !== 'open';
        const assignments = decided ? ((await this.dataSource.query(`SELECT * FROM roadshow_review_assignments WHERE round_id = $1 ORDER BY submitted_at, id`, [round.id])) as AssignmentRow[]) : [];
        const shared = assignments.filter((a) => a.status === 'submitted' && a.comment_shareable && a.comment);
        const names = round.blind ? new Map<string, string>() : await this.directory.userDisplayNames(this.dataSource.manager, shared.map((a) => a.reviewer_user_id));
        return {
          roundNo: round.round_no,
          blind: round.blind,
          status: round.status,
          decisionComment: round.decision_comment,
          decidedAt: round.decided_at?.toISOString() ?? null,
          openedAt: round.opened_at.toISOString(),
          aggregate: decided ? aggregate(rubric, assignments) : null,
          rubric: toRubricDto(rubric),
          comments: shared.map((a) => ({ reviewerName: round.blind ? null : (names.get(a.reviewer_user_id) ?? null), comment: a.comment! })),
        };
      }),
    );
  }
}
