import { ChildProcess, spawn } from 'node:child_process';
import { accessSync, constants, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * A real Sphinx search daemon (Debian's sphinxsearch package, /usr/bin/searchd) with the catalogue's index from
 * deploy/sphinx/sphinx.conf, in a directory of its own on a free port: for the tests and the benchmark, or by hand
 * (`node dist/scripts/searchd.js` prints its SEARCH_ENGINE_URL and runs until stopped). `stop()` ends the daemon
 * (the index stays on disk), `start()` runs it again on the same port and data: "the engine is down for a while".
 * `wipe()` loses its data, as a new server would.
 */
export class Searchd {
  readonly dir = mkdtempSync(join(tmpdir(), 'g60-searchd-'));
  port = 0;
  private child?: ChildProcess;

  static available(binary = process.env.SEARCHD_BIN ?? '/usr/bin/searchd'): boolean {
    try {
      accessSync(binary, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  }

  get url(): string {
    return `sphinx://127.0.0.1:${this.port}/catalog_services`;
  }

  async start(): Promise<this> {
    if (!this.port) this.port = await freePort();
    const template = configTemplate();
    const config = template
      .replace(/path = .*/, `path = ${join(this.dir, 'catalog_services')}`)
      .replace(/listen = .*/, `listen = 127.0.0.1:${this.port}:mysql41`)
      .replace(/log = .*/, `log = ${join(this.dir, 'searchd.log')}`)
      .replace(/pid_file = .*/, `pid_file = ${join(this.dir, 'searchd.pid')}`)
      .replace(/binlog_path = .*/, `binlog_path = ${this.dir}`)
      .replace(/rt_mem_limit = .*/, 'rt_mem_limit = 256M');
    writeFileSync(join(this.dir, 'sphinx.conf'), config);
    const child = spawn(process.env.SEARCHD_BIN ?? '/usr/bin/searchd', ['--config', join(this.dir, 'sphinx.conf'), '--nodetach'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout?.on('data', (d) => (output += d));
    child.stderr?.on('data', (d) => (output += d));
    this.child = child;
    const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`searchd exited (${code}): ${output}`))));
    exited.catch(() => undefined);
    await Promise.race([waitForPort(this.port, 15_000), exited]);
    return this;
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null) return;
    const done = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await done;
    clearTimeout(timer);
  }

  /** Stopped, its data gone; start() then begins with an empty index. */
  async wipe(): Promise<void> {
    await this.stop();
    for (const f of ['catalog_services', 'binlog']) {
      for (const name of readdirSync(this.dir).filter((n) => n.startsWith(f))) rmSync(join(this.dir, name), { recursive: true, force: true });
    }
  }

  async close(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** deploy/sphinx/sphinx.conf of this checkout, from scripts/ (ts-jest) or dist/scripts/ (built). */
function configTemplate(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, 'deploy', 'sphinx', 'sphinx.conf');
    if (existsSync(file)) return readFileSync(file, 'utf8');
  }
  throw new Error('deploy/sphinx/sphinx.conf not found');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const s = new Socket();
      s.once('connect', () => (s.destroy(), resolve(true)));
      s.once('error', () => (s.destroy(), resolve(false)));
      s.connect(port, '127.0.0.1');
    });
    if (open) return;
    if (Date.now() > until) throw new Error(`searchd did not listen on ${port} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

if (require.main === module) {
  void new Searchd().start().then((s) => {
    console.log(`searchd in ${s.dir}\nSEARCH_ENGINE_URL=${s.url}`);
    const end = () => void s.close().then(() => process.exit(0));
    process.on('SIGINT', end);
    process.on('SIGTERM', end);
  });
}
