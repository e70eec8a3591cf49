// The authorization matrix of trainings and consultations for specialists: every route × role ×
// own branch / other branch / other organisation. Bodies are valid or fail on a rule that needs the
// data, so an answer tells "reached" (the handler ran: 2xx, or 400/409) from "not found" (404:
// outside the caller's reach) from "forbidden" (403: the role lacks the permission).
import type { HTTPMethods } from 'fastify';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoleCode } from '../../domain/access/permissions.js';
import { system } from '../db/gateway.js';
import { buildOrganization, buildTestApp, buildUser, login, type Client, type TestApp, type TestOrganization } from '../testing/harness.js';

const ACTORS: { name: string; roles: RoleCode[]; branch: 0 | 1 | 'both'; other?: true }[] = [
  { name: 'admin', roles: ['admin'], branch: 'both' },
  { name: 'coordA', roles: ['coordinator'], branch: 0 },
  { name: 'coordB', roles: ['coordinator'], branch: 1 },
  { name: 'supervisorA', roles: ['supervisor'], branch: 0 },
  { name: 'workerA', roles: ['case_worker'], branch: 0 },
  { name: 'psyB', roles: ['psychologist'], branch: 1 },
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
let specialistId: string;
let trainingId: string;
let sessionId: string;
let participantId: string;
let consultationId: string;

beforeAll(async () => {
  t = await buildTestApp();
  org = await buildOrganization(t);
  other = await buildOrganization(t);
  for (const a of ACTORS) {
    const o = a.other ? other : org;
    const branches = a.branch === 'both' ? o.branchIds : [o.branchIds[a.branch]!];
    const user = await buildUser(t, o, a.roles, branches);
    c[a.name] = await login(t, user.email);
  }
  specialistId = await system(t.engine, async (tx) => {
    const row = await tx.execute<{
      id: string;
    }>(sql`insert into external_specialists (org_id, last_name, first_name, profession, city, consent_on)
      values (${org.orgId}, 'Логинова', 'Мария', 'speech_therapist', 'Псков', '2026-01-10') returning id::text`);
    return row.rows[0]!.id;
  });
  const training = await c.coordA!.post('/api/trainings', body());
  expect(training.statusCode, training.body).toBe(201);
  trainingId = training.json().id;
  sessionId = (await c.coordA!.post(`/api/trainings/${trainingId}/sessions`, { heldOn: '2026-10-05', hours: 8 })).json().id;
  participantId = (
    await c.coordA!.post(`/api/trainings/${trainingId}/participants`, { person: { specialistId }, registeredOn: '2026-10-01' })
  ).json().participants[0].id;
  await c.coordA!.put(`/api/trainings/${trainingId}/sessions/${sessionId}/attendance`, { participantIds: [participantId], version: 1 });
  await c.coordA!.post(`/api/trainings/${trainingId}/completions`, { completedOn: '2026-10-05' });
  const cert = await c.coordA!.post(`/api/trainings/${trainingId}/certificates`, {
    issuedOn: '2026-10-06',
    participantIds: [participantId],
  });
  expect(cert.statusCode, cert.body).toBe(200);
  const consultation = await c.workerA!.post('/api/specialist-consultations', consultationBody());
  expect(consultation.statusCode, consultation.body).toBe(201);
  consultationId = consultation.json().id;
  // Ten accounts and a fresh database take long on a busy machine's PGlite.
}, 240_000);
afterAll(() => t.close());

function body() {
  return {
    branchId: org.branchIds[0],
    kind: 'seminar',
    title: 'Семинар',
    startsOn: '2026-10-05',
    endsOn: '2026-10-06',
    hours: 500,
    minHours: 4,
  };
}
function consultationBody() {
  return { branchId: org.branchIds[0], givenOn: '2026-10-20', minutes: 60, topic: 'Тема', specialistIds: [specialistId] };
}

const R = 'reached' as const;
const N = 404;
const F = 403;
type Outcome = typeof R | 404 | 403;
const only = (reached: Name[], notFound: Name[] = []): Record<Name, Outcome> =>
  Object.fromEntries(ACTORS.map((a) => [a.name, reached.includes(a.name) ? R : notFound.includes(a.name) ? N : F])) as Record<
    Name,
    Outcome
  >;

const readers: Name[] = ['coordA', 'coordB', 'supervisorA', 'workerA', 'psyB', 'meA', 'otherCoord'];
const managers: Name[] = ['coordA', 'coordB', 'supervisorA', 'workerA', 'psyB', 'otherCoord'];
/** A record of branch A: its readers reach it, the other branch and organisation do not find it. */
const readA = only(['coordA', 'supervisorA', 'workerA', 'meA'], ['coordB', 'psyB', 'otherCoord']);
const manageA = only(['coordA', 'supervisorA', 'workerA'], ['coordB', 'psyB', 'otherCoord']);

const ROUTES: { name: string; method: HTTPMethods; url: () => string; body?: () => unknown; expect: Record<Name, Outcome> }[] = [
  { name: 'list', method: 'GET', url: () => '/api/trainings', expect: only(readers) },
  // Another branch and another organisation are refused by the branch field (400): the handler ran.
  { name: 'create', method: 'POST', url: () => '/api/trainings', body: body, expect: only(managers) },
  { name: 'one', method: 'GET', url: () => `/api/trainings/${trainingId}`, expect: readA },
  { name: 'participants', method: 'GET', url: () => `/api/trainings/${trainingId}/participants`, expect: readA },
  { name: 'edit', method: 'PUT', url: () => `/api/trainings/${trainingId}`, body: () => ({ ...body(), version: 999 }), expect: manageA },
  {
    name: 'add session',
    method: 'POST',
    url: () => `/api/trainings/${trainingId}/sessions`,
    body: () => ({ heldOn: '2026-10-06', hours: 1 }),
    expect: manageA,
  },
  {
    name: 'edit session',
    method: 'PUT',
    url: () => `/api/trainings/${trainingId}/sessions/${sessionId}`,
    body: () => ({ heldOn: '2026-10-05', hours: 8, version: 999 }),
    expect: manageA,
  },
  // The session has attendance: 409 for those who reach it.
  { name: 'delete session', method: 'DELETE', url: () => `/api/trainings/${trainingId}/sessions/${sessionId}`, expect: manageA },
  {
    name: 'attendance',
    method: 'PUT',
    url: () => `/api/trainings/${trainingId}/sessions/${sessionId}/attendance`,
    body: () => ({ participantIds: [participantId], version: 999 }),
    expect: manageA,
  },
  {
    name: 'register',
    method: 'POST',
    url: () => `/api/trainings/${trainingId}/participants`,
    body: () => ({ person: { specialistId }, registeredOn: '2026-10-01' }),
    expect: manageA,
  },
  {
    name: 'scores',
    method: 'PUT',
    url: () => `/api/trainings/${trainingId}/participants/${participantId}/scores`,
    body: () => ({ preScore: 10, postScore: 90, version: 999 }),
    expect: manageA,
  },
  // Completed: 409 for those who reach it.
  { name: 'unregister', method: 'DELETE', url: () => `/api/trainings/${trainingId}/participants/${participantId}`, expect: manageA },
  {
    name: 'completion',
    method: 'POST',
    url: () => `/api/trainings/${trainingId}/participants/${participantId}/completion`,
    body: () => ({ completedOn: '2026-10-06', version: 999 }),
    expect: manageA,
  },
  {
    name: 'completions',
    method: 'POST',
    url: () => `/api/trainings/${trainingId}/completions`,
    body: () => ({ completedOn: '2026-10-06' }),
    expect: manageA,
  },
  // Certificate issued: 409 for those who reach it.
  {
    name: 'undo completion',
    method: 'DELETE',
    url: () => `/api/trainings/${trainingId}/participants/${participantId}/completion?version=999`,
    expect: manageA,
  },
  // Already issued: 400 for those who reach it.
  {
    name: 'certificates',
    method: 'POST',
    url: () => `/api/trainings/${trainingId}/certificates`,
    body: () => ({ issuedOn: '2026-10-07', participantIds: [participantId] }),
    expect: manageA,
  },
  {
    name: 'certificate pdf',
    method: 'GET',
    url: () => `/api/trainings/${trainingId}/participants/${participantId}/certificate.pdf`,
    expect: readA,
  },
  { name: 'specialists', method: 'GET', url: () => '/api/trainings/specialists?q=лог', expect: only(managers) },
  { name: 'consultations', method: 'GET', url: () => '/api/specialist-consultations', expect: only(readers) },
  { name: 'consultation', method: 'GET', url: () => `/api/specialist-consultations/${consultationId}`, expect: readA },
  { name: 'add consultation', method: 'POST', url: () => '/api/specialist-consultations', body: consultationBody, expect: only(managers) },
  {
    name: 'edit consultation',
    method: 'PUT',
    url: () => `/api/specialist-consultations/${consultationId}`,
    body: () => ({ ...consultationBody(), version: 999 }),
    expect: manageA,
  },
  // Stale version: 409 for those who reach it.
  {
    name: 'delete consultation',
    method: 'DELETE',
    url: () => `/api/specialist-consultations/${consultationId}?version=999`,
    expect: manageA,
  },
];

describe('trainings authorization matrix', () => {
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

  it('another branch’s and another organisation’s lists do not show branch A’s records', async () => {
    expect((await c.coordB!.get('/api/trainings')).json().items).toEqual([]);
    expect((await c.otherCoord!.get('/api/specialist-consultations')).json().items).toEqual([]);
    expect((await c.otherCoord!.get('/api/trainings/specialists')).json().items).toEqual([]);
  });
});
