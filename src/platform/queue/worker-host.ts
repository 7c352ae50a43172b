import { Injectable, Logger } from '@nestjs/common';
import { Job, UnrecoverableError, Worker } from 'bullmq';
import { AppConfig } from '../config/app-config';
import { RequestContext } from '../context/request-context';
import { MetricsService } from '../metrics/metrics.service';
import { OutboxStore } from '../outbox/outbox-store';
import { outboxIdOfJob } from '../outbox/outbox-writer';
import { JobRegistry } from './job-registry';
import { QueueConnection } from './queue-connection';
import { QueueName } from './queue.registry';

/**
 * Runs one BullMQ Worker per queue and dispatches each job to its @JobHandler. Delivery is
 * at least once: before running, a job whose outbox row is already processed or cancelled
 * is skipped; handlers re-read the database and are idempotent for the rest.
 */
@Injectable()
export class WorkerHost {
  private readonly logger = new Logger(WorkerHost.name);
  private readonly workers: Worker[] = [];

  constructor(
    private readonly connection: QueueConnection,
    private readonly registry: JobRegistry,
    private readonly outbox: OutboxStore,
    private readonly context: RequestContext,
    private readonly config: AppConfig,
    private readonly metrics: MetricsService,
  ) {}

  async start(): Promise<void> {
    await this.connection.init();
    for (const queue of Object.values(QueueName)) {
      const worker = this.connection.createWorker(queue, (job) => this.process(queue, job), {
        concurrency: this.config.WORKER_CONCURRENCY,
        // A crashed worker's active jobs are handed to another worker after the lock lapses.
        lockDuration: this.config.WORKER_LOCK_MS,
        stalledInterval: this.config.WORKER_LOCK_MS,
        maxStalledCount: 3,
      });
      worker.on('failed', (job, err) =>
        this.logger.warn({ queue, job: job?.name, jobId: job?.id, attempt: job?.attemptsMade, err: err.message }, 'Job failed'),
      );
      worker.on('error', (err) => this.logger.warn({ queue, err: err.message }, 'Worker error'));
      this.workers.push(worker);
    }
    this.logger.log(`Workers started on ${this.connection.kind}: ${Object.values(QueueName).join(', ')}`);
  }

  private async process(queue: string, job: Job): Promise<unknown> {
    const handler = this.registry.get(job.name);
    if (!handler) throw new UnrecoverableError(`No handler for job ${job.name}`);
    const outboxId = outboxIdOfJob(job.id);
    const { _requestId: requestId, ...payload } = (job.data ?? {}) as Record<string, unknown> & { _requestId?: string };
    const started = process.hrtime.bigint();
    let outcome = 'completed';
    try {
      if (outboxId && !(await this.outbox.isPending(outboxId))) {
        outcome = 'skipped';
        return { skipped: true };
      }
      const result = await this.context.run(
        requestId,
        () => handler(payload, { jobId: String(job.id), attempt: job.attemptsMade + 1, outboxId }),
        String(job.id),
      );
      if (outboxId) await this.outbox.markProcessed(outboxId);
      return result ?? null;
    } catch (err) {
      outcome = 'failed';
      if (outboxId) await this.outbox.recordError(outboxId, String((err as Error).message)).catch(() => undefined);
      throw err;
    } finally {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      this.metrics.jobDuration.observe({ queue, job: job.name, outcome }, seconds);
    }
  }

  /**
   * Lets in-flight jobs finish within the timeout; after it, remaining jobs are handed
   * back (their locks lapse and another worker picks them up as stalled).
   */
  async stop(timeoutMs: number): Promise<void> {
    const graceful = Promise.all(this.workers.map((w) => w.close()));
    const timedOut = await Promise.race([graceful.then(() => false), sleep(timeoutMs).then(() => true)]);
    if (timedOut) {
      this.logger.warn('Jobs still running at shutdown timeout; handing them back');
      await Promise.all(this.workers.map((w) => w.close(true).catch(() => undefined)));
    }
    this.workers.length = 0;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
