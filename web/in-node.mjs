// Runs a snippet of TypeScript against the portal's own modules in Node (bundled by esbuild from web/src),
// for checks and generators that need the portal's messages: web/build.mjs, scripts/zh-hant.mjs.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const webSrc = join(dirname(fileURLToPath(import.meta.url)), 'src');

/** Bundles `contents` (resolved from web/src) and runs it in a child Node; answers its stdout, or with `inherit` prints it. */
export async function runInNode(contents, { inherit = false } = {}) {
  const program = await build({
    stdin: { contents, resolveDir: webSrc, loader: 'ts' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    write: false,
    logLevel: 'warning',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  const input = program.outputFiles[0].text;
  if (inherit) {
    execFileSync(process.execPath, ['-'], { input, stdio: ['pipe', 'inherit', 'inherit'] });
    return '';
  }
  return execFileSync(process.execPath, ['-'], { input, maxBuffer: 64 * 1024 * 1024 }).toString();
}
