-- Case search by the words people type (issue 3: the caseload searched by name or phone, fast at
-- thousands of cases).
--
-- Until now a search matched every member of the organisation by substring (a trigram index) and
-- only then kept the cases in the caller's scope. For a common surname or a short beginning such as
-- «ива» that is thousands of people in other branches, each checked and carried along (≈40–400 ms
-- on 300,000 people). Here every case has the words it is found by — each word of its family
-- members' names, and each member's phone digits reversed, so that the last digits of a number are
-- a beginning like a name's — together with the case's branch, status and last change. A search
-- is then a range of an index within the caller's branches (or within their own cases), never a
-- scan of the organisation, and the counts per status and the page in date order come from that
-- range alone: «ива» in a branch of 26,000 cases reads the few thousand entries that begin with it.
--
-- Words are matched from their beginning: «иван» finds Иванова, Ивановна and Иван, not Шиванов.
-- Typos are still found when few cases match exactly: the closest spellings of a typed word in the
-- organisation's vocabulary (search_words below) are looked up as whole words. ё and е are one letter
-- here, as everywhere in names (hearth_norm).
--
-- Kept exact by the database, as the service totals are (0014): statement-level triggers rebuild a
-- case's words when it is opened, moved to another branch or family, and when a member of its
-- family is added, renamed, given another phone or removed; a change of status or of the case
-- itself (updated_at) is copied to its words. Cases change seldom (a transition, a new lead), so
-- rewriting their dozen words is cheap; services, stays and plans never touch the case row.
-- The `C` collation orders words by their characters' codes, so a beginning is a plain range of
-- the index (see src/server/cases/search.ts).
create table case_search (
  org_id uuid not null references organizations(id),
  case_id uuid not null references cases(id) on delete cascade,
  branch_id uuid not null,
  status text not null,
  updated_at timestamptz not null,
  term text collate "C" not null
);
comment on table case_search is 'The words a case is found by (its family members'' name words and reversed phone digits); kept by triggers on cases and members.';
create index case_search_branch_term_idx on case_search (org_id, branch_id, term) include (case_id, status, updated_at);
create index case_search_case_idx on case_search (case_id, term) include (status, updated_at);

-- The words of a set of cases, computed from their families' members.
create function hearth_case_terms(case_ids uuid[]) returns table (org_id uuid, case_id uuid, branch_id uuid, status text, updated_at timestamptz, term text)
language sql stable set search_path = public, pg_temp as $$
  select distinct c.org_id, c.id, c.branch_id, c.status, c.updated_at, t.term
  from cases c join members m on m.family_id = c.family_id
  cross join lateral (
    select w from regexp_split_to_table(m.name_norm, '[\s-]+') w where w <> ''
    union all
    select reverse(m.phone_digits) where length(m.phone_digits) >= 5
  ) t(term)
  where c.id = any(case_ids)
$$;

create function hearth_case_search_rebuild(case_ids uuid[]) returns void
language sql security definer set search_path = public, pg_temp as $$
  delete from case_search where case_id = any(case_ids);
  insert into case_search (org_id, case_id, branch_id, status, updated_at, term) select * from hearth_case_terms(case_ids);
$$;

-- Only the triggers rebuild words (as the owner); the application role reads case_search only.
revoke all on function hearth_case_search_rebuild(uuid[]) from public;

-- Opened cases get their words; a case moved to another branch or family gets them anew; a new
-- status or change time is copied to them.
create function hearth_cases_search() returns trigger
language plpgsql security definer set search_path = public, pg_temp as $$
begin
  if tg_op = 'INSERT' then
    insert into case_search (org_id, case_id, branch_id, status, updated_at, term)
    select * from hearth_case_terms(array(select id from new_rows));
  else
    perform hearth_case_search_rebuild(array(
      select n.id from old_rows o join new_rows n on n.id = o.id
      where (o.branch_id, o.family_id) is distinct from (n.branch_id, n.family_id)));
    update case_search s set status = n.status, updated_at = n.updated_at
    from old_rows o join new_rows n on n.id = o.id
    where s.case_id = n.id and (o.status, o.updated_at) is distinct from (n.status, n.updated_at)
      and (o.branch_id, o.family_id) is not distinct from (n.branch_id, n.family_id);
  end if;
  return null;
end $$;
-- Transition tables cannot go with a column list (`update of branch_id`): the function picks the moved cases.
create trigger cases_search_insert after insert on cases
  referencing new table as new_rows for each statement execute function hearth_cases_search();
create trigger cases_search_update after update on cases
  referencing old table as old_rows new table as new_rows for each statement execute function hearth_cases_search();

-- A member added, renamed, given another phone or removed changes the words of the family's cases.
create function hearth_members_search() returns trigger
language plpgsql security definer set search_path = public, pg_temp as $$
begin
  if tg_op = 'INSERT' then
    perform hearth_case_search_rebuild(array(
      select c.id from cases c where c.family_id in (select family_id from new_rows)));
  elsif tg_op = 'DELETE' then
    perform hearth_case_search_rebuild(array(
      select c.id from cases c where c.family_id in (select family_id from old_rows)));
  else
    perform hearth_case_search_rebuild(array(
      select c.id from cases c where c.family_id in (
        -- a member moved to another family changes the words of both
        select unnest(array[o.family_id, n.family_id]) from old_rows o join new_rows n on n.id = o.id
        where (o.name_norm, o.phone_digits, o.family_id) is distinct from (n.name_norm, n.phone_digits, n.family_id))));
  end if;
  return null;
end $$;
create trigger members_search_insert after insert on members
  referencing new table as new_rows for each statement execute function hearth_members_search();
create trigger members_search_update after update on members
  referencing old table as old_rows new table as new_rows for each statement execute function hearth_members_search();
create trigger members_search_delete after delete on members
  referencing old table as old_rows for each statement execute function hearth_members_search();

-- The organisation's vocabulary: every distinct name word ever given a case, for typos. A word
-- typed with a slip («ивнова») is compared with these few thousand words, not with 300,000 people,
-- and its closest spellings («иванова») are then looked up in case_search like any other word.
-- Words are only added (a word nobody bears any more simply finds nothing).
create table search_words (
  org_id uuid not null references organizations(id),
  word text collate "C" not null,
  primary key (org_id, word)
);
comment on table search_words is 'Distinct name words of the organisation''s cases, for typo-tolerant search; kept by a trigger on case_search.';
create index search_words_trgm_idx on search_words using gin (word gin_trgm_ops);

create function hearth_search_words() returns trigger
language plpgsql security definer set search_path = public, pg_temp as $$
begin
  insert into search_words (org_id, word)
  select distinct n.org_id, n.term from new_rows n where n.term ~ '[^0-9]'
  on conflict do nothing;
  return null;
end $$;
create trigger case_search_words after insert on case_search
  referencing new table as new_rows for each statement execute function hearth_search_words();

-- The words of the caller's organisation closest to a typed one. The trigram operator is not
-- leakproof, so under row-level security it could not use its index; the function runs as the owner
-- and keeps to the caller's organisation exactly as the tenant policy does.
create function hearth_similar_words(typed text)
returns table (word text)
language sql stable security definer set search_path = public, pg_temp rows 10 as $$
  select v.word from search_words v where v.org_id = hearth_org() and v.word % typed
  order by similarity(v.word, typed) desc, v.word limit 10
$$;
revoke all on function hearth_similar_words(text) from public;
grant execute on function hearth_similar_words(text) to hearth_app;
drop function hearth_member_families(text, text, text);

-- The cases opened before this migration.
insert into case_search (org_id, case_id, branch_id, status, updated_at, term)
select * from hearth_case_terms(array(select id from cases));
analyze case_search;
analyze search_words;

select hearth_tenant_table('case_search');
select hearth_tenant_table('search_words');
select hearth_grant_app();
