import { runMigrationsLocked } from '../platform/database/migrate';
import { runCli, withDatabase } from './cli-database';

/** npm run migration:run — applies pending migrations under the advisory lock. */
runCli(() =>
  withDatabase(async (dataSource, _config, url) => {
    const applied = await runMigrationsLocked(url, dataSource, (m) => process.stdout.write(`${m}\n`));
    process.stdout.write(applied.length ? `Applied ${applied.length} migration(s)\n` : 'Database is up to date\n');
  }),
);
