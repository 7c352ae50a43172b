/** Where the tests find PostgreSQL and Redis: DATABASE_URL / REDIS_URL, defaulting to localhost. */
export const TEST_DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
export const TEMPLATE_DB = 'g60_test_template';
export const TEST_DB_PREFIX = 'g60_t_';
export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256-signing';

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
