import { Injectable } from '@nestjs/common';
import { Transaction } from '../../../platform/database/unit-of-work';
import { DomainError } from '../../../platform/errors/domain-error';
import { ApprovalSubject, ApprovalSubjectHandler, CaseRef, codedFinding, Finding, PendingDecision, SubjectDescription } from '../../approvals/approval-subject';
import { findingReason } from '../../../../packages/shared/finding-reasons';
import { RegionsService } from '../../organizations/regions.service';
import { OrganizationDirectory } from '../../organizations/organization-directory';
import { ProjectLifecycle } from '../projects/project-lifecycle.service';
import { ReviewRoundsService } from './review-rounds.service';
import { screeningCityOf } from './screening-city';
import { ROADSHOW_PROJECT } from '../shared/roadshow.constants';
import { RoadshowProject } from '../shared/roadshow.entities';
import { PROJECT_STATES } from '../shared/roadshow.state';
import { storedCaseTitle } from '../../../../packages/shared/case-title';

/**
 * A roadshow project as the subject of the roadshow_screening workflow (路演项目筛选). Its review stage is where
 * the review chain runs (after an automatic pre-check of the deck, team and region, whose findings the organisers
 * read on the case): entering it opens the revision's screening round (experts score it, outside the engine:
 * docs/architecture.md, "Roadshow review chain"); the stage's one task is the organiser's decision, which the round
 * vets (minimum reviews, four eyes, the decider's city) in `beforeDecision`. The task is routed to the organisers of
 * the project's own G60 city and the centre (screening-city.ts). Approval makes the project 'screened', a rejection ends
 * it, a return hands it back for a revision (the next round). Every hook is idempotent (the engine may deliver a
 * job twice): it acts only when the state table allows.
 */
@Injectable()
@ApprovalSubjectHandler(ROADSHOW_PROJECT)
export class RoadshowScreeningSubject implements ApprovalSubject {
  constructor(
    private readonly lifecycle: ProjectLifecycle,
    private readonly regions: RegionsService,
    private readonly directory: OrganizationDirectory,
    private readonly rounds: ReviewRoundsService,
  ) {}

  async describe(tx: Transaction, subjectId: string): Promise<SubjectDescription> {
    const project = await this.load(tx, subjectId);
    const [org] = await this.directory.parties(tx.manager, [project.enterpriseId]);
    const lineage = this.regions.lineage(project.regionCode);
    return {
      ...storedCaseTitle(ROADSHOW_PROJECT, { number: project.number, project: project.title, org: org?.name ?? '' }),
      applicantOrgId: project.enterpriseId,
      applicantUserId: project.submittedBy,
      regionCode: project.regionCode,
      // The screening task goes to this city's roadshow organisers (stage scope subject_city) and the centre.
      cityCode: screeningCityOf(this.regions, project.regionCode) ?? lineage[lineage.length - 1] ?? project.regionCode,
      amountFen: project.financingAskFen,
      snapshot: {
        title: project.title,
        summary: project.summary,
        industry: project.industry,
        stage: project.stage,
        financingAskFen: project.financingAskFen,
        regionCode: project.regionCode,
        team: project.team,
        deckSha256: project.deckSha256,
      },
    };
  }

  async precheck(tx: Transaction, subjectId: string): Promise<Finding[]> {
    const project = await this.load(tx, subjectId);
    const lineage = this.regions.lineage(project.regionCode);
    const g60 = lineage.some((code) => this.regions.get(code)?.isG60 || code === '310000');
    return [
      codedFinding('deck_uploaded', project.deckKey ? 'pass' : 'warn', [project.deckKey ? null : findingReason('no_pitch_deck')]),
      codedFinding('team_declared', project.team.length > 0 ? 'pass' : 'warn', [project.team.length > 0 ? findingReason('team_members', { count: project.team.length }) : findingReason('no_team_members')]),
      codedFinding('g60_region', g60 ? 'pass' : 'warn', [g60 ? null : findingReason('outside_g60', { regionCode: project.regionCode })]),
    ];
  }

  /** The round opens with the review stage, not with the automatic pre-check before it. */
  async onStageEntered(tx: Transaction, ref: CaseRef, stageKey: string): Promise<void> {
    if (stageKey === 'precheck') return;
    await this.rounds.open(tx, ref);
  }

  async beforeDecision(tx: Transaction, ref: CaseRef, pending: PendingDecision): Promise<void> {
    await this.rounds.recordDecision(tx, ref, pending);
  }

  async onApproved(tx: Transaction, ref: CaseRef): Promise<void> {
    const project = await this.lifecycle.lock(tx, ref.subjectId);
    if (PROJECT_STATES.can(project.status, 'approve_screening')) await this.lifecycle.apply(tx, project, 'approve_screening', null, null);
  }

  async onRejected(tx: Transaction, ref: CaseRef, reason: string | null): Promise<void> {
    const project = await this.lifecycle.lock(tx, ref.subjectId);
    if (PROJECT_STATES.can(project.status, 'reject_screening')) await this.lifecycle.apply(tx, project, 'reject_screening', reason, null);
  }

  async onReturned(tx: Transaction, ref: CaseRef, reason: string | null): Promise<void> {
    const project = await this.lifecycle.lock(tx, ref.subjectId);
    if (PROJECT_STATES.can(project.status, 'return_screening')) await this.lifecycle.apply(tx, project, 'return_screening', reason, null);
  }

  async onWithdrawn(tx: Transaction, ref: CaseRef): Promise<void> {
    await this.rounds.withdraw(tx, ref);
    const project = await this.lifecycle.lock(tx, ref.subjectId);
    if (project.status === 'screening' || project.status === 'returned') await this.lifecycle.apply(tx, project, 'withdraw', findingReason('screening_case_withdrawn'), null);
  }

  async onResubmitted(tx: Transaction, ref: CaseRef): Promise<void> {
    const project = await this.lifecycle.lock(tx, ref.subjectId);
    if (PROJECT_STATES.can(project.status, 'submit')) await this.lifecycle.apply(tx, project, 'submit', findingReason('resubmitted_after_changes'), null);
  }

  private async load(tx: Transaction, id: string): Promise<RoadshowProject> {
    const project = await tx.manager.getRepository(RoadshowProject).findOneBy({ id });
    if (!project) throw DomainError.notFound('Project');
    return project;
  }
}
