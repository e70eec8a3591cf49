// Field work in the browser (issue 19): the app installs (manifest served) and its files are sent
// compressed and cached for good; a worker prepares the day's visits on the device with a PIN, goes
// offline, records a visit and an aid hand-over, reloads the page offline and still sees them queued,
// comes back online and each is recorded once; an item for a case closed meanwhile comes back refused
// with the reason and is resolved; log-out leaves nothing of the families in IndexedDB, Cache Storage
// or localStorage.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD, logIn, logOut, startHearth, type Hearth } from './harness.js';

let hearth: Hearth;

beforeAll(async () => {
  hearth = await startHearth();
}, 180_000);

afterAll(async () => {
  await hearth?.close();
});

const today = new Date().toISOString().slice(0, 10);

/** Calls the API from the signed-in page (same origin, the session's CSRF token). */
async function call<T = unknown>(page: Page, method: string, url: string, body?: unknown): Promise<{ status: number; json: T }> {
  return page.evaluate(
    async ({ method, url, body }) => {
      const me = await (await fetch('/api/auth/me')).json();
      const res = await fetch(url, {
        method,
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, json: await res.json() };
    },
    { method, url, body },
  );
}

describe('fast on a weak connection', () => {
  it('serves the manifest and icons, and compressed, immutable scripts', async () => {
    const manifest = await fetch(`${hearth.baseUrl}/manifest.webmanifest`);
    expect(manifest.status).toBe(200);
    expect(manifest.headers.get('content-type')).toContain('application/manifest+json');
    const json = await manifest.json();
    expect(json.name).toBe('Очаг');
    expect(json.display).toBe('standalone');
    for (const icon of json.icons) {
      const res = await fetch(`${hearth.baseUrl}${icon.src}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/png');
    }
    const html = await (await fetch(`${hearth.baseUrl}/`, { headers: { 'accept-encoding': 'identity' } })).text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)![1]!;
    for (const [encoding, expected] of [
      ['br, gzip', 'br'],
      ['gzip', 'gzip'],
    ]) {
      const res = await fetch(`${hearth.baseUrl}${script}`, { headers: { 'accept-encoding': encoding! } });
      expect(res.headers.get('content-encoding')).toBe(expected);
      expect(res.headers.get('vary')).toMatch(/accept-encoding/i);
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    }
    const page = await fetch(`${hearth.baseUrl}/cases`, { headers: { 'accept-encoding': 'br' } });
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect((await fetch(`${hearth.baseUrl}/sw.js`)).headers.get('cache-control')).toBe('no-cache');
    expect((await fetch(`${hearth.baseUrl}/assets/missing-abc.js`)).status).toBe(404);
  });
});

describe('field work offline', () => {
  it('records a visit and an aid hand-over offline, keeps them through a reload, sends each once, shows a conflict and wipes on log-out', async () => {
    const worker = await hearth.open({ width: 420, height: 860 });
    const coordinator = await hearth.open();
    const { page, context } = worker;
    await logIn(page, 'case_worker@demo.hearth', DEMO_PASSWORD);
    await page.getByTestId('page-title').first().waitFor();
    await logIn(coordinator.page, 'coordinator@demo.hearth', DEMO_PASSWORD);
    await coordinator.page.getByTestId('page-title').first().waitFor();

    // Two of the worker's cases get a home visit today; the first also a home delivery of firewood.
    const plan = await call<{ cases: { caseId: string; familyName: string }[] }>(page, 'GET', '/api/fieldwork/plan');
    expect(plan.status).toBe(200);
    const [first, second] = plan.json.cases;
    expect(second).toBeDefined();
    for (const c of [first!, second!])
      expect((await call(page, 'POST', '/api/fieldwork/visits', { caseId: c.caseId, plannedOn: today, kind: 'home_visit' })).status).toBe(
        201,
      );
    const items = await call<{ items: { id: string; code: string }[] }>(page, 'GET', '/api/aid/items');
    const firewood = items.json.items.find((i) => i.code.startsWith('firewood')) ?? items.json.items[0]!;
    const request = await call<{ id: string; version: number }>(page, 'POST', `/api/cases/${first!.caseId}/aid`, {
      lines: [{ itemId: firewood.id, quantity: 1 }],
      reason: 'Печь топить нечем',
      delivery: 'home',
      requestedOn: today,
    });
    expect(request.status, JSON.stringify(request.json)).toBe(201);
    const decision = await call(coordinator.page, 'POST', `/api/aid/requests/${request.json.id}/decision`, {
      decision: 'approve',
      decidedOn: today,
      version: request.json.version,
    });
    expect(decision.status, JSON.stringify(decision.json)).toBe(200);

    // The device is prepared with a PIN: the pack holds the two visits.
    await page.goto('/field');
    await page.getByTestId('pin').fill('2468');
    await page.getByTestId('pin-repeat').fill('2468');
    await page.getByTestId('setup-submit').click();
    await expect.poll(() => page.getByTestId('pack-visit').count(), { timeout: 20_000 }).toBe(2);
    // The service worker has the page shell before the connection goes.
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await hearth.screenshot(page, 'field-ready');

    // Offline: a visit to each family and the firewood handed over.
    await context.setOffline(true);
    await page.getByTestId('network-badge').filter({ hasText: 'Нет связи' }).waitFor();
    const firstCard = page.getByTestId('pack-visit').filter({ has: page.getByTestId('aid-delivered') });
    const secondCard = page.getByTestId('pack-visit').filter({ hasNot: page.getByTestId('aid-delivered') });
    await firstCard.getByTestId('record-visit').click();
    await firstCard.getByTestId('visit-note').fill('Дрова привезли, печь топится');
    await firstCard.getByTestId('save-visit').click();
    await firstCard.getByTestId('aid-delivered').click();
    await secondCard.getByTestId('record-visit').click();
    await secondCard.getByTestId('visit-note').fill('Семья переезжает');
    await secondCard.getByTestId('save-visit').click();
    await page.getByTestId('queue-badge').filter({ hasText: 'Не отправлено: 3' }).waitFor();
    await hearth.screenshot(page, 'field-offline-queue');

    // Meanwhile the coordinator closes the second case.
    const detail = await call<{ case: { version: number } }>(coordinator.page, 'GET', `/api/cases/${second!.caseId}`);
    const closed = await call(coordinator.page, 'POST', `/api/cases/${second!.caseId}/transition`, {
      action: 'close',
      on: today,
      outcome: 'moved_away',
      reason: 'Переехали',
      version: detail.json.case.version,
    });
    expect(closed.status, JSON.stringify(closed.json)).toBe(200);

    // A reload without a connection: the page opens from the device, the PIN opens the queue.
    await page.reload();
    await page.getByTestId('unlock-pin').fill('2468');
    await page.getByTestId('unlock-submit').click();
    await expect.poll(() => page.getByTestId('queue-item').count()).toBe(3);
    await page.getByTestId('queue-badge').filter({ hasText: 'Не отправлено: 3' }).waitFor();

    // Online again: sent in order, each once; the closed case's visit comes back refused.
    await context.setOffline(false);
    await page.getByTestId('queue-item').filter({ hasText: 'Случай закрыт' }).waitFor({ timeout: 30_000 });
    await page.getByTestId('queue-badge').filter({ hasText: 'Не отправлено: 1' }).waitFor();
    await page.getByTestId('last-sync').filter({ hasText: 'Последняя синхронизация' }).waitFor();
    await page.getByTestId('sync-now').click();
    await page.getByTestId('sync-now').and(page.locator(':not([data-loading])')).waitFor();
    const services = await call<{ items: { note: string | null }[] }>(page, 'GET', `/api/cases/${first!.caseId}/services`);
    expect(services.json.items.filter((s) => s.note === 'Дрова привезли, печь топится')).toHaveLength(1);
    const again = await call<{ deliveries: { requestId: string }[] }>(page, 'GET', '/api/fieldwork/plan');
    expect(again.json.deliveries.map((d) => d.requestId)).not.toContain(request.json.id);
    const secondServices = await call<{ items: { note: string | null }[] }>(
      coordinator.page,
      'GET',
      `/api/cases/${second!.caseId}/services`,
    );
    expect(secondServices.json.items.filter((s) => s.note === 'Семья переезжает')).toHaveLength(0);
    await hearth.screenshot(page, 'field-conflict');

    // Resolved: the worker discards it.
    await page.getByTestId('queue-discard').click();
    await page.getByTestId('queue-badge').filter({ hasText: 'Не отправлено: 0' }).waitFor();

    // Log-out leaves nothing readable of the families on the device.
    await page.goto('/');
    await page.getByTestId('page-title').first().waitFor();
    await logOut(page);
    const left = await page.evaluate(async () => {
      const databases = (await indexedDB.databases()).map((db) => db.name);
      const urls: string[] = [];
      const cached: string[] = [];
      for (const name of await caches.keys()) {
        const cache = await caches.open(name);
        for (const request of await cache.keys()) {
          urls.push(request.url);
          cached.push(request.url);
          cached.push(await (await cache.match(request))!.text());
        }
      }
      return { databases, urls, cached: cached.join('\n'), storage: Object.keys(localStorage), session: Object.keys(sessionStorage) };
    });
    expect(left.databases).not.toContain('hearth-offline');
    // No API answer is kept. (The log-in page log-out lands on is kept again, with its script, which
    // names the API's addresses: the check is on what was stored, not on the text of a script.)
    expect(left.urls.filter((url) => url.includes('/api/'))).toEqual([]);
    expect(left.cached).not.toContain(first!.familyName);
    expect(left.cached).not.toContain('Дрова привезли');
    expect(left.storage.every((key) => key === 'hearth.language')).toBe(true);
    expect(left.session).toEqual([]);
  }, 240_000);
});
