// Generates web/src/app/messages.zh-hant.json, the 繁體中文 form of every zh-CN message of the portal
// (docs/i18n.md): OpenCC simplified → Taiwan-standard characters (phrases, no regional vocabulary), with
// the reviewed glossary of web/src/app/zh-hant.ts winning. Usage: npm run i18n:zh-hant
// `--check` changes nothing and exits 1 when the file is missing a message or is out of date.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runInNode } from '../web/in-node.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const target = join(root, 'web', 'src', 'app', 'messages.zh-hant.json');

// The portal's areas register their messages at load: load them in Node, as the build's check does,
// and convert each zh-CN message.
const generated = await runInNode(`import { loadAllAreaWords } from './areas';
  import { messagesOf } from './app/i18n';
  import { withGlossary } from './app/zh-hant';
  import * as OpenCC from 'opencc-js';
  void loadAllAreaWords().then(() => {
    const convert = OpenCC.Converter({ from: 'cn', to: 'tw' });
    const zh = messagesOf('zh');
    const out = {};
    for (const key of Object.keys(zh).sort()) out[key] = withGlossary(zh[key], convert);
    process.stdout.write(JSON.stringify(out, null, 2) + '\\n');
  });`);

if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    // missing: reported below
  }
  if (current !== generated) {
    const have = current ? JSON.parse(current) : {};
    const want = JSON.parse(generated);
    const missing = Object.keys(want).filter((k) => !(k in have));
    const stale = Object.keys(want).filter((k) => k in have && have[k] !== want[k]);
    const extra = Object.keys(have).filter((k) => !(k in want));
    console.error(
      `web/src/app/messages.zh-hant.json is out of date: run npm run i18n:zh-hant and commit it.\n` +
        `  zh-CN messages with no zh-Hant form: ${missing.join(', ') || 'none'}\n` +
        `  zh-Hant forms that differ from the conversion: ${stale.join(', ') || 'none'}\n` +
        `  zh-Hant forms of messages that no longer exist: ${extra.join(', ') || 'none'}`,
    );
    process.exit(1);
  }
} else {
  writeFileSync(target, generated);
  console.log(`wrote ${target} (${Object.keys(JSON.parse(generated)).length} messages)`);
}
