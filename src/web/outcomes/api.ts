// Outcomes per family, follow-up contacts, cohorts and the outcome framework, through the shared
// contracts of src/domain/outcomes.
import type { z } from 'zod';
import {
  CaseOutcomes,
  Cohort,
  type CohortQuery,
  FollowUpDueList,
  type FollowUpInput,
  FollowUpView,
  FrameworkList,
  FrameworkView,
  type MarkInput,
  type OutcomeInput,
  type OutcomeUpdateInput,
  OutcomeView,
} from '../../domain/outcomes/contracts.js';
import { request } from '../app/api.js';

export const outcomesApi = {
  ofCase: (caseId: string) => request('GET', `/api/cases/${caseId}/outcomes`, { response: CaseOutcomes }),
  mark: (caseId: string, outcomeId: string, body: z.input<typeof MarkInput>, idempotencyKey: string) =>
    request('POST', `/api/cases/${caseId}/outcomes/${outcomeId}/marks`, { response: CaseOutcomes, body, idempotencyKey }),
  followUps: (status?: 'due' | 'overdue') => request('GET', '/api/follow-ups', { response: FollowUpDueList, query: { status } }),
  recordFollowUp: (body: z.input<typeof FollowUpInput>, idempotencyKey: string) =>
    request('POST', '/api/follow-ups', { response: FollowUpView, body, idempotencyKey }),
  cohort: (query: z.input<typeof CohortQuery>) => request('GET', '/api/outcomes/cohort', { response: Cohort, query }),
  frameworks: () => request('GET', '/api/outcome-frameworks', { response: FrameworkList }),
  createFramework: (programmeId: string, idempotencyKey: string) =>
    request('POST', '/api/outcome-frameworks', { response: FrameworkView, body: { programmeId }, idempotencyKey }),
  addOutcome: (frameworkId: string, body: z.input<typeof OutcomeInput>, idempotencyKey: string) =>
    request('POST', `/api/outcome-frameworks/${frameworkId}/outcomes`, { response: OutcomeView, body, idempotencyKey }),
  updateOutcome: (id: string, body: z.input<typeof OutcomeUpdateInput>) =>
    request('PUT', `/api/outcomes/${id}`, { response: OutcomeView, body }),
};

export const outcomeKeys = {
  all: ['outcomes'] as const,
  ofCase: (caseId: string) => ['outcomes', 'case', caseId] as const,
  followUps: (status?: string) => ['outcomes', 'follow-ups', status ?? 'all'] as const,
  cohort: (query: object) => ['outcomes', 'cohort', query] as const,
  frameworks: ['outcomes', 'frameworks'] as const,
};
