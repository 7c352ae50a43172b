import type { Browser, Page } from 'playwright-core';
import { AxeViolation, seriousAxeViolations } from '../support/axe';
import { launchBrowser, newPerson, Person, signIn } from '../support/browser';
import { DEMO, startTestApp, TestApp } from '../support/test-app';

/**
 * axe-core on every page of the portal, in normal and in elder mode (docs/accessibility.md): the sign-in and
 * registration pages, then every side-menu page of every role's demo user (a page several roles share, such as
 * the approval inbox, is checked for the first of them). A serious or critical violation fails the test,
 * listed page by page.
 */
interface Finding extends AxeViolation {
  where: string;
}

async function axe(page: Page, where: string): Promise<Finding[]> {
  return (await seriousAxeViolations(page)).map((v) => ({ where, ...v }));
}

function report(findings: Finding[]): string {
  return findings.map((f) => `${f.where}: ${f.rule} (${f.impact}) ${f.help}\n    ${f.targets.join('\n    ')}`).join('\n');
}

/** Waits for a page to settle: no spinner, no request in flight for a moment. */
async function settled(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => undefined);
  await page.locator('.ant-spin-spinning').first().waitFor({ state: 'detached', timeout: 5_000 }).catch(() => undefined);
}

async function setElder(person: Person, on: boolean): Promise<void> {
  const toggle = person.page.getByTestId('elder-toggle');
  if ((await toggle.getAttribute('aria-pressed')) !== String(on)) await toggle.click();
  await person.page.waitForFunction((want) => document.documentElement.classList.contains('g60-elder') === want, on);
  // One frame more, so the restyled theme has been painted before axe reads colours and sizes.
  await person.page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

describe('accessibility: axe-core on every page, normal and elder mode', () => {
  let app: TestApp;
  let browser: Browser;
  /** Paths already checked (in both modes). */
  const checked = new Set<string>();
  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('sign-in, registration and the public big screen', async () => {
    const person = await newPerson(browser, app.running.url!);
    const findings: Finding[] = [];
    for (const path of ['/login', '/register', '/screen']) {
      await person.page.goto(path);
      await settled(person.page);
      for (const elder of [false, true]) {
        await setElder(person, elder);
        findings.push(...(await axe(person.page, `${path} ${elder ? 'elder' : 'normal'}`)));
      }
    }
    expect(report(findings)).toBe('');
    expect(person.errors).toEqual([]);
    await person.context.close();
  });

  it.each([DEMO.enterprise, DEMO.provider, DEMO.reviewer, DEMO.approver, DEMO.finance, DEMO.partner, DEMO.investor, DEMO.organiserJiaxing, DEMO.admin])(
    'every menu page of %s',
    async (email) => {
      const person = await newPerson(browser, app.running.url!);
      await signIn(person, email);
      const menu = person.page.getByTestId('side-menu');
      await menu.waitFor();
      const items = menu.locator('li[role=menuitem]');
      const count = await items.count();
      expect(count).toBeGreaterThan(0);
      const findings: Finding[] = [];
      // Each page is opened once and checked in both modes: the toggle restyles the page in place.
      for (let i = 0; i < count; i += 1) {
        const label = ((await items.nth(i).textContent()) ?? '').trim();
        await items.nth(i).click();
        await person.page.waitForLoadState('domcontentloaded');
        const path = new URL(person.page.url()).pathname;
        if (checked.has(path)) continue;
        checked.add(path);
        await settled(person.page);
        for (const elder of [false, true]) {
          await setElder(person, elder);
          findings.push(...(await axe(person.page, `${email.split('@')[0]} ${elder ? 'elder' : 'normal'} ${label} ${path}`)));
        }
        await setElder(person, false);
      }
      expect(report(findings)).toBe('');
      expect(person.errors).toEqual([]);
      await person.context.close();
    },
    600_000,
  );
});
