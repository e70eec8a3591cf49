// Staff accounts through the real HTTP app: create, edit, deactivate, authorization and bad input.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganization, buildTestApp, buildUser, login, PASSWORD, type TestApp, type TestOrganization } from '../testing/harness.js';

let t: TestApp;
let org: TestOrganization;

beforeAll(async () => {
  t = await buildTestApp();
  org = await buildOrganization(t);
});
afterAll(() => t.close());

const newUser = (email: string) => ({
  lastName: 'Сидорова',
  firstName: 'Елена',
  middleName: 'Петровна',
  email,
  password: 'long enough password',
  roles: ['case_worker'],
  branchIds: [],
});

describe('staff accounts', () => {
  it('an admin creates a user who can then log in', async () => {
    const admin = await login(t, org.adminEmail);
    const res = await admin.post('/api/users', { ...newUser('sidorova@example.test'), branchIds: [org.branchIds[0]] });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ email: 'sidorova@example.test', roles: ['case_worker'], branchIds: [org.branchIds[0]] });
    expect(res.json()).not.toHaveProperty('passwordHash');
    const user = await login(t, 'sidorova@example.test', 'long enough password');
    expect(user.me.roles).toEqual(['case_worker']);
  });

  it('deactivating a user ends their sessions at once', async () => {
    const admin = await login(t, org.adminEmail);
    const { id, email } = await buildUser(t, org, ['psychologist']);
    const victim = await login(t, email);
    expect((await victim.get('/api/auth/me')).statusCode).toBe(200);
    const current = (await admin.get(`/api/users/${id}`)).json();
    const res = await admin.put(`/api/users/${id}`, {
      ...current,
      active: false,
      id: undefined,
      createdAt: undefined,
      totpEnabled: undefined,
      locale: undefined,
    });
    expect(res.statusCode).toBe(200);
    expect((await victim.get('/api/auth/me')).statusCode).toBe(401);
    const again = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: PASSWORD } });
    expect(again.statusCode).toBe(401);
  });

  it('a stale edit gets 409 and changes nothing', async () => {
    const admin = await login(t, org.adminEmail);
    const { id } = await buildUser(t, org, ['lawyer']);
    const { lastName, firstName, middleName, email, phone, roles, branchIds, active, version } = (
      await admin.get(`/api/users/${id}`)
    ).json();
    const base = { lastName, firstName, middleName, email, phone, roles, branchIds, active };
    expect((await admin.put(`/api/users/${id}`, { ...base, lastName: 'Первая', version })).statusCode).toBe(200);
    const stale = await admin.put(`/api/users/${id}`, { ...base, lastName: 'Вторая', version });
    expect(stale.statusCode).toBe(409);
    expect((await admin.get(`/api/users/${id}`)).json().lastName).toBe('Первая');
  });

  it('bad input is refused naming the field, and nothing is written', async () => {
    const admin = await login(t, org.adminEmail);
    const before = (await admin.get('/api/users')).json().total;
    const res = await admin.post('/api/users', { ...newUser('not-an-email'), lastName: '', roles: ['Wizard!'], extra: 1 });
    expect(res.statusCode).toBe(400);
    const paths = res.json().error.fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['email', 'lastName', 'roles.0', 'extra']));
    expect(res.json().error.fields.find((f: { path: string }) => f.path === 'lastName').message).toBe('Обязательное поле');
    expect((await admin.get('/api/users')).json().total).toBe(before);
  });

  it('a duplicate e-mail is a field error', async () => {
    const admin = await login(t, org.adminEmail);
    const res = await admin.post('/api/users', newUser(org.adminEmail));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0].path).toBe('email');
  });

  it('a retried create with the same Idempotency-Key creates one user', async () => {
    const admin = await login(t, org.adminEmail);
    const body = newUser('retry@example.test');
    const headers = { 'idempotency-key': 'create-retry-user-1' };
    const [a, b] = await Promise.all([admin.post('/api/users', body, headers), admin.post('/api/users', body, headers)]);
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    expect(a.json().id).toBe(b.json().id);
    const list = (await admin.get('/api/users?q=retry@example.test')).json();
    expect(list.total).toBe(1);
  });

  it('only holders of users.manage may create; other organisations read as 404', async () => {
    const { email } = await buildUser(t, org, ['case_worker']);
    const worker = await login(t, email);
    expect((await worker.post('/api/users', newUser('x@example.test'))).statusCode).toBe(403);
    expect((await worker.get('/api/users')).statusCode).toBe(403);
    const other = await buildOrganization(t);
    const otherAdmin = await login(t, other.adminEmail);
    const admin = await login(t, org.adminEmail);
    const mine = (await admin.get('/api/users')).json().items[0].id;
    expect((await otherAdmin.get(`/api/users/${mine}`)).statusCode).toBe(404);
    expect((await otherAdmin.get('/api/users')).json().items.map((u: { id: string }) => u.id)).not.toContain(mine);
  });
});
