// The authorization matrix of mentoring: every route × role × own branch / other branch / other
// organisation. Bodies are valid where it matters, so an answer tells "reached" (the handler ran: 2xx,
// or 400/409 from a rule that needs the data) from "not found" (404: outside the caller's reach) from
// "forbidden" (403: the role lacks the permission).
//
// And the mentor against every route the server has (not only this area's): a mentor matched to a
// family must get nothing of it beyond the first names, the children's ages, their own log and the
// tasks given to them — whichever route, whichever id of the family they try.
import { sql } from 'drizzle-orm';
import type { HTTPMethods } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { system } from '../db/gateway.js';
import { routeRegistry } from '../http/route.js';
import { buildOrganization, buildTestApp, login, type Client, type TestApp, type TestOrganization } from '../testing/harness.js';
import { outcomeOf, outcomes, signInActors, walkEveryRoute, type MatrixActor, type Outcome } from '../testing/matrix.js';
import {
  activeMatch,
  buildCohort,
  buildMentoredCase,
  buildProgramme,
  diagnosticAnswers,
  registerMentor,
  trainMentors,
} from '../testing/mentoring.js';

const ACTORS = [
  { name: 'admin', roles: ['admin'], branch: 'both' },
  { name: 'coordA', roles: ['coordinator'], branch: 0 },
  { name: 'coordB', roles: ['coordinator'], branch: 1 },
  { name: 'supervisorA', roles: ['supervisor'], branch: 0 },
  { name: 'workerA', roles: ['case_worker'], branch: 0 },
  { name: 'workerB', roles: ['case_worker'], branch: 1 },
  { name: 'psychA', roles: ['psychologist'], branch: 0 },
  { name: 'meA', roles: ['me_officer'], branch: 0 },
  { name: 'volunteerA', roles: ['volunteer'], branch: 0 },
  { name: 'deskA', roles: ['shelter_admin'], branch: 0 },
  { name: 'mentorA', roles: ['mentor'], branch: 0 },
  { name: 'mentorOther', roles: ['mentor'], branch: 0 },
  { name: 'otherCoord', roles: ['coordinator'], branch: 0, other: true },
] as const satisfies readonly MatrixActor[];
type Name = (typeof ACTORS)[number]['name'];

let t: TestApp;
let org: TestOrganization;
let other: TestOrganization;
const c: Record<string, Client> = {};
const ids: Record<string, string> = {};
let caseId: string;
let familyId: string;
let motherId: string;
let mentorId: string;
let programmeId: string;
let cohortId: string;
let matchId: string;
let concernId: string;
let planId: string;
const today = new Date().toISOString().slice(0, 10);

/** What the mentor must never read, whichever route: the surname, patronymic, phone, address, staff notes, others' tasks. */
let SECRETS: string[];

beforeAll(async () => {
  t = await buildTestApp();
  org = await buildOrganization(t);
  other = await buildOrganization(t);
  await signInActors(t, { org, other }, ACTORS, c, ids);
  const admin = await login(t, org.adminEmail);
  const caseProgramme = (await admin.post('/api/programmes', { name: 'Выход', periodStart: '2026-01-01', periodEnd: '2027-12-31' })).json()
    .id;
  const built = await buildMentoredCase(c.coordA!, { branchId: org.branchIds[0]!, programmeId: caseProgramme, leadId: ids.workerA! });
  caseId = built.caseId;
  familyId = built.familyId;
  motherId = built.motherId;
  const mother = (await c.workerA!.get(`/api/families/${familyId}`)).json().members.find((m: { id: string }) => m.id === motherId);
  programmeId = await buildProgramme(c.coordA!);
  cohortId = await buildCohort(c.coordA!, programmeId, org.branchIds[0]!);
  mentorId = await registerMentor(c.coordA!, {
    displayName: 'Семья Сомовых',
    branchId: org.branchIds[0],
    userId: ids.mentorA,
    capacity: 2,
    phone: '+7 900 111-22-33',
  });
  await registerMentor(c.coordA!, { displayName: 'Семья Другая', branchId: org.branchIds[0], userId: ids.mentorOther });
  await trainMentors(c.coordA!, cohortId, [mentorId]);
  matchId = await activeMatch(c.workerA!, caseId, mentorId);
  const staffNote = await c.workerA!.post(`/api/mentoring/matches/${matchId}/log`, {
    kind: 'call',
    occurredOn: '2026-11-02',
    durationMinutes: 10,
    note: 'СЕКРЕТ-заметка-сотрудника',
  });
  expect(staffNote.statusCode, staffNote.body).toBe(201);
  const concern = await c.mentorA!.post(`/api/mentoring/my/families/${matchId}/log`, {
    kind: 'meeting',
    occurredOn: '2026-11-05',
    durationMinutes: 60,
    note: 'Гуляли',
    concern: 'Тревога наставника',
  });
  expect(concern.statusCode, concern.body).toBe(201);
  concernId = concern.json().id;
  const plan = await c.workerA!.post(`/api/cases/${caseId}/plan`, {
    desiredFuture: 'СЕКРЕТ-будущее семьи',
    participants: [{ kind: 'mother', name: 'Дарья' }],
    startOn: '2026-11-01',
    nextReviewOn: '2027-02-01',
    madeOn: '2026-11-01',
    goals: [
      {
        domain: 'parenting',
        title: 'СЕКРЕТ-цель',
        tasks: [
          {
            title: 'Задача наставника',
            responsibleKind: 'mentor',
            responsibleUserId: ids.mentorA,
            responsibleName: 'Сомовы',
            dueOn: '2026-12-20',
          },
          { title: 'СЕКРЕТ-задача-специалиста', responsibleKind: 'staff', responsibleUserId: ids.workerA, dueOn: '2026-12-20' },
        ],
      },
    ],
  });
  expect(plan.statusCode, plan.body).toBe(201);
  planId = plan.json().id;
  SECRETS = [mother.lastName as string, 'Олеговна', String(mother.phone).slice(-9), 'Тайная', 'СЕКРЕТ'];
  // Thirteen accounts and a whole training: slow on a busy machine.
}, 240_000);
afterAll(() => t.close());

const NAMES = ACTORS.map((a) => a.name);
const only = (reached: Name[], notFound: Name[] = []): Record<Name, Outcome> => outcomes(NAMES, reached, notFound);

// Readers of the register: casework of the organisation (another organisation's coordinator reads her own).
const readers = only(['coordA', 'coordB', 'supervisorA', 'workerA', 'workerB', 'psychA', 'otherCoord']);
const managers = only(['coordA', 'coordB', 'supervisorA', 'otherCoord']);
// A record of branch A (mentor, cohort): found by branch A's staff only.
const readersA = only(['coordA', 'supervisorA', 'workerA', 'psychA'], ['coordB', 'workerB', 'otherCoord']);
const managersA = only(['coordA', 'supervisorA'], ['coordB', 'otherCoord']);
// The case: its lead and the responsible coordinator/supervisor of its branch.
const caseReach = only(['coordA', 'supervisorA', 'workerA'], ['coordB', 'workerB', 'psychA', 'otherCoord']);
const mine = only(['mentorA'], ['mentorOther']);

const ROUTES: { name: string; method: HTTPMethods; url: () => string; body?: () => unknown; expect: Record<Name, Outcome> }[] = [
  { name: 'register', method: 'GET', url: () => '/api/mentoring/mentors', expect: readers },
  { name: 'mentor card', method: 'GET', url: () => `/api/mentoring/mentors/${mentorId}`, expect: readersA },
  {
    name: 'register a mentor',
    method: 'POST',
    url: () => '/api/mentoring/mentors',
    body: () => ({ kind: 'volunteer', displayName: 'Волонтёр', branchId: org.branchIds[0], capacity: 1, registeredOn: today }),
    expect: managers,
  },
  {
    name: 'edit a mentor',
    method: 'PUT',
    url: () => `/api/mentoring/mentors/${mentorId}`,
    body: () => ({ displayName: 'Семья Сомовых', branchId: org.branchIds[0], capacity: 2, version: 999 }),
    expect: managersA,
  },
  {
    name: 'mentor status',
    method: 'POST',
    url: () => `/api/mentoring/mentors/${mentorId}/status`,
    body: () => ({ status: 'paused', changedOn: today, reason: 'Отпуск', version: 999 }),
    expect: managersA,
  },
  { name: 'programmes', method: 'GET', url: () => '/api/mentoring/programmes', expect: readers },
  {
    name: 'new programme',
    method: 'POST',
    url: () => '/api/mentoring/programmes',
    body: () => ({
      name: 'П',
      sessions: [{ title: 'З', hours: 1 }],
      minSessions: 1,
      diagnosticTemplateCode: 'mentor_primary_diagnostic',
      diagnosticPassScore: 1,
    }),
    expect: managers,
  },
  {
    name: 'edit programme',
    method: 'PUT',
    url: () => `/api/mentoring/programmes/${programmeId}`,
    body: () => ({
      name: 'П',
      sessions: [{ title: 'З', hours: 1 }],
      minSessions: 1,
      diagnosticTemplateCode: 'mentor_primary_diagnostic',
      diagnosticPassScore: 1,
      active: true,
      version: 999,
    }),
    expect: { ...managers, otherCoord: 404 },
  },
  { name: 'cohorts', method: 'GET', url: () => '/api/mentoring/cohorts', expect: readers },
  { name: 'cohort', method: 'GET', url: () => `/api/mentoring/cohorts/${cohortId}`, expect: readersA },
  {
    name: 'new cohort',
    method: 'POST',
    url: () => '/api/mentoring/cohorts',
    body: () => ({ programmeId, branchId: org.branchIds[0], name: 'Г', startsOn: today, endsOn: today }),
    expect: managers,
  },
  {
    name: 'enrol',
    method: 'POST',
    url: () => `/api/mentoring/cohorts/${cohortId}/members`,
    body: () => ({ mentorId, enrolledOn: today }),
    expect: managersA,
  },
  {
    name: 'attendance',
    method: 'PUT',
    url: () => `/api/mentoring/cohorts/${cohortId}/attendance`,
    body: () => ({ session: 6, heldOn: today, present: [mentorId] }),
    expect: managersA,
  },
  {
    name: 'diagnostic',
    method: 'POST',
    url: () => `/api/mentoring/cohorts/${cohortId}/members/${mentorId}/diagnostic`,
    body: () => ({ conductedOn: today, answers: diagnosticAnswers(3) }),
    expect: managersA,
  },
  {
    name: 'complete',
    method: 'POST',
    url: () => `/api/mentoring/cohorts/${cohortId}/members/${mentorId}/complete`,
    body: () => ({ completedOn: today }),
    expect: managersA,
  },
  { name: 'case mentoring', method: 'GET', url: () => `/api/cases/${caseId}/mentoring`, expect: caseReach },
  { name: 'suggestions', method: 'GET', url: () => `/api/cases/${caseId}/mentoring/suggestions`, expect: caseReach },
  {
    name: 'propose',
    method: 'POST',
    url: () => `/api/cases/${caseId}/mentoring/matches`,
    body: () => ({ mentorId, proposedOn: today }),
    expect: caseReach,
  },
  {
    name: 'agreement',
    method: 'POST',
    url: () => `/api/mentoring/matches/${matchId}/agreement`,
    body: () => ({ side: 'family', agreedOn: today, version: 999 }),
    expect: caseReach,
  },
  {
    name: 'start',
    method: 'POST',
    url: () => `/api/mentoring/matches/${matchId}/start`,
    body: () => ({ startedOn: today, version: 999 }),
    expect: caseReach,
  },
  {
    name: 'end',
    method: 'POST',
    url: () => `/api/mentoring/matches/${matchId}/end`,
    body: () => ({ endedOn: today, reason: 'goals_reached', version: 999 }),
    expect: caseReach,
  },
  { name: 'match log', method: 'GET', url: () => `/api/mentoring/matches/${matchId}/log`, expect: caseReach },
  {
    name: 'log by staff',
    method: 'POST',
    url: () => `/api/mentoring/matches/${matchId}/log`,
    body: () => ({ kind: 'call', occurredOn: today, durationMinutes: 5 }),
    expect: caseReach,
  },
  {
    name: 'concerns',
    method: 'GET',
    url: () => '/api/mentoring/concerns',
    expect: only(['coordA', 'coordB', 'supervisorA', 'workerA', 'workerB', 'psychA', 'otherCoord']),
  },
  {
    name: 'acknowledge',
    method: 'POST',
    url: () => `/api/mentoring/concerns/${concernId}/acknowledge`,
    body: () => ({ acknowledgedOn: '2026-11-01' }),
    expect: caseReach,
  },
  { name: 'my families', method: 'GET', url: () => '/api/mentoring/my/families', expect: only(['mentorA', 'mentorOther']) },
  { name: 'my family', method: 'GET', url: () => `/api/mentoring/my/families/${matchId}`, expect: mine },
  {
    name: 'my log',
    method: 'POST',
    url: () => `/api/mentoring/my/families/${matchId}/log`,
    body: () => ({ kind: 'call', occurredOn: today, durationMinutes: 5 }),
    expect: mine,
  },
  { name: 'supervisions', method: 'GET', url: () => '/api/mentoring/supervisions', expect: readers },
  {
    name: 'new supervision',
    method: 'POST',
    url: () => '/api/mentoring/supervisions',
    body: () => ({ branchId: org.branchIds[0], heldOn: today, durationMinutes: 60, topic: 'Т', mentorIds: [mentorId] }),
    expect: managers,
  },
];

describe('mentoring authorization matrix', () => {
  it('covers every route of the area', () => {
    const declared = (routeRegistry.get(t.app) ?? [])
      .filter((spec) => spec.tag === 'mentoring')
      .map((spec) => `${spec.method} ${spec.url}`);
    const tested = new Set(ROUTES.map((r) => `${r.method} ${r.url().replace(/[0-9a-f-]{36}/g, ':x')}`));
    expect(tested.size).toBe(declared.length);
  });

  for (const route of ROUTES) {
    it(route.name, async () => {
      const got: Record<string, Outcome | number> = {};
      for (const a of ACTORS) {
        const res = await c[a.name]!.request(route.method, route.url(), route.body?.());
        got[a.name] = outcomeOf(res.statusCode);
      }
      expect(got).toEqual(route.expect);
    });
  }

  it('another organisation’s ids in every id field read as not found or a refused field', async () => {
    const o = c.otherCoord!;
    expect((await o.get(`/api/mentoring/mentors/${mentorId}`)).statusCode).toBe(404);
    expect((await o.get(`/api/cases/${caseId}/mentoring`)).statusCode).toBe(404);
    const ownCase = await o.post('/api/mentoring/mentors', {
      kind: 'resource_family',
      displayName: 'Х',
      branchId: other.branchIds[0],
      familyId,
      capacity: 1,
      registeredOn: today,
    });
    expect(ownCase.statusCode).toBe(400);
    expect(ownCase.json().error.fields[0].path).toBe('familyId');
    const account = await o.post('/api/mentoring/mentors', {
      kind: 'volunteer',
      displayName: 'Х',
      branchId: other.branchIds[0],
      userId: ids.mentorA,
      capacity: 1,
      registeredOn: today,
    });
    expect(account.json().error.fields[0].path).toBe('userId');
    const supervision = await o.post('/api/mentoring/supervisions', {
      branchId: other.branchIds[0],
      heldOn: today,
      durationMinutes: 60,
      topic: 'Т',
      mentorIds: [mentorId],
    });
    expect(supervision.json().error.fields[0].path).toBe('mentorIds.0');
  });

  it('refuses another organisation’s (and another branch’s) ids in every body field by name, and writes nothing', async () => {
    const o = c.otherCoord!;
    // The other organisation's own records: a mentor, a training programme, a cohort, a case.
    const foreignMentor = await registerMentor(o, { displayName: 'Чужая семья', branchId: other.branchIds[0] });
    const foreignProgramme = await buildProgramme(o);
    const foreignCohort = await buildCohort(o, foreignProgramme, other.branchIds[0]!);
    const otherAdmin = await login(t, other.adminEmail);
    const foreignCaseProgramme = (
      await otherAdmin.post('/api/programmes', { name: 'Чужая', periodStart: '2026-01-01', periodEnd: '2027-12-31' })
    ).json().id as string;
    const foreignCase = await buildMentoredCase(o, {
      branchId: other.branchIds[0]!,
      programmeId: foreignCaseProgramme,
      leadId: ids.otherCoord!,
    });
    // And a mentor of branch B of this organisation, out of reach of branch A's staff.
    const mentorB = await registerMentor(c.coordB!, { displayName: 'Семья филиала Б', branchId: org.branchIds[1] });
    const counts = async () =>
      system(
        t.engine,
        async (tx) =>
          (
            await tx.execute<Record<string, number>>(sql`select
            (select count(*)::int from mentors) as mentors, (select count(*)::int from mentor_matches) as matches,
            (select count(*)::int from mentor_cohorts) as cohorts, (select count(*)::int from mentor_cohort_members) as members,
            (select count(*)::int from mentor_cohort_sessions) as sessions, (select count(*)::int from mentor_diagnostics) as diagnostics,
            (select count(*)::int from mentor_supervisions) as supervisions, (select count(*)::int from mentoring_log) as log`)
          ).rows[0]!,
      );
    const before = await counts();
    const paths = async (client: Client, method: HTTPMethods, url: string, body: unknown, status = 400) => {
      const res = await client.request(method, url, body);
      expect(res.statusCode, `${method} ${url} ${res.body}`).toBe(status);
      return (res.json().error.fields as { path: string }[]).map((f) => f.path);
    };
    const coord = c.coordA!;
    // Matching: a mentor of another organisation or of another branch is not one the worker can propose.
    for (const id of [foreignMentor, mentorB])
      expect(await paths(c.workerA!, 'POST', `/api/cases/${caseId}/mentoring/matches`, { mentorId: id, proposedOn: today })).toEqual([
        'mentorId',
      ]);
    // The register: another organisation's branch, family, earlier case or account.
    const volunteer = { kind: 'volunteer', displayName: 'Х', capacity: 1, registeredOn: today };
    expect(await paths(coord, 'POST', '/api/mentoring/mentors', { ...volunteer, branchId: other.branchIds[0] })).toEqual(['branchId']);
    expect(await paths(coord, 'POST', '/api/mentoring/mentors', { ...volunteer, branchId: org.branchIds[1] })).toEqual(['branchId']);
    expect(
      await paths(coord, 'POST', '/api/mentoring/mentors', {
        ...volunteer,
        kind: 'resource_family',
        branchId: org.branchIds[0],
        familyId: foreignCase.familyId,
        formerCaseId: foreignCase.caseId,
      }),
    ).toEqual(['familyId']);
    expect(
      await paths(coord, 'POST', '/api/mentoring/mentors', {
        ...volunteer,
        kind: 'resource_family',
        branchId: org.branchIds[0],
        familyId,
        formerCaseId: foreignCase.caseId,
      }),
    ).toEqual(['formerCaseId']);
    const card = (await coord.get(`/api/mentoring/mentors/${mentorId}`)).json();
    const edit = { displayName: card.displayName, branchId: org.branchIds[0], capacity: card.capacity, version: card.version };
    for (const [change, path] of [
      [{ branchId: other.branchIds[0] }, 'branchId'],
      [{ userId: ids.otherCoord }, 'userId'],
    ] as const)
      expect(await paths(coord, 'PUT', `/api/mentoring/mentors/${mentorId}`, { ...edit, ...change })).toEqual([path]);
    // Training: another organisation's programme, branch, trainer; its mentor in our cohort, our mentor in its cohort.
    const cohort = { programmeId, branchId: org.branchIds[0], name: 'Г', startsOn: today, endsOn: today };
    expect(await paths(coord, 'POST', '/api/mentoring/cohorts', { ...cohort, programmeId: foreignProgramme })).toEqual(['programmeId']);
    expect(await paths(coord, 'POST', '/api/mentoring/cohorts', { ...cohort, branchId: other.branchIds[0] })).toEqual(['branchId']);
    expect(await paths(coord, 'POST', '/api/mentoring/cohorts', { ...cohort, trainerIds: [ids.otherCoord] })).toEqual(['trainerIds']);
    expect(
      await paths(coord, 'POST', `/api/mentoring/cohorts/${cohortId}/members`, { mentorId: foreignMentor, enrolledOn: today }),
    ).toEqual(['mentorId']);
    expect(
      await paths(coord, 'PUT', `/api/mentoring/cohorts/${cohortId}/attendance`, { session: 6, heldOn: today, present: [foreignMentor] }),
    ).toEqual(['present.0']);
    // Path ids of the other organisation: not found.
    expect((await coord.post(`/api/mentoring/cohorts/${foreignCohort}/members`, { mentorId, enrolledOn: today })).statusCode).toBe(404);
    expect(
      (
        await coord.post(`/api/mentoring/cohorts/${cohortId}/members/${foreignMentor}/diagnostic`, {
          conductedOn: today,
          answers: diagnosticAnswers(3),
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (await coord.post(`/api/mentoring/cohorts/${cohortId}/members/${foreignMentor}/complete`, { completedOn: today })).statusCode,
    ).toBe(404);
    expect((await c.workerA!.get(`/api/cases/${foreignCase.caseId}/mentoring/suggestions`)).statusCode).toBe(404);
    // Query ids of the other organisation (or a branch the caller does not work in) are refused by name.
    for (const branchId of [other.branchIds[0], org.branchIds[1]])
      expect(await paths(coord, 'GET', `/api/mentoring/mentors?branchId=${branchId}`, undefined)).toEqual(['branchId']);
    expect((await coord.get(`/api/mentoring/mentors?branchId=${org.branchIds[0]}`)).statusCode).toBe(200);
    // The other organisation's mentor reads as not found to a mentor of this one, and the other way round.
    expect((await c.mentorA!.get(`/api/mentoring/my/families/${matchId}`)).statusCode).toBe(200);
    expect(
      (await c.mentorOther!.post(`/api/mentoring/my/families/${matchId}/log`, { kind: 'call', occurredOn: today, durationMinutes: 5 }))
        .statusCode,
    ).toBe(404);
    expect(await counts()).toEqual(before);
  });
});

describe('the mentor against every route of the server', () => {
  it('sees nothing of the family beyond first names, children’s ages, their own log and their tasks', async () => {
    const mentor = c.mentorA!;
    // Sanity: the secrets are there to be found by those who may read the case.
    const full = (await c.workerA!.get(`/api/families/${familyId}`)).body + (await c.workerA!.get(`/api/cases/${caseId}/plan`)).body;
    for (const secret of SECRETS) expect(full, secret).toContain(secret);
    const tryIds = [caseId, familyId, motherId, matchId, mentorId, planId, concernId, cohortId];
    const { leaks, opened } = await walkEveryRoute(t, mentor, tryIds, SECRETS);
    expect(leaks).toEqual([]);
    // The only permission routes that answer the mentor are their own and the directories every role reads.
    const allowed = new Set([
      'GET /api/mentoring/my/families',
      'GET /api/mentoring/my/families/:id',
      'GET /api/branches',
      'GET /api/branches/:id',
      'GET /api/programmes',
      'GET /api/programmes/:id',
    ]);
    expect(opened.filter((route) => !allowed.has(route))).toEqual([]);
    const detail = (await mentor.get(`/api/mentoring/my/families/${matchId}`)).json();
    expect(detail.people.map((p: { firstName: string }) => p.firstName)).toEqual(['Дарья', 'Миша']);
    expect(detail.tasks.map((task: { title: string }) => task.title)).toEqual(['Задача наставника']);
    expect(detail.log.find((e: { concern: string }) => e.concern === 'Тревога наставника')).toBeDefined();
    // Every route × every id of the family: a few thousand requests.
  }, 180_000);
});
