// Small cells in breakdowns shown inside the organisation (issue 11, defect 6). A breakdown row is
// a cell: "1 family from Tajikistan in Псков" points at one woman. Shown to someone who cannot open
// the cases behind it, a count below the organisation's threshold reads "<N" and a share built on
// one "—", exactly as the funder exports suppress them (domain/reports/table.ts figureCells, the
// threshold from the report settings): one rule and one setting for every reader outside the cases.
//
// Who sees the exact counts: the coordinators and supervisors (with cases.read) of every branch
// whose cases are behind the figure (cases/scope.ts: they open every case of the branches they
// answer for), so hiding from them what their own case list counts protects nobody. Everyone else —
// the M&E officer, a director or admin without case access, a case worker (who opens only her own
// cases), a coordinator looking beyond her branches — gets the suppressed cells. Per row when the
// breakdown is by branch: a coordinator of Москва sees Москва's rows exactly and Псков's suppressed.
// Totals are the organisation's own results, read against its plans, and are not suppressed; like
// the exports, no second cell is hidden to stop a suppressed one being worked out from the total.
// A figure narrowed to one branch is not such a total but that branch's cell (suppressValue), as the
// report narrowed to one branch and the records behind it read.
import { sql } from 'drizzle-orm';
import type { Disaggregation, IndicatorDefinition } from '../../domain/indicators/definition.js';
import { figureCells } from '../../domain/reports/table.js';
import { responsibleBranches } from '../cases/scope.js';
import type { Tx } from '../db/engine.js';
import type { Actor } from '../http/context.js';
import { smallCellThreshold } from '../reports/export-meta.js';
import { unitOf } from '../reports/report.js';
import type { IndicatorValue } from './compute.js';

/** Branches every case of which the caller can open: those she answers for as coordinator or supervisor. */
export function openBranches(actor: Actor): string[] {
  return actor.permissions.has('cases.read') ? responsibleBranches(actor) : [];
}

export interface CellRule {
  threshold: number;
  /** Whether the caller sees a cell exactly; `branchId` when the cell is one branch's. */
  exact(branchId?: string | null): boolean;
}

/** The rule for a figure over one branch (`branchId`) or over the whole organisation. */
export async function cellRule(tx: Tx, actor: Actor, scope: { branchId?: string | undefined }): Promise<CellRule> {
  const open = new Set(openBranches(actor));
  const { threshold } = await smallCellThreshold(tx);
  let everything = false;
  if (scope.branchId) everything = open.has(scope.branchId);
  else if (open.size > 0) {
    // Inactive branches too: their past cases are behind the figures of past periods.
    const rows = await tx.execute<{ id: string }>(sql`select id::text from branches`);
    everything = rows.rows.every((row) => open.has(row.id));
  }
  return { threshold, exact: (branchId) => everything || (branchId !== undefined && branchId !== null && open.has(branchId)) };
}

/** A count below the threshold as "<N" ('—' for a share on such a count), or null when it may be shown. */
export function suppressedCell(
  unit: ReturnType<typeof unitOf>,
  figure: { value: number | null; numerator?: number | null | undefined; denominator?: number | null | undefined },
  threshold: number,
): string | null {
  const { achieved } = figureCells(
    { planned: null, achieved: figure.value, percent: null, numerator: figure.numerator ?? null, denominator: figure.denominator ?? null },
    unit,
    'external',
    threshold,
  );
  return typeof achieved === 'string' ? achieved : null;
}

/** The value with its breakdown rows suppressed where the caller may not see them exactly. */
export function suppressBreakdown(
  value: IndicatorValue,
  definition: IndicatorDefinition,
  by: Disaggregation | undefined,
  rule: CellRule,
): IndicatorValue {
  if (!value.breakdown) return value;
  const unit = unitOf(definition);
  return {
    ...value,
    breakdown: value.breakdown.map((row) => {
      if (rule.exact(by === 'branch' ? row.key : undefined)) return row;
      const suppressed = suppressedCell(unit, row, rule.threshold);
      // Nothing of a suppressed cell stays: not its value, nor the parts of a share.
      return suppressed === null ? row : { key: row.key, label: row.label, value: null, suppressed };
    }),
  };
}

/**
 * A value as this reader may see it: when the figure is narrowed to one branch (`branchId`) its total
 * is that branch's cell — small and hidden from a reader who cannot open the branch's cases, nothing of
 * it kept (nor the parts of a share, nor a breakdown that would add back up to it); otherwise only the
 * breakdown's small cells are hidden (suppressBreakdown).
 */
export function suppressValue(
  value: IndicatorValue,
  definition: IndicatorDefinition,
  scope: { branchId?: string | undefined; by?: Disaggregation | undefined },
  rule: CellRule,
): IndicatorValue & { suppressed?: string } {
  if (scope.branchId && !rule.exact(scope.branchId)) {
    const suppressed = suppressedCell(unitOf(definition), value, rule.threshold);
    if (suppressed !== null) {
      const rows = value.breakdown && suppressBreakdown(value, definition, scope.by, rule).breakdown;
      return {
        value: null,
        suppressed,
        // Every row of a small total is at most as small: each row reads suppressed or zero.
        ...(rows && { breakdown: rows }),
      };
    }
  }
  return suppressBreakdown(value, definition, scope.by, rule);
}

/** A count of people as this reader may see it: the number, or "<N" when small and not `exact`. */
export function countCell(value: number, exact: boolean, threshold: number): number | string {
  return exact ? value : (suppressedCell('count', { value }, threshold) ?? value);
}
