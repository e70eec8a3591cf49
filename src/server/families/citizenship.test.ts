// Citizenship is a closed list (issue 11, defect 6): a code is stored and returned, anything else —
// an unknown code, a country typed as text — is a 400 naming the field and writes nothing; the
// database refuses it too (0027's CHECK holds exactly the domain's list); migration 0027 turned the
// free text of before into codes where it clearly named one and into "not recorded" otherwise; and
// breakdowns by citizenship name the countries in the caller's language.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CITIZENSHIPS, citizenshipFromText, citizenshipOptions } from '../../domain/families/citizenship.js';
import { system } from '../db/gateway.js';
import { listMigrations, migrate } from '../db/migrate.js';
import { buildFamily, motherInput } from '../testing/casework.js';
import { buildIndicatorWorld, type IndicatorWorld } from '../testing/indicators.js';
import { buildTestApp, buildUser, createTestDatabaseAt, login, type Client, type TestApp } from '../testing/harness.js';

let t: TestApp;
let w: IndicatorWorld;
let coordinator: Client;

beforeAll(async () => {
  t = await buildTestApp();
  w = await buildIndicatorWorld(t);
  coordinator = await login(t, (await buildUser(t, w.org, ['coordinator'], [w.branchM, w.branchP])).email);
}, 180_000);
afterAll(() => t.close());

const familyCount = async () =>
  Number((await system(t.engine, (tx) => tx.execute<{ n: number }>(sql`select count(*)::int as n from families`))).rows[0]!.n);

describe('citizenship on the member record', () => {
  it('stores and returns a code, and null when not recorded', async () => {
    const family = await buildFamily(coordinator, w.branchM, [
      motherInput({ citizenship: 'TJ' }),
      { relation: 'child', firstName: 'Миша', birthDate: '2025-05-01', sex: 'male' },
    ]);
    const read = (await coordinator.get(`/api/families/${family.id}`)).json();
    expect(read.members.map((m: { citizenship: string | null }) => m.citizenship)).toEqual(['TJ', null]);
    const child = read.members[1];
    const res = await coordinator.put(`/api/families/${family.id}/members/${child.id}`, {
      member: { relation: 'child', firstName: 'Миша', birthDate: '2025-05-01', sex: 'male', citizenship: 'stateless' },
      version: child.version,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().citizenship).toBe('stateless');
  });

  it('refuses an unknown code or typed text with a 400 naming the field (ru and en), writing nothing', async () => {
    const before = await familyCount();
    for (const citizenship of ['XX', 'Россия', 'ru', '']) {
      const res = await coordinator.post('/api/families', {
        branchId: w.branchM,
        members: [motherInput({ citizenship })],
        confirmedNotDuplicate: true,
      });
      expect(res.statusCode, citizenship).toBe(400);
      expect(res.json().error.fields).toEqual([
        expect.objectContaining({ path: 'members.0.citizenship', code: 'validation.invalid_option' }),
      ]);
    }
    const en = await coordinator.request(
      'POST',
      '/api/families',
      { branchId: w.branchM, members: [motherInput({ citizenship: 'Russia' })], confirmedNotDuplicate: true },
      { 'accept-language': 'en' },
    );
    expect(en.statusCode).toBe(400);
    expect(en.json().error.fields[0]).toMatchObject({ path: 'members.0.citizenship' });
    expect(en.json().error.fields[0].message).toMatch(/[A-Za-z]/);
    expect(await familyCount()).toBe(before);

    const family = await buildFamily(coordinator, w.branchM);
    const mother = (await coordinator.get(`/api/families/${family.id}`)).json().members[0];
    const res = await coordinator.put(`/api/families/${family.id}/members/${mother.id}`, {
      member: { ...motherInput(), citizenship: 'Таджикистан' },
      version: mother.version,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0]).toMatchObject({ path: 'member.citizenship' });
    expect((await coordinator.get(`/api/families/${family.id}`)).json().members[0].citizenship).toBe('RU');
  });

  it("the database's list is the domain's list, and it refuses anything else", async () => {
    const rows = await system(t.engine, (tx) =>
      tx.execute<{ def: string }>(
        sql`select pg_get_constraintdef(oid) as def from pg_constraint where conname = 'members_citizenship_code'`,
      ),
    );
    const listed = [...rows.rows[0]!.def.matchAll(/'([^']+)'/g)].map((m) => m[1]).sort();
    expect(listed).toEqual([...CITIZENSHIPS].sort());
    await expect(
      system(t.engine, (tx) => tx.execute(sql`update members set citizenship = 'Россия' where org_id = ${w.org.orgId}`)),
    ).rejects.toThrow();
  });

  it('the form offers Russia and the first countries, then the others by name, stateless last', () => {
    const ru = citizenshipOptions('ru');
    expect(ru.slice(0, 11).map((o) => o.value)).toEqual(['RU', 'UA', 'BY', 'KZ', 'UZ', 'TJ', 'KG', 'AZ', 'AM', 'MD', 'GE']);
    expect(ru[0]!.label).toBe('Россия');
    expect(ru.at(-1)).toEqual({ value: 'stateless', label: 'Без гражданства' });
    const rest = ru.slice(11, -1).map((o) => o.label);
    expect(rest).toEqual([...rest].sort((a, b) => a.localeCompare(b, 'ru')));
    expect(ru).toHaveLength(CITIZENSHIPS.length);
    expect(citizenshipOptions('en')[0]!.label).toBe('Russia');
    expect(citizenshipFromText(' РФ ')).toBe('RU');
    expect(citizenshipFromText('no')).toBeNull();
  });
});

describe('breakdown by citizenship', () => {
  it('names the countries in the caller’s language, never typed text', async () => {
    const list = (await coordinator.get('/api/indicators')).json() as { items: { id: string; code: string }[] };
    const id = list.items.find((i) => i.code === 'families_supported')!.id;
    const read = async (lang: string) => {
      const res = await coordinator.request('GET', `/api/indicators/${id}/value?from=2026-01-01&to=2026-03-31&by=citizenship`, undefined, {
        'accept-language': lang,
      });
      expect(res.statusCode, res.body).toBe(200);
      return (res.json().result.breakdown as { key: string; label: string; value: number }[]).map((b) => [b.key, b.label, b.value]);
    };
    expect(await read('ru')).toEqual([
      ['RU', 'Россия', 4],
      ['TJ', 'Таджикистан', 1],
      ['UA', 'Украина', 1],
    ]);
    expect(await read('en')).toEqual([
      ['RU', 'Russia', 4],
      ['TJ', 'Tajikistan', 1],
      ['UA', 'Ukraine', 1],
    ]);
  });
});

describe('migration 0027', () => {
  it('turns text that clearly names a citizenship into its code, and anything else into "not recorded"', async () => {
    const typed: [string, string | null][] = [
      ['Россия', 'RU'],
      ['  россия ', 'RU'],
      ['РОССИЯ', 'RU'],
      ['РФ', 'RU'],
      ['Р.Ф.', 'RU'],
      ['Российская  Федерация', 'RU'],
      ['Russia', 'RU'],
      ['RU', 'RU'],
      ['Киргизстан', 'KG'],
      ['Кыргызстан', 'KG'],
      ['таджикистан', 'TJ'],
      ['Узбекистан.', 'UZ'],
      ['Белоруссия', 'BY'],
      ['Молдавия', 'MD'],
      ['Лицо без гражданства', 'stateless'],
      ['ЛБГ', 'stateless'],
      ['', null],
      ['no', null],
      ['ru', null],
      ['Москва', null],
      ['рос', null],
      ['Россия/Украина', null],
    ];
    const db = await createTestDatabaseAt(26);
    try {
      const ids = await db.engine.transaction(async (tx) => {
        const org = await tx.execute<{ id: string }>(sql`insert into organizations (name) values ('Миграция') returning id::text`);
        const orgId = org.rows[0]!.id;
        const branch = await tx.execute<{ id: string }>(
          sql`insert into branches (org_id, name, city) values (${orgId}, 'Москва', 'Москва') returning id::text`,
        );
        const family = await tx.execute<{ id: string }>(
          sql`insert into families (org_id, branch_id, name) values (${orgId}, ${branch.rows[0]!.id}, 'Семья') returning id::text`,
        );
        const out: string[] = [];
        for (const [i, [text]] of typed.entries()) {
          const member = await tx.execute<{
            id: string;
          }>(sql`insert into members (org_id, family_id, position, relation, first_name, citizenship)
            values (${orgId}, ${family.rows[0]!.id}, ${i}, 'mother', 'Анна', ${text}) returning id::text`);
          out.push(member.rows[0]!.id);
        }
        return out;
      });
      await migrate(
        db.engine,
        listMigrations().filter((m) => m.version <= 27),
      );
      const rows = await db.engine.transaction((tx) =>
        tx.execute<{ id: string; citizenship: string | null }>(sql`select id::text, citizenship from members`),
      );
      const byId = new Map(rows.rows.map((r) => [r.id, r.citizenship]));
      expect(typed.map(([text], i) => [text, byId.get(ids[i]!)])).toEqual(typed);
    } finally {
      await db.drop();
    }
  }, 180_000);
});
