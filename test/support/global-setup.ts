import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/platform/database/data-source-options';
import { runMigrationsLocked } from '../../src/platform/database/migrate';
import { seedDemoData } from '../../src/seed/seed-demo';
import { adminUrl, databaseUrl, TEMPLATE_DB, TEST_DB_PREFIX } from './test-env';

/** Migrates and seeds one template database; every test file clones it (CREATE DATABASE … TEMPLATE). */
export default async function globalSetup(): Promise<void> {
  const admin = new Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    const stale = await admin.query(`SELECT datname FROM pg_database WHERE datname = $1 OR datname LIKE $2`, [TEMPLATE_DB, `${TEST_DB_PREFIX}%`]);
    for (const { datname } of stale.rows as { datname: string }[]) {
      await admin.query(`ALTER DATABASE "${datname}" IS_TEMPLATE false`).catch(() => undefined);
      await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
    await admin.query(`CREATE DATABASE "${TEMPLATE_DB}"`);
  } finally {
    await admin.end();
  }
  const url = databaseUrl(TEMPLATE_DB);
  const dataSource = new DataSource(dataSourceOptions(url, 2));
  await dataSource.initialize();
  try {
    await runMigrationsLocked(url, dataSource, () => undefined);
    await seedDemoData(dataSource);
  } finally {
    await dataSource.destroy();
  }
  const finish = new Client({ connectionString: adminUrl() });
  await finish.connect();
  await finish.query(`ALTER DATABASE "${TEMPLATE_DB}" IS_TEMPLATE true`);
  await finish.end();
}
