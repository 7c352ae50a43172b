import type { Browser } from 'playwright-core';
import { seriousAxeLines } from '../support/axe';
import { launchBrowser, newPerson, signIn } from '../support/browser';
import { DEMO, startTestApp, TestApp } from '../support/test-app';

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
      await page.setViewportSize({ width, height });
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      expect(await seriousAxeLines(page)).toEqual([]);
      // Nothing wider than the screen at any size.
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
      await page.screenshot({ path: `/tmp/big-screen-${name}.png`, fullPage: name === 'phone' });
    }
    await page.setViewportSize({ width: 1920, height: 1080 });
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

  it('the map draws the nine G60 members and turns its layers on and off, each with its table', async () => {
    const person = await newPerson(browser, app.running.url!);
    const { page } = person;
    await signIn(person, DEMO.approver);
    await page.goto('/dashboards/map');
    const map = page.getByTestId('delta-map');
    await map.locator('canvas').first().waitFor();
    await page.waitForFunction(() => document.querySelector('[data-testid="delta-map"]')?.getAttribute('data-g60-drawn') === '9');
    expect(await map.getAttribute('data-layers')).toBe('providers voucherFlows projects landings');
    await page.getByTestId('table-provider-map').locator('tbody tr').first().waitFor();

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
    await page.setViewportSize({ width: 390, height: 844 });
    await map.locator('canvas').first().waitFor();
    expect(await seriousAxeLines(page)).toEqual([]);
    await page.screenshot({ path: '/tmp/delta-map-phone.png', fullPage: true });
    expect(person.errors).toEqual([]);
    await person.context.close();
  });
});
