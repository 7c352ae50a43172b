#!/usr/bin/env node
// Turns the OpenAPI document into the portal's API types (web/src/app/api-schema.ts) with openapi-typescript.
// Usage: node scripts/api-schema.mjs <openapi.json | -> [out.ts | -]   ('-' reads stdin / writes stdout)
// `npm run api:generate` runs it after src/cli/openapi.ts; src/cli/api-schema.spec.ts runs it on a fresh
// document and fails when the committed file differs. Plain JavaScript so that the server's tsc and the
// unit tests do not depend on openapi-typescript's ESM build.
import { readFileSync, writeFileSync } from 'node:fs';
import openapiTS, { astToString } from 'openapi-typescript';

const HEADER = [
  '/**',
  ' * Generated from the API\'s OpenAPI document by `npm run api:generate` (openapi-typescript). Do not edit:',
  ' * change the server\'s DTOs (their @ApiProperty) and regenerate. A unit test fails when this file is stale.',
  ' */',
  '',
  '',
].join('\n');

/** The generated TypeScript for one OpenAPI document (an object). */
export async function renderApiSchema(document) {
  const ast = await openapiTS(document, { silent: true, emptyObjectsUnknown: true });
  return HEADER + astToString(ast);
}

const [input = 'openapi.json', output = 'web/src/app/api-schema.ts'] = process.argv.slice(2);
/** Standard input as a stream: readFileSync(0) fails with EAGAIN when the pipe is non-blocking and not yet full. */
async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

const document = JSON.parse(input === '-' ? await readStdin() : readFileSync(input, 'utf8'));
const text = await renderApiSchema(document);
if (output === '-') process.stdout.write(text);
else {
  writeFileSync(output, text);
  process.stderr.write(`Wrote ${output} (${Object.keys(document.components?.schemas ?? {}).length} schemas)\n`);
}
