import type * as ExcelJSModule from 'exceljs';

export type ExcelJS = typeof ExcelJSModule;

let loaded: Promise<ExcelJS> | undefined;

/**
 * exceljs, loaded on first use (an XLSX import, template or statement): requiring it evaluates a few hundred
 * modules, which cost every process start and every test file although most never read or write a workbook.
 */
export function loadExcelJs(): Promise<ExcelJS> {
  return (loaded ??= import('exceljs'));
}
