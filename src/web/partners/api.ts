// Partners: the directory (organisations, contact people, agreements) and external specialists —
// through the shared contracts of src/domain/partners.
import type { z } from 'zod';
import {
  AgreementView,
  type AgreementInput,
  type AgreementUpdateInput,
  ContactView,
  type ContactInput,
  type ContactUpdateInput,
  PartnerFacets,
  type PartnerInput,
  PartnerList,
  type PartnerListQuery,
  PartnerOptions,
  type PartnerUpdateInput,
  PartnerView,
  SpecialistCreated,
  SpecialistDuplicates,
  type SpecialistInput,
  SpecialistList,
  type SpecialistListQuery,
  type SpecialistUpdateInput,
  SpecialistView,
} from '../../domain/partners/contracts.js';
import { ReferralView } from '../../domain/referrals/contracts.js';
import type { SignpostOutcomeInput } from '../../domain/partners/contracts.js';
import { request } from '../app/api.js';

type In<T extends z.ZodType> = z.input<T>;

export const partnerKeys = {
  all: ['partners'] as const,
  list: (query: unknown) => ['partners', 'list', query] as const,
  facets: ['partners', 'facets'] as const,
  options: ['partners', 'options'] as const,
  one: (id: string) => ['partners', 'one', id] as const,
  specialists: (query: unknown) => ['partners', 'specialists', query] as const,
};

export const partnersApi = {
  list: (query: Partial<In<typeof PartnerListQuery>>) => request('GET', '/api/partners', { response: PartnerList, query }),
  facets: () => request('GET', '/api/partners/facets', { response: PartnerFacets }),
  options: () => request('GET', '/api/partners/options', { response: PartnerOptions }),
  get: (id: string) => request('GET', `/api/partners/${id}`, { response: PartnerView }),
  create: (body: In<typeof PartnerInput>, idempotencyKey: string) =>
    request('POST', '/api/partners', { response: PartnerView, body, idempotencyKey }),
  update: (id: string, body: In<typeof PartnerUpdateInput>) => request('PUT', `/api/partners/${id}`, { response: PartnerView, body }),
  addContact: (id: string, body: In<typeof ContactInput>, idempotencyKey: string) =>
    request('POST', `/api/partners/${id}/contacts`, { response: ContactView, body, idempotencyKey }),
  updateContact: (id: string, body: In<typeof ContactUpdateInput>) =>
    request('PUT', `/api/partner-contacts/${id}`, { response: ContactView, body }),
  addAgreement: (id: string, body: In<typeof AgreementInput>, idempotencyKey: string) =>
    request('POST', `/api/partners/${id}/agreements`, { response: AgreementView, body, idempotencyKey }),
  updateAgreement: (id: string, body: In<typeof AgreementUpdateInput>) =>
    request('PUT', `/api/partner-agreements/${id}`, { response: AgreementView, body }),
  specialists: (query: Partial<In<typeof SpecialistListQuery>>) => request('GET', '/api/specialists', { response: SpecialistList, query }),
  duplicates: (query: { lastName: string; firstName: string; phone?: string; email?: string; excludeId?: string }) =>
    request('GET', '/api/specialists/duplicates', { response: SpecialistDuplicates, query }),
  createSpecialist: (body: In<typeof SpecialistInput>, idempotencyKey: string) =>
    request('POST', '/api/specialists', { response: SpecialistCreated, body, idempotencyKey }),
  updateSpecialist: (id: string, body: In<typeof SpecialistUpdateInput>) =>
    request('PUT', `/api/specialists/${id}`, { response: SpecialistView, body }),
  signpostOutcome: (referralId: string, body: In<typeof SignpostOutcomeInput>) =>
    request('POST', `/api/referrals/${referralId}/signpost-outcome`, { response: ReferralView, body }),
};
