import { TEST_JWT_SECRET, TEST_METRICS_TOKEN, TEST_REDIS_URL } from '../support/test-env';
import { createTestDatabase, TestDatabase } from '../support/test-app';
import { registrationBody } from '../support/factories';
import { freePort, spawnApp, waitForHealthy } from '../support/child-app';
import { Client } from 'pg';
import { randomBytes } from 'node:crypto';

describe('process lifecycle: graceful shutdown and split API / worker processes', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  function env(port: number, extra: Record<string, string> = {}): Record<string, string> {
    return {
      NODE_ENV: 'production',
      DATABASE_URL: db.url,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: `t${randomBytes(4).toString('hex')}`,
      JWT_SECRET: TEST_JWT_SECRET,
      METRICS_TOKEN: TEST_METRICS_TOKEN,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      SHUTDOWN_TIMEOUT_MS: '8000',
      ...extra,
    };
  }

  it('finishes in-flight requests on SIGTERM, then refuses new connections and exits 0', async () => {
    const port = await freePort();
    const app = spawnApp('main', env(port));
    await waitForHealthy(`http://127.0.0.1:${port}/health`, app, 60_000);

    const bodies = Array.from({ length: 16 }, () => registrationBody());
    const inFlight = bodies.map((body) =>
      fetch(`http://127.0.0.1:${port}/api/v1/auth/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }).then((r) => r.status, (err: Error) => `error: ${err.message}`),
    );
    // Registration hashes a password (argon2), so these are still running: wait until the server
    // reports all of them in flight (the /metrics request itself is one more).
    const deadline = Date.now() + 20_000;
    for (;;) {
      const text = await (await fetch(`http://127.0.0.1:${port}/metrics`, { headers: { authorization: `Bearer ${TEST_METRICS_TOKEN}` } })).text();
      const inFlight = Number(/^http_requests_in_flight (\d+)/m.exec(text)?.[1] ?? 0);
      if (inFlight >= bodies.length + 1) break;
      if (Date.now() > deadline) throw new Error(`only ${inFlight - 1} requests in flight`);
      await new Promise((r) => setTimeout(r, 5));
    }
    const signalledAt = Date.now();
    app.child.kill('SIGTERM');

    const statuses = await Promise.all(inFlight);
    expect(statuses).toEqual(bodies.map(() => 201));
    const { code } = await app.exited;
    expect(code).toBe(0);
    expect(Date.now() - signalledAt).toBeLessThan(8000 + 5000);
    await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();

    const pg = new Client({ connectionString: db.url });
    await pg.connect();
    const { rows } = await pg.query(`SELECT count(*)::int AS n FROM organizations WHERE uscc = ANY($1)`, [bodies.map((b) => b.organization.uscc)]);
    await pg.end();
    expect(rows[0].n).toBe(bodies.length);
  });

  it('runs the API and a worker as separate processes: the worker delivers what the API enqueued', async () => {
    const port = await freePort();
    const shared = env(port);
    const api = spawnApp('api', shared);
    const worker = spawnApp('worker', { ...shared, PORT: '0' });
    try {
      await waitForHealthy(`http://127.0.0.1:${port}/health`, api, 60_000);
      const body = registrationBody();
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/auth/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(res.status).toBe(201);
      const { user } = (await res.json()) as { user: { id: string } };
      const pg = new Client({ connectionString: db.url });
      await pg.connect();
      try {
        const deadline = Date.now() + 20_000;
        let count = 0;
        while (Date.now() < deadline) {
          const { rows } = await pg.query(`SELECT count(*)::int AS n FROM notifications WHERE user_id = $1`, [user.id]);
          count = rows[0].n;
          if (count > 0) break;
          await new Promise((r) => setTimeout(r, 100));
        }
        expect(count).toBe(1);
      } finally {
        await pg.end();
      }
    } finally {
      api.child.kill('SIGTERM');
      worker.child.kill('SIGTERM');
      const [a, w] = await Promise.all([api.exited, worker.exited]);
      expect(a.code).toBe(0);
      expect(w.code).toBe(0);
    }
  });
});
