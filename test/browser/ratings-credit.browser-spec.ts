import { randomBytes } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { shanghaiDate } from '../../src/platform/database/shanghai-date';
import { providerUnderNotice } from '../support/approvals';
import { seriousAxeLines } from '../support/axe';
import { launchBrowser, newPerson, openMenu, pick, resize, signIn, submit, typeDate } from '../support/browser';
import { batchWithClaim } from '../support/claims';
import { registerOrganization, TEST_PASSWORD } from '../support/factories';
import { DEMO, login, Session, startTestApp, TestApp } from '../support/test-app';
import { admittedProvider, issueVoucher, listService, openProgram, recogniseShanghaiProviders } from '../support/vouchers';

jest.setTimeout(240_000);

/**
 * The pages of issue 19's ratings and credit: rating an order from the enterprise's order page (and the
 * average on the catalogue), the bureau's misconduct form and the party's credit-record page, the 公示 list
 * without signing in, and the partner admin's settlement statements — at desktop and phone size.
 */
describe('web portal: ratings, misconduct, public notices, partner statements', () => {
  let app: TestApp;
  let browser: Browser;
  let approver: Session;
  let reviewer: Session;
  let finance: Session;
  let partner: Session;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
    [approver, reviewer, finance, partner] = await Promise.all([DEMO.approver, DEMO.reviewer, DEMO.finance, DEMO.partner].map((e) => login(app, e)));
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('an enterprise rates a confirmed order on its order page; the catalogue shows the average and count', async () => {
    const lab = await admittedProvider(app, '330402');
    const service = await listService(app, lab.auth, 40_000, '金相显微分析');
    const program = await openProgram(app, approver.auth);
    const enterprise = await registerOrganization(app, { kind: 'enterprise', regionCode: '330402' });
    const { voucherId } = await issueVoucher(app, enterprise.auth, reviewer.auth, approver.auth, program.id, 500_000);
    const order = (await app.http().post('/api/v1/service-orders').set(enterprise.auth).send({ serviceId: service.id, voucherId, quantity: 1 }).expect(201)).body;
    await app.http().post(`/api/v1/service-orders/${order.id}/accept`).set(lab.auth).expect(200);
    await app.http().post(`/api/v1/service-orders/${order.id}/deliver`).set(lab.auth).send({ reportNumber: 'JC-778899', actualAmountFen: order.contractAmountFen, deliveredOn: shanghaiDate() }).expect(200);
    await app.http().post(`/api/v1/service-orders/${order.id}/confirm`).set(enterprise.auth).expect(200);

    const person = await newPerson(browser, app.running.url!);
    await signIn(person, enterprise.user.email, TEST_PASSWORD);
    const { page } = person;
    await page.goto(`/enterprise/orders/${order.id}`);
    await page.getByTestId('order-rate').click();
    await page.getByTestId('rating-score').getByText('4 分 · 满意').click();
    await page.locator('#comment').fill('报告规范，周期短');
    await submit(page, 'order-rate-form', page.getByTestId('order-rating').getByTestId('rating-stars'));
    await page.getByTestId('order-rating').getByText('报告规范，周期短').waitFor();
    expect(await page.getByTestId('order-rate').count()).toBe(0);
    expect(await seriousAxeLines(page)).toEqual([]);

    await page.goto(`/enterprise/catalog/${service.id}`);
    await page.getByTestId('rating-summary').first().getByText('（1 条评价）').waitFor();
    await page.getByTestId('service-ratings').getByText('报告规范，周期短').waitFor();
    expect(await seriousAxeLines(page)).toEqual([]);
    await resize(page, { width: 390, height: 844 });
    await page.getByTestId('rating-summary').first().waitFor();
    expect(await seriousAxeLines(page)).toEqual([]);
    expect(person.errors).toEqual([]);
    await person.context.close();

    // The lab reads the rating on its ratings page and replies once.
    const labPerson = await newPerson(browser, app.running.url!);
    await signIn(labPerson, lab.user.email, TEST_PASSWORD);
    await openMenu(labPerson.page, '服务评价');
    const received = labPerson.page.getByTestId('received-ratings');
    await received.getByText('报告规范，周期短').waitFor();
    await received.getByTestId('rating-reply-action').click();
    await labPerson.page.locator('#reply').fill('感谢认可，欢迎再次委托');
    await submit(labPerson.page, 'rating-reply-action-form', received.getByTestId('rating-reply'));
    expect(await received.getByTestId('rating-reply-action').count()).toBe(0);
    expect(await seriousAxeLines(labPerson.page)).toEqual([]);
    expect(labPerson.errors).toEqual([]);
    await labPerson.context.close();
  });

  it('an approver records misconduct on the form; the enterprise sees it on its credit-record page', async () => {
    const name = `失信测试企业${randomBytes(2).toString('hex')}`;
    const enterprise = await registerOrganization(app, { kind: 'enterprise', regionCode: '330402', name });

    const bureau = await newPerson(browser, app.running.url!);
    await signIn(bureau, DEMO.approver);
    const { page } = bureau;
    await openMenu(page, '失信记录');
    await page.getByTestId('misconduct-record').click();
    await pick(page, '#enterpriseId', name);
    await page.locator('#description').fill('企业以虚假发票申请兑付，经核查属实');
    await page.locator('#evidence_0_description').fill('发票查验结果为作废发票');
    await page.locator('#evidence_0_reference').fill('JXKJ-2026-0777');
    await typeDate(page, 'periodFrom', shanghaiDate());
    await typeDate(page, 'periodTo', '2029-12-31');
    await submit(page, 'misconduct-record-form', page.getByTestId('misconduct-table').getByText(name));
    const row = page.getByTestId('misconduct-table').locator('tr', { hasText: name });
    await row.getByText('生效中').waitFor();
    expect(await seriousAxeLines(page)).toEqual([]);
    expect(bureau.errors).toEqual([]);
    await bureau.context.close();

    const party = await newPerson(browser, app.running.url!);
    await signIn(party, enterprise.user.email, TEST_PASSWORD);
    await openMenu(party.page, '信用记录');
    const mine = party.page.getByTestId('misconduct-table');
    await mine.getByText('限制申领中').waitFor();
    await mine.getByText(`${shanghaiDate()} ~ 2029-12-31`).waitFor();
    await resize(party.page, { width: 390, height: 844 });
    expect(await seriousAxeLines(party.page)).toEqual([]);
    expect(party.errors).toEqual([]);
    await party.context.close();
  });

  it('the 公示 list opens from the login page without signing in, in Chinese and English, on a phone too', async () => {
    const { caseId } = await providerUnderNotice(app, partner.auth);

    for (const lang of ['zh', 'en'] as const) {
      const visitor = await newPerson(browser, app.running.url!, lang);
      await visitor.page.goto('/login');
      await visitor.page.getByTestId('public-notices-link').click();
      await visitor.page.getByTestId(`public-notice-row-${caseId}`).waitFor();
      await visitor.page.getByText(lang === 'zh' ? '登录后提出异议' : 'Sign in to object').waitFor();
      expect(await visitor.page.getByTestId('notice-object').count()).toBe(0);
      await resize(visitor.page, { width: 390, height: 844 });
      expect(await seriousAxeLines(visitor.page)).toEqual([]);
      expect(visitor.errors).toEqual([]);
      await visitor.context.close();
    }
  });

  it('a partner admin opens its region’s statement and downloads it', async () => {
    const labName = `上海对账测试实验室${randomBytes(2).toString('hex')}`;
    const shanghaiLab = await admittedProvider(app, '310000', labName);
    await recogniseShanghaiProviders(app, approver.auth, partner.auth, [shanghaiLab.organization.id]);
    const service = await listService(app, shanghaiLab.auth, 50_000);
    const { batchId } = await batchWithClaim(app, { lab: shanghaiLab.auth, reviewer: reviewer.auth, approver: approver.auth, finance: finance.auth }, service.id);

    const person = await newPerson(browser, app.running.url!);
    await signIn(person, DEMO.partner);
    const { page } = person;
    await openMenu(page, '结算对账单');
    await page.getByTestId(`partner-batch-row-${batchId}`).getByTestId('partner-batch-link').click();
    await page.getByTestId('statement-table').getByText(labName).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('statement-csv').click()]);
    expect(download.suggestedFilename()).toMatch(/-payee\.csv$/);
    expect(await seriousAxeLines(page)).toEqual([]);
    await resize(page, { width: 390, height: 844 });
    await page.getByTestId('statement-xlsx').waitFor();
    expect(await seriousAxeLines(page)).toEqual([]);
    expect(person.errors).toEqual([]);
    await person.context.close();
  });
});
