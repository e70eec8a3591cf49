// Roles as the organisation has them: the admin makes a role from the closed list of permissions,
// gives it to staff (who then hold exactly those permissions), renames it, and deletes it once
// nobody holds it. Shipped roles keep their names and cannot be deleted; another organisation's
// roles are not found; the audit names the fields that changed. Authorization of the routes is in
// the matrix of access.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganization, buildTestApp, login, PASSWORD, type Client, type TestApp, type TestOrganization } from '../testing/harness.js';

let t: TestApp;
let org: TestOrganization;
let admin: Client;
let otherAdmin: Client;

beforeAll(async () => {
  t = await buildTestApp();
  org = await buildOrganization(t);
  admin = await login(t, org.adminEmail);
  otherAdmin = await login(t, (await buildOrganization(t)).adminEmail);
});
afterAll(() => t.close());

type Role = { code: string; name: string; builtin: boolean; holders: number; permissions: string[]; version: number };
const roles = async (client = admin) => (await client.get('/api/roles')).json().items as Role[];

describe('roles of the organisation’s own', () => {
  it('makes a role from the permissions, gives it to a colleague who then holds exactly those', async () => {
    const made = await admin.post('/api/roles', { name: 'Дефектолог', permissions: ['families.read', 'cases.read', 'cases.read'] });
    expect(made.statusCode, made.body).toBe(201);
    const role = made.json() as Role;
    expect(role).toMatchObject({ name: 'Дефектолог', builtin: false, holders: 0, permissions: ['cases.read', 'families.read'] });
    expect(role.code).toMatch(/^custom_[0-9a-f]{10}$/);
    expect((await roles()).map((r) => r.code)).toContain(role.code);
    expect((await roles(otherAdmin)).map((r) => r.code)).not.toContain(role.code);

    const user = await admin.post('/api/users', {
      lastName: 'Соколова',
      firstName: 'Вера',
      email: `defect-${role.code}@example.test`,
      password: PASSWORD,
      roles: [role.code],
      branchIds: [org.branchIds[0]],
    });
    expect(user.statusCode, user.body).toBe(201);
    const vera = await login(t, `defect-${role.code}@example.test`);
    expect([...(vera.me.permissions as string[])].sort()).toEqual(['cases.read', 'families.read']);
    expect((await vera.get('/api/cases')).statusCode).toBe(200);
    expect((await vera.get('/api/users')).statusCode).toBe(403);
    expect((await roles()).find((r) => r.code === role.code)?.holders).toBe(1);

    // Held: it cannot be deleted; taken away: it can.
    const held = await admin.del(`/api/roles/${role.code}?version=${role.version}`);
    expect(held.statusCode).toBe(422);
    expect(held.json().error.id).toBe('roleEditor.errors.in_use');
    const view = user.json();
    const taken = await admin.put(`/api/users/${view.id}`, {
      lastName: view.lastName,
      firstName: view.firstName,
      middleName: view.middleName,
      email: view.email,
      phone: view.phone,
      roles: ['volunteer'],
      branchIds: view.branchIds,
      active: true,
      version: view.version,
    });
    expect(taken.statusCode, taken.body).toBe(200);
    expect((await admin.del(`/api/roles/${role.code}?version=${role.version + 5}`)).statusCode).toBe(409);
    const deleted = await admin.del(`/api/roles/${role.code}?version=${role.version}`);
    expect(deleted.statusCode, deleted.body).toBe(200);
    expect((await roles()).map((r) => r.code)).not.toContain(role.code);
  });

  it('refuses permissions outside the closed list, empty and taken names, naming the field; nothing written', async () => {
    const before = (await roles()).length;
    const cases: [Record<string, unknown>, string][] = [
      [{ name: 'Логопед', permissions: ['cases.fly'] }, 'permissions.0'],
      [{ name: '  ', permissions: [] }, 'name'],
      [{ name: 'Логопед', permissions: [], code: 'admin' }, 'code'],
    ];
    for (const [body, field] of cases) {
      const res = await admin.post('/api/roles', body);
      expect(res.statusCode, res.body).toBe(400);
      expect(JSON.stringify(res.json().error.fields)).toContain(field);
    }
    expect((await admin.post('/api/roles', { name: 'Логопед', permissions: [] })).statusCode).toBe(201);
    const taken = await admin.post('/api/roles', { name: ' логопед ', permissions: [] });
    expect(taken.statusCode).toBe(400);
    expect(taken.json().error.fields[0].path).toBe('name');
    expect((await roles()).length).toBe(before + 1);
    const unknown = await admin.post('/api/users', {
      lastName: 'Никто',
      firstName: 'Нет',
      email: 'nobody-role@example.test',
      password: PASSWORD,
      roles: ['custom_0000000000'],
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.fields[0].path).toBe('roles');
  });

  it('renames its own roles, not the shipped ones; a stale version is a conflict; the audit names fields only', async () => {
    const role = (await admin.post('/api/roles', { name: 'Кладовщица', permissions: ['aid.warehouse'] })).json() as Role;
    const renamed = await admin.put(`/api/roles/${role.code}`, { name: 'Кладовщик', permissions: role.permissions, version: role.version });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({ name: 'Кладовщик', version: role.version + 1 });
    const stale = await admin.put(`/api/roles/${role.code}`, { name: 'Склад', permissions: [], version: role.version });
    expect(stale.statusCode).toBe(409);

    const lawyer = (await roles()).find((r) => r.code === 'lawyer')!;
    const shipped = await admin.put('/api/roles/lawyer', { name: 'Адвокат', permissions: lawyer.permissions, version: lawyer.version });
    expect(shipped.statusCode).toBe(400);
    expect(shipped.json().error.fields[0].path).toBe('name');
    const deleteShipped = await admin.del(`/api/roles/lawyer?version=${lawyer.version}`);
    expect(deleteShipped.statusCode).toBe(422);
    expect((await roles()).find((r) => r.code === 'lawyer')).toEqual(lawyer);

    const audit = (await admin.get(`/api/audit?recordType=role&recordId=${role.code}`)).json().items as {
      action: string;
      details: unknown;
    }[];
    expect(audit.map((e) => e.action).sort()).toEqual(['create', 'update']);
    expect(JSON.stringify(audit)).toContain('name');
    expect(JSON.stringify(audit)).not.toContain('Кладовщи');
  });

  it("another organisation's role reads as not found", async () => {
    const theirs = (await otherAdmin.post('/api/roles', { name: 'Психиатр', permissions: [] })).json() as Role;
    expect((await admin.put(`/api/roles/${theirs.code}`, { name: 'Взлом', permissions: [], version: theirs.version })).statusCode).toBe(
      404,
    );
    expect((await admin.del(`/api/roles/${theirs.code}?version=${theirs.version}`)).statusCode).toBe(404);
    expect((await roles(otherAdmin)).find((r) => r.code === theirs.code)).toEqual(theirs);
  });
});
