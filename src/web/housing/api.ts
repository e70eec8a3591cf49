// Housing: facilities, the occupancy board, stays, the house journal and figures, through the
// shared contracts of src/domain/housing.
import type { z } from 'zod';
import {
  Board,
  type BoardQuery,
  type CheckInInput,
  type CheckOutInput,
  type ClosureInput,
  type ExtendInput,
  FacilityDetail,
  type FacilityInput,
  FacilityList,
  type FacilityUpdateInput,
  Figures,
  type FiguresQuery,
  JournalEntry,
  type JournalInput,
  JournalList,
  type JournalQuery,
  type MoveInput,
  type ResidentJoinInput,
  type ResidentLeaveInput,
  type RoomInput,
  StayView,
} from '../../domain/housing/contracts.js';
import { request } from '../app/api.js';

export const housingApi = {
  facilities: () => request('GET', '/api/housing/facilities', { response: FacilityList }),
  facility: (id: string) => request('GET', `/api/housing/facilities/${id}`, { response: FacilityDetail }),
  createFacility: (body: z.input<typeof FacilityInput>, idempotencyKey: string) =>
    request('POST', '/api/housing/facilities', { response: FacilityDetail, body, idempotencyKey }),
  updateFacility: (id: string, body: z.input<typeof FacilityUpdateInput>) =>
    request('PUT', `/api/housing/facilities/${id}`, { response: FacilityDetail, body }),
  addRoom: (facilityId: string, body: z.input<typeof RoomInput>, idempotencyKey: string) =>
    request('POST', `/api/housing/facilities/${facilityId}/rooms`, { response: FacilityDetail, body, idempotencyKey }),
  addClosure: (facilityId: string, body: z.input<typeof ClosureInput>, idempotencyKey: string) =>
    request('POST', `/api/housing/facilities/${facilityId}/closures`, { response: FacilityDetail, body, idempotencyKey }),
  board: (query: z.input<typeof BoardQuery>) => request('GET', '/api/housing/board', { response: Board, query }),
  stay: (id: string) => request('GET', `/api/housing/stays/${id}`, { response: StayView }),
  checkIn: (body: z.input<typeof CheckInInput>, idempotencyKey: string) =>
    request('POST', '/api/housing/stays', { response: StayView, body, idempotencyKey }),
  extend: (id: string, body: z.input<typeof ExtendInput>) =>
    request('POST', `/api/housing/stays/${id}/extend`, { response: StayView, body }),
  move: (id: string, body: z.input<typeof MoveInput>) => request('POST', `/api/housing/stays/${id}/move`, { response: StayView, body }),
  checkOut: (id: string, body: z.input<typeof CheckOutInput>) =>
    request('POST', `/api/housing/stays/${id}/check-out`, { response: StayView, body }),
  join: (id: string, body: z.input<typeof ResidentJoinInput>) =>
    request('POST', `/api/housing/stays/${id}/residents`, { response: StayView, body }),
  leave: (id: string, body: z.input<typeof ResidentLeaveInput>) =>
    request('POST', `/api/housing/stays/${id}/residents/leave`, { response: StayView, body }),
  journal: (facilityId: string, query: z.input<typeof JournalQuery>) =>
    request('GET', `/api/housing/facilities/${facilityId}/journal`, { response: JournalList, query }),
  writeJournal: (facilityId: string, body: z.input<typeof JournalInput>, idempotencyKey: string) =>
    request('POST', `/api/housing/facilities/${facilityId}/journal`, { response: JournalEntry, body, idempotencyKey }),
  figures: (query: z.input<typeof FiguresQuery>) => request('GET', '/api/housing/figures', { response: Figures, query }),
};

export const housingKeys = {
  all: ['housing'] as const,
  facilities: ['housing', 'facilities'] as const,
  facility: (id: string) => ['housing', 'facility', id] as const,
  board: ['housing', 'board'] as const,
  stay: (id: string) => ['housing', 'stay', id] as const,
  journal: (facilityId: string) => ['housing', 'journal', facilityId] as const,
  figures: (query: object) => ['housing', 'figures', query] as const,
};

export const isoToday = () => new Date().toISOString().slice(0, 10);
