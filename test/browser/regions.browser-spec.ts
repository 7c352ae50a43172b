import type { Browser } from 'playwright-core';
import { confirmPopconfirm, explainFailure, launchBrowser, newPerson, openMenu, Person, signIn } from '../support/browser';
import { TEST_PASSWORD, uniqueEmail } from '../support/factories';
import { DEMO, login, startTestApp, TestApp } from '../support/test-app';
import { PROGRAM_DEFAULTS } from '../support/vouchers';

jest.setTimeout(240_000);

/**
 * 地区管理 in the browser (docs/domain.md, "Regions"): the platform admin walks the GB/T 2260 list from
 * the provinces to 丽水, marks it issuing, opens its science bureau and invites its approver; that
 * approver then issues a programme for 丽水.
 */
describe('web portal: a platform admin makes a region issuing and opens its bureau', () => {
  let app: TestApp;
  let browser: Browser;
  let people: Person[] = [];

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
  });
  afterAll(async () => {
    await Promise.all(people.map((p) => p.context.close().catch(() => undefined)));
    await browser?.close();
    await app?.close();
  });

  it('provinces → 浙江 → 丽水: make issuing, open the bureau, invite its approver, who opens a programme', async () => {
    const admin = await newPerson(browser, app.running.url as string, 'en');
    people = [admin];
    const { page } = admin;
    await explainFailure(people, async () => {
      await signIn(admin, DEMO.admin);
      await openMenu(page, 'Regions');
      await page.waitForURL('**/ops/regions');
      const table = page.getByTestId('regions-table');
      await table.locator('tbody tr[data-row-key="330000"]').getByTestId('region-open').click();
      const lishui = table.locator('tbody tr[data-row-key="331100"]');
      await lishui.getByText('Lishui').first().waitFor();
      // Jiaxing issues already; 丽水 does not yet.
      await table.locator('tbody tr[data-row-key="330400"]').getByTestId('region-issuing-tag').waitFor();
      expect(await lishui.getByTestId('region-issuing-tag').count()).toBe(0);

      await lishui.getByTestId('region-make-issuing').click();
      await confirmPopconfirm(page);
      await lishui.getByTestId('region-issuing-tag').waitFor();
      const [row] = await app.dataSource.query(`SELECT issuing FROM regions WHERE code = '331100'`);
      expect(row).toEqual({ issuing: true });
      const audit = await app.dataSource.query(`SELECT action FROM audit_events WHERE subject_type = 'region' AND subject_id = '331100'`);
      expect(audit).toEqual([{ action: 'region.issuing.granted' }]);

      // Its bureau, then its approver through the organisation drawer.
      await lishui.getByTestId('region-add-bureau').click();
      const bureauForm = page.getByTestId('region-bureau-form');
      await bureauForm.getByTestId('form-submit').click();
      const drawer = page.getByTestId('org-drawer');
      await drawer.waitFor();
      const email = uniqueEmail('lishui-approver');
      await drawer.getByTestId('invite-form').locator('#email').fill(email);
      await drawer.getByTestId('invite-form').getByTestId('form-submit').click();
      const token = (await drawer.getByTestId('invitation-token').textContent())?.trim() ?? '';
      const [bureau] = await app.dataSource.query(`SELECT name, agency_level FROM organizations WHERE kind = 'agency' AND region_code = '331100'`);
      expect(bureau).toEqual({ name: '丽水市科学技术局', agency_level: 'city' });

      await app.http().post('/api/v1/auth/invitations/accept').send({ token, password: TEST_PASSWORD, displayName: '丽水审批员' }).expect(201);
      const approver = await login(app, email, TEST_PASSWORD);
      const programme = await app.http().post('/api/v1/programs').set(approver.auth).send({ ...PROGRAM_DEFAULTS, issuingRegionCode: '331100', name: '2026 丽水创新券' }).expect(201);
      expect(programme.body).toMatchObject({ issuingRegionCode: '331100', status: 'draft' });
    });
  });
});
