// The director's dashboard: per active programme its period, funder, the programme-total targets in
// force against the fact so far (with a traffic light for the pace), families under support and the
// occupancy of its housing today. Families and occupancy are one grouped statement each for all
// programmes; facts are one engine call per programme and target period.
import { sql } from 'drizzle-orm';
import type { DirectorDashboard } from '../../domain/dashboards/contracts.js';
import { elapsedShare, trafficLight } from '../../domain/dashboards/figures.js';
import { percentOfPlan } from '../../domain/indicators/results.js';
import type { Tx } from '../db/engine.js';
import { computeIndicators } from '../indicators/compute.js';
import { definitionsByCode } from './targets.js';

type Row = Record<string, unknown>;
const day = (v: unknown) => String(v).slice(0, 10);

export async function directorDashboard(tx: Tx, today: string): Promise<DirectorDashboard> {
  const programmes = await tx.execute<Row>(sql`
    select id::text, name, funder, period_start, period_end from programmes
    where active and period_start <= ${today} and period_end >= ${today} order by name`);
  if (programmes.rows.length === 0) return { today, programmes: [] };
  const families = await tx.execute<{ programme_id: string; n: number }>(sql`
    select programme_id::text, count(distinct family_id)::int as n from cases
    where status in ('active', 'post_support') group by programme_id`);
  const places = await tx.execute<{ programme_id: string; places: number; occupied: number }>(sql`
    select f.programme_id::text, count(*)::int as places,
      (count(*) filter (where exists (select 1 from placements pl where pl.place_id = p.id and pl.from_on <= ${today}
        and (pl.to_on is null or pl.to_on > ${today}))))::int as occupied
    from places p join rooms r on r.id = p.room_id join facilities f on f.id = p.facility_id
    where p.active and r.active and f.active and f.programme_id is not null group by f.programme_id`);
  const targets = await tx.execute<Row>(sql`
    select t.programme_id::text as programme_id, t.planned, t.period_start, t.period_end, i.code
    from indicator_targets t join indicators i on i.id = t.indicator_id
    where t.branch_id is null and not i.retired and t.period_start <= ${today} and t.period_end >= ${today}
    order by i.code`);
  const definitions = targets.rows.length > 0 ? await definitionsByCode(tx) : new Map();
  const result: DirectorDashboard['programmes'] = [];
  for (const p of programmes.rows) {
    const mine = targets.rows.filter((t) => t.programme_id === p.id && definitions.has(t.code as string));
    const periods = new Map<string, Row[]>();
    for (const t of mine) {
      const key = `${day(t.period_start)}|${day(t.period_end)}`;
      periods.set(key, [...(periods.get(key) ?? []), t]);
    }
    const indicators: DirectorDashboard['programmes'][number]['indicators'] = [];
    for (const [key, rows] of periods) {
      const [start, end] = key.split('|') as [string, string];
      const defs = [...new Set(rows.map((r) => r.code as string))].map((code) => definitions.get(code)!);
      const values = await computeIndicators(tx, defs, { from: start, to: end < today ? end : today, programmeId: p.id as string });
      const elapsed = elapsedShare(start, end, today);
      for (const row of rows) {
        const definition = definitions.get(row.code as string)!;
        // A count or sum over the period so far grows as the period goes on, so it is judged
        // against the elapsed part of the plan; an average or a share is judged as it stands.
        const paced = definition.measure.kind === 'count' || definition.measure.kind === 'sum';
        const planned = Number(row.planned);
        const achieved = values.get(row.code as string)?.value ?? null;
        indicators.push({
          code: row.code as string,
          name: definition.name,
          periodStart: start,
          periodEnd: end,
          planned,
          achieved,
          percent: percentOfPlan(achieved, planned),
          light: trafficLight(achieved, planned, paced ? elapsed : 1, definition.direction ?? 'higher'),
        });
      }
    }
    const housing = places.rows.find((r) => r.programme_id === p.id);
    const start = day(p.period_start);
    const end = day(p.period_end);
    result.push({
      id: p.id as string,
      name: p.name as string,
      funder: p.funder as string,
      periodStart: start,
      periodEnd: end,
      elapsed: Math.round(elapsedShare(start, end, today) * 1000) / 1000,
      familiesUnderSupport: Number(families.rows.find((r) => r.programme_id === p.id)?.n ?? 0),
      occupancy: {
        occupied: Number(housing?.occupied ?? 0),
        places: Number(housing?.places ?? 0),
        share: housing && Number(housing.places) > 0 ? Math.round((Number(housing.occupied) / Number(housing.places)) * 1000) / 1000 : null,
      },
      indicators,
    });
  }
  return { today, programmes: result };
}
