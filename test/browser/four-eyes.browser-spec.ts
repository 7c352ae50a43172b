import type { Browser } from 'playwright-core';
import { launchBrowser, newPerson, openMenu, signIn } from '../support/browser';
import { registerOrganization } from '../support/factories';
import { DEMO, login, Session, startTestApp, TestApp } from '../support/test-app';
import { issueVoucher, openProgram } from '../support/vouchers';
import { confirmPopover } from './enterprise-lab.steps';

jest.setTimeout(180_000);

/**
 * Four eyes in the portal (docs/security.md): a revocation above the threshold waits on
 * /review/four-eyes; the requester sees it as its own (no confirm button), a second approver of the
 * region confirms it and the voucher is revoked.
 */
describe('web portal: four eyes on money', () => {
  let app: TestApp;
  let browser: Browser;
  let approver: Session;
  let reviewer: Session;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp({ env: { FOUR_EYES_THRESHOLD_FEN: '100000' } }), launchBrowser()]);
    await app.dataSource.query(
      `INSERT INTO users (organization_id, email, password_hash, display_name, role, is_org_admin)
       SELECT organization_id, 'approver2@test.g60.cn', password_hash, '市科技局复核员', role, false FROM users WHERE email = $1`,
      [DEMO.approver],
    );
    [approver, reviewer] = await Promise.all([login(app, DEMO.approver), login(app, DEMO.reviewer)]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('the requester cannot confirm its own revocation; a second approver confirms it on the pending page', async () => {
    const program = await openProgram(app, approver.auth);
    const enterprise = await registerOrganization(app, { kind: 'enterprise', regionCode: '330402' });
    const { voucherId } = await issueVoucher(app, enterprise.auth, reviewer.auth, approver.auth, program.id, 500_000);
    const asked = await app.http().post(`/api/v1/vouchers/${voucherId}/revoke`).set(approver.auth).send({ reason: '骗取补贴' }).expect(200);
    const requestId = asked.body.fourEyesRequest.id as string;

    const first = await newPerson(browser, app.running.url!);
    await signIn(first, DEMO.approver);
    await openMenu(first.page, '待复核资金事项');
    const ownRow = first.page.getByTestId(`four-eyes-row-${requestId}`);
    await ownRow.getByTestId('four-eyes-own').waitFor();
    expect(await ownRow.getByTestId('four-eyes-confirm').count()).toBe(0);
    await ownRow.getByTestId('four-eyes-cancel').waitFor();
    expect(first.errors).toEqual([]);
    await first.context.close();

    const second = await newPerson(browser, app.running.url!);
    await signIn(second, 'approver2@test.g60.cn');
    await openMenu(second.page, '待复核资金事项');
    const row = second.page.getByTestId(`four-eyes-row-${requestId}`);
    await row.getByText('¥5,000.00').waitFor();
    await row.getByTestId('four-eyes-confirm').click();
    await confirmPopover(second.page);
    // Confirmed requests leave the pending list.
    await row.waitFor({ state: 'detached' });
    await second.page.screenshot({ path: '/tmp/four-eyes.png', fullPage: true });
    expect(second.errors).toEqual([]);
    await second.context.close();

    const voucher = await app.http().get(`/api/v1/vouchers/${voucherId}`).set(approver.auth).expect(200);
    expect(voucher.body).toMatchObject({ status: 'revoked', availableFen: 0 });
  });
});
