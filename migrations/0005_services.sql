-- Services and the service catalogue, group sessions with attendance, post-support visit schedule.

alter table programmes add column post_support_visit_months integer not null default 3 check (post_support_visit_months between 1 and 24);
-- When a case entered post-support: the visit schedule counts from here.
alter table cases add column post_support_since date;

create table service_types (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organizations(id),
  code text not null,
  name jsonb not null,
  category text not null check (category in ('psychological', 'legal', 'social', 'medical', 'documents', 'employment', 'visit', 'post_support', 'specialist', 'other')),
  unit text not null check (unit in ('session', 'hours')),
  -- A type in use is retired, never deleted: history keeps its name.
  retired boolean not null default false,
  version integer not null default 1,
  unique (org_id, code)
);

create table services (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organizations(id),
  case_id uuid not null references cases(id),
  type_id uuid not null references service_types(id),
  date date not null,
  duration_minutes integer not null check (duration_minutes between 1 and 1440),
  format text not null check (format in ('in_person', 'phone', 'online', 'home_visit', 'at_shelter')),
  initiated_by text not null check (initiated_by in ('client', 'team')),
  specialist_ids uuid[] not null,
  member_ids uuid[] not null default '{}',
  task_ids uuid[] not null default '{}',
  note text not null default '',
  withdrawn boolean not null default false,
  withdrawn_reason text not null default '',
  created_by uuid not null references users(id),
  created_at timestamptz not null default now(),
  check (cardinality(specialist_ids) between 1 and 10)
);
create index services_case_date_idx on services (case_id, date desc);
create index services_org_date_idx on services (org_id, date);
create index services_specialists_idx on services using gin (specialist_ids);

create table group_sessions (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organizations(id),
  branch_id uuid not null references branches(id),
  kind text not null check (kind in ('parents_club', 'house_meeting', 'workshop', 'group_therapy', 'away_shift', 'other')),
  series text not null default '',
  topic text not null,
  date date not null,
  end_date date,
  duration_minutes integer not null check (duration_minutes between 1 and 1440),
  facilitator_ids uuid[] not null,
  outside_adults integer not null default 0 check (outside_adults >= 0),
  outside_children integer not null default 0 check (outside_children >= 0),
  summary text not null default '',
  created_by uuid not null references users(id),
  created_at timestamptz not null default now(),
  check (end_date is null or end_date >= date)
);
create index group_sessions_org_date_idx on group_sessions (org_id, date desc);

create table group_attendance (
  org_id uuid not null references organizations(id),
  session_id uuid not null references group_sessions(id) on delete cascade,
  case_id uuid not null references cases(id),
  member_id uuid not null references members(id),
  primary key (session_id, member_id)
);
create index group_attendance_case_idx on group_attendance (case_id);

select hearth_tenant_table('service_types');
select hearth_tenant_table('services');
select hearth_tenant_table('group_sessions');
select hearth_tenant_table('group_attendance');
select hearth_grant_app();

update roles set permissions = array(select distinct p from unnest(permissions || array['services.catalogue']) p order by p)
where code in ('admin', 'coordinator');
update roles set permissions = array(select distinct p from unnest(permissions || array['groups.manage']) p order by p)
where code in ('coordinator', 'supervisor', 'case_worker', 'psychologist', 'lawyer', 'shelter_admin');
