import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Browser, Locator } from 'playwright-core';
import { explainFailure, launchBrowser, newPerson, openMenu, Person, signIn } from '../support/browser';
import { uniqueEmail, uniqueUscc } from '../support/factories';
import { DEMO, login, startTestApp, TestApp } from '../support/test-app';
import { choose, confirmPopover, contains, fieldError, pickDate, recordStatus, shows, until } from './enterprise-lab.steps';

const text = async (l: Locator) => ((await l.textContent()) ?? '').trim();
const status = recordStatus;

/** Approve the open task of the case titled with `number` from the decider's inbox. */
async function approveFromInbox(person: Person, number: string, inbox: string): Promise<void> {
  const { page } = person;
  await openMenu(page, inbox);
  const link = page.getByTestId('inbox-table').getByTestId('case-link').filter({ hasText: number });
  await until(link, () => page.getByRole('button', { name: /刷\s*新/ }).first().click());
  await link.first().click();
  await page.waitForURL(/\/review\/cases\/[0-9a-f-]{36}$/);
  await page.getByTestId('decision-card').waitFor();
  await page.getByTestId('decision-approve').click();
  await page.getByTestId('decision-form').getByTestId('form-submit').click();
  await page.getByTestId('decision-card').waitFor({ state: 'detached' });
}

/**
 * The cross-region 通兑 story, every step a person takes driven through the portal, each person in their
 * own browser: programme and agreement, recognition of a Shanghai lab, a new Nanhu enterprise registering
 * and applying, two-level approval, the voucher, the lab's service, a quoted order, delivery (with the
 * API's field error first), confirmation, the lab's claim, its approval, settlement, and the statements.
 */
describe('web portal: the cross-region voucher story (通兑), person by person', () => {
  let app: TestApp;
  let browser: Browser;
  const people: Person[] = [];

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('programme → application → voucher → order at a Shanghai lab → delivery → claim → settlement → statements', () => explainFailure(people, async () => {
    const person = async (email?: string) => {
      const p = await newPerson(browser, app.running.url!);
      people.push(p);
      if (email) await signIn(p, email);
      return p;
    };
    const tag = randomBytes(2).toString('hex');
    // Test data only (not a person's step): the demo lab's organisation name and the demo enterprise's USCC.
    const labMe = (await app.http().get('/api/v1/me').set((await login(app, DEMO.provider)).auth).expect(200)).body;
    const demoEnterprise = (await app.http().get('/api/v1/me').set((await login(app, DEMO.enterprise)).auth).expect(200)).body;

    // ── The city approver creates and opens a programme (50 %, ¥50,000 per application, 通兑) ──
    const approver = await person(DEMO.approver);
    {
      const { page } = approver;
      await openMenu(page, '创新券计划');
      await page.getByTestId('programme-create').click();
      const form = page.getByTestId('programme-form');
      await form.locator('#name').fill(`2026年嘉兴市科技创新券（故事${tag}）`);
      await form.locator('#perApplicationCapFen').fill('50000');
      await form.locator('#annualCapEnterpriseFen').fill('100000');
      await form.locator('#annualCapGroupFen').fill('150000');
      await form.locator('#fullCoverageThresholdFen').fill('1000');
      // Enter in a date field submits the form: the dates go in while a required field is still empty.
      await pickDate(page, 'useBy', '2026-12-31');
      await pickDate(page, 'redeemBy', '2027-03-31');
      await form.locator('#budgetFen').fill('1000000');
      await form.getByTestId('form-submit').click();
      await page.waitForURL(/\/review\/programmes\/[0-9a-f-]{36}$/);
      await page.getByTestId('programme-open').click();
      await confirmPopover(page);
      await page.getByTestId('programme-status').locator('[data-status="open"]').waitFor();
    }
    const programId = approver.page.url().split('/').pop()!;

    // ── …and the Jiaxing–Shanghai recognition agreement ──
    {
      const { page } = approver;
      await openMenu(page, '互认协议');
      await page.getByTestId('agreement-create').click();
      const form = page.getByTestId('agreement-form');
      await pickDate(page, 'effectiveFrom', '2026-01-01');
      await pickDate(page, 'effectiveTo', '2027-12-31');
      await choose(page, 'partnerRegionCode', '上海市', '上海');
      await form.locator('#name').fill(`嘉兴—上海创新券互认互通协议（故事${tag}）`);
      await form.getByTestId('form-submit').click();
      await page.waitForURL(/\/review\/agreements\/[0-9a-f-]{36}$/);
    }
    const agreementId = approver.page.url().split('/').pop()!;

    // ── The Shanghai partner admin recognises the demo lab under it ──
    const partner = await person(DEMO.partner);
    {
      const { page } = partner;
      await openMenu(page, '互认协议');
      await page.getByTestId(`agreement-row-${agreementId}`).getByRole('link').click();
      await page.locator('#providerIds').click();
      await page.locator('#providerIds').fill(labMe.organization.name.slice(0, 6));
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: labMe.organization.name }).first().click();
      await page.keyboard.press('Escape');
      await page.getByTestId('agreement-add-providers').getByTestId('form-submit').click();
      await page.getByTestId(`agreement-provider-${labMe.organization.id}`).waitFor();
      // The partner signs its part: the agreement waits for Jiaxing's signature.
      await page.getByTestId('agreement-sign').click();
      await confirmPopover(page);
      await page.getByTestId('agreement-signature-partner').waitFor();
      await page.getByTestId('agreement-status').locator('[data-status="partially_signed"]').waitFor();
    }

    // ── Jiaxing's approver signs the same terms: only now does the agreement bind Jiaxing's budget ──
    {
      const { page } = approver;
      await page.reload();
      await page.getByTestId('agreement-signature-partner').waitFor();
      await page.getByTestId('agreement-sign').click();
      await confirmPopover(page);
      await page.getByTestId('agreement-status').locator('[data-status="in_force"]').waitFor();
      await page.getByTestId('agreement-signature-issuing').waitFor();
      expect(await page.getByTestId('agreement-sign').count()).toBe(0);
    }

    // ── A new Nanhu enterprise registers: a wrong check character is refused on the field, so is a USCC taken ──
    const enterprise = await person();
    const email = uniqueEmail('story');
    const password = 'Story-pass-2026';
    {
      const { page } = enterprise;
      await page.goto('/login');
      await page.getByRole('link', { name: /注册/ }).click();
      await page.waitForURL(/\/register$/);
      const form = page.getByTestId('register-form');
      await form.locator('#organization_name').fill(`嘉兴南湖故事${tag}新材料科技有限公司`);
      const good = uniqueUscc('330402');
      const badCheck = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
      await form.locator('#organization_uscc').fill(badCheck);
      await choose(page, 'organization_regionCode', '南湖区', '南湖');
      await form.locator('#user_displayName').fill('沈嘉禾');
      await form.locator('#user_email').fill(email);
      await form.locator('#user_password').fill(password);
      await form.locator('#confirmPassword').fill(password);
      await form.getByTestId('form-submit').click();
      await contains(fieldError(page, 'organization_uscc'), '校验码不正确');
      // A code another enterprise holds passes the checksum; the API refuses it on the same field.
      await form.locator('#organization_uscc').fill(demoEnterprise.organization.uscc);
      await form.getByTestId('form-submit').click();
      await contains(fieldError(page, 'organization_uscc'), 'already registered');
      await page.screenshot({ path: '/tmp/story-register.png', fullPage: true });
      await form.locator('#organization_uscc').fill(good);
      await form.getByTestId('form-submit').click();
      await page.waitForURL(/\/enterprise$/);
      await page.getByTestId('home-applications').waitFor();
    }

    // ── It applies: live cap hints as the amount is typed, a draft, then submission ──
    let applicationNumber: string;
    {
      const { page } = enterprise;
      await openMenu(page, '申领创新券');
      await page.getByTestId(`apply-${programId}`).click();
      await shows(page.getByTestId('limits-ratio'), '50%');
      await shows(page.getByTestId('limits-max'), '¥50,000.00');
      await page.locator('#requestedFen').fill('60000');
      await page.locator('[data-testid="request-hint"][data-state="over"]').waitFor();
      await contains(page.getByTestId('request-hint'), '单次申领上限');
      await page.locator('#requestedFen').fill('20000');
      await page.locator('[data-testid="request-hint"][data-state="within"]').waitFor();
      await contains(page.getByTestId('request-hint'), '本次申领在额度之内');
      await contains(page.getByTestId('request-hint'), '¥40,000.00');
      await page.locator('#purpose').fill('新型复合材料成分检测与X射线荧光光谱分析');
      await page.screenshot({ path: '/tmp/story-apply.png', fullPage: true });
      await page.getByTestId('application-form').getByTestId('form-submit').click();
      await page.waitForURL(/\/enterprise\/applications\/[0-9a-f-]{36}$/);
      await status(page, 'draft').waitFor();
      await page.getByTestId('application-submit-form').getByTestId('form-submit').click();
      await page.getByTestId('application-moving').waitFor();
      applicationNumber = await text(page.getByTestId('record-number'));
      expect(applicationNumber).toMatch(/^SQ2026-\d{6}$/);
    }

    // ── The Nanhu district reviewer, then the city approver, approve it from their inboxes ──
    const reviewer = await person(DEMO.reviewer);
    await approveFromInbox(reviewer, applicationNumber, '待办审批');
    await approveFromInbox(approver, applicationNumber, '待办审批');

    // ── The voucher is issued and the enterprise sees it ──
    {
      const { page } = enterprise;
      await status(page, 'issued').waitFor({ timeout: 60_000 });
      await page.getByTestId('case-timeline').getByText('区县科技局初审通过').first().waitFor();
      await page.screenshot({ path: '/tmp/story-application.png', fullPage: true });
      await page.getByTestId('application-voucher').click();
      await page.waitForURL(/\/enterprise\/vouchers\/[0-9a-f-]{36}$/);
      await shows(page.getByTestId('voucher-available'), '¥20,000.00');
    }
    const voucherUrl = enterprise.page.url();

    // ── The Shanghai lab lists a service (¥3,000.00 a sample) ──
    const serviceName = `X射线荧光光谱分析（故事${tag}）`;
    const lab = await person(DEMO.provider);
    {
      const { page } = lab;
      await page.getByTestId('admission').and(page.locator('[data-admission="active"]')).waitFor();
      await openMenu(page, '我的服务');
      await page.getByTestId('service-new').click();
      const form = page.getByTestId('service-form');
      await form.locator('#code').fill(`XRF-${tag}`);
      await choose(page, 'category', '分析测试');
      await form.locator('#name').fill(serviceName);
      await form.locator('#unitPriceFen').fill('3000');
      await form.locator('#unit').fill('样品');
      await form.locator('#instrumentName').fill('X射线荧光光谱仪');
      await form.getByTestId('form-submit').click();
      await page.getByTestId('lab-services-table').getByText(serviceName).waitFor();
      await page.screenshot({ path: '/tmp/story-lab-services.png', fullPage: true });
    }

    // ── The enterprise finds it, sees the quote (subsidy and own share) and orders two samples ──
    let orderNumber: string;
    {
      const { page } = enterprise;
      await openMenu(page, '服务目录');
      await page.locator('#catalog-q').fill(`故事${tag}`);
      await page.locator('#catalog-q').press('Enter');
      await page.getByTestId('catalog-table').getByRole('link', { name: serviceName }).click();
      await page.waitForURL(/\/enterprise\/catalog\/[0-9a-f-]{36}$/);
      await contains(page.getByTestId('service-price'), '¥3,000.00');
      await page.locator('#quantity').fill('2');
      await page.getByTestId('quote').waitFor();
      await shows(page.getByTestId('quote-contract'), '¥6,000.00');
      await shows(page.getByTestId('quote-subsidy'), '¥3,000.00');
      await shows(page.getByTestId('quote-own-share'), '¥3,000.00');
      await contains(page.getByTestId('quote'), '互认机构');
      await page.screenshot({ path: '/tmp/story-quote.png', fullPage: true });
      await page.getByTestId('order-form').getByTestId('form-submit').click();
      await page.waitForURL(/\/enterprise\/orders\/[0-9a-f-]{36}$/);
      await status(page, 'created').waitFor();
      await shows(page.getByTestId('order-subsidy-held'), '¥3,000.00');
      orderNumber = await text(page.getByTestId('record-number'));
    }
    const orderUrl = enterprise.page.url();

    // ── The lab accepts, tries an actual amount above the contract (the API's field error), then delivers ¥5,000.00 ──
    {
      const { page } = lab;
      await openMenu(page, '收到的订单');
      await page.getByTestId('orders-table').getByRole('link', { name: orderNumber }).click();
      await page.getByTestId('order-accept').click();
      await status(page, 'accepted').waitFor();
      const form = page.getByTestId('deliver-form');
      await form.locator('#reportNumber').fill(`SHJC-2026-${tag}`);
      await form.locator('#actualAmountFen').fill('6000.01');
      await form.getByTestId('form-submit').click();
      await contains(fieldError(page, 'actualAmountFen'), /actualAmountFen|contract/);
      await page.screenshot({ path: '/tmp/story-deliver-error.png', fullPage: true });
      await form.locator('#actualAmountFen').fill('5000');
      await form.getByTestId('form-submit').click();
      await status(page, 'delivered').waitFor();
      await shows(page.getByTestId('order-subsidy-final'), '¥2,500.00');
    }

    // ── The enterprise confirms delivery ──
    {
      const { page } = enterprise;
      await page.goto(orderUrl);
      await status(page, 'delivered').waitFor();
      await shows(page.getByTestId('order-own-share'), '¥2,500.00');
      await page.getByTestId('order-confirm').click();
      await confirmPopover(page);
      await status(page, 'confirmed').waitFor();
    }

    // ── The lab claims the voucher portion (通兑) with its documents ──
    let claimNumber: string;
    {
      const { page } = lab;
      await page.getByTestId('refresh').click();
      await status(page, 'confirmed').waitFor();
      const form = page.getByTestId('claim-form');
      await form.locator('#contractNo').fill(`HT-2026-${tag}`);
      await form.locator('#invoiceNo').fill(`310026001-${tag}7788`);
      await form.locator('#paymentProof').fill('BANK-20261128-7781');
      await expect(form.locator('#reportNo').inputValue()).resolves.toBe(`SHJC-2026-${tag}`);
      await form.getByTestId('form-submit').click();
      await page.waitForURL(/\/lab\/claims\/[0-9a-f-]{36}$/);
      await shows(page.getByTestId('claim-amount'), '¥2,500.00');
      claimNumber = await text(page.getByTestId('record-number'));
      expect(claimNumber).toMatch(/^DF2026-\d{6}$/);
    }
    const claimUrl = lab.page.url();

    // ── The reviewer and the approver approve the claim ──
    await approveFromInbox(reviewer, claimNumber, '待办审批');
    await approveFromInbox(approver, claimNumber, '待办审批');
    await status(lab.page, 'approved').waitFor({ timeout: 60_000 });

    // ── Finance closes; a second finance officer approves (four eyes); finance pays, reconciles and exports ──
    const finance = await person(DEMO.finance);
    {
      const { page } = finance;
      await page.getByTestId('settlements-table').waitFor();
      const row = page.getByTestId('settlements-table').locator('tr', { hasText: `故事${tag}` });
      await until(row, () => page.getByRole('button', { name: /刷\s*新/ }).first().click());
      await row.getByTestId('batch-link').click();
      await contains(page.getByTestId('statement-total'), '¥2,500.00');
      const batchStatus = (s: string) => page.getByTestId('batch-status').locator(`[data-status="${s}"]`).waitFor();
      await page.getByTestId('settlement-close').click();
      await confirmPopover(page);
      await batchStatus('closed');
      // Whoever closed the batch cannot approve it: the button is disabled and names why.
      await page.getByTestId('settlement-approve-blocked').waitFor();
      expect(await page.getByTestId('settlement-approve').count()).toBe(0);
      await shows(page.getByTestId('batch-closed-by'), '财政局结算员');
      const batchUrl = page.url();
      const finance2 = await person(DEMO.finance2);
      await finance2.page.goto(batchUrl);
      await finance2.page.getByTestId('settlement-approve').click();
      await confirmPopover(finance2.page);
      await finance2.page.getByTestId('batch-status').locator('[data-status="approved"]').waitFor();
      // …and whoever approved it cannot pay it.
      await finance2.page.getByTestId('settlement-pay-blocked').waitFor();
      await finance2.context.close();
      await page.reload();
      await batchStatus('approved');
      await shows(page.getByTestId('batch-approved-by'), '财政局复核员');
      await page.getByTestId('settlement-pay').click();
      await page.getByTestId('settlement-pay-form').locator('#paymentReference').fill(`JXCZ-2026-11-${tag}`);
      await page.getByTestId('settlement-pay-form').getByTestId('form-submit').click();
      await batchStatus('paid');
      await page.getByTestId('settlement-reconcile').click();
      await page.getByTestId('settlement-reconcile-form').locator('#note').fill('2026-11 银行流水已核对');
      await page.getByTestId('settlement-reconcile-form').getByTestId('form-submit').click();
      await batchStatus('reconciled');
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('statement-csv').click()]);
      const csv = readFileSync((await download.path())!, 'utf8');
      expect(csv).toContain('"250000"');
      expect(csv).toContain(labMe.organization.name);
      await page.getByTestId('statement-by-region').click();
      // By partner region: Jiaxing pays Shanghai's lab.
      await page.getByTestId('statement-table').getByRole('cell', { name: '上海市' }).first().waitFor();
      await shows(page.getByTestId('statement-total'), '¥2,500.00');
      await page.screenshot({ path: '/tmp/story-settlement.png', fullPage: true });
    }

    // ── The lab sees its claim paid ──
    {
      const { page } = lab;
      await page.goto(claimUrl);
      await status(page, 'paid').waitFor();
      await page.getByTestId('claim-paid-banner').waitFor();
      await openMenu(page, '兑付申请');
      await page.getByTestId('claims-table').locator('tr', { hasText: claimNumber }).locator('[data-status="paid"]').waitFor();
      await page.screenshot({ path: '/tmp/story-lab-claims.png', fullPage: true });
    }

    // ── The enterprise's order is settled and its voucher statement shows every movement ──
    {
      const { page } = enterprise;
      await page.goto(orderUrl);
      await status(page, 'settled').waitFor();
      await page.goto(voucherUrl);
      await shows(page.getByTestId('voucher-available'), '¥17,500.00');
      await shows(page.getByTestId('voucher-held'), '¥0.00');
      await shows(page.getByTestId('voucher-used'), '¥2,500.00');
      const rows = page.getByTestId('statement-table').locator('tbody tr.ant-table-row');
      const lines = (await rows.evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td')).slice(1, 4).map((td) => (td.textContent ?? '').trim()).join(' | '))));
      expect(lines).toEqual([
        '发券 | 可用 | +¥20,000.00',
        '下单冻结 | 可用 | -¥3,000.00',
        '下单冻结 | 冻结 | +¥3,000.00',
        '按实际金额调整 | 冻结 | -¥500.00',
        '按实际金额调整 | 可用 | +¥500.00',
        '兑付核销 | 冻结 | -¥2,500.00',
      ]);
      await page.screenshot({ path: '/tmp/story-voucher.png', fullPage: true });
    }

    for (const p of people) expect(p.errors).toEqual([]);
  }), 900_000);
});
