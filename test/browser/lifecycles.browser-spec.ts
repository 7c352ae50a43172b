import type { Browser } from 'playwright-core';
import { launchBrowser, newPerson, openMenu, signIn } from '../support/browser';
import { DEMO, startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(180_000);

/** 状态机 / Lifecycles: the platform admin reads every declared lifecycle, as the API serves it. */
describe('web portal: lifecycles page', () => {
  let app: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('lists each lifecycle and shows the transitions of the one opened', async () => {
    const person = await newPerson(browser, app.running.url!);
    const { page } = person;
    page.setDefaultTimeout(45_000);
    await signIn(person, DEMO.admin);
    await openMenu(page, '状态机');
    await page.getByText('兑付 redemption claim').click();
    const table = page.getByTestId('lifecycle-transitions-redemption_claim');
    const claw = table.locator('tr[data-row-key="claw_back"]');
    await claw.waitFor();
    expect(await claw.textContent()).toBe('claw_backpaid→ clawed_backredemption_claim.clawed_back—');
    // One row per declared action, in the declared order.
    expect(await table.locator('tbody tr[data-row-key]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-row-key')))).toEqual(
      ['start_review', 'approve', 'reject', 'return', 'resubmit', 'withdraw', 'pay', 'claw_back', 'recover'],
    );
    expect(person.errors).toEqual([]);
  });
});
