// Mentoring: the register of mentors, training, matches from the case, the log, supervision and the
// mentor's own families — through the shared contracts of src/domain/mentoring.
import { z } from 'zod';
import {
  type AgreementInput,
  type AttendanceInput,
  CaseMentoring,
  CohortSummary,
  type CohortInput,
  CohortView,
  ConcernList,
  type DiagnosticInput,
  type LogEntryInput,
  LogEntryView,
  LogList,
  type MatchEndInput,
  type MatchInput,
  type MatchStartInput,
  MatchView,
  type MentorInput,
  type MentorListQuery,
  type MentorStatusInput,
  MentorSummary,
  MentorView,
  MyFamilies,
  MyFamilyDetail,
  Suggestion,
  type SupervisionInput,
  SupervisionList,
  SupervisionView,
  type TrainingProgrammeInput,
  TrainingProgrammeView,
} from '../../domain/mentoring/contracts.js';
import { request } from '../app/api.js';

const Items = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });
type In<T extends z.ZodType> = z.input<T>;

export const mentoringKeys = {
  all: ['mentoring'] as const,
  mentors: (query: unknown) => ['mentoring', 'mentors', query] as const,
  mentor: (id: string) => ['mentoring', 'mentor', id] as const,
  programmes: ['mentoring', 'programmes'] as const,
  cohorts: ['mentoring', 'cohorts'] as const,
  cohort: (id: string) => ['mentoring', 'cohort', id] as const,
  ofCase: (caseId: string) => ['mentoring', 'case', caseId] as const,
  suggestions: (caseId: string, query: unknown) => ['mentoring', 'suggestions', caseId, query] as const,
  log: (matchId: string) => ['mentoring', 'log', matchId] as const,
  concerns: ['mentoring', 'concerns'] as const,
  mine: ['mentoring', 'mine'] as const,
  myFamily: (id: string) => ['mentoring', 'mine', id] as const,
  supervisions: ['mentoring', 'supervisions'] as const,
};

export const mentoringApi = {
  mentors: (query: Partial<In<typeof MentorListQuery>>) =>
    request('GET', '/api/mentoring/mentors', { response: Items(MentorSummary), query }),
  mentor: (id: string) => request('GET', `/api/mentoring/mentors/${id}`, { response: MentorView }),
  createMentor: (body: In<typeof MentorInput>, idempotencyKey: string) =>
    request('POST', '/api/mentoring/mentors', { response: MentorView, body, idempotencyKey }),
  moveMentor: (id: string, body: In<typeof MentorStatusInput>) =>
    request('POST', `/api/mentoring/mentors/${id}/status`, { response: MentorView, body }),
  programmes: () => request('GET', '/api/mentoring/programmes', { response: Items(TrainingProgrammeView) }),
  createProgramme: (body: In<typeof TrainingProgrammeInput>, idempotencyKey: string) =>
    request('POST', '/api/mentoring/programmes', { response: TrainingProgrammeView, body, idempotencyKey }),
  cohorts: () => request('GET', '/api/mentoring/cohorts', { response: Items(CohortSummary) }),
  cohort: (id: string) => request('GET', `/api/mentoring/cohorts/${id}`, { response: CohortView }),
  createCohort: (body: In<typeof CohortInput>, idempotencyKey: string) =>
    request('POST', '/api/mentoring/cohorts', { response: CohortView, body, idempotencyKey }),
  enrol: (id: string, body: { mentorId: string; enrolledOn: string }) =>
    request('POST', `/api/mentoring/cohorts/${id}/members`, { response: CohortView, body }),
  attendance: (id: string, body: In<typeof AttendanceInput>) =>
    request('PUT', `/api/mentoring/cohorts/${id}/attendance`, { response: CohortView, body }),
  diagnostic: (id: string, mentorId: string, body: In<typeof DiagnosticInput>, idempotencyKey: string) =>
    request('POST', `/api/mentoring/cohorts/${id}/members/${mentorId}/diagnostic`, { response: CohortView, body, idempotencyKey }),
  complete: (id: string, mentorId: string, completedOn: string) =>
    request('POST', `/api/mentoring/cohorts/${id}/members/${mentorId}/complete`, { response: CohortView, body: { completedOn } }),
  ofCase: (caseId: string) => request('GET', `/api/cases/${caseId}/mentoring`, { response: CaseMentoring }),
  suggestions: (caseId: string, query: { role: string; experience?: string[] }) =>
    request('GET', `/api/cases/${caseId}/mentoring/suggestions`, { response: Items(Suggestion), query }),
  propose: (caseId: string, body: In<typeof MatchInput>, idempotencyKey: string) =>
    request('POST', `/api/cases/${caseId}/mentoring/matches`, { response: MatchView, body, idempotencyKey }),
  agree: (id: string, body: In<typeof AgreementInput>) =>
    request('POST', `/api/mentoring/matches/${id}/agreement`, { response: MatchView, body }),
  start: (id: string, body: In<typeof MatchStartInput>) =>
    request('POST', `/api/mentoring/matches/${id}/start`, { response: MatchView, body }),
  end: (id: string, body: In<typeof MatchEndInput>) => request('POST', `/api/mentoring/matches/${id}/end`, { response: MatchView, body }),
  log: (id: string) => request('GET', `/api/mentoring/matches/${id}/log`, { response: LogList }),
  addLog: (id: string, body: In<typeof LogEntryInput>, idempotencyKey: string) =>
    request('POST', `/api/mentoring/matches/${id}/log`, {
      response: z.object({ entry: LogEntryView, match: MatchView }),
      body,
      idempotencyKey,
    }),
  concerns: () => request('GET', '/api/mentoring/concerns', { response: ConcernList }),
  acknowledge: (id: string, acknowledgedOn: string) =>
    request('POST', `/api/mentoring/concerns/${id}/acknowledge`, {
      response: z.object({ id: z.string(), acknowledgedOn: z.string() }),
      body: { acknowledgedOn },
    }),
  myFamilies: () => request('GET', '/api/mentoring/my/families', { response: MyFamilies }),
  myFamily: (id: string) => request('GET', `/api/mentoring/my/families/${id}`, { response: MyFamilyDetail }),
  addMyLog: (id: string, body: In<typeof LogEntryInput>, idempotencyKey: string) =>
    request('POST', `/api/mentoring/my/families/${id}/log`, { response: LogEntryView, body, idempotencyKey }),
  supervisions: () => request('GET', '/api/mentoring/supervisions', { response: SupervisionList }),
  createSupervision: (body: In<typeof SupervisionInput>, idempotencyKey: string) =>
    request('POST', '/api/mentoring/supervisions', { response: SupervisionView, body, idempotencyKey }),
};
