// Stays and bed-nights. A stay counts when it was under way on any day of the period (check-in by
// the period's end, check-out on or after its start), so stays crossing the period's boundaries
// count; `checked_in` / `checked_out` narrow to arrivals or departures in the period, `returned` to
// arrivals of families that had left the centre before (returns to the centre). A stay's
// value is its length in days (check-out − check-in; a stay still under way runs to the period's
// end or today, whichever is earlier). Each stay record counts on its own: a move between
// facilities (previous_stay_id) is two stays. Bed-nights are the nights people spent in a place:
// placements over [from_on, to_on), the night of the move-out date not spent, clipped to the
// nights that begin within the period (and not after today).
import { sql, type SQL } from 'drizzle-orm';
import {
  anyText,
  caseDim,
  caseDimJoin,
  isPersonDim,
  personDim,
  placeFilter,
  placeScope,
  unknownFilter,
  type FilterValue,
  type SourceInput,
  type SubjectModule,
} from './types.js';

function staysSource(input: SourceInput): SQL {
  return sql`
    select s.id as unit, s.case_id, (coalesce(s.check_out_on, least(${input.to}::date, current_date)) - s.check_in_on)::numeric as value,
      ${caseDim(input, 's.branch_id')} as dim, c.programme_id, s.branch_id, s.facility_id, s.leave_reason,
      s.check_in_on, s.check_out_on, ${input.from}::date as period_from, ${input.to}::date as period_to
      ${
        input.fields.has('event')
          ? // A return: the family had left an earlier stay by this check-in. A move between facilities
            // (previous_stay_id) continues a stay, and a resident joining an open stay is a placement,
            // not a stay: neither is a return.
            sql`, s.previous_stay_id is null and exists (select 1 from stays e where e.family_id = s.family_id and e.id <> s.id
                and e.check_out_on is not null and e.check_out_on <= s.check_in_on) as returned`
          : sql`, false as returned`
      }
    from stays s join cases c on c.id = s.case_id
    ${caseDimJoin(input)}
    where s.check_in_on <= ${input.to} and (s.check_out_on is null or s.check_out_on >= ${input.from})
      ${placeScope(input, 'c.programme_id', 's.branch_id')}`;
}

const STAY_EVENT: Record<string, string> = {
  present: 'true',
  checked_in: 'r.check_in_on between r.period_from and r.period_to',
  checked_out: 'r.check_out_on between r.period_from and r.period_to',
  returned: '(r.returned and r.check_in_on between r.period_from and r.period_to)',
};

function staysFilter(field: string, values: readonly FilterValue[]): SQL {
  const place = placeFilter(field, values);
  if (place) return place;
  switch (field) {
    case 'facilityId':
      return sql`r.facility_id = any(${sql.param(values.map(String))}::uuid[])`;
    case 'event':
      return sql.raw(`(${values.map((v) => STAY_EVENT[String(v)] ?? 'false').join(' or ')})`);
    case 'leaveReason':
      return anyText('leave_reason', values);
    case 'person':
      return anyText('person', values);
    default:
      return unknownFilter(field);
  }
}

function bedNightsSource(input: SourceInput): SQL {
  const end = sql`least(${input.to}::date + 1, current_date + 1)`;
  const dim =
    input.by === 'branch'
      ? sql`s.branch_id::text`
      : input.by === 'programme'
        ? sql`c.programme_id::text`
        : (personDim(input.by, 'm', input.to) ?? sql`null::text`);
  return sql`
    select pl.id as unit, s.case_id, greatest(0, least(coalesce(pl.to_on, ${end}), ${end}) - greatest(pl.from_on, ${input.from}::date))::numeric as value,
      ${dim} as dim, c.programme_id, s.branch_id, pl.facility_id, pl.person
    from placements pl join stays s on s.id = pl.stay_id join cases c on c.id = s.case_id
    ${isPersonDim(input.by) ? sql`join members m on m.id = pl.member_id` : sql``}
    where pl.from_on <= ${input.to} and (pl.to_on is null or pl.to_on > ${input.from})
      ${placeScope(input, 'c.programme_id', 's.branch_id')}`;
}

export const stays: SubjectModule = { sourceKey: 'stays', source: staysSource, filter: staysFilter, uniqueRows: true };
export const bedNights: SubjectModule = { sourceKey: 'bed_nights', source: bedNightsSource, filter: staysFilter, uniqueRows: true };
