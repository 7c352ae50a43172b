import { withGlossary } from '../../../packages/shared/zh-hant';

type Convert = (text: string) => string;
let convert: Convert | undefined;

/**
 * Data named in Chinese (a region's name) as 繁體 readers read it in e-mails and SMS: converted character by character
 * with OpenCC's character table and Taiwan variants, the reviewed glossary first — what the portal does in the
 * browser (web/src/app/i18n.tsx, localName), so an e-mail and the page name a place alike (docs/i18n.md). The tables
 * load on the first use (about 50 KB of JavaScript), in the processes that send 繁體 messages only.
 */
export function zhHantData(text: string): string {
  if (!convert) {
    /* eslint-disable @typescript-eslint/no-require-imports */
    const core = require('opencc-js/core') as { ConverterFactory(...dictionaries: string[][]): Convert };
    const characters = (require('opencc-js/dict/STCharacters') as { default: string }).default;
    const variants = (require('opencc-js/dict/TWVariants') as { default: string }).default;
    /* eslint-enable @typescript-eslint/no-require-imports */
    const chars = core.ConverterFactory([characters], [variants]);
    convert = (text) => withGlossary(text, chars);
  }
  return convert(text);
}
