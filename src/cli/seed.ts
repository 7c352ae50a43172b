import { runMigrationsLocked } from '../platform/database/migrate';
import { seedDemoData } from '../seed/seed-demo';
import { runCli, withDatabase } from './cli-database';

/** npm run seed — inserts missing demo data; running it again changes nothing. */
runCli(() =>
  withDatabase(async (dataSource, config, url) => {
    await runMigrationsLocked(url, dataSource, () => undefined);
    const report = await seedDemoData(dataSource, { passwordHashMemoryKib: config.PASSWORD_HASH_MEMORY_KIB });
    process.stdout.write(`Seed done: ${report.organizationsCreated} organisation(s) and ${report.usersCreated} user(s) created\n`);
  }),
);
