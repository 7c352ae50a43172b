import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import type IORedis from 'ioredis';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { DATABASE_URL } from '../database/database.tokens';
import { PgListener } from '../database/pg-listener';
import { QueueConnection } from '../queue/queue-connection';

/** A channel between processes: its Redis channel (below QUEUE_PREFIX) and its PostgreSQL NOTIFY channel. */
export interface BroadcastTopic {
  redis: string;
  pg: string;
}

/**
 * Short messages from one process to every process, after a commit (docs/architecture.md, "Live events"): a Redis
 * PUBLISH on `<QUEUE_PREFIX>:<topic>` when the deployment has Redis, else a NOTIFY on the topic's PostgreSQL
 * channel, sent in a transaction of its own (never inside a writer's transaction: PostgreSQL serialises the
 * commits of every transaction that notified). Delivery is at most once: a message is a wake-up, and every
 * subscriber reads the truth from the database and polls as well. Used by the outbox relays' wake-ups
 * (OutboxWaker) and the live roadshow streams.
 */
@Injectable()
export class Broadcaster implements OnApplicationShutdown {
  private readonly logger = new Logger(Broadcaster.name);
  private subscriber?: IORedis;
  private subscribing?: Promise<IORedis>;
  private readonly handlers = new Map<string, Set<(payload: string) => void>>();
  private readonly listeners: PgListener[] = [];

  constructor(
    private readonly config: AppConfig,
    private readonly connection: QueueConnection,
    private readonly dataSource: DataSource,
    @Inject(DATABASE_URL) private readonly databaseUrl: string,
  ) {}

  get kind(): 'redis' | 'postgres' {
    return this.connection.kind;
  }

  /** Sends now; rejects when the transport fails. */
  async send(topic: BroadcastTopic, payload = ''): Promise<void> {
    if (this.connection.kind === 'redis') {
      await this.connection.init();
      await this.connection.redisConnection!.publish(this.redisChannel(topic), payload);
    } else {
      await this.dataSource.query(`SELECT pg_notify($1, $2)`, [topic.pg, payload]);
    }
  }

  /** Fire and forget: never throws, never waits (subscribers poll, so a lost message only delays). */
  publish(topic: BroadcastTopic, payload = ''): void {
    void this.send(topic, payload).catch((err) => this.logger.warn({ err: String(err), topic: topic.redis }, 'Broadcast failed; subscribers will poll'));
  }

  /**
   * Calls `handler` with every message on `topic` from any process (this one included). `onReconnect` runs when a
   * lost PostgreSQL LISTEN connection is back (messages may have been missed meanwhile); ioredis resubscribes by itself.
   */
  async subscribe(topic: BroadcastTopic, handler: (payload: string) => void, onReconnect?: () => void): Promise<void> {
    if (this.connection.kind === 'redis') {
      const channel = this.redisChannel(topic);
      const known = this.handlers.get(channel);
      if (known) {
        known.add(handler);
        return;
      }
      this.handlers.set(channel, new Set([handler]));
      const subscriber = await this.redisSubscriber();
      await subscriber.subscribe(channel);
      return;
    }
    const listener = new PgListener({ databaseUrl: this.databaseUrl, channel: topic.pg, applicationName: `g60-${topic.redis}`, onNotify: handler, onReconnect });
    this.listeners.push(listener);
    await listener.start();
  }

  private redisChannel(topic: BroadcastTopic): string {
    return `${this.config.QUEUE_PREFIX}:${topic.redis}`;
  }

  /** One subscriber connection per process, shared by every topic. */
  private redisSubscriber(): Promise<IORedis> {
    this.subscribing ??= (async () => {
      await this.connection.init();
      const subscriber = this.connection.redisConnection!.duplicate();
      subscriber.on('error', (err) => this.logger.warn({ err: err.message }, 'Redis subscriber error'));
      subscriber.on('message', (channel: string, message: string) => this.handlers.get(channel)?.forEach((h) => h(message)));
      this.subscriber = subscriber;
      return subscriber;
    })();
    return this.subscribing;
  }

  async onApplicationShutdown(): Promise<void> {
    this.handlers.clear();
    await this.subscriber?.quit().catch(() => undefined);
    await Promise.all(this.listeners.map((l) => l.stop()));
  }
}
