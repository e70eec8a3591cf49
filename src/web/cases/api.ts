// Cases, the caseload, the staff directory used to pick leads and teams, and the volunteer's view.
import { z } from 'zod';
import {
  CaseDetail,
  type CaseCreateInput,
  CaseList,
  type CaseListQuery,
  CaseSummary,
  type CaseUpdateInput,
  TimelinePage,
  type TransitionInput,
  VolunteerFamilies,
} from '../../domain/cases/contracts.js';
import { request } from '../app/api.js';

// GET /api/staff has no shared contract yet (the server declares it inline); the same shape here.
const StaffList = z.object({
  items: z.array(z.object({ id: z.string(), name: z.string(), roles: z.array(z.string()), branchIds: z.array(z.string()) })),
});
export type StaffMember = z.infer<typeof StaffList>['items'][number];

export const casesApi = {
  list: (query: z.input<typeof CaseListQuery>) => request('GET', '/api/cases', { response: CaseList, query }),
  get: (id: string) => request('GET', `/api/cases/${id}`, { response: CaseDetail }),
  /** The page of the timeline after `before` (the case page holds the first). */
  timeline: (id: string, before: string) => request('GET', `/api/cases/${id}/timeline`, { response: TimelinePage, query: { before } }),
  create: (body: z.input<typeof CaseCreateInput>, idempotencyKey: string) =>
    request('POST', '/api/cases', { response: CaseSummary, body, idempotencyKey }),
  update: (id: string, body: z.input<typeof CaseUpdateInput>) =>
    request('PUT', `/api/cases/${id}`, { response: CaseDetail.shape.case, body }),
  transition: (id: string, body: z.input<typeof TransitionInput>) =>
    request('POST', `/api/cases/${id}/transition`, { response: CaseDetail.shape.case, body }),
  volunteerFamilies: () => request('GET', '/api/volunteer/families', { response: VolunteerFamilies }),
  staff: () => request('GET', '/api/staff', { response: StaffList }),
};

export const caseKeys = {
  all: ['cases'] as const,
  list: (query: object) => ['cases', 'list', query] as const,
  one: (id: string) => ['cases', 'one', id] as const,
  staff: ['staff'] as const,
  volunteer: ['volunteer', 'families'] as const,
};
