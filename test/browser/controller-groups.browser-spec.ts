import type { Browser } from 'playwright-core';
import { confirmPopconfirm, launchBrowser, newPerson, signIn } from '../support/browser';
import { registerOrganization, TEST_PASSWORD } from '../support/factories';
import { DEMO, eventually, startTestApp, TestApp } from '../support/test-app';
import { choose } from './enterprise-lab.steps';

/**
 * 同一实际控制人 through the portal: the district bureau creates a group, links an enterprise from
 * the group page and unlinks it again; the enterprise sees its group and asks to leave it with a
 * statement and documents, and its request shows up for the bureau as a case.
 */
describe('web portal: actual-controller groups are kept by the bureau, requested by the enterprise', () => {
  let app: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const groupOf = async (orgId: string) => ((await app.dataSource.query(`SELECT controller_group_id FROM organizations WHERE id = $1`, [orgId])) as { controller_group_id: string | null }[])[0].controller_group_id;

  it('the reviewer creates a group and links an enterprise on the page; the enterprise asks to leave and the case reaches the reviewer', async () => {
    const name = `禾源浏览器集团${Date.now().toString().slice(-6)}`;
    const enterprise = await registerOrganization(app, { kind: 'enterprise', regionCode: '330402', name: `嘉禾浏览器测试${Date.now().toString().slice(-6)}有限公司` });
    const orgName = ((await app.dataSource.query(`SELECT name FROM organizations WHERE id = $1`, [enterprise.organization.id])) as { name: string }[])[0].name;

    const bureau = await newPerson(browser, app.running.url!);
    await signIn(bureau, DEMO.reviewer);
    const { page } = bureau;
    await page.goto('/review/controller-groups');
    await page.getByTestId('group-create').click();
    const create = page.getByTestId('group-create-form');
    await create.locator('#name').fill(name);
    await create.locator('#controllerName').fill('王建国');
    await create.getByTestId('form-submit').click();
    await page.getByTestId('groups-table').getByText(name).click();
    await page.waitForURL(/\/review\/controller-groups\/[0-9a-f-]{36}$/);
    const groupId = page.url().split('/').pop() as string;

    await page.getByTestId('member-link').click();
    await choose(page, 'organizationId', orgName, orgName.slice(0, 8));
    await page.getByTestId('member-link-form').getByTestId('form-submit').click();
    await page.getByTestId(`member-row-${enterprise.organization.id}`).waitFor();
    expect(await groupOf(enterprise.organization.id)).toBe(groupId);

    // The enterprise sees the group the bureau recorded and asks to leave it.
    const person = await newPerson(browser, app.running.url!);
    await signIn(person, enterprise.user.email, TEST_PASSWORD);
    await person.page.goto('/enterprise/controller-group');
    await person.page.getByTestId('current-group').getByText(name).waitFor();
    const form = person.page.getByTestId('group-request-form');
    await form.getByText('退出集团').click();
    await form.locator('#statement').fill('本企业股权已于 2026 年 3 月转让，不再受王建国实际控制。');
    const docs = form.locator('#documentRefs');
    await docs.fill('股权转让协议 2026-031');
    await docs.press('Enter');
    await form.getByTestId('form-submit').click();
    await person.page.getByTestId('group-requests').locator('[data-status="submitted"], [data-status="in_review"]').first().waitFor();
    const [request] = (await app.dataSource.query(`SELECT case_id, action, document_refs FROM controller_group_change_requests WHERE enterprise_id = $1`, [enterprise.organization.id])) as {
      case_id: string;
      action: string;
      document_refs: string[];
    }[];
    expect(request).toMatchObject({ action: 'leave', document_refs: ['股权转让协议 2026-031'] });
    // Asking changes nothing until the bureaus decide.
    expect(await groupOf(enterprise.organization.id)).toBe(groupId);

    // The reviewer's case page shows the request and its evidence.
    await eventually(async () => ((await app.dataSource.query(`SELECT 1 FROM approval_tasks WHERE case_id = $1 AND status = 'open'`, [request.case_id])) as unknown[]).length > 0, 20_000, 'district task');
    await page.goto(`/review/cases/${request.case_id}`);
    const subject = page.getByTestId('case-subject');
    await subject.getByText('退出集团').waitFor({ timeout: 30_000 });
    await subject.getByText(name).waitFor();
    await page.getByTestId('claim-documents').getByText('股权转让协议 2026-031').waitFor();

    // The bureau unlinks on the group page; the enterprise's past usage would stay with the group.
    await page.goto(`/review/controller-groups/${groupId}`);
    await page.getByTestId(`member-row-${enterprise.organization.id}`).getByTestId('member-unlink').click();
    await confirmPopconfirm(page);
    await eventually(async () => (await groupOf(enterprise.organization.id)) === null, 20_000, 'unlinked');
    expect(bureau.errors).toEqual([]);
    expect(person.errors).toEqual([]);
  });
});
