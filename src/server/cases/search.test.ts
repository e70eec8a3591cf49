// Case search through the HTTP app, on both engines: words matched from their beginning, several
// words, phones by their last digits, typos through the closest spellings; the words kept fresh
// by the database when members, cases and statuses change; the caller's reach respected.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchTerms } from './search.js';
import { buildOrganization, buildTestApp, buildUser, login, type Client, type TestApp, type TestOrganization } from '../testing/harness.js';
import { motherInput } from '../testing/casework.js';

let t: TestApp;
let org: TestOrganization;
let coordinator: Client;
let otherCoordinator: Client;
let worker: Client;
let workerId: string;
let programmeId: string;
let otherProgrammeId: string;

interface Listed {
  items: { id: string; status: string }[];
  total: number;
  counts: Record<string, number>;
}

const search = async (client: Client, q: string, extra = ''): Promise<Listed> => {
  const res = await client.get(`/api/cases?q=${encodeURIComponent(q)}${extra}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const ids = (listed: Listed) => listed.items.map((item) => item.id);

/** A case whose mother bears `lastName` (a random suffix keeps tests apart) and `phone`. */
async function caseOf(lastName: string, opts: { branch?: number; phone?: string; programme?: string } = {}) {
  const mother = motherInput({ lastName, ...(opts.phone && { phone: opts.phone }) });
  const family = await coordinator.post('/api/families', {
    branchId: org.branchIds[opts.branch ?? 0]!,
    members: [mother, { relation: 'child', firstName: 'Варвара', birthDate: '2026-03-01', sex: 'female' }],
    confirmedNotDuplicate: true,
  });
  expect(family.statusCode, family.body).toBe(201);
  const opener = opts.branch === 1 ? otherCoordinator : coordinator;
  const created = await opener.post('/api/cases', {
    familyId: family.json().id,
    programmeId: opts.programme ?? programmeId,
    branchId: org.branchIds[opts.branch ?? 0]!,
    leadId: workerId,
    openedOn: '2026-09-01',
    team: [],
    riskFlags: [],
  });
  expect(created.statusCode, created.body).toBe(201);
  return {
    caseId: created.json().id as string,
    family: family.json() as { id: string; version: number; members: { id: string; version: number }[] },
  };
}

// A surname nobody else in the test organisation bears.
const surname = (stem: string) => `${stem}${Math.random().toString(36).slice(2, 7).replace(/\d/g, 'ж')}`;

beforeAll(async () => {
  t = await buildTestApp();
  org = await buildOrganization(t);
  const admin = await login(t, org.adminEmail);
  programmeId = (await admin.post('/api/programmes', { name: 'Семья рядом', periodStart: '2026-01-01', periodEnd: '2026-12-31' })).json()
    .id;
  otherProgrammeId = (
    await admin.post('/api/programmes', { name: 'Тёплый дом', periodStart: '2026-01-01', periodEnd: '2026-12-31' })
  ).json().id;
  coordinator = await login(t, (await buildUser(t, org, ['coordinator'], [org.branchIds[0]!])).email);
  otherCoordinator = await login(t, (await buildUser(t, org, ['coordinator'], [org.branchIds[1]!])).email);
  // Works in both branches: a case's lead works in the case's branch, and the worker leads cases in both.
  const w = await buildUser(t, org, ['case_worker'], [org.branchIds[0]!, org.branchIds[1]!]);
  workerId = w.id;
  worker = await login(t, w.email);
});
afterAll(() => t.close());

describe('search terms', () => {
  it('splits a name into words, and reverses the last ten digits of a phone', () => {
    expect(searchTerms('  Иванова   Мария-Анна ')).toEqual({ beginnings: ['иванова', 'мария', 'анна'], similar: true });
    expect(searchTerms('Фёдорова')).toEqual({ beginnings: ['федорова'], similar: true });
    expect(searchTerms('8 (914) 123-45-67')).toEqual({ beginnings: ['7654321419'], similar: false });
    expect(searchTerms('+7 914 123 45 67').beginnings).toEqual(searchTerms('8 914 123-45-67').beginnings);
    expect(searchTerms('45-67-89')).toEqual({ beginnings: ['987654'], similar: false });
    expect(searchTerms('   ')).toEqual({ beginnings: [], similar: false });
  });
});

describe('case search', () => {
  it('finds a family by the beginning of any word of a member’s name, not by the middle of one', async () => {
    const name = surname('Белозерова');
    const { caseId } = await caseOf(name);
    expect(ids(await search(coordinator, name.slice(0, 6)))).toContain(caseId);
    expect(ids(await search(coordinator, name.toUpperCase()))).toContain(caseId);
    expect(ids(await search(coordinator, 'Варвара'))).toContain(caseId); // the child's first name
    expect(ids(await search(coordinator, `${name} Дарья`))).toContain(caseId); // two words, both match
    expect(ids(await search(coordinator, `${name} Снежана`))).not.toContain(caseId); // the second word matches nobody
    expect(ids(await search(coordinator, name.slice(4, 8)))).not.toContain(caseId); // «зеро», inside a word
  });

  it('finds a family by the last digits of a phone, however the number is written', async () => {
    const { caseId } = await caseOf(surname('Телефонова'), { phone: '+7 (924) 555-31-87' });
    expect(ids(await search(coordinator, '5553187'))).toContain(caseId);
    expect(ids(await search(coordinator, '8 924 555-31-87'))).toContain(caseId);
    expect(ids(await search(coordinator, '89245553188'))).not.toContain(caseId);
  });

  it('finds a typo’d or ё-spelled name through its closest spelling when few match exactly', async () => {
    const name = surname('Воробьёва');
    const { caseId } = await caseOf(name);
    const typo = name.slice(0, 3) + name.slice(4); // one letter dropped
    expect(ids(await search(coordinator, typo))).toContain(caseId);
    expect(ids(await search(coordinator, name.replace('ё', 'е')))).toContain(caseId);
  });

  it('counts per status what it finds, and pages and filters the matches like the list', async () => {
    const name = surname('Счётова');
    const made = [];
    for (let i = 0; i < 3; i++) made.push(await caseOf(name, i === 2 ? { programme: otherProgrammeId } : {}));
    const activated = await coordinator.post(`/api/cases/${made[0]!.caseId}/transition`, {
      action: 'activate',
      on: '2026-09-02',
      version: 1,
    });
    expect(activated.statusCode, activated.body).toBe(200);
    const all = await search(coordinator, name);
    expect(all.total).toBe(3);
    expect(all.counts).toEqual({ intake: 2, active: 1, post_support: 0, closed: 0 });
    expect(all.items[0]!.id).toBe(made[0]!.caseId); // the latest change first
    expect(ids(await search(coordinator, name, '&status=active'))).toEqual([made[0]!.caseId]);
    const paged = await search(coordinator, name, '&pageSize=2&page=2');
    expect(paged.total).toBe(3);
    expect(paged.items).toHaveLength(1);
    const inProgramme = await search(coordinator, name, `&programmeId=${otherProgrammeId}`);
    expect(ids(inProgramme)).toEqual([made[2]!.caseId]);
    expect(inProgramme.counts).toEqual({ intake: 1, active: 0, post_support: 0, closed: 0 });
    expect((await search(coordinator, name, '&sort=name')).total).toBe(3);
    expect((await search(coordinator, name, `&branchId=${org.branchIds[1]}`)).total).toBe(0);
  });

  it('follows the family: a renamed member, a new member and a removed phone change what finds the case', async () => {
    const before = surname('Прежнева');
    const after = surname('Новоселова');
    const { caseId, family } = await caseOf(before);
    const motherId = family.members[0]!.id;
    const current = (await coordinator.get(`/api/families/${family.id}`)).json();
    const mother = current.members.find((m: { id: string }) => m.id === motherId);
    const { id: _id, version, ...fields } = mother;
    void _id;
    const renamed = await coordinator.put(`/api/families/${family.id}/members/${motherId}`, {
      member: { ...motherInput(), ...pick(fields), lastName: after },
      version,
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(ids(await search(coordinator, after))).toContain(caseId);
    expect(ids(await search(coordinator, before))).not.toContain(caseId);

    const grandmother = surname('Бабушкина');
    const added = await coordinator.post(`/api/families/${family.id}/members`, {
      relation: 'grandmother',
      lastName: grandmother,
      firstName: 'Зинаида',
      sex: 'female',
    });
    expect(added.statusCode, added.body).toBe(201);
    expect(ids(await search(coordinator, grandmother))).toContain(caseId);
  });

  it('follows the case: a case moved to another branch is found there, not in its old branch', async () => {
    const name = surname('Переездова');
    const { caseId } = await caseOf(name);
    await t.engine.transaction((tx) => tx.execute(sql`update cases set branch_id = ${org.branchIds[1]!} where id = ${caseId}`));
    expect(ids(await search(otherCoordinator, name))).toContain(caseId);
    expect(ids(await search(coordinator, name))).not.toContain(caseId);
  });
});

describe('case search authorization', () => {
  it('reaches the caller’s branches and own cases only: another branch’s family is not found, by name, phone or typo', async () => {
    const name = surname('Чужакова');
    const { caseId } = await caseOf(name, { branch: 1, phone: '+7 (900) 777-12-34' });
    for (const q of [name, name.slice(0, 5), name.slice(0, 3) + name.slice(4), '7771234']) {
      const found = await search(coordinator, q);
      expect(ids(found)).not.toContain(caseId);
    }
    expect(ids(await search(otherCoordinator, name))).toContain(caseId);
  });

  it('a case worker finds the cases they lead and no others of their branch', async () => {
    const name = surname('Ведомова');
    const led = await caseOf(name); // led by the worker
    const someoneElse = await buildUser(t, org, ['case_worker'], [org.branchIds[0]!]);
    const notLed = await caseOf(name);
    const moved = await coordinator.put(`/api/cases/${notLed.caseId}`, { leadId: someoneElse.id, team: [], riskFlags: [], version: 1 });
    expect(moved.statusCode, moved.body).toBe(200);
    const found = await search(worker, name);
    expect(ids(found)).toEqual([led.caseId]);
    expect(found.total).toBe(1);
  });

  it('a volunteer finds nothing through the case list', async () => {
    const volunteer = await login(t, (await buildUser(t, org, ['volunteer'], [org.branchIds[0]!])).email);
    const res = await volunteer.get(`/api/cases?q=${encodeURIComponent('Варвара')}`);
    expect([403, 404]).toContain(res.statusCode);
  });
});

/** The member fields the edit route takes back. */
function pick(fields: Record<string, unknown>): Record<string, unknown> {
  const keys = ['relation', 'firstName', 'middleName', 'birthDate', 'sex', 'citizenship', 'phone'];
  return Object.fromEntries(keys.filter((k) => fields[k] !== undefined && fields[k] !== null).map((k) => [k, fields[k]]));
}
