-- Undo of imported cases (issue 16, point 3): an import of cases can be undone, like one of families,
-- while nothing has been built on its cases. The application checks that (src/server/imports/
-- casework.ts: no row of any other table points at the cases, no entry in their history since the
-- import) and then calls hearth_undo_imported_cases, the only way a case's history is ever deleted:
-- case_events stays append-only for the app role (no DELETE grant) and for everyone else (the trigger
-- below refuses a DELETE unless this function set its flag for its own statement).

create function hearth_case_events_guard() returns trigger language plpgsql as $$
begin
  if tg_op = 'UPDATE' and current_setting('hearth.destruction', true) = 'on' then
    return new;
  end if;
  if tg_op = 'DELETE' and current_setting('hearth.import_undo', true) = 'on' then
    return old;
  end if;
  raise exception '% is append-only', tg_table_name using errcode = 'insufficient_privilege';
end $$;
drop trigger case_events_append_only on case_events;
create trigger case_events_append_only before update or delete on case_events
  for each row execute function hearth_case_events_guard();

-- Deletes the cases an import job of the caller opened, with their team and the history the import
-- wrote — within the caller's organisation, for the user who ran the job, only while the job is done
-- or interrupted, and only when no entry was added to those cases' history since (an entry written in
-- the case's own creating transaction has the case's created_at as its time). Anything else pointing
-- at a case (a service, a plan, a stay…) makes the DELETE fail on its foreign key.
create function hearth_undo_imported_cases(job uuid) returns integer
language plpgsql security definer set search_path = public as $$
declare
  org uuid := hearth_org();
  ids uuid[];
begin
  if org is null then raise exception 'no organisation' using errcode = 'insufficient_privilege'; end if;
  select array_agg((r.created ->> 'caseId')::uuid) into ids
  from import_rows r join import_jobs j on j.org_id = r.org_id and j.id = r.job_id
  where r.org_id = org and r.job_id = job and j.kind = 'cases' and j.status in ('done', 'interrupted')
    and j.created_by = nullif(current_setting('hearth.user_id', true), '')::uuid and r.created ? 'caseId';
  if ids is null then return 0; end if;
  if exists (select 1 from case_events e join cases c on c.org_id = e.org_id and c.id = e.case_id
             where e.org_id = org and e.case_id = any(ids) and e.at <> c.created_at) then
    raise exception 'imported cases have entries since the import' using errcode = 'check_violation';
  end if;
  perform set_config('hearth.import_undo', 'on', true);
  delete from case_events where org_id = org and case_id = any(ids);
  perform set_config('hearth.import_undo', 'off', true);
  delete from case_team where org_id = org and case_id = any(ids);
  delete from cases where org_id = org and id = any(ids);
  return cardinality(ids);
end $$;
revoke all on function hearth_undo_imported_cases(uuid) from public;
grant execute on function hearth_undo_imported_cases(uuid) to hearth_app;
