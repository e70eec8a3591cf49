-- Partner directory and external specialist search by words (issue 15 bench: p95 ≤ 50 ms with
-- 5,000 organisations and 20,000 specialists on PostgreSQL).
--
-- Until now a typed word was a LIKE '%fragment%' on partners.search_text (the normalised name,
-- services, audience, tags and place) or on external_specialists.name_norm. LIKE is not leakproof,
-- so under row-level security its trigram index could not be used: every search read every
-- organisation's directory row by row, long service texts included (a common word: 176 ms).
--
-- Here, as case search does (0016), the directory keeps the words it is found by: each word of a
-- partner's search_text and of a specialist's name_norm, and the organisation's vocabulary of those
-- words with a trigram index. A typed fragment is matched against the vocabulary (a few thousand
-- short words, through the index, by a function that runs as the owner and keeps to the caller's
-- organisation exactly as the tenant policy does), and the words found lead to the partners or
-- specialists through the words' own index.
--
-- Results are the same as before: both texts are normalised by hearth_norm, which leaves single
-- spaces between words, and a typed fragment never holds a space (the server splits on spaces), so
-- a fragment is in the text exactly when it is in one of its words.
--
-- Kept exact by the database: a row trigger rewrites a partner's words when its search_text changes
-- and a specialist's when its name does; the vocabulary only grows (a word nobody bears any more
-- simply leads nowhere).
create table directory_vocabulary (
  org_id uuid not null references organizations(id),
  word text collate "C" not null,
  primary key (org_id, word)
);
comment on table directory_vocabulary is 'Distinct words of partners'' search_text and specialists'' names, for fragment search; kept by triggers.';
create index directory_vocabulary_trgm_idx on directory_vocabulary using gin (word gin_trgm_ops);

create table partner_words (
  org_id uuid not null references organizations(id),
  partner_id uuid not null,
  word text collate "C" not null,
  primary key (org_id, word, partner_id),
  foreign key (org_id, partner_id) references partners (org_id, id) on delete cascade
);
comment on table partner_words is 'The words of a partner''s search_text; kept by a trigger on partners.';
create index partner_words_partner_idx on partner_words (org_id, partner_id);

create table specialist_words (
  org_id uuid not null references organizations(id),
  specialist_id uuid not null,
  word text collate "C" not null,
  primary key (org_id, word, specialist_id),
  foreign key (org_id, specialist_id) references external_specialists (org_id, id) on delete cascade
);
comment on table specialist_words is 'The words of an external specialist''s name_norm; kept by a trigger on external_specialists.';
create index specialist_words_specialist_idx on specialist_words (org_id, specialist_id);

-- The words of a normalised text: hearth_norm leaves single spaces between them.
create function hearth_text_words(t text) returns setof text language sql immutable parallel safe as $$
  select distinct w from unnest(string_to_array(t, ' ')) w where w <> ''
$$;

create function hearth_partner_words() returns trigger language plpgsql as $$
begin
  if tg_op = 'UPDATE' and old.search_text is not distinct from new.search_text then
    return null;
  end if;
  delete from partner_words where org_id = new.org_id and partner_id = new.id;
  insert into directory_vocabulary (org_id, word)
    select new.org_id, w from hearth_text_words(new.search_text) w on conflict do nothing;
  insert into partner_words (org_id, partner_id, word) select new.org_id, new.id, w from hearth_text_words(new.search_text) w;
  return null;
end $$;
create trigger partners_words after insert or update on partners for each row execute function hearth_partner_words();

create function hearth_specialist_words() returns trigger language plpgsql as $$
begin
  if tg_op = 'UPDATE' and old.name_norm is not distinct from new.name_norm then
    return null;
  end if;
  delete from specialist_words where org_id = new.org_id and specialist_id = new.id;
  insert into directory_vocabulary (org_id, word)
    select new.org_id, w from hearth_text_words(new.name_norm) w on conflict do nothing;
  insert into specialist_words (org_id, specialist_id, word) select new.org_id, new.id, w from hearth_text_words(new.name_norm) w;
  return null;
end $$;
create trigger external_specialists_words after insert or update on external_specialists
  for each row execute function hearth_specialist_words();

-- The caller's organisation's words holding a fragment (a LIKE pattern, '%…%'). As the owner, so
-- that the trigram index serves the LIKE; the organisation is kept exactly as the tenant policy does.
create function hearth_directory_words(pattern text) returns table (word text)
language sql stable security definer set search_path = public, pg_temp rows 50 as $$
  select v.word from directory_vocabulary v where v.org_id = hearth_org() and v.word like pattern
$$;
revoke all on function hearth_directory_words(text) from public;
grant execute on function hearth_directory_words(text) to hearth_app;

-- The partners and specialists of the caller's organisation with a word holding the fragment.
create function hearth_partners_matching(pattern text) returns setof uuid
language sql stable security definer set search_path = public, pg_temp rows 200 as $$
  select distinct w.partner_id from partner_words w
  where w.org_id = hearth_org() and w.word in (select d.word from hearth_directory_words(pattern) d)
$$;
revoke all on function hearth_partners_matching(text) from public;
grant execute on function hearth_partners_matching(text) to hearth_app;

create function hearth_specialists_matching(pattern text) returns setof uuid
language sql stable security definer set search_path = public, pg_temp rows 200 as $$
  select distinct w.specialist_id from specialist_words w
  where w.org_id = hearth_org() and w.word in (select d.word from hearth_directory_words(pattern) d)
$$;
revoke all on function hearth_specialists_matching(text) from public;
grant execute on function hearth_specialists_matching(text) to hearth_app;

-- The directory as it stands.
insert into directory_vocabulary (org_id, word)
  select distinct p.org_id, w from partners p cross join lateral hearth_text_words(p.search_text) w
  union
  select distinct s.org_id, w from external_specialists s cross join lateral hearth_text_words(s.name_norm) w
  on conflict do nothing;
insert into partner_words (org_id, partner_id, word)
  select p.org_id, p.id, w from partners p cross join lateral hearth_text_words(p.search_text) w;
insert into specialist_words (org_id, specialist_id, word)
  select s.org_id, s.id, w from external_specialists s cross join lateral hearth_text_words(s.name_norm) w;
analyze directory_vocabulary;
analyze partner_words;
analyze specialist_words;

select hearth_tenant_table('directory_vocabulary');
select hearth_tenant_table('partner_words');
select hearth_tenant_table('specialist_words');
select hearth_grant_app();
