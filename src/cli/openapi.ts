import { writeFileSync } from 'node:fs';
import { bootstrap, buildOpenApi } from '../bootstrap';

/** npm run openapi — writes openapi.json from the running route table. */
async function main(): Promise<void> {
  const running = await bootstrap('api', { overrides: { PORT: '0', LOG_LEVEL: 'warn' } });
  try {
    const document = buildOpenApi(running.app);
    writeFileSync('openapi.json', `${JSON.stringify(document, null, 2)}\n`);
    process.stdout.write(`Wrote openapi.json (${Object.keys(document.paths).length} paths)\n`);
  } finally {
    await running.shutdown('openapi written');
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);
