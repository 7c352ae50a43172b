import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { reviewedByPool, screenThroughReview } from '../support/roadshow-review';
import { registerOrganization, TEST_PASSWORD } from '../support/factories';
import { confirmPopconfirm, launchBrowser, newPerson, openMenu, Person, pick, signIn, submit, typeDate } from '../support/browser';
import { DEMO, eventually, login, startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(420_000);

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const INVESTOR_ORG = '嘉兴南湖创新投资合伙企业（有限合伙）';
const SHOTS = process.env.ROADSHOW_SHOTS ?? '/tmp';

/** Confirms the open Popconfirm (antd spaces two-character Chinese labels: "确 定") and waits until it has closed. */
async function confirmPop(page: Page): Promise<void> {
  await confirmPopconfirm(page);
}

/**
 * Waits for a state that another process (the approval queue) brings about: refreshes the page's
 * data (by default a full reload) whenever the state has not shown for a few seconds.
 */
async function untilShown(page: Page, locator: Locator, refresh: () => Promise<unknown> = () => page.reload(), timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await locator.waitFor({ state: 'visible', timeout: 6_000 });
      return;
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await refresh();
    }
  }
}

/** The project page's own refresh button (reloads its data without reloading the portal). */
const refreshButton = (page: Page) => () => page.getByRole('button', { name: /刷\s*新/ }).click();

/** Submits an ApiForm and waits for `done`; a refusal (the API's or a field's) fails at once, with its words. */

const steps = (page: Page, status: string) => page.locator(`[data-testid=project-steps][data-status=${status}]`);

/**
 * A roadshow driven through the portal by each role in its own browser profile: the enterprise
 * submits a project with a confidential deck, the platform screens it in the approval case page,
 * the organiser schedules and publishes a session, investors RSVP, are refused the deck until
 * invited, and move their interest to term sheet; the organiser records the outcome, and the
 * enterprise sees the chain and the outcome on its project page.
 */
describe('web portal: roadshow', () => {
  let app: TestApp;
  let browser: Browser;
  let dataDir: string;
  // Each test has its own people, projects, venues and sessions: one failure cannot cascade.
  let people: Person[] = [];
  let tag = '';
  let tests = 0;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'g60-decks-'));
    [app, browser] = await Promise.all([startTestApp({ env: { EMBEDDED_DATA_DIR: dataDir } }), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  beforeEach(() => {
    people = [];
    tag = `${Date.now().toString(36).slice(-5)}${++tests}`;
  });

  async function person(email: string, password: string = DEMO.password): Promise<Person> {
    const p = await newPerson(browser, app.running.url!);
    people.push(p);
    await signIn(p, email, password);
    await p.page.getByTestId('user-menu').waitFor();
    return p;
  }

  /** A project of the demo enterprise, submitted and screened by the platform admin through the API. */
  async function screenedProject(title: string): Promise<string> {
    const [enterprise, admin] = await Promise.all([login(app, DEMO.enterprise), login(app, DEMO.admin)]);
    const created = await app.http().post('/api/v1/roadshow-projects').set(enterprise.auth).send({
      title, summary: '面向 5G 基站与新能源汽车电控的散热材料', industry: 'new_materials', stage: 'series_a',
      financingAskFen: 30_000_000, regionCode: '330402', team: [{ name: '李文博', role: 'CEO' }],
    }).expect(201);
    const submitted = await app.http().post(`/api/v1/roadshow-projects/${created.body.id}/submit`).set(enterprise.auth).expect(200);
    expect(submitted.body.screeningCaseId).toEqual(expect.any(String));
    await screenThroughReview(app, admin.auth, created.body.id);
    const project = `/api/v1/roadshow-projects/${created.body.id}`;
    await eventually(async () => (await app.http().get(project).set(enterprise.auth)).body.status === 'screened', 30_000, `${title} screened`);
    return created.body.id;
  }

  /** A published in-person session (09:00–11:00, 15-minute slots) with the project in its first slot. */
  async function publishedSession(title: string, projectId: string): Promise<string> {
    const admin = await login(app, DEMO.admin);
    const venue = await app.http().post('/api/v1/roadshow-venues').set(admin.auth).send({ name: `路演中心 ${tag} 号厅`, cityCode: '330400', capacity: 50 }).expect(201);
    const session = await app.http().post('/api/v1/roadshow-sessions').set(admin.auth).send({
      title, type: 'custom', hostCityCode: '330400', venueId: venue.body.id, startsAt: '2030-04-12T09:00:00+08:00', endsAt: '2030-04-12T11:00:00+08:00',
      pitchMinutes: 10, qaMinutes: 5, themeIndustries: ['new_materials'],
    }).expect(201);
    await app.http().post(`/api/v1/roadshow-sessions/${session.body.id}/slots`).set(admin.auth).send({ projectId, slotIndex: 0 }).expect(201);
    await app.http().post(`/api/v1/roadshow-sessions/${session.body.id}/publish`).set(admin.auth).expect(200);
    return session.body.id;
  }

  /** On a failure, what each person saw: a screenshot and the errors of their page. */
  afterEach(async () => {
    const name = expect.getState().currentTestName ?? '';
    const test = name.includes('profile') ? 'b' : name.includes('cloud') ? 'c' : 'a';
    for (const [i, p] of people.entries()) {
      await p.page.screenshot({ path: `${SHOTS}/roadshow-last-${test}${i}.png`, fullPage: true }).catch(() => undefined);
      if (p.errors.length) process.stderr.write(`person ${i}: ${p.errors.join('\n')}\n`);
    }
    await Promise.all(people.map((p) => p.context.close().catch(() => undefined)));
  });

  it('takes a project from submission through screening, scheduling, RSVPs, interest and outcome', async () => {
    const projectTitle = `高导热石墨烯散热膜 ${tag}`;
    const venueName = `路演中心 ${tag} 号厅`;
    const sessionTitle = `新材料专场路演 ${tag}`;
    // ── The enterprise submits a project and uploads its deck ─────────────────────────────────
    const enterprise = await person(DEMO.enterprise);
    const ep = enterprise.page;
    await openMenu(ep, '我的路演项目');
    await ep.getByTestId('project-new').click();
    await ep.locator('#title').fill(projectTitle);
    await ep.locator('#summary').fill('面向 5G 基站与新能源汽车电控的散热材料');
    await pick(ep, '#industry', '新材料');
    await pick(ep, '#stage', /^A 轮$/);
    await ep.locator('#financingAskFen').fill('30000000');
    await ep.locator('#team_0_name').fill('李文博');
    await ep.locator('#team_0_role').fill('CEO，材料学博士');
    await ep.screenshot({ path: `${SHOTS}/roadshow-new-project.png`, fullPage: true });
    await submit(ep, 'project-form', steps(ep, 'collected'));
    const projectId = ep.url().split('/').pop()!;

    await ep.getByTestId('deck-upload').locator('input[type=file]').setInputFiles({ name: '路演材料.pdf', mimeType: 'application/pdf', buffer: PDF });
    await ep.getByTestId('deck-progress').waitFor();
    await ep.getByTestId('deck-info').getByText('路演材料.pdf').waitFor();
    await ep.getByTestId('submit-screening').click();
    await confirmPop(ep);
    await steps(ep, 'screening').waitFor();

    // ── Two experts review it (API); the platform decides in the approval case page ──────────
    await reviewedByPool(app, (await login(app, DEMO.admin)).auth, projectId);
    const admin = await person(DEMO.admin);
    const ap = admin.page;
    await ap.goto(`/roadshow/projects/${projectId}`);
    await ap.getByTestId('screening-case-link').click();
    await ap.waitForURL(/\/review\/cases\/[0-9a-f-]{36}$/);
    await untilShown(ap, ap.getByTestId('decision-card'));
    await ap.getByTestId('decision-approve').click();
    await ap.getByTestId('decision-form').getByTestId('form-submit').click();
    await ap.goto(`/roadshow/projects/${projectId}`);
    await untilShown(ap, steps(ap, 'screened'), refreshButton(ap));

    // ── The organiser adds a venue and a session, runs the scheduler and publishes ───────────
    await openMenu(ap, '路演场地');
    await ap.getByTestId('venue-new').click();
    await ap.locator('#name').fill(venueName);
    await ap.locator('#address').fill('嘉兴市南湖区');
    await ap.locator('#capacity').fill('50');
    await submit(ap, 'venue-form', ap.getByTestId('venue-table').getByText(venueName));

    await openMenu(ap, '路演场次');
    await ap.getByTestId('session-new').click();
    await ap.locator('#title').fill(sessionTitle);
    await pick(ap, '#venueId', venueName);
    await typeDate(ap, 'startsAt', '2030-04-10 09:00');
    await typeDate(ap, 'endsAt', '2030-04-10 11:00');
    await pick(ap, '#themeIndustries', '新材料');
    await ap.keyboard.press('Escape');
    await submit(ap, 'session-form', ap.getByTestId('scheduler-preview'));
    const sessionId = ap.url().split('/').pop()!;

    await ap.getByTestId('scheduler-preview').click();
    await ap.getByTestId('scheduler-placements').getByText(projectTitle).waitFor();
    await ap.getByTestId('scheduler-placements').getByText('主题匹配：新材料属于场次主题').waitFor();
    await ap.getByTestId('scheduler-apply').click();
    await confirmPop(ap);
    await ap.locator('[data-testid=scheduler-result][data-applied=true]').waitFor();
    await ap.getByTestId('slot-grid').getByText(projectTitle).waitFor();
    await ap.screenshot({ path: `${SHOTS}/roadshow-session-admin.png`, fullPage: true });
    await ap.getByTestId('session-publish').click();
    await confirmPop(ap);
    await ap.getByTestId('agenda-versions').getByText('第 1 版').waitFor();
    await ap.getByTestId('session-agenda').getByText(projectTitle).waitFor();
    await openMenu(ap, '路演场次');
    await ap.getByTestId('session-table').getByText(sessionTitle).waitFor();
    await ap.screenshot({ path: `${SHOTS}/roadshow-sessions-admin.png`, fullPage: true });

    // ── The investor finds the session in the calendar and RSVPs ─────────────────────────────
    const investor = await person(DEMO.investor);
    const ip = investor.page;
    await ip.waitForURL(/\/roadshow\/sessions$/); // the investor's home is the sessions calendar
    await ip.getByTestId(`calendar-session-${sessionId}`).waitFor();
    await ip.screenshot({ path: `${SHOTS}/roadshow-calendar.png`, fullPage: true });
    await ip.getByTestId(`calendar-session-${sessionId}`).click();
    await ip.getByTestId('session-title').getByText(sessionTitle).waitFor();
    await ip.getByTestId('rsvp-button').click();
    await ip.locator('[data-testid=rsvp-status][data-status=confirmed]').waitFor();
    expect(await ip.getByTestId('rsvp-status').textContent()).toContain('已确认席位');

    // It opens the project: the deck is withheld until the organiser invites it.
    await ip.getByTestId('session-agenda').getByRole('link', { name: projectTitle }).click();
    await ip.getByTestId('project-title').getByText(projectTitle).waitFor();
    await ip.getByTestId('deck-download').click();
    await ip.getByTestId('deck-locked').waitFor();

    // It registers interest and moves it along the pipeline; an illegal jump shows the API's 409.
    await ip.getByTestId('interest-form').locator('#note').fill('关注散热材料赛道');
    await ip.getByTestId('interest-form').getByTestId('form-submit').click();
    await ip.getByTestId('my-interest').getByText('有意向').waitFor();
    await openMenu(ip, '投资意向看板');
    const card = ip.getByTestId(`interest-card-${projectId}`);
    await ip.getByTestId('pipeline-column-interested').getByTestId(`interest-card-${projectId}`).waitFor();
    const moveTo = async (label: string) => {
      await ip.getByTestId(`interest-move-${projectId}`).click();
      await ip.getByRole('menuitem', { name: `移至“${label}”` }).click();
      await ip.getByTestId('interest-move-form').getByTestId('form-submit').click();
    };
    /** Moves the card and waits for the dialog to close; a refusal fails with the API's words, not a timeout. */
    const moveAndSettle = async (label: string) => {
      await moveTo(label);
      const form = ip.getByTestId('interest-move-form');
      const refused = form.getByTestId('form-error').waitFor().then(
        async () => {
          throw new Error(`move to ${label} refused: ${await form.getByTestId('form-error').textContent()}`);
        },
        () => undefined, // no error shown before the dialog went away
      );
      await Promise.race([form.waitFor({ state: 'detached' }), refused]);
    };
    await moveTo('投资意向书');
    await ip.getByTestId('interest-move-form').getByTestId('form-error').getByText(/当前状态不允许此操作/).waitFor();
    await ip.locator('.ant-modal-close').click();
    await ip.getByTestId('interest-move-form').waitFor({ state: 'detached' });
    for (const [label, status] of [['约见', 'meeting'], ['尽职调查', 'due_diligence'], ['投资意向书', 'term_sheet']] as const) {
      await moveAndSettle(label);
      await ip.getByTestId(`pipeline-column-${status}`).getByTestId(`interest-card-${projectId}`).waitFor();
    }
    expect(await card.getAttribute('data-status')).toBe('term_sheet');
    await ip.screenshot({ path: `${SHOTS}/roadshow-pipeline.png`, fullPage: true });

    // An investor organisation that was never invited gets no deck either.
    const outsider = await registerOrganization(app, { kind: 'investor', regionCode: '330402' });
    const other = await person(outsider.user.email, TEST_PASSWORD);
    await other.page.goto(`/roadshow/projects/${projectId}`);
    await other.page.getByTestId('deck-download').click();
    await other.page.getByTestId('deck-locked').waitFor();

    // ── The organiser invites the investor to the deck, marks the project presented, records the outcome ──
    await ap.goto(`/roadshow/projects/${projectId}`);
    await steps(ap, 'scheduled').waitFor();
    await pick(ap, '#investorOrganizationId', INVESTOR_ORG);
    await ap.getByTestId('deck-invite-form').getByTestId('form-submit').click();
    await ap.getByText(/已邀请/).waitFor();
    await submit(ap, 'transition-form', steps(ap, 'presented')); // the suggested step: 完成路演 (present)
    await pick(ap, '#landingCityCode', '嘉兴');
    await pick(ap, '#landingRegionCode', '南湖区');
    await typeDate(ap, 'landedOn', '2030-05-20');
    await ap.locator('#financingRaisedFen').fill('25000000');
    await submit(ap, 'outcome-form', steps(ap, 'landed'));
    await ap.getByTestId('project-outcome').getByText('落地嘉兴市').waitFor();

    // The invited investor now downloads the deck.
    await ip.goto(`/roadshow/projects/${projectId}`);
    const [deck] = await Promise.all([ip.waitForEvent('download'), ip.getByTestId('deck-download').click()]);
    expect(deck.suggestedFilename()).toBe('路演材料.pdf');
    expect(readFileSync((await deck.path())!).equals(PDF)).toBe(true);
    await ip.screenshot({ path: `${SHOTS}/roadshow-project-investor.png`, fullPage: true });
    await openMenu(ip, '我的日程');
    await ip.getByTestId('my-agenda').getByText(projectTitle).waitFor();
    const [ics] = await Promise.all([ip.waitForEvent('download'), ip.getByTestId('my-agenda-ical').click()]);
    const calendar = readFileSync((await ics.path())!, 'utf8');
    expect(calendar).toContain('BEGIN:VCALENDAR');
    expect(calendar.replace(/\r\n[ \t]/g, '')).toContain(projectTitle);

    // ── The enterprise sees the chain, its slot, the interest received and the outcome ─────────
    await ep.reload();
    await steps(ep, 'landed').waitFor();
    await ep.getByTestId('project-outcome').getByText('落地嘉兴市').waitFor();
    await ep.getByTestId('project-outcome').getByText('¥25,000,000.00').waitFor();
    await ep.getByTestId('project-outcome').getByText('南湖区').waitFor();
    await ep.getByTestId('project-agenda').getByText(sessionTitle).waitFor();
    await ep.getByTestId('project-interests').getByText('投资意向书').waitFor();
    await ep.getByTestId('project-timeline').getByText('落地 → 已落地').waitFor();
    await ep.screenshot({ path: `${SHOTS}/roadshow-project-enterprise.png`, fullPage: true });

    for (const p of people) expect(p.errors).toEqual([]);
  });

  /**
   * The investor profile's POST commits the profile, then reads it back together with the follows: a lock on
   * `roadshow_follows` holds the request between its commit and its answer (as in idempotency.e2e-spec.ts).
   */
  it('a second click after a lost answer waits for the first attempt under the same key: one change, no error', async () => {
    const investorOrg = await registerOrganization(app, { kind: 'investor', regionCode: '330402' });
    const investor = await person(investorOrg.user.email, TEST_PASSWORD);
    const ip = investor.page;
    await openMenu(ip, '投资机构画像');
    await pick(ip, '#focusIndustries', '新材料');
    await ip.keyboard.press('Escape');
    const audits = async () => Number((await app.dataSource.query(
      `SELECT count(*) AS n FROM audit_events WHERE action = 'investor_profile.updated' AND actor_user_id = $1`, [investorOrg.user.id],
    ))[0].n);
    expect(await audits()).toBe(0);

    const holder = app.dataSource.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    await holder.query('LOCK TABLE roadshow_follows IN ACCESS EXCLUSIVE MODE');
    const answers: { key: string; status: number; replayed: boolean }[] = [];
    let firstAttempt: Promise<unknown> | undefined;
    let firstKey: string | undefined;
    try {
      await ip.route('**/api/v1/investor-profile', async (route) => {
        if (route.request().method() !== 'POST') return route.continue();
        if (firstAttempt) return route.continue();
        // The first attempt reaches the API, which commits the profile; its answer is lost on the way back.
        firstKey = route.request().headers()['idempotency-key'];
        firstAttempt = route.fetch({ timeout: 120_000 }).catch(() => undefined);
        await eventually(async () => (await audits()) === 1, 15_000, 'the first attempt to commit');
        await route.abort('connectionreset');
      });
      ip.on('response', (res) => {
        if (res.request().method() === 'POST' && res.url().endsWith('/api/v1/investor-profile')) {
          answers.push({ key: res.request().headers()['idempotency-key'], status: res.status(), replayed: res.headers()['idempotent-replayed'] === 'true' });
        }
      });
      const form = ip.getByTestId('profile-form');
      await form.getByTestId('form-submit').click();
      await form.getByTestId('form-error').getByText(/网络/).waitFor(); // the lost answer
      // The person clicks again. The first attempt is still writing its answer: the API answers 409 in progress with
      // Retry-After, and the portal asks again with the same key instead of showing an error.
      await form.getByTestId('form-submit').click();
      await eventually(async () => answers.filter((a) => a.status === 409).length >= 2, 15_000, 'two answers 409 in progress');
      expect(await form.getByTestId('form-error').count()).toBe(0);
      await holder.rollbackTransaction();
      await ip.getByText('画像已保存').waitFor();
      await firstAttempt;
    } finally {
      if (holder.isTransactionActive) await holder.rollbackTransaction();
      await holder.release();
    }
    const key = answers[0].key;
    expect(key).toMatch(/.+/);
    expect(key).toBe(firstKey);
    expect(answers.every((a) => a.key === key)).toBe(true);
    expect(answers.at(-1)).toEqual({ key, status: 200, replayed: true });
    expect(answers.slice(0, -1).every((a) => a.status === 409)).toBe(true);
    expect(await audits()).toBe(1);
    const profile = await app.http().get('/api/v1/investor-profile').set((await login(app, investorOrg.user.email, TEST_PASSWORD)).auth).expect(200);
    expect(profile.body.focusIndustries).toEqual(['new_materials']);
    expect(await ip.getByTestId('profile-form').getByTestId('form-error').count()).toBe(0);
    // The lost connection and the 409s are the browser's own console lines, not the portal's errors.
    expect(investor.errors.filter((e) => !/ERR_CONNECTION_RESET|status of 409/.test(e))).toEqual([]);
  });

  it('keeps the investor profile, follows, custom roadshow requests and their answers', async () => {
    const projectTitle = `固态电池隔膜 ${tag}`;
    const projectId = await screenedProject(projectTitle);
    const investorOrg = await registerOrganization(app, { kind: 'investor', regionCode: '330402' });
    const investor = await person(investorOrg.user.email, TEST_PASSWORD);
    const admin = await person(DEMO.admin);
    const ip = investor.page;
    // Focus: the profile drives recommendations.
    await openMenu(ip, '投资机构画像');
    await pick(ip, '#focusIndustries', '新材料');
    await ip.keyboard.press('Escape');
    await ip.locator('#ticketMinFen').fill('1000000');
    await ip.locator('#ticketMaxFen').fill('500000');
    await ip.getByTestId('profile-form').getByTestId('form-submit').click();
    await ip.getByTestId('profile-form').getByTestId('form-error').waitFor(); // the API: ticketMaxFen must not be below ticketMinFen
    await ip.locator('#ticketMaxFen').fill('50000000');
    await ip.getByTestId('profile-form').getByTestId('form-submit').click();
    await ip.getByText('画像已保存').waitFor();
    await openMenu(ip, '关注领域项目');
    await ip.getByRole('tab', { name: '全部项目' }).click();
    await ip.getByTestId('investor-projects').getByText(projectTitle).waitFor();
    // The same project is recommended too (nothing excludes it for this investor): follow it in the list of all.
    await ip.getByTestId('investor-projects').getByTestId(`follow-${projectId}`).click();
    await ip.getByTestId('investor-projects').locator(`[data-testid=follow-${projectId}][data-following=true]`).waitFor();
    await openMenu(ip, '投资机构画像');
    await ip.getByText(projectTitle).waitFor();
    await ip.screenshot({ path: `${SHOTS}/roadshow-profile.png`, fullPage: true });

    // A custom roadshow request, declined by the roadshow centre with its reason.
    await openMenu(ip, '定制路演申请');
    await ip.getByTestId('request-new').click();
    await ip.locator('#title').fill(`基金专场 ${tag}`);
    await typeDate(ip, 'preferredStart', '2030-06-01 09:00');
    await typeDate(ip, 'preferredEnd', '2030-06-01 12:00');
    await submit(ip, 'request-form', ip.getByText(`基金专场 ${tag}`));

    const ap = admin.page;
    await openMenu(ap, '定制路演受理');
    const row = ap.getByTestId('request-table').locator('tr', { hasText: `基金专场 ${tag}` });
    await row.getByRole('button', { name: '不予受理' }).click();
    await ap.locator('#reason').fill('档期已满');
    await ap.locator('.ant-modal').getByTestId('form-submit').click();
    await row.getByText('已拒绝').waitFor();
    await ip.reload();
    await ip.locator('tr', { hasText: `基金专场 ${tag}` }).getByText('档期已满').waitFor();

    for (const p of people) expect(p.errors).toEqual([]);
  });

  it('moves a slot and republishes with a changelog, cancels an RSVP, and creates a cloud session', async () => {
    const sessionId = await publishedSession(`新材料专场路演 ${tag}`, await screenedProject(`柔性光伏组件 ${tag}`));
    const investorOrg = await registerOrganization(app, { kind: 'investor', regionCode: '330402' });
    const rsvp = await app.http().post(`/api/v1/roadshow-sessions/${sessionId}/rsvp`).set(investorOrg.auth);
    expect(rsvp.status).toBeLessThan(300);
    const admin = await person(DEMO.admin);
    const investor = await person(investorOrg.user.email, TEST_PASSWORD);
    const ap = admin.page;
    await ap.goto(`/roadshow/sessions/${sessionId}`);
    await ap.getByTestId('slot-move-0').click();
    await pick(ap, ap.getByTestId('slot-move-form').locator('#slotIndex'), /^4 · /);
    await submit(ap, 'slot-move-form', ap.getByTestId('slot-move-3'));
    await ap.getByTestId('session-publish').click();
    await confirmPop(ap);
    await ap.getByTestId('agenda-versions').getByText('第 2 版').waitFor();
    await ap.getByTestId('agenda-versions').getByText('调整').waitFor();

    // The investor gives up its seat, and may reply again.
    const ip = investor.page;
    await ip.goto(`/roadshow/sessions/${sessionId}`);
    await ip.locator('[data-testid=rsvp-status][data-status=confirmed]').waitFor();
    await ip.getByTestId('agenda-versions').getByText('第 2 版').waitFor();
    await ip.getByTestId('rsvp-cancel').click();
    await confirmPop(ip);
    await ip.getByTestId('rsvp-button').waitFor();

    // A cloud session: a stream link and its own capacity instead of a venue.
    await openMenu(ap, '路演场次');
    await ap.getByTestId('session-new').click();
    await ap.locator('#title').fill(`云路演 ${tag}`);
    await ap.getByTestId('session-form').getByText('云路演', { exact: true }).click();
    await ap.locator('#streamUrl').fill('https://live.g60.example/rs/1');
    await ap.locator('#capacity').fill('500');
    await typeDate(ap, 'startsAt', '2030-04-11 14:00');
    await typeDate(ap, 'endsAt', '2030-04-11 15:00');
    await submit(ap, 'session-form', ap.getByTestId('scheduler-preview'));
    await ap.getByRole('link', { name: '进入直播' }).waitFor();
    await ap.screenshot({ path: `${SHOTS}/roadshow-cloud-session.png`, fullPage: true });

    for (const p of people) expect(p.errors).toEqual([]);
  });
});
