// The M&E officer's dashboard: chosen indicators month by month over the last 12 months (or a
// calendar year) and by branch over the whole span. One engine call per month for all chosen
// indicators together, plus one for the branch breakdown — a small, fixed number of calls.
import type { IndicatorsDashboard, IndicatorsQuery } from '../../domain/dashboards/contracts.js';
import { monthEnd, monthStarts } from '../../domain/dashboards/figures.js';
import { translate, type Language } from '../../domain/i18n/index.js';
import type { Tx } from '../db/engine.js';
import { invalidField } from '../http/errors.js';
import type { Actor } from '../http/context.js';
import { computeIndicators, type IndicatorValue } from '../indicators/compute.js';
import { cellRule, suppressBreakdown } from '../indicators/small-cells.js';
import { definitionsByCode } from './targets.js';

/** How many indicators the dashboard shows when none are chosen: a small default keeps it fast. */
const DEFAULT_COUNT = 3;
/**
 * The default picks the work most programmes report monthly, when the library still has them. All
 * three count services, so the engine reads them in one statement a month (one per subject).
 */
const PREFERRED = ['psy_consultations', 'legal_consultations', 'family_consultations'];

export async function indicatorsDashboard(
  tx: Tx,
  actor: Actor,
  query: IndicatorsQuery,
  today: string,
  lang: Language,
): Promise<IndicatorsDashboard> {
  const definitions = await definitionsByCode(tx);
  const available = [...definitions.values()].map((d) => ({ code: d.code, name: d.name }));
  const preferred = [
    ...PREFERRED.filter((code) => definitions.has(code)),
    ...available.map((d) => d.code).filter((code) => !PREFERRED.includes(code)),
  ];
  const codes = query.codes ? [...new Set(query.codes.split(','))] : preferred.slice(0, DEFAULT_COUNT);
  if (codes.some((code) => !definitions.has(code)))
    throw invalidField('codes', 'validation.invalid_option', translate(lang, 'validation.invalid_option'));
  const defs = codes.map((code) => definitions.get(code)!);
  const starts = monthStarts(today, query.year);
  const from = starts[0]!;
  const last = monthEnd(starts.at(-1)!);
  const to = last < today ? last : today;
  const values = new Map(defs.map((d) => [d.code, [] as (number | null)[]]));
  for (const start of starts) {
    if (defs.length === 0 || start > today) {
      for (const d of defs) values.get(d.code)!.push(null);
      continue;
    }
    const end = monthEnd(start) < today ? monthEnd(start) : today;
    const month = await computeIndicators(tx, defs, { from: start, to: end, lang });
    for (const d of defs) values.get(d.code)!.push(month.get(d.code)?.value ?? null);
  }
  const branchDefs = defs.filter((d) => d.disaggregations.includes('branch'));
  const byBranch: Map<string, IndicatorValue> =
    branchDefs.length > 0 && from <= to ? await computeIndicators(tx, branchDefs, { from, to, by: 'branch', lang }) : new Map();
  // The branch rows are cells: small ones hidden from those who cannot open that branch's cases.
  const rule = await cellRule(tx, actor, {});
  const shown = (d: (typeof branchDefs)[number]) => {
    const value = byBranch.get(d.code);
    return value ? (suppressBreakdown(value, d, 'branch', rule).breakdown ?? []) : [];
  };
  return {
    from,
    to,
    months: starts.map((s) => s.slice(0, 7)),
    available,
    series: defs.map((d) => ({ code: d.code, name: d.name, values: values.get(d.code)! })),
    byBranch: branchDefs.map((d) => ({
      code: d.code,
      name: d.name,
      branches: shown(d).map((b) => ({ key: b.key, label: b.label, value: b.value, ...(b.suppressed && { suppressed: b.suppressed }) })),
    })),
  };
}
