import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { IdempotencyStore } from '../idempotency/idempotency.store';
import { MetricsService } from '../metrics/metrics.service';
import { QueueService } from '../queue/queue.service';
import { isJobName, JOB_SPECS } from '../queue/queue.registry';
import { OutboxStore } from './outbox-store';
import { outboxJobId } from './outbox-writer';

/** Key of the advisory lock that lets one sweeper at a time run ('SWEP'). */
const SWEEP_LOCK = 0x53574550;

interface StaleRow {
  id: string;
  job_name: string;
  payload: unknown;
  request_id: string | null;
  delay_ms: string;
}

export interface SweepReport {
  checked: number;
  requeued: number;
  markedProcessed: number;
}

/**
 * The database is the truth. Work published long ago and still unfinished is checked
 * against the queue: a job that is gone (Redis lost data, a crash between publish and
 * mark) is published again under the same jobId; a finished one is marked processed.
 */
@Injectable()
export class OutboxSweeper {
  private readonly logger = new Logger(OutboxSweeper.name);
  private timer?: NodeJS.Timeout;
  private running = false;
  private pass?: Promise<unknown>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly queues: QueueService,
    private readonly config: AppConfig,
    private readonly metrics: MetricsService,
    private readonly outbox: OutboxStore,
    private readonly idempotency: IdempotencyStore,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule(this.config.SWEEP_INTERVAL_MS);
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    await this.pass?.catch(() => undefined);
  }

  private schedule(ms: number): void {
    if (!this.running) return;
    this.timer = setTimeout(() => {
      this.pass = this.sweep()
        .catch((err) => this.logger.warn({ err: String(err) }, 'Sweep failed'))
        .finally(() => this.schedule(this.config.SWEEP_INTERVAL_MS));
    }, ms);
  }

  async sweep(): Promise<SweepReport> {
    const report: SweepReport = { checked: 0, requeued: 0, markedProcessed: 0 };
    await this.dataSource.transaction(async (manager) => {
      const [{ locked }] = (await manager.query('SELECT pg_try_advisory_xact_lock($1) AS locked', [SWEEP_LOCK])) as { locked: boolean }[];
      if (!locked) return;
      const rows = (await manager.query(
        `SELECT id, job_name, payload, request_id,
                GREATEST(0, EXTRACT(EPOCH FROM (available_at - now())) * 1000)::bigint AS delay_ms
           FROM outbox
          WHERE processed_at IS NULL AND cancelled_at IS NULL AND published_at IS NOT NULL
            AND published_at < now() - make_interval(secs => $1::double precision / 1000)
          ORDER BY id
          LIMIT 1000`,
        [this.config.OUTBOX_STALE_AFTER_MS],
      )) as StaleRow[];
      for (const row of rows) {
        report.checked += 1;
        if (!isJobName(row.job_name)) continue;
        const spec = JOB_SPECS[row.job_name];
        const queue = this.queues.queue(spec.queue);
        const job = await queue.getJob(outboxJobId(row.id));
        const state = job ? await job.getState() : 'missing';
        if (state === 'completed') {
          await this.outbox.markProcessed(row.id, manager);
          report.markedProcessed += 1;
        } else if (state === 'missing' || state === 'unknown') {
          const data = row.request_id && typeof row.payload === 'object' ? { ...(row.payload as object), _requestId: row.request_id } : row.payload;
          await queue.add(row.job_name, data, { ...spec.options, jobId: outboxJobId(row.id), delay: Number(row.delay_ms) });
          await manager.query('UPDATE outbox SET published_at = now(), publish_count = publish_count + 1 WHERE id = $1', [row.id]);
          report.requeued += 1;
          this.metrics.outboxRequeued.inc();
        }
        // waiting / active / delayed / failed: the queue still owns it (failed jobs wait for an admin).
      }
      await this.idempotency.purgeExpired(manager);
    });
    if (report.requeued > 0) this.logger.warn(report, 'Sweeper re-queued lost jobs');
    return report;
  }
}
