// List exports of the operational lists (issue 16, point 4) through the real HTTP app, on both
// engines: the aid requests queue and the group sessions as XLSX and CSV hold exactly the rows their
// list shows the caller (scope, filters, order), with formula-like text made inert and no free text
// the list does not show (a request's reason or address, a session's summary or attendees); who may
// export each (every role); another branch and another organisation get the list's own answer;
// hostile filters are 400s naming the field that write nothing; each export is audited with the
// list, the filters' names and the row count — never a value.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ROLE_PERMISSIONS, ROLE_CODES, type Permission, type RoleCode } from '../../domain/access/permissions.js';
import type { AidRequestView } from '../../domain/aid/contracts.js';
import type { GroupSessionView } from '../../domain/services/contracts.js';
import { buildCase, type BuiltCase } from '../testing/casework.js';
import { csvRows, exportAuditCount, lastExportAudit, sheetRows } from '../testing/exports.js';
import { buildOrganization, buildTestApp, buildUser, login, type Client, type TestApp, type TestOrganization } from '../testing/harness.js';

let t: TestApp;
let org: TestOrganization;
let other: TestOrganization;
const users: Record<string, { client: Client; id: string }> = {};
const items: Record<string, { id: string; name: string }> = {};
const FORMULA_TOPIC = '=HYPERLINK("http://evil.example","click")';
/** A lone surrogate in a query string, as its UTF-8 bytes (encodeURIComponent refuses it). */
const LONE_SURROGATE = '%ED%A0%80';

const AID_PERMISSIONS: Permission[] = ['aid.request', 'aid.approve', 'aid.warehouse', 'aid.deliver'];
/** The exports and who may have them: the permissions that open the list's page (any of them). */
const EXPORTS: { url: string; anyOf: Permission[] }[] = [
  { url: '/api/aid/requests', anyOf: AID_PERMISSIONS },
  { url: '/api/group-sessions', anyOf: ['groups.manage'] },
];

/** The first column of an export's rows (without the header). */
const firstColumn = (rows: string[][]) => rows.slice(1).map((r) => r[0]);

async function request(client: Client, c: BuiltCase, requestedOn: string, lines: { itemId: string; quantity: number }[]) {
  const res = await client.post(`/api/cases/${c.caseId}/aid`, { lines, reason: 'REASON-CANARY-4410', delivery: 'home', requestedOn });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as AidRequestView;
}

async function session(client: Client, body: Record<string, unknown>) {
  const res = await client.post('/api/group-sessions', {
    kind: 'parents_club',
    series: '',
    durationMinutes: 90,
    summary: 'SUMMARY-CANARY-9931',
    ...body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as GroupSessionView;
}

beforeAll(async () => {
  t = await buildTestApp();
  org = await buildOrganization(t);
  other = await buildOrganization(t);
  const admin = await login(t, org.adminEmail);
  const programmeId = (
    await admin.post('/api/programmes', { name: 'Программа', periodStart: '2025-01-01', periodEnd: '2027-12-31' })
  ).json().id as string;
  for (const [name, roles, branch, organization] of [
    ['coordinatorA', ['coordinator'], 0, org],
    ['coordinatorB', ['coordinator'], 1, org],
    ['workerA', ['case_worker'], 0, org],
    ['workerB', ['case_worker'], 1, org],
    ['deskA', ['shelter_admin'], 0, org],
    ['otherCoordinator', ['coordinator'], 0, other],
  ] as const) {
    const user = await buildUser(t, organization, [...roles], [organization.branchIds[branch]!]);
    users[name] = { id: user.id, client: await login(t, user.email) };
  }
  const a = users.coordinatorA!.client;
  const b = users.coordinatorB!.client;
  const theirs = users.otherCoordinator!.client;
  const foreignProgramme = (
    await (await login(t, other.adminEmail)).post('/api/programmes', { name: 'Другая', periodStart: '2025-01-01', periodEnd: '2027-12-31' })
  ).json().id as string;

  // Aid: two requests of a branch A family (one approved with fewer nappies), one of branch B, one abroad.
  const catalogue = (await a.get('/api/aid/items')).json().items as { id: string; code: string; kind: string; name: { ru: string } }[];
  for (const [key, item] of [
    ['nappies', catalogue.find((i) => i.code === 'nappies_3')!],
    ['other', catalogue.find((i) => i.kind === 'goods' && i.code !== 'nappies_3')!],
  ] as const)
    items[key] = { id: item.id, name: item.name.ru };
  const caseA = await buildCase(a, { branchId: org.branchIds[0]!, programmeId, leadId: users.workerA!.id });
  const caseB = await buildCase(b, { branchId: org.branchIds[1]!, programmeId, leadId: users.workerB!.id });
  const caseForeign = await buildCase(theirs, {
    branchId: other.branchIds[0]!,
    programmeId: foreignProgramme,
    leadId: users.otherCoordinator!.id,
  });
  const worker = users.workerA!.client;
  await request(worker, caseA, '2026-10-01', [
    { itemId: items.nappies!.id, quantity: 3 },
    { itemId: items.other!.id, quantity: 1 },
  ]);
  const approved = await request(worker, caseA, '2026-10-02', [{ itemId: items.nappies!.id, quantity: 4 }]);
  const decided = await a.post(`/api/aid/requests/${approved.id}/decision`, {
    decision: 'approve',
    decidedOn: '2026-10-03',
    quantities: [{ lineId: approved.lines[0]!.id, quantity: 2 }],
    note: 'NOTE-CANARY-2207',
    version: approved.version,
  });
  expect(decided.statusCode, decided.body).toBe(200);
  await request(users.workerB!.client, caseB, '2026-10-04', [{ itemId: items.nappies!.id, quantity: 5 }]);
  const foreignItem = ((await theirs.get('/api/aid/items')).json().items as { id: string; code: string }[]).find(
    (i) => i.code === 'nappies_3',
  )!;
  await request(theirs, caseForeign, '2026-10-05', [{ itemId: foreignItem.id, quantity: 7 }]);

  // Group sessions: three of branch A (dates apart, so the list's order is the date's), one of B, one abroad.
  const facilitatorIds = [users.coordinatorA!.id];
  await session(a, { branchId: org.branchIds[0], topic: FORMULA_TOPIC, series: '+Клуб по средам', date: '2026-11-04', facilitatorIds });
  await session(a, {
    branchId: org.branchIds[0],
    kind: 'workshop',
    topic: 'Мастер-класс',
    date: '2026-11-10',
    endDate: '2026-11-11',
    outsideAdults: 2,
    outsideChildren: 1,
    facilitatorIds,
  });
  await session(a, {
    branchId: org.branchIds[0],
    topic: 'Клуб, вторая встреча',
    series: '+Клуб по средам',
    date: '2026-11-18',
    facilitatorIds,
  });
  await session(b, {
    branchId: org.branchIds[1],
    topic: 'Занятие филиала Б',
    date: '2026-11-05',
    facilitatorIds: [users.coordinatorB!.id],
  });
  await session(theirs, {
    branchId: other.branchIds[0],
    topic: 'Чужое занятие',
    date: '2026-11-06',
    facilitatorIds: [users.otherCoordinator!.id],
  });
}, 240_000);

afterAll(async () => {
  await t?.close();
});

describe('the aid requests queue as XLSX and CSV', () => {
  it('the coordinator: every request she reaches, one row per line in the list’s order; words, typed quantities; no reason or note', async () => {
    const coordinator = users.coordinatorA!.client;
    const listed = (await coordinator.get('/api/aid/requests')).json() as { items: AidRequestView[] };
    const res = await coordinator.get('/api/aid/requests.xlsx');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toMatch(/^attachment;/);
    const rows = await sheetRows(res.rawPayload);
    expect(rows[0]).toEqual([
      'Семья',
      'Статус',
      'Способ выдачи',
      'Дата запроса',
      'Запросил(а)',
      'Наименование',
      'Единица',
      'Запрошено',
      'Одобрено',
      'Сверх нормы',
      'Дата решения',
      'Дата выдачи',
      'Акт подписан',
    ]);
    // The list's requests, each repeated for its lines, in order.
    const perLine = listed.items.flatMap((r) => r.lines.map(() => [r.familyFirstName, r.requestedOn]));
    expect(rows.slice(1).map((r) => [r[0], r[3]])).toEqual(perLine);
    expect(rows.slice(1).map((r) => r[3])).toEqual(['2026-10-02', '2026-10-01', '2026-10-01']);
    const [approved, first, second] = rows.slice(1);
    expect(approved!.slice(1, 3)).toEqual(['Одобрено', 'Доставка на дом']);
    expect(approved!.slice(5, 9)).toEqual([items.nappies!.name, 'уп.', '4', '2']);
    expect(approved![10]).toBe('2026-10-03');
    expect(first!.slice(1, 2)).toEqual(['Запрошено']);
    expect([first![5], second![5]]).toEqual([items.nappies!.name, items.other!.name]);
    expect(first![8]).toBe('');
    const text = JSON.stringify(rows);
    expect(text).not.toMatch(/REASON-CANARY|NOTE-CANARY/);
    expect(text).not.toContain('2026-10-04');
    expect(text).not.toContain('2026-10-05');
    // CSV: dates ДД.ММ.ГГГГ; the status filter and the view honoured, as the list honours them.
    const csv = csvRows((await coordinator.get('/api/aid/requests.csv?status=approved')).rawPayload);
    expect(csv.slice(1).map((r) => r[3])).toEqual(['02.10.2026']);
    const toApprove = (await coordinator.get('/api/aid/requests?view=to_approve')).json() as { items: AidRequestView[] };
    const queue = csvRows((await coordinator.get('/api/aid/requests.csv?view=to_approve')).rawPayload);
    expect(queue.slice(1).map((r) => r[3])).toEqual(toApprove.items.flatMap((r) => r.lines.map(() => '01.10.2026')));
    expect(queue.slice(1)).toHaveLength(2);
    const audit = (await lastExportAudit(t.engine, 'aidRequests'))!;
    expect(audit.user_id).toBe(users.coordinatorA!.id);
    expect(audit.details).toEqual({ list: 'aidRequests', format: 'csv', filters: ['view'], rows: 2 });
  });

  it('each caller gets her own list: the warehouse the approved requests of her branch, branch B and the other organisation their own', async () => {
    for (const [name, dates] of [
      ['deskA', ['2026-10-02']],
      ['workerA', ['2026-10-02', '2026-10-01', '2026-10-01']],
      ['workerB', ['2026-10-04']],
      ['coordinatorB', ['2026-10-04']],
      ['otherCoordinator', ['2026-10-05']],
    ] as const) {
      const client = users[name]!.client;
      const listed = (await client.get('/api/aid/requests')).json() as { items: AidRequestView[] };
      const rows = await sheetRows((await client.get('/api/aid/requests.xlsx')).rawPayload);
      expect(
        rows.slice(1).map((r) => r[0]),
        name,
      ).toEqual(listed.items.flatMap((r) => r.lines.map(() => r.familyFirstName)));
      expect(
        rows.slice(1).map((r) => r[3]),
        name,
      ).toEqual(dates);
    }
  });

  it('in English: the headers and the words, `,` between CSV fields', async () => {
    const res = await users.workerB!.client.request('GET', '/api/aid/requests.csv', undefined, { 'accept-language': 'en' });
    const rows = csvRows(res.rawPayload, ',');
    expect(rows[0]!.slice(0, 4)).toEqual(['Family', 'Status', expect.any(String), expect.any(String)]);
    expect(rows[1]).toEqual(expect.arrayContaining(['2026-10-04', '5']));
  });
});

describe('the group sessions as XLSX and CSV', () => {
  it('the sessions the caller reaches in the list’s order, formula-safe, participants counted; no summary', async () => {
    const coordinator = users.coordinatorA!.client;
    const query = 'from=2026-11-01&to=2026-11-30';
    const listed = (await coordinator.get(`/api/group-sessions?${query}`)).json() as { items: GroupSessionView[] };
    const rows = await sheetRows((await coordinator.get(`/api/group-sessions.xlsx?${query}`)).rawPayload);
    expect(rows[0]!.slice(0, 5)).toEqual(['Дата', 'Дата окончания', 'Вид', 'Серия', 'Тема']);
    expect(firstColumn(rows)).toEqual(listed.items.map((s) => s.date));
    expect(firstColumn(rows)).toEqual(['2026-11-18', '2026-11-10', '2026-11-04']);
    const workshop = rows[2]!;
    expect(workshop.slice(0, 5)).toEqual(['2026-11-10', '2026-11-11', 'Мастер-класс', '', 'Мастер-класс']);
    expect(workshop.slice(5)).toEqual(['90', 'Петрова Ольга', expect.any(String), '3', '2', '1']);
    expect(rows[3]!.slice(3, 5)).toEqual(["'+Клуб по средам", `'${FORMULA_TOPIC}`]);
    const text = JSON.stringify(rows);
    expect(text).not.toMatch(/SUMMARY-CANARY|филиала Б|Чужое/);
    // Branch B's coordinator and the other organisation's get their own sessions.
    for (const [name, topic] of [
      ['coordinatorB', 'Занятие филиала Б'],
      ['otherCoordinator', 'Чужое занятие'],
    ] as const) {
      const theirs = await sheetRows((await users[name]!.client.get(`/api/group-sessions.xlsx?${query}`)).rawPayload);
      expect(
        theirs.slice(1).map((r) => r[4]),
        name,
      ).toEqual([topic]);
    }
  });

  it('the filters on screen: period, kind and series, as the page filters the list', async () => {
    const coordinator = users.coordinatorA!.client;
    const csv = async (query: string) => csvRows((await coordinator.get(`/api/group-sessions.csv?${query}`)).rawPayload).slice(1);
    expect((await csv('from=2026-11-01&to=2026-11-30&kind=workshop')).map((r) => r[0])).toEqual(['10.11.2026']);
    expect((await csv(`from=2026-11-01&series=${encodeURIComponent('+Клуб по средам')}`)).map((r) => r[0])).toEqual([
      '18.11.2026',
      '04.11.2026',
    ]);
    expect((await csv('from=2026-11-05&to=2026-11-17')).map((r) => r[0])).toEqual(['10.11.2026']);
    expect(await csv('from=2026-11-01&kind=away_shift')).toEqual([]);
    const audit = (await lastExportAudit(t.engine, 'groupSessions'))!;
    expect(audit.details).toEqual({ list: 'groupSessions', format: 'csv', filters: ['from', 'kind'], rows: 0 });
    const series = await csv(`from=2026-11-01&series=${encodeURIComponent('+Клуб по средам')}`);
    expect(series).toHaveLength(2);
    expect(JSON.stringify((await lastExportAudit(t.engine, 'groupSessions'))!.details)).not.toContain('Клуб');
  });
});

describe('who may export the operational lists', () => {
  it('every role: the list’s permission decides, for both formats', { timeout: 180_000 }, async () => {
    const can = (role: RoleCode, anyOf: Permission[]) =>
      anyOf.some((p) => (DEFAULT_ROLE_PERMISSIONS[role] as readonly string[]).includes(p));
    for (const role of ROLE_CODES) {
      const client = await login(t, (await buildUser(t, org, [role], [org.branchIds[0]!])).email);
      for (const { url, anyOf } of EXPORTS) {
        for (const format of ['xlsx', 'csv']) {
          const res = await client.get(`${url}.${format}`);
          expect(res.statusCode, `${role} ${url}.${format}`).toBe(can(role, anyOf) ? 200 : 403);
        }
      }
    }
  });

  it('another branch’s and another organisation’s ids in the branch filter: the list’s answer (none of their sessions)', async () => {
    const coordinator = users.coordinatorA!.client;
    for (const branchId of [org.branchIds[1]!, other.branchIds[0]!]) {
      const list = await coordinator.get(`/api/group-sessions?from=2026-11-01&branchId=${branchId}`);
      expect(list.statusCode).toBe(200);
      expect(list.json().items).toEqual([]);
      for (const format of ['xlsx', 'csv']) {
        const res = await coordinator.get(`/api/group-sessions.${format}?from=2026-11-01&branchId=${branchId}`);
        expect(res.statusCode, `${branchId} ${format}`).toBe(list.statusCode);
        const rows = format === 'xlsx' ? await sheetRows(res.rawPayload) : csvRows(res.rawPayload);
        expect(rows.slice(1)).toEqual([]);
      }
    }
    // The aid queue has no id filter: anything but its view and status is refused (below).
  });

  it('hostile filters are 400s naming the field, and write no audit', async () => {
    const coordinator = users.coordinatorA!.client;
    const before = await exportAuditCount(t.engine);
    for (const [url, path] of [
      ['/api/aid/requests.csv?status=%00', 'query.status'],
      ['/api/aid/requests.xlsx?view=all%00', 'query.view'],
      [`/api/aid/requests.xlsx?status=${LONE_SURROGATE}`, 'query.status'],
      [`/api/aid/requests.csv?status=${'x'.repeat(100_001)}`, 'query.status'],
      ['/api/group-sessions.csv?series=a%00b', 'query.series'],
      [`/api/group-sessions.xlsx?series=${LONE_SURROGATE}`, 'query.series'],
      [`/api/group-sessions.xlsx?series=${'я'.repeat(100_001)}`, 'query.series'],
      ['/api/group-sessions.csv?kind=%00', 'query.kind'],
      ['/api/group-sessions.csv?from=%00', 'query.from'],
      ['/api/group-sessions.xlsx?branchId=1%27%20or%201%3D1', 'query.branchId'],
    ] as const) {
      const res = await coordinator.get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error.fields[0].path, url).toBe(path);
      expect(res.body).not.toContain('x'.repeat(1000));
    }
    // A filter neither list knows is refused, not ignored.
    for (const url of ['/api/aid/requests.csv?familyId=1', '/api/group-sessions.xlsx?summary=x']) {
      const res = await coordinator.get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error.fields[0].path, url).toMatch(/^query/);
    }
    expect(await exportAuditCount(t.engine)).toBe(before);
  });
});
