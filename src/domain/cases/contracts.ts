// Cases: a family's enrolment in a programme, with its lead, team, status, history and timeline.
import { z } from 'zod';
import { isoDate, optionalText, uuid, version } from '../validation.js';
import { ConsentKind, ConsentView, FamilyView, SensitiveNoteView } from '../families/contracts.js';
import { PlanProgress } from '../plans/contracts.js';
import { CASE_ACTIONS, CASE_ROLES, CASE_STATUSES, CLOSING_OUTCOMES, RISK_FLAGS } from './index.js';

export const CaseStatusCode = z.enum(CASE_STATUSES);
export const CaseRoleCode = z.enum(CASE_ROLES);
export const RiskFlagCode = z.enum(RISK_FLAGS);

export const TeamMemberInput = z.strictObject({ userId: uuid, role: CaseRoleCode });
export const TeamMemberView = z.object({ userId: uuid, name: z.string(), role: CaseRoleCode });

export const CaseCreateInput = z.strictObject({
  familyId: uuid,
  programmeId: uuid,
  branchId: uuid,
  leadId: uuid,
  openedOn: isoDate.refine((v) => v <= new Date().toISOString().slice(0, 10), { message: 'i18n:date_in_future' }),
  team: z.array(TeamMemberInput).max(20).default([]),
  riskFlags: z.array(RiskFlagCode).max(RISK_FLAGS.length).default([]),
  referralId: uuid.nullable().default(null),
});
export type CaseCreateInput = z.infer<typeof CaseCreateInput>;

export const CaseUpdateInput = z.strictObject({
  leadId: uuid,
  team: z.array(TeamMemberInput).max(20),
  riskFlags: z.array(RiskFlagCode).max(RISK_FLAGS.length),
  version,
});

export const TransitionInput = z
  .strictObject({
    action: z.enum(CASE_ACTIONS),
    on: isoDate.refine((v) => v <= new Date().toISOString().slice(0, 10), { message: 'i18n:date_in_future' }),
    outcome: z.enum(CLOSING_OUTCOMES).nullable().default(null),
    reason: optionalText(2000),
    version,
  })
  .superRefine((v, ctx) => {
    if (v.action === 'close') {
      if (!v.outcome) ctx.addIssue({ code: 'custom', path: ['outcome'], message: 'i18n:required' });
      if (!v.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'i18n:required' });
    }
    if (v.action === 'reopen' && !v.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'i18n:required' });
  });
export type TransitionInput = z.infer<typeof TransitionInput>;

export const CaseSummary = z.object({
  id: uuid,
  familyId: uuid,
  familyName: z.string(),
  childrenAges: z.array(z.string()),
  status: CaseStatusCode,
  programmeId: uuid,
  programmeName: z.string(),
  branchId: uuid,
  branchName: z.string(),
  leadId: uuid,
  leadName: z.string(),
  openedOn: z.string(),
  closedOn: z.string().nullable(),
  daysInProgramme: z.number(),
  riskFlags: z.array(RiskFlagCode),
  missingConsent: z.boolean(),
  /** Progress of the individual plan, or null while the case has none. */
  planProgress: PlanProgress.nullable(),
  updatedAt: z.string(),
});
export type CaseSummary = z.infer<typeof CaseSummary>;

export const CaseListQuery = z.strictObject({
  status: CaseStatusCode.optional(),
  programmeId: uuid.optional(),
  branchId: uuid.optional(),
  leadId: uuid.optional(),
  mine: z.enum(['true']).optional(),
  flag: RiskFlagCode.optional(),
  q: z.string().trim().max(100).optional(),
  sort: z.enum(['updated', 'opened', 'name', 'days']).default('updated'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});
export type CaseListQuery = z.infer<typeof CaseListQuery>;
export const CaseList = z.object({
  items: z.array(CaseSummary),
  total: z.number(),
  counts: z.record(CaseStatusCode, z.number()),
});

export const TimelineEvent = z.object({
  id: z.string(),
  kind: z.string(),
  /** The day it happened (a record entered after the fact keeps its own day); the timeline is ordered by it. */
  occurredOn: z.string(),
  /** When and by whom it was entered, shown on demand. */
  recordedAt: z.string(),
  recordedBy: z.string().nullable(),
  /** What changed: field → { from, to }, or free data of the event kind. Sensitive text never appears here. */
  data: z.record(z.string(), z.unknown()),
});
export type TimelineEvent = z.infer<typeof TimelineEvent>;

/**
 * Where the next page of a timeline starts: the last event's day, entry time (to the microsecond)
 * and id, as the server gave it. Opaque to the client.
 */
export const TimelineCursor = z.string().regex(/^\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z_\d{1,18}$/, {
  message: 'i18n:invalid',
});
export const TimelineQuery = z.strictObject({
  before: TimelineCursor.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type TimelineQuery = z.infer<typeof TimelineQuery>;
/** A page of the timeline, newest first; `next` is null on the last page. */
export const TimelinePage = z.object({ items: z.array(TimelineEvent), next: TimelineCursor.nullable() });
export type TimelinePage = z.infer<typeof TimelinePage>;

export const CaseDetail = z.object({
  case: CaseSummary.extend({
    team: z.array(TeamMemberView),
    closingOutcome: z.enum(CLOSING_OUTCOMES).nullable(),
    closingReason: z.string(),
    referralId: uuid.nullable(),
    version: z.number(),
  }),
  family: FamilyView,
  consents: z.array(ConsentView),
  /** The consents the case's programme requires of each adult (optional ones are the family's choice). */
  requiredConsents: z.array(ConsentKind),
  /** For each adult lacking one, the required consent kinds not in force (never given or withdrawn). */
  missingConsents: z.array(z.object({ memberId: uuid, kinds: z.array(z.string()) })),
  documentsMissing: z.number(),
  sensitive: z.array(SensitiveNoteView),
  /** Sections the caller may see; the UI offers only these. */
  visibleSections: z.array(z.string()),
  allowedActions: z.array(z.enum(CASE_ACTIONS)),
  /** The first page of the timeline; the rest through GET /api/cases/:id/timeline. */
  timeline: TimelinePage,
});
export type CaseDetail = z.infer<typeof CaseDetail>;

export const VolunteerFamily = z.object({
  caseId: uuid,
  people: z.array(z.object({ firstName: z.string(), age: z.string() })),
});
export const VolunteerFamilies = z.object({ items: z.array(VolunteerFamily) });
