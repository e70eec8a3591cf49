// Browser-facing protections through the real HTTP app: CSRF (token and Origin), JSON-only bodies,
// security headers, and the error answers for bad input (400, nothing written), unknown paths (404)
// and failures (500 with a request id and nothing internal).
import { sql } from 'drizzle-orm';
import type { InjectOptions } from 'fastify';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translate } from '../../domain/i18n/index.js';
import { loadConfig } from '../config.js';
import { system } from '../db/gateway.js';
import { buildOrganization, createTestDatabase, login, type Client, type TestApp, type TestOrganization } from '../testing/harness.js';
import { buildApp } from './app.js';
import { defineRoute } from './route.js';

let t: TestApp;
let org: TestOrganization;
let admin: Client;
const SECRET = 'sekret-internal-detail-7f3a';

beforeAll(async () => {
  // Built by hand rather than with buildTestApp, to add routes that fail in the ways a real bug would.
  const db = await createTestDatabase();
  const config = { ...loadConfig({}), serveWeb: false };
  process.env.HEARTH_LOG ??= 'silent';
  const app = await buildApp({ engine: db.engine, config, now: () => new Date() });
  defineRoute(app, {
    method: 'GET',
    url: '/api/test/throws',
    tag: 'test',
    summary: 'A handler with a bug',
    access: { kind: 'signed_in', records: 'own' },
    response: z.object({}),
    handler: async () => {
      throw new Error(`${SECRET} at /srv/hearth/src/server/secret.ts:12`);
    },
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/test/bad-sql',
    tag: 'test',
    summary: 'A query with a bug',
    access: { kind: 'signed_in', records: 'own' },
    response: z.object({}),
    handler: async ({ tx }) => {
      await tx.execute(sql.raw(`select * from ${SECRET.replaceAll('-', '_')}`));
      return {};
    },
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/test/breaks-contract',
    tag: 'test',
    summary: 'A response that does not match its schema',
    access: { kind: 'signed_in', records: 'own' },
    response: z.object({ count: z.number() }),
    handler: async () => ({ count: SECRET }) as unknown as { count: number },
  });
  await app.ready();
  let offset = 0;
  t = {
    app,
    engine: db.engine,
    config,
    clock: { now: () => new Date(Date.now() + offset), advance: (ms) => void (offset += ms) },
    close: async () => {
      await app.close();
      await db.drop();
    },
  };
  org = await buildOrganization(t);
  admin = await login(t, org.adminEmail);
});
afterAll(() => t.close());

const branch = (name: string) => ({ name, city: 'Тверь' });

async function countBranches(): Promise<number> {
  const result = await system(t.engine, (tx) =>
    tx.execute<{ n: number }>(sql`select count(*)::int as n from branches where org_id = ${org.orgId}`),
  );
  return Number(result.rows[0]?.n);
}

async function countAudit(): Promise<number> {
  const result = await system(t.engine, (tx) => tx.execute<{ n: number }>(sql`select count(*)::int as n from audit_log`));
  return Number(result.rows[0]?.n);
}

/** A raw request with the admin's cookie and CSRF token, and whatever else the test sets. */
function raw(options: InjectOptions & { headers?: Record<string, string> }) {
  return t.app.inject({
    ...options,
    headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken, ...options.headers },
  });
}

/** Runs a request that must be refused, and proves nothing was written (no branch, no audit row). */
async function refusedWithoutEffect(send: () => Promise<{ statusCode: number; json(): unknown }>, status: number) {
  const [branches, audit] = [await countBranches(), await countAudit()];
  const res = await send();
  expect(res.statusCode).toBe(status);
  expect(await countBranches()).toBe(branches);
  expect(await countAudit()).toBe(audit);
  return res.json() as {
    error: { kind: string; id: string; message: string; requestId: string; fields?: { path: string; code: string }[] };
  };
}

describe('CSRF', () => {
  it('a signed-in write with the right token and our own Origin goes through (control)', async () => {
    const res = await raw({
      method: 'POST',
      url: '/api/branches',
      payload: branch('Контроль'),
      headers: { origin: 'http://localhost:80' },
    });
    expect(res.statusCode).toBe(201);
  });

  it('a signed-in POST without the token is refused and changes nothing', async () => {
    const body = await refusedWithoutEffect(
      () => t.app.inject({ method: 'POST', url: '/api/branches', payload: branch('Без токена'), headers: { cookie: admin.cookie } }),
      403,
    );
    expect(body.error.id).toBe('errors.csrf');
  });

  it('a signed-in POST with a wrong token is refused and changes nothing', async () => {
    const body = await refusedWithoutEffect(
      () => raw({ method: 'POST', url: '/api/branches', payload: branch('Чужой токен'), headers: { 'x-csrf-token': 'x'.repeat(32) } }),
      403,
    );
    expect(body.error.id).toBe('errors.csrf');
  });

  it('a repeated header or a token of another length is refused', async () => {
    await refusedWithoutEffect(
      () => raw({ method: 'POST', url: '/api/branches', payload: branch('Дважды'), headers: { 'x-csrf-token': `${admin.csrfToken}x` } }),
      403,
    );
    await refusedWithoutEffect(
      () =>
        t.app.inject({
          method: 'POST',
          url: '/api/branches',
          payload: branch('Массив'),
          headers: { cookie: admin.cookie, 'x-csrf-token': [admin.csrfToken, admin.csrfToken] as unknown as string },
        }),
      403,
    );
  });

  it("another session's token does not fit this session", async () => {
    const other = await login(t, org.adminEmail);
    await refusedWithoutEffect(
      () =>
        raw({
          method: 'POST',
          url: '/api/branches',
          payload: branch('Токен другого сеанса'),
          headers: { 'x-csrf-token': other.csrfToken },
        }),
      403,
    );
  });

  it('a PUT without the token is refused and the record stays as it was', async () => {
    const [first] = (await admin.get('/api/branches')).json().items as { id: string; name: string; version: number }[];
    const res = await t.app.inject({
      method: 'PUT',
      url: `/api/branches/${first!.id}`,
      payload: { ...branch('Переименован'), version: first!.version },
      headers: { cookie: admin.cookie },
    });
    expect(res.statusCode).toBe(403);
    const after = (await admin.get('/api/branches')).json().items.find((b: { id: string }) => b.id === first!.id);
    expect(after).toMatchObject({ name: first!.name, version: first!.version });
  });

  it('log-out without the token is refused, and the session lives on', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: admin.cookie } });
    expect(res.statusCode).toBe(403);
    expect((await admin.get('/api/auth/me')).statusCode).toBe(200);
  });

  it('a foreign Origin is refused even with the right token', async () => {
    for (const origin of ['https://evil.example', 'http://localhost.evil.example', 'null']) {
      const body = await refusedWithoutEffect(
        () => raw({ method: 'POST', url: '/api/branches', payload: branch(`С ${origin}`), headers: { origin } }),
        403,
      );
      expect(body.error.id).toBe('errors.csrf');
    }
  });

  it('a foreign Origin cannot log anybody in (login CSRF)', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: org.adminEmail, password: 'correct horse battery' },
      headers: { origin: 'https://evil.example' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.cookies.find((c) => c.name === 'hearth_session')).toBeUndefined();
  });

  it('the Origin of our own host is accepted behind any host name', async () => {
    const res = await raw({
      method: 'POST',
      url: '/api/branches',
      payload: branch('Свой хост'),
      headers: { host: 'hearth.example.org', origin: 'https://hearth.example.org' },
    });
    expect(res.statusCode).toBe(201);
  });

  it('text/plain, form and multipart bodies (what a cross-site form can send) are refused', async () => {
    const payload = JSON.stringify(branch('Форма'));
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const body = await refusedWithoutEffect(
        () => raw({ method: 'POST', url: '/api/branches', payload, headers: { 'content-type': type } }),
        400,
      );
      expect(body.error.kind).toBe('validation');
    }
    const loginAttempt = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: JSON.stringify({ email: org.adminEmail, password: 'correct horse battery' }),
      headers: { 'content-type': 'text/plain' },
    });
    expect(loginAttempt.statusCode).toBe(400);
    expect(loginAttempt.cookies.find((c) => c.name === 'hearth_session')).toBeUndefined();
  });

  it('the session cookie is HttpOnly and SameSite=Strict', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: org.adminEmail, password: 'correct horse battery' },
    });
    const cookie = res.cookies.find((c) => c.name === 'hearth_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
  });
});

describe('security headers', () => {
  const check = (headers: Record<string, unknown>) => {
    const csp = String(headers['content-security-policy']);
    const scriptSrc = csp.split(';').find((d) => d.trim().startsWith('script-src'));
    expect(scriptSrc?.trim()).toBe("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-(inline|eval)/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('no-referrer');
    expect(headers['x-frame-options']).toBe('DENY');
  };

  it('are on API answers, successful or not, and API answers are never cached', async () => {
    for (const res of [
      await t.app.inject({ method: 'GET', url: '/api/health' }),
      await admin.get('/api/users'),
      await t.app.inject({ method: 'GET', url: '/api/users' }),
      await t.app.inject({ method: 'GET', url: '/api/no-such-thing' }),
      await admin.post('/api/branches', { name: '' }),
    ]) {
      check(res.headers);
      expect(res.headers['cache-control']).toBe('no-store');
    }
  });

  it('are on pages outside the API too', async () => {
    check((await t.app.inject({ method: 'GET', url: '/admin/users' })).headers);
  });
});

describe('bad input: a clear 400, nothing written', () => {
  const post = (payload: string, headers: Record<string, string> = {}) =>
    raw({ method: 'POST', url: '/api/branches', payload, headers: { 'content-type': 'application/json', ...headers } });

  it('malformed JSON', async () => {
    const body = await refusedWithoutEffect(() => post('{"name": "Тула", "city": '), 400);
    expect(body.error).toMatchObject({ kind: 'validation', id: 'errors.bad_json' });
    expect(body.error.message).toBe(translate('ru', 'errors.bad_json'));
  });

  it('an empty JSON body', async () => {
    const body = await refusedWithoutEffect(() => post(''), 400);
    expect(body.error.kind).toBe('validation');
  });

  it('unknown fields are named', async () => {
    const body = await refusedWithoutEffect(() => post(JSON.stringify({ ...branch('Лишнее'), orgId: org.orgId, admin: true })), 400);
    expect(body.error.fields?.map((f) => f.path).sort()).toEqual(['admin', 'orgId']);
    expect(body.error.fields?.every((f) => f.code === 'validation.unknown_field')).toBe(true);
  });

  it('wrong types are named, in the language of the request', async () => {
    const body = await refusedWithoutEffect(
      () => post(JSON.stringify({ name: 42, city: ['Тверь'], active: 'yes' }), { 'accept-language': 'en-GB,en;q=0.9' }),
      400,
    );
    expect(body.error.fields?.map((f) => f.path).sort()).toEqual(['active', 'city', 'name']);
    expect(body.error.fields?.find((f) => f.path === 'name')).toMatchObject({
      code: 'validation.invalid_type',
      message: 'Wrong type of value',
    });
    expect(body.error.message).toBe('Please check the fields');
  });

  it('a body over 1 MiB', async () => {
    const body = await refusedWithoutEffect(() => post(JSON.stringify({ ...branch('Большой'), address: 'я'.repeat(600_000) })), 400);
    expect(body.error.id).toBe('errors.body_too_large');
  });

  it('__proto__ and constructor.prototype keys, at the top or nested', async () => {
    for (const payload of [
      '{"name":"Прото","city":"Тверь","__proto__":{"admin":true}}',
      '{"name":"Прото","city":"Тверь","region":{"__proto__":{"admin":true}}}',
      '{"name":"Прото","city":"Тверь","constructor":{"prototype":{"admin":true}}}',
    ]) {
      const body = await refusedWithoutEffect(() => post(payload), 400);
      expect(body.error.kind).toBe('validation');
    }
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  it('a malformed id in the path is a 400 naming the parameter, not a database error', async () => {
    const res = await admin.put('/api/branches/not-a-uuid', { ...branch('x'), version: 1 });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0].path).toBe('params.id');
  });

  it('unknown query parameters are refused', async () => {
    const res = await admin.get('/api/users?role=admin&orgId=x');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0].path).toBe('query.orgId');
  });
});

describe('other errors', () => {
  it('an unknown API path is a JSON 404, for any method', async () => {
    for (const method of ['GET', 'POST', 'DELETE'] as const) {
      const res = await raw({ method, url: '/api/no/such/route', ...(method === 'POST' && { payload: {} }) });
      expect(res.statusCode).toBe(404);
      expect(res.json().error).toMatchObject({ kind: 'not_found', id: 'errors.not_found' });
    }
  });

  it('a failure is a 500 with a request id and nothing internal', async () => {
    for (const url of ['/api/test/throws', '/api/test/bad-sql', '/api/test/breaks-contract']) {
      const res = await admin.get(url);
      expect(res.statusCode, url).toBe(500);
      const { error } = res.json() as { error: { kind: string; id: string; message: string; requestId: string } };
      expect(error.kind).toBe('internal');
      expect(error.requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(error.message).toContain(error.requestId);
      for (const leak of [SECRET, SECRET.replaceAll('-', '_'), 'secret.ts', 'select', 'stack', 'relation', 'Zod', 'count']) {
        expect(res.body, `${url} leaks "${leak}"`).not.toContain(leak);
      }
      expect(Object.keys(error).sort()).toEqual(['id', 'kind', 'message', 'requestId']);
    }
  });

  it('each answer has its own request id', async () => {
    const [a, b] = [await admin.get('/api/test/throws'), await admin.get('/api/test/throws')];
    expect(a.json().error.requestId).not.toBe(b.json().error.requestId);
  });
});
