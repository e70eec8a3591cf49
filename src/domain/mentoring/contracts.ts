// Family mentoring (issue 14): the register of mentors (resource families that once came through a
// crisis themselves, specialists and volunteers who mentor), their training programme as data with
// cohorts, attendance and the primary diagnostic, matches of a mentor with a family from its case,
// the mentoring log (meetings, calls, joint activities) with concerns a mentor raises, and the group
// supervision of mentors. A mentor who signs in sees the families matched to them only: first names,
// children's ages, the log they keep and the plan tasks given to them.
import { z } from 'zod';
import { isoDate, optionalText, text, uuid, version } from '../validation.js';

export const MENTOR_KINDS = ['resource_family', 'specialist', 'volunteer'] as const;
export const MentorKind = z.enum(MENTOR_KINDS);
export type MentorKind = z.infer<typeof MentorKind>;

/** What a mentor brings: a closed list, so suggestions can compare it with what a family needs. */
export const EXPERIENCE_TAGS = [
  'large_family',
  'child_disability',
  'single_parent',
  'addiction_recovery',
  'crisis_pregnancy',
  'young_mother',
  'foster_family',
  'domestic_violence',
  'housing_loss',
  'unemployment',
  'migration',
  'bereavement',
] as const;
export const ExperienceTag = z.enum(EXPERIENCE_TAGS);
export type ExperienceTag = z.infer<typeof ExperienceTag>;

export const MENTOR_STATUSES = ['candidate', 'in_training', 'trained', 'active', 'paused', 'withdrawn'] as const;
export const MentorStatus = z.enum(MENTOR_STATUSES);
export type MentorStatus = z.infer<typeof MentorStatus>;

const experience = z.array(ExperienceTag).max(EXPERIENCE_TAGS.length).default([]);
const capacity = z.number().int().min(1).max(10);
const phone = z
  .string()
  .trim()
  .max(40)
  .regex(/^[0-9+()\s-]*$/, { message: 'i18n:invalid_format' })
  .default('');
const emailText = z
  .string()
  .trim()
  .max(254)
  .regex(/^$|^[^\s@]+@[^\s@]+\.[^\s@]+$/, { message: 'i18n:invalid_email' })
  .default('');

export const MentorInput = z.strictObject({
  kind: MentorKind,
  /** «Семья Сомовых», or the specialist's or volunteer's name. */
  displayName: text(200),
  branchId: uuid,
  /** The resource family's own family record, when it was once a client family. */
  familyId: uuid.optional(),
  /** Its earlier case (closed), kept linked both ways. */
  formerCaseId: uuid.optional(),
  /** The account the mentor signs in with (a mentor's own, or the staff member's). */
  userId: uuid.optional(),
  phone,
  email: emailText,
  /** Where the mentor lives (town, district): suggestions compare it with the family's address. */
  locality: optionalText(200),
  experience,
  /** How many families the mentor can take at once. */
  capacity,
  registeredOn: isoDate,
  note: optionalText(2000),
});
export type MentorInput = z.infer<typeof MentorInput>;

export const MentorUpdateInput = MentorInput.omit({ kind: true, registeredOn: true }).extend({ version });
export type MentorUpdateInput = z.infer<typeof MentorUpdateInput>;

export const MentorStatusInput = z.strictObject({
  status: MentorStatus,
  changedOn: isoDate,
  /** Required to pause or withdraw. */
  reason: optionalText(1000),
  version,
});
export type MentorStatusInput = z.infer<typeof MentorStatusInput>;

export const MentorStatusChange = z.object({
  from: MentorStatus.nullable(),
  to: MentorStatus,
  changedOn: isoDate,
  reason: z.string(),
});

export const MentorListQuery = z.strictObject({
  status: MentorStatus.optional(),
  kind: MentorKind.optional(),
  experience: ExperienceTag.optional(),
  branchId: uuid.optional(),
  q: z.string().trim().max(100).optional(),
});

export const MentorSummary = z.object({
  id: uuid,
  kind: MentorKind,
  displayName: z.string(),
  branchId: uuid,
  locality: z.string(),
  experience: z.array(ExperienceTag),
  capacity: z.number(),
  /** Proposed and active matches (both take a place). */
  load: z.number(),
  status: MentorStatus,
  statusOn: isoDate,
  trainedOn: isoDate.nullable(),
  hasAccount: z.boolean(),
});
export type MentorSummary = z.infer<typeof MentorSummary>;

export const MentorTraining = z.object({
  cohortId: uuid,
  cohortName: z.string(),
  programmeName: z.string(),
  enrolledOn: isoDate,
  sessions: z.number(),
  attended: z.number(),
  minSessions: z.number(),
  diagnosticPassed: z.boolean().nullable(),
  completedOn: isoDate.nullable(),
});

export const MentorView = MentorSummary.extend({
  familyId: uuid.nullable(),
  formerCaseId: uuid.nullable(),
  userId: uuid.nullable(),
  phone: z.string(),
  email: z.string(),
  registeredOn: isoDate,
  note: z.string(),
  history: z.array(MentorStatusChange),
  training: z.array(MentorTraining),
  /** The matches of the cases the caller reaches (the others only as a count, in `load`). */
  matches: z.array(z.lazy(() => MatchView)),
  version: z.number(),
});
export type MentorView = z.infer<typeof MentorView>;

// ---- Training: programme as data, cohorts, attendance, the primary diagnostic, completion ----

export const TrainingSession = z.strictObject({ title: text(200), hours: z.number().min(0.5).max(40) });

export const TrainingProgrammeInput = z
  .strictObject({
    name: text(200),
    sessions: z.array(TrainingSession).min(1).max(50),
    /** Completion: attended at least this many of the sessions… */
    minSessions: z.number().int().min(1).max(50),
    /** …and passed the primary diagnostic (an assessment template, by code)… */
    diagnosticTemplateCode: z.string().regex(/^[a-z][a-z0-9_]{0,59}$/, { message: 'i18n:invalid_code' }),
    /** …scoring at least this much in total over its domains. */
    diagnosticPassScore: z.number().min(0).max(10_000),
  })
  .superRefine((p, ctx) => {
    if (p.minSessions > p.sessions.length) ctx.addIssue({ code: 'custom', path: ['minSessions'], message: 'i18n:too_big' });
  });
export type TrainingProgrammeInput = z.infer<typeof TrainingProgrammeInput>;
export const TrainingProgrammeUpdateInput = z.strictObject({
  name: text(200),
  sessions: z.array(TrainingSession).min(1).max(50),
  minSessions: z.number().int().min(1).max(50),
  diagnosticTemplateCode: z.string().regex(/^[a-z][a-z0-9_]{0,59}$/, { message: 'i18n:invalid_code' }),
  diagnosticPassScore: z.number().min(0).max(10_000),
  active: z.boolean(),
  version,
});

export const TrainingProgrammeView = z.object({
  id: uuid,
  name: z.string(),
  sessions: z.array(z.object({ title: z.string(), hours: z.number() })),
  hours: z.number(),
  minSessions: z.number(),
  diagnosticTemplateCode: z.string(),
  diagnosticPassScore: z.number(),
  active: z.boolean(),
  version: z.number(),
});
export type TrainingProgrammeView = z.infer<typeof TrainingProgrammeView>;

export const CohortInput = z
  .strictObject({
    programmeId: uuid,
    branchId: uuid,
    name: text(200),
    startsOn: isoDate,
    endsOn: isoDate,
    trainerIds: z.array(uuid).max(10).default([]),
  })
  .superRefine((c, ctx) => {
    if (c.endsOn < c.startsOn) ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'i18n:before_start' });
  });
export type CohortInput = z.infer<typeof CohortInput>;

export const EnrolInput = z.strictObject({ mentorId: uuid, enrolledOn: isoDate });

export const AttendanceInput = z.strictObject({
  /** The session's number in the programme, from 1. */
  session: z.number().int().min(1).max(50),
  heldOn: isoDate,
  /** Mentors of the cohort present at it (the others absent). */
  present: z.array(uuid).max(200),
});

export const DiagnosticInput = z.strictObject({
  conductedOn: isoDate,
  /** Answers by question code, checked against the programme's template. */
  answers: z.record(
    z.string().max(60),
    z.union([z.number(), z.boolean(), z.string().max(5000), z.array(z.string().max(60)).max(30), z.null()]),
  ),
});

export const CompletionInput = z.strictObject({ completedOn: isoDate });

export const CohortMemberView = z.object({
  mentorId: uuid,
  displayName: z.string(),
  status: MentorStatus,
  enrolledOn: isoDate,
  /** Session numbers attended. */
  attended: z.array(z.number()),
  diagnostic: z.object({ conductedOn: isoDate, score: z.number(), passed: z.boolean() }).nullable(),
  completedOn: isoDate.nullable(),
  /** Whether the completion rule holds today (what the "complete" button shows). */
  canComplete: z.boolean(),
});

export const CohortView = z.object({
  id: uuid,
  programmeId: uuid,
  programmeName: z.string(),
  branchId: uuid,
  name: z.string(),
  startsOn: isoDate,
  endsOn: isoDate,
  trainers: z.array(z.object({ id: uuid, name: z.string() })),
  sessions: z.array(z.object({ number: z.number(), title: z.string(), hours: z.number(), heldOn: isoDate.nullable() })),
  minSessions: z.number(),
  members: z.array(CohortMemberView),
});
export type CohortView = z.infer<typeof CohortView>;
export const CohortSummary = CohortView.pick({
  id: true,
  programmeId: true,
  programmeName: true,
  branchId: true,
  name: true,
  startsOn: true,
  endsOn: true,
}).extend({ members: z.number(), completed: z.number() });

// ---- Matches ----

/** A family may have a mentor family and a mentoring specialist (a specialist or a volunteer) at once. */
export const MATCH_ROLES = ['mentor_family', 'mentoring_specialist'] as const;
export const MatchRole = z.enum(MATCH_ROLES);
export type MatchRole = z.infer<typeof MatchRole>;

export const MATCH_STATUSES = ['proposed', 'active', 'ended'] as const;
export const MatchStatus = z.enum(MATCH_STATUSES);
export type MatchStatus = z.infer<typeof MatchStatus>;

/** The reasons staff choose when they end a match. */
export const MATCH_END_REASONS = ['goals_reached', 'did_not_fit', 'family_withdrew', 'mentor_withdrew'] as const;
export const MatchEndReason = z.enum(MATCH_END_REASONS);
/** How a match may have ended: a staff's reason, or by itself when the family's case closed. */
export const MATCH_ENDINGS = [...MATCH_END_REASONS, 'case_closed'] as const;
export const MatchEnding = z.enum(MATCH_ENDINGS);
export type MatchEnding = z.infer<typeof MatchEnding>;

export const MatchInput = z.strictObject({ mentorId: uuid, proposedOn: isoDate, note: optionalText(2000) });
export const AgreementInput = z.strictObject({ side: z.enum(['family', 'mentor']), agreedOn: isoDate, version });
export const MatchStartInput = z.strictObject({ startedOn: isoDate, version });
export const MatchEndInput = z.strictObject({ endedOn: isoDate, reason: MatchEndReason, note: optionalText(2000), version });

export const MatchView = z.object({
  id: uuid,
  caseId: uuid,
  mentorId: uuid,
  mentorName: z.string(),
  role: MatchRole,
  status: MatchStatus,
  proposedOn: isoDate,
  familyAgreedOn: isoDate.nullable(),
  mentorAgreedOn: isoDate.nullable(),
  startedOn: isoDate.nullable(),
  endedOn: isoDate.nullable(),
  endReason: MatchEnding.nullable(),
  note: z.string(),
  minutes: z.number(),
  version: z.number(),
});
export type MatchView = z.infer<typeof MatchView>;

export const SuggestionQuery = z.strictObject({
  role: MatchRole.default('mentor_family'),
  /** The experience the family would be helped by (chosen by the worker), comma-separated as the client sends a list. */
  experience: z
    .string()
    .max(500)
    .optional()
    .transform((value) => (value ? value.split(',').filter(Boolean) : []))
    .pipe(z.array(ExperienceTag)),
});

export const Suggestion = z.object({
  mentorId: uuid,
  displayName: z.string(),
  kind: MentorKind,
  locality: z.string(),
  experience: z.array(ExperienceTag),
  matchingExperience: z.array(ExperienceTag),
  sameLocality: z.boolean(),
  sameBranch: z.boolean(),
  free: z.number(),
  score: z.number(),
});
export type Suggestion = z.infer<typeof Suggestion>;

export const CaseMentoring = z.object({
  caseId: uuid,
  caseStatus: z.string(),
  matches: z.array(MatchView),
  /** The family became a resource family itself (point 7): the mentor it became. */
  becameMentor: z.object({ mentorId: uuid, displayName: z.string(), registeredOn: isoDate, status: MentorStatus }).nullable(),
});
export type CaseMentoring = z.infer<typeof CaseMentoring>;

// ---- The mentoring log ----

export const LOG_KINDS = ['meeting', 'call', 'joint_activity'] as const;
export const LogKind = z.enum(LOG_KINDS);
export type LogKind = z.infer<typeof LogKind>;

export const LogEntryInput = z
  .strictObject({
    kind: LogKind,
    occurredOn: isoDate,
    durationMinutes: z
      .number()
      .int()
      .min(1)
      .max(24 * 60),
    note: optionalText(2000),
    /** A worry the mentor raises: it reaches the case lead at once. */
    concern: optionalText(2000),
  })
  .strict();
export type LogEntryInput = z.infer<typeof LogEntryInput>;

export const LogEntryView = z.object({
  id: uuid,
  matchId: uuid,
  kind: LogKind,
  occurredOn: isoDate,
  durationMinutes: z.number(),
  note: z.string(),
  concern: z.string(),
  enteredByMentor: z.boolean(),
  enteredBy: z.string(),
  createdAt: z.string(),
});
export type LogEntryView = z.infer<typeof LogEntryView>;
export const LogList = z.object({ items: z.array(LogEntryView) });

export const ConcernView = z.object({
  id: uuid,
  caseId: uuid,
  matchId: uuid,
  familyName: z.string(),
  mentorName: z.string(),
  occurredOn: isoDate,
  concern: z.string(),
  acknowledgedOn: isoDate.nullable(),
});
export const ConcernList = z.object({ items: z.array(ConcernView) });

// ---- The mentor's own view ----

export const MentoredPerson = z.object({
  firstName: z.string(),
  relation: z.enum(['adult', 'child']),
  /** Children only: "3y" or "8m" (months under two). */
  age: z.string().nullable(),
});

export const MyFamily = z.object({
  matchId: uuid,
  status: MatchStatus,
  startedOn: isoDate.nullable(),
  people: z.array(MentoredPerson),
  lastContactOn: isoDate.nullable(),
  minutes: z.number(),
});
export const MyFamilies = z.object({ items: z.array(MyFamily) });

export const MyTask = z.object({ id: uuid, title: z.string(), dueOn: isoDate.nullable(), status: z.string() });
export const MyFamilyDetail = MyFamily.extend({ log: z.array(LogEntryView), tasks: z.array(MyTask) });
export type MyFamilyDetail = z.infer<typeof MyFamilyDetail>;

// ---- Group supervision of mentors ----

export const SupervisionInput = z.strictObject({
  branchId: uuid,
  heldOn: isoDate,
  durationMinutes: z.number().int().min(15).max(600),
  topic: text(300),
  /** The mentors present. */
  mentorIds: z.array(uuid).min(1).max(200),
  summary: optionalText(4000),
});
export const SupervisionView = z.object({
  id: uuid,
  branchId: uuid,
  heldOn: isoDate,
  durationMinutes: z.number(),
  topic: z.string(),
  facilitator: z.string(),
  mentors: z.array(z.object({ id: uuid, displayName: z.string() })),
  summary: z.string(),
});
export type SupervisionView = z.infer<typeof SupervisionView>;
export const SupervisionList = z.object({ items: z.array(SupervisionView) });
