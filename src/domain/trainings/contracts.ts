// Trainings, internships and supervision for specialists (external specialists of partner
// organisations and the organisation's own staff), and consultations given to external specialists.
// An event has sessions with their date and hours, trainers, registered participants with attendance
// per session, pre- and post-test scores, completion judged by the event's own rule, and a numbered
// certificate. A consultation for specialists may concern a family's child: its case link and the
// note about the child are seen only by those who reach the case.
import { z } from 'zod';
import { isoDate, optionalText, text, uuid, version } from '../validation.js';

export const TRAINING_KINDS = [
  'seminar',
  'webinar',
  'course',
  'internship',
  'methodological_consultation',
  'supervision',
  'conference',
] as const;
export const TrainingKind = z.enum(TRAINING_KINDS);
export type TrainingKind = z.infer<typeof TrainingKind>;

/** Academic hours with quarter-hour precision (0.25). */
export const Hours = z
  .number({ message: 'i18n:invalid_type' })
  .positive({ message: 'i18n:too_small' })
  .max(1000, { message: 'i18n:too_big' })
  .refine((n) => Number.isInteger(n * 4), { message: 'i18n:invalid_format' });
/** A test score in per cent. */
export const Score = z.number({ message: 'i18n:invalid_type' }).min(0).max(100);

/** A trainer or a participant: one of the organisation's staff, or an external specialist. */
export const PersonRef = z.union([z.strictObject({ userId: uuid }), z.strictObject({ specialistId: uuid })]);
export type PersonRef = z.infer<typeof PersonRef>;

const TrainingFields = {
  branchId: uuid,
  /** The programme (grant project) whose figures it counts towards. */
  programmeId: uuid.optional(),
  kind: TrainingKind,
  /** The topic, as the event is called. */
  title: text(300),
  curriculum: optionalText(10_000),
  startsOn: isoDate,
  endsOn: isoDate,
  /** The event's length in academic hours: its sessions add up to no more. */
  hours: Hours,
  place: optionalText(500),
  online: z.boolean().default(false),
  /** It teaches the case-management technology: who completes it has learned it. */
  teachesCaseManagement: z.boolean().default(false),
  /** The completion rule: attended at least this many hours… */
  minHours: z.number().min(0).max(1000).default(0),
  /** …and, when set, a post-test score at least this. */
  minPostScore: Score.nullable().default(null),
  trainers: z.array(PersonRef).max(20).default([]),
};
export const TrainingInput = z.strictObject(TrainingFields);
export type TrainingInput = z.infer<typeof TrainingInput>;
export const TrainingUpdateInput = z.strictObject({ ...TrainingFields, version });
export type TrainingUpdateInput = z.infer<typeof TrainingUpdateInput>;

export const TrainingListQuery = z.object({
  from: isoDate.optional(),
  to: isoDate.optional(),
  kind: TrainingKind.optional(),
  branchId: uuid.optional(),
});

export const PersonView = z.object({
  userId: uuid.nullable(),
  specialistId: uuid.nullable(),
  name: z.string(),
  /** Profession (specialists) or the staff's roles in words. */
  profession: z.string(),
  organization: z.string(),
  city: z.string(),
});
export type PersonView = z.infer<typeof PersonView>;

export const TrainingSummary = z.object({
  id: uuid,
  branchId: uuid,
  programmeId: uuid.nullable(),
  kind: TrainingKind,
  title: z.string(),
  startsOn: isoDate,
  endsOn: isoDate,
  hours: z.number(),
  online: z.boolean(),
  place: z.string(),
  teachesCaseManagement: z.boolean(),
  participants: z.number(),
  completed: z.number(),
  version: z.number(),
});
export type TrainingSummary = z.infer<typeof TrainingSummary>;

export const SessionInput = z.strictObject({ heldOn: isoDate, hours: Hours, topic: optionalText(500) });
export const SessionUpdateInput = SessionInput.extend({ version });
export const SessionView = z.object({ id: uuid, heldOn: isoDate, hours: z.number(), topic: z.string(), version: z.number() });
export type SessionView = z.infer<typeof SessionView>;

export const ParticipantInput = z.strictObject({
  person: PersonRef,
  registeredOn: isoDate,
});
export const ScoresInput = z.strictObject({ preScore: Score.nullable(), postScore: Score.nullable(), version });
export const CompletionInput = z.strictObject({ completedOn: isoDate, version });
export const AttendanceInput = z.strictObject({
  /** Everyone present at the session (the others are absent). */
  participantIds: z.array(uuid).max(500),
  version,
});
export const CertificatesInput = z.strictObject({ issuedOn: isoDate, participantIds: z.array(uuid).min(1).max(500) });

export const ParticipantView = z.object({
  id: uuid,
  person: PersonView,
  registeredOn: isoDate,
  /** Ids of the sessions attended. */
  attended: z.array(uuid),
  attendedHours: z.number(),
  preScore: z.number().nullable(),
  postScore: z.number().nullable(),
  /** Whether the event's completion rule is met now (before the completion is recorded). */
  meetsRule: z.boolean(),
  completedOn: isoDate.nullable(),
  certificateNumber: z.string().nullable(),
  certificateIssuedOn: isoDate.nullable(),
  /** Hours credited for continuing professional development: the hours attended, once completed. */
  cpdHours: z.number(),
  version: z.number(),
});
export type ParticipantView = z.infer<typeof ParticipantView>;

export const TrainingView = TrainingSummary.omit({ participants: true }).extend({
  curriculum: z.string(),
  minHours: z.number(),
  minPostScore: z.number().nullable(),
  trainers: z.array(PersonView),
  sessions: z.array(SessionView),
  participants: z.array(ParticipantView),
  /** Hours of the sessions entered so far. */
  sessionHours: z.number(),
});
export type TrainingView = z.infer<typeof TrainingView>;

export const ParticipantList = z.object({ items: z.array(ParticipantView) });

export const SpecialistQuery = z.object({
  q: z.string().trim().max(100).default(''),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export const SpecialistOption = z.object({
  id: uuid,
  name: z.string(),
  profession: z.string(),
  organization: z.string(),
  city: z.string(),
  region: z.string(),
});

// ---- Consultations for specialists ----

export const ConsultationInput = z.strictObject({
  branchId: uuid,
  /** Counted towards this programme; a consultation about a case counts towards the case's programme unless another is named. */
  programmeId: uuid.optional(),
  givenOn: isoDate,
  /** Minutes, as the services count them. */
  minutes: z
    .number()
    .int()
    .min(5)
    .max(8 * 60),
  topic: text(500),
  specialistIds: z.array(uuid).min(1).max(50),
  /** The case of the family whose child it concerns (only a case the caller reaches). */
  caseId: uuid.optional(),
  /** What was said about the child: stored with the consultation, shown only to those who reach the case. */
  caseNote: optionalText(4000),
});
export type ConsultationInput = z.infer<typeof ConsultationInput>;
export const ConsultationUpdateInput = ConsultationInput.extend({ version });

export const ConsultationView = z.object({
  id: uuid,
  branchId: uuid,
  programmeId: uuid.nullable(),
  givenOn: isoDate,
  minutes: z.number(),
  topic: z.string(),
  givenBy: z.string(),
  specialists: z.array(PersonView),
  /** Only for those who reach the case; for the others nothing says there is one. */
  caseId: uuid.optional(),
  caseNote: z.string().optional(),
  version: z.number(),
});
export type ConsultationView = z.infer<typeof ConsultationView>;

export const ConsultationListQuery = z.object({
  from: isoDate.optional(),
  to: isoDate.optional(),
  branchId: uuid.optional(),
});
export const ConsultationList = z.object({ items: z.array(ConsultationView), totalMinutes: z.number() });
