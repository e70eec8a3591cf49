// Factories for mentoring tests, through the real HTTP routes: a training programme (the shipped
// «Школа наставников»), a cohort, and mentors taken through it to "trained".
import { expect } from 'vitest';
import { MENTOR_DIAGNOSTIC, SHIPPED_TRAINING_PROGRAMME } from '../../domain/mentoring/shipped.js';
import { buildFamily, motherInput, type BuiltCase } from './casework.js';
import type { Client } from './harness.js';

/** Answers to the shipped diagnostic, every question at `value` (7 questions, 0–3; 12 passes). */
export function diagnosticAnswers(value: number): Record<string, number> {
  return Object.fromEntries(MENTOR_DIAGNOSTIC.domains.flatMap((d) => d.questions.map((q) => [q.code, value])));
}

export async function buildProgramme(coordinator: Client): Promise<string> {
  const res = await coordinator.post('/api/mentoring/programmes', SHIPPED_TRAINING_PROGRAMME);
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

export async function buildCohort(coordinator: Client, programmeId: string, branchId: string, startsOn = '2026-09-10'): Promise<string> {
  const res = await coordinator.post('/api/mentoring/cohorts', {
    programmeId,
    branchId,
    name: 'Весенняя группа',
    startsOn,
    endsOn: '2026-10-31',
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

export async function registerMentor(coordinator: Client, input: Record<string, unknown>): Promise<string> {
  const res = await coordinator.post('/api/mentoring/mentors', {
    kind: 'resource_family',
    displayName: 'Семья Сомовых',
    locality: 'Москва',
    experience: ['large_family'],
    capacity: 1,
    registeredOn: '2026-09-01',
    ...input,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

/** Enrols the mentors, marks them present at the first five sessions, passes their diagnostic and completes them. */
export async function trainMentors(coordinator: Client, cohortId: string, mentorIds: string[], completedOn = '2026-10-15'): Promise<void> {
  for (const mentorId of mentorIds) {
    const res = await coordinator.post(`/api/mentoring/cohorts/${cohortId}/members`, { mentorId, enrolledOn: '2026-09-05' });
    expect(res.statusCode, res.body).toBe(200);
  }
  for (let session = 1; session <= 5; session++) {
    const res = await coordinator.put(`/api/mentoring/cohorts/${cohortId}/attendance`, {
      session,
      heldOn: `2026-09-${String(10 + session).padStart(2, '0')}`,
      present: mentorIds,
    });
    expect(res.statusCode, res.body).toBe(200);
  }
  for (const mentorId of mentorIds) {
    const d = await coordinator.post(`/api/mentoring/cohorts/${cohortId}/members/${mentorId}/diagnostic`, {
      conductedOn: '2026-10-01',
      answers: diagnosticAnswers(2),
    });
    expect(d.statusCode, d.body).toBe(201);
    const c = await coordinator.post(`/api/mentoring/cohorts/${cohortId}/members/${mentorId}/complete`, { completedOn });
    expect(c.statusCode, c.body).toBe(200);
  }
}

/** Proposes the mentor to the case, records both agreements and starts the match; returns its id. */
export async function activeMatch(worker: Client, caseId: string, mentorId: string, startedOn = '2026-11-01'): Promise<string> {
  const proposed = await worker.post(`/api/cases/${caseId}/mentoring/matches`, { mentorId, proposedOn: '2026-10-20' });
  expect(proposed.statusCode, proposed.body).toBe(201);
  const id = proposed.json().id as string;
  let version = proposed.json().version as number;
  for (const side of ['family', 'mentor']) {
    const res = await worker.post(`/api/mentoring/matches/${id}/agreement`, { side, agreedOn: '2026-10-25', version });
    expect(res.statusCode, res.body).toBe(200);
    version = res.json().version;
  }
  const started = await worker.post(`/api/mentoring/matches/${id}/start`, { startedOn, version });
  expect(started.statusCode, started.body).toBe(200);
  return id;
}

/** A mother (her surname, patronymic and phone are what a mentor must never see) and a baby. */
export function mentoredFamilyMembers(overrides: Record<string, unknown> = {}): Record<string, unknown>[] {
  const mother = { ...motherInput(overrides), actualAddress: 'г. Москва, ул. Тайная, д. 7' } as Record<string, unknown>;
  // Citizenship is left out: the families area is moving it to a closed list of codes.
  delete mother.citizenship;
  return [mother, { relation: 'child', firstName: 'Миша', birthDate: '2026-05-01', sex: 'male' }];
}

/** A case like `buildCase` makes, of a family built with `mentoredFamilyMembers`. */
export async function buildMentoredCase(
  coordinator: Client,
  opts: { branchId: string; programmeId: string; leadId: string; team?: { userId: string; role: string }[]; openedOn?: string },
): Promise<BuiltCase> {
  const family = await buildFamily(coordinator, opts.branchId, mentoredFamilyMembers());
  const res = await coordinator.post('/api/cases', {
    familyId: family.id,
    programmeId: opts.programmeId,
    branchId: opts.branchId,
    leadId: opts.leadId,
    openedOn: opts.openedOn ?? '2026-09-01',
    team: opts.team ?? [],
    riskFlags: [],
  });
  expect(res.statusCode, res.body).toBe(201);
  return { caseId: res.json().id, familyId: family.id, motherId: family.members.find((m) => m.relation === 'mother')!.id, version: 1 };
}
