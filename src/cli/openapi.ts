import { writeFileSync } from 'node:fs';
import { openApiDocument } from './openapi-document';

/** npm run openapi — writes openapi.json from the route table, without a database (see openapi-document.ts). */
async function main(): Promise<void> {
  const document = await openApiDocument();
  writeFileSync('openapi.json', `${JSON.stringify(document, null, 2)}\n`);
  process.stdout.write(`Wrote openapi.json (${Object.keys(document.paths).length} paths)\n`);
}

main().then(
  () => process.exit(0),
  (err) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);
