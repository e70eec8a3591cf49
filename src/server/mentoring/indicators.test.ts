// The funder's mentoring figures (issue 14, point 8) on a small world worked by hand: two mentors
// complete the training, one is matched to a family and logs 15 + 90 + 90 minutes, the match ends,
// and the mentored family, its case closed, registers as a resource family itself.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { system } from '../db/gateway.js';
import { buildOrganization, buildTestApp, buildUser, login, type Client, type TestApp, type TestOrganization } from '../testing/harness.js';
import { activeMatch, buildCohort, buildMentoredCase, buildProgramme, registerMentor, trainMentors } from '../testing/mentoring.js';

let t: TestApp;
let org: TestOrganization;
let coord: Client;
let me: Client;
const today = new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  t = await buildTestApp();
  org = await buildOrganization(t);
  const admin = await login(t, org.adminEmail);
  const programme = (await admin.post('/api/programmes', { name: 'Выход', periodStart: '2026-01-01', periodEnd: '2027-12-31' })).json().id;
  coord = await login(t, (await buildUser(t, org, ['coordinator'])).email);
  me = await login(t, (await buildUser(t, org, ['me_officer'])).email);
  const worker = await buildUser(t, org, ['case_worker']);
  const workerClient = await login(t, worker.email);
  const mentorUser = await buildUser(t, org, ['mentor']);
  const mentorClient = await login(t, mentorUser.email);
  const cohort = await buildCohort(coord, await buildProgramme(coord), org.branchIds[0]!);
  const a = await registerMentor(coord, { displayName: 'Семья А', branchId: org.branchIds[0], userId: mentorUser.id });
  const b = await registerMentor(coord, { displayName: 'Семья Б', branchId: org.branchIds[0] });
  await trainMentors(coord, cohort, [a, b]);
  const kase = await buildMentoredCase(coord, { branchId: org.branchIds[0]!, programmeId: programme, leadId: worker.id });
  const match = await activeMatch(workerClient, kase.caseId, a);
  await workerClient.post(`/api/mentoring/matches/${match}/log`, { kind: 'call', occurredOn: '2026-11-02', durationMinutes: 15 });
  for (const occurredOn of ['2026-11-05', '2026-11-12'])
    await mentorClient.post(`/api/mentoring/my/families/${match}/log`, { kind: 'meeting', occurredOn, durationMinutes: 90 });
  const version = (await workerClient.get(`/api/cases/${kase.caseId}/mentoring`)).json().matches[0].version;
  await workerClient.post(`/api/mentoring/matches/${match}/end`, { endedOn: today, reason: 'goals_reached', version });
  await system(t.engine, (tx) => tx.execute(sql`update cases set status = 'closed', closed_on = ${today} where id = ${kase.caseId}`));
  await registerMentor(coord, {
    displayName: 'Семья Дарьи',
    branchId: org.branchIds[0],
    familyId: kase.familyId,
    formerCaseId: kase.caseId,
    registeredOn: today,
  });
}, 240_000);
afterAll(() => t.close());

describe('the funder’s figures (shipped indicators, Q4 2026)', () => {
  it('counts completions, families mentored, hours, running matches and the mentored family that became a mentor', async () => {
    const res = await me.get('/api/indicators/values?from=2026-10-01&to=2026-12-31');
    expect(res.statusCode, res.body).toBe(200);
    const value = Object.fromEntries(
      (res.json().items as { code: string; result: { value: number } }[]).map((i) => [i.code, i.result.value]),
    );
    expect({
      mentors_trained: value.mentors_trained,
      families_mentored: value.families_mentored,
      mentoring_hours: value.mentoring_hours,
      mentoring_matches_active: value.mentoring_matches_active,
      mentored_became_mentors: value.mentored_became_mentors,
    }).toEqual({
      // Семья А and Семья Б completed on 2026-10-15.
      mentors_trained: 2,
      // Дарья's family had a match running in the quarter.
      families_mentored: 1,
      // 15 + 90 + 90 minutes = 3.25 hours.
      mentoring_hours: 3.25,
      // The match ended today: none running at the quarter's end.
      mentoring_matches_active: 0,
      mentored_became_mentors: 1,
    });
  });
});
