// List exports (issue 16, point 4) through the real HTTP app, on both engines: the case list, a
// family's services, a warehouse's stock and the partner directory as XLSX and CSV hold exactly the
// rows the list shows the caller (scope, filters), stripped as the list is (risk flags of sensitive
// sections, a psychologist's note), with formula-like text made inert; who may export each; another
// team's or organisation's record is 404; every export is audited with the list, the filters' names
// and the row count — never a value.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ROLE_PERMISSIONS, ROLE_CODES, type Permission, type RoleCode } from '../../domain/access/permissions.js';
import { system } from '../db/gateway.js';
import { buildCase, type BuiltCase } from '../testing/casework.js';
import { csvRows, lastExportAudit as lastExportAuditOf, sheetRows } from '../testing/exports.js';
import { buildVolunteer } from '../testing/volunteers.js';
import { buildOrganization, buildTestApp, buildUser, login, type Client, type TestApp, type TestOrganization } from '../testing/harness.js';

let t: TestApp;
let org: TestOrganization;
let other: TestOrganization;
let target: BuiltCase;
let second: BuiltCase;
let branchB: BuiltCase;
let foreign: BuiltCase;
let warehouseA: string;
let warehouseB: string;
let foreignWarehouse: string;
const names: Record<string, string> = {};
const users: Record<string, { client: Client; id: string }> = {};
const FORMULA_PROGRAMME = '=HYPERLINK("http://evil.example","click")';
const PSY_NOTE = 'PSY-NOTE-CANARY-8812';

const ROLES: { name: string; roles: RoleCode[]; branch: 0 | 1; team?: string }[] = [
  { name: 'lead', roles: ['case_worker'], branch: 0 },
  { name: 'psychologist', roles: ['psychologist'], branch: 0, team: 'psychologist' },
  { name: 'coordinatorA', roles: ['coordinator'], branch: 0 },
  { name: 'coordinatorB', roles: ['coordinator'], branch: 1 },
  { name: 'otherWorker', roles: ['case_worker'], branch: 0 },
  { name: 'volunteer', roles: ['volunteer'], branch: 0 },
  { name: 'meOfficer', roles: ['me_officer'], branch: 0 },
  { name: 'shelterAdmin', roles: ['shelter_admin'], branch: 0 },
  { name: 'admin', roles: ['admin'], branch: 0 },
];

const lastExportAudit = async (list: string) => (await lastExportAuditOf(t.engine, list))!;

beforeAll(async () => {
  t = await buildTestApp();
  org = await buildOrganization(t);
  other = await buildOrganization(t);
  const admin = await login(t, org.adminEmail);
  const programmeId = (
    await admin.post('/api/programmes', { name: FORMULA_PROGRAMME, periodStart: '2026-01-01', periodEnd: '2026-12-31' })
  ).json().id;
  for (const role of ROLES) {
    const user = await buildUser(t, org, role.roles, [org.branchIds[role.branch]!]);
    users[role.name] = { id: user.id, client: await login(t, user.email) };
  }
  const coordinator = users.coordinatorA!.client;
  target = await buildCase(coordinator, {
    branchId: org.branchIds[0]!,
    programmeId,
    leadId: users.lead!.id,
    team: [{ userId: users.psychologist!.id, role: 'psychologist' }],
    riskFlags: ['suicide_risk', 'no_housing'],
  });
  second = await buildCase(coordinator, { branchId: org.branchIds[0]!, programmeId, leadId: users.otherWorker!.id });
  branchB = await buildCase(users.coordinatorB!.client, { branchId: org.branchIds[1]!, programmeId, leadId: users.coordinatorB!.id });
  const otherAdmin = await login(t, other.adminEmail);
  const otherProgramme = (
    await otherAdmin.post('/api/programmes', { name: 'Другая', periodStart: '2026-01-01', periodEnd: '2026-12-31' })
  ).json().id;
  const otherCoordinator = await login(t, (await buildUser(t, other, ['coordinator'], [other.branchIds[0]!])).email);
  foreign = await buildCase(otherCoordinator, {
    branchId: other.branchIds[0]!,
    programmeId: otherProgramme,
    leadId: otherCoordinator.me.id,
  });
  for (const [key, c, client] of [
    ['target', target, coordinator],
    ['second', second, coordinator],
    ['branchB', branchB, users.coordinatorB!.client],
    ['foreign', foreign, otherCoordinator],
  ] as const) {
    names[key] = (await client.get(`/api/families/${c.familyId}`)).json().name;
  }

  // A psychologist's consultation with a note, and a plain one with formula-like text.
  const types = (await coordinator.get('/api/service-types')).json().items as { id: string; category: string; retired: boolean }[];
  const psy = types.find((x) => x.category === 'psychological' && !x.retired)!;
  const plain = types.find((x) => x.category !== 'psychological' && !x.retired)!;
  const recorded = await users.psychologist!.client.post('/api/services', {
    caseId: target.caseId,
    typeId: psy.id,
    date: '2026-10-01',
    durationMinutes: 60,
    specialistIds: [users.psychologist!.id],
    format: 'in_person',
    initiatedBy: 'client',
    note: PSY_NOTE,
  });
  expect(recorded.statusCode, recorded.body).toBe(201);
  const plainService = await users.lead!.client.post('/api/services', {
    caseId: target.caseId,
    typeId: plain.id,
    date: '2026-10-05',
    durationMinutes: 30,
    specialistIds: [users.lead!.id],
    format: 'phone',
    initiatedBy: 'team',
    note: '+7 900 000-00-00 @home -1',
  });
  expect(plainService.statusCode, plainService.body).toBe(201);

  // Warehouses of both branches and of the other organisation, with stock.
  const all = (await coordinator.get('/api/aid/items')).json().items as { id: string; tracksLots: boolean }[];
  const items = [all.find((i) => i.tracksLots)!, all.find((i) => !i.tracksLots)!];
  const warehouse = async (c: Client, branchId: string) =>
    (await c.post('/api/warehouses', { branchId, name: `Склад ${branchId.slice(0, 4)}` })).json().id;
  warehouseA = await warehouse(coordinator, org.branchIds[0]!);
  warehouseB = await warehouse(users.coordinatorB!.client, org.branchIds[1]!);
  foreignWarehouse = await warehouse(otherCoordinator, other.branchIds[0]!);
  const receipt = await coordinator.post(`/api/warehouses/${warehouseA}/receipts`, {
    kind: 'donation',
    receivedOn: '2026-10-01',
    donorKind: 'person',
    counterparty: 'Жертвователь',
    lines: [
      { itemId: items[0]!.id, quantity: 12, lot: '@lot-1', expiresOn: '2027-01-31' },
      { itemId: items[1]!.id, quantity: 3 },
    ],
  });
  expect(receipt.statusCode, receipt.body).toBe(201);
}, 240_000);

afterAll(async () => {
  await t?.close();
});

describe('case list export', () => {
  it('holds the rows the caller reaches, with the filters, stripped and formula-safe, as XLSX and CSV', async () => {
    const coordinator = users.coordinatorA!.client;
    const res = await coordinator.get('/api/cases.xlsx?sort=name');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toMatch(/^attachment;/);
    const rows = await sheetRows(res.rawPayload);
    expect(rows[0]).toContain('Семья');
    const families = rows.slice(1).map((r) => r[0]);
    expect(families.sort()).toEqual([names.target, names.second].sort());
    const all = rows.flat().join('\n');
    for (const absent of [names.branchB!, names.foreign!, 'Суицидальный риск']) expect(all).not.toContain(absent);
    expect(all).toContain('Нет жилья');
    // The programme's formula is text: prefixed with ' so that no spreadsheet runs it.
    expect(rows[1]![3]).toBe(`'${FORMULA_PROGRAMME}`);
    const list = (await coordinator.get('/api/cases?sort=name&pageSize=100')).json();
    expect(rows.length - 1).toBe(list.total);

    const csv = await coordinator.get('/api/cases.csv?sort=name');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const csvData = csvRows(csv.rawPayload);
    expect(
      csvData
        .slice(1)
        .map((r) => r[0])
        .sort(),
    ).toEqual([names.target, names.second].sort());
    expect(csvData[1]![3]).toBe(`'${FORMULA_PROGRAMME}`);

    // The lead reaches her own case only; filters are honoured.
    const lead = await sheetRows((await users.lead!.client.get('/api/cases.xlsx')).rawPayload);
    expect(lead.slice(1).map((r) => r[0])).toEqual([names.target]);
    const closed = await sheetRows((await coordinator.get('/api/cases.xlsx?status=closed')).rawPayload);
    expect(closed.length).toBe(1);
    // A search answers what the list answers for the same words (it is fuzzy: both surnames look alike).
    const q = encodeURIComponent(names.second!.split(' ')[0]!);
    const searched = await sheetRows((await coordinator.get(`/api/cases.xlsx?q=${q}`)).rawPayload);
    const listed = (await coordinator.get(`/api/cases?q=${q}&pageSize=100`)).json() as { items: { familyName: string }[] };
    expect(searched.slice(1).map((r) => r[0])).toEqual(listed.items.map((c) => c.familyName));
    expect(searched.slice(1).map((r) => r[0])).toContain(names.second);
    const otherBranch = await sheetRows((await coordinator.get(`/api/cases.xlsx?branchId=${org.branchIds[1]}`)).rawPayload);
    expect(otherBranch.length).toBe(1);
    const otherOrg = await coordinator.get(`/api/cases.xlsx?programmeId=${foreign.caseId}`);
    expect([200, 400]).toContain(otherOrg.statusCode);
    if (otherOrg.statusCode === 200) expect((await sheetRows(otherOrg.rawPayload)).length).toBe(1);
  });

  it('is audited: who, which list, the filters used by name, the row count — no values', async () => {
    const coordinator = users.coordinatorA!.client;
    const q = names.target!.split(' ')[0]!;
    expect((await coordinator.get(`/api/cases.csv?status=intake&q=${encodeURIComponent(q)}`)).statusCode).toBe(200);
    const listed = (await coordinator.get(`/api/cases?status=intake&q=${encodeURIComponent(q)}`)).json() as { total: number };
    const entry = await lastExportAudit('cases');
    expect(entry.user_id).toBe(users.coordinatorA!.id);
    expect(entry.details).toMatchObject({ list: 'cases', format: 'csv', rows: listed.total });
    expect((entry.details.filters as string[]).sort()).toEqual(['q', 'sort', 'status']);
    expect(JSON.stringify(entry.details)).not.toContain(q);
  });

  it('who may export: casework roles; 403 without cases.read', async () => {
    const got: Record<string, number> = {};
    for (const role of ROLES) got[role.name] = (await users[role.name]!.client.get('/api/cases.xlsx')).statusCode;
    expect(got).toEqual({
      lead: 200,
      psychologist: 200,
      coordinatorA: 200,
      coordinatorB: 200,
      otherWorker: 200,
      volunteer: 403,
      meOfficer: 403,
      shelterAdmin: 403,
      admin: 403,
    });
  });
});

describe("a family's service list export", () => {
  it('has the list rows with the note only for those who read it, formula-safe; another team or organisation is 404', async () => {
    for (const name of ['lead', 'psychologist', 'coordinatorA']) {
      const client = users[name]!.client;
      const list = (await client.get(`/api/cases/${target.caseId}/services`)).json() as { items: { note: string | null }[] };
      const res = await client.get(`/api/cases/${target.caseId}/services.xlsx`);
      expect(res.statusCode, name).toBe(200);
      const rows = await sheetRows(res.rawPayload);
      expect(rows.length - 1, name).toBe(list.items.length);
      const text = rows.flat().join('\n');
      const seesNote = list.items.some((s) => s.note === PSY_NOTE);
      expect(text.includes(PSY_NOTE), name).toBe(seesNote);
      expect(text).toContain("'+7 900 000-00-00 @home -1");
    }
    // Filters: only the phone consultation after 2026-10-02.
    const filtered = await sheetRows(
      (await users.lead!.client.get(`/api/cases/${target.caseId}/services.xlsx?from=2026-10-02`)).rawPayload,
    );
    expect(filtered.length).toBe(2);
    const entry = await lastExportAudit('services');
    expect(entry.record_id).toBe(target.caseId);
    expect(entry.details).toMatchObject({ filters: ['from'], rows: 1 });
    for (const name of ['otherWorker', 'coordinatorB']) {
      expect((await users[name]!.client.get(`/api/cases/${target.caseId}/services.xlsx`)).statusCode, name).toBe(404);
    }
    expect((await users.lead!.client.get(`/api/cases/${foreign.caseId}/services.csv`)).statusCode).toBe(404);
    expect((await users.admin!.client.get(`/api/cases/${target.caseId}/services.csv`)).statusCode).toBe(403);
    expect((await users.lead!.client.get(`/api/cases/${target.caseId}/services.csv?specialistId=${foreign.caseId}`)).statusCode).toBe(200);
  });
});

describe('stock export', () => {
  it("lists the warehouse's items and lots to its branch's storekeepers; another branch or organisation is 404", async () => {
    const coordinator = users.coordinatorA!.client;
    const res = await coordinator.get(`/api/warehouses/${warehouseA}/stock.xlsx`);
    expect(res.statusCode, res.body).toBe(200);
    const rows = await sheetRows(res.rawPayload);
    const stock = (await coordinator.get(`/api/warehouses/${warehouseA}/stock`)).json() as { items: { lots: unknown[] }[] };
    expect(rows.length - 1).toBe(stock.items.reduce((n, i) => n + Math.max(1, i.lots.length), 0));
    expect(rows.flat()).toContain("'@lot-1");
    expect(rows.flat()).toContain('12');
    const csv = csvRows((await users.shelterAdmin!.client.get(`/api/warehouses/${warehouseA}/stock.csv`)).rawPayload);
    expect(csv.length).toBe(rows.length);
    expect((await coordinator.get(`/api/warehouses/${warehouseB}/stock.xlsx`)).statusCode).toBe(404);
    expect((await coordinator.get(`/api/warehouses/${foreignWarehouse}/stock.xlsx`)).statusCode).toBe(404);
    for (const name of ['lead', 'meOfficer', 'volunteer', 'admin']) {
      expect((await users[name]!.client.get(`/api/warehouses/${warehouseA}/stock.csv`)).statusCode, name).toBe(403);
    }
    const entry = await lastExportAudit('stock');
    expect(entry.record_id).toBe(warehouseA);
  });
});

describe('partner directory export', () => {
  it('holds the directory of the organisation only, with its filters', async () => {
    const coordinator = users.coordinatorA!.client;
    await coordinator.post('/api/partners', { kind: 'ngo', name: 'Фонд «Помощь»', city: 'Москва' });
    await coordinator.post('/api/partners', { kind: 'police', name: 'Отдел полиции', city: 'Псков' });
    const rows = await sheetRows((await users.lead!.client.get('/api/partners.xlsx?kind=ngo')).rawPayload);
    expect(rows.slice(1).map((r) => r[0])).toEqual(['Фонд «Помощь»']);
    expect((await users.meOfficer!.client.get('/api/partners.csv')).statusCode).toBe(403);
  });
});

describe('referral queue export', () => {
  it('holds the referrals the caller reaches with the tab on screen, formula-safe; 403 without referrals.read', async () => {
    const coordinator = users.coordinatorA!.client;
    const post = (client: Client, branchId: string, firstName: string) =>
      client.post('/api/referrals', {
        branchId,
        receivedAt: new Date().toISOString(),
        source: 'self',
        clientFirstName: firstName,
        summary: 'Нужна помощь',
        urgency: 'high',
      });
    expect((await post(coordinator, org.branchIds[0]!, '=Ольга')).statusCode).toBe(201);
    expect((await post(users.coordinatorB!.client, org.branchIds[1]!, 'Зинаида')).statusCode).toBe(201);
    const rows = await sheetRows((await coordinator.get('/api/referrals.xlsx?open=true')).rawPayload);
    const list = (await coordinator.get('/api/referrals?open=true&pageSize=200')).json() as { total: number };
    expect(rows.length - 1).toBe(list.total);
    const text = rows.flat().join('\n');
    expect(text).toContain("'=Ольга");
    expect(text).not.toContain('Зинаида');
    expect((await users.meOfficer!.client.get('/api/referrals.csv')).statusCode).toBe(403);
    const entry = await lastExportAudit('referrals');
    expect(entry.details).toMatchObject({ filters: ['open'], rows: list.total });
  });
});

// The trainings and the volunteers: lists whose rows their route builds in its handler; the export
// calls that handler, so its rows are the list's for every caller.
describe('trainings and volunteers lists', () => {
  const training = (client: Client, branchId: string, title: string) =>
    client.post('/api/trainings', {
      branchId,
      kind: 'seminar',
      title,
      startsOn: '2026-10-05',
      endsOn: '2026-10-06',
      hours: 8,
      minHours: 4,
    });
  let trainingIdA: string;
  let volunteerB: string;
  let foreignVolunteer: string;
  beforeAll(async () => {
    const a = await training(users.coordinatorA!.client, org.branchIds[0]!, '@SUM(1+1)*cmd|calc');
    expect(a.statusCode, a.body).toBe(201);
    trainingIdA = a.json().id;
    expect((await training(users.coordinatorB!.client, org.branchIds[1]!, 'Семинар филиала Б')).statusCode).toBe(201);
    await buildVolunteer(users.coordinatorA!.client, { branchId: org.branchIds[0]!, lastName: '=Волкова', firstName: 'Анна' });
    volunteerB = (await buildVolunteer(users.coordinatorB!.client, { branchId: org.branchIds[1]!, lastName: 'Зайцева', firstName: 'Ира' }))
      .id;
    const otherCoordinator = await login(t, (await buildUser(t, other, ['coordinator'], [other.branchIds[0]!])).email);
    foreignVolunteer = (await buildVolunteer(otherCoordinator, { branchId: other.branchIds[0]!, lastName: 'Чужая', firstName: 'Оля' })).id;
    expect(foreignVolunteer).toBeTruthy();
  }, 120_000);

  it('hold the rows the list shows, with formula-like text made inert, in XLSX and CSV', async () => {
    const coordinator = users.coordinatorA!.client;
    const trainings = (await coordinator.get('/api/trainings')).json().items as { title: string }[];
    const xlsx = await coordinator.get('/api/trainings.xlsx');
    expect(xlsx.statusCode, xlsx.body).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const rows = await sheetRows(xlsx.rawPayload);
    expect(rows[0]![0]).toBe('Тема');
    expect(rows.slice(1)).toHaveLength(trainings.length);
    expect(rows.slice(1).map((r) => r[0])).toEqual(["'@SUM(1+1)*cmd|calc"]);
    const csv = csvRows((await coordinator.get('/api/trainings.csv?kind=seminar')).rawPayload);
    expect(csv.slice(1).map((r) => r[0])).toEqual(["'@SUM(1+1)*cmd|calc"]);
    expect((await lastExportAudit('trainings')).details).toMatchObject({ format: 'csv', filters: ['kind'], rows: 1 });

    const volunteers = (await coordinator.get('/api/volunteers')).json().items as { name: string }[];
    const vx = await sheetRows((await coordinator.get('/api/volunteers.xlsx')).rawPayload);
    expect(vx[0]![0]).toBe('ФИО');
    expect(vx.slice(1).map((r) => r[0])).toHaveLength(volunteers.length);
    expect(vx.slice(1).map((r) => r[0])).toEqual([expect.stringMatching(/^'=Волкова Анна/)]);
    expect(JSON.stringify(vx)).not.toContain('Зайцева');
    const filtered = csvRows((await coordinator.get('/api/volunteers.csv?status=applicant')).rawPayload);
    expect(filtered.slice(1)).toEqual([]);
    const audit = await lastExportAudit('volunteers');
    expect(audit.details).toMatchObject({ format: 'csv', filters: ['status'], rows: 0 });
    expect(JSON.stringify(audit.details)).not.toContain('Волкова');
  });

  it(
    'every role: the list permission decides; another branch is refused by its field; another organisation sees none',
    { timeout: 120_000 },
    async () => {
      const can = (role: RoleCode, permission: Permission) => (DEFAULT_ROLE_PERMISSIONS[role] as readonly string[]).includes(permission);
      for (const role of ROLE_CODES) {
        const client = await login(t, (await buildUser(t, org, [role], [org.branchIds[0]!])).email);
        for (const [url, permission] of [
          ['/api/trainings', 'trainings.read'],
          ['/api/volunteers', 'volunteers.read'],
        ] as const) {
          for (const format of ['xlsx', 'csv']) {
            const res = await client.get(`${url}.${format}`);
            expect(res.statusCode, `${role} ${url}.${format}`).toBe(can(role, permission) ? 200 : 403);
          }
        }
      }
      // Branch A's coordinator asking for branch B's rows: refused naming the field, as the list is.
      for (const url of ['/api/trainings.xlsx', '/api/volunteers.csv']) {
        const res = await users.coordinatorA!.client.get(`${url}?branchId=${org.branchIds[1]}`);
        expect(res.statusCode, url).toBe(400);
        expect(res.json().error.fields[0].path).toBe('branchId');
      }
      // Another organisation's branch id in the filter, and its coordinator's export: nothing of ours.
      const foreign = await users.coordinatorA!.client.get(`/api/volunteers.xlsx?branchId=${other.branchIds[0]}`);
      expect(foreign.statusCode).toBe(400);
      const otherCoordinator = await login(t, (await buildUser(t, other, ['coordinator'], [other.branchIds[0]!])).email);
      const theirs = JSON.stringify(await sheetRows((await otherCoordinator.get('/api/volunteers.xlsx')).rawPayload));
      expect(theirs).toContain('Чужая');
      expect(theirs).not.toMatch(/Волкова|Зайцева/);
      const theirTrainings = JSON.stringify(await sheetRows((await otherCoordinator.get('/api/trainings.xlsx')).rawPayload));
      expect(theirTrainings).not.toMatch(/SUM|филиала Б/);
      // Branch B's coordinator sees branch B's volunteer and training only.
      const b = JSON.stringify(await sheetRows((await users.coordinatorB!.client.get('/api/volunteers.xlsx')).rawPayload));
      expect(b).toContain('Зайцева');
      expect(b).not.toContain('Волкова');
      expect(volunteerB && trainingIdA).toBeTruthy();
    },
  );

  it(
    'the consultations for specialists: the list as shown, without the case note; every role; another branch',
    { timeout: 120_000 },
    async () => {
      const specialistId = await system(t.engine, async (tx) => {
        const row = await tx.execute<{
          id: string;
        }>(sql`insert into external_specialists (org_id, last_name, first_name, profession, city, consent_on)
        values (${org.orgId}, 'Логинова', 'Мария', 'speech_therapist', 'Псков', '2026-01-10') returning id::text`);
        return row.rows[0]!.id;
      });
      const given = await users.coordinatorA!.client.post('/api/specialist-consultations', {
        branchId: org.branchIds[0],
        givenOn: '2026-10-20',
        minutes: 60,
        topic: '+7 Тема консультации',
        specialistIds: [specialistId],
      });
      expect(given.statusCode, given.body).toBe(201);
      const coordinator = users.coordinatorA!.client;
      const listed = (await coordinator.get('/api/specialist-consultations')).json().items as unknown[];
      const rows = await sheetRows((await coordinator.get('/api/specialist-consultations.xlsx')).rawPayload);
      expect(rows[0]![0]).toBe('Дата консультации');
      expect(rows.slice(1)).toHaveLength(listed.length);
      expect(rows[1]).toEqual(expect.arrayContaining(["'+7 Тема консультации", 'Логинова Мария']));
      expect(csvRows((await users.coordinatorB!.client.get('/api/specialist-consultations.csv')).rawPayload).slice(1)).toEqual([]);
      const can = (role: RoleCode) => (DEFAULT_ROLE_PERMISSIONS[role] as readonly string[]).includes('trainings.read');
      for (const role of ROLE_CODES) {
        const client = await login(t, (await buildUser(t, org, [role], [org.branchIds[0]!])).email);
        expect((await client.get('/api/specialist-consultations.csv')).statusCode, role).toBe(can(role) ? 200 : 403);
      }
      const foreign = await coordinator.get(`/api/specialist-consultations.xlsx?branchId=${other.branchIds[0]}`);
      expect(foreign.statusCode).toBe(400);
      // The refused export wrote nothing: the last audited one is the role loop's, without filters.
      expect((await lastExportAudit('consultations')).details).toMatchObject({ format: 'csv', filters: [] });
    },
  );

  it('hostile filters are 400s naming the field', async () => {
    for (const url of ['/api/trainings.csv?kind=%00', '/api/volunteers.csv?q=%00', `/api/volunteers.xlsx?q=${'x'.repeat(100_001)}`]) {
      const res = await users.coordinatorA!.client.get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error.fields[0].path).toMatch(/^query\./);
    }
  });
});
