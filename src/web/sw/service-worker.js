// The service worker (issue 19, point 1): keeps the page shell and the hashed scripts and styles on
// the phone, so a return visit opens from the cache and the app opens with no connection at all.
// It never touches /api/: answers with case data are not cached here (the offline pack lives
// encrypted in IndexedDB, src/web/offline). The build (scripts/vite-web-plugin.ts) puts in front of
// this file BUILD (the build's id), SHELL (index.html and what it loads first, plus the offline
// pages) and ASSETS (every hashed file of the build).
/* global self, caches, fetch, URL, Request, Response, BUILD, SHELL, ASSETS */

const SHELL_CACHE = `hearth-shell-${BUILD}`;
const ASSET_CACHE = 'hearth-assets';

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const shell = await caches.open(SHELL_CACHE);
      await shell.add(new Request('/index.html', { cache: 'reload' }));
      const assets = await caches.open(ASSET_CACHE);
      const have = new Set((await assets.keys()).map((request) => new URL(request.url).pathname));
      // One by one, and a file that fails does not fail the install: it is fetched when first used.
      await Promise.all(
        SHELL.filter((path) => path !== '/index.html' && !have.has(path)).map((path) => assets.add(path).catch(() => undefined)),
      );
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name.startsWith('hearth-shell-') && name !== SHELL_CACHE) await caches.delete(name);
      // Hashed files of earlier builds are dropped; those of this build stay (a page still open on
      // the previous build loses nothing it already had).
      const current = new Set(ASSETS);
      const assets = await caches.open(ASSET_CACHE);
      for (const request of await assets.keys()) if (!current.has(new URL(request.url).pathname)) await assets.delete(request);
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;
  if (request.mode === 'navigate') {
    event.respondWith(shell(request));
    return;
  }
  if (url.pathname.startsWith('/assets/')) event.respondWith(hashed(request));
});

/** Client-side routes all get index.html: from the cache at once, refreshed in the background. */
async function shell(request) {
  const cache = await caches.open(SHELL_CACHE);
  const cached = await cache.match('/index.html');
  const refresh = fetch(request, { cache: 'no-cache' })
    .then(async (response) => {
      if (response.ok && (response.headers.get('content-type') ?? '').startsWith('text/html'))
        await cache.put('/index.html', response.clone());
      return response;
    })
    .catch(() => undefined);
  if (cached) return cached;
  return (await refresh) ?? new Response('offline', { status: 503 });
}

/** A hashed name never changes its content: the cache first, the network once. */
async function hashed(request) {
  const cache = await caches.open(ASSET_CACHE);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

/** The app asks the worker to forget everything on log-out (src/web/offline/wipe.ts). */
self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'hearth-wipe')
    event.waitUntil(Promise.all([caches.delete(ASSET_CACHE), caches.delete(SHELL_CACHE)]));
});
