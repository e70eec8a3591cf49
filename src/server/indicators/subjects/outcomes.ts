// Outcomes: the families whose outcome was achieved in the period, one row per case and outcome.
// Achieved "by evidence" when an evidence rule of the case's framework (the programme's own, else
// the organisation's default) proves it with a date in the period — the same rules as the case's
// outcomes tab (src/domain/outcomes/evidence.ts), read for the whole period at once; the rules
// that give no date (all plan goals achieved, all documents in hand) say nothing about when and are
// left to marks. Achieved "by mark" when the team's latest mark of that outcome by the period's end
// says achieved, on a date in the period. `outcomeCode` is the outcome's code (an outcome added by
// the organisation without a code: its id).
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

/** (case_id, rule, on_date) of every evidence that falls in the period, one select a rule. */
function evidence(from: string, to: string): SQL {
  const within = (column: string) => sql`${sql.raw(column)} between ${from}::date and ${to}::date`;
  return sql`
    select p.case_id, 'plan_drawn_up' as rule, p.created_at::date as on_date from plans p where ${within('p.created_at::date')}
    union all
    select p.case_id, 'desired_future_formulated', p.created_at::date from plans p
      where ${within('p.created_at::date')} and btrim(p.desired_future) <> ''
    union all
    select c.id, 'social_contacts_mapped', x.first_on
      from (select sc.family_id, min(sc.created_at::date) as first_on from social_contacts sc group by sc.family_id) x
      join cases c on c.family_id = x.family_id where ${within('x.first_on')}
    union all
    -- A supportive, reachable relative or friend recorded after admission: the first such.
    select c.id, 'relatives_reconnected', min(sc.created_at::date)
      from cases c join social_contacts sc on sc.family_id = c.family_id and sc.kind in ('relative', 'friend')
        and sc.nature = 'supportive' and sc.reachable and sc.created_at::date > c.opened_on
      group by c.id having ${within('min(sc.created_at::date)')}
    union all
    select s.case_id, 'benefits_applied', s.date from services s join service_types t on t.id = s.type_id
      where t.code = 'benefits_application' and not s.withdrawn and ${within('s.date')}
        and not exists (select 1 from services e where e.case_id = s.case_id and e.type_id = s.type_id and not e.withdrawn and e.date < s.date)
    union all
    -- The latest parent–child interaction assessment by the period's end, a point or more above the
    -- case's first one on some scale.
    select la.case_id, 'parent_child_interaction_improved', la.conducted_on
      from assessments la join assessment_templates lt on lt.id = la.template_id and lt.code = 'parent_child_interaction'
      where ${within('la.conducted_on')}
        and not exists (select 1 from assessments l join assessment_templates t2 on t2.id = l.template_id and t2.code = lt.code
          where l.case_id = la.case_id and l.id <> la.id and l.conducted_on <= ${to}::date
            and (l.conducted_on > la.conducted_on or (l.conducted_on = la.conducted_on and l.created_at > la.created_at)))
        and exists (select 1 from (select fa.scores from assessments fa join assessment_templates t3 on t3.id = fa.template_id and t3.code = lt.code
              where fa.case_id = la.case_id order by fa.conducted_on, fa.created_at limit 1) fs
            cross join jsonb_array_elements(la.scores) x join jsonb_array_elements(fs.scores) y on y->>'domain' = x->>'domain'
            where (x->>'score')::numeric - (y->>'score')::numeric >= 1)
    union all
    select st.case_id, 'lives_independently', min(st.check_out_on) from stays st
      where st.leave_reason = 'graduated' and st.check_out_on is not null
      group by st.case_id having ${within('min(st.check_out_on)')}
    union all
    select c.id, 'lives_independently', c.closed_on from cases c
      where c.closing_outcome = 'independent_living' and ${within('c.closed_on')}
        and not exists (select 1 from stays st where st.case_id = c.id and st.leave_reason = 'graduated' and st.check_out_on is not null)
    union all
    -- The latest follow-up contact by the period's end has the last word; without one, the closing.
    select fu.case_id, 'child_with_family', fu.contacted_on from follow_ups fu join services s on s.id = fu.service_id
      where fu.child_with_family = 'yes' and not s.withdrawn and ${within('fu.contacted_on')}
        and not exists (select 1 from follow_ups l join services ls on ls.id = l.service_id where l.case_id = fu.case_id
          and not ls.withdrawn and l.id <> fu.id and l.contacted_on <= ${to}::date
          and (l.contacted_on > fu.contacted_on or (l.contacted_on = fu.contacted_on and l.created_at > fu.created_at)))
    union all
    select c.id, 'child_with_family', c.closed_on from cases c
      where c.closing_outcome = 'child_with_family' and ${within('c.closed_on')}
        and not exists (select 1 from follow_ups l join services ls on ls.id = l.service_id where l.case_id = c.id
          and not ls.withdrawn and l.contacted_on <= ${to}::date)`;
}

function source(input: SourceInput): SQL {
  const columns = sql`c.family_id as unit, c.id as case_id, null::numeric as value, ${caseDim(input)} as dim,
    c.programme_id, c.branch_id, coalesce(o.code, o.id::text) as outcome_code`;
  return sql`
    select ${columns}, 'evidence' as achieved_by
    from (${evidence(input.from, input.to)}) ev
      join cases c on c.id = ev.case_id
      left join outcome_frameworks pf on pf.programme_id = c.programme_id
      join outcomes o on o.evidence_rule = ev.rule and not o.retired
        and o.framework_id = coalesce(pf.id, (select df.id from outcome_frameworks df where df.programme_id is null))
      ${caseDimJoin(input)}
    where true ${placeScope(input, 'c.programme_id', 'c.branch_id')}
    union all
    select ${columns}, 'mark' as achieved_by
    from (select distinct on (m.case_id, m.outcome_id) m.case_id, m.outcome_id, m.status, m.on_date from outcome_marks m
        where m.on_date <= ${input.to} order by m.case_id, m.outcome_id, m.created_at desc) lm
      join cases c on c.id = lm.case_id join outcomes o on o.id = lm.outcome_id
      ${caseDimJoin(input)}
    where lm.status = 'achieved' and lm.on_date >= ${input.from} ${placeScope(input, 'c.programme_id', 'c.branch_id')}`;
}

function filter(field: string, values: readonly FilterValue[]): SQL {
  const place = placeFilter(field, values);
  if (place) return place;
  switch (field) {
    case 'outcomeCode':
      return anyText('outcome_code', values);
    case 'achievedBy':
      return anyText('achieved_by', values);
    default:
      return unknownFilter(field);
  }
}

export const outcomes: SubjectModule = { sourceKey: 'outcomes', source, filter, uniqueRows: false };
