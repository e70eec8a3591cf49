// The audit log through the real HTTP app: log-ins and failures, every write of the access area with
// the names of the fields it changed (never their values), nothing recorded for a write that failed, the filters an admin uses ("which
// records did user X open between T1 and T2"), who may read it, and that no organisation sees another's.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scoped, system } from '../db/gateway.js';
import {
  buildOrganization,
  buildTestApp,
  buildUser,
  login,
  PASSWORD,
  type Client,
  type TestApp,
  type TestOrganization,
} from '../testing/harness.js';
import { writeAudit } from './audit.js';

let t: TestApp;
let org: TestOrganization;
let admin: Client;

beforeAll(async () => {
  t = await buildTestApp();
  org = await buildOrganization(t);
  admin = await login(t, org.adminEmail);
});
afterAll(() => t.close());

interface Entry {
  id: number;
  at: string;
  userId: string | null;
  userName: string | null;
  action: string;
  recordType: string;
  recordId: string;
  details: Record<string, unknown>;
  ip: string;
  requestId: string;
}

async function auditList(query: Record<string, string | number> = {}, client = admin): Promise<{ items: Entry[]; total: number }> {
  const qs = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)])).toString();
  const res = await client.get(`/api/audit${qs ? `?${qs}` : ''}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** The newest entry for a record, read through the API. */
async function latest(recordType: string, recordId: string): Promise<Entry> {
  const { items } = await auditList({ recordType, recordId, pageSize: 1 });
  expect(items, `${recordType} ${recordId} has no audit entry`).toHaveLength(1);
  return items[0]!;
}

async function auditCount(): Promise<number> {
  const result = await system(t.engine, (tx) => tx.execute<{ n: number }>(sql`select count(*)::int as n from audit_log`));
  return Number(result.rows[0]!.n);
}

describe('log-ins', () => {
  it('records a log-in with who, from where and in which request', async () => {
    const { id, email } = await buildUser(t, org, ['case_worker']);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email, password: PASSWORD },
      remoteAddress: '10.9.0.1',
    });
    expect(res.statusCode).toBe(200);
    const entry = (await auditList({ userId: id, action: 'login' })).items[0]!;
    expect(entry).toMatchObject({ userId: id, recordType: 'user', recordId: id, ip: '10.9.0.1', userName: 'Петрова Ольга' });
    expect(entry.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('records failures with the reason, and never the password typed', async () => {
    const { id, email } = await buildUser(t, org, ['case_worker']);
    await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email, password: 'typed-secret-guess' },
      remoteAddress: '10.9.0.2',
    });
    const entry = (await auditList({ userId: id, action: 'login_failed' })).items[0]!;
    expect(entry).toMatchObject({ recordId: id, ip: '10.9.0.2', details: { reason: 'credentials' } });
    expect(JSON.stringify(entry)).not.toContain('typed-secret-guess');
  });

  it('records failures for unknown e-mails outside every organisation, without the e-mail', async () => {
    const before = await auditCount();
    const ghost = 'ghost-audit@nowhere.test';
    await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: ghost, password: 'guess' }, remoteAddress: '10.9.0.3' });
    expect(await auditCount()).toBe(before + 1);
    const rows = await system(t.engine, (tx) =>
      tx.execute<{ org_id: string | null; details: unknown }>(sql`select org_id, details from audit_log order by id desc limit 1`),
    );
    expect(rows.rows[0]!.org_id).toBeNull();
    expect(JSON.stringify(rows.rows[0])).not.toContain(ghost);
    expect((await auditList({ action: 'login_failed' })).items.every((e) => e.ip !== '10.9.0.3')).toBe(true);
  });

  it('records log-outs and password changes', async () => {
    const { id, email } = await buildUser(t, org, ['case_worker']);
    const client = await login(t, email);
    expect((await client.post('/api/auth/password', { currentPassword: PASSWORD, newPassword: 'another long password' })).statusCode).toBe(
      200,
    );
    expect((await client.post('/api/auth/logout')).statusCode).toBe(200);
    const actions = (await auditList({ userId: id })).items.map((e) => e.action);
    expect(actions.slice(0, 3)).toEqual(['logout', 'password_changed', 'login']);
  });
});

describe('writes record which fields changed, not the values', () => {
  it('users: create, edit, password reset, second-factor reset, own language', async () => {
    const created = await admin.post('/api/users', {
      lastName: 'Аудитова',
      firstName: 'Вера',
      email: 'auditova@example.test',
      password: 'secret password 1',
      roles: ['lawyer'],
    });
    expect(created.statusCode).toBe(201);
    const user = created.json();
    const create = await latest('user', user.id);
    expect(create).toMatchObject({
      action: 'create',
      userId: admin.me.id,
      details: { fields: expect.arrayContaining(['email', 'roles', 'lastName']) },
    });
    expect(JSON.stringify(create)).not.toContain('auditova@example.test');

    const { id, createdAt: _c, totpEnabled: _t, locale: _l, ...editable } = user;
    expect((await admin.put(`/api/users/${id}`, { ...editable, lastName: 'Новикова', roles: ['lawyer', 'volunteer'] })).statusCode).toBe(
      200,
    );
    expect((await latest('user', id)).details).toEqual({ fields: ['lastName', 'roles'] });

    expect((await admin.post(`/api/users/${id}/password`, { password: 'reset password 2' })).statusCode).toBe(200);
    expect(await latest('user', id)).toMatchObject({ action: 'update', details: { passwordReset: true } });
    expect((await admin.post(`/api/users/${id}/totp-reset`)).statusCode).toBe(200);
    expect(await latest('user', id)).toMatchObject({ action: 'totp_disabled', details: { byAdmin: true } });

    const self = await login(t, 'auditova@example.test', 'reset password 2');
    expect((await self.put('/api/auth/me/locale', { locale: 'en' })).statusCode).toBe(200);
    expect(await latest('user', id)).toMatchObject({
      action: 'update',
      userId: id,
      details: { fields: ['locale'] },
    });

    // No password, hash or secret ever reaches the log.
    const all = JSON.stringify((await auditList({ recordId: id, pageSize: 200 })).items);
    for (const secret of ['secret password 1', 'reset password 2', '$argon2', 'passwordHash', 'totpSecret'])
      expect(all).not.toContain(secret);
  });

  it('branches: create and edit', async () => {
    const created = (await admin.post('/api/branches', { name: 'Аудит', city: 'Тула' })).json();
    expect(await latest('branch', created.id)).toMatchObject({ action: 'create', details: { fields: ['name', 'city', 'active'] } });
    const res = await admin.put(`/api/branches/${created.id}`, { name: 'Аудит', city: 'Калуга', active: false, version: created.version });
    expect(res.statusCode).toBe(200);
    expect((await latest('branch', created.id)).details).toEqual({ fields: ['city', 'active'] });
    expect(JSON.stringify(await auditList({ recordId: created.id }))).not.toMatch(/Тула|Калуга/);
  });

  it('programmes: create and edit', async () => {
    const body = { name: 'Аудит-программа', periodStart: '2026-01-01', periodEnd: '2026-12-31', budget: 1000 };
    const created = (await admin.post('/api/programmes', body)).json();
    expect(await latest('programme', created.id)).toMatchObject({
      action: 'create',
      details: { fields: expect.arrayContaining(['budget']) },
    });
    const res = await admin.put(`/api/programmes/${created.id}`, { ...body, budget: 2500.5, funder: 'Фонд', version: created.version });
    expect(res.statusCode).toBe(200);
    expect((await latest('programme', created.id)).details).toEqual({ fields: ['funder', 'budget'] });
  });

  it('roles and organisation settings', async () => {
    const role = (await admin.get('/api/roles')).json().items.find((r: { code: string }) => r.code === 'me_officer');
    const permissions = [...role.permissions, 'users.read'].sort();
    expect((await admin.put('/api/roles/me_officer', { permissions, version: role.version })).statusCode).toBe(200);
    expect((await latest('role', 'me_officer')).details).toEqual({ fields: ['permissions'] });

    const current = (await admin.get('/api/organization')).json();
    const res = await admin.put('/api/organization', { name: 'Новое имя', mfaRequiredRoles: ['volunteer'], version: current.version });
    expect(res.statusCode).toBe(200);
    expect((await latest('organization', org.orgId)).details).toEqual({ fields: ['name', 'mfaRequiredRoles'] });
    await admin.put('/api/organization', { name: current.name, mfaRequiredRoles: [], version: current.version + 1 });
  });
});

describe('a failed write leaves nothing behind', () => {
  it('a rule broken after the first statements ran: no change, no audit row', async () => {
    // Taking the admin role from the only admin fails after the memberships were already rewritten.
    const me = (await admin.get(`/api/users/${admin.me.id}`)).json();
    const before = await auditCount();
    const { id, createdAt: _c, totpEnabled: _t, locale: _l, ...editable } = me;
    const res = await admin.put(`/api/users/${id}`, { ...editable, lastName: 'Сломано', roles: ['case_worker'] });
    expect(res.statusCode).toBe(422);
    expect(await auditCount()).toBe(before);
    expect((await admin.get(`/api/users/${id}`)).json()).toMatchObject({ lastName: me.lastName, roles: ['admin'], version: me.version });
  });

  it('a stale edit (409), a duplicate name (400) and a refused permission (403) record nothing', async () => {
    const branch = (await admin.post('/api/branches', { name: 'Неизменный', city: 'Орёл' })).json();
    await admin.put(`/api/branches/${branch.id}`, { name: 'Неизменный', city: 'Орёл', region: 'Орловская', version: branch.version });
    const before = await auditCount();
    expect((await admin.put(`/api/branches/${branch.id}`, { name: 'Неизменный', city: 'Курск', version: branch.version })).statusCode).toBe(
      409,
    );
    expect((await admin.post('/api/branches', { name: 'Неизменный', city: 'Курск' })).statusCode).toBe(400);
    const worker = await login(t, (await buildUser(t, org, ['case_worker'])).email);
    const afterLogin = await auditCount();
    expect((await worker.post('/api/branches', { name: 'Чужими руками', city: 'Курск' })).statusCode).toBe(403);
    expect(afterLogin - before).toBe(1); // the worker's log-in, nothing else
    expect(await auditCount()).toBe(afterLogin);
  });
});

describe('reading the log', () => {
  it('answers "which records did user X open between T1 and T2"', async () => {
    const { id: reader } = await buildUser(t, org, ['psychologist']);
    const { id: other } = await buildUser(t, org, ['psychologist']);
    const base = Date.parse('2026-03-10T09:00:00Z');
    const hour = 3_600_000;
    // Reads at 09:00, 10:00, 11:00 and 12:00 by X, and one at 10:30 by someone else.
    await scoped(t.engine, { orgId: org.orgId, userId: reader }, async (tx) => {
      for (const [offset, userId, record] of [
        [0, reader, 'fam-early'],
        [1, reader, 'fam-a'],
        [2, reader, 'fam-b'],
        [3, reader, 'fam-late'],
        [1.5, other, 'fam-other'],
      ] as const) {
        await tx.execute(sql`insert into audit_log (org_id, at, user_id, action, record_type, record_id)
          values (${org.orgId}, ${new Date(base + offset * hour).toISOString()}, ${userId}, 'read', 'family', ${record})`);
      }
      await writeAudit(
        tx,
        { orgId: org.orgId, userId: reader, ip: '', requestId: '' },
        { action: 'read_sensitive', recordType: 'family', recordId: 'fam-now' },
      );
    });
    const from = new Date(base + 0.5 * hour).toISOString();
    const to = new Date(base + 2.5 * hour).toISOString();
    const opened = await auditList({ userId: reader, action: 'read', from, to });
    expect(opened.items.map((e) => e.recordId)).toEqual(['fam-b', 'fam-a']);
    expect(opened.total).toBe(2);
    // The period is half-open: an entry exactly at `to` belongs to the next period.
    const exact = await auditList({
      userId: reader,
      action: 'read',
      from: new Date(base).toISOString(),
      to: new Date(base + 2 * hour).toISOString(),
    });
    expect(exact.items.map((e) => e.recordId)).toEqual(['fam-a', 'fam-early']);
    // Offsets in the query are understood (Moscow time, UTC+3).
    const moscow = await auditList({ userId: reader, action: 'read', from: '2026-03-10T12:30:00+03:00', to: '2026-03-10T14:30:00+03:00' });
    expect(moscow.items.map((e) => e.recordId)).toEqual(['fam-b', 'fam-a']);
    expect((await auditList({ userId: reader, recordType: 'family' })).total).toBe(5);
  });

  it('filters by record, by record type and by action, newest first, in pages', async () => {
    const created = (await admin.post('/api/branches', { name: 'Фильтры', city: 'Псков' })).json();
    for (const city of ['Остров', 'Порхов', 'Опочка']) {
      const current = (await admin.get('/api/branches')).json().items.find((b: { id: string }) => b.id === created.id);
      await admin.put(`/api/branches/${created.id}`, { name: 'Фильтры', city, version: current.version });
    }
    const history = await auditList({ recordType: 'branch', recordId: created.id });
    expect(history.items.map((e) => e.action)).toEqual(['update', 'update', 'update', 'create']);
    expect(history.items.map((e) => e.details.fields)).toEqual([['city'], ['city'], ['city'], ['name', 'city', 'active']]);
    const ids = history.items.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const page2 = await auditList({ recordType: 'branch', recordId: created.id, pageSize: 3, page: 2 });
    expect(page2).toMatchObject({ total: 4, items: [{ action: 'create' }] });
    const creates = await auditList({ action: 'create', recordType: 'branch' });
    expect(creates.items.every((e) => e.action === 'create' && e.recordType === 'branch')).toBe(true);
    expect(creates.items.map((e) => e.recordId)).toContain(created.id);
  });

  it('refuses malformed filters naming them', async () => {
    for (const [query, field] of [
      ['userId=42', 'query.userId'],
      ['from=yesterday', 'query.from'],
      ['action=steal', 'query.action'],
      ['pageSize=100000', 'query.pageSize'],
      ['orgId=x', 'query.orgId'],
    ] as const) {
      const res = await admin.get(`/api/audit?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error.fields[0].path).toBe(field);
    }
  });

  it('only holders of audit.read may list it; granting the permission opens it', async () => {
    for (const role of ['coordinator', 'supervisor', 'case_worker', 'me_officer'] as const) {
      const client = await login(t, (await buildUser(t, org, [role])).email);
      expect((await client.get('/api/audit')).statusCode, role).toBe(403);
    }
    const role = (await admin.get('/api/roles')).json().items.find((r: { code: string }) => r.code === 'supervisor');
    expect(
      (await admin.put('/api/roles/supervisor', { permissions: [...role.permissions, 'audit.read'], version: role.version })).statusCode,
    ).toBe(200);
    const supervisor = await login(t, (await buildUser(t, org, ['supervisor'])).email);
    expect((await supervisor.get('/api/audit')).statusCode).toBe(200);
  });

  it("never shows another organisation's entries, whatever the filter", async () => {
    const other = await buildOrganization(t);
    const otherAdmin = await login(t, other.adminEmail);
    const mine = await auditList({ pageSize: 200 });
    const theirs = await auditList({ pageSize: 200 }, otherAdmin);
    expect(theirs.total).toBeGreaterThan(0);
    const myIds = new Set(mine.items.map((e) => e.id));
    expect(theirs.items.some((e) => myIds.has(e.id))).toBe(false);
    expect((await auditList({ userId: admin.me.id }, otherAdmin)).total).toBe(0);
    expect((await auditList({ recordType: 'organization', recordId: org.orgId }, otherAdmin)).total).toBe(0);
  });
});
