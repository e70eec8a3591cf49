-- Data protection in operation (issue 17, points 3–5): break-glass access to a case outside one's
-- reach, the breach register with its 24- and 72-hour notice deadlines, and the indexes that let
-- the audit answer "who saw what" at a million rows. (Backups, point 6, need no table: they are
-- files, and the instance's settings are environment variables.)

-- "Who saw what" (point 4). Everything one user did in a period reads audit_log_user_idx
-- (org_id, user_id, at desc) from 0001. Everyone who saw one person's data looks up the records of
-- that person (member, family, the family's cases) by id whatever their type, and the entries of a
-- case's sub-records that name the case or family in their details.
create index audit_log_record_id_idx on audit_log (org_id, record_id, at desc) where record_id <> '';
create index audit_log_case_detail_idx on audit_log (org_id, (details ->> 'caseId'), at desc) where details ? 'caseId';
create index audit_log_family_detail_idx on audit_log (org_id, (details ->> 'familyId'), at desc) where details ? 'familyId';

-- Break-glass (point 3): which roles may use it and for how long a grant lasts, per organisation.
-- Volunteers and mentors never may (checked here and in code).
create table breakglass_settings (
  org_id uuid not null references organizations(id),
  allowed_roles text[] not null default array['case_worker', 'psychologist', 'lawyer', 'coordinator', 'supervisor'],
  minutes integer not null default 60 check (minutes between 5 and 480),
  version integer not null default 1,
  updated_by uuid,
  updated_at timestamptz not null default now(),
  primary key (org_id),
  foreign key (org_id, updated_by) references users (org_id, id),
  check (not (allowed_roles && array['volunteer', 'mentor']))
);

-- A grant: one user, one case, a reason (mandatory; kept here, never in the audit), granted for a
-- short time. The case's scope (cases/scope.ts) reaches the case while expires_at is ahead. The
-- review: pending until a reviewer (coordinator or supervisor of the case's branch) marks it
-- justified or misuse.
create table breakglass_grants (
  id uuid not null default gen_random_uuid(),
  org_id uuid not null references organizations(id),
  case_id uuid not null,
  user_id uuid not null,
  reason text not null check (length(btrim(reason)) between 10 and 2000),
  granted_at timestamptz not null default now(),
  expires_at timestamptz not null,
  review text not null default 'pending' check (review in ('pending', 'justified', 'misuse')),
  review_note text not null default '' check (length(review_note) <= 2000),
  reviewed_by uuid,
  reviewed_at timestamptz,
  version integer not null default 1,
  primary key (org_id, id),
  foreign key (org_id, case_id) references cases (org_id, id),
  foreign key (org_id, user_id) references users (org_id, id),
  foreign key (org_id, reviewed_by) references users (org_id, id),
  check (expires_at > granted_at)
);
create index breakglass_grants_user_idx on breakglass_grants (user_id, expires_at desc, case_id);
create index breakglass_grants_case_idx on breakglass_grants (org_id, case_id, granted_at desc);
create index breakglass_grants_review_idx on breakglass_grants (org_id, review, granted_at desc);

-- The breach register (point 5; 152-FZ art. 21 p. 3.1: the regulator is told within 24 hours of the
-- discovery of an unlawful transfer of personal data, and within 72 hours of the results of the
-- internal investigation). discovered_at is typed in after the fact; the deadlines count from it.
create table breaches (
  id uuid not null default gen_random_uuid(),
  org_id uuid not null references organizations(id),
  discovered_at timestamptz not null,
  title text not null check (length(btrim(title)) between 1 and 300),
  description text not null default '' check (length(description) <= 10000),
  data_categories text[] not null default '{}' check (data_categories <@ array['identity', 'contacts', 'address',
    'documents', 'family', 'health', 'mental_health', 'addiction', 'criminal_record', 'violence', 'children', 'financial', 'other']),
  people_affected integer check (people_affected between 0 and 10000000),
  measures text not null default '' check (length(measures) <= 10000),
  responsible_id uuid not null,
  notice_24h_on timestamptz,
  notice_72h_on timestamptz,
  closed_at timestamptz,
  version integer not null default 1,
  created_by uuid not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (org_id, id),
  foreign key (org_id, responsible_id) references users (org_id, id),
  foreign key (org_id, created_by) references users (org_id, id),
  check (notice_24h_on is null or notice_24h_on >= discovered_at),
  check (notice_72h_on is null or notice_72h_on >= discovered_at),
  check (closed_at is null or closed_at >= discovered_at)
);
create index breaches_discovered_idx on breaches (org_id, discovered_at desc);
create index breaches_responsible_open_idx on breaches (org_id, responsible_id) where notice_24h_on is null or notice_72h_on is null;

select hearth_tenant_table('breakglass_settings');
select hearth_tenant_table('breakglass_grants');
select hearth_tenant_table('breaches');
select hearth_grant_app();

-- Organisations created before this migration get the new permissions of the built-in roles.
update roles r set permissions = array(select distinct p from unnest(r.permissions || d.extra) p order by p)
from (values
  ('admin', array['backup.manage', 'breaches.manage']),
  ('coordinator', array['breakglass.review']),
  ('supervisor', array['breakglass.review'])
) as d(code, extra)
where r.code = d.code;
