// Volunteers (issue 18, point 5): the funder's figures from the records the volunteers' work keeps.
//   volunteers        volunteers who completed at least one shift in the period (one unit each)
//   volunteer_hours   completed shifts in the period, by the shift's day; the value is the hours given
//   new_volunteers    volunteers whose first move to active falls in the period
//   volunteer_teams   teams formed on or before the period's end and not disbanded
// Shifts belong to their task's branch, volunteers and teams to theirs; the branch is the city.
import { sql, type SQL } from 'drizzle-orm';
import { anyText, unknownFilter, type FilterValue, type SourceInput, type SubjectModule } from './types.js';

const dim = (input: SourceInput, column: string): SQL => (input.by === 'branch' ? sql`${sql.raw(column)}::text` : sql`null::text`);
const branchScope = (input: SourceInput, column: string): SQL => (input.branchId ? sql`and ${sql.raw(column)} = ${input.branchId}` : sql``);

function shiftSource(input: SourceInput): SQL {
  return sql`select s.id as unit, s.volunteer_id, null::uuid as case_id, s.hours::numeric as value, ${dim(input, 't.branch_id')} as dim,
      t.branch_id, t.kind
    from volunteer_signups s join volunteer_tasks t on t.id = s.task_id
    where s.status = 'completed' and s.task_on >= ${input.from} and s.task_on <= ${input.to} ${branchScope(input, 't.branch_id')}`;
}

function shiftFilter(field: string, values: readonly FilterValue[]): SQL {
  if (field === 'branchId') return sql`r.branch_id = any(${sql.param(values.map(String))}::uuid[])`;
  if (field === 'taskKind') return anyText('kind', values);
  return unknownFilter(field);
}

function branchOnly(field: string, values: readonly FilterValue[]): SQL {
  if (field === 'branchId') return sql`r.branch_id = any(${sql.param(values.map(String))}::uuid[])`;
  return unknownFilter(field);
}

function newSource(input: SourceInput): SQL {
  return sql`select v.id as unit, null::uuid as case_id, null::numeric as value, ${dim(input, 'v.branch_id')} as dim, v.branch_id
    from volunteers v
    where (select min(c.changed_on) from volunteer_status_changes c where c.volunteer_id = v.id and c.to_status = 'active')
      between ${input.from}::date and ${input.to}::date ${branchScope(input, 'v.branch_id')}`;
}

function teamSource(input: SourceInput): SQL {
  return sql`select t.id as unit, null::uuid as case_id, null::numeric as value, ${dim(input, 't.branch_id')} as dim, t.branch_id
    from volunteer_teams t where t.active and t.formed_on <= ${input.to} ${branchScope(input, 't.branch_id')}`;
}

export const volunteers: SubjectModule = {
  sourceKey: 'volunteer_shifts',
  source: shiftSource,
  filter: shiftFilter,
  uniqueRows: false,
  unitColumn: 'volunteer_id',
};
export const volunteerHours: SubjectModule = { sourceKey: 'volunteer_shifts', source: shiftSource, filter: shiftFilter, uniqueRows: true };
export const newVolunteers: SubjectModule = { sourceKey: 'new_volunteers', source: newSource, filter: branchOnly, uniqueRows: true };
export const volunteerTeams: SubjectModule = { sourceKey: 'volunteer_teams', source: teamSource, filter: branchOnly, uniqueRows: true };
