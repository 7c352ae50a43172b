/**
 * 繁體中文 (zh-Hant): the portal's third language, derived from the zh-CN messages (docs/i18n.md).
 *
 * Messages are converted once, by `npm run i18n:zh-hant` (OpenCC, simplified → Taiwan-standard characters
 * without Taiwan's vocabulary: 软件 becomes 軟件, not 軟體, because the portal speaks the mainland's
 * administrative language in either script), and the result is committed as messages.zh-hant.json. Data
 * shown in the portal (region, category and programme names) is converted in the browser, character by
 * character, and data in the server's e-mails and SMS (region names) the same way on the server
 * (src/platform/i18n/zh-hant-data.ts). In all three, the reviewed glossary below wins over the conversion.
 */

/**
 * Policy terms and names whose traditional form OpenCC's general dictionaries get wrong for this portal,
 * reviewed by hand. Each entry: the zh-CN text, the zh-Hant form to show, and why.
 */
export const ZH_HANT_GLOSSARY: readonly (readonly [zhCN: string, zhHant: string, why: string])[] = [
  ['台州', '台州', 'a Zhejiang city: its name is written 台州 in either script, never 臺州'],
  ['天台', '天台', 'a county of Taizhou, written 天台'],
  ['台账', '臺賬', 'the ledger book of a programme: 臺賬, not 台賬'],
  ['发布', '發布', 'to publish (a programme, an agenda): the Taiwan and government standard form 發布, not 發佈'],
  ['公布', '公布', 'to make public: 公布, unchanged'],
  ['兑付', '兌付', 'to redeem a voucher: 兌付'],
  ['余额', '餘額', 'a balance: 餘額'],
  ['着陆', '著陸', 'a project landing in a city: 著陸'],
  ['落地', '落地', 'a project landing: 落地, unchanged'],
  ['云路演', '雲路演', 'cloud roadshow: 雲路演'],
  ['适老化', '適老化', 'ageing-friendly design (MIIT): 適老化'],
  ['里程碑', '里程碑', 'a milestone: 里程碑, not 裡程碑'],
  ['公里', '公里', 'kilometre: 公里'],
  ['范围', '範圍', 'a scope: 範圍'],
  ['复核', '複核', 'a second review: 複核'],
  ['审核', '審核', 'a review: 審核, not 審覈'],
  ['须', '須', 'must (必须, 须大于): 須, never 鬚 (a beard), which OpenCC chose after 长'],
  ['分布', '分布', 'a distribution: the standard form 分布, not 分佈'],
  ['只', '只', 'only (只能, 只影响): 只, never 隻 (the measure word for animals), which OpenCC chose after 单 and at the start of a sentence'],
];

/** The glossary's terms, longest first, so that the longest match wins. */
const TERMS = [...ZH_HANT_GLOSSARY].sort((a, b) => b[0].length - a[0].length);

/** Converts `text` with `convert`, except the glossary's terms, which take the glossary's form. */
export function withGlossary(text: string, convert: (s: string) => string): string {
  let out = '';
  let plain = '';
  for (let i = 0; i < text.length; ) {
    const term = TERMS.find(([zh]) => text.startsWith(zh, i));
    if (term) {
      out += convert(plain) + term[1];
      plain = '';
      i += term[0].length;
    } else {
      plain += text[i];
      i += 1;
    }
  }
  return out + convert(plain);
}
