// Generates the 繁體中文 form of every zh-CN message of the portal (docs/i18n.md): OpenCC simplified →
// Taiwan-standard characters (phrases, no regional vocabulary), with the reviewed glossary of
// packages/shared/zh-hant.ts winning. The words the server also uses (packages/shared: notifications' words,
// state and role labels) go to packages/shared/messages.zh-hant.json, the rest to
// web/src/app/messages.zh-hant.json; the portal loads both. Usage: npm run i18n:zh-hant
// `--check` changes nothing and exits 1 when a file is missing a message or is out of date.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runInNode } from '../web/in-node.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const targets = { web: join(root, 'web', 'src', 'app', 'messages.zh-hant.json'), shared: join(root, 'packages', 'shared', 'messages.zh-hant.json') };

// The portal's areas register their messages at load: load them in Node, as the build's check does,
// and convert each zh-CN message.
const files = JSON.parse(
  await runInNode(`import { loadAllAreaWords } from './areas';
  import { messagesOf } from './app/i18n';
  import { withGlossary } from '../../packages/shared/zh-hant';
  import { notificationMessages } from '../../packages/shared/notification-messages';
  import { labelMessages } from '../../packages/shared/label-messages';
  import * as OpenCC from 'opencc-js';
  void loadAllAreaWords().then(() => {
    const convert = OpenCC.Converter({ from: 'cn', to: 'tw' });
    const zh = messagesOf('zh');
    const shared = new Set([...Object.keys(notificationMessages.zh), ...Object.keys(labelMessages.zh)]);
    const out = { web: {}, shared: {} };
    for (const key of Object.keys(zh).sort()) out[shared.has(key) ? 'shared' : 'web'][key] = withGlossary(zh[key], convert);
    process.stdout.write(JSON.stringify(out));
  });`),
);

let outOfDate = false;
for (const [name, target] of Object.entries(targets)) {
  const generated = JSON.stringify(files[name], null, 2) + '\n';
  const file = target.slice(root.length + 1);
  if (!process.argv.includes('--check')) {
    writeFileSync(target, generated);
    console.log(`wrote ${file} (${Object.keys(files[name]).length} messages)`);
    continue;
  }
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
    const changed = Object.keys(want).filter((k) => k in have && have[k] !== want[k]);
    const extra = Object.keys(have).filter((k) => !(k in want));
    console.error(
      `${file} is out of date: run npm run i18n:zh-hant and commit it.\n` +
        `  zh-CN messages with no zh-Hant form: ${missing.join(', ') || 'none'}\n` +
        `  zh-Hant forms that differ from the conversion: ${changed.join(', ') || 'none'}\n` +
        `  zh-Hant forms of messages that no longer exist: ${extra.join(', ') || 'none'}`,
    );
    outOfDate = true;
  }
}
if (outOfDate) process.exit(1);
