import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { shanghaiDate } from '../../src/platform/database/shanghai-date';
import { publishWorkflow, waitForTask } from '../support/approvals';
import { seriousAxeLines } from '../support/axe';
import { confirmPopconfirm, launchBrowser, newPerson, openMenu, resize, signIn } from '../support/browser';
import { registerOrganization } from '../support/factories';
import { DEMO, eventually, login, Session, startTestApp, TestApp } from '../support/test-app';
import { admittedProvider, issueVoucher, listService, openProgram, signAgreement } from '../support/vouchers';

type Auth = { Authorization: string };

/** The error text antd shows under the form item holding the control with this id. */
function fieldError(page: Page, id: string) {
  return page.locator('.ant-form-item', { has: page.locator(`#${id}`) }).locator('.ant-form-item-explain-error');
}

/** Confirms an open Popconfirm (its OK button; antd spaces two-character Chinese labels). */
async function confirmPopover(page: Page) {
  await confirmPopconfirm(page);
}

/** Types a date into an antd DatePicker; Tab commits it (Enter would also submit the form). */
async function pickDate(page: Page, id: string, date: string) {
  await page.locator(`#${id}`).click();
  await page.locator(`#${id}`).fill(date);
  await page.keyboard.press('Tab');
  await expect(page.locator(`#${id}`).inputValue()).resolves.toBe(date);
}

/** A submitted voucher application of a new Nanhu enterprise; returns its case. */
async function submittedApplication(app: TestApp, programId: string, requestedFen: number) {
  const enterprise = await registerOrganization(app, { kind: 'enterprise', regionCode: '330402' });
  const draft = await app.http().post('/api/v1/voucher-applications').set(enterprise.auth).send({ programId, requestedFen, purpose: '材料成分检测与性能测试' }).expect(201);
  const submitted = await app.http().post(`/api/v1/voucher-applications/${draft.body.id}/submit`).set(enterprise.auth).send({}).expect(200);
  return { applicationId: draft.body.id as string, caseId: submitted.body.caseId as string, enterprise };
}

/** A settlement batch holding one approved 通兑 claim of 2,500.00 yuan by the Shanghai demo lab (as in voucher-story). */
async function batchWithOneClaim(app: TestApp, s: { approver: Auth; reviewer: Auth; finance: Auth; lab: Auth; partner: Auth }) {
  const program = await openProgram(app, s.approver);
  const enterprise = await registerOrganization(app, { kind: 'enterprise', regionCode: '330402' });
  const { voucherId } = await issueVoucher(app, enterprise.auth, s.reviewer, s.approver, program.id, 2_000_000);
  const service = await listService(app, s.lab, 300_000);
  const me = await app.http().get('/api/v1/me').set(s.lab).expect(200);
  const agreement = await app.http().post('/api/v1/recognition-agreements').set(s.approver).send({
    issuingRegionCode: '330400', partnerRegionCode: '310000', name: `嘉兴—上海创新券互认互通协议 ${randomBytes(2).toString('hex')}`, effectiveFrom: '2026-01-01', effectiveTo: '2027-12-31',
  }).expect(201);
  await app.http().post(`/api/v1/recognition-agreements/${agreement.body.id}/providers`).set(s.partner).send({ providerIds: [me.body.organization.id] }).expect(200);
  await signAgreement(app, agreement.body.id, s.approver, s.partner);
  const order = await app.http().post('/api/v1/service-orders').set(enterprise.auth).send({ serviceId: service.id, voucherId, quantity: 2 }).expect(201);
  await app.http().post(`/api/v1/service-orders/${order.body.id}/accept`).set(s.lab).expect(200);
  await app.http().post(`/api/v1/service-orders/${order.body.id}/deliver`).set(s.lab).send({ reportNumber: 'SHJC-2026-1001', actualAmountFen: 500_000, deliveredOn: shanghaiDate() }).expect(200);
  await app.http().post(`/api/v1/service-orders/${order.body.id}/confirm`).set(enterprise.auth).expect(200);
  const claim = await app.http().post('/api/v1/redemption-claims').set(s.lab).send({
    orderId: order.body.id, contractNo: 'HT-2026-0451', invoiceNo: `3100260${randomBytes(4).toString('hex')}`, paymentProof: 'BANK-20261128-7781', reportNo: 'SHJC-2026-1001',
  }).expect(201);
  const district = await waitForTask(app, s.reviewer, claim.body.caseId, 'district_review');
  await app.http().post(`/api/v1/approval-tasks/${district.id}/decision`).set(s.reviewer).send({ decision: 'approve' }).expect(200);
  const city = await waitForTask(app, s.approver, claim.body.caseId, 'city_approval');
  await app.http().post(`/api/v1/approval-tasks/${city.id}/decision`).set(s.approver).send({ decision: 'approve' }).expect(200);
  return eventually(async () => {
    const res = await app.http().get(`/api/v1/settlement-batches?programId=${program.id}`).set(s.finance);
    return (res.body as { id: string; itemCount: number; number: string }[]).find((b) => b.itemCount === 1);
  }, 30_000, 'settlement batch');
}

/** The review area in the browser: the approver's programme form, finance's settlement, the reviewer's inbox and case page. */
describe('web portal: review, programmes and settlement', () => {
  let app: TestApp;
  let browser: Browser;
  let approver: Session;
  let reviewer: Session;
  let finance: Session;
  let lab: Session;
  let partner: Session;
  let admin: Session;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
  });
  // Each test signs in afresh and sets up its own programmes, enterprises and cases.
  beforeEach(async () => {
    [approver, reviewer, finance, lab, partner, admin] = await Promise.all(
      [DEMO.approver, DEMO.reviewer, DEMO.finance, DEMO.provider, DEMO.partner, DEMO.admin].map((email) => login(app, email)),
    );
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('approver: creates a programme through the form (client and API field errors), then opens it', async () => {
    const person = await newPerson(browser, app.running.url!);
    const { page } = person;
    await signIn(person, DEMO.approver);
    await page.waitForURL(/\/review\/tasks$/);
    await openMenu(page, '创新券计划');
    await page.waitForURL(/\/review\/programmes$/);
    await page.getByTestId('programme-create').click();
    const form = page.getByTestId('programme-form');
    const name = `2026年嘉兴市科技创新券（测试${randomBytes(2).toString('hex')}）`;
    await form.locator('#name').fill(name);
    // The standard tiers come filled in (each 50 %); the fourth is 高新技术企业.
    await form.locator('#tiers_3_ratioBp').fill('60');
    await form.locator('#perApplicationCapFen').fill('50000');
    await form.locator('#annualCapEnterpriseFen').fill('100000');
    await form.locator('#annualCapGroupFen').fill('150000');
    await form.locator('#fullCoverageThresholdFen').fill('1000');
    await pickDate(page, 'useBy', '2026-12-31');
    await pickDate(page, 'redeemBy', '2026-06-30');

    // Client-side: the budget is required (the rule comes from CreateProgramDto).
    await form.getByTestId('form-submit').click();
    await expect(fieldError(page, 'budgetFen').textContent()).resolves.toContain('此项为必填项');

    // API-side: redeem-by before use-by is refused on the field it names.
    await form.locator('#budgetFen').fill('1000000');
    await form.getByTestId('form-submit').click();
    await expect(fieldError(page, 'redeemBy').textContent()).resolves.toContain('must not be before useBy');
    await page.screenshot({ path: '/tmp/review-programme-form.png' });

    await pickDate(page, 'redeemBy', '2027-03-31');
    await form.getByTestId('form-submit').click();
    await page.waitForURL(/\/review\/programmes\/[0-9a-f-]{36}$/);
    const id = page.url().split('/').pop()!;
    await page.getByTestId('programme-status').locator('[data-status="draft"]').waitFor();
    const created = await app.http().get(`/api/v1/programs/${id}`).set(approver.auth).expect(200);
    // Percent and yuan in the form; basis points and fen on the wire.
    expect(created.body).toMatchObject({
      name, status: 'draft', issuingRegionCode: '330400', ratioBpByTier: { default: 5000, high_tech: 6000 }, perApplicationCapFen: 5_000_000,
      annualCapEnterpriseFen: 10_000_000, annualCapGroupFen: 15_000_000, fullCoverageThresholdFen: 100_000, budgetFen: 100_000_000,
      useBy: '2026-12-31', redeemBy: '2027-03-31', redemptionMode: 'provider_redeems', settlementCycle: 'monthly',
    });

    await page.getByTestId('programme-open').click();
    await confirmPopover(page);
    await page.getByTestId('programme-status').locator('[data-status="open"]').waitFor();
    await expect(page.getByTestId('budget-availableFen').textContent()).resolves.toContain('¥1,000,000.00');
    await page.screenshot({ path: '/tmp/review-programme-detail.png', fullPage: true });
    expect(person.errors).toEqual([]);
    await person.context.close();
  });

  it('finance: takes a batch through close → approve (a second officer: four eyes) → pay → reconcile and downloads the statement', async () => {
    const batch = await batchWithOneClaim(app, { approver: approver.auth, reviewer: reviewer.auth, finance: finance.auth, lab: lab.auth, partner: partner.auth });
    const person = await newPerson(browser, app.running.url!);
    const { page } = person;
    await signIn(person, DEMO.finance);
    await page.waitForURL(/\/review\/settlements$/);
    await page.getByTestId(`batch-row-${batch.id}`).getByTestId('batch-link').click();
    await page.waitForURL(new RegExp(`/review/settlements/${batch.id}$`));
    await expect(page.getByTestId('statement-total').textContent()).resolves.toContain('¥2,500.00');
    const status = (s: string) => page.getByTestId('batch-status').locator(`[data-status="${s}"]`).waitFor();

    await page.getByTestId('settlement-close').click();
    await confirmPopover(page);
    await status('closed');
    // The closer may not approve: the button is disabled, and the API refuses it as well.
    await page.getByTestId('settlement-approve-blocked').waitFor();
    await expect(page.getByTestId('batch-closed-by').textContent()).resolves.toBe('财政局结算员');
    const refused = await app.http().post(`/api/v1/settlement-batches/${batch.id}/approve`).set(finance.auth).expect(403);
    expect(refused.body.code).toBe('SECOND_PERSON_REQUIRED');
    const second = await newPerson(browser, app.running.url!);
    await signIn(second, DEMO.finance2);
    await second.page.waitForURL(/\/review\/settlements$/);
    await second.page.goto(page.url());
    await second.page.getByTestId('settlement-approve').click();
    await confirmPopover(second.page);
    await second.page.getByTestId('batch-status').locator('[data-status="approved"]').waitFor();
    await second.page.getByTestId('settlement-pay-blocked').waitFor();
    expect(second.errors).toEqual([]);
    await second.context.close();
    await page.reload();
    await status('approved');
    await expect(page.getByTestId('batch-approved-by').textContent()).resolves.toBe('财政局复核员');
    await page.getByTestId('settlement-pay').click();
    await page.getByTestId('settlement-pay-form').locator('#paymentReference').fill('JXCZ-2026-11-0001');
    await page.getByTestId('settlement-pay-form').getByTestId('form-submit').click();
    await status('paid');
    await page.getByTestId('settlement-reconcile').click();
    await page.getByTestId('settlement-reconcile-form').locator('#note').fill('2026-11 银行流水已核对');
    await page.getByTestId('settlement-reconcile-form').getByTestId('form-submit').click();
    await status('reconciled');
    await page.screenshot({ path: '/tmp/review-settlement.png', fullPage: true });

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('statement-csv').click()]);
    expect(download.suggestedFilename()).toBe(`${batch.number}-payee.csv`);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv).toContain('"250000"');
    expect(csv).toContain('"¥2,500.00"');

    await page.getByTestId('statement-by-region').click();
    // The row names 上海市 in its name column, and again in its code column once the region list has loaded.
    await page.getByTestId('statement-table').getByRole('cell', { name: '上海市' }).first().waitFor();
    const after = await app.http().get(`/api/v1/settlement-batches/${batch.id}`).set(finance.auth).expect(200);
    expect(after.body).toMatchObject({ status: 'reconciled', paymentReference: 'JXCZ-2026-11-0001' });
    expect(person.errors).toEqual([]);
    await person.context.close();
  });

  it('approver creates an agreement; the partner admin recognises a lab through the picker, suspends and reinstates it', async () => {
    // Its own Shanghai lab: the demo lab's row is changed by other tests' work (its version moves under the suspend form).
    const labName = `沪界面${randomBytes(3).toString('hex')}检测技术有限公司`;
    const labOrg = { id: (await admittedProvider(app, '310000', labName)).organization.id, name: labName };
    const approverPerson = await newPerson(browser, app.running.url!);
    let page = approverPerson.page;
    await signIn(approverPerson, DEMO.approver);
    await openMenu(page, '互认协议');
    await page.getByTestId('agreement-create').click();
    const form = page.getByTestId('agreement-form');
    const name = `嘉兴—上海互认协议（界面测试${randomBytes(2).toString('hex')}）`;
    await form.locator('#name').fill(name);
    await form.locator('#partnerRegionCode').fill('310000');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
    await pickDate(page, 'effectiveFrom', '2026-01-01');
    await form.locator('#ratioOverrideBp').fill('40');
    await form.getByTestId('form-submit').click();
    await page.waitForURL(/\/review\/agreements\/[0-9a-f-]{36}$/);
    const agreementId = page.url().split('/').pop()!;
    const created = await app.http().get(`/api/v1/recognition-agreements/${agreementId}`).set(approver.auth).expect(200);
    // A proposal: it binds once both regions sign (agreements-consent.e2e-spec.ts, voucher-story.browser-spec.ts).
    expect(created.body).toMatchObject({ name, issuingRegionCode: '330400', partnerRegionCode: '310000', ratioOverrideBp: 4000, status: 'draft', providers: [] });
    expect(approverPerson.errors).toEqual([]);
    await approverPerson.context.close();

    const partnerPerson = await newPerson(browser, app.running.url!);
    page = partnerPerson.page;
    await signIn(partnerPerson, DEMO.partner);
    await page.waitForURL(/\/review\/tasks$/);
    await openMenu(page, '互认协议');
    await page.getByTestId(`agreement-row-${agreementId}`).getByText(name).click();
    await page.getByTestId('provider-picker').click();
    await page.locator('#providerIds').fill(labOrg.name.slice(0, 9));
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: labOrg.name }).click();
    await page.keyboard.press('Escape'); // a multiple select stays open after a pick
    await page.getByTestId('agreement-add-providers').getByTestId('form-submit').click();
    await page.getByTestId(`agreement-provider-${labOrg.id}`).waitFor();
    await page.screenshot({ path: '/tmp/review-agreement.png', fullPage: true });

    await openMenu(page, '服务机构准入');
    await page.getByTestId('filter-q').locator('input').fill(labOrg.name);
    await page.getByTestId('filter-q').locator('input').press('Enter');
    const row = page.getByTestId(`provider-row-${labOrg.id}`);
    await row.locator('[data-status="active"]').waitFor();
    await row.getByTestId('admission-suspend').click();
    await page.getByTestId('admission-suspend-form').locator('#comment').fill('资质证书过期，暂停服务');
    await page.getByTestId('admission-suspend-form').getByTestId('form-submit').click();
    await row.locator('[data-status="suspended"]').waitFor();
    await page.screenshot({ path: '/tmp/review-providers.png', fullPage: true });
    await row.getByTestId('admission-reinstate').click();
    await page.getByTestId('admission-reinstate-form').getByTestId('form-submit').click();
    await row.locator('[data-status="active"]').waitFor();
    expect(partnerPerson.errors).toEqual([]);
    await partnerPerson.context.close();
  });

  it('reviewer: batch-approves two applications, sees an overdue task, and returns a case with a required comment', async () => {
    const program = await openProgram(app, approver.auth);
    const first = await submittedApplication(app, program.id, 1_000_000);
    const second = await submittedApplication(app, program.id, 1_200_000);
    const [taskA, taskB] = await Promise.all([waitForTask(app, reviewer.auth, first.caseId, 'district_review'), waitForTask(app, reviewer.auth, second.caseId, 'district_review')]);

    // The next version of the workflow gives the district review a 2-second SLA: the next application runs late.
    await publishWorkflow(app, admin.auth, 'voucher_application', 'voucher_application', [
      { key: 'precheck', name: '自动预审', kind: 'precheck' },
      { key: 'district_review', name: '区县科技局初审', kind: 'review', deciderRoles: ['reviewer'], regionScope: 'subject_district', sla: { durationSeconds: 2, remindAtFraction: 0.5 } },
      { key: 'city_approval', name: '市科技局审批', kind: 'review', deciderRoles: ['approver'], regionScope: 'subject_city' },
    ]);
    const late = await submittedApplication(app, program.id, 800_000);
    const taskC = await waitForTask(app, reviewer.auth, late.caseId, 'district_review');
    await eventually(async () => {
      const res = await app.http().get('/api/v1/approval-tasks?overdue=true').set(reviewer.auth);
      return (res.body as { id: string }[]).some((t) => t.id === taskC.id);
    }, 20_000, 'overdue task');

    const person = await newPerson(browser, app.running.url!);
    const { page } = person;
    await signIn(person, DEMO.reviewer);
    await page.waitForURL(/\/review\/tasks$/);
    const row = (taskId: string) => page.getByTestId(`task-row-${taskId}`);
    await row(taskC.id).getByTestId('overdue-badge').waitFor();
    await expect(row(taskA.id).getByTestId('overdue-badge').count()).resolves.toBe(0);
    await page.screenshot({ path: '/tmp/review-inbox.png', fullPage: true });
    // Stage names: 简体 reads the Chinese name; English reads the built-in's English name, and the Chinese one of the
    // version published above without English names.
    await expect(row(taskA.id).getByTestId('task-stage').textContent()).resolves.toBe('区县科技局初审');
    await page.evaluate(() => window.localStorage.setItem('g60.lang', 'en'));
    await page.reload();
    await row(taskA.id).getByTestId('task-stage').getByText('District S&T bureau first review', { exact: true }).waitFor();
    await expect(row(taskC.id).getByTestId('task-stage').textContent()).resolves.toBe('区县科技局初审');
    // The case's title in English too: the words around the application number and the enterprise's name.
    const titled = taskA as unknown as { caseTitleParams: { number: string; org: string } };
    await expect(row(taskA.id).getByTestId('case-link').textContent()).resolves.toBe(`Voucher application ${titled.caseTitleParams.number}: ${titled.caseTitleParams.org}`);
    await page.evaluate(() => window.localStorage.setItem('g60.lang', 'zh'));
    await page.reload();
    await row(taskA.id).getByTestId('task-stage').getByText('区县科技局初审', { exact: true }).waitFor();
    await expect(row(taskA.id).getByTestId('case-link').textContent()).resolves.toBe(`创新券申领 ${titled.caseTitleParams.number}：${titled.caseTitleParams.org}`);

    await row(taskA.id).locator('input[type=checkbox]').check();
    await row(taskB.id).locator('input[type=checkbox]').check();
    await page.getByTestId('batch-approve').click();
    await page.getByTestId('batch-decision-form').getByTestId('form-submit').click();
    await page.getByTestId('batch-results').waitFor();
    await page.getByTestId(`batch-result-${taskA.id}`).and(page.locator('[data-ok="true"]')).waitFor();
    await page.getByTestId(`batch-result-${taskB.id}`).and(page.locator('[data-ok="true"]')).waitFor();
    await row(taskA.id).waitFor({ state: 'detached' });
    await Promise.all([waitForTask(app, approver.auth, first.caseId, 'city_approval'), waitForTask(app, approver.auth, second.caseId, 'city_approval')]);

    // The late case: its page, pre-checks, and a return that needs a comment.
    await row(taskC.id).getByTestId('case-link').click();
    await page.waitForURL(new RegExp(`/review/cases/${late.caseId}$`));
    await page.getByTestId('findings').locator('[data-status]').first().waitFor();
    // The pre-check reasons arrive as codes and read in Chinese (packages/shared/finding-reasons.ts), not the API's English.
    const qualification = (await page.getByTestId('finding-qualification').first().textContent()) ?? '';
    expect(qualification).toMatch(/适用“[^”]+”档/);
    expect(qualification).not.toMatch(/tier|qualification/);
    const applicant = await app.http().get(`/api/v1/organizations/${late.enterprise.organization.id}`).set(reviewer.auth).expect(200);
    await page.getByTestId('case-subject').getByText(applicant.body.name).waitFor();
    const programme = await app.http().get(`/api/v1/programs/${program.id}`).set(reviewer.auth).expect(200);
    await page.getByTestId('case-subject').getByText(programme.body.name).waitFor();
    await page.getByTestId('decision-return').click();
    await page.getByTestId('decision-form').getByTestId('form-submit').click();
    await expect(fieldError(page, 'comment').textContent()).resolves.toContain('退回或驳回时必须填写审批意见');
    await page.getByTestId('decision-comment').fill('请补充检测项目清单和报价单');
    await page.getByTestId('decision-form').getByTestId('form-submit').click();
    await page.getByTestId('case-status').locator('[data-status="returned"]').waitFor();
    await page.getByTestId('case-timeline').getByText('请补充检测项目清单和报价单').first().waitFor();
    await page.screenshot({ path: '/tmp/review-case.png', fullPage: true });
    await eventually(async () => {
      const res = await app.http().get(`/api/v1/voucher-applications/${late.applicationId}`).set(late.enterprise.auth);
      return res.body.status === 'returned';
    }, 20_000, 'application returned');

    // Oversight: the cases list, filtered to returned cases.
    await openMenu(page, '审批案件');
    await page.getByTestId('filter-status').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '已退回修改' }).click();
    await page.getByTestId(`case-row-${late.caseId}`).waitFor();
    await page.screenshot({ path: '/tmp/review-cases.png' });
    expect(person.errors).toEqual([]);
    await person.context.close();
  });

  it('reviewer on a phone (English): inbox rows are cards with a checkbox, a page can be selected, two tasks batch-approved; nothing scrolls sideways', async () => {
    const program = await openProgram(app, approver.auth);
    const applications = await Promise.all([submittedApplication(app, program.id, 700_000), submittedApplication(app, program.id, 900_000)]);
    const tasks = await Promise.all(applications.map((a) => waitForTask(app, reviewer.auth, a.caseId, 'district_review')));
    const person = await newPerson(browser, app.running.url!, 'en');
    const { page } = person;
    await resize(page, { width: 390, height: 844 });
    await signIn(person, DEMO.reviewer);
    await page.waitForURL(/\/review\/tasks$/);
    const row = (taskId: string) => page.getByTestId(`task-row-${taskId}`);
    for (const task of tasks) await row(task.id).waitFor();
    expect(await row(tasks[0].id).evaluate((e) => e.tagName)).toBe('LI'); // a card, not a table row
    // The stage as an English reader gets it (an earlier test published a version without English names).
    const stage = tasks[0] as unknown as { stageName: string; stageNameEn: string | null };
    await row(tasks[0].id).getByTestId('task-stage').getByText(stage.stageNameEn ?? stage.stageName, { exact: true }).waitFor();
    const titled = tasks[0] as unknown as { caseTitleParams: { number: string; org: string } };
    await row(tasks[0].id).getByTestId('case-link').getByText(`Voucher application ${titled.caseTitleParams.number}: ${titled.caseTitleParams.org}`, { exact: true }).waitFor();
    expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(390);

    // "Select all on this page" selects every card that can be decided, and clears them again.
    const selectable = await page.locator('.g60-row-card-select input[type=checkbox]:not([disabled])').count();
    expect(selectable).toBeGreaterThanOrEqual(2);
    await page.getByTestId('select-page').click();
    await page.getByTestId('batch-bar').getByText(`${selectable} selected`).waitFor();
    await page.getByTestId('select-page').click();
    await page.getByTestId('batch-bar').getByText('0 selected').waitFor();
    expect(await page.getByTestId('batch-approve').isDisabled()).toBe(true);

    for (const task of tasks) await row(task.id).getByTestId('select-row').click();
    await page.getByTestId('batch-bar').getByText('2 selected').waitFor();
    expect(await seriousAxeLines(page)).toEqual([]);
    await page.screenshot({ path: '/tmp/review-inbox-phone-en.png', fullPage: true });
    await page.getByTestId('batch-approve').click();
    await page.getByTestId('batch-decision-form').getByTestId('form-submit').click();
    for (const task of tasks) await page.getByTestId(`batch-result-${task.id}`).and(page.locator('[data-ok="true"]')).waitFor();
    await Promise.all(applications.map((a) => waitForTask(app, approver.auth, a.caseId, 'city_approval')));
    expect(person.errors).toEqual([]);
    await person.context.close();
  });
});
