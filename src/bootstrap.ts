import 'reflect-metadata';
import { Logger as NestLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { json, Router, type NextFunction, type Request, type Response } from 'express';
import { EventStreams } from './platform/live/event-streams';
import { DomainError, ErrorCode } from './platform/errors/domain-error';
import { unsafeJsonReason } from './platform/validation/body-safety';
import { addValidationConstraints } from './platform/validation/openapi-constraints';
import { addErrorCodes } from './platform/errors/error-codes.openapi';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import type { Server } from 'node:http';
import * as path from 'node:path';
import { Logger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import { ProviderAdmissionSubject } from './modules/organizations/provider-admission.subject';
import { QualificationVerificationSubject } from './modules/organizations/qualifications/qualification-verification.subject';
import { BULL_BOARD_PATH, mountBullBoard } from './platform/queue/bull-board';
import { mountPortal } from './platform/web/portal';
import { AppConfig, loadConfig, ProcessRole } from './platform/config/app-config';
import { dataSourceOptions } from './platform/database/data-source-options';
import { runMigrationsLocked } from './platform/database/migrate';
import { EmbeddedPostgresHandle, startEmbeddedPostgres } from './platform/embedded/embedded-postgres';
import { AppLogger, resolveLogFormat, startupLogger } from './platform/logging/log-output';
import { requestIdMiddleware, httpMetricsMiddleware } from './platform/logging/request-id.middleware';
import { MetricsService } from './platform/metrics/metrics.service';
import { OutboxRelay } from './platform/outbox/outbox-relay';
import { OutboxSweeper } from './platform/outbox/outbox-sweeper';
import { AuditSealer } from './platform/audit/audit-sealer';
import { WorkerHost } from './platform/queue/worker-host';
import { ShutdownState } from './platform/health/shutdown-state';
import { FileStore } from './platform/files/file-store';
import { migrateLocalDecks } from './modules/roadshows/projects/deck-disk-migration';
import { seedDemoActivity } from './seed/demo-activity';
import { DEMO_LOGINS, DEMO_PASSWORD, seedDemoData } from './seed/seed-demo';

export interface RunningApp {
  app: NestExpressApplication;
  config: AppConfig;
  databaseUrl: string;
  /** http://host:port of the API, when this process serves it. */
  url?: string;
  shutdown(reason?: string, options?: ShutdownOptions): Promise<void>;
}

export interface ShutdownOptions {
  /** How long /health/ready answers 503 before the HTTP server stops accepting (signals: SHUTDOWN_READINESS_DELAY_MS). */
  readinessDelayMs?: number;
}

export interface BootOptions {
  env?: Record<string, string | undefined>;
  /** Settings that win over the environment (command-line tools). */
  overrides?: Record<string, string>;
  /** Install SIGTERM/SIGINT handlers that shut down gracefully and exit (entry points do). */
  handleSignals?: boolean;
  /** Print the welcome banner (URL and demo logins). */
  banner?: boolean;
}

const startupLog = new NestLogger('Bootstrap');

/** Builds and starts the process: API, workers or both, on external or embedded PostgreSQL. */
export async function bootstrap(role: ProcessRole, options: BootOptions = {}): Promise<RunningApp> {
  const config = loadConfig(options.env, options.overrides);
  // Until the application's pino logger exists, start-up lines go through Nest's console logger in the same format.
  NestLogger.overrideLogger(startupLogger(config, resolveLogFormat(config)));
  let embedded: EmbeddedPostgresHandle | undefined;
  let databaseUrl = config.DATABASE_URL;
  if (!databaseUrl) {
    startupLog.log(`Embedded mode: starting PostgreSQL under ${path.resolve(config.EMBEDDED_DATA_DIR)}`);
    embedded = await startEmbeddedPostgres({
      dataDir: config.EMBEDDED_DATA_DIR,
      preferredPort: config.EMBEDDED_PG_PORT,
      database: 'g60',
      log: (msg) => startupLog.log(msg),
    });
    // embedded-postgres installs exit hooks that stop PostgreSQL and exit at once; we drain first.
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const) process.removeAllListeners(signal);
    databaseUrl = embedded.url;
  }
  try {
    config.JWT_SECRET ??= await developmentSecret(config, !!embedded);
    await prepareDatabase(config, databaseUrl);
    const running = await startApplication(role, config, databaseUrl, embedded);
    if (options.handleSignals) installSignalHandlers(running);
    if (options.banner) printBanner(running, role, !!embedded);
    return running;
  } catch (err) {
    await embedded?.stop().catch(() => undefined);
    throw err;
  }
}

async function developmentSecret(config: AppConfig, embedded: boolean): Promise<string> {
  if (!embedded) {
    startupLog.warn('JWT_SECRET is not set: using a random secret; tokens will not survive a restart');
    return randomBytes(48).toString('base64url');
  }
  const file = path.resolve(config.EMBEDDED_DATA_DIR, 'jwt-secret');
  try {
    return (await fs.readFile(file, 'utf8')).trim();
  } catch {
    const secret = randomBytes(48).toString('base64url');
    await fs.writeFile(file, secret, { mode: 0o600 });
    return secret;
  }
}

async function prepareDatabase(config: AppConfig, databaseUrl: string): Promise<void> {
  const dataSource = new DataSource(dataSourceOptions(databaseUrl, 2));
  await dataSource.initialize();
  try {
    if (config.MIGRATIONS_RUN) {
      // One line at info (a first start applies them all); each migration at debug.
      const applied = await runMigrationsLocked(databaseUrl, dataSource, (m) => startupLog.debug(m));
      if (applied.length) startupLog.log(`${applied.length} migration(s) applied: ${applied[0]}${applied.length > 1 ? ` … ${applied[applied.length - 1]}` : ''}`);
    }
    if (config.seedDemo) {
      const report = await seedDemoData(dataSource, { passwordHashMemoryKib: config.PASSWORD_HASH_MEMORY_KIB });
      if (report.organizationsCreated + report.usersCreated > 0) startupLog.log(`Demo data seeded: ${JSON.stringify(report)}`);
    }
  } finally {
    await dataSource.destroy();
  }
}

async function startApplication(role: ProcessRole, config: AppConfig, databaseUrl: string, embedded?: EmbeddedPostgresHandle): Promise<RunningApp> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot({ config, databaseUrl, role }), {
    bufferLogs: true,
    bodyParser: false,
    abortOnError: false,
  });
  app.useLogger(new AppLogger(app.get(Logger)));
  app.flushLogs();
  const shutdownState = app.get(ShutdownState);
  app.use(shutdownState.middleware());
  app.use(requestIdMiddleware);
  app.use(httpMetricsMiddleware(app.get(MetricsService)));
  app.use(jsonBody(config.BODY_LIMIT));
  app.use(multipartCap(config.MULTIPART_MAX_BYTES));
  // X-Forwarded-For is believed only from TRUSTED_PROXIES, so req.ip (throttles, audit) is the real client.
  app.set('trust proxy', config.trustedProxies);
  app.use(noSniff);
  app.disable('x-powered-by');
  app.setGlobalPrefix('api/v1', { exclude: ['health', 'health/live', 'health/ready', 'metrics'] });
  app.useGlobalPipes((await import('./platform/validation/validation')).createValidationPipe());
  // Built on its first request, not at start-up: scanning every route and DTO takes 0.5–1 s of each boot.
  SwaggerModule.setup('api/docs', app, () => buildOpenApi(app), { jsonDocumentUrl: 'api/docs-json' });
  // Reserve Bull Board's path before init(): Nest appends its catch-all 404 handler there.
  const board = role !== 'worker' ? Router() : undefined;
  if (board) app.use(BULL_BOARD_PATH, board);
  if (role !== 'worker') mountPortal(app, { streamHosts: config.liveStreamHosts, embedOrigins: config.embedAllowedOrigins });
  await app.init();
  if (board) await mountBullBoard(app, board);
  // Uploaded files live in the shared store (FILE_STORAGE): refuse to start on one that is unreachable, and
  // move in the decks an older version kept on this host's disk (docs/architecture.md, "Files").
  const files = app.get(FileStore);
  await files.verify();
  await migrateLocalDecks(app.get(DataSource), files, config.EMBEDDED_DATA_DIR, (line) => startupLog.log(line));
  // Demo providers seeded as 'applied' enter the admission workflow like self-registered ones.
  if (config.seedDemo && role !== 'api') await app.get(ProviderAdmissionSubject).adoptPendingProviders();
  // Qualifications self-declared before verification existed are 'declared' (migration 1764900001000): each gets its verification case.
  if (role !== 'api') await app.get(QualificationVerificationSubject).adoptDeclared();

  const workers = app.get(WorkerHost);
  const relay = app.get(OutboxRelay);
  const sweeper = app.get(OutboxSweeper);
  const sealer = app.get(AuditSealer);
  if (role !== 'api') {
    await workers.start();
    await relay.start();
    sweeper.start();
    sealer.start();
  }
  let url: string | undefined;
  if (role !== 'worker') {
    // Idle keep-alive connections stay open longer than a load balancer keeps its idle connections to us, so the
    // balancer, not this process, closes them: a connection we closed just as it sent a request on it would fail that
    // request (docs/architecture.md, "Behind a load balancer").
    const server = app.getHttpServer() as Server;
    server.keepAliveTimeout = config.HTTP_KEEP_ALIVE_TIMEOUT_MS;
    server.headersTimeout = config.HTTP_KEEP_ALIVE_TIMEOUT_MS + 1_000;
    await app.listen(config.PORT, config.HOST);
    const address = (app.getHttpServer() as Server).address();
    const port = typeof address === 'object' && address ? address.port : config.PORT;
    url = `http://${config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST}:${port}`;
    // A programme, services, an agreement, a voucher and an order, played through the API once (src/seed/demo-activity.ts).
    if (config.seedDemo) await playDemoActivity(url);
  }

  let closing: Promise<void> | undefined;
  // The shutdown sequence, in every process type (docs/architecture.md, "Shutdown").
  const shutdown = (reason = 'shutdown', { readinessDelayMs = 0 }: ShutdownOptions = {}) => {
    closing ??= (async () => {
      const log = new NestLogger('Shutdown');
      const serving = role !== 'worker';
      const delay = serving ? readinessDelayMs : 0;
      log.log(`Shutting down (${reason}): not ready${delay ? ` for ${delay} ms` : ''}, then draining for up to ${config.SHUTDOWN_TIMEOUT_MS} ms`);
      // 1. Not ready: /health/ready answers 503 and every response says Connection: close.
      shutdownState.beginDrain();
      // 2. Workers take no new job from now on; running ones finish (or are handed back after the timeout).
      const jobsDrained = workers.stop(config.SHUTDOWN_TIMEOUT_MS);
      await Promise.all([relay.stop(), sweeper.stop(), sealer.stop()]);
      // 3. Still serving, while the load balancer notices the 503 and sends new requests elsewhere.
      if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
      // 4. Live event streams never finish by themselves: end them, their clients reconnect elsewhere.
      if (serving) app.get(EventStreams).closeAll();
      // 5. No new connections; in-flight requests finish, idle keep-alive connections close.
      if (serving) await closeHttp(app.getHttpServer() as Server, config.SHUTDOWN_TIMEOUT_MS);
      await jobsDrained;
      // 6. Connections to PostgreSQL, Redis and the file store close; then the embedded PostgreSQL stops.
      await app.close();
      await embedded?.stop();
      log.log('Stopped');
    })();
    return closing;
  };
  return { app, config, databaseUrl, url, shutdown };
}

/** JSON body parsing whose failures become our stable error codes (Nest would turn them into a bare 400). */
function jsonBody(limit: string) {
  const parse = json({ limit });
  return (req: Request, res: Response, next: NextFunction) =>
    parse(req, res, (err?: unknown) => {
      if (!err) {
        const unsafe = unsafeJsonReason(req.body);
        return unsafe ? next(new DomainError(ErrorCode.ValidationFailed, `The request body ${unsafe}`)) : next();
      }
      const type = (err as { type?: string }).type;
      if (type === 'entity.parse.failed') return next(new DomainError(ErrorCode.MalformedJson, 'The request body is not valid JSON'));
      if (type === 'entity.too.large') return next(new DomainError(ErrorCode.PayloadTooLarge, `The request body is larger than ${limit}`));
      return next(new DomainError(ErrorCode.ValidationFailed, 'The request body could not be read'));
    });
}

/**
 * Any multipart upload declaring more than MULTIPART_MAX_BYTES is refused with 413 before its body
 * is read; each upload route's own multer limit bounds what is actually read (docs/security.md, "Bounded work").
 */
function multipartCap(maxBytes: number) {
  return (req: Request, _res: Response, next: NextFunction) => {
    const multipart = (req.headers['content-type'] ?? '').toLowerCase().startsWith('multipart/');
    if (multipart && Number(req.headers['content-length'] ?? 0) > maxBytes) {
      return next(new DomainError(ErrorCode.PayloadTooLarge, `The upload is larger than ${maxBytes} bytes`, { maxBytes }));
    }
    return next();
  };
}

/** No response is ever content-sniffed into something else (an uploaded file rendered as HTML); docs/security.md. */
function noSniff(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  next();
}

/** Stops accepting connections and waits for in-flight requests, up to the timeout. */
async function closeHttp(server: Server, timeoutMs: number): Promise<void> {
  if (!server.listening) return;
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  const idleSweep = setInterval(() => server.closeIdleConnections(), 50);
  const timer = new Promise<boolean>((resolve) => setTimeout(() => resolve(true), timeoutMs).unref());
  const timedOut = await Promise.race([closed.then(() => false), timer]);
  clearInterval(idleSweep);
  if (timedOut) server.closeAllConnections();
}

function installSignalHandlers(running: RunningApp): void {
  const onSignal = (signal: NodeJS.Signals) => {
    running
      .shutdown(signal, { readinessDelayMs: running.config.shutdownReadinessDelayMs })
      .then(() => process.exit(0))
      .catch((err) => {
        startupLog.error(`Shutdown failed: ${String(err)}`);
        process.exit(1);
      });
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
}

export function buildOpenApi(app: NestExpressApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('G60 innovation vouchers and roadshows')
    .setDescription(
      'Cross-region innovation vouchers (创新券) and S&T roadshows (科创路演) for Jiaxing, Shanghai and the G60 corridor. ' +
        'Money is integer fen. State-changing POSTs accept an Idempotency-Key header. Errors: {statusCode, code, message, details?}.',
    )
    .setVersion('1')
    .addBearerAuth()
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-Api-Key', description: 'A partner platform key (or Authorization: ApiKey <key>); open-data routes only' }, 'api-key')
    .build();
  return addErrorCodes(addValidationConstraints(SwaggerModule.createDocument(app, config)));
}

/** The demo activity must never keep the application from starting: a failure is logged and the demo goes on without it. */
async function playDemoActivity(url: string): Promise<void> {
  try {
    const report = await seedDemoActivity(url);
    if (report.seeded) startupLog.log(`Demo activity played: ${JSON.stringify(report)}`);
  } catch (err) {
    startupLog.warn(`Demo activity not played: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function printBanner(running: RunningApp, role: ProcessRole, embedded: boolean): void {
  const lines = [
    '',
    '  G60 innovation voucher & roadshow platform',
    `  mode: ${embedded ? 'embedded (PostgreSQL from embedded-postgres, queues on PostgreSQL)' : `external PostgreSQL, queues on ${running.config.queueBackend}`}; process: ${role}`,
  ];
  if (running.url) {
    lines.push(`  Portal:   ${running.url}/`, `  API:      ${running.url}/api/v1`, `  Docs:     ${running.url}/api/docs`, `  Health:   ${running.url}/health`);
  }
  if (running.config.seedDemo) {
    lines.push('', `  Demo logins (password for all: ${DEMO_PASSWORD}):`);
    for (const login of DEMO_LOGINS) lines.push(`    ${login.role.padEnd(16)} ${login.email.padEnd(34)} ${login.organization}`);
  }
  lines.push('');
  process.stdout.write(`${lines.join('\n')}\n`);
}
