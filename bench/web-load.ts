// `npx tsx bench/web-load.ts` — issue 19's figures: the web app on a slow 3G connection and the sync
// of a full queue. Hearth runs in this process as the browser tests run it (PGlite in memory, the
// named demo families, the built web app); Debian's Chromium is driven by playwright-core and reaches
// it through a slow 3G link (bench/lib/slow-link.ts: 400 kbit/s each way shared by all connections,
// 400 ms round trip, one more for each new connection) — not CDP's emulation, which slows one page's
// own requests only and lets the service worker's fetches go at loopback speed (`--cdp` measures that
// way, as the figures before the stand-alone log-in page were). Measured:
// - the log-in page usable (its e-mail field, which its script builds with the form's handlers) on a
//   first visit (empty cache, fresh browser context) and a return visit (the service worker's cache);
// - the JavaScript sent before the log-in page is usable (bytes on the wire, compressed, headers
//   included; the service worker is registered only after, so its fetches are not in it);
// - the case list shown after log-in on a first visit (at /cases, from pressing "log in"), twice: the
//   credentials typed at a phone's pace (5 keys a second, so the app's scripts arrive meanwhile, as
//   for a person) and filled at once the moment the page is usable (the worst case: a password
//   manager, with the app's scripts still on their way);
// - 200 queued visits synced one by one over loopback (no emulation).
import os from 'node:os';
import type { BrowserContext, Page } from 'playwright-core';
import { DEMO_PASSWORD, startHearth } from '../tests/e2e/harness.js';
import { slowLink } from './lib/slow-link.js';

const CDP_EMULATION = process.argv.includes('--cdp');
const SLOW_3G = { offline: false, latency: 400, downloadThroughput: 400_000 / 8, uploadThroughput: 400_000 / 8 };

/** Counts the bytes the page receives (CDP), by type; with --cdp, slows its requests too. */
async function count(context: BrowserContext, page: Page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  if (CDP_EMULATION) await cdp.send('Network.emulateNetworkConditions', SLOW_3G);
  const types = new Map<string, string>();
  const counter = { js: 0, all: 0 };
  cdp.on('Network.responseReceived', (e: { requestId: string; type: string }) => types.set(e.requestId, e.type));
  cdp.on('Network.loadingFinished', (e: { requestId: string; encodedDataLength: number }) => {
    counter.all += e.encodedDataLength;
    if (types.get(e.requestId) === 'Script') counter.js += e.encodedDataLength;
  });
  return counter;
}

const hearth = await startHearth();
const link = await slowLink(hearth.baseUrl, { kbitPerSecond: 400, rttMs: 400 });
const base = CDP_EMULATION ? hearth.baseUrl : link.url;
try {
  // First visit, then return visit, of the log-in page.
  const first = await hearth.open({ width: 412, height: 860 });
  const counter = await count(first.context, first.page);
  const load = os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
  let start = Date.now();
  await first.page.goto(`${base}/`);
  await first.page.locator('input[type="email"]').waitFor();
  const loginFirst = Date.now() - start;
  const jsBeforeLogin = counter.js;
  const allBeforeLogin = counter.all;
  // Let the service worker finish installing (it fetches the shell in the background).
  await first.page
    .waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 120_000 })
    .catch(() => undefined);
  start = Date.now();
  await first.page.goto(`${base}/`);
  await first.page.locator('input[type="email"]').waitFor();
  const loginReturn = Date.now() - start;

  // The case list after log-in, first visit: typed at a phone's pace, then filled at once.
  const caseListAfterLogin = async (typing: boolean) => {
    const cold = await hearth.open({ width: 412, height: 860 });
    await count(cold.context, cold.page);
    const opened = Date.now();
    await cold.page.goto(`${base}/cases`);
    const email = cold.page.locator('input[type="email"]');
    const password = cold.page.locator('input[type="password"]');
    await email.waitFor();
    if (typing) {
      await email.pressSequentially('case_worker@demo.hearth', { delay: 200 });
      await password.pressSequentially(DEMO_PASSWORD, { delay: 200 });
    } else {
      await email.fill('case_worker@demo.hearth');
      await password.fill(DEMO_PASSWORD);
    }
    const pressed = Date.now();
    await cold.page.locator('button[type="submit"]').click();
    await cold.page.locator('a[href^="/cases/"]').first().waitFor({ timeout: 120_000 });
    return { fromLogInMs: Date.now() - pressed, fromOpeningMs: Date.now() - opened, typingMs: pressed - opened };
  };
  const typed = await caseListAfterLogin(true);
  const filled = await caseListAfterLogin(false);

  // 200 queued visits synced over loopback.
  const login = await fetch(`${hearth.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'case_worker@demo.hearth', password: DEMO_PASSWORD }),
  });
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const api = async (method: string, url: string, body?: unknown) => {
    const res = await fetch(`${hearth.baseUrl}${url}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> & { [k: string]: never } };
  };
  const plan = (await api('GET', '/api/fieldwork/plan')).json as unknown as { cases: { caseId: string }[] };
  const caseId = plan.cases[0]!.caseId;
  const types = (await api('GET', '/api/service-types')).json as unknown as { items: { id: string; code: string }[] };
  const typeId = types.items.find((t) => t.code === 'home_visit')!.id;
  const deviceId = ((await api('POST', '/api/fieldwork/devices', { label: 'bench' })).json as unknown as { deviceId: string }).deviceId;
  const today = new Date().toISOString().slice(0, 10);
  start = Date.now();
  let accepted = 0;
  for (let i = 0; i < 200; i += 1) {
    const res = await api('POST', '/api/fieldwork/sync', {
      kind: 'visit',
      key: `bench-${Date.now()}-${i}`,
      deviceId,
      payload: { caseId, typeId, date: today, durationMinutes: 30, note: `Визит ${i}` },
    });
    if (res.status === 200 && (res.json as unknown as { outcome: string }).outcome === 'accepted') accepted += 1;
  }
  const sync200 = Date.now() - start;

  console.log(
    JSON.stringify(
      {
        network: CDP_EMULATION
          ? 'slow 3G: 400 kbit/s, 400 ms RTT (CDP, the page only)'
          : 'slow 3G: 400 kbit/s each way shared, 400 ms RTT (bench/lib/slow-link.ts)',
        loadAverageBefore: load,
        loadAverageAfter: os
          .loadavg()
          .map((x) => x.toFixed(2))
          .join(' '),
        loginPageFirstVisitMs: loginFirst,
        loginPageReturnVisitMs: loginReturn,
        caseListAfterLoginTypedMs: typed.fromLogInMs,
        caseListFromOpeningTypedMs: typed.fromOpeningMs,
        typingMs: typed.typingMs,
        caseListAfterLoginFilledAtOnceMs: filled.fromLogInMs,
        caseListFromOpeningFilledAtOnceMs: filled.fromOpeningMs,
        jsBeforeLoginKB: Math.round(jsBeforeLogin / 1024),
        allBytesBeforeLoginKB: Math.round(allBeforeLogin / 1024),
        sync200ItemsMs: sync200,
        syncAccepted: accepted,
      },
      null,
      2,
    ),
  );
} finally {
  await link.close();
  await hearth.close();
}
