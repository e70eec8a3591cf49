// Assessments: the people assessed in the period (the member an assessment is about, or the case
// for family-level ones), each counted once. `repeated`: the person had an earlier assessment of
// the same template (any version); `domainImprovedBy N`: in some domain (each domain is one
// scale) the score of an assessment in the period is at least N above the person's first one.
// Scale filters read one row per scale of an assessment: `scale` names it (a domain code), and
// `scoreAtLeast` / `scoreAtMost` / `level` / `scaleImprovedBy` then look at that scale's score,
// level and rise since the person's first assessment of the template — on any scale without
// `scale`. `latest`: the person's latest assessment of the template by the period's end, so
// "ready to live independently: score ≥ 4" is judged on where she is now, not on where she was.
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

const SCALE_FIELDS = ['scale', 'scoreAtLeast', 'scoreAtMost', 'level', 'scaleImprovedBy'];

function source(input: SourceInput): SQL {
  const f = input.fields;
  const compare = f.has('repeated') || f.has('domainImprovedBy') || f.has('scaleImprovedBy');
  const scales = SCALE_FIELDS.some((field) => f.has(field));
  const memberDim = personDim(input.by, 'am', input.to);
  return sql`
    select coalesce(a.member_id, a.case_id) as unit, a.case_id, null::numeric as value,
      ${memberDim ? sql`case when am.id is null then ${caseDim(input)} else ${memberDim} end` : caseDim(input)} as dim,
      c.programme_id, c.branch_id, tpl.code as template_code, a.scores
      ${compare ? sql`, coalesce(fm.id, fc.id) as first_id, coalesce(fm.scores, fc.scores) as first_scores` : sql``}
      ${scales ? sql`, sc.x->>'domain' as scale, (sc.x->>'score')::numeric as score, sc.x->>'level' as level` : sql``}
      ${
        f.has('latest')
          ? // No later assessment of the same template about the same person (or family) by the period's end.
            sql`, not exists (select 1 from assessments l join assessment_templates lt on lt.id = l.template_id
                where l.member_id is not distinct from a.member_id and l.case_id = a.case_id and lt.code = tpl.code and l.id <> a.id
                  and l.conducted_on <= ${input.to}
                  and (l.conducted_on > a.conducted_on or (l.conducted_on = a.conducted_on and l.created_at > a.created_at))) as latest`
          : sql``
      }
    from assessments a join cases c on c.id = a.case_id join assessment_templates tpl on tpl.id = a.template_id
    ${caseDimJoin(input)}
    ${scales ? sql`left join lateral jsonb_array_elements(a.scores) sc(x) on true` : sql``}
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
    case 'scale':
      return anyText('scale', values);
    case 'latest':
      return sql`r.latest`;
    case 'scoreAtLeast':
      return sql`r.score >= ${Number(values[0])}`;
    case 'scoreAtMost':
      return sql`r.score <= ${Number(values[0])}`;
    case 'level':
      return anyText('level', values);
    case 'scaleImprovedBy':
      return sql`r.score - (select (y->>'score')::numeric from jsonb_array_elements(r.first_scores) y where y->>'domain' = r.scale limit 1)
        >= ${Number(values[0])}`;
    default:
      return unknownFilter(field);
  }
}

export const assessments: SubjectModule = { sourceKey: 'assessments', source, filter, uniqueRows: false };
