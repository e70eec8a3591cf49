// Away profile shifts (issue 14, point 6): shifts that ended in the period (their last day in it and
// come), one row each; the value is the number of days. `held: with_summary` keeps those held with
// diagnostics at the start and the end, the analysis and the summary — the rule of
// src/domain/shifts/rules.ts in its SQL form (src/server/shifts/shifts.ts `heldSql`). A shift belongs
// to its programme and branch; it has no case of its own.
import { sql, type SQL } from 'drizzle-orm';
import { heldSql } from '../../shifts/shifts.js';
import { placeFilter, placeScope, unknownFilter, type FilterValue, type SourceInput, type SubjectModule } from './types.js';

function source(input: SourceInput): SQL {
  const dim = input.by === 'branch' ? sql`s.branch_id::text` : input.by === 'programme' ? sql`s.programme_id::text` : sql`null::text`;
  return sql`
    select s.id as unit, null::uuid as case_id, (s.ends_on - s.starts_on + 1)::numeric as value, ${dim} as dim,
      s.programme_id, s.branch_id, ${heldSql('s', sql`current_date`)} as held
    from shifts s
    where s.ends_on >= ${input.from} and s.ends_on <= ${input.to} and s.ends_on <= current_date
      ${placeScope(input, 's.programme_id', 's.branch_id')}`;
}

function filter(field: string, values: readonly FilterValue[]): SQL {
  const place = placeFilter(field, values);
  if (place) return place;
  if (field === 'held') return values.map(String).includes('with_summary') ? sql`r.held` : sql`false`;
  return unknownFilter(field);
}

export const shifts: SubjectModule = { sourceKey: 'shifts', source, filter, uniqueRows: true };
