import { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../../migrations';
import { SnakeNamingStrategy } from './snake-naming.strategy';

/** One place that shapes the TypeORM connection, used by the app and the CLI scripts. */
export function dataSourceOptions(url: string, poolSize: number, entities: DataSourceOptions['entities'] = []): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    migrationsRun: false,
    synchronize: false,
    namingStrategy: new SnakeNamingStrategy(),
    extra: {
      max: poolSize,
      // Hung transactions must not pin hot rows or leases forever.
      idle_in_transaction_session_timeout: 30_000,
      application_name: 'g60-platform',
      // No JIT compilation: the app's statements are short, and PostgreSQL compiles whenever a plan's estimated cost
      // passes jit_above_cost, whatever the statement really reads. At 1,000,000 services the catalogue search's probe
      // (estimated 276,000, reads 500-1,500 pages) spent 20-50 ms compiling for about 1 ms of work (docs/catalog-search.md,
      // "After an import, and at 1,000,000 services").
      options: '-c jit=off',
    },
  };
}
