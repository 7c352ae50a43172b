import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { DATABASE_URL } from '../database/database.tokens';
import { PgListener } from '../database/pg-listener';
import { OutboxWaker } from './outbox-waker';
import { MetricsService } from '../metrics/metrics.service';
import { QueueService } from '../queue/queue.service';
import { isJobName, JOB_SPECS } from '../queue/queue.registry';
import { OUTBOX_CHANNEL, outboxJobId } from './outbox-writer';

interface OutboxRow {
  id: string;
  job_name: string;
  payload: unknown;
  delay_ms: number;
  request_id: string | null;
}

const BATCH = 200;

/**
 * Moves committed outbox rows to BullMQ with jobId = outbox id. Rows are claimed with
 * FOR UPDATE SKIP LOCKED, so any number of relays can run; a crash between publishing and
 * marking only causes a republish of the same jobId, which BullMQ ignores.
 */
@Injectable()
export class OutboxRelay {
  private readonly logger = new Logger(OutboxRelay.name);
  private timer?: NodeJS.Timeout;
  private listener?: PgListener;
  private running = false;
  private draining?: Promise<void>;
  private again = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly queues: QueueService,
    private readonly config: AppConfig,
    private readonly metrics: MetricsService,
    @Inject(DATABASE_URL) private readonly databaseUrl: string,
    private readonly waker: OutboxWaker,
  ) {}

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    // The poll loop keeps relaying meanwhile; wake-ups (OutboxWaker, or a NOTIFY from a process without Redis) only shorten the delay.
    await this.waker.listen(() => void this.kick().catch(() => undefined)).catch((err) => this.logger.warn({ err: String(err) }, 'Subscribing to outbox wake-ups failed; relying on polling'));
    this.listener = new PgListener({ databaseUrl: this.databaseUrl, channel: OUTBOX_CHANNEL, applicationName: 'g60-outbox-listen', onNotify: () => void this.kick().catch(() => undefined) });
    await this.listener.start().catch((err) => this.logger.warn({ err: String(err) }, 'LISTEN failed; relying on polling'));
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    await this.draining?.catch(() => undefined);
    await this.listener?.stop();
    this.listener = undefined;
  }

  /** Publishes everything pending now; resolves when the outbox is drained. */
  kick(): Promise<void> {
    if (this.draining) {
      this.again = true;
      return this.draining;
    }
    this.draining = this.drain().finally(() => {
      this.draining = undefined;
      if (this.again && this.running) {
        this.again = false;
        void this.kick();
      }
    });
    return this.draining;
  }

  private schedule(ms: number): void {
    if (!this.running) return;
    this.timer = setTimeout(() => {
      this.kick()
        .catch((err) => this.logger.warn({ err: String(err) }, 'Outbox relay pass failed'))
        .finally(() => this.schedule(this.config.OUTBOX_POLL_MS));
    }, ms);
  }

  private async drain(): Promise<void> {
    while (this.running) {
      const published = await this.publishBatch();
      if (published < BATCH) return;
    }
  }

  /** One claimed batch, published and marked in one transaction. */
  async publishBatch(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows = (await manager.query(
        `SELECT id, job_name, payload, request_id,
                GREATEST(0, EXTRACT(EPOCH FROM (available_at - now())) * 1000)::bigint AS delay_ms
           FROM outbox
          WHERE published_at IS NULL AND cancelled_at IS NULL
          ORDER BY id
          LIMIT ${BATCH}
          FOR UPDATE SKIP LOCKED`,
      )) as OutboxRow[];
      if (rows.length === 0) return 0;
      const byQueue = new Map<string, OutboxRow[]>();
      const unknown: string[] = [];
      for (const row of rows) {
        if (!isJobName(row.job_name)) {
          unknown.push(row.id);
          continue;
        }
        const queue = JOB_SPECS[row.job_name].queue;
        byQueue.set(queue, [...(byQueue.get(queue) ?? []), row]);
      }
      for (const [queue, batch] of byQueue) {
        await this.queues.queue(queue).addBulk(
          batch.map((row) => ({
            name: row.job_name,
            data: withRequestId(row.payload, row.request_id),
            opts: { ...JOB_SPECS[row.job_name as keyof typeof JOB_SPECS].options, jobId: outboxJobId(row.id), delay: Number(row.delay_ms) },
          })),
        );
      }
      if (unknown.length > 0) {
        this.logger.error({ ids: unknown }, 'Outbox rows name unknown jobs; cancelling them');
        await manager.query(`UPDATE outbox SET cancelled_at = now(), last_error = 'unknown job name' WHERE id = ANY($1::bigint[])`, [unknown]);
      }
      const published = rows.filter((r) => !unknown.includes(r.id)).map((r) => r.id);
      await manager.query(
        `UPDATE outbox SET published_at = now(), publish_count = publish_count + 1 WHERE id = ANY($1::bigint[])`,
        [published],
      );
      this.metrics.outboxPublished.inc(published.length);
      return rows.length;
    });
  }
}

function withRequestId(payload: unknown, requestId: string | null): unknown {
  if (!requestId || typeof payload !== 'object' || payload === null) return payload;
  return { ...(payload as Record<string, unknown>), _requestId: requestId };
}
