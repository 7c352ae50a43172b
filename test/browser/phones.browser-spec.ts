import type { Browser, Page } from 'playwright-core';
import { screenThroughReview } from '../support/roadshow-review';
import { registerOrganization, TEST_PASSWORD } from '../support/factories';
import { confirmPopconfirm, explainFailure, launchBrowser, newPerson, openMenu, Person, resize, signIn } from '../support/browser';
import { DEMO, eventually, login, startTestApp, TestApp } from '../support/test-app';
import { admittedProvider, issueVoucher, listService, openProgram } from '../support/vouchers';
import { recordStatus } from './enterprise-lab.steps';

const SHOTS = process.env.PHONE_SHOTS ?? '/tmp';
const PHONE = { width: 390, height: 844 };

/**
 * The second 端 (issue 19): the main flows at 390 × 844. The side menu is a drawer behind the header's button, tables
 * are cards, and no page scrolls sideways. Enterprise: find a service and order it, then confirm the delivery; the
 * lab: accept and deliver the order; an investor: browse the projects and express interest. In 简体, 繁體 and English.
 */
describe('web portal on a phone (390 × 844)', () => {
  let app: TestApp;
  let browser: Browser;
  let people: Person[] = [];

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
  });
  afterEach(async () => {
    await Promise.all(people.map((p) => p.context.close().catch(() => undefined)));
    people = [];
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  /** A person on a phone in this language (繁體 chosen on the device, as the language switch would). */
  async function phonePerson(email: string, lang: 'zh' | 'zh-Hant' | 'en', password = TEST_PASSWORD): Promise<Person> {
    const p = await newPerson(browser, app.running.url!, lang);
    await resize(p.page, PHONE);
    people.push(p);
    await signIn(p, email, password);
    await p.page.getByTestId('menu-button').waitFor();
    return p;
  }

  /** No sideways scrolling of the page itself (a table or a code block may scroll inside its own box). */
  async function fitsTheScreen(page: Page, what: string): Promise<void> {
    await page.waitForLoadState('networkidle').catch(() => undefined);
    await page.locator('.ant-drawer-content-wrapper').waitFor({ state: 'hidden' }); // the navigation drawer is closed
    const width = await page.evaluate(() => document.scrollingElement!.scrollWidth);
    if (width > PHONE.width) {
      // The innermost elements that reach past the screen's edge: what to fix.
      const wide = await page.evaluate((limit) => {
        const over = (e: Element) => e.getBoundingClientRect().right > limit + 1;
        return [...document.querySelectorAll('body *')].filter((e) => over(e) && ![...e.children].some(over)).slice(0, 5).map((e) => `${e.tagName}.${String(e.className).slice(0, 80)} "${(e.textContent ?? '').slice(0, 30)}"`).join(', ');
      }, PHONE.width);
      await page.screenshot({ path: `${SHOTS}/phone-too-wide.png`, fullPage: true });
      throw new Error(`${what}: the page is ${width}px wide at 390px (${wide})`);
    }
  }

  it('enterprise (简体) finds a service and orders it in cards; the lab (English) accepts and delivers; the enterprise confirms', () => explainFailure(people, async () => {
    const [approver, reviewer] = await Promise.all([login(app, DEMO.approver), login(app, DEMO.reviewer)]);
    const program = await openProgram(app, approver.auth);
    const enterprise = await registerOrganization(app, { kind: 'enterprise', regionCode: '330402' });
    const lab = await admittedProvider(app, '330402');
    const tag = Date.now().toString(36).slice(-5);
    const serviceName = `手机下单检测${tag}`;
    await listService(app, lab.auth, 300_000, serviceName);
    await issueVoucher(app, enterprise.auth, reviewer.auth, approver.auth, program.id, 2_000_000);

    const ent = await phonePerson(enterprise.user.email, 'zh');
    const page = ent.page;
    await page.getByTestId('home-applications').waitFor();
    await fitsTheScreen(page, 'enterprise home');
    expect(await page.getByTestId('menu-button').getAttribute('aria-label')).toBe('打开导航菜单');
    await page.screenshot({ path: `${SHOTS}/phone-enterprise-home-zh.png`, fullPage: true });

    await openMenu(page, '服务目录');
    await page.locator('#catalog-q').fill(serviceName);
    await page.locator('#catalog-q').press('Enter');
    // The catalogue is a list of cards, not a table.
    const results = page.getByTestId('catalog-table');
    await results.getByRole('link', { name: serviceName }).waitFor();
    expect(await results.evaluate((e) => e.tagName)).toBe('UL');
    await fitsTheScreen(page, 'catalogue');
    await page.screenshot({ path: `${SHOTS}/phone-catalogue-zh.png`, fullPage: true });
    await results.getByRole('link', { name: serviceName }).click();
    await page.waitForURL(/\/enterprise\/catalog\/[0-9a-f-]{36}$/);
    await page.locator('#quantity').fill('2');
    await page.getByTestId('quote').waitFor();
    await fitsTheScreen(page, 'service and quote');
    await page.screenshot({ path: `${SHOTS}/phone-quote-zh.png`, fullPage: true });
    await page.getByTestId('order-form').getByTestId('form-submit').click();
    await page.waitForURL(/\/enterprise\/orders\/[0-9a-f-]{36}$/);
    await recordStatus(page, 'created').waitFor();
    const orderUrl = page.url();
    const orderNumber = (await page.getByTestId('record-number').textContent())!.trim();
    await fitsTheScreen(page, 'order');

    // The lab, in English, on its phone.
    const labPerson = await phonePerson(lab.user.email, 'en');
    const lp = labPerson.page;
    expect(await lp.getByTestId('menu-button').getAttribute('aria-label')).toBe('Open the navigation menu');
    await openMenu(lp, 'Incoming orders');
    await lp.getByTestId('orders-table').getByRole('link', { name: orderNumber }).click();
    await lp.getByTestId('order-accept').click();
    await recordStatus(lp, 'accepted').waitFor();
    const form = lp.getByTestId('deliver-form');
    await form.locator('#reportNumber').fill(`PHONE-${tag}`);
    await form.locator('#actualAmountFen').fill('6000');
    await fitsTheScreen(lp, 'lab order with the delivery form');
    await lp.screenshot({ path: `${SHOTS}/phone-lab-deliver-en.png`, fullPage: true });
    await form.getByTestId('form-submit').click();
    await recordStatus(lp, 'delivered').waitFor();

    // The enterprise confirms the delivery.
    await page.goto(orderUrl);
    await recordStatus(page, 'delivered').waitFor();
    await page.getByTestId('order-confirm').click();
    await confirmPopconfirm(page);
    await recordStatus(page, 'confirmed').waitFor();
    await fitsTheScreen(page, 'confirmed order');
    await page.screenshot({ path: `${SHOTS}/phone-order-confirmed-zh.png`, fullPage: true });

    // Its orders list is cards too.
    await openMenu(page, '我的订单');
    await page.getByTestId('orders-table').getByRole('link', { name: orderNumber }).waitFor();
    expect(await page.getByTestId('orders-table').evaluate((e) => e.tagName)).toBe('UL');
    await fitsTheScreen(page, 'orders list');
    expect([...ent.errors, ...labPerson.errors]).toEqual([]);
  }));

  it('an investor (繁體) browses the projects and expresses interest; every investor page fits', () => explainFailure(people, async () => {
    const [enterprise, admin] = await Promise.all([login(app, DEMO.enterprise), login(app, DEMO.admin)]);
    const title = `手机路演项目 ${Date.now().toString(36).slice(-5)}`;
    const created = await app.http().post('/api/v1/roadshow-projects').set(enterprise.auth).send({
      title, summary: '面向 5G 基站的散热材料', industry: 'new_materials', stage: 'series_a',
      financingAskFen: 30_000_000, regionCode: '330402', team: [{ name: '李文博', role: 'CEO' }],
    }).expect(201);
    await app.http().post(`/api/v1/roadshow-projects/${created.body.id}/submit`).set(enterprise.auth).expect(200);
    await screenThroughReview(app, admin.auth, created.body.id);
    await eventually(async () => (await app.http().get(`/api/v1/roadshow-projects/${created.body.id}`).set(enterprise.auth)).body.status === 'screened', 30_000, 'screened');

    const investorOrg = await registerOrganization(app, { kind: 'investor', regionCode: '330402' });
    const investor = await phonePerson(investorOrg.user.email, 'zh-Hant');
    const page = investor.page;
    await page.locator('header').getByText('長三角G60科創服務平臺').waitFor();
    expect(await page.getByTestId('menu-button').getAttribute('aria-label')).toBe('打開導航菜單');

    // Every page of the investor's menu fits the screen.
    await page.getByTestId('menu-button').click();
    const entries = await page.getByTestId('side-menu').locator('.ant-menu-item').allInnerTexts();
    await page.keyboard.press('Escape');
    expect(entries.length).toBeGreaterThan(3);
    for (const entry of entries) {
      await openMenu(page, entry.trim());
      await page.locator('main h1, main h2, main h3, main h4').first().waitFor();
      await fitsTheScreen(page, `investor: ${entry}`);
    }

    await openMenu(page, '關注領域項目');
    await page.getByRole('tab', { name: '全部項目' }).click();
    const list = page.getByTestId('investor-projects');
    await list.getByText(title).waitFor();
    expect(await list.evaluate((e) => e.tagName)).toBe('UL');
    await page.screenshot({ path: `${SHOTS}/phone-investor-projects-zh-hant.png`, fullPage: true });
    await list.getByRole('link', { name: new RegExp(title) }).click();
    await page.getByTestId('project-title').getByText(title).waitFor();
    await page.getByTestId('interest-form').locator('#note').fill('關注散熱材料賽道');
    await page.getByTestId('interest-form').getByTestId('form-submit').click();
    await page.getByTestId('my-interest').waitFor();
    await fitsTheScreen(page, 'project with interest');
    await page.screenshot({ path: `${SHOTS}/phone-investor-interest-zh-hant.png`, fullPage: true });
    const interests = await app.dataSource.query(`SELECT status FROM roadshow_interests WHERE project_id = $1`, [created.body.id]);
    expect(interests).toEqual([{ status: 'interested' }]);
    expect(investor.errors).toEqual([]);
  }));
});
