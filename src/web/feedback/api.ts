// The feedback API, through the shared contracts of src/domain/feedback.
import type { z } from 'zod';
import {
  FeedbackResponseList,
  FeedbackResponseView,
  FeedbackSummary,
  type FeedbackResponseInput,
  type FeedbackSummaryQuery,
  FeedbackTemplateList,
  type FeedbackTemplateCreateInput,
  type FeedbackTemplateUpdateInput,
  FeedbackTemplateView,
} from '../../domain/feedback/contracts.js';
import { request } from '../app/api.js';

export const feedbackApi = {
  templates: () => request('GET', '/api/feedback/templates', { response: FeedbackTemplateList }),
  template: (code: string) => request('GET', `/api/feedback/templates/${code}`, { response: FeedbackTemplateView }),
  createTemplate: (body: z.input<typeof FeedbackTemplateCreateInput>, key: string) =>
    request('POST', '/api/feedback/templates', { response: FeedbackTemplateView, body, idempotencyKey: key }),
  updateTemplate: (code: string, body: z.input<typeof FeedbackTemplateUpdateInput>) =>
    request('PUT', `/api/feedback/templates/${code}`, { response: FeedbackTemplateView, body }),
  caseResponses: (caseId: string) => request('GET', `/api/feedback/cases/${caseId}/responses`, { response: FeedbackResponseList }),
  recordForCase: (caseId: string, body: z.input<typeof FeedbackResponseInput>, idempotencyKey: string) =>
    request('POST', `/api/feedback/cases/${caseId}/responses`, { response: FeedbackResponseView, body, idempotencyKey }),
  facilityResponses: (facilityId: string) =>
    request('GET', `/api/feedback/facilities/${facilityId}/responses`, { response: FeedbackResponseList }),
  recordAtFacility: (facilityId: string, body: z.input<typeof FeedbackResponseInput>, idempotencyKey: string) =>
    request('POST', `/api/feedback/facilities/${facilityId}/responses`, { response: FeedbackResponseView, body, idempotencyKey }),
  summary: (query: z.input<typeof FeedbackSummaryQuery>) => request('GET', '/api/feedback/summary', { response: FeedbackSummary, query }),
};

export const feedbackKeys = {
  templates: ['feedback', 'templates'] as const,
  template: (code: string) => ['feedback', 'templates', code] as const,
  caseResponses: (caseId: string) => ['feedback', 'case', caseId] as const,
  facilityResponses: (facilityId: string) => ['feedback', 'facility', facilityId] as const,
  summary: (query: object) => ['feedback', 'summary', query] as const,
};
