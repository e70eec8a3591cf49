-- Casework at scale (issue 3 benchmark: 100,000 families / 300,000 people / 100,000 cases).
--
-- 1. Name and phone search. Requests run as hearth_app under row-level security, and PostgreSQL
--    evaluates a query's own conditions only after the tenant policy unless they are leakproof;
--    LIKE and the trigram operators are not, so the trigram indexes on members could never serve
--    a request: every search read all 300,000 members row by row (≈2.5 s). This function runs the
--    same condition as the owner of the tables, restricted to the caller's organisation exactly as
--    the policy does, so the planner may use the indexes (≈50 ms for a common surname). It returns
--    family ids only; callers still apply their own scope to the cases of those families.
create function hearth_member_families(name_pattern text, name text, phone_pattern text)
returns table (family_id uuid)
language sql stable security definer set search_path = public, pg_temp rows 100 as $$
  select m.family_id from members m
  where m.org_id = hearth_org()
    and (m.name_norm like name_pattern or name <% m.name_norm or m.phone_digits like phone_pattern)
$$;
revoke all on function hearth_member_families(text, text, text) from public;
grant execute on function hearth_member_families(text, text, text) to hearth_app;

-- 2. "Has this adult a personal-data consent?" is asked per member for every listed case.
create index consents_member_idx on consents (member_id, kind);

-- 3. The caseload of a branch by status, newest first (the coordinator's usual view), without
--    reading and sorting the whole branch; with the scope's columns included, the counts per status
--    are an index-only scan. It supersedes the (org_id, branch_id, status) index.
create index cases_org_branch_status_updated_idx on cases (org_id, branch_id, status, updated_at desc) include (lead_id, id);
drop index cases_org_branch_status_idx;

select hearth_grant_app();
