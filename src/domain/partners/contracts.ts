// Partner organisations and external specialists (issue 15, points 1–3).
//
// Tables (migrations/0032_partners.sql) — the column names are stable; other areas (trainings,
// consultations for specialists) reference them:
//
//   partners            (org_id, id) primary key; kind (PARTNER_KINDS), name, region, city, district,
//                       address, phones text[], email, website, services, audience, tags text[],
//                       note, active, search_text (kept by a trigger), version, created_by,
//                       created_at, updated_at.
//   partner_contacts    (org_id, id); partner_id → partners, name, position, phone, email, active,
//                       version, created_at.
//   partner_agreements  (org_id, id); partner_id → partners, number, signed_on, valid_from,
//                       valid_to (null = open-ended), subject, version, created_by, created_at.
//   external_specialists (org_id, id); partner_id → partners (nullable), last_name, first_name,
//                       middle_name, profession (SPECIALIST_PROFESSIONS), position, region, city,
//                       phone, email, consent_on (required), note, active, name_norm and
//                       phone_digits (generated), version, created_by, created_at, updated_at.
//                       Reference it as foreign key (org_id, specialist_id) references
//                       external_specialists (org_id, id).
//   referrals (added)   partner_id, partner_contact_id (a referral received from a partner);
//                       signpost_partner_id, signpost_taken_up ('yes' | 'no' | 'unknown'),
//                       signpost_follow_up_on, signpost_followed_up_on, signposted_by (signposting
//                       to a partner).
//
// Permissions: partners.read (the directory, contacts and specialists — personal data, audited by
// ids and field names only), partners.manage (add and change them).
import { z } from 'zod';
import { email, isoDate, optionalText, text, uuid, version } from '../validation.js';

export const PARTNER_KINDS = [
  'guardianship_office',
  'maternity_hospital',
  'polyclinic',
  'school_kindergarten',
  'employment_centre',
  'social_protection',
  'mfc',
  'police',
  'court',
  'ngo',
  'church',
  'business',
  'other',
] as const;
export const PartnerKind = z.enum(PARTNER_KINDS);
export type PartnerKind = z.infer<typeof PartnerKind>;

export const SPECIALIST_PROFESSIONS = [
  'psychologist',
  'defectologist',
  'speech_therapist',
  'social_worker',
  'guardianship_inspector',
  'teacher',
  'doctor',
  'other',
] as const;
export const SpecialistProfession = z.enum(SPECIALIST_PROFESSIONS);
export type SpecialistProfession = z.infer<typeof SpecialistProfession>;

export const TAKEN_UP = ['yes', 'no', 'unknown'] as const;
export const TakenUp = z.enum(TAKEN_UP);
export type TakenUp = z.infer<typeof TakenUp>;

const optionalEmail = z.union([z.literal(''), email]).default('');
const phone = z
  .string()
  .trim()
  .max(40)
  .regex(/^[0-9+()\-\s.]*$/);
const tag = z.string().trim().toLowerCase().min(1).max(60);
const today = () => new Date().toISOString().slice(0, 10);
const notFuture = isoDate.refine((v) => v <= today(), { message: 'i18n:date_in_future' });

// ---- organisations ----
export const PartnerInput = z.strictObject({
  kind: PartnerKind,
  name: text(300),
  region: optionalText(100),
  city: optionalText(100),
  district: optionalText(100),
  address: optionalText(500),
  phones: z.array(phone.min(1)).max(10).default([]),
  email: optionalEmail,
  website: optionalText(300),
  /** What the organisation offers (free text) and to whom. */
  services: optionalText(5000),
  audience: optionalText(2000),
  tags: z.array(tag).max(30).default([]),
  note: optionalText(5000),
});
export type PartnerInput = z.infer<typeof PartnerInput>;
export const PartnerUpdateInput = PartnerInput.extend({ active: z.boolean(), version });
export type PartnerUpdateInput = z.infer<typeof PartnerUpdateInput>;

export const ContactInput = z.strictObject({
  name: text(200),
  position: optionalText(200),
  phone: phone.default(''),
  email: optionalEmail,
});
export type ContactInput = z.infer<typeof ContactInput>;
export const ContactUpdateInput = ContactInput.extend({ active: z.boolean(), version });
export type ContactUpdateInput = z.infer<typeof ContactUpdateInput>;

/** An agreement's term: from – to (no end = open-ended); it cannot end before it starts. */
export const AgreementInput = z
  .strictObject({
    number: text(100),
    signedOn: notFuture,
    validFrom: isoDate,
    validTo: isoDate.nullable().default(null),
    subject: optionalText(1000),
  })
  .superRefine((v, ctx) => {
    if (v.validTo !== null && v.validTo < v.validFrom) ctx.addIssue({ code: 'custom', path: ['validTo'], message: 'i18n:period_order' });
  });
export type AgreementInput = z.infer<typeof AgreementInput>;
export const AgreementUpdateInput = z
  .strictObject({
    number: text(100),
    signedOn: notFuture,
    validFrom: isoDate,
    validTo: isoDate.nullable().default(null),
    subject: optionalText(1000),
    version,
  })
  .superRefine((v, ctx) => {
    if (v.validTo !== null && v.validTo < v.validFrom) ctx.addIssue({ code: 'custom', path: ['validTo'], message: 'i18n:period_order' });
  });
export type AgreementUpdateInput = z.infer<typeof AgreementUpdateInput>;

export const ContactView = z.object({
  id: uuid,
  partnerId: uuid,
  name: z.string(),
  position: z.string(),
  phone: z.string(),
  email: z.string(),
  active: z.boolean(),
  version: z.number(),
});
export type ContactView = z.infer<typeof ContactView>;

export const AgreementView = z.object({
  id: uuid,
  partnerId: uuid,
  number: z.string(),
  signedOn: z.string(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  subject: z.string(),
  /** In force today. */
  active: z.boolean(),
  version: z.number(),
});
export type AgreementView = z.infer<typeof AgreementView>;

/** A line of the directory: no contact data. */
export const PartnerSummary = z.object({
  id: uuid,
  kind: PartnerKind,
  name: z.string(),
  region: z.string(),
  city: z.string(),
  district: z.string(),
  services: z.string(),
  tags: z.array(z.string()),
  active: z.boolean(),
  /** Has an agreement in force today. */
  hasActiveAgreement: z.boolean(),
});
export type PartnerSummary = z.infer<typeof PartnerSummary>;

export const PartnerView = PartnerSummary.extend({
  address: z.string(),
  phones: z.array(z.string()),
  email: z.string(),
  website: z.string(),
  audience: z.string(),
  note: z.string(),
  contacts: z.array(ContactView),
  agreements: z.array(AgreementView),
  version: z.number(),
});
export type PartnerView = z.infer<typeof PartnerView>;

export const PartnerListQuery = z.strictObject({
  /** Words of the name, the services, the tags or the place. */
  q: z.string().trim().max(200).optional(),
  kind: PartnerKind.optional(),
  region: z.string().trim().max(100).optional(),
  city: z.string().trim().max(100).optional(),
  tag: tag.optional(),
  active: z.enum(['true', 'false', 'all']).default('true'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type PartnerListQuery = z.infer<typeof PartnerListQuery>;
export const PartnerList = z.object({ items: z.array(PartnerSummary), total: z.number() });

/** The places and tags in the directory, for the filters. */
export const PartnerFacets = z.object({
  regions: z.array(z.string()),
  cities: z.array(z.object({ region: z.string(), city: z.string() })),
  tags: z.array(z.string()),
});

/** For pickers (the referral and signposting forms): the partner and its active contact people. */
export const PartnerOption = z.object({
  id: uuid,
  kind: PartnerKind,
  name: z.string(),
  city: z.string(),
  contacts: z.array(z.object({ id: uuid, name: z.string(), position: z.string() })),
});
export const PartnerOptionsQuery = z.strictObject({ q: z.string().trim().max(200).optional() });
export const PartnerOptions = z.object({ items: z.array(PartnerOption) });

// ---- external specialists ----
export const SpecialistInput = z.strictObject({
  partnerId: uuid.nullable().default(null),
  lastName: text(100),
  firstName: text(100),
  middleName: optionalText(100),
  profession: SpecialistProfession,
  position: optionalText(200),
  region: optionalText(100),
  city: optionalText(100),
  phone: phone.default(''),
  email: optionalEmail,
  /** The day the specialist agreed to be registered: required, not in the future. */
  consentOn: notFuture,
  note: optionalText(2000),
});
export type SpecialistInput = z.infer<typeof SpecialistInput>;
export const SpecialistUpdateInput = SpecialistInput.extend({ active: z.boolean(), version });
export type SpecialistUpdateInput = z.infer<typeof SpecialistUpdateInput>;

export const SpecialistView = z.object({
  id: uuid,
  partnerId: uuid.nullable(),
  partnerName: z.string().nullable(),
  lastName: z.string(),
  firstName: z.string(),
  middleName: z.string(),
  profession: SpecialistProfession,
  position: z.string(),
  region: z.string(),
  city: z.string(),
  phone: z.string(),
  email: z.string(),
  consentOn: z.string(),
  note: z.string(),
  active: z.boolean(),
  version: z.number(),
});
export type SpecialistView = z.infer<typeof SpecialistView>;

/** A specialist already registered who looks like the one being added: a hint, never a block. */
export const SpecialistDuplicate = z.object({
  id: uuid,
  name: z.string(),
  profession: SpecialistProfession,
  city: z.string(),
  reasons: z.array(z.enum(['phone', 'email'])),
});
export const SpecialistCreated = SpecialistView.extend({ possibleDuplicates: z.array(SpecialistDuplicate) });
export const SpecialistDuplicatesQuery = z.strictObject({
  lastName: text(100),
  firstName: text(100),
  phone: z.string().trim().max(40).optional(),
  email: z.string().trim().max(254).optional(),
  excludeId: uuid.optional(),
});
export const SpecialistDuplicates = z.object({ items: z.array(SpecialistDuplicate) });

export const SpecialistListQuery = z.strictObject({
  q: z.string().trim().max(200).optional(),
  profession: SpecialistProfession.optional(),
  region: z.string().trim().max(100).optional(),
  city: z.string().trim().max(100).optional(),
  partnerId: uuid.optional(),
  active: z.enum(['true', 'false', 'all']).default('true'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export const SpecialistList = z.object({ items: z.array(SpecialistView), total: z.number() });

// ---- signposting to a partner (referrals) ----
/** What happened after signposting: was the help taken up (asked on the follow-up day). */
export const SignpostOutcomeInput = z.strictObject({
  takenUp: TakenUp,
  /** The day it was followed up; not in the future. */
  followedUpOn: notFuture,
  /** Another follow-up when still unknown (optional). */
  nextFollowUpOn: isoDate.nullable().default(null),
  version,
});
export type SignpostOutcomeInput = z.infer<typeof SignpostOutcomeInput>;
