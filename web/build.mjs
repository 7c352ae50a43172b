// Builds the portal (web/src) into dist/web: one hashed JS bundle, one hashed CSS file, index.html.
// Usage: node web/build.mjs [--dev] [--skip-typecheck]
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const webDir = dirname(fileURLToPath(import.meta.url));
const root = resolve(webDir, '..');
const outDir = join(root, 'dist', 'web');
const dev = process.argv.includes('--dev');

if (!process.argv.includes('--skip-typecheck')) {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', join(webDir, 'tsconfig.json')], { stdio: 'inherit' });
}

// Every message key must exist in Chinese and in English: load the areas in Node and compare.
const check = await build({
  stdin: {
    contents: "import './areas'; import { missingTranslations } from './app/i18n'; const m = missingTranslations(); if (m.zh.length || m.en.length) { console.error('Messages missing in zh: ' + m.zh.join(', ') + '\\nMessages missing in en: ' + m.en.join(', ')); process.exit(1); }",
    resolveDir: join(webDir, 'src'),
    loader: 'ts',
  },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  write: false,
  logLevel: 'warning',
  define: { 'process.env.NODE_ENV': '"production"' },
});
try {
  execFileSync(process.execPath, ['-'], { input: check.outputFiles[0].text, stdio: ['pipe', 'inherit', 'inherit'] });
} catch {
  process.exit(1);
}

// Assets are content-hashed: new ones are written beside the old, index.html is swapped in last,
// and only assets older than a day are removed, so pages already open (and a running server) keep working.
mkdirSync(join(outDir, 'assets'), { recursive: true });
const result = await build({
  entryPoints: { main: join(webDir, 'src', 'main.tsx') },
  bundle: true,
  outdir: join(outDir, 'assets'),
  entryNames: '[name]-[hash]',
  format: 'iife',
  target: ['chrome110', 'firefox110', 'safari16'],
  minify: !dev,
  sourcemap: dev ? 'inline' : 'linked',
  metafile: true,
  define: { 'process.env.NODE_ENV': JSON.stringify(dev ? 'development' : 'production') },
  logLevel: 'warning',
});
const outputs = Object.keys(result.metafile.outputs).map((p) => basename(p));
const js = outputs.find((f) => f.endsWith('.js'));
const css = outputs.find((f) => f.endsWith('.css'));
let html = readFileSync(join(webDir, 'index.html'), 'utf8').replace('%MAIN_JS%', js);
html = css ? html.replace('%MAIN_CSS%', css) : html.replace(/\s*<link rel="stylesheet"[^>]*>/, '');
writeFileSync(join(outDir, 'index.html.tmp'), html);
renameSync(join(outDir, 'index.html.tmp'), join(outDir, 'index.html'));
const dayAgo = Date.now() - 24 * 3600_000;
for (const file of readdirSync(join(outDir, 'assets'))) {
  const path = join(outDir, 'assets', file);
  if (!file.startsWith(js) && !(css && file.startsWith(css)) && statSync(path).mtimeMs < dayAgo) rmSync(path);
}
// Pre-compressed copies: the server sends them to browsers that accept gzip.
for (const file of [js, css].filter(Boolean)) {
  const path = join(outDir, 'assets', file);
  writeFileSync(`${path}.gz`, gzipSync(readFileSync(path), { level: 9 }));
}
writeFileSync(join(outDir, '.build-stamp'), new Date().toISOString());
const kib = (f) => Math.round(result.metafile.outputs[Object.keys(result.metafile.outputs).find((p) => p.endsWith(f))].bytes / 1024);
process.stdout.write(`portal built: dist/web (${js} ${kib(js)} KiB${css ? `, ${css} ${kib(css)} KiB` : ''})\n`);
