import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { Job, JobsOptions, JobType, Queue } from 'bullmq';
import { MetricsService } from '../metrics/metrics.service';
import { QueueConnection } from './queue-connection';
import { JOB_SPECS, JobName, JobPayload, QueueName } from './queue.registry';

const COUNTED_STATES: JobType[] = ['waiting', 'active', 'delayed', 'failed', 'completed', 'prioritized'];

/** The producers' side of every queue. Domain code does not call this: it writes outbox rows. */
@Injectable()
export class QueueService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(QueueService.name);
  private readonly queues = new Map<QueueName, Queue>();

  constructor(
    private readonly connection: QueueConnection,
    private readonly metrics: MetricsService,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.connection.init();
    for (const name of Object.values(QueueName)) {
      const queue = this.connection.createQueue(name);
      queue.on('error', (err) => this.logger.warn({ queue: name, err: err.message }, 'Queue connection error'));
      this.queues.set(name, queue);
    }
    this.metrics.gauge('queue_jobs', 'Jobs per queue and state', ['queue', 'state'], async (gauge) => {
      for (const [name, queue] of this.queues) {
        const counts = await queue.getJobCounts(...COUNTED_STATES);
        for (const [state, count] of Object.entries(counts)) gauge.set({ queue: name, state }, count);
      }
    });
  }

  queue(name: QueueName | string): Queue {
    const queue = this.queues.get(name as QueueName);
    if (!queue) throw new Error(`Unknown queue ${name}`);
    return queue;
  }

  get backendKind(): string {
    return this.connection.kind;
  }

  get names(): QueueName[] {
    return [...this.queues.keys()];
  }

  /** Publishes a job with its registered retry/retention options. */
  async add<N extends JobName>(name: N, payload: JobPayload<N>, options: JobsOptions = {}): Promise<Job> {
    const spec = JOB_SPECS[name];
    return this.queue(spec.queue).add(name, payload, { ...spec.options, ...options });
  }

  async counts(): Promise<Record<string, Record<string, number>>> {
    const result: Record<string, Record<string, number>> = {};
    for (const [name, queue] of this.queues) result[name] = await queue.getJobCounts(...COUNTED_STATES);
    return result;
  }

  /** Proves the backend answers (used by /health). */
  async ping(): Promise<void> {
    await this.queue(QueueName.Maintenance).getJobCounts('waiting');
  }

  onModuleDestroy(): Promise<void> {
    return this.close();
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close().catch(() => undefined)));
  }
}
