import type { Browser } from 'playwright-core';
import { registerOrganization } from '../support/factories';
import { explainFailure, launchBrowser, newPerson, Person, resize, signIn } from '../support/browser';
import { liveCloudSession, screenedProject } from '../support/roadshow-live';
import { DEMO, login, startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(300_000);

const SHOTS = process.env.ROADSHOW_SHOTS ?? '/tmp';

/**
 * The live page with two API processes behind it: the organiser's browser talks to process A, the investor's to
 * process B. The investor asks, the organiser approves, the investor sees the approved question appear without
 * reloading (the SSE stream on B, woken through Redis), then presses "interested".
 */
describe('roadshow live page (browser, two API processes)', () => {
  let a: TestApp;
  let b: TestApp;
  let browser: Browser;
  let organiser: Person;
  let investor: Person;
  let sessionId: string;

  beforeAll(async () => {
    a = await startTestApp();
    b = await startTestApp({ role: 'api', database: a.db, queuePrefix: a.queuePrefix });
    const admin = (await login(a, DEMO.admin)).auth;
    const enterprise = (await login(a, DEMO.enterprise)).auth;
    const other = (await registerOrganization(a, { kind: 'enterprise' })).auth;
    const projects = [await screenedProject(a, enterprise, admin, '高导热石墨烯散热膜'), await screenedProject(a, other, admin, '固态电池电解质')];
    sessionId = (await liveCloudSession(a, admin, projects)).id;
    await a.http().post(`/api/v1/roadshow-sessions/${sessionId}/rsvp`).set((await login(a, DEMO.investor)).auth).expect(201);
    browser = await launchBrowser();
    organiser = await newPerson(browser, a.running.url!, 'en');
    investor = await newPerson(browser, b.running.url!, 'zh');
  });
  afterAll(async () => {
    await browser?.close();
    await b?.close({ keepData: true });
    await a?.close();
  });

  it('investor asks, organiser approves, the investor sees it live and presses interested', async () => {
    await explainFailure([organiser, investor], async () => {
      await signIn(organiser, DEMO.admin);
      await signIn(investor, DEMO.investor);
      // The investor finds the live room from the session's page.
      await investor.page.goto(`/roadshow/sessions/${sessionId}`);
      await investor.page.getByTestId('live-room-link').click();
      await investor.page.waitForURL(`**/roadshow/sessions/${sessionId}/live`);
      await organiser.page.goto(`/roadshow/sessions/${sessionId}/live`);
      for (const p of [investor.page, organiser.page]) await p.locator('[data-testid="live-connection"][data-connected="true"]').waitFor();
      await investor.page.getByTestId('now-presenting-title').filter({ hasText: '高导热石墨烯散热膜' }).waitFor();

      await investor.page.getByTestId('ask-body').fill('量产良率目前是多少？');
      await investor.page.getByTestId('ask-form').locator('button[type=submit]').click();
      await investor.page.getByTestId('my-questions').getByText('待审核').waitFor();

      // The organiser's moderation queue fills by itself (stream on A), and the approval reaches B.
      const pending = organiser.page.getByTestId('moderation-queue').locator('.ant-list-item').filter({ hasText: '量产良率目前是多少？' });
      await pending.waitFor();
      await organiser.page.screenshot({ path: `${SHOTS}/live-organiser-en-desktop.png`, fullPage: true });
      await pending.getByTestId('approve-question').click();
      await investor.page.getByTestId('published-questions').getByText('量产良率目前是多少？').waitFor({ timeout: 5_000 });
      await organiser.page.getByTestId('published-questions').getByText('量产良率目前是多少？').waitFor();

      await investor.page.getByTestId('interested-button').click();
      await investor.page.getByTestId('interested-done').waitFor();
      await investor.page.screenshot({ path: `${SHOTS}/live-investor-zh-desktop.png`, fullPage: true });

      await resize(investor.page, { width: 390, height: 844 });
      await resize(organiser.page, { width: 390, height: 844 });
      await investor.page.screenshot({ path: `${SHOTS}/live-investor-zh-390.png`, fullPage: true });
      await organiser.page.screenshot({ path: `${SHOTS}/live-organiser-en-390.png`, fullPage: true });
      // Nothing failed on the pages besides the (unreachable) test stream host.
      expect([...investor.errors, ...organiser.errors].filter((e) => !/live\.g60\.example|ERR_NAME_NOT_RESOLVED|MEDIA/i.test(e))).toEqual([]);
    });
  });
});
