-- Indicators and results (issue 7): indicator definitions as versioned data.

-- Organisations created before this migration get the results permissions of the built-in roles.
update roles r set permissions = array(select distinct p from unnest(r.permissions || d.extra) p order by p)
from (values
  ('admin', array['indicators.read', 'indicators.manage']),
  ('me_officer', array['indicators.read', 'indicators.manage']),
  ('coordinator', array['indicators.read']),
  ('supervisor', array['indicators.read'])
) as d(code, extra)
where r.code = d.code;

-- An indicator keeps every version of its definition: editing appends a version (the old ones stay
-- readable), so a report can say which version produced a figure. `current_version` is also the
-- optimistic-concurrency version of the indicator.
create table indicators (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organizations(id),
  code text not null check (code ~ '^[a-z][a-z0-9_]{0,59}$'),
  current_version integer not null default 1,
  retired boolean not null default false,
  shipped boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, code)
);

create table indicator_versions (
  org_id uuid not null references organizations(id),
  indicator_id uuid not null references indicators(id),
  version integer not null check (version >= 1),
  definition jsonb not null,
  created_by uuid references users(id),
  created_at timestamptz not null default now(),
  primary key (indicator_id, version)
);

-- The engine reads a programme's cases by admission date (cases overlapping a period).
create index cases_org_programme_opened_idx on cases (org_id, programme_id, opened_on);
-- "Improved since the first assessment" looks up a person's earlier assessments of a template.
create index assessments_member_idx on assessments (member_id, conducted_on) where member_id is not null;

select hearth_tenant_table('indicators');
select hearth_tenant_table('indicator_versions');
select hearth_grant_app();
