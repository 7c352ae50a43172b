import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { createPostgresBackend, Processor, Queue, runMigrations, withBackend, Worker, WorkerOptions } from 'bullmq';
import type IORedis from 'ioredis';
import { Pool } from 'pg';
import { AppConfig, QueueBackendKind } from '../config/app-config';
import { DATABASE_URL } from '../database/database.tokens';
import { createRedis, sentinelMaster } from './redis-client';
import { QueueName } from './queue.registry';

/** BullMQ's PostgreSQL backend keeps its tables in this schema (the backend's own default). */
export const BULLMQ_PG_SCHEMA = 'bullmq';

/**
 * Owns the connection the queues run on: Redis in production, BullMQ's own PostgreSQL
 * backend in embedded mode. Nothing above this class knows which one is running.
 */
@Injectable()
export class QueueConnection implements OnApplicationShutdown {
  private readonly logger = new Logger(QueueConnection.name);
  readonly kind: QueueBackendKind;
  private redis?: IORedis;
  private pool?: Pool;
  private ready?: Promise<void>;

  constructor(
    private readonly config: AppConfig,
    @Inject(DATABASE_URL) private readonly databaseUrl: string,
  ) {
    this.kind = config.queueBackend;
  }

  /** Connects, checks the server is fit for queues and (PostgreSQL) migrates BullMQ's schema. */
  init(): Promise<void> {
    this.ready ??= this.kind === 'redis' ? this.initRedis() : this.initPostgres();
    return this.ready;
  }

  private async initRedis(): Promise<void> {
    if (this.config.redisSentinels.length) {
      const master = await sentinelMaster(this.config);
      this.logger.log(`Redis through Sentinel: master "${this.config.REDIS_SENTINEL_MASTER}" is at ${master.host}:${master.port}`);
    }
    // One client per process, shared by queues and the throttle; workers and the broadcaster duplicate it (redis-client.ts).
    this.redis = createRedis(this.config);
    this.redis.on('error', (err) => this.logger.warn({ err: err.message }, 'Redis connection error'));
    const policy = await this.evictionPolicy(this.redis);
    if (policy && policy !== 'noeviction') {
      const message = `Redis maxmemory-policy is "${policy}": Redis may evict queue keys and lose jobs. Set maxmemory-policy noeviction.`;
      if (this.config.REDIS_EVICTION_CHECK === 'refuse') throw new Error(`${message} (set REDIS_EVICTION_CHECK=warn to start anyway)`);
      this.logger.warn(`!!! ${message} !!!`);
    }
  }

  /**
   * Redis's maxmemory-policy, or undefined when the server refuses CONFIG (managed Redis often does: README,
   * "Managed PostgreSQL and Redis"). Then the policy cannot be checked here: `refuse` stops, `warn` starts.
   */
  private async evictionPolicy(redis: IORedis): Promise<string | undefined> {
    try {
      const reply = (await redis.config('GET', 'maxmemory-policy')) as string[];
      return reply?.[1];
    } catch (err) {
      const message = `Redis refused CONFIG GET maxmemory-policy (${(err as Error).message}), so the eviction policy cannot be checked. Set it to noeviction in the provider's settings.`;
      if (this.config.REDIS_EVICTION_CHECK === 'refuse') throw new Error(`${message} (then start with REDIS_EVICTION_CHECK=warn)`);
      this.logger.warn(`!!! ${message} !!!`);
      return undefined;
    }
  }

  private async initPostgres(): Promise<void> {
    this.pool = new Pool({
      connectionString: this.databaseUrl,
      max: Math.max(10, this.config.WORKER_CONCURRENCY + 6),
      options: `-c search_path=${BULLMQ_PG_SCHEMA}`,
      application_name: 'g60-queue',
    });
    this.pool.on('error', (err) => this.logger.warn({ err: err.message }, 'Queue PostgreSQL pool error'));
    // BullMQ's PostgreSQL backend adds an 'error' listener to the pool for each Queue and Worker on it: one of each per
    // queue, and ours. Eleven is no leak, though Node warns above ten.
    this.pool.setMaxListeners(1 + 2 * Object.values(QueueName).length);
    const client = await this.pool.connect();
    try {
      await runMigrations(client, BULLMQ_PG_SCHEMA);
    } finally {
      client.release();
    }
  }

  createQueue(name: string): Queue {
    if (this.kind === 'redis') {
      return new Queue(name, { connection: this.redisClient(), prefix: this.config.QUEUE_PREFIX });
    }
    const { Queue: PgQueue } = withBackend(createPostgresBackend);
    return new PgQueue(name, { connection: this.pgPool() }) as unknown as Queue;
  }

  createWorker(name: string, processor: Processor, options: Omit<WorkerOptions, 'connection'>): Worker {
    if (this.kind === 'redis') {
      return new Worker(name, processor, { ...options, connection: this.redisClient(), prefix: this.config.QUEUE_PREFIX });
    }
    const { Worker: PgWorker } = withBackend(createPostgresBackend);
    return new PgWorker(name, processor, { ...options, connection: this.pgPool() }) as unknown as Worker;
  }

  /** Redis client for Bull Board; undefined on the PostgreSQL backend. */
  get redisConnection(): IORedis | undefined {
    return this.redis;
  }

  private redisClient(): IORedis {
    if (!this.redis) throw new Error('QueueConnection.init() has not run');
    return this.redis;
  }

  private pgPool(): Pool {
    if (!this.pool) throw new Error('QueueConnection.init() has not run');
    return this.pool;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis?.quit().catch(() => undefined);
    await this.pool?.end().catch(() => undefined);
  }
}
