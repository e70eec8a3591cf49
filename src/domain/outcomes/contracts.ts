// API contracts of outcomes per family: the outcome framework (default and per programme), a case's
// outcomes with their evidence and marks, follow-up contacts after leaving and cohort figures.
import { z } from 'zod';
import { CLOSING_OUTCOMES } from '../cases/lifecycle.js';
import { isoDate, optionalText, text, uuid, version } from '../validation.js';

export const OUTCOME_TERMS = ['short', 'medium', 'long'] as const;
export const OutcomeTerm = z.enum(OUTCOME_TERMS);
export type OutcomeTerm = z.infer<typeof OutcomeTerm>;

/** Rules that prove an outcome from the records (src/domain/outcomes/evidence.ts). */
export const EVIDENCE_RULES = [
  'plan_drawn_up',
  'social_contacts_mapped',
  'desired_future_formulated',
  'plan_goals_completed',
  'relatives_reconnected',
  'documents_complete',
  'benefits_applied',
  'parent_child_interaction_improved',
  'lives_independently',
  'child_with_family',
] as const;
export const EvidenceRule = z.enum(EVIDENCE_RULES);
export type EvidenceRule = z.infer<typeof EvidenceRule>;

export const LocalizedName = z.strictObject({ ru: text(300), en: text(300) });

export const OutcomeInput = z.strictObject({
  name: LocalizedName,
  term: OutcomeTerm,
  evidenceRule: EvidenceRule.nullable().default(null),
});
export type OutcomeInput = z.infer<typeof OutcomeInput>;

export const OutcomeUpdateInput = z.strictObject({
  name: LocalizedName,
  term: OutcomeTerm,
  evidenceRule: EvidenceRule.nullable(),
  retired: z.boolean(),
  version,
});
export type OutcomeUpdateInput = z.infer<typeof OutcomeUpdateInput>;

export const OutcomeView = z.object({
  id: uuid,
  frameworkId: uuid,
  code: z.string().nullable(),
  name: z.object({ ru: z.string(), en: z.string() }),
  term: OutcomeTerm,
  evidenceRule: EvidenceRule.nullable(),
  position: z.number().int(),
  retired: z.boolean(),
  version: z.number().int(),
});
export type OutcomeView = z.infer<typeof OutcomeView>;

export const FrameworkView = z.object({
  id: uuid,
  /** null: the organisation's default, applied to every programme without its own. */
  programmeId: uuid.nullable(),
  programmeName: z.string().nullable(),
  outcomes: z.array(OutcomeView),
});
export type FrameworkView = z.infer<typeof FrameworkView>;
export const FrameworkList = z.object({ items: z.array(FrameworkView) });

export const FrameworkCreateInput = z.strictObject({ programmeId: uuid });

const notInFuture = (value: string) => value <= new Date().toISOString().slice(0, 10);
/** A choice the user must make: left empty it is "required", not "an invalid option". */
const choice = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: (issue) => (issue.input === undefined ? 'i18n:required' : 'i18n:invalid_option') });

export const MARK_STATUSES = ['achieved', 'not_achieved'] as const;
export const MarkInput = z.strictObject({
  status: choice(MARK_STATUSES),
  on: isoDate.refine(notInFuture, { message: 'i18n:date_in_future' }),
  // A hand mark has nothing in the records behind it: the note is its evidence, so it is required.
  note: text(2000),
});
export type MarkInput = z.infer<typeof MarkInput>;

export const MarkView = z.object({
  id: uuid,
  outcomeId: uuid,
  status: z.enum(MARK_STATUSES),
  on: z.string(),
  note: z.string(),
  markedBy: z.string(),
  markedAt: z.string(),
});
export type MarkView = z.infer<typeof MarkView>;

export const EvidenceView = z.object({
  rule: EvidenceRule,
  on: z.string().nullable(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});
export type EvidenceView = z.infer<typeof EvidenceView>;

export const OUTCOME_STATUSES = ['achieved', 'not_achieved', 'open'] as const;
export const CaseOutcomeView = z.object({
  outcome: OutcomeView,
  /** achieved when the records prove it or the latest mark says so; not_achieved by the latest mark; else open. */
  status: z.enum(OUTCOME_STATUSES),
  evidence: EvidenceView.nullable(),
  marks: z.array(MarkView),
});
export type CaseOutcomeView = z.infer<typeof CaseOutcomeView>;

export const MarkParams = z.object({ id: uuid, outcomeId: uuid });

// Follow-up contacts after leaving.
export const MILESTONES = [3, 6, 12] as const;
export type Milestone = (typeof MILESTONES)[number];
export const Milestone = z.union([z.literal(3), z.literal(6), z.literal(12)], { message: 'i18n:invalid_option' });

export const CHILD_WITH_FAMILY = ['yes', 'state_care', 'relatives', 'unknown'] as const;
export const ChildWithFamily = z.enum(CHILD_WITH_FAMILY);
export type ChildWithFamily = z.infer<typeof ChildWithFamily>;
export const FOLLOW_UP_HOUSING = ['own_home', 'rented', 'with_relatives', 'with_partner', 'shelter', 'other', 'unknown'] as const;

export const FollowUpInput = z.strictObject({
  caseId: uuid,
  milestone: Milestone,
  contactedOn: isoDate.refine(notInFuture, { message: 'i18n:date_in_future' }),
  format: z.enum(['in_person', 'phone', 'online', 'home_visit']),
  durationMinutes: z.number().int().min(1, { message: 'i18n:duration_range' }).max(1440, { message: 'i18n:duration_range' }).default(20),
  childWithFamily: choice(CHILD_WITH_FAMILY),
  housing: choice(FOLLOW_UP_HOUSING),
  place: optionalText(300),
  note: optionalText(2000),
});
export type FollowUpInput = z.infer<typeof FollowUpInput>;

export const FollowUpView = z.object({
  id: uuid,
  caseId: uuid,
  serviceId: uuid,
  milestone: z.number().int(),
  contactedOn: z.string(),
  childWithFamily: ChildWithFamily,
  housing: z.enum(FOLLOW_UP_HOUSING),
  place: z.string(),
});
export type FollowUpView = z.infer<typeof FollowUpView>;

export const CaseOutcomes = z.object({
  caseId: uuid,
  frameworkId: uuid,
  /** Whether the caller may mark outcomes of this case (case team or a coordinator of its branch). */
  canMark: z.boolean(),
  items: z.array(CaseOutcomeView),
  /** Follow-up contacts after leaving (withdrawn ones left out), newest first. */
  followUps: z.array(FollowUpView),
});
export type CaseOutcomes = z.infer<typeof CaseOutcomes>;

export const FOLLOW_UP_STATUSES = ['due', 'overdue'] as const;
export const FollowUpQuery = z.object({ status: z.enum(FOLLOW_UP_STATUSES).optional() });
export const FollowUpDueItem = z.object({
  caseId: uuid,
  familyName: z.string(),
  leadName: z.string(),
  programmeName: z.string(),
  /** The day the family left the programme's active phase; the milestones count from it. */
  leftOn: z.string(),
  closedOn: z.string().nullable(),
  closingOutcome: z.enum(CLOSING_OUTCOMES).nullable(),
  milestone: z.number().int(),
  dueOn: z.string(),
  status: z.enum(FOLLOW_UP_STATUSES),
});
export type FollowUpDueItem = z.infer<typeof FollowUpDueItem>;
export const FollowUpDueList = z.object({ items: z.array(FollowUpDueItem) });

// Cohorts: figures only, no identities.
export const CohortQuery = z
  .object({ programmeId: uuid, from: isoDate, to: isoDate, branchId: uuid.optional() })
  .refine((q) => q.from <= q.to, { path: ['to'], message: 'i18n:period_order' });
export type CohortQuery = z.infer<typeof CohortQuery>;

/** A count of families, or "<5" where a small cell this reader may not see exactly (server/indicators/small-cells.ts). */
const CohortCount = z.union([z.number().int(), z.string()]);

export const HorizonFigures = z.object({
  months: z.number().int(),
  contacted: CohortCount,
  childWithFamily: CohortCount,
  notWithFamily: CohortCount,
  unknown: CohortCount,
  notYetDue: CohortCount,
  /** childWithFamily of contacted; null when nobody was contacted; "—" when built on a hidden small count. */
  childWithFamilyShare: z.union([z.number(), z.string()]).nullable(),
});
export type HorizonFigures = z.infer<typeof HorizonFigures>;

export const Cohort = z.object({
  admitted: CohortCount,
  inProgramme: z.object({ intake: CohortCount, active: CohortCount, post_support: CohortCount }),
  left: CohortCount,
  leftByOutcome: z.record(z.enum(CLOSING_OUTCOMES), CohortCount),
  horizons: z.array(HorizonFigures),
});
export type Cohort = z.infer<typeof Cohort>;
