// House journal entries written in the period (by the moment they record, `at`), one row each:
// walks with the child, duties, incidents, violations… The place is the facility's: its branch,
// and its programme for a programme's figures. The case is the stay's, when the entry names one.
import { sql, type SQL } from 'drizzle-orm';
import {
  anyText,
  placeFilter,
  placeScope,
  strings,
  unknownFilter,
  type FilterValue,
  type SourceInput,
  type SubjectModule,
} from './types.js';

function source(input: SourceInput): SQL {
  const dim = input.by === 'branch' ? sql`f.branch_id::text` : input.by === 'programme' ? sql`f.programme_id::text` : sql`null::text`;
  return sql`
    select j.id as unit, st.case_id, null::numeric as value, ${dim} as dim,
      f.programme_id, f.branch_id, j.facility_id, j.kind
    from house_journal j join facilities f on f.id = j.facility_id
      left join stays st on st.id = j.stay_id
    where j.at >= ${input.from}::date and j.at < ${input.to}::date + 1
      ${placeScope(input, 'f.programme_id', 'f.branch_id')}`;
}

function filter(field: string, values: readonly FilterValue[]): SQL {
  const place = placeFilter(field, values);
  if (place) return place;
  switch (field) {
    case 'facilityId':
      return sql`r.facility_id = any(${strings(values)}::uuid[])`;
    case 'journalKind':
      return anyText('kind', values);
    default:
      return unknownFilter(field);
  }
}

export const houseJournal: SubjectModule = { sourceKey: 'house_journal', source, filter, uniqueRows: true };
