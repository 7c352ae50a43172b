import { ConfigError, loadConfig } from '../config/app-config';
import { redisOptions } from './redis-client';

const base = { DATABASE_URL: 'postgres://x' };

describe('Redis through Sentinel: configuration', () => {
  it('REDIS_SENTINELS with a master name selects the Redis queue backend and lists the sentinels', () => {
    const config = loadConfig({ ...base, REDIS_SENTINELS: 'redis-a:26379, 10.0.0.2:26380', REDIS_SENTINEL_MASTER: 'g60-master' });
    expect(config.queueBackend).toBe('redis');
    expect(config.redisSentinels).toEqual([{ host: 'redis-a', port: 26379 }, { host: '10.0.0.2', port: 26380 }]);
  });

  it.each([
    [{ REDIS_SENTINELS: 'redis-a:26379' }, 'REDIS_SENTINEL_MASTER: required'],
    [{ REDIS_SENTINEL_MASTER: 'g60' }, 'REDIS_SENTINELS: required'],
    [{ REDIS_SENTINELS: 'redis-a', REDIS_SENTINEL_MASTER: 'g60' }, 'comma-separated list of host:port'],
    [{ REDIS_SENTINELS: 'redis-a:26379,', REDIS_SENTINEL_MASTER: 'g60' }, 'comma-separated list of host:port'],
    [{ REDIS_SENTINELS: 'redis-a:70000', REDIS_SENTINEL_MASTER: 'g60' }, 'port of redis-a must be 1–65535'],
    [{ REDIS_SENTINELS: 'redis-a:26379', REDIS_SENTINEL_MASTER: 'g60 master' }, 'Sentinel master name'],
    [{ QUEUE_BACKEND: 'redis' }, 'REDIS_URL: required'],
  ])('refuses %j at start-up', (env, message) => {
    expect(() => loadConfig({ ...base, ...env })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, ...env })).toThrow(message);
  });
});

describe('Redis connection options', () => {
  it('without Sentinel: commands wait for a reconnect, and READONLY reconnects and resends', () => {
    const options = redisOptions(loadConfig({ ...base, REDIS_URL: 'redis://127.0.0.1:6379' }));
    expect(options.maxRetriesPerRequest).toBeNull();
    expect(options.sentinels).toBeUndefined();
    expect(options.reconnectOnError?.(new Error("READONLY You can't write against a read only replica."))).toBe(2);
    expect(options.reconnectOnError?.(new Error('ERR wrong number of arguments'))).toBe(false);
    expect(options.retryStrategy?.(100)).toBe(2000);
  });

  it('with Sentinel: the master by name, the sentinel password, and the credentials and database of REDIS_URL', () => {
    const options = redisOptions(
      loadConfig({
        ...base,
        REDIS_URL: 'redis://app:s%40cret@ignored-host:6379/3',
        REDIS_SENTINELS: 's1:26379,s2:26379',
        REDIS_SENTINEL_MASTER: 'g60',
        REDIS_SENTINEL_PASSWORD: 'sentinel-pw',
      }),
    );
    expect(options).toMatchObject({
      sentinels: [{ host: 's1', port: 26379 }, { host: 's2', port: 26379 }],
      name: 'g60',
      sentinelPassword: 'sentinel-pw',
      username: 'app',
      password: 's@cret',
      db: 3,
      failoverDetector: true,
      maxRetriesPerRequest: null,
    });
    expect(options.host).toBeUndefined();
    expect(options.tls).toBeUndefined();
  });
});
