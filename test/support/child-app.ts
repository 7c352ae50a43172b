import { ChildProcess, spawn } from 'node:child_process';
import * as net from 'node:net';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..');

export interface ChildApp {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Runs a compiled entry point (dist/src/<entry>.js) as a real process, as an operator would. */
export function spawnApp(entry: 'main' | 'api' | 'worker', env: Record<string, string>): ChildApp {
  return spawnProcess(process.execPath, [path.join(ROOT, 'dist', 'src', `${entry}.js`)], { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env });
}

/** Any real process (the app, redis-server, haproxy …), its output kept (the last 200 kB) for failure messages. */
export function spawnProcess(command: string, args: string[], env: Record<string, string> = { PATH: process.env.PATH ?? '' }): ChildApp {
  let output = '';
  const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const keep = (d: Buffer) => {
    output += d.toString();
    if (output.length > 200_000) output = output.slice(-100_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  // A command that cannot start (ENOENT) exits through 'error'; its output says why.
  child.once('error', (err) => {
    output += `\n${String(err)}`;
  });
  return { child, output: () => output, exited };
}

export const isRunning = (app: ChildApp) => app.child.exitCode === null && app.child.signalCode === null;

/** kill -9: no shutdown hooks, no lock release, open transactions die with the connection. Returns when it was sent (ms). */
export async function killHard(app: ChildApp): Promise<number> {
  const at = Date.now();
  if (isRunning(app)) app.child.kill('SIGKILL');
  await app.exited;
  return at;
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone. */
export async function stopGracefully(app: ChildApp, graceMs = 10_000): Promise<void> {
  if (!isRunning(app)) return;
  app.child.kill('SIGTERM');
  const timer = setTimeout(() => app.child.kill('SIGKILL'), graceMs);
  await app.exited;
  clearTimeout(timer);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Waits for GET url to answer 200, or fails with the child's output. */
export async function waitForHealthy(url: string, app: ChildApp, timeoutMs: number): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void app.exited.then(() => (exited = true));
  while (Date.now() < deadline && !exited) {
    try {
      const res = await fetch(url);
      if (res.status === 200) return (await res.json()) as Record<string, unknown>;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not become healthy (exited=${exited}). Output:\n${app.output().slice(-4000)}`);
}
