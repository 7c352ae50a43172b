import type { Browser } from 'playwright-core';
import { registerOrganization, TEST_PASSWORD, uniqueUscc } from '../support/factories';
import { choose } from './enterprise-lab.steps';
import { confirmPopconfirm, launchBrowser, newPerson, Person, signIn } from '../support/browser';
import { DEMO, startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(240_000);

/**
 * Accounts in the browser (docs/security.md, "Passwords"): a user changes their password from the
 * user menu; a platform admin forces a reset from the users page and reads the one-time token; the
 * user's sign-in is refused until they set a new password with that token on the public page.
 */
describe('web portal: password change and forced reset', () => {
  let app: TestApp;
  let browser: Browser;
  // Each test signs in its own people on their own accounts; a failure in one cannot reach the next.
  let people: Person[] = [];

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });
  beforeEach(() => {
    people = [];
  });
  afterEach(async () => {
    const errors = people.map((p) => p.errors);
    await Promise.all(people.map((p) => p.context.close().catch(() => undefined)));
    for (const e of errors) expect(e).toEqual([]);
  });

  it('change password from the user menu, forced reset by the admin, new password set with the token', async () => {
    const org = await registerOrganization(app, { kind: 'enterprise' });
    const email = org.user.email;
    const user = await newPerson(browser, app.running.url as string, 'en');
    people.push(user);
    await signIn(user, email, TEST_PASSWORD);

    // Change password: a wrong current password is put on its field; the right one succeeds.
    await user.page.getByTestId('user-menu').hover();
    await user.page.getByTestId('menu-change-password').click();
    await user.page.waitForURL('**/account/password');
    const form = user.page.getByTestId('change-password-form');
    await form.locator('#currentPassword').fill('not-my-password-1');
    await form.locator('#newPassword').fill('Changed-in-browser-1');
    await form.locator('#confirmPassword').fill('Changed-in-browser-1');
    await form.getByTestId('form-submit').click();
    await form.getByText('is wrong').waitFor();
    await form.locator('#currentPassword').fill(TEST_PASSWORD);
    await form.getByTestId('form-submit').click();
    await user.page.getByTestId('password-changed').waitFor();

    // The admin forces a reset and reads the one-time token.
    const admin = await newPerson(browser, app.running.url as string, 'en');
    people.push(admin);
    await signIn(admin, DEMO.admin);
    await admin.page.goto('/ops/users');
    // Ant Design 6 puts the test id on the search box's wrapper; the text goes in its <input>.
    const search = admin.page.getByTestId('users-search').locator('input');
    await search.fill(email);
    await search.press('Enter');
    const row = admin.page.getByTestId('users-table').locator('tbody tr').filter({ hasText: email });
    await row.waitFor();
    await row.getByTestId('force-password-reset').click();
    await confirmPopconfirm(admin.page);
    const tokenText = (await admin.page.getByTestId('password-reset-token').textContent())?.trim() ?? '';
    expect(tokenText).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    await admin.page.locator('.ant-modal-close').click();
    await row.getByTestId('must-reset-password').waitFor();

    // The user's sign-in is refused with the reset code until the token sets a new password.
    await user.page.goto('/login');
    await user.page.locator('#email').fill(email);
    await user.page.locator('#password').fill('Changed-in-browser-1');
    await user.page.locator('button[type=submit]').click();
    await user.page.getByTestId('login-error').getByText('An admin reset this account’s password').waitFor();
    await user.page.getByTestId('reset-password-link').click();
    const reset = user.page.getByTestId('reset-password-form');
    await reset.locator('#token').fill(tokenText);
    await reset.locator('#newPassword').fill('Set-with-token-22');
    await reset.locator('#confirmPassword').fill('Set-with-token-22');
    await reset.getByTestId('form-submit').click();
    await user.page.waitForURL('**/login');
    await signIn(user, email, 'Set-with-token-22');
  });

  it('registering with an e-mail that already has an account ends on the sign-in page, with nothing created', async () => {
    const existing = await registerOrganization(app, { kind: 'enterprise' });
    const visitor = await newPerson(browser, app.running.url as string);
    people.push(visitor);
    const { page } = visitor;
    await page.goto('/register');
    const form = page.getByTestId('register-form');
    const uscc = uniqueUscc('330402');
    await form.locator('#organization_name').fill(`浏览器重复邮箱${Date.now().toString().slice(-6)}有限公司`);
    await form.locator('#organization_uscc').fill(uscc);
    await choose(page, 'organization_regionCode', '南湖区', '南湖');
    await form.locator('#user_displayName').fill('重复邮箱');
    await form.locator('#user_email').fill(existing.user.email);
    await form.locator('#user_password').fill('Someone-else-pass-1');
    await form.locator('#confirmPassword').fill('Someone-else-pass-1');
    await form.getByTestId('form-submit').click();
    await page.waitForURL(/\/login$/);
    const [{ n }] = await app.dataSource.query(`SELECT count(*)::int AS n FROM organizations WHERE uscc = $1`, [uscc]);
    expect(n).toBe(0);
  });
});
