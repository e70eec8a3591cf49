// Partners end to end through the HTTP app: the directory with its search (kind, place, service,
// ё as е), contact people and agreements (an agreement ending before it starts is a 400 naming
// validTo, nothing written), versions (409), external specialists with their consent and the
// duplicate hint, a referral from a partner's contact person, signposting to a partner followed up
// in my-work, the audit that keeps ids and field names only — and the authorization matrix of every
// route (each role, another branch, another organisation's ids in every id field).
import type { HTTPMethods } from 'fastify';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoleCode } from '../../domain/access/permissions.js';
import { SHIPPED_INDICATORS } from '../../domain/indicators/shipped.js';
import { organizations } from '../access/tables.js';
import { listMigrations } from '../db/migrate.js';
import { system } from '../db/gateway.js';
import { buildOrganization, buildTestApp, buildUser, login, type Client, type TestApp, type TestOrganization } from '../testing/harness.js';

const today = new Date().toISOString().slice(0, 10);
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

const ACTORS: { name: string; roles: RoleCode[]; branch: 0 | 1 | 'both'; other?: true }[] = [
  { name: 'admin', roles: ['admin'], branch: 'both' },
  { name: 'coordA', roles: ['coordinator'], branch: 0 },
  { name: 'coordB', roles: ['coordinator'], branch: 1 },
  { name: 'supervisorA', roles: ['supervisor'], branch: 0 },
  { name: 'workerA', roles: ['case_worker'], branch: 0 },
  { name: 'workerB', roles: ['case_worker'], branch: 1 },
  { name: 'psychologistA', roles: ['psychologist'], branch: 0 },
  { name: 'lawyerA', roles: ['lawyer'], branch: 0 },
  { name: 'mentorA', roles: ['mentor'], branch: 0 },
  { name: 'deskA', roles: ['shelter_admin'], branch: 0 },
  { name: 'meA', roles: ['me_officer'], branch: 0 },
  { name: 'volunteerA', roles: ['volunteer'], branch: 0 },
  { name: 'otherCoord', roles: ['coordinator'], branch: 0, other: true },
];
type Name = (typeof ACTORS)[number]['name'];

let t: TestApp;
let org: TestOrganization;
let other: TestOrganization;
const c: Record<string, Client> = {};
const ids: Record<string, string> = {};
let opeka: { id: string; version: number };
let contactId: string;
let agreementId: string;
let specialistId: string;
let otherPartnerId: string;
let otherContactId: string;
let signposted: { id: string; version: number };

async function count(table: string): Promise<number> {
  return system(t.engine, async (tx) =>
    Number((await tx.execute<{ n: number }>(sql.raw(`select count(*)::int as n from ${table}`))).rows[0]!.n),
  );
}

const partnerBody = (overrides: Record<string, unknown> = {}) => ({
  kind: 'guardianship_office',
  name: 'Отдел опеки Северного района',
  region: 'Москва',
  city: 'Москва',
  district: 'Северный',
  address: 'ул. Примерная, 1',
  phones: ['+7 495 111-22-33'],
  services: 'Направляет семьи; сопровождение приёмных семей; ёлка для детей',
  audience: 'Семьи района',
  tags: ['опека', 'Направление семей'],
  ...overrides,
});

const referralBody = (overrides: Record<string, unknown> = {}) => ({
  branchId: org.branchIds[0],
  receivedAt: new Date(Date.now() - 3 * 86_400_000).toISOString(),
  source: 'guardianship',
  clientFirstName: 'Мария',
  clientLastName: 'Соколова',
  summary: 'Мама с младенцем без жилья',
  ...overrides,
});

beforeAll(async () => {
  t = await buildTestApp();
  org = await buildOrganization(t);
  other = await buildOrganization(t);
  for (const a of ACTORS) {
    const o = a.other ? other : org;
    const branches = a.branch === 'both' ? o.branchIds : [o.branchIds[a.branch]!];
    const user = await buildUser(t, o, a.roles, branches);
    ids[a.name] = user.id;
    c[a.name] = await login(t, user.email);
  }
  const created = await c.coordA!.post('/api/partners', partnerBody());
  expect(created.statusCode, created.body).toBe(201);
  opeka = { id: created.json().id, version: created.json().version };
  const contact = await c.coordA!.post(`/api/partners/${opeka.id}/contacts`, {
    name: 'Семёнова Ольга Викторовна',
    position: 'Главный специалист',
    phone: '+7 495 222-33-44',
    email: 'semenova@example.org',
  });
  expect(contact.statusCode, contact.body).toBe(201);
  contactId = contact.json().id;
  const agreement = await c.coordA!.post(`/api/partners/${opeka.id}/agreements`, {
    number: 'С-12',
    signedOn: daysAgo(30),
    validFrom: daysAgo(30),
    validTo: inDays(300),
  });
  expect(agreement.statusCode, agreement.body).toBe(201);
  agreementId = agreement.json().id;
  const specialist = await c.coordA!.post('/api/specialists', {
    partnerId: opeka.id,
    lastName: 'Орлова',
    firstName: 'Наталья',
    profession: 'guardianship_inspector',
    city: 'Москва',
    phone: '+7 900 123-45-67',
    consentOn: daysAgo(5),
  });
  expect(specialist.statusCode, specialist.body).toBe(201);
  specialistId = specialist.json().id;
  const foreign = await c.otherCoord!.post('/api/partners', partnerBody({ name: 'Чужая опека' }));
  otherPartnerId = foreign.json().id;
  otherContactId = (await c.otherCoord!.post(`/api/partners/${otherPartnerId}/contacts`, { name: 'Чужой контакт' })).json().id;
  // A referral received by the worker of branch A, signposted by the coordinator to the partner.
  const referral = await c.workerA!.post('/api/referrals', referralBody({ source: 'self' }));
  expect(referral.statusCode, referral.body).toBe(201);
  const triaged = await c.coordA!.post(`/api/referrals/${referral.json().id}/triage`, {
    action: 'signpost',
    partnerId: opeka.id,
    followUpOn: inDays(3),
    version: 1,
  });
  expect(triaged.statusCode, triaged.body).toBe(200);
  signposted = { id: referral.json().id, version: triaged.json().version };
  // Thirteen sign-ins and a dozen records: more than the default minute on a busy machine.
}, 300_000);
afterAll(() => t.close());

describe('partner directory', () => {
  it('finds partners by a fragment of their services, name or place, ё as е, and filters by kind, city and tag', async () => {
    await c.coordA!.post(
      '/api/partners',
      partnerBody({
        kind: 'polyclinic',
        name: 'Детская поликлиника',
        services: 'Логопед, педиатр',
        tags: ['логопед'],
        city: 'Псков',
        region: 'Псковская область',
        district: '',
      }),
    );
    await c.coordA!.post(
      '/api/partners',
      partnerBody({
        kind: 'ngo',
        name: 'Фонд «Корзина»',
        services: 'Продукты',
        tags: [],
        city: 'Псков',
        region: 'Псковская область',
        district: '',
      }),
    );
    const names = async (query: string) =>
      ((await c.workerA!.get(`/api/partners?${query}`)).json().items as { name: string }[]).map((p) => p.name).sort();
    expect(await names(`q=${encodeURIComponent('логопед')}`)).toEqual(['Детская поликлиника']);
    expect(await names(`q=${encodeURIComponent('елка')}`)).toEqual(['Отдел опеки Северного района']);
    expect(await names(`q=${encodeURIComponent('опеки север')}`)).toEqual(['Отдел опеки Северного района']);
    expect(await names('kind=ngo')).toEqual(['Фонд «Корзина»']);
    expect(await names(`city=${encodeURIComponent('Псков')}`)).toEqual(['Детская поликлиника', 'Фонд «Корзина»']);
    expect(await names(`tag=${encodeURIComponent('направление семей')}`)).toEqual(['Отдел опеки Северного района']);
    expect(await names(`q=${encodeURIComponent('100%_')}`)).toEqual([]);
    const list = (await c.workerA!.get('/api/partners?kind=guardianship_office')).json();
    expect(list.items[0].hasActiveAgreement).toBe(true);
    expect(list.items[0].phones).toBeUndefined();
    const facets = (await c.workerA!.get('/api/partners/facets')).json();
    expect(facets.regions).toEqual(['Москва', 'Псковская область']);
    expect(facets.tags).toContain('логопед');
  });

  it('shows the card with contacts and agreements, audited by id with no values', async () => {
    const card = await c.workerA!.get(`/api/partners/${opeka.id}`);
    expect(card.statusCode).toBe(200);
    expect(card.json().contacts[0]).toMatchObject({ name: 'Семёнова Ольга Викторовна', phone: '+7 495 222-33-44' });
    expect(card.json().agreements[0]).toMatchObject({ number: 'С-12', active: true, validTo: inDays(300) });
    const audit = await system(t.engine, (tx) =>
      tx.execute<{ action: string; record_type: string; details: unknown }>(
        sql`select action, record_type, details from audit_log where org_id = ${org.orgId} and record_type like 'partner%'`,
      ),
    );
    expect(audit.rows.some((r) => r.action === 'read' && r.record_type === 'partner')).toBe(true);
    const text = JSON.stringify(audit.rows);
    for (const value of ['222-33-44', 'Семёнова', 'semenova', 'Примерная', 'С-12']) expect(text).not.toContain(value);
    expect(text).toContain('phone');
  });

  it('refuses an agreement that ends before it starts (400 naming validTo, ru and en), writes nothing', async () => {
    const before = await count('partner_agreements');
    const bad = { number: '1', signedOn: daysAgo(10), validFrom: daysAgo(10), validTo: daysAgo(20) };
    const ru = await c.coordA!.post(`/api/partners/${opeka.id}/agreements`, bad);
    expect(ru.statusCode).toBe(400);
    expect(ru.json().error.fields).toEqual([expect.objectContaining({ path: 'validTo', message: 'Дата окончания раньше даты начала' })]);
    const en = await c.coordA!.request('POST', `/api/partners/${opeka.id}/agreements`, bad, { 'accept-language': 'en' });
    expect(en.json().error.fields[0].path).toBe('validTo');
    expect(en.json().error.fields[0].message).not.toMatch(/[а-я]/i);
    const edit = await c.coordA!.put(`/api/partner-agreements/${agreementId}`, { ...bad, version: 1 });
    expect(edit.statusCode).toBe(400);
    expect(edit.json().error.fields[0].path).toBe('validTo');
    const future = await c.coordA!.post(`/api/partners/${opeka.id}/agreements`, { number: '2', signedOn: inDays(2), validFrom: today });
    expect(future.json().error.fields[0].path).toBe('signedOn');
    expect(await count('partner_agreements')).toBe(before);
  });

  it('refuses an edit based on an old version (409) and a bad kind or e-mail (400)', async () => {
    const stale = await c.coordA!.put(`/api/partners/${opeka.id}`, { ...partnerBody(), active: true, version: opeka.version + 5 });
    expect(stale.statusCode).toBe(409);
    const kind = await c.coordA!.post('/api/partners', partnerBody({ kind: 'ministry' }));
    expect(kind.statusCode).toBe(400);
    expect(kind.json().error.fields[0].path).toBe('kind');
    const email = await c.coordA!.post(`/api/partners/${opeka.id}/contacts`, { name: 'Х', email: 'not-an-email' });
    expect(email.json().error.fields[0].path).toBe('email');
    const ok = await c.coordA!.put(`/api/partners/${opeka.id}`, {
      ...partnerBody({ address: 'ул. Новая, 2' }),
      active: true,
      version: opeka.version,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    opeka.version = ok.json().version;
  });
});

describe('external specialists', () => {
  it('requires the day of consent, not in the future', async () => {
    const before = await count('external_specialists');
    const body = { lastName: 'Иванова', firstName: 'Анна', profession: 'psychologist' };
    const missing = await c.coordA!.post('/api/specialists', body);
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.fields[0].path).toBe('consentOn');
    const future = await c.coordA!.post('/api/specialists', { ...body, consentOn: inDays(1) });
    expect(future.json().error.fields[0].path).toBe('consentOn');
    const profession = await c.coordA!.post('/api/specialists', { ...body, profession: 'astrologer', consentOn: today });
    expect(profession.json().error.fields[0].path).toBe('profession');
    expect(await count('external_specialists')).toBe(before);
  });

  it('hints at a duplicate (same surname, name and phone or e-mail) without refusing it', async () => {
    const hint = await c.coordA!.get(
      `/api/specialists/duplicates?lastName=${encodeURIComponent('орлова')}&firstName=${encodeURIComponent('Наталья')}&phone=89001234567`,
    );
    expect(hint.json().items).toEqual([expect.objectContaining({ id: specialistId, reasons: ['phone'] })]);
    const twin = await c.coordA!.post('/api/specialists', {
      lastName: 'Орлова',
      firstName: 'Наталья',
      profession: 'speech_therapist',
      phone: '8 (900) 123-45-67',
      consentOn: today,
    });
    expect(twin.statusCode).toBe(201);
    expect(twin.json().possibleDuplicates).toEqual([expect.objectContaining({ id: specialistId, reasons: ['phone'] })]);
    const namesake = await c.coordA!.post('/api/specialists', {
      lastName: 'Орлова',
      firstName: 'Наталья',
      profession: 'teacher',
      phone: '+7 911 000-00-00',
      consentOn: today,
    });
    expect(namesake.json().possibleDuplicates).toEqual([]);
  });

  it('lists and filters specialists, audits the reading by ids', async () => {
    const list = (await c.workerA!.get(`/api/specialists?profession=guardianship_inspector&city=${encodeURIComponent('Москва')}`)).json();
    expect(list.items.map((s: { id: string }) => s.id)).toEqual([specialistId]);
    expect(list.items[0]).toMatchObject({ partnerName: 'Отдел опеки Северного района', phone: '+7 900 123-45-67' });
    const byPhone = (await c.workerA!.get('/api/specialists?q=4567')).json();
    expect(byPhone.items.length).toBe(2);
    const byName = (await c.workerA!.get(`/api/specialists?q=${encodeURIComponent('орл нат')}`)).json();
    expect(byName.items.length).toBe(3);
    const audit = await system(t.engine, (tx) =>
      tx.execute<{ details: unknown }>(
        sql`select details from audit_log where org_id = ${org.orgId} and record_type = 'external_specialist' and action = 'read'`,
      ),
    );
    expect(JSON.stringify(audit.rows)).toContain(specialistId);
    expect(JSON.stringify(audit.rows)).not.toContain('4567');
  });

  it("refuses another organisation's partner as a specialist's organisation (400 partnerId), writes nothing", async () => {
    const before = await count('external_specialists');
    const res = await c.coordA!.post('/api/specialists', {
      partnerId: otherPartnerId,
      lastName: 'А',
      firstName: 'Б',
      profession: 'doctor',
      consentOn: today,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0].path).toBe('partnerId');
    const edit = await c.coordA!.put(`/api/specialists/${specialistId}`, {
      partnerId: otherPartnerId,
      lastName: 'Орлова',
      firstName: 'Наталья',
      profession: 'guardianship_inspector',
      consentOn: daysAgo(5),
      active: true,
      version: 1,
    });
    expect(edit.json().error.fields[0].path).toBe('partnerId');
    expect(await count('external_specialists')).toBe(before);
  });
});

describe('referrals through partners', () => {
  it("records a referral from the partner's contact person and shows both on the referral", async () => {
    const res = await c.workerA!.post('/api/referrals', referralBody({ partnerId: opeka.id, partnerContactId: contactId }));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().partner).toEqual({ id: opeka.id, name: 'Отдел опеки Северного района', kind: 'guardianship_office' });
    expect(res.json().partnerContact).toMatchObject({ id: contactId, name: 'Семёнова Ольга Викторовна' });
    const read = (await c.coordA!.get(`/api/referrals/${res.json().id}`)).json();
    expect(read.partnerContact.name).toBe('Семёнова Ольга Викторовна');
  });

  it("refuses another organisation's partner, a contact of another partner, a contact without a partner (400 naming the field)", async () => {
    const before = await count('referrals');
    const foreign = await c.workerA!.post('/api/referrals', referralBody({ partnerId: otherPartnerId }));
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.fields[0].path).toBe('partnerId');
    const foreignContact = await c.workerA!.post('/api/referrals', referralBody({ partnerId: opeka.id, partnerContactId: otherContactId }));
    expect(foreignContact.json().error.fields[0].path).toBe('partnerContactId');
    const alone = await c.workerA!.post('/api/referrals', referralBody({ partnerContactId: contactId }));
    expect(alone.json().error.fields[0].path).toBe('partnerContactId');
    expect(await count('referrals')).toBe(before);
  });

  it('signposts to a partner with a follow-up day that comes to the worker’s my-work, then records whether the help was taken up', async () => {
    const view = (await c.coordA!.get(`/api/referrals/${signposted.id}`)).json();
    expect(view.signpost).toEqual({
      partnerId: opeka.id,
      partnerName: 'Отдел опеки Северного района',
      takenUp: 'unknown',
      followUpOn: inDays(3),
      followedUpOn: null,
    });
    const work = (await c.coordA!.get('/api/my-work')).json();
    expect(work.signpostFollowUps).toEqual([expect.objectContaining({ referralId: signposted.id, followUpOn: inDays(3), overdue: false })]);
    expect((await c.workerA!.get('/api/my-work')).json().signpostFollowUps).toEqual([]);
    // Not before the referral was received; no next follow-up once the answer is known.
    const early = await c.coordA!.post(`/api/referrals/${signposted.id}/signpost-outcome`, {
      takenUp: 'yes',
      followedUpOn: daysAgo(10),
      version: signposted.version,
    });
    expect(early.json().error.fields[0].path).toBe('followedUpOn');
    const next = await c.coordA!.post(`/api/referrals/${signposted.id}/signpost-outcome`, {
      takenUp: 'yes',
      followedUpOn: today,
      nextFollowUpOn: inDays(5),
      version: signposted.version,
    });
    expect(next.json().error.fields[0].path).toBe('nextFollowUpOn');
    const stale = await c.coordA!.post(`/api/referrals/${signposted.id}/signpost-outcome`, {
      takenUp: 'yes',
      followedUpOn: today,
      version: signposted.version + 3,
    });
    expect(stale.statusCode).toBe(409);
    const done = await c.workerA!.post(`/api/referrals/${signposted.id}/signpost-outcome`, {
      takenUp: 'yes',
      followedUpOn: today,
      version: signposted.version,
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().signpost).toMatchObject({ takenUp: 'yes', followedUpOn: today });
    expect((await c.coordA!.get('/api/my-work')).json().signpostFollowUps).toEqual([]);
    signposted.version = done.json().version;
  });

  it('refuses a follow-up of a referral that was not signposted, and signposting with neither partner nor organisation', async () => {
    const fresh = (await c.workerA!.post('/api/referrals', referralBody({ source: 'self' }))).json();
    const outcome = await c.coordA!.post(`/api/referrals/${fresh.id}/signpost-outcome`, {
      takenUp: 'yes',
      followedUpOn: today,
      version: fresh.version,
    });
    expect(outcome.statusCode).toBe(422);
    const nowhere = await c.coordA!.post(`/api/referrals/${fresh.id}/triage`, { action: 'signpost', version: fresh.version });
    expect(nowhere.statusCode).toBe(400);
    expect(nowhere.json().error.fields[0].path).toBe('organization');
    const foreign = await c.coordA!.post(`/api/referrals/${fresh.id}/triage`, {
      action: 'signpost',
      partnerId: otherPartnerId,
      version: fresh.version,
    });
    expect(foreign.json().error.fields[0].path).toBe('partnerId');
    const before = await c.coordA!.post(`/api/referrals/${fresh.id}/triage`, {
      action: 'signpost',
      organization: 'МФЦ',
      followUpOn: daysAgo(10),
      version: fresh.version,
    });
    expect(before.json().error.fields[0].path).toBe('followUpOn');
  });
});

describe('partner figures in the shipped indicators', () => {
  it('counts referrals by the referring partner kind, signposting taken up and partners with agreements in force, as worked by hand', async () => {
    // An agreement that ended before the period does not count its partner.
    const clinic = (await c.coordA!.get(`/api/partners?kind=polyclinic`)).json().items[0].id as string;
    const old = await c.coordA!.post(`/api/partners/${clinic}/agreements`, {
      number: 'OLD',
      signedOn: daysAgo(400),
      validFrom: daysAgo(400),
      validTo: daysAgo(200),
    });
    expect(old.statusCode, old.body).toBe(201);
    const res = await c.meA!.get(`/api/indicators/values?from=${daysAgo(30)}&to=${today}`);
    expect(res.statusCode, res.body).toBe(200);
    const value = (code: string) =>
      (res.json().items as { code: string; result: { value: number | null } }[]).find((i) => i.code === code)?.result.value;
    // By hand: one referral named a partner (the guardianship office, from its contact person); the
    // signposted referral's help was taken up; the guardianship office's agreement is in force.
    expect(value('referrals_from_partners')).toBe(1);
    expect(value('referrals_from_guardianship')).toBe(1);
    expect(value('signposting_taken_up')).toBe(1);
    expect(value('partners_with_agreements')).toBe(1);
    const before = await c.meA!.get(`/api/indicators/values?from=${daysAgo(400)}&to=${daysAgo(300)}`);
    const earlier = (before.json().items as { code: string; result: { value: number | null } }[]).find(
      (i) => i.code === 'partners_with_agreements',
    );
    expect(earlier?.result.value).toBe(1);
  });
});

describe('migration 0032: the partner indicators for organisations created before it', () => {
  const CODES = ['referrals_from_partners', 'referrals_from_guardianship', 'signposting_taken_up', 'partners_with_agreements'];
  const migration = listMigrations().find((m) => m.version === 32)!;
  const part = migration.sql.slice(
    migration.sql.indexOf('-- Organisations created before this migration get the shipped partner indicators'),
  );

  it('gives an older organisation the shipped definitions once, and keeps an indicator it already has', async () => {
    expect(part).toContain('insert into indicator_versions');
    const orgId = await system(
      t.engine,
      async (tx) => (await tx.insert(organizations).values({ name: 'Старая' }).returning({ id: organizations.id }))[0]!.id,
    );
    await system(t.engine, (tx) => tx.execute(sql`insert into indicators (org_id, code) values (${orgId}, 'signposting_taken_up')`));
    await t.engine.exec(part, true);
    await t.engine.exec(part, true);
    const rows = await system(t.engine, (tx) =>
      tx.execute<{ code: string; definition: unknown }>(sql`select i.code, v.definition from indicators i
        left join indicator_versions v on v.indicator_id = i.id where i.org_id = ${orgId} order by i.code`),
    );
    const json = (v: unknown) => (typeof v === 'string' ? (JSON.parse(v) as unknown) : v);
    const got = Object.fromEntries(rows.rows.map((r) => [r.code, json(r.definition)]));
    expect(Object.keys(got).sort()).toEqual([...CODES].sort());
    expect(got.signposting_taken_up).toBeNull();
    for (const code of CODES.filter((c) => c !== 'signposting_taken_up'))
      expect(got[code]).toEqual(SHIPPED_INDICATORS.find((d) => d.code === code));
    // The shipped one of an organisation that already has them is not touched: the org built above.
    const own = await system(t.engine, (tx) =>
      tx.execute<{ n: number }>(sql`select count(*)::int as n from indicators where org_id = ${org.orgId} and code in ${CODES}`),
    );
    expect(own.rows[0]!.n).toBe(4);
  });
});

// "Reached": the handler ran (2xx, or 400/409/422 from a rule that needs the data); N: 404; F: 403.
const R = 'reached' as const;
const N = 404;
const F = 403;
type Outcome = typeof R | 404 | 403;
const only = (reached: Name[], notFound: Name[] = []): Record<Name, Outcome> =>
  Object.fromEntries(ACTORS.map((a) => [a.name, reached.includes(a.name) ? R : notFound.includes(a.name) ? N : F])) as Record<
    Name,
    Outcome
  >;
const readers: Name[] = [
  'admin',
  'coordA',
  'coordB',
  'supervisorA',
  'workerA',
  'workerB',
  'psychologistA',
  'lawyerA',
  'deskA',
  'otherCoord',
];
const keepers: Name[] = ['admin', 'coordA', 'coordB', 'supervisorA', 'otherCoord'];
const ownOrg = (names: Name[]) => names.filter((n) => n !== 'otherCoord');

const ROUTES: { name: string; method: HTTPMethods; url: () => string; body?: () => unknown; expect: Record<Name, Outcome> }[] = [
  { name: 'directory', method: 'GET', url: () => '/api/partners', expect: only(readers) },
  { name: 'facets', method: 'GET', url: () => '/api/partners/facets', expect: only(readers) },
  { name: 'options', method: 'GET', url: () => '/api/partners/options', expect: only(readers) },
  { name: 'card', method: 'GET', url: () => `/api/partners/${opeka.id}`, expect: only(ownOrg(readers), ['otherCoord']) },
  {
    name: 'add partner',
    method: 'POST',
    url: () => '/api/partners',
    body: () => partnerBody({ name: `П ${Math.random()}` }),
    expect: only(keepers),
  },
  {
    name: 'edit partner',
    method: 'PUT',
    url: () => `/api/partners/${opeka.id}`,
    body: () => ({ ...partnerBody(), active: true, version: 999 }),
    expect: only(ownOrg(keepers), ['otherCoord']),
  },
  {
    name: 'add contact',
    method: 'POST',
    url: () => `/api/partners/${opeka.id}/contacts`,
    body: () => ({ name: 'Контакт' }),
    expect: only(ownOrg(keepers), ['otherCoord']),
  },
  {
    name: 'edit contact',
    method: 'PUT',
    url: () => `/api/partner-contacts/${contactId}`,
    body: () => ({ name: 'Контакт', active: true, version: 999 }),
    expect: only(ownOrg(keepers), ['otherCoord']),
  },
  {
    name: 'add agreement',
    method: 'POST',
    url: () => `/api/partners/${opeka.id}/agreements`,
    body: () => ({ number: 'X', signedOn: today, validFrom: today }),
    expect: only(ownOrg(keepers), ['otherCoord']),
  },
  {
    name: 'edit agreement',
    method: 'PUT',
    url: () => `/api/partner-agreements/${agreementId}`,
    body: () => ({ number: 'X', signedOn: today, validFrom: today, version: 999 }),
    expect: only(ownOrg(keepers), ['otherCoord']),
  },
  { name: 'specialists', method: 'GET', url: () => '/api/specialists', expect: only(readers) },
  {
    name: 'duplicates',
    method: 'GET',
    url: () =>
      `/api/specialists/duplicates?lastName=${encodeURIComponent('Орлова')}&firstName=${encodeURIComponent('Наталья')}&phone=9001234567`,
    expect: only(readers),
  },
  { name: 'one specialist', method: 'GET', url: () => `/api/specialists/${specialistId}`, expect: only(ownOrg(readers), ['otherCoord']) },
  {
    name: 'add specialist',
    method: 'POST',
    url: () => '/api/specialists',
    body: () => ({ lastName: 'Тест', firstName: 'Тест', profession: 'other', consentOn: today }),
    expect: only(keepers),
  },
  {
    name: 'edit specialist',
    method: 'PUT',
    url: () => `/api/specialists/${specialistId}`,
    body: () => ({
      lastName: 'Орлова',
      firstName: 'Наталья',
      profession: 'guardianship_inspector',
      consentOn: today,
      active: true,
      version: 999,
    }),
    expect: only(ownOrg(keepers), ['otherCoord']),
  },
  // The follow-up of a signposting: those who reach the referral (its receiver, the branch's
  // coordinator and supervisor); another branch and another organisation read it as not found.
  {
    name: 'signpost outcome',
    method: 'POST',
    url: () => `/api/referrals/${signposted.id}/signpost-outcome`,
    body: () => ({ takenUp: 'no', followedUpOn: today, version: 999 }),
    expect: only(['coordA', 'supervisorA', 'workerA'], ['coordB', 'workerB', 'psychologistA', 'lawyerA', 'deskA', 'otherCoord']),
  },
];

describe('partners authorization matrix', () => {
  for (const route of ROUTES)
    it(`${route.method} ${route.name}`, async () => {
      const got: Record<string, Outcome | number> = {};
      for (const a of ACTORS) {
        const res = await c[a.name]!.request(route.method, route.url(), route.body?.());
        const status = res.statusCode;
        got[a.name] = status === 404 || status === 403 ? status : [200, 201, 400, 409, 422].includes(status) ? R : status;
      }
      expect(got).toEqual(route.expect);
    });

  it("another organisation's ids in every id field read as not found or a 400 naming the field", async () => {
    const o = c.otherCoord!;
    expect((await o.get(`/api/partners/${opeka.id}`)).statusCode).toBe(404);
    expect((await o.post(`/api/partners/${opeka.id}/contacts`, { name: 'X' })).statusCode).toBe(404);
    expect((await o.put(`/api/partner-contacts/${contactId}`, { name: 'X', active: true, version: 1 })).statusCode).toBe(404);
    expect(
      (await o.put(`/api/partner-agreements/${agreementId}`, { number: 'X', signedOn: today, validFrom: today, version: 1 })).statusCode,
    ).toBe(404);
    const filtered = await o.get(`/api/specialists?partnerId=${opeka.id}`);
    expect(filtered.statusCode).toBe(400);
    expect(filtered.json().error.fields[0].path).toBe('partnerId');
    const spec = await o.post('/api/specialists', {
      partnerId: opeka.id,
      lastName: 'X',
      firstName: 'Y',
      profession: 'other',
      consentOn: today,
    });
    expect(spec.json().error.fields[0].path).toBe('partnerId');
    const ref = await o.post('/api/referrals', { ...referralBody(), branchId: other.branchIds[0], partnerId: opeka.id });
    expect(ref.json().error.fields[0].path).toBe('partnerId');
    const contact = await o.post('/api/referrals', {
      ...referralBody(),
      branchId: other.branchIds[0],
      partnerId: otherPartnerId,
      partnerContactId: contactId,
    });
    expect(contact.json().error.fields[0].path).toBe('partnerContactId');
  });

  it('the directory is the whole organisation’s: another branch’s worker sees the same partners', async () => {
    const a = (await c.workerA!.get('/api/partners')).json().total;
    expect((await c.workerB!.get('/api/partners')).json().total).toBe(a);
    expect((await c.otherCoord!.get('/api/partners')).json().items.map((p: { id: string }) => p.id)).not.toContain(opeka.id);
  });
});
