import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { TEST_PASSWORD } from '../support/factories';
import { explainFailure, launchBrowser, newPerson, Person, resize, signIn } from '../support/browser';
import { newExpert, openRound, screenThroughReview } from '../support/roadshow-review';
import { DEMO, eventually, login, startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(420_000);

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const SHOTS = process.env.ROADSHOW_SHOTS ?? '/tmp';

/**
 * The review chain in the portal: the organiser assigns two experts to a blind screening round; one declares a
 * conflict and is excluded (and cannot score), the other declares none, reads the project without the applicant's
 * name and scores it with the rubric form; the organiser sees the aggregate and decides revise-and-resubmit; the
 * enterprise reads the decision and the shared comment on its project page. Screenshots at desktop and 390×844, in
 * Chinese and English.
 */
describe('web portal: roadshow review chain', () => {
  let app: TestApp;
  let browser: Browser;
  let dataDir: string;
  const people: Person[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'g60-review-web-'));
    [app, browser] = await Promise.all([startTestApp({ env: { EMBEDDED_DATA_DIR: dataDir } }), launchBrowser()]);
  });
  afterAll(async () => {
    for (const [i, p] of people.entries()) {
      if (p.errors.length) process.stderr.write(`person ${i}: ${p.errors.join('\n')}\n`);
    }
    await browser?.close();
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function person(email: string, password: string = DEMO.password, lang: 'zh' | 'en' = 'zh'): Promise<Person> {
    const p = await newPerson(browser, app.running.url!, lang);
    people.push(p);
    await signIn(p, email, password);
    await p.page.getByTestId('user-menu').waitFor();
    return p;
  }

  /**
   * The page as it is (desktop, Chinese), then in English, then both languages at 390×844, on the same page (the
   * session lives in this tab), and back. Four screenshots per page.
   */
  async function shoot(page: Page, name: string): Promise<void> {
    const settle = async () => {
      await page.waitForLoadState('networkidle');
      await page.getByTestId('user-menu').waitFor();
    };
    const lang = async (l: 'zh' | 'en') => {
      await page.evaluate((v) => window.localStorage.setItem('g60.lang', v), l);
      await page.reload();
      await settle();
    };
    await settle();
    await page.screenshot({ path: `${SHOTS}/review-${name}-zh.png`, fullPage: true });
    await lang('en');
    await page.screenshot({ path: `${SHOTS}/review-${name}-en.png`, fullPage: true });
    await resize(page, { width: 390, height: 844 });
    await settle();
    await page.screenshot({ path: `${SHOTS}/review-${name}-en-mobile.png`, fullPage: true });
    await lang('zh');
    await page.screenshot({ path: `${SHOTS}/review-${name}-zh-mobile.png`, fullPage: true });
    await resize(page, { width: 1440, height: 900 });
    await settle();
  }

  it('assigns two experts, excludes the conflicted one, scores blind, decides, and shows the enterprise the decision', async () => {
    const admin = await login(app, DEMO.admin);
    const enterprise = await login(app, DEMO.enterprise);
    const created = await app.http().post('/api/v1/roadshow-projects').set(enterprise.auth).send({
      title: '高导热石墨烯复合散热膜', summary: '面向 5G 基站与新能源汽车电控的散热材料，导热系数 1500 W/mK。', industry: 'new_materials', stage: 'series_a',
      financingAskFen: 3_000_000_000, regionCode: '330402', team: [{ name: '李文博', role: 'CEO' }, { name: '陈思', role: 'CTO' }],
    }).expect(201);
    const projectId = created.body.id as string;
    await app.http().post(`/api/v1/roadshow-projects/${projectId}/deck`).set(enterprise.auth).attach('deck', PDF, { filename: '路演材料.pdf', contentType: 'application/pdf' }).expect(200);
    await app.http().post(`/api/v1/roadshow-projects/${projectId}/submit`).set(enterprise.auth).expect(200);
    const round = await openRound(app, admin.auth, projectId);
    // A blind round that one review decides (the other expert steps aside).
    await app.http().patch(`/api/v1/roadshow-review-rounds/${round.id}`).set(admin.auth).send({ blind: true, minReviews: 1 }).expect(200);
    const [conflicted, scorer] = [await newExpert(app, admin.auth), await newExpert(app, admin.auth)];
    const email = async (userId: string) => ((await app.dataSource.query(`SELECT email FROM users WHERE id = $1`, [userId])) as { email: string }[])[0].email;
    const enterpriseName = (await app.http().get('/api/v1/me').set(enterprise.auth)).body.organization.name as string;

    const organiser = await person(DEMO.admin);
    await explainFailure(people, async () => {
      // ── The organiser assigns both experts in the round view ─────────────────────────────
      const op = organiser.page;
      await op.goto(`/roadshow/review-rounds/${round.id}`);
      await op.getByTestId('round-title').waitFor();
      for (const _ of [conflicted, scorer]) {
        await op.getByTestId('expert-select').click();
        await op.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').first().click();
        const before = await op.getByTestId('round-reviewers').locator('tbody tr.ant-table-row').count();
        await op.getByTestId('assign-reviewer').click();
        await eventually(async () => ((await op.getByTestId('round-reviewers').locator('tbody tr.ant-table-row').count()) === before + 1 ? true : undefined), 15_000, 'reviewer row');
      }

      // ── Reviewer 1 declares a conflict and is excluded ───────────────────────────────────
      const r1 = await person(await email(conflicted.userId), TEST_PASSWORD);
      await r1.page.goto('/roadshow/reviews');
      await r1.page.getByTestId('review-inbox').locator('a').first().click();
      await r1.page.getByTestId('declare-card').waitFor();
      await r1.page.getByTestId('declare-choice').getByText('存在利益冲突（回避）').click();
      await r1.page.getByTestId('declare-relation').click();
      await r1.page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: '持股关系' }).click();
      await r1.page.getByTestId('declare-reason').fill('本人持有该企业关联公司股份');
      await r1.page.getByTestId('declare-form').getByTestId('form-submit').click();
      await r1.page.getByTestId('review-excluded').waitFor();
      expect(await r1.page.getByTestId('score-card').count()).toBe(0);
      await shoot(r1.page, 'excluded');

      // ── Reviewer 2 declares none, reads the project (no applicant name) and scores ───────
      const r2 = await person(await email(scorer.userId), TEST_PASSWORD);
      await r2.page.goto('/roadshow/reviews');
      await r2.page.getByTestId('review-inbox').waitFor();
      await shoot(r2.page, 'inbox');
      await r2.page.getByTestId('review-inbox').locator('a').first().click();
      await r2.page.getByTestId('declare-form').getByTestId('form-submit').click();
      await r2.page.getByTestId('score-form').waitFor();
      const shown = await r2.page.getByTestId('review-project').innerText();
      expect(shown).toContain('高导热石墨烯复合散热膜');
      for (const secret of [enterpriseName, '李文博', '陈思']) expect(shown.includes(secret)).toBe(false);
      // Screenshots first: they reload the page, which empties the form.
      await shoot(r2.page, 'score-form');
      for (const [key, score] of Object.entries({ technology: 8, market: 7, team: 8, business_model: 6, landing_intent: 9 })) await r2.page.getByTestId(`score-${key}`).fill(String(score));
      await r2.page.getByTestId('score-comment').fill('技术指标领先，建议补充客户订单与量产计划。');
      await r2.page.getByTestId('score-form').getByTestId('form-submit').click();
      await r2.page.getByTestId('my-weighted').getByText('7.55').waitFor();
      expect(await r2.page.content()).not.toContain(enterpriseName);

      // ── The organiser sees the aggregate and asks for a revision ─────────────────────────
      await op.reload();
      await op.getByTestId('round-aggregate').getByTestId('aggregate-mean').getByText('7.55').waitFor();
      await op.getByTestId('exclusion-reason').first().waitFor();
      await shoot(op, 'round');
      await op.getByTestId('decision-choice').getByText('修改后重新提交').click();
      await op.getByTestId('decision-comment').fill('请补充客户订单与量产计划后重新提交');
      await op.getByTestId('decision-form').getByTestId('form-submit').click();
      await op.getByTestId('round-decision').getByText('请补充客户订单与量产计划后重新提交').waitFor();

      // ── The enterprise reads the decision and the shared comment, without reviewer names ─
      await eventually(async () => ((await app.http().get(`/api/v1/roadshow-projects/${projectId}`).set(enterprise.auth)).body.status === 'returned' ? true : undefined), 20_000, 'returned');
      const ep = await person(DEMO.enterprise);
      await ep.page.goto(`/roadshow/projects/${projectId}`);
      const card = ep.page.getByTestId('screening-round-1');
      await card.getByText('请补充客户订单与量产计划后重新提交').waitFor();
      await card.getByTestId('shared-comment').getByText('技术指标领先').waitFor();
      expect(await card.getByTestId('shared-comment').innerText()).toContain('评审专家 1');
      await shoot(ep.page, 'enterprise');

      // ── Coaching and a follow-up past due on a screened project: the overdue markers ─────
      const other = await app.http().post('/api/v1/roadshow-projects').set(enterprise.auth).send({
        title: '柔性钙钛矿光伏组件', summary: '轻量化建筑光伏一体化组件', industry: 'new_energy', stage: 'pre_a', financingAskFen: 1_500_000_000, regionCode: '330402', team: [{ name: '周宁', role: 'CEO' }],
      }).expect(201);
      await app.http().post(`/api/v1/roadshow-projects/${other.body.id}/submit`).set(enterprise.auth).expect(200);
      await screenThroughReview(app, admin.auth, other.body.id);
      await eventually(async () => ((await app.http().get(`/api/v1/roadshow-projects/${other.body.id}`).set(enterprise.auth)).body.status === 'screened' ? true : undefined), 20_000, 'screened');
      const enterpriseUserId = (await app.http().get('/api/v1/me').set(enterprise.auth)).body.user.id as string;
      await app.http().post(`/api/v1/roadshow-projects/${other.body.id}/coaching-records`).set(admin.auth).send({
        coachName: '王导师（长三角全球科创路演中心）', coachedAt: '2026-12-01T14:00:00+08:00', advice: '路演材料突出量产能力与客户订单；估值依据需补充可比公司。',
        items: [{ description: '补充核心专利清单', ownerUserId: enterpriseUserId, dueOn: '2026-01-20' }, { description: '准备 8 分钟路演稿', ownerUserId: enterpriseUserId, dueOn: '2030-01-20' }],
      }).expect(201);
      await app.http().post(`/api/v1/roadshow-projects/${other.body.id}/follow-ups`).set(admin.auth).send({ topic: 'financing_closed', question: '本轮融资是否已交割？', dueAt: new Date(Date.now() + 1000).toISOString(), responsibleUserId: enterpriseUserId }).expect(201);
      await op.goto('/roadshow/follow-ups');
      await eventually(async () => {
        await op.getByRole('button', { name: /刷\s*新/ }).click();
        return (await op.getByTestId('follow-up-table').getByText('已逾期').count()) > 0 ? true : undefined;
      }, 20_000, 'overdue marker');
      await shoot(op, 'follow-ups');
      await op.goto(`/roadshow/projects/${other.body.id}`);
      await op.getByTestId('follow-up-overdue').waitFor();
      await op.getByTestId('coaching-item').first().waitFor();
      await shoot(op, 'project-tracking');
      // The timeline's note is the server's code, in the reader's language: 简体 here, English after a switch.
      const timeline = op.getByTestId('project-timeline');
      await timeline.getByText('辅导导师：王导师（长三角全球科创路演中心）').waitFor();
      await op.evaluate(() => window.localStorage.setItem('g60.lang', 'en'));
      await op.reload();
      await timeline.getByText('Coached by 王导师（长三角全球科创路演中心）').waitFor();
      expect(await timeline.innerText()).not.toContain('coaching by');
      await op.evaluate(() => window.localStorage.setItem('g60.lang', 'zh'));
      expect(people.flatMap((p) => p.errors)).toEqual([]);
    });
  });
});
