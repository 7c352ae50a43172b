import { createServer, IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Locator, Page } from 'playwright-core';
import { seriousAxeLines } from '../support/axe';
import { explainFailure, launchBrowser, newPerson, openMenu, Person, PortalLang, resize, signIn } from '../support/browser';
import { registerOrganization } from '../support/factories';
import { Mailbox } from '../support/mailbox';
import { DEMO, eventually, login, startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(240_000);

/** The gateway refuses (400, for good) numbers ending in 0000; the partner admin's is one. */
const REFUSED_PHONE = '+8613800000000';
const MASKED_PHONE = `${'*'.repeat(REFUSED_PHONE.length - 4)}0000`;

/** A local SMS gateway (as test/integration/messages.e2e-spec.ts): accepts numbers, refuses (400) those ending in 0000. */
async function startSmsGateway(): Promise<Server> {
  const server = createServer((req: IncomingMessage, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const body = JSON.parse(raw) as { to: string };
      if (body.to.endsWith('0000')) return void res.writeHead(400, { 'content-type': 'application/json' }).end('{"code":"isv.MOBILE_NUMBER_ILLEGAL"}');
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: `gw-${Date.now()}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return server;
}

interface DeliveryRow {
  id: string;
  status: string;
  created_at: Date;
}

/** The delivery rows' ids in the order the table (or, on a phone, the cards) shows them. */
async function shownIds(table: Locator): Promise<string[]> {
  return table.locator('[data-testid^="delivery-"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-testid')!.slice('delivery-'.length)));
}

async function choose(page: Page, selectTestId: string, option: string): Promise<void> {
  await page.getByTestId(selectTestId).click();
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: option }).first().click();
}

/**
 * 邮件短信发送 (/ops/message-deliveries) in the portal: deliveries made by the real flows (a password reset e-mailed
 * over a real SMTP server; an approval task's SMS the gateway refuses) listed newest first with their outcome, filtered
 * by status and channel, refreshed, the API's refusal shown with a retry; on a phone as cards in English and in 繁體;
 * nobody but the platform admin finds the page; and more rows than a page holds are paged.
 */
describe('web portal: e-mail and SMS deliveries (platform admin)', () => {
  const mailbox = new Mailbox();
  let gateway: Server;
  let app: TestApp;
  let browser: Browser;
  const people: Person[] = [];

  beforeAll(async () => {
    await mailbox.start();
    gateway = await startSmsGateway();
    [app, browser] = await Promise.all([
      startTestApp({
        env: {
          ...mailbox.env(),
          SMS_ADAPTER: 'http',
          SMS_HTTP_URL: `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/sms`,
          SMS_HTTP_TOKEN: 'sms-gateway-token-for-tests',
          PORTAL_URL: 'http://portal.g60.test',
        },
      }),
      launchBrowser(),
    ]);
    // The partner admin takes approval tasks by SMS too, on a number the gateway refuses.
    const partner = await login(app, DEMO.partner);
    await app.http().put('/api/v1/me/notification-preferences').set(partner.auth).send({ phone: REFUSED_PHONE, kinds: [{ kind: 'approval_tasks', email: true, sms: true }] }).expect(200);
  });
  afterAll(async () => {
    for (const p of people) await p.context.close();
    await browser?.close();
    await app?.close();
    await mailbox.stop();
    await new Promise((r) => gateway?.close(r));
  });

  async function person(lang: PortalLang = 'zh'): Promise<Person> {
    const p = await newPerson(browser, app.running.url!, lang);
    p.page.setDefaultTimeout(45_000);
    people.push(p);
    return p;
  }

  /** A password reset for a new user, e-mailed and sent. */
  async function sentResetMail(): Promise<DeliveryRow & { email: string }> {
    const user = await registerOrganization(app);
    await app.http().post('/api/v1/auth/password/forgot').send({ email: user.user.email }).expect(202);
    const row = await eventually(async () => {
      const [r] = (await app.dataSource.query(`SELECT id, status, created_at FROM message_deliveries WHERE recipient = $1 AND kind = 'account.password_reset'`, [user.user.email])) as DeliveryRow[];
      return r?.status === 'sent' ? r : undefined;
    }, 20_000, 'the reset e-mail sent');
    return { ...row, email: user.user.email };
  }

  /** A new Shanghai provider's admission task, texted to the partner admin: refused by the gateway, failed for good. */
  async function failedTaskSms(): Promise<DeliveryRow> {
    const provider = await registerOrganization(app, { kind: 'provider', regionCode: '310000' });
    return eventually(async () => {
      const [r] = (await app.dataSource.query(
        `SELECT d.id, d.status, d.created_at FROM message_deliveries d JOIN notifications n ON n.id = d.notification_id
          JOIN approval_cases c ON c.id::text = n.subject_id WHERE d.channel = 'sms' AND d.kind = 'approval.task_assigned' AND c.subject_id = $1`,
        [provider.organization.id],
      )) as DeliveryRow[];
      return r?.status === 'failed' ? r : undefined;
    }, 20_000, 'the task SMS failed');
  }

  it('lists deliveries newest first with their outcome; filters by status and channel; refreshes; shows the API’s refusal with a retry', async () => {
    const mail = await sentResetMail();
    const sms = await failedTaskSms();
    const admin = await person();
    const { page } = admin;
    await explainFailure([admin], async () => {
      await signIn(admin, DEMO.admin);
      await openMenu(page, '邮件短信发送');
      await page.waitForURL('**/ops/message-deliveries');
      await page.getByRole('heading', { name: '邮件与短信发送记录' }).waitFor();
      const table = page.getByTestId('message-deliveries-table');

      const smsRow = table.getByTestId(`delivery-${sms.id}`);
      await smsRow.waitFor();
      const smsCells = await smsRow.locator('td').allInnerTexts();
      // Channel, kind, recipient (masked by the API), status, attempts, last error, created, sent, failed.
      expect(smsCells.slice(0, 5)).toEqual(['短信', 'approval.task_assigned', MASKED_PHONE, '发送失败', '1']);
      expect(smsCells[5]).toContain('HTTP 400');
      expect(smsCells[7]).toBe('—');
      expect(smsCells[8]).toMatch(/^\d{4}\/\d{1,2}\/\d{1,2} \d{2}:\d{2}:\d{2}$/);
      expect(await smsRow.locator('[data-status]').getAttribute('data-status')).toBe('failed');

      const mailCells = await table.getByTestId(`delivery-${mail.id}`).locator('td').allInnerTexts();
      expect(mailCells.slice(0, 6)).toEqual(['邮件', 'account.password_reset', mail.email, '已发送', '1', '—']);
      expect(mailCells[7]).toMatch(/^\d{4}\/\d{1,2}\/\d{1,2} \d{2}:\d{2}:\d{2}$/);
      expect(mailCells[8]).toBe('—');

      // Newest first: the rows in the order of their creation, latest at the top.
      const shown = await shownIds(table);
      expect(shown.indexOf(sms.id)).toBeGreaterThanOrEqual(0);
      expect(shown.indexOf(sms.id)).toBeLessThan(shown.indexOf(mail.id));
      const created = (await app.dataSource.query(`SELECT id, created_at FROM message_deliveries WHERE id = ANY($1)`, [shown])) as DeliveryRow[];
      const at = new Map(created.map((r) => [r.id, r.created_at.getTime()]));
      expect(shown.map((id) => at.get(id))).toEqual(shown.map((id) => at.get(id)).sort((a, b) => b! - a!));
      // The filled page passes axe (the accessibility sweep sees it empty).
      expect(await seriousAxeLines(page)).toEqual([]);

      // Failed only: exactly the failed deliveries, the e-mail gone.
      await choose(page, 'delivery-status-filter', '发送失败');
      await table.getByTestId(`delivery-${mail.id}`).waitFor({ state: 'detached' });
      const failed = (await app.dataSource.query(`SELECT id FROM message_deliveries WHERE status = 'failed' ORDER BY created_at DESC, id`)) as { id: string }[];
      expect(await shownIds(table)).toEqual(failed.map((r) => r.id));
      expect(await table.locator('[data-status]').evaluateAll((tags) => tags.map((t) => t.getAttribute('data-status')))).toEqual(failed.map(() => 'failed'));

      // Failed e-mails: none, said so.
      expect(await app.dataSource.query(`SELECT id FROM message_deliveries WHERE status = 'failed' AND channel = 'email'`)).toEqual([]);
      await choose(page, 'delivery-channel-filter', '邮件');
      await table.getByText('没有符合筛选条件的发送记录').waitFor();
      expect(await shownIds(table)).toEqual([]);

      // Sent e-mails, then a new one appears at the top on refresh.
      await choose(page, 'delivery-status-filter', '已发送');
      await table.getByTestId(`delivery-${mail.id}`).waitFor();
      expect(await table.locator('[data-status]').evaluateAll((tags) => tags.every((t) => t.getAttribute('data-status') === 'sent'))).toBe(true);
      const later = await sentResetMail();
      expect(await table.getByTestId(`delivery-${later.id}`).count()).toBe(0);
      await page.getByTestId('refresh').click();
      await table.getByTestId(`delivery-${later.id}`).waitFor();
      expect((await shownIds(table))[0]).toBe(later.id);

      // The API refuses (here: unavailable): the page says so and retries.
      await page.route('**/api/v1/admin/message-deliveries**', (route) =>
        route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ code: 'SERVICE_UNAVAILABLE', message: 'maintenance' }) }),
      );
      await page.getByTestId('refresh').click();
      const alert = page.locator('.ant-alert-error').filter({ hasText: '服务暂不可用：maintenance' });
      await alert.waitFor();
      await page.unroute('**/api/v1/admin/message-deliveries**');
      await alert.getByRole('button').click();
      await alert.waitFor({ state: 'detached' });
      await table.getByTestId(`delivery-${later.id}`).waitFor();
    });
    expect(admin.errors.filter((e) => !e.includes('status of 503'))).toEqual([]);
  });

  it('on a phone the rows are cards (English), nothing wider than the screen; 繁體 speaks it', async () => {
    const sms = await failedTaskSms();
    const admin = await person('en');
    const { page } = admin;
    await resize(page, { width: 390, height: 844 });
    await explainFailure([admin], async () => {
      await signIn(admin, DEMO.admin);
      // The shell is up (openMenu opens the drawer only when it sees its button).
      await page.getByTestId('menu-button').waitFor();
      await openMenu(page, 'E-mail and SMS');
      await page.waitForURL('**/ops/message-deliveries');
      const card = page.getByTestId('message-deliveries-table').getByTestId(`delivery-${sms.id}`);
      await card.waitFor();
      expect(await card.evaluate((el) => el.tagName)).toBe('LI');
      const fields = await card.locator('.g60-row-card-field').evaluateAll((divs) => divs.map((d) => [d.querySelector('dt')!.textContent, d.querySelector('dd')!.textContent]));
      expect(fields.slice(0, 5)).toEqual([['Channel', 'SMS'], ['Kind', 'approval.task_assigned'], ['Recipient', MASKED_PHONE], ['Status', 'Failed'], ['Attempts', '1']]);
      expect(fields[5][0]).toBe('Last error');
      expect(fields[5][1]).toContain('HTTP 400');
      expect(fields.slice(6).map(([title]) => title)).toEqual(['Created', 'Sent', 'Failed']);
      expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(390);
      expect(await seriousAxeLines(page)).toEqual([]);

      await page.getByTestId('lang-toggle').getByText('繁體').click();
      await page.getByRole('heading', { name: '郵件與短信發送記錄' }).waitFor();
      await card.locator('[data-status="failed"]').filter({ hasText: '發送失敗' }).waitFor();
      expect(await card.locator('dt').first().textContent()).toBe('渠道');
      expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(390);
    });
    expect(admin.errors).toEqual([]);
  });

  it('a partner admin finds no menu entry, and the address sends them home without asking the API', async () => {
    const partner = await person();
    const { page } = partner;
    const asked: string[] = [];
    page.on('request', (req) => {
      if (req.url().includes('/api/v1/admin/message-deliveries')) asked.push(req.url());
    });
    await explainFailure([partner], async () => {
      await signIn(partner, DEMO.partner);
      const menu = page.getByTestId('side-menu');
      await menu.locator('li[role=menuitem]').first().waitFor();
      const entries = await menu.locator('li[role=menuitem]').allInnerTexts();
      expect(entries.length).toBeGreaterThan(0);
      expect(entries.map((e) => e.trim())).not.toContain('邮件短信发送');
      await page.goto('/ops/message-deliveries');
      await page.waitForURL((url) => url.pathname !== '/ops/message-deliveries');
      await menu.waitFor();
      expect(await page.getByTestId('message-deliveries-table').count()).toBe(0);
    });
    expect(asked).toEqual([]);
    expect(partner.errors).toEqual([]);
  });

  it('pages through more deliveries than a page holds, newest first; a filter goes back to the first page', async () => {
    // Sixty sent e-mails of a year ago (older than every other row), so the whole list runs past one page of 50.
    await app.dataSource.query(
      `INSERT INTO message_deliveries (dedup_key, channel, template, kind, recipient, locale, status, attempts, created_at, sent_at)
       SELECT 'paging:' || i, 'email', 'notification', 'test.paging', 'paging' || i || '@example.test', 'zh-CN', 'sent', 1,
              now() - interval '365 days' + i * interval '1 second', now() - interval '365 days' + i * interval '1 second'
         FROM generate_series(1, 60) AS i`,
    );
    const all = ((await app.dataSource.query(`SELECT id FROM message_deliveries ORDER BY created_at DESC, id`)) as { id: string }[]).map((r) => r.id);
    expect(all.length).toBeGreaterThan(50);
    // The phone test left the admin's language at 繁體: back to 简体 for this one.
    await app.http().put('/api/v1/me/preferences').set((await login(app, DEMO.admin)).auth).send({ locale: 'zh-CN' }).expect(200);
    const admin = await person();
    const { page } = admin;
    await explainFailure([admin], async () => {
      await signIn(admin, DEMO.admin);
      await openMenu(page, '邮件短信发送');
      const table = page.getByTestId('message-deliveries-table');
      await table.getByTestId(`delivery-${all[0]}`).waitFor();
      expect(await shownIds(table)).toEqual(all.slice(0, 50));
      await page.getByTestId('pager-next').click();
      await table.getByTestId(`delivery-${all[50]}`).waitFor();
      expect(await shownIds(table)).toEqual(all.slice(50, 100));
      await page.getByTestId('pager').getByText('第 2 页').waitFor();
      // Sent only: back to page 1 of the sent rows.
      await choose(page, 'delivery-status-filter', '已发送');
      const sent = ((await app.dataSource.query(`SELECT id FROM message_deliveries WHERE status = 'sent' ORDER BY created_at DESC, id LIMIT 50`)) as { id: string }[]).map((r) => r.id);
      await table.getByTestId(`delivery-${sent[0]}`).waitFor();
      expect(await shownIds(table)).toEqual(sent);
      await page.getByTestId('pager').getByText('第 1 页').waitFor();
    });
    expect(admin.errors).toEqual([]);
  });
});
