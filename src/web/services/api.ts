// Services, the service catalogue, workload, group work and post-support visits: typed calls on the
// shared contracts (src/domain/services/contracts.ts) and the query keys they are cached under.
import { z } from 'zod';
import {
  type AttendanceInput,
  GroupCounts,
  GroupSessionList,
  type GroupSessionInput,
  GroupSessionView,
  PostSupportVisits,
  type ServiceHistoryQuery,
  ServiceHistory,
  type ServiceInput,
  type ServiceTypeInput,
  type ServiceTypeUpdateInput,
  ServiceTypeView,
  ServiceView,
  Workload,
} from '../../domain/services/contracts.js';
import { PlanView, FirstPlanDeadline } from '../../domain/plans/contracts.js';
import { request } from '../app/api.js';

const Items = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

export const servicesApi = {
  types: () => request('GET', '/api/service-types', { response: Items(ServiceTypeView) }),
  createType: (body: z.input<typeof ServiceTypeInput>, idempotencyKey: string) =>
    request('POST', '/api/service-types', { response: ServiceTypeView, body, idempotencyKey }),
  updateType: (id: string, body: z.input<typeof ServiceTypeUpdateInput>) =>
    request('PUT', `/api/service-types/${id}`, { response: ServiceTypeView, body }),
  record: (body: z.input<typeof ServiceInput>, idempotencyKey: string) =>
    request('POST', '/api/services', { response: ServiceView, body, idempotencyKey }),
  recordBatch: (services: z.input<typeof ServiceInput>[], idempotencyKey: string) =>
    request('POST', '/api/services/batch', { response: Items(ServiceView), body: { services }, idempotencyKey }),
  withdraw: (id: string, reason: string) => request('POST', `/api/services/${id}/withdraw`, { response: ServiceView, body: { reason } }),
  history: (caseId: string, query: z.input<typeof ServiceHistoryQuery>) =>
    request('GET', `/api/cases/${caseId}/services`, { response: ServiceHistory, query }),
  workload: (month: string, userId?: string) => request('GET', '/api/services/workload', { response: Workload, query: { month, userId } }),
  plan: (caseId: string) =>
    request('GET', `/api/cases/${caseId}/plan`, { response: z.object({ plan: PlanView.nullable(), firstPlan: FirstPlanDeadline }) }),
};

export const groupsApi = {
  list: (query: { from?: string; to?: string; branchId?: string }) =>
    request('GET', '/api/group-sessions', { response: GroupSessionList, query }),
  get: (id: string) => request('GET', `/api/group-sessions/${id}`, { response: GroupSessionView }),
  create: (body: z.input<typeof GroupSessionInput>, idempotencyKey: string) =>
    request('POST', '/api/group-sessions', { response: GroupSessionView, body, idempotencyKey }),
  attendance: (body: z.input<typeof AttendanceInput>) =>
    request('POST', `/api/group-sessions/${body.sessionId}/attendance`, { response: GroupSessionView, body }),
  counts: (query: { from?: string; to?: string }) => request('GET', '/api/group-sessions/counts', { response: GroupCounts, query }),
};

export const postSupportApi = {
  visits: () => request('GET', '/api/post-support/visits', { response: PostSupportVisits }),
};

export const serviceKeys = {
  types: ['service-types'] as const,
  history: (caseId: string) => ['services', 'history', caseId] as const,
  historyQuery: (caseId: string, query: object) => ['services', 'history', caseId, query] as const,
  workload: ['services', 'workload'] as const,
  workloadOf: (month: string, userId: string | undefined) => ['services', 'workload', month, userId ?? ''] as const,
  plan: (caseId: string) => ['services', 'plan', caseId] as const,
  groups: ['group-sessions'] as const,
  groupList: (query: object) => ['group-sessions', 'list', query] as const,
  groupCounts: (query: object) => ['group-sessions', 'counts', query] as const,
  group: (id: string) => ['group-sessions', 'one', id] as const,
  postSupport: ['post-support', 'visits'] as const,
};
