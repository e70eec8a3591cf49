// Data protection (issue 17, points 1–2): requests of data subjects with their legal deadlines and
// what was given in answer, the organisation's retention periods, the records due for destruction
// with what holds them, destruction with its act, and the register of acts.
import { z } from 'zod';
import { isoDate, optionalText, text, uuid, version } from '../validation.js';
import { SUBJECT_REQUEST_KINDS } from './deadlines.js';
import { HOLD_REASONS, RECORD_KINDS } from './retention.js';

export const SubjectRequestKind = z.enum(SUBJECT_REQUEST_KINDS);
export const REQUEST_STATUSES = ['open', 'in_progress', 'answered', 'refused', 'closed'] as const;
export const RequestStatus = z.enum(REQUEST_STATUSES);
export type RequestStatus = z.infer<typeof RequestStatus>;
export const REQUEST_CHANNELS = ['in_person', 'post', 'email', 'gosuslugi', 'representative', 'other'] as const;
export const RequestChannel = z.enum(REQUEST_CHANNELS);
export const OPEN_STATUSES: readonly RequestStatus[] = ['open', 'in_progress'];

export const SubjectRequestInput = z
  .strictObject({
    kind: SubjectRequestKind,
    /** The day the request reached the organisation (typed in after the fact allowed). */
    receivedOn: isoDate,
    channel: RequestChannel.default('in_person'),
    /** The person, when found among the families' members. */
    familyId: uuid.optional(),
    memberId: uuid.optional(),
    /** Otherwise the identity as the requester gave it. */
    subjectName: optionalText(300),
    subjectContact: optionalText(300),
    responsibleId: uuid,
  })
  .superRefine((v, ctx) => {
    if (v.memberId && !v.familyId) ctx.addIssue({ code: 'custom', path: ['familyId'], message: 'i18n:required' });
    if (!v.familyId && !v.subjectName) ctx.addIssue({ code: 'custom', path: ['subjectName'], message: 'i18n:required' });
  });
export type SubjectRequestInput = z.infer<typeof SubjectRequestInput>;

export const SubjectRequestUpdate = z.strictObject({
  status: RequestStatus,
  responsibleId: uuid,
  /** What was done. */
  outcome: optionalText(5000),
  /** The day the answer was given (required for answered/refused). */
  answeredOn: isoDate.nullable().default(null),
  /** Extend the term by 5 working days (access, stop processing), with the reason sent to the person. */
  extensionReason: optionalText(2000),
  version,
});
export type SubjectRequestUpdate = z.infer<typeof SubjectRequestUpdate>;

export const Urgency = z.enum(['overdue', 'due_soon', 'later', 'done']);

export const Disclosure = z.object({
  id: uuid,
  format: z.enum(['pdf', 'json']),
  sha256: z.string(),
  size: z.number(),
  givenAt: z.string(),
  givenBy: z.string(),
});

export const SubjectRequestView = z.object({
  id: uuid,
  kind: SubjectRequestKind,
  receivedOn: z.string(),
  dueOn: z.string(),
  extendedDueOn: z.string().nullable(),
  effectiveDueOn: z.string(),
  extensionReason: z.string(),
  canExtend: z.boolean(),
  channel: RequestChannel,
  familyId: z.string().nullable(),
  memberId: z.string().nullable(),
  subjectName: z.string(),
  subjectContact: z.string(),
  responsibleId: uuid,
  responsibleName: z.string(),
  status: RequestStatus,
  outcome: z.string(),
  answeredOn: z.string().nullable(),
  urgency: Urgency,
  disclosures: z.array(Disclosure),
  version: z.number(),
});
export type SubjectRequestView = z.infer<typeof SubjectRequestView>;

export const RequestListQuery = z.strictObject({
  status: z.enum(['open', 'all']).default('open'),
  mine: z.enum(['true', 'false']).default('false'),
});

export const PersonLookupQuery = z.strictObject({ q: text(100, 2) });
export const PersonMatch = z.object({
  familyId: uuid,
  memberId: uuid,
  name: z.string(),
  birthDate: z.string().nullable(),
  branchName: z.string(),
});

export const RetentionSettings = z.strictObject({
  closedCaseYears: z.number().int().min(1).max(75),
  declinedReferralMonths: z.number().int().min(1).max(120),
  volunteerApplicationMonths: z.number().int().min(1).max(120),
  /** Volunteers who started and then left: years from the day they left. */
  formerVolunteerYears: z.number().int().min(1).max(50),
  version,
});
export type RetentionSettings = z.infer<typeof RetentionSettings>;

export const RecordKind = z.enum(RECORD_KINDS);
export const HoldReason = z.enum(HOLD_REASONS);
export const DESTRUCTION_BASES = ['retention', 'subject_request', 'consent_withdrawn'] as const;
export const DestructionBasis = z.enum(DESTRUCTION_BASES);

export const DueItem = z.object({
  recordKind: RecordKind,
  recordId: uuid,
  /** What the responsible person needs to recognise the record (the family's name, the referral's person). */
  label: z.string(),
  branchName: z.string(),
  endedOn: z.string(),
  dueFrom: z.string(),
  hold: HoldReason.nullable(),
});
export type DueItem = z.infer<typeof DueItem>;

export const DueQuery = z.strictObject({ include: z.enum(['due', 'all']).default('due') });

export const DestructionInput = z
  .strictObject({
    recordKind: RecordKind,
    recordId: uuid,
    basis: DestructionBasis,
    /** The person's deletion or consent-withdrawal request, for those bases. */
    requestId: uuid.optional(),
    reason: text(2000),
    /** The responsible person confirms: destruction cannot be undone. */
    confirm: z.literal(true),
  })
  .superRefine((v, ctx) => {
    if (v.basis !== 'retention' && !v.requestId) ctx.addIssue({ code: 'custom', path: ['requestId'], message: 'i18n:required' });
  });
export type DestructionInput = z.infer<typeof DestructionInput>;

export const ActSubject = z.object({ category: z.string(), count: z.number() });

export const DestructionActView = z.object({
  id: uuid,
  number: z.number(),
  recordKind: RecordKind,
  recordId: uuid,
  basis: DestructionBasis,
  requestId: z.string().nullable(),
  subjects: z.array(ActSubject),
  dataCategories: z.array(z.string()),
  method: z.enum(['anonymisation', 'deletion']),
  media: z.array(z.string()),
  reason: z.string(),
  destroyedOn: z.string(),
  destroyedAt: z.string(),
  destroyedBy: z.string(),
  approvedBy: z.string(),
});
export type DestructionActView = z.infer<typeof DestructionActView>;

/** The person's data as given in answer to an access request (the machine-readable file). */
export const SubjectDataExport = z.object({
  operator: z.string(),
  generatedAt: z.string(),
  requestId: uuid,
  person: z.record(z.string(), z.unknown()),
  families: z.array(z.record(z.string(), z.unknown())),
});
export type SubjectDataExport = z.infer<typeof SubjectDataExport>;
