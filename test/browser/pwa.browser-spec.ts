import type { Browser } from 'playwright-core';
import { launchBrowser, newPerson, resize, signIn } from '../support/browser';
import { DEMO, startTestApp, TestApp } from '../support/test-app';

const SHOTS = process.env.PHONE_SHOTS ?? '/tmp';

/**
 * The portal installs as a PWA (issue 19): the manifest is linked and complete, its icons are real PNGs of the
 * sizes it names, the service worker registers, and with the network gone the shell still loads (Chromium's
 * offline emulation), shows that it is offline, and no API answer was ever cached.
 */
describe('web portal: installable app (manifest, service worker, offline shell)', () => {
  let app: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('serves a valid manifest with its icons, and the service worker and offline page with the right headers', async () => {
    const index = await app.http().get('/login').expect(200);
    expect(index.text).toContain('<link rel="manifest" href="/manifest.webmanifest" />');
    expect(index.headers['content-security-policy']).toContain("worker-src 'self'");
    expect(index.headers['content-security-policy']).toContain("manifest-src 'self'");

    const manifest = await app.http().get('/manifest.webmanifest').expect(200);
    expect(manifest.headers['content-type']).toBe('application/manifest+json; charset=utf-8');
    const m = JSON.parse(manifest.text);
    expect(m).toMatchObject({ name: '长三角G60科创服务平台', short_name: 'G60科创', start_url: '/', scope: '/', display: 'standalone', theme_color: '#001529' });
    expect(m.icons.map((i: { sizes: string }) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
    expect(m.icons.some((i: { purpose: string }) => i.purpose === 'maskable')).toBe(true);
    for (const icon of m.icons as { src: string; sizes: string; type: string }[]) {
      const res = await app.http().get(icon.src).buffer(true).parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      }).expect(200);
      expect(res.headers['content-type']).toBe('image/png');
      const png = res.body as Buffer;
      expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
      const [w, h] = icon.sizes.split('x').map(Number);
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([w, h]);
    }

    const sw = await app.http().get('/sw.js').expect(200);
    expect(sw.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(sw.headers['cache-control']).toBe('no-cache');
    expect(sw.headers['service-worker-allowed']).toBe('/');
    // The build filled in its version and the shell to precache: the page's own main chunk among them.
    const mainJs = /\/assets\/main-[A-Z0-9]+\.js/.exec(index.text)![0];
    expect(sw.text).toContain(JSON.stringify(mainJs));
    expect(sw.text).not.toContain('__G60_PRECACHE__');
    expect(sw.text).not.toMatch(/"\/api\//);

    const offline = await app.http().get('/offline.html').expect(200);
    expect(offline.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(offline.text).toContain('您已离线');
    expect(offline.text).toContain('You are offline');
  });

  it('registers the service worker; offline, the shell still loads and says so, with no API answer in the cache', async () => {
    const person = await newPerson(browser, app.running.url!);
    const { page, context } = person;
    await resize(page, { width: 390, height: 844 });
    await signIn(person, DEMO.enterprise);
    await page.getByTestId('home-applications').waitFor();
    // The worker is installed (its shell precached) and active.
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    expect(scope).toBe(`${app.running.url}/`);
    // activate claims the open page (clients.claim), so it is controlled without a reload.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    const cached = await page.evaluate(async () => {
      const urls: string[] = [];
      for (const key of await caches.keys()) for (const r of await (await caches.open(key)).keys()) urls.push(new URL(r.url).pathname);
      return urls;
    });
    expect(cached).toEqual(expect.arrayContaining(['/', '/offline.html', '/manifest.webmanifest', '/icons/icon-192.png']));
    expect(cached.some((u) => u.startsWith('/assets/main-'))).toBe(true);
    expect(cached.filter((u) => u.startsWith('/api/'))).toEqual([]);

    await context.setOffline(true);
    await page.goto('/enterprise/catalog');
    // The shell from the cache (the portal's own page, not the browser's error page), saying it is offline, and the
    // session kept: no detour to the sign-in page.
    await page.getByTestId('offline-notice').waitFor();
    expect(await page.title()).toBe('长三角G60科创服务平台 · 创新券与科创路演');
    expect(new URL(page.url()).pathname).toBe('/enterprise/catalog');
    await page.screenshot({ path: `${SHOTS}/pwa-offline-shell-zh.png`, fullPage: true });
    const afterOffline = await page.evaluate(async () => {
      const urls: string[] = [];
      for (const key of await caches.keys()) for (const r of await (await caches.open(key)).keys()) urls.push(new URL(r.url).pathname);
      return urls;
    });
    expect(afterOffline.filter((u) => u.startsWith('/api/'))).toEqual([]);

    // Back online the page carries on by itself: the notice goes and the catalogue appears.
    await context.setOffline(false);
    await page.getByTestId('offline-notice').waitFor({ state: 'detached' });
    await page.locator('#catalog-q').waitFor();
    expect(new URL(page.url()).pathname).toBe('/enterprise/catalog');
    expect(person.errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to fetch|network/i.test(e))).toEqual([]);
    await context.close();
  });
});
