import { createFileStore } from '../platform/files/create-file-store';
import { migrateLocalDecks } from '../modules/roadshows/projects/deck-disk-migration';
import { runCli, withDatabase } from './cli-database';

/**
 * npm run files:migrate [-- <data dir>] — moves the pitch decks an older version kept under
 * `<data dir>/decks` (default EMBEDDED_DATA_DIR) into FILE_STORAGE. Idempotent; prints a JSON report;
 * exits 2 when files were left on the disk (unreferenced or with a wrong digest).
 */
runCli(() =>
  withDatabase(async (dataSource, config) => {
    const store = createFileStore(config, dataSource);
    await store.verify();
    const report = await migrateLocalDecks(dataSource, store, process.argv[2] ?? config.EMBEDDED_DATA_DIR);
    process.stdout.write(`${JSON.stringify({ storage: store.kind, ...report }, null, 2)}\n`);
    (store as { onModuleDestroy?: () => void }).onModuleDestroy?.();
    return report.orphans.length + report.mismatched.length > 0 ? 2 : 0;
  }),
);
