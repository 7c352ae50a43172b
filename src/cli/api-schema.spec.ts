import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openApiDocument } from './openapi-document';

const root = join(__dirname, '..', '..');

// The portal's API types are generated (npm run api:generate); this fails when a DTO changed and they were not.
describe('web/src/app/api-schema.ts', () => {
  it('is what npm run api:generate writes from the current controllers and DTOs', async () => {
    const document = await openApiDocument();
    const fresh = execFileSync(process.execPath, [join(root, 'scripts', 'api-schema.mjs'), '-', '-'], {
      cwd: root,
      input: JSON.stringify(document),
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    const committed = readFileSync(join(root, 'web', 'src', 'app', 'api-schema.ts'), 'utf8');
    if (committed !== fresh) {
      const at = [...committed].findIndex((ch, i) => ch !== fresh[i]);
      const line = committed.slice(0, at).split('\n').length;
      throw new Error(`web/src/app/api-schema.ts is stale from line ${line}: run \`npm run api:generate\` and commit the result`);
    }
    expect(committed).toBe(fresh);
  });

  // Swagger names a schema after its class: two DTO classes of one name silently become one schema (the roadshow
  // project timeline was once described by the approvals timeline's entry).
  it('names no two DTO classes alike, so every DTO keeps its own schema', () => {
    const files = (readdirSync(join(root, 'src'), { recursive: true }) as string[]).filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'));
    const seen = new Map<string, string[]>();
    for (const file of files) {
      for (const [, name] of readFileSync(join(root, 'src', file), 'utf8').matchAll(/^export class (\w+Dto)\b/gm)) {
        seen.set(name, [...(seen.get(name) ?? []), file]);
      }
    }
    expect([...seen].filter(([, where]) => where.length > 1)).toEqual([]);
  });
});
