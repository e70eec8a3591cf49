// Families and their members, documents, social contacts, consents and sensitive notes.
// The client is the family as a whole; a child may be unborn (expected date of birth).
import { z } from 'zod';
import { isoDate, optionalText, text, uuid, version } from '../validation.js';
import { SENSITIVE_SECTIONS } from '../cases/sensitive.js';
import { Citizenship } from './citizenship.js';

export const RELATIONS = ['mother', 'father', 'partner', 'child', 'unborn_child', 'grandmother', 'grandfather', 'other_relative'] as const;
export const Relation = z.enum(RELATIONS);
export const Sex = z.enum(['female', 'male', 'unknown']);

export const DOCUMENT_KINDS = [
  'passport',
  'foreign_passport',
  'birth_certificate',
  'migration_card',
  'residence_permit',
  'snils',
  'medical_policy',
  'inn',
  'other',
] as const;
export const DOCUMENT_STATUSES = ['have', 'lost', 'being_restored', 'restored', 'never_had'] as const;
export const PersonDocument = z.strictObject({
  kind: z.enum(DOCUMENT_KINDS),
  status: z.enum(DOCUMENT_STATUSES),
  note: optionalText(500),
});

const notInFuture = (value: string) => value <= new Date().toISOString().slice(0, 10);

/** Education as the funders' forms ask it (closed, so figures can be broken down by it). */
export const EDUCATION_LEVELS = [
  'none',
  'primary',
  'basic_general',
  'secondary_general',
  'vocational',
  'higher_incomplete',
  'higher',
] as const;
export const Education = z.enum(EDUCATION_LEVELS);
export const OCCUPATIONS = ['employed', 'self_employed', 'unemployed', 'parental_leave', 'student', 'housework', 'other'] as const;
export const Occupation = z.enum(OCCUPATIONS);

export const MemberInput = z
  .strictObject({
    relation: Relation,
    lastName: optionalText(100),
    firstName: optionalText(100),
    middleName: optionalText(100),
    birthDate: isoDate.refine(notInFuture, { message: 'i18n:date_in_future' }).nullable().default(null),
    approximateAge: z.number().int().min(0).max(120).nullable().default(null),
    // May be in the past: a pregnancy noted late, a birth after the due date (issue 12, point 2).
    expectedBirthDate: isoDate.nullable().default(null),
    sex: Sex.default('unknown'),
    /** A code from the closed list (./citizenship.ts); null: not recorded. */
    citizenship: Citizenship.nullable().default(null),
    /** Null: not recorded. */
    education: Education.nullable().default(null),
    occupation: Occupation.nullable().default(null),
    languages: z.array(text(50)).max(10).default([]),
    phone: optionalText(40),
    registeredAddress: optionalText(500),
    actualAddress: optionalText(500),
    documents: z.array(PersonDocument).max(20).default([]),
  })
  .superRefine((m, ctx) => {
    if (m.relation === 'unborn_child') {
      if (!m.expectedBirthDate) ctx.addIssue({ code: 'custom', path: ['expectedBirthDate'], message: 'i18n:required' });
      if (m.birthDate) ctx.addIssue({ code: 'custom', path: ['birthDate'], message: 'i18n:unborn_no_birth_date' });
    } else if (!m.firstName) {
      ctx.addIssue({ code: 'custom', path: ['firstName'], message: 'i18n:required' });
    }
  })
  // An expected date means nothing once the child is born (or for anyone else): it is cleared rather
  // than kept as a hidden field that a later edit could trip over.
  .transform((m) => (m.relation === 'unborn_child' ? m : { ...m, expectedBirthDate: null }));
export type MemberInput = z.infer<typeof MemberInput>;

export const MemberUpdateInput = z.strictObject({ member: MemberInput, version });

/**
 * The birth of an expected child: the member becomes a child with its birth date, sex and name, and
 * the expected date is cleared. `joinStay`: the baby joins the mother's stay under way from the
 * birth date (for those who run the house desk).
 */
export const BirthInput = z.strictObject({
  birthDate: isoDate.refine(notInFuture, { message: 'i18n:date_in_future' }),
  sex: Sex,
  firstName: text(100),
  lastName: optionalText(100),
  middleName: optionalText(100),
  joinStay: z.boolean().default(false),
  version,
});
export type BirthInput = z.infer<typeof BirthInput>;

export const MemberView = z.object({
  id: uuid,
  relation: Relation,
  lastName: z.string(),
  firstName: z.string(),
  middleName: z.string(),
  birthDate: z.string().nullable(),
  approximateAge: z.number().nullable(),
  expectedBirthDate: z.string().nullable(),
  sex: Sex,
  citizenship: Citizenship.nullable(),
  education: Education.nullable(),
  occupation: Occupation.nullable(),
  languages: z.array(z.string()),
  phone: z.string(),
  registeredAddress: z.string(),
  actualAddress: z.string(),
  documents: z.array(PersonDocument),
  version: z.number(),
});
export type MemberView = z.infer<typeof MemberView>;
/** The child as recorded, and the family's stay under way (if any) it joined or could join. */
export const BirthResult = z.object({ member: MemberView, openStayId: uuid.nullable(), joinedStay: z.boolean() });

export const SocialContactInput = z.strictObject({
  name: text(200),
  kind: z.enum(['relative', 'friend', 'professional', 'neighbour', 'other']),
  relationship: optionalText(100),
  nature: z.enum(['supportive', 'neutral', 'conflictual']),
  reachable: z.boolean(),
  phone: optionalText(40),
  note: optionalText(1000),
});
export const SocialContactView = SocialContactInput.extend({ id: uuid });
export type SocialContactView = z.infer<typeof SocialContactView>;

export const FamilyCreateInput = z.strictObject({
  branchId: uuid,
  members: z.array(MemberInput).min(1).max(30),
  notes: optionalText(5000),
  /** Set when the user saw possible duplicates and decided this is a new family. */
  confirmedNotDuplicate: z.boolean().default(false),
});
export type FamilyCreateInput = z.infer<typeof FamilyCreateInput>;

export const FamilyUpdateInput = z.strictObject({ notes: optionalText(5000), branchId: uuid, version });

export const FamilyView = z.object({
  id: uuid,
  branchId: uuid,
  name: z.string(),
  notes: z.string(),
  members: z.array(MemberView),
  socialContacts: z.array(SocialContactView),
  version: z.number(),
  createdAt: z.string(),
});
export type FamilyView = z.infer<typeof FamilyView>;

// ---- possible duplicates ----
export const MatchQuery = z.strictObject({
  lastName: optionalText(100),
  firstName: optionalText(100),
  middleName: optionalText(100),
  birthDate: isoDate.optional(),
  phone: optionalText(40),
});
export type MatchQuery = z.infer<typeof MatchQuery>;
/** A possible match within the caller's reach, told in full. */
export const FamilyMatch = z.object({
  familyId: uuid,
  name: z.string(),
  branchName: z.string(),
  reasons: z.array(z.enum(['name', 'birth_date', 'phone'])),
  score: z.number(),
});
/**
 * `outsideReach`: some family the caller may not reach looks alike. Only that is told — no branch,
 * name, what matched or how many; a new referral asks that family's coordinators to check it.
 */
export const FamilyMatches = z.object({ items: z.array(FamilyMatch), outsideReach: z.boolean() });
export type FamilyMatches = z.infer<typeof FamilyMatches>;

// ---- consent (152-FZ) ----
export const CONSENT_KINDS = ['personal_data', 'special_categories', 'third_party_disclosure', 'photo_video'] as const;
export const ConsentKind = z.enum(CONSENT_KINDS);
export const ConsentInput = z.strictObject({
  memberId: uuid,
  kind: ConsentKind,
  givenOn: isoDate.refine(notInFuture, { message: 'i18n:date_in_future' }),
  scope: text(1000),
  scan: z
    .strictObject({
      fileName: text(200),
      mimeType: z.enum(['application/pdf', 'image/jpeg', 'image/png']),
      contentBase64: z
        .string()
        .max(14_000_000)
        .regex(/^[A-Za-z0-9+/=\s]*$/, { message: 'i18n:invalid_format' }),
    })
    .nullable()
    .default(null),
});
export type ConsentInput = z.infer<typeof ConsentInput>;
export const ConsentWithdrawInput = z.strictObject({ withdrawnOn: isoDate.refine(notInFuture, { message: 'i18n:date_in_future' }) });
export const ConsentView = z.object({
  id: uuid,
  memberId: uuid,
  kind: ConsentKind,
  givenOn: z.string(),
  scope: z.string(),
  takenBy: z.string(),
  hasScan: z.boolean(),
  withdrawnOn: z.string().nullable(),
});
export type ConsentView = z.infer<typeof ConsentView>;

// ---- sensitive notes ----
export const SensitiveSectionCode = z.enum(SENSITIVE_SECTIONS);
export const SensitiveNoteInput = z.strictObject({
  memberId: uuid.nullable().default(null),
  section: SensitiveSectionCode,
  text: text(10_000),
  /** Needed (and audited) to save special-category data for a person without that consent. */
  overrideReason: optionalText(1000),
  /** The day what the note records was learnt (entered after the fact); today when left out. */
  notedOn: isoDate.refine(notInFuture, { message: 'i18n:date_in_future' }).optional(),
});
export const SensitiveNoteView = z.object({
  id: uuid,
  memberId: uuid.nullable(),
  section: SensitiveSectionCode,
  text: z.string(),
  /** Why the note was recorded without the special-category consent; '' when the consent was there. */
  overrideReason: z.string(),
  recordedBy: z.string(),
  recordedAt: z.string(),
  notedOn: z.string(),
});
export type SensitiveNoteView = z.infer<typeof SensitiveNoteView>;
