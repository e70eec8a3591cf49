// List exports of the administration's lists (issue 16, point 4) through the real HTTP app, on both
// engines: the staff, the requests of data subjects, the destruction acts and the breach register as
// XLSX and CSV hold exactly the rows their list shows the caller, with the filters on screen; never a
// password hash, a second-factor secret or a session, never the free text the list leaves out (a
// request's outcome and contact, an act's reason, a breach's description and measures); formula-like
// text made inert; who may export each (every role by its default permissions); another branch's and
// another organisation's ids; every export audited with the list, the filters' names and the row
// count — never a value; hostile filters are 400s naming the field.
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ROLE_PERMISSIONS, ROLE_CODES, type Permission, type RoleCode } from '../../domain/access/permissions.js';
import { system } from '../db/gateway.js';
import { csvRows, exportAuditCount, lastExportAudit, sheetRows } from '../testing/exports.js';
import { buildOrganization, buildTestApp, buildUser, login, type Client, type TestApp, type TestOrganization } from '../testing/harness.js';

let t: TestApp;
let org: TestOrganization;
let other: TestOrganization;
let admin: Client;
let otherAdmin: Client;
let coordinatorA: Client;
let coordinatorB: { id: string; email: string };
const FORMULA_PHONE = '+7 900 111-22-33';
const FORMULA_TITLE = '=HYPERLINK("http://evil.example","click")';
const FORMULA_SUBJECT = '@Подставная Анна';
const TOTP_CANARY = 'TOTPSECRETCANARY7Q2K';
const CONTACT_CANARY = 'CONTACT-CANARY-5531';
const OUTCOME_CANARY = 'OUTCOME-CANARY-7710';
const REASON_CANARY = 'REASON-CANARY-0042';
const DESCRIPTION_CANARY = 'DESCRIPTION-CANARY-3301';
const MEASURES_CANARY = 'MEASURES-CANARY-9902';

const lastAudit = async (list: string) => (await lastExportAudit(t.engine, list))!;

/** Both formats of an export, the XLSX's rows checked against the CSV's (one table, two files). */
async function exported(client: Client, url: string): Promise<string[][]> {
  const [path, query = ''] = url.split('?');
  const xlsx = await client.get(`${path}.xlsx${query ? `?${query}` : ''}`);
  expect(xlsx.statusCode, xlsx.body).toBe(200);
  expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  expect(xlsx.headers['content-disposition']).toMatch(/^attachment;/);
  const csv = await client.get(`${path}.csv${query ? `?${query}` : ''}`);
  expect(csv.statusCode, csv.body).toBe(200);
  expect(csv.headers['content-type']).toContain('text/csv');
  const rows = await sheetRows(xlsx.rawPayload);
  expect(csvRows(csv.rawPayload).length).toBe(rows.length);
  return rows;
}

/** Plants a destruction act (the register is append-only; the act's own route is tested in privacy.test.ts). */
async function plantAct(orgId: string, by: string, reason: string): Promise<void> {
  await system(t.engine, (tx) =>
    tx.execute(sql`insert into destruction_acts (org_id, number, record_kind, record_id, basis, subjects, data_categories, method,
        media, reason, destroyed_on, destroyed_by, approved_by)
      values (${orgId}, (select coalesce(max(number), 0) + 1 from destruction_acts where org_id = ${orgId}), 'referral', ${crypto.randomUUID()},
        'retention', '[{"category":"referral_person","count":1}]'::jsonb, '{identity,referral_records}'::text[], 'deletion',
        '{database}'::text[], ${reason}, '2026-11-20', ${by}, ${by})`),
  );
}

beforeAll(async () => {
  t = await buildTestApp();
  org = await buildOrganization(t);
  other = await buildOrganization(t);
  admin = await login(t, org.adminEmail);
  otherAdmin = await login(t, other.adminEmail);
  coordinatorA = await login(t, (await buildUser(t, org, ['coordinator'], [org.branchIds[0]!])).email);
  coordinatorB = await buildUser(t, org, ['coordinator'], [org.branchIds[1]!]);

  // A staff member whose phone looks like a formula, with a second factor's secret in her row.
  const created = await admin.post('/api/users', {
    lastName: 'Формулова',
    firstName: 'Ирина',
    email: `formula-${crypto.randomBytes(3).toString('hex')}@a.test`,
    phone: FORMULA_PHONE,
    password: 'a long enough password',
    roles: ['lawyer'],
    branchIds: [org.branchIds[0]],
  });
  expect(created.statusCode, created.body).toBe(201);
  await system(t.engine, (tx) => tx.execute(sql`update users set totp_secret = ${TOTP_CANARY} where id = ${created.json().id}`));
  await buildUser(t, other, ['lawyer'], [other.branchIds[0]!]);

  // Requests of data subjects, one with a contact and what was done, one of the other organisation.
  const adminId = admin.me.id;
  const request = await admin.post('/api/privacy/requests', {
    kind: 'access',
    receivedOn: '2026-11-02',
    subjectName: FORMULA_SUBJECT,
    subjectContact: CONTACT_CANARY,
    responsibleId: adminId,
    channel: 'post',
  });
  expect(request.statusCode, request.body).toBe(201);
  const update = await admin.put(`/api/privacy/requests/${request.json().id}`, {
    status: 'in_progress',
    responsibleId: adminId,
    outcome: OUTCOME_CANARY,
    version: request.json().version,
  });
  expect(update.statusCode, update.body).toBe(200);
  const answered = await admin.post('/api/privacy/requests', {
    kind: 'deletion',
    receivedOn: '2026-10-01',
    subjectName: 'Отвеченная Мария',
    responsibleId: adminId,
  });
  expect(answered.statusCode, answered.body).toBe(201);
  const closed = await admin.put(`/api/privacy/requests/${answered.json().id}`, {
    status: 'answered',
    responsibleId: adminId,
    answeredOn: '2026-10-05',
    outcome: 'Данные уничтожены',
    version: answered.json().version,
  });
  expect(closed.statusCode, closed.body).toBe(200);
  const theirs = await otherAdmin.post('/api/privacy/requests', {
    kind: 'correction',
    receivedOn: '2026-11-03',
    subjectName: 'Чужая Ольга',
    responsibleId: otherAdmin.me.id,
  });
  expect(theirs.statusCode, theirs.body).toBe(201);

  await plantAct(org.orgId, adminId, REASON_CANARY);
  await plantAct(other.orgId, otherAdmin.me.id, 'Чужой акт');

  const breach = await admin.post('/api/breaches', {
    discoveredAt: '2026-11-10T09:30:00Z',
    title: FORMULA_TITLE,
    description: DESCRIPTION_CANARY,
    measures: MEASURES_CANARY,
    dataCategories: ['identity', 'health'],
    peopleAffected: 12,
    responsibleId: adminId,
    notice24hOn: '2026-11-10T18:00:00Z',
  });
  expect(breach.statusCode, breach.body).toBe(201);
  const theirBreach = await otherAdmin.post('/api/breaches', {
    discoveredAt: '2026-11-11T09:30:00Z',
    title: 'Чужой инцидент',
    responsibleId: otherAdmin.me.id,
  });
  expect(theirBreach.statusCode, theirBreach.body).toBe(201);
}, 240_000);

afterAll(async () => {
  await t?.close();
});

describe('staff list export', () => {
  it('holds the staff the list shows, with its filters, formula-safe, without hashes, secrets or sessions', async () => {
    const listed = (await admin.get('/api/users')).json().items as { lastName: string; email: string }[];
    const rows = await exported(admin, '/api/users');
    expect(rows[0]).toEqual(['ФИО', 'Электронная почта', 'Телефон', 'Роли', 'Филиалы', 'Статус', '2FA']);
    expect(rows.slice(1).map((r) => r[1])).toEqual(listed.map((u) => u.email));
    const formula = rows.find((r) => r[0]!.startsWith('Формулова'))!;
    expect(formula).toEqual(expect.arrayContaining([`'${FORMULA_PHONE}`, 'Юрист', 'Москва', 'Активен', 'нет']));

    // Nothing of the accounts' secrets: the hashes, the TOTP secret, the sessions and their tokens.
    const secrets = await system(t.engine, async (tx) => {
      const hashes = await tx.execute<{ v: string }>(sql`select password_hash as v from users where org_id = ${org.orgId}`);
      const sessions = await tx.execute<{ v: string }>(sql`select id || ' ' || csrf_token as v from sessions where org_id = ${org.orgId}`);
      return [...hashes.rows, ...sessions.rows].flatMap((r) => r.v.split(' '));
    });
    expect(secrets.length).toBeGreaterThan(4);
    for (const format of ['xlsx', 'csv']) {
      const res = await admin.get(`/api/users.${format}`);
      const text = format === 'csv' ? res.rawPayload.toString('utf8') : JSON.stringify(await sheetRows(res.rawPayload));
      for (const secret of [...secrets, TOTP_CANARY, admin.csrfToken, admin.cookie.split('=')[1]!]) expect(text).not.toContain(secret);
      expect(text).not.toMatch(/\$argon2/);
    }

    // The filters on screen: a role, a branch, a status, words.
    const lawyers = await exported(admin, '/api/users?role=lawyer');
    expect(lawyers.slice(1).map((r) => r[0])).toEqual(['Формулова Ирина']);
    const branchB = await exported(admin, `/api/users?branchId=${org.branchIds[1]}`);
    const listedB = (await admin.get(`/api/users?branchId=${org.branchIds[1]}`)).json().items as { email: string }[];
    expect(branchB.slice(1).map((r) => r[1])).toEqual(listedB.map((u) => u.email));
    expect(branchB.slice(1).map((r) => r[1])).toContain(coordinatorB.email);
    expect((await exported(admin, '/api/users?active=false')).slice(1)).toEqual([]);
    const searched = await exported(admin, `/api/users?q=${encodeURIComponent('формулова')}`);
    expect(searched.slice(1)).toHaveLength(1);

    const entry = await lastAudit('users');
    expect(entry.user_id).toBe(admin.me.id);
    expect(entry.details).toMatchObject({ list: 'users', format: 'csv', filters: ['q'], rows: 1 });
    expect(JSON.stringify(entry.details)).not.toMatch(/формулова/i);
  });

  it("another organisation's staff are never in the file; its branch id finds none of them", async () => {
    const ours = JSON.stringify(await exported(admin, '/api/users'));
    expect(ours).not.toContain(other.adminEmail);
    expect(ours).not.toContain(`@${other.orgId.slice(0, 8)}.test`);
    expect((await exported(coordinatorA, `/api/users?branchId=${other.branchIds[0]}`)).slice(1)).toEqual([]);
    const theirs = JSON.stringify(await exported(otherAdmin, '/api/users'));
    expect(theirs).toContain(other.adminEmail);
    expect(theirs).not.toContain(org.adminEmail);
    expect(theirs).not.toContain('Формулова');
  });
});

describe('requests of data subjects export', () => {
  it('holds the requests the list shows with its tabs, formula-safe, without the contact or what was done', async () => {
    const open = await exported(admin, '/api/privacy/requests');
    expect(open[0]![0]).toBe('Вид запроса');
    expect(open.slice(1).map((r) => r[1])).toEqual([`'${FORMULA_SUBJECT}`]);
    expect(open[1]).toEqual(expect.arrayContaining(['Доступ к своим данным', 'Почтой', '2026-11-02', 'В работе']));
    const all = await exported(admin, '/api/privacy/requests?status=all');
    const listed = (await admin.get('/api/privacy/requests?status=all')).json().items as { subjectName: string }[];
    expect(all.slice(1).map((r) => r[1]!.replace(/^'/, ''))).toEqual(listed.map((r) => r.subjectName));
    expect(all.slice(1).map((r) => r[1])).toContain('Отвеченная Мария');
    const text = JSON.stringify(all);
    for (const absent of [CONTACT_CANARY, OUTCOME_CANARY, 'Чужая Ольга']) expect(text).not.toContain(absent);
    expect((await exported(admin, '/api/privacy/requests?status=all&mine=true')).length).toBe(all.length);
    const entry = await lastAudit('subjectRequests');
    expect(entry.details).toMatchObject({ format: 'csv', rows: 2 });
    expect((entry.details.filters as string[]).sort()).toEqual(['mine', 'status']);
    expect(JSON.stringify(entry.details)).not.toContain('Подставная');
    const theirs = JSON.stringify(await exported(otherAdmin, '/api/privacy/requests?status=all'));
    expect(theirs).toContain('Чужая Ольга');
    expect(theirs).not.toContain('Подставная');
  });
});

describe('destruction acts export', () => {
  it('holds the register of the organisation, coded, without the free-text reason', async () => {
    const rows = await exported(admin, '/api/privacy/acts');
    expect(rows[0]![0]).toBe('№');
    expect(rows.slice(1)).toHaveLength(1);
    expect(rows[1]).toEqual(
      expect.arrayContaining(['1', '2026-11-20', 'Обращение', 'Удаление записей из базы данных без возможности восстановления']),
    );
    const text = JSON.stringify(rows);
    expect(text).toContain('Обратившийся (без открытия случая) — 1');
    for (const absent of [REASON_CANARY, 'Чужой акт']) expect(text).not.toContain(absent);
    expect((await lastAudit('destructionActs')).details).toMatchObject({ format: 'csv', filters: [], rows: 1 });
    expect((await exported(otherAdmin, '/api/privacy/acts')).slice(1)).toHaveLength(1);
  });
});

describe('breach register export', () => {
  it('holds the register with its deadlines, formula-safe, without the description or the measures', async () => {
    const rows = await exported(admin, '/api/breaches');
    expect(rows[0]![0]).toBe('Обнаружен');
    expect(rows.slice(1)).toHaveLength(1);
    expect(rows[1]).toEqual(
      expect.arrayContaining([
        '2026-11-10 09:30 UTC',
        `'${FORMULA_TITLE}`,
        'ФИО, дата рождения; Здоровье',
        '12',
        '2026-11-11 09:30 UTC',
        '2026-11-10 18:00 UTC',
        '2026-11-13 09:30 UTC',
      ]),
    );
    const text = JSON.stringify(rows);
    for (const absent of [DESCRIPTION_CANARY, MEASURES_CANARY, 'Чужой инцидент']) expect(text).not.toContain(absent);
    const entry = await lastAudit('breaches');
    expect(entry.details).toMatchObject({ format: 'csv', filters: [], rows: 1 });
    expect(JSON.stringify(entry.details)).not.toContain('HYPERLINK');
    const theirs = JSON.stringify(await exported(otherAdmin, '/api/breaches'));
    expect(theirs).toContain('Чужой инцидент');
    expect(theirs).not.toContain('HYPERLINK');
  });
});

describe('who may export, and what is refused', () => {
  const LISTS: [string, Permission][] = [
    ['/api/users', 'users.read'],
    ['/api/privacy/requests', 'privacy.manage'],
    ['/api/privacy/acts', 'privacy.manage'],
    ['/api/breaches', 'breaches.manage'],
  ];

  it('every role: the list permission decides, for both formats; a caller without a session is 401', { timeout: 120_000 }, async () => {
    const can = (role: RoleCode, permission: Permission) => (DEFAULT_ROLE_PERMISSIONS[role] as readonly string[]).includes(permission);
    const got: Record<string, number> = {};
    const expected: Record<string, number> = {};
    for (const role of ROLE_CODES) {
      // Of branch B: the lists are the organisation's, whatever the caller's branch.
      const client = await login(t, (await buildUser(t, org, [role], [org.branchIds[1]!])).email);
      for (const [url, permission] of LISTS) {
        for (const format of ['xlsx', 'csv']) {
          got[`${role} ${url}.${format}`] = (await client.get(`${url}.${format}`)).statusCode;
          expected[`${role} ${url}.${format}`] = can(role, permission) ? 200 : 403;
        }
      }
    }
    expect(got).toEqual(expected);
    for (const [url] of LISTS) expect((await t.app.inject({ method: 'GET', url: `${url}.csv` })).statusCode, url).toBe(401);
  });

  it('hostile filters are 400s naming the field, and nothing is audited of them', async () => {
    const before = await exportAuditCount(t.engine);
    const cases: [string, string][] = [
      ['/api/users.csv?q=%00', 'query.q'],
      [`/api/users.xlsx?q=${'x'.repeat(100_001)}`, 'query.q'],
      ['/api/users.csv?q=%ED%A0%80', 'query.q'],
      ['/api/users.csv?branchId=not-a-uuid', 'query.branchId'],
      ['/api/privacy/requests.csv?status=%00', 'query.status'],
      ['/api/privacy/requests.xlsx?mine=maybe', 'query.mine'],
      ['/api/privacy/acts.csv?number=1', 'query.number'],
      ['/api/breaches.xlsx?q=%00', 'query.q'],
    ];
    for (const [url, field] of cases) {
      const res = await admin.get(url);
      expect(res.statusCode, url.slice(0, 60)).toBe(400);
      expect(res.json().error.fields[0].path, url.slice(0, 60)).toBe(field);
    }
    expect(await exportAuditCount(t.engine)).toBe(before);
  });
});
