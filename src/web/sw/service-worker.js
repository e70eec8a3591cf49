// The service worker (issue 19, point 1): keeps the two pages (the app's shell and the stand-alone
// log-in page) and the hashed scripts and styles on the phone, so a return visit opens from the cache
// and the app opens with no connection at all. It decides which page a navigation gets as the server
// does (src/domain/web-pages.ts): the app for someone signed in on this device — or for anyone while
// offline, since the app then opens the field work alone — and the log-in page otherwise. It cannot
// read the session cookie, so it keeps a note (SIGNED_IN_MARKER): the log-in page writes it, and the
// worker keeps or drops it as GET /api/auth/me answers 200 or 401 and drops it at log-out. It never
// stores an /api/ answer (the offline pack lives encrypted in IndexedDB, src/web/offline). The build
// (scripts/vite-web-plugin.ts) puts in front of this file BUILD (the build's id), SHELL (what the app
// loads first after log-in, then the log-in page's and the offline pages' files), ASSETS (every
// hashed file of the build), LOGIN_PATH, PUBLIC_APP_PATH and SIGNED_IN_MARKER.
/* global self, caches, fetch, URL, Request, Response, BUILD, SHELL, ASSETS, LOGIN_PATH, PUBLIC_APP_PATH, SIGNED_IN_MARKER */

const SHELL_CACHE = `hearth-shell-${BUILD}`;
const ASSET_CACHE = 'hearth-assets';
const APP_PAGE = '/index.html';
const LOGIN_PAGE = '/login.html';
const PAGES = [APP_PAGE, LOGIN_PAGE];

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const shell = await caches.open(SHELL_CACHE);
      const assets = await caches.open(ASSET_CACHE);
      const have = new Set((await assets.keys()).map((request) => new URL(request.url).pathname));
      // The two pages must be kept; the files one by one, in SHELL's order (the app's first scripts
      // first), and a file that fails does not fail the install: it is fetched when first used.
      await Promise.all([
        shell.addAll(PAGES.map((page) => new Request(page, { cache: 'reload' }))),
        ...SHELL.filter((path) => !have.has(path)).map((path) => assets.add(path).catch(() => undefined)),
      ]);
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
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname === '/api/auth/me' || url.pathname === '/api/auth/logout') {
    event.respondWith(noteSession(request, url.pathname));
    return;
  }
  if (request.method !== 'GET' || url.pathname.startsWith('/api/')) return;
  if (request.mode === 'navigate') {
    event.respondWith(page(url));
    return;
  }
  if (url.pathname.startsWith('/assets/')) event.respondWith(hashed(request));
});

async function signedIn() {
  const cache = await caches.open(SIGNED_IN_MARKER.cache);
  return (await cache.match(SIGNED_IN_MARKER.url)) !== undefined;
}

/** Passes the session's own requests through, noting from the answer whether someone is signed in. */
async function noteSession(request, pathname) {
  const response = await fetch(request);
  const cache = await caches.open(SIGNED_IN_MARKER.cache);
  if (pathname === '/api/auth/logout' || response.status === 401) await cache.delete(SIGNED_IN_MARKER.url);
  else if (response.ok) await cache.put(SIGNED_IN_MARKER.url, new Response('1'));
  return response;
}

/** The page an address gets (the rules of src/domain/web-pages.ts): from the cache at once, refreshed in the background. */
async function page(url) {
  const path = url.pathname;
  let file;
  if (path === LOGIN_PATH || path === LOGIN_PAGE) file = LOGIN_PAGE;
  else if (path === APP_PAGE || PUBLIC_APP_PATH.test(path)) file = APP_PAGE;
  // Offline nobody can log in, and the app opens the field work with the worker's PIN.
  else file = (await signedIn()) || self.navigator.onLine === false ? APP_PAGE : LOGIN_PAGE;
  const cache = await caches.open(SHELL_CACHE);
  const cached = await cache.match(file);
  const refresh = fetch(file, { cache: 'no-cache' })
    .then(async (response) => {
      if (response.ok && (response.headers.get('content-type') ?? '').startsWith('text/html')) await cache.put(file, response.clone());
      return response;
    })
    .catch(() => undefined);
  if (cached) return cached;
  const fresh = await refresh;
  if (fresh) return fresh;
  // No connection and this page is not kept (wiped at log-out): the other page if it is.
  return (await cache.match(file === APP_PAGE ? LOGIN_PAGE : APP_PAGE)) ?? new Response('offline', { status: 503 });
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
