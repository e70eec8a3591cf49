// Mentoring (issue 14, point 8): the funder's figures from the records the mentoring keeps anyway.
//   trained_mentors      mentors who completed the training (programme and primary diagnostic) in
//                        the period, by the completion date — "mentoring families that completed the
//                        special educational programme and primary diagnostic"; kind: the mentor's kind
//   mentoring_matches    matches running at some time in the period (started on or before its end,
//                        not ended before its start); status: active keeps those still running at its end
//   mentored_families    families with a running match in the period (distinct)
//   mentoring_hours      the mentoring log's entries in the period; the value is their hours
//   mentored_to_mentor   mentors registered in the period whose family was itself mentored earlier
//                        (its earlier case had a match that started) — point 7's transition
// Mentors belong to their branch; matches and the log to the case (programme and branch).
import { sql, type SQL } from 'drizzle-orm';
import {
  caseDim,
  caseDimJoin,
  anyText,
  placeFilter,
  placeScope,
  unknownFilter,
  type FilterValue,
  type SourceInput,
  type SubjectModule,
} from './types.js';

const mentorDim = (input: SourceInput): SQL => (input.by === 'branch' ? sql`m.branch_id::text` : sql`null::text`);

function trainedSource(input: SourceInput): SQL {
  return sql`select cm.mentor_id as unit, null::uuid as case_id, null::numeric as value, ${mentorDim(input)} as dim,
      null::uuid as programme_id, m.branch_id, m.kind
    from mentor_cohort_members cm join mentors m on m.id = cm.mentor_id
    where cm.completed_on >= ${input.from} and cm.completed_on <= ${input.to}
      ${input.branchId ? sql`and m.branch_id = ${input.branchId}` : sql``}`;
}

function mentorFilter(field: string, values: readonly FilterValue[]): SQL {
  if (field === 'branchId') return sql`r.branch_id = any(${sql.param(values.map(String))}::uuid[])`;
  if (field === 'mentorKind') return anyText('kind', values);
  return unknownFilter(field);
}

function matchSource(input: SourceInput): SQL {
  return sql`select mm.id as unit, c.id as case_id, c.family_id, null::numeric as value, ${caseDim(input)} as dim,
      c.programme_id, c.branch_id, mm.role,
      (mm.ended_on is null or mm.ended_on > ${input.to}) as running_at_end
    from mentor_matches mm join cases c on c.id = mm.case_id
    ${caseDimJoin(input)}
    where mm.started_on is not null and mm.started_on <= ${input.to} and (mm.ended_on is null or mm.ended_on >= ${input.from})
      ${placeScope(input, 'c.programme_id', 'c.branch_id')}`;
}

function matchFilter(field: string, values: readonly FilterValue[]): SQL {
  const place = placeFilter(field, values);
  if (place) return place;
  if (field === 'matchRole') return anyText('role', values);
  if (field === 'matchStatus') return values.map(String).includes('active') ? sql`r.running_at_end` : sql`true`;
  return unknownFilter(field);
}

function logSource(input: SourceInput): SQL {
  return sql`select l.id as unit, c.id as case_id, (l.duration_minutes / 60.0)::numeric as value, ${caseDim(input)} as dim,
      c.programme_id, c.branch_id, l.kind, mm.role
    from mentoring_log l join mentor_matches mm on mm.id = l.match_id join cases c on c.id = l.case_id
    ${caseDimJoin(input)}
    where l.occurred_on >= ${input.from} and l.occurred_on <= ${input.to}
      ${placeScope(input, 'c.programme_id', 'c.branch_id')}`;
}

function logFilter(field: string, values: readonly FilterValue[]): SQL {
  const place = placeFilter(field, values);
  if (place) return place;
  if (field === 'logKind') return anyText('kind', values);
  if (field === 'matchRole') return anyText('role', values);
  return unknownFilter(field);
}

function transitionSource(input: SourceInput): SQL {
  return sql`select m.id as unit, m.former_case_id as case_id, null::numeric as value, ${mentorDim(input)} as dim,
      null::uuid as programme_id, m.branch_id, m.kind
    from mentors m
    where m.registered_on >= ${input.from} and m.registered_on <= ${input.to} and m.family_id is not null
      and exists (select 1 from mentor_matches x join cases xc on xc.id = x.case_id
        where xc.family_id = m.family_id and x.started_on is not null and x.started_on <= m.registered_on)
      ${input.branchId ? sql`and m.branch_id = ${input.branchId}` : sql``}`;
}

export const trainedMentors: SubjectModule = {
  sourceKey: 'trained_mentors',
  source: trainedSource,
  filter: mentorFilter,
  uniqueRows: false,
};

export const mentoringMatches: SubjectModule = {
  sourceKey: 'mentoring_matches',
  source: matchSource,
  filter: matchFilter,
  uniqueRows: true,
};

export const mentoredFamilies: SubjectModule = {
  sourceKey: 'mentored_families',
  source: (input) => sql`select r.*, r.family_id as family_unit from (${matchSource(input)}) r`,
  filter: matchFilter,
  uniqueRows: false,
  unitColumn: 'family_unit',
};

export const mentoringHours: SubjectModule = { sourceKey: 'mentoring_hours', source: logSource, filter: logFilter, uniqueRows: true };

export const mentoredToMentor: SubjectModule = {
  sourceKey: 'mentored_to_mentor',
  source: transitionSource,
  filter: mentorFilter,
  uniqueRows: true,
};
