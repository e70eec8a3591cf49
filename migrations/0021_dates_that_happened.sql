-- Records entered after the fact keep the date they happened (issue 12, points 3, 4 and 8).
--
-- case_events.occurred_on is the day the event happened; `at` stays the moment it was entered and
-- actor_id the person who entered it. The timeline is ordered by occurred_on, then by `at`. A
-- writer that gives no date (older code, seeds) gets the day of `at`, so nothing is left without one.
alter table case_events add column occurred_on date;

-- The day an event happened, from its own data when it carries one (status changes, services,
-- assessments, stays, reviews, follow-ups and intakes all name their day), else the day it was
-- entered. Used once for the events already kept and then for every insert that gives no date, so
-- a writer elsewhere (a seed, an area that has not passed the date yet) still places its event on
-- the right day.
create function hearth_event_day(data jsonb, at timestamptz) returns date language sql immutable as $$
  select coalesce(
    (select (data ->> k)::date from unnest(array['on', 'madeOn', 'completedOn', 'notedOn', 'conductedOn', 'contactedOn',
        'reviewedOn', 'metOn', 'openedOn', 'date']) with ordinality as keys(k, n)
      where data ->> k ~ '^\d{4}-\d{2}-\d{2}$' order by n limit 1),
    (at at time zone 'UTC')::date)
$$;

alter table case_events disable trigger case_events_append_only;
update case_events set occurred_on = hearth_event_day(data, at);
alter table case_events enable trigger case_events_append_only;
alter table case_events alter column occurred_on set not null;

create function hearth_event_occurred_on() returns trigger language plpgsql as $$
begin
  if new.occurred_on is null then
    new.occurred_on := hearth_event_day(new.data, new.at);
  end if;
  return new;
end $$;
create trigger case_events_occurred_on before insert on case_events
  for each row execute function hearth_event_occurred_on();

-- A page of the story: newest first by the day it happened, then by when it was entered.
drop index if exists case_events_case_idx;
create index case_events_story_idx on case_events (case_id, occurred_on desc, at desc, id desc);

-- The plan is made with the mother on a day; the first-plan deadline is judged on that day.
alter table plans add column made_on date;
update plans set made_on = (created_at at time zone 'UTC')::date;
alter table plans alter column made_on set not null;

-- A sensitive note says when what it records was learnt, not only when it was typed in.
alter table sensitive_notes add column noted_on date;
update sensitive_notes set noted_on = (recorded_at at time zone 'UTC')::date;
alter table sensitive_notes alter column noted_on set not null;
alter table sensitive_notes alter column noted_on set default ((now() at time zone 'UTC')::date);

-- Follow-ups at 3, 6 and 12 months count from the day the family left the programme's active
-- phase: its closing (graduation) or its move to post-support, as the programme says.
alter table programmes add column follow_up_from text not null default 'closing'
  check (follow_up_from in ('closing', 'post_support'));
