import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as OpenCC from 'opencc-js';
import { withGlossary, ZH_HANT_GLOSSARY } from '@shared/zh-hant';

/** Every *messages.ts under a folder: the portal's words, in zh-CN and en (registered by web/src/areas/index.ts). */
function allMessageFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return allMessageFiles(path);
    return name.endsWith('messages.ts') ? [path] : [];
  });
}

function zhMessages(): Record<string, string> {
  const zh: Record<string, string> = {};
  // The portal's and packages/shared's (the words the server uses too: notifications', state and role labels).
  for (const file of [...allMessageFiles(join(__dirname, '..')), ...allMessageFiles(join(__dirname, '../../../packages/shared'))]) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    for (const exported of Object.values(require(file) as Record<string, unknown>)) {
      const messages = exported as { zh?: Record<string, string> };
      if (messages && typeof messages === 'object' && messages.zh) Object.assign(zh, messages.zh);
    }
  }
  return zh;
}

const hant = Object.assign(
  {},
  ...[join(__dirname, 'messages.zh-hant.json'), join(__dirname, '../../../packages/shared/messages.zh-hant.json')].map((file) => JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>),
) as Record<string, string>;
const convert = OpenCC.Converter({ from: 'cn', to: 'tw' });

describe('繁體中文 (zh-Hant) messages', () => {
  const zh = zhMessages();

  it('found the portal’s messages', () => {
    expect(Object.keys(zh).length).toBeGreaterThan(1000);
    expect(zh['app.title']).toBe('长三角G60科创服务平台');
  });

  it('has a zh-Hant form of every zh-CN message (else: npm run i18n:zh-hant)', () => {
    expect(Object.keys(zh).filter((key) => !(key in hant))).toEqual([]);
    expect(Object.keys(hant).filter((key) => !(key in zh))).toEqual([]);
  });

  it('holds the current conversion of each message, glossary applied (else: npm run i18n:zh-hant)', () => {
    const stale = Object.keys(zh).filter((key) => hant[key] !== withGlossary(zh[key], convert));
    expect(stale).toEqual([]);
    expect(hant['app.title']).toBe('長三角G60科創服務平臺');
  });

  it('keeps placeholders intact', () => {
    const placeholders = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort();
    expect(Object.keys(zh).filter((key) => placeholders(zh[key]).join() !== placeholders(hant[key] ?? '').join())).toEqual([]);
  });
});

describe('the zh-Hant glossary', () => {
  it('wins over the conversion, longest term first', () => {
    expect(withGlossary('台州市天台县台账', convert)).toBe('台州市天台縣臺賬');
    expect(withGlossary('时长须大于 0', convert)).toBe('時長須大於 0');
    expect(withGlossary('发布路演', convert)).toBe('發布路演');
  });

  it('lists each zh-CN term once, with a reason', () => {
    const terms = ZH_HANT_GLOSSARY.map(([zhCN]) => zhCN);
    expect(new Set(terms).size).toBe(terms.length);
    for (const [zhCN, zhHant, why] of ZH_HANT_GLOSSARY) {
      expect(zhCN.length).toBeGreaterThan(0);
      expect(zhHant.length).toBeGreaterThan(0);
      expect(why.length).toBeGreaterThan(5);
    }
  });

  it('converts data character by character in the browser with the same glossary', () => {
    // What loadZhHant() builds in the portal: OpenCC's character tables only (no phrase dictionary).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const core = require('opencc-js/core') as typeof import('opencc-js/core');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const st = require('opencc-js/dict/STCharacters').default as string;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const tw = require('opencc-js/dict/TWVariants').default as string;
    const chars = core.ConverterFactory([st], [tw]);
    expect(withGlossary('嘉兴市南湖区', chars)).toBe('嘉興市南湖區');
    expect(chars('浙江省台州市')).toBe('浙江省臺州市'); // what the glossary is there to prevent
    expect(withGlossary('浙江省台州市', chars)).toBe('浙江省台州市');
    expect(withGlossary('检验检测', chars)).toBe('檢驗檢測');
  });
});
