// Plan tasks: the tasks of individual plans that fell due in the period (due_on within it), with
// their status today; "completed" is status done. Cancelled tasks are there to be filtered out.
import { sql, type SQL } from 'drizzle-orm';
import {
  anyText,
  caseDim,
  caseDimJoin,
  placeFilter,
  placeScope,
  unknownFilter,
  type FilterValue,
  type SourceInput,
  type SubjectModule,
} from './types.js';

function source(input: SourceInput): SQL {
  return sql`
    select t.id as unit, c.id as case_id, null::numeric as value, ${caseDim(input)} as dim,
      c.programme_id, c.branch_id, t.status, t.responsible_kind
    from plan_tasks t join plans p on p.id = t.plan_id join cases c on c.id = p.case_id
    ${caseDimJoin(input)}
    where t.due_on >= ${input.from} and t.due_on <= ${input.to}
      ${placeScope(input, 'c.programme_id', 'c.branch_id')}`;
}

function filter(field: string, values: readonly FilterValue[]): SQL {
  const place = placeFilter(field, values);
  if (place) return place;
  if (field === 'taskStatus') return anyText('status', values);
  if (field === 'responsibleKind') return anyText('responsible_kind', values);
  return unknownFilter(field);
}

export const tasks: SubjectModule = { sourceKey: 'tasks', source, filter, uniqueRows: true };
