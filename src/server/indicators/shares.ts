// Shares per person, averaged (the measure share_average): for each person — a family, the unit a
// woman's records are kept under — her own numerator ÷ denominator (the consultations she asked for
// herself among all of hers), then the plain average of those shares over the people with a
// non-zero denominator. That is not the share of all records (a woman with forty consultations
// would outweigh four with one each), which is what centres that report "on average, a woman asked
// for X % of her consultations herself" mean. One statement a source: the counts per person in a
// subquery, the average over it, and with a breakdown both as grouping sets of the same pass.
import { sql, type SQL } from 'drizzle-orm';
import type { Count, IndicatorDefinition } from '../../domain/indicators/definition.js';
import type { Tx } from '../db/engine.js';
import type { Figure } from './figures.js';
import { SUBJECT_MODULES } from './subjects/index.js';
import type { SourceInput } from './subjects/types.js';

interface Query {
  from: string;
  to: string;
  programmeId?: string;
  branchId?: string;
  by?: SourceInput['by'];
}

function counted(count: Count): SQL {
  const module = SUBJECT_MODULES[count.subject];
  const where = count.filters.length
    ? sql.join(
        count.filters.map((f) => sql`(${module.filter(f.field, f.values)})`),
        sql` and `,
      )
    : sql`true`;
  return module.uniqueRows ? sql`count(*) filter (where ${where})` : sql`count(distinct r.unit) filter (where ${where})`;
}

type Parts = { code: string; numerator: Count; denominator: Count };

async function readSource(tx: Tx, parts: Parts[], q: Query): Promise<Map<string, Figure>> {
  const module = SUBJECT_MODULES[parts[0]!.denominator.subject];
  const person = sql.raw(`r.${module.personColumn ?? 'unit'}`);
  const fields = new Set(parts.flatMap((p) => [...p.numerator.filters, ...p.denominator.filters].map((f) => f.field)));
  const input: SourceInput = { from: q.from, to: q.to, programmeId: q.programmeId, branchId: q.branchId, by: q.by, fields };
  const perPerson = parts.map(
    (p, i) => sql`${counted(p.numerator)} as ${sql.raw(`n${i}`)}, ${counted(p.denominator)} as ${sql.raw(`d${i}`)}`,
  );
  const averages = parts.map((_, i) => sql.raw(`avg(x.n${i}::numeric / nullif(x.d${i}, 0)) as a${i}`));
  const statement = q.by
    ? sql`select x.total_row, x.dim, ${sql.join(averages, sql`, `)} from (
        select grouping(r.dim) as total_row, r.dim, ${sql.join(perPerson, sql`, `)} from (${module.source(input)}) r
        group by grouping sets ((${person}), (r.dim, ${person}))) x
      group by x.total_row, x.dim`
    : sql`select 1 as total_row, null as dim, ${sql.join(averages, sql`, `)} from (
        select ${sql.join(perPerson, sql`, `)} from (${module.source(input)}) r group by ${person}) x`;
  const result = await tx.execute<Record<string, unknown>>(statement);
  const figures = new Map<string, Figure>();
  parts.forEach((p, i) => {
    const figure: Figure = { total: null, byKey: new Map() };
    for (const row of result.rows) {
      const raw = row[`a${i}`];
      const value = raw === null || raw === undefined ? null : Number(raw);
      if (Number(row.total_row) === 1) figure.total = value;
      else figure.byKey.set(row.dim === null ? '' : String(row.dim), value);
    }
    figures.set(p.code, figure);
  });
  return figures;
}

/** The averages of per-person shares (0–1) of the given share_average indicators, by indicator code. */
export async function readShareAverages(tx: Tx, defs: IndicatorDefinition[], q: Query): Promise<Map<string, Figure>> {
  const bySource = new Map<string, Parts[]>();
  for (const def of defs) {
    const m = def.measure;
    // A part left undefined is refused when saved; should one reach here, the indicator has no value.
    if (m.kind !== 'share_average' || !m.numerator || !m.denominator) continue;
    const source = SUBJECT_MODULES[m.denominator.subject].sourceKey;
    bySource.set(source, [...(bySource.get(source) ?? []), { code: def.code, numerator: m.numerator, denominator: m.denominator }]);
  }
  const figures = new Map<string, Figure>();
  for (const parts of bySource.values()) for (const [code, figure] of await readSource(tx, parts, q)) figures.set(code, figure);
  return figures;
}
