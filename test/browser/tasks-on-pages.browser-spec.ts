import type { Browser } from 'playwright-core';
import { paidClaim } from '../support/claims';
import { explainFailure, launchBrowser, newPerson, openMenu, Person, signIn, typeDate } from '../support/browser';
import { registerOrganization, TEST_PASSWORD, uniqueEmail } from '../support/factories';
import { DEMO, login, startTestApp, TestApp } from '../support/test-app';
import { admittedProvider, issueVoucher, listService, openProgram } from '../support/vouchers';

const SHOTS = process.env.PHONE_SHOTS ?? '/tmp';

/**
 * Tasks that had only an API until issue 19, each driven through its page by the role that does it: an organisation
 * admin invites a colleague; the city approver revokes a voucher (at once when small, through four eyes when large);
 * finance claws back a paid claim; the platform admin runs the daily job; the approver limits an agreement to some
 * services.
 */
describe('web portal: every task on a page', () => {
  let app: TestApp;
  let browser: Browser;
  let people: Person[] = [];

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
  });
  afterEach(async () => {
    await Promise.all(people.map((p) => p.context.close().catch(() => undefined)));
    people = [];
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  async function person(email: string, password: string = DEMO.password, lang: 'zh' | 'en' = 'zh'): Promise<Person> {
    const p = await newPerson(browser, app.running.url!, lang);
    people.push(p);
    await signIn(p, email, password);
    await p.page.getByTestId('user-menu').waitFor();
    return p;
  }

  it('an organisation admin invites a colleague, who signs up with the code; a member who is no admin has no such page', () => explainFailure(people, async () => {
    const enterprise = await registerOrganization(app, { kind: 'enterprise', regionCode: '330402' });
    const admin = await person(enterprise.user.email, TEST_PASSWORD, 'en');
    const page = admin.page;
    await openMenu(page, 'Members and invitations');
    await page.getByTestId('members-table').getByText(enterprise.user.email).waitFor();
    const email = uniqueEmail('colleague');
    const form = page.getByTestId('invite-form');
    await form.locator('#email').fill(email);
    await form.getByTestId('form-submit').click();
    await page.getByTestId('invitation-result').getByText(email).waitFor();
    const token = (await page.getByTestId('invitation-token').textContent())!.trim();
    expect(token.length).toBeGreaterThan(20);
    const [row] = await app.dataSource.query(`SELECT role, is_org_admin, organization_id FROM invitations WHERE email = $1`, [email]);
    expect(row).toEqual({ role: 'enterprise_user', is_org_admin: false, organization_id: enterprise.organization.id });
    await page.screenshot({ path: `${SHOTS}/tasks-members-en.png`, fullPage: true });

    await app.http().post('/api/v1/auth/invitations/accept').send({ token, password: TEST_PASSWORD, displayName: '新同事' }).expect(201);
    await page.reload();
    await page.getByTestId('members-table').getByText(email).waitFor();

    // The colleague is no org admin: no menu entry, and the API refuses an invitation anyway.
    const colleague = await person(email, TEST_PASSWORD);
    await colleague.page.getByTestId('side-menu').waitFor();
    expect(await colleague.page.getByTestId('side-menu').getByText('成员与邀请').count()).toBe(0);
    const session = await login(app, email, TEST_PASSWORD);
    await app.http().post(`/api/v1/organizations/${enterprise.organization.id}/invitations`).set(session.auth).send({ email: uniqueEmail('x') }).expect(403);
    expect([...admin.errors, ...colleague.errors]).toEqual([]);
  }));

  it('the approver revokes a small voucher at once, and a large one waits for a second approver (four eyes)', () => explainFailure(people, async () => {
    const [approver, reviewer] = await Promise.all([login(app, DEMO.approver), login(app, DEMO.reviewer)]);
    const program = await openProgram(app, approver.auth);
    const enterprise = await registerOrganization(app, { kind: 'enterprise', regionCode: '330402' });
    const small = await issueVoucher(app, enterprise.auth, reviewer.auth, approver.auth, program.id, 500_000);
    const large = await issueVoucher(app, enterprise.auth, reviewer.auth, approver.auth, program.id, 3_000_000);
    const [smallNo, largeNo] = await Promise.all([small, large].map(async (v) => (await app.http().get(`/api/v1/vouchers/${v.voucherId}`).set(approver.auth)).body.number as string));

    const p = await person(DEMO.approver);
    const page = p.page;
    await openMenu(page, '创新券管理');
    const smallRow = page.getByTestId(`voucher-row-${smallNo}`);
    await smallRow.getByTestId('voucher-revoke').click();
    // The reason is required: the API's rules come to the form.
    await page.getByTestId('voucher-revoke-form').getByTestId('form-submit').click();
    await page.getByTestId('voucher-revoke-form').locator('.ant-form-item-explain-error').first().waitFor();
    await page.getByTestId('voucher-revoke-form').locator('#reason').fill('企业虚报研发项目，撤销创新券');
    await page.getByTestId('voucher-revoke-form').getByTestId('form-submit').click();
    await page.getByTestId('reversal-done').getByText(smallNo).waitFor();
    await page.getByTestId(`voucher-row-${smallNo}`).locator('[data-status="revoked"]').waitFor();
    const [smallNow] = await app.dataSource.query(`SELECT status FROM vouchers WHERE id = $1`, [small.voucherId]);
    expect(smallNow.status).toBe('revoked');

    await page.getByTestId(`voucher-row-${largeNo}`).getByTestId('voucher-revoke').click();
    await page.getByTestId('voucher-revoke-form').locator('#reason').fill('企业虚报研发项目，撤销创新券');
    await page.getByTestId('voucher-revoke-form').getByTestId('form-submit').click();
    await page.getByTestId('reversal-four-eyes').getByText(largeNo).waitFor();
    const [largeNow] = await app.dataSource.query(`SELECT status FROM vouchers WHERE id = $1`, [large.voucherId]);
    expect(largeNow.status).toBe('active');
    const pending = await app.dataSource.query(`SELECT kind, status, amount_fen::int AS amount FROM four_eyes_requests WHERE subject_id = $1`, [large.voucherId]);
    expect(pending).toEqual([{ kind: 'voucher_revocation', status: 'pending', amount: 3_000_000 }]);
    await page.screenshot({ path: `${SHOTS}/tasks-voucher-revoke-zh.png`, fullPage: true });
    await page.getByTestId('reversal-four-eyes').getByRole('link').click();
    await page.waitForURL(/\/review\/four-eyes$/);
    await page.getByTestId('four-eyes-own').first().waitFor(); // the requester may not confirm its own request
    expect(p.errors).toEqual([]);
  }));

  it('finance claws back a paid claim from the claims page', () => explainFailure(people, async () => {
    const [reviewer, approver, finance, finance2, admin] = await Promise.all([DEMO.reviewer, DEMO.approver, DEMO.finance, DEMO.finance2, DEMO.admin].map((e) => login(app, e)));
    const provider = await admittedProvider(app, '330402');
    const service = await listService(app, provider.auth, 200_000);
    const made = await paidClaim(app, { lab: provider.auth, reviewer: reviewer.auth, approver: approver.auth, finance: finance.auth }, { closer: admin.auth, approver: finance.auth, payer: finance2.auth }, service.id);
    const claimNo = (await app.http().get(`/api/v1/redemption-claims/${made.claimId}`).set(finance.auth)).body.number as string;

    const p = await person(DEMO.finance, DEMO.password, 'en');
    const page = p.page;
    await openMenu(page, 'Redemption claims');
    await page.getByTestId('status-filter').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: 'Paid' }).first().click();
    const row = page.getByTestId(`claim-row-${claimNo}`);
    await row.getByTestId('claim-claw-back').click();
    await page.getByTestId('claim-claw-back-form').locator('#reason').fill('Invoice found to be false');
    await page.getByTestId('claim-claw-back-form').getByTestId('form-submit').click();
    await page.getByTestId('reversal-done').getByText(claimNo).waitFor();
    const [claim] = await app.dataSource.query(`SELECT status FROM redemption_claims WHERE id = $1`, [made.claimId]);
    expect(claim.status).toBe('clawed_back');
    await page.screenshot({ path: `${SHOTS}/tasks-claw-back-en.png`, fullPage: true });
    expect(p.errors).toEqual([]);
  }));

  it('the platform admin runs the daily job as of a day and reads what it did', () => explainFailure(people, async () => {
    const p = await person(DEMO.admin);
    const page = p.page;
    await openMenu(page, '日终处理');
    // A day that is not today (in Shanghai or anywhere): the result must name the day typed, not the default. Escape
    // after typing dropped the typed day, and the test only passed on the day it was written.
    await typeDate(page, 'asOf', '2026-12-01');
    await page.getByTestId('daily-run-form').getByTestId('form-submit').click();
    const result = page.getByTestId('daily-run-result');
    await result.getByText('2026-12-01').waitFor();
    await result.getByTestId('daily-vouchers-expired').waitFor();
    await page.screenshot({ path: `${SHOTS}/tasks-daily-run-zh.png`, fullPage: true });
    expect(p.errors).toEqual([]);
  }));

  it('the approver limits a draft agreement to one service of a partner-region provider', () => explainFailure(people, async () => {
    const approver = await login(app, DEMO.approver);
    const shanghaiLab = await admittedProvider(app, '310104');
    const serviceName = `互认范围服务${Date.now().toString(36).slice(-5)}`;
    const service = await listService(app, shanghaiLab.auth, 150_000, serviceName);
    const draft = await app.http().post('/api/v1/recognition-agreements').set(approver.auth).send({
      issuingRegionCode: '330400', partnerRegionCode: '310000', name: `范围测试协议 ${serviceName}`, effectiveFrom: '2027-01-01', effectiveTo: '2027-12-31',
    }).expect(201);

    const p = await person(DEMO.approver);
    const page = p.page;
    await page.goto(`/review/agreements/${draft.body.id}`);
    const form = page.getByTestId('agreement-add-services');
    await form.locator('#serviceIds').click();
    await form.locator('#serviceIds').fill(serviceName);
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: serviceName }).first().click();
    await page.keyboard.press('Escape');
    await form.getByTestId('form-submit').click();
    await page.getByTestId(`agreement-provider-${shanghaiLab.organization.id}`).waitFor();
    const detail = (await app.http().get(`/api/v1/recognition-agreements/${draft.body.id}`).set(approver.auth)).body as { providers: { providerId: string; serviceIds: string[] }[] };
    expect(detail.providers.find((x) => x.providerId === shanghaiLab.organization.id)?.serviceIds).toEqual([service.id]);
    await page.screenshot({ path: `${SHOTS}/tasks-agreement-scope-zh.png`, fullPage: true });
    expect(p.errors).toEqual([]);
  }));
});
