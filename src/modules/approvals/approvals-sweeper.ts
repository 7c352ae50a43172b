import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig, ProcessRole } from '../../platform/config/app-config';
import { PROCESS_ROLE } from '../../platform/database/database.tokens';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { JobName } from '../../platform/queue/queue.registry';
import { WorkerLoop } from '../../platform/queue/worker-loop';

const SWEEP_LOCK = 0x41505357; // 'APSW'

export interface ApprovalSweepReport {
  advanced: number;
  prechecks: number;
  timers: number;
  outcomes: number;
  slaTimers: number;
}

/**
 * The database is the truth about cases. A case or task that should have work pending but has
 * no live outbox row (a job discarded, failed for good, or lost with its queue) gets that work
 * queued again. Every handler ignores work that no longer matches, so re-queueing is safe.
 */
@Injectable()
export class ApprovalsSweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ApprovalsSweeper.name);
  private readonly loop = new WorkerLoop('Approvals sweep', this.logger);

  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly config: AppConfig,
    @Inject(PROCESS_ROLE) private readonly role: ProcessRole,
  ) {}

  onApplicationBootstrap(): void {
    this.loop.start(this.role, this.config.SWEEP_INTERVAL_MS, () => this.sweep());
  }

  onModuleDestroy(): Promise<void> {
    return this.loop.stop();
  }

  async sweep(): Promise<ApprovalSweepReport> {
    const report: ApprovalSweepReport = { advanced: 0, prechecks: 0, timers: 0, outcomes: 0, slaTimers: 0 };
    await this.uow.run(async (tx) => {
      const [{ locked }] = (await tx.manager.query('SELECT pg_try_advisory_xact_lock($1) AS locked', [SWEEP_LOCK])) as { locked: boolean }[];
      if (!locked) return;
      const stale = `make_interval(secs => ${Number(this.config.APPROVALS_STALE_AFTER_MS) / 1000})`;
      const noLiveJob = (job: JobName, key: string, id: string) =>
        `NOT EXISTS (SELECT 1 FROM read_pending_jobs o WHERE o.job_name = '${job}' AND o.payload->>'${key}' = ${id}::text)`;
      const cases = (await tx.manager.query(
        `SELECT c.id, c.status, c.revision, c.current_stage, c.outcome, c.outcome_reason, c.outcome_applied_at, c.timer_due_at
           FROM approval_cases c
          WHERE c.updated_at < now() - ${stale}
            AND ((c.status IN ('open') AND ${noLiveJob(JobName.AdvanceCase, 'caseId', 'c.id')})
              OR (c.status = 'prechecking' AND ${noLiveJob(JobName.RunPrechecks, 'caseId', 'c.id')})
              OR (c.status = 'waiting' AND ${noLiveJob(JobName.TimerElapsed, 'caseId', 'c.id')})
              OR (c.outcome IS NOT NULL AND c.outcome_applied_at IS NULL AND ${noLiveJob(JobName.ApplyOutcome, 'caseId', 'c.id')}))
          LIMIT 500`,
      )) as { id: string; status: string; revision: number; current_stage: number; outcome: string | null; outcome_reason: string | null; outcome_applied_at: Date | null; timer_due_at: Date | null }[];
      for (const c of cases) {
        if (c.outcome && !c.outcome_applied_at) {
          tx.enqueue(JobName.ApplyOutcome, { caseId: c.id, revision: c.revision, outcome: c.outcome as 'approved', reason: c.outcome_reason });
          report.outcomes += 1;
        } else if (c.status === 'open') {
          tx.enqueue(JobName.AdvanceCase, { caseId: c.id, revision: c.revision, fromStage: c.current_stage });
          report.advanced += 1;
        } else if (c.status === 'prechecking') {
          tx.enqueue(JobName.RunPrechecks, { caseId: c.id, revision: c.revision, stageIndex: c.current_stage });
          report.prechecks += 1;
        } else if (c.status === 'waiting') {
          tx.enqueue(JobName.TimerElapsed, { caseId: c.id, revision: c.revision, stageIndex: c.current_stage }, { runAt: c.timer_due_at ?? new Date() });
          report.timers += 1;
        }
      }
      const tasks = (await tx.manager.query(
        `SELECT t.id, t.due_at, t.reminded_at, t.escalated_at, t.created_at, d.stages -> t.stage_index -> 'sla' AS sla
           FROM approval_tasks t JOIN approval_cases c ON c.id = t.case_id JOIN workflow_definitions d ON d.id = c.definition_id
          WHERE t.status = 'open' AND t.due_at IS NOT NULL AND t.created_at < now() - ${stale}
            AND ((t.reminded_at IS NULL AND ${noLiveJob(JobName.SlaReminder, 'taskId', 't.id')})
              OR (t.escalated_at IS NULL AND ${noLiveJob(JobName.SlaEscalation, 'taskId', 't.id')}))
          LIMIT 500`,
      )) as { id: string; due_at: Date; reminded_at: Date | null; escalated_at: Date | null; created_at: Date; sla: { remindAtFraction: number; escalateToRole?: string } | null }[];
      for (const t of tasks) {
        const span = t.due_at.getTime() - t.created_at.getTime();
        if (!t.reminded_at) tx.enqueue(JobName.SlaReminder, { taskId: t.id }, { runAt: new Date(t.created_at.getTime() + span * (t.sla?.remindAtFraction ?? 0.5)) });
        if (!t.escalated_at) tx.enqueue(JobName.SlaEscalation, { taskId: t.id, escalateToRole: t.sla?.escalateToRole ?? null }, { runAt: t.due_at });
        report.slaTimers += 1;
      }
    });
    if (Object.values(report).some((n) => n > 0)) this.logger.warn(report, 'Approvals sweeper re-queued work');
    return report;
  }
}
