import { randomBytes } from 'node:crypto';
import { RateLimiter } from '../../src/platform/throttle/rate-limiter';
import { startTestApp, TestApp } from '../support/test-app';

/** The shared rate limiter (docs/security.md, "Accounts, sessions and the shared throttle"). */
describe('shared rate limiter', () => {
  describe('on Redis, shared by two API processes', () => {
    let a: TestApp;
    let b: TestApp;

    beforeAll(async () => {
      a = await startTestApp({ role: 'api' });
      // Same Redis and queue prefix: the second "process" of the same deployment.
      b = await startTestApp({ role: 'api', queuePrefix: a.queuePrefix });
    });
    afterAll(async () => {
      await b.close({ keepData: true });
      await a.close();
      await b.db.drop();
    });

    it('admits exactly `limit` of 60 parallel hits spread over both processes', async () => {
      const key = `test:${randomBytes(4).toString('hex')}`;
      const limiters = [a.get(RateLimiter), b.get(RateLimiter)];
      const decisions = await Promise.all(Array.from({ length: 60 }, (_, i) => limiters[i % 2].hit(key, 25, 60)));
      expect(decisions.filter((d) => d.allowed)).toHaveLength(25);
      const refused = decisions.filter((d) => !d.allowed);
      expect(refused).toHaveLength(35);
      for (const d of refused) {
        expect(d.remaining).toBe(0);
        expect(d.retryAfterSeconds).toBeGreaterThanOrEqual(1);
        expect(d.retryAfterSeconds).toBeLessThanOrEqual(60);
      }
    });

    it('keeps its counters under the deployment prefix in Redis, with an expiry', async () => {
      const key = `test:${randomBytes(4).toString('hex')}`;
      await a.get(RateLimiter).hit(key, 5, 30);
      const redis = (a.running.app.get(RateLimiter) as unknown as { connection: { redisConnection: import('ioredis').default } }).connection.redisConnection;
      const ttl = await redis.pttl(`${a.queuePrefix}:ratelimit:${key}`);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(30_000);
      const [{ count }] = await a.dataSource.query(`SELECT count(*)::int AS count FROM rate_limit_counters`);
      expect(count).toBe(0);
    });
  });

  describe('on PostgreSQL alone (embedded mode has no Redis)', () => {
    let app: TestApp;

    beforeAll(async () => {
      app = await startTestApp({ role: 'api', env: { QUEUE_BACKEND: 'postgres' } });
    });
    afterAll(() => app.close());

    it('admits exactly `limit` of 60 parallel hits and starts a new window after the old one ends', async () => {
      const key = `test:${randomBytes(4).toString('hex')}`;
      const limiter = app.get(RateLimiter);
      const decisions = await Promise.all(Array.from({ length: 60 }, () => limiter.hit(key, 25, 60)));
      expect(decisions.filter((d) => d.allowed)).toHaveLength(25);
      const [row] = await app.dataSource.query(`SELECT hits FROM rate_limit_counters WHERE key = $1`, [key]);
      expect(row.hits).toBe(60);
      // End the window by moving it into the past (no sleeping): the next hit opens a fresh one.
      await app.dataSource.query(`UPDATE rate_limit_counters SET window_ends_at = now() - interval '1 second' WHERE key = $1`, [key]);
      const next = await limiter.hit(key, 25, 60);
      expect(next).toMatchObject({ allowed: true, remaining: 24 });
    });

    it('consume() throws 429 RATE_LIMITED carrying retryAfterSeconds', async () => {
      const key = `test:${randomBytes(4).toString('hex')}`;
      const limiter = app.get(RateLimiter);
      await limiter.consume(key, 1, 120);
      await expect(limiter.consume(key, 1, 120)).rejects.toMatchObject({ code: 'RATE_LIMITED', status: 429, details: { retryAfterSeconds: expect.any(Number) } });
    });
  });
});
