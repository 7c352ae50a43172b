import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MetricsService } from '../../platform/metrics/metrics.service';

/** Prometheus gauges for approvals: cases by workflow and state, open and overdue tasks, time in stage. */
@Injectable()
export class ApprovalMetricsCollector implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly metrics: MetricsService,
  ) {}

  onModuleInit(): void {
    this.metrics.gauge('approval_cases', 'Approval cases by workflow and status', ['workflow', 'status'], async (gauge) => {
      gauge.reset();
      const rows = (await this.dataSource.query(
        `SELECT d.key, c.status, count(*)::int AS n FROM approval_cases c JOIN workflow_definitions d ON d.id = c.definition_id GROUP BY d.key, c.status`,
      )) as { key: string; status: string; n: number }[];
      for (const r of rows) gauge.set({ workflow: r.key, status: r.status }, r.n);
    });
    this.metrics.gauge('approval_tasks_open', 'Open approval tasks by stage; overdue="true" when past their SLA', ['stage', 'overdue'], async (gauge) => {
      gauge.reset();
      const rows = (await this.dataSource.query(
        `SELECT stage_key, (due_at IS NOT NULL AND due_at < now()) AS overdue, count(*)::int AS n FROM approval_tasks WHERE status = 'open' GROUP BY 1, 2`,
      )) as { stage_key: string; overdue: boolean; n: number }[];
      for (const r of rows) gauge.set({ stage: r.stage_key, overdue: String(r.overdue) }, r.n);
    });
    this.metrics.gauge('approval_stage_seconds_avg', 'Average seconds from task creation to decision, by stage (last 30 days)', ['stage'], async (gauge) => {
      gauge.reset();
      const rows = (await this.dataSource.query(
        `SELECT stage_key, avg(EXTRACT(EPOCH FROM (decided_at - created_at)))::float AS s FROM approval_tasks
          WHERE decided_at IS NOT NULL AND status <> 'cancelled' AND decided_at > now() - interval '30 days' GROUP BY 1`,
      )) as { stage_key: string; s: number }[];
      for (const r of rows) gauge.set({ stage: r.stage_key }, r.s);
    });
  }
}
