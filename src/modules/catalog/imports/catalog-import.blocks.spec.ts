import { createHash } from 'node:crypto';
import { ImportBlocks, MARK_FORMAT, ProviderMark } from './catalog-import.blocks';
import { CsvBytesLine, FileRecord } from './catalog-import.files';
import { CopyText } from './catalog-import.rows';

const ID = '00000000-0000-4000-8000-000000000001';
const line = (uscc: string, code: string) => Buffer.from(`${uscc},名称,${code},服务${code},testing,100,样品,1,,,`, 'utf8');

/** The fingerprint a block of these lines gets, whatever its row numbers. */
function fingerprint(lines: Buffer[]): Buffer {
  const hash = createHash('sha256').update(MARK_FORMAT);
  for (const [i, l] of lines.entries()) {
    const text = new CopyText(ID);
    text.plain(1000 + i, l);
    hash.update(text.lastContent());
  }
  return hash.digest();
}

/** Runs the rows (uscc, code) through ImportBlocks as the upload does, a take() every `takeEvery` lines; the row numbers staged, and the blocks. */
function upload(rows: [string, string][], marks: Map<string, ProviderMark>, holdBytes = 1 << 20, takeEvery = 1) {
  const text = new CopyText(ID);
  const chunks: Buffer[] = [];
  const writeLine = (record: FileRecord) => expect(text.plain(record.rowNumber, record.bytes!)).toBe(true);
  const blocks = new ImportBlocks(marks, text, writeLine, holdBytes);
  rows.forEach(([uscc, code], i) => {
    // CSV lines as the reader hands them over; a quoted line (no bytes) every fifth row.
    const bytes = line(uscc, code);
    const record: FileRecord = i % 5 === 4 ? { rowNumber: i + 2, fields: bytes.toString('utf8').split(','), bytes } : new CsvBytesLine(i + 2, bytes);
    blocks.next(uscc, record);
    writeLine(record);
    blocks.wrote(record);
    if ((i + 1) % takeEvery === 0) {
      const ready = blocks.flushable();
      chunks.push(text.take(ready));
      blocks.taken(ready);
    }
  });
  const result = blocks.finish();
  chunks.push(text.take());
  const lines = Buffer.concat(chunks).toString('utf8').split('\n').filter(Boolean).sort();
  const staged = lines.map((l) => Number(l.split('\t')[1])).sort((x, y) => x - y);
  return { staged, lines, blocks: result.map((b) => ({ uscc: b.uscc, rows: [b.firstRow, b.lastRow], single: b.single, skipped: b.skipped, rowNumbers: b.rowNumbers })) };
}

describe('ImportBlocks: which blocks of an upload are staged', () => {
  const markOf = (uscc: string, codes: string[]): [string, ProviderMark] => [uscc, { providerId: `p-${uscc}`, hash: fingerprint(codes.map((c) => line(uscc, c))), rows: codes.length }];
  const marks = new Map([markOf('A', ['1', '2']), markOf('B', ['1'])]);

  it('skips a block equal to its mark (rows elsewhere in the file), stages one that differs in a field, a row more or a row less', () => {
    expect(upload([['C', '1'], ['A', '1'], ['A', '2'], ['B', '1']], marks)).toMatchObject({
      staged: [2],
      blocks: [
        { uscc: 'C', rows: [2, 2], single: true, skipped: false, rowNumbers: null },
        { uscc: 'A', rows: [3, 4], single: true, skipped: true, rowNumbers: [3, 4] },
        { uscc: 'B', rows: [5, 5], single: true, skipped: true, rowNumbers: [5] },
      ],
    });
    expect(upload([['A', '1'], ['A', '3']], marks).staged).toEqual([2, 3]);
    expect(upload([['A', '1'], ['A', '2'], ['A', '3']], marks).staged).toEqual([2, 3, 4]);
    expect(upload([['A', '1']], marks).staged).toEqual([2]);
    expect(upload([['A', '2'], ['A', '1']], marks).staged).toEqual([2, 3]);
  });

  it('a USCC seen again later stages every block of it, the skipped one included', () => {
    expect(upload([['A', '1'], ['A', '2'], ['B', '1'], ['A', '3']], marks)).toMatchObject({
      staged: [2, 3, 5],
      blocks: [
        { uscc: 'A', rows: [2, 3], single: false, skipped: false, rowNumbers: null },
        { uscc: 'B', rows: [4, 4], single: true, skipped: true, rowNumbers: [4] },
        { uscc: 'A', rows: [5, 5], single: false, skipped: false, rowNumbers: null },
      ],
    });
  });

  it('keeps no more than its limit: a block past it is staged', () => {
    const { staged, blocks } = upload([['B', '1'], ['A', '1'], ['A', '2']], marks, 200);
    expect([staged, blocks.map((b) => b.skipped)]).toEqual([[3, 4], [true, false]]);
  });

  it('stages the same lines whether the text is taken after every line or at the end', () => {
    const rows: [string, string][] = [['C', '1'], ['A', '1'], ['A', '2'], ['B', '1'], ['A', '3'], ['D', '1'], ['B', '1']];
    expect(upload(rows, marks, 1 << 20, 1)).toEqual(upload(rows, marks, 1 << 20, 1000));
    expect(upload(rows, marks).staged).toEqual([2, 3, 4, 5, 6, 7, 8]);
    // A skipped block written again when its USCC shows up later: the same lines as if no block had a mark.
    expect(upload(rows, marks).lines).toEqual(upload(rows, new Map()).lines);
  });
});
