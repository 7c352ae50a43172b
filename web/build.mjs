// Builds the portal (web/src) into dist/web: hashed ES-module chunks (the shell, one per area, shared ones),
// index.html, and the first-load JS size per area, which fails the build over budget.
// Usage: node web/build.mjs [--dev] [--skip-typecheck] [--metafile <file>]
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runInNode } from './in-node.mjs';
import { THEME_COLOUR, writePwa } from './pwa.mjs';

const webDir = dirname(fileURLToPath(import.meta.url));
const root = resolve(webDir, '..');
const outDir = join(root, 'dist', 'web');
const dev = process.argv.includes('--dev');

if (!process.argv.includes('--skip-typecheck')) {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', join(webDir, 'tsconfig.json')], { stdio: 'inherit' });
}

// Every message key must exist in Chinese and in English: load the areas in Node and compare.
try {
  await runInNode(
    "import { loadAllAreaWords } from './areas'; import { missingTranslations } from './app/i18n'; void loadAllAreaWords().then(() => { const m = missingTranslations(); if (m.zh.length || m.en.length) { console.error('Messages missing in zh: ' + m.zh.join(', ') + '\\nMessages missing in en: ' + m.en.join(', ')); process.exit(1); } });",
    { inherit: true },
  );
} catch {
  process.exit(1);
}

/**
 * Rewrites `import { Table, Tag } from 'antd'` (and icons) in web/src into one import per component
 * (`antd/es/table`, `@ant-design/icons/es/icons/X`). With code-splitting, esbuild puts everything a barrel
 * re-exports into the chunk every area shares, so without this the sign-in page would download all of antd.
 */
const perComponentImports = {
  name: 'per-component-imports',
  setup(b) {
    const kebab = (name) => name.replace(/[a-z0-9][A-Z]/g, (m) => `${m[0]}-${m[1]}`).toLowerCase();
    const targets = {
      antd: (name) => `antd/es/${kebab(name)}`,
      '@ant-design/icons': (name) => `@ant-design/icons/es/icons/${name}`,
    };
    b.onLoad({ filter: /[\\/]web[\\/]src[\\/].*\.tsx?$/ }, async ({ path }) => {
      const source = readFileSync(path, 'utf8');
      const contents = source.replace(/import \{([^}]*)\} from '(antd|@ant-design\/icons)';/g, (whole, list, pkg) => {
        const kept = [];
        const lines = [];
        for (const spec of list.split(',').map((x) => x.trim()).filter(Boolean)) {
          const [name, local = name] = spec.split(/\s+as\s+/);
          const target = targets[pkg](name);
          if (spec.startsWith('type ') || !existsSync(join(root, 'node_modules', `${target}.js`)) && !existsSync(join(root, 'node_modules', target, 'index.js'))) kept.push(spec);
          else lines.push(`import ${local} from '${target}';`);
        }
        if (kept.length) lines.push(`import { ${kept.join(', ')} } from '${pkg}';`);
        return lines.join(' ');
      });
      return { contents, loader: path.endsWith('.tsx') ? 'tsx' : 'ts' };
    });
  },
};

// Assets are content-hashed: new ones are written beside the old, index.html is swapped in last,
// and only assets older than a day are removed, so pages already open (and a running server) keep working.
// Code-splitting (ES modules): main.tsx holds the shell and the sign-in page; each page module an area loads
// with lazyPage() is a chunk (web/README.md, "Lazy pages"); code chunks share goes into shared chunks.
mkdirSync(join(outDir, 'assets'), { recursive: true });
const result = await build({
  absWorkingDir: root,
  entryPoints: { main: join(webDir, 'src', 'main.tsx') },
  bundle: true,
  splitting: true,
  format: 'esm',
  outdir: join(outDir, 'assets'),
  entryNames: '[name]-[hash]',
  chunkNames: 'chunk-[hash]',
  target: ['chrome110', 'firefox110', 'safari16'],
  minify: !dev,
  sourcemap: dev ? 'inline' : 'linked',
  metafile: true,
  define: { 'process.env.NODE_ENV': JSON.stringify(dev ? 'development' : 'production') },
  plugins: [perComponentImports],
  logLevel: 'warning',
});
const outputs = result.metafile.outputs;
// `--metafile <file>`: what is in each chunk, for esbuild's analyser (https://esbuild.github.io/analyze/).
if (process.argv.includes('--metafile')) writeFileSync(process.argv[process.argv.indexOf('--metafile') + 1], JSON.stringify(result.metafile));
const assetFiles = Object.keys(outputs).filter((p) => /\.(js|css)$/.test(p));
const mainKey = assetFiles.find((p) => outputs[p].entryPoint === 'web/src/main.tsx' && p.endsWith('.js'));
// The shell's stylesheet: esbuild names it as the main chunk's cssBundle (a CSS output carries no entryPoint of its own).
const css = outputs[mainKey].cssBundle ?? assetFiles.find((p) => p.endsWith('.css') && outputs[p].entryPoint === 'web/src/main.tsx');

// Pre-compressed copies: the server sends them to browsers that accept gzip. Their sizes are what a browser downloads.
const gzipBytes = new Map();
for (const file of assetFiles) {
  const gz = gzipSync(readFileSync(join(root, file)), { level: 9 });
  writeFileSync(join(root, `${file}.gz`), gz);
  gzipBytes.set(file, gz.length);
}

/** The JS a first load of `key` needs: the chunk and everything it imports statically, transitively. */
function firstLoad(key, seen = new Set()) {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const i of outputs[key].imports) if (i.kind === 'import-statement' && i.path.endsWith('.js')) firstLoad(i.path, seen);
  return seen;
}
const kib = (bytes) => Math.round(bytes / 1024);
const gzipOf = (files) => [...files].reduce((sum, f) => sum + gzipBytes.get(f), 0);
const shell = firstLoad(mainKey);
// One group per lazily loaded page module (web/src/areas/<area>/<page>.tsx); the sign-in page is in the shell.
const groups = [{ name: 'sign-in', files: shell }];
for (const key of assetFiles) {
  const entry = outputs[key].entryPoint;
  if (!entry || key === mainKey || !key.endsWith('.js')) continue;
  groups.push({ name: entry.replace(/^web\/src\/areas\//, '').replace(/\.tsx?$/, ''), entry, files: firstLoad(key, new Set(shell)) });
}
/** Budget of a first load, JS gzip: an enterprise on a phone must not download the admin pages. */
const BUDGET_KIB = 500;
const BUDGETED = ['sign-in', 'enterprise/home'];
const size = (g) => kib(gzipOf(g.files));
const lines = groups.filter((g) => BUDGETED.includes(g.name)).map((g) => `  ${g.name.padEnd(16)} ${String(size(g)).padStart(4)} KiB gzip in ${g.files.size} file(s) (budget ${BUDGET_KIB} KiB)`);
// Lazily loaded data that is not a page (繁體's messages and converter): its own line, what choosing 繁體 adds.
const isPage = (g) => g.entry === undefined || g.entry.startsWith('web/src/areas/');
const zhHant = groups.filter((g) => !isPage(g));
if (zhHant.length) lines.push(`  ${'繁體 (lazy)'.padEnd(16)} ${kib(gzipOf(new Set(zhHant.flatMap((g) => [...g.files].filter((f) => !shell.has(f))))))} KiB gzip more when chosen (${zhHant.map((g) => basename(g.name)).join(', ')})`);
const areas = [...new Set(groups.slice(1).filter(isPage).map((g) => g.name.split('/')[0]))];
for (const area of areas) {
  const pages = groups.filter((g) => g.name.startsWith(`${area}/`)).sort((a, b) => size(a) - size(b));
  lines.push(`  ${`${area}/*`.padEnd(16)} ${String(size(pages[0])).padStart(4)}–${size(pages.at(-1))} KiB gzip (${pages.length} page modules; largest ${pages.at(-1).name})`);
}
const total = assetFiles.filter((f) => f.endsWith('.js')).reduce((sum, f) => sum + gzipBytes.get(f), 0);
process.stdout.write(`portal built: dist/web (${basename(mainKey)}, ${assetFiles.length} assets, ${kib(total)} KiB JS gzip in all)\nJS a first load needs:\n${lines.join('\n')}\n`);
const over = groups.filter((g) => BUDGETED.includes(g.name) && gzipOf(g.files) > BUDGET_KIB * 1024);
const missing = BUDGETED.filter((name) => !groups.some((g) => g.name === name));
if (over.length || missing.length) {
  console.error(`Portal over its JS budget: ${[...over.map((g) => `${g.name} ${size(g)} KiB > ${BUDGET_KIB} KiB gzip`), ...missing.map((n) => `no lazy chunk for ${n}`)].join('; ')}`);
  process.exit(1);
}

// The shell's static imports are preloaded so the browser fetches them in parallel with main.
const preload = [...shell].filter((f) => f !== mainKey).map((f) => `<link rel="modulepreload" href="/assets/${basename(f)}" />`).join('\n    ');
let html = readFileSync(join(webDir, 'index.html'), 'utf8').replace('%MAIN_JS%', basename(mainKey)).replace('%PRELOAD%', preload);
html = css ? html.replace('%MAIN_CSS%', basename(css)) : html.replace(/\s*<link rel="stylesheet"[^>]*>/, '');
html = html.replace('%THEME_COLOUR%', THEME_COLOUR);
// The PWA (web/pwa.mjs): manifest, icons, offline page and a service worker that precaches this build's shell.
writePwa(webDir, outDir, { shell: [...shell, ...(css ? [css] : [])].map((f) => basename(f)), version: basename(mainKey, '.js') });
writeFileSync(join(outDir, 'index.html.tmp'), html);
renameSync(join(outDir, 'index.html.tmp'), join(outDir, 'index.html'));
const current = Object.keys(outputs).map((p) => basename(p));
const dayAgo = Date.now() - 24 * 3600_000;
for (const file of readdirSync(join(outDir, 'assets'))) {
  const path = join(outDir, 'assets', file);
  if (!current.some((f) => file.startsWith(f)) && statSync(path).mtimeMs < dayAgo) rmSync(path);
}
writeFileSync(join(outDir, '.build-stamp'), new Date().toISOString());
