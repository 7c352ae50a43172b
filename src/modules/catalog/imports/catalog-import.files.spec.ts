import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { csvParseRecords, csvRecords, FileRecord } from './catalog-import.files';

/** Row numbers and fields (a quote-free line's fields are split when asked for; its bytes must be what they came from). */
async function all(records: AsyncIterable<FileRecord>): Promise<Pick<FileRecord, 'rowNumber' | 'fields'>[]> {
  const out: Pick<FileRecord, 'rowNumber' | 'fields'>[] = [];
  for await (const r of records) {
    if (r.bytes !== undefined) expect(r.bytes.toString('utf8').split(',')).toEqual(r.fields);
    out.push({ rowNumber: r.rowNumber, fields: r.fields });
  }
  return out;
}

/** The file as a stream of chunks of `size` bytes (a multi-byte character may be split between two). */
const chunked = (text: string, size: number) => {
  const bytes = Buffer.from(text, 'utf8');
  return Readable.from(Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) => bytes.subarray(i * size, (i + 1) * size)));
};

async function outcome(records: AsyncIterable<FileRecord>): Promise<Pick<FileRecord, 'rowNumber' | 'fields'>[] | string> {
  try {
    return await all(records);
  } catch (err) {
    return `${(err as { code?: string }).code}`;
  }
}

describe('csvRecords: commas split in TypeScript, quoted records by csv-parse', () => {
  const files: Record<string, string> = {
    plain: '\ufeffa,b,c\n1,2,3\n4,5,6\n',
    crlf: 'a,b,c\r\n1,中文,3\r\n\r\n# a note, with "quotes"\r\n4,,6',
    quoted: 'a,b,c\n1,"x, y","含""引号"""\n"multi\nline\r\nfield",2,3\n# note\n\n5,6,7\n',
    relaxed: 'a,b,c\n1,ab"c,3\n2, "x",3\n',
    ragged: 'a,b,c\n1,2\n1,2,3,4\n#\n,\n',
    bareCr: 'a,b,c\r1,2,3\r# note\r"x\ry",5,6\r',
    unclosed: 'a,b,c\n"unclosed,quote\n1,2,3\n',
    badClosing: 'a,b,c\n"x"y,2,3\n',
  };

  it.each(Object.keys(files))('gives csv-parse’s records, row numbers and errors: %s', async (name) => {
    const text = files[name];
    const expected = await outcome(csvParseRecords(chunked(text, 1 << 16)));
    for (const size of [1, 2, 3, 5, 7, 64, 1 << 16]) {
      expect(await outcome(csvRecords(chunked(text, size)))).toEqual(expected);
    }
  });

  it('reads bytes that are not UTF-8 as U+FFFD, as a decoded stream does, on lines with and without quotes', async () => {
    const bytes = Buffer.concat([Buffer.from('a,b,c\n1,x'), Buffer.from([0xff, 0xe4, 0xb8]), Buffer.from(',3\n"q',), Buffer.from([0xc3]), Buffer.from('",2,3\n')]);
    const text = new StringDecoder('utf8').end(bytes);
    for (const size of [1, 2, 3, 64]) {
      const rows = await all(csvRecords(Readable.from(Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) => bytes.subarray(i * size, (i + 1) * size)))));
      expect(rows).toEqual(await all(csvRecords(Readable.from([Buffer.from(text, 'utf8')]))));
      expect(rows.map((r) => r.fields)).toEqual([['a', 'b', 'c'], ['1', 'x\ufffd\ufffd', '3'], ['q\ufffd', '2', '3']]);
    }
  });

  it('numbers rows as a spreadsheet shows them, past notes, blank lines and multi-line records', async () => {
    const rows = await all(csvRecords(chunked(files.quoted, 4)));
    expect(rows.map((r) => [r.rowNumber, r.fields])).toEqual([
      [1, ['a', 'b', 'c']], [2, ['1', 'x, y', '含"引号"']], [3, ['multi\nline\r\nfield', '2', '3']], [6, ['5', '6', '7']],
    ]);
  });
});
