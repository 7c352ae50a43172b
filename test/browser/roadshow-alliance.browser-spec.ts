import type { Browser } from 'playwright-core';
import { explainFailure, launchBrowser, newPerson, openMenu, Person, pick, resize, signIn, submit, typeDate } from '../support/browser';
import { DEMO, login, startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(300_000);

const SHOTS = process.env.ROADSHOW_SHOTS ?? '/tmp';

/**
 * The nine-city alliance in the portal: Jiaxing's organiser creates an alliance session and invites Hangzhou;
 * Hangzhou's organiser accepts and sees the session (as a co-host, read-only); Hangzhou cannot edit a session
 * Jiaxing hosts alone. Screenshots at desktop and 390×844, in Chinese and English.
 */
describe('portal: the G60 roadshow alliance', () => {
  let app: TestApp;
  let browser: Browser;
  const people: Person[] = [];

  beforeAll(async () => {
    app = await startTestApp();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const p of people) await p.context.close().catch(() => undefined);
    await browser?.close();
    await app?.close();
  });

  async function person(email: string, lang: 'zh' | 'en' = 'zh'): Promise<Person> {
    const p = await newPerson(browser, app.running.url!, lang);
    people.push(p);
    await signIn(p, email);
    await p.page.getByTestId('user-menu').waitFor();
    return p;
  }

  it('Jiaxing invites Hangzhou to co-host; Hangzhou accepts and sees it; Hangzhou cannot edit a Jiaxing-only session', async () => {
    const jxApi = await login(app, DEMO.organiserJiaxing);
    const hzApi = await login(app, DEMO.organiserHangzhou);
    await app.http().post('/api/v1/roadshow-venues').set(jxApi.auth).send({ name: '嘉兴科创路演中心 1 号厅', cityCode: '330400', capacity: 120 }).expect(201);
    // A session Jiaxing hosts alone (published, so every signed-in user sees it).
    const venues = await app.http().get('/api/v1/roadshow-venues?cityCode=330400').set(jxApi.auth).expect(200);
    const only = await app.http().post('/api/v1/roadshow-sessions').set(jxApi.auth).send({
      title: '嘉兴新材料专场', type: 'custom', hostCityCode: '330400', venueId: venues.body[0].id, startsAt: '2031-05-10T09:00:00+08:00', endsAt: '2031-05-10T11:00:00+08:00',
      pitchMinutes: 10, qaMinutes: 5, themeIndustries: ['new_materials'],
    }).expect(201);
    await app.http().post(`/api/v1/roadshow-sessions/${only.body.id}/publish`).set(jxApi.auth).expect(200);

    const jx = await person(DEMO.organiserJiaxing);
    const hz = await person(DEMO.organiserHangzhou);
    await explainFailure([jx, hz], async () => {
      // ── Jiaxing creates an alliance session and invites Hangzhou ────────────────────────────
      const jp = jx.page;
      await openMenu(jp, '我市路演场次');
      await jp.getByTestId('session-new').click();
      await jp.locator('#title').fill('G60 联盟 5 月路演（嘉兴）');
      await jp.getByTestId('session-form').getByText('联盟路演', { exact: true }).click();
      await pick(jp, '#coHostCityCodes', '杭州');
      await jp.keyboard.press('Escape');
      await pick(jp, '#venueId', '嘉兴科创路演中心');
      await typeDate(jp, 'startsAt', '2031-05-20 09:00');
      await typeDate(jp, 'endsAt', '2031-05-20 11:00');
      await submit(jp, 'session-form', jp.getByTestId('cohost-card'));
      const sessionId = jp.url().split('/').pop()!;
      await jp.getByTestId('cohost-table').getByText('待答复').waitFor();
      await jp.screenshot({ path: `${SHOTS}/alliance-host-session-desktop.png`, fullPage: true });

      // ── Hangzhou answers the invitation and sees the session ────────────────────────────────
      const hp = hz.page;
      await openMenu(hp, '路演联盟');
      const row = hp.getByTestId('cohost-invitations').locator('tr', { hasText: 'G60 联盟 5 月路演（嘉兴）' });
      await row.getByTestId('cohost-accept').click();
      await row.getByText('已接受').waitFor();
      await hp.screenshot({ path: `${SHOTS}/alliance-invitations-desktop.png`, fullPage: true });
      await row.getByText('G60 联盟 5 月路演（嘉兴）').click();
      await hp.waitForURL(`**/roadshow/sessions/${sessionId}`);
      await hp.getByTestId('session-host-only').waitFor();
      expect(await hp.getByTestId('session-publish').count()).toBe(0);
      expect((await app.http().get(`/api/v1/roadshow-sessions/${sessionId}`).set(hzApi.auth).expect(200)).body.session).toMatchObject({ coHostCityCodes: ['330100'], pendingCoHostCityCodes: [] });
      // The host sees the answer.
      await jp.reload();
      await jp.getByTestId('cohost-table').getByText('已接受').waitFor();

      // ── A session Jiaxing hosts alone: Hangzhou sees it read-only, and the API refuses its edits ──
      await hp.goto(`/roadshow/sessions/${only.body.id}`);
      await hp.getByTestId('session-host-only').waitFor();
      expect(await hp.getByTestId('session-publish').count()).toBe(0);
      expect(await hp.getByTestId('session-cancel').count()).toBe(0);
      await app.http().post(`/api/v1/roadshow-sessions/${only.body.id}/cancel`).set(hzApi.auth).expect(403);
      await app.http().post(`/api/v1/roadshow-sessions/${only.body.id}/publish`).set(hzApi.auth).expect(403);
      await hp.screenshot({ path: `${SHOTS}/alliance-other-city-session-desktop.png`, fullPage: true });

      // ── Phone size, both languages ─────────────────────────────────────────────────────────
      await resize(hp, { width: 390, height: 844 });
      await hp.goto('/roadshow/alliance');
      await hp.getByTestId('cohost-invitations').waitFor();
      await hp.screenshot({ path: `${SHOTS}/alliance-invitations-phone-zh.png`, fullPage: true });
      await resize(jp, { width: 390, height: 844 });
      await jp.goto(`/roadshow/sessions/${sessionId}`);
      await jp.getByTestId('cohost-card').waitFor();
      await jp.screenshot({ path: `${SHOTS}/alliance-host-session-phone-zh.png`, fullPage: true });
    });

    const hzEn = await person(DEMO.organiserHangzhou, 'en');
    await explainFailure([hzEn], async () => {
      const ep = hzEn.page;
      await openMenu(ep, 'Roadshow alliance');
      await ep.getByTestId('cohost-invitations').getByText('Accepted').waitFor();
      await ep.screenshot({ path: `${SHOTS}/alliance-invitations-desktop-en.png`, fullPage: true });
      await ep.getByRole('tab', { name: 'Statistics' }).click();
      await ep.getByTestId('alliance-stats').getByText('Hangzhou').waitFor();
      await ep.screenshot({ path: `${SHOTS}/alliance-stats-desktop-en.png`, fullPage: true });
      await resize(ep, { width: 390, height: 844 });
      await ep.goto('/roadshow/alliance');
      await ep.getByTestId('cohost-invitations').waitFor();
      await ep.screenshot({ path: `${SHOTS}/alliance-invitations-phone-en.png`, fullPage: true });
    });
    const adminEn = await person(DEMO.admin, 'en');
    await explainFailure([adminEn], async () => {
      const ap = adminEn.page;
      await ap.goto('/roadshow/alliance');
      await ap.getByRole('tab', { name: 'Statistics' }).click();
      await ap.getByTestId('alliance-stats').getByText('Alliance total').waitFor();
      await ap.screenshot({ path: `${SHOTS}/alliance-stats-admin-desktop-en.png`, fullPage: true });
    });
    for (const p of people) expect(p.errors).toEqual([]);
  });
});
