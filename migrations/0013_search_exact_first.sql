-- Case search at scale (issue 3 benchmark): exact matches first, typo-tolerant matches only when
-- there are few.
--
-- hearth_member_families (0003) matched a name by substring OR by word similarity in one scan. For
-- a common surname or a short beginning such as «иван», thousands of people match the substring
-- and the trigram index hands every one of them — and more — to the similarity check as well: the
-- bulk of the cost (≈50–400 ms per search on 300,000 people), for matches nobody scrolls to. Now the
-- substring and phone matches are read first; the similarity matches are added only when fewer than
-- 50 people matched exactly — a typo, a ё/е slip or a rare name, where they are what the user needs.
-- On small organisations nothing changes: there every search still includes the similar names.
create or replace function hearth_member_families(name_pattern text, name text, phone_pattern text)
returns table (family_id uuid)
language plpgsql stable security definer set search_path = public, pg_temp rows 100 as $$
declare
  exact integer;
begin
  return query select m.family_id from members m
    where m.org_id = hearth_org() and (m.name_norm like name_pattern or m.phone_digits like phone_pattern);
  get diagnostics exact = row_count;
  if exact < 50 then
    return query select m.family_id from members m where m.org_id = hearth_org() and name <% m.name_norm;
  end if;
end
$$;
revoke all on function hearth_member_families(text, text, text) from public;
grant execute on function hearth_member_families(text, text, text) to hearth_app;
