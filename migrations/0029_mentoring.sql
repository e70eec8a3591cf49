-- Family mentoring (issue 14): the register of mentors with their status path, the training
-- programme as data, cohorts with trainers, attendance and the primary diagnostic, matches of a
-- mentor with a family's case, the mentoring log (with the concerns a mentor raises) and the group
-- supervision of mentors. A mentor who signs in (the shipped role 'mentor') reaches only their own
-- matches, through mentors.user_id.
-- Every table is keyed by (org_id, id) with composite foreign keys (see 0019).

create table mentors (
  id uuid not null default gen_random_uuid(),
  org_id uuid not null references organizations(id),
  branch_id uuid not null,
  kind text not null check (kind in ('resource_family', 'specialist', 'volunteer')),
  display_name text not null check (length(display_name) between 1 and 200),
  -- A resource family that was once a client: its own family record and earlier case (kept both ways).
  family_id uuid,
  former_case_id uuid,
  -- The account the mentor signs in with.
  user_id uuid,
  phone text not null default '' check (length(phone) <= 40),
  email text not null default '' check (length(email) <= 254),
  locality text not null default '' check (length(locality) <= 200),
  experience text[] not null default '{}',
  capacity integer not null check (capacity between 1 and 10),
  status text not null default 'candidate' check (status in ('candidate', 'in_training', 'trained', 'active', 'paused', 'withdrawn')),
  status_on date not null,
  registered_on date not null,
  trained_on date,
  note text not null default '' check (length(note) <= 2000),
  version integer not null default 1,
  created_by uuid,
  created_at timestamptz not null default now(),
  primary key (org_id, id),
  foreign key (org_id, branch_id) references branches (org_id, id),
  foreign key (org_id, family_id) references families (org_id, id),
  foreign key (org_id, former_case_id) references cases (org_id, id),
  foreign key (org_id, user_id) references users (org_id, id),
  foreign key (org_id, created_by) references users (org_id, id),
  check (experience <@ array['large_family', 'child_disability', 'single_parent', 'addiction_recovery', 'crisis_pregnancy',
    'young_mother', 'foster_family', 'domestic_violence', 'housing_loss', 'unemployment', 'migration', 'bereavement']),
  check (kind = 'resource_family' or (family_id is null and former_case_id is null)),
  check (former_case_id is null or family_id is not null),
  check (status_on >= registered_on)
);
create unique index mentors_user_key on mentors (org_id, user_id) where user_id is not null;
create index mentors_branch_status_idx on mentors (org_id, branch_id, status);
create index mentors_family_idx on mentors (org_id, family_id) where family_id is not null;
create index mentors_former_case_idx on mentors (org_id, former_case_id) where former_case_id is not null;

-- The status path with dates and reasons, appended.
create table mentor_status_changes (
  id uuid not null default gen_random_uuid(),
  org_id uuid not null references organizations(id),
  mentor_id uuid not null,
  from_status text,
  to_status text not null,
  changed_on date not null,
  reason text not null default '' check (length(reason) <= 1000),
  changed_by uuid,
  created_at timestamptz not null default now(),
  primary key (org_id, id),
  foreign key (org_id, mentor_id) references mentors (org_id, id),
  foreign key (org_id, changed_by) references users (org_id, id)
);
create index mentor_status_changes_mentor_idx on mentor_status_changes (org_id, mentor_id, changed_on);
create index mentor_status_changes_to_idx on mentor_status_changes (org_id, to_status, changed_on);

-- The training programme as data: its sessions (title, hours) and the completion rule.
create table mentor_training_programmes (
  id uuid not null default gen_random_uuid(),
  org_id uuid not null references organizations(id),
  name text not null check (length(name) between 1 and 200),
  sessions jsonb not null,
  min_sessions integer not null check (min_sessions >= 1),
  diagnostic_template_code text not null,
  diagnostic_pass_score numeric(10, 2) not null check (diagnostic_pass_score >= 0),
  active boolean not null default true,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  primary key (org_id, id),
  check (jsonb_typeof(sessions) = 'array' and min_sessions <= jsonb_array_length(sessions))
);

create table mentor_cohorts (
  id uuid not null default gen_random_uuid(),
  org_id uuid not null references organizations(id),
  programme_id uuid not null,
  branch_id uuid not null,
  name text not null check (length(name) between 1 and 200),
  starts_on date not null,
  ends_on date not null,
  created_by uuid,
  created_at timestamptz not null default now(),
  primary key (org_id, id),
  foreign key (org_id, programme_id) references mentor_training_programmes (org_id, id),
  foreign key (org_id, branch_id) references branches (org_id, id),
  foreign key (org_id, created_by) references users (org_id, id),
  check (ends_on >= starts_on)
);

create table mentor_cohort_trainers (
  org_id uuid not null references organizations(id),
  cohort_id uuid not null,
  user_id uuid not null,
  primary key (org_id, cohort_id, user_id),
  foreign key (org_id, cohort_id) references mentor_cohorts (org_id, id),
  foreign key (org_id, user_id) references users (org_id, id)
);

create table mentor_cohort_members (
  id uuid not null default gen_random_uuid(),
  org_id uuid not null references organizations(id),
  cohort_id uuid not null,
  mentor_id uuid not null,
  enrolled_on date not null,
  -- The funder's figure: completion of the programme and the primary diagnostic, on this date.
  completed_on date,
  primary key (org_id, id),
  unique (org_id, cohort_id, mentor_id),
  foreign key (org_id, cohort_id) references mentor_cohorts (org_id, id),
  foreign key (org_id, mentor_id) references mentors (org_id, id)
);
create index mentor_cohort_members_mentor_idx on mentor_cohort_members (org_id, mentor_id);
create index mentor_cohort_members_completed_idx on mentor_cohort_members (org_id, completed_on) where completed_on is not null;

-- A session of a cohort held on a day, and who attended it.
create table mentor_cohort_sessions (
  id uuid not null default gen_random_uuid(),
  org_id uuid not null references organizations(id),
  cohort_id uuid not null,
  session_no integer not null check (session_no between 1 and 50),
  held_on date not null,
  primary key (org_id, id),
  unique (org_id, cohort_id, session_no),
  foreign key (org_id, cohort_id) references mentor_cohorts (org_id, id)
);

create table mentor_attendance (
  org_id uuid not null references organizations(id),
  cohort_session_id uuid not null,
  mentor_id uuid not null,
  primary key (org_id, cohort_session_id, mentor_id),
  foreign key (org_id, cohort_session_id) references mentor_cohort_sessions (org_id, id) on delete cascade,
  foreign key (org_id, mentor_id) references mentors (org_id, id)
);
create index mentor_attendance_mentor_idx on mentor_attendance (org_id, mentor_id);

-- The primary diagnostic: an assessment by a template (data), scored, passed against the programme's score.
create table mentor_diagnostics (
  id uuid not null default gen_random_uuid(),
  org_id uuid not null references organizations(id),
  mentor_id uuid not null,
  cohort_id uuid not null,
  template_id uuid not null,
  conducted_on date not null,
  answers jsonb not null,
  scores jsonb not null,
  score numeric(10, 2) not null,
  passed boolean not null,
  conducted_by uuid,
  created_at timestamptz not null default now(),
  primary key (org_id, id),
  foreign key (org_id, mentor_id) references mentors (org_id, id),
  foreign key (org_id, cohort_id) references mentor_cohorts (org_id, id),
  foreign key (org_id, template_id) references assessment_templates (org_id, id),
  foreign key (org_id, conducted_by) references users (org_id, id)
);
create index mentor_diagnostics_mentor_idx on mentor_diagnostics (org_id, mentor_id, conducted_on);

-- A mentor with a family (its case): proposed → active (both sides agreed) → ended (with a reason).
create table mentor_matches (
  id uuid not null default gen_random_uuid(),
  org_id uuid not null references organizations(id),
  case_id uuid not null,
  mentor_id uuid not null,
  role text not null check (role in ('mentor_family', 'mentoring_specialist')),
  status text not null default 'proposed' check (status in ('proposed', 'active', 'ended')),
  proposed_on date not null,
  family_agreed_on date,
  mentor_agreed_on date,
  started_on date,
  ended_on date,
  end_reason text check (end_reason in ('goals_reached', 'did_not_fit', 'family_withdrew', 'mentor_withdrew')),
  note text not null default '' check (length(note) <= 2000),
  end_note text not null default '' check (length(end_note) <= 2000),
  minutes integer not null default 0,
  version integer not null default 1,
  created_by uuid,
  created_at timestamptz not null default now(),
  primary key (org_id, id),
  foreign key (org_id, case_id) references cases (org_id, id),
  foreign key (org_id, mentor_id) references mentors (org_id, id),
  foreign key (org_id, created_by) references users (org_id, id),
  check (status <> 'active' or (started_on is not null and family_agreed_on is not null and mentor_agreed_on is not null)),
  check ((status = 'ended') = (ended_on is not null and end_reason is not null))
);
-- One running match per role per case: a mentor family and a mentoring specialist at most.
create unique index mentor_matches_running_key on mentor_matches (org_id, case_id, role) where status <> 'ended';
create index mentor_matches_mentor_idx on mentor_matches (org_id, mentor_id, status);
create index mentor_matches_case_idx on mentor_matches (org_id, case_id);

-- The mentoring log: meetings, calls, joint activities with their duration, entered by staff or the mentor.
create table mentoring_log (
  id uuid not null default gen_random_uuid(),
  org_id uuid not null references organizations(id),
  match_id uuid not null,
  case_id uuid not null,
  mentor_id uuid not null,
  kind text not null check (kind in ('meeting', 'call', 'joint_activity')),
  occurred_on date not null,
  duration_minutes integer not null check (duration_minutes between 1 and 1440),
  note text not null default '' check (length(note) <= 2000),
  -- A worry the mentor raised: the case lead sees it at once until acknowledged.
  concern text not null default '' check (length(concern) <= 2000),
  concern_acknowledged_on date,
  concern_acknowledged_by uuid,
  entered_by uuid not null,
  entered_by_mentor boolean not null,
  created_at timestamptz not null default now(),
  primary key (org_id, id),
  foreign key (org_id, match_id) references mentor_matches (org_id, id),
  foreign key (org_id, case_id) references cases (org_id, id),
  foreign key (org_id, mentor_id) references mentors (org_id, id),
  foreign key (org_id, entered_by) references users (org_id, id),
  foreign key (org_id, concern_acknowledged_by) references users (org_id, id)
);
create index mentoring_log_match_idx on mentoring_log (org_id, match_id, occurred_on desc);
create index mentoring_log_date_idx on mentoring_log (org_id, occurred_on);
create index mentoring_log_concerns_idx on mentoring_log (org_id, case_id) where concern <> '' and concern_acknowledged_on is null;

-- The match's minutes, kept by the log (the mentor's list reads it on every view).
create function mentoring_log_minutes() returns trigger language plpgsql as $$
begin
  if tg_op in ('INSERT', 'UPDATE') then
    update mentor_matches set minutes = minutes + new.duration_minutes where org_id = new.org_id and id = new.match_id;
  end if;
  if tg_op in ('DELETE', 'UPDATE') then
    update mentor_matches set minutes = minutes - old.duration_minutes where org_id = old.org_id and id = old.match_id;
  end if;
  return null;
end $$;
create trigger mentoring_log_minutes after insert or update of duration_minutes, match_id or delete on mentoring_log
  for each row execute function mentoring_log_minutes();

-- Group supervision of mentors by a specialist, with the mentors' attendance.
create table mentor_supervisions (
  id uuid not null default gen_random_uuid(),
  org_id uuid not null references organizations(id),
  branch_id uuid not null,
  held_on date not null,
  duration_minutes integer not null check (duration_minutes between 15 and 600),
  topic text not null check (length(topic) between 1 and 300),
  summary text not null default '' check (length(summary) <= 4000),
  facilitator_id uuid not null,
  created_at timestamptz not null default now(),
  primary key (org_id, id),
  foreign key (org_id, branch_id) references branches (org_id, id),
  foreign key (org_id, facilitator_id) references users (org_id, id)
);
create index mentor_supervisions_branch_idx on mentor_supervisions (org_id, branch_id, held_on desc);

create table mentor_supervision_attendance (
  org_id uuid not null references organizations(id),
  supervision_id uuid not null,
  mentor_id uuid not null,
  primary key (org_id, supervision_id, mentor_id),
  foreign key (org_id, supervision_id) references mentor_supervisions (org_id, id),
  foreign key (org_id, mentor_id) references mentors (org_id, id)
);

select hearth_tenant_table('mentors');
select hearth_tenant_table('mentor_status_changes');
select hearth_tenant_table('mentor_training_programmes');
select hearth_tenant_table('mentor_cohorts');
select hearth_tenant_table('mentor_cohort_trainers');
select hearth_tenant_table('mentor_cohort_members');
select hearth_tenant_table('mentor_cohort_sessions');
select hearth_tenant_table('mentor_attendance');
select hearth_tenant_table('mentor_diagnostics');
select hearth_tenant_table('mentor_matches');
select hearth_tenant_table('mentoring_log');
select hearth_tenant_table('mentor_supervisions');
select hearth_tenant_table('mentor_supervision_attendance');
select hearth_grant_app();

-- Organisations created before this migration get the mentoring permissions of the built-in roles
-- and the shipped mentor role.
update roles r set permissions = array(select distinct p from unnest(r.permissions || d.extra) p order by p)
from (values
  ('coordinator', array['mentoring.read', 'mentoring.match', 'mentoring.manage']),
  ('supervisor', array['mentoring.read', 'mentoring.match', 'mentoring.manage']),
  ('case_worker', array['mentoring.read', 'mentoring.match']),
  ('psychologist', array['mentoring.read', 'mentoring.match']),
  ('lawyer', array['mentoring.read', 'mentoring.match'])
) as d(code, extra)
where r.code = d.code;

insert into roles (org_id, code, permissions)
select o.id, 'mentor', array['branches.read', 'mentoring.own', 'programmes.read'] from organizations o
on conflict do nothing;
