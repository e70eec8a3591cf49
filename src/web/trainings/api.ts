// Trainings for specialists and consultations for them, through the shared contracts of
// src/domain/trainings.
import { z } from 'zod';
import { Ok } from '../../domain/access/contracts.js';
import {
  ConsultationList,
  ConsultationView,
  SpecialistOption,
  TrainingSummary,
  TrainingView,
  type ConsultationInput,
  type ConsultationUpdateInput,
  type ParticipantInput,
  type SessionInput,
  type TrainingInput,
  type TrainingUpdateInput,
} from '../../domain/trainings/contracts.js';
import { request } from '../app/api.js';

type In<T extends z.ZodType> = z.input<T>;
const Items = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

export const trainingKeys = {
  all: ['trainings'] as const,
  list: (query: unknown) => ['trainings', 'list', query] as const,
  one: (id: string) => ['trainings', 'one', id] as const,
  specialists: (q: string) => ['trainings', 'specialists', q] as const,
  consultations: (query: unknown) => ['trainings', 'consultations', query] as const,
};

export const trainingsApi = {
  list: (query: Record<string, string | undefined>) => request('GET', '/api/trainings', { response: Items(TrainingSummary), query }),
  get: (id: string) => request('GET', `/api/trainings/${id}`, { response: TrainingView }),
  create: (body: In<typeof TrainingInput>, idempotencyKey: string) =>
    request('POST', '/api/trainings', { response: TrainingView, body, idempotencyKey }),
  update: (id: string, body: In<typeof TrainingUpdateInput>) => request('PUT', `/api/trainings/${id}`, { response: TrainingView, body }),
  addSession: (id: string, body: In<typeof SessionInput>, idempotencyKey: string) =>
    request('POST', `/api/trainings/${id}/sessions`, { response: z.object({ id: z.string() }), body, idempotencyKey }),
  deleteSession: (id: string, sessionId: string) => request('DELETE', `/api/trainings/${id}/sessions/${sessionId}`, { response: Ok }),
  attendance: (id: string, sessionId: string, body: { participantIds: string[]; version: number }) =>
    request('PUT', `/api/trainings/${id}/sessions/${sessionId}/attendance`, { response: TrainingView, body }),
  register: (id: string, body: In<typeof ParticipantInput>, idempotencyKey: string) =>
    request('POST', `/api/trainings/${id}/participants`, { response: TrainingView, body, idempotencyKey }),
  unregister: (id: string, participantId: string) =>
    request('DELETE', `/api/trainings/${id}/participants/${participantId}`, { response: Ok }),
  scores: (id: string, participantId: string, body: { preScore: number | null; postScore: number | null; version: number }) =>
    request('PUT', `/api/trainings/${id}/participants/${participantId}/scores`, { response: TrainingView, body }),
  complete: (id: string, participantId: string, body: { completedOn: string; version: number }) =>
    request('POST', `/api/trainings/${id}/participants/${participantId}/completion`, { response: TrainingView, body }),
  completeAll: (id: string, completedOn: string) =>
    request('POST', `/api/trainings/${id}/completions`, { response: TrainingView, body: { completedOn } }),
  certificates: (id: string, body: { issuedOn: string; participantIds: string[] }) =>
    request('POST', `/api/trainings/${id}/certificates`, { response: TrainingView, body }),
  specialists: (q: string) => request('GET', '/api/trainings/specialists', { response: Items(SpecialistOption), query: { q } }),
  consultations: (query: Record<string, string | undefined>) =>
    request('GET', '/api/specialist-consultations', { response: ConsultationList, query }),
  addConsultation: (body: In<typeof ConsultationInput>, idempotencyKey: string) =>
    request('POST', '/api/specialist-consultations', { response: ConsultationView, body, idempotencyKey }),
  updateConsultation: (id: string, body: In<typeof ConsultationUpdateInput>) =>
    request('PUT', `/api/specialist-consultations/${id}`, { response: ConsultationView, body }),
  deleteConsultation: (id: string, version: number) =>
    request('DELETE', `/api/specialist-consultations/${id}`, { response: Ok, query: { version: String(version) } }),
  undoCompletion: (id: string, participantId: string, version: number) =>
    request('DELETE', `/api/trainings/${id}/participants/${participantId}/completion`, {
      response: TrainingView,
      query: { version: String(version) },
    }),
};

export const certificateUrl = (id: string, participantId: string) => `/api/trainings/${id}/participants/${participantId}/certificate.pdf`;
