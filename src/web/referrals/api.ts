// Referrals through the shared typed client: every answer parsed with the shared contract, creates
// carry an Idempotency-Key so a double click registers one referral.
import type { z } from 'zod';
import {
  DuplicateCheckList,
  type DuplicateCheckResolution,
  DuplicateCheckView,
  EligibilityInput,
  type IntakeInput,
  type ReferralInput,
  ReferralList,
  type ReferralListQuery,
  ReferralView,
  type TriageInput,
} from '../../domain/referrals/contracts.js';
import { request } from '../app/api.js';

export const referralsApi = {
  list: (query: z.input<typeof ReferralListQuery>) => request('GET', '/api/referrals', { response: ReferralList, query }),
  get: (id: string) => request('GET', `/api/referrals/${id}`, { response: ReferralView }),
  create: (body: z.input<typeof ReferralInput>, idempotencyKey: string) =>
    request('POST', '/api/referrals', { response: ReferralView, body, idempotencyKey }),
  triage: (id: string, body: z.input<typeof TriageInput>) =>
    request('POST', `/api/referrals/${id}/triage`, { response: ReferralView, body }),
  intake: (id: string, body: z.input<typeof IntakeInput>, idempotencyKey: string) =>
    request('POST', `/api/referrals/${id}/intake`, { response: ReferralView, body, idempotencyKey }),
  eligibility: (programmeId: string) => request('GET', `/api/programmes/${programmeId}/eligibility`, { response: EligibilityInput }),
  duplicateChecks: () => request('GET', '/api/duplicate-checks', { response: DuplicateCheckList }),
  resolveDuplicate: (id: string, body: DuplicateCheckResolution) =>
    request('POST', `/api/duplicate-checks/${id}/resolve`, { response: DuplicateCheckView, body }),
};

export const referralKeys = {
  all: ['referrals'] as const,
  list: (query: object) => ['referrals', 'list', query] as const,
  one: (id: string) => ['referrals', 'one', id] as const,
  eligibility: (programmeId: string) => ['eligibility', programmeId] as const,
  duplicateChecks: ['referrals', 'duplicate-checks'] as const,
};
