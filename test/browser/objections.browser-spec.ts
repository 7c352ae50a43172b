import type { Browser } from 'playwright-core';
import { providerUnderNotice, waitForTask } from '../support/approvals';
import { launchBrowser, newPerson, openMenu, signIn } from '../support/browser';
import { DEMO, login, Session, startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(120_000);

/**
 * 公示 in the portal (docs/security.md, "Objections to public notices"): a registered enterprise finds a
 * provider admission under notice on /public-notices and objects; the notice stops and leaves the list.
 * The provider itself sees its notice without an objection button.
 */
describe('web portal: public notices and objections', () => {
  let app: TestApp;
  let browser: Browser;
  let partner: Session;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
    partner = await login(app, DEMO.partner);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('an enterprise objects to a provider admission under public notice', async () => {
    const { provider, caseId } = await providerUnderNotice(app, partner.auth);

    const enterprise = await newPerson(browser, app.running.url!);
    await signIn(enterprise, DEMO.enterprise);
    await openMenu(enterprise.page, '公示与异议');
    const row = enterprise.page.getByTestId(`notice-row-${caseId}`);
    await row.getByText(provider.organization.name).waitFor();
    await row.getByTestId('notice-object').click();
    const form = enterprise.page.getByTestId('notice-object-form');
    await form.locator('#reason').fill('该机构检测报告存在造假嫌疑');
    await form.getByTestId('form-submit').click();
    await row.waitFor({ state: 'detached' });
    await enterprise.page.screenshot({ path: '/tmp/public-notices.png', fullPage: true });
    expect(enterprise.errors).toEqual([]);
    await enterprise.context.close();

    await waitForTask(app, partner.auth, caseId, 'public_notice:objection');
    const [{ n }] = await app.dataSource.query(`SELECT count(*)::int AS n FROM approval_objections WHERE case_id = $1`, [caseId]);
    expect(n).toBe(1);
  });
});
