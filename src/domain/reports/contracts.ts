// Contracts of the plan-vs-actual report: targets per programme, period and indicator (total and per
// branch), the report itself, the narrative per indicator, the records behind a figure and the
// exports. Shared by the server routes, the typed web client and the forms.
import { z } from 'zod';
import { Localized } from '../assessments/template.js';
import { CASE_STATUSES } from '../cases/lifecycle.js';
import { isoDate, uuid, version } from '../validation.js';

const periodEndCheck = <T extends { from?: string | undefined; to?: string | undefined }>(value: T, ctx: z.RefinementCtx) => {
  if (value.from && value.to && value.to < value.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'i18n:before_start' });
};

/** A period inside the programme; both ends optional (the programme's own period by default). */
export const PeriodQuery = z.object({ from: isoDate.optional(), to: isoDate.optional() }).superRefine(periodEndCheck);
export type PeriodQuery = z.infer<typeof PeriodQuery>;

export const TargetRow = z.strictObject({
  indicatorId: uuid,
  /** Null: the programme total. */
  branchId: uuid.nullable().default(null),
  /** Null removes the target. For a share (proportion) the plan is in percent. */
  planned: z.number().min(0).max(999_999_999_999).nullable(),
  /** The version the edit was based on; absent for a new target. */
  version: version.optional(),
});
export type TargetRow = z.infer<typeof TargetRow>;

export const TargetsInput = z
  .strictObject({ from: isoDate, to: isoDate, targets: z.array(TargetRow).min(1).max(500) })
  .superRefine(periodEndCheck);
export type TargetsInput = z.infer<typeof TargetsInput>;

export const TargetView = z.object({
  id: uuid,
  indicatorId: uuid,
  branchId: uuid.nullable(),
  planned: z.number(),
  version: z.number(),
  updatedAt: z.string(),
});
export type TargetView = z.infer<typeof TargetView>;

export const TargetList = z.object({ programmeId: uuid, from: z.string(), to: z.string(), items: z.array(TargetView) });
export type TargetList = z.infer<typeof TargetList>;

export const ReportQuery = z
  .object({
    programmeId: uuid,
    from: isoDate.optional(),
    to: isoDate.optional(),
    branchId: uuid.optional(),
    /** Every current indicator, not only those with a target. */
    all: z.enum(['true', 'false']).optional(),
  })
  .superRefine(periodEndCheck);
export type ReportQuery = z.infer<typeof ReportQuery>;

export const AUDIENCES = ['internal', 'external'] as const;
export type Audience = (typeof AUDIENCES)[number];

export const ExportQuery = z
  .object({
    programmeId: uuid,
    from: isoDate.optional(),
    to: isoDate.optional(),
    branchId: uuid.optional(),
    all: z.enum(['true', 'false']).optional(),
    audience: z.enum(AUDIENCES).default('internal'),
  })
  .superRefine(periodEndCheck);
export type ExportQuery = z.infer<typeof ExportQuery>;

/** One figure: planned, achieved and the percentage of the plan (null where there is no plan). */
export const Figure = z.object({
  planned: z.number().nullable(),
  achieved: z.number().nullable(),
  percent: z.number().nullable(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  /**
   * Set when the figure is a small cell this reader may not see exactly (she cannot open the cases
   * behind it): "<5" for a count, "—" for a share on a small count, as the funder exports show it;
   * achieved, percent and the parts are then null (server/indicators/small-cells.ts).
   */
  suppressed: z.string().optional(),
});
export type Figure = z.infer<typeof Figure>;

export const BranchFigure = Figure.extend({
  branchId: uuid,
  branchName: z.string(),
  targetVersion: z.number().nullable(),
});
export type BranchFigure = z.infer<typeof BranchFigure>;

export const MEASURE_UNITS = ['count', 'share', 'value'] as const;
export type MeasureUnit = (typeof MEASURE_UNITS)[number];

export const ReportRow = Figure.extend({
  indicatorId: uuid,
  code: z.string(),
  name: Localized,
  /** The definition version that produced the achieved figure. */
  definitionVersion: z.number(),
  /** count: whole things counted; share: a proportion shown in percent; value: sum, average, median. */
  unit: z.enum(MEASURE_UNITS),
  targetVersion: z.number().nullable(),
  narrative: z.object({ text: z.string(), version: z.number() }).nullable(),
  branches: z.array(BranchFigure),
});
export type ReportRow = z.infer<typeof ReportRow>;

export const ReportProgramme = z.object({
  id: uuid,
  name: z.string(),
  funder: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
});

export const PlanVsActual = z.object({
  programme: ReportProgramme,
  from: z.string(),
  to: z.string(),
  branchId: uuid.nullable(),
  branches: z.array(z.object({ id: uuid, name: z.string() })),
  rows: z.array(ReportRow),
  /** What the caller may do: the UI shows the editors and the record links accordingly. */
  abilities: z.object({ manage: z.boolean(), seeRecords: z.boolean() }),
});
export type PlanVsActual = z.infer<typeof PlanVsActual>;

export const NarrativeInput = z
  .strictObject({
    programmeId: uuid,
    from: isoDate,
    to: isoDate,
    indicatorId: uuid,
    text: z.string().trim().max(4000),
    version: version.optional(),
  })
  .superRefine(periodEndCheck);
export type NarrativeInput = z.infer<typeof NarrativeInput>;

export const NarrativeView = z.object({ indicatorId: uuid, text: z.string(), version: z.number(), updatedAt: z.string() });
export type NarrativeView = z.infer<typeof NarrativeView>;

export const RECORD_PARTS = ['value', 'numerator', 'denominator'] as const;

export const RecordsQuery = z
  .object({
    programmeId: uuid,
    from: isoDate.optional(),
    to: isoDate.optional(),
    indicatorId: uuid,
    branchId: uuid.optional(),
    part: z.enum(RECORD_PARTS).default('value'),
  })
  .superRefine(periodEndCheck);
export type RecordsQuery = z.infer<typeof RecordsQuery>;

/** The cases behind a figure: those in the caller's scope listed, the rest only counted. */
export const RecordsView = z.object({
  /**
   * How many records, and how many of them outside the caller's scope. Null, with `suppressed` ("<5"),
   * when the figure is one branch's small cell and the caller cannot open that branch's cases — the
   * records behind a figure never give back what the figure itself hides (server/indicators/small-cells.ts).
   */
  total: z.number().nullable(),
  outsideScope: z.number().nullable(),
  suppressed: z.string().optional(),
  /** True for callers who see figures but not people (the M&E officer): items are always empty. */
  identitiesHidden: z.boolean(),
  items: z.array(
    z.object({
      caseId: uuid,
      familyName: z.string(),
      programmeName: z.string(),
      branchName: z.string(),
      status: z.enum(CASE_STATUSES),
    }),
  ),
});
export type RecordsView = z.infer<typeof RecordsView>;

/** `percentDigits`: decimals of a percentage in exports (0 by default: funders read whole per cent). */
export const ReportSettings = z.object({ smallCellThreshold: z.number(), percentDigits: z.number(), version: z.number() });
export type ReportSettings = z.infer<typeof ReportSettings>;

export const ReportSettingsInput = z.strictObject({
  smallCellThreshold: z.number().int().min(1).max(100),
  /** Absent: unchanged. */
  percentDigits: z.number().int().min(0).max(2).optional(),
  version,
});
export type ReportSettingsInput = z.infer<typeof ReportSettingsInput>;
