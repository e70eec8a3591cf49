// The consents each programme requires (issue 12, point 9): a programme setting the admin edits with
// the programme, validated against the known consent kinds; the case page's missing consents warning
// and the caseload's mark count the case's own programme's set, so one programme's optional consent
// never raises another's warning. Authorization of the setting: only who manages programmes changes
// it, another organisation's programme is not found. Through the HTTP app, on both engines.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_CODES, type RoleCode } from '../../domain/access/permissions.js';
import { system } from '../db/gateway.js';
import { buildCase } from '../testing/casework.js';
import { buildOrganization, buildTestApp, buildUser, login, type Client, type TestApp, type TestOrganization } from '../testing/harness.js';

let t: TestApp;
let org: TestOrganization;
let admin: Client;
let coordinator: Client;
let leadId: string;
const clients = {} as Record<RoleCode, Client>;

interface Programme {
  id: string;
  name: string;
  periodStart: string;
  periodEnd: string;
  requiredConsents: string[];
  version: number;
}

beforeAll(async () => {
  t = await buildTestApp();
  org = await buildOrganization(t);
  admin = await login(t, org.adminEmail);
  coordinator = await login(t, (await buildUser(t, org, ['coordinator'])).email);
  leadId = (await buildUser(t, org, ['case_worker'])).id;
  for (const role of ROLE_CODES) clients[role] = await login(t, (await buildUser(t, org, [role])).email);
});
afterAll(() => t.close());

let names = 0;
async function newProgramme(client: Client, extra: Record<string, unknown> = {}): Promise<Programme> {
  names += 1;
  const res = await client.post('/api/programmes', {
    name: `Программа ${names}`,
    periodStart: '2026-01-01',
    periodEnd: '2026-12-31',
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

function setRequired(client: Client, p: Programme, requiredConsents: unknown) {
  return client.put(`/api/programmes/${p.id}`, {
    name: p.name,
    periodStart: p.periodStart,
    periodEnd: p.periodEnd,
    requiredConsents,
    version: p.version,
  });
}

async function current(id: string): Promise<Programme> {
  return (await admin.get('/api/programmes')).json().items.find((p: Programme) => p.id === id);
}

const fields = (res: { json(): { error: { fields: { path: string }[] } } }) => res.json().error.fields.map((f) => f.path);

async function openCase(programmeId: string) {
  const { caseId, familyId, motherId } = await buildCase(coordinator, { branchId: org.branchIds[0]!, programmeId, leadId });
  const give = async (kind: string) => {
    const res = await coordinator.post(`/api/families/${familyId}/consents`, {
      memberId: motherId,
      kind,
      givenOn: '2026-09-02',
      scope: 'Сопровождение',
    });
    expect(res.statusCode, res.body).toBe(201);
  };
  const page = async () => (await coordinator.get(`/api/cases/${caseId}`)).json();
  const marked = async () =>
    (await coordinator.get(`/api/cases?programmeId=${programmeId}`)).json().items.find((c: { id: string }) => c.id === caseId)
      .missingConsent as boolean;
  return { motherId, give, page, marked };
}

describe('the required consents of a programme', () => {
  it('are the personal-data consent unless the admin says otherwise', async () => {
    const p = await newProgramme(admin);
    expect(p.requiredConsents).toEqual(['personal_data']);
    expect((await current(p.id)).requiredConsents).toEqual(['personal_data']);
  });

  it('are kept once each in the catalogue order, and audited by field name only', async () => {
    const p = await newProgramme(admin, { requiredConsents: ['photo_video', 'personal_data', 'photo_video'] });
    expect(p.requiredConsents).toEqual(['personal_data', 'photo_video']);
    const res = await setRequired(admin, p, ['special_categories', 'personal_data']);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().requiredConsents).toEqual(['personal_data', 'special_categories']);
    const audit = await system(t.engine, (tx) =>
      tx.execute<{ details: unknown }>(
        sql`select details from audit_log where record_id = ${p.id} and action = 'update' order by id desc limit 1`,
      ),
    );
    const details = JSON.stringify(audit.rows[0]!.details);
    expect(details).toContain('requiredConsents');
    expect(details).not.toContain('special_categories');
  });

  it('refuse an unknown kind or a shape that is not a list, naming the field (400), and change nothing', async () => {
    const p = await newProgramme(admin);
    const unknown = await setRequired(admin, p, ['personal_data', 'passport_copy']);
    expect(unknown.statusCode).toBe(400);
    expect(fields(unknown)).toEqual(['requiredConsents.1']);
    const notList = await setRequired(admin, p, 'personal_data');
    expect(notList.statusCode).toBe(400);
    expect([...new Set(fields(notList))]).toEqual(['requiredConsents']);
    const created = await admin.post('/api/programmes', {
      name: 'Без согласий?',
      periodStart: '2026-01-01',
      periodEnd: '2026-12-31',
      requiredConsents: [null],
    });
    expect(created.statusCode).toBe(400);
    expect(fields(created)).toEqual(['requiredConsents.0']);
    expect(await current(p.id)).toMatchObject({ requiredConsents: ['personal_data'], version: p.version });
  });
});

describe("the missing consents warning counts the case's programme's set", () => {
  it('a kind the programme requires keeps it on until given; the same kind is optional in another programme', async () => {
    const strict = await newProgramme(admin);
    expect((await setRequired(admin, strict, ['personal_data', 'photo_video'])).statusCode).toBe(200);
    const plain = await newProgramme(admin);
    const inStrict = await openCase(strict.id);
    const inPlain = await openCase(plain.id);

    let detail = await inStrict.page();
    expect(detail.requiredConsents).toEqual(['personal_data', 'photo_video']);
    expect(detail.missingConsents).toEqual([{ memberId: inStrict.motherId, kinds: ['personal_data', 'photo_video'] }]);

    await inStrict.give('personal_data');
    await inPlain.give('personal_data');
    detail = await inStrict.page();
    expect(detail.missingConsents).toEqual([{ memberId: inStrict.motherId, kinds: ['photo_video'] }]);
    expect(await inStrict.marked()).toBe(true);
    // The plain programme requires the personal-data consent only: no photos, no warning.
    expect((await inPlain.page()).missingConsents).toEqual([]);
    expect(await inPlain.marked()).toBe(false);

    await inStrict.give('photo_video');
    expect((await inStrict.page()).missingConsents).toEqual([]);
    expect(await inStrict.marked()).toBe(false);
  });

  it('follows a change of the setting, and a programme that requires none never warns', async () => {
    const p = await newProgramme(admin);
    const c = await openCase(p.id);
    expect(await c.marked()).toBe(true);
    expect((await setRequired(admin, await current(p.id), [])).statusCode).toBe(200);
    expect((await c.page()).missingConsents).toEqual([]);
    expect((await c.page()).requiredConsents).toEqual([]);
    expect(await c.marked()).toBe(false);
    expect((await setRequired(admin, await current(p.id), ['special_categories'])).statusCode).toBe(200);
    expect((await c.page()).missingConsents).toEqual([{ memberId: c.motherId, kinds: ['special_categories'] }]);
    expect(await c.marked()).toBe(true);
  });
});

describe('who may change the setting', () => {
  it('only a role that manages programmes (the admin); every other role gets 403 and nothing changes', async () => {
    const results: Record<string, number> = {};
    const expected: Record<string, number> = {};
    for (const role of ROLE_CODES) {
      const p = await newProgramme(admin);
      results[role] = (await setRequired(clients[role], p, ['personal_data', 'photo_video'])).statusCode;
      expected[role] = role === 'admin' ? 200 : 403;
      if (role !== 'admin') expect((await current(p.id)).requiredConsents, role).toEqual(['personal_data']);
    }
    expect(results).toEqual(expected);
  });

  it('without a session: 401', async () => {
    const p = await newProgramme(admin);
    const res = await t.app.inject({
      method: 'PUT',
      url: `/api/programmes/${p.id}`,
      payload: { name: p.name, periodStart: p.periodStart, periodEnd: p.periodEnd, requiredConsents: [], version: p.version },
    });
    expect(res.statusCode).toBe(401);
  });

  it("another organisation's programme is not found, even for its admin, and keeps its setting", async () => {
    const other = await buildOrganization(t);
    const otherAdmin = await login(t, other.adminEmail);
    const theirs = await newProgramme(otherAdmin);
    const res = await setRequired(admin, theirs, []);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.id).toBe('errors.not_found');
    const listed = (await otherAdmin.get('/api/programmes')).json().items.find((p: Programme) => p.id === theirs.id);
    expect(listed).toMatchObject({ requiredConsents: ['personal_data'], version: theirs.version });
  });
});
