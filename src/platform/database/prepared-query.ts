import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import { DataSource, QueryFailedError } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/**
 * Runs `sql` as the named prepared statement `name` (preparedName) on TypeORM's own pool, outside any transaction:
 * PostgreSQL parses and plans it once per connection instead of on every call (node-postgres otherwise sends
 * unnamed statements). For hot statements whose planning costs as much as running them (docs/architecture.md, "Money paths";
 * docs/catalog-search.md, "Planning"). Needs a direct connection or a session-mode pooler (README.md). Name the
 * columns (no `*`): a migration that changes the result type of a kept statement makes it fail on its connection.
 * Failures are TypeORM's QueryFailedError, as from `dataSource.query`.
 */
/** `prefix` and a hash of the text: each shape of a statement built from parts is prepared on its own. */
export function preparedName(prefix: string, sql: string): string {
  return `${prefix}_${createHash('sha1').update(sql).digest('hex').slice(0, 24)}`;
}

export async function preparedQuery<T>(dataSource: DataSource, name: string, sql: string, params: unknown[]): Promise<T[]> {
  const pool = (dataSource.driver as PostgresDriver).master as Pool;
  try {
    return (await pool.query({ name, text: sql, values: params })).rows as T[];
  } catch (error) {
    throw new QueryFailedError(sql, params, error as Error);
  }
}
