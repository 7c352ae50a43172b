import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { explainFailure, launchBrowser, newPerson, openMenu, Person, resize, signIn } from '../support/browser';
import { DEMO, login, startTestApp, TestApp } from '../support/test-app';
import { choose, confirmPopover, contains, shows } from './enterprise-lab.steps';

/** Types a date into an antd DatePicker; Tab commits it (Enter would submit the form). */
async function pickDate(page: Page, id: string, date: string) {
  await page.locator(`#${id}`).click();
  await page.locator(`#${id}`).fill(date);
  await page.keyboard.press('Tab');
}

/** The programme detail page at desktop and phone sizes, for a person to look at. */
async function screenshots(page: Page, name: string) {
  for (const [size, viewport] of [['desktop', { width: 1366, height: 900 }], ['phone', { width: 390, height: 844 }]] as const) {
    await resize(page, viewport);
    await page.getByTestId('versions').locator('[data-testid="version-2"]').waitFor();
    await page.screenshot({ path: `/tmp/programme-${name}-${size}.png`, fullPage: true });
    await page.getByTestId('programme-new-version').click();
    await page.getByTestId('version-form').waitFor();
    await page.screenshot({ path: `/tmp/programme-${name}-${size}-version.png` });
    await page.keyboard.press('Escape');
    await page.getByTestId('version-form').waitFor({ state: 'detached' });
  }
  await resize(page, { width: 1440, height: 900 });
}

/**
 * A city approver writes a programme's policy as data: custom tiers, a full-coverage threshold that reads
 * 低于 (below), no group cap; opens it; publishes a second version that sets the group cap and sees the
 * change listed; tops up the budget.
 */
describe('web portal: a programme policy in versions', () => {
  let app: TestApp;
  let browser: Browser;
  const people: Person[] = [];

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('approver: custom tiers, threshold below, no group cap → open → new version with a group cap → top-up', () => explainFailure(people, async () => {
    const approver = await newPerson(browser, app.running.url!);
    people.push(approver);
    const { page } = approver;
    await signIn(approver, DEMO.approver);
    await openMenu(page, '创新券计划');
    await page.getByTestId('programme-create').click();
    const form = page.getByTestId('programme-form');
    const tag = randomBytes(2).toString('hex');
    const name = `2026年嘉兴市科技创新券（政策${tag}）`;
    await form.locator('#name').fill(name);
    await form.locator('#nameEn').fill(`Jiaxing S&T Vouchers 2026 (policy ${tag})`);

    // Custom tiers: the standard ones go but the first, which becomes 一般企业 at 40 %; a 科技小巨人 tier at 70 % for enterprises.
    for (const i of [3, 2, 1]) await form.getByTestId(`tier-remove-${i}`).click();
    await form.locator('#tiers_0_code').fill('general');
    await form.locator('#tiers_0_ratioBp').fill('40');
    await form.getByTestId('tier-add').click();
    await form.locator('#tiers_1_code').fill('giant');
    await form.locator('#tiers_1_nameZh').fill('科技小巨人');
    await form.locator('#tiers_1_nameEn').fill('Little giant');
    await form.locator('#tiers_1_ratioBp').fill('70');
    await choose(page, 'tiers_1_qualifications', '科技小巨人企业');
    await page.keyboard.press('Escape');
    await choose(page, 'tiers_1_applicantKinds', '企业');
    await page.keyboard.press('Escape');

    // Caps: the group cap stays empty (no cap); orders below ¥1,000.00 are covered in full.
    await form.locator('#perApplicationCapFen').fill('50000');
    await form.locator('#annualCapEnterpriseFen').fill('100000');
    await form.locator('#fullCoverageThresholdFen').fill('1000');
    await choose(page, 'fullCoverageComparison', '低于门槛全额补助');
    await pickDate(page, 'useBy', '2026-12-31');
    await pickDate(page, 'redeemBy', '2027-03-31');
    await form.locator('#budgetFen').fill('1000000');
    await form.getByTestId('form-submit').click();
    await page.waitForURL(/\/review\/programmes\/[0-9a-f-]{36}$/);
    const id = page.url().split('/').pop()!;

    const auth = (await login(app, DEMO.approver)).auth;
    const created = await app.http().get(`/api/v1/programs/${id}`).set(auth).expect(200);
    expect([created.body.name, created.body.nameEn]).toEqual([name, `Jiaxing S&T Vouchers 2026 (policy ${tag})`]);
    expect(created.body.policy).toEqual({
      tiers: [
        { code: 'general', nameZh: '一般企业', nameEn: 'General', ratioBp: 4000, qualifications: [] },
        { code: 'giant', nameZh: '科技小巨人', nameEn: 'Little giant', ratioBp: 7000, qualifications: ['little_giant'], applicantKinds: ['enterprise'] },
      ],
      perApplicationCapFen: 5_000_000,
      annualCapEnterpriseFen: 10_000_000,
      annualCapTeamFen: null,
      annualCapGroupFen: null,
      fullCoverage: { thresholdFen: 100_000, comparison: 'below' },
      opensOn: null,
      closesOn: null,
    });

    // The policy as written: names in Chinese, "no cap", the threshold with its comparison.
    await contains(page.getByTestId('policy-tiers'), '科技小巨人企业');
    await shows(page.getByTestId('policy-annualCapGroupFen'), '不设上限');
    await shows(page.getByTestId('policy-annualCapTeamFen'), '不设上限');
    await shows(page.getByTestId('policy-fullCoverage'), '低于 ¥1,000.00 全额补助');

    // A draft is edited in place: the team cap is set.
    await page.getByTestId('programme-edit').click();
    await page.getByTestId('programme-form').locator('#annualCapTeamFen').fill('30000');
    await page.getByTestId('programme-form').getByTestId('form-submit').click();
    await shows(page.getByTestId('policy-annualCapTeamFen'), '¥30,000.00');

    await page.getByTestId('programme-open').click();
    await confirmPopover(page);
    await page.getByTestId('programme-status').locator('[data-status="open"]').waitFor();

    // The list shows the range of the tiers' ratios (there is no default tier).
    await openMenu(page, '创新券计划');
    await contains(page.getByTestId(`programme-row-${id}`), '40%–70%');
    await page.getByTestId(`programme-row-${id}`).getByRole('link').click();

    // A second version, effective today: the group cap set, nothing else.
    await page.getByTestId('programme-new-version').click();
    const version = page.getByTestId('version-form');
    await expect(version.locator('#annualCapGroupFen').inputValue()).resolves.toBe('');
    await expect(version.locator('#perApplicationCapFen').inputValue()).resolves.toBe('50000.00');
    await version.locator('#note').fill('自即日起设同一实际控制人年度上限');
    await version.locator('#annualCapGroupFen').fill('150000');
    await version.getByTestId('form-submit').click();
    const change = page.getByTestId('version-2-changes').locator('[data-field="annualCapGroupFen"]');
    await contains(change, '不设上限');
    await contains(change, '¥150,000.00');
    await expect(page.getByTestId('version-2-changes').locator('li').count()).resolves.toBe(1);
    await contains(page.getByTestId('version-2'), '现行');
    await shows(page.getByTestId('policy-annualCapGroupFen'), '¥150,000.00');
    const versions = await app.http().get(`/api/v1/programs/${id}/versions`).set(auth).expect(200);
    expect(versions.body.map((v: { versionNo: number; current: boolean; changes: { field: string }[] }) => [v.versionNo, v.current, v.changes.map((c) => c.field)])).toEqual([
      [1, false, []],
      [2, true, ['annualCapGroupFen']],
    ]);

    // A budget top-up: in the list and in the budget available.
    await page.getByTestId('programme-top-up').click();
    const topUp = page.getByTestId('programme-top-up-form');
    await topUp.locator('#amountFen').fill('200000');
    await topUp.locator('#reason').fill('市财政追加预算（嘉财教〔2026〕88号）');
    await topUp.getByTestId('form-submit').click();
    await contains(page.getByTestId('top-ups'), '¥200,000.00');
    await contains(page.getByTestId('budget-availableFen'), '¥1,200,000.00');

    // The English name of an open programme: words for readers, set without a new version.
    const englishName = `Jiaxing Innovation Vouchers 2026 (${tag})`;
    await page.getByTestId('programme-english-name').click();
    const naming = page.getByTestId('programme-english-name-form');
    await expect(naming.locator('#nameEn').inputValue()).resolves.toBe(`Jiaxing S&T Vouchers 2026 (policy ${tag})`);
    await naming.locator('#nameEn').fill(englishName);
    await naming.getByTestId('form-submit').click();
    await naming.waitFor({ state: 'detached' });
    const named = await app.http().get(`/api/v1/programs/${id}`).set(auth).expect(200);
    expect([named.body.nameEn, named.body.latestPolicyVersion]).toEqual([englishName, 2]);
    await screenshots(page, 'zh');

    // The same page in English.
    const english = await newPerson(browser, app.running.url!, 'en');
    people.push(english);
    await signIn(english, DEMO.approver);
    await english.page.goto(`/review/programmes/${id}`);
    await english.page.getByRole('heading', { name: englishName }).waitFor();
    await shows(english.page.getByTestId('policy-fullCoverage'), 'Orders below ¥1,000.00 covered in full');
    await contains(english.page.getByTestId('policy-tiers'), 'Little giant');
    await contains(english.page.getByTestId('version-2-changes'), 'No cap');
    await screenshots(english.page, 'en');

    // In 繁體 the Chinese name is converted, as other names the bureau writes (docs/i18n.md).
    const traditional = await newPerson(browser, app.running.url!, 'zh-Hant');
    people.push(traditional);
    await signIn(traditional, DEMO.approver);
    await traditional.page.goto('/review/programmes');
    await traditional.page.getByTestId(`programme-row-${id}`).getByRole('link', { name: `2026年嘉興市科技創新券（政策${tag}）` }).waitFor();

    expect(approver.errors).toEqual([]);
    expect(english.errors).toEqual([]);
    expect(traditional.errors).toEqual([]);
  }));
});
