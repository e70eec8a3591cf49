// Route completeness: every route the server registers declares who may call it, is described in the
// OpenAPI document, and refuses callers without a session (401) or without the permission (403).
// New areas are covered automatically: this test reads the routes, it does not list them.
import crypto from 'node:crypto';
import Fastify, { type HTTPMethods } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganization, buildTestApp, buildUser, login, type TestApp, type TestOrganization } from '../testing/harness.js';
import { guardRoutes, registeredRoutes } from './app.js';
import { routeRegistry, type Access } from './route.js';

let t: TestApp;
let org: TestOrganization;

beforeAll(async () => {
  t = await buildTestApp();
  org = await buildOrganization(t);
});
afterAll(() => t.close());

/** A concrete URL for a route pattern: ids become a random UUID, other parameters a plausible word. */
function concrete(url: string): string {
  return url.replace(/:(\w+)/g, (_, name: string) => (name === 'id' || name.endsWith('Id') ? crypto.randomUUID() : 'admin'));
}

const apiRoutes = () => (registeredRoutes.get(t.app) ?? []).filter((route) => route.url.startsWith('/api/'));
const specs = () => routeRegistry.get(t.app) ?? [];
const nonPublic = () => specs().filter((spec) => spec.access.kind !== 'public');

describe('route completeness', () => {
  it('finds the routes (sanity: the enumeration itself works)', () => {
    const urls = apiRoutes().map((route) => `${route.method} ${route.url}`);
    expect(urls).toEqual(expect.arrayContaining(['POST /api/auth/login', 'GET /api/users', 'PUT /api/roles/:code', 'GET /api/audit']));
    expect(specs().length).toBeGreaterThan(15);
  });

  it('every registered route declares its access', () => {
    const missing = (registeredRoutes.get(t.app) ?? []).filter((route) => !route.access);
    expect(missing).toEqual([]);
    for (const route of apiRoutes()) {
      const access = route.access as Access;
      expect(['public', 'signed_in', 'permission'], `${route.method} ${route.url}`).toContain(access.kind);
      if (access.kind === 'permission') expect(access.permission, `${route.method} ${route.url}`).toMatch(/^[a-z_]+\.[a-z_]+$/);
    }
  });

  it('every registered API route was declared through defineRoute (validated, audited, scoped)', () => {
    const declared = new Set(specs().map((spec) => `${spec.method} ${spec.url}`));
    const undeclared = apiRoutes().filter((route) => route.method !== 'HEAD' && !declared.has(`${route.method} ${route.url}`));
    expect(undeclared).toEqual([]);
  });

  it('only a short, known list of routes is public', () => {
    const open = specs()
      .filter((spec) => spec.access.kind === 'public')
      .map((spec) => `${spec.method} ${spec.url}`)
      .sort();
    // The volunteer application form of an organisation is open to anyone (issue 18): throttled per
    // address and per form, a honeypot and a minimum fill time (src/server/volunteers/public-form.ts).
    expect(open).toEqual([
      'GET /api/health',
      'GET /api/openapi.json',
      'GET /api/public/volunteer-form/:slug',
      'POST /api/auth/login',
      'POST /api/public/volunteer-form/:slug',
    ]);
  });

  it('an API route registered without access stops the server at start-up', async () => {
    const probe = Fastify();
    guardRoutes(probe);
    expect(() => probe.get('/api/unguarded', async () => 'x')).toThrow(/declares no access/);
    expect(() => probe.get('/api/guarded', { config: { access: { kind: 'public' } } }, async () => 'x')).not.toThrow();
    await probe.close();
  });

  it('every route appears in /api/openapi.json with its access', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json() as { openapi: string; paths: Record<string, Record<string, { 'x-access'?: unknown }>> };
    expect(doc.openapi).toMatch(/^3\./);
    for (const spec of specs()) {
      const path = spec.url.replace(/:(\w+)/g, '{$1}');
      const operation = doc.paths[path]?.[spec.method.toLowerCase()];
      expect(operation, `${spec.method} ${spec.url} is missing from the OpenAPI document`).toBeDefined();
      expect(operation?.['x-access']).toEqual(spec.access);
    }
  });

  it('every non-public route answers 401 without a session', async () => {
    for (const spec of nonPublic()) {
      const res = await t.app.inject({
        method: spec.method as HTTPMethods,
        url: concrete(spec.url),
        ...(spec.method !== 'GET' && { payload: {} }),
      });
      expect(res.statusCode, `${spec.method} ${spec.url}`).toBe(401);
      expect(res.json().error.kind).toBe('unauthenticated');
    }
  });

  it('every non-public route answers 401 for a forged or ended session cookie', async () => {
    const client = await login(t, (await buildUser(t, org, ['case_worker'])).email);
    expect((await client.post('/api/auth/logout')).statusCode).toBe(200);
    for (const spec of nonPublic()) {
      const res = await t.app.inject({
        method: spec.method as HTTPMethods,
        url: concrete(spec.url),
        headers: { cookie: client.cookie, 'x-csrf-token': client.csrfToken },
        ...(spec.method !== 'GET' && { payload: {} }),
      });
      expect(res.statusCode, `${spec.method} ${spec.url}`).toBe(401);
    }
  });

  it('every permission route answers 403 to a signed-in user whose role carries no permissions', async () => {
    const admin = await login(t, org.adminEmail);
    const role = (await admin.get('/api/roles')).json().items.find((r: { code: string }) => r.code === 'volunteer');
    expect((await admin.put('/api/roles/volunteer', { permissions: [], version: role.version })).statusCode).toBe(200);
    const volunteer = await login(t, (await buildUser(t, org, ['volunteer'])).email);
    for (const spec of specs().filter((s) => s.access.kind === 'permission')) {
      const res = await volunteer.request(spec.method as HTTPMethods, concrete(spec.url), spec.method === 'GET' ? undefined : {});
      expect(res.statusCode, `${spec.method} ${spec.url}`).toBe(403);
      expect(res.json().error.id).toBe('errors.forbidden');
    }
  });

  it('a session still owing its second factor reaches only the routes meant for finishing log-in', async () => {
    const admin = await login(t, org.adminEmail);
    const settings = (await admin.get('/api/organization')).json();
    const res = await admin.put('/api/organization', { name: settings.name, mfaRequiredRoles: ['lawyer'], version: settings.version });
    expect(res.statusCode).toBe(200);
    const pending = await login(t, (await buildUser(t, org, ['lawyer'])).email);
    expect(pending.me.pending).toBe('totp_enrolment');
    const open: string[] = [];
    for (const spec of nonPublic()) {
      if (spec.access.kind === 'signed_in' && spec.access.allowPending) {
        open.push(`${spec.method} ${spec.url}`);
        continue;
      }
      const answer = await pending.request(spec.method as HTTPMethods, concrete(spec.url), spec.method === 'GET' ? undefined : {});
      expect(answer.statusCode, `${spec.method} ${spec.url}`).toBe(403);
      expect(answer.json().error.id).toBe('errors.mfa_pending');
    }
    expect(
      open.every((route) => route.includes(' /api/auth/')),
      open.join(', '),
    ).toBe(true);
  });
});
