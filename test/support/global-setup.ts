import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/platform/database/data-source-options';
import { runMigrationsLocked } from '../../src/platform/database/migrate';
import { seedDemoData } from '../../src/seed/seed-demo';
import { adminUrl, databaseUrl, isStaleRunDatabase, TEST_DB_PREFIX, templateDb, TEST_PASSWORD_HASH_MEMORY_KIB } from './test-env';

/** Migrates and seeds one template database; every test file clones it (CREATE DATABASE … TEMPLATE). */
export default async function globalSetup(): Promise<void> {
  // Each jest project (integration, browser) declares this setup; one template serves the whole run.
  if (process.env.G60_TEST_RUN_ID) return;
  process.env.G60_TEST_RUN_ID = `${Date.now().toString(36)}x${randomBytes(3).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    const existing = await admin.query(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`${TEST_DB_PREFIX}%`]);
    for (const { datname } of existing.rows as { datname: string }[]) {
      if (!isStaleRunDatabase(datname)) continue;
      await admin.query(`ALTER DATABASE "${datname}" IS_TEMPLATE false`).catch(() => undefined);
      await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`).catch(() => undefined);
    }
    await admin.query(`CREATE DATABASE "${templateDb()}"`);
  } finally {
    await admin.end();
  }
  const url = databaseUrl(templateDb());
  const dataSource = new DataSource(dataSourceOptions(url, 2));
  await dataSource.initialize();
  try {
    await runMigrationsLocked(url, dataSource, () => undefined);
    await seedDemoData(dataSource, { passwordHashMemoryKib: TEST_PASSWORD_HASH_MEMORY_KIB });
  } finally {
    await dataSource.destroy();
  }
  const finish = new Client({ connectionString: adminUrl() });
  await finish.connect();
  await finish.query(`ALTER DATABASE "${templateDb()}" IS_TEMPLATE true`);
  await finish.end();
}
