// The portal's service worker (web/README.md, "PWA"), written into dist/web/sw.js by web/build.mjs, which fills in
// the build's version and the shell it precaches. Plain script (no bundling): it runs in the worker scope.
//
// - install: caches the shell of this build (index.html, its hashed JS and CSS, the icons, the offline page);
// - navigations: the network first, the cached shell when offline, the offline page when even that is missing;
// - /assets/*: content-hashed and immutable, so from the cache first (lazy page chunks are cached as they load);
// - /api/* and everything else: straight to the network, never cached. API answers carry personal data
//   (orders, vouchers, accounts), and a stale answer about money would mislead.
const VERSION = self.__G60_VERSION__;
const PRECACHE = self.__G60_PRECACHE__;
const CACHE = `g60-shell-${VERSION}`;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(PRECACHE.map((url) => new Request(url, { cache: 'reload' }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('g60-shell-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

const SERVER_PATHS = /^\/(api|health|metrics|admin\/queues)(\/|$)/;

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || SERVER_PATHS.test(url.pathname)) return; // the network, uncached

  if (request.mode === 'navigate') {
    event.respondWith(
      fetch(request).catch(async () => (await caches.match('/', { cacheName: CACHE })) ?? (await caches.match('/offline.html', { cacheName: CACHE })) ?? Response.error()),
    );
    return;
  }
  if (url.pathname.startsWith('/assets/') || url.pathname.startsWith('/icons/') || url.pathname === '/manifest.webmanifest') {
    event.respondWith(
      caches.open(CACHE).then(async (cache) => {
        const hit = await cache.match(request);
        if (hit) return hit;
        const response = await fetch(request);
        if (response.ok && url.pathname.startsWith('/assets/')) await cache.put(request, response.clone());
        return response;
      }),
    );
  }
});
