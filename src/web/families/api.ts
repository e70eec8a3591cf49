// Families, members, social contacts, consents and sensitive notes through the shared typed client.
import { z } from 'zod';
import {
  type BirthInput,
  BirthResult,
  type ConsentInput,
  ConsentView,
  type ConsentWithdrawInput,
  type FamilyCreateInput,
  FamilyMatches,
  type FamilyUpdateInput,
  FamilyView,
  type MatchQuery,
  type MemberInput,
  type MemberUpdateInput,
  MemberView,
  type SensitiveNoteInput,
  SensitiveNoteView,
  type SocialContactInput,
  SocialContactView,
} from '../../domain/families/contracts.js';
import { Ok } from '../../domain/access/contracts.js';
import { request } from '../app/api.js';

// A DELETE may answer 204 with no body, or { ok: true }.
const Deleted = z.union([Ok, z.null()]);

export const familiesApi = {
  matches: (body: z.input<typeof MatchQuery>) => request('POST', '/api/families/matches', { response: FamilyMatches, body }),
  get: (id: string) => request('GET', `/api/families/${id}`, { response: FamilyView }),
  create: (body: z.input<typeof FamilyCreateInput>, idempotencyKey: string) =>
    request('POST', '/api/families', { response: FamilyView, body, idempotencyKey }),
  update: (id: string, body: z.input<typeof FamilyUpdateInput>) => request('PUT', `/api/families/${id}`, { response: FamilyView, body }),
  addMember: (id: string, body: z.input<typeof MemberInput>, idempotencyKey: string) =>
    request('POST', `/api/families/${id}/members`, { response: MemberView, body, idempotencyKey }),
  updateMember: (id: string, memberId: string, body: z.input<typeof MemberUpdateInput>) =>
    request('PUT', `/api/families/${id}/members/${memberId}`, { response: MemberView, body }),
  recordBirth: (id: string, memberId: string, body: z.input<typeof BirthInput>) =>
    request('POST', `/api/families/${id}/members/${memberId}/birth`, { response: BirthResult, body }),
  addContact: (id: string, body: z.input<typeof SocialContactInput>, idempotencyKey: string) =>
    request('POST', `/api/families/${id}/contacts`, { response: SocialContactView, body, idempotencyKey }),
  removeContact: (id: string, contactId: string) => request('DELETE', `/api/families/${id}/contacts/${contactId}`, { response: Deleted }),
  addConsent: (id: string, body: z.input<typeof ConsentInput>, idempotencyKey: string) =>
    request('POST', `/api/families/${id}/consents`, { response: ConsentView, body, idempotencyKey }),
  withdrawConsent: (id: string, consentId: string, body: z.input<typeof ConsentWithdrawInput>) =>
    request('POST', `/api/families/${id}/consents/${consentId}/withdraw`, { response: ConsentView, body }),
  addSensitiveNote: (id: string, body: z.input<typeof SensitiveNoteInput>, idempotencyKey: string) =>
    request('POST', `/api/families/${id}/sensitive`, { response: SensitiveNoteView, body, idempotencyKey }),
};

export const familyKeys = {
  one: (id: string) => ['families', id] as const,
  matches: (query: object) => ['families', 'matches', query] as const,
};
