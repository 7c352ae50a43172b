import type { Browser } from 'playwright-core';
import { shanghaiDate } from '../../src/platform/database/shanghai-date';
import { explainFailure, launchBrowser, newPerson, openMenu, Person, signIn } from '../support/browser';
import { DEMO, login, Session, startTestApp, TestApp } from '../support/test-app';
import { choose, confirmPopover, pickDate } from './enterprise-lab.steps';

jest.setTimeout(240_000);

/**
 * Recognition agreements in the portal (docs/security.md, "Recognition agreements"): the Shanghai
 * partner admin proposes and signs its part; Jiaxing's approver changes the ratio (the partner's
 * signature turns void), signs; once both signed the same terms it is in force, and an amendment
 * opens as version 2 beside version 1.
 */
describe('web portal: recognition agreements are signed by both regions, amended as versions', () => {
  let app: TestApp;
  let browser: Browser;
  let approver: Session;
  let partner: Session;
  let lab: Session;
  const people: Person[] = [];

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
    [approver, partner, lab] = await Promise.all([login(app, DEMO.approver), login(app, DEMO.partner), login(app, DEMO.provider)]);
  });
  afterAll(async () => {
    for (const p of people) await p.context.close();
    await browser?.close();
    await app?.close();
  });

  async function person(email: string): Promise<Person> {
    const p = await newPerson(browser, app.running.url!);
    people.push(p);
    await signIn(p, email);
    return p;
  }
  const status = (p: Person, value: string) => p.page.getByTestId('agreement-status').locator(`[data-status="${value}"]`).waitFor();

  it('partner proposes and signs; an edit by Jiaxing voids that signature; both sign; an amendment is version 2', () => explainFailure(people, async () => {
    const labOrg = (await app.http().get('/api/v1/me').set(lab.auth).expect(200)).body.organization.id as string;

    // ── The Shanghai partner admin proposes an agreement for Jiaxing's vouchers ──
    const sh = await person(DEMO.partner);
    await openMenu(sh.page, '互认协议');
    await sh.page.getByTestId('agreement-create').click();
    const form = sh.page.getByTestId('agreement-form');
    await pickDate(sh.page, 'effectiveFrom', '2026-01-01');
    await choose(sh.page, 'issuingRegionCode', '嘉兴市', '嘉兴');
    await form.locator('#name').fill('上海提议的嘉兴—上海互认协议');
    await form.locator('#ratioOverrideBp').fill('80');
    await form.getByTestId('form-submit').click();
    await sh.page.waitForURL(/\/review\/agreements\/[0-9a-f-]{36}$/);
    const id = sh.page.url().split('/').pop()!;
    await status(sh, 'draft');
    await sh.page.getByTestId('agreement-unsigned-note').waitFor();
    await app.http().post(`/api/v1/recognition-agreements/${id}/providers`).set(partner.auth).send({ providerIds: [labOrg] }).expect(200);
    await sh.page.reload();
    await sh.page.getByTestId(`agreement-provider-${labOrg}`).waitFor();
    await sh.page.getByTestId('agreement-sign').click();
    await confirmPopover(sh.page);
    await sh.page.getByTestId('agreement-signature-partner').waitFor();
    await status(sh, 'partially_signed');
    expect(await sh.page.getByTestId('agreement-sign').count()).toBe(0);

    // ── Jiaxing's approver lowers the ratio: Shanghai's signature no longer counts ──
    const jx = await person(DEMO.approver);
    await jx.page.goto(`/review/agreements/${id}`);
    await jx.page.getByTestId('agreement-signature-partner').waitFor();
    await jx.page.getByTestId('agreement-edit').click();
    const edit = jx.page.getByTestId('agreement-edit-form');
    await edit.locator('#ratioOverrideBp').fill('60');
    await edit.getByTestId('form-submit').click();
    await jx.page.getByTestId('agreement-signature-void-partner').waitFor();
    await status(jx, 'draft');
    await jx.page.getByTestId('agreement-sign').click();
    await confirmPopover(jx.page);
    await jx.page.getByTestId('agreement-signature-issuing').waitFor();
    await status(jx, 'partially_signed');

    // ── Shanghai signs the new terms: in force ──
    await sh.page.reload();
    await sh.page.getByTestId('agreement-signature-void-partner').waitFor();
    await sh.page.getByTestId('agreement-sign').click();
    await confirmPopover(sh.page);
    await status(sh, 'in_force');
    const bound = await app.http().get(`/api/v1/recognition-agreements/${id}`).set(approver.auth).expect(200);
    expect(bound.body).toMatchObject({ status: 'in_force', ratioOverrideBp: 6000, inForceToday: true });

    // ── Jiaxing amends it from today: version 2 opens as a draft beside version 1 ──
    await jx.page.reload();
    await status(jx, 'in_force');
    await jx.page.getByTestId('agreement-amend').click();
    await pickDate(jx.page, 'effectiveFrom', shanghaiDate());
    await jx.page.waitForURL((url) => /\/review\/agreements\/[0-9a-f-]{36}$/.test(url.pathname) && !url.pathname.endsWith(id));
    await status(jx, 'draft');
    await jx.page.getByTestId('agreement-version-1').locator('[data-status="in_force"]').waitFor();
    await jx.page.getByTestId('agreement-version-2').locator('[data-status="draft"]').waitFor();
    await jx.page.getByTestId(`agreement-provider-${labOrg}`).waitFor();
    await jx.page.screenshot({ path: '/tmp/review-agreement-versions.png', fullPage: true });

    expect(sh.errors).toEqual([]);
    expect(jx.errors).toEqual([]);
  }));
});
