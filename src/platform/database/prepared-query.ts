import { createHash } from 'node:crypto';
import { DatabaseError, type Pool, type PoolClient } from 'pg';
import { DataSource, QueryFailedError } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/**
 * Runs `sql` as the named prepared statement `name` (preparedName) on TypeORM's own pool, outside any transaction:
 * PostgreSQL parses and plans it once per connection instead of on every call (node-postgres otherwise sends
 * unnamed statements). For hot statements whose planning costs as much as running them (docs/architecture.md, "Money paths";
 * docs/catalog-search.md, "Planning"). Needs a direct connection or a session-mode pooler (README.md). Name the
 * columns (no `*`), so that a column added to a table or view leaves a kept statement as it was. A migration that
 * changes the type of a column it returns makes PostgreSQL refuse the kept statement on every connection that holds it
 * ("cached plan must not change result type"): such a connection is closed and the statement runs on another, prepared
 * afresh, as often as the pool has connections. Failures are TypeORM's QueryFailedError, as from `dataSource.query`; a
 * statement PostgreSQL refused leaves its connection in the pool (answeredByServer).
 */
export async function preparedQuery<T>(dataSource: DataSource, name: string, sql: string, params: unknown[]): Promise<T[]> {
  const pool = (dataSource.driver as PostgresDriver).master as Pool;
  // Every connection of the pool may hold the stale statement: one more try than the pool has connections.
  for (let attempt = 0; ; attempt += 1) {
    let client: PoolClient;
    try {
      client = await pool.connect();
    } catch (error) {
      throw new QueryFailedError(sql, params, error as Error);
    }
    // As pool.query does: a connection that fails while checked out reports to the query, not as an uncaught error.
    const ignore = () => undefined;
    client.on('error', ignore);
    try {
      const rows = (await client.query({ name, text: sql, values: params })).rows as T[];
      client.removeListener('error', ignore);
      client.release();
      return rows;
    } catch (error) {
      client.removeListener('error', ignore);
      const stale = (error as { code?: string }).code === '0A000' && /cached plan must not change result type/.test((error as Error).message);
      // A statement PostgreSQL refused (an order's refusal raised by its function, a statement timeout, a broken
      // constraint) leaves the connection as good as before, ready for the next statement, as TypeORM's own query
      // runner keeps it. Closing it would make every refused order cost a new connection. Closed: a connection
      // holding a stale statement, and one whose failure was not PostgreSQL's answer to the statement.
      client.release(stale || !answeredByServer(error) ? (error as Error) : undefined);
      if (!stale || attempt >= (pool.options.max ?? 10)) throw new QueryFailedError(sql, params, error as Error);
    }
  }
}

/**
 * True when `error` is PostgreSQL's error answer to a statement on a connection that stays usable: an ERROR (not FATAL
 * or PANIC, which end the session) with a SQLSTATE outside connection exceptions (class 08), operator intervention (57P,
 * such as a terminated backend) and internal errors (XX). The pool also drops a connection that closed meanwhile
 * (pg-pool checks that it is still queryable).
 */
function answeredByServer(error: unknown): boolean {
  if (!(error instanceof DatabaseError) || error.severity !== 'ERROR') return false;
  const code = error.code ?? '';
  return /^[0-9A-Z]{5}$/.test(code) && !/^(08|57P|XX)/.test(code);
}

/** `prefix` and a hash of the text: each shape of a statement built from parts is prepared on its own. */
export function preparedName(prefix: string, sql: string): string {
  return `${prefix}_${createHash('sha1').update(sql).digest('hex').slice(0, 24)}`;
}
