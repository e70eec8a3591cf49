// Assessments: the people assessed in the period (the member an assessment is about, or the case
// for family-level ones), each counted once. `repeated`: the person had an earlier assessment of
// the same template (any version); `domainImprovedBy N`: in some domain (each domain is one
// scale) the score of an assessment in the period is at least N above the person's first one.
import { sql, type SQL } from 'drizzle-orm';
import {
  anyText,
  caseDim,
  caseDimJoin,
  placeFilter,
  placeScope,
  personDim,
  unknownFilter,
  type FilterValue,
  type SourceInput,
  type SubjectModule,
} from './types.js';

function source(input: SourceInput): SQL {
  const compare = input.fields.has('repeated') || input.fields.has('domainImprovedBy');
  const memberDim = personDim(input.by, 'am', input.to);
  return sql`
    select coalesce(a.member_id, a.case_id) as unit, a.case_id, null::numeric as value,
      ${memberDim ? sql`case when am.id is null then ${caseDim(input)} else ${memberDim} end` : caseDim(input)} as dim,
      c.programme_id, c.branch_id, tpl.code as template_code, a.scores
      ${compare ? sql`, coalesce(fm.id, fc.id) as first_id, coalesce(fm.scores, fc.scores) as first_scores` : sql``}
    from assessments a join cases c on c.id = a.case_id join assessment_templates tpl on tpl.id = a.template_id
    ${caseDimJoin(input)}
    ${memberDim ? sql`left join members am on am.id = a.member_id` : sql``}
    ${
      compare
        ? // The person's first assessment of the same template (any version): by member for assessments
          // of a person, by case for those of the family. Two lookups, so each can use its index.
          sql`left join lateral (select f.id, f.scores from assessments f join assessment_templates ft on ft.id = f.template_id
              where f.member_id = a.member_id and ft.code = tpl.code and f.id <> a.id
                and (f.conducted_on < a.conducted_on or (f.conducted_on = a.conducted_on and f.created_at < a.created_at))
              order by f.conducted_on, f.created_at limit 1) fm on a.member_id is not null
            left join lateral (select f.id, f.scores from assessments f join assessment_templates ft on ft.id = f.template_id
              where f.case_id = a.case_id and f.member_id is null and ft.code = tpl.code and f.id <> a.id
                and (f.conducted_on < a.conducted_on or (f.conducted_on = a.conducted_on and f.created_at < a.created_at))
              order by f.conducted_on, f.created_at limit 1) fc on a.member_id is null`
        : sql``
    }
    where a.conducted_on >= ${input.from} and a.conducted_on <= ${input.to}
      ${placeScope(input, 'c.programme_id', 'c.branch_id')}`;
}

function filter(field: string, values: readonly FilterValue[]): SQL {
  const place = placeFilter(field, values);
  if (place) return place;
  switch (field) {
    case 'templateCode':
      return anyText('template_code', values);
    case 'repeated':
      return sql`r.first_id is not null`;
    case 'domainImprovedBy':
      return sql`exists (select 1 from jsonb_array_elements(r.scores) x join jsonb_array_elements(r.first_scores) y on x->>'domain' = y->>'domain'
        where (x->>'score')::numeric - (y->>'score')::numeric >= ${Number(values[0])})`;
    default:
      return unknownFilter(field);
  }
}

export const assessments: SubjectModule = { sourceKey: 'assessments', source, filter, uniqueRows: false };
