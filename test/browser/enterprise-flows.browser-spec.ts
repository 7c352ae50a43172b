import { randomBytes } from 'node:crypto';
import { shanghaiDate } from '../../src/platform/database/shanghai-date';
import type { Browser } from 'playwright-core';
import { decide, waitForTask } from '../support/approvals';
import { launchBrowser, newPerson, openMenu, signIn } from '../support/browser';
import { registerOrganization, TEST_PASSWORD } from '../support/factories';
import { DEMO, login, Session, startTestApp, TestApp } from '../support/test-app';
import { issueVoucher, listService, openProgram, recogniseShanghaiProviders } from '../support/vouchers';
import { confirmPopover, contains, recordStatus, shows } from './enterprise-lab.steps';

const status = recordStatus;

/**
 * The enterprise's own paths beyond the story: an application returned for changes, revised, resubmitted and
 * withdrawn; and a 通用 programme where the enterprise itself claims the subsidy. Other people's steps run
 * through the API here (the story test drives them through the portal).
 */
describe('web portal: enterprise applications (return, resubmit, withdraw) and 通用 claims', () => {
  let app: TestApp;
  let browser: Browser;
  let approver: Session;
  let reviewer: Session;
  let lab: Session;
  let partner: Session;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
  });
  // Each test signs in afresh and sets up its own programme and enterprise.
  beforeEach(async () => {
    [approver, reviewer, lab, partner] = await Promise.all([DEMO.approver, DEMO.reviewer, DEMO.provider, DEMO.partner].map((e) => login(app, e)));
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('an application returned with a comment is revised and resubmitted, then withdrawn', async () => {
    const program = await openProgram(app, approver.auth);
    const enterprise = await registerOrganization(app, { kind: 'enterprise', regionCode: '330402' });
    const person = await newPerson(browser, app.running.url!);
    const { page } = person;
    await signIn(person, enterprise.user.email, TEST_PASSWORD);
    await page.goto(`/enterprise/programs/${program.id}/apply`);
    await page.locator('#requestedFen').fill('10000');
    await page.locator('[data-testid="request-hint"][data-state="within"]').waitFor();
    await page.locator('#purpose').fill('锂电池正极材料成分分析');
    await page.getByTestId('application-form').getByTestId('form-submit').click();
    await status(page, 'draft').waitFor();
    const applicationId = page.url().split('/').pop()!;
    await page.getByTestId('application-submit-form').getByTestId('form-submit').click();
    await page.getByTestId('application-moving').waitFor();

    // The district reviewer returns it (API: the reviewer's inbox is another engineer's page, tested there).
    const submitted = await app.http().get(`/api/v1/voucher-applications/${applicationId}`).set(enterprise.auth).expect(200);
    const task = await waitForTask(app, reviewer.auth, submitted.body.caseId, 'district_review');
    await decide(app, reviewer.auth, task.id, 'return', '请补充检测项目清单和报价单').expect(200);

    // The page notices by itself and shows the reviewer's comment.
    await status(page, 'returned').waitFor({ timeout: 30_000 });
    await contains(page.getByTestId('application-returned'), '请补充检测项目清单和报价单');
    await page.getByTestId('application-edit-form').locator('#requestedFen').fill('12000');
    await page.getByTestId('application-edit-form').getByTestId('form-submit').click();
    await page.locator('.ant-descriptions').getByText('¥12,000.00').waitFor();
    await page.getByTestId('application-submit-form').locator('#note').fill('已补充检测项目清单');
    await page.getByTestId('application-submit-form').getByTestId('form-submit').click();
    await page.getByTestId('application-moving').waitFor();
    await page.getByTestId('case-timeline').getByText('说明：已补充检测项目清单').waitFor({ timeout: 30_000 });
    await page.screenshot({ path: '/tmp/enterprise-resubmitted.png', fullPage: true });

    await page.getByTestId('application-withdraw').click();
    await confirmPopover(page);
    await status(page, 'withdrawn').waitFor();
    await openMenu(page, '我的申领');
    await page.getByTestId('applications-table').locator('[data-status="withdrawn"]').waitFor();
    expect(person.errors).toEqual([]);
    await person.context.close();
  });

  it('通用: the enterprise orders, confirms and claims the subsidy itself', async () => {
    const englishName = `Innovation Vouchers (test ${randomBytes(3).toString('hex')})`;
    const program = await openProgram(app, approver.auth, { redemptionMode: 'enterprise_redeems', nameEn: englishName });
    const enterprise = await registerOrganization(app, { kind: 'enterprise', regionCode: '330402' });
    await issueVoucher(app, enterprise.auth, reviewer.auth, approver.auth, program.id, 1_000_000);
    const labMe = (await app.http().get('/api/v1/me').set(lab.auth).expect(200)).body;
    await recogniseShanghaiProviders(app, approver.auth, partner.auth, [labMe.organization.id]);
    const service = await listService(app, lab.auth, 300_000, '扫描电镜形貌观察（通用）');

    const person = await newPerson(browser, app.running.url!);
    const { page } = person;
    await signIn(person, enterprise.user.email, TEST_PASSWORD);
    await page.getByTestId('home-applications').waitFor();
    await page.screenshot({ path: '/tmp/enterprise-home.png', fullPage: true });
    await openMenu(page, '服务目录');
    await page.locator('#catalog-q').fill('扫描电镜');
    await page.locator('#catalog-q').press('Enter');
    await page.getByTestId('catalog-table').getByRole('link', { name: '扫描电镜形貌观察（通用）' }).click();
    await page.getByTestId('quote').waitFor();
    await shows(page.getByTestId('quote-subsidy'), '¥1,500.00');
    await shows(page.getByTestId('quote-own-share'), '¥1,500.00');
    await page.getByTestId('order-form').getByTestId('form-submit').click();
    await status(page, 'created').waitFor();
    const orderId = page.url().split('/').pop()!;

    // The lab accepts and delivers (API: the lab's pages are driven in the story test).
    await app.http().post(`/api/v1/service-orders/${orderId}/accept`).set(lab.auth).expect(200);
    await app.http().post(`/api/v1/service-orders/${orderId}/deliver`).set(lab.auth).send({ reportNumber: 'SHJC-2026-2001', actualAmountFen: 300_000, deliveredOn: shanghaiDate() }).expect(200);

    await page.getByTestId('refresh').click();
    await status(page, 'delivered').waitFor();
    await page.getByTestId('order-confirm').click();
    await confirmPopover(page);
    await status(page, 'confirmed').waitFor();
    const form = page.getByTestId('claim-form');
    await form.locator('#contractNo').fill('HT-2026-0777');
    await form.locator('#invoiceNo').fill('330026001-00077777');
    await form.locator('#paymentProof').fill('BANK-20261130-0777');
    await expect(form.locator('#reportNo').inputValue()).resolves.toBe('SHJC-2026-2001');
    await form.getByTestId('form-submit').click();
    await page.waitForURL(/\/enterprise\/claims\/[0-9a-f-]{36}$/);
    await shows(page.getByTestId('claim-amount'), '¥1,500.00');
    await page.getByTestId('case-timeline').getByText('提交审批').waitFor();
    await page.screenshot({ path: '/tmp/enterprise-claim.png', fullPage: true });
    await openMenu(page, '兑付申请');
    await page.getByTestId('claims-table').getByText('330026001-00077777').waitFor();
    // An English reader reads the voucher's notice in English (worded from kind + params, not the stored Chinese).
    await page.getByTestId('lang-toggle').getByText('EN').click();
    await page.goto('/notifications');
    // The notice names the programme, by the English name its bureau gave it.
    await page.getByText(`Voucher issued: ${englishName}`).first().waitFor();
    await page.getByText(/face value ¥10,000\.00, use by \d{4}-\d{2}-\d{2}/).first().waitFor();
    expect(await page.getByText('创新券已发放').count()).toBe(0);
    await page.screenshot({ path: '/tmp/enterprise-notices-en.png', fullPage: true });
    // …and the programme by the English name its bureau gave it.
    await page.goto('/enterprise/claims');
    await page.getByTestId('claims-table').getByText(englishName).waitFor();
    expect(person.errors).toEqual([]);
    await person.context.close();
  });
});
