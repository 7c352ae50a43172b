import { bootstrap } from './bootstrap';

/** The HTTP API alone (`npm run start:api`); run workers separately with src/worker.ts. */
bootstrap('api', { handleSignals: true, banner: true }).catch((err) => {
  process.stderr.write(`Failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
