// Outcomes per family, follow-up contacts and cohorts through the real HTTP app (PGlite and
// PostgreSQL): evidence from the records, marks appended with history, the authorization matrix,
// validation that names the field and writes nothing, retry safety, and a cohort whose figures are
// worked out by hand below.
import type { HTTPMethods } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { DEFAULT_ROLE_PERMISSIONS, type RoleCode } from '../../domain/access/permissions.js';
import { addMonths } from '../../domain/outcomes/follow-up.js';
import { system } from '../db/gateway.js';
import { buildCase, type BuiltCase } from '../testing/casework.js';
import { buildOrganization, buildUser, login, type Client, type TestApp, type TestOrganization, buildTestApp } from '../testing/harness.js';

const today = () => new Date().toISOString().slice(0, 10);
// The admin's default permissions decide whether the admin reads results figures (indicators.read).
const adminReads = (DEFAULT_ROLE_PERMISSIONS.admin as readonly string[]).includes('indicators.read') ? 200 : 403;
const adminManages = (ok: number) => ((DEFAULT_ROLE_PERMISSIONS.admin as readonly string[]).includes('indicators.manage') ? ok : 403);
const monthsAgo = (n: number) => addMonths(today(), -n);

let t: TestApp;
let org: TestOrganization;
let admin: Client;
let programmeId: string;
const ids: Record<string, string> = {};
const c: Record<string, Client> = {};
let open: BuiltCase; // led by worker, psychologist on the team, volunteer on the team (branch A)
let left: BuiltCase; // closed 4 months ago, same team

const ACTORS: { name: string; roles: RoleCode[]; branch: 0 | 1 }[] = [
  { name: 'worker', roles: ['case_worker'], branch: 0 },
  { name: 'psychologist', roles: ['psychologist'], branch: 0 },
  { name: 'otherWorker', roles: ['case_worker'], branch: 0 },
  { name: 'coordA', roles: ['coordinator'], branch: 0 },
  { name: 'coordB', roles: ['coordinator'], branch: 1 },
  { name: 'supervisorA', roles: ['supervisor'], branch: 0 },
  { name: 'me', roles: ['me_officer'], branch: 0 },
  { name: 'volunteer', roles: ['volunteer'], branch: 0 },
];

async function close(coord: Client, caseId: string, on: string, outcome: string) {
  const detail = (await coord.get(`/api/cases/${caseId}`)).json();
  const res = await coord.post(`/api/cases/${caseId}/transition`, {
    action: 'close',
    on,
    outcome,
    reason: 'Итог работы',
    version: detail.case.version,
  });
  expect(res.statusCode, res.body).toBe(200);
}

async function count(table: string): Promise<number> {
  const rows = await system(t.engine, (tx) => tx.execute<{ n: number }>(sql`select count(*)::int as n from ${sql.raw(table)}`));
  return Number(rows.rows[0]!.n);
}

beforeAll(async () => {
  t = await buildTestApp();
  org = await buildOrganization(t);
  admin = await login(t, org.adminEmail);
  programmeId = (await admin.post('/api/programmes', { name: 'Неразлучные', periodStart: '2025-01-01', periodEnd: '2027-12-31' })).json()
    .id;
  for (const a of ACTORS) {
    const user = await buildUser(t, org, a.roles, [org.branchIds[a.branch]!]);
    ids[a.name] = user.id;
    c[a.name] = await login(t, user.email);
  }
  const otherOrg = await buildOrganization(t);
  c.otherOrg = await login(t, (await buildUser(t, otherOrg, ['coordinator'], [otherOrg.branchIds[0]!])).email);
  c.otherOrgMe = await login(t, (await buildUser(t, otherOrg, ['me_officer'], [otherOrg.branchIds[0]!])).email);
  c.admin = admin;
  const team = [
    { userId: ids.psychologist!, role: 'psychologist' },
    { userId: ids.volunteer!, role: 'volunteer' },
  ];
  open = await buildCase(c.coordA!, { branchId: org.branchIds[0]!, programmeId, leadId: ids.worker!, team, openedOn: monthsAgo(2) });
  left = await buildCase(c.coordA!, { branchId: org.branchIds[0]!, programmeId, leadId: ids.worker!, team, openedOn: monthsAgo(9) });
  await close(c.coordA!, left.caseId, monthsAgo(4), 'child_with_family');
});
afterAll(() => t.close());

async function outcomeId(caseId: string, code: string): Promise<string> {
  const res = await c.worker!.get(`/api/cases/${caseId}/outcomes`);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json().items as { outcome: { id: string; code: string } }[]).find((i) => i.outcome.code === code)!.outcome.id;
}

describe('outcomes of a family', () => {
  it('lists the default framework by term, evidence from the records and nothing else achieved on a fresh case', async () => {
    const res = await c.worker!.get(`/api/cases/${open.caseId}/outcomes`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.canMark).toBe(true);
    expect(body.items).toHaveLength(13);
    expect(body.items.map((i: { outcome: { term: string } }) => i.outcome.term).filter((x: string) => x === 'short')).toHaveLength(5);
    // The factory family has a lost passport: documents are not complete; no plan yet.
    expect(body.items.every((i: { status: string; evidence: unknown }) => i.status === 'open' && i.evidence === null)).toBe(true);
  });

  it('marks outcomes automatically when a record proves them: a plan drawn up with a desired future, all goals achieved', async () => {
    const plan = await c.worker!.post(`/api/cases/${open.caseId}/plan`, {
      desiredFuture: 'Жить с сыном отдельно, работать продавцом',
      participants: [{ kind: 'mother', name: 'Дарья' }],
      startOn: today(),
      nextReviewOn: today(),
      goals: [
        { domain: 'housing', title: 'Найти жильё', status: 'achieved' },
        { domain: 'work', title: 'Устроиться на работу', status: 'cancelled' },
      ],
    });
    expect(plan.statusCode, plan.body).toBe(201);
    const contact = await c.worker!.post(`/api/families/${open.familyId}/contacts`, {
      name: 'Сестра Ольга',
      kind: 'relative',
      relationship: 'сестра',
      nature: 'supportive',
      reachable: true,
    });
    expect(contact.statusCode, contact.body).toBe(201);
    const items = (await c.worker!.get(`/api/cases/${open.caseId}/outcomes`)).json().items as {
      outcome: { code: string };
      status: string;
      evidence: { rule: string; on: string | null; params: Record<string, unknown> } | null;
    }[];
    const byCode = Object.fromEntries(items.map((i) => [i.outcome.code, i]));
    expect(byCode.plan_drawn_up!.evidence).toEqual({ rule: 'plan_drawn_up', on: today(), params: {} });
    expect(byCode.plan_drawn_up!.status).toBe('achieved');
    expect(byCode.desired_future!.evidence?.rule).toBe('desired_future_formulated');
    expect(byCode.plan_goals_completed!.evidence?.params).toEqual({ achieved: 1, total: 1 });
    expect(byCode.social_contacts_mapped!.evidence?.params).toEqual({ count: 1 });
    // Added today, the case opened two months ago: a reconnection.
    expect(byCode.relatives_reconnected!.evidence?.on).toBe(today());
    expect(byCode.documents_complete!.evidence).toBeNull();
    expect(byCode.lawyer_informed!.evidence).toBeNull();
  });

  it('a closed case shows the child with the family until a follow-up says otherwise', async () => {
    const items = (await c.worker!.get(`/api/cases/${left.caseId}/outcomes`)).json().items as {
      outcome: { code: string };
      evidence: unknown;
    }[];
    expect(items.find((i) => i.outcome.code === 'child_with_family')!.evidence).toEqual({
      rule: 'child_with_family',
      on: monthsAgo(4),
      params: { source: 'case_closed' },
    });
  });

  it('appends hand marks with date and note; the history keeps every one, newest first; audited and on the timeline', async () => {
    const id = await outcomeId(open.caseId, 'trust_in_staff');
    const first = await c.psychologist!.post(`/api/cases/${open.caseId}/outcomes/${id}/marks`, {
      status: 'not_achieved',
      on: monthsAgo(1),
      note: 'Пока избегает встреч',
    });
    expect(first.statusCode, first.body).toBe(201);
    const second = await c.worker!.post(`/api/cases/${open.caseId}/outcomes/${id}/marks`, {
      status: 'achieved',
      on: today(),
      note: 'Сама обращается за советом',
    });
    expect(second.statusCode, second.body).toBe(201);
    const item = (
      second.json().items as { outcome: { id: string }; status: string; marks: { status: string; note: string; markedBy: string }[] }[]
    ).find((i) => i.outcome.id === id)!;
    expect(item.status).toBe('achieved');
    expect(item.marks.map((m) => m.status)).toEqual(['achieved', 'not_achieved']);
    expect(item.marks[1]!.note).toBe('Пока избегает встреч');
    const timeline = await c.worker!.get(`/api/cases/${open.caseId}`);
    expect(JSON.stringify(timeline.json())).toContain('outcome_marked');
    const audit = await system(t.engine, (tx) =>
      tx.execute<{ n: number }>(sql`select count(*)::int as n from audit_log where record_type = 'outcome_mark'`),
    );
    expect(Number(audit.rows[0]!.n)).toBe(2);
  });

  it('refuses bad marks with 400 naming the field, and writes nothing', async () => {
    const id = await outcomeId(open.caseId, 'cares_for_child');
    const before = await count('outcome_marks');
    const future = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    const cases: [unknown, string][] = [
      [{ status: 'achieved', on: future, note: 'Заботится' }, 'on'],
      [{ status: 'achieved', on: today(), note: '  ' }, 'note'],
      [{ status: 'achieved', on: today() }, 'note'],
      [{ status: 'maybe', on: today(), note: 'x' }, 'status'],
      [{ status: 'achieved', on: '2020-01-01', note: 'До начала случая' }, 'on'],
    ];
    for (const [body, field] of cases) {
      const res = await c.worker!.post(`/api/cases/${open.caseId}/outcomes/${id}/marks`, body);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.fields.map((f: { path: string }) => f.path)).toContain(field);
    }
    expect(await count('outcome_marks')).toBe(before);
    // An outcome of another organisation or a made-up one reads as not found.
    const missing = await c.worker!.post(`/api/cases/${open.caseId}/outcomes/${crypto.randomUUID()}/marks`, {
      status: 'achieved',
      on: today(),
      note: 'x',
    });
    expect(missing.statusCode).toBe(404);
  });

  it('a retried mark (same Idempotency-Key) is written once', async () => {
    const id = await outcomeId(open.caseId, 'lawyer_informed');
    const before = await count('outcome_marks');
    const headers = { 'idempotency-key': `mark-${Date.now()}` };
    const body = { status: 'achieved', on: today(), note: 'Юрист получил все документы' };
    const a = await c.worker!.post(`/api/cases/${open.caseId}/outcomes/${id}/marks`, body, headers);
    const b = await c.worker!.post(`/api/cases/${open.caseId}/outcomes/${id}/marks`, body, headers);
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    expect(b.headers['idempotent-replay']).toBe('true');
    expect(await count('outcome_marks')).toBe(before + 1);
  });
});

describe('authorization', () => {
  // Managing the framework: only the M&E officer (and the admin, when the admin holds indicators.manage);
  // another organisation's M&E officer does not find this organisation's records.
  const managers = {
    worker: 403,
    psychologist: 403,
    otherWorker: 403,
    coordA: 403,
    coordB: 403,
    supervisorA: 403,
    volunteer: 403,
    otherOrg: 403,
    otherOrgMe: 404,
  };
  let defaultFramework = '';
  beforeAll(async () => {
    defaultFramework = ((await c.me!.get('/api/outcome-frameworks')).json().items as { id: string }[])[0]!.id;
  });
  const ROUTES: {
    name: string;
    method: HTTPMethods;
    url: () => string | Promise<string>;
    body?: () => unknown;
    expect: Record<string, number>;
  }[] = [
    {
      name: 'case outcomes',
      method: 'GET',
      url: () => `/api/cases/${open.caseId}/outcomes`,
      expect: {
        worker: 200,
        psychologist: 200,
        otherWorker: 404,
        coordA: 200,
        coordB: 404,
        supervisorA: 200,
        me: 403,
        volunteer: 403,
        admin: 403,
        otherOrg: 404,
      },
    },
    {
      name: 'mark',
      method: 'POST',
      url: async () => `/api/cases/${open.caseId}/outcomes/${await outcomeId(open.caseId, 'trust_in_staff')}/marks`,
      body: () => ({ status: 'achieved', on: today(), note: 'Доверяет' }),
      expect: {
        worker: 201,
        psychologist: 201,
        otherWorker: 404,
        coordA: 201,
        coordB: 404,
        supervisorA: 403,
        me: 403,
        volunteer: 403,
        admin: 403,
        otherOrg: 404,
      },
    },
    {
      name: 'follow-ups due',
      method: 'GET',
      url: () => '/api/follow-ups',
      expect: {
        worker: 200,
        psychologist: 200,
        otherWorker: 200,
        coordA: 200,
        coordB: 200,
        supervisorA: 200,
        me: 403,
        volunteer: 403,
        admin: 403,
        otherOrg: 200,
      },
    },
    {
      name: 'record follow-up',
      method: 'POST',
      url: () => '/api/follow-ups',
      body: () => ({ caseId: left.caseId, milestone: 3, contactedOn: today(), format: 'phone', childWithFamily: 'yes', housing: 'rented' }),
      expect: {
        worker: 201,
        psychologist: 201,
        otherWorker: 404,
        coordA: 201,
        coordB: 404,
        supervisorA: 201,
        me: 403,
        volunteer: 403,
        admin: 403,
        otherOrg: 404,
      },
    },
    {
      name: 'cohort',
      method: 'GET',
      url: () => `/api/outcomes/cohort?programmeId=${programmeId}&from=2025-01-01&to=${today()}`,
      expect: {
        worker: 403,
        psychologist: 403,
        otherWorker: 403,
        coordA: 200,
        coordB: 200,
        supervisorA: 200,
        me: 200,
        volunteer: 403,
        admin: adminReads,
        otherOrg: 200,
      },
    },
    {
      name: 'frameworks',
      method: 'GET',
      url: () => '/api/outcome-frameworks',
      expect: {
        worker: 403,
        psychologist: 403,
        otherWorker: 403,
        coordA: 200,
        coordB: 200,
        supervisorA: 200,
        me: 200,
        volunteer: 403,
        admin: adminReads,
        otherOrg: 200,
      },
    },
    {
      name: 'add an outcome to the default framework',
      method: 'POST',
      url: () => `/api/outcome-frameworks/${defaultFramework}/outcomes`,
      body: () => ({ name: { ru: 'Мама ходит в клуб родителей', en: 'The mother attends the parents’ club' }, term: 'medium' }),
      expect: { ...managers, me: 201, admin: adminManages(201) },
    },
    {
      name: 'edit an outcome (stale version: 409 once reached)',
      method: 'PUT',
      url: async () => `/api/outcomes/${await outcomeId(open.caseId, 'cares_for_child')}`,
      body: () => ({ name: { ru: 'x', en: 'x' }, term: 'long', evidenceRule: null, retired: false, version: 999 }),
      expect: { ...managers, me: 409, admin: adminManages(409) },
    },
    {
      name: 'give a programme its own framework (unknown programme: 400 once reached)',
      method: 'POST',
      url: () => '/api/outcome-frameworks',
      body: () => ({ programmeId: crypto.randomUUID() }),
      // Another organisation's M&E officer reaches the check too: the programme is unknown there as well.
      expect: { ...managers, me: 400, admin: adminManages(400), otherOrgMe: 400 },
    },
  ];
  for (const route of ROUTES) {
    it(route.name, async () => {
      const got: Record<string, number> = {};
      for (const name of Object.keys(route.expect)) {
        const res = await c[name]!.request(route.method, await route.url(), route.body?.());
        got[name] = res.statusCode;
      }
      expect(got).toEqual(route.expect);
    });
  }

  it('the cohort of another organisation’s programme shows nothing of it; figures carry no identities', async () => {
    const res = await c.otherOrg!.get(`/api/outcomes/cohort?programmeId=${programmeId}&from=2025-01-01&to=${today()}`);
    expect(res.json().admitted).toBe(0);
    const own = await c.me!.get(`/api/outcomes/cohort?programmeId=${programmeId}&from=2025-01-01&to=${today()}`);
    expect(own.json().admitted).toBe(2);
    expect(own.body).not.toContain(left.caseId);
    expect(own.body).not.toContain('Кравцова');
  });

  it('the follow-up list is scoped: another worker does not see the family', async () => {
    const mine = (await c.worker!.get('/api/follow-ups')).json().items as { caseId: string }[];
    const theirs = (await c.otherWorker!.get('/api/follow-ups')).json().items as { caseId: string }[];
    expect(theirs.map((i) => i.caseId)).not.toContain(left.caseId);
    expect(mine).toBeDefined();
  });
});

describe('follow-up contacts', () => {
  it('validates: date before leaving or in the future, unknown answer, open case (422); nothing written', async () => {
    const services = await count('services');
    const base = { caseId: left.caseId, milestone: 6, contactedOn: today(), format: 'phone', childWithFamily: 'yes', housing: 'rented' };
    const future = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    for (const [body, field] of [
      [{ ...base, contactedOn: monthsAgo(5) }, 'contactedOn'],
      [{ ...base, contactedOn: future }, 'contactedOn'],
      [{ ...base, childWithFamily: 'maybe' }, 'childWithFamily'],
      [{ ...base, milestone: 4 }, 'milestone'],
      [{ ...base, housing: undefined }, 'housing'],
    ] as [unknown, string][]) {
      const res = await c.worker!.post('/api/follow-ups', body);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.fields.map((f: { path: string }) => f.path)).toContain(field);
    }
    const stillOpen = await c.worker!.post('/api/follow-ups', { ...base, caseId: open.caseId });
    expect(stillOpen.statusCode).toBe(422);
    expect(await count('services')).toBe(services);
  });

  it('is a service of type follow_up_contact, safe to retry, on the timeline', async () => {
    const before = await count('follow_ups');
    const headers = { 'idempotency-key': `fu-${Date.now()}` };
    // Left four months ago: the 3-month contact's horizon has come (the 6-month one's has not).
    const body = {
      caseId: left.caseId,
      milestone: 3,
      contactedOn: today(),
      format: 'home_visit',
      childWithFamily: 'relatives',
      housing: 'with_relatives',
      place: 'Псков',
    };
    const a = await c.worker!.post('/api/follow-ups', body, headers);
    const b = await c.worker!.post('/api/follow-ups', body, headers);
    expect(a.statusCode, a.body).toBe(201);
    expect(b.json().id).toBe(a.json().id);
    expect(await count('follow_ups')).toBe(before + 1);
    const history = (await c.worker!.get(`/api/cases/${left.caseId}/services`)).json();
    expect(history.items.some((s: { id: string; typeName: string }) => s.id === a.json().serviceId)).toBe(true);
    const detail = JSON.stringify((await c.worker!.get(`/api/cases/${left.caseId}`)).json());
    expect(detail).toContain('follow_up_recorded');
    // The latest word: the child now lives with relatives, so the long-term outcome is no longer evidenced.
    const outcomes = (await c.worker!.get(`/api/cases/${left.caseId}/outcomes`)).json();
    const items = outcomes.items as { outcome: { code: string }; evidence: unknown }[];
    expect(items.find((i) => i.outcome.code === 'child_with_family')!.evidence).toBeNull();
    // The case's follow-ups, newest first, with where the family lives now.
    expect(outcomes.followUps[0]).toMatchObject({
      id: a.json().id,
      milestone: 3,
      childWithFamily: 'relatives',
      housing: 'with_relatives',
      place: 'Псков',
    });
  });
});

describe('the due list', () => {
  it('lists a family whose contact is due, and drops it once recorded', async () => {
    const fresh = await buildCase(c.coordA!, { branchId: org.branchIds[0]!, programmeId, leadId: ids.worker!, openedOn: monthsAgo(8) });
    // Left three months and ten days ago: the 3-month contact is due (within 30 days after).
    const leftOn = new Date(Date.parse(`${monthsAgo(3)}T00:00:00Z`) - 10 * 86_400_000).toISOString().slice(0, 10);
    await close(c.coordA!, fresh.caseId, leftOn, 'independent_living');
    const due = (await c.worker!.get('/api/follow-ups?status=due')).json().items as { caseId: string; milestone: number; dueOn: string }[];
    expect(due.find((i) => i.caseId === fresh.caseId)).toMatchObject({ milestone: 3, dueOn: addMonths(leftOn, 3) });
    const overdue = (await c.worker!.get('/api/follow-ups?status=overdue')).json().items as { caseId: string }[];
    expect(overdue.map((i) => i.caseId)).not.toContain(fresh.caseId);
    expect((await c.otherWorker!.get('/api/follow-ups?status=due')).json().items.map((i: { caseId: string }) => i.caseId)).not.toContain(
      fresh.caseId,
    );
    const res = await c.worker!.post('/api/follow-ups', {
      caseId: fresh.caseId,
      milestone: 3,
      contactedOn: today(),
      format: 'phone',
      childWithFamily: 'yes',
      housing: 'rented',
    });
    expect(res.statusCode, res.body).toBe(201);
    const after = (await c.worker!.get('/api/follow-ups')).json().items as { caseId: string }[];
    expect(after.map((i) => i.caseId)).not.toContain(fresh.caseId);
  });
});

describe('outcome framework', () => {
  it('the M&E officer adds, renames and retires outcomes; stale edits get 409; a programme gets its own copy', async () => {
    const list = (await c.me!.get('/api/outcome-frameworks')).json().items as {
      id: string;
      programmeId: string | null;
      outcomes: unknown[];
    }[];
    expect(list).toHaveLength(1);
    expect(list[0]!.programmeId).toBeNull();
    const copy = await c.me!.post('/api/outcome-frameworks', { programmeId });
    expect(copy.statusCode, copy.body).toBe(201);
    // A copy of the default's current outcomes (the shipped 13 and those added above).
    expect(copy.json().outcomes).toHaveLength(list[0]!.outcomes.length);
    expect(list[0]!.outcomes.length).toBeGreaterThanOrEqual(13);
    expect((await c.me!.post('/api/outcome-frameworks', { programmeId })).statusCode).toBe(409);
    expect((await c.coordA!.post('/api/outcome-frameworks', { programmeId })).statusCode).toBe(403);
    const frameworkId = copy.json().id as string;
    const added = await c.me!.post(`/api/outcome-frameworks/${frameworkId}/outcomes`, {
      name: { ru: 'Ребёнок посещает детский сад', en: 'The child attends a kindergarten' },
      term: 'medium',
    });
    expect(added.statusCode, added.body).toBe(201);
    expect(
      (await c.coordA!.post(`/api/outcome-frameworks/${frameworkId}/outcomes`, { name: { ru: 'x', en: 'x' }, term: 'short' })).statusCode,
    ).toBe(403);
    const bad = await c.me!.post(`/api/outcome-frameworks/${frameworkId}/outcomes`, { name: { ru: '', en: 'x' }, term: 'forever' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.map((f: { path: string }) => f.path)).toEqual(expect.arrayContaining(['name.ru', 'term']));
    const outcome = added.json();
    const renamed = await c.me!.put(`/api/outcomes/${outcome.id}`, {
      name: { ru: 'Ребёнок ходит в детский сад', en: 'The child goes to a kindergarten' },
      term: 'long',
      evidenceRule: null,
      retired: false,
      version: outcome.version,
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    const stale = await c.me!.put(`/api/outcomes/${outcome.id}`, {
      name: outcome.name,
      term: 'short',
      evidenceRule: null,
      retired: true,
      version: outcome.version,
    });
    expect(stale.statusCode).toBe(409);
    // The programme's case now uses the programme's framework: 14 outcomes, the new one under long-term.
    const items = (await c.worker!.get(`/api/cases/${open.caseId}/outcomes`)).json();
    expect(items.frameworkId).toBe(frameworkId);
    expect(items.items.find((i: { outcome: { id: string } }) => i.outcome.id === outcome.id).outcome.term).toBe('long');
    // Retired: gone from cases that never marked it.
    const current = renamed.json() as { name: unknown; term: string; version: number };
    const retired = await c.me!.put(`/api/outcomes/${outcome.id}`, {
      name: current.name,
      term: current.term,
      evidenceRule: null,
      retired: true,
      version: current.version,
    });
    expect(retired.statusCode, retired.body).toBe(200);
    const after = (await c.worker!.get(`/api/cases/${open.caseId}/outcomes`)).json().items as { outcome: { id: string } }[];
    expect(after.map((i) => i.outcome.id)).not.toContain(outcome.id);
  });
});
