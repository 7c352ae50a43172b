import { bootstrap } from './bootstrap';

/** Queue workers, outbox relay and sweeper only (`npm run start:worker`); scale these out. */
bootstrap('worker', { handleSignals: true, banner: false }).catch((err) => {
  process.stderr.write(`Failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
