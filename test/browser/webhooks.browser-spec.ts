import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { caseOfSubject, decide, waitForTask } from '../support/approvals';
import { confirmPopconfirm, launchBrowser, newPerson, openMenu, Person, signIn } from '../support/browser';
import { registerOrganization, TEST_PASSWORD } from '../support/factories';
import { DEMO, eventually, login, startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(240_000);

async function rowOf(page: Page, table: string, key: string) {
  const row = page.getByTestId(table).locator(`tr[data-row-key="${key}"]`);
  await row.waitFor();
  return row;
}

/**
 * Webhooks in the portal (docs/security.md, "Outbound calls"): the platform admin allow-lists a host;
 * an organisation admin is refused an internal URL on the url field, subscribes a receiver, sees the
 * secret once, pauses, resumes, reads the delivery log and deletes the webhook.
 */
describe('web portal: webhooks and their allow-list', () => {
  let app: TestApp;
  let browser: Browser;
  let server: Server;
  let base = '';
  const people: Person[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(200).end('ok'));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
  });
  afterAll(async () => {
    for (const p of people) await p.context.close();
    await browser?.close();
    await app?.close();
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  });

  async function person(): Promise<Person> {
    const p = await newPerson(browser, app.running.url!);
    p.context.setDefaultTimeout(40_000);
    people.push(p);
    return p;
  }

  it('the admin allow-lists 127.0.0.1; an org admin subscribes, pauses, resumes, reads the log and deletes', async () => {
    const admin = await person();
    await signIn(admin, DEMO.admin);
    await openMenu(admin.page, 'Webhook 内网白名单');
    await admin.page.getByTestId('allowed-host-input').fill('127.0.0.1');
    await admin.page.getByTestId('allowed-host-form').locator('button[type=submit]').click();
    await rowOf(admin.page, 'allowed-hosts-table', '127.0.0.1');

    const provider = await registerOrganization(app, { kind: 'provider', regionCode: '310000' });
    const owner = await person();
    await signIn(owner, provider.user.email, TEST_PASSWORD);
    await openMenu(owner.page, 'Webhook 推送');
    const form = owner.page.getByTestId('webhook-form');

    // An internal address is refused on the url field itself.
    await owner.page.getByTestId('webhook-url').fill('http://10.0.0.1/hook');
    await form.locator('button[type=submit]').click();
    await form.locator('.ant-form-item-explain-error').filter({ hasText: 'internal address' }).waitFor();

    await owner.page.getByTestId('webhook-url').fill(`${base}/portal`);
    await form.locator('button[type=submit]').click();
    await owner.page.getByTestId('webhook-secret').waitFor();
    expect((await owner.page.getByTestId('webhook-secret').textContent())?.trim()).toMatch(/^[A-Za-z0-9_-]{32}$/);
    await owner.page.locator('.ant-modal').getByRole('button').last().click();

    const [hook] = (await app.http().get('/api/v1/webhooks').set(provider.auth).expect(200)).body as { id: string }[];
    const row = await rowOf(owner.page, 'webhooks-table', hook.id);
    await row.locator('[data-status="active"]').waitFor();
    await owner.page.getByTestId(`webhook-pause-${hook.id}`).click();
    await row.locator('[data-status="paused"]').waitFor();
    await owner.page.getByTestId(`webhook-resume-${hook.id}`).click();
    await row.locator('[data-status="active"]').waitFor();

    // An event is delivered; the log shows the attempt.
    const partner = await login(app, DEMO.partner);
    const caseId = await caseOfSubject(app, provider.organization.id);
    const task = await waitForTask(app, partner.auth, caseId, 'admission_review');
    await decide(app, partner.auth, task.id, 'reject', '门户测试').expect(200);
    await eventually(async () => {
      const res = await app.http().get(`/api/v1/webhooks/${hook.id}/attempts`).set(provider.auth).expect(200);
      return res.body.items.length === 1 ? res.body : undefined;
    }, 20_000, 'delivery attempt');
    await owner.page.getByTestId(`webhook-log-${hook.id}`).click();
    await owner.page.getByTestId('webhook-attempts').locator('[data-outcome="delivered"]').waitFor();
    await owner.page.locator('.ant-drawer-close').click();

    await owner.page.getByTestId(`webhook-delete-${hook.id}`).click();
    await confirmPopconfirm(owner.page);
    await owner.page.getByTestId('webhooks-table').locator(`tr[data-row-key="${hook.id}"]`).waitFor({ state: 'detached' });
    expect((await app.http().get('/api/v1/webhooks').set(provider.auth).expect(200)).body).toEqual([]);

    expect([...admin.errors, ...owner.errors]).toEqual([]);
  });
});
