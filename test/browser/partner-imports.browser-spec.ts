import * as ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { explainFailure, launchBrowser, newPerson, openMenu, resize, signIn } from '../support/browser';
import { uniqueUscc } from '../support/factories';
import { DEMO, startTestApp, TestApp } from '../support/test-app';
import { contains, shows } from './enterprise-lab.steps';

const HEADER = ['provider_uscc', 'provider_name', 'service_code', 'name', 'category', 'unit_price_fen', 'unit', 'lead_time_days', 'instrument_name', 'instrument_model', 'description'];

async function xlsx(rows: (string | number)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('catalogue');
  sheet.addRow(HEADER);
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The partner admin's bulk import (批量导入) of its region's catalogues: the page it shares with labs. */
describe('web portal: a partner admin imports its region’s catalogue (XLSX and CSV), with the error report and the changes', () => {
  let app: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  async function upload(page: Page, name: string, mimeType: string, buffer: Buffer, options: { skip?: boolean; withdraw?: boolean } = {}) {
    await page.locator('input[type=file]').setInputFiles({ name, mimeType, buffer });
    for (const [id, on] of [['import-skip-invalid', options.skip], ['import-withdraw-missing', options.withdraw]] as const) {
      const box = page.getByTestId(id);
      if ((await box.isChecked()) !== !!on) await box.click();
    }
    await page.getByTestId('import-start').click();
  }

  it('uploads XLSX and CSV, follows the job, reads the error report and what was added, changed and withdrawn', async () => {
    const person = await newPerson(browser, app.running.url!);
    const { page } = person;
    await explainFailure([person], async () => {
      await signIn(person, DEMO.partner);
      await openMenu(page, '目录批量导入');
      await page.waitForURL(/\/review\/imports$/);

      // Both templates download; the CSV one carries the column notes.
      const [csvTemplate] = await Promise.all([page.waitForEvent('download'), page.getByTestId('template-csv').click()]);
      expect(csvTemplate.suggestedFilename()).toBe('catalog-template.csv');
      expect(readFileSync((await csvTemplate.path())!, 'utf8')).toContain('# unit_price_fen:');
      const [xlsxTemplate] = await Promise.all([page.waitForEvent('download'), page.getByTestId('template-xlsx').click()]);
      expect(xlsxTemplate.suggestedFilename()).toBe('catalog-template.xlsx');

      // 300 services of a provider new to the platform, and two broken rows: by default nothing is imported.
      const uscc = uniqueUscc('310110');
      const good = Array.from({ length: 300 }, (_, i) => [uscc, '上海杨浦示范检测有限公司', `YP-${i + 1}`, `材料力学性能测试 ${i + 1}`, 'testing', 20_000 + i, '样品', 3, '万能试验机', 'Instron 5985', '']);
      const bad = [
        [uscc.toLowerCase(), '上海杨浦示范检测有限公司', 'YP-BAD-1', '错误行一', 'testing', 100, '样品', 3, '', '', ''],
        [uscc, '上海杨浦示范检测有限公司', 'YP-BAD-2', '错误行二', 'astrology', '12.5', '样品', 3, '', '', ''],
      ];
      await upload(page, 'yangpu.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', await xlsx([...good.slice(0, 150), ...bad, ...good.slice(150)]));
      const result = page.getByTestId('import-result');
      await result.locator('[data-status="rejected"]').waitFor({ timeout: 60_000 });
      await page.getByTestId('import-rejected').waitFor();
      await shows(result.getByTestId('import-invalid'), '2');
      const errors = page.getByTestId('import-errors');
      await contains(errors, 'astrology');
      await contains(errors, '153');
      await page.screenshot({ path: '/tmp/partner-import-rejected.png', fullPage: true });
      const [{ n }] = await app.dataSource.query(`SELECT count(*)::int AS n FROM organizations WHERE uscc = $1`, [uscc]);
      expect(n).toBe(0);

      // The same good rows as CSV: added.
      const csv = (rows: (string | number)[][]) => Buffer.from(`${[HEADER.join(','), ...rows.map((r) => r.join(','))].join('\n')}\n`, 'utf8');
      await upload(page, 'yangpu.csv', 'text/csv', csv(good));
      await result.locator('[data-status="completed"]').waitFor({ timeout: 60_000 });
      await shows(result.getByTestId('import-inserted'), '300');
      await contains(page.getByTestId('changes-added'), '300');
      await contains(page.getByTestId('import-changes-table'), 'YP-1');

      // The full catalogue again, one price changed and the last five left out: changed 1, withdrawn 5.
      const next = good.slice(0, 295).map((r) => (r[2] === 'YP-7' ? [...r.slice(0, 5), 25_000, ...r.slice(6)] : r));
      await upload(page, 'yangpu-full.csv', 'text/csv', csv(next), { withdraw: true });
      await result.locator('[data-status="completed"]').waitFor({ timeout: 60_000 });
      await shows(result.getByTestId('import-updated'), '1');
      await shows(result.getByTestId('import-withdrawn'), '5');
      await page.getByTestId('changes-withdrawn').click();
      await contains(page.getByTestId('import-changes-table'), 'YP-300');
      await page.getByTestId('changes-changed').click();
      await contains(page.getByTestId('import-changes-table'), '¥250.00');
      // The same file twice more: the first finds every row unchanged and leaves the provider's mark (its withdrawn
      // services were listed until the import before ended); the second is taken as it was last imported, unchecked.
      for (const skipped of [null, '295']) {
        await upload(page, 'yangpu-full.csv', 'text/csv', csv(next), { withdraw: true });
        await result.locator('[data-status="completed"]').waitFor({ timeout: 60_000 });
        await contains(page.getByTestId('changes-unchanged'), '295');
        if (skipped) await shows(result.getByTestId('import-skipped'), skipped);
        else expect(await result.getByTestId('import-skipped').count()).toBe(0);
      }
      await contains(result, '与上次导入一致（免复核）');
      await page.screenshot({ path: '/tmp/partner-import-desktop-zh.png', fullPage: true });
      await resize(page, { width: 390, height: 844 });
      await page.screenshot({ path: '/tmp/partner-import-phone-zh.png', fullPage: true });
      expect(person.errors).toEqual([]);
    });
    await person.context.close();

    const english = await newPerson(browser, app.running.url!, 'en');
    await explainFailure([english], async () => {
      await signIn(english, DEMO.partner);
      await openMenu(english.page, 'Catalogue import');
      const history = english.page.getByTestId('imports-table').locator('tbody tr.ant-table-row');
      await history.first().click();
      await shows(english.page.getByTestId('import-skipped'), '295');
      await contains(english.page.getByTestId('import-result'), 'As last imported (not re-checked)');
      await english.page.screenshot({ path: '/tmp/partner-import-desktop-en-skipped.png', fullPage: true });
      await history.nth(2).click();
      await english.page.getByTestId('import-changes').waitFor();
      await contains(english.page.getByTestId('changes-withdrawn'), 'Withdrawn 5');
      await english.page.screenshot({ path: '/tmp/partner-import-desktop-en.png', fullPage: true });
      await resize(english.page, { width: 390, height: 844 });
      await english.page.screenshot({ path: '/tmp/partner-import-phone-en.png', fullPage: true });
      expect(english.errors).toEqual([]);
    });
    await english.context.close();
  });
});
