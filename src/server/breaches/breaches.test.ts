// The breach register (issue 17, point 5) on the engine under test: the admin registers a breach
// discovered earlier, the 24- and 72-hour deadlines count from the discovery, the responsible
// person sees each notice still owed (overdue or not), bad input names the field and writes
// nothing, other roles and organisations are refused, the audit has field names only.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoleCode } from '../../domain/access/permissions.js';
import { system } from '../db/gateway.js';
import {
  buildOrganization,
  buildTestApp,
  buildUser,
  login,
  TEST_DB,
  type Client,
  type TestApp,
  type TestOrganization,
} from '../testing/harness.js';

let t: TestApp;
let org: TestOrganization;
let other: TestOrganization;
const c: Record<string, Client> = {};
const ids: Record<string, string> = {};
const ROLES: RoleCode[] = [
  'coordinator',
  'case_worker',
  'psychologist',
  'lawyer',
  'shelter_admin',
  'volunteer',
  'supervisor',
  'me_officer',
  'mentor',
];

beforeAll(async () => {
  t = await buildTestApp();
  org = await buildOrganization(t);
  other = await buildOrganization(t);
  for (const role of ROLES) {
    const user = await buildUser(t, org, [role]);
    ids[role] = user.id;
    c[role] = await login(t, user.email);
  }
  c.admin = await login(t, org.adminEmail);
  c.otherAdmin = await login(t, other.adminEmail);
  ids.otherUser = (await buildUser(t, other, ['coordinator'])).id;
}, 300_000);

afterAll(async () => {
  await t.close();
});

const count = () =>
  system(t.engine, async (tx) => (await tx.execute<{ n: number }>(sql`select count(*)::int as n from breaches`)).rows[0]!.n);

describe(`breach register (${TEST_DB})`, () => {
  it('registers a breach found earlier, counts the deadlines from the discovery and reminds the responsible person', async () => {
    const discoveredAt = new Date(Date.now() - 30 * 3_600_000).toISOString();
    const body = {
      discoveredAt,
      title: 'Потерян ноутбук координатора',
      description: 'Ноутбук с выгрузкой списка семей оставлен в такси',
      dataCategories: ['identity', 'contacts', 'children'],
      peopleAffected: 42,
      measures: 'Сменены пароли, заблокирована учётная запись',
      responsibleId: ids.coordinator,
    };
    const res = await c.admin!.post('/api/breaches', body);
    expect(res.statusCode, res.body).toBe(201);
    const breach = res.json();
    expect(new Date(breach.deadline24h).getTime() - new Date(discoveredAt).getTime()).toBe(24 * 3_600_000);
    expect(new Date(breach.deadline72h).getTime() - new Date(discoveredAt).getTime()).toBe(72 * 3_600_000);
    const reminders = (await c.coordinator!.get('/api/breaches/reminders')).json().items;
    expect(reminders).toEqual([
      expect.objectContaining({ id: breach.id, notice: 'notice24h', overdue: true }),
      expect.objectContaining({ id: breach.id, notice: 'notice72h', overdue: false }),
    ]);
    expect((await c.case_worker!.get('/api/breaches/reminders')).json().items).toEqual([]);

    const sent = await c.admin!.put(`/api/breaches/${breach.id}`, {
      ...body,
      notice24hOn: new Date().toISOString(),
      version: breach.version,
    });
    expect(sent.statusCode, sent.body).toBe(200);
    expect((await c.coordinator!.get('/api/breaches/reminders')).json().items).toEqual([expect.objectContaining({ notice: 'notice72h' })]);
    expect((await c.admin!.put(`/api/breaches/${breach.id}`, { ...body, version: breach.version })).statusCode).toBe(409);

    const audit = await system(
      t.engine,
      async (tx) =>
        (await tx.execute<{ details: unknown }>(sql`select details from audit_log where record_type = 'breach' order by id`)).rows,
    );
    expect(audit).toHaveLength(2);
    expect(JSON.stringify(audit)).not.toMatch(/ноутбук|такси|пароли/i);
    expect(JSON.stringify(audit[1])).toContain('notice24hOn');
  });

  it('refuses bad input naming the field, other roles and other organisations’ ids; writes nothing', async () => {
    const before = await count();
    const good = {
      discoveredAt: new Date(Date.now() - 3_600_000).toISOString(),
      title: 'Письмо не тому адресату',
      responsibleId: ids.coordinator,
    };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...good, title: '' }, 'title'],
      [{ ...good, discoveredAt: 'вчера' }, 'discoveredAt'],
      [{ ...good, discoveredAt: new Date(Date.now() + 86_400_000).toISOString() }, 'discoveredAt'],
      [{ ...good, notice24hOn: new Date(Date.now() - 2 * 3_600_000).toISOString() }, 'notice24hOn'],
      [{ ...good, dataCategories: ['все'] }, 'dataCategories.0'],
      [{ ...good, peopleAffected: -1 }, 'peopleAffected'],
      [{ ...good, responsibleId: ids.otherUser }, 'responsibleId'],
      [{ ...good, extra: 1 }, 'extra'],
    ];
    for (const [body, field] of cases) {
      const res = await c.admin!.post('/api/breaches', body);
      expect(res.statusCode, field).toBe(400);
      expect(
        res.json().error.fields.map((f: { path: string }) => f.path),
        field,
      ).toContain(field);
    }
    for (const role of ROLES) {
      expect((await c[role]!.get('/api/breaches')).statusCode, role).toBe(403);
      expect((await c[role]!.post('/api/breaches', good)).statusCode, role).toBe(403);
    }
    const mine = (await c.admin!.get('/api/breaches')).json().items[0];
    expect((await c.otherAdmin!.put(`/api/breaches/${mine.id}`, { ...good, version: mine.version })).statusCode).toBe(404);
    expect((await c.otherAdmin!.get('/api/breaches')).json().items).toEqual([]);
    expect(await count()).toBe(before);
  });
});
