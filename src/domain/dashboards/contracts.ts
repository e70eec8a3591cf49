// API contracts of the three dashboards. Every figure is an aggregate: no family, person or address
// appears; the only names are staff's (a coordinator's caseload per case lead).
import { z } from 'zod';
import { Localized } from '../assessments/template.js';
import { isoDate, uuid } from '../validation.js';
import { TRAFFIC_LIGHTS } from './figures.js';

export const CoordinatorQuery = z.strictObject({ branchId: uuid.optional() });
export type CoordinatorQuery = z.infer<typeof CoordinatorQuery>;

const Comparison = z.object({ thisMonth: z.number(), lastMonth: z.number() });

export const TargetShare = z.object({
  indicatorCode: z.string(),
  name: Localized,
  programmeName: z.string(),
  branchName: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  /** The month's share of the target (the target spread evenly over its period's days). */
  planned: z.number(),
  achieved: z.number().nullable(),
  percent: z.number().nullable(),
});

export const CaseStatusCounts = z.object({ intake: z.number(), active: z.number(), post_support: z.number() });

export const CoordinatorDashboard = z.object({
  month: z.string(),
  today: z.string(),
  branches: z.array(z.object({ id: uuid, name: z.string() })),
  services: Comparison,
  consultations: Comparison,
  /** Running total of services by day of the month, this month (to today) and last month. */
  servicesByDay: z.array(z.object({ day: z.number(), thisMonth: z.number().nullable(), lastMonth: z.number().nullable() })),
  targets: z.array(TargetShare),
  caseload: z.object({
    byStatus: CaseStatusCounts,
    byLead: z.array(CaseStatusCounts.extend({ leadId: uuid, leadName: z.string() })),
  }),
  overdue: z.object({ tasks: z.number(), postSupportVisits: z.number(), referrals: z.number(), firstPlans: z.number() }),
});
export type CoordinatorDashboard = z.infer<typeof CoordinatorDashboard>;

export const IndicatorsQuery = z.strictObject({
  /** Comma-separated indicator codes (at most 6); the first three of the library by default. */
  codes: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,59}(,[a-z][a-z0-9_]{0,59}){0,5}$/, { message: 'i18n:invalid_format' })
    .optional(),
  /** A calendar year; the last 12 months (this one included) by default. */
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});
export type IndicatorsQuery = z.infer<typeof IndicatorsQuery>;

export const IndicatorsDashboard = z.object({
  from: isoDate,
  to: isoDate,
  months: z.array(z.string()),
  available: z.array(z.object({ code: z.string(), name: Localized })),
  series: z.array(z.object({ code: z.string(), name: Localized, values: z.array(z.number().nullable()) })),
  byBranch: z.array(
    z.object({
      code: z.string(),
      name: Localized,
      /** `suppressed`: a small cell this reader may not see exactly ("<5"; value null), as in indicator breakdowns. */
      branches: z.array(z.object({ key: z.string(), label: z.string(), value: z.number().nullable(), suppressed: z.string().optional() })),
    }),
  ),
});
export type IndicatorsDashboard = z.infer<typeof IndicatorsDashboard>;

export const ProgrammeResult = z.object({
  id: uuid,
  name: z.string(),
  funder: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  /** Share of the period elapsed by today, 0..1: the pace a target is compared with. */
  elapsed: z.number(),
  familiesUnderSupport: z.number(),
  occupancy: z.object({ occupied: z.number(), places: z.number(), share: z.number().nullable() }),
  indicators: z.array(
    z.object({
      code: z.string(),
      name: Localized,
      /** The target's period (a programme may have targets for its whole span and for a year). */
      periodStart: z.string(),
      periodEnd: z.string(),
      planned: z.number(),
      achieved: z.number().nullable(),
      percent: z.number().nullable(),
      light: z.enum(TRAFFIC_LIGHTS),
    }),
  ),
});
export const DirectorDashboard = z.object({ today: z.string(), programmes: z.array(ProgrammeResult) });
export type DirectorDashboard = z.infer<typeof DirectorDashboard>;
