import type { Browser } from 'playwright-core';
import { explainFailure, launchBrowser, newPerson, signIn } from '../support/browser';
import { paidClaim } from '../support/claims';
import { DEMO, login, Session, startTestApp, TestApp } from '../support/test-app';
import { admittedProvider, listService } from '../support/vouchers';

/** Finance records money paid back on a clawed-back claim from the programme page (docs/domain.md, "Claw-backs and recoveries"). */
describe('web portal: recoveries of clawed-back claims', () => {
  let app: TestApp;
  let browser: Browser;
  let people: Record<'approver' | 'reviewer' | 'finance' | 'finance2' | 'admin', Session>;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
    const [approver, reviewer, finance, finance2, admin] = await Promise.all([DEMO.approver, DEMO.reviewer, DEMO.finance, DEMO.finance2, DEMO.admin].map((email) => login(app, email)));
    people = { approver, reviewer, finance, finance2, admin };
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('finance records an instalment, is refused more than is owed, then records the rest and the claim is recovered', async () => {
    const { approver, reviewer, finance, finance2, admin } = people;
    const provider = await admittedProvider(app, '330402');
    const service = await listService(app, provider.auth, 50_000, '金相分析');
    const { claimId, program } = await paidClaim(app, { lab: provider.auth, reviewer: reviewer.auth, approver: approver.auth, finance: finance.auth }, { closer: admin.auth, approver: finance.auth, payer: finance2.auth }, service.id);
    await app.http().post(`/api/v1/redemption-claims/${claimId}/claw-back`).set(finance.auth).send({ reason: '发票作废' }).expect(200);
    const number = (await app.http().get(`/api/v1/redemption-claims/${claimId}`).set(finance.auth).expect(200)).body.number as string;

    const person = await newPerson(browser, app.running.url!);
    const { page } = person;
    await explainFailure([person], async () => {
      await signIn(person, DEMO.finance);
      await page.goto(`/review/programmes/${program.id}`);
      const row = page.getByTestId(`claw-back-${number}`);
      await expect(row.getByTestId('claw-back-outstanding').textContent()).resolves.toBe('¥500.00');

      // An instalment of ¥200.00; the reference is required before anything is sent.
      await row.getByTestId('recovery-record').click();
      const form = page.getByTestId('recovery-record-form');
      await form.locator('#amountFen').fill('200');
      await form.getByTestId('form-submit').click();
      await expect(form.locator('.ant-form-item', { has: page.locator('#reference') }).locator('.ant-form-item-explain-error').textContent()).resolves.toBeTruthy();
      await form.locator('#reference').fill('JXCZ-20261120-0042');
      await form.getByTestId('form-submit').click();
      await page.waitForFunction((n) => document.querySelector(`[data-testid="claw-back-${n}"] [data-testid="claw-back-outstanding"]`)?.textContent === '¥300.00', number);

      // More than is owed: the API's refusal, with its numbers, and nothing recorded.
      await row.getByTestId('recovery-record').click();
      const second = page.getByTestId('recovery-record-form');
      await second.locator('#amountFen').fill('400');
      await second.locator('#reference').fill('JXCZ-20261121-0043');
      await second.getByTestId('form-submit').click();
      await expect(second.getByTestId('form-error').textContent()).resolves.toContain('超过尚欠金额');

      // Left empty, the amount is all that is still owed: the claim is recovered and the button gone.
      await second.locator('#amountFen').fill('');
      await second.getByTestId('form-submit').click();
      await page.waitForFunction((n) => document.querySelector(`[data-testid="claw-back-${n}"] [data-status="recovered"]`) !== null, number);
      // The row's status and its button are one render apart at most: wait for the button to go, as a person would see it.
      await row.getByTestId('recovery-record').waitFor({ state: 'detached', timeout: 10_000 });
      await expect(row.getByTestId('recovery-record').count()).resolves.toBe(0);
      await expect(row.getByTestId('claw-back-outstanding').textContent()).resolves.toBe('¥0.00');
    });
    const recoveries = (await app.http().get(`/api/v1/redemption-claims/${claimId}/recoveries`).set(finance.auth).expect(200)).body as { amountFen: number }[];
    expect(recoveries.map((r) => r.amountFen)).toEqual([20_000, 30_000]);
    expect(person.errors).toEqual([]);
  });
});
