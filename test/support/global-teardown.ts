import { Client } from 'pg';
import { adminUrl, testDbPrefix } from './test-env';

/** How many databases are dropped at once: their forced checkpoints coalesce. */
const DROPPERS = 4;

/**
 * Drops this run's template and every database its test files retired (test-app.ts, `retireDatabase`): together,
 * at the end, because each DROP DATABASE forces a checkpoint.
 */
export default async function globalTeardown(): Promise<void> {
  if (process.env.KEEP_TEST_DBS) return;
  const admin = new Client({ connectionString: adminUrl() });
  await admin.connect();
  let names: string[];
  try {
    const rows = await admin.query(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`${testDbPrefix()}%`]);
    names = (rows.rows as { datname: string }[]).map((r) => r.datname);
  } finally {
    await admin.end();
  }
  await Promise.all(
    Array.from({ length: Math.min(DROPPERS, names.length) }, async () => {
      const c = new Client({ connectionString: adminUrl() });
      await c.connect();
      try {
        for (let name = names.pop(); name !== undefined; name = names.pop()) {
          await c.query(`ALTER DATABASE "${name}" IS_TEMPLATE false`).catch(() => undefined);
          await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        }
      } finally {
        await c.end();
      }
    }),
  );
}
