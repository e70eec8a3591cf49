// The plan-vs-actual report of one programme and period: targets, achieved figures from the
// indicator engine, percentages, narratives and per-branch lines. One engine call in all — the
// total with its breakdown by branch — whatever the number of indicators and branches.
import { sql } from 'drizzle-orm';
import type { IndicatorDefinition } from '../../domain/indicators/definition.js';
import { percentOfPlan } from '../../domain/indicators/results.js';
import type { BranchFigure, Figure, MeasureUnit, PlanVsActual, ReportRow, TargetView } from '../../domain/reports/contracts.js';
import type { Language } from '../../domain/i18n/index.js';
import type { Tx } from '../db/engine.js';
import type { Actor } from '../http/context.js';
import { computeIndicators, type IndicatorValue } from '../indicators/compute.js';
import { listIndicators } from '../indicators/queries.js';
import { cellRule, suppressedCell, type CellRule } from '../indicators/small-cells.js';
import { listNarratives, listTargets, type ProgrammeRow } from './targets.js';

export interface ReportScope {
  programme: ProgrammeRow;
  from: string;
  to: string;
  branchId?: string | undefined;
  all: boolean;
  lang: Language;
}

export function unitOf(definition: IndicatorDefinition): MeasureUnit {
  switch (definition.measure.kind) {
    case 'count':
      return 'count';
    case 'proportion':
    case 'share_average':
      return 'share';
    case 'ratio':
    case 'sum':
    case 'average':
    case 'median':
      return 'value';
  }
}

/** The engine gives a share in percent (0–100, one decimal), like its plan; other values to two decimals. */
function achievedOf(value: number | null, unit: MeasureUnit): number | null {
  if (value === null) return null;
  return unit === 'share' ? Math.round(value * 10) / 10 : Math.round(value * 100) / 100;
}

function figure(value: Pick<IndicatorValue, 'value' | 'numerator' | 'denominator'> | undefined, unit: MeasureUnit, planned: number | null) {
  const achieved = achievedOf(value?.value ?? null, unit);
  return {
    planned,
    achieved,
    percent: percentOfPlan(achieved, planned),
    numerator: value?.numerator ?? null,
    denominator: value?.denominator ?? null,
  };
}

/**
 * A figure as this reader may see it: a small cell of cases she cannot open (`exact` false) reads
 * "<5" ("—" for a share on one), as in the funder exports; nothing of it stays — neither the
 * achieved figure, the percentage of plan that would give it back, nor the parts of a share.
 */
function shownFigure<F extends Figure>(figure: F, unit: MeasureUnit, exact: boolean, rule: CellRule): F {
  if (exact) return figure;
  const suppressed = suppressedCell(
    unit,
    { value: figure.achieved, numerator: figure.numerator, denominator: figure.denominator },
    rule.threshold,
  );
  return suppressed === null ? figure : { ...figure, achieved: null, percent: null, numerator: null, denominator: null, suppressed };
}

export async function loadReport(tx: Tx, actor: Actor, scope: ReportScope): Promise<PlanVsActual> {
  const { programme, from, to } = scope;
  const [indicators, targets, narratives, branchRows] = [
    await listIndicators(tx),
    await listTargets(tx, programme.id, from, to),
    await listNarratives(tx, programme.id, from, to),
    await tx.execute<{ id: string; name: string }>(sql`select id::text, name from branches where active order by name`),
  ];
  const branches = branchRows.rows.filter((b) => !scope.branchId || b.id === scope.branchId);
  const targeted = new Set(targets.map((t) => t.indicatorId));
  // An indicator of another programme never shows; one marked "always in the report" (post-support)
  // shows without a target, like every other one when the reader asks for all rows.
  const ours = (i: (typeof indicators)[number]) => !i.definition.programmeId || i.definition.programmeId === programme.id;
  const chosen = indicators.filter(
    (i) => ours(i) && (targeted.has(i.id) || (!i.retired && (scope.all || i.definition.alwaysInReport === true))),
  );
  // Ratios refer to other indicators by code: the engine reads those from the library itself.
  const defs = chosen.map((i) => i.definition);
  const query = { from, to, programmeId: programme.id, lang: scope.lang, ...(scope.branchId && { branchId: scope.branchId }) };
  // One engine call: the breakdown by branch comes as a grouping set beside the total.
  const values = defs.length === 0 ? new Map<string, IndicatorValue>() : await computeIndicators(tx, defs, { ...query, by: 'branch' });

  // The branch lines are cells (and so is the total of a report narrowed to one branch): small ones
  // hidden from a reader who cannot open that branch's cases (issue 11, defect 6).
  const rule = await cellRule(tx, actor, { branchId: scope.branchId });
  const targetOf = new Map<string, TargetView>(targets.map((t) => [`${t.indicatorId}:${t.branchId ?? ''}`, t]));
  const rows: ReportRow[] = chosen.map((indicator) => {
    const unit = unitOf(indicator.definition);
    const totalTarget = targetOf.get(`${indicator.id}:`);
    const breakdown = new Map((values.get(indicator.code)?.breakdown ?? []).map((b) => [b.key, b]));
    const branchFigures: BranchFigure[] = branches
      .filter((b) => targetOf.has(`${indicator.id}:${b.id}`) || breakdown.has(b.id))
      .map((b) => {
        const target = targetOf.get(`${indicator.id}:${b.id}`);
        return {
          branchId: b.id,
          branchName: b.name,
          targetVersion: target?.version ?? null,
          // A branch missing from a count's breakdown had nothing to count: zero, not unknown.
          ...shownFigure(
            figure(breakdown.get(b.id) ?? (unit === 'count' ? { value: 0 } : undefined), unit, target?.planned ?? null),
            unit,
            rule.exact(b.id),
            rule,
          ),
        };
      });
    const narrative = narratives.get(indicator.id);
    return {
      indicatorId: indicator.id,
      code: indicator.code,
      name: indicator.definition.name,
      definitionVersion: indicator.version,
      unit,
      targetVersion: totalTarget?.version ?? null,
      narrative: narrative ? { text: narrative.text, version: narrative.version } : null,
      branches: branchFigures,
      // The organisation's total is not suppressed (small-cells.ts); one branch's total is that branch's cell.
      ...shownFigure(
        figure(values.get(indicator.code), unit, totalTarget?.planned ?? null),
        unit,
        !scope.branchId || rule.exact(scope.branchId),
        rule,
      ),
    };
  });
  return {
    programme,
    from,
    to,
    branchId: scope.branchId ?? null,
    branches,
    rows,
    abilities: { manage: actor.permissions.has('indicators.manage'), seeRecords: actor.permissions.has('cases.read') },
  };
}
