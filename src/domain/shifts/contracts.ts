// Away profile shifts (issue 14, point 6): a residential event of several days with its venue and
// programme, the participating families (their members who came, children included), mentors and
// specialists, the programme of each day, attendance per day, the diagnostic of participants at the
// start and at the end (from the organisation's assessment templates), the analysis of the change and
// the written summary of results. Consultations given during the shift are services linked to it.
import { z } from 'zod';
import { isoDate, optionalText, text, uuid, version } from '../validation.js';
import { AnswersInput, DomainChangeView, DomainScoreView } from '../assessments/contracts.js';
import { SHIFT_STATUSES, SHIFT_MISSING, MAX_SHIFT_DAYS } from './rules.js';

export const SHIFT_STAGES = ['start', 'end'] as const;
export const ShiftStage = z.enum(SHIFT_STAGES);
export type ShiftStage = z.infer<typeof ShiftStage>;

/** A family member who came (adult or child), or a mentor of the register (src/domain/mentoring). */
export const PARTICIPANT_KINDS = ['member', 'mentor'] as const;
export const ParticipantKind = z.enum(PARTICIPANT_KINDS);

const notFuture = (v: string) => v <= new Date().toISOString().slice(0, 10);
const inOrder = (s: { startsOn: string; endsOn: string }) => s.endsOn >= s.startsOn;
const orderIssue = { path: ['endsOn'], message: 'i18n:before_start' };

const shiftFields = {
  branchId: uuid,
  programmeId: uuid,
  title: text(200),
  venue: text(300),
  /** The shift's programme as a whole: theme, aims, who it is for. */
  description: optionalText(5000),
  startsOn: isoDate,
  endsOn: isoDate,
  /** Specialists of the shift (staff): they run it, see all its participants and record diagnostics. */
  specialistIds: z.array(uuid).max(30).default([]),
};
export const ShiftInput = z.strictObject(shiftFields).refine(inOrder, orderIssue);
export type ShiftInput = z.infer<typeof ShiftInput>;
export const ShiftUpdateInput = z.strictObject({ ...shiftFields, version }).refine(inOrder, orderIssue);
export type ShiftUpdateInput = z.infer<typeof ShiftUpdateInput>;

export const ShiftListQuery = z.strictObject({
  from: isoDate.optional(),
  to: isoDate.optional(),
  branchId: uuid.optional(),
  programmeId: uuid.optional(),
});

/** Add participants: members of a family (by its case) who came, and mentors of the register. */
export const ParticipantsInput = z.strictObject({
  members: z
    .array(z.strictObject({ caseId: uuid, memberId: uuid }))
    .max(100)
    .default([]),
  mentors: z
    .array(z.strictObject({ mentorId: uuid }))
    .max(30)
    .default([]),
});
export type ParticipantsInput = z.infer<typeof ParticipantsInput>;

/** The day's programme; `version` is 0 for a day whose programme was never written. */
export const DayProgrammeInput = z.strictObject({ programme: optionalText(5000), version: z.number().int().min(0) });
export const DayParams = z.strictObject({ id: uuid, day: isoDate });
export const AttendanceInput = z.strictObject({
  /** Who was there that day (participants of the shift); replaces the day's list of those the caller sees. */
  participantIds: z.array(uuid).max(300),
});

export const DiagnosticInput = z.strictObject({
  stage: ShiftStage,
  caseId: uuid,
  /** The member assessed (a template about a person); null for a template about the family. */
  memberId: uuid.nullable().default(null),
  templateCode: z.string().max(60),
  conductedOn: isoDate.refine(notFuture, { message: 'i18n:date_in_future' }),
  answers: AnswersInput,
  notes: optionalText(5000),
});
export type DiagnosticInput = z.infer<typeof DiagnosticInput>;

/** The analyst's text; the change per participant and scale is computed from the diagnostics. */
export const AnalysisInput = z.strictObject({
  text: text(20000),
  analysedOn: isoDate.refine(notFuture, { message: 'i18n:date_in_future' }),
  version,
});
export const SummaryInput = z.strictObject({
  text: text(20000),
  writtenOn: isoDate.refine(notFuture, { message: 'i18n:date_in_future' }),
  version,
});

export const ShiftStatus = z.enum(SHIFT_STATUSES);
export const ShiftMissing = z.enum(SHIFT_MISSING);

export const ParticipantView = z.object({
  id: uuid,
  kind: ParticipantKind,
  caseId: uuid.nullable(),
  memberId: uuid.nullable(),
  mentorId: uuid.nullable(),
  /** First name of a family member; the register's name of a mentor. */
  name: z.string(),
  relation: z.string().nullable(),
  /** Whole years at the shift's start, when known. */
  age: z.number().nullable(),
});
export type ParticipantView = z.infer<typeof ParticipantView>;

export const DiagnosticView = z.object({
  id: uuid,
  stage: ShiftStage,
  caseId: uuid,
  memberId: uuid.nullable(),
  templateCode: z.string(),
  templateName: z.string(),
  conductedOn: z.string(),
  conductedBy: z.string(),
  scores: z.array(DomainScoreView),
});
export type DiagnosticView = z.infer<typeof DiagnosticView>;

/** One participant's change from the start to the end diagnostic of one template, per scale. */
export const ChangeView = z.object({
  caseId: uuid,
  memberId: uuid.nullable(),
  templateCode: z.string(),
  templateName: z.string(),
  scales: z.array(DomainChangeView.extend({ title: z.string() })),
});

export const ShiftSummaryView = z.object({
  id: uuid,
  branchId: uuid,
  branchName: z.string(),
  programmeId: uuid,
  programmeName: z.string(),
  title: z.string(),
  venue: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  families: z.number(),
  people: z.number(),
  status: ShiftStatus,
  heldWithSummary: z.boolean(),
});
export type ShiftSummaryView = z.infer<typeof ShiftSummaryView>;
export const ShiftList = z.object({ items: z.array(ShiftSummaryView) });

export const ShiftView = ShiftSummaryView.extend({
  description: z.string(),
  specialists: z.array(z.object({ id: uuid, name: z.string() })),
  /** Participants the caller may see by first name; the others are only counted (families, people). */
  participants: z.array(ParticipantView),
  days: z.array(z.object({ day: z.string(), programme: z.string(), version: z.number(), present: z.array(uuid) })),
  diagnostics: z.array(DiagnosticView),
  changes: z.array(ChangeView),
  analysis: z.object({ text: z.string(), analysedOn: z.string(), by: z.string() }).nullable(),
  summary: z.object({ text: z.string(), writtenOn: z.string(), by: z.string() }).nullable(),
  /** What the shift still lacks to count as held with diagnostics, analysis and summary. */
  missing: z.array(ShiftMissing),
  /** Consultations given during the shift (services linked to it): count and hours, withdrawn ones left out. */
  consultations: z.object({ count: z.number(), hours: z.number() }),
  /** The caller runs the shift (a specialist, its author, the branch's coordinator or supervisor). */
  canManage: z.boolean(),
  version: z.number(),
});
export type ShiftView = z.infer<typeof ShiftView>;

export const ShiftCountsQuery = z.strictObject({ from: isoDate.optional(), to: isoDate.optional() });
const ShiftCount = z.union([z.number(), z.string()]);
/** Shifts in a period as counts per branch — no titles, venues, texts or names (the M&E officer's view). */
export const ShiftCounts = z.object({
  from: z.string(),
  to: z.string(),
  items: z.array(
    z.object({
      branchId: uuid,
      branchName: z.string(),
      /** Counts, or "<5" where a small cell this reader may not see exactly (server/indicators/small-cells.ts). */
      shifts: ShiftCount,
      heldWithSummary: ShiftCount,
      families: ShiftCount,
      /** A sum of time, not a count: never suppressed. */
      days: z.number(),
    }),
  ),
});

export { MAX_SHIFT_DAYS };
