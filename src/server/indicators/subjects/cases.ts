// Families and cases. The base set is every case whose [opened_on, closed_on] overlaps the period
// ("under support in the period"); events narrow it: `opened` = admitted in the period (new
// families taken in), `closed` = closed in the period, `post_support_started` = moved to
// post-support in the period (cases.post_support_since). A family is counted once however many
// cases it has in the set (reopened cases, or two programmes when no programme is chosen); with a
// programme chosen, only that programme's cases count. `caseStatus` is the case's status today.
// `referralSource` is the source of the referral the case was opened from (none: not counted).
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

const EVENT: Record<string, string> = {
  under_support: 'true',
  opened: 'r.opened_on between r.period_from and r.period_to',
  closed: 'r.closed_on between r.period_from and r.period_to',
  post_support_started: 'r.post_support_since between r.period_from and r.period_to',
};

// A document in one of these states was missing when the family came: the member record keeps each
// document's current status only (no history), so "had none on admission" is read from the states
// that can only follow a missing document (lost, being restored, restored) or say so (never had).
const MISSING = `('lost', 'being_restored', 'restored', 'never_had')`;

// One source for both subjects: the unit is the family (counted distinct for families); cases are
// one row each (counted as rows).
function source(input: SourceInput): SQL {
  const f = input.fields;
  const services = f.has('serviceCategory') || f.has('serviceType');
  return sql`select c.family_id as unit, c.id as case_id, null::numeric as value,
        ${caseDim(input)} as dim, c.programme_id, c.branch_id, c.status, c.closing_outcome, c.risk_flags,
        c.opened_on, c.closed_on, c.post_support_since, ${input.from}::date as period_from, ${input.to}::date as period_to
        ${services ? sql`, svc.type_ids` : sql``}
        ${f.has('documents') ? sql`, doc.missing, doc.restored` : sql``}
        ${f.has('socialContacts') ? sql`, sc.reconnected` : sql``}
        ${f.has('firstPlan') ? sql`, fpp.id is not null as drawn_up, coalesce(fpp.made_on <= c.opened_on + fpr.first_plan_days, false) as on_time` : sql``}
        ${f.has('referralSource') ? sql`, rf.source as referral_source` : sql``}
        ${f.has('referralPartnerKind') ? sql`, rpa.kind as referral_partner_kind` : sql``}
      from cases c
      ${f.has('referralSource') || f.has('referralPartnerKind') ? sql`left join referrals rf on rf.id = c.referral_id` : sql``}
      ${f.has('referralPartnerKind') ? sql`left join partners rpa on rpa.org_id = rf.org_id and rpa.id = rf.partner_id` : sql``}
      ${caseDimJoin(input)}
      ${
        services
          ? // The types of service each case received in the period (withdrawn ones never count), read
            // in one pass over the period's services rather than one lookup per case — of the chosen
            // programme's (and branch's) cases only: a year of the whole organisation's services is
            // over a million rows, a programme's a fraction of them.
            sql`left join (select s.case_id, array_agg(distinct s.type_id) as type_ids from services s
              where s.date >= ${input.from} and s.date <= ${input.to} and not s.withdrawn
                ${
                  input.programmeId || input.branchId
                    ? sql`and s.case_id in (select pc.id from cases pc where true ${placeScope(input, 'pc.programme_id', 'pc.branch_id')})`
                    : sql``
                }
              group by s.case_id) svc on svc.case_id = c.id`
          : sql``
      }
      ${
        f.has('documents')
          ? sql`left join lateral (select coalesce(bool_or(d->>'status' in ${sql.raw(MISSING)}), false) as missing,
              coalesce(bool_or(d->>'status' = 'restored') and not bool_or(d->>'status' in ('lost', 'being_restored', 'never_had')), false) as restored
              from members m cross join lateral jsonb_array_elements(m.documents) d where m.family_id = c.family_id) doc on true`
          : sql``
      }
      ${
        f.has('socialContacts')
          ? // Reconnected: a supportive, reachable relative or friend recorded after admission and by the
            // end of the period (contacts known at intake are recorded on the day the case opens).
            sql`left join lateral (select exists (select 1 from social_contacts x where x.family_id = c.family_id
              and x.kind in ('relative', 'friend') and x.nature = 'supportive' and x.reachable
              and x.created_at::date > c.opened_on and x.created_at::date <= ${input.to}) as reconnected) sc on true`
          : sql``
      }
      ${
        f.has('firstPlan')
          ? // The first plan's deadline is the programme's setting (programmes.first_plan_days, 14 by
            // default) counted from admission, judged on the day the plan was made with the mother (made_on,
            // which may be weeks before it was typed in). Plain joins
            // (a case has at most one plan), so the planner can read plans in one pass.
            sql`left join plans fpp on fpp.case_id = c.id left join programmes fpr on fpr.id = c.programme_id`
          : sql``
      }
      where c.opened_on <= ${input.to} and (c.closed_on is null or c.closed_on >= ${input.from})
        ${placeScope(input, 'c.programme_id', 'c.branch_id')}`;
}

function filter(field: string, values: readonly FilterValue[]): SQL {
  const place = placeFilter(field, values);
  if (place) return place;
  switch (field) {
    case 'event':
      return sql.raw(`(${values.map((v) => EVENT[String(v)] ?? 'false').join(' or ')})`);
    case 'caseStatus':
      return anyText('status', values);
    case 'closingOutcome':
      return anyText('closing_outcome', values);
    // Categories and codes are turned into type ids once per statement (an uncorrelated subquery).
    case 'serviceCategory':
      return sql`r.type_ids && (select array_agg(t.id) from service_types t where t.category = any(${strings(values)}::text[]))`;
    case 'serviceType':
      return sql`r.type_ids && (select array_agg(t.id) from service_types t where t.code = any(${strings(values)}::text[]))`;
    case 'riskFlag':
      return sql`r.risk_flags && ${strings(values)}::text[]`;
    case 'documents':
      return sql.raw(`(${values.map((v) => (v === 'missing_on_admission' ? 'r.missing' : 'r.restored')).join(' or ')})`);
    case 'socialContacts':
      return sql`r.reconnected`;
    case 'firstPlan':
      return sql.raw(`(${values.map((v) => (v === 'on_time' ? 'r.on_time' : 'r.drawn_up')).join(' or ')})`);
    case 'referralSource':
      return anyText('referral_source', values);
    case 'referralPartnerKind':
      return anyText('referral_partner_kind', values);
    default:
      return unknownFilter(field);
  }
}

export const families: SubjectModule = { sourceKey: 'cases', source, filter, uniqueRows: false };
export const cases: SubjectModule = { sourceKey: 'cases', source, filter, uniqueRows: true };
