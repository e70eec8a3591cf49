// Services (consultations and other help), the service catalogue, group work with attendance,
// post-support visits and workload. Every later figure (hours, consultations, sessions held, share
// initiated by the client) is computed from these records.
import { z } from 'zod';
import { isoDate, optionalText, text, uuid, version } from '../validation.js';
import { Localized } from '../assessments/template.js';

export const SERVICE_CATEGORIES = [
  'psychological',
  'legal',
  'social',
  'medical',
  'documents',
  'employment',
  'visit',
  'post_support',
  'specialist',
  'other',
] as const;
export const ServiceCategory = z.enum(SERVICE_CATEGORIES);
export const ServiceUnit = z.enum(['session', 'hours']);
export const SERVICE_FORMATS = ['in_person', 'phone', 'online', 'home_visit', 'at_shelter'] as const;
export const ServiceFormat = z.enum(SERVICE_FORMATS);

export const ServiceTypeInput = z.strictObject({
  code: z.string().regex(/^[a-z][a-z0-9_]{0,59}$/, { message: 'i18n:invalid_code' }),
  name: Localized,
  category: ServiceCategory,
  unit: ServiceUnit,
});
export const ServiceTypeUpdateInput = z.strictObject({
  name: Localized,
  category: ServiceCategory,
  unit: ServiceUnit,
  retired: z.boolean(),
  version,
});
export const ServiceTypeView = z.object({
  id: uuid,
  code: z.string(),
  name: Localized,
  category: ServiceCategory,
  unit: ServiceUnit,
  retired: z.boolean(),
  inUse: z.boolean(),
  version: z.number(),
});
export type ServiceTypeView = z.infer<typeof ServiceTypeView>;

const notFuture = (v: string) => v <= new Date().toISOString().slice(0, 10);

export const ServiceInput = z.strictObject({
  caseId: uuid,
  typeId: uuid,
  date: isoDate.refine(notFuture, { message: 'i18n:date_in_future' }),
  /** Minutes, more than 0 and at most 24 hours. */
  durationMinutes: z
    .number()
    .int()
    .min(1, { message: 'i18n:duration_range' })
    .max(24 * 60, { message: 'i18n:duration_range' }),
  specialistIds: z.array(uuid).min(1).max(10),
  memberIds: z.array(uuid).max(30).default([]),
  format: ServiceFormat,
  initiatedBy: z.enum(['client', 'team']),
  taskIds: z.array(uuid).max(10).default([]),
  /** Mark the linked plan tasks done. */
  completeTasks: z.boolean().default(false),
  note: optionalText(5000),
  /** A consultation given during an away shift the family took part in (counted with the shift's services). */
  shiftId: uuid.nullable().default(null),
});
export type ServiceInput = z.infer<typeof ServiceInput>;

export const ServiceBatchInput = z.strictObject({ services: z.array(ServiceInput).min(1).max(50) });
export const ServiceWithdrawInput = z.strictObject({ reason: text(1000) });

export const ServiceView = z.object({
  id: uuid,
  caseId: uuid,
  familyName: z.string(),
  typeId: uuid,
  typeName: z.string(),
  category: ServiceCategory,
  date: z.string(),
  durationMinutes: z.number(),
  specialists: z.array(z.object({ id: uuid, name: z.string() })),
  memberIds: z.array(uuid),
  format: ServiceFormat,
  initiatedBy: z.enum(['client', 'team']),
  taskIds: z.array(uuid),
  /** Null when the caller may not read it (a psychologist's notes go to psychologists and the lead). */
  note: z.string().nullable(),
  withdrawn: z.boolean(),
  withdrawnReason: z.string(),
  shiftId: uuid.nullable(),
  createdAt: z.string(),
});
export type ServiceView = z.infer<typeof ServiceView>;

export const ServiceHistoryQuery = z.strictObject({
  typeId: uuid.optional(),
  category: ServiceCategory.optional(),
  specialistId: uuid.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export const ServiceHistory = z.object({ items: z.array(ServiceView), total: z.number(), totalMinutes: z.number() });

export const WorkloadQuery = z.strictObject({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'i18n:invalid_format' }),
  userId: uuid.optional(),
});
export const WorkloadRow = z.object({
  userId: uuid,
  name: z.string(),
  typeId: uuid,
  typeName: z.string(),
  count: z.number(),
  minutes: z.number(),
  clientInitiated: z.number(),
});
export const Workload = z.object({ month: z.string(), rows: z.array(WorkloadRow) });

// ---- group work ----
export const GROUP_KINDS = ['parents_club', 'house_meeting', 'workshop', 'group_therapy', 'away_shift', 'other'] as const;
export const GroupKind = z.enum(GROUP_KINDS);

export const GroupSessionInput = z
  .strictObject({
    branchId: uuid,
    kind: GroupKind,
    /** Sessions of one series (e.g. the weekly parents' club) share a series name. */
    series: optionalText(200),
    topic: text(300),
    date: isoDate.refine(notFuture, { message: 'i18n:date_in_future' }),
    endDate: isoDate.nullable().default(null),
    durationMinutes: z
      .number()
      .int()
      .min(1, { message: 'i18n:duration_range' })
      .max(24 * 60, { message: 'i18n:duration_range' }),
    facilitatorIds: z.array(uuid).min(1).max(10),
    outsideAdults: z.number().int().min(0).max(1000).default(0),
    outsideChildren: z.number().int().min(0).max(1000).default(0),
    summary: optionalText(5000),
  })
  .refine((s) => s.endDate === null || s.endDate >= s.date, { path: ['endDate'], message: 'i18n:before_start' });
export type GroupSessionInput = z.infer<typeof GroupSessionInput>;

export const AttendanceInput = z.strictObject({
  sessionId: uuid,
  attendees: z.array(z.strictObject({ caseId: uuid, memberId: uuid })).max(200),
});

export const GroupSessionView = z.object({
  id: uuid,
  branchId: uuid,
  kind: GroupKind,
  series: z.string(),
  topic: z.string(),
  date: z.string(),
  endDate: z.string().nullable(),
  durationMinutes: z.number(),
  facilitators: z.array(z.object({ id: uuid, name: z.string() })),
  outsideAdults: z.number(),
  outsideChildren: z.number(),
  summary: z.string(),
  /** Attendees from the caller's cases (first name only); others are counted. */
  attendees: z.array(z.object({ caseId: uuid, memberId: uuid, firstName: z.string() })),
  attendeeCount: z.number(),
});
export type GroupSessionView = z.infer<typeof GroupSessionView>;
export const GroupSessionList = z.object({ items: z.array(GroupSessionView) });

/** Group work as figures (for indicators.read): per branch and kind — no topic, summary or name. */
export const GroupCountsQuery = z.strictObject({ from: isoDate.optional(), to: isoDate.optional() });
/**
 * A count, or "<5" where it is a small cell this reader may not see exactly (she cannot open the
 * branch's cases), as the funder exports show it (server/indicators/small-cells.ts).
 */
const GroupCount = z.union([z.number(), z.string()]);
export const GroupCounts = z.object({
  from: isoDate,
  to: isoDate,
  items: z.array(
    z.object({
      branchId: uuid,
      branchName: z.string(),
      kind: GroupKind,
      sessions: GroupCount,
      /** A sum of time, not a count: never suppressed (as the exports treat sums). */
      minutes: z.number(),
      /** Attendances of family members from cases (one person at one session counts once). */
      attendances: GroupCount,
      outsideAdults: GroupCount,
      outsideChildren: GroupCount,
    }),
  ),
});
export type GroupCounts = z.infer<typeof GroupCounts>;

// ---- post-support ----
export const PostSupportVisit = z.object({
  caseId: uuid,
  familyName: z.string(),
  leadName: z.string(),
  since: z.string(),
  lastVisitOn: z.string().nullable(),
  dueOn: z.string(),
  overdue: z.boolean(),
});
export const PostSupportVisits = z.object({ items: z.array(PostSupportVisit) });
