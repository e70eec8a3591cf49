// Data protection: requests of data subjects, retention, the due list, destruction and its acts —
// through the shared contracts of src/domain/privacy.
import { z } from 'zod';
import {
  DestructionActView,
  type DestructionInput,
  DueItem,
  PersonMatch,
  RetentionSettings,
  type SubjectRequestInput,
  type SubjectRequestUpdate,
  SubjectRequestView,
} from '../../domain/privacy/contracts.js';
import { request } from '../app/api.js';

const Items = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });
type In<T extends z.ZodType> = z.input<T>;

export const privacyKeys = {
  all: ['privacy'] as const,
  requests: (query: unknown) => ['privacy', 'requests', query] as const,
  request: (id: string) => ['privacy', 'request', id] as const,
  people: (q: string) => ['privacy', 'people', q] as const,
  responsibles: ['privacy', 'responsibles'] as const,
  retention: ['privacy', 'retention'] as const,
  due: (include: string) => ['privacy', 'due', include] as const,
  acts: ['privacy', 'acts'] as const,
};

export const privacyApi = {
  requests: (query: { status: 'open' | 'all'; mine: 'true' | 'false' }) =>
    request('GET', '/api/privacy/requests', { response: Items(SubjectRequestView), query }),
  request: (id: string) => request('GET', `/api/privacy/requests/${id}`, { response: SubjectRequestView }),
  createRequest: (body: In<typeof SubjectRequestInput>, idempotencyKey: string) =>
    request('POST', '/api/privacy/requests', { response: SubjectRequestView, body, idempotencyKey }),
  updateRequest: (id: string, body: In<typeof SubjectRequestUpdate>) =>
    request('PUT', `/api/privacy/requests/${id}`, { response: SubjectRequestView, body }),
  people: (q: string) => request('GET', '/api/privacy/people', { response: Items(PersonMatch), query: { q } }),
  responsibles: () => request('GET', '/api/privacy/responsibles', { response: Items(z.object({ id: z.string(), name: z.string() })) }),
  retention: () => request('GET', '/api/privacy/retention', { response: RetentionSettings }),
  setRetention: (body: In<typeof RetentionSettings>) => request('PUT', '/api/privacy/retention', { response: RetentionSettings, body }),
  due: (include: 'due' | 'all') => request('GET', '/api/privacy/due', { response: Items(DueItem), query: { include } }),
  destroy: (body: In<typeof DestructionInput>) => request('POST', '/api/privacy/destructions', { response: DestructionActView, body }),
  acts: () => request('GET', '/api/privacy/acts', { response: Items(DestructionActView) }),
};

export const subjectDataUrl = (id: string, format: 'pdf' | 'json') => `/api/privacy/requests/${id}/subject-data.${format}`;
export const actPdfUrl = (id: string) => `/api/privacy/acts/${id}/act.pdf`;
export const isoToday = () => new Date().toISOString().slice(0, 10);

/** Field errors of a failed request by path, for the inputs to show. */
export function errorsByPath(error: unknown): Record<string, string> {
  const fields = (error as { fields?: { path: string; message: string }[] } | null)?.fields ?? [];
  return Object.fromEntries(fields.map((f) => [f.path, f.message]));
}
