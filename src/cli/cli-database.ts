import { DataSource } from 'typeorm';
import { AppConfig, loadConfig } from '../platform/config/app-config';
import { dataSourceOptions } from '../platform/database/data-source-options';
import { startEmbeddedPostgres } from '../platform/embedded/embedded-postgres';

/** Runs a command-line task against the configured database, starting the embedded one if needed. */
export async function withDatabase<T>(task: (dataSource: DataSource, config: AppConfig, url: string) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const embedded = config.DATABASE_URL
    ? undefined
    : await startEmbeddedPostgres({ dataDir: config.EMBEDDED_DATA_DIR, preferredPort: config.EMBEDDED_PG_PORT, database: 'g60', log: () => undefined });
  const url = config.DATABASE_URL ?? (embedded as { url: string }).url;
  const dataSource = new DataSource(dataSourceOptions(url, 2));
  await dataSource.initialize();
  try {
    return await task(dataSource, config, url);
  } finally {
    await dataSource.destroy();
    await embedded?.stop();
  }
}

export function runCli(main: () => Promise<number | void>): void {
  main()
    .then((code) => process.exit(code ?? 0))
    .catch((err) => {
      process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    });
}
