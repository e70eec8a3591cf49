// Services: every service given in the period (by its date) in a case, withdrawn ones never
// count; the value is its duration in hours. Families served are the distinct families of those
// services, read in the same statement. Group sessions: sessions held in the period — an away
// shift with an end date counts when its days overlap the period; with a programme chosen, the
// sessions attended by at least one family of that programme. A session's value is its duration.
// `memberRelation`: a member with that relation is listed on the service (mothers vs children).
import { sql, type SQL } from 'drizzle-orm';
import {
  anyText,
  caseDim,
  caseDimJoin,
  placeFilter,
  placeScope,
  strings,
  unknownFilter,
  type FilterValue,
  type SourceInput,
  type SubjectModule,
} from './types.js';

function servicesSource(input: SourceInput): SQL {
  return sql`
    select s.id as unit, s.case_id, c.family_id, s.duration_minutes / 60.0 as value, ${caseDim(input)} as dim,
      c.programme_id, c.branch_id, t.category, t.code as type_code, s.initiated_by, s.format, s.member_ids
    from services s join cases c on c.id = s.case_id join service_types t on t.id = s.type_id
    ${caseDimJoin(input)}
    where s.date >= ${input.from} and s.date <= ${input.to} and not s.withdrawn
      ${placeScope(input, 'c.programme_id', 'c.branch_id')}`;
}

function servicesFilter(field: string, values: readonly FilterValue[]): SQL {
  const place = placeFilter(field, values);
  if (place) return place;
  switch (field) {
    case 'serviceCategory':
      return anyText('category', values);
    case 'serviceType':
      return anyText('type_code', values);
    case 'initiatedBy':
      return anyText('initiated_by', values);
    case 'format':
      return anyText('format', values);
    case 'memberRelation':
      // The members a service was given to are listed on it (none: given to the family as a whole).
      return sql`exists (select 1 from members sm where sm.id = any(r.member_ids) and sm.relation = any(${strings(values)}::text[]))`;
    default:
      return unknownFilter(field);
  }
}

const attendedBy = (programme: SQL) =>
  sql`exists (select 1 from group_attendance a join cases ac on ac.id = a.case_id where a.session_id = g.id and ac.programme_id = ${programme})`;

function sessionsSource(input: SourceInput): SQL {
  const dim = input.by === 'branch' ? sql`g.branch_id::text` : sql`null::text`;
  return sql`
    select g.id as unit, null::uuid as case_id, g.duration_minutes / 60.0 as value, ${dim} as dim,
      g.id as session_id, g.branch_id, g.kind
    from group_sessions g
    where g.date <= ${input.to} and (g.date >= ${input.from} or g.end_date >= ${input.from})
      ${input.branchId ? sql`and g.branch_id = ${input.branchId}` : sql``}
      ${input.programmeId ? sql`and ${attendedBy(sql`${input.programmeId}`)}` : sql``}`;
}

function sessionsFilter(field: string, values: readonly FilterValue[]): SQL {
  switch (field) {
    case 'branchId':
      return sql`r.branch_id = any(${sql.param(values.map(String))}::uuid[])`;
    case 'programmeId':
      return sql`exists (select 1 from group_attendance a join cases ac on ac.id = a.case_id
        where a.session_id = r.session_id and ac.programme_id = any(${sql.param(values.map(String))}::uuid[]))`;
    case 'groupKind':
      return anyText('kind', values);
    default:
      return unknownFilter(field);
  }
}

export const services: SubjectModule = {
  sourceKey: 'services',
  source: servicesSource,
  filter: servicesFilter,
  uniqueRows: true,
  personColumn: 'family_id',
};
export const hours: SubjectModule = services;
export const familiesServed: SubjectModule = { ...services, uniqueRows: false, unitColumn: 'family_id' };
export const sessions: SubjectModule = { sourceKey: 'sessions', source: sessionsSource, filter: sessionsFilter, uniqueRows: true };
