import type { Browser, Page } from 'playwright-core';
import { outboxJobId } from '../../src/platform/outbox/outbox-writer';
import { JobName, QueueName } from '../../src/platform/queue/queue.registry';
import { QueueService } from '../../src/platform/queue/queue.service';
import { registerOrganization } from '../support/factories';
import { launchBrowser, newPerson, openMenu, Person, signIn } from '../support/browser';
import { DEMO, eventually, login, Session, startTestApp, TestApp } from '../support/test-app';
import { issueVoucher, listService, openProgram, signAgreement } from '../support/vouchers';

jest.setTimeout(240_000);

/** The text of a table row (antd puts rowKey in data-row-key), once it is there. */
async function rowText(page: Page, table: string, key: string): Promise<string> {
  const row = page.getByTestId(table).locator(`tr[data-row-key="${key}"]`);
  await row.waitFor();
  return (await row.textContent()) ?? '';
}

/** A chart is drawn: echarts put its canvas inside the container. */
async function chartDrawn(page: Page, testId: string): Promise<void> {
  await page.getByTestId(testId).locator('canvas').first().waitFor();
}

async function pick(page: Page, selectTestId: string, option: string): Promise<void> {
  await page.getByTestId(selectTestId).click();
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: option }).first().click();
}

/**
 * Dashboards (bureaus) and platform administration, in the browser: charts drawn from data seeded
 * through the API with exact figures in their tables; users filtered and invited; a workflow version
 * refused on a stage's SLA field, then published; a failed job retried and discarded.
 */
describe('web portal: dashboards and platform administration', () => {
  let app: TestApp;
  let browser: Browser;
  let approver: Session;
  let admin: Session;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
  });
  // Each test signs in afresh; the dashboards' figures are seeded by the test that reads them.
  beforeEach(async () => {
    [approver, admin] = await Promise.all([login(app, DEMO.approver), login(app, DEMO.admin)]);
  });

  /** Seeds what the dashboards show; returns the programme's name. */
  async function seedDashboardData(): Promise<string> {
    const [reviewer, lab, partner, demoEnterprise] = await Promise.all([DEMO.reviewer, DEMO.provider, DEMO.partner, DEMO.enterprise].map((email) => login(app, email)));
    // A Nanhu enterprise gets a ¥20,000 voucher and orders ¥6,000 of testing at a Shanghai lab (¥3,000 subsidy held).
    const program = await openProgram(app, approver.auth);
    const programName = (await app.http().get(`/api/v1/programs/${program.id}`).set(approver.auth).expect(200)).body.name;
    const enterprise = await registerOrganization(app, { kind: 'enterprise', regionCode: '330402' });
    const { voucherId } = await issueVoucher(app, enterprise.auth, reviewer.auth, approver.auth, program.id, 2_000_000);
    const service = await listService(app, lab.auth, 300_000);
    const labOrg = (await app.http().get('/api/v1/me').set(lab.auth).expect(200)).body.organization.id;
    const agreement = await app.http().post('/api/v1/recognition-agreements').set(approver.auth).send({
      issuingRegionCode: '330400', partnerRegionCode: '310000', name: '嘉兴—上海创新券互认互通协议', effectiveFrom: '2026-01-01', effectiveTo: '2027-12-31',
    }).expect(201);
    await app.http().post(`/api/v1/recognition-agreements/${agreement.body.id}/providers`).set(partner.auth).send({ providerIds: [labOrg] }).expect(200);
    await signAgreement(app, agreement.body.id, approver.auth, partner.auth);
    await app.http().post('/api/v1/service-orders').set(enterprise.auth).send({ serviceId: service.id, voucherId, quantity: 2 }).expect(201);
    // A roadshow project that landed in Jiaxing with ¥25,000,000 raised.
    const project = await app.http().post('/api/v1/roadshow-projects').set(demoEnterprise.auth).send({
      title: '高导热石墨烯复合散热膜', summary: '面向 5G 基站与新能源汽车电控的散热材料', industry: 'new_materials', stage: 'series_a',
      financingAskFen: 3_000_000_000, regionCode: '330402', team: [{ name: '李文博', role: 'CEO' }],
    }).expect(201);
    await app.http().post(`/api/v1/roadshow-projects/${project.body.id}/outcome`).set(admin.auth).send({
      landedInJiaxing: true, landingDistrictCode: '330402', landedOn: '2026-05-20', financingRaisedFen: 2_500_000_000,
    }).expect(200);
    return programName;
  }

  /** The machine is shared: pages get more time than the default to load under load. */
  async function patientPerson(): Promise<Person> {
    const person = await newPerson(browser, app.running.url!);
    person.page.setDefaultTimeout(45_000);
    return person;
  }

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('shows the city approver every dashboard with its chart drawn and the exact figures', async () => {
    const programName = await seedDashboardData();
    const person = await patientPerson();
    const { page } = person;
    await signIn(person, DEMO.approver);

    await openMenu(page, '预算执行');
    await page.getByTestId('program-picker').getByText(programName, { exact: false }).waitFor();
    await chartDrawn(page, 'chart-budget');
    const nanhu = await rowText(page, 'table-budget', '330402');
    expect(nanhu).toContain('南湖区');
    // Issued ¥20,000.00 of which ¥17,000.00 spendable and ¥3,000.00 held for the order.
    expect(nanhu).toMatch(/^南湖区1¥20,000\.00¥17,000\.00¥3,000\.00¥0\.00¥0\.00$/);
    expect(await page.getByTestId('kpi-budget').textContent()).toContain('¥1,000,000.00');
    expect(await page.getByTestId('kpi-available').textContent()).toContain('¥980,000.00');
    expect(await page.getByTestId('kpi-committed').textContent()).toContain('¥20,000.00');
    await page.screenshot({ path: '/tmp/dash-budget.png', fullPage: true });

    await openMenu(page, '跨区域通兑');
    await chartDrawn(page, 'chart-flow');
    expect(await rowText(page, 'table-flow', '330400-310000')).toBe('嘉兴市上海市1¥3,000.00¥0.00');
    expect(await page.getByTestId('kpi-cross-region').textContent()).toContain('¥3,000.00');
    await page.screenshot({ path: '/tmp/dash-flow.png', fullPage: true });

    await openMenu(page, '审批时效');
    await chartDrawn(page, 'chart-approval-times');
    await chartDrawn(page, 'chart-cases');
    const district = await rowText(page, 'table-approval-times', 'voucher_application/district_review');
    expect(district).toMatch(/^创新券申领审批区县初审1/);
    expect(await rowText(page, 'table-approval-times', 'voucher_application/city_approval')).toMatch(/^创新券申领审批市级审批1/);
    await page.screenshot({ path: '/tmp/dash-approvals.png', fullPage: true });

    await openMenu(page, '路演成效');
    await chartDrawn(page, 'chart-roadshow-funnel');
    await chartDrawn(page, 'chart-roadshow-groups');
    expect(await rowText(page, 'table-roadshow', 'new_materials')).toBe('新材料1001¥25,000,000.00');
    expect(await page.getByTestId('kpi-landed').textContent()).toContain('1');
    await page.screenshot({ path: '/tmp/dash-roadshows.png', fullPage: true });

    await openMenu(page, '服务资源一图');
    await chartDrawn(page, 'chart-provider-map');
    const map = (await app.http().get('/api/v1/dashboards/provider-map').set(approver.auth).expect(200)).body as {
      regionCode: string; regionName: string; activeProviders: number; services: number; instruments: number; cmaOrCnas: number;
    }[];
    const withServices = map.filter((r) => r.services > 0);
    expect(withServices.length).toBeGreaterThan(0);
    for (const r of withServices) {
      expect(await rowText(page, 'table-provider-map', r.regionCode)).toBe(`${r.regionName}${r.activeProviders}${r.services}${r.instruments}${r.cmaOrCnas}`);
    }
    await page.screenshot({ path: '/tmp/dash-map.png', fullPage: true });

    // In English the charts are drawn again and the tables speak English (region names included).
    await page.getByTestId('lang-toggle').getByText('EN').click();
    await page.getByText('Provider map', { exact: true }).first().waitFor();
    await chartDrawn(page, 'chart-provider-map');
    await openMenu(page, 'Budget use');
    await chartDrawn(page, 'chart-budget');
    expect(await rowText(page, 'table-budget', '330402')).toMatch(/^Nanhu/);
    expect(await page.getByTestId('table-budget').locator('thead').textContent()).toContain('Issued face value');
    await page.screenshot({ path: '/tmp/dash-budget-en.png', fullPage: true });
    expect(person.errors).toEqual([]);
    await person.context.close();
  });

  it('lets the platform admin filter users by role and invite someone into an organisation', async () => {
    const person = await patientPerson();
    const { page } = person;
    await signIn(person, DEMO.admin);
    // The admin's home is queue health.
    await page.waitForURL(/\/ops\/queues$/);
    await page.getByTestId('queues-table').waitFor();

    await openMenu(page, '用户管理');
    const table = page.getByTestId('users-table');
    await table.getByText(DEMO.approver).waitFor();
    await pick(page, 'users-filter-role', '区县科技局审核');
    await table.getByText(DEMO.approver).waitFor({ state: 'detached' });
    await table.getByText(DEMO.reviewer).waitFor();
    const roles = await table.locator('tbody tr.ant-table-row td:nth-child(3)').allTextContents();
    expect(roles.length).toBeGreaterThan(0);
    expect(new Set(roles)).toEqual(new Set(['区县科技局审核']));
    await page.screenshot({ path: '/tmp/admin-users.png', fullPage: true });

    // The reviewer's organisation: its users, and an invitation.
    await table.locator('tr', { hasText: DEMO.reviewer }).getByTestId('user-org').click();
    const drawer = page.getByTestId('org-drawer');
    await drawer.getByText('嘉兴市南湖区科学技术局').first().waitFor();
    const invite = drawer.getByTestId('invite-form');
    await invite.locator('#email').fill('new.reviewer@nanhu.example.cn');
    await invite.getByTestId('form-submit').click();
    const result = drawer.getByTestId('invitation-result');
    await result.waitFor();
    expect(await result.textContent()).toContain('new.reviewer@nanhu.example.cn');
    expect((await drawer.getByTestId('invitation-token').textContent())?.length).toBeGreaterThan(10);
    await page.screenshot({ path: '/tmp/admin-invite.png' });
    expect(person.errors).toEqual([]);
    await person.context.close();
  });

  it('refuses a workflow version on the stage’s own fields (SLA, then a key the API refuses), publishes it, and finds it in the audit trail', async () => {
    const person = await patientPerson();
    const { page } = person;
    await signIn(person, DEMO.admin);
    await openMenu(page, '流程配置');
    await page.getByTestId('workflows-table').getByRole('link', { name: 'voucher_application' }).click();
    await page.getByTestId('workflow-stages').getByText('district_review').waitFor();
    await page.getByTestId('workflow-publish').click();
    const form = page.getByTestId('workflow-publish-form');
    await form.getByTestId('stage-1').waitFor();

    // 400 days: the API allows at most 365 (its OpenAPI schema says so), and the error sits on stage 2's SLA field.
    const errorOf = (id: string) => form.locator('.ant-form-item', { has: page.locator(`#${id}`) }).locator('.ant-form-item-explain-error');
    const duration = form.locator('#stages_1_sla_durationSeconds');
    await duration.fill('400');
    await form.getByTestId('form-submit').click();
    await errorOf('stages_1_sla_durationSeconds').waitFor();
    expect(await errorOf('stages_1_sla_durationSeconds').textContent()).toBe('不能超过 365 天');
    expect(await errorOf('stages_2_sla_durationSeconds').count()).toBe(0);
    await page.screenshot({ path: '/tmp/admin-workflow-error.png' });

    // A rule only the API knows (unique stage keys): its error on stages[2].key lands on the third stage's key.
    await duration.fill('4');
    await form.locator('#stages_2_key').fill('district_review');
    await form.getByTestId('form-submit').click();
    await errorOf('stages_2_key').waitFor();
    expect(await errorOf('stages_2_key').textContent()).toContain('duplicate stage key');
    expect(await form.getByTestId('form-error').textContent()).toContain('请按提示修改标红的字段');
    expect(await errorOf('stages_1_key').count()).toBe(0);
    await page.screenshot({ path: '/tmp/admin-workflow-api-error.png' });

    await form.locator('#stages_2_key').fill('city_approval');
    // The English names come along from v1 and can be edited like the Chinese ones.
    expect(await form.locator('#stages_1_nameEn').inputValue()).toBe('District S&T bureau first review');
    await form.locator('#stages_2_nameEn').fill('  City bureau approval ');
    await form.getByTestId('form-submit').click();
    await form.waitFor({ state: 'detached' });
    await page.getByTestId('workflow-stages').getByText('4 天').waitFor();
    expect(await page.getByTestId('workflow-versions').textContent()).toContain('v2');
    const v2 = await app.http().get('/api/v1/workflow-definitions/voucher_application').set(admin.auth).expect(200);
    expect(v2.body).toMatchObject({ version: 2, isActive: true });
    expect(v2.body.stages[1]).toEqual({
      key: 'district_review', name: '区县科技局初审', nameEn: 'District S&T bureau first review', kind: 'review', deciderRoles: ['reviewer'], regionScope: 'subject_district',
      sla: { durationSeconds: 4 * 86_400, remindAtFraction: 0.5, escalateToRole: 'approver' },
    });
    expect([v2.body.nameEn, v2.body.stages[2].nameEn]).toEqual(['Innovation voucher application approval', 'City bureau approval']);
    await page.screenshot({ path: '/tmp/admin-workflow.png', fullPage: true });

    // The publication is in the audit trail, and the chain verifies.
    await openMenu(page, '审计日志');
    const filters = page.getByTestId('audit-filters');
    await filters.locator('#action').fill('workflow_definition.*');
    await filters.getByRole('button', { name: /搜\s*索/ }).click();
    const audit = page.getByTestId('audit-table');
    await eventually(async () => (await audit.locator('tbody tr.ant-table-row').allTextContents()).join('|').match(/^[^|]*workflow_definition\.published[^|]*$/), 20_000, 'only the publication listed');
    await page.getByTestId('audit-verify').click();
    expect(await page.getByTestId('audit-verify-result').textContent()).toMatch(/^哈希链完整：已校验 \d+ 条记录/);
    await page.screenshot({ path: '/tmp/admin-audit.png', fullPage: true });
    expect(person.errors).toEqual([]);
    await person.context.close();
  });

  it('shows a failed job with its error, retries it, then discards it', async () => {
    const notifications = app.get(QueueService).queue(QueueName.Notifications);
    const payload = { userIds: ['not-a-uuid'], kind: 'test.broken', title: 'broken', body: 'never deliverable', dedupKey: 'test.broken:ui' };
    const [{ id: outboxId }] = (await app.dataSource.query(
      `INSERT INTO outbox (queue, job_name, payload, published_at, publish_count) VALUES ($1, $2, $3::jsonb, now(), 1) RETURNING id::text`,
      [QueueName.Notifications, JobName.DeliverNotification, JSON.stringify(payload)],
    )) as { id: string }[];
    const jobId = outboxJobId(outboxId);
    await notifications.add(JobName.DeliverNotification, payload, { jobId, attempts: 1 });
    const failedAfter = (attempts: number) =>
      eventually(async () => {
        const job = await notifications.getJob(jobId);
        return job && (await job.getState()) === 'failed' && job.attemptsMade === attempts ? job : undefined;
      }, 20_000, `job failed after ${attempts} attempts`);
    await failedAfter(1);

    const person = await patientPerson();
    const { page } = person;
    await signIn(person, DEMO.admin);
    await openMenu(page, '队列监控');
    await rowText(page, 'queues-table', 'notifications');
    expect(await page.getByTestId('queues-table').locator('tr[data-row-key="notifications"]').getByTestId('failed-count').textContent()).toBe('1');
    const row = page.getByTestId('jobs-table').locator(`tr[data-row-key="${jobId}"]`);
    await row.waitFor();
    expect(await row.getByTestId('job-error').textContent()).toContain('not-a-uuid');
    await page.screenshot({ path: '/tmp/admin-queues.png', fullPage: true });

    await row.getByTestId(`job-retry-${jobId}`).click();
    await page.getByText('已重新排队').waitFor();
    await failedAfter(2);
    const audit = await app.dataSource.query(`SELECT action FROM audit_events WHERE subject_id = $1`, [`notifications/${jobId}`]);
    expect(audit).toEqual([{ action: 'queue.job.retried' }]);
    // The page refreshes itself: the job is back among the failed ones, run twice.
    await eventually(async () => (await row.locator('td').nth(3).textContent()) === '2', 20_000, 'attempts shown as 2');

    await row.getByTestId(`job-discard-${jobId}`).click();
    const discard = page.getByTestId('discard-form');
    await discard.locator('#reason').fill('user id is not a uuid; cannot ever deliver');
    await discard.getByTestId('form-submit').click();
    await row.waitFor({ state: 'detached' });
    await page.getByTestId('jobs-table').getByText('没有失败的任务').waitFor();
    expect(await notifications.getJob(jobId)).toBeUndefined();

    // Bull Board opens in a new tab, on the server's own path, signed in with the admin's token.
    const [board] = await Promise.all([person.context.waitForEvent('page'), page.getByTestId('bull-board-link').click()]);
    await board.waitForLoadState();
    expect(new URL(board.url()).pathname).toMatch(/^\/admin\/queues/);
    expect(await board.content()).not.toContain('UNAUTHENTICATED');
    expect(person.errors).toEqual([]);
    await person.context.close();
  });
});
