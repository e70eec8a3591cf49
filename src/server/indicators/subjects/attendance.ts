// Attendance: the people who attended a group session held in the period (the sessions' own rule:
// an away shift with an end date counts when its days overlap the period), each counted once
// however many sessions she came to — "mothers who attended house meetings or workshops". With a
// programme chosen, attendance of that programme's cases only. Breakdowns by the person herself.
import { sql, type SQL } from 'drizzle-orm';
import {
  anyText,
  personDim,
  placeFilter,
  placeScope,
  unknownFilter,
  type FilterValue,
  type SourceInput,
  type SubjectModule,
} from './types.js';

function source(input: SourceInput): SQL {
  const dim =
    input.by === 'branch'
      ? sql`g.branch_id::text`
      : input.by === 'programme'
        ? sql`c.programme_id::text`
        : (personDim(input.by, 'm', input.to) ?? sql`null::text`);
  return sql`
    select a.member_id as unit, a.case_id, null::numeric as value, ${dim} as dim,
      c.programme_id, g.branch_id, g.kind, m.relation
    from group_attendance a join group_sessions g on g.id = a.session_id
      join cases c on c.id = a.case_id join members m on m.id = a.member_id
    where g.date <= ${input.to} and (g.date >= ${input.from} or g.end_date >= ${input.from})
      ${placeScope(input, 'c.programme_id', 'g.branch_id')}`;
}

function filter(field: string, values: readonly FilterValue[]): SQL {
  const place = placeFilter(field, values);
  if (place) return place;
  switch (field) {
    case 'groupKind':
      return anyText('kind', values);
    case 'relation':
      return anyText('relation', values);
    default:
      return unknownFilter(field);
  }
}

export const attendance: SubjectModule = { sourceKey: 'attendance', source, filter, uniqueRows: false };
