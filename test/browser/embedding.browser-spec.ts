import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import type { Browser, Frame } from 'playwright-core';
import { confirmPopconfirm, launchBrowser, newPerson, openMenu, Person, signIn } from '../support/browser';
import { freePort, startOidcProvider, TestOidcProvider } from '../support/oidc';
import { listService } from '../support/vouchers';
import { DEMO, eventually, login, startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(240_000);

/** A partner's page that frames `src` (a host site embedding a widget). */
function hostSite(): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    const src = new URL(req.url ?? '/', 'http://host').searchParams.get('src') ?? '';
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html lang="zh-CN"><head><title>合作平台</title></head><body><h1>合作平台</h1><iframe title="widget" src="${src}" width="1000" height="700"></iframe></body></html>`);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })));
}

/** The iframe's frame once it finished loading (or failed to). */
async function widgetFrame(person: Person): Promise<Frame> {
  const handle = await person.page.locator('iframe').elementHandle();
  const frame = await handle!.contentFrame();
  await frame!.waitForLoadState('load');
  return frame!;
}

/**
 * Embedding (issue 19; docs/security.md, "Embedding"): a host on EMBED_ALLOWED_ORIGINS frames the catalogue and
 * roadshow widgets, which render without sign-in; a host not on the list is refused by the CSP (frame-ancestors),
 * and nobody may frame the portal itself. The login page offers single sign-on when a provider is configured. A
 * platform admin creates a partner key (shown once) and revokes it; a user makes and replaces their calendar feed.
 */
describe('web portal: embeddable widgets, SSO button, API keys and calendar feed', () => {
  let app: TestApp;
  let browser: Browser;
  let provider: TestOidcProvider;
  let allowed: { server: Server; origin: string };
  let refused: { server: Server; origin: string };
  const people: Person[] = [];
  let sessionId = '';

  beforeAll(async () => {
    [allowed, refused] = await Promise.all([hostSite(), hostSite()]);
    const appPort = await freePort();
    const redirectUri = `http://127.0.0.1:${appPort}/api/v1/auth/oidc/callback`;
    provider = await startOidcProvider({ port: await freePort(), clientId: 'portal', clientSecret: 'portal-secret', redirectUri, accounts: {} });
    [app, browser] = await Promise.all([
      startTestApp({
        env: {
          PORT: String(appPort),
          EMBED_ALLOWED_ORIGINS: allowed.origin,
          OIDC_ISSUER: provider.issuer,
          OIDC_CLIENT_ID: 'portal',
          OIDC_CLIENT_SECRET: 'portal-secret',
          OIDC_REDIRECT_URI: redirectUri,
          OIDC_DISPLAY_NAME: '浙里办',
        },
      }),
      launchBrowser(),
    ]);
    const lab = await login(app, DEMO.provider);
    await listService(app, lab.auth, 120_000, '电感耦合等离子体质谱分析');
    // A published cloud roadshow whose live page is public (its agenda has no pitch yet).
    const admin = await login(app, DEMO.admin);
    const starts = new Date(Date.now() + 24 * 3600_000);
    const created = await app.http().post('/api/v1/roadshow-sessions').set(admin.auth).send({
      title: '长三角新材料云路演', type: 'cloud', hostCityCode: '330400', streamUrl: 'https://live.g60.example/rs/live.m3u8', liveAccess: 'public',
      capacity: 300, startsAt: starts.toISOString(), endsAt: new Date(starts.getTime() + 3600_000).toISOString(), pitchMinutes: 10, qaMinutes: 5, themeIndustries: ['new_materials'],
    });
    expect(created.status).toBe(201);
    sessionId = created.body.id;
    await app.http().post(`/api/v1/roadshow-sessions/${sessionId}/publish`).set(admin.auth).expect(200);
  });
  afterAll(async () => {
    for (const p of people) await p.context.close();
    await browser?.close();
    await app?.close();
    await provider?.stop();
    for (const host of [allowed, refused]) if (host) await new Promise<void>((resolve) => host.server.close(() => resolve()));
  });

  async function person(lang: 'zh' | 'en' = 'zh'): Promise<Person> {
    const p = await newPerson(browser, app.running.url!, lang);
    people.push(p);
    return p;
  }

  it('an allowed host frames the catalogue and roadshow widgets, which render without sign-in', async () => {
    const visitor = await person();
    await visitor.page.goto(`${allowed.origin}/?src=${encodeURIComponent(`${app.running.url}/embed/catalog`)}`);
    const catalog = await widgetFrame(visitor);
    await catalog.getByTestId('embed-catalog').waitFor();
    await catalog.getByText('电感耦合等离子体质谱分析').waitFor();
    await catalog.getByTestId('embed-catalog-search').locator('input').fill('质谱');
    await catalog.getByTestId('embed-catalog-search').locator('input').press('Enter');
    await catalog.getByText('电感耦合等离子体质谱分析').waitFor();
    // No portal shell, no sign-in.
    expect(await catalog.getByTestId('side-menu').count()).toBe(0);
    expect(catalog.url()).toBe(`${app.running.url}/embed/catalog`);

    await visitor.page.goto(`${allowed.origin}/?src=${encodeURIComponent(`${app.running.url}/embed/roadshows`)}`);
    const calendar = await widgetFrame(visitor);
    await calendar.getByTestId('embed-roadshows').waitFor();
    // From the calendar to the session's live page, inside the frame.
    await calendar.getByRole('link', { name: '直播页' }).click();
    await calendar.getByTestId('embed-live').getByText('长三角新材料云路演').waitFor();
    expect(await calendar.getByRole('link', { name: '观看直播' }).getAttribute('href')).toBe('https://live.g60.example/rs/live.m3u8');
    expect(visitor.errors).toEqual([]);
  });

  it('the widgets fit a phone (390 × 844) without sideways scrolling of the page', async () => {
    const context = await browser.newContext({ baseURL: app.running.url!, locale: 'zh-CN', viewport: { width: 390, height: 844 }, reducedMotion: 'reduce' });
    try {
      const page = await context.newPage();
      for (const [path, testId] of [['/embed/catalog', 'embed-catalog'], ['/embed/roadshows', 'embed-roadshows'], [`/embed/sessions/${sessionId}/live`, 'embed-live']]) {
        await page.goto(path);
        await page.getByTestId(testId).waitFor();
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect([path, overflow]).toEqual([path, 0]);
      }
    } finally {
      await context.close();
    }
  });

  it('a host not on the list, and anyone framing the portal itself, is refused by the CSP', async () => {
    const visitor = await person();
    const blocked: string[] = [];
    visitor.page.on('console', (msg) => {
      if (/frame-ancestors/.test(msg.text())) blocked.push(msg.text());
    });
    await visitor.page.goto(`${refused.origin}/?src=${encodeURIComponent(`${app.running.url}/embed/catalog`)}`);
    const frame = await widgetFrame(visitor);
    await eventually(async () => blocked.length > 0, 10_000, 'the CSP refusal');
    expect(await frame.getByTestId('embed-catalog').count()).toBe(0);

    blocked.length = 0;
    await visitor.page.goto(`${allowed.origin}/?src=${encodeURIComponent(`${app.running.url}/login`)}`);
    const portal = await widgetFrame(visitor);
    await eventually(async () => blocked.length > 0, 10_000, 'the CSP refusal');
    expect(await portal.getByText('登录').count()).toBe(0);
  });

  it('the login page offers single sign-on and says why one was refused', async () => {
    const visitor = await person('en');
    await visitor.page.goto('/login');
    const button = visitor.page.getByTestId('sso-button');
    await button.waitFor();
    expect(await button.textContent()).toContain('Sign in with 浙里办');
    expect(await button.getAttribute('href')).toBe('/api/v1/auth/oidc/start');
    // As the callback's redirect arrives: a fresh load of the login page.
    await visitor.page.goto('about:blank');
    await visitor.page.goto(`${app.running.url}/login#sso_error=no_account`);
    await visitor.page.getByTestId('sso-error').getByText('Ask your organisation admin for an invitation').waitFor();
    expect(new URL(visitor.page.url()).hash).toBe('');
  });

  it('a platform admin creates a partner key, sees it once, and revokes it', async () => {
    const admin = await person();
    await signIn(admin, DEMO.admin);
    await openMenu(admin.page, '合作平台密钥');
    await admin.page.getByTestId('api-key-form').getByLabel('用途 / 合作平台').fill('中国浙江网上技术市场3.0');
    await admin.page.getByTestId('api-key-form').locator('button[type=submit]').click();
    const secret = await admin.page.getByTestId('api-key-secret').inputValue();
    expect(secret).toMatch(/^g60k_/);
    const res = await app.http().get('/api/v1/open/catalog/categories').set('X-Api-Key', secret);
    expect(res.status).toBe(200);
    const prefix = /^g60k_[A-Za-z0-9]{8}/.exec(secret)![0];
    await admin.page.getByTestId(`revoke-${prefix}`).click();
    await confirmPopconfirm(admin.page);
    await admin.page.getByTestId('api-keys-table').getByText('已吊销').waitFor();
    expect((await app.http().get('/api/v1/open/catalog/categories').set('X-Api-Key', secret)).status).toBe(401);
  });

  it('a user makes a calendar-feed address and replaces it; the old one stops working', async () => {
    const investor = await person();
    await signIn(investor, DEMO.investor);
    await investor.page.getByTestId('user-menu').click();
    await investor.page.getByTestId('menu-calendar-feed').click();
    await investor.page.getByTestId('calendar-feed-rotate').click();
    const first = await investor.page.getByTestId('calendar-feed-address').inputValue();
    expect((await fetch(first)).status).toBe(200);
    await investor.page.getByTestId('calendar-feed-rotate').click();
    await confirmPopconfirm(investor.page);
    await eventually(async () => (await investor.page.getByTestId('calendar-feed-address').inputValue()) !== first, 10_000, 'the new address');
    expect((await fetch(first)).status).toBe(404);
  });
});
