// Assessment templates and assessments of a case, through the typed client and the shared contracts.
import type { z } from 'zod';
import {
  type AmendmentInput,
  AssessmentList,
  type AssessmentInput,
  AssessmentView,
  TemplateList,
  type TemplateUpdateInput,
  TemplateView,
} from '../../domain/assessments/contracts.js';
import type { TemplateInput } from '../../domain/assessments/template.js';
import { request } from '../app/api.js';

export const assessmentsApi = {
  templates: () => request('GET', '/api/assessment-templates', { response: TemplateList }),
  template: (code: string) => request('GET', `/api/assessment-templates/${code}`, { response: TemplateView }),
  createTemplate: (definition: z.input<typeof TemplateInput>, idempotencyKey: string) =>
    request('POST', '/api/assessment-templates', { response: TemplateView, body: { definition }, idempotencyKey }),
  updateTemplate: (code: string, body: z.input<typeof TemplateUpdateInput>) =>
    request('PUT', `/api/assessment-templates/${code}`, { response: TemplateView, body }),
  ofCase: (caseId: string) => request('GET', `/api/cases/${caseId}/assessments`, { response: AssessmentList }),
  create: (caseId: string, body: z.input<typeof AssessmentInput>, idempotencyKey: string) =>
    request('POST', `/api/cases/${caseId}/assessments`, { response: AssessmentView, body, idempotencyKey }),
  get: (id: string) => request('GET', `/api/assessments/${id}`, { response: AssessmentView }),
  amend: (id: string, body: z.input<typeof AmendmentInput>) =>
    request('POST', `/api/assessments/${id}/amendments`, { response: AssessmentView, body }),
};

export const assessmentKeys = {
  templates: ['assessment-templates'] as const,
  template: (code: string) => ['assessment-templates', code] as const,
  ofCase: (caseId: string) => ['assessments', 'case', caseId] as const,
  one: (id: string) => ['assessments', 'one', id] as const,
};
