import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import type IORedis from 'ioredis';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { RequestContext } from '../context/request-context';
import { QueueConnection } from '../queue/queue-connection';
import { OUTBOX_CHANNEL } from './outbox-writer';

/**
 * Wakes the outbox relays after a commit that wrote outbox rows (docs/architecture.md, "Queues").
 * Not a NOTIFY inside the writing transaction: PostgreSQL serialises the commits of every
 * transaction that notified (one lock for the whole cluster, held through the commit's fsync), which
 * made every write wait for every other. Instead, after the commit: this process's relay is kicked
 * directly; relays in other processes hear it on Redis (PUBLISH on `<prefix>:outbox-wake`), or,
 * without Redis, on a NOTIFY sent in a transaction of its own. Relays also poll (OUTBOX_POLL_MS),
 * so a lost wake-up only delays a job.
 */
@Injectable()
export class OutboxWaker implements OnApplicationShutdown {
  private readonly logger = new Logger(OutboxWaker.name);
  private localKick?: () => void;
  private subscriber?: IORedis;
  private publishing = false;
  private again = false;

  constructor(
    private readonly config: AppConfig,
    private readonly connection: QueueConnection,
    private readonly dataSource: DataSource,
    private readonly context: RequestContext,
  ) {}

  get channel(): string {
    return `${this.config.QUEUE_PREFIX}:outbox-wake`;
  }

  /** Called by the relay of this process: wake-ups here and from other processes kick it. */
  async listen(kick: () => void): Promise<void> {
    this.localKick = kick;
    if (this.connection.kind !== 'redis') return;
    await this.connection.init();
    const subscriber = this.connection.redisConnection!.duplicate();
    subscriber.on('error', (err) => this.logger.warn({ err: err.message }, 'Redis subscriber error'));
    subscriber.on('message', () => this.localKick?.());
    await subscriber.subscribe(this.channel);
    this.subscriber = subscriber;
  }

  /** After a commit that wrote outbox rows. Never throws, never waits. */
  wake(): void {
    // The relay's work is its own, not the request's: it runs outside the request's context.
    const kick = this.localKick;
    if (kick) void this.context.run(undefined, async () => kick());
    if (this.publishing) {
      this.again = true;
      return;
    }
    this.publishing = true;
    void this.send()
      .catch((err) => this.logger.warn({ err: String(err) }, 'Outbox wake-up failed; relays will poll'))
      .finally(() => {
        this.publishing = false;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  private async send(): Promise<void> {
    if (this.connection.kind === 'redis') {
      await this.connection.init();
      await this.connection.redisConnection!.publish(this.channel, '');
    } else if (!this.localKick) {
      // No Redis and no relay here: tell the others through PostgreSQL, outside any writer's transaction.
      await this.dataSource.query(`SELECT pg_notify('${OUTBOX_CHANNEL}', '')`);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.localKick = undefined;
    await this.subscriber?.quit().catch(() => undefined);
  }
}
