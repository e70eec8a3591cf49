// The authorization matrix of the volunteers area: every route × role × own branch / other branch /
// other organisation. Bodies are valid where it matters, so an answer tells "reached" (the handler
// ran: 2xx, or 400/409 from a rule that needs the data) from "not found" (404: outside the caller's
// reach) from "forbidden" (403: the role lacks the permission). Another organisation's ids in every
// id field read as not found or a refused field, with nothing written.
//
// And the volunteer against every route the server has (not only this area's): a volunteer with a
// task about a family must get nothing of it beyond the first names, the children's ages and what the
// task needs (the address while it is to be done), and nothing at all of a family they have no task
// for — whichever route, whichever id they try.
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { HTTPMethods } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reminders } from '../../domain/volunteers/contracts.js';
import { system } from '../db/gateway.js';
import { routeRegistry } from '../http/route.js';
import { buildFamily, motherInput } from '../testing/casework.js';
import { buildOrganization, buildTestApp, login, PASSWORD, type Client, type TestApp, type TestOrganization } from '../testing/harness.js';
import { samplePdf } from '../testing/files.js';
import { outcomeOf, outcomes, signInActors, walkEveryRoute, type MatrixActor, type Outcome } from '../testing/matrix.js';
import { buildMentoredCase } from '../testing/mentoring.js';
import { buildTask, buildVolunteer, daysFromNow, isoDay } from '../testing/volunteers.js';

const ACTORS = [
  { name: 'admin', roles: ['admin'], branch: 'both' },
  { name: 'coordA', roles: ['coordinator'], branch: 0 },
  { name: 'coordB', roles: ['coordinator'], branch: 1 },
  { name: 'supervisorA', roles: ['supervisor'], branch: 0 },
  { name: 'workerA', roles: ['case_worker'], branch: 0 },
  { name: 'meA', roles: ['me_officer'], branch: 0 },
  { name: 'deskA', roles: ['shelter_admin'], branch: 0 },
  { name: 'mentorA', roles: ['mentor'], branch: 0 },
  { name: 'otherCoord', roles: ['coordinator'], branch: 0, other: true },
] as const satisfies readonly MatrixActor[];
type Name = (typeof ACTORS)[number]['name'] | 'volunteerA' | 'volunteerOther';
const NAMES: Name[] = [...ACTORS.map((a) => a.name), 'volunteerA', 'volunteerOther'];

let t: TestApp;
let org: TestOrganization;
let other: TestOrganization;
const c: Record<string, Client> = {};
const ids: Record<string, string> = {};
let caseId: string;
let familyId: string;
let motherId: string;
let otherFamilyId: string;
let volunteerId: string;
let otherVolunteerId: string;
let teamId: string;
let taskId: string;
let signupId: string;
let spareSignupId: string;
let SECRETS: string[];

beforeAll(async () => {
  t = await buildTestApp();
  org = await buildOrganization(t);
  other = await buildOrganization(t);
  await signInActors(t, { org, other }, ACTORS, c, ids);
  const admin = await login(t, org.adminEmail);
  const programme = (await admin.post('/api/programmes', { name: 'Тёплый дом', periodStart: '2026-01-01', periodEnd: '2027-12-31' })).json()
    .id as string;
  const built = await buildMentoredCase(c.coordA!, { branchId: org.branchIds[0]!, programmeId: programme, leadId: ids.workerA! });
  caseId = built.caseId;
  familyId = built.familyId;
  motherId = built.motherId;
  const mother = (await c.workerA!.get(`/api/families/${familyId}`)).json().members.find((m: { id: string }) => m.id === motherId);
  // A family nobody gives the volunteer a task for.
  otherFamilyId = (
    await buildFamily(c.coordA!, org.branchIds[0]!, [
      motherInput({ firstName: 'Снежана', lastName: 'Нетаскова', middleName: 'Ефимовна' }),
      { relation: 'child', firstName: 'Ярополк', birthDate: '2025-01-01', sex: 'male' },
    ])
  ).id;
  const coord = c.coordA!;
  const b = org.branchIds[0]!;
  const v = await buildVolunteer(coord, { branchId: b, lastName: 'Волонтёрова', firstName: 'Ирина' });
  volunteerId = v.id;
  const screen = (await coord.get(`/api/volunteers/${v.id}`)).json();
  const notes = await coord.put(`/api/volunteers/${v.id}/screening`, {
    interviewOn: screen.interviewOn,
    interviewNotes: 'СЕКРЕТ-собеседование',
    certificateIssuedOn: screen.certificateIssuedOn,
    inductionOn: screen.inductionOn,
    agreementOn: screen.agreementOn,
    version: screen.version,
  });
  expect(notes.statusCode, notes.body).toBe(200);
  const account = await coord.post(`/api/volunteers/${v.id}/account`, {
    email: 'volunteer-a@vol.test',
    password: 'correct horse battery',
    version: notes.json().version,
  });
  expect(account.statusCode, account.body).toBe(200);
  c.volunteerA = await login(t, 'volunteer-a@vol.test');
  const o = await buildVolunteer(coord, { branchId: b, lastName: 'Чужакова', firstName: 'Полина' });
  otherVolunteerId = o.id;
  expect(
    (
      await coord.post(`/api/volunteers/${o.id}/account`, {
        email: 'volunteer-o@vol.test',
        password: 'correct horse battery',
        version: o.version,
      })
    ).statusCode,
  ).toBe(200);
  c.volunteerOther = await login(t, 'volunteer-o@vol.test');
  teamId = (await coord.post('/api/volunteers/teams', { branchId: b, name: 'Команда А', leaderId: v.id, formedOn: isoDay(-5) })).json().id;
  // The delivery to the family: one place, taken by volunteer A.
  taskId = (
    await buildTask(coord, {
      branchId: b,
      kind: 'aid_delivery',
      title: 'Отвезти коляску',
      needs: 'Коляска со склада, позвонить за час',
      address: 'ул. Доставочная, 5',
      caseId,
      places: 1,
    })
  ).id;
  const signed = await c.volunteerA.post(`/api/volunteers/me/tasks/${taskId}/signup`);
  expect(signed.statusCode, signed.body).toBe(200);
  signupId = signed.json().upcoming[0].signupId;
  const spare = await buildTask(coord, { branchId: b, kind: 'repairs', title: 'Собрать кроватку', places: 3 }, 6);
  spareSignupId = (await c.volunteerA.post(`/api/volunteers/me/tasks/${spare.id}/signup`)).json().upcoming[1].signupId;
  ids.volunteerA = c.volunteerA.me.id;
  SECRETS = [
    mother.lastName as string,
    'Олеговна',
    String(mother.phone).slice(-9),
    'Тайная',
    'Снежана',
    'Нетаскова',
    'Ярополк',
    'СЕКРЕТ',
    '+7 900 555-44-33',
  ];
}, 300_000);
afterAll(() => t.close());

const only = (reached: Name[], notFound: Name[] = []): Record<Name, Outcome> => outcomes(NAMES, reached, notFound);

const readers = only(['coordA', 'coordB', 'supervisorA', 'otherCoord']);
const managers = readers;
const readersA = only(['coordA', 'supervisorA'], ['coordB', 'otherCoord']);
const managersA = readersA;
const volunteers = only(['volunteerA', 'volunteerOther']);

const ROUTES: { name: string; method: HTTPMethods; url: () => string; body?: () => unknown; expect: Record<Name, Outcome> }[] = [
  { name: 'register', method: 'GET', url: () => '/api/volunteers', expect: readers },
  { name: 'card', method: 'GET', url: () => `/api/volunteers/${volunteerId}`, expect: readersA },
  {
    name: 'enter an application',
    method: 'POST',
    url: () => '/api/volunteers',
    body: () => ({ lastName: 'Н', firstName: 'Н', branchId: org.branchIds[0], appliedOn: isoDay(-1) }),
    expect: managers,
  },
  {
    name: 'edit',
    method: 'PUT',
    url: () => `/api/volunteers/${volunteerId}`,
    body: () => ({ lastName: 'Н', firstName: 'Н', branchId: org.branchIds[0], version: 999 }),
    expect: managersA,
  },
  {
    name: 'screening',
    method: 'PUT',
    url: () => `/api/volunteers/${volunteerId}/screening`,
    body: () => ({ interviewOn: null, certificateIssuedOn: null, inductionOn: null, agreementOn: null, version: 999 }),
    expect: managersA,
  },
  {
    name: 'status',
    method: 'POST',
    url: () => `/api/volunteers/${volunteerId}/status`,
    body: () => ({ status: 'paused', changedOn: isoDay(0), reason: 'Отпуск', version: 999 }),
    expect: managersA,
  },
  {
    name: 'account',
    method: 'POST',
    url: () => `/api/volunteers/${volunteerId}/account`,
    body: () => ({ email: 'z@vol.test', password: 'correct horse battery', version: 999 }),
    expect: managersA,
  },
  { name: 'settings', method: 'GET', url: () => '/api/volunteers/settings', expect: readers },
  {
    name: 'change settings',
    method: 'PUT',
    url: () => '/api/volunteers/settings',
    body: () => ({
      formSlug: 'some-form',
      formOpen: true,
      consentText: 'Согласие',
      certificateValidMonths: 12,
      reminderDays: 30,
      childRelatedKinds: ['child_care'],
      version: 999,
    }),
    expect: managers,
  },
  { name: 'reminders', method: 'GET', url: () => '/api/volunteers/reminders', expect: readers },
  { name: 'teams', method: 'GET', url: () => '/api/volunteers/teams', expect: readers },
  {
    name: 'new team',
    method: 'POST',
    url: () => '/api/volunteers/teams',
    body: () => ({ branchId: org.branchIds[0], name: 'Т', formedOn: isoDay(0) }),
    expect: managers,
  },
  {
    name: 'edit team',
    method: 'PUT',
    url: () => `/api/volunteers/teams/${teamId}`,
    body: () => ({ branchId: org.branchIds[0], name: 'Т', leaderId: null, active: true, version: 999 }),
    expect: managersA,
  },
  {
    name: 'team members',
    method: 'PUT',
    url: () => `/api/volunteers/teams/${teamId}/members`,
    body: () => ({ volunteerIds: [volunteerId], joinedOn: isoDay(0), version: 999 }),
    expect: managersA,
  },
  { name: 'board', method: 'GET', url: () => `/api/volunteers/tasks?from=${isoDay(0)}&to=${isoDay(7)}`, expect: readers },
  {
    name: 'new task',
    method: 'POST',
    url: () => '/api/volunteers/tasks',
    body: () => ({
      branchId: org.branchIds[0],
      kind: 'event_help',
      title: 'Т',
      places: 1,
      startsAt: daysFromNow(9, 10),
      endsAt: daysFromNow(9, 12),
    }),
    expect: managers,
  },
  { name: 'task', method: 'GET', url: () => `/api/volunteers/tasks/${taskId}`, expect: readersA },
  {
    name: 'assign',
    method: 'POST',
    url: () => `/api/volunteers/tasks/${taskId}/assign`,
    body: () => ({ volunteerId: otherVolunteerId }),
    expect: managersA,
  },
  {
    name: 'cancel',
    method: 'POST',
    url: () => `/api/volunteers/tasks/${taskId}/cancel`,
    body: () => ({ version: 999 }),
    expect: managersA,
  },
  {
    name: 'outcome',
    method: 'POST',
    url: () => `/api/volunteers/signups/${signupId}/outcome`,
    body: () => ({ outcome: 'no_show' }),
    expect: managersA,
  },
  { name: 'my screen', method: 'GET', url: () => '/api/volunteers/me', expect: volunteers },
  { name: 'open shifts', method: 'GET', url: () => '/api/volunteers/me/open-tasks', expect: volunteers },
  { name: 'sign up', method: 'POST', url: () => `/api/volunteers/me/tasks/${taskId}/signup`, expect: volunteers },
  {
    name: 'withdraw',
    method: 'POST',
    url: () => `/api/volunteers/me/signups/${spareSignupId}/withdraw`,
    expect: only(['volunteerA'], ['volunteerOther']),
  },
  { name: 'hours', method: 'GET', url: () => `/api/volunteers/hours?from=${isoDay(-30)}&to=${isoDay(0)}`, expect: readers },
  {
    name: 'letter',
    method: 'GET',
    url: () => `/api/volunteers/${volunteerId}/letter.pdf?from=${isoDay(-30)}&to=${isoDay(0)}`,
    expect: readersA,
  },
];

describe('volunteers authorization matrix', () => {
  it('covers every signed-in route of the area', () => {
    const declared = (routeRegistry.get(t.app) ?? [])
      .filter((spec) => spec.tag === 'volunteers' && spec.access.kind !== 'public')
      .map((spec) => `${spec.method} ${spec.url}`);
    const tested = new Set(
      ROUTES.map(
        (r) =>
          `${r.method} ${r
            .url()
            .split('?')[0]!
            .replace(/[0-9a-f-]{36}/g, ':x')}`,
      ),
    );
    expect(tested.size).toBe(declared.length);
  });

  for (const route of ROUTES) {
    it(route.name, async () => {
      const got: Record<string, Outcome | number> = {};
      for (const name of NAMES) {
        const res = await c[name]!.request(route.method, route.url(), route.body?.());
        got[name] = outcomeOf(res.statusCode);
      }
      expect(got).toEqual(route.expect);
    });
  }

  it('refuses another organisation’s (and another branch’s) ids in every id field by name, and writes nothing', async () => {
    const o = c.otherCoord!;
    const ob = other.branchIds[0]!;
    const foreignVolunteer = (await buildVolunteer(o, { branchId: ob, lastName: 'Чужая' })).id;
    const foreignTeam = (await o.post('/api/volunteers/teams', { branchId: ob, name: 'Чужая', formedOn: isoDay(0) })).json().id as string;
    const foreignTask = (await buildTask(o, { branchId: ob, kind: 'repairs', title: 'Чужая' })).id;
    await o.post(`/api/volunteers/tasks/${foreignTask}/assign`, { volunteerId: foreignVolunteer });
    const foreignSignup = (await o.get(`/api/volunteers/tasks/${foreignTask}`)).json().signups[0].id as string;
    const volunteerB = (await buildVolunteer(c.coordB!, { branchId: org.branchIds[1]!, lastName: 'Псковская' })).id;
    const counts = async () =>
      system(
        t.engine,
        async (tx) =>
          (
            await tx.execute<Record<string, number>>(sql`select
            (select count(*)::int from volunteers) as volunteers, (select count(*)::int from volunteer_teams) as teams,
            (select count(*)::int from volunteer_team_members) as members, (select count(*)::int from volunteer_tasks) as tasks,
            (select count(*)::int from volunteer_signups) as signups, (select count(*)::int from volunteer_status_changes) as changes`)
          ).rows[0]!,
      );
    const before = await counts();
    const coord = c.coordA!;
    const paths = async (method: HTTPMethods, url: string, body: unknown) => {
      const res = await coord.request(method, url, body);
      expect(res.statusCode, `${method} ${url} ${res.body}`).toBe(400);
      return (res.json().error.fields as { path: string }[]).map((f) => f.path);
    };
    const application = { lastName: 'Х', firstName: 'Х', appliedOn: isoDay(0) };
    for (const branchId of [ob, org.branchIds[1]]) {
      expect(await paths('POST', '/api/volunteers', { ...application, branchId })).toEqual(['branchId']);
      expect(await paths('POST', '/api/volunteers/teams', { branchId, name: 'Т', formedOn: isoDay(0) })).toEqual(['branchId']);
      expect(
        await paths('POST', '/api/volunteers/tasks', {
          branchId,
          kind: 'repairs',
          title: 'Т',
          places: 1,
          startsAt: daysFromNow(2, 10),
          endsAt: daysFromNow(2, 11),
        }),
      ).toEqual(['branchId']);
      expect(await paths('GET', `/api/volunteers?branchId=${branchId}`, undefined)).toEqual(['branchId']);
      expect(await paths('GET', `/api/volunteers/tasks?from=${isoDay(0)}&to=${isoDay(1)}&branchId=${branchId}`, undefined)).toEqual([
        'branchId',
      ]);
      expect(await paths('GET', `/api/volunteers/hours?from=${isoDay(0)}&to=${isoDay(1)}&branchId=${branchId}`, undefined)).toEqual([
        'branchId',
      ]);
    }
    const card = (await coord.get(`/api/volunteers/${volunteerId}`)).json();
    expect(
      await paths('PUT', `/api/volunteers/${volunteerId}`, { lastName: 'Х', firstName: 'Х', branchId: ob, version: card.version }),
    ).toEqual(['branchId']);
    for (const leaderId of [foreignVolunteer, volunteerB])
      expect(
        await paths('POST', '/api/volunteers/teams', { branchId: org.branchIds[0], name: 'Т', leaderId, formedOn: isoDay(0) }),
      ).toEqual(['leaderId']);
    const team = (await coord.get('/api/volunteers/teams')).json().items.find((x: { id: string }) => x.id === teamId);
    expect(
      await paths('PUT', `/api/volunteers/teams/${teamId}/members`, {
        volunteerIds: [volunteerId, foreignVolunteer],
        joinedOn: isoDay(0),
        version: team.version,
      }),
    ).toEqual(['volunteerIds.1']);
    const task = {
      branchId: org.branchIds[0],
      kind: 'repairs',
      title: 'Т',
      places: 1,
      startsAt: daysFromNow(2, 10),
      endsAt: daysFromNow(2, 11),
    };
    expect(await paths('POST', '/api/volunteers/tasks', { ...task, teamId: foreignTeam })).toEqual(['teamId']);
    const foreignCase = (await o.get('/api/cases')).json();
    void foreignCase;
    expect(await paths('POST', '/api/volunteers/tasks', { ...task, caseId: '00000000-0000-4000-8000-000000000000' })).toEqual(['caseId']);
    for (const id of [foreignVolunteer, volunteerB])
      expect(await paths('POST', `/api/volunteers/tasks/${taskId}/assign`, { volunteerId: id })).toEqual(['volunteerId']);
    // Path ids of the other organisation: not found.
    for (const [method, url, body] of [
      ['GET', `/api/volunteers/${foreignVolunteer}`, undefined],
      [
        'PUT',
        `/api/volunteers/${foreignVolunteer}/screening`,
        { interviewOn: null, certificateIssuedOn: null, inductionOn: null, agreementOn: null, version: 1 },
      ],
      ['POST', `/api/volunteers/${foreignVolunteer}/status`, { status: 'left', changedOn: isoDay(0), reason: 'Х', version: 1 }],
      ['PUT', `/api/volunteers/teams/${foreignTeam}`, { branchId: org.branchIds[0], name: 'Т', leaderId: null, active: true, version: 1 }],
      ['GET', `/api/volunteers/tasks/${foreignTask}`, undefined],
      ['POST', `/api/volunteers/tasks/${foreignTask}/assign`, { volunteerId }],
      ['POST', `/api/volunteers/signups/${foreignSignup}/outcome`, { outcome: 'no_show' }],
      ['GET', `/api/volunteers/${foreignVolunteer}/letter.pdf?from=${isoDay(-1)}&to=${isoDay(0)}`, undefined],
    ] as const)
      expect((await coord.request(method, url, body)).statusCode, `${method} ${url}`).toBe(404);
    // A volunteer cannot sign up to another organisation's or another branch's task.
    expect((await c.volunteerA!.post(`/api/volunteers/me/tasks/${foreignTask}/signup`)).statusCode).toBe(404);
    expect((await c.volunteerA!.post(`/api/volunteers/me/signups/${foreignSignup}/withdraw`)).statusCode).toBe(404);
    expect(await counts()).toEqual(before);
  });
});

describe('the volunteer against every route of the server', () => {
  it('sees of the family on their task only first names, children’s ages and what the task needs; nothing of other families', async () => {
    const volunteer = c.volunteerA!;
    // Sanity: the secrets are there to be found by those who may read them.
    const full =
      (await c.workerA!.get(`/api/families/${familyId}`)).body +
      (await c.coordA!.get(`/api/families/${otherFamilyId}`)).body +
      (await c.coordA!.get(`/api/volunteers/${volunteerId}`)).body;
    for (const secret of SECRETS) expect(full, secret).toContain(secret);
    const tryIds = [caseId, familyId, motherId, otherFamilyId, volunteerId, otherVolunteerId, teamId, taskId, signupId, ids.volunteerA!];
    const { leaks, opened } = await walkEveryRoute(t, volunteer, tryIds, SECRETS);
    expect(leaks).toEqual([]);
    // The only permission routes that answer the volunteer are their own, the families of the case
    // teams they are on, the deliveries assigned to them, and the directories every role reads.
    const allowed = new Set([
      'GET /api/volunteers/me',
      'GET /api/volunteers/me/open-tasks',
      'POST /api/volunteers/me/tasks/:id/signup',
      'POST /api/volunteers/me/signups/:id/withdraw',
      'GET /api/volunteer/families',
      'GET /api/branches',
      'GET /api/branches/:id',
      'GET /api/programmes',
      'GET /api/programmes/:id',
    ]);
    expect(opened.filter((route) => !allowed.has(route))).toEqual([]);
    // The walk withdrew the volunteer from their shifts (POST …/withdraw is theirs to call): back on.
    await volunteer.post(`/api/volunteers/me/tasks/${taskId}/signup`);
    const screen = (await volunteer.get('/api/volunteers/me')).json();
    const delivery = screen.upcoming.find((u: { taskId: string }) => u.taskId === taskId);
    expect(delivery.family.people.map((p: { firstName: string }) => p.firstName)).toEqual(['Дарья', 'Миша']);
    expect(delivery.family.people.find((p: { firstName: string }) => p.firstName === 'Миша').age).toMatch(/^\d+[my]$/);
    expect(delivery.needs).toBe('Коляска со склада, позвонить за час');
    expect(delivery.address).toBe('ул. Доставочная, 5');
    // Once done, the address is no longer shown (yesterday's delivery, assigned after the fact).
    const yesterday = await buildTask(
      c.coordA!,
      {
        branchId: org.branchIds[0]!,
        kind: 'aid_delivery',
        title: 'Вчерашняя доставка',
        address: 'ул. Вчерашняя, 1',
        caseId,
      },
      -1,
    );
    expect((await c.coordA!.post(`/api/volunteers/tasks/${yesterday.id}/assign`, { volunteerId })).statusCode).toBe(200);
    const pending = (await volunteer.get('/api/volunteers/me')).json().past.find((u: { taskId: string }) => u.taskId === yesterday.id);
    expect(pending.address).toBe('ул. Вчерашняя, 1');
    const done = await c.coordA!.post(`/api/volunteers/signups/${pending.signupId}/outcome`, { outcome: 'completed', hours: 1 });
    expect(done.statusCode, done.body).toBe(200);
    const past = (await volunteer.get('/api/volunteers/me')).json().past.find((u: { taskId: string }) => u.taskId === yesterday.id);
    expect(past).toMatchObject({ address: '', status: 'completed', hours: 1 });
    expect(past.family.people.map((p: { firstName: string }) => p.firstName)).toEqual(['Дарья', 'Миша']);
    // Every route × every id: a few thousand requests.
  }, 300_000);
});

describe('the volunteer reminders on My work', () => {
  it('show the certificates ending or ended and the shifts on hold to those who keep the register, in their branches only', async () => {
    // Branch A: a certificate that has ended, with a child-care shift to come now on hold.
    const ended = await buildVolunteer(c.coordA!, { branchId: org.branchIds[0]!, lastName: 'Истёкшая', certificateDaysAgo: 30 });
    const care = await buildTask(c.coordA!, { branchId: org.branchIds[0]!, title: 'Присмотр при истёкшей справке' }, 4);
    expect((await c.coordA!.post(`/api/volunteers/tasks/${care.id}/assign`, { volunteerId: ended.id })).statusCode).toBe(200);
    const card = (await c.coordA!.get(`/api/volunteers/${ended.id}`)).json();
    const older = await c.coordA!.put(`/api/volunteers/${ended.id}/screening`, {
      interviewOn: card.interviewOn,
      interviewNotes: card.interviewNotes,
      certificateIssuedOn: isoDay(-380),
      inductionOn: card.inductionOn,
      agreementOn: card.agreementOn,
      version: card.version,
    });
    expect(older.statusCode, older.body).toBe(200);
    // Branch B: one ending within the reminder days; another organisation: one ending too.
    const endingB = await buildVolunteer(c.coordB!, {
      branchId: org.branchIds[1]!,
      lastName: 'Псковская-Справка',
      certificateDaysAgo: 350,
    });
    const foreign = await buildVolunteer(c.otherCoord!, {
      branchId: other.branchIds[0]!,
      lastName: 'Чужая-Справка',
      certificateDaysAgo: 350,
    });

    const work = async (name: Name) => {
      const res = await c[name]!.get('/api/my-work');
      return res.statusCode === 200 ? (res.json().volunteerReminders as Reminders) : res.statusCode;
    };
    const ids = (r: Reminders | number) =>
      typeof r === 'number' ? r : [...r.certificates.map((x) => x.volunteerId), ...r.onHold.map((x) => `hold:${x.volunteerId}`)];

    const a = await work('coordA');
    expect(typeof a).toBe('object');
    const mine = a as Reminders;
    expect(mine.certificates.find((x) => x.volunteerId === ended.id)).toMatchObject({ name: 'Истёкшая Алина Игоревна' });
    expect(mine.certificates.find((x) => x.volunteerId === ended.id)!.daysLeft).toBeLessThan(0);
    expect(mine.onHold.find((x) => x.taskId === care.id)).toMatchObject({ volunteerId: ended.id, title: 'Присмотр при истёкшей справке' });
    expect(ids(a)).not.toContain(endingB.id);
    expect(ids(a)).not.toContain(foreign.id);
    expect(ids(await work('supervisorA'))).toEqual(ids(a));
    const b = ids(await work('coordB'));
    expect(b).toContain(endingB.id);
    expect(b).not.toContain(ended.id);
    expect(b).not.toContain(`hold:${ended.id}`);
    const theirs = ids(await work('otherCoord'));
    expect(theirs).toContain(foreign.id);
    expect(theirs).not.toContain(ended.id);
    expect(theirs).not.toContain(endingB.id);
    // Casework without the volunteer register: My work, without the volunteers in it.
    expect(ids(await work('workerA'))).toEqual([]);
    // Staff with neither: My work, without the volunteers in it; volunteers and mentors have their own screens.
    for (const name of ['admin', 'meA', 'deskA'] as const) expect(ids(await work(name)), name).toEqual([]);
    for (const name of ['mentorA', 'volunteerA'] as const) expect(await work(name), name).toBe(403);

    // A volunteer coordinator's role of the organisation's own, with the register and no casework:
    // My work with the reminders of their branch, and nothing of the case sections.
    const role = await c.admin!.post('/api/roles', { name: 'Координатор волонтёров', permissions: ['volunteers.manage'] });
    expect(role.statusCode, role.body).toBe(201);
    const email = `volunteer-coordinator-${crypto.randomUUID().slice(0, 8)}@example.test`;
    const made = await c.admin!.post('/api/users', {
      lastName: 'Волонтёрская',
      firstName: 'Нина',
      email,
      password: PASSWORD,
      roles: [role.json().code as string],
      branchIds: [org.branchIds[0]],
    });
    expect(made.statusCode, made.body).toBe(201);
    const coordinator = await login(t, email);
    expect((await coordinator.get('/api/cases')).statusCode).toBe(403);
    const theirWork = await coordinator.get('/api/my-work');
    expect(theirWork.statusCode, theirWork.body).toBe(200);
    expect(ids(theirWork.json().volunteerReminders as Reminders)).toEqual(ids(a));
    expect(theirWork.json()).toMatchObject({
      tasksOverdue: [],
      tasksThisWeek: [],
      reviewsDue: [],
      firstPlansDue: [],
      assessmentsDue: [],
      signpostFollowUps: [],
    });
  });
});

describe('the files of a volunteer’s record', () => {
  // Who gets what of each file URL of volunteer A's record (coordinator A attaches one file of each
  // kind first): the register's keepers of branch A everything; the volunteer their own certificate
  // and agreement, to read; everyone else 404 — another branch, another organisation, another
  // volunteer, and the roles without the register alike.
  const KINDS = ['volunteer_certificate', 'volunteer_agreement', 'volunteer'] as const;
  const staff: Name[] = ['coordA', 'supervisorA'];
  const readersOf = (kind: (typeof KINDS)[number]): Name[] => (kind === 'volunteer' ? staff : [...staff, 'volunteerA']);
  const pdf = () => samplePdf(1).toString('base64');

  for (const kind of KINDS) {
    it(`${kind}: list, content, upload, edit, new version and removal by role, branch and organisation`, async () => {
      const base = `/api/files/owners/${kind}/${volunteerId}`;
      const attached = await c.coordA!.post(base, {
        title: `Файл ${kind}`,
        documentDate: isoDay(-3),
        fileName: 'scan.pdf',
        contentBase64: pdf(),
      });
      expect(attached.statusCode, attached.body).toBe(201);
      const fileId = attached.json().id as string;
      const readers = readersOf(kind);
      for (const name of NAMES) {
        const client = c[name]!;
        const list = await client.get(base);
        const content = await client.get(`/api/files/${fileId}/content`);
        const canRead = readers.includes(name);
        expect([name, list.statusCode], `${name} ${list.body}`).toEqual([name, canRead ? 200 : 404]);
        expect([name, content.statusCode]).toEqual([name, canRead ? 200 : 404]);
        if (canRead) expect(list.json().canManage, name).toBe(staff.includes(name));
        const upload = await client.post(base, { title: 'Ещё', documentDate: null, fileName: 'x.pdf', contentBase64: pdf() });
        const edit = await client.put(`/api/files/${fileId}`, { title: 'Переименован', documentDate: null, version: 999 });
        const replace = await client.post(`/api/files/${fileId}/versions`, { fileName: 'y.pdf', contentBase64: pdf(), version: 999 });
        const remove = await client.post(`/api/files/${fileId}/remove`, { version: 999 });
        // Keepers reach the handler (201, or 409 for the stale version); the volunteer may not change
        // their own (403); anyone else does not find it.
        const expected = staff.includes(name) ? [201, 409, 409, 409] : canRead ? [403, 403, 403, 403] : [404, 404, 404, 404];
        expect([name, upload.statusCode, edit.statusCode, replace.statusCode, remove.statusCode]).toEqual([name, ...expected]);
      }
      // Another organisation's volunteer in the owner id, and this record's ids under another kind's
      // name: not found, nothing written.
      const foreign = (await buildVolunteer(c.otherCoord!, { branchId: other.branchIds[0]!, lastName: 'Чужие-Файлы' })).id;
      expect((await c.coordA!.get(`/api/files/owners/${kind}/${foreign}`)).statusCode).toBe(404);
      expect(
        (await c.coordA!.post(`/api/files/owners/${kind}/${foreign}`, { title: 'Х', fileName: 'x.pdf', contentBase64: pdf() })).statusCode,
      ).toBe(404);
      expect((await c.otherCoord!.get(`/api/files/${fileId}/content`)).statusCode).toBe(404);
      expect((await c.coordA!.get(`/api/files/owners/${kind}/${taskId}`)).statusCode).toBe(404);
    });
  }
});
