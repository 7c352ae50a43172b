import { Client } from 'pg';
import { DataSource } from 'typeorm';

/** Key of the session advisory lock that serialises migrations across processes ('G60M'). */
export const MIGRATION_LOCK_KEY = 0x4736304d;

/**
 * Runs pending migrations while holding a PostgreSQL advisory lock, so that several
 * API and worker processes starting at once migrate exactly once.
 */
export async function runMigrationsLocked(url: string, dataSource: DataSource, log: (msg: string) => void): Promise<string[]> {
  const lock = new Client({ connectionString: url, application_name: 'g60-migrate-lock' });
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    for (const m of applied) log(`migration applied: ${m.name}`);
    return applied.map((m) => m.name);
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await lock.end();
  }
}
