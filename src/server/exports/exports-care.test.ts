// List exports of the care lists (issue 16, point 4) through the real HTTP app, on both engines: the
// external specialists, the mentors, the follow-ups due after leaving, the post-support visits and
// the away shifts as XLSX and CSV hold exactly the rows their list shows the caller (scope, filters),
// with formula-like text made inert; who may export each (every role); another branch's worker sees
// none of branch A's rows; another organisation's ids in a filter are refused by their field as the
// list refuses them; hostile filters are 400s that write nothing; each export is audited with the
// list, the filters' names and the row count — never a value.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ROLE_PERMISSIONS, ROLE_CODES, type Permission, type RoleCode } from '../../domain/access/permissions.js';
import { today } from '../../domain/families/people.js';
import { addMonths } from '../../domain/outcomes/follow-up.js';
import { buildCase, type BuiltCase } from '../testing/casework.js';
import { csvRows, exportAuditCount, lastExportAudit, sheetRows } from '../testing/exports.js';
import { buildOrganization, buildTestApp, buildUser, login, type Client, type TestApp, type TestOrganization } from '../testing/harness.js';
import { registerMentor } from '../testing/mentoring.js';

let t: TestApp;
let org: TestOrganization;
let other: TestOrganization;
let programmeId: string;
let foreignProgramme: string;
let foreignPartner: string;
const users: Record<string, { client: Client; id: string }> = {};
const names: Record<string, string> = {};
const FORMULA_PROGRAMME = '=HYPERLINK("http://evil.example","click")';
const monthsAgo = (n: number) => addMonths(today(), -n);

/** The export's URLs and the permission of the list each answers for. */
const EXPORTS: { url: string; list: string; permission: Permission }[] = [
  { url: '/api/specialists', list: 'specialists', permission: 'partners.read' },
  { url: '/api/mentoring/mentors', list: 'mentors', permission: 'mentoring.read' },
  { url: '/api/follow-ups', list: 'followUps', permission: 'cases.read' },
  { url: '/api/post-support/visits', list: 'postSupport', permission: 'cases.read' },
  { url: '/api/shifts', list: 'shifts', permission: 'shifts.read' },
];

async function toPostSupport(coordinator: Client, c: BuiltCase, on: string) {
  let version = 1;
  for (const action of ['activate', 'to_post_support']) {
    const res = await coordinator.post(`/api/cases/${c.caseId}/transition`, { action, on, version });
    expect(res.statusCode, res.body).toBe(200);
    version = res.json().version;
  }
}

async function close(coordinator: Client, c: BuiltCase, on: string) {
  const detail = (await coordinator.get(`/api/cases/${c.caseId}`)).json();
  const res = await coordinator.post(`/api/cases/${c.caseId}/transition`, {
    action: 'close',
    on,
    outcome: 'child_with_family',
    reason: 'Итог работы',
    version: detail.case.version,
  });
  expect(res.statusCode, res.body).toBe(200);
}

const familyName = async (client: Client, c: BuiltCase) => (await client.get(`/api/families/${c.familyId}`)).json().name as string;
/** The first column of an export's rows (without the header). */
const firstColumn = (rows: string[][]) => rows.slice(1).map((r) => r[0]);

beforeAll(async () => {
  t = await buildTestApp();
  org = await buildOrganization(t);
  other = await buildOrganization(t);
  const admin = await login(t, org.adminEmail);
  programmeId = (
    await admin.post('/api/programmes', { name: FORMULA_PROGRAMME, periodStart: '2025-01-01', periodEnd: '2027-12-31' })
  ).json().id;
  for (const [name, roles, branch] of [
    ['coordinatorA', ['coordinator'], 0],
    ['coordinatorB', ['coordinator'], 1],
    ['lead', ['case_worker'], 0],
    ['otherWorker', ['case_worker'], 0],
    ['workerB', ['case_worker'], 1],
  ] as const) {
    const user = await buildUser(t, org, [...roles], [org.branchIds[branch]!]);
    users[name] = { id: user.id, client: await login(t, user.email) };
  }
  const otherAdmin = await login(t, other.adminEmail);
  foreignProgramme = (
    await otherAdmin.post('/api/programmes', { name: 'Другая', periodStart: '2025-01-01', periodEnd: '2027-12-31' })
  ).json().id;
  const otherCoordinator = await buildUser(t, other, ['coordinator'], [other.branchIds[0]!]);
  users.otherCoordinator = { id: otherCoordinator.id, client: await login(t, otherCoordinator.email) };
  const a = users.coordinatorA!.client;
  const b = users.coordinatorB!.client;
  const theirs = users.otherCoordinator!.client;

  // Post-support: one family in branch A led by the lead, one in branch B, one of the other organisation.
  const psA = await buildCase(a, { branchId: org.branchIds[0]!, programmeId, leadId: users.lead!.id, openedOn: '2026-03-01' });
  await toPostSupport(a, psA, '2026-06-01');
  const psB = await buildCase(b, { branchId: org.branchIds[1]!, programmeId, leadId: users.workerB!.id, openedOn: '2026-03-01' });
  await toPostSupport(b, psB, '2026-06-01');
  const psForeign = await buildCase(theirs, {
    branchId: other.branchIds[0]!,
    programmeId: foreignProgramme,
    leadId: users.otherCoordinator!.id,
    openedOn: '2026-03-01',
  });
  await toPostSupport(theirs, psForeign, '2026-06-01');
  // Follow-ups: a family of each branch that left four months ago (the 3-month contact overdue).
  const leftA = await buildCase(a, { branchId: org.branchIds[0]!, programmeId, leadId: users.lead!.id, openedOn: monthsAgo(9) });
  await close(a, leftA, monthsAgo(4));
  const leftB = await buildCase(b, { branchId: org.branchIds[1]!, programmeId, leadId: users.workerB!.id, openedOn: monthsAgo(9) });
  await close(b, leftB, monthsAgo(4));
  for (const [key, c, client] of [
    ['psA', psA, a],
    ['psB', psB, b],
    ['psForeign', psForeign, theirs],
    ['leftA', leftA, a],
    ['leftB', leftB, b],
  ] as const)
    names[key] = await familyName(client, c);

  // The directory of external specialists (one per organisation), a partner of each for the filter.
  const partner = (await a.post('/api/partners', { kind: 'ngo', name: 'Центр «Логос»', city: 'Псков' })).json().id as string;
  foreignPartner = (await theirs.post('/api/partners', { kind: 'ngo', name: 'Чужой центр', city: 'Тверь' })).json().id as string;
  for (const [client, body] of [
    [
      a,
      {
        partnerId: partner,
        lastName: '=Логинова',
        firstName: 'Мария',
        profession: 'speech_therapist',
        city: 'Псков',
        phone: '+7 911 000-11-22',
      },
    ],
    [a, { lastName: 'Дефектологова', firstName: 'Анна', profession: 'defectologist', city: 'Москва', note: 'NOTE-CANARY-5521' }],
    [theirs, { lastName: 'Чужакова', firstName: 'Ольга', profession: 'speech_therapist', city: 'Тверь' }],
  ] as const) {
    const res = await client.post('/api/specialists', { consentOn: '2026-01-10', ...body });
    expect(res.statusCode, res.body).toBe(201);
  }

  // Mentors of both branches and of the other organisation.
  await registerMentor(a, { branchId: org.branchIds[0], displayName: '@Семья Сомовых', note: 'NOTE-CANARY-7730' });
  await registerMentor(b, { branchId: org.branchIds[1], displayName: 'Семья Зайцевых' });
  await registerMentor(theirs, { branchId: other.branchIds[0], displayName: 'Семья Чужих' });

  // Away shifts of both branches.
  for (const [client, branchId, title] of [
    [a, org.branchIds[0]!, '+Смена «Лето»'],
    [b, org.branchIds[1]!, 'Смена филиала Б'],
  ] as const) {
    const res = await client.post('/api/shifts', {
      branchId,
      programmeId,
      title,
      venue: '-База отдыха',
      startsOn: '2026-10-05',
      endsOn: '2026-10-07',
    });
    expect(res.statusCode, res.body).toBe(201);
  }
}, 240_000);

afterAll(async () => {
  await t?.close();
});

describe('the care lists as XLSX and CSV', () => {
  it('the external specialists: the directory as listed, formula-safe, no note; the filters honoured', async () => {
    const coordinator = users.coordinatorA!.client;
    const listed = (await coordinator.get('/api/specialists?pageSize=200')).json() as { items: { lastName: string; firstName: string }[] };
    const res = await coordinator.get('/api/specialists.xlsx');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toMatch(/^attachment;/);
    const rows = await sheetRows(res.rawPayload);
    expect(rows[0]!.slice(0, 2)).toEqual(['ФИО', 'Специальность']);
    expect(rows.slice(1)).toHaveLength(listed.items.length);
    expect(firstColumn(rows)).toEqual(listed.items.map((i) => `${i.lastName.startsWith('=') ? "'" : ''}${i.lastName} ${i.firstName}`));
    expect(firstColumn(rows).sort()).toEqual(["'=Логинова Мария", 'Дефектологова Анна']);
    const logopedist = rows.find((r) => r[0] === "'=Логинова Мария")!;
    expect(logopedist).toEqual(expect.arrayContaining(['Логопед', 'Центр «Логос»', 'Псков', "'+7 911 000-11-22", '2026-01-10', 'да']));
    const text = JSON.stringify(rows);
    expect(text).not.toMatch(/NOTE-CANARY|Чужакова/);
    const csv = csvRows((await coordinator.get('/api/specialists.csv?profession=defectologist')).rawPayload);
    expect(firstColumn(csv)).toEqual(['Дефектологова Анна']);
    expect(csv[1]).toContain('10.01.2026');
    const audit = (await lastExportAudit(t.engine, 'specialists'))!;
    expect(audit.user_id).toBe(users.coordinatorA!.id);
    expect(audit.details).toMatchObject({ list: 'specialists', format: 'csv', rows: 1 });
    expect((audit.details.filters as string[]).sort()).toEqual(['active', 'profession']);
    const searched = await sheetRows((await coordinator.get(`/api/specialists.xlsx?q=${encodeURIComponent('логин')}`)).rawPayload);
    expect(firstColumn(searched)).toEqual(["'=Логинова Мария"]);
    expect(JSON.stringify((await lastExportAudit(t.engine, 'specialists'))!.details)).not.toMatch(/логин/i);
    // The other organisation's directory holds its own specialist only.
    const theirs = await sheetRows((await users.otherCoordinator!.client.get('/api/specialists.xlsx')).rawPayload);
    expect(firstColumn(theirs)).toEqual(['Чужакова Ольга']);
  });

  it('the mentors: the register of the caller’s branches, translated and typed, no note; the filters honoured', async () => {
    const coordinator = users.coordinatorA!.client;
    const listed = (await coordinator.get('/api/mentoring/mentors')).json() as { items: unknown[] };
    const rows = await sheetRows((await coordinator.get('/api/mentoring/mentors.xlsx')).rawPayload);
    expect(rows[0]![0]).toBe('Имя или название семьи');
    expect(rows.slice(1)).toHaveLength(listed.items.length);
    expect(firstColumn(rows)).toEqual(["'@Семья Сомовых"]);
    expect(rows[1]).toEqual(expect.arrayContaining(['Ресурсная семья', 'Москва', '0', '1']));
    expect(JSON.stringify(rows)).not.toMatch(/NOTE-CANARY|Зайцевых|Чужих/);
    const b = await sheetRows((await users.coordinatorB!.client.get('/api/mentoring/mentors.xlsx')).rawPayload);
    expect(firstColumn(b)).toEqual(['Семья Зайцевых']);
    const none = csvRows((await coordinator.get('/api/mentoring/mentors.csv?kind=specialist')).rawPayload);
    expect(none.slice(1)).toEqual([]);
    expect((await lastExportAudit(t.engine, 'mentors'))!.details).toMatchObject({ format: 'csv', filters: ['kind'], rows: 0 });
  });

  it('the follow-ups: the families the caller reaches that left, with the status filter', async () => {
    const lead = users.lead!.client;
    const listed = (await lead.get('/api/follow-ups')).json() as { items: { familyName: string; status: 'due' | 'overdue' }[] };
    const rows = await sheetRows((await lead.get('/api/follow-ups.xlsx')).rawPayload);
    expect(rows[0]!.slice(0, 2)).toEqual(['Семья', 'Программа']);
    expect(firstColumn(rows)).toEqual(listed.items.map((i) => i.familyName));
    expect(firstColumn(rows)).toEqual([names.leftA]);
    // Left four months ago: the 3-month contact is due or overdue (by the rule's grace days).
    const status = listed.items[0]!.status;
    const otherStatus = status === 'due' ? 'overdue' : 'due';
    // The programme's formula is text; the outcome, the milestone and the status are words; dates typed.
    expect(rows[1]).toEqual(
      expect.arrayContaining([
        `'${FORMULA_PROGRAMME}`,
        monthsAgo(4),
        'Ребёнок живёт с мамой / семьёй',
        'через 3 месяца',
        status === 'due' ? 'Пора связаться' : 'Просрочено',
        'Петрова Ольга',
      ]),
    );
    expect(JSON.stringify(rows)).not.toContain(names.leftB);
    expect(firstColumn(await sheetRows((await users.coordinatorB!.client.get('/api/follow-ups.xlsx')).rawPayload))).toEqual([names.leftB]);
    expect(csvRows((await lead.get(`/api/follow-ups.csv?status=${otherStatus}`)).rawPayload).slice(1)).toEqual([]);
    expect(firstColumn(csvRows((await lead.get(`/api/follow-ups.csv?status=${status}`)).rawPayload))).toEqual([names.leftA]);
    expect((await lastExportAudit(t.engine, 'followUps'))!.details).toMatchObject({ format: 'csv', filters: ['status'], rows: 1 });
    // Another worker of the same branch, outside the case team, gets an empty file.
    expect((await sheetRows((await users.otherWorker!.client.get('/api/follow-ups.xlsx')).rawPayload)).length).toBe(1);
  });

  it('the post-support visits: the caller’s families only, dates typed, overdue in words; no filters taken', async () => {
    const lead = users.lead!.client;
    const res = await lead.get('/api/post-support/visits.xlsx');
    expect(res.statusCode, res.body).toBe(200);
    const rows = await sheetRows(res.rawPayload);
    expect(rows[0]).toEqual(['Семья', 'Ведущий', 'В постсопровождении с', 'Последний визит', 'Визит до', 'Статус']);
    expect(rows.slice(1)).toEqual([[names.psA, 'Петрова Ольга', '2026-06-01', '', '2026-09-01', 'Просрочен']]);
    const csv = csvRows((await users.coordinatorA!.client.get('/api/post-support/visits.csv')).rawPayload);
    expect(csv.slice(1)).toEqual([[names.psA, 'Петрова Ольга', '01.06.2026', '', '01.09.2026', 'Просрочен']]);
    for (const [name, family] of [
      ['coordinatorB', names.psB],
      ['workerB', names.psB],
      ['otherCoordinator', names.psForeign],
    ] as const) {
      const theirs = await sheetRows((await users[name]!.client.get('/api/post-support/visits.xlsx')).rawPayload);
      expect(firstColumn(theirs), name).toEqual([family]);
    }
    expect((await sheetRows((await users.otherWorker!.client.get('/api/post-support/visits.xlsx')).rawPayload)).length).toBe(1);
    const audit = (await lastExportAudit(t.engine, 'postSupport'))!;
    expect(audit.details).toMatchObject({ list: 'postSupport', format: 'xlsx', filters: [], rows: 0 });
    // In English: the headers and the words, `,` between CSV fields.
    const en = await users.lead!.client.request('GET', '/api/post-support/visits.csv', undefined, { 'accept-language': 'en' });
    const enRows = csvRows(en.rawPayload, ',');
    expect(enRows[0]![0]).toBe('Family');
    expect(enRows[1]).toContain('2026-06-01');
  });

  it('the away shifts: the shifts the caller reaches, formula-safe, with the period filter', async () => {
    const coordinator = users.coordinatorA!.client;
    const listed = (await coordinator.get('/api/shifts')).json() as { items: unknown[] };
    const rows = await sheetRows((await coordinator.get('/api/shifts.xlsx')).rawPayload);
    expect(rows[0]!.slice(0, 4)).toEqual(['Название', 'Статус', 'Начало', 'Окончание']);
    expect(rows.slice(1)).toHaveLength(listed.items.length);
    expect(firstColumn(rows)).toEqual(["'+Смена «Лето»"]);
    expect(rows[1]).toEqual(expect.arrayContaining(['2026-10-05', '2026-10-07', "'-База отдыха", `'${FORMULA_PROGRAMME}`, '0']));
    expect(firstColumn(await sheetRows((await users.coordinatorB!.client.get('/api/shifts.xlsx')).rawPayload))).toEqual([
      'Смена филиала Б',
    ]);
    expect(csvRows((await coordinator.get('/api/shifts.csv?from=2026-11-01')).rawPayload).slice(1)).toEqual([]);
    expect((await lastExportAudit(t.engine, 'shifts'))!.details).toMatchObject({ format: 'csv', filters: ['from'], rows: 0 });
  });
});

describe('who may export the care lists', () => {
  it('every role: the list permission decides, for both formats', { timeout: 180_000 }, async () => {
    const can = (role: RoleCode, permission: Permission) => (DEFAULT_ROLE_PERMISSIONS[role] as readonly string[]).includes(permission);
    for (const role of ROLE_CODES) {
      const client = await login(t, (await buildUser(t, org, [role], [org.branchIds[0]!])).email);
      for (const { url, permission } of EXPORTS) {
        for (const format of ['xlsx', 'csv']) {
          const res = await client.get(`${url}.${format}`);
          expect(res.statusCode, `${role} ${url}.${format}`).toBe(can(role, permission) ? 200 : 403);
        }
      }
    }
  });

  it('another branch and another organisation’s ids in a filter: refused by their field, as the list refuses them', async () => {
    const coordinator = users.coordinatorA!.client;
    for (const [url, path] of [
      [`/api/mentoring/mentors?branchId=${org.branchIds[1]}`, 'branchId'],
      [`/api/mentoring/mentors?branchId=${other.branchIds[0]}`, 'branchId'],
      [`/api/specialists?partnerId=${foreignPartner}`, 'partnerId'],
      [`/api/shifts?branchId=${other.branchIds[0]}`, 'branchId'],
      [`/api/shifts?programmeId=${foreignProgramme}`, 'programmeId'],
    ] as const) {
      const [base, search] = url.split('?');
      const list = await coordinator.get(url);
      for (const format of ['xlsx', 'csv']) {
        const res = await coordinator.get(`${base}.${format}?${search}`);
        expect(res.statusCode, `${url} ${format}`).toBe(list.statusCode);
        expect(res.statusCode, url).toBe(400);
        expect(res.json().error.fields[0].path, url).toBe(path);
      }
    }
  });

  it('hostile filters are 400s naming the field, and write no audit', async () => {
    const coordinator = users.coordinatorA!.client;
    const before = await exportAuditCount(t.engine);
    for (const [url, path] of [
      ['/api/specialists.csv?q=%00', 'query.q'],
      [`/api/specialists.xlsx?q=${'x'.repeat(100_001)}`, 'query.q'],
      ['/api/specialists.xlsx?partnerId=%00', 'query.partnerId'],
      ['/api/mentoring/mentors.csv?q=a%00b', 'query.q'],
      [`/api/mentoring/mentors.xlsx?q=${'я'.repeat(100_001)}`, 'query.q'],
      ['/api/follow-ups.csv?status=%00', 'query.status'],
      ['/api/follow-ups.xlsx?status=overdue%00', 'query.status'],
      ['/api/shifts.xlsx?from=%00', 'query.from'],
      ['/api/shifts.csv?programmeId=1%27%20or%201%3D1', 'query.programmeId'],
    ] as const) {
      const res = await coordinator.get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error.fields[0].path, url).toBe(path);
      expect(res.body).not.toContain('x'.repeat(1000));
    }
    // The post-support list has no filters: anything asked of it is refused, not ignored.
    const asked = await coordinator.get('/api/post-support/visits.csv?status=overdue');
    expect(asked.statusCode).toBe(400);
    expect(asked.json().error.fields[0].path).toMatch(/^query/);
    expect(await exportAuditCount(t.engine)).toBe(before);
  });
});
