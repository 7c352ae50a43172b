import { randomBytes } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { launchBrowser, newPerson, openMenu } from '../support/browser';
import { uniqueEmail } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';
import { admittedProvider } from '../support/vouchers';
import { choose, confirmPopover } from './enterprise-lab.steps';

/** An innovation team (创新团队) registers through the page, with its members and a host found by name, and keeps its member list. */
describe('web portal: innovation team registration and members', () => {
  let app: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('a team registers with two members and a host university, lands on the applicant home and edits its members', async () => {
    const tag = randomBytes(2).toString('hex');
    const host = await admittedProvider(app, '330402', `嘉兴孵化${tag}大学`);
    const person = await newPerson(browser, app.running.url!);
    const { page } = person;
    const name = `浏览器智感${tag}创新团队`;

    await page.goto('/register');
    const form = page.getByTestId('register-form');
    await page.getByTestId('register-kind').getByText('创新团队').click();
    // A team gives no USCC.
    await expect(form.locator('#organization_uscc').count()).resolves.toBe(0);
    await form.locator('#organization_name').fill(name);
    await choose(page, 'organization_regionCode', '南湖区', '南湖');
    await form.getByTestId('team-leader-name').fill('王强');
    await form.getByTestId('team-leader-phone').fill('13800000001');
    await form.locator('#team_leader_idCardNumber').fill('11010519491231002X');
    await form.getByTestId('team-member-name-0').fill('李娜');
    await form.getByTestId('team-member-title-0').fill('算法工程师');
    await form.getByTestId('team-member-add-row').click();
    await form.getByTestId('team-member-name-1').fill('赵磊');
    await choose(page, 'team_hostOrganizationId', `嘉兴孵化${tag}大学`, `孵化${tag}`);
    await form.locator('#user_displayName').fill('王强');
    const email = uniqueEmail('team-browser');
    await form.locator('#user_email').fill(email);
    await form.locator('#user_password').fill('Team-pass-20261');
    await form.locator('#confirmPassword').fill('Team-pass-20261');
    await form.getByTestId('form-submit').click();

    // Signed in as an applicant: the enterprise home works for a team, without the enterprise-only pages.
    await page.getByTestId('home-applications').waitFor();
    await expect(page.getByTestId('side-menu').getByText('企业资质', { exact: true }).count()).resolves.toBe(0);
    const [org] = await app.dataSource.query(`SELECT id, kind, uscc, host_organization_id FROM organizations WHERE name = $1`, [name]);
    expect(org).toMatchObject({ kind: 'team', uscc: null, host_organization_id: host.organization.id });

    await openMenu(page, '团队成员');
    const members = page.getByTestId('team-members');
    await members.getByText('李娜').waitFor();
    await members.getByText('赵磊').waitFor();
    await members.getByText('110105********002X').waitFor();
    await page.getByTestId('team-host').getByText(`嘉兴孵化${tag}大学`).waitFor();

    await page.getByTestId('team-member-form').locator('#name').fill('孙悦');
    await page.getByTestId('team-member-form').locator('#title').fill('产品经理');
    await page.getByTestId('team-member-form').getByTestId('form-submit').click();
    await members.getByText('孙悦').waitFor();

    const [zhao] = await app.dataSource.query(`SELECT id FROM innovation_team_members WHERE organization_id = $1 AND name = '赵磊'`, [org.id]);
    await page.getByTestId(`team-member-remove-${zhao.id}`).click();
    await confirmPopover(page);
    await members.getByText('赵磊').waitFor({ state: 'detached' });
    await page.screenshot({ path: '/tmp/team-members.png', fullPage: true });

    const rows = await app.dataSource.query(`SELECT name, is_leader FROM innovation_team_members WHERE organization_id = $1 ORDER BY is_leader DESC, created_at, name`, [org.id]);
    expect(rows.map((r: { name: string }) => r.name).sort()).toEqual(['孙悦', '李娜', '王强'].sort());
    expect(person.errors).toEqual([]);
    await person.context.close();
  });
});
