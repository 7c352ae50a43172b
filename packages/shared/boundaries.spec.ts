import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

/** Every relative or path-aliased module specifier in the TypeScript files under `dir`, with the file it is in. */
function imports(dir: string): { file: string; from: string }[] {
  const files = (readdirSync(join(root, dir), { recursive: true }) as string[]).filter((f) => /\.tsx?$/.test(f));
  return files.flatMap((file) =>
    [...readFileSync(join(root, dir, file), 'utf8').matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)].map((m) => ({ file: `${dir}/${file}`, from: m[1] })),
  );
}

describe('the shared package boundary', () => {
  it('packages/shared code imports nothing but itself: no server, portal or npm code', () => {
    const code = imports('packages/shared').filter(({ file }) => !file.endsWith('.spec.ts'));
    expect(code.filter(({ from }) => !from.startsWith('./'))).toEqual([]);
  });

  it('the portal imports nothing from the server source (shared code comes through @shared/*)', () => {
    expect(imports('web/src').filter(({ from }) => /(^|\/)src\//.test(from) && from.startsWith('.'))).toEqual([]);
  });
});
