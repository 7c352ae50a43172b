import type { Browser, Page } from 'playwright-core';
import { AxeViolation, seriousAxeViolations } from '../support/axe';
import { launchBrowser, newPerson, Person, PortalLang, resize, signIn } from '../support/browser';
import { DEMO, startTestApp, TestApp } from '../support/test-app';

const LANGS: PortalLang[] = ['zh', 'zh-Hant', 'en'];

/**
 * axe-core on every page of the portal, in normal and in elder mode (docs/accessibility.md): the public pages in
 * 简体, 繁體 and English, then every side-menu page of every role's demo user, each role in one of the three
 * languages (a page several roles share, such as the approval inbox, is checked for the first of them), and the
 * phone roles' pages at 390 × 844. A serious or critical violation fails the test, listed page by page.
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

/**
 * axe-core on every page of the portal, in normal and in elder mode (docs/accessibility.md): the sign-in and
 * registration pages and the public 公示 list, then every side-menu page of every role's demo user (a page several roles share, such as
 * the approval inbox, is checked for the first of them). A serious or critical violation fails the test,
 * listed page by page.
 */
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

  // The public pages in each language; the pages after sign-in in the language of their role's row below.
  it.each(LANGS)('sign-in, registration, forgot password, reset, invitation, the public 公示 list, the big screen and the embeddable widgets (%s)', async (lang) => {
    const person = await newPerson(browser, app.running.url!, lang);
    const findings: Finding[] = [];
    for (const path of ['/login', '/register', '/forgot-password', '/reset-password?token=from-the-e-mail-link-000000', '/accept-invitation?token=from-the-e-mail-link-000000', '/notices', '/screen', '/embed/catalog', '/embed/roadshows']) {
      await person.page.goto(path);
      await settled(person.page);
      for (const elder of [false, true]) {
        await setElder(person, elder);
        findings.push(...(await axe(person.page, `${lang} ${path} ${elder ? 'elder' : 'normal'}`)));
      }
    }
    expect(report(findings)).toBe('');
    expect(person.errors).toEqual([]);
    await person.context.close();
  });

  it('pages outside the side menu: the calendar feed (user menu)', async () => {
    const person = await newPerson(browser, app.running.url!);
    await signIn(person, DEMO.investor);
    await person.page.goto('/account/calendar');
    await person.page.getByTestId('calendar-feed-rotate').waitFor();
    await person.page.getByTestId('calendar-feed-rotate').click();
    await person.page.getByTestId('calendar-feed-address').waitFor();
    const findings: Finding[] = [];
    for (const elder of [false, true]) {
      await setElder(person, elder);
      findings.push(...(await axe(person.page, `/account/calendar ${elder ? 'elder' : 'normal'}`)));
    }
    await setElder(person, false);
    expect(report(findings)).toBe('');
    expect(person.errors).toEqual([]);
    await person.context.close();
  });

  // Each role in one of the three languages, so that every language is swept over many pages (a page several
  // roles share is checked once, for the first of them).
  it.each([
    [DEMO.enterprise, 'zh'],
    [DEMO.provider, 'en'],
    [DEMO.reviewer, 'zh-Hant'],
    [DEMO.approver, 'en'],
    [DEMO.finance, 'zh-Hant'],
    [DEMO.partner, 'zh'],
    [DEMO.investor, 'en'],
    [DEMO.organiserJiaxing, 'zh-Hant'],
    [DEMO.admin, 'zh'],
  ] as const)(
    'every menu page of %s (%s)',
    async (email, lang) => {
      const person = await newPerson(browser, app.running.url!, lang);
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
          findings.push(...(await axe(person.page, `${email.split('@')[0]} ${lang} ${elder ? 'elder' : 'normal'} ${label} ${path}`)));
        }
        await setElder(person, false);
      }
      expect(report(findings)).toBe('');
      expect(person.errors).toEqual([]);
      await person.context.close();
    },
    600_000,
  );

  // Pages of the user menu (not in the side menu), for one role: the same for every role.
  it('the user menu pages, on a desktop and a phone', async () => {
    const person = await newPerson(browser, app.running.url!);
    await signIn(person, DEMO.enterprise);
    const findings: Finding[] = [];
    for (const viewport of [{ width: 1280, height: 900 }, { width: 390, height: 844 }]) {
      await resize(person.page, viewport);
      for (const path of ['/account/password', '/account/notifications']) {
        await person.page.goto(path);
        await settled(person.page);
        for (const elder of [false, true]) {
          await setElder(person, elder);
          findings.push(...(await axe(person.page, `${path} ${viewport.width} ${elder ? 'elder' : 'normal'}`)));
        }
        await setElder(person, false);
      }
    }
    expect(report(findings)).toBe('');
    expect(person.errors).toEqual([]);
    await person.context.close();
  });

  // Phones (390 × 844): every menu page of the roles that work on a phone, opened by its address (the menu is a
  // drawer there), in both modes; the page may not scroll sideways either.
  it.each([
    [DEMO.enterprise, 'zh-Hant'],
    [DEMO.provider, 'zh'],
    [DEMO.investor, 'en'],
  ] as const)(
    'every menu page of %s on a phone (%s)',
    async (email, lang) => {
      const person = await newPerson(browser, app.running.url!, lang);
      await signIn(person, email);
      const menu = person.page.getByTestId('side-menu');
      await menu.waitFor();
      const paths = await menu.locator('li[role=menuitem]').evaluateAll((items) => items.map((li) => li.getAttribute('data-menu-id')?.replace(/^.*?-(?=\/)/, '') ?? ''));
      expect(paths.length).toBeGreaterThan(0);
      expect(paths.every((p) => p.startsWith('/'))).toBe(true);
      await resize(person.page, { width: 390, height: 844 });
      const findings: Finding[] = [];
      const tooWide: string[] = [];
      // Each page is loaded once and checked in both modes (the toggle restyles it in place).
      for (const path of paths) {
        await person.page.goto(path);
        await person.page.getByTestId('menu-button').waitFor();
        await settled(person.page);
        for (const elder of [false, true]) {
          await setElder(person, elder);
          const where = `${email.split('@')[0]} ${lang} phone ${elder ? 'elder' : 'normal'} ${path}`;
          findings.push(...(await axe(person.page, where)));
          const width = await person.page.evaluate(() => document.scrollingElement!.scrollWidth);
          if (width > 390) tooWide.push(`${where}: ${width}px`);
        }
        await setElder(person, false);
      }
      await setElder(person, false);
      expect(report(findings)).toBe('');
      expect(tooWide).toEqual([]);
      expect(person.errors).toEqual([]);
      await person.context.close();
    },
    600_000,
  );
});
