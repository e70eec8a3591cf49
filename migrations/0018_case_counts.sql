-- Cases counted per branch, programme and status (issue 3: the caseload's counts per status, shown
-- on every page of the list, fast at thousands of cases).
--
-- A coordinator's list shows how many of her cases are in intake, active, post-support and closed.
-- Counting them from the rows reads every case of her branches on every page turn (26,000 in the
-- benchmark's biggest branch: ≈3–4 ms of the database's time, most of the request). The counts are
-- kept here instead, exact by construction like the service totals (0014): statement-level
-- triggers add every case opened, move it when its branch, programme or status changes, and remove
-- it when deleted. src/server/cases/queries.ts reads them for the part of a list that is whole
-- branches the caller is responsible for, and counts the rest (their own cases elsewhere) from rows.
create table case_counts (
  org_id uuid not null references organizations(id),
  branch_id uuid not null,
  programme_id uuid not null,
  status text not null,
  cases integer not null,
  primary key (org_id, branch_id, programme_id, status)
);
comment on table case_counts is 'Number of cases per branch, programme and status; kept by triggers on cases.';

-- Transition tables are visible only to the statements of their own event, hence one branch each.
create function hearth_case_counts() returns trigger
language plpgsql security definer set search_path = public, pg_temp as $$
begin
  if tg_op = 'INSERT' then
    insert into case_counts as k (org_id, branch_id, programme_id, status, cases)
    select n.org_id, n.branch_id, n.programme_id, n.status, count(*) from new_rows n group by 1, 2, 3, 4
    on conflict (org_id, branch_id, programme_id, status) do update set cases = k.cases + excluded.cases;
  elsif tg_op = 'DELETE' then
    insert into case_counts as k (org_id, branch_id, programme_id, status, cases)
    select o.org_id, o.branch_id, o.programme_id, o.status, -count(*) from old_rows o group by 1, 2, 3, 4
    on conflict (org_id, branch_id, programme_id, status) do update set cases = k.cases + excluded.cases;
  else
    -- Only the cases whose place or status changed move: out of the old count, into the new one.
    insert into case_counts as k (org_id, branch_id, programme_id, status, cases)
    select side.org_id, side.branch_id, side.programme_id, side.status, sum(side.delta)
    from old_rows o join new_rows n on n.id = o.id
    cross join lateral (values (o.org_id, o.branch_id, o.programme_id, o.status, -1), (n.org_id, n.branch_id, n.programme_id, n.status, 1))
      as side(org_id, branch_id, programme_id, status, delta)
    where (o.branch_id, o.programme_id, o.status) is distinct from (n.branch_id, n.programme_id, n.status)
    group by 1, 2, 3, 4
    on conflict (org_id, branch_id, programme_id, status) do update set cases = k.cases + excluded.cases;
  end if;
  return null;
end $$;

create trigger cases_counts_insert after insert on cases
  referencing new table as new_rows for each statement execute function hearth_case_counts();
create trigger cases_counts_update after update on cases
  referencing old table as old_rows new table as new_rows for each statement execute function hearth_case_counts();
create trigger cases_counts_delete after delete on cases
  referencing old table as old_rows for each statement execute function hearth_case_counts();

-- The cases opened before this migration.
insert into case_counts (org_id, branch_id, programme_id, status, cases)
select org_id, branch_id, programme_id, status, count(*) from cases group by 1, 2, 3, 4;

select hearth_tenant_table('case_counts');
select hearth_grant_app();
