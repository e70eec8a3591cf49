-- Families and people, referrals and intake, cases with team and history, consent and sensitive notes.
-- Names are kept with a normalised copy (lower case, ё→е) indexed by trigrams, for typo-tolerant search
-- and duplicate detection; phones with a digits-only copy.

create function hearth_norm(t text) returns text language sql immutable parallel safe as
$$ select regexp_replace(replace(lower(coalesce(t, '')), 'ё', 'е'), '\s+', ' ', 'g') $$;

alter table organizations add column referral_wait_hours integer not null default 48 check (referral_wait_hours between 1 and 2000);
-- Which case relations may see which sensitive section; null = the defaults in src/domain/cases/sensitive.ts.
alter table organizations add column sensitive_access jsonb;
alter table programmes add column eligibility_criteria jsonb not null default '[]';

create table families (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organizations(id),
  branch_id uuid not null references branches(id),
  -- Display name: the main adult's surname and name, kept in sync by the application.
  name text not null default '',
  notes text not null default '' check (length(notes) <= 5000),
  created_by uuid references users(id),
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index families_org_branch_idx on families (org_id, branch_id);

create table members (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organizations(id),
  family_id uuid not null references families(id) on delete cascade,
  position integer not null default 0,
  relation text not null check (relation in ('mother', 'father', 'partner', 'child', 'unborn_child', 'grandmother', 'grandfather', 'other_relative')),
  last_name text not null default '' check (length(last_name) <= 100),
  first_name text not null default '' check (length(first_name) <= 100),
  middle_name text not null default '' check (length(middle_name) <= 100),
  name_norm text generated always as (hearth_norm(last_name || ' ' || first_name || ' ' || middle_name)) stored,
  birth_date date,
  approximate_age integer check (approximate_age between 0 and 120),
  expected_birth_date date,
  sex text not null default 'unknown' check (sex in ('female', 'male', 'unknown')),
  citizenship text not null default '' check (length(citizenship) <= 100),
  languages text[] not null default '{}',
  phone text not null default '' check (length(phone) <= 40),
  phone_digits text not null default '',
  registered_address text not null default '' check (length(registered_address) <= 500),
  actual_address text not null default '' check (length(actual_address) <= 500),
  documents jsonb not null default '[]',
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (relation <> 'unborn_child' or expected_birth_date is not null)
);
create index members_family_idx on members (family_id, position);
create index members_name_trgm_idx on members using gin (name_norm gin_trgm_ops);
create index members_phone_idx on members using gin (phone_digits gin_trgm_ops);
create index members_birth_idx on members (org_id, birth_date);

create table social_contacts (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organizations(id),
  family_id uuid not null references families(id) on delete cascade,
  name text not null check (length(name) between 1 and 200),
  kind text not null check (kind in ('relative', 'friend', 'professional', 'neighbour', 'other')),
  relationship text not null default '',
  nature text not null check (nature in ('supportive', 'neutral', 'conflictual')),
  reachable boolean not null,
  phone text not null default '',
  note text not null default '',
  created_at timestamptz not null default now()
);
create index social_contacts_family_idx on social_contacts (family_id);

create table referrals (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organizations(id),
  branch_id uuid not null references branches(id),
  programme_id uuid references programmes(id),
  received_at timestamptz not null,
  received_by uuid not null references users(id),
  source text not null check (source in ('self', 'relatives', 'ngo', 'state_body', 'maternity_hospital', 'guardianship', 'hotline', 'other')),
  source_organization text not null default '',
  caller_name text not null default '',
  caller_contact text not null default '',
  client_last_name text not null default '',
  client_first_name text not null,
  client_middle_name text not null default '',
  client_birth_date date,
  client_phone text not null default '',
  summary text not null check (length(summary) between 1 and 5000),
  urgency text not null default 'normal' check (urgency in ('low', 'normal', 'high', 'emergency')),
  status text not null default 'new' check (status in ('new', 'intake_scheduled', 'admitted', 'waitlisted', 'signposted', 'declined', 'merged')),
  family_id uuid references families(id),
  intake_scheduled_at timestamptz,
  intake_location text not null default '',
  intake_assigned_to uuid references users(id),
  outcome_note text not null default '',
  intake jsonb,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index referrals_org_status_idx on referrals (org_id, status, received_at);

create table cases (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organizations(id),
  family_id uuid not null references families(id),
  programme_id uuid not null references programmes(id),
  branch_id uuid not null references branches(id),
  referral_id uuid references referrals(id),
  lead_id uuid not null references users(id),
  status text not null default 'intake' check (status in ('intake', 'active', 'post_support', 'closed')),
  opened_on date not null,
  closed_on date,
  closing_outcome text check (closing_outcome in ('child_with_family', 'independent_living', 'with_relatives', 'child_in_state_care', 'family_refused', 'contact_lost', 'moved_away', 'other')),
  closing_reason text not null default '',
  risk_flags text[] not null default '{}',
  version integer not null default 1,
  created_by uuid references users(id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((status = 'closed') = (closed_on is not null))
);
create index cases_org_updated_idx on cases (org_id, updated_at desc);
create index cases_org_branch_status_idx on cases (org_id, branch_id, status);
create index cases_family_idx on cases (family_id);
create index cases_lead_idx on cases (lead_id, status);

create table case_team (
  org_id uuid not null references organizations(id),
  case_id uuid not null references cases(id) on delete cascade,
  user_id uuid not null references users(id),
  role text not null check (role in ('lead', 'case_worker', 'psychologist', 'lawyer', 'shelter_admin', 'volunteer', 'mentor', 'other')),
  primary key (case_id, user_id, role)
);
create index case_team_user_idx on case_team (user_id, case_id);

-- The case history: appended, never updated or deleted (the app role has no grant to do so).
create table case_events (
  id bigint generated always as identity primary key,
  org_id uuid not null references organizations(id),
  case_id uuid not null references cases(id),
  at timestamptz not null default now(),
  actor_id uuid references users(id),
  kind text not null,
  data jsonb not null default '{}'
);
create index case_events_case_idx on case_events (case_id, at desc);
create trigger case_events_append_only before update or delete on case_events
  for each row execute function hearth_reject_change();

create table files (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organizations(id),
  file_name text not null,
  mime_type text not null,
  size integer not null,
  content bytea not null,
  uploaded_by uuid references users(id),
  created_at timestamptz not null default now()
);

create table consents (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organizations(id),
  family_id uuid not null references families(id) on delete cascade,
  member_id uuid not null references members(id) on delete cascade,
  kind text not null check (kind in ('personal_data', 'special_categories', 'third_party_disclosure', 'photo_video')),
  given_on date not null,
  scope text not null,
  taken_by uuid not null references users(id),
  scan_file_id uuid references files(id),
  withdrawn_on date,
  created_at timestamptz not null default now(),
  check (withdrawn_on is null or withdrawn_on >= given_on)
);
create index consents_family_idx on consents (family_id);

-- Special-category and other sensitive data, kept apart from everything else so that every read
-- path can leave it out and every read that returns it is audited.
create table sensitive_notes (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organizations(id),
  family_id uuid not null references families(id) on delete cascade,
  member_id uuid references members(id) on delete cascade,
  section text not null check (section in ('health', 'mental_state', 'addiction', 'criminal_record', 'domestic_violence')),
  text text not null check (length(text) between 1 and 10000),
  override_reason text not null default '',
  recorded_by uuid not null references users(id),
  recorded_at timestamptz not null default now()
);
create index sensitive_notes_family_idx on sensitive_notes (family_id, section);

select hearth_tenant_table('families');
select hearth_tenant_table('members');
select hearth_tenant_table('social_contacts');
select hearth_tenant_table('referrals');
select hearth_tenant_table('cases');
select hearth_tenant_table('case_team');
select hearth_tenant_table('case_events');
select hearth_tenant_table('files');
select hearth_tenant_table('consents');
select hearth_tenant_table('sensitive_notes');

create or replace function hearth_grant_app() returns void language plpgsql as $$
begin
  execute 'grant usage on schema public to hearth_app';
  execute 'grant select, insert, update, delete on all tables in schema public to hearth_app';
  execute 'grant usage, select on all sequences in schema public to hearth_app';
  execute 'revoke update, delete, truncate on audit_log from hearth_app';
  execute 'revoke update, delete, truncate on case_events from hearth_app';
  execute 'revoke all on schema_migrations from hearth_app';
  execute 'revoke all on login_throttle from hearth_app';
end $$;
select hearth_grant_app();

-- Organisations created before this migration get the casework permissions of the built-in roles.
update roles r set permissions = array(select distinct p from unnest(r.permissions || d.extra) p order by p)
from (values
  ('coordinator', array['referrals.read', 'referrals.create', 'referrals.triage', 'families.read', 'families.manage', 'cases.read', 'cases.manage']),
  ('supervisor', array['referrals.read', 'referrals.create', 'referrals.triage', 'families.read', 'families.manage', 'cases.read', 'cases.manage']),
  ('case_worker', array['referrals.read', 'referrals.create', 'families.read', 'families.manage', 'cases.read']),
  ('psychologist', array['referrals.read', 'referrals.create', 'families.read', 'families.manage', 'cases.read']),
  ('lawyer', array['referrals.read', 'referrals.create', 'families.read', 'families.manage', 'cases.read']),
  ('shelter_admin', array['referrals.create']),
  ('volunteer', array['volunteer.families'])
) as d(code, extra)
where r.code = d.code;
