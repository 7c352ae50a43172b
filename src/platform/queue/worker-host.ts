import { Injectable, Logger } from '@nestjs/common';
import { hostname } from 'node:os';
import { Job, UnrecoverableError, Worker, WorkerOptions } from 'bullmq';
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
        concurrency: queue === QueueName.Imports ? this.config.CATALOG_IMPORT_WORKER_CONCURRENCY : this.config.WORKER_CONCURRENCY,
        // Recorded on each job it takes (processedBy): which process holds a job, e.g. when one dies.
        name: `${hostname()}:${process.pid}`,
        ...workerLockOptions(this.config),
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

/**
 * How a dead worker's jobs come back (the same options on Redis and on BullMQ's PostgreSQL backend,
 * which implements them the same way: a lock that lapses, and a two-pass stalled-job check per queue).
 * A job's lock lasts WORKER_LOCK_MS and is renewed every quarter of it (BullMQ checks each half
 * renewal period and extends locks older than that), so a live worker keeps its jobs through an event
 * loop stall of up to ~3/4 of the lock (3 s). A killed worker renews nothing: its lock lapses within
 * WORKER_LOCK_MS; a check marks the job, and the first check after the lapse that finds it marked
 * moves it back to waiting, at most WORKER_STALLED_CHECK_MS later. Retried within lock + interval
 * (4 s + 1 s by default) as long as any worker of the queue is running.
 */
export function workerLockOptions(config: AppConfig): Pick<WorkerOptions, 'lockDuration' | 'lockRenewTime' | 'stalledInterval' | 'maxStalledCount'> {
  return {
    lockDuration: config.WORKER_LOCK_MS,
    lockRenewTime: Math.max(100, Math.floor(config.WORKER_LOCK_MS / 4)),
    stalledInterval: config.WORKER_STALLED_CHECK_MS,
    maxStalledCount: config.WORKER_MAX_STALLED_COUNT,
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
