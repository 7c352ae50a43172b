import { parse } from 'csv-parse';
import type * as ExcelJS from 'exceljs';
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
}

/**
 * CSV records. Empty lines and lines starting with '#' (the template's notes) are skipped but still
 * counted, so row numbers are the rows a spreadsheet program shows.
 */
export async function* csvRecords(input: Readable): AsyncGenerator<FileRecord> {
  const parser = input.pipe(
    parse({ bom: true, skip_empty_lines: true, relax_column_count: true, relax_quotes: true, max_record_size: 1_000_000, info: true, comment: '#', comment_no_infix: true }),
  );
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
