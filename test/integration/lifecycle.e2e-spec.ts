import { TEST_JWT_SECRET, TEST_METRICS_TOKEN, TEST_REDIS_URL } from '../support/test-env';
import { createTestDatabase, deleteQueueKeys, TestDatabase } from '../support/test-app';
import { registrationBody, TEST_PASSWORD } from '../support/factories';
import { freePort, spawnApp, waitForHealthy } from '../support/child-app';
import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { Client } from 'pg';
import { randomBytes } from 'node:crypto';
import * as http from 'node:http';
import * as net from 'node:net';
import { JobName, QueueName } from '../../src/platform/queue/queue.registry';

/** GET on a connection of its own (no keep-alive pool): the status, or the connection error's code. */
function probe(port: number, path: string): Promise<number | string> {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
  });
}

async function until<T>(check: () => Promise<T | undefined>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * A request whose body arrives slowly, on a raw socket: the headers and half the body now, the rest
 * when the test says. Resolves with the raw response once the server has answered and closed.
 */
function slowRequest(port: number, path: string, body: string): { finish: () => void; response: Promise<string> } {
  const socket = net.connect(port, '127.0.0.1');
  const bytes = Buffer.from(body);
  const half = Math.floor(bytes.length / 2);
  socket.write(`POST ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: ${bytes.length}\r\n\r\n`);
  socket.write(bytes.subarray(0, half));
  let received = '';
  socket.on('data', (d: Buffer) => (received += d.toString()));
  const response = new Promise<string>((resolve, reject) => {
    socket.on('close', () => resolve(received));
    socket.on('error', reject);
  });
  return { finish: () => socket.write(bytes.subarray(half)), response };
}

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
      SHUTDOWN_READINESS_DELAY_MS: '1500',
      ...extra,
    };
  }

  it('on SIGTERM: not ready at once, still serving for the readiness delay, then refuses new connections, finishes in-flight requests and exits 0', async () => {
    const port = await freePort();
    const app = spawnApp('main', env(port));
    await waitForHealthy(`http://127.0.0.1:${port}/health`, app, 60_000);
    expect([await probe(port, '/health/ready'), await probe(port, '/health/live')]).toEqual([200, 200]);

    // Requests in flight through the whole drain, their bodies still arriving: a sign-in and registrations.
    const account = registrationBody();
    const registered = await fetch(`http://127.0.0.1:${port}/api/v1/auth/register`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(account) });
    expect(registered.status).toBe(201);
    const signIn = slowRequest(port, '/api/v1/auth/login', JSON.stringify({ email: account.user.email, password: TEST_PASSWORD }));
    const bodies = Array.from({ length: 4 }, () => registrationBody());
    const registrations = bodies.map((body) => slowRequest(port, '/api/v1/auth/register', JSON.stringify(body)));
    // The server has all of them (the /metrics request itself is one more).
    await until(async () => {
      const text = await (await fetch(`http://127.0.0.1:${port}/metrics`, { headers: { authorization: `Bearer ${TEST_METRICS_TOKEN}` } })).text();
      return Number(/^http_requests_in_flight (\d+)/m.exec(text)?.[1] ?? 0) >= bodies.length + 2 ? true : undefined;
    }, 20_000, 'the slow requests to be in flight');
    const signalledAt = Date.now();
    app.child.kill('SIGTERM');

    // Readiness turns false first, while the process still takes new connections and stays live.
    await until(async () => ((await probe(port, '/health/ready')) === 503 ? true : undefined), 1000, '/health/ready to answer 503');
    expect(await probe(port, '/health/live')).toBe(200);
    expect(Date.now() - signalledAt).toBeLessThan(1500);
    // After the readiness delay: new connections are refused, while the slow sign-in is still in flight. (A
    // connection accepted in the instant before the listener closed, with no request read yet, is reset.)
    const seen = new Set<number | string>();
    await until(async () => {
      const outcome = await probe(port, '/health/live');
      seen.add(outcome);
      return outcome === 'ECONNREFUSED' ? true : undefined;
    }, 5000, 'new connections to be refused');
    expect([...seen].filter((o) => o !== 200 && o !== 'ECONNRESET' && o !== 'ECONNREFUSED')).toEqual([]);
    expect(Date.now() - signalledAt).toBeGreaterThanOrEqual(1500);
    expect(app.child.exitCode).toBeNull();
    for (const request of [signIn, ...registrations]) request.finish();
    const [signedIn, ...answers] = await Promise.all([signIn, ...registrations].map((r) => r.response));
    expect(signedIn).toMatch(/^HTTP\/1\.1 200 /);
    expect(signedIn).toMatch(/\r\nconnection: close\r\n/i);
    expect(signedIn).toContain('"accessToken"');
    expect(answers.map((raw) => raw.slice(0, 12))).toEqual(bodies.map(() => 'HTTP/1.1 201'));
    const { code } = await app.exited;
    expect(code).toBe(0);
    expect(Date.now() - signalledAt).toBeLessThan(1500 + 8000 + 5000);
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

        // A job running when the worker gets SIGTERM finishes there: held inside its INSERT (the user's row is
        // locked, so the foreign-key check waits) across the signal, then let go.
        const locker = new Client({ connectionString: db.url });
        await locker.connect();
        const redis = new IORedis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
        const queue = new Queue(QueueName.Notifications, { connection: redis, prefix: shared.QUEUE_PREFIX });
        try {
          await locker.query('BEGIN');
          await locker.query('SELECT id FROM users WHERE id = $1 FOR UPDATE', [user.id]);
          const lockerPid = (await locker.query('SELECT pg_backend_pid() AS pid')).rows[0].pid as number;
          const job = await queue.add(JobName.DeliverNotification, { userIds: [user.id], kind: 'test.drain', title: 'drain', body: 'drain', dedupKey: 'drain-test' }, { jobId: 'drain-test' });
          await until(async () => {
            const { rows } = await pg.query(`SELECT 1 FROM pg_stat_activity WHERE $1::int = ANY(pg_blocking_pids(pid))`, [lockerPid]);
            return rows.length > 0 && (await job.getState()) === 'active' ? true : undefined;
          }, 20_000, 'the job to run and wait on the row lock');
          worker.child.kill('SIGTERM');
          // The worker waits for its job (and keeps renewing the job's lock) instead of exiting or dropping it.
          await new Promise((r) => setTimeout(r, 1500));
          expect(worker.child.exitCode).toBeNull();
          expect(await job.getState()).toBe('active');
          await locker.query('ROLLBACK');
          expect((await worker.exited).code).toBe(0);
          const done = await queue.getJob('drain-test');
          expect({ state: await done?.getState(), attempts: done?.attemptsMade, stalled: done?.stalledCounter, result: done?.returnvalue }).toEqual({ state: 'completed', attempts: 1, stalled: 0, result: { delivered: 1 } });
          const { rows } = await pg.query(`SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND kind = 'test.drain'`, [user.id]);
          expect(rows[0].n).toBe(1);
        } finally {
          await locker.query('ROLLBACK').catch(() => undefined);
          await locker.end();
          await queue.close();
          redis.disconnect();
        }
      } finally {
        await pg.end();
      }
    } finally {
      api.child.kill('SIGTERM');
      if (worker.child.exitCode === null) worker.child.kill('SIGTERM');
      const [a, w] = await Promise.all([api.exited, worker.exited]);
      expect(a.code).toBe(0);
      expect(w.code).toBe(0);
      await deleteQueueKeys(shared.QUEUE_PREFIX);
    }
  });
});
