import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Actor, isPlatformAdmin } from '../../platform/context/actor';
import { RequestContext } from '../../platform/context/request-context';
import { shanghaiMinute } from '../../platform/database/shanghai-date';
import { Transaction } from '../../platform/database/unit-of-work';
import { DomainError, ErrorCode } from '../../platform/errors/domain-error';
import { describeConstraint } from '../../platform/errors/pg-errors';
import { OutboxWriter } from '../../platform/outbox/outbox-writer';
import { JobHandler } from '../../platform/queue/job-handler.decorator';
import { JobName, JobPayload } from '../../platform/queue/queue.registry';
import { ApprovalCase, ApprovalTask } from './approval.entities';
import { assertTaskOpen, Decision, DECISION_TASK_STATUS } from './approval-case.state';
import { ApprovalNotifier, caseTitleValues } from './approval-notifier';
import { ApprovalPolicy } from './approval.policy';
import { ApprovalSubjectRegistry } from './approval-subject.registry';
import { CaseEngine } from './case-engine.service';
import { BatchDecisionResultDto, TaskDto, TaskQueryDto } from './dto/approval.dto';
import { toTaskDto } from './approval.mapper';

describeConstraint('approval_decisions_one_stage', ErrorCode.Forbidden, 'You already decided another stage of this case');
describeConstraint('approval_decisions_one_per_task', ErrorCode.Conflict, 'You already decided this task');

/** Deciders' side: inbox, claim/release, decisions (single and batch), SLA reminders and escalation. */
@Injectable()
export class ApprovalTasksService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly engine: CaseEngine,
    private readonly notifier: ApprovalNotifier,
    private readonly context: RequestContext,
    private readonly outbox: OutboxWriter,
    private readonly subjects: ApprovalSubjectRegistry,
  ) {}

  async inbox(actor: Actor, query: TaskQueryDto): Promise<TaskDto[]> {
    const params: unknown[] = [query.status ?? 'open'];
    const where = ['t.status = $1'];
    if (!isPlatformAdmin(actor)) {
      params.push(actor.role, actor.regionScope, actor.organizationId);
      where.push(`($2 = ANY(t.decider_roles) OR t.escalated_to_role = $2)`, `t.region_code = ANY($3::text[])`, `c.applicant_org_id IS DISTINCT FROM $4`);
    }
    if (query.stage) {
      params.push(query.stage);
      where.push(`t.stage_key = $${params.length}`);
    }
    if (query.subjectType) {
      params.push(query.subjectType);
      where.push(`c.subject_type = $${params.length}`);
    }
    if (query.overdue) where.push(`t.due_at < now()`);
    params.push(query.limit ?? 50, query.offset ?? 0);
    const rows = (await this.dataSource.query(
      `SELECT t.*, c.title AS case_title, c.title_params AS case_title_params, c.subject_type, c.subject_id, c.amount_fen
         FROM approval_tasks t JOIN approval_cases c ON c.id = t.case_id
        WHERE ${where.join(' AND ')}
        ORDER BY t.due_at ASC NULLS LAST, t.created_at ASC
        LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    )) as Record<string, unknown>[];
    return rows.map(rowToTaskDto);
  }

  async claim(actor: Actor, taskId: string): Promise<TaskDto> {
    return this.engine.run(async (tx) => {
      const { task, kase } = await this.lockVisible(tx, actor, taskId);
      assertTaskOpen(task.status, 'claim');
      if (task.claimedBy && task.claimedBy !== actor.userId) throw DomainError.conflict('Another decider has claimed this task', { claimedBy: task.claimedBy });
      await tx.manager.query(`UPDATE approval_tasks SET claimed_by = $2, claimed_at = now() WHERE id = $1`, [task.id, actor.userId]);
      tx.audit(this.engine.auditOf(kase, 'approval_task.claimed', { claimedBy: task.claimedBy }, { taskId: task.id, claimedBy: actor.userId }));
      return toTaskDto({ ...task, claimedBy: actor.userId }, kase);
    });
  }

  async release(actor: Actor, taskId: string): Promise<TaskDto> {
    return this.engine.run(async (tx) => {
      const { task, kase } = await this.lockVisible(tx, actor, taskId);
      assertTaskOpen(task.status, 'release');
      if (task.claimedBy !== actor.userId && !isPlatformAdmin(actor)) throw DomainError.conflict('Only the claimer can release this task');
      await tx.manager.query(`UPDATE approval_tasks SET claimed_by = NULL, claimed_at = NULL WHERE id = $1`, [task.id]);
      tx.audit(this.engine.auditOf(kase, 'approval_task.released', { claimedBy: task.claimedBy }, { taskId: task.id, claimedBy: null }));
      return toTaskDto({ ...task, claimedBy: null }, kase);
    });
  }

  /**
   * Records one decision. The task row is locked, so of two concurrent decisions exactly one
   * wins and the other sees a decided task (409). Decision, audit and the next job commit together.
   */
  async decide(actor: Actor, taskId: string, decision: Decision, comment?: string): Promise<TaskDto> {
    if (decision !== 'approve' && !comment?.trim()) throw DomainError.invalid('comment', 'is required when rejecting or returning');
    return this.engine.run(async (tx) => {
      const { task, kase } = await this.lockVisible(tx, actor, taskId);
      assertTaskOpen(task.status, decision);
      if (!ApprovalPolicy.decidingRoles(task).includes(actor.role)) throw DomainError.forbidden(`This stage is decided by ${ApprovalPolicy.decidingRoles(task).join(' or ')}`);
      if (kase.applicantOrgId === actor.organizationId) throw DomainError.forbidden('You may not decide a case of your own organisation');
      if (task.claimedBy && task.claimedBy !== actor.userId) throw DomainError.conflict('Another decider has claimed this task', { claimedBy: task.claimedBy });
      const [other] = (await tx.manager.query(
        `SELECT stage_index FROM approval_decisions WHERE case_id = $1 AND decider_user_id = $2 AND stage_index <> $3 LIMIT 1`,
        [kase.id, actor.userId, task.stageIndex],
      )) as { stage_index: number }[];
      if (other) throw DomainError.forbidden('You already decided another stage of this case');
      await this.subjects.get(kase.subjectType).beforeDecision?.(tx, { caseId: kase.id, subjectId: kase.subjectId, revision: kase.revision }, {
        actor,
        stageKey: task.stageKey,
        decision,
        comment: comment ?? null,
      });
      await tx.manager.query(
        `INSERT INTO approval_decisions (task_id, case_id, revision, stage_index, decider_user_id, decider_org_id, decision, comment)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [task.id, kase.id, task.revision, task.stageIndex, actor.userId, actor.organizationId, decision, comment ?? null],
      );
      const approvals = task.approvals + (decision === 'approve' ? 1 : 0);
      const closes = decision !== 'approve' || approvals >= task.requiredApprovals;
      const status = closes ? DECISION_TASK_STATUS[decision] : 'open';
      await tx.manager.query(`UPDATE approval_tasks SET approvals = $2, status = $3, decided_at = CASE WHEN $4 THEN now() END WHERE id = $1`, [
        task.id,
        approvals,
        status,
        closes,
      ]);
      tx.audit(
        this.engine.auditOf(kase, `approval_task.${DECISION_TASK_STATUS[decision]}`, { status: task.status, approvals: task.approvals }, {
          taskId: task.id,
          stage: task.stageKey,
          decision,
          comment: comment ?? null,
          approvals,
          required: task.requiredApprovals,
        }),
      );
      if (closes) {
        await this.cancelTimers(tx, task.id);
        await this.afterTaskClosed(tx, kase, task, decision, comment ?? null);
      }
      return toTaskDto({ ...task, approvals, status, decidedAt: closes ? new Date() : null }, kase);
    });
  }

  async decideBatch(actor: Actor, taskIds: string[], decision: Decision, comment?: string): Promise<BatchDecisionResultDto[]> {
    const results: BatchDecisionResultDto[] = [];
    this.context.detachIdempotencyFromTransactions();
    // One transaction per task: a bad task must not roll back the others.
    for (const taskId of taskIds) {
      try {
        await this.decide(actor, taskId, decision, comment);
        results.push({ taskId, ok: true });
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        results.push({ taskId, ok: false, status: err.status, code: err.code, message: err.message });
      }
    }
    return results;
  }

  @JobHandler(JobName.SlaReminder)
  async remind(job: JobPayload<JobName.SlaReminder>): Promise<string> {
    return this.engine.run(async (tx) => {
      const task = await tx.manager.getRepository(ApprovalTask).findOne({ where: { id: job.taskId }, lock: { mode: 'pessimistic_write' } });
      if (!task || task.status !== 'open' || task.remindedAt) return 'skipped';
      const kase = await tx.manager.getRepository(ApprovalCase).findOneByOrFail({ id: task.caseId });
      await tx.manager.query(`UPDATE approval_tasks SET reminded_at = now() WHERE id = $1`, [task.id]);
      tx.audit(this.engine.auditOf(kase, 'approval_task.reminded', null, { taskId: task.id, dueAt: task.dueAt }));
      const dueAt = task.dueAt ? shanghaiMinute(task.dueAt) : '';
      this.notifier.inApp(tx, await this.notifier.deciders(tx, task), 'approval.task_reminder', `即将超时：${kase.title}`, `${task.stageName} 将于 ${task.dueAt?.toISOString()} 到期`, kase, `remind:${task.id}`, {
        ...caseTitleValues(kase), stageName: task.stageName, stageNameEn: task.stageNameEn, dueAt, path: `/review/cases/${kase.id}`, stageKey: task.stageKey,
      });
      return 'reminded';
    });
  }

  @JobHandler(JobName.SlaEscalation)
  async escalate(job: JobPayload<JobName.SlaEscalation>): Promise<string> {
    return this.engine.run(async (tx) => {
      const task = await tx.manager.getRepository(ApprovalTask).findOne({ where: { id: job.taskId }, lock: { mode: 'pessimistic_write' } });
      if (!task || task.status !== 'open' || task.escalatedAt) return 'skipped';
      const kase = await tx.manager.getRepository(ApprovalCase).findOneByOrFail({ id: task.caseId });
      await tx.manager.query(`UPDATE approval_tasks SET escalated_at = now(), escalated_to_role = $2 WHERE id = $1`, [task.id, job.escalateToRole]);
      tx.audit(this.engine.auditOf(kase, 'approval_task.escalated', null, { taskId: task.id, escalatedToRole: job.escalateToRole }));
      const recipients = await this.notifier.deciders(tx, task, job.escalateToRole ? [...task.deciderRoles, job.escalateToRole] : task.deciderRoles);
      this.notifier.inApp(tx, recipients, 'approval.task_overdue', `已超时：${kase.title}`, `${task.stageName} 已超过处理时限${job.escalateToRole ? `，已升级至 ${job.escalateToRole}` : ''}`, kase, `escalate:${task.id}`, {
        ...caseTitleValues(kase), stageKey: task.stageKey, stageName: task.stageName, stageNameEn: task.stageNameEn, escalateToRole: job.escalateToRole, ...(job.escalateToRole ? { variant: 'escalated' } : {}),
      });
      return 'escalated';
    });
  }

  private async afterTaskClosed(tx: Transaction, kase: ApprovalCase, task: ApprovalTask, decision: Decision, comment: string | null): Promise<void> {
    if (decision === 'reject') return this.engine.finish(tx, kase, 'rejected', comment);
    if (decision === 'return') return this.engine.finish(tx, kase, 'returned', comment);
    if (task.kind === 'objection_review') {
      // Objection dismissed: the public notice runs on to its original end.
      await tx.manager.query(`UPDATE approval_cases SET status = 'waiting', updated_at = now(), version = version + 1 WHERE id = $1`, [kase.id]);
      tx.enqueue(JobName.TimerElapsed, { caseId: kase.id, revision: kase.revision, stageIndex: task.stageIndex }, { runAt: kase.timerDueAt ?? new Date() });
      return;
    }
    tx.enqueue(JobName.AdvanceCase, { caseId: kase.id, revision: kase.revision, fromStage: task.stageIndex });
  }

  private async cancelTimers(tx: Transaction, taskId: string): Promise<void> {
    await this.outbox.cancelPending(tx.manager, [JobName.SlaReminder, JobName.SlaEscalation], { taskId: [taskId] });
  }

  /** Locks the task (then its case); tasks the actor may not see are 404. */
  private async lockVisible(tx: Transaction, actor: Actor, taskId: string): Promise<{ task: ApprovalTask; kase: ApprovalCase }> {
    const task = await tx.manager.getRepository(ApprovalTask).findOne({ where: { id: taskId }, lock: { mode: 'pessimistic_write' } });
    if (!task || !ApprovalPolicy.canSeeTask(actor, task)) throw DomainError.notFound('Task');
    const kase = await tx.manager.getRepository(ApprovalCase).findOne({ where: { id: task.caseId }, lock: { mode: 'pessimistic_write' } });
    if (!kase) throw DomainError.notFound('Task');
    return { task, kase };
  }

}

function rowToTaskDto(r: Record<string, unknown>): TaskDto {
  const due = r.due_at as Date | null;
  return {
    id: r.id as string,
    caseId: r.case_id as string,
    caseTitle: r.case_title as string,
    caseTitleParams: (r.case_title_params as Record<string, string> | null) ?? null,
    subjectType: r.subject_type as string,
    subjectId: r.subject_id as string,
    revision: r.revision as number,
    stageIndex: r.stage_index as number,
    stageKey: r.stage_key as string,
    stageName: r.stage_name as string,
    stageNameEn: (r.stage_name_en as string | null) ?? null,
    kind: r.kind as string,
    deciderRoles: r.decider_roles as string[],
    regionCode: r.region_code as string | null,
    requiredApprovals: r.required_approvals as number,
    approvals: r.approvals as number,
    status: r.status as string,
    claimedBy: r.claimed_by as string | null,
    dueAt: due ? due.toISOString() : null,
    overdue: !!due && r.status === 'open' && due.getTime() < Date.now(),
    escalatedToRole: r.escalated_to_role as string | null,
    amountFen: r.amount_fen === null || r.amount_fen === undefined ? null : Number(r.amount_fen),
    createdAt: (r.created_at as Date).toISOString(),
    decidedAt: r.decided_at ? (r.decided_at as Date).toISOString() : null,
  };
}
