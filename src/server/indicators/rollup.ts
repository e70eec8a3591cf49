// Whole months of service counts and hours from the monthly totals kept by the database
// (service_rollup, migration 0014) instead of from every service row: a year of an organisation's
// services is over a million rows, its totals a few thousand. The partial months at a period's
// edges are still read from the services themselves, so any period gives the same figure as the
// rows would. Only what the totals can answer comes from them: counts of services and sums of
// hours, filtered by programme, branch, type or category and initiative, in total or by
// branch or programme. Everything else (distinct families, medians, a person's age band…) is read
// from the rows as before.
import { sql, type SQL } from 'drizzle-orm';
import type { Disaggregation } from '../../domain/indicators/definition.js';
import { splitByMonths } from '../../domain/indicators/periods.js';
import type { Tx } from '../db/engine.js';
import { addFigures, type Figure, type Wanted } from './figures.js';
import { SUBJECT_MODULES } from './subjects/index.js';

/** What the totals need of an indicator query (compute.ts's IndicatorQuery is one), declared here so
 *  that this module does not import the engine that calls it. */
interface IndicatorQuery {
  from: string;
  to: string;
  programmeId?: string;
  branchId?: string;
  by?: Disaggregation;
}

const ROLLUP_FIELDS = new Set(['programmeId', 'branchId', 'serviceCategory', 'serviceType', 'initiatedBy']);

/** Whether the monthly totals can answer this count. */
export function fromRollup(wanted: Wanted, q: IndicatorQuery): boolean {
  const { kind, count } = wanted;
  const measured = (count.subject === 'services' && kind === 'count') || (count.subject === 'hours' && kind === 'sum');
  const place = q.by === undefined || q.by === 'branch' || q.by === 'programme';
  return measured && place && count.filters.every((f) => ROLLUP_FIELDS.has(f.field));
}

function rollupAggregate(wanted: Wanted): SQL {
  const module = SUBJECT_MODULES[wanted.count.subject];
  const where = wanted.count.filters.length
    ? sql.join(
        wanted.count.filters.map((f) => sql`(${module.filter(f.field, f.values)})`),
        sql` and `,
      )
    : sql`true`;
  return wanted.kind === 'count'
    ? sql`coalesce(sum(r.services) filter (where ${where}), 0)`
    : sql`coalesce(sum(r.minutes) filter (where ${where}), 0) / 60.0`;
}

/** The same aggregates over whole months of the totals; columns named as the services source names them. */
async function readMonths(tx: Tx, entries: [string, Wanted][], q: IndicatorQuery, first: string, last: string) {
  const dim = q.by === 'branch' ? sql`r.branch_id::text` : q.by === 'programme' ? sql`r.programme_id::text` : sql`null::text`;
  const source = sql`select r.services, r.minutes, r.programme_id, r.branch_id, t.category, t.code as type_code,
      r.initiated_by, ${dim} as dim
    from service_rollup r join service_types t on t.id = r.type_id
    where r.month >= ${first} and r.month <= ${last}
      ${q.programmeId ? sql`and r.programme_id = ${q.programmeId}` : sql``}
      ${q.branchId ? sql`and r.branch_id = ${q.branchId}` : sql``}`;
  const columns = entries.map(([, w], i) => sql`${rollupAggregate(w)} as ${sql.raw(`a${i}`)}`);
  const grouping = q.by
    ? sql`, grouping(r.dim) as total_row, r.dim from (${source}) r group by grouping sets ((), (r.dim))`
    : sql`, 1 as total_row, null as dim from (${source}) r`;
  const result = await tx.execute<Record<string, unknown>>(sql`select ${sql.join(columns, sql`, `)} ${grouping}`);
  const figures = new Map<string, Figure>();
  entries.forEach(([key], i) => {
    const figure: Figure = { total: 0, byKey: new Map() };
    for (const row of result.rows) {
      const value = Number(row[`a${i}`] ?? 0);
      if (Number(row.total_row) === 1) figure.total = value;
      else figure.byKey.set(row.dim === null ? '' : String(row.dim), value);
    }
    figures.set(key, figure);
  });
  return figures;
}

type ReadRows = (wanted: Map<string, Wanted>, q: IndicatorQuery) => Promise<Map<string, Figure>>;

/**
 * Counts the rollup can answer, over the period: whole months from the totals, the edges from the
 * rows (`readRows`, the engine's own reader). Null when the period holds no whole month — then the
 * rows alone are cheaper.
 */
export async function readWithRollup(tx: Tx, wanted: Map<string, Wanted>, q: IndicatorQuery, readRows: ReadRows) {
  const { months, edges } = splitByMonths(q.from, q.to);
  if (!months) return null;
  let figures = await readMonths(tx, [...wanted.entries()], q, months.first, months.last);
  for (const edge of edges) {
    const part = await readRows(wanted, { ...q, from: edge.from, to: edge.to });
    figures = new Map([...figures].map(([key, figure]) => [key, addFigures(figure, part.get(key) ?? { total: 0, byKey: new Map() })]));
  }
  return figures;
}
