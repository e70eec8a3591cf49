// Partner and specialist search through the directory's words (migration 0036) finds exactly what
// a fragment LIKE over the whole normalised text found before: for every query below the API's
// answer is compared with `search_text like '%…%'` (partners) and `name_norm like '%…%'`
// (specialists) worked out by the owner, after creation, after a change of the texts, and with
// another organisation holding the same words (never found).
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { system } from '../db/gateway.js';
import { buildOrganization, buildTestApp, login, type Client, type TestApp, type TestOrganization } from '../testing/harness.js';
import { searchFragment, searchWords } from './directory.js';

let t: TestApp;
let org: TestOrganization;
let other: TestOrganization;
let admin: Client;
let otherAdmin: Client;

const PARTNERS = [
  { kind: 'polyclinic', name: 'Детская поликлиника № 3', services: 'Логопед, невролог,  педиатр', city: 'Тверь', tags: ['медицина'] },
  { kind: 'guardianship_office', name: 'Опека Заречного района', services: 'Направляет семьи; сопровождение опекунов', city: 'Тверь' },
  { kind: 'ngo', name: 'Фонд «Ёлочка»', services: 'Продуктовые наборы, одежда\nи обувь', audience: 'Многодетные семьи', city: 'Ржев' },
  {
    kind: 'school_kindergarten',
    name: 'Школа-интернат 100%',
    services: 'Коррекционные классы_для детей',
    city: 'Псков',
    district: 'Завеличье',
  },
  { kind: 'employment_centre', name: 'Центр занятости', services: 'Профобучение\tи трудоустройство мам', city: 'Великие Луки' },
];
const SPECIALISTS = [
  { lastName: 'Ёлкина', firstName: 'Анна', middleName: 'Петровна', profession: 'speech_therapist', phone: '+7 900 111-22-33' },
  { lastName: 'Иванова-Петрова', firstName: 'Мария', middleName: '', profession: 'psychologist', phone: '' },
  { lastName: 'Иванов', firstName: 'Олег', middleName: 'Иванович', profession: 'doctor', phone: '8 (911) 444-55-66' },
  { lastName: 'Шиванова', firstName: 'Ирина', middleName: 'Ёсифовна', profession: 'defectologist', phone: '' },
];
const PARTNER_QUERIES = [
  'логопед',
  'ЛОГ',
  'ог',
  'е',
  'елочка',
  'ёлочка',
  'семьи',
  'тверь невролог',
  'тверь ржев',
  'педиатр,',
  '100%',
  '%',
  '_для',
  'для',
  'интернат',
  'школа-интернат',
  'обувь',
  'и',
  'завеличье',
  'мам',
  'нет-такого',
  'детск поликлин',
  'а б',
];
const SPECIALIST_QUERIES = ['ива', 'иванов', 'ЕЛК', 'ёлк', 'петров', 'иванова-петрова', 'а', 'ирина ива', 'ёсиф', 'ович', 'zz', '444', '_'];

beforeAll(async () => {
  t = await buildTestApp();
  org = await buildOrganization(t);
  other = await buildOrganization(t);
  admin = await login(t, org.adminEmail);
  otherAdmin = await login(t, other.adminEmail);
  for (const [client, o] of [
    [admin, org],
    [otherAdmin, other],
  ] as const) {
    for (const p of PARTNERS) expect((await client.post('/api/partners', p)).statusCode).toBe(201);
    for (const s of SPECIALISTS) {
      const res = await client.post('/api/specialists', { ...s, consentOn: '2026-01-10' });
      expect(res.statusCode, `${o.orgId} ${res.body}`).toBe(201);
    }
  }
}, 240_000);
afterAll(() => t.close());

/** What a fragment LIKE over the whole text finds, worked out by the owner in the organisation. */
async function byLike(table: 'partners' | 'external_specialists', q: string): Promise<string[]> {
  const column = table === 'partners' ? 'search_text' : 'name_norm';
  const conditions = searchWords(q).map((w) => sql`${sql.raw(column)} like ${`%${searchFragment(w)}%`}`);
  return system(t.engine, async (tx) =>
    (
      await tx.execute<{ id: string }>(sql`select id::text from ${sql.raw(table)} where org_id = ${org.orgId}
        ${conditions.length ? sql`and ${sql.join(conditions, sql` and `)}` : sql``} order by id`)
    ).rows.map((r) => r.id),
  );
}

async function partnerIds(q: string): Promise<string[]> {
  const res = await admin.get(`/api/partners?pageSize=200&q=${encodeURIComponent(q)}`);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json().items as { id: string }[]).map((p) => p.id).sort();
}

async function specialistIds(q: string): Promise<string[]> {
  const res = await admin.get(`/api/specialists?pageSize=200&q=${encodeURIComponent(q)}`);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json().items as { id: string }[]).map((p) => p.id).sort();
}

describe('directory search by words', () => {
  it('finds the same partners and specialists as a fragment of the whole text', async () => {
    for (const q of PARTNER_QUERIES) expect(await partnerIds(q), q).toEqual(await byLike('partners', q));
    // Phone digits are searched as before; names through the words.
    for (const q of SPECIALIST_QUERIES.filter((x) => !/^\d+$/.test(x)))
      expect(await specialistIds(q), q).toEqual(await byLike('external_specialists', q));
    expect(await partnerIds('логопед')).toHaveLength(1);
    expect(await specialistIds('ива')).toHaveLength(3);
    expect(await specialistIds('444')).toHaveLength(1);
    // The options of the referral form search the same way.
    const options = await admin.get('/api/partners/options?q=семьи');
    expect((options.json().items as { id: string }[]).map((p) => p.id).sort()).toEqual(await byLike('partners', 'семьи'));
  });

  it('follows a change of the texts: old words no longer find, new ones do', async () => {
    const [poly] = (await admin.get('/api/partners?q=поликлиника')).json().items as { id: string }[];
    const card = (await admin.get(`/api/partners/${poly!.id}`)).json();
    const res = await admin.put(`/api/partners/${poly!.id}`, {
      kind: card.kind,
      name: 'Городская больница',
      region: card.region,
      city: 'Торжок',
      district: card.district,
      address: card.address,
      phones: card.phones,
      email: card.email,
      website: card.website,
      services: 'Сурдолог и окулист',
      audience: card.audience,
      tags: card.tags,
      note: card.note,
      active: true,
      version: card.version,
    });
    expect(res.statusCode, res.body).toBe(200);
    for (const q of ['логопед', 'поликлиника', 'сурдолог', 'торжок', 'больниц окулист', ...PARTNER_QUERIES])
      expect(await partnerIds(q), q).toEqual(await byLike('partners', q));
    expect(await partnerIds('сурдолог')).toEqual([poly!.id]);
    expect(await partnerIds('логопед')).toEqual([]);

    const [elkina] = (await admin.get('/api/specialists?q=елкина')).json().items as { id: string }[];
    const person = (await admin.get(`/api/specialists/${elkina!.id}`)).json();
    const renamed = await admin.put(`/api/specialists/${elkina!.id}`, {
      partnerId: person.partnerId,
      lastName: 'Соснина',
      firstName: person.firstName,
      middleName: person.middleName,
      profession: person.profession,
      position: person.position,
      region: person.region,
      city: person.city,
      phone: person.phone,
      email: person.email,
      consentOn: person.consentOn,
      note: person.note,
      active: true,
      version: person.version,
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(await specialistIds('елк')).toEqual([]);
    expect(await specialistIds('сосн')).toEqual([elkina!.id]);
    for (const q of SPECIALIST_QUERIES.filter((x) => !/^\d+$/.test(x)))
      expect(await specialistIds(q), q).toEqual(await byLike('external_specialists', q));
  });

  it('never finds another organisation’s records holding the same words', async () => {
    const theirs = (await otherAdmin.get('/api/partners?q=логопед')).json().items as { id: string }[];
    expect(theirs).toHaveLength(1);
    expect(await partnerIds('логопед')).not.toContain(theirs[0]!.id);
    const words = await system(
      t.engine,
      async (tx) => (await tx.execute<{ n: number }>(sql`select count(distinct org_id)::int as n from partner_words`)).rows[0]!.n,
    );
    expect(words).toBe(2);
  });
});
