-- Volunteers (issue 18): applications (entered by staff or sent through the organisation's public
-- form, with the consent to processing kept as shown and dated), screening and onboarding (interview,
-- the certificate of no criminal record with its validity, induction, agreement), the status path
-- applicant → screened → active → paused → left with dates and reasons, teams per branch with a
-- leader, tasks and shifts (one-off or weekly) with places, sign-ups or assignments, completion with
-- hours or a no-show. A volunteer who signs in (the shipped role 'volunteer') reaches only their own
-- record, tasks, teams and hours, through volunteers.user_id.
-- Every table is keyed by (org_id, id) with composite foreign keys (see 0019).

-- The organisation's settings: the public form's address and consent text, how long a certificate
-- is valid, when to remind, and which kinds of work are with children.
create table volunteer_settings (
  org_id uuid not null references organizations(id),
  form_slug text not null check (form_slug ~ '^[a-z0-9][a-z0-9-]{1,48}[a-z0-9]$'),
  form_open boolean not null default true,
  consent_text text not null check (length(consent_text) between 1 and 4000),
  certificate_valid_months integer not null default 12 check (certificate_valid_months between 1 and 120),
  reminder_days integer not null default 30 check (reminder_days between 1 and 365),
  child_related_kinds text[] not null default '{child_care,tutoring}',
  version integer not null default 1,
  primary key (org_id),
  check (child_related_kinds <@ array['child_care', 'transport', 'aid_delivery', 'event_help', 'repairs', 'tutoring'])
);
-- Looked up by the public form before the organisation is known; unique across organisations by
-- the check in hearth_volunteer_form_slug_taken (a unique index would leave org_id out of a key).
create index volunteer_settings_slug_idx on volunteer_settings (form_slug);

create function hearth_volunteer_default_consent() returns text language sql immutable as $$
  select 'Я даю согласие на обработку моих персональных данных (фамилия, имя, отчество, контакты, город, '
    || 'сведения о навыках и занятости) для рассмотрения моей заявки и организации волонтёрской деятельности '
    || 'в соответствии с Федеральным законом № 152-ФЗ «О персональных данных». Согласие действует до его отзыва.'
$$;

insert into volunteer_settings (org_id, form_slug, consent_text)
select o.id, 'org-' || substr(replace(o.id::text, '-', ''), 1, 12), hearth_volunteer_default_consent() from organizations o;

-- A new organisation gets its settings (the form's address from its id; the admin may change it).
create function volunteer_settings_for_new_org() returns trigger
language plpgsql security definer set search_path = public, pg_temp as $$
begin
  insert into volunteer_settings (org_id, form_slug, consent_text)
  values (new.id, 'org-' || substr(replace(new.id::text, '-', ''), 1, 12), hearth_volunteer_default_consent())
  on conflict do nothing;
  return null;
end $$;
create trigger volunteer_settings_for_new_org after insert on organizations for each row execute function volunteer_settings_for_new_org();

-- The organisation whose open form has this address (none when two claim it): read by the public form
-- before anyone is known, so it sees across organisations and returns nothing else.
create function hearth_volunteer_form_org(p_slug text) returns uuid
language sql stable security definer set search_path = public, pg_temp as $$
  select case when count(*) = 1 then min(org_id::text)::uuid end from volunteer_settings where form_slug = p_slug and form_open
$$;
create function hearth_volunteer_form_slug_taken(p_slug text, p_org uuid) returns boolean
language sql stable security definer set search_path = public, pg_temp as $$
  select exists (select 1 from volunteer_settings where form_slug = p_slug and org_id <> p_org)
$$;
grant execute on function hearth_volunteer_form_org(text) to hearth_app;
grant execute on function hearth_volunteer_form_slug_taken(text, uuid) to hearth_app;

create table volunteers (
  id uuid not null default gen_random_uuid(),
  org_id uuid not null references organizations(id),
  branch_id uuid not null,
  last_name text not null check (length(last_name) between 1 and 100),
  first_name text not null check (length(first_name) between 1 and 100),
  middle_name text not null default '' check (length(middle_name) <= 100),
  phone text not null default '' check (length(phone) <= 40),
  email text not null default '' check (length(email) <= 254),
  city text not null default '' check (length(city) <= 100),
  skills text not null default '' check (length(skills) <= 2000),
  availability text not null default '' check (length(availability) <= 1000),
  heard_from text not null default '' check (length(heard_from) <= 500),
  source text not null check (source in ('staff', 'public_form')),
  applied_on date not null,
  -- The consent to processing as the applicant saw it, and when it was given.
  consent_text text not null default '' check (length(consent_text) <= 4000),
  consent_on date,
  status text not null default 'applicant' check (status in ('applicant', 'screened', 'active', 'paused', 'left')),
  status_on date not null,
  interview_on date,
  interview_notes text not null default '' check (length(interview_notes) <= 4000),
  certificate_issued_on date,
  certificate_valid_until date,
  induction_on date,
  agreement_on date,
  user_id uuid,
  version integer not null default 1,
  created_by uuid,
  created_at timestamptz not null default now(),
  primary key (org_id, id),
  foreign key (org_id, branch_id) references branches (org_id, id),
  foreign key (org_id, user_id) references users (org_id, id),
  foreign key (org_id, created_by) references users (org_id, id),
  check (status_on >= applied_on),
  check ((certificate_issued_on is null) = (certificate_valid_until is null)),
  check (certificate_valid_until is null or certificate_valid_until > certificate_issued_on),
  check (source = 'staff' or consent_on is not null)
);
create unique index volunteers_user_key on volunteers (org_id, user_id) where user_id is not null;
create index volunteers_branch_status_idx on volunteers (org_id, branch_id, status, last_name);
create index volunteers_certificate_idx on volunteers (org_id, certificate_valid_until) where status in ('screened', 'active', 'paused');
create index volunteers_created_idx on volunteers (org_id, created_at) where source = 'public_form';

create table volunteer_status_changes (
  id uuid not null default gen_random_uuid(),
  org_id uuid not null references organizations(id),
  volunteer_id uuid not null,
  from_status text,
  to_status text not null,
  changed_on date not null,
  reason text not null default '' check (length(reason) <= 1000),
  changed_by uuid,
  created_at timestamptz not null default now(),
  primary key (org_id, id),
  foreign key (org_id, volunteer_id) references volunteers (org_id, id),
  foreign key (org_id, changed_by) references users (org_id, id)
);
create index volunteer_status_changes_idx on volunteer_status_changes (org_id, volunteer_id, changed_on);
create index volunteer_status_changes_to_idx on volunteer_status_changes (org_id, to_status, changed_on);

create table volunteer_teams (
  id uuid not null default gen_random_uuid(),
  org_id uuid not null references organizations(id),
  branch_id uuid not null,
  name text not null check (length(name) between 1 and 200),
  leader_id uuid,
  formed_on date not null,
  active boolean not null default true,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  primary key (org_id, id),
  foreign key (org_id, branch_id) references branches (org_id, id),
  foreign key (org_id, leader_id) references volunteers (org_id, id)
);
create index volunteer_teams_branch_idx on volunteer_teams (org_id, branch_id);

create table volunteer_team_members (
  org_id uuid not null references organizations(id),
  team_id uuid not null,
  volunteer_id uuid not null,
  joined_on date not null,
  primary key (org_id, team_id, volunteer_id),
  foreign key (org_id, team_id) references volunteer_teams (org_id, id),
  foreign key (org_id, volunteer_id) references volunteers (org_id, id)
);
create index volunteer_team_members_volunteer_idx on volunteer_team_members (org_id, volunteer_id);

-- A task or shift: its kind, whether it is work with children (from the organisation's settings when
-- it was made), its time, places and branch, optionally about a family's case; weekly ones share a series.
create table volunteer_tasks (
  id uuid not null default gen_random_uuid(),
  org_id uuid not null references organizations(id),
  branch_id uuid not null,
  team_id uuid,
  series_id uuid,
  kind text not null check (kind in ('child_care', 'transport', 'aid_delivery', 'event_help', 'repairs', 'tutoring')),
  child_related boolean not null,
  title text not null check (length(title) between 1 and 200),
  needs text not null default '' check (length(needs) <= 2000),
  address text not null default '' check (length(address) <= 500),
  case_id uuid,
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  places integer not null check (places between 1 and 100),
  -- Sign-ups holding a place (signed up or completed), kept by the trigger below.
  taken integer not null default 0,
  status text not null default 'open' check (status in ('open', 'done', 'cancelled')),
  version integer not null default 1,
  created_by uuid,
  created_at timestamptz not null default now(),
  primary key (org_id, id),
  foreign key (org_id, branch_id) references branches (org_id, id),
  foreign key (org_id, team_id) references volunteer_teams (org_id, id),
  foreign key (org_id, case_id) references cases (org_id, id),
  foreign key (org_id, created_by) references users (org_id, id),
  check (ends_at > starts_at),
  check (ends_at - starts_at <= interval '24 hours'),
  check (taken between 0 and places)
);
create index volunteer_tasks_board_idx on volunteer_tasks (org_id, branch_id, starts_at);
create index volunteer_tasks_case_idx on volunteer_tasks (org_id, case_id) where case_id is not null;

create table volunteer_signups (
  id uuid not null default gen_random_uuid(),
  org_id uuid not null references organizations(id),
  task_id uuid not null,
  volunteer_id uuid not null,
  how text not null check (how in ('self', 'assigned')),
  status text not null default 'signed_up' check (status in ('signed_up', 'completed', 'no_show', 'withdrawn')),
  hours numeric(5, 2) check (hours > 0 and hours <= 24),
  -- The shift's day, copied: hours per period and the volunteer's list read it without the task.
  task_on date not null,
  created_by uuid,
  created_at timestamptz not null default now(),
  primary key (org_id, id),
  unique (org_id, task_id, volunteer_id),
  foreign key (org_id, task_id) references volunteer_tasks (org_id, id),
  foreign key (org_id, volunteer_id) references volunteers (org_id, id),
  foreign key (org_id, created_by) references users (org_id, id),
  check ((status = 'completed') = (hours is not null))
);
create index volunteer_signups_volunteer_idx on volunteer_signups (org_id, volunteer_id, task_on desc);
create index volunteer_signups_hours_idx on volunteer_signups (org_id, task_on) where status = 'completed';
-- A volunteer's hours (their own screen, every view) from the index alone: a volunteer of years has thousands of shifts.
create index volunteer_signups_volunteer_hours_idx on volunteer_signups (org_id, volunteer_id, task_on) include (hours) where status = 'completed';

-- Places taken, kept exact by the sign-ups (the board reads it on every view).
create function volunteer_signups_taken() returns trigger language plpgsql as $$
begin
  -- The old row first: a sign-up completed on a full task gives its place back before taking it.
  if tg_op in ('DELETE', 'UPDATE') and old.status in ('signed_up', 'completed') then
    update volunteer_tasks set taken = taken - 1 where org_id = old.org_id and id = old.task_id;
  end if;
  if tg_op in ('INSERT', 'UPDATE') and new.status in ('signed_up', 'completed') then
    update volunteer_tasks set taken = taken + 1 where org_id = new.org_id and id = new.task_id;
  end if;
  return null;
end $$;
create trigger volunteer_signups_taken after insert or update of status, task_id or delete on volunteer_signups
  for each row execute function volunteer_signups_taken();

select hearth_tenant_table('volunteer_settings');
select hearth_tenant_table('volunteers');
select hearth_tenant_table('volunteer_status_changes');
select hearth_tenant_table('volunteer_teams');
select hearth_tenant_table('volunteer_team_members');
select hearth_tenant_table('volunteer_tasks');
select hearth_tenant_table('volunteer_signups');
select hearth_grant_app();

-- Organisations created before this migration: the coordinator and supervisor keep the volunteers.
update roles r set permissions = array(select distinct p from unnest(r.permissions || d.extra) p order by p)
from (values
  ('coordinator', array['volunteers.read', 'volunteers.manage']),
  ('supervisor', array['volunteers.read', 'volunteers.manage'])
) as d(code, extra)
where r.code = d.code;

-- The shipped volunteer indicators (new organisations get them from src/domain/indicators/shipped.ts;
-- the definitions are the same, as src/server/volunteers/indicators.test.ts checks).
create temporary table volunteer_indicators (code text, definition jsonb) on commit drop;
insert into volunteer_indicators values
  ('volunteers_active', '{"code":"volunteers_active","name":{"ru":"Активные волонтёры","en":"Active volunteers"},"group":"people","measure":{"kind":"count","of":{"subject":"volunteers","filters":[]}},"disaggregations":["branch"]}'),
  ('volunteer_hours', '{"code":"volunteer_hours","name":{"ru":"Часы волонтёрской работы","en":"Volunteer hours"},"group":"work","measure":{"kind":"sum","of":{"subject":"volunteer_hours","filters":[]}},"disaggregations":["branch"]}'),
  ('volunteers_new', '{"code":"volunteers_new","name":{"ru":"Новые волонтёры","en":"New volunteers"},"group":"people","measure":{"kind":"count","of":{"subject":"new_volunteers","filters":[]}},"disaggregations":["branch"]}'),
  ('volunteer_teams', '{"code":"volunteer_teams","name":{"ru":"Волонтёрские команды","en":"Volunteer teams"},"group":"work","measure":{"kind":"count","of":{"subject":"volunteer_teams","filters":[]}},"disaggregations":["branch"]}');
with added as (
  insert into indicators (org_id, code, shipped)
  select o.id, d.code, true from organizations o cross join volunteer_indicators d
  where not exists (select 1 from indicators i where i.org_id = o.id and i.code = d.code)
  returning id, org_id, code
)
insert into indicator_versions (org_id, indicator_id, version, definition)
select a.org_id, a.id, 1, d.definition from added a join volunteer_indicators d on d.code = a.code;
