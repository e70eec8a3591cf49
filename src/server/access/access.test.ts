// Organisations & access through the real HTTP app: the authorization matrix (every route of the area
// × each of the nine roles → allowed or 403; another organisation's record → 404), and the rules of
// branches, programmes, roles and organisation settings, including retry-safe creates.
import crypto from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_CODES, type RoleCode } from '../../domain/access/permissions.js';
import { buildOrganization, buildTestApp, buildUser, login, type Client, type TestApp, type TestOrganization } from '../testing/harness.js';

let t: TestApp;
let org: TestOrganization;
let other: TestOrganization;
let admin: Client;
let otherAdmin: Client;
const clients = {} as Record<RoleCode, Client>;

beforeAll(async () => {
  t = await buildTestApp();
  org = await buildOrganization(t);
  other = await buildOrganization(t);
  admin = await login(t, org.adminEmail);
  otherAdmin = await login(t, other.adminEmail);
  for (const role of ROLE_CODES) clients[role] = await login(t, (await buildUser(t, org, [role])).email);
});
afterAll(() => t.close());

const unique = (prefix: string) => `${prefix} ${crypto.randomBytes(3).toString('hex')}`;

/** The editable fields of a user view, i.e. a valid PUT body. */
function userBody(view: Record<string, unknown>) {
  const { id: _i, createdAt: _c, totpEnabled: _t, locale: _l, ...rest } = view;
  return rest;
}

async function freshUser(): Promise<string> {
  return (await buildUser(t, org, ['volunteer'])).id;
}
async function freshBranch(client = admin): Promise<{ id: string; version: number }> {
  const res = await client.post('/api/branches', { name: unique('Филиал'), city: 'Тверь' });
  expect(res.statusCode).toBe(201);
  return res.json();
}
const programme = (overrides: Record<string, unknown> = {}) => ({
  name: unique('Программа'),
  periodStart: '2026-01-01',
  periodEnd: '2026-12-31',
  funder: 'Фонд',
  budget: 150000.5,
  ...overrides,
});
async function freshProgramme(client = admin): Promise<{ id: string; version: number; name: string }> {
  const res = await client.post('/api/programmes', programme());
  expect(res.statusCode).toBe(201);
  return res.json();
}

// ---- the matrix ----

interface Case {
  route: string;
  /** Roles that may call it with the default permissions; everyone else gets 403. */
  allowed: readonly RoleCode[] | 'all';
  ok: number;
  call(client: Client): Promise<LightMyRequestResponse>;
}

const ADMIN = ['admin'] as const;
const STAFF_READERS = ['admin', 'coordinator', 'supervisor'] as const;

const CASES: Case[] = [
  { route: 'GET /api/users', allowed: STAFF_READERS, ok: 200, call: (c) => c.get('/api/users') },
  { route: 'GET /api/users/:id', allowed: STAFF_READERS, ok: 200, call: async (c) => c.get(`/api/users/${await freshUser()}`) },
  {
    route: 'POST /api/users',
    allowed: ADMIN,
    ok: 201,
    call: (c) =>
      c.post('/api/users', {
        lastName: 'Новая',
        firstName: 'Сотрудница',
        email: `${crypto.randomUUID()}@example.test`,
        password: 'long enough password',
        roles: ['volunteer'],
      }),
  },
  {
    route: 'PUT /api/users/:id',
    allowed: ADMIN,
    ok: 200,
    call: async (c) => {
      const id = await freshUser();
      const view = (await admin.get(`/api/users/${id}`)).json();
      return c.put(`/api/users/${id}`, { ...userBody(view), lastName: 'Изменённая' });
    },
  },
  {
    route: 'POST /api/users/:id/password',
    allowed: ADMIN,
    ok: 200,
    call: async (c) => c.post(`/api/users/${await freshUser()}/password`, { password: 'another long password' }),
  },
  {
    route: 'POST /api/users/:id/totp-reset',
    allowed: ADMIN,
    ok: 200,
    call: async (c) => c.post(`/api/users/${await freshUser()}/totp-reset`),
  },
  { route: 'GET /api/roles', allowed: ADMIN, ok: 200, call: (c) => c.get('/api/roles') },
  {
    route: 'PUT /api/roles/:code',
    allowed: ADMIN,
    ok: 200,
    call: async (c) => {
      // Rewrites the lawyer role with the permissions it already has: a real write that changes nothing else.
      const role = (await admin.get('/api/roles')).json().items.find((r: { code: string }) => r.code === 'lawyer');
      return c.put('/api/roles/lawyer', { permissions: role.permissions, version: role.version });
    },
  },
  {
    route: 'POST /api/roles',
    allowed: ADMIN,
    ok: 201,
    call: (c) => c.post('/api/roles', { name: unique('Дефектолог'), permissions: ['cases.read'] }),
  },
  {
    route: 'DELETE /api/roles/:code',
    allowed: ADMIN,
    ok: 200,
    call: async (c) => {
      const made = (await admin.post('/api/roles', { name: unique('Кладовщик'), permissions: [] })).json();
      return c.del(`/api/roles/${made.code}?version=${made.version}`);
    },
  },
  { route: 'GET /api/organization', allowed: 'all', ok: 200, call: (c) => c.get('/api/organization') },
  {
    route: 'PUT /api/organization',
    allowed: ADMIN,
    ok: 200,
    call: async (c) => {
      const current = (await admin.get('/api/organization')).json();
      return c.put('/api/organization', { name: current.name, mfaRequiredRoles: current.mfaRequiredRoles, version: current.version });
    },
  },
  { route: 'GET /api/branches', allowed: 'all', ok: 200, call: (c) => c.get('/api/branches') },
  { route: 'POST /api/branches', allowed: ADMIN, ok: 201, call: (c) => c.post('/api/branches', { name: unique('Филиал'), city: 'Тверь' }) },
  {
    route: 'PUT /api/branches/:id',
    allowed: ADMIN,
    ok: 200,
    call: async (c) => {
      const branch = await freshBranch();
      return c.put(`/api/branches/${branch.id}`, { name: unique('Филиал'), city: 'Ржев', version: branch.version });
    },
  },
  { route: 'GET /api/programmes', allowed: 'all', ok: 200, call: (c) => c.get('/api/programmes') },
  { route: 'POST /api/programmes', allowed: ADMIN, ok: 201, call: (c) => c.post('/api/programmes', programme()) },
  {
    route: 'PUT /api/programmes/:id',
    allowed: ADMIN,
    ok: 200,
    call: async (c) => {
      const created = await freshProgramme();
      return c.put(`/api/programmes/${created.id}`, { ...programme({ name: created.name }), budget: null, version: created.version });
    },
  },
  { route: 'GET /api/audit', allowed: ADMIN, ok: 200, call: (c) => c.get('/api/audit') },
  // "Who saw what" (issue 17): the answers themselves are tested in breakglass/breakglass.test.ts; here
  // who may ask. A family this organisation does not have is refused by name (400) to the admin only.
  {
    route: 'GET /api/audit/activity',
    allowed: ADMIN,
    ok: 200,
    call: async (c) => c.get(`/api/audit/activity?userId=${await freshUser()}`),
  },
  {
    route: 'GET /api/audit/activity.:format',
    allowed: ADMIN,
    ok: 200,
    call: async (c) => c.get(`/api/audit/activity.csv?userId=${await freshUser()}`),
  },
  { route: 'GET /api/audit/person', allowed: ADMIN, ok: 400, call: (c) => c.get(`/api/audit/person?familyId=${crypto.randomUUID()}`) },
  {
    route: 'GET /api/audit/person.:format',
    allowed: ADMIN,
    ok: 400,
    call: (c) => c.get(`/api/audit/person.xlsx?familyId=${crypto.randomUUID()}`),
  },
];

describe('authorization matrix (default permissions)', () => {
  it('covers every route of the area', async () => {
    const { routeRegistry } = await import('../http/route.js');
    const areaTags = new Set(['users', 'roles', 'organization', 'branches', 'programmes', 'audit']);
    const declared = (routeRegistry.get(t.app) ?? []).filter((spec) => areaTags.has(spec.tag)).map((spec) => `${spec.method} ${spec.url}`);
    expect(CASES.map((c) => c.route).sort()).toEqual(declared.sort());
  });

  for (const testCase of CASES) {
    it(testCase.route, async () => {
      const results: Record<string, number> = {};
      const expected: Record<string, number> = {};
      for (const role of ROLE_CODES) {
        results[role] = (await testCase.call(clients[role])).statusCode;
        expected[role] = testCase.allowed === 'all' || testCase.allowed.includes(role) ? testCase.ok : 403;
      }
      expect(results).toEqual(expected);
    });
  }
});

describe("another organisation's records read as not found", () => {
  it('404 for every route that takes a record, even for its admin, and nothing changes', async () => {
    const theirUser = (await buildUser(t, other, ['lawyer'])).id;
    const theirUserView = (await otherAdmin.get(`/api/users/${theirUser}`)).json();
    const theirBranch = await freshBranch(otherAdmin);
    const theirProgramme = await freshProgramme(otherAdmin);
    const answers = {
      getUser: await admin.get(`/api/users/${theirUser}`),
      putUser: await admin.put(`/api/users/${theirUser}`, { ...userBody(theirUserView), roles: ['admin'], branchIds: [] }),
      password: await admin.post(`/api/users/${theirUser}/password`, { password: 'taken over password' }),
      totp: await admin.post(`/api/users/${theirUser}/totp-reset`),
      branch: await admin.put(`/api/branches/${theirBranch.id}`, { name: 'Захвачен', city: 'Тверь', version: theirBranch.version }),
      programme: await admin.put(`/api/programmes/${theirProgramme.id}`, { ...programme(), version: theirProgramme.version }),
    };
    for (const [name, res] of Object.entries(answers)) {
      expect(res.statusCode, name).toBe(404);
      expect(res.json().error.id, name).toBe('errors.not_found');
    }
    expect((await otherAdmin.get(`/api/users/${theirUser}`)).json()).toEqual(theirUserView);
    const branches = (await otherAdmin.get('/api/branches')).json().items;
    expect(branches.find((b: { id: string }) => b.id === theirBranch.id)).toMatchObject({ version: theirBranch.version });
    expect((await admin.get('/api/branches')).json().items.map((b: { id: string }) => b.id)).not.toContain(theirBranch.id);
    expect((await admin.get('/api/programmes')).json().items.map((p: { id: string }) => p.id)).not.toContain(theirProgramme.id);
  });

  it("a user cannot be attached to another organisation's branch", async () => {
    const res = await admin.post('/api/users', {
      lastName: 'Чужой',
      firstName: 'Филиал',
      email: `${crypto.randomUUID()}@example.test`,
      password: 'long enough password',
      roles: ['volunteer'],
      branchIds: [other.branchIds[0]],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0].path).toBe('branchIds');
  });
});

describe('the last admin', () => {
  it('two admins taking the role from each other at the same moment cannot leave the organisation without one', async () => {
    const lone = await buildOrganization(t);
    const second = await buildUser(t, lone, ['admin']);
    const [first, other2] = [await login(t, lone.adminEmail), await login(t, second.email)];
    const firstView = (await other2.get(`/api/users/${first.me.id}`)).json();
    const secondView = (await first.get(`/api/users/${second.id}`)).json();
    const [a, b] = await Promise.all([
      first.put(`/api/users/${second.id}`, { ...userBody(secondView), roles: ['volunteer'] }),
      other2.put(`/api/users/${first.me.id}`, { ...userBody(firstView), roles: ['volunteer'] }),
    ]);
    // One wins; the other is refused by the last-admin rule (422) or, when its session was read
    // after the winner committed, because its caller is no longer an admin (403).
    const [won, refused] = [a.statusCode, b.statusCode].sort();
    expect(won).toBe(200);
    expect([403, 422]).toContain(refused);
    const admins = (await (a.statusCode === 200 ? first : other2).get('/api/users?role=admin')).json();
    expect(admins.total).toBe(1);
  });
});

describe('branches', () => {
  it('creates, lists and edits with optimistic concurrency', async () => {
    const created = (await admin.post('/api/branches', { name: unique('Курск'), city: 'Курск', region: 'Курская область' })).json();
    expect(created).toMatchObject({ city: 'Курск', region: 'Курская область', address: '', active: true, version: 1 });
    const edit = await admin.put(`/api/branches/${created.id}`, { ...created, id: undefined, address: 'ул. Ленина, 1', version: 1 });
    expect(edit.statusCode).toBe(200);
    expect(edit.json()).toMatchObject({ address: 'ул. Ленина, 1', version: 2 });
    const stale = await admin.put(`/api/branches/${created.id}`, { name: created.name, city: 'Орёл', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect((await admin.get('/api/branches')).json().items.find((b: { id: string }) => b.id === created.id).city).toBe('Курск');
  });

  it('names are unique within an organisation, not across organisations', async () => {
    const name = unique('Единственный');
    expect((await admin.post('/api/branches', { name, city: 'Тверь' })).statusCode).toBe(201);
    const clash = await admin.post('/api/branches', { name, city: 'Тверь' });
    expect(clash.statusCode).toBe(400);
    expect(clash.json().error.fields[0]).toMatchObject({ path: 'name', code: 'validation.duplicate' });
    expect((await otherAdmin.post('/api/branches', { name, city: 'Тверь' })).statusCode).toBe(201);
  });

  it('refuses blank and overlong fields', async () => {
    const res = await admin.post('/api/branches', { name: '   ', city: 'x'.repeat(101) });
    expect(res.statusCode).toBe(400);
    expect(
      res
        .json()
        .error.fields.map((f: { path: string }) => f.path)
        .sort(),
    ).toEqual(['city', 'name']);
  });
});

describe('programmes', () => {
  it('keeps period, funder and budget', async () => {
    const res = await admin.post('/api/programmes', programme({ budget: 4_800_000.25, description: 'Шесть мест' }));
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      periodStart: '2026-01-01',
      periodEnd: '2026-12-31',
      budget: 4_800_000.25,
      description: 'Шесть мест',
    });
    const listed = (await admin.get('/api/programmes')).json().items.find((p: { id: string }) => p.id === res.json().id);
    expect(listed.budget).toBe(4_800_000.25);
    expect((await admin.post('/api/programmes', programme({ budget: null }))).json().budget).toBeNull();
  });

  it('an end before the start is an error on periodEnd, on create and on edit, in both languages', async () => {
    const bad = await admin.post('/api/programmes', programme({ periodStart: '2026-06-01', periodEnd: '2026-05-31' }));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toEqual([
      expect.objectContaining({ path: 'periodEnd', code: 'validation.period_order', message: 'Дата окончания раньше даты начала' }),
    ]);
    const created = await freshProgramme();
    const edit = await admin.request(
      'PUT',
      `/api/programmes/${created.id}`,
      { ...programme({ name: created.name, periodEnd: '2025-12-31' }), version: created.version },
      { 'accept-language': 'en' },
    );
    expect(edit.statusCode).toBe(400);
    expect(edit.json().error.fields[0]).toMatchObject({ path: 'periodEnd', message: 'The end date is before the start date' });
    expect((await admin.post('/api/programmes', programme({ periodStart: '2026-06-01', periodEnd: '2026-06-01' }))).statusCode).toBe(201);
  });

  it('from when follow-ups count: the closing by default, kept on edit, an unknown value refused naming the field', async () => {
    const created = await freshProgramme();
    expect(created).toMatchObject({ followUpFrom: 'closing' });
    const moved = await admin.put(`/api/programmes/${created.id}`, {
      ...programme({ name: created.name, followUpFrom: 'post_support' }),
      version: created.version,
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().followUpFrom).toBe('post_support');
    for (const followUpFrom of ['birth', '', null, 1]) {
      const create = await admin.post('/api/programmes', programme({ followUpFrom }));
      expect(create.statusCode, String(followUpFrom)).toBe(400);
      expect(create.json().error.fields.map((f: { path: string }) => f.path)).toEqual(['followUpFrom']);
      const edit = await admin.put(`/api/programmes/${created.id}`, {
        ...programme({ name: created.name, followUpFrom }),
        version: moved.json().version,
      });
      expect(edit.statusCode, String(followUpFrom)).toBe(400);
      expect(edit.json().error.fields.map((f: { path: string }) => f.path)).toEqual(['followUpFrom']);
    }
    const listed = (await admin.get('/api/programmes')).json().items.find((p: { id: string }) => p.id === created.id);
    expect(listed).toMatchObject({ followUpFrom: 'post_support', version: moved.json().version });
  });

  it('dates must exist', async () => {
    for (const [field, value] of [
      ['periodStart', '2026-02-30'],
      ['periodEnd', '2026-13-01'],
      ['periodStart', '01.02.2026'],
      ['periodEnd', '2026-1-5'],
    ] as const) {
      const res = await admin.post('/api/programmes', programme({ [field]: value }));
      expect(res.statusCode, value).toBe(400);
      expect(res.json().error.fields[0], value).toMatchObject({ path: field, code: 'validation.invalid_date' });
    }
  });

  it('budget: not negative, whole kopecks, a sane maximum, a number', async () => {
    for (const budget of [-1, 0.001, 10.555, 1e13, '1000', true]) {
      const res = await admin.post('/api/programmes', programme({ budget }));
      expect(res.statusCode, String(budget)).toBe(400);
      expect(res.json().error.fields[0].path).toBe('budget');
    }
    for (const budget of [0, 0.01, 0.07, 0.3, 1234.56, 999_999_999_999.99]) {
      const res = await admin.post('/api/programmes', programme({ budget }));
      expect(res.statusCode, String(budget)).toBe(201);
      expect(res.json().budget).toBe(budget);
    }
  });
});

describe('roles', () => {
  it('the admin role keeps its floor of permissions (422) so nobody locks the organisation out', async () => {
    const role = (await admin.get('/api/roles')).json().items.find((r: { code: string }) => r.code === 'admin');
    for (const dropped of ['users.manage', 'roles.manage', 'organization.manage']) {
      const res = await admin.put('/api/roles/admin', {
        permissions: role.permissions.filter((p: string) => p !== dropped),
        version: role.version,
      });
      expect(res.statusCode, dropped).toBe(422);
      expect(res.json().error.id).toBe('errors.last_admin');
    }
    const after = (await admin.get('/api/roles')).json().items.find((r: { code: string }) => r.code === 'admin');
    expect(after).toEqual(role);
    // Other permissions may be taken from it.
    const trimmed = role.permissions.filter((p: string) => p !== 'audit.read');
    expect((await admin.put('/api/roles/admin', { permissions: trimmed, version: role.version })).statusCode).toBe(200);
    expect((await admin.get('/api/audit')).statusCode).toBe(403);
    const back = (await admin.get('/api/roles')).json().items.find((r: { code: string }) => r.code === 'admin');
    expect((await admin.put('/api/roles/admin', { permissions: role.permissions, version: back.version })).statusCode).toBe(200);
    expect((await admin.get('/api/audit')).statusCode).toBe(200);
  });

  it("a changed permission takes effect for the role's users at once, in their current sessions", async () => {
    const coordinator = await login(t, (await buildUser(t, org, ['coordinator'])).email);
    expect((await coordinator.get('/api/users')).statusCode).toBe(200);
    const role = (await admin.get('/api/roles')).json().items.find((r: { code: string }) => r.code === 'coordinator');
    const without = role.permissions.filter((p: string) => p !== 'users.read');
    const res = await admin.put('/api/roles/coordinator', { permissions: without, version: role.version });
    expect(res.statusCode).toBe(200);
    expect((await coordinator.get('/api/users')).statusCode).toBe(403);
    expect((await coordinator.get('/api/auth/me')).json().me.permissions).not.toContain('users.read');
    const granted = await admin.put('/api/roles/coordinator', {
      permissions: [...without, 'branches.manage'],
      version: res.json().version,
    });
    expect(granted.statusCode).toBe(200);
    expect((await coordinator.post('/api/branches', { name: unique('Координатор'), city: 'Тверь' })).statusCode).toBe(201);
    await admin.put('/api/roles/coordinator', { permissions: role.permissions, version: granted.json().version });
    expect((await coordinator.get('/api/users')).statusCode).toBe(200);
  });

  it("another organisation's roles are its own", async () => {
    const role = (await admin.get('/api/roles')).json().items.find((r: { code: string }) => r.code === 'volunteer');
    const theirs = (await otherAdmin.get('/api/roles')).json().items.find((r: { code: string }) => r.code === 'volunteer');
    const res = await admin.put('/api/roles/volunteer', { permissions: ['branches.read'], version: role.version });
    expect(res.statusCode).toBe(200);
    expect((await otherAdmin.get('/api/roles')).json().items.find((r: { code: string }) => r.code === 'volunteer')).toEqual(theirs);
    await admin.put('/api/roles/volunteer', { permissions: role.permissions, version: res.json().version });
  });

  it('refuses unknown roles, unknown permissions and stale versions', async () => {
    const role = (await admin.get('/api/roles')).json().items.find((r: { code: string }) => r.code === 'lawyer');
    // A code that cannot be one is bad input; a well-formed code the organisation lacks is not found.
    expect((await admin.put('/api/roles/Wizard!', { permissions: [], version: 1 })).statusCode).toBe(400);
    expect((await admin.put('/api/roles/wizard', { permissions: [], version: 1 })).statusCode).toBe(404);
    const unknown = await admin.put('/api/roles/lawyer', { permissions: ['everything'], version: role.version });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.fields[0].path).toBe('permissions.0');
    expect((await admin.put('/api/roles/lawyer', { permissions: [], version: role.version + 5 })).statusCode).toBe(409);
  });
});

describe('organisation settings', () => {
  it('renames and chooses roles that must use a second factor; stale edits are refused', async () => {
    const current = (await admin.get('/api/organization')).json();
    expect(current).toMatchObject({ id: org.orgId, mfaRequiredRoles: [] });
    const res = await admin.put('/api/organization', {
      name: 'Фонд «Тест»',
      mfaRequiredRoles: ['admin', 'admin', 'lawyer'],
      version: current.version,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name: 'Фонд «Тест»', mfaRequiredRoles: ['admin', 'lawyer'], version: current.version + 1 });
    expect((await clients.volunteer.get('/api/organization')).json().name).toBe('Фонд «Тест»');
    expect((await admin.put('/api/organization', { name: 'Старое', mfaRequiredRoles: [], version: current.version })).statusCode).toBe(409);
    const unknown = await admin.put('/api/organization', {
      name: 'Фонд',
      mfaRequiredRoles: ['lawyer', 'wizard'],
      version: current.version + 1,
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.fields[0].path).toBe('mfaRequiredRoles.1');
    const bad = await admin.put('/api/organization', { name: '', mfaRequiredRoles: ['Wizard!'], version: current.version + 1 });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .error.fields.map((f: { path: string }) => f.path)
        .sort(),
    ).toEqual(['mfaRequiredRoles.0', 'name']);
    await admin.put('/api/organization', { name: current.name, mfaRequiredRoles: [], version: current.version + 1 });
    expect((await otherAdmin.get('/api/organization')).json().id).toBe(other.orgId);
  });
});

describe('retry-safe creates (Idempotency-Key)', () => {
  const creates = [
    ['/api/branches', () => ({ name: unique('Повтор'), city: 'Тверь' })],
    ['/api/programmes', () => programme()],
    [
      '/api/users',
      () => ({
        lastName: 'Повторова',
        firstName: 'Анна',
        email: `${crypto.randomUUID()}@example.test`,
        password: 'long enough password',
        roles: ['volunteer'],
      }),
    ],
  ] as const;

  for (const [url, body] of creates) {
    it(`${url}: a retried create returns the first answer and creates one record`, async () => {
      const key = `retry-${crypto.randomUUID()}`;
      const payload = body();
      const first = await admin.post(url, payload, { 'idempotency-key': key });
      const second = await admin.post(url, payload, { 'idempotency-key': key });
      expect([first.statusCode, second.statusCode]).toEqual([201, 201]);
      expect(second.json()).toEqual(first.json());
      expect(second.headers['idempotent-replay']).toBe('true');
      const list = (await admin.get(url)).json().items as { id: string }[];
      expect(list.filter((item) => item.id === first.json().id)).toHaveLength(1);
      // Without a key, the same body is a second create (or a clash on a unique name/e-mail).
      expect([400, 201]).toContain((await admin.post(url, payload)).statusCode);
    });
  }

  it('keys are per user: the same key from another admin creates their own record', async () => {
    const key = `shared-${crypto.randomUUID()}`;
    const mine = await admin.post('/api/branches', { name: unique('Мой'), city: 'Тверь' }, { 'idempotency-key': key });
    const second = await login(t, (await buildUser(t, org, ['admin'])).email);
    const theirs = await second.post('/api/branches', { name: unique('Их'), city: 'Тверь' }, { 'idempotency-key': key });
    expect(theirs.statusCode).toBe(201);
    expect(theirs.json().id).not.toBe(mine.json().id);
  });

  it('a key spent on another route is refused, not answered with the wrong record', async () => {
    const key = `cross-${crypto.randomUUID()}`;
    expect((await admin.post('/api/branches', { name: unique('Перекрёсток'), city: 'Тверь' }, { 'idempotency-key': key })).statusCode).toBe(
      201,
    );
    const res = await admin.post('/api/programmes', programme(), { 'idempotency-key': key });
    expect(res.statusCode).toBe(409);
  });

  it('a malformed key is a 400 naming the header', async () => {
    const res = await admin.post('/api/branches', { name: unique('Ключ'), city: 'Тверь' }, { 'idempotency-key': 'bad key!' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0].path).toBe('Idempotency-Key');
  });
});
