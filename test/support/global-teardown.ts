import { Client } from 'pg';
import { adminUrl, testDbPrefix } from './test-env';

/** Drops this run's template and any database a test file failed to drop. */
export default async function globalTeardown(): Promise<void> {
  if (process.env.KEEP_TEST_DBS) return;
  const admin = new Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    const rows = await admin.query(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`${testDbPrefix()}%`]);
    for (const { datname } of rows.rows as { datname: string }[]) {
      await admin.query(`ALTER DATABASE "${datname}" IS_TEMPLATE false`).catch(() => undefined);
      await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
  } finally {
    await admin.end();
  }
}
