/** Where the tests find PostgreSQL and Redis: DATABASE_URL / REDIS_URL, defaulting to localhost. */
export const TEST_DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
export const TEST_DB_PREFIX = 'g60_t_';
export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256-signing';
/** The bearer token test apps require on GET /metrics (METRICS_TOKEN). */
/**
 * argon2id memory for every password of a test run, the demo users' included: hundreds of sign-ins per run
 * at 4 MiB instead of 64 MiB (about 10 ms of CPU each instead of 190). Verification reads each hash's own cost.
 */
export const TEST_PASSWORD_HASH_MEMORY_KIB = 4096;
export const TEST_METRICS_TOKEN = 'test-metrics-token-0123456789';

/**
 * Each jest run has its own id (set by global setup, inherited by the workers), so runs on one
 * machine never drop each other's databases. The id starts with the run's start time.
 */
export function runId(): string {
  const id = process.env.G60_TEST_RUN_ID;
  if (!id) throw new Error('G60_TEST_RUN_ID is not set: run integration tests through jest (global setup)');
  return id;
}

export function templateDb(): string {
  return `${TEST_DB_PREFIX}${runId()}_template`;
}

export function testDbPrefix(): string {
  return `${TEST_DB_PREFIX}${runId()}_`;
}

/** The same server, another database. */
export function databaseUrl(name: string): string {
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** The maintenance database of the server (where CREATE DATABASE runs). */
export function adminUrl(): string {
  return TEST_DATABASE_URL;
}

/** Run ids embed their start time in base 36; databases of runs older than this are left-overs. */
export function isStaleRunDatabase(name: string, maxAgeMs = 3 * 3600_000): boolean {
  const match = new RegExp(`^${TEST_DB_PREFIX}([0-9a-z]+)x`).exec(name);
  if (!match) return false;
  const started = parseInt(match[1], 36);
  return Number.isFinite(started) && Date.now() - started > maxAgeMs;
}
