import type { Browser } from 'playwright-core';
import { seriousAxeLines } from '../support/axe';
import { launchBrowser, newPerson, resize, signIn } from '../support/browser';
import { registerOrganization } from '../support/factories';
import { DEMO, login, startTestApp, TestApp } from '../support/test-app';
import { issueVoucher, listService, openProgram, recogniseShanghaiProviders } from '../support/vouchers';

jest.setTimeout(180_000);


/**
 * The delta map (一图) with its layers, for a bureau; the public big screen (大屏) without signing in, at wall,
 * laptop and phone sizes. The map is drawn from the bundled boundaries: the page reports how many of the nine G60
 * members have a region under their centre (echarts' containPixel on the geo component).
 */
describe('web portal: the delta map and the public big screen', () => {
  let app: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('the big screen opens from the sign-in page without an account, with the figures of GET /public/big-screen', async () => {
    const figures = (await app.http().get('/api/v1/public/big-screen').expect(200)).body as { totals: Record<string, number>; cities: { regionCode: string; activeProviders: number }[] };
    const person = await newPerson(browser, app.running.url!);
    const { page } = person;
    await page.goto('/login');
    await page.getByTestId('big-screen-link').click();
    await page.waitForURL('**/screen');
    await page.getByTestId('chart-big-screen').locator('canvas').first().waitFor();
    await page.getByTestId('screen-activeProviders').getByText(figures.totals.activeProviders.toLocaleString('zh-CN'), { exact: true }).waitFor();
    const withProviders = figures.cities.find((c) => c.activeProviders > 0)!;
    await page.getByTestId('table-big-screen').locator(`tr[data-row-key="${withProviders.regionCode}"]`).waitFor();
    for (const [width, height, name] of [[1920, 1080, 'wall'], [1280, 800, 'laptop'], [390, 844, 'phone']] as const) {
      await resize(page, { width, height });
      expect(await seriousAxeLines(page)).toEqual([]);
      // Nothing wider than the screen at any size.
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
      await page.screenshot({ path: `/tmp/big-screen-${name}.png`, fullPage: name === 'phone' });
    }
    await resize(page, { width: 1920, height: 1080 });
    // Elder mode (适老化) on the dark ground: still 4.5:1.
    await page.getByTestId('elder-toggle').click();
    await page.waitForFunction(() => document.documentElement.classList.contains('g60-elder'));
    expect(await seriousAxeLines(page)).toEqual([]);
    await page.screenshot({ path: '/tmp/big-screen-elder.png' });
    await page.getByTestId('elder-toggle').click();
    await page.getByTestId('screen-lang').getByText('EN').click();
    await page.getByText('Cross-region orders').waitFor();
    await page.screenshot({ path: '/tmp/big-screen-en.png' });
    expect(person.errors).toEqual([]);
    await person.context.close();
  });

  /**
   * The layers' lines: a Nanhu enterprise orders testing at the Shanghai demo lab with a Jiaxing voucher (a Jiaxing →
   * Shanghai voucher flow), and a Nanhu project lands in Hangzhou (a landing in another city).
   */
  async function seedFlowAndLanding(): Promise<void> {
    const [approver, reviewer, lab, partner, admin, demoEnterprise] = await Promise.all([DEMO.approver, DEMO.reviewer, DEMO.provider, DEMO.partner, DEMO.admin, DEMO.enterprise].map((email) => login(app, email)));
    const program = await openProgram(app, approver.auth);
    const enterprise = await registerOrganization(app, { kind: 'enterprise', regionCode: '330402' });
    const { voucherId } = await issueVoucher(app, enterprise.auth, reviewer.auth, approver.auth, program.id, 2_000_000);
    const service = await listService(app, lab.auth, 300_000);
    await recogniseShanghaiProviders(app, approver.auth, partner.auth, [(await app.http().get('/api/v1/me').set(lab.auth).expect(200)).body.organization.id]);
    await app.http().post('/api/v1/service-orders').set(enterprise.auth).send({ serviceId: service.id, voucherId, quantity: 2 }).expect(201);
    const project = await app.http().post('/api/v1/roadshow-projects').set(demoEnterprise.auth).send({
      title: '高导热石墨烯复合散热膜', summary: '面向 5G 基站与新能源汽车电控的散热材料', industry: 'new_materials', stage: 'series_a', financingAskFen: 3_000_000_000, regionCode: '330402', team: [{ name: '李文博', role: 'CEO' }],
    }).expect(201);
    await app.http().post(`/api/v1/roadshow-projects/${project.body.id}/outcome`).set(admin.auth).send({ landingCityCode: '330100', landedOn: '2026-05-01', financingRaisedFen: 0 }).expect(200);
  }

  it('the map draws the nine G60 members, the Jiaxing → Shanghai voucher flow and a landing in Hangzhou, and turns its layers on and off, each with its table', async () => {
    await seedFlowAndLanding();
    const person = await newPerson(browser, app.running.url!);
    const { page } = person;
    await signIn(person, DEMO.approver);
    await page.goto('/dashboards/map');
    const map = page.getByTestId('delta-map');
    await map.locator('canvas').first().waitFor();
    await page.waitForFunction(() => document.querySelector('[data-testid="delta-map"]')?.getAttribute('data-g60-drawn') === '9');
    expect(await map.getAttribute('data-layers')).toBe('providers voucherFlows projects landings');
    await page.getByTestId('table-provider-map').locator('tbody tr').first().waitFor();
    // The lines layers have their rows: Jiaxing → Shanghai orders (2 × ¥3,000 at 50%: ¥3,000 held), Jiaxing → Hangzhou landing.
    const flow = page.getByTestId('table-layer-voucherFlows').locator('tr[data-row-key="330400>310000"]');
    await flow.waitFor();
    expect(await flow.locator('td').allInnerTexts()).toEqual(['嘉兴市', '上海市', '1', '¥3,000.00']);
    const landing = page.getByTestId('table-layer-landings').locator('tr[data-row-key="330400>330100"]');
    expect(await landing.locator('td').allInnerTexts()).toEqual(['嘉兴市', '杭州市', '1']);
    for (const [width, height] of [[1440, 900], [390, 844]] as const) {
      await resize(page, { width, height });
      await map.locator('canvas').first().waitFor();
      await map.screenshot({ path: `/tmp/delta-map-zh-${width}.png` });
    }
    await resize(page, { width: 1280, height: 800 });

    // Providers off, services on: the category selector appears and the services table takes a tab.
    const layers = page.getByTestId('map-layers');
    await layers.getByText('服务机构', { exact: true }).click();
    await layers.getByText('服务项目', { exact: true }).click();
    expect(await map.getAttribute('data-layers')).toBe('services voucherFlows projects landings');
    await page.getByTestId('map-category').waitFor();
    await page.getByTestId('table-layer-services').waitFor();
    expect(await page.getByTestId('table-provider-map').count()).toBe(0);
    for (const table of ['table-layer-voucherFlows', 'table-layer-projects', 'table-layer-landings']) await page.getByTestId(table).waitFor();
    expect(await seriousAxeLines(page)).toEqual([]);
    await page.screenshot({ path: '/tmp/delta-map-1280.png', fullPage: true });
    await resize(page, { width: 390, height: 844 });
    await map.locator('canvas').first().waitFor();
    expect(await seriousAxeLines(page)).toEqual([]);
    await page.screenshot({ path: '/tmp/delta-map-phone.png', fullPage: true });
    expect(person.errors).toEqual([]);
    await person.context.close();
  });
});
