// The API shapes of the indicators area, shared by the server routes and the web pages.
import { z } from 'zod';
import { isoDate, uuid, version } from '../validation.js';
import { DISAGGREGATIONS, IndicatorDefinition } from './definition.js';

export const IndicatorInput = z.strictObject({ definition: IndicatorDefinition });
export const IndicatorUpdateInput = z.strictObject({ definition: IndicatorDefinition, version });
export const RetireInput = z.strictObject({ version, retired: z.boolean().default(true) });

export const IndicatorView = z.object({
  id: z.string(),
  code: z.string(),
  /** The current version: the definition shown, and the optimistic-concurrency version. */
  version: z.number(),
  retired: z.boolean(),
  shipped: z.boolean(),
  definition: IndicatorDefinition,
});
export type IndicatorView = z.infer<typeof IndicatorView>;

export const IndicatorVersionView = z.object({
  version: z.number(),
  definition: IndicatorDefinition,
  createdAt: z.string(),
  createdBy: z.string().nullable(),
});

export const IndicatorDetail = IndicatorView.extend({ versions: z.array(IndicatorVersionView) });
export type IndicatorDetail = z.infer<typeof IndicatorDetail>;

const Period = z.strictObject({
  from: isoDate,
  to: isoDate,
  programmeId: uuid.optional(),
  branchId: uuid.optional(),
});
const ordered = (q: { from: string; to: string }) => q.from <= q.to;
export const ValuesQuery = Period.refine(ordered, { path: ['to'], message: 'i18n:before_start' });
export const ValueQuery = Period.extend({
  by: z.enum(DISAGGREGATIONS).optional(),
  /** An earlier version of the definition (the current one by default). */
  version: z.coerce.number().int().positive().optional(),
}).refine(ordered, { path: ['to'], message: 'i18n:before_start' });

export const BreakdownRow = z.object({
  key: z.string(),
  label: z.string(),
  value: z.number().nullable(),
  numerator: z.number().optional(),
  denominator: z.number().optional(),
  /**
   * Set when the row is a small cell this reader may not see exactly (no access to the cases behind
   * it): "<5" for a count, "—" for a share on a small count; value is then null and no parts are given.
   */
  suppressed: z.string().optional(),
});
export const ComputedValue = z.object({
  value: z.number().nullable(),
  numerator: z.number().optional(),
  denominator: z.number().optional(),
  /**
   * Set when the figure is narrowed to one branch whose cases this reader cannot open and is a small
   * cell there: "<5" for a count, "—" for a share on a small count; value is then null, without parts
   * (server/indicators/small-cells.ts suppressValue).
   */
  suppressed: z.string().optional(),
  breakdown: z.array(BreakdownRow).optional(),
});
export type ComputedValue = z.infer<typeof ComputedValue>;

/** A computed figure with the definition version that produced it. Aggregates only. */
export const IndicatorValueView = z.object({
  id: z.string(),
  code: z.string(),
  version: z.number(),
  definition: IndicatorDefinition,
  result: ComputedValue,
});
export type IndicatorValueView = z.infer<typeof IndicatorValueView>;

export const ValuesView = z.object({ from: z.string(), to: z.string(), items: z.array(IndicatorValueView) });
export type ValuesView = z.infer<typeof ValuesView>;
