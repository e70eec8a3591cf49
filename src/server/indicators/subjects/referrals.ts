// Referrals received in the period (by the day they were received), one row each, with where they
// came from and what became of them (their status today: admitted, signposted elsewhere,
// declined…). The case is the one opened from the referral, if any; the place is the referral's
// branch and the programme it was meant for (a referral for no programme has none). A referral
// received from a partner organisation carries the partner's kind (referralPartnerKind), and one
// signposted elsewhere whether the help was taken up (signpostTakenUp: unknown until followed up).
import { sql, type SQL } from 'drizzle-orm';
import { anyText, placeFilter, placeScope, unknownFilter, type FilterValue, type SourceInput, type SubjectModule } from './types.js';

function source(input: SourceInput): SQL {
  const dim = input.by === 'branch' ? sql`rf.branch_id::text` : input.by === 'programme' ? sql`rf.programme_id::text` : sql`null::text`;
  return sql`
    select rf.id as unit, rc.id as case_id, null::numeric as value, ${dim} as dim,
      rf.programme_id, rf.branch_id, rf.source, rf.status, rf.urgency, coalesce(rf.signpost_taken_up, 'unknown') as signpost_taken_up
      ${input.fields.has('referralPartnerKind') ? sql`, pa.kind as partner_kind` : sql``}
    from referrals rf
      ${input.fields.has('referralPartnerKind') ? sql`left join partners pa on pa.org_id = rf.org_id and pa.id = rf.partner_id` : sql``}
      left join lateral (select c.id from cases c where c.referral_id = rf.id order by c.opened_on limit 1) rc on true
    where rf.received_at >= ${input.from}::date and rf.received_at < ${input.to}::date + 1
      ${placeScope(input, 'rf.programme_id', 'rf.branch_id')}`;
}

function filter(field: string, values: readonly FilterValue[]): SQL {
  const place = placeFilter(field, values);
  if (place) return place;
  switch (field) {
    case 'referralSource':
      return anyText('source', values);
    case 'referralStatus':
      return anyText('status', values);
    case 'urgency':
      return anyText('urgency', values);
    case 'referralPartnerKind':
      return anyText('partner_kind', values);
    case 'signpostTakenUp':
      return anyText('signpost_taken_up', values);
    default:
      return unknownFilter(field);
  }
}

export const referrals: SubjectModule = { sourceKey: 'referrals', source, filter, uniqueRows: true };
