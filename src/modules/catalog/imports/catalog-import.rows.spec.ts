import { makeUscc } from '../../../../packages/shared/uscc';
import { copyField, CopyText, IMPORT_COLUMNS, isCanonicalHeader, plainStagingBytes, readHeader, spaceAt, stagingLine } from './catalog-import.rows';

const header = (() => {
  const read = readHeader([...IMPORT_COLUMNS]);
  if ('problem' in read) throw new Error(read.problem);
  return read.index;
})();
const uscc = makeUscc('91', '310115', 'MA1234567');

describe('catalogue import rows', () => {
  it('stages a record raw and trimmed, without search text or tokens (the merge builds those for the rows it writes)', () => {
    const record = [` ${uscc} `, '上海测试检测技术有限公司', 'XRF-001', ' ＩＣＰ-MS 元素分析 ', 'analysis', '12.5', '样品', '5', '', 'Model\tX', ''];
    const line = stagingLine('imp', 7, record, header);
    expect(line).toBe(['imp', '7', '11', '\\N', uscc, '上海测试检测技术有限公司', 'XRF-001', 'ＩＣＰ-MS 元素分析', 'analysis', '12.5', '样品', '5', '', 'Model\\tX', ''].join('\t') + '\n');
  });

  it('stages short records as they are (validation reports the field count) and names columns that held NUL characters', () => {
    const short = stagingLine('imp', 3, ['a', 'b'], header).split('\t');
    expect(short.slice(0, 6)).toEqual(['imp', '3', '2', '\\N', 'a', 'b']);
    const nul = stagingLine('imp', 4, [uscc, 'x', 'C\u0000D', 'n', 'analysis', '1', 'u', '1', '', '', ''], header).split('\t');
    expect(nul[3]).toBe('{"service_code"}');
    expect(nul[6]).toBe('CD');
  });

  it('stages a quote-free line under the canonical header exactly as stagingLine() would, or leaves it to stagingLine()', () => {
    expect(isCanonicalHeader(header)).toBe(true);
    const reordered = readHeader([...IMPORT_COLUMNS].reverse());
    expect('index' in reordered && isCanonicalHeader(reordered.index)).toBe(false);
    const base = [uscc, '上海测试检测技术有限公司', 'XRF-001', 'X射线荧光光谱分析', 'analysis', '12000', '样品', '5', '荧光仪', 'ZSX Primus-IV', '描述，含全角逗号'];
    const variants: string[][] = [
      base,
      base.map((f, i) => (i >= 8 ? '' : f)),
      base.map((f, i) => (i === 3 ? ` ${f}` : f)),
      base.map((f, i) => (i === 3 ? `${f}\u3000` : f)),
      base.map((f, i) => (i === 9 ? `\u00a0${f}` : f)),
      base.map((f, i) => (i === 10 ? `a\\b` : f)),
      base.map((f, i) => (i === 10 ? `a\tb` : f)),
      base.map((f, i) => (i === 10 ? `a\rb` : f)),
      base.map((f, i) => (i === 2 ? 'C\u0000D' : f)),
      base.slice(0, 10),
      [...base, 'extra'],
      base.map((f, i) => (i === 0 ? '' : f)),
      base.map((f, i) => (i === 10 ? `${f} ` : f)),
    ];
    let plain = 0;
    for (const fields of variants) {
      const line = fields.join(',');
      const fast = plainStagingBytes('imp', 9, Buffer.from(line, 'utf8'));
      if (fast !== null) {
        plain += 1;
        expect(fast.toString('utf8')).toBe(stagingLine('imp', 9, line.split(','), header));
      }
    }
    expect(plain).toBe(3);
  });

  it('knows the white space trim() removes, as \\s does, from a character\'s UTF-8 bytes', () => {
    for (let c = 0; c <= 0x10ffff; c += c < 0x10000 ? 1 : 0x101) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      const ch = String.fromCodePoint(c);
      if (spaceAt(Buffer.from(`${ch}x`, 'utf8'), 0) !== /\s/u.test(ch)) throw new Error(`U+${c.toString(16)}`);
    }
  });

  it('stages random quote-free lines through the byte path exactly as stagingLine() does', () => {
    const pool = ['a', 'Z', '9', '-', '.', ' ', '\u3000', '\u00a0', '\u2009', '\u200b', '\ufeff', '\u0085', '中', '文', '𠀀', 'é', '，', '\t', '\\', '\r'];
    let seed = 17;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    let plain = 0;
    for (let n = 0; n < 3000; n += 1) {
      const fields = Array.from({ length: 10 + random(3) }, () => Array.from({ length: random(4) }, () => pool[random(pool.length)]).join(''));
      const line = fields.join(',');
      const fast = plainStagingBytes('imp', n, Buffer.from(line, 'utf8'));
      if (fast === null) continue;
      plain += 1;
      expect(fast.toString('utf8')).toBe(stagingLine('imp', n, fields, header));
    }
    expect(plain).toBeGreaterThan(10);
  });

  it('gathers plain and decoded lines into chunks of COPY text, in order, past its buffer\'s size', () => {
    const text = new CopyText('imp');
    const chunks: Buffer[] = [];
    let expected = '';
    for (let n = 0; n < 3000; n += 1) {
      const fields = [uscc, '机构', `C-${n}`, '名称', 'analysis', String(n), '次', '1', '', n % 7 === 0 ? 'x'.repeat(n * 40) : 'M', n % 5 === 0 ? ' 描述 ' : '描述'];
      const line = stagingLine('imp', n + 2, fields, header);
      expected += line;
      if (!text.plain(n + 2, Buffer.from(fields.join(','), 'utf8'))) text.text(line);
      if (text.length >= 65_536) chunks.push(text.take());
    }
    if (text.length) chunks.push(text.take());
    expect(chunks.length).toBeGreaterThan(10);
    expect(Buffer.concat(chunks).toString('utf8')).toBe(expected);
  });

  it('refuses headers that miss, repeat or invent columns; optional columns may be left out', () => {
    expect(readHeader(['provider_uscc', 'name'])).toEqual({ problem: expect.stringContaining('missing columns: provider_name, service_code') });
    expect(readHeader([...IMPORT_COLUMNS, 'price'])).toEqual({ problem: expect.stringContaining('unknown columns: price') });
    expect(readHeader([...IMPORT_COLUMNS, 'name'])).toEqual({ problem: expect.stringContaining('repeated columns: name') });
    expect('index' in readHeader(IMPORT_COLUMNS.slice(0, 8).map((c) => ` ${c.toUpperCase()} `))).toBe(true);
  });

  it('escapes COPY text format', () => {
    expect(copyField(null)).toBe('\\N');
    expect(copyField('a\tb\nc\\d\re')).toBe('a\\tb\\nc\\\\d\\re');
    expect(copyField(42)).toBe('42');
  });
});
