// Away profile shifts through the typed client and the shared contracts of src/domain/shifts.
import type { z } from 'zod';
import {
  type AnalysisInput,
  type DiagnosticInput,
  type ParticipantsInput,
  ShiftCounts,
  type ShiftInput,
  ShiftList,
  type ShiftListQuery,
  type ShiftUpdateInput,
  ShiftView,
  type SummaryInput,
} from '../../domain/shifts/contracts.js';
import { MentorSummary } from '../../domain/mentoring/contracts.js';
import { request } from '../app/api.js';
import { z as zod } from 'zod';

type In<T extends z.ZodType> = z.input<T>;

export const shiftsApi = {
  list: (query: In<typeof ShiftListQuery>) => request('GET', '/api/shifts', { response: ShiftList, query }),
  counts: (query: { from?: string; to?: string }) => request('GET', '/api/shifts/counts', { response: ShiftCounts, query }),
  get: (id: string) => request('GET', `/api/shifts/${id}`, { response: ShiftView }),
  create: (body: In<typeof ShiftInput>, idempotencyKey: string) =>
    request('POST', '/api/shifts', { response: ShiftView, body, idempotencyKey }),
  update: (id: string, body: In<typeof ShiftUpdateInput>) => request('PUT', `/api/shifts/${id}`, { response: ShiftView, body }),
  addParticipants: (id: string, body: In<typeof ParticipantsInput>) =>
    request('POST', `/api/shifts/${id}/participants`, { response: ShiftView, body }),
  removeParticipant: (id: string, participantId: string) =>
    request('DELETE', `/api/shifts/${id}/participants/${participantId}`, { response: ShiftView }),
  setProgramme: (id: string, day: string, body: { programme: string; version: number }) =>
    request('PUT', `/api/shifts/${id}/days/${day}`, { response: ShiftView, body }),
  setAttendance: (id: string, day: string, participantIds: string[]) =>
    request('PUT', `/api/shifts/${id}/days/${day}/attendance`, { response: ShiftView, body: { participantIds } }),
  addDiagnostic: (id: string, body: In<typeof DiagnosticInput>, idempotencyKey: string) =>
    request('POST', `/api/shifts/${id}/diagnostics`, { response: ShiftView, body, idempotencyKey }),
  removeDiagnostic: (id: string, diagnosticId: string) =>
    request('DELETE', `/api/shifts/${id}/diagnostics/${diagnosticId}`, { response: ShiftView }),
  analysis: (id: string, body: In<typeof AnalysisInput>) => request('PUT', `/api/shifts/${id}/analysis`, { response: ShiftView, body }),
  summary: (id: string, body: In<typeof SummaryInput>) => request('PUT', `/api/shifts/${id}/summary`, { response: ShiftView, body }),
  /** Mentors of the register who may come to a shift (the mentoring area's list). */
  mentors: () => request('GET', '/api/mentoring/mentors', { response: zod.object({ items: zod.array(MentorSummary) }) }),
};

export const shiftKeys = {
  all: ['shifts'] as const,
  list: (query: unknown) => ['shifts', 'list', query] as const,
  counts: (query: unknown) => ['shifts', 'counts', query] as const,
  one: (id: string) => ['shifts', 'one', id] as const,
  mentors: ['shifts', 'mentors'] as const,
};
