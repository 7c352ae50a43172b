import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { DomainError, ErrorCode } from '../errors/domain-error';
import { QueueConnection } from '../queue/queue-connection';

export interface RateLimitDecision {
  allowed: boolean;
  /** Hits left in the current window (0 once refused). */
  remaining: number;
  /** Seconds until the window ends; when refused, how long the client should wait. */
  retryAfterSeconds: number;
}

/** INCR + PEXPIRE in one script: atomic, and a key never lives without its expiry. */
const REDIS_HIT = `
local hits = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if hits == 1 or ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {hits, ttl}`;

/** One statement: a new window starts when the old one has ended; the row lock serialises parallel hits. */
const PG_HIT = `
INSERT INTO rate_limit_counters AS c (key, hits, window_ends_at)
VALUES ($1, 1, now() + make_interval(secs => $2))
ON CONFLICT (key) DO UPDATE SET
  hits = CASE WHEN c.window_ends_at <= now() THEN 1 ELSE c.hits + 1 END,
  window_ends_at = CASE WHEN c.window_ends_at <= now() THEN EXCLUDED.window_ends_at ELSE c.window_ends_at END
RETURNING hits, GREATEST(EXTRACT(EPOCH FROM (window_ends_at - now())), 0)::float8 AS seconds_left`;

/**
 * Fixed-window rate limiter shared by every API process (docs/security.md, "Accounts, sessions and
 * the shared throttle"): Redis when the queues run on Redis, else a PostgreSQL table (embedded mode
 * has no Redis). Nothing is counted in process memory. Provided by the global PlatformModule, so any
 * module can inject it.
 */
@Injectable()
export class RateLimiter {
  private hitsSinceSweep = 0;

  constructor(
    private readonly config: AppConfig,
    private readonly connection: QueueConnection,
    private readonly dataSource: DataSource,
  ) {}

  /** Counts one hit on `key`; allowed while the window holds at most `limit` hits. */
  async hit(key: string, limit: number, windowSeconds: number): Promise<RateLimitDecision> {
    const windowMs = Math.max(1, Math.round(windowSeconds * 1000));
    let hits: number;
    let msLeft: number;
    if (this.connection.kind === 'redis') {
      await this.connection.init();
      const redis = this.connection.redisConnection;
      if (!redis) throw new Error('Redis connection is not ready');
      // The deployment's queue prefix keeps tests and deployments sharing one Redis apart.
      const reply = (await withinDeadline(
        redis.eval(REDIS_HIT, 1, `${this.config.QUEUE_PREFIX}:ratelimit:${key}`, String(windowMs)),
      )) as [number, number];
      [hits, msLeft] = [Number(reply[0]), Number(reply[1])];
    } else {
      const [row] = (await this.dataSource.query(PG_HIT, [key, windowMs / 1000])) as { hits: number; seconds_left: number }[];
      [hits, msLeft] = [Number(row.hits), Number(row.seconds_left) * 1000];
      await this.sweepNowAndThen();
    }
    const allowed = hits <= limit;
    return { allowed, remaining: Math.max(0, limit - hits), retryAfterSeconds: Math.max(1, Math.ceil(msLeft / 1000)) };
  }

  /** Counts a hit and throws 429 RATE_LIMITED (with Retry-After) when over the limit. */
  async consume(key: string, limit: number, windowSeconds: number, message = 'Too many requests; slow down'): Promise<RateLimitDecision> {
    const decision = await this.hit(key, limit, windowSeconds);
    if (!decision.allowed) throw rateLimited(decision.retryAfterSeconds, message);
    return decision;
  }

  /** Drops long-ended windows so the table stays small (PostgreSQL backend only). */
  private async sweepNowAndThen(): Promise<void> {
    this.hitsSinceSweep += 1;
    if (this.hitsSinceSweep < 500) return;
    this.hitsSinceSweep = 0;
    await this.dataSource.query(`DELETE FROM rate_limit_counters WHERE window_ends_at < now() - interval '1 hour'`);
  }
}

/**
 * The queue connection retries forever while Redis is away; a throttled request must not hang with it:
 * after REDIS_DEADLINE_MS it is answered 503 with Retry-After.
 */
const REDIS_DEADLINE_MS = 2000;

async function withinDeadline<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new DomainError(ErrorCode.ServiceUnavailable, 'The rate limiter is unavailable; try again shortly', { retryAfterSeconds: 5 })),
      REDIS_DEADLINE_MS,
    );
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** The 429 every rate limit answers; the error filter turns `retryAfterSeconds` into a Retry-After header. */
export function rateLimited(retryAfterSeconds: number, message = 'Too many requests; slow down'): DomainError {
  return new DomainError(ErrorCode.RateLimited, message, { retryAfterSeconds: Math.max(1, Math.ceil(retryAfterSeconds)) });
}

