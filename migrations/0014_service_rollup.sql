-- Services counted by month (issue 7: the M&E officer's dashboard of 12 months, and the monthly
-- figures of any report, on 2,000,000 services).
--
-- Counting a year of services row by row means reading over a million rows, which no index makes
-- cheap (≈1 s). The counts and minutes of services per month, programme, branch, type and
-- initiative are kept here instead, so whole months of the common indicators (how many services of
-- which types, how many hours) are a few hundred rows. The indicator engine reads whole months from
-- here and the partial months at a period's edges from the services themselves
-- (src/server/indicators/rollup.ts). Beside them, counts per day, branch and type (service_days)
-- draw the coordinator's services day by day: two months of a big branch's services read row by
-- row took ≈80–110 ms of the dashboard's 300 ms, their daily counts are a few hundred rows.
--
-- Kept exact by the database itself: statement-level triggers with transition tables add every
-- service written, move it when it is changed or withdrawn (withdrawn services never count), remove
-- it when deleted, and move a case's services when the case changes programme or branch (the
-- engine counts a service where its case is now, as it does from the rows). The functions run as
-- the owner, like the rest of the bookkeeping; rows carry the organisation and the tenant policy.
create table service_rollup (
  org_id uuid not null references organizations(id),
  month date not null,
  programme_id uuid not null,
  branch_id uuid not null,
  type_id uuid not null,
  initiated_by text not null,
  services integer not null,
  minutes bigint not null,
  primary key (org_id, month, programme_id, branch_id, type_id, initiated_by)
);
comment on table service_rollup is 'Counts and minutes of services (not withdrawn) per month and case place; kept by triggers on services and cases.';

create table service_days (
  org_id uuid not null references organizations(id),
  branch_id uuid not null,
  date date not null,
  type_id uuid not null,
  services integer not null,
  primary key (org_id, branch_id, date, type_id)
);
comment on table service_days is 'Counts of services (not withdrawn) per day, case branch and type; kept by triggers on services and cases.';

-- The statements below have one shape: the services of a set of rows, grouped by month (or day)
-- and their case's place, added to (or, negated, taken from) the counts. Transition tables are
-- visible only inside the trigger function itself, hence the statements are written out in it.
create function hearth_services_rollup() returns trigger
language plpgsql security definer set search_path = public, pg_temp as $$
begin
  if tg_op in ('UPDATE', 'DELETE') then
    insert into service_rollup as r (org_id, month, programme_id, branch_id, type_id, initiated_by, services, minutes)
    select o.org_id, date_trunc('month', o.date)::date, c.programme_id, c.branch_id, o.type_id, o.initiated_by,
      -count(*), -sum(o.duration_minutes)
    from old_rows o join cases c on c.id = o.case_id where not o.withdrawn
    group by 1, 2, 3, 4, 5, 6
    on conflict (org_id, month, programme_id, branch_id, type_id, initiated_by)
    do update set services = r.services + excluded.services, minutes = r.minutes + excluded.minutes;
    insert into service_days as d (org_id, branch_id, date, type_id, services)
    select o.org_id, c.branch_id, o.date, o.type_id, -count(*)
    from old_rows o join cases c on c.id = o.case_id where not o.withdrawn
    group by 1, 2, 3, 4
    on conflict (org_id, branch_id, date, type_id) do update set services = d.services + excluded.services;
  end if;
  if tg_op in ('INSERT', 'UPDATE') then
    insert into service_rollup as r (org_id, month, programme_id, branch_id, type_id, initiated_by, services, minutes)
    select n.org_id, date_trunc('month', n.date)::date, c.programme_id, c.branch_id, n.type_id, n.initiated_by,
      count(*), sum(n.duration_minutes)
    from new_rows n join cases c on c.id = n.case_id where not n.withdrawn
    group by 1, 2, 3, 4, 5, 6
    on conflict (org_id, month, programme_id, branch_id, type_id, initiated_by)
    do update set services = r.services + excluded.services, minutes = r.minutes + excluded.minutes;
    insert into service_days as d (org_id, branch_id, date, type_id, services)
    select n.org_id, c.branch_id, n.date, n.type_id, count(*)
    from new_rows n join cases c on c.id = n.case_id where not n.withdrawn
    group by 1, 2, 3, 4
    on conflict (org_id, branch_id, date, type_id) do update set services = d.services + excluded.services;
  end if;
  return null;
end $$;

-- PostgreSQL allows transition tables on single-event triggers only: one trigger per event.
create trigger services_rollup_insert after insert on services
  referencing new table as new_rows for each statement execute function hearth_services_rollup();
create trigger services_rollup_update after update on services
  referencing old table as old_rows new table as new_rows for each statement execute function hearth_services_rollup();
create trigger services_rollup_delete after delete on services
  referencing old table as old_rows for each statement execute function hearth_services_rollup();

-- A case moved to another programme or branch takes its services with it.
create function hearth_cases_rollup() returns trigger
language plpgsql security definer set search_path = public, pg_temp as $$
begin
  insert into service_rollup as r (org_id, month, programme_id, branch_id, type_id, initiated_by, services, minutes)
  select moved.org_id, moved.month, moved.programme_id, moved.branch_id, moved.type_id, moved.initiated_by,
    sum(moved.services), sum(moved.minutes)
  from (
    select s.org_id, date_trunc('month', s.date)::date as month, side.programme_id, side.branch_id, s.type_id,
      s.initiated_by, side.sign * 1 as services, side.sign * s.duration_minutes as minutes
    from old_rows o join new_rows n on n.id = o.id join services s on s.case_id = o.id
    cross join lateral (values (-1, o.programme_id, o.branch_id), (1, n.programme_id, n.branch_id)) as side(sign, programme_id, branch_id)
    where (o.programme_id, o.branch_id) is distinct from (n.programme_id, n.branch_id) and not s.withdrawn
  ) moved
  group by 1, 2, 3, 4, 5, 6
  on conflict (org_id, month, programme_id, branch_id, type_id, initiated_by)
  do update set services = r.services + excluded.services, minutes = r.minutes + excluded.minutes;
  insert into service_days as d (org_id, branch_id, date, type_id, services)
  select s.org_id, side.branch_id, s.date, s.type_id, sum(side.sign)
  from old_rows o join new_rows n on n.id = o.id join services s on s.case_id = o.id
  cross join lateral (values (-1, o.branch_id), (1, n.branch_id)) as side(sign, branch_id)
  where o.branch_id is distinct from n.branch_id and not s.withdrawn
  group by 1, 2, 3, 4
  on conflict (org_id, branch_id, date, type_id) do update set services = d.services + excluded.services;
  return null;
end $$;
create trigger cases_rollup_update after update on cases
  referencing old table as old_rows new table as new_rows for each statement execute function hearth_cases_rollup();

-- The services written before this migration.
insert into service_rollup (org_id, month, programme_id, branch_id, type_id, initiated_by, services, minutes)
select s.org_id, date_trunc('month', s.date)::date, c.programme_id, c.branch_id, s.type_id, s.initiated_by,
  count(*), sum(s.duration_minutes)
from services s join cases c on c.id = s.case_id where not s.withdrawn
group by 1, 2, 3, 4, 5, 6;

-- The services written before this migration, per day and branch.
insert into service_days (org_id, branch_id, date, type_id, services)
select s.org_id, c.branch_id, s.date, s.type_id, count(*)
from services s join cases c on c.id = s.case_id where not s.withdrawn
group by 1, 2, 3, 4;

select hearth_tenant_table('service_rollup');
select hearth_tenant_table('service_days');
select hearth_grant_app();
