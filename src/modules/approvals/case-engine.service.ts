import { Injectable, Logger } from '@nestjs/common';
import { CacheSpace, ReferenceCache } from '../../platform/cache/reference-cache';
import { AppConfig } from '../../platform/config/app-config';
import { Transaction, UnitOfWork } from '../../platform/database/unit-of-work';
import { DomainError, ErrorCode } from '../../platform/errors/domain-error';
import { OutboxWriter } from '../../platform/outbox/outbox-writer';
import { InlineJobs } from '../../platform/queue/inline-jobs';
import { JobHandler } from '../../platform/queue/job-handler.decorator';
import { JobName, JobPayload } from '../../platform/queue/queue.registry';
import { ApprovalCase, ApprovalTask, WorkflowDefinition } from './approval.entities';
import { CLOSED_STATUSES, nextCaseStatus, TASK_STATES } from './approval-case.state';
import { ApprovalNotifier, caseTitleValues } from './approval-notifier';
import { CaseRef, Finding } from './approval-subject';
import { ApprovalSubjectRegistry } from './approval-subject.registry';
import { StageDefinition } from './workflow-definition';
import { diffSnapshots } from './approval.mapper';

export interface OpenCaseInput {
  definitionKey: string;
  subjectType: string;
  subjectId: string;
}

type Outcome = 'approved' | 'rejected' | 'returned' | 'withdrawn';

/**
 * Moves cases through their workflow from queue jobs. Every handler locks the case row,
 * checks that the job still describes the case's current position (stage and revision), and
 * otherwise does nothing: a job delivered twice, or after the case moved on, has no effect.
 *
 * One job does all the system work that follows an event, in one transaction: it enters stages,
 * runs pre-checks, and enters the next stage, until a person (a review task) or the clock (a timer)
 * must act or the case closes, and then applies the outcome too. So a case costs one job per
 * opening, per closed review task and per elapsed timer (docs/architecture.md, "Queues").
 */
@Injectable()
export class CaseEngine {
  private readonly logger = new Logger(CaseEngine.name);
  private readonly definitions: CacheSpace<WorkflowDefinition>;

  constructor(
    private readonly uow: UnitOfWork,
    private readonly subjects: ApprovalSubjectRegistry,
    private readonly notifier: ApprovalNotifier,
    private readonly config: AppConfig,
    private readonly outbox: OutboxWriter,
    private readonly inline: InlineJobs,
    cache: ReferenceCache,
  ) {
    this.definitions = cache.space(['workflow_definitions'], 1_000);
  }

  /**
   * A unit of work of the approvals module: the in-app notifications and webhook fan-outs it queues
   * (its own and its subjects') are done in it rather than as jobs of their own (InlineJobs).
   */
  run<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    return this.uow.run(async (tx) => {
      const result = await work(tx);
      await this.inline.runIn(tx);
      return result;
    });
  }

  /** Opens a case inside the caller's transaction, on the active version of the definition. */
  async openCase(tx: Transaction, input: OpenCaseInput): Promise<ApprovalCase> {
    const definition = await tx.manager.getRepository(WorkflowDefinition).findOneBy({ key: input.definitionKey, isActive: true });
    if (!definition) throw DomainError.rule(`No active workflow "${input.definitionKey}"`);
    const subject = this.subjects.get(input.subjectType);
    const description = await subject.describe(tx, input.subjectId);
    const repo = tx.manager.getRepository(ApprovalCase);
    const created = await repo.save(
      repo.create({
        definitionId: definition.id,
        subjectType: input.subjectType,
        subjectId: input.subjectId,
        title: description.title,
        titleParams: description.titleParams ?? null,
        applicantOrgId: description.applicantOrgId,
        applicantUserId: description.applicantUserId ?? null,
        regionCode: description.regionCode,
        cityCode: description.cityCode,
        partnerRegionCode: description.partnerRegionCode ?? null,
        amountFen: description.amountFen ?? null,
        status: 'open',
        snapshot: description.snapshot,
      }),
    );
    const kase = await repo.findOneByOrFail({ id: created.id });
    await tx.manager.query(`INSERT INTO approval_revisions (case_id, revision, snapshot, submitted_by) VALUES ($1, 1, $2, $3)`, [
      kase.id,
      JSON.stringify(description.snapshot),
      description.applicantUserId ?? null,
    ]);
    tx.audit(this.auditOf(kase, 'approval_case.opened', null, { definition: `${definition.key}@${definition.version}`, title: kase.title }));
    tx.enqueue(JobName.AdvanceCase, { caseId: kase.id, revision: 1, fromStage: -1 });
    return kase;
  }

  /** The case moves on from `fromStage` (opened: -1; a review task closed; a timer elapsed before an upgrade). */
  @JobHandler(JobName.AdvanceCase)
  async advance(job: JobPayload<JobName.AdvanceCase>): Promise<string> {
    return this.run(async (tx) => {
      const { kase, definition } = await this.lockCase(tx, job.caseId);
      if (!kase || CLOSED_STATUSES.includes(kase.status) || kase.status === 'returned') return 'skipped: closed';
      if (kase.revision !== job.revision || kase.currentStage !== job.fromStage) return 'skipped: already advanced';
      return this.runStages(tx, kase, definition, job.fromStage + 1);
    });
  }

  /**
   * Pre-checks of a case left in 'prechecking' by a version that ran them as a job of their own (the
   * approvals sweeper queues this for such a case); then on as `advance` does.
   */
  @JobHandler(JobName.RunPrechecks)
  async runPrechecks(job: JobPayload<JobName.RunPrechecks>): Promise<string> {
    return this.run(async (tx) => {
      const { kase, definition } = await this.lockCase(tx, job.caseId);
      if (!kase || kase.status !== 'prechecking' || kase.revision !== job.revision || kase.currentStage !== job.stageIndex) return 'skipped';
      return (await this.precheckStage(tx, kase, definition, job.stageIndex)) ?? this.runStages(tx, kase, definition, job.stageIndex + 1);
    });
  }

  @JobHandler(JobName.TimerElapsed)
  async timerElapsed(job: JobPayload<JobName.TimerElapsed>): Promise<string> {
    return this.run(async (tx) => {
      const { kase, definition } = await this.lockCase(tx, job.caseId);
      if (!kase || kase.status !== 'waiting' || kase.revision !== job.revision || kase.currentStage !== job.stageIndex) return 'skipped';
      if (kase.timerDueAt && kase.timerDueAt.getTime() > Date.now() + 1000) return 'skipped: not due yet';
      tx.audit(this.auditOf(kase, 'approval_case.timer_elapsed', null, { stage: job.stageIndex }));
      // The case leaves 'waiting' in this transaction, so a duplicate timer job does nothing.
      return this.runStages(tx, kase, definition, job.stageIndex + 1);
    });
  }

  /** Runs the subject's outcome hook exactly once per (case, revision, outcome). */
  @JobHandler(JobName.ApplyOutcome)
  async applyOutcome(job: JobPayload<JobName.ApplyOutcome>): Promise<string> {
    return this.run(async (tx) => {
      const { kase } = await this.lockCase(tx, job.caseId);
      if (!kase || kase.revision !== job.revision || kase.outcome !== job.outcome) return 'skipped: outcome changed';
      if (kase.outcomeAppliedAt) return 'skipped: already applied';
      await this.applyOutcomeNow(tx, kase, job.outcome, job.reason ?? null);
      return `applied ${job.outcome}`;
    });
  }

  /**
   * Enters stage `index` and every system stage after it, in the caller's transaction (the case row
   * locked): stops at a review task or a timer, or closes the case (pre-check verdict, or past the
   * last stage) and applies its outcome. Each step is a transition of the case's state table.
   */
  private async runStages(tx: Transaction, kase: ApprovalCase, definition: WorkflowDefinition, index: number): Promise<string> {
    for (let i = index; ; i += 1) {
      if (i >= definition.stages.length) {
        await this.finish(tx, kase, 'approved', null, 'now');
        return 'approved';
      }
      await this.enterStage(tx, kase, definition, i);
      if (definition.stages[i].kind !== 'precheck') return `entered stage ${i}`;
      const closed = await this.precheckStage(tx, kase, definition, i);
      if (closed) return closed;
    }
  }

  /** The subject's pre-checks at a stage the case is in: findings, then auto-approval, rejection or null (go on). */
  private async precheckStage(tx: Transaction, kase: ApprovalCase, definition: WorkflowDefinition, stageIndex: number): Promise<string | null> {
    const findings = await this.subjects.get(kase.subjectType).precheck(tx, kase.subjectId);
    // One statement for all of them: a job's time goes mostly into round trips.
    await tx.manager.query(
      `INSERT INTO approval_findings (case_id, revision, stage_index, check_key, outcome, reasons, reason_codes)
       SELECT $1, $2, $3, f.check_key, f.outcome, f.reasons, f.reason_codes
         FROM jsonb_to_recordset($4::jsonb) AS f(check_key text, outcome text, reasons jsonb, reason_codes jsonb)
       ON CONFLICT (case_id, revision, stage_index, check_key)
       DO UPDATE SET outcome = EXCLUDED.outcome, reasons = EXCLUDED.reasons, reason_codes = EXCLUDED.reason_codes, created_at = now()`,
      [kase.id, kase.revision, stageIndex, JSON.stringify(findings.map((f) => ({ check_key: f.check, outcome: f.outcome, reasons: f.reasons, reason_codes: f.reasonCodes ?? [] })))],
    );
    const summary = summarise(findings);
    tx.audit(this.auditOf(kase, 'approval_case.prechecked', null, { stage: stageIndex, ...summary }));
    if (this.autoApproves(definition, kase, findings)) {
      await this.finish(tx, kase, 'approved', 'auto-approved: below the threshold and every pre-check passed', 'now');
      return 'auto-approved';
    }
    // No person will look at this case: without auto-approval it must not pass by default.
    if (!definition.stages.slice(stageIndex + 1).some((s) => s.kind === 'review')) {
      const open = findings.filter((f) => f.outcome !== 'pass').map((f) => `${f.check}: ${f.outcome}`);
      await this.finish(tx, kase, 'rejected', `not auto-approvable and no review stage follows (${open.length ? open.join(', ') : 'amount not below the auto-approval threshold'})`, 'now');
      return 'rejected: not auto-approvable, no reviewer';
    }
    return null;
  }

  /** The subject's outcome hook, the applied mark, its audit row and the applicant's notices: once per closing. */
  private async applyOutcomeNow(tx: Transaction, kase: ApprovalCase, outcome: Outcome, reason: string | null): Promise<void> {
    const subject = this.subjects.get(kase.subjectType);
    const ref: CaseRef = { caseId: kase.id, subjectId: kase.subjectId, revision: kase.revision };
    if (outcome === 'approved') await subject.onApproved(tx, ref);
    else if (outcome === 'rejected') await subject.onRejected(tx, ref, reason);
    else if (outcome === 'returned') await subject.onReturned(tx, ref, reason);
    else await subject.onWithdrawn?.(tx, ref);
    await tx.manager.query(`UPDATE approval_cases SET outcome_applied_at = now(), updated_at = now() WHERE id = $1`, [kase.id]);
    kase.outcomeAppliedAt = new Date();
    tx.audit(this.auditOf(kase, 'approval_case.outcome_applied', null, { outcome }));
    const titles: Record<Outcome, string> = { approved: '审批通过', rejected: '审批未通过', returned: '退回修改', withdrawn: '已撤回' };
    this.notifier.inApp(tx, await this.notifier.applicants(tx, kase), `approval.${outcome}`, `${titles[outcome]}：${kase.title}`, reason ?? titles[outcome], kase, `r${kase.revision}`, {
      ...caseTitleValues(kase), subjectType: kase.subjectType, ...(reason ? { variant: 'reason', reason } : {}),
    });
    this.notifier.webhook(tx, kase, `approval_case.${outcome}`, { reason }, `r${kase.revision}`);
  }

  /**
   * Closes a case (approved / rejected / returned / withdrawn). Its effect (the subject's outcome
   * hook) is applied in this transaction when `apply` is 'now' (a job's), else queued as one job
   * (a person's request: an effect that fails must not undo the decision).
   */
  async finish(tx: Transaction, kase: ApprovalCase, outcome: Outcome, reason: string | null, apply: 'now' | 'queued' = 'queued'): Promise<void> {
    const event = outcome === 'approved' ? 'approve' : outcome === 'rejected' ? 'reject' : outcome === 'returned' ? 'return' : 'withdraw';
    const status = nextCaseStatus(kase.status, event);
    const closes = CLOSED_STATUSES.includes(status);
    await tx.manager.query(
      `UPDATE approval_cases SET status = $2, outcome = $3, outcome_reason = $5, outcome_applied_at = NULL, updated_at = now(), version = version + 1,
              closed_at = CASE WHEN $4 THEN now() ELSE NULL END WHERE id = $1`,
      [kase.id, status, outcome, closes, reason],
    );
    tx.audit(this.auditOf(kase, `approval_case.${outcome}`, { status: kase.status }, { status, reason }));
    await this.cancelOpenWork(tx, kase);
    Object.assign(kase, { status, outcome, outcomeAppliedAt: null });
    if (apply === 'now') await this.applyOutcomeNow(tx, kase, outcome, reason);
    else tx.enqueue(JobName.ApplyOutcome, { caseId: kase.id, revision: kase.revision, outcome, reason });
  }

  /**
   * A returned case comes back: a new revision with the subject's fresh snapshot and its diff,
   * starting again from the first stage. Runs in the caller's transaction with the case locked.
   */
  async resubmit(tx: Transaction, kase: ApprovalCase, userId: string | null, note: string | null): Promise<void> {
    const status = nextCaseStatus(kase.status, 'resubmit');
    if (!kase.outcomeAppliedAt) throw DomainError.conflict('The return is still being processed; try again shortly');
    const subject = this.subjects.get(kase.subjectType);
    const description = await subject.describe(tx, kase.subjectId);
    const revision = kase.revision + 1;
    const diff = diffSnapshots(kase.snapshot, description.snapshot);
    await tx.manager.query(`INSERT INTO approval_revisions (case_id, revision, snapshot, diff, note, submitted_by) VALUES ($1, $2, $3, $4, $5, $6)`, [
      kase.id,
      revision,
      JSON.stringify(description.snapshot),
      JSON.stringify(diff),
      note,
      userId,
    ]);
    await tx.manager.query(
      `UPDATE approval_cases SET status = $2, revision = $3, current_stage = -1, outcome = NULL, outcome_reason = NULL, outcome_applied_at = NULL, snapshot = $4,
              title = $5, title_params = $7, amount_fen = $6, updated_at = now(), version = version + 1 WHERE id = $1`,
      [kase.id, status, revision, JSON.stringify(description.snapshot), description.title, description.amountFen ?? null, description.titleParams ? JSON.stringify(description.titleParams) : null],
    );
    tx.audit(this.auditOf(kase, 'approval_case.resubmitted', { revision: kase.revision, status: kase.status }, { revision, status, changed: diff.map((d) => d.path), note }));
    await subject.onResubmitted?.(tx, { caseId: kase.id, subjectId: kase.subjectId, revision });
    tx.enqueue(JobName.AdvanceCase, { caseId: kase.id, revision, fromStage: -1 });
    Object.assign(kase, { status, revision, currentStage: -1, outcome: null, outcomeAppliedAt: null, title: description.title, titleParams: description.titleParams ?? null });
  }

  /**
   * Cancels open tasks of a case (when it closes or is returned), each with its audit row, and the
   * pending timers of the case and of all its tasks.
   */
  async cancelOpenWork(tx: Transaction, kase: ApprovalCase): Promise<void> {
    const [cancelled] = (await tx.manager.query(
      `UPDATE approval_tasks SET status = 'cancelled', decided_at = now() WHERE case_id = $1 AND status = 'open' RETURNING id, stage_key`,
      [kase.id],
    )) as [{ id: string; stage_key: string }[], number];
    for (const task of cancelled) {
      tx.audit(this.auditOf(kase, TASK_STATES.emits('cancel'), { status: 'open' }, { taskId: task.id, stage: task.stage_key, status: 'cancelled' }));
    }
    const tasks = (await tx.manager.query(`SELECT id::text AS id FROM approval_tasks WHERE case_id = $1`, [kase.id])) as { id: string }[];
    await this.outbox.cancelPending(tx.manager, [JobName.TimerElapsed, JobName.SlaReminder, JobName.SlaEscalation], {
      caseId: [kase.id],
      taskId: tasks.map((t) => t.id),
    });
  }

  private async enterStage(tx: Transaction, kase: ApprovalCase, definition: WorkflowDefinition, index: number): Promise<void> {
    const stage = definition.stages[index];
    const event = stage.kind === 'precheck' ? 'start_precheck' : stage.kind === 'review' ? 'start_review' : 'start_timer';
    const status = nextCaseStatus(kase.status, event);
    const timerDueAt = stage.kind === 'timer' ? new Date(Date.now() + this.scaled(stage.timerSeconds ?? 0)) : null;
    await tx.manager.query(
      `UPDATE approval_cases SET status = $2, current_stage = $3, stage_entered_at = now(), timer_due_at = $4, updated_at = now(), version = version + 1 WHERE id = $1`,
      [kase.id, status, index, timerDueAt],
    );
    const before = { status: kase.status, stage: kase.currentStage };
    Object.assign(kase, { status, currentStage: index, timerDueAt });
    tx.audit(this.auditOf(kase, 'approval_case.stage_entered', before, { status, stage: index, stageKey: stage.key }));
    // A pre-check stage's checks run next, in the same transaction (runStages).
    if (stage.kind === 'timer') {
      tx.enqueue(JobName.TimerElapsed, { caseId: kase.id, revision: kase.revision, stageIndex: index }, { runAt: timerDueAt ?? undefined });
    } else if (stage.kind === 'review') {
      await this.createTask(tx, kase, stage, index, 'review');
    }
    await this.subjects.get(kase.subjectType).onStageEntered?.(tx, { caseId: kase.id, subjectId: kase.subjectId, revision: kase.revision }, stage.key);
  }

  /** A review task for a stage, with its SLA timers as delayed outbox jobs. */
  async createTask(tx: Transaction, kase: ApprovalCase, stage: StageDefinition, index: number, kind: 'review' | 'objection_review', objectionId: string | null = null): Promise<void> {
    const regionCode = this.regionFor(kase, stage);
    const dueAt = stage.sla ? new Date(Date.now() + this.scaled(stage.sla.durationSeconds)) : null;
    const repo = tx.manager.getRepository(ApprovalTask);
    // Not read back: what follows needs only what was written and the id (RETURNING).
    const task = await repo.save(
      repo.create({
        caseId: kase.id,
        revision: kase.revision,
        stageIndex: index,
        stageKey: kind === 'objection_review' ? `${stage.key}:objection` : stage.key,
        stageName: kind === 'objection_review' ? `${stage.name}（异议复核）` : stage.name,
        stageNameEn: stage.nameEn ? (kind === 'objection_review' ? `${stage.nameEn} (objection review)` : stage.nameEn) : null,
        kind,
        deciderRoles: stage.deciderRoles ?? [],
        regionCode,
        requiredApprovals: stage.requiredApprovals ?? 1,
        status: 'open',
        dueAt,
        objectionId,
      }),
    );
    if (stage.sla && dueAt) {
      tx.enqueue(JobName.SlaReminder, { taskId: task.id }, { runAt: new Date(Date.now() + this.scaled(stage.sla.durationSeconds * stage.sla.remindAtFraction)) });
      tx.enqueue(JobName.SlaEscalation, { taskId: task.id, escalateToRole: stage.sla.escalateToRole ?? null }, { runAt: dueAt });
    }
    tx.audit(this.auditOf(kase, 'approval_task.created', null, { taskId: task.id, stage: task.stageKey, deciderRoles: task.deciderRoles, regionCode, dueAt }));
    this.notifier.inApp(tx, await this.notifier.deciders(tx, task), 'approval.task_assigned', `待审批：${kase.title}`, `${task.stageName}${dueAt ? `，请于 ${dueAt.toISOString()} 前处理` : ''}`, kase, `task:${task.id}`, {
      ...caseTitleValues(kase), stageKey: task.stageKey, stageName: task.stageName, stageNameEn: task.stageNameEn, dueAt: dueAt ? dueAt.toISOString() : null, ...(dueAt ? { variant: 'due' } : {}),
    });
  }

  regionFor(kase: ApprovalCase, stage: StageDefinition): string | null {
    switch (stage.regionScope) {
      case 'subject_district':
        return kase.regionCode;
      case 'subject_city':
        return kase.cityCode;
      case 'partner_region':
        if (!kase.partnerRegionCode) throw new DomainError(ErrorCode.BusinessRuleViolated, `Stage ${stage.key} needs a partner region and the case has none`);
        return kase.partnerRegionCode;
      default:
        return null;
    }
  }

  /** Seconds of workflow time → milliseconds of wall time (SLA_TIME_SCALE shrinks them in drills). */
  scaled(seconds: number): number {
    return Math.max(0, Math.round(seconds * 1000 * this.config.SLA_TIME_SCALE));
  }

  async lockCase(tx: Transaction, caseId: string): Promise<{ kase: ApprovalCase | null; definition: WorkflowDefinition }> {
    const kase = await tx.manager.getRepository(ApprovalCase).findOne({ where: { id: caseId }, lock: { mode: 'pessimistic_write' } });
    // A job updates the case row more than once (each stage it enters, the outcome), and a row updated
    // again in its own transaction has its foreign keys checked again: a key-share lock on the applicant
    // organisation, mid-way. Taken here first, so the order is case → organisation → subject rows; taken
    // late, it deadlocked with a declaration holding its enterprise while its duplicate certificate
    // waited for this job's update of the original.
    if (kase?.applicantOrgId) await tx.manager.query(`SELECT 1 FROM read_organizations WHERE id = $1 FOR KEY SHARE`, [kase.applicantOrgId]);
    // A definition row never changes its stages (publishing adds a version), so it is cached per process;
    // any update of the table drops the cache in every process (NOTIFY, migration 1764900240100).
    const definition = kase ? await this.definitions.get(kase.definitionId, () => tx.manager.getRepository(WorkflowDefinition).findOneByOrFail({ id: kase.definitionId })) : (null as never);
    return { kase, definition };
  }

  auditOf(kase: ApprovalCase, action: string, before: unknown, after: unknown) {
    return { action, subjectType: 'approval_case', subjectId: kase.id, organizationId: kase.applicantOrgId, regionCode: kase.regionCode, before, after };
  }

  private autoApproves(definition: WorkflowDefinition, kase: ApprovalCase, findings: Finding[]): boolean {
    return (
      definition.autoApproveBelowFen !== null &&
      kase.amountFen !== null &&
      kase.amountFen < definition.autoApproveBelowFen &&
      findings.length > 0 &&
      findings.every((f) => f.outcome === 'pass')
    );
  }
}

function summarise(findings: Finding[]): { pass: number; warn: number; fail: number } {
  return {
    pass: findings.filter((f) => f.outcome === 'pass').length,
    warn: findings.filter((f) => f.outcome === 'warn').length,
    fail: findings.filter((f) => f.outcome === 'fail').length,
  };
}
