import { arrayLiteral } from '../search-tokens';

/** The columns of a catalogue file (CSV or XLSX), in the order the generator and the templates write them. */
export const IMPORT_COLUMNS = [
  'provider_uscc', 'provider_name', 'service_code', 'name', 'category', 'unit_price_fen', 'unit', 'lead_time_days',
  'instrument_name', 'instrument_model', 'description',
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];
export const REQUIRED_COLUMNS: ImportColumn[] = ['provider_uscc', 'provider_name', 'service_code', 'name', 'category', 'unit_price_fen', 'unit', 'lead_time_days'];

/** What each column holds: the templates' notes, and the rules validation applies (catalog-import.validation.ts). */
export const COLUMN_NOTES: Record<ImportColumn, string> = {
  provider_uscc: 'required; the provider’s unified social credit code (18 characters, GB 32100-2015 check character)',
  provider_name: 'required; 2-200 characters (names a provider a partner import creates)',
  service_code: 'required; the provider’s own code: 1-64 letters, digits or . _ / - (starting with a letter or digit), unique per provider in the file',
  name: 'required; 2-200 characters',
  category: 'required; a category code of GET /api/v1/catalog/categories (e.g. testing, analysis, calibration)',
  unit_price_fen: 'required; integer fen (分), 1 to 1000000000000 (¥500.00 = 50000)',
  unit: 'required; 1-20 characters (e.g. 样品, 机时)',
  lead_time_days: 'required; integer from 0 to 365',
  instrument_name: 'optional; at most 200 characters',
  instrument_model: 'optional; at most 100 characters',
  description: 'optional; at most 2000 characters',
};

/** Columns of catalog_import_lines that COPY writes, in order. */
export const STAGING_COLUMNS = `import_id, row_number, field_count, nul_columns, ${IMPORT_COLUMNS.join(', ')}`;

/** Maps header names to positions; refuses a header that lacks a required column or names an unknown one. */
export function readHeader(record: string[]): { index: Map<ImportColumn, number> } | { problem: string } {
  const names = record.map((h) => h.trim().toLowerCase());
  const unknown = names.filter((n) => !(IMPORT_COLUMNS as readonly string[]).includes(n));
  const missing = REQUIRED_COLUMNS.filter((c) => !names.includes(c));
  const duplicated = names.filter((n, i) => names.indexOf(n) !== i);
  if (missing.length || unknown.length || duplicated.length) {
    const parts = [
      missing.length ? `missing columns: ${missing.join(', ')}` : '',
      unknown.length ? `unknown columns: ${unknown.join(', ')}` : '',
      duplicated.length ? `repeated columns: ${duplicated.join(', ')}` : '',
    ].filter(Boolean);
    return { problem: `The header row is not usable (${parts.join('; ')}). Expected: ${IMPORT_COLUMNS.join(',')}` };
  }
  return { index: new Map(names.map((n, i) => [n as ImportColumn, i])) };
}

/**
 * One staged record as a line of COPY text: its raw fields trimmed (NUL characters, which PostgreSQL
 * text cannot hold, removed and their columns named). Nothing is validated here: that is set-wise
 * SQL. The search text and tokens are not built here either: the merge builds them for the rows it
 * adds or changes (catalog-import.merge.ts), so an unchanged row costs none.
 */
export function stagingLine(importId: string, rowNumber: number, record: readonly string[], header: Map<ImportColumn, number>): string {
  let line = `${importId}\t${rowNumber}\t${record.length}\t`;
  let values = '';
  let nulColumns: string[] | null = null;
  for (const column of IMPORT_COLUMNS) {
    const i = header.get(column);
    let value = i === undefined || i >= record.length ? '' : record[i].trim();
    if (value.includes('\u0000')) {
      (nulColumns ??= []).push(column);
      value = value.replace(/\u0000/g, '');
    }
    values += `\t${copyField(value)}`;
  }
  line += nulColumns ? copyField(arrayLiteral(nulColumns)) : '\\N';
  return `${line}${values}\n`;
}

/** Whether the header names every column in IMPORT_COLUMNS' order (the generator's and the templates' files): plainStagingLine() applies. */
export function isCanonicalHeader(header: Map<ImportColumn, number>): boolean {
  return header.size === IMPORT_COLUMNS.length && IMPORT_COLUMNS.every((column, i) => header.get(column) === i);
}

/**
 * stagingLine() of a quote-free CSV line (the file's bytes, valid UTF-8, without its line end) under a
 * canonical header, without decoding it: when the line has exactly one field per column, no byte COPY
 * would escape, no NUL, and no white space at the start or end of a field (what trim() would remove),
 * its COPY line is the line with tabs for commas. Null when that does not hold (stagingLine() then).
 */
export function plainStagingBytes(importId: string, rowNumber: number, line: Buffer): Buffer | null {
  const text = new CopyText(importId);
  return text.plain(rowNumber, line) ? text.take() : null;
}

/** The positions of a plain line's commas (plainStagingBytes()), or null when the line is not plain. */
function plainCommas(line: Buffer): number[] | null {
  // A line holds no LF (lines end there); Buffer.indexOf() scans natively.
  if (line.indexOf(0x5c /* \ */) >= 0 || line.indexOf(0x09) >= 0 || line.indexOf(0x0d) >= 0 || line.indexOf(0x00) >= 0) return null;
  const commas: number[] = [];
  for (let i = line.indexOf(0x2c); i >= 0; i = line.indexOf(0x2c, i + 1)) commas.push(i);
  if (commas.length !== IMPORT_COLUMNS.length - 1) return null;
  let start = 0;
  for (let f = 0; f <= commas.length; f += 1) {
    const end = f < commas.length ? commas[f] : line.length;
    if (end > start && (spaceAt(line, start) || spaceAt(line, lastCharStart(line, start, end)))) return null;
    start = end + 1;
  }
  return commas;
}

/**
 * The COPY text of one upload being gathered: lines are written into one buffer (no string, no
 * buffer per line) and handed out as chunks by take().
 */
export class CopyText {
  private buffer = Buffer.allocUnsafe(COPY_TEXT_CAPACITY);
  private size = 0;
  /** Where the last line's content starts: the tab after its row number (the line without its import id and row number). */
  private contentStart = 0;
  /** `<import id>\t`, and what follows the row number of a plain line: its field count and no NUL columns. */
  private readonly head: Buffer;
  private static readonly middle = Buffer.from(`\t${IMPORT_COLUMNS.length}\t\\N\t`, 'latin1');

  constructor(importId: string) {
    this.head = Buffer.from(`${importId}\t`, 'latin1');
  }

  get length(): number {
    return this.size;
  }

  /** Writes the COPY line of a plain line (plainStagingBytes()); false, writing nothing, when the line is not plain. */
  plain(rowNumber: number, line: Buffer): boolean {
    const commas = plainCommas(line);
    if (!commas) return false;
    const digits = String(rowNumber);
    this.reserve(this.head.length + digits.length + CopyText.middle.length + line.length + 1);
    const out = this.buffer;
    let at = this.size;
    out.set(this.head, at);
    at += this.head.length;
    for (let i = 0; i < digits.length; i += 1) out[at++] = digits.charCodeAt(i);
    this.contentStart = at;
    out.set(CopyText.middle, at);
    at += CopyText.middle.length;
    out.set(line, at);
    for (const i of commas) out[at + i] = 0x09;
    at += line.length;
    out[at++] = 0x0a;
    this.size = at;
    return true;
  }

  /** Writes COPY text (stagingLine()'s). */
  text(text: string): void {
    this.reserve(Buffer.byteLength(text, 'utf8'));
    // The line starts `<import id>\t<row number>\t`: its content starts at the second tab.
    this.contentStart = this.size + text.indexOf('\t', this.head.length);
    this.size += this.buffer.write(text, this.size, 'utf8');
  }

  /** The last line written, from the tab after its row number through its line end: the same bytes for the same fields, whatever the row. */
  lastContent(): Buffer {
    return this.buffer.subarray(this.contentStart, this.size);
  }

  /** What was written since the last take(), or its first `upTo` bytes; what follows them moves to a new buffer (COPY may still hold this one). */
  take(upTo = this.size): Buffer {
    const out = this.buffer.subarray(0, upTo);
    const rest = this.buffer.subarray(upTo, this.size);
    this.buffer = Buffer.allocUnsafe(Math.max(COPY_TEXT_CAPACITY, rest.length * 2));
    this.buffer.set(rest);
    this.size = rest.length;
    this.contentStart -= upTo;
    return out;
  }

  /** Forgets what was written after the first `size` bytes (a block the upload skips). */
  truncate(size: number): void {
    this.size = size;
  }

  private reserve(bytes: number): void {
    if (this.size + bytes <= this.buffer.length) return;
    const larger = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.size + bytes));
    larger.set(this.buffer.subarray(0, this.size));
    this.buffer = larger;
  }
}

/** Room for a 64 KB chunk of COPY text and the line that passes it. */
const COPY_TEXT_CAPACITY = 96 * 1024;

/** Where the last UTF-8 character of bytes start..end-1 begins (valid UTF-8: back over continuation bytes). */
function lastCharStart(bytes: Buffer, start: number, end: number): number {
  let p = end - 1;
  while (p > start && (bytes[p] & 0xc0) === 0x80) p -= 1;
  return p;
}

/**
 * Whether the UTF-8 character at `p` is one trim() removes: ECMAScript white space and line
 * terminators (JavaScript's \s): TAB..CR, space, U+00A0, U+1680, U+2000-200A, U+2028, U+2029, U+202F,
 * U+205F, U+3000, U+FEFF.
 */
export function spaceAt(bytes: Buffer, p: number): boolean {
  const b = bytes[p];
  if (b <= 0x20) return b === 0x20 || (b >= 0x09 && b <= 0x0d);
  if (b < 0x80) return false;
  const b1 = bytes[p + 1];
  const b2 = bytes[p + 2];
  switch (b) {
    case 0xc2: return b1 === 0xa0;
    case 0xe1: return b1 === 0x9a && b2 === 0x80;
    case 0xe2: return (b1 === 0x80 && ((b2 >= 0x80 && b2 <= 0x8a) || b2 === 0xa8 || b2 === 0xa9 || b2 === 0xaf)) || (b1 === 0x81 && b2 === 0x9f);
    case 0xe3: return b1 === 0x80 && b2 === 0x80;
    case 0xef: return b1 === 0xbb && b2 === 0xbf;
    default: return false;
  }
}

/** One field in COPY text format: \N for null; backslash, tab, newline and CR escaped. */
export function copyField(value: string | number | null): string {
  if (value === null) return '\\N';
  const s = String(value);
  // Most fields need no escaping; testing first is much cheaper than replacing every time.
  if (!COPY_SPECIAL.test(s)) return s;
  return s.replace(COPY_SPECIALS, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

const COPY_SPECIAL = /[\\\t\n\r]/;
const COPY_SPECIALS = /[\\\t\n\r]/g;
