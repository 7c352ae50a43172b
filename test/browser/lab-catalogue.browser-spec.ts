import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { launchBrowser, newPerson, openMenu, signIn } from '../support/browser';
import { uniqueEmail, uniqueUscc } from '../support/factories';
import { DEMO, login, startTestApp, TestApp } from '../support/test-app';
import { choose, confirmPopover, contains, shows } from './enterprise-lab.steps';

/** The lab's side of the portal: applying for admission by registering, the catalogue editor, and CSV import. */
describe('web portal: lab admission, catalogue editor and CSV import', () => {
  let app: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('a Shanghai lab registers (its application for admission) and follows its admission', async () => {
    const person = await newPerson(browser, app.running.url!);
    const { page } = person;
    const tag = randomBytes(2).toString('hex');
    const name = `上海故事${tag}检测技术有限公司`;
    await page.goto('/register');
    const form = page.getByTestId('register-form');
    await page.getByTestId('register-kind').getByText('服务机构').click();
    await form.locator('#organization_name').fill(name);
    await form.locator('#organization_uscc').fill(uniqueUscc('310000'));
    await choose(page, 'organization_regionCode', '上海市', '上海');
    await form.getByText('CNAS').click();
    await form.locator('#user_displayName').fill('顾晓岚');
    await form.locator('#user_email').fill(uniqueEmail('lab'));
    await form.locator('#user_password').fill('Lab-pass-20261');
    await form.locator('#confirmPassword').fill('Lab-pass-20261');
    await form.getByTestId('form-submit').click();
    await page.waitForURL(/\/lab$/);
    // Registered = applied; the admission workflow's pre-checks move it on to review by the Shanghai platform.
    const admission = page.getByTestId('admission');
    await admission.and(page.locator('[data-admission="applied"], [data-admission="in_review"]')).waitFor();
    await page.getByTestId('case-timeline').getByText('提交审批').waitFor();
    await contains(page.locator('.ant-descriptions').first(), 'CNAS');
    await page.screenshot({ path: '/tmp/lab-admission.png', fullPage: true });

    // Not admitted yet: no listing.
    await openMenu(page, '我的服务');
    await expect(page.getByTestId('service-new').isDisabled()).resolves.toBe(true);
    expect(person.errors).toEqual([]);
    await person.context.close();
  });

  it('the admitted demo lab edits and withdraws a service, and imports a CSV with an error report', async () => {
    const lab = await login(app, DEMO.provider);
    const me = (await app.http().get('/api/v1/me').set(lab.auth).expect(200)).body;
    const tag = randomBytes(2).toString('hex');
    const person = await newPerson(browser, app.running.url!);
    const { page } = person;
    await signIn(person, DEMO.provider);
    await page.getByTestId('admission').and(page.locator('[data-admission="active"]')).waitFor();

    // CSV import: 2,000 good rows and two broken ones (an unknown category, a price that is not fen).
    const rows = ['provider_uscc,provider_name,service_code,name,category,unit_price_fen,unit,lead_time_days,instrument_name'];
    for (let i = 0; i < 2000; i += 1) {
      const name = i === 7 ? `原子吸收光谱分析（${tag}）` : `电感耦合等离子体质谱分析 ${tag} ${i}`;
      rows.push(`${me.organization.uscc},${me.organization.name},IMP-${tag}-${i},${name},analysis,${120000 + i},样品,7,ICP-MS`);
    }
    rows.push(`${me.organization.uscc},${me.organization.name},IMP-${tag}-bad1,坏行一,no_such_category,5000,样品,7,`);
    rows.push(`${me.organization.uscc},${me.organization.name},IMP-${tag}-bad2,坏行二,analysis,12.50,样品,7,`);
    const csv = `${rows.join('\n')}\n`;
    await openMenu(page, '批量导入');
    await page.locator('input[type=file]').setInputFiles({ name: `catalogue-${tag}.csv`, mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    // Today's lab habit: import the good rows and fix the rest later (the default would reject the whole file).
    await page.getByTestId('import-skip-invalid').click();
    await page.getByTestId('import-start').click();
    const result = page.getByTestId('import-result');
    await result.locator('[data-status="completed"]').waitFor({ timeout: 60_000 });
    await shows(result.getByTestId('import-inserted'), '2000');
    await shows(result.getByTestId('import-invalid'), '2');
    const errors = page.getByTestId('import-errors');
    await errors.getByText('no_such_category').waitFor();
    await contains(errors, 'unit_price_fen');
    await page.screenshot({ path: '/tmp/lab-import.png', fullPage: true });
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('import-errors-download').click()]);
    const report = readFileSync((await download.path())!, 'utf8');
    expect(report).toContain('row,field,message');
    expect(report).toContain('2002,category');
    expect(report).toContain('2003,unit_price_fen');

    // The catalogue editor: find an imported service, change its price, then withdraw it.
    await openMenu(page, '我的服务');
    await page.getByPlaceholder('在我的服务中搜索').fill('原子吸收');
    await page.getByPlaceholder('在我的服务中搜索').press('Enter');
    const row = page.getByTestId('lab-services-table').locator('tr', { has: page.getByRole('cell', { name: `IMP-${tag}-7`, exact: true }) });
    await row.getByRole('button', { name: /编\s*辑/ }).click();
    const form = page.getByTestId('service-form');
    await form.locator('#unitPriceFen').fill('1500.50');
    await form.getByTestId('form-submit').click();
    await row.getByText('¥1,500.50').waitFor();
    await row.getByRole('button', { name: /下\s*架/ }).click();
    await confirmPopover(page);
    await row.waitFor({ state: 'detached' });
    const listed = await app.http().get('/api/v1/catalog/services').query({ providerId: me.organization.id, q: '原子吸收' }).set(lab.auth).expect(200);
    expect(listed.body.items).toEqual([]);
    expect(person.errors).toEqual([]);
    await person.context.close();
  });
});
