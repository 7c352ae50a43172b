import { CsvError, CsvErrorCode, parse } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import type * as ExcelJS from 'exceljs';
import { isUtf8 } from 'node:buffer';
import { PassThrough, Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { loadExcelJs } from '../../../platform/files/exceljs';
import { COLUMN_NOTES, IMPORT_COLUMNS } from './catalog-import.rows';

export type ImportFormat = 'csv' | 'xlsx';

export const IMPORT_MEDIA_TYPES: Record<ImportFormat, string> = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export function formatOfMediaType(contentType: string): ImportFormat | null {
  const entry = Object.entries(IMPORT_MEDIA_TYPES).find(([, media]) => media === contentType);
  return entry ? (entry[0] as ImportFormat) : null;
}

/** One record of the file with the row a spreadsheet shows it on (the header is row 1). */
export interface FileRecord {
  rowNumber: number;
  fields: string[];
  /** A spreadsheet row stops at its last non-empty cell: fewer fields than the header means empty ones. */
  openEnded?: boolean;
  /** A CSV line without quotes as the file's bytes (valid UTF-8): its fields are its comma-separated parts (the upload may stage it as it is). */
  bytes?: Buffer;
}

/** A quote-free CSV line, as the file's bytes (valid UTF-8, without its line end): decoded and split only when its fields are asked for. */
export class CsvBytesLine implements FileRecord {
  private split: string[] | undefined;

  constructor(
    readonly rowNumber: number,
    readonly bytes: Buffer,
  ) {}

  get fields(): string[] {
    return (this.split ??= this.bytes.toString('utf8').split(','));
  }
}

/** csv-parse's options for the records the fast path hands it, and for files it reads whole. */
const CSV_OPTIONS = { bom: true, skip_empty_lines: true, relax_column_count: true, relax_quotes: true, max_record_size: 1_000_000 } as const;

/**
 * CSV records. Empty lines and lines starting with '#' (the template's notes) are skipped but still
 * counted, so row numbers are the rows a spreadsheet program shows.
 *
 * Most catalogue lines hold no quote character: such a line is one record, split at its commas
 * (csv-parse ran at about 17,000 records/s under load, the split is many times that). A line with a
 * quote, with the lines its quoted fields run on to, is handed to csv-parse as a record of its own,
 * so quoting, errors and their messages are csv-parse's. A file with bare CR line ends (no LF after
 * its first CR) is read by csv-parse whole, as before.
 */
export async function* csvRecords(input: Readable): AsyncGenerator<FileRecord> {
  for await (const batch of csvRecordBatches(input)) yield* batch;
}

/** csvRecords() a chunk of the file at a time: the records of the lines each chunk completes (one promise per chunk, not per record). */
export async function* csvRecordBatches(input: Readable): AsyncGenerator<FileRecord[]> {
  const chunks = (input as AsyncIterable<Buffer | string>)[Symbol.asyncIterator]();
  let next = await chunks.next();
  if (next.done) return;
  let first = asBuffer(next.value);
  // Up to the first line end and the byte after it, to tell LF or CRLF files from bare CR ones.
  while (!hasLineEnd(first) && !(next = await chunks.next()).done) first = Buffer.concat([first, asBuffer(next.value)]);
  if (first[0] === 0xef && first[1] === 0xbb && first[2] === 0xbf) first = first.subarray(3);
  const cr = first.indexOf(0x0d);
  if (cr >= 0 && cr + 1 < first.length && first[cr + 1] !== 0x0a) {
    for await (const record of csvParseRecords(Readable.from(utf8Text(prepend<Buffer | string>(first, chunks))))) yield [record];
    return;
  }
  // Lines are cut at LF bytes (a multi-byte character never holds one), so each line decodes whole.
  const records = new CsvRecordSplitter();
  let pending: Buffer | null = null;
  for (;;) {
    const chunk: Buffer = pending ? Buffer.concat([pending, first]) : first;
    const batch: FileRecord[] = [];
    let start = 0;
    for (let end = chunk.indexOf(0x0a); end >= 0; end = chunk.indexOf(0x0a, start)) {
      records.line(chunk.subarray(start, end), batch);
      start = end + 1;
    }
    if (batch.length) yield batch;
    pending = chunk.subarray(start);
    if (pending.length > CSV_OPTIONS.max_record_size) {
      const length = pending.toString('utf8').length;
      if (length > CSV_OPTIONS.max_record_size) throw maxRecordSize(length);
    }
    if (next.done || (next = await chunks.next()).done) break;
    first = asBuffer(next.value);
  }
  const last: FileRecord[] = [];
  if (pending.length) records.line(pending, last);
  records.end(last);
  if (last.length) yield last;
}

const asBuffer = (chunk: Buffer | string): Buffer => (typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);

/** An LF, or a CR with a byte after it. */
function hasLineEnd(bytes: Buffer): boolean {
  const cr = bytes.indexOf(0x0d);
  return bytes.indexOf(0x0a) >= 0 || (cr >= 0 && cr + 1 < bytes.length);
}

/** Lines to records (csvRecords): the state between lines is the row count and a quoted record being gathered. */
class CsvRecordSplitter {
  private rowNumber = 0;
  /** Raw lines of a record whose quoted field is still open, joined by LF. */
  private gathering: string | null = null;
  /** Whether `gathering` ends inside a quoted field, and how far it has been scanned. */
  private inQuotes = false;
  private fieldStart = true;
  private scanned = 0;

  /** One line of the file's bytes (without its LF): a quote-free line of valid UTF-8 stays bytes; any other is decoded (invalid bytes become U+FFFD). */
  line(raw: Buffer, out: FileRecord[]): void {
    if (this.gathering === null && raw.indexOf(0x22) < 0 && raw.length <= CSV_OPTIONS.max_record_size && isUtf8(raw)) {
      const line = raw[raw.length - 1] === 0x0d ? raw.subarray(0, raw.length - 1) : raw;
      this.rowNumber += 1;
      // Empty lines and notes are counted, not records.
      if (line.length > 0 && line[0] !== 0x23 /* # */) out.push(new CsvBytesLine(this.rowNumber, line));
      return;
    }
    this.text(raw.toString('utf8'), out);
  }

  private text(raw: string, out: FileRecord[]): void {
    if (this.gathering !== null) {
      this.gathering += `\n${raw}`;
      this.gathered(out);
      return;
    }
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line === '' || line.charCodeAt(0) === 0x23 /* # */) {
      this.rowNumber += 1;
      return;
    }
    if (line.indexOf('"') < 0) {
      if (line.length > CSV_OPTIONS.max_record_size) throw maxRecordSize(line.length);
      this.rowNumber += 1;
      out.push({ rowNumber: this.rowNumber, fields: line.split(',') });
      return;
    }
    this.gathering = raw;
    this.inQuotes = false;
    this.fieldStart = true;
    this.scanned = 0;
    this.gathered(out);
  }

  /** At the end of the file a record still open is csv-parse's to judge (it reports the unclosed quote). */
  end(out: FileRecord[]): void {
    if (this.gathering !== null) this.parsed(this.gathering, out);
  }

  /** Scans what was added to the gathered record (quotes open a field only at its start; "" inside one is a quote); parses it once it is closed. */
  private gathered(out: FileRecord[]): void {
    const text = this.gathering as string;
    for (let i = this.scanned; i < text.length; i += 1) {
      const c = text.charCodeAt(i);
      if (this.inQuotes) {
        if (c === 0x22) {
          if (text.charCodeAt(i + 1) === 0x22) i += 1;
          else this.inQuotes = false;
        }
      } else if (c === 0x2c /* , */ || c === 0x0a) {
        this.fieldStart = true;
        continue;
      } else if (c === 0x22 && this.fieldStart) {
        this.inQuotes = true;
      }
      this.fieldStart = false;
    }
    this.scanned = text.length;
    if (this.inQuotes) {
      if (text.length > CSV_OPTIONS.max_record_size) throw maxRecordSize(text.length);
      return;
    }
    this.gathering = null;
    this.parsed(text.endsWith('\r') ? text.slice(0, -1) : text, out);
  }

  private parsed(text: string, out: FileRecord[]): void {
    let records: string[][];
    try {
      records = parseSync(text, { ...CSV_OPTIONS, bom: false }) as string[][];
    } catch (err) {
      // csv-parse/sync bundles its own CsvError class: the upload's error mapping knows csv-parse's.
      const code = (err as { code?: string }).code;
      throw code?.startsWith('CSV_') ? csvError(code as CsvErrorCode, (err as Error).message) : err;
    }
    if (records.length === 0) this.rowNumber += 1;
    for (const fields of records) {
      this.rowNumber += 1;
      out.push({ rowNumber: this.rowNumber, fields });
    }
  }
}

function maxRecordSize(length: number): CsvError {
  return csvError('CSV_MAX_RECORD_SIZE', `Max Record Size: record exceed the maximum number of tolerated bytes of ${CSV_OPTIONS.max_record_size} (${length})`);
}

/** csv-parse's error class (options only format the context fields, of which there are none). */
function csvError(code: CsvErrorCode, message: string): CsvError {
  return new CsvError(code, message, {} as ConstructorParameters<typeof CsvError>[2]);
}

async function* prepend<T>(first: T, rest: AsyncIterator<T>): AsyncGenerator<T> {
  yield first;
  for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
}

/** The whole file through csv-parse's stream: files with bare CR line ends, and the reference csvRecords is tested against. */
export async function* csvParseRecords(input: Readable): AsyncGenerator<FileRecord> {
  const parser = input.pipe(parse({ ...CSV_OPTIONS, info: true, comment: '#', comment_no_infix: true }));
  input.on('error', (err) => parser.destroy(err));
  for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { records: number; empty_lines: number; comment_lines: number } }>) {
    yield { rowNumber: info.records + info.empty_lines + info.comment_lines, fields: record };
  }
}

/**
 * Rows of the first worksheet of an XLSX file, read as a stream (exceljs WorkbookReader): cells as
 * the text a spreadsheet shows (numbers in plain decimal, formulas by their result), trailing empty
 * cells dropped; rows without any value are skipped. Row numbers are the sheet's own.
 */
export async function* xlsxRecords(input: Readable): AsyncGenerator<FileRecord> {
  const through = new PassThrough();
  input.on('error', (err) => through.destroy(err));
  input.pipe(through);
  const Reader = await utf8SafeWorkbookReader();
  const workbook = new Reader(through, { worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', entries: 'ignore' });
  let first = true;
  for await (const sheet of workbook) {
    if (!first) {
      // Later sheets (the template's notes) are read past, not imported.
      for await (const _row of sheet) void _row;
      continue;
    }
    first = false;
    for await (const row of sheet) {
      const values = (row as ExcelJS.Row).values as ExcelJS.CellValue[];
      const fields: string[] = [];
      for (let c = 1; c < values.length; c += 1) fields.push(cellText(values[c]));
      while (fields.length && fields[fields.length - 1] === '') fields.pop();
      if (fields.length === 0) continue;
      yield { rowNumber: (row as ExcelJS.Row).number, fields, openEnded: true };
    }
  }
}

/** Decodes UTF-8 across chunk boundaries: a character split between two chunks stays whole. */
async function* utf8Text(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

type WorkbookReaderInternals = {
  _parseWorksheet(iterator: AsyncIterable<Buffer>, sheetNo: number): Iterable<unknown>;
  _parseSharedStrings(entry: Readable): AsyncIterable<unknown>;
};

/**
 * exceljs 4.4.0's streaming reader decodes every chunk of the XML on its own (utils/parse-sax.js →
 * browser-buffer-decode.js, a TextDecoder without `stream: true`), so a Chinese character whose
 * three bytes straddle two chunks comes out as two U+FFFD: measured on a 20,000-row file, 131 cells
 * were damaged. The reader already passes strings through untouched, so the worksheet and
 * shared-string entries are handed to it as text decoded here, across chunk boundaries.
 */
let readerClass: Promise<new (input: Readable, options: Partial<ExcelJS.stream.xlsx.WorkbookStreamReaderOptions>) => ExcelJS.stream.xlsx.WorkbookReader> | undefined;

function utf8SafeWorkbookReader() {
  return (readerClass ??= loadExcelJs().then(
    (excel) =>
      class Utf8SafeWorkbookReader extends excel.stream.xlsx.WorkbookReader {
        constructor(input: Readable, options: Partial<ExcelJS.stream.xlsx.WorkbookStreamReaderOptions>) {
          super(input, options);
          const internals = this as unknown as WorkbookReaderInternals;
          const parent = Object.getPrototypeOf(Utf8SafeWorkbookReader.prototype) as WorkbookReaderInternals;
          internals._parseWorksheet = (iterator, sheetNo) => parent._parseWorksheet.call(this, utf8Text(iterator) as unknown as AsyncIterable<Buffer>, sheetNo);
          internals._parseSharedStrings = (entry) => parent._parseSharedStrings.call(this, Readable.from(utf8Text(entry)));
        }
      },
  ));
}

function cellText(value: ExcelJS.CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isInteger(value) ? value.toFixed(0) : String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return value.toISOString();
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
  if ('text' in value) return String(value.text);
  if ('error' in value) return String(value.error);
  return '';
}

/** The example row of both templates. */
export interface TemplateExample {
  providerUscc: string;
  providerName: string;
}

function exampleRow(example: TemplateExample): (string | number)[] {
  return [example.providerUscc, example.providerName, 'XRF-001', 'X射线荧光光谱分析', 'analysis', 50000, '样品', 5, 'X射线荧光光谱仪', 'ZSX Primus IV', '元素定性定量分析'];
}

/** CSV template: header, one example row, then the column notes as '#' lines, which the import skips. */
export function csvTemplate(example: TemplateExample): Buffer {
  const cell = (v: string | number) => (/[",\n\r#]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  const lines = [IMPORT_COLUMNS.join(','), exampleRow(example).map(cell).join(','), ...IMPORT_COLUMNS.map((c) => `# ${c}: ${COLUMN_NOTES[c]}`)];
  // A BOM so that spreadsheet programs read the Chinese text as UTF-8.
  return Buffer.from(`\ufeff${lines.join('\r\n')}\r\n`, 'utf8');
}

/** XLSX template: the first sheet to fill in (header + example row), a second with the column notes. */
export async function xlsxTemplate(example: TemplateExample): Promise<Buffer> {
  const workbook = new (await loadExcelJs()).Workbook();
  const sheet = workbook.addWorksheet('catalogue');
  sheet.addRow([...IMPORT_COLUMNS]).font = { bold: true };
  sheet.addRow(exampleRow(example));
  // USCC and codes as text, so that a spreadsheet keeps leading zeros and does not round long digits.
  for (const c of [1, 3]) sheet.getColumn(c).numFmt = '@';
  sheet.columns.forEach((column) => (column.width = 18));
  const notes = workbook.addWorksheet('notes');
  notes.addRow(['column', 'note']).font = { bold: true };
  for (const c of IMPORT_COLUMNS) notes.addRow([c, COLUMN_NOTES[c]]);
  notes.getColumn(1).width = 20;
  notes.getColumn(2).width = 100;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
