// The individual support plan of a case, its reviews, the printable document and "my work".
import { z } from 'zod';
import {
  FirstPlanDeadline,
  MyWork,
  type PlanInput,
  type PlanUpdateInput,
  PlanView,
  type ReviewInput,
  ReviewView,
  type TaskStatusInput,
} from '../../domain/plans/contracts.js';
import { request } from '../app/api.js';

export const CasePlan = z.object({ plan: PlanView.nullable(), firstPlan: FirstPlanDeadline });
export type CasePlan = z.infer<typeof CasePlan>;
export type FirstPlanDeadline = z.infer<typeof FirstPlanDeadline>;
export type ReviewView = z.infer<typeof ReviewView>;
export type MyWork = z.infer<typeof MyWork>;

export const plansApi = {
  ofCase: (caseId: string) => request('GET', `/api/cases/${caseId}/plan`, { response: CasePlan }),
  create: (caseId: string, body: z.input<typeof PlanInput>, idempotencyKey: string) =>
    request('POST', `/api/cases/${caseId}/plan`, { response: PlanView, body, idempotencyKey }),
  update: (planId: string, body: z.input<typeof PlanUpdateInput>) => request('PUT', `/api/plans/${planId}`, { response: PlanView, body }),
  setTaskStatus: (planId: string, taskId: string, body: z.input<typeof TaskStatusInput>) =>
    request('POST', `/api/plans/${planId}/tasks/${taskId}/status`, { response: PlanView, body }),
  review: (planId: string, body: z.input<typeof ReviewInput>, idempotencyKey: string) =>
    request('POST', `/api/plans/${planId}/reviews`, { response: PlanView, body, idempotencyKey }),
  getReview: (planId: string, reviewId: string) => request('GET', `/api/plans/${planId}/reviews/${reviewId}`, { response: ReviewView }),
  myWork: () => request('GET', '/api/my-work', { response: MyWork }),
  /** The printable plan (DOCX); a plain link would lose the language header and error handling. */
  exportUrl: (planId: string) => `/api/plans/${planId}/export.docx`,
};

export const planKeys = {
  ofCase: (caseId: string) => ['plans', 'case', caseId] as const,
  review: (planId: string, reviewId: string) => ['plans', planId, 'review', reviewId] as const,
  myWork: ['my-work'] as const,
};
