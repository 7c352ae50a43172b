import IORedis, { RedisOptions } from 'ioredis';
import type { AppConfig } from '../config/app-config';

/** The part of the config a Redis connection is built from (tests and scripts pass just these). */
export type RedisSettings = Pick<AppConfig, 'REDIS_URL' | 'REDIS_SENTINEL_MASTER' | 'REDIS_SENTINEL_PASSWORD' | 'redisSentinels'>;

/**
 * Redis errors after which the connection must be rebuilt. READONLY: after a failover the old master came back
 * as a replica while this connection still points at it; reconnecting asks Sentinel for the new master.
 */
const RECONNECT_ON = ['READONLY', 'LOADING', 'MASTERDOWN'];

/**
 * The options of every Redis connection of the deployment (docs/architecture.md, "Redis and Sentinel"). Queues,
 * workers (BullMQ duplicates this client for its blocking connections, with the same options), the shared
 * throttle and the pub/sub broadcaster all run on clients built here, so they all follow a failover alike:
 *
 * - `maxRetriesPerRequest: null`: commands wait for the reconnect instead of failing (BullMQ requires it for
 *   workers); callers that must not hang bound the wait themselves (the rate limiter does).
 * - Sentinel (REDIS_SENTINELS): ioredis asks the sentinels for the master, and `failoverDetector` subscribes to
 *   their `+switch-master`, so a failover is followed at once rather than at the next broken connection.
 * - `reconnectOnError`: a READONLY reply (the old master demoted to a replica) reconnects and resends the command.
 * - Retry delays are short and capped at 2 s, so a failover costs seconds, not a back-off that grew while Redis
 *   was away.
 */
export function redisOptions(settings: RedisSettings): RedisOptions {
  const common: RedisOptions = {
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
    retryStrategy: (times) => Math.min(100 * times, 2000),
    reconnectOnError: (err) => (RECONNECT_ON.some((code) => err.message.startsWith(code)) ? 2 : false),
  };
  const sentinels = settings.redisSentinels;
  if (!sentinels.length) return common;
  // Sentinel names the host; REDIS_URL, when given, still carries the master's credentials, database and TLS.
  const url = settings.REDIS_URL ? new URL(settings.REDIS_URL) : undefined;
  const db = url?.pathname && url.pathname !== '/' ? Number(url.pathname.slice(1)) : undefined;
  return {
    ...common,
    sentinels,
    name: settings.REDIS_SENTINEL_MASTER,
    sentinelPassword: settings.REDIS_SENTINEL_PASSWORD,
    username: url?.username ? decodeURIComponent(url.username) : undefined,
    password: url?.password ? decodeURIComponent(url.password) : undefined,
    db: Number.isInteger(db) ? db : undefined,
    tls: url?.protocol === 'rediss:' ? {} : undefined,
    failoverDetector: true,
    sentinelRetryStrategy: (times) => Math.min(100 * times, 2000),
  };
}

/** A new Redis connection of the deployment: through Sentinel when configured, else REDIS_URL. */
export function createRedis(settings: RedisSettings, overrides: RedisOptions = {}): IORedis {
  const options = { ...redisOptions(settings), ...overrides };
  if (settings.redisSentinels.length) return new IORedis(options);
  if (!settings.REDIS_URL) throw new Error('Neither REDIS_URL nor REDIS_SENTINELS is set');
  return new IORedis(settings.REDIS_URL, options);
}

/**
 * Start-up check with Sentinel: asks each sentinel in turn for the master's address and fails with a readable
 * error when none answers or none knows REDIS_SENTINEL_MASTER (ioredis itself would retry forever).
 */
export async function sentinelMaster(settings: RedisSettings, timeoutMs = 5000): Promise<{ host: string; port: number }> {
  const problems: string[] = [];
  for (const sentinel of settings.redisSentinels) {
    const client = new IORedis({
      ...sentinel,
      password: settings.REDIS_SENTINEL_PASSWORD,
      lazyConnect: true,
      connectTimeout: timeoutMs,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    client.on('error', () => undefined);
    try {
      await client.connect();
      const reply = (await client.call('SENTINEL', 'get-master-addr-by-name', settings.REDIS_SENTINEL_MASTER as string)) as [string, string] | null;
      if (reply) return { host: reply[0], port: Number(reply[1]) };
      problems.push(`${sentinel.host}:${sentinel.port} does not know the master "${settings.REDIS_SENTINEL_MASTER}"`);
    } catch (err) {
      problems.push(`${sentinel.host}:${sentinel.port}: ${(err as Error).message}`);
    } finally {
      client.disconnect();
    }
  }
  throw new Error(`No sentinel named the Redis master (REDIS_SENTINELS, REDIS_SENTINEL_MASTER): ${problems.join('; ')}`);
}
