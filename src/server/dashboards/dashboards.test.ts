// The dashboards through the HTTP app, on a hand-built fixture whose expected figures are worked
// out by hand below (relative to today, so the test holds on any day), and the authorization
// matrix of the three routes (roles × own/other branch × other organisation). No identities leave.
import { sql } from 'drizzle-orm';
import type { HTTPMethods } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { system } from '../db/gateway.js';
import { buildHousingWorld, today, type HousingWorld } from '../testing/housing.js';
import { buildCase } from '../testing/casework.js';
import { buildOrganization, buildTestApp, buildUser, login, type Client, type TestApp } from '../testing/harness.js';

let t: TestApp;
let w: HousingWorld;
const clients: Record<string, Client> = {};
let w1: string;
let w2: string;

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const monthStart = () => `${today().slice(0, 7)}-01`;
const lastMonthStart = () => {
  const d = new Date(`${monthStart()}T00:00:00Z`);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1)).toISOString().slice(0, 10);
};
const monthLast = () => {
  const d = new Date(`${monthStart()}T00:00:00Z`);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).toISOString().slice(0, 10);
};

beforeAll(async () => {
  t = await buildTestApp();
  w = await buildHousingWorld(t);
  const [a, b] = w.org.branchIds as [string, string];
  const coordinator = w.coordinator;
  const worker1 = await buildUser(t, w.org, ['case_worker'], [a]);
  const worker2 = await buildUser(t, w.org, ['case_worker'], [a]);
  const workerB = await buildUser(t, w.org, ['case_worker'], [b]);
  w1 = worker1.id;
  w2 = worker2.id;
  clients.workerA = await login(t, worker1.email);
  for (const [name, roles, branches] of [
    ['coordB', ['coordinator'], [b]],
    ['supervisorA', ['supervisor'], [a]],
    ['deskA', ['shelter_admin'], [a]],
    ['meA', ['me_officer'], [a]],
    ['volunteerA', ['volunteer'], [a]],
  ] as const)
    clients[name] = await login(t, (await buildUser(t, w.org, [...roles], [...branches])).email);
  clients.admin = w.admin;
  clients.coordA = coordinator;
  const other = await buildOrganization(t);
  clients.otherOrgCoord = await login(t, (await buildUser(t, other, ['coordinator'], other.branchIds)).email);

  // Branch A: c1 and c2 active (led by worker 1), c3 in post-support since 5 months ago and c4 in
  // intake (led by worker 2). Branch B: one case in intake. All in the programme «Тёплый дом».
  const opened = day(-150);
  const mk = (branchId: string, leadId: string, openedOn = '2026-09-01') =>
    buildCase(coordinator, { branchId, programmeId: w.programmeId, leadId, openedOn });
  const c1 = await mk(a, w1);
  const c2 = await mk(a, w1);
  const c3 = await mk(a, w2, opened);
  await mk(a, w2);
  const cB = await buildCase(clients.coordB!, { branchId: b, programmeId: w.programmeId, leadId: workerB.id });
  const move = async (caseId: string, action: string, version: number, on = today()) => {
    const res = await coordinator.post(`/api/cases/${caseId}/transition`, { action, on, version });
    expect(res.statusCode, res.body).toBe(200);
  };
  await move(c1.caseId, 'activate', 1, '2026-09-01');
  await move(c2.caseId, 'activate', 1, '2026-09-01');
  await move(c3.caseId, 'activate', 1, opened);
  await move(c3.caseId, 'to_post_support', 2, opened);

  // c1 has a plan (so it is not a first plan overdue) with one task overdue and one not.
  const plan = await coordinator.post(`/api/cases/${c1.caseId}/plan`, {
    desiredFuture: 'Жить с сыном самостоятельно',
    participants: [
      { kind: 'mother', name: 'Дарья' },
      { kind: 'staff', name: 'Специалист', userId: w1 },
    ],
    startOn: '2026-09-10',
    nextReviewOn: day(30),
    goals: [
      {
        domain: 'housing',
        title: 'Найти жильё',
        tasks: [
          { title: 'Подать заявление', responsibleKind: 'staff', responsibleUserId: w1, dueOn: '2026-09-20' },
          { title: 'Посмотреть комнаты', responsibleKind: 'mother', dueOn: day(40) },
        ],
      },
    ],
  });
  expect(plan.statusCode, plan.body).toBe(201);

  // Referrals of branch A: one waiting 3 days (too long: the limit is 48 hours), one just in;
  // branch B: one waiting 3 days (not the coordinator's).
  for (const [branchId, receivedAt] of [
    [a, new Date(Date.now() - 3 * 86_400_000).toISOString()],
    [a, new Date().toISOString()],
    [b, new Date(Date.now() - 3 * 86_400_000).toISOString()],
  ] as const) {
    const client = branchId === a ? coordinator : clients.coordB!;
    const res = await client.post('/api/referrals', {
      branchId,
      receivedAt,
      source: 'self',
      clientFirstName: 'Анна',
      summary: 'Нужна помощь',
    });
    expect(res.statusCode, res.body).toBe(201);
  }

  // Services. This month in A: psy_individual (c1), legal_consultation (c2), home_visit (c2) and a
  // withdrawn legal consultation; last month in A: legal_consultation and accompaniment (c1).
  // Branch B: one psy_individual today.
  const types = Object.fromEntries(
    ((await coordinator.get('/api/service-types')).json().items as { code: string; id: string }[]).map((x) => [x.code, x.id]),
  );
  const record = async (caseId: string, code: string, date: string, client = coordinator, specialist = w1) => {
    const res = await client.post('/api/services', {
      caseId,
      typeId: types[code],
      date,
      durationMinutes: 60,
      specialistIds: [specialist],
      format: 'in_person',
      initiatedBy: 'team',
      note: '',
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  await record(c1.caseId, 'psy_individual', today());
  await record(c2.caseId, 'legal_consultation', today());
  await record(c2.caseId, 'home_visit', today());
  const withdrawn = await record(c2.caseId, 'legal_consultation', today());
  await record(c1.caseId, 'legal_consultation', lastMonthStart());
  await record(c1.caseId, 'accompaniment', lastMonthStart());
  await record(cB.caseId, 'psy_individual', today(), clients.coordB!, workerB.id);
  await system(t.engine, (tx) =>
    tx.execute(sql`update services set withdrawn = true, withdrawn_reason = 'ошибка' where id = ${withdrawn}`),
  );

  // Mother of c2 lives in the programme's shelter: 1 of its 6 places taken.
  const stay = await coordinator.post('/api/housing/stays', {
    caseId: c2.caseId,
    roomId: w.rooms[0]!.id,
    checkInOn: today(),
    members: [{ memberId: c2.motherId }],
  });
  expect(stay.statusCode, stay.body).toBe(201);

  // Targets (the agreed indicator_targets table): legal consultations of branch A for this month,
  // 40; of branch B, 7; the programme total over last month and this one, 10. And a stock target
  // (families under support in branch A, 12), which has no monthly share and stays off her plan.
  await system(t.engine, async (tx) => {
    const ind = await tx.execute<{ id: string }>(
      sql`select id from indicators where org_id = ${w.org.orgId} and code = 'legal_consultations'`,
    );
    const id = ind.rows[0]!.id;
    const stock = await tx.execute<{ id: string }>(
      sql`select id from indicators where org_id = ${w.org.orgId} and code = 'families_supported'`,
    );
    await tx.execute(sql`insert into indicator_targets (org_id, programme_id, indicator_id, period_start, period_end, branch_id, planned) values
      (${w.org.orgId}, ${w.programmeId}, ${id}, ${monthStart()}, ${monthLast()}, ${a}, 40),
      (${w.org.orgId}, ${w.programmeId}, ${id}, ${monthStart()}, ${monthLast()}, ${b}, 7),
      (${w.org.orgId}, ${w.programmeId}, ${id}, ${lastMonthStart()}, ${monthLast()}, null, 10),
      (${w.org.orgId}, ${w.programmeId}, ${stock.rows[0]!.id}, ${monthStart()}, ${monthLast()}, ${a}, 12)`);
  });
});
afterAll(() => t.close());

const IDENTITIES = ['Кравцова', 'Дарья', 'Олеговна', '1998-04-12', 'CANARY-ADDRESS'];

describe("the coordinator's dashboard", () => {
  it('counts this month against last month and the plan, the caseload and the overdue work of her branch', async () => {
    const res = await clients.coordA!.get('/api/dashboards/coordinator');
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json();
    expect(d.branches.map((b: { id: string }) => b.id)).toEqual([w.org.branchIds[0]]);
    // Not withdrawn, in branch A: this month psy + legal + home visit = 3 (2 consultations);
    // last month legal + accompaniment = 2 (1 consultation).
    expect(d.services).toEqual({ thisMonth: 3, lastMonth: 2 });
    expect(d.consultations).toEqual({ thisMonth: 2, lastMonth: 1 });
    const todayIndex = Number(today().slice(8, 10)) - 1;
    expect(d.servicesByDay[todayIndex].thisMonth).toBe(3);
    expect(d.servicesByDay[0].lastMonth).toBe(2);
    // Only branch A's work target; one legal consultation of 40 planned → 2.5 %.
    expect(d.targets).toEqual([
      expect.objectContaining({ indicatorCode: 'legal_consultations', branchName: 'Москва', planned: 40, achieved: 1, percent: 2.5 }),
    ]);
    expect(d.caseload.byStatus).toEqual({ intake: 1, active: 2, post_support: 1 });
    const byLead = Object.fromEntries(d.caseload.byLead.map((l: { leadId: string }) => [l.leadId, l]));
    expect(byLead[w1]).toMatchObject({ intake: 0, active: 2, post_support: 0 });
    expect(byLead[w2]).toMatchObject({ intake: 1, active: 0, post_support: 1 });
    // Task due 2026-09-20 still planned; c3's visit was due 3 months after it entered post-support
    // 150 days ago; one referral waited 3 days; c2, c3, c4 have no plan 14 days after opening.
    expect(d.overdue).toEqual({ tasks: 1, postSupportVisits: 1, referrals: 1, firstPlans: 3 });
    for (const words of IDENTITIES) expect(res.body).not.toContain(words);
  });

  it('narrows to one of her branches, and reads another branch as not found', async () => {
    const b = await clients.coordB!.get(`/api/dashboards/coordinator?branchId=${w.org.branchIds[1]}`);
    expect(b.json()).toMatchObject({ services: { thisMonth: 1, lastMonth: 0 }, overdue: { referrals: 1, tasks: 0 } });
    expect(b.json().targets).toEqual([expect.objectContaining({ planned: 7, achieved: 0, percent: 0 })]);
    expect((await clients.coordA!.get(`/api/dashboards/coordinator?branchId=${w.org.branchIds[1]}`)).statusCode).toBe(404);
    expect((await clients.coordA!.get('/api/dashboards/coordinator?branchId=nope')).statusCode).toBe(400);
  });
});

describe("the M&E officer's dashboard", () => {
  it('shows chosen indicators month by month and by branch', async () => {
    const res = await clients.meA!.get('/api/dashboards/indicators?codes=legal_consultations,psy_consultations');
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json();
    expect(d.months).toHaveLength(12);
    expect(d.months[11]).toBe(today().slice(0, 7));
    const legal = d.series.find((s: { code: string }) => s.code === 'legal_consultations').values;
    const psy = d.series.find((s: { code: string }) => s.code === 'psy_consultations').values;
    // Legal: one last month, one this month (the withdrawn one does not count); psychological:
    // two this month (branches A and B), none before.
    expect(legal.slice(10)).toEqual([1, 1]);
    expect(legal.slice(0, 10).every((v: number | null) => v === 0 || v === null)).toBe(true);
    expect(psy[11]).toBe(2);
    const byBranch = d.byBranch.find((x: { code: string }) => x.code === 'legal_consultations').branches;
    // The M&E officer cannot open the cases behind Москва's 2: a small cell, shown as the exports do.
    expect(byBranch.find((x: { key: string }) => x.key === w.org.branchIds[0])).toEqual({
      key: w.org.branchIds[0],
      label: 'Москва',
      value: null,
      suppressed: '<5',
    });
    expect(byBranch.find((x: { key: string }) => x.key === w.org.branchIds[1])?.value ?? 0).toBe(0);
    expect(d.available.length).toBeGreaterThan(10);
    for (const words of IDENTITIES) expect(res.body).not.toContain(words);
  });

  it("shows a branch's small cells exactly to its coordinator, who can open the cases behind them", async () => {
    const d = (await clients.coordA!.get('/api/dashboards/indicators?codes=legal_consultations')).json();
    const byBranch = d.byBranch.find((x: { code: string }) => x.code === 'legal_consultations').branches;
    expect(byBranch.find((x: { key: string }) => x.key === w.org.branchIds[0])).toEqual({
      key: w.org.branchIds[0],
      label: 'Москва',
      value: 2,
    });
  });

  it('keeps the default small and refuses unknown indicators naming the field', async () => {
    const d = (await clients.meA!.get('/api/dashboards/indicators')).json();
    expect(d.series).toHaveLength(3);
    const bad = await clients.meA!.get('/api/dashboards/indicators?codes=no_such_indicator');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].path).toBe('codes');
    const year = (await clients.meA!.get('/api/dashboards/indicators?codes=legal_consultations&year=2025')).json();
    expect(year.months[0]).toBe('2025-01');
    expect(year.to).toBe('2025-12-31');
  });
});

describe("the director's dashboard", () => {
  it('shows each running programme with plan vs fact, families under support and occupancy', async () => {
    const res = await clients.meA!.get('/api/dashboards/programmes');
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json().programmes.find((x: { id: string }) => x.id === w.programmeId);
    expect(p).toMatchObject({ name: 'Тёплый дом', periodStart: '2026-01-01', periodEnd: '2027-12-31' });
    // c1, c2 active and c3 in post-support: 3 families; 1 of the shelter's 6 places taken.
    expect(p.familiesUnderSupport).toBe(3);
    expect(p.occupancy).toEqual({ occupied: 1, places: 6, share: 0.167 });
    // Two legal consultations over last month and this one, of 10 planned: 20 %, and with at least
    // half of that period gone the pace is below 70 % → red.
    expect(p.indicators).toEqual([
      expect.objectContaining({ code: 'legal_consultations', planned: 10, achieved: 2, percent: 20, light: 'red' }),
    ]);
    for (const words of IDENTITIES) expect(res.body).not.toContain(words);
  });
});

describe('authorization of the dashboards', () => {
  const ROUTES: { name: string; method: HTTPMethods; url: () => string; expect: Record<string, number> }[] = [
    {
      name: 'coordinator',
      method: 'GET',
      url: () => '/api/dashboards/coordinator',
      expect: {
        admin: 403,
        coordA: 200,
        coordB: 200,
        supervisorA: 200,
        workerA: 403,
        deskA: 403,
        meA: 403,
        volunteerA: 403,
        otherOrgCoord: 200,
      },
    },
    {
      name: 'coordinator, branch A',
      method: 'GET',
      url: () => `/api/dashboards/coordinator?branchId=${w.org.branchIds[0]}`,
      expect: { coordA: 200, coordB: 404, supervisorA: 200, workerA: 403, otherOrgCoord: 404 },
    },
    {
      name: 'indicators',
      method: 'GET',
      url: () => '/api/dashboards/indicators',
      expect: { admin: 200, coordA: 200, supervisorA: 200, workerA: 403, deskA: 403, meA: 200, volunteerA: 403, otherOrgCoord: 200 },
    },
    {
      name: 'programmes',
      method: 'GET',
      url: () => '/api/dashboards/programmes',
      expect: { admin: 200, coordA: 200, supervisorA: 200, workerA: 403, deskA: 403, meA: 200, volunteerA: 403, otherOrgCoord: 200 },
    },
  ];
  for (const route of ROUTES) {
    it(route.name, async () => {
      const got: Record<string, number> = {};
      for (const name of Object.keys(route.expect)) got[name] = (await clients[name]!.request(route.method, route.url())).statusCode;
      expect(got).toEqual(route.expect);
    });
  }

  it("another organisation's coordinator and director see none of these figures", async () => {
    const d = (await clients.otherOrgCoord!.get('/api/dashboards/coordinator')).json();
    expect(d).toMatchObject({
      services: { thisMonth: 0, lastMonth: 0 },
      caseload: { byStatus: { intake: 0, active: 0, post_support: 0 } },
    });
    expect(d.overdue).toEqual({ tasks: 0, postSupportVisits: 0, referrals: 0, firstPlans: 0 });
    expect((await clients.otherOrgCoord!.get('/api/dashboards/programmes')).json().programmes).toEqual([]);
  });
});
