#!/usr/bin/env node
/* Builds when the compiled output is missing or older than the sources, then runs an entry point. */
'use strict';
const { execFileSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const entry = process.argv[2];
if (!entry) {
  console.error('usage: node scripts/run.js <entry, e.g. src/main> [args...]');
  process.exit(2);
}

function newestMtime(dir, pattern = /\.ts$/) {
  let newest = 0;
  for (const item of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, item.name);
    if (item.isDirectory()) newest = Math.max(newest, newestMtime(full, pattern));
    else if (pattern.test(item.name)) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

const stamp = path.join(root, 'dist', '.build-stamp');
const built = fs.existsSync(stamp) ? fs.statSync(stamp).mtimeMs : 0;
const sources = Math.max(newestMtime(path.join(root, 'src')), newestMtime(path.join(root, 'migrations')), newestMtime(path.join(root, 'packages')));
if (built < sources || !fs.existsSync(path.join(root, 'dist', `${entry}.js`))) {
  process.stdout.write('Building…\n');
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.json')], { stdio: 'inherit', cwd: root });
  fs.writeFileSync(stamp, new Date().toISOString());
}

// The portal (web/) is bundled separately; rebuild it when its sources are newer than the bundle.
const webStamp = path.join(root, 'dist', 'web', '.build-stamp');
const webBuilt = fs.existsSync(webStamp) ? fs.statSync(webStamp).mtimeMs : 0;
if (webBuilt < Math.max(newestMtime(path.join(root, 'web'), /\.(tsx?|html|mjs)$/), newestMtime(path.join(root, 'packages')))) {
  process.stdout.write('Building the web portal…\n');
  execFileSync(process.execPath, [path.join(root, 'web', 'build.mjs')], { stdio: 'inherit', cwd: root });
}

const child = spawn(process.execPath, ['--enable-source-maps', path.join(root, 'dist', `${entry}.js`), ...process.argv.slice(3)], { stdio: 'inherit', cwd: process.cwd() });
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
