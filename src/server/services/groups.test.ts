// Who reaches a group session (issue 11, defect 7): every role × own branch / other branch / other
// organisation, for a session a family attended and for one nobody attended yet; the list, the
// session, attendance, and the counts the M&E officer gets instead.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoleCode } from '../../domain/access/permissions.js';
import { buildOrganization, buildTestApp, buildUser, login, type Client, type TestApp } from '../testing/harness.js';
import { buildCase, type BuiltCase } from '../testing/casework.js';

const today = new Date().toISOString().slice(0, 10);

const ACTORS: { name: string; roles: RoleCode[]; branch: 0 | 1 }[] = [
  { name: 'coordA', roles: ['coordinator'], branch: 0 },
  { name: 'supervisorA', roles: ['supervisor'], branch: 0 },
  { name: 'leadA', roles: ['case_worker'], branch: 0 },
  { name: 'teamA', roles: ['psychologist'], branch: 0 },
  { name: 'facilitatorA', roles: ['psychologist'], branch: 0 },
  { name: 'otherWorkerA', roles: ['case_worker'], branch: 0 },
  { name: 'deskA', roles: ['shelter_admin'], branch: 0 },
  { name: 'meA', roles: ['me_officer'], branch: 0 },
  { name: 'volunteerA', roles: ['volunteer'], branch: 0 },
  { name: 'coordB', roles: ['coordinator'], branch: 1 },
  { name: 'workerB', roles: ['case_worker'], branch: 1 },
];

let t: TestApp;
const clients: Record<string, Client> = {};
const ids: Record<string, string> = {};
let attended: string;
let empty: string;
let c: BuiltCase;

beforeAll(async () => {
  t = await buildTestApp();
  const org = await buildOrganization(t);
  clients.admin = await login(t, org.adminEmail);
  for (const a of ACTORS) {
    const user = await buildUser(t, org, a.roles, [org.branchIds[a.branch]!]);
    ids[a.name] = user.id;
    clients[a.name] = await login(t, user.email);
  }
  const other = await buildOrganization(t);
  clients.otherOrg = await login(t, (await buildUser(t, other, ['coordinator', 'supervisor', 'me_officer'], other.branchIds)).email);

  const programmeId = (
    await clients.admin.post('/api/programmes', { name: 'Неразлучные', periodStart: '2026-01-01', periodEnd: '2027-12-31' })
  ).json().id as string;
  c = await buildCase(clients.coordA!, {
    branchId: org.branchIds[0]!,
    programmeId,
    leadId: ids.leadA!,
    team: [
      { userId: ids.teamA!, role: 'psychologist' },
      { userId: ids.volunteerA!, role: 'volunteer' },
    ],
  });
  const session = (topic: string) => ({
    branchId: org.branchIds[0],
    kind: 'group_therapy',
    series: 'CANARY-SERIES',
    topic,
    date: today,
    durationMinutes: 90,
    facilitatorIds: [ids.facilitatorA],
    outsideAdults: 2,
    summary: 'CANARY-SUMMARY: о чём говорили',
  });
  const a = await clients.coordA!.post('/api/group-sessions', session('CANARY-TOPIC-ATTENDED'));
  expect(a.statusCode, a.body).toBe(201);
  attended = a.json().id;
  const marked = await clients.coordA!.post(`/api/group-sessions/${attended}/attendance`, {
    sessionId: attended,
    attendees: [{ caseId: c.caseId, memberId: c.motherId }],
  });
  expect(marked.statusCode, marked.body).toBe(200);
  const e = await clients.coordA!.post('/api/group-sessions', session('CANARY-TOPIC-EMPTY'));
  expect(e.statusCode, e.body).toBe(201);
  empty = e.json().id;
});
afterAll(() => t.close());

const NOBODY = {
  otherWorkerA: 404,
  deskA: 404,
  meA: 404,
  volunteerA: 404,
  coordB: 404,
  workerB: 404,
  admin: 404,
  otherOrg: 404,
};
const NAMES = ['coordA', 'supervisorA', 'leadA', 'teamA', 'facilitatorA', ...Object.keys(NOBODY)];

async function matrix(request: (client: Client) => Promise<{ statusCode: number }>) {
  const got: Record<string, number> = {};
  for (const name of NAMES) got[name] = (await request(clients[name]!)).statusCode;
  return got;
}

describe('group session scope', () => {
  it('a session families attended: the branch’s coordinator and supervisor, its facilitators, the families’ teams', async () => {
    expect(await matrix((client) => client.get(`/api/group-sessions/${attended}`))).toEqual({
      coordA: 200,
      supervisorA: 200,
      leadA: 200,
      teamA: 200,
      facilitatorA: 200,
      ...NOBODY,
    });
  });

  it('a session nobody attended yet: the branch’s coordinator and supervisor and its facilitators only', async () => {
    expect(await matrix((client) => client.get(`/api/group-sessions/${empty}`))).toEqual({
      coordA: 200,
      supervisorA: 200,
      leadA: 404,
      teamA: 404,
      facilitatorA: 200,
      ...NOBODY,
    });
  });

  it('the list holds exactly the sessions each one reaches — topics, series and summaries of no other', async () => {
    const seen: Record<string, string[]> = {};
    for (const name of NAMES) {
      const res = await clients[name]!.get('/api/group-sessions');
      expect(res.statusCode, name).toBe(200);
      seen[name] = res
        .json()
        .items.map((s: { id: string }) => (s.id === attended ? 'attended' : s.id === empty ? 'empty' : s.id))
        .sort();
      if (seen[name]!.length === 0) expect(res.body, name).not.toContain('CANARY');
    }
    expect(seen).toEqual({
      coordA: ['attended', 'empty'],
      supervisorA: ['attended', 'empty'],
      leadA: ['attended'],
      teamA: ['attended'],
      facilitatorA: ['attended', 'empty'],
      otherWorkerA: [],
      deskA: [],
      meA: [],
      volunteerA: [],
      coordB: [],
      workerB: [],
      admin: [],
      otherOrg: [],
    });
  });

  it('attendance is reached like the session; out of reach is 404 and nothing is written', async () => {
    // A member who is not of the case: 400 once the session is reached, so nothing is written either way.
    const body = { sessionId: attended, attendees: [{ caseId: c.caseId, memberId: c.caseId }] };
    const got = await matrix((client) => client.post(`/api/group-sessions/${attended}/attendance`, body));
    expect(got).toEqual({
      coordA: 400,
      supervisorA: 400,
      leadA: 400,
      teamA: 400,
      facilitatorA: 400,
      ...NOBODY,
      meA: 403,
      volunteerA: 403,
      admin: 403,
    });
    expect((await clients.leadA!.get(`/api/group-sessions/${attended}`)).json()).toMatchObject({
      attendeeCount: 1,
      attendees: [{ firstName: 'Дарья' }],
    });
  });

  it('the M&E officer gets counts per branch and kind — no topic, series, summary or name; small ones as "<5"', async () => {
    const res = await clients.meA!.get(`/api/group-sessions/counts?from=${today}&to=${today}`);
    expect(res.statusCode, res.body).toBe(200);
    // She cannot open the branch's cases: its small counts read as the funder exports show them
    // (zero identifies nobody; minutes are a sum of time, not a count of people).
    expect(res.json().items).toEqual([
      expect.objectContaining({
        kind: 'group_therapy',
        sessions: '<5',
        minutes: 180,
        attendances: '<5',
        outsideAdults: '<5',
        outsideChildren: 0,
      }),
    ]);
    expect(res.body).not.toMatch(/CANARY|Дарья/);
    expect((await clients.otherOrg!.get(`/api/group-sessions/counts?from=${today}&to=${today}`)).json().items).toEqual([]);
    const refused: Record<string, number> = {};
    for (const name of ['leadA', 'deskA', 'volunteerA', 'workerB'])
      refused[name] = (await clients[name]!.get('/api/group-sessions/counts')).statusCode;
    expect(refused).toEqual({ leadA: 403, deskA: 403, volunteerA: 403, workerB: 403 });
  });

  it('the branch’s coordinator and supervisor, who open every case of it, read its counts exactly; another branch’s coordinator does not', async () => {
    const url = `/api/group-sessions/counts?from=${today}&to=${today}`;
    const exact = { kind: 'group_therapy', sessions: 2, minutes: 180, attendances: 1, outsideAdults: 4, outsideChildren: 0 };
    const coordA = await clients.coordA!.get(url);
    expect(coordA.statusCode, coordA.body).toBe(200);
    expect(coordA.json().items).toEqual([expect.objectContaining(exact)]);
    expect((await clients.supervisorA!.get(url)).json().items).toEqual([expect.objectContaining(exact)]);
    expect((await clients.coordB!.get(url)).json().items).toEqual([
      expect.objectContaining({ sessions: '<5', minutes: 180, attendances: '<5', outsideAdults: '<5', outsideChildren: 0 }),
    ]);
  });
});
