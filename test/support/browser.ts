import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { DEMO } from './test-app';

/** Debian's Chromium (`apt-get install chromium`); CHROMIUM_PATH overrides. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Starts headless Chromium; the portal's end-to-end tests fail loudly when it is not installed. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: install it (apt-get install chromium) or set CHROMIUM_PATH`);
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

export interface Person {
  context: BrowserContext;
  page: Page;
  /** Browser console errors and failed page scripts seen so far (a test asserts there are none). */
  errors: string[];
  /** The API's refusals seen by this page (method, path, status, error body), to explain a failed step. */
  refusals: string[];
}

/** The portal's languages as a person picks them (the language switch keeps the choice in localStorage). */
export type PortalLang = 'zh' | 'zh-Hant' | 'en';

/** A fresh browser profile for one person, its UI in 简体 unless `lang` says otherwise. */
export async function newPerson(browser: Browser, baseURL: string, lang: PortalLang = 'zh'): Promise<Person> {
  // reducedMotion: the portal then shows dialogs and pop-overs without animation, so no click lands in a
  // zoom-in (CI lost a Popconfirm's OK clicked during ant-zoom-big-appear-active: the sign never happened).
  const context = await browser.newContext({ baseURL, locale: { zh: 'zh-CN', 'zh-Hant': 'zh-TW', en: 'en-US' }[lang], viewport: { width: 1440, height: 900 }, acceptDownloads: true, reducedMotion: 'reduce' });
  await context.addInitScript((l) => {
    if (!window.localStorage.getItem('g60.lang')) window.localStorage.setItem('g60.lang', l);
  }, lang);
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !/Failed to load resource: the server responded with a status of (4\d\d)/.test(msg.text())) errors.push(`console: ${msg.text()}`);
  });
  const refusals: string[] = [];
  page.on('response', (res) => {
    if (res.status() < 400 || !new URL(res.url()).pathname.startsWith('/api/')) return;
    const line = `${res.request().method()} ${new URL(res.url()).pathname} → ${res.status()}`;
    void res.text().then(
      (body) => refusals.push(`${line} ${body.slice(0, 300)}`),
      () => refusals.push(line),
    );
  });
  return { context, page, errors, refusals };
}

/**
 * Runs a browser story and, when a step fails, adds what each person's page saw: the API's refusals,
 * the error messages on screen and the current URL. A timeout alone says only which element never came.
 */
export async function explainFailure<T>(people: Person[], story: () => Promise<T>): Promise<T> {
  try {
    return await story();
  } catch (err) {
    const seen = await Promise.all(
      people.map(async (p, i) => {
        const onScreen = await p.page
          .locator('.ant-message-error, .ant-form-item-explain-error, .ant-alert-error')
          .allInnerTexts()
          .catch(() => [] as string[]);
        return `person ${i + 1} at ${p.page.url()} (lang ${await p.page.evaluate(() => document.documentElement.lang).catch(() => '?')})\n  refusals: ${p.refusals.join('\n    ') || 'none'}\n  page errors: ${p.errors.join('\n    ') || 'none'}\n  on screen: ${onScreen.join(' | ') || 'nothing'}`;
      }),
    );
    if (err instanceof Error) {
      // Jest prints the stack (which Playwright formatted with the original message), so extend both.
      const extra = `\n\nWhat the pages saw:\n${seen.join('\n')}`;
      err.message += extra;
      err.stack = `${err.stack ?? ''}${extra}`;
    }
    throw err;
  }
}

/** Signs in through the login form, as a person would. */
export async function signIn(person: Person, email: string, password: string = DEMO.password): Promise<void> {
  const { page } = person;
  await page.goto('/login');
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(password);
  await page.locator('button[type=submit]').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/**
 * Resizes the window as a person turns a phone or widens a browser, and waits until the portal has laid itself out
 * at the new size. antd answers a media-query change on the next frame (Descriptions drop to one column, grids
 * re-flow), so a check run straight after `setViewportSize` can see the desktop layout squeezed into a phone:
 * CI once saw a three-column Descriptions overflow 390 px and axe call it an unfocusable scrolling region.
 */
export async function resize(page: Page, size: { width: number; height: number }): Promise<void> {
  await page.setViewportSize(size);
  await page.waitForFunction((w) => window.innerWidth === w, size.width);
  await page.evaluate(() => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))));
}

/** Clicks a side-menu entry by its visible label; on a phone it opens the navigation drawer first. */
export async function openMenu(page: Page, label: string | RegExp): Promise<void> {
  const drawerButton = page.getByTestId('menu-button');
  if (await drawerButton.isVisible()) {
    await drawerButton.click();
    await page.getByTestId('nav-drawer').waitFor();
  }
  await page.getByTestId('side-menu').getByText(label, { exact: typeof label === 'string' }).click();
}

/**
 * Confirms the open Popconfirm and waits until it has closed. The OK button is clicked only once the
 * popover's opening animation has ended: a click during the zoom-in was seen lost (the roadshow spec's
 * publish, CI: the popover stayed open with the OK button clicked during `ant-zoom-big-appear-active`).
 */
export async function confirmPopconfirm(page: Page): Promise<void> {
  const settled = page.locator('.ant-popconfirm:not(.ant-popover-hidden):not([class*="-appear"])').last();
  await settled.locator('.ant-btn-primary').click();
  const open = page.locator('.ant-popconfirm:not(.ant-popover-hidden)');
  while ((await open.count()) > 0) await open.first().waitFor({ state: 'hidden' });
}

/**
 * Opens an antd Select (by its input id, or a locator) and picks the first option whose text contains (or matches)
 * `text`, then checks that the choice took. A select whose options are still loading is disabled: wait for it.
 */
export async function pick(page: Page, select: string | Locator, text: string | RegExp): Promise<void> {
  const input = typeof select === 'string' ? page.locator(select) : select;
  await input.and(page.locator(':enabled')).waitFor({ state: 'attached' });
  // Click the select box itself: the chosen value's label lies over the input.
  const box = input.locator('xpath=ancestor::div[contains(concat(" ", normalize-space(@class), " "), " ant-select ")][1]');
  await box.click();
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: text }).first().click();
  await box.locator('.ant-select-content, .ant-select-selection-item').filter({ hasText: text }).first().waitFor(); // the chosen label (Ant Design 6: .ant-select-content) or tag
}

/** Types a date/time into an antd picker and confirms it with Tab (Enter would also submit the form). */
export async function typeDate(page: Page, id: string, text: string): Promise<void> {
  const input = page.locator(`#${id}`);
  await input.click();
  await input.fill(text);
  await input.press('Tab');
}

/** Submits an ApiForm (by its test id) and waits for `done`, or fails with the form's refusal. */
export async function submit(page: Page, formTestId: string, done: Locator): Promise<void> {
  const form = page.getByTestId(formTestId);
  await form.getByTestId('form-submit').click();
  const refused = form.locator('[data-testid=form-error], .ant-form-item-explain-error').first();
  const outcome = await Promise.race([done.waitFor().then(() => 'done'), refused.waitFor().then(() => 'refused')]);
  if (outcome === 'refused') throw new Error(`${formTestId} refused: ${await form.locator('[data-testid=form-error], .ant-form-item-explain-error').allTextContents()}`);
}
