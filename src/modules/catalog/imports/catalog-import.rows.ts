import { MAX_FEN } from '../../../platform/validation/validation';
import { usccProblem } from '../../../../packages/shared/uscc';
import { SERVICE_CODE_PATTERN } from '../dto/catalog-service.dto';

/** The CSV columns of a catalogue import, in the order the generator writes them. */
export const IMPORT_COLUMNS = [
  'provider_uscc', 'provider_name', 'service_code', 'name', 'category', 'unit_price_fen', 'unit', 'lead_time_days',
  'instrument_name', 'instrument_model', 'description',
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];
export const REQUIRED_COLUMNS: ImportColumn[] = ['provider_uscc', 'provider_name', 'service_code', 'name', 'category', 'unit_price_fen', 'unit', 'lead_time_days'];

export interface ImportRow {
  providerUscc: string;
  providerName: string;
  serviceCode: string;
  name: string;
  category: string;
  unitPriceFen: number;
  unit: string;
  leadTimeDays: number;
  instrumentName: string | null;
  instrumentModel: string | null;
  description: string | null;
}

export interface RowProblem {
  field: string;
  message: string;
}

const USCC_MESSAGES = {
  length: 'must be exactly 18 characters',
  lowercase: 'must be upper case',
  charset: 'may contain only digits and the letters A-H J-N P-R T U W-Y',
  check_character: 'has a wrong check character (GB 32100-2015)',
} as const;

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
    return { problem: `The CSV header is not usable (${parts.join('; ')}). Expected: ${IMPORT_COLUMNS.join(',')}` };
  }
  return { index: new Map(names.map((n, i) => [n as ImportColumn, i])) };
}

/** Validates one data record; every problem is reported, each against its column. */
export function validateRecord(record: string[], header: Map<ImportColumn, number>, isCategory: (code: string) => boolean): { row: ImportRow | null; problems: RowProblem[] } {
  if (record.length !== header.size) {
    return { row: null, problems: [{ field: 'row', message: `has ${record.length} fields, the header has ${header.size}` }] };
  }
  const problems: RowProblem[] = [];
  const get = (column: ImportColumn): string => {
    const i = header.get(column);
    return i === undefined ? '' : record[i].trim();
  };
  const text = (column: ImportColumn, min: number, max: number): string | null => {
    const value = get(column);
    if (value.includes('\u0000')) problems.push({ field: column, message: 'contains a NUL character' });
    else if (value.length === 0 && min === 0) return null;
    else if (value.length < min) problems.push({ field: column, message: min === 1 ? 'is required' : `must be at least ${min} characters` });
    else if (value.length > max) problems.push({ field: column, message: `must be at most ${max} characters` });
    return value;
  };
  const integer = (column: ImportColumn, min: number, max: number, what: string): number => {
    const value = get(column);
    if (!/^\d{1,16}$/.test(value)) {
      problems.push({ field: column, message: `must be ${what}` });
      return 0;
    }
    const n = Number(value);
    if (n < min || n > max) problems.push({ field: column, message: `must be ${what}` });
    return n;
  };

  const providerUscc = get('provider_uscc');
  const usccIssue = usccProblem(providerUscc);
  if (usccIssue) problems.push({ field: 'provider_uscc', message: `${providerUscc ? `'${providerUscc}' ` : ''}${USCC_MESSAGES[usccIssue]}` });
  const providerName = text('provider_name', 2, 200);
  const serviceCode = get('service_code');
  if (!SERVICE_CODE_PATTERN.test(serviceCode)) problems.push({ field: 'service_code', message: 'must be 1-64 letters, digits or . _ / - (starting with a letter or digit)' });
  const name = text('name', 2, 200);
  const category = get('category');
  if (!isCategory(category)) problems.push({ field: 'category', message: category ? `unknown category '${category}'` : 'is required' });
  const unitPriceFen = integer('unit_price_fen', 1, MAX_FEN, `a positive integer number of fen (at most ${MAX_FEN})`);
  const unit = text('unit', 1, 20);
  const leadTimeDays = integer('lead_time_days', 0, 365, 'an integer from 0 to 365');
  const instrumentName = text('instrument_name', 0, 200);
  const instrumentModel = text('instrument_model', 0, 100);
  const description = text('description', 0, 2000);
  if (problems.length) return { row: null, problems };
  return {
    row: {
      providerUscc,
      providerName: providerName!,
      serviceCode,
      name: name!,
      category,
      unitPriceFen,
      unit: unit!,
      leadTimeDays,
      instrumentName,
      instrumentModel,
      description,
    },
    problems,
  };
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
