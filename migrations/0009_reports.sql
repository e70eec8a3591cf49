-- Plan vs actual (issue 7): targets per programme, period and indicator (in total and per branch),
-- a short narrative per indicator for the funder's report, and the organisation's small-cell
-- threshold for exports meant for outside.

create table indicator_targets (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organizations(id),
  programme_id uuid not null references programmes(id),
  indicator_id uuid not null references indicators(id),
  period_start date not null,
  period_end date not null,
  -- Null: the programme total; otherwise the branch's share of the plan.
  branch_id uuid references branches(id),
  planned numeric(14, 2) not null check (planned >= 0),
  version integer not null default 1,
  updated_by uuid references users(id),
  updated_at timestamptz not null default now(),
  check (period_end >= period_start),
  unique nulls not distinct (org_id, programme_id, indicator_id, period_start, period_end, branch_id)
);
-- The report reads one programme's targets of one period: the unique index above serves it too.

create table report_narratives (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organizations(id),
  programme_id uuid not null references programmes(id),
  indicator_id uuid not null references indicators(id),
  period_start date not null,
  period_end date not null,
  text text not null default '' check (length(text) <= 4000),
  version integer not null default 1,
  updated_by uuid references users(id),
  updated_at timestamptz not null default now(),
  check (period_end >= period_start),
  unique (org_id, programme_id, indicator_id, period_start, period_end)
);

-- The organisation's report settings: counts below the threshold are shown as "<N" in exports meant
-- for outside (a small number can point at a family). Kept apart from the organisation row so that
-- changing it does not make the organisation page's form stale. No row = the defaults.
create table report_settings (
  org_id uuid primary key references organizations(id),
  small_cell_threshold integer not null default 5 check (small_cell_threshold between 1 and 100),
  version integer not null default 1,
  updated_by uuid references users(id),
  updated_at timestamptz not null default now()
);

select hearth_tenant_table('indicator_targets');
select hearth_tenant_table('report_narratives');
select hearth_tenant_table('report_settings');
select hearth_grant_app();
