// Targets on the dashboards: the month's share of each branch target in force (coordinator), and
// each programme's total targets against the fact so far (director). Targets are read from
// indicator_targets; facts come from the indicator engine, one call per programme and branch.
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { TargetShare } from '../../domain/dashboards/contracts.js';
import { shareOfTarget } from '../../domain/dashboards/figures.js';
import type { IndicatorDefinition } from '../../domain/indicators/definition.js';
import { percentOfPlan } from '../../domain/indicators/results.js';
import type { Tx } from '../db/engine.js';
import { inList } from '../housing/queries.js';
import { computeIndicators } from '../indicators/compute.js';
import { listIndicators } from '../indicators/queries.js';

type Row = Record<string, unknown>;
const day = (v: unknown) => String(v).slice(0, 10);

export async function definitionsByCode(tx: Tx): Promise<Map<string, IndicatorDefinition>> {
  const list = await listIndicators(tx);
  return new Map(list.filter((i) => !i.retired).map((i) => [i.code, i.definition]));
}

/**
 * Whether a month's share of a target makes sense: work done (services, hours, group sessions)
 * accrues day by day, so a twelfth of a yearly plan is a fair monthly aim; a stock such as
 * "families under support" does not spread over months and is left to the director's view.
 */
function accruesByDay(definition: IndicatorDefinition): boolean {
  const m = definition.measure;
  return (m.kind === 'count' || m.kind === 'sum') && ['services', 'hours', 'sessions'].includes(m.of.subject);
}

/** Branch targets in force this month in the given branches, with the month's share and the fact so far. */
export async function monthTargets(tx: Tx, branchIds: string[], monthStart: string, today: string): Promise<z.infer<typeof TargetShare>[]> {
  const monthLast = new Date(Date.UTC(Number(monthStart.slice(0, 4)), Number(monthStart.slice(5, 7)), 0)).toISOString().slice(0, 10);
  const rows = await tx.execute<Row>(sql`
    select t.planned, t.period_start, t.period_end, t.programme_id::text as programme_id, t.branch_id::text as branch_id,
      pr.name as programme_name, b.name as branch_name, i.code
    from indicator_targets t join indicators i on i.id = t.indicator_id join programmes pr on pr.id = t.programme_id
      join branches b on b.id = t.branch_id
    where ${inList(sql`t.branch_id`, branchIds)} and t.period_start <= ${monthLast} and t.period_end >= ${monthStart}
      and pr.active and not i.retired
    order by pr.name, b.name, i.code, t.period_start`);
  if (rows.rows.length === 0) return [];
  const definitions = await definitionsByCode(tx);
  const groups = new Map<string, Row[]>();
  for (const row of rows.rows) {
    const definition = definitions.get(row.code as string);
    if (!definition || !accruesByDay(definition)) continue;
    const key = `${row.programme_id as string}|${row.branch_id as string}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  const result: z.infer<typeof TargetShare>[] = [];
  for (const group of groups.values()) {
    const first = group[0]!;
    const defs = [...new Set(group.map((r) => r.code as string))].map((code) => definitions.get(code)!);
    const values = await computeIndicators(tx, defs, {
      from: monthStart,
      to: today,
      programmeId: first.programme_id as string,
      branchId: first.branch_id as string,
    });
    for (const row of group) {
      const planned = shareOfTarget(Number(row.planned), day(row.period_start), day(row.period_end), monthStart, monthLast);
      const achieved = values.get(row.code as string)?.value ?? null;
      result.push({
        indicatorCode: row.code as string,
        name: definitions.get(row.code as string)!.name,
        programmeName: row.programme_name as string,
        branchName: row.branch_name as string,
        periodStart: day(row.period_start),
        periodEnd: day(row.period_end),
        planned,
        achieved,
        percent: percentOfPlan(achieved, planned),
      });
    }
  }
  return result;
}
