// Mentoring through the real HTTP app: the register and the status path, the training and its
// completion rule, matching with capacity, agreements and a closed case, the log kept by staff and
// by the mentor, concerns reaching the case lead, the resource family that was once a client, and
// what the audit keeps.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { system } from '../db/gateway.js';
import { buildFamily, type BuiltCase } from '../testing/casework.js';
import { buildOrganization, buildTestApp, buildUser, login, type Client, type TestApp, type TestOrganization } from '../testing/harness.js';
import {
  buildCohort,
  buildMentoredCase,
  buildProgramme,
  diagnosticAnswers,
  mentoredFamilyMembers,
  registerMentor,
  trainMentors,
} from '../testing/mentoring.js';

let t: TestApp;
let org: TestOrganization;
let coord: Client;
let worker: Client;
let workerId: string;
let mentorUser: { id: string; email: string };
let mentorClient: Client;
let programmeId: string;
let caseProgrammeId: string;
let kase: BuiltCase;
const today = new Date().toISOString().slice(0, 10);
const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  t = await buildTestApp();
  org = await buildOrganization(t);
  const admin = await login(t, org.adminEmail);
  caseProgrammeId = (await admin.post('/api/programmes', { name: 'Выход', periodStart: '2026-01-01', periodEnd: '2027-12-31' })).json().id;
  coord = await login(t, (await buildUser(t, org, ['coordinator'])).email);
  const w = await buildUser(t, org, ['case_worker']);
  workerId = w.id;
  worker = await login(t, w.email);
  mentorUser = await buildUser(t, org, ['mentor']);
  mentorClient = await login(t, mentorUser.email);
  programmeId = await buildProgramme(coord);
  kase = await buildMentoredCase(coord, {
    branchId: org.branchIds[0]!,
    programmeId: caseProgrammeId,
    leadId: workerId,
    openedOn: '2026-09-01',
  });
  // Migrations and several accounts: slow on a busy machine.
}, 240_000);
afterAll(() => t.close());

describe('the register and the status path', () => {
  it('registers a candidate with its history; a pause needs a reason; trained only through the training', async () => {
    const id = await registerMentor(coord, { displayName: 'Семья Лебедевых', branchId: org.branchIds[0], capacity: 2 });
    const card = (await coord.get(`/api/mentoring/mentors/${id}`)).json();
    expect(card.status).toBe('candidate');
    expect(card.history).toEqual([{ from: null, to: 'candidate', changedOn: '2026-09-01', reason: '' }]);
    const toTrained = await coord.post(`/api/mentoring/mentors/${id}/status`, {
      status: 'trained',
      changedOn: today,
      version: card.version,
    });
    expect(toTrained.statusCode).toBe(409);
    expect(toTrained.json().error.fields[0].path).toBe('status');
    const noReason = await coord.post(`/api/mentoring/mentors/${id}/status`, {
      status: 'withdrawn',
      changedOn: today,
      version: card.version,
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.fields[0].path).toBe('reason');
    const future = await coord.post(`/api/mentoring/mentors/${id}/status`, {
      status: 'withdrawn',
      changedOn: tomorrow,
      reason: 'Переезд',
      version: card.version,
    });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.fields[0]).toMatchObject({ path: 'changedOn', code: 'validation.date_in_future' });
    const stale = await coord.post(`/api/mentoring/mentors/${id}/status`, {
      status: 'withdrawn',
      changedOn: today,
      reason: 'Переезд',
      version: 99,
    });
    expect(stale.statusCode).toBe(409);
  });

  it('refuses an experience outside the closed list and a capacity out of range, naming the field', async () => {
    const res = await coord.post('/api/mentoring/mentors', {
      kind: 'specialist',
      displayName: 'Иванова Мария',
      branchId: org.branchIds[0],
      experience: ['astrology'],
      capacity: 0,
      registeredOn: '2026-09-01',
    });
    expect(res.statusCode).toBe(400);
    expect(
      res
        .json()
        .error.fields.map((f: { path: string }) => f.path)
        .sort(),
    ).toEqual(['capacity', 'experience.0']);
  });

  it('filters the register by status, experience and name', async () => {
    await registerMentor(coord, { displayName: 'Ковалёвы', branchId: org.branchIds[0], experience: ['child_disability'] });
    const list = (await coord.get('/api/mentoring/mentors?experience=child_disability')).json().items;
    expect(list.map((m: { displayName: string }) => m.displayName)).toEqual(['Ковалёвы']);
    expect((await coord.get('/api/mentoring/mentors?q=ковал')).json().items).toHaveLength(1);
    expect((await coord.get('/api/mentoring/mentors?status=withdrawn')).json().items).toHaveLength(0);
  });
});

describe('training: the completion rule', () => {
  it('refuses completion without the attendance and the passed diagnostic, naming both; completes when both hold', async () => {
    const mentorId = await registerMentor(coord, { displayName: 'Семья Орловых', branchId: org.branchIds[0] });
    const cohortId = await buildCohort(coord, programmeId, org.branchIds[0]!);
    expect((await coord.post(`/api/mentoring/cohorts/${cohortId}/members`, { mentorId, enrolledOn: '2026-09-05' })).statusCode).toBe(200);
    expect((await coord.get(`/api/mentoring/mentors/${mentorId}`)).json().status).toBe('in_training');
    for (let session = 1; session <= 4; session++)
      await coord.put(`/api/mentoring/cohorts/${cohortId}/attendance`, { session, heldOn: `2026-09-1${session}`, present: [mentorId] });
    const early = await coord.post(`/api/mentoring/cohorts/${cohortId}/members/${mentorId}/complete`, { completedOn: '2026-10-15' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.fields.map((f: { path: string }) => f.path)).toEqual(['attendance', 'diagnostic']);

    const failed = await coord.post(`/api/mentoring/cohorts/${cohortId}/members/${mentorId}/diagnostic`, {
      conductedOn: '2026-10-01',
      answers: diagnosticAnswers(1),
    });
    expect(failed.statusCode, failed.body).toBe(201);
    expect(failed.json().members[0].diagnostic).toEqual({ conductedOn: '2026-10-01', score: 7, passed: false });
    await coord.put(`/api/mentoring/cohorts/${cohortId}/attendance`, { session: 5, heldOn: '2026-09-20', present: [mentorId] });
    const stillNo = await coord.post(`/api/mentoring/cohorts/${cohortId}/members/${mentorId}/complete`, { completedOn: '2026-10-15' });
    expect(stillNo.json().error.fields.map((f: { path: string }) => f.path)).toEqual(['diagnostic']);

    const badAnswer = await coord.post(`/api/mentoring/cohorts/${cohortId}/members/${mentorId}/diagnostic`, {
      conductedOn: '2026-10-05',
      answers: { ...diagnosticAnswers(2), listens: 9 },
    });
    expect(badAnswer.statusCode).toBe(400);
    expect(badAnswer.json().error.fields[0].path).toBe('answers.listens');
    await coord.post(`/api/mentoring/cohorts/${cohortId}/members/${mentorId}/diagnostic`, {
      conductedOn: '2026-10-05',
      answers: diagnosticAnswers(2),
    });
    // Judged on the completion date: the passed diagnostic came on the 5th, so the 3rd does not complete.
    const beforePass = await coord.post(`/api/mentoring/cohorts/${cohortId}/members/${mentorId}/complete`, { completedOn: '2026-10-03' });
    expect(beforePass.json().error.fields.map((f: { path: string }) => f.path)).toEqual(['diagnostic']);
    const done = await coord.post(`/api/mentoring/cohorts/${cohortId}/members/${mentorId}/complete`, { completedOn: '2026-10-15' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().members[0]).toMatchObject({ completedOn: '2026-10-15', attended: [1, 2, 3, 4, 5] });
    const card = (await coord.get(`/api/mentoring/mentors/${mentorId}`)).json();
    expect(card).toMatchObject({ status: 'trained', trainedOn: '2026-10-15' });
    expect(card.training[0]).toMatchObject({ attended: 5, sessions: 6, minSessions: 5, diagnosticPassed: true, completedOn: '2026-10-15' });
    expect(card.history.map((h: { to: string }) => h.to)).toEqual(['candidate', 'in_training', 'trained']);
    const again = await coord.post(`/api/mentoring/cohorts/${cohortId}/members/${mentorId}/complete`, { completedOn: '2026-10-16' });
    expect(again.statusCode).toBe(409);
  });

  it('the diagnostic template is kept with the other assessment templates', async () => {
    const res = await coord.get('/api/assessment-templates/mentor_primary_diagnostic');
    expect(res.statusCode).toBe(200);
    expect(res.json().definition.domains).toHaveLength(4);
  });

  it('attendance names a mentor who is not in the cohort', async () => {
    const cohortId = await buildCohort(coord, programmeId, org.branchIds[0]!);
    const stranger = await registerMentor(coord, { displayName: 'Чужие', branchId: org.branchIds[0] });
    const res = await coord.put(`/api/mentoring/cohorts/${cohortId}/attendance`, { session: 1, heldOn: '2026-09-12', present: [stranger] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0].path).toBe('present.0');
    const tooFar = await coord.put(`/api/mentoring/cohorts/${cohortId}/attendance`, { session: 7, heldOn: '2026-09-12', present: [] });
    expect(tooFar.json().error.fields[0].path).toBe('session');
  });
});

describe('matching, the log and concerns', () => {
  let mentorId: string;
  let matchId: string;

  beforeAll(async () => {
    mentorId = await registerMentor(coord, {
      displayName: 'Семья Сомовых',
      branchId: org.branchIds[0],
      userId: mentorUser.id,
      experience: ['large_family', 'single_parent'],
      capacity: 1,
    });
    const cohortId = await buildCohort(coord, programmeId, org.branchIds[0]!);
    await trainMentors(coord, cohortId, [mentorId]);
  });

  it('suggests trained mentors with a free place, the shared experience first', async () => {
    const res = await worker.get(`/api/cases/${kase.caseId}/mentoring/suggestions?role=mentor_family&experience=single_parent`);
    expect(res.statusCode, res.body).toBe(200);
    const first = res.json().items[0];
    expect(first).toMatchObject({ mentorId, matchingExperience: ['single_parent'], sameBranch: true, free: 1 });
  });

  it('a match needs both sides’ agreement before it starts; the dates are as they happened', async () => {
    const future = await worker.post(`/api/cases/${kase.caseId}/mentoring/matches`, { mentorId, proposedOn: tomorrow });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.fields[0].path).toBe('proposedOn');
    const beforeCase = await worker.post(`/api/cases/${kase.caseId}/mentoring/matches`, { mentorId, proposedOn: '2026-08-01' });
    expect(beforeCase.json().error.fields[0]).toMatchObject({ path: 'proposedOn', code: 'mentoring.errors.before' });
    const proposed = await worker.post(`/api/cases/${kase.caseId}/mentoring/matches`, { mentorId, proposedOn: '2026-10-20' });
    expect(proposed.statusCode, proposed.body).toBe(201);
    matchId = proposed.json().id;
    const early = await worker.post(`/api/mentoring/matches/${matchId}/start`, { startedOn: '2026-11-01', version: 1 });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.fields.map((f: { path: string }) => f.path)).toEqual(['familyAgreedOn', 'mentorAgreedOn']);
    let version = 1;
    for (const side of ['family', 'mentor']) {
      const res = await worker.post(`/api/mentoring/matches/${matchId}/agreement`, { side, agreedOn: '2026-10-25', version });
      expect(res.statusCode, res.body).toBe(200);
      version = res.json().version;
    }
    const started = await worker.post(`/api/mentoring/matches/${matchId}/start`, { startedOn: '2026-11-01', version });
    expect(started.statusCode, started.body).toBe(200);
    expect(started.json()).toMatchObject({
      status: 'active',
      familyAgreedOn: '2026-10-25',
      mentorAgreedOn: '2026-10-25',
      startedOn: '2026-11-01',
    });
    expect((await coord.get(`/api/mentoring/mentors/${mentorId}`)).json().status).toBe('active');
  });

  it('a mentor at capacity takes no more families (409 naming the mentor); a closed case gets no mentor', async () => {
    const second = await buildMentoredCase(coord, {
      branchId: org.branchIds[0]!,
      programmeId: caseProgrammeId,
      leadId: workerId,
      openedOn: '2026-09-01',
    });
    const full = await worker.post(`/api/cases/${second.caseId}/mentoring/matches`, { mentorId, proposedOn: '2026-11-02' });
    expect(full.statusCode).toBe(409);
    expect(full.json().error.fields[0]).toMatchObject({ path: 'mentorId', code: 'mentoring.errors.capacity' });
    const suggestions = (await worker.get(`/api/cases/${second.caseId}/mentoring/suggestions`)).json().items;
    expect(suggestions.map((s: { mentorId: string }) => s.mentorId)).not.toContain(mentorId);
    await system(t.engine, (tx) =>
      tx.execute(sql`update cases set status = 'closed', closed_on = '2026-11-03' where id = ${second.caseId}`),
    );
    const closed = await worker.post(`/api/cases/${second.caseId}/mentoring/matches`, { mentorId, proposedOn: '2026-11-02' });
    expect(closed.statusCode).toBe(409);
    expect(closed.json().error.fields[0]).toMatchObject({ path: 'caseId', code: 'mentoring.errors.case_closed' });
  });

  it('the mentor sees their family by first names and children’s ages, and logs two meetings; a concern reaches the lead', async () => {
    const mine = await mentorClient.get('/api/mentoring/my/families');
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json().items).toHaveLength(1);
    const family = mine.json().items[0];
    expect(family.matchId).toBe(matchId);
    expect(family.people).toEqual([
      { firstName: 'Дарья', relation: 'adult', age: null },
      { firstName: 'Миша', relation: 'child', age: expect.stringMatching(/^\d+m$/) },
    ]);
    expect(JSON.stringify(mine.json())).not.toMatch(/Кравцова|Олеговна|\+7/);
    const staffEntry = await worker.post(`/api/mentoring/matches/${matchId}/log`, {
      kind: 'call',
      occurredOn: '2026-11-02',
      durationMinutes: 15,
      note: 'Заметка сотрудника о семье',
    });
    expect(staffEntry.statusCode, staffEntry.body).toBe(201);
    for (const occurredOn of ['2026-11-05', '2026-11-12']) {
      const res = await mentorClient.post(`/api/mentoring/my/families/${matchId}/log`, {
        kind: 'meeting',
        occurredOn,
        durationMinutes: 90,
        note: 'Гуляли в парке',
        ...(occurredOn === '2026-11-12' && { concern: 'Мама сказала, что не спит ночами' }),
      });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().enteredByMentor).toBe(true);
    }
    const beforeStart = await mentorClient.post(`/api/mentoring/my/families/${matchId}/log`, {
      kind: 'call',
      occurredOn: '2026-10-30',
      durationMinutes: 10,
    });
    expect(beforeStart.statusCode).toBe(400);
    expect(beforeStart.json().error.fields[0].path).toBe('occurredOn');
    const detail = (await mentorClient.get(`/api/mentoring/my/families/${matchId}`)).json();
    expect(detail.minutes).toBe(195);
    expect(detail.log.map((e: { occurredOn: string }) => e.occurredOn)).toEqual(['2026-11-12', '2026-11-05', '2026-11-02']);
    // The worker's note is not the mentor's to read.
    expect(detail.log[2].note).toBe('');
    expect(JSON.stringify(detail)).not.toContain('Заметка сотрудника');

    const concerns = (await worker.get('/api/mentoring/concerns')).json().items;
    expect(concerns).toHaveLength(1);
    expect(concerns[0]).toMatchObject({ caseId: kase.caseId, concern: 'Мама сказала, что не спит ночами', mentorName: 'Семья Сомовых' });
    expect((await coord.get('/api/mentoring/concerns')).json().items).toHaveLength(0);
    const ack = await worker.post(`/api/mentoring/concerns/${concerns[0].id}/acknowledge`, { acknowledgedOn: '2026-11-12' });
    expect(ack.statusCode, ack.body).toBe(200);
    expect((await worker.get('/api/mentoring/concerns')).json().items).toHaveLength(0);

    const staffLog = (await worker.get(`/api/mentoring/matches/${matchId}/log`)).json().items;
    expect(staffLog).toHaveLength(3);
    expect(staffLog[2].note).toBe('Заметка сотрудника о семье');
  });

  it('the mentor sees the plan tasks given to them and no others', async () => {
    const plan = await worker.post(`/api/cases/${kase.caseId}/plan`, {
      desiredFuture: 'Семья живёт вместе',
      participants: [{ kind: 'mother', name: 'Дарья' }],
      startOn: '2026-11-01',
      nextReviewOn: '2027-02-01',
      madeOn: '2026-11-01',
      goals: [
        {
          domain: 'parenting',
          title: 'Уверенность в уходе за ребёнком',
          tasks: [
            {
              title: 'Сходить вместе в поликлинику',
              responsibleKind: 'mentor',
              responsibleUserId: mentorUser.id,
              responsibleName: 'Сомовы',
              dueOn: '2026-12-20',
            },
            { title: 'Оформить пособие', responsibleKind: 'staff', responsibleUserId: workerId, dueOn: '2026-12-20' },
          ],
        },
      ],
    });
    expect(plan.statusCode, plan.body).toBe(201);
    const detail = (await mentorClient.get(`/api/mentoring/my/families/${matchId}`)).json();
    expect(detail.tasks.map((task: { title: string }) => task.title)).toEqual(['Сходить вместе в поликлинику']);
  });

  it('a match ends with its reason; the ended family leaves the mentor’s list', async () => {
    const match = (await worker.get(`/api/cases/${kase.caseId}/mentoring`)).json().matches[0];
    const beforeLog = await worker.post(`/api/mentoring/matches/${matchId}/end`, {
      endedOn: '2026-11-10',
      reason: 'goals_reached',
      version: match.version,
    });
    expect(beforeLog.statusCode).toBe(400);
    const ended = await worker.post(`/api/mentoring/matches/${matchId}/end`, {
      endedOn: today,
      reason: 'goals_reached',
      version: match.version,
    });
    expect(ended.statusCode, ended.body).toBe(200);
    expect(ended.json()).toMatchObject({ status: 'ended', endReason: 'goals_reached', minutes: 195 });
    expect((await mentorClient.get('/api/mentoring/my/families')).json().items).toEqual([]);
    expect((await mentorClient.get(`/api/mentoring/my/families/${matchId}`)).statusCode).toBe(404);
  });

  it('the audit keeps ids, codes and field names, never the notes or concerns', async () => {
    const rows = await system(t.engine, (tx) =>
      tx.execute<{ details: unknown }>(sql`select details from audit_log where record_type in ('mentoring_log', 'mentor_match', 'mentor')`),
    );
    expect(rows.rows.length).toBeGreaterThan(5);
    const text = JSON.stringify(rows.rows);
    expect(text).not.toMatch(/Гуляли|не спит|Заметка|Сомовых/);
  });
});

describe('from mentored to mentor (point 7)', () => {
  it('a closed case’s family registered as a resource family keeps the link both ways; an open case is refused', async () => {
    const family = await buildFamily(coord, org.branchIds[0]!, mentoredFamilyMembers({ firstName: 'Вера' }).slice(0, 1));
    const opened = await coord.post('/api/cases', {
      familyId: family.id,
      programmeId: caseProgrammeId,
      branchId: org.branchIds[0],
      leadId: workerId,
      openedOn: '2026-09-02',
      team: [],
      riskFlags: [],
    });
    const caseId = opened.json().id as string;
    const open = await coord.post('/api/mentoring/mentors', {
      kind: 'resource_family',
      displayName: 'Семья Веры',
      branchId: org.branchIds[0],
      familyId: family.id,
      formerCaseId: caseId,
      capacity: 1,
      registeredOn: '2026-11-20',
    });
    expect(open.statusCode).toBe(409);
    expect(open.json().error.fields[0].path).toBe('formerCaseId');
    await system(t.engine, (tx) => tx.execute(sql`update cases set status = 'closed', closed_on = '2026-11-15' where id = ${caseId}`));
    const id = await registerMentor(coord, {
      displayName: 'Семья Веры',
      branchId: org.branchIds[0],
      familyId: family.id,
      formerCaseId: caseId,
      registeredOn: '2026-11-20',
    });
    expect((await coord.get(`/api/mentoring/mentors/${id}`)).json()).toMatchObject({ familyId: family.id, formerCaseId: caseId });
    const fromCase = (await coord.get(`/api/cases/${caseId}/mentoring`)).json();
    expect(fromCase.becameMentor).toMatchObject({ mentorId: id, displayName: 'Семья Веры', registeredOn: '2026-11-20' });
    const specialistWithFamily = await coord.post('/api/mentoring/mentors', {
      kind: 'specialist',
      displayName: 'Х',
      branchId: org.branchIds[0],
      familyId: family.id,
      capacity: 1,
      registeredOn: '2026-11-20',
    });
    expect(specialistWithFamily.json().error.fields[0].path).toBe('familyId');
  });
});

describe('supervision of mentors', () => {
  it('records a group supervision with the mentors present', async () => {
    const a = await registerMentor(coord, { displayName: 'Семья А', branchId: org.branchIds[0] });
    const res = await coord.post('/api/mentoring/supervisions', {
      branchId: org.branchIds[0],
      heldOn: '2026-11-20',
      durationMinutes: 90,
      topic: 'Трудные встречи',
      mentorIds: [a],
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().mentors).toEqual([{ id: a, displayName: 'Семья А' }]);
    const list = (await coord.get('/api/mentoring/supervisions')).json().items;
    expect(list).toHaveLength(1);
  });
});

describe('a mentor on the case team', () => {
  it('does not reach the case, even when their role is given case permissions', async () => {
    // A user who is a mentor and also holds a case worker's permissions, put on the team as a mentor:
    // the team row alone must not open the case (only a lead, a non-mentor team member or the
    // branch's coordinators reach it).
    const both = await buildUser(t, org, ['mentor', 'case_worker']);
    await system(t.engine, (tx) =>
      tx.execute(sql`insert into case_team (org_id, case_id, user_id, role) values (${org.orgId}, ${kase.caseId}, ${both.id}, 'mentor')`),
    );
    const client = await login(t, both.email);
    expect((await client.get(`/api/cases/${kase.caseId}`)).statusCode).toBe(404);
    expect((await worker.get(`/api/cases/${kase.caseId}`)).statusCode).toBe(200);
  });
});
