-- Assessments (templates as versioned data, assessments with answers and amendments) and
-- individual support plans (goals, tasks, reviews with snapshots).

alter table programmes add column first_plan_days integer not null default 14 check (first_plan_days between 1 and 365);

-- One row per template version; editing a template inserts a new version, so past assessments keep
-- the definition they were made with.
create table assessment_templates (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organizations(id),
  code text not null,
  version integer not null,
  definition jsonb not null,
  active boolean not null default true,
  is_current boolean not null default true,
  created_by uuid references users(id),
  created_at timestamptz not null default now(),
  unique (org_id, code, version)
);
create unique index assessment_templates_current_idx on assessment_templates (org_id, code) where is_current;

create table assessments (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organizations(id),
  case_id uuid not null references cases(id),
  template_id uuid not null references assessment_templates(id),
  member_id uuid references members(id),
  conducted_on date not null,
  conducted_by uuid not null references users(id),
  answers jsonb not null,
  -- Scores as computed when completed (and after each amendment), per domain: [{domain, score, level, answered}].
  scores jsonb not null,
  overall_level text check (overall_level in ('low', 'medium', 'high')),
  notes text not null default '',
  created_at timestamptz not null default now()
);
create index assessments_case_idx on assessments (case_id, conducted_on);

-- A completed assessment is never edited in place: a correction is an amendment, visible to all.
create table assessment_amendments (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organizations(id),
  assessment_id uuid not null references assessments(id),
  answers jsonb not null,
  reason text not null,
  amended_by uuid not null references users(id),
  at timestamptz not null default now()
);
create index assessment_amendments_idx on assessment_amendments (assessment_id, at);

create table plans (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organizations(id),
  case_id uuid not null unique references cases(id),
  desired_future text not null,
  participants jsonb not null,
  start_on date not null,
  next_review_on date not null,
  version integer not null default 1,
  created_by uuid references users(id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (next_review_on >= start_on)
);

create table plan_goals (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organizations(id),
  plan_id uuid not null references plans(id) on delete cascade,
  position integer not null,
  domain text not null,
  title text not null,
  status text not null default 'open' check (status in ('open', 'achieved', 'not_achieved', 'cancelled')),
  from_assessment_id uuid references assessments(id)
);
create index plan_goals_plan_idx on plan_goals (plan_id, position);

create table plan_tasks (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organizations(id),
  plan_id uuid not null references plans(id) on delete cascade,
  goal_id uuid not null references plan_goals(id) on delete cascade,
  position integer not null,
  title text not null,
  responsible_kind text not null check (responsible_kind in ('staff', 'mother', 'relative', 'mentor', 'organization')),
  responsible_user_id uuid references users(id),
  responsible_name text not null default '',
  due_on date not null,
  status text not null default 'planned' check (status in ('planned', 'in_progress', 'done', 'not_done', 'cancelled')),
  note text not null default '',
  completed_on date,
  version integer not null default 1,
  check (responsible_kind <> 'staff' or responsible_user_id is not null)
);
create index plan_tasks_plan_idx on plan_tasks (plan_id, position);
create index plan_tasks_responsible_idx on plan_tasks (responsible_user_id, status, due_on);

create table plan_reviews (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organizations(id),
  plan_id uuid not null references plans(id) on delete cascade,
  reviewed_on date not null,
  reviewed_by uuid not null references users(id),
  participants jsonb not null,
  summary text not null,
  snapshot jsonb not null,
  changes jsonb not null default '[]',
  created_at timestamptz not null default now()
);
create index plan_reviews_plan_idx on plan_reviews (plan_id, reviewed_on);

select hearth_tenant_table('assessment_templates');
select hearth_tenant_table('assessments');
select hearth_tenant_table('assessment_amendments');
select hearth_tenant_table('plans');
select hearth_tenant_table('plan_goals');
select hearth_tenant_table('plan_tasks');
select hearth_tenant_table('plan_reviews');
-- Amendments and reviews are history: appended, never changed.
create or replace function hearth_grant_app() returns void language plpgsql as $$
begin
  execute 'grant usage on schema public to hearth_app';
  execute 'grant select, insert, update, delete on all tables in schema public to hearth_app';
  execute 'grant usage, select on all sequences in schema public to hearth_app';
  execute 'revoke update, delete, truncate on audit_log, case_events, assessment_amendments, plan_reviews from hearth_app';
  execute 'revoke all on schema_migrations, login_throttle from hearth_app';
end $$;
select hearth_grant_app();

update roles set permissions = array(select distinct p from unnest(permissions || array['templates.manage']) p order by p)
where code in ('admin', 'coordinator');
