// Import from spreadsheets through the real HTTP app, on both engines: upload → mapping → preview
// (problems by field, duplicates in the database and in the file) → decisions → import → report →
// undo; the file rules (corrupt, zip bomb, encodings, empty rows, formulas, hostile text); undo rules;
// cases and services; and the authorization matrix (every role, another branch, another organisation).
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_CODES, type RoleCode } from '../../domain/access/permissions.js';
import { scoped, system } from '../db/gateway.js';
import { buildFamily, motherInput } from '../testing/casework.js';
import { buildOrganization, buildTestApp, buildUser, login, type Client, type TestApp, type TestOrganization } from '../testing/harness.js';
import { settled } from './jobs.js';

let t: TestApp;
let org: TestOrganization;
let other: TestOrganization;
let coord: Client;
let coordB: Client;
let otherCoord: Client;
let programmeId: string;

type Row = (string | number | Date | { formula: string; result: unknown } | null)[];

async function xlsx(rows: Row[]): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Семьи');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');
}

const csv = (text: string, encoding: 'utf8' | 'bom' = 'utf8') =>
  Buffer.concat([encoding === 'bom' ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(text, 'utf8')]).toString('base64');

async function upload(client: Client, kind: string, contentBase64: string, fileName = 'семьи.xlsx') {
  return client.post('/api/imports', { kind, fileName, contentBase64 });
}

async function job(client: Client, id: string) {
  await settled(id);
  const res = await client.get(`/api/imports/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function mapAndCheck(
  client: Client,
  created: { id: string; mapping: Record<string, number>; version: number },
  extra: Record<string, unknown> = {},
) {
  const res = await client.put(`/api/imports/${created.id}/mapping`, {
    mapping: created.mapping,
    branchId: org.branchIds[0],
    version: created.version,
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(200);
  const done = await job(client, created.id);
  expect(done.status).toBe('previewed');
  return done;
}

async function runImport(client: Client, id: string, version: number) {
  const res = await client.post(`/api/imports/${id}/run`, { version });
  expect(res.statusCode, res.body).toBe(202);
  const done = await job(client, id);
  expect(done.status).toBe('done');
  return done;
}

async function rows(client: Client, id: string, filter = 'all') {
  const res = await client.get(`/api/imports/${id}/rows?filter=${filter}&pageSize=500`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items as {
    rowNumber: number;
    status: string;
    problems: { field: string; code: string; message: string }[];
    duplicates: { familyId: string }[];
    sameAsRow: number | null;
    decision: string | null;
  }[];
}

const count = (table: string, orgId: string) =>
  system(t.engine, async (tx) =>
    Number((await tx.execute<{ n: number }>(sql`select count(*)::int as n from ${sql.raw(table)} where org_id = ${orgId}`)).rows[0]!.n),
  );

beforeAll(async () => {
  t = await buildTestApp();
  org = await buildOrganization(t);
  other = await buildOrganization(t);
  coord = await login(t, (await buildUser(t, org, ['coordinator'], [org.branchIds[0]!])).email);
  coordB = await login(t, (await buildUser(t, org, ['coordinator'], [org.branchIds[1]!])).email);
  otherCoord = await login(t, (await buildUser(t, other, ['coordinator'], [other.branchIds[0]!])).email);
  const admin = await login(t, org.adminEmail);
  const programme = await admin.post('/api/programmes', {
    name: 'Семья рядом',
    periodStart: '2024-01-01',
    periodEnd: '2027-12-31',
    funder: '',
    budget: null,
    description: '',
  });
  expect(programme.statusCode, programme.body).toBe(201);
  programmeId = programme.json().id;
}, 120_000);
afterAll(async () => t?.close());

describe('families from an XLSX file', () => {
  it('previews problems by field and duplicates, imports the good rows, reports the rest and undoes the import', async () => {
    const existing = await buildFamily(coord, org.branchIds[0]!, [
      motherInput({ lastName: 'Семенова', firstName: 'Алена', middleName: 'Игоревна', birthDate: '1996-03-12' }),
    ]);
    const content = await xlsx([
      ['Семья', 'ФИО', 'Кем приходится', 'Дата рождения', 'Телефон', 'Филиал'],
      ['1', 'Кравцова Дарья Олеговна', 'мать', '12.03.1998', '8 (914) 555-01-01', 'Москва'],
      ['1', 'Кравцов Миша', 'сын', new Date(Date.UTC(2024, 2, 12)), '', ''],
      ['2', 'ЛЕБЕДЕВА ОЛЬГА', 'мать', 35000, '+7 914 555 02 02', ''],
      ['3', 'Петрова Анна', 'мать', '31.02.1990', '12', ''],
      ['3', 'Петров Ваня', 'сын', '01.01.2015', '', ''],
      ['4', '', 'мать', '01.01.1990', '', ''],
      ['5', 'Семёнова Алёна Игоревна', 'мать', '12 марта 1996', '', ''],
      ['6', 'Орлова Нина', 'мать', { formula: 'DATE(1991,5,4)', result: new Date(Date.UTC(1991, 4, 4)) }, '', 'Псков'],
      ['7', 'Кравцова Дарья Олеговна', 'мать', '12.03.1998', '', ''],
      ['8', 'Зайцева Ирина', 'мать', '1.2.93', '', 'Тверь'],
    ]);
    const res = await upload(coord, 'families', content);
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json();
    expect(created.rowCount).toBe(10);
    expect(created.mapping).toEqual({ familyKey: 0, fullName: 1, relation: 2, birthDate: 3, phone: 4, branch: 5 });
    const previewed = await mapAndCheck(coord, created);
    expect(previewed.counts).toMatchObject({ ready: 3, problems: 5, duplicates: 2 });

    const all = await rows(coord, created.id);
    const at = (n: number) => all.find((r) => r.rowNumber === n)!;
    expect(at(5).problems.map((p) => `${p.field}:${p.code}`)).toEqual([
      'birthDate:imports.problems.invalid_date',
      'phone:imports.problems.invalid_phone',
    ]);
    expect(at(5).problems[0]!.message).toBe('Дата рождения: дата не распознана (пишите, например, 12.03.2024 или 12 марта 2024)');
    expect(at(6).problems.map((p) => p.code)).toEqual(['imports.problems.family_has_problems']);
    expect(at(7).problems.map((p) => `${p.field}:${p.code}`)).toEqual(['fullName:validation.required']);
    expect(at(9).problems.map((p) => `${p.field}:${p.code}`)).toEqual(['branch:imports.problems.branch_not_in_reach']);
    expect(at(11).problems.map((p) => `${p.field}:${p.code}`)).toEqual(['branch:imports.problems.unknown_branch']);
    expect(at(8)).toMatchObject({ status: 'duplicate', decision: 'skip' });
    expect(at(8).duplicates.map((d) => d.familyId)).toEqual([existing.id]);
    expect(at(10)).toMatchObject({ status: 'duplicate', sameAsRow: 2 });

    // Row 8 is the family already known: link it; row 10 repeats row 2 of the file: skipped by default.
    const decided = await coord.put(`/api/imports/${created.id}/decisions`, {
      decisions: [{ rowNumber: 8, decision: 'link', familyId: existing.id }],
      version: previewed.version,
    });
    expect(decided.statusCode, decided.body).toBe(200);
    const done = await runImport(coord, created.id, decided.json().version);
    expect(done.counts).toMatchObject({ imported: 3, linked: 1, skipped: 1, problems: 5 });

    const cases = await coord.get('/api/cases?pageSize=5');
    expect(cases.statusCode).toBe(200);
    const families = await system(t.engine, (tx) =>
      tx.execute<{
        name: string;
        members: number;
      }>(sql`select f.name, (select count(*)::int from members m where m.family_id = f.id) as members
        from families f where f.org_id = ${org.orgId} order by f.name`),
    );
    expect(families.rows.map((f) => `${f.name}:${f.members}`)).toEqual(['Кравцова Дарья:2', 'Лебедева Ольга:1', 'Семенова Алена:1']);
    const imported = await system(t.engine, (tx) =>
      tx.execute<{ birth_date: string; phone: string }>(sql`select birth_date::text, phone from members where last_name = 'Лебедева'`),
    );
    expect(imported.rows[0]).toEqual({ birth_date: '1995-10-28', phone: '+7 914 555-02-02' });

    // The report: the rows not imported, as read, with what to fix.
    const report = await coord.get(`/api/imports/${created.id}/report?format=xlsx`);
    expect(report.statusCode).toBe(200);
    expect(report.headers['content-disposition']).toContain('attachment');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(report.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.rowCount).toBe(7);
    expect(sheet.getRow(1).getCell(7).value).toBe('Что исправить');
    expect(String(sheet.getRow(2).getCell(7).value)).toContain('Строка 5: Дата рождения: дата не распознана');
    const csvReport = await coord.get(`/api/imports/${created.id}/report?format=csv`);
    expect(csvReport.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));

    // The audit says who imported what kind and how many rows, never a value.
    const audit = await system(t.engine, (tx) =>
      tx.execute<{ details: unknown }>(sql`select details from audit_log where org_id = ${org.orgId} and record_type = 'import'`),
    );
    const text = JSON.stringify(audit.rows);
    expect(text).toContain('"rows":10');
    for (const secret of ['Кравцова', 'Лебедева', '914', 'семьи.xlsx']) expect(text).not.toContain(secret);

    // Undo: the families created go, the member added to the linked family goes, the linked family stays.
    const undo = await coord.post(`/api/imports/${created.id}/undo`, { version: done.version });
    expect(undo.statusCode, undo.body).toBe(200);
    expect(undo.json().status).toBe('undone');
    const left = await system(t.engine, (tx) => tx.execute<{ name: string }>(sql`select name from families where org_id = ${org.orgId}`));
    expect(left.rows.map((f) => f.name)).toEqual(['Семенова Алена']);
    const again = await coord.post(`/api/imports/${created.id}/undo`, { version: undo.json().version });
    expect(again.statusCode).toBe(409);
  });

  it('remembers the mapping for the next file of the kind', async () => {
    const first = (
      await upload(
        coord,
        'families',
        await xlsx([
          ['Ф', 'И', 'Родился'],
          ['Иванова', 'Анна', '01.01.1990'],
        ]),
      )
    ).json();
    expect(first.mapping).toEqual({});
    await mapAndCheck(coord, { ...first, mapping: { lastName: 0, firstName: 1, birthDate: 2 } });
    const second = (
      await upload(
        coord,
        'families',
        await xlsx([
          ['Ф', 'И', 'Родился'],
          ['Петрова', 'Анна', '01.01.1991'],
        ]),
      )
    ).json();
    expect(second).toMatchObject({ mapping: { lastName: 0, firstName: 1, birthDate: 2 }, mappingRemembered: true });
  });

  it('refuses to undo an import once something was built on it, naming what', async () => {
    const created = (
      await upload(
        coord,
        'families',
        await xlsx([
          ['Фамилия', 'Имя', 'Дата рождения'],
          ['Гусева', 'Вера', '02.02.1992'],
        ]),
      )
    ).json();
    const previewed = await mapAndCheck(coord, created);
    const done = await runImport(coord, created.id, previewed.version);
    const family = await system(t.engine, (tx) =>
      tx.execute<{ id: string }>(sql`select id::text from families where name = 'Гусева Вера'`),
    );
    const opened = await coord.post('/api/cases', {
      familyId: family.rows[0]!.id,
      programmeId,
      branchId: org.branchIds[0],
      leadId: coord.me.id,
      openedOn: '2026-01-10',
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const undo = await coord.post(`/api/imports/${created.id}/undo`, { version: done.version });
    expect(undo.statusCode).toBe(409);
    expect(undo.json().error.message).toContain('случаи');
    expect(
      await system(t.engine, async (tx) => (await tx.execute(sql`select 1 from families where name = 'Гусева Вера'`)).rows.length),
    ).toBe(1);
  });
});

describe('an interrupted job', () => {
  it('reads as interrupted when its work stopped; unchecked rows are never imported; checking again continues', async () => {
    const created = (
      await upload(
        coord,
        'families',
        await xlsx([
          ['Фамилия', 'Имя'],
          ['Прерванова', 'Ирина'],
        ]),
      )
    ).json();
    // As if the server stopped while checking: the status says so, but nothing runs.
    await system(t.engine, (tx) => tx.execute(sql`update import_jobs set status = 'analysing' where id = ${created.id}`));
    const interrupted = await job(coord, created.id);
    expect(interrupted).toMatchObject({ status: 'interrupted', analysed: false });
    const run = await coord.post(`/api/imports/${created.id}/run`, { version: interrupted.version });
    expect(run.statusCode).toBe(409);
    const previewed = await mapAndCheck(coord, { ...interrupted, mapping: { lastName: 0, firstName: 1 } });
    expect(previewed.analysed).toBe(true);
    const done = await runImport(coord, created.id, previewed.version);
    expect(done.counts.imported).toBe(1);
    // The undo is audited (kind and rows only).
    const undo = await coord.post(`/api/imports/${created.id}/undo`, { version: done.version });
    expect(undo.statusCode).toBe(200);
    const audit = await system(t.engine, (tx) =>
      tx.execute<{ action: string; details: unknown }>(
        sql`select action, details from audit_log where record_id = ${created.id} and action = 'delete'`,
      ),
    );
    expect(audit.rows).toHaveLength(1);
    expect(JSON.stringify(audit.rows[0]!.details)).toContain('"undo":true');
  });
});

describe('bad files: a clear 400 and nothing written', () => {
  const zipBomb = () => {
    // A valid zip whose one entry inflates to 300 MB of zeros (stored deflated: ~300 KB).
    const data = zlib.deflateRawSync(Buffer.alloc(300 * 1024 * 1024), { level: 9 });
    const name = Buffer.from('xl/worksheets/sheet1.xml');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(300 * 1024 * 1024, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(300 * 1024 * 1024, 24);
    central.writeUInt16LE(name.length, 28);
    const cdOffset = local.length + name.length + data.length;
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(1, 8);
    end.writeUInt16LE(1, 10);
    end.writeUInt32LE(central.length + name.length, 12);
    end.writeUInt32LE(cdOffset, 16);
    return Buffer.concat([local, name, data, central, name, end]).toString('base64');
  };
  const cases: [string, () => Promise<string> | string, string, string][] = [
    ['corrupt XLSX', () => Buffer.from('PK\u0003\u0004 not really a zip').toString('base64'), 'file.xlsx', 'imports.file.corrupt'],
    ['an XLSX name on a text file', () => csv('a;b\n1;2'), 'file.xlsx', 'imports.file.corrupt'],
    ['zip bomb', zipBomb, 'bomb.xlsx', 'imports.file.zip_bomb'],
    ['UTF-16 CSV', () => Buffer.from('\ufeffФамилия;Имя\n', 'utf16le').toString('base64'), 'file.csv', 'imports.file.encoding'],
    ['100,000 empty rows', () => csv(`Фамилия;Имя\n${';\n'.repeat(100_000)}`), 'file.csv', 'imports.file.empty'],
    ['a NUL in a cell', () => csv('Фамилия;Имя\nИва\u0000нова;Анна\n'), 'file.csv', 'imports.file.encoding'],
    ['100,000 characters in a cell', () => csv(`Фамилия;Имя\n${'я'.repeat(100_000)};Анна\n`), 'file.csv', 'imports.file.cell_too_long'],
    ['an old .xls', () => csv('x'), 'file.xls', 'imports.file.file_type'],
  ];
  for (const [name, content, fileName, code] of cases) {
    it(name, async () => {
      const before = await count('import_jobs', org.orgId);
      const res = await upload(coord, 'families', await content(), fileName);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.fields[0]).toMatchObject({ path: 'contentBase64', code });
      expect(res.json().error.fields[0].message).not.toBe(code);
      expect(await count('import_jobs', org.orgId)).toBe(before);
    });
  }

  it('takes the cached value of a formula and never evaluates it; reads Windows-1251 with commas', async () => {
    const formula = await xlsx([
      ['Фамилия', 'Имя', 'Телефон'],
      ['Белова', { formula: 'HYPERLINK("http://evil","x")', result: 'Нина' }, '89140001122'],
    ]);
    const created = (await upload(coord, 'families', formula)).json();
    expect(created.sample[0]).toEqual(['Белова', 'Нина', '89140001122']);
    const table = 'АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдежзийклмнопрстуфхцчшщъыьэюя';
    const bytes = Buffer.from(
      [...'Фамилия,Имя\nЖукова,Анна\n'].map((ch) => (table.includes(ch) ? 0xc0 + table.indexOf(ch) : ch.charCodeAt(0))),
    );
    const win = (await upload(coord, 'families', bytes.toString('base64'), 'семьи.csv')).json();
    expect(win).toMatchObject({ encoding: 'windows-1251', headers: ['Фамилия', 'Имя'], sample: [['Жукова', 'Анна']] });
    const bom = (await upload(coord, 'families', csv('Фамилия;Имя\nЖукова;Анна\n', 'bom'), 'семьи.csv')).json();
    expect(bom).toMatchObject({ encoding: 'utf-8', headers: ['Фамилия', 'Имя'] });
  });
});

describe('cases and services', () => {
  it('opens cases with their status for families already known, and records services given', async () => {
    await buildFamily(coord, org.branchIds[0]!, [
      motherInput({ lastName: 'Морозова', firstName: 'Елена', middleName: '', birthDate: '1994-07-01' }),
    ]);
    const cases = (
      await upload(
        coord,
        'cases',
        await xlsx([
          ['ФИО', 'Дата рождения', 'Программа', 'Статус', 'Дата начала'],
          ['Морозова Елена', '01.07.1994', 'Семья рядом', 'Постсопровождение', '10.02.2025'],
          ['Никто Никакой', '01.01.1990', 'Семья рядом', 'активный', '10.02.2025'],
          ['Морозова Елена', '01.07.1994', 'Нет такой', 'активный', '10.02.2025'],
        ]),
      )
    ).json();
    expect(cases.mapping).toEqual({ fullName: 0, birthDate: 1, programme: 2, status: 3, openedOn: 4 });
    const previewed = await mapAndCheck(coord, cases);
    const all = await rows(coord, cases.id);
    expect(all.map((r) => `${r.status}:${r.problems.map((p) => p.code).join(',')}`)).toEqual([
      'ready:',
      'problem:imports.problems.family_not_found',
      'problem:imports.problems.unknown_programme',
    ]);
    const done = await runImport(coord, cases.id, previewed.version);
    expect(done.counts.imported).toBe(1);
    const opened = await system(t.engine, (tx) =>
      tx.execute<{ status: string; opened_on: string; post_support_since: string }>(
        sql`select status, opened_on::text, post_support_since::text from cases where org_id = ${org.orgId} and programme_id = ${programmeId} and opened_on = '2025-02-10'`,
      ),
    );
    expect(opened.rows).toEqual([{ status: 'post_support', opened_on: '2025-02-10', post_support_since: '2025-02-10' }]);

    const types = await coord.get('/api/service-types');
    const typeName = (types.json().items ?? types.json())[0].name.ru as string;
    const services = (
      await upload(
        coord,
        'services',
        await xlsx([
          ['ФИО', 'Дата рождения', 'Вид услуги', 'Дата', 'Длительность'],
          ['Морозова Елена', '01.07.1994', typeName, '15.03.2025', '1,5 ч'],
          ['Морозова Елена', '01.07.1994', typeName, '15.03.2099', '60'],
        ]),
      )
    ).json();
    const checked = await mapAndCheck(coord, services);
    const serviceRows = await rows(coord, services.id);
    expect(serviceRows.map((r) => r.problems.map((p) => `${p.field}:${p.code}`).join(','))).toEqual(['', 'date:validation.date_in_future']);
    const recorded = await runImport(coord, services.id, checked.version);
    expect(recorded.counts.imported).toBe(1);
    const given = await system(t.engine, (tx) =>
      tx.execute<{ date: string; duration_minutes: number }>(
        sql`select date::text, duration_minutes from services where org_id = ${org.orgId} and not withdrawn`,
      ),
    );
    expect(given.rows).toEqual([{ date: '2025-03-15', duration_minutes: 90 }]);
    // A service now stands on the imported case: the cases' import cannot be undone, and says why.
    const blockedUndo = await coord.post(`/api/imports/${cases.id}/undo`, { version: done.version });
    expect(blockedUndo.statusCode).toBe(409);
    expect(blockedUndo.json().error.message).toContain('услуги');
    const undone = await coord.post(`/api/imports/${services.id}/undo`, { version: recorded.version });
    expect(undone.statusCode, undone.body).toBe(200);
    const withdrawn = await system(
      t.engine,
      async (tx) => (await tx.execute(sql`select 1 from services where org_id = ${org.orgId} and withdrawn`)).rows.length,
    );
    expect(withdrawn).toBe(1);
  });
});

describe('undo of imported cases', () => {
  const caseOf = async (lastName: string) =>
    (
      await system(t.engine, (tx) =>
        tx.execute<{ id: string; status: string }>(sql`select c.id::text, c.status from cases c
          join members m on m.family_id = c.family_id where c.org_id = ${org.orgId} and m.last_name = ${lastName}`),
      )
    ).rows;
  const importCases = async (lastName: string, birthDate: string) => {
    await buildFamily(coord, org.branchIds[0]!, [motherInput({ lastName, firstName: 'Вера', middleName: '', birthDate })]);
    const created = (
      await upload(
        coord,
        'cases',
        await xlsx([
          ['ФИО', 'Дата рождения', 'Программа', 'Статус', 'Дата начала'],
          [`${lastName} Вера`, birthDate.split('-').reverse().join('.'), 'Семья рядом', 'активный', '01.03.2025'],
        ]),
      )
    ).json();
    const checked = await mapAndCheck(coord, created);
    const done = await runImport(coord, created.id, checked.version);
    expect(done.counts.imported).toBe(1);
    return done;
  };

  it('takes back cases nothing was built on: the case, its team and the history the import wrote go; counts follow', async () => {
    const countsBefore = await system(t.engine, async (tx) =>
      Number(
        (await tx.execute<{ n: number }>(sql`select coalesce(sum(cases), 0)::int as n from case_counts where org_id = ${org.orgId}`))
          .rows[0]!.n,
      ),
    );
    const done = await importCases('Кузнецова', '1991-04-05');
    const [imported] = await caseOf('Кузнецова');
    expect(imported!.status).toBe('active');
    const undo = await coord.post(`/api/imports/${done.id}/undo`, { version: done.version });
    expect(undo.statusCode, undo.body).toBe(200);
    expect(undo.json().status).toBe('undone');
    expect(await caseOf('Кузнецова')).toEqual([]);
    const left = await system(t.engine, async (tx) => ({
      events: (await tx.execute(sql`select 1 from case_events where case_id = ${imported!.id}`)).rows.length,
      team: (await tx.execute(sql`select 1 from case_team where case_id = ${imported!.id}`)).rows.length,
      counts: Number(
        (await tx.execute<{ n: number }>(sql`select coalesce(sum(cases), 0)::int as n from case_counts where org_id = ${org.orgId}`))
          .rows[0]!.n,
      ),
      audited: (
        await tx.execute(
          sql`select 1 from audit_log where org_id = ${org.orgId} and action = 'delete' and record_type = 'case' and record_id = ${imported!.id}`,
        )
      ).rows.length,
    }));
    expect(left).toEqual({ events: 0, team: 0, counts: countsBefore, audited: 1 });
    // The family stays: it was not this job's.
    expect(await count('families', org.orgId)).toBeGreaterThan(0);
  });

  it('refuses while anything was built on a case since — a status change, a plan — naming it; the history stays append-only', async () => {
    const changed = await importCases('Лебедева', '1989-02-03');
    const [lebedeva] = await caseOf('Лебедева');
    const moved = await coord.post(`/api/cases/${lebedeva!.id}/transition`, {
      action: 'to_post_support',
      on: '2025-06-01',
      outcome: null,
      reason: '',
      version: 2,
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const refused = await coord.post(`/api/imports/${changed.id}/undo`, { version: changed.version });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain('в случаях с тех пор сделаны записи');
    expect(await caseOf('Лебедева')).toHaveLength(1);

    const planned = await importCases('Орлова', '1993-08-09');
    const [orlova] = await caseOf('Орлова');
    const plan = await coord.post(`/api/cases/${orlova!.id}/plan`, {
      desiredFuture: 'Своя квартира',
      participants: [{ kind: 'mother', name: 'Вера' }],
      startOn: '2025-03-10',
      nextReviewOn: '2025-06-10',
      goals: [{ domain: 'housing', title: 'Жильё', tasks: [{ title: 'Заявление', responsibleKind: 'mother', dueOn: '2025-04-01' }] }],
    });
    expect(plan.statusCode, plan.body).toBe(201);
    const blocked = await coord.post(`/api/imports/${planned.id}/undo`, { version: planned.version });
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().error.message).toContain('планы сопровождения');
    expect(await caseOf('Орлова')).toHaveLength(1);

    // Nobody deletes a case's history but the undo's own function: not the app role, not the owner.
    const refusedDelete = await system(t.engine, (tx) => tx.execute(sql`delete from case_events where case_id = ${orlova!.id}`)).then(
      () => null,
      (error: unknown) => error as { message: string; cause?: { message: string } },
    );
    expect(refusedDelete?.cause?.message ?? refusedDelete?.message).toMatch(/append-only/);
    // And the function takes back only the caller's own finished job: another user's call changes nothing.
    const stranger = await buildUser(t, org, ['coordinator'], [org.branchIds[0]!]);
    const taken = await scoped(
      t.engine,
      { orgId: org.orgId, userId: stranger.id },
      async (tx) => (await tx.execute<{ n: number }>(sql`select hearth_undo_imported_cases(${planned.id}) as n`)).rows[0]!.n,
    );
    expect(Number(taken)).toBe(0);
  });
});

describe('authorization', () => {
  it('every role: only those who may import, and only kinds they could enter by hand', async () => {
    const content = await xlsx([
      ['Фамилия', 'Имя'],
      ['Смирнова', 'Ольга'],
    ]);
    const got: Record<string, number> = {};
    for (const role of ROLE_CODES) {
      const client = await login(t, (await buildUser(t, org, [role as RoleCode])).email);
      got[role] = (await upload(client, 'families', content)).statusCode;
    }
    // The admin may import but not families: by default the admin reaches no family.
    expect(got).toEqual({
      admin: 403,
      coordinator: 201,
      case_worker: 403,
      psychologist: 403,
      lawyer: 403,
      shelter_admin: 403,
      volunteer: 403,
      supervisor: 403,
      me_officer: 403,
      mentor: 403,
    });
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/imports' });
    expect(anonymous.statusCode).toBe(401);
  });

  it("another user's or organisation's job is not found on every route; foreign ids in every id field are refused", async () => {
    const mine = (
      await upload(
        coord,
        'families',
        await xlsx([
          ['Фамилия', 'Имя'],
          ['Смирнова', 'Ольга'],
        ]),
      )
    ).json();
    const before = await count('families', org.orgId);
    for (const stranger of [coordB, otherCoord]) {
      const attempts = [
        stranger.get(`/api/imports/${mine.id}`),
        stranger.get(`/api/imports/${mine.id}/rows`),
        stranger.get(`/api/imports/${mine.id}/report`),
        stranger.put(`/api/imports/${mine.id}/mapping`, { mapping: { lastName: 0, firstName: 1 }, branchId: null, version: 1 }),
        stranger.put(`/api/imports/${mine.id}/decisions`, { decisions: [{ rowNumber: 2, decision: 'skip', familyId: null }], version: 1 }),
        stranger.post(`/api/imports/${mine.id}/run`, { version: 1 }),
        stranger.post(`/api/imports/${mine.id}/undo`, { version: 1 }),
      ];
      for (const res of await Promise.all(attempts)) expect(res.statusCode).toBe(404);
      const list = await stranger.get('/api/imports');
      expect(list.json().items.map((j: { id: string }) => j.id)).not.toContain(mine.id);
    }
    // Another organisation's branch, another branch of one's own organisation: 400 naming the field.
    for (const branchId of [other.branchIds[0], org.branchIds[1]]) {
      const res = await coord.put(`/api/imports/${mine.id}/mapping`, {
        mapping: { lastName: 0, firstName: 1 },
        branchId,
        version: mine.version,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields[0].path).toBe('branchId');
    }
    const previewed = await mapAndCheck(coord, { ...mine, mapping: { lastName: 0, firstName: 1 } });
    // A decision naming another organisation's family, or a row that is not a duplicate: 400.
    const otherFamily = await buildFamily(otherCoord, other.branchIds[0]!);
    const res = await coord.put(`/api/imports/${mine.id}/decisions`, {
      decisions: [{ rowNumber: 2, decision: 'link', familyId: otherFamily.id }],
      version: previewed.version,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0].path).toBe('decisions.0.rowNumber');
    expect(await count('families', org.orgId)).toBe(before);
  });

  it('a coordinator of one branch cannot import into another branch', async () => {
    const created = (
      await upload(
        coordB,
        'families',
        await xlsx([
          ['Фамилия', 'Имя', 'Филиал'],
          ['Соколова', 'Ира', 'Москва'],
          ['Соколова', 'Вера', 'Псков'],
        ]),
      )
    ).json();
    const res = await coordB.put(`/api/imports/${created.id}/mapping`, {
      mapping: created.mapping,
      branchId: org.branchIds[1],
      version: created.version,
    });
    expect(res.statusCode, res.body).toBe(200);
    const previewed = await job(coordB, created.id);
    const all = await rows(coordB, created.id);
    expect(all.map((r) => `${r.status}:${r.problems.map((p) => p.code).join(',')}`)).toEqual([
      'problem:imports.problems.branch_not_in_reach',
      'ready:',
    ]);
    const done = await runImport(coordB, created.id, previewed.version);
    expect(done.counts.imported).toBe(1);
    const branches = await system(t.engine, (tx) =>
      tx.execute<{ branch_id: string }>(sql`select branch_id::text from families where name like 'Соколова%'`),
    );
    expect(branches.rows.map((b) => b.branch_id)).toEqual([org.branchIds[1]]);
  });
});
