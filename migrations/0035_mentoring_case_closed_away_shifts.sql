-- Issue 14, leftovers.
-- 1. A mentoring match ends when its case closes, with the reason "case closed" (the case transition
--    does it from now on, in its transaction). Matches still running on cases closed before this
--    migration end the same way: on the closing day, or on the day the match began or last met if
--    that came later (a match never ends before it happened), each told on the case's timeline.
-- 2. The old indicator `away_shifts` (group sessions of the kind "away shift") is retired in favour
--    of `away_shifts_with_summary` (the away shifts of 0030 held with diagnostics, analysis and
--    summary): plan targets and narratives that named the old one name the new one, so plan vs
--    actual shows one row for away shifts. A target the new indicator already has for the same
--    programme, period and branch stands; the old one beside it is removed (it would show the
--    retired row again). A narrative already written for the new one is kept; the old one stays with
--    the retired indicator.

alter table mentor_matches drop constraint mentor_matches_end_reason_check;
alter table mentor_matches add constraint mentor_matches_end_reason_check
  check (end_reason in ('goals_reached', 'did_not_fit', 'family_withdrew', 'mentor_withdrew', 'case_closed'));

with closing as (
  select mm.org_id, mm.id, mm.case_id, mm.role, mt.display_name,
    greatest(c.closed_on, coalesce(mm.started_on, mm.proposed_on),
      coalesce((select max(l.occurred_on) from mentoring_log l where l.org_id = mm.org_id and l.match_id = mm.id), c.closed_on)) as ended_on
  from mentor_matches mm
  join cases c on c.org_id = mm.org_id and c.id = mm.case_id
  join mentors mt on mt.org_id = mm.org_id and mt.id = mm.mentor_id
  where mm.status <> 'ended' and c.status = 'closed' and c.closed_on is not null
), ended as (
  update mentor_matches mm set status = 'ended', ended_on = closing.ended_on, end_reason = 'case_closed', version = mm.version + 1
  from closing where mm.org_id = closing.org_id and mm.id = closing.id
  returning mm.id
)
insert into case_events (org_id, case_id, kind, data, occurred_on)
select closing.org_id, closing.case_id, 'mentoring_ended',
  jsonb_build_object('matchId', closing.id, 'role', closing.role, 'mentorName', closing.display_name, 'reason', 'case_closed'),
  closing.ended_on
from closing join ended on ended.id = closing.id;

with pairs as (
  select o.org_id, o.id as old_id, n.id as new_id
  from indicators o join indicators n on n.org_id = o.org_id and n.code = 'away_shifts_with_summary'
  where o.code = 'away_shifts' and o.shipped
)
delete from indicator_targets t using pairs p
where t.org_id = p.org_id and t.indicator_id = p.old_id
  and exists (select 1 from indicator_targets x where x.org_id = t.org_id and x.indicator_id = p.new_id
    and x.programme_id = t.programme_id and x.period_start = t.period_start and x.period_end = t.period_end
    and x.branch_id is not distinct from t.branch_id);

with pairs as (
  select o.org_id, o.id as old_id, n.id as new_id
  from indicators o join indicators n on n.org_id = o.org_id and n.code = 'away_shifts_with_summary'
  where o.code = 'away_shifts' and o.shipped
)
update indicator_targets t set indicator_id = p.new_id, version = t.version + 1, updated_at = now()
from pairs p where t.org_id = p.org_id and t.indicator_id = p.old_id;

with pairs as (
  select o.org_id, o.id as old_id, n.id as new_id
  from indicators o join indicators n on n.org_id = o.org_id and n.code = 'away_shifts_with_summary'
  where o.code = 'away_shifts' and o.shipped
)
update report_narratives r set indicator_id = p.new_id, version = r.version + 1, updated_at = now()
from pairs p where r.org_id = p.org_id and r.indicator_id = p.old_id
  and not exists (select 1 from report_narratives x where x.org_id = r.org_id and x.indicator_id = p.new_id
    and x.programme_id = r.programme_id and x.period_start = r.period_start and x.period_end = r.period_end);

update indicators set retired = true, updated_at = now() where code = 'away_shifts' and shipped and not retired;
