import { bootstrap } from './bootstrap';

/** API and workers in one process: the default, and what `npm start` runs. */
bootstrap('all', { handleSignals: true, banner: true }).catch((err) => {
  process.stderr.write(`Failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
