import { ChildProcess, fork } from 'node:child_process';
import { Agent, request } from 'node:http';

/**
 * The benchmarks' HTTP load generator, in a child process of its own: the clients' work (building requests,
 * reading and parsing answers) runs on another thread and core than the app's event loop, as real clients'
 * would, instead of taking turns with the app on its one thread. It is measured on its own (its CPU is reported),
 * and it still shares the machine's two cores with the app and PostgreSQL. Plain `node:http` with keep-alive
 * connections, one per lane.
 */

export interface LoadRequest {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  /** JSON text. */
  body?: string;
  /** The status every answer must have; any other fails the run. */
  expect: number;
}

export interface LoadPlan {
  baseUrl: string;
  lanes: number;
  /** Requests in all, shared by the lanes (each takes the next one when its last is answered). */
  count: number;
  requests: LoadRequest[];
  /** `round-robin`: request i is requests[i % n]. `by-lane`: lane L always sends requests[L % n]. */
  assign: 'round-robin' | 'by-lane';
  /** Each request carries an Idempotency-Key of its own, as the portal sends with every change. */
  idempotencyKeys?: boolean;
}

export interface LoadResult {
  /** Milliseconds, indexed by request number (0 … count − 1). */
  latencies: number[];
  seconds: number;
  /** CPU of the load generator's process over the run (user + system), milliseconds. */
  cpuMs: number;
}

type FromChild = { ok: true; result: LoadResult } | { ok: false; error: string };

const CHILD_FLAG = '--g60-http-load';

/** Runs the plan in a fresh child process and answers its latencies; rejects on the first unexpected answer. */
export function httpLoad(plan: LoadPlan): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = fork(__filename, [CHILD_FLAG], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let settled = false;
    child.once('message', (message: FromChild) => {
      settled = true;
      child.kill();
      if (message.ok) resolve(message.result);
      else reject(new Error(message.error));
    });
    child.once('error', (err) => {
      if (!settled) reject(err);
    });
    child.once('exit', (code) => {
      if (!settled) reject(new Error(`HTTP load generator exited with ${code}`));
    });
    child.send(plan);
  });
}

async function run(plan: LoadPlan): Promise<LoadResult> {
  const url = new URL(plan.baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: plan.lanes });
  const keys = `load-${process.pid}-${Date.now()}`;
  const send = (r: LoadRequest, i: number): Promise<void> =>
    new Promise((resolve, reject) => {
      const headers: Record<string, string | number> = { ...r.headers };
      if (plan.idempotencyKeys) headers['idempotency-key'] = `${keys}-${i}`;
      if (r.body !== undefined) {
        headers['content-type'] = 'application/json';
        headers['content-length'] = Buffer.byteLength(r.body);
      }
      const req = request({ host: url.hostname, port: url.port, method: r.method, path: r.path, agent, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if (res.statusCode !== r.expect) return reject(new Error(`${r.method} ${r.path}: expected ${r.expect}, got ${res.statusCode} ${text.slice(0, 300)}`));
          // Parsed as a client would.
          if (text) JSON.parse(text);
          resolve();
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(r.body);
    });
  const latencies = new Array<number>(plan.count).fill(0);
  let next = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  try {
    await Promise.all(
      Array.from({ length: plan.lanes }, async (_, lane) => {
        while (next < plan.count) {
          const i = next++;
          const r = plan.requests[(plan.assign === 'by-lane' ? lane : i) % plan.requests.length];
          const t0 = performance.now();
          await send(r, i);
          latencies[i] = performance.now() - t0;
        }
      }),
    );
  } finally {
    agent.destroy();
  }
  const used = process.cpuUsage(cpu);
  return { latencies, seconds: (performance.now() - started) / 1000, cpuMs: (used.user + used.system) / 1000 };
}

if (process.argv.includes(CHILD_FLAG) && process.send) {
  process.once('message', (plan: LoadPlan) => {
    run(plan).then(
      (result) => process.send!({ ok: true, result } satisfies FromChild),
      (err: unknown) => process.send!({ ok: false, error: err instanceof Error ? err.message : String(err) } satisfies FromChild),
    );
  });
}
