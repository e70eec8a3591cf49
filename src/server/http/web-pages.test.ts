// Which page an address gets from the server (issue 19, point 1): the app to someone signed in, the
// stand-alone log-in page to anyone else at the same address, the log-in page at /login, the app's
// file and public pages to anyone; no-cache, and keyed on the cookie for caches. Needs the built web
// app (npm start and the browser tests build it): skipped without one.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganization, buildTestApp, buildUser, login, type TestApp } from '../testing/harness.js';
import { WEB_DIST } from './app.js';

const built = fs.existsSync(path.join(WEB_DIST, 'index.html')) && fs.existsSync(path.join(WEB_DIST, 'login.html'));

describe.skipIf(!built)('web pages', () => {
  let t: TestApp;
  let cookie: string;

  beforeAll(async () => {
    t = await buildTestApp({ serveWeb: true });
    const org = await buildOrganization(t);
    const user = await buildUser(t, org, ['case_worker']);
    cookie = (await login(t, user.email)).cookie;
  });
  afterAll(() => t?.close());

  const page = async (url: string, headers: Record<string, string> = {}) => {
    const res = await t.app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'identity', ...headers } });
    const kind = res.body.includes('id="form-slot"') ? 'login' : res.body.includes('id="root"') ? 'app' : 'other';
    return { res, kind };
  };

  it('gives a visitor without a session the log-in page at any app address, uncached and keyed on the cookie', async () => {
    for (const url of ['/', '/cases', '/cases/0b8f6f2e-1d3c-4c55-9f55-2a8c1c3c0c11?tab=plan', '/login']) {
      const { res, kind } = await page(url);
      expect(res.statusCode, url).toBe(200);
      expect(kind, url).toBe('login');
      expect(res.headers['cache-control'], url).toBe('no-cache');
      expect(String(res.headers.vary), url).toMatch(/cookie/i);
    }
    expect((await page('/', { cookie: 'hearth_session=not-a-session' })).kind).toBe('login');
  });

  it('gives someone signed in the app, except at /login', async () => {
    expect((await page('/', { cookie })).kind).toBe('app');
    expect((await page('/cases', { cookie })).kind).toBe('app');
    expect((await page('/login?next=/cases', { cookie })).kind).toBe('login');
  });

  it('gives anyone the app at its own file and at public pages', async () => {
    expect((await page('/index.html')).kind).toBe('app');
    expect((await page('/apply/volunteer/moscow-help')).kind).toBe('app');
  });

  it('sends the log-in page compressed, answers HEAD, and keeps the API and missing scripts 404', async () => {
    const br = await t.app.inject({ method: 'GET', url: '/', headers: { 'accept-encoding': 'br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect((await t.app.inject({ method: 'HEAD', url: '/' })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/no-such-thing' })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/assets/missing-abc.js' })).statusCode).toBe(404);
  });
});
