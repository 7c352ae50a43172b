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
 * stagingLine() of a quote-free CSV line under a canonical header, without splitting it: when the
 * line has exactly one field per column, no character COPY would escape, no NUL, and no white space
 * at the start or end of a field (what trim() would remove: JavaScript's \s is the same set), its
 * COPY line is the line with tabs for commas. Null when that does not hold (stagingLine() then).
 */
export function plainStagingLine(importId: string, rowNumber: number, line: string): string | null {
  if (isTrimmedSpace(line.charCodeAt(0)) || isTrimmedSpace(line.charCodeAt(line.length - 1))) return null;
  // A line holds no LF (lines end there); indexOf() scans are much cheaper than a regular expression here.
  if (line.indexOf('\\') >= 0 || line.indexOf('\t') >= 0 || line.indexOf('\r') >= 0 || line.indexOf('\u0000') >= 0) return null;
  let commas = 0;
  for (let i = line.indexOf(','); i >= 0; i = line.indexOf(',', i + 1)) {
    if (isTrimmedSpace(line.charCodeAt(i - 1)) || isTrimmedSpace(line.charCodeAt(i + 1))) return null;
    commas += 1;
  }
  if (commas !== IMPORT_COLUMNS.length - 1) return null;
  return `${importId}\t${rowNumber}\t${IMPORT_COLUMNS.length}\t\\N\t${line.replace(COMMAS, '\t')}\n`;
}

const COMMAS = /,/g;

/** Whether String.prototype.trim() removes this UTF-16 code unit (ECMAScript WhiteSpace and LineTerminator, as \s); false for NaN (out of range). */
export function isTrimmedSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
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
