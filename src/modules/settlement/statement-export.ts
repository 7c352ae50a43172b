import { loadExcelJs } from '../../platform/files/exceljs';
import { StatementDto } from './dto/settlement.dto';

const HEADERS = ['key', 'name', 'uscc', 'region_code', 'claims', 'amount_fen', 'amount_yuan'];

function csvCell(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  // Quote always; neutralise spreadsheet formulas (=, +, -, @) in text cells.
  const safe = /^[=+\-@]/.test(text) && !/^-?\d+(\.\d+)?$/.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
}

/** CSV with a UTF-8 BOM so spreadsheet software shows the Chinese names correctly. */
export function statementCsv(statement: StatementDto): string {
  const lines = [HEADERS.map(csvCell).join(',')];
  for (const r of statement.rows) lines.push([r.key, r.name, r.uscc, r.regionCode, r.claims, r.amountFen, r.amountYuan].map(csvCell).join(','));
  lines.push(['TOTAL', '', '', '', statement.rows.reduce((n, r) => n + r.claims, 0), statement.totalFen, ''].map(csvCell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export async function statementXlsx(statement: StatementDto): Promise<Buffer> {
  const book = new (await loadExcelJs()).Workbook();
  book.creator = 'G60 innovation voucher platform';
  const sheet = book.addWorksheet(statement.by === 'payee' ? '按收款单位' : '按合作地区');
  sheet.addRow([`结算批次 ${statement.batch.number}`, `${statement.batch.periodStart} — ${statement.batch.periodEnd}`, `状态 ${statement.batch.status}`]);
  sheet.addRow(HEADERS);
  for (const r of statement.rows) sheet.addRow([r.key, r.name, r.uscc ?? '', r.regionCode, r.claims, r.amountFen, r.amountYuan]);
  sheet.addRow(['TOTAL', '', '', '', statement.rows.reduce((n, r) => n + r.claims, 0), statement.totalFen, '']);
  sheet.getRow(2).font = { bold: true };
  return Buffer.from(await book.xlsx.writeBuffer());
}
