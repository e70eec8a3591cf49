-- Data protection in operation (issue 17, points 1 and 2): requests of data subjects with their
-- legal deadlines (152-FZ art. 14, 20, 21), what was given in answer to an access request (hashes of
-- the documents, never their content), the organisation's retention periods, and the append-only
-- register of destruction acts (Roskomnadzor order No. 179 of 28.10.2022).
--
-- Destruction anonymises history that is otherwise append-only (the case story, assessment
-- amendments, plan reviews, the house journal, outcome marks, follow-up contacts) through one
-- SECURITY DEFINER function, hearth_destroy_history: the triggers of those tables now let an UPDATE
-- through only while hearth.destruction = 'on', which that function sets for its own statements.
-- DELETE stays refused for them, and the audit log keeps its own trigger unchanged — it holds no
-- values of a case (0024).

create table subject_requests (
  id uuid not null default gen_random_uuid(),
  org_id uuid not null references organizations(id),
  kind text not null check (kind in ('access', 'correction', 'stop_processing', 'consent_withdrawal', 'deletion')),
  received_on date not null,
  -- The legal deadline worked out from received_on and the kind (src/domain/privacy/deadlines.ts),
  -- and, when extended (art. 14 part 3, art. 20 part 3: by 5 working days with a reasoned notice), the
  -- new one with its reason.
  due_on date not null,
  extended_due_on date,
  extension_reason text not null default '' check (length(extension_reason) <= 2000),
  -- Whose data: a person of a family when found, else the identity as the requester gave it.
  family_id uuid,
  member_id uuid,
  subject_name text not null default '' check (length(subject_name) <= 300),
  subject_contact text not null default '' check (length(subject_contact) <= 300),
  channel text not null default 'in_person' check (channel in ('in_person', 'post', 'email', 'gosuslugi', 'representative', 'other')),
  responsible_id uuid not null,
  status text not null default 'open' check (status in ('open', 'in_progress', 'answered', 'refused', 'closed')),
  -- What was done, and the day the answer was given (typed in after the fact allowed).
  outcome text not null default '' check (length(outcome) <= 5000),
  answered_on date,
  version integer not null default 1,
  created_by uuid not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (org_id, id),
  foreign key (org_id, family_id) references families (org_id, id),
  foreign key (org_id, member_id) references members (org_id, id),
  foreign key (org_id, responsible_id) references users (org_id, id),
  foreign key (org_id, created_by) references users (org_id, id),
  check (member_id is null or family_id is not null),
  check (family_id is not null or length(subject_name) >= 1)
);
create index subject_requests_due_idx on subject_requests (org_id, status, due_on);
create index subject_requests_member_idx on subject_requests (org_id, member_id);
create index subject_requests_family_idx on subject_requests (org_id, family_id);

-- What was given to the person in answer to an access request: one row per document produced.
create table subject_request_disclosures (
  id uuid not null default gen_random_uuid(),
  org_id uuid not null references organizations(id),
  request_id uuid not null,
  format text not null check (format in ('pdf', 'json')),
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  size integer not null check (size >= 0),
  given_by uuid not null,
  given_at timestamptz not null default now(),
  primary key (org_id, id),
  foreign key (org_id, request_id) references subject_requests (org_id, id),
  foreign key (org_id, given_by) references users (org_id, id)
);
create index subject_request_disclosures_request_idx on subject_request_disclosures (org_id, request_id, given_at);

-- The organisation's retention periods (one row per organisation; defaults until it sets them).
create table retention_settings (
  org_id uuid not null references organizations(id),
  closed_case_years integer not null default 5 check (closed_case_years between 1 and 75),
  declined_referral_months integer not null default 12 check (declined_referral_months between 1 and 120),
  volunteer_application_months integer not null default 12 check (volunteer_application_months between 1 and 120),
  version integer not null default 1,
  updated_by uuid,
  updated_at timestamptz not null default now(),
  primary key (org_id),
  foreign key (org_id, updated_by) references users (org_id, id)
);

-- The register of destruction acts: append-only (no UPDATE, DELETE or TRUNCATE, for anyone).
-- It names whose data by category and the record's number, never the person's name: the data is gone,
-- and order No. 179 allows "other information relating to the person" in place of the name.
create table destruction_acts (
  id uuid not null default gen_random_uuid(),
  org_id uuid not null references organizations(id),
  number integer not null,
  record_kind text not null check (record_kind in ('family', 'referral', 'special_categories', 'volunteer_application')),
  record_id uuid not null,
  basis text not null check (basis in ('retention', 'subject_request', 'consent_withdrawn')),
  request_id uuid,
  -- Whose (categories of subjects with their count), what (categories of data), how, on which media.
  subjects jsonb not null,
  data_categories text[] not null,
  method text not null check (method in ('anonymisation', 'deletion')),
  media text[] not null,
  reason text not null check (length(reason) between 1 and 2000),
  destroyed_on date not null,
  destroyed_at timestamptz not null default now(),
  destroyed_by uuid not null,
  approved_by uuid not null,
  audit_request_id text not null default '',
  primary key (org_id, id),
  unique (org_id, number),
  foreign key (org_id, request_id) references subject_requests (org_id, id),
  foreign key (org_id, destroyed_by) references users (org_id, id),
  foreign key (org_id, approved_by) references users (org_id, id)
);
create index destruction_acts_record_idx on destruction_acts (org_id, record_kind, record_id);

create function hearth_destruction_acts_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'destruction_acts is append-only' using errcode = 'insufficient_privilege';
end $$;
create trigger destruction_acts_append_only before update or delete on destruction_acts
  for each row execute function hearth_destruction_acts_append_only();
create trigger destruction_acts_no_truncate before truncate on destruction_acts
  for each statement execute function hearth_destruction_acts_append_only();

-- History tables stay append-only except for the anonymising UPDATE of a destruction.
create function hearth_reject_change_but_destruction() returns trigger language plpgsql as $$
begin
  if tg_op = 'UPDATE' and current_setting('hearth.destruction', true) = 'on' then
    return new;
  end if;
  raise exception '% is append-only', tg_table_name using errcode = 'insufficient_privilege';
end $$;
drop trigger case_events_append_only on case_events;
create trigger case_events_append_only before update or delete on case_events
  for each row execute function hearth_reject_change_but_destruction();
drop trigger house_journal_append_only on house_journal;
create trigger house_journal_append_only before update or delete on house_journal
  for each row execute function hearth_reject_change_but_destruction();
drop trigger outcome_marks_append_only on outcome_marks;
create trigger outcome_marks_append_only before update or delete on outcome_marks
  for each row execute function hearth_reject_change_but_destruction();
drop trigger follow_ups_append_only on follow_ups;
create trigger follow_ups_append_only before update or delete on follow_ups
  for each row execute function hearth_reject_change_but_destruction();

-- Free text inside JSON (a timeline entry's reason, an intake's notes, a plan review's snapshot,
-- answers' comments) blanked while codes, dates, ids and numbers stay: a string is kept only when it
-- reads as a code (lower-case letters, digits, _ . : -), a date or an id — never a run of 6+ digits
-- (a phone's digits).
create function hearth_scrub_json(value jsonb) returns jsonb language plpgsql immutable as $$
declare
  result jsonb;
  k text;
  v jsonb;
begin
  if value is null then return null; end if;
  case jsonb_typeof(value)
    when 'object' then
      result := '{}'::jsonb;
      for k, v in select * from jsonb_each(value) loop
        result := result || jsonb_build_object(k, hearth_scrub_json(v));
      end loop;
      return result;
    when 'array' then
      return coalesce((select jsonb_agg(hearth_scrub_json(e)) from jsonb_array_elements(value) e), '[]'::jsonb);
    when 'string' then
      if (value #>> '{}') ~ '^[a-z0-9_.:-]*$' and (value #>> '{}') !~ '[0-9]{6,}' then return value; end if;
      if (value #>> '{}') ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then return value; end if;
      if (value #>> '{}') ~ '^\d{4}-\d{2}-\d{2}(T[0-9:.]+Z?)?$' then return value; end if;
      return to_jsonb(''::text);
    else
      return value;
  end case;
end $$;

-- The history the application may only append to (the app role has no UPDATE on case_events,
-- assessment_amendments and plan_reviews; the others' triggers refuse it) is anonymised by this
-- function alone, as the owner, within the caller's organisation (hearth_org()), with the
-- destruction flag set for its own statements only.
create function hearth_destroy_history(case_ids uuid[], stay_ids uuid[], member_ids uuid[], plan_ids uuid[]) returns void
language plpgsql security definer set search_path = public as $$
declare
  org uuid := hearth_org();
begin
  if org is null then raise exception 'no organisation' using errcode = 'insufficient_privilege'; end if;
  perform set_config('hearth.destruction', 'on', true);
  update case_events set data = hearth_scrub_json(data) where org_id = org and case_id = any(case_ids);
  update assessment_amendments set reason = '', answers = hearth_scrub_json(answers)
    where org_id = org and assessment_id in (select id from assessments where org_id = org and case_id = any(case_ids));
  update plan_reviews set summary = '', participants = hearth_scrub_json(participants), snapshot = hearth_scrub_json(snapshot),
    changes = hearth_scrub_json(changes) where org_id = org and plan_id = any(plan_ids);
  update house_journal set text = '', consequence = '', carer = case when carer is null then null else '' end
    where org_id = org and (stay_id = any(stay_ids) or member_id = any(member_ids));
  update follow_ups set place = '' where org_id = org and case_id = any(case_ids);
  update outcome_marks set note = '' where org_id = org and case_id = any(case_ids);
  perform set_config('hearth.destruction', 'off', true);
end $$;
revoke all on function hearth_destroy_history(uuid[], uuid[], uuid[], uuid[]) from public;
grant execute on function hearth_destroy_history(uuid[], uuid[], uuid[], uuid[]) to hearth_app;

-- Later migrations call hearth_grant_app() again: it keeps the act register and the record of what
-- was given insert-only for the app role (the triggers refuse changes for anyone besides).
create or replace function hearth_grant_app() returns void language plpgsql as $$
begin
  execute 'grant usage on schema public to hearth_app';
  execute 'grant select, insert, update, delete on all tables in schema public to hearth_app';
  execute 'grant usage, select on all sequences in schema public to hearth_app';
  execute 'revoke update, delete, truncate on audit_log, case_events, assessment_amendments, plan_reviews from hearth_app';
  execute 'revoke update, delete, truncate on destruction_acts, subject_request_disclosures from hearth_app';
  execute 'revoke all on schema_migrations, login_throttle from hearth_app';
end $$;

select hearth_tenant_table('subject_requests');
select hearth_tenant_table('subject_request_disclosures');
select hearth_tenant_table('retention_settings');
select hearth_tenant_table('destruction_acts');
select hearth_grant_app();

-- Organisations created before this migration: the admin keeps the data-protection register.
update roles r set permissions = array(select distinct p from unnest(r.permissions || d.extra) p order by p)
from (values ('admin', array['privacy.manage'])) as d(code, extra)
where r.code = d.code;
