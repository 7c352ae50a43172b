import type { Browser } from 'playwright-core';
import { explainFailure, launchBrowser, newPerson, Person, resize, signIn } from '../support/browser';
import { registerOrganization, TEST_PASSWORD, uniqueEmail } from '../support/factories';
import { linkIn, Mailbox } from '../support/mailbox';
import { DEMO, eventually, login, startTestApp, TestApp } from '../support/test-app';

/** Messages that reach people, in the portal: forgot password and invitations by e-mail (a real SMTP server), channel preferences. */
describe('portal: e-mailed links and message delivery settings', () => {
  const mailbox = new Mailbox();
  let app: TestApp;
  let browser: Browser;
  const people: Person[] = [];

  beforeAll(async () => {
    await mailbox.start();
    [app, browser] = await Promise.all([startTestApp({ env: { ...mailbox.env(), PORTAL_URL: 'http://portal.g60.test' } }), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await mailbox.stop();
  });

  /** The e-mailed link's path and query, opened on the test's server. */
  const pathOf = (link: string) => {
    const url = new URL(link);
    return `${url.pathname}${url.search}`;
  };

  it('forgot password on the sign-in page: the e-mailed link sets a new password that signs in', async () => {
    const user = await registerOrganization(app);
    const visitor = await newPerson(browser, app.running.url!);
    people.push(visitor);
    const { page } = visitor;
    await explainFailure(people, async () => {
      await page.goto('/login');
      await page.getByTestId('forgot-password-link').click();
      const form = page.getByTestId('forgot-password-form');
      await form.locator('#email').fill(user.user.email);
      await form.getByTestId('form-submit').click();
      await page.getByTestId('forgot-sent').waitFor();
      const [mail] = await eventually(async () => (mailbox.to(user.user.email, '重置密码').length ? mailbox.to(user.user.email, '重置密码') : undefined), 15_000, 'reset e-mail');
      await page.goto(pathOf(linkIn(mail, 'http://portal.g60.test/reset-password?token=')));
      const reset = page.getByTestId('reset-password-form');
      // The token comes from the link: its field is not shown.
      expect(await reset.locator('#token').isVisible()).toBe(false);
      await reset.locator('#newPassword').fill('Mailed-link-passw0rd');
      await reset.locator('#confirmPassword').fill('Mailed-link-passw0rd');
      await reset.getByTestId('form-submit').click();
      await page.waitForURL('**/login');
      await signIn(visitor, user.user.email, 'Mailed-link-passw0rd');
    });
    expect(visitor.errors).toEqual([]);
  });

  it('an invitation e-mail opens the accept page; the new account signs in (English)', async () => {
    const partner = await login(app, DEMO.partner);
    const me = await app.http().get('/api/v1/me').set(partner.auth).expect(200);
    const email = uniqueEmail('browser-invitee');
    await app.http().post(`/api/v1/organizations/${me.body.organization.id}/invitations`).set(partner.auth).send({ email, role: 'partner_admin' }).expect(201);
    const [mail] = await eventually(async () => (mailbox.to(email).length ? mailbox.to(email) : undefined), 15_000, 'invitation e-mail');
    const invitee = await newPerson(browser, app.running.url!, 'en');
    people.push(invitee);
    const { page } = invitee;
    await explainFailure(people, async () => {
      await page.goto(pathOf(linkIn(mail, 'http://portal.g60.test/accept-invitation?token=')));
      await page.getByText('Accept invitation').first().waitFor();
      const form = page.getByTestId('accept-invitation-form');
      await form.locator('#displayName').fill('Invited in browser');
      await form.locator('#password').fill(TEST_PASSWORD);
      await form.locator('#confirmPassword').fill(TEST_PASSWORD);
      await form.getByTestId('form-submit').click();
      await page.waitForURL('**/login');
      await signIn(invitee, email, TEST_PASSWORD);
    });
    expect(invitee.errors).toEqual([]);
  });

  it('message delivery settings from the user menu, on a phone: an e-mail channel turned off stays off; in 繁體 the page and the next e-mail are 繁體', async () => {
    const user = await registerOrganization(app);
    const person = await newPerson(browser, app.running.url!);
    people.push(person);
    const { page } = person;
    await resize(page, { width: 390, height: 844 });
    await explainFailure(people, async () => {
      await signIn(person, user.user.email, TEST_PASSWORD);
      await page.getByTestId('user-menu').click();
      await page.getByTestId('menu-notification-preferences').click();
      await page.waitForURL('**/account/notifications');
      const card = page.getByTestId('channels-roadshows');
      await card.getByText('科创路演').waitFor();
      const email = card.getByRole('switch').first();
      expect(await email.getAttribute('aria-checked')).toBe('true');
      await email.click();
      await page.getByTestId('notification-preferences-form').getByTestId('form-submit').click();
      await page.getByText('消息接收设置已保存').waitFor();
      // Nothing wider than the phone.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      // In 繁體 the page speaks it, and the choice (kept on the account) makes the next e-mail 繁體 too.
      await page.getByTestId('lang-toggle').getByText('繁體').click();
      await page.getByText('消息接收設置').first().waitFor();
      await page.getByTestId('channels-roadshows').getByText('科創路演').waitFor();
      await eventually(async () => (await app.dataSource.query(`SELECT locale FROM users WHERE id = $1`, [user.user.id]))[0].locale === 'zh-Hant', 10_000, 'the choice saved');
    });
    await app.http().post('/api/v1/auth/password/forgot').send({ email: user.user.email }).expect(202);
    const [mail] = await eventually(async () => (mailbox.to(user.user.email, '重置密碼').length ? mailbox.to(user.user.email, '重置密碼') : undefined), 15_000, '繁體 reset e-mail');
    expect(mail.subject).toBe('【G60平臺】重置密碼');
    const saved = await app.http().get('/api/v1/me/notification-preferences').set(user.auth).expect(200);
    expect(saved.body.kinds).toContainEqual({ kind: 'roadshows', email: false, sms: false });
    expect(saved.body.kinds).toContainEqual({ kind: 'approval_tasks', email: true, sms: false });
    expect(person.errors).toEqual([]);
  });
});
