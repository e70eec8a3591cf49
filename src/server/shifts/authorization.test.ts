// The authorization matrix of away shifts: every route × role × own branch / other branch / other
// organisation, then another organisation's ids in every id field. Bodies are valid, so an answer
// tells "reached" (the handler ran: 2xx, or 400/409 from a rule that needs the data) from "not found"
// (404: outside the caller's reach) from "forbidden" (403: no permission, or reading but not running
// the shift).
import { sql } from 'drizzle-orm';
import type { HTTPMethods } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoleCode } from '../../domain/access/permissions.js';
import { system } from '../db/gateway.js';
import { buildCase } from '../testing/casework.js';
import { buildOrganization, buildTestApp, buildUser, login, type Client, type TestApp, type TestOrganization } from '../testing/harness.js';

const ACTORS: { name: string; roles: RoleCode[]; branch: 0 | 1 | 'both'; other?: true }[] = [
  { name: 'admin', roles: ['admin'], branch: 'both' },
  { name: 'coordA', roles: ['coordinator'], branch: 0 },
  { name: 'coordB', roles: ['coordinator'], branch: 1 },
  { name: 'supervisorA', roles: ['supervisor'], branch: 0 },
  { name: 'psychA', roles: ['psychologist'], branch: 0 },
  { name: 'workerA', roles: ['case_worker'], branch: 0 },
  { name: 'workerB', roles: ['case_worker'], branch: 1 },
  { name: 'lawyerA', roles: ['lawyer'], branch: 0 },
  { name: 'deskA', roles: ['shelter_admin'], branch: 0 },
  { name: 'meA', roles: ['me_officer'], branch: 0 },
  { name: 'volunteerA', roles: ['volunteer'], branch: 0 },
  { name: 'mentorA', roles: ['mentor'], branch: 0 },
  { name: 'otherCoord', roles: ['coordinator'], branch: 0, other: true },
];
type Name = (typeof ACTORS)[number]['name'];

let t: TestApp;
let org: TestOrganization;
let other: TestOrganization;
const c: Record<string, Client> = {};
const ids: Record<string, string> = {};
let programmeId: string;
let shiftId: string;
let participantId: string;
let caseA: { caseId: string; motherId: string; childId: string };
let foreign: { shiftId: string; caseId: string; motherId: string; programmeId: string; participantId: string };
let diagnosticId: string;
let foreignMentor: string;
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const [d1, d3] = [day(-20), day(-18)];
const pci = { sensitivity_score: 3, control_conflict_score: 3, anticipation_score: 3, warmth_score: 3, stress_score: 3 };

async function shiftFor(coord: Client, o: TestOrganization, p: string, specialist: string, lead: string) {
  const built = await buildCase(coord, { branchId: o.branchIds[0]!, programmeId: p, leadId: lead, openedOn: '2026-01-10' });
  const shift = await coord.post('/api/shifts', {
    branchId: o.branchIds[0],
    programmeId: p,
    title: 'Смена',
    venue: 'База',
    startsOn: d1,
    endsOn: d3,
    specialistIds: [specialist],
  });
  expect(shift.statusCode, shift.body).toBe(201);
  const family = (await coord.get(`/api/families/${built.familyId}`)).json() as { members: { id: string; relation: string }[] };
  const childId = family.members.find((m) => m.relation === 'child')!.id;
  const added = await coord.post(`/api/shifts/${shift.json().id}/participants`, {
    members: [
      { caseId: built.caseId, memberId: built.motherId },
      { caseId: built.caseId, memberId: childId },
    ],
  });
  expect(added.statusCode, added.body).toBe(200);
  return {
    shiftId: shift.json().id as string,
    caseId: built.caseId,
    motherId: built.motherId,
    childId,
    participantId: added.json().participants[0].id as string,
  };
}

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
  const programme = async (admin: Client) =>
    (await admin.post('/api/programmes', { name: 'Выход', periodStart: '2026-01-01', periodEnd: '2027-12-31' })).json().id as string;
  programmeId = await programme(c.admin!);
  const otherProgramme = await programme(await login(t, other.adminEmail));
  const mine = await shiftFor(c.coordA!, org, programmeId, ids.psychA!, ids.workerA!);
  shiftId = mine.shiftId;
  participantId = mine.participantId;
  caseA = mine;
  const theirs = await shiftFor(c.otherCoord!, other, otherProgramme, ids.otherCoord!, ids.otherCoord!);
  foreign = { ...theirs, programmeId: otherProgramme };
  foreignMentor = await system(t.engine, async (tx) => {
    const rows = await tx.execute<{
      id: string;
    }>(sql`insert into mentors (org_id, branch_id, kind, display_name, capacity, status, status_on, registered_on)
      values (${other.orgId}, ${other.branchIds[0]}, 'volunteer', 'Наставник', 2, 'active', '2026-01-01', '2026-01-01') returning id::text`);
    return rows.rows[0]!.id;
  });
  const diag = await c.psychA!.post(`/api/shifts/${shiftId}/diagnostics`, {
    stage: 'start',
    caseId: caseA.caseId,
    memberId: caseA.childId,
    templateCode: 'parent_child_interaction',
    conductedOn: d1,
    answers: pci,
  });
  expect(diag.statusCode, diag.body).toBe(201);
  diagnosticId = diag.json().diagnostics[0].id;
}, 300_000);
afterAll(() => t.close());

const R = 'reached' as const;
type Outcome = typeof R | 404 | 403;
const matrix = (reached: Name[], notFound: Name[] = []): Record<Name, Outcome> =>
  Object.fromEntries(ACTORS.map((a) => [a.name, reached.includes(a.name) ? R : notFound.includes(a.name) ? 404 : 403])) as Record<
    Name,
    Outcome
  >;
const CASEWORK: Name[] = ['coordA', 'coordB', 'supervisorA', 'psychA', 'workerA', 'workerB', 'lawyerA', 'otherCoord'];
/** Reads: the shift's team, and the lead of the participating family; other casework: not found. */
const readers = matrix(['coordA', 'supervisorA', 'psychA', 'workerA'], ['coordB', 'workerB', 'lawyerA', 'otherCoord']);
/** Changes: the shift's team only; the family's lead reads it but does not run it (403). */
const runners = matrix(['coordA', 'supervisorA', 'psychA'], ['coordB', 'workerB', 'lawyerA', 'otherCoord']);

const shiftBody = () => ({ branchId: org.branchIds[0], programmeId, title: 'Новая', venue: 'База', startsOn: d1, endsOn: d3 });

const ROUTES: { name: string; method: HTTPMethods; url: () => string; body?: () => unknown; expect: Record<Name, Outcome> }[] = [
  { name: 'list', method: 'GET', url: () => '/api/shifts', expect: matrix(CASEWORK) },
  {
    name: 'counts',
    method: 'GET',
    url: () => '/api/shifts/counts',
    expect: matrix(['admin', 'coordA', 'coordB', 'supervisorA', 'meA', 'otherCoord']),
  },
  { name: 'one', method: 'GET', url: () => `/api/shifts/${shiftId}`, expect: readers },
  // Creating needs a branch the caller works in: casework of branch B and the other organisation get 400 ("reached").
  { name: 'create', method: 'POST', url: () => '/api/shifts', body: shiftBody, expect: matrix(CASEWORK) },
  { name: 'edit', method: 'PUT', url: () => `/api/shifts/${shiftId}`, body: () => ({ ...shiftBody(), version: 999 }), expect: runners },
  {
    name: 'participants',
    method: 'POST',
    url: () => `/api/shifts/${shiftId}/participants`,
    body: () => ({ members: [{ caseId: caseA.caseId, memberId: caseA.motherId }] }),
    expect: runners,
  },
  {
    name: 'remove participant',
    method: 'DELETE',
    url: () => `/api/shifts/${shiftId}/participants/00000000-0000-4000-8000-000000000000`,
    // An id that is not there: 404 for those who run the shift; its reader (the family's lead) may not change it (403).
    expect: matrix([], ['coordA', 'supervisorA', 'psychA', 'coordB', 'workerB', 'lawyerA', 'otherCoord']),
  },
  {
    name: 'day programme',
    method: 'PUT',
    url: () => `/api/shifts/${shiftId}/days/${d1}`,
    body: () => ({ programme: 'x', version: 999 }),
    expect: runners,
  },
  {
    name: 'attendance',
    method: 'PUT',
    url: () => `/api/shifts/${shiftId}/days/${d1}/attendance`,
    body: () => ({ participantIds: [participantId] }),
    expect: runners,
  },
  {
    name: 'diagnostic',
    method: 'POST',
    url: () => `/api/shifts/${shiftId}/diagnostics`,
    body: () => ({
      stage: 'start',
      caseId: caseA.caseId,
      memberId: caseA.childId,
      templateCode: 'parent_child_interaction',
      conductedOn: d1,
      answers: pci,
    }),
    expect: runners,
  },
  {
    name: 'remove diagnostic',
    method: 'DELETE',
    url: () => `/api/shifts/${shiftId}/diagnostics/00000000-0000-4000-8000-000000000000`,
    expect: matrix([], ['coordA', 'supervisorA', 'psychA', 'coordB', 'workerB', 'lawyerA', 'otherCoord']),
  },
  {
    name: 'analysis',
    method: 'PUT',
    url: () => `/api/shifts/${shiftId}/analysis`,
    body: () => ({ text: 'Вывод', analysedOn: d3, version: 999 }),
    expect: runners,
  },
  {
    name: 'summary',
    method: 'PUT',
    url: () => `/api/shifts/${shiftId}/summary`,
    body: () => ({ text: 'Итоги', writtenOn: d3, version: 999 }),
    expect: runners,
  },
];

describe('shifts authorization matrix', () => {
  for (const route of ROUTES)
    it(`${route.method} ${route.name}`, async () => {
      const got: Record<string, Outcome | number> = {};
      for (const a of ACTORS) {
        const res = await c[a.name]!.request(route.method, route.url(), route.body?.());
        const status = res.statusCode;
        got[a.name] = status === 404 || status === 403 ? status : [200, 201, 400, 409, 422].includes(status) ? R : status;
      }
      // The coordinator runs the shift but is not among the diagnostic template's roles.
      expect(got).toEqual(route.name === 'diagnostic' ? { ...route.expect, coordA: 403 } : route.expect);
    });

  it('another organisation’s shift reads as not found, whoever asks', async () => {
    for (const name of ['coordA', 'supervisorA', 'psychA', 'workerA'] as const)
      expect((await c[name]!.get(`/api/shifts/${foreign.shiftId}`)).statusCode).toBe(404);
    expect((await c.otherCoord!.get(`/api/shifts/${shiftId}`)).statusCode).toBe(404);
    const list = (await c.otherCoord!.get('/api/shifts')).json().items as { id: string }[];
    expect(list.map((s) => s.id)).not.toContain(shiftId);
  });

  it('refuses another organisation’s id in every id field by name, and writes nothing', async () => {
    const coord = c.coordA!;
    const paths = async (method: HTTPMethods, url: string, body: unknown) => {
      const res = await coord.request(method, url, body);
      expect(res.statusCode, `${url} ${res.body}`).toBe(400);
      return (res.json().error.fields as { path: string }[]).map((f) => f.path);
    };
    expect(await paths('POST', '/api/shifts', { ...shiftBody(), branchId: other.branchIds[0] })).toEqual(['branchId']);
    expect(await paths('POST', '/api/shifts', { ...shiftBody(), programmeId: foreign.programmeId })).toEqual(['programmeId']);
    expect(await paths('POST', '/api/shifts', { ...shiftBody(), specialistIds: [ids.otherCoord] })).toEqual(['specialistIds']);
    expect(
      await paths('POST', `/api/shifts/${shiftId}/participants`, {
        members: [
          { caseId: foreign.caseId, memberId: foreign.motherId },
          { caseId: caseA.caseId, memberId: foreign.motherId },
        ],
        mentors: [{ mentorId: foreignMentor }],
      }),
    ).toEqual(['members.0.caseId', 'members.1.memberId', 'mentors.0.mentorId']);
    expect(await paths('PUT', `/api/shifts/${shiftId}/days/${d1}/attendance`, { participantIds: [foreign.participantId] })).toEqual([
      'participantIds',
    ]);
    const diagnostic = { stage: 'end', templateCode: 'parent_child_interaction', conductedOn: d3, answers: pci };
    expect(
      await c
        .psychA!.post(`/api/shifts/${shiftId}/diagnostics`, { ...diagnostic, caseId: foreign.caseId, memberId: foreign.motherId })
        .then((r) => r.json().error.fields.map((f: { path: string }) => f.path)),
    ).toEqual(['memberId']);
    expect(
      await c
        .psychA!.post(`/api/shifts/${shiftId}/diagnostics`, { ...diagnostic, caseId: caseA.caseId, memberId: foreign.motherId })
        .then((r) => r.json().error.fields.map((f: { path: string }) => f.path)),
    ).toEqual(['memberId']);
    // A consultation linked to another organisation's shift.
    const types = (await coord.get('/api/service-types')).json().items as { id: string; code: string }[];
    const service = await c.workerA!.post('/api/services', {
      caseId: caseA.caseId,
      typeId: types.find((x) => x.code === 'psy_individual')!.id,
      date: d1,
      durationMinutes: 60,
      specialistIds: [ids.workerA],
      format: 'in_person',
      initiatedBy: 'team',
      shiftId: foreign.shiftId,
    });
    expect(service.statusCode).toBe(400);
    expect(service.json().error.fields.map((f: { path: string }) => f.path)).toEqual(['shiftId']);
    // Path ids of the other organisation: not found.
    expect((await coord.request('DELETE', `/api/shifts/${shiftId}/participants/${foreign.participantId}`)).statusCode).toBe(404);
    expect((await coord.request('DELETE', `/api/shifts/${shiftId}/diagnostics/${diagnosticId}`)).statusCode).toBe(200);
    const shift = (await coord.get(`/api/shifts/${shiftId}`)).json();
    expect(shift.participants).toHaveLength(2);
    expect(shift.families).toBe(1);
  });

  it('refuses another branch’s family and mentor to the shift’s team by name, and query ids of another organisation filter to nothing', async () => {
    // A family of branch B (its own lead) and a mentor of branch B: not within branch A's reach.
    const caseB = await buildCase(c.coordB!, { branchId: org.branchIds[1]!, programmeId, leadId: ids.workerB!, openedOn: '2026-01-10' });
    const mentorB = await system(t.engine, async (tx) => {
      const rows = await tx.execute<{
        id: string;
      }>(sql`insert into mentors (org_id, branch_id, kind, display_name, capacity, status, status_on, registered_on)
        values (${org.orgId}, ${org.branchIds[1]}, 'volunteer', 'Наставник Б', 2, 'active', '2026-01-01', '2026-01-01') returning id::text`);
      return rows.rows[0]!.id;
    });
    const participants = async () =>
      system(t.engine, async (tx) =>
        Number((await tx.execute<{ n: number }>(sql`select count(*)::int as n from shift_participants`)).rows[0]!.n),
      );
    const before = await participants();
    for (const runner of [c.coordA!, c.psychA!]) {
      const res = await runner.post(`/api/shifts/${shiftId}/participants`, {
        members: [{ caseId: caseB.caseId, memberId: caseB.motherId }],
        mentors: [{ mentorId: mentorB }],
      });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.fields.map((f: { path: string }) => f.path)).toEqual(['members.0.caseId', 'mentors.0.mentorId']);
    }
    expect(await participants()).toBe(before);
    // The branch B lead's family never reached the shift: its timeline says nothing of it.
    const story = (await c.workerB!.get(`/api/cases/${caseB.caseId}/timeline`)).json().items as { kind: string }[];
    expect(story.some((e) => e.kind.startsWith('shift_'))).toBe(false);
    // Query ids of another organisation are refused by name; another branch of this one filters.
    for (const [query, path] of [
      [`branchId=${other.branchIds[0]}`, 'branchId'],
      [`programmeId=${foreign.programmeId}`, 'programmeId'],
    ] as const) {
      const res = await c.coordA!.get(`/api/shifts?${query}`);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.fields.map((f: { path: string }) => f.path)).toEqual([path]);
    }
    const branchB = await c.coordA!.get(`/api/shifts?branchId=${org.branchIds[1]}`);
    expect(branchB.statusCode).toBe(200);
    expect(branchB.json().items).toEqual([]);
    expect((await c.coordA!.get('/api/shifts?branchId=not-a-uuid')).statusCode).toBe(400);
  });
});
