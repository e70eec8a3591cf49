-- Away profile shifts (issue 14, point 6): a residential event of several days with its venue and
-- programme, specialists, participants (members of the families who came, and mentors), the programme
-- of each day, attendance per day, the diagnostic of participants at the start and at the end (filled
-- from the organisation's assessment templates), the analysis and the written summary of results.
-- Consultations given during a shift are services linked to it (services.shift_id), so they count in
-- the hours of consultations like any other.
--
-- Mentors taking part are mentors of the register (0029: resource families, specialists, volunteers).
-- Every table is keyed by (org_id, id) with composite foreign keys (see 0019).

create table shifts (
  id uuid not null default gen_random_uuid(),
  org_id uuid not null references organizations(id),
  branch_id uuid not null,
  programme_id uuid not null,
  title text not null check (length(title) between 1 and 200),
  venue text not null check (length(venue) between 1 and 300),
  description text not null default '' check (length(description) <= 5000),
  starts_on date not null,
  ends_on date not null,
  -- The analyst's conclusion (the change per participant and scale is computed from the diagnostics).
  analysis text not null default '' check (length(analysis) <= 20000),
  analysed_on date,
  analysed_by uuid,
  summary text not null default '' check (length(summary) <= 20000),
  summary_on date,
  summary_by uuid,
  created_by uuid not null,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (org_id, id),
  foreign key (org_id, branch_id) references branches (org_id, id),
  foreign key (org_id, programme_id) references programmes (org_id, id),
  foreign key (org_id, analysed_by) references users (org_id, id),
  foreign key (org_id, summary_by) references users (org_id, id),
  foreign key (org_id, created_by) references users (org_id, id),
  constraint shifts_dates_order check (ends_on >= starts_on),
  constraint shifts_length check (ends_on - starts_on < 31),
  check ((analysis = '') = (analysed_on is null)),
  check ((summary = '') = (summary_on is null))
);
create index shifts_ends_idx on shifts (org_id, ends_on);
create index shifts_branch_idx on shifts (org_id, branch_id, starts_on);

create table shift_specialists (
  org_id uuid not null references organizations(id),
  shift_id uuid not null,
  user_id uuid not null,
  primary key (org_id, shift_id, user_id),
  foreign key (org_id, shift_id) references shifts (org_id, id),
  foreign key (org_id, user_id) references users (org_id, id)
);
create index shift_specialists_user_idx on shift_specialists (org_id, user_id);

-- A person at the shift: a member of a participating family (with the case through which the family
-- takes part), or a mentor of the register.
create table shift_participants (
  id uuid not null default gen_random_uuid(),
  org_id uuid not null references organizations(id),
  shift_id uuid not null,
  kind text not null check (kind in ('member', 'mentor')),
  case_id uuid,
  member_id uuid,
  mentor_id uuid,
  created_at timestamptz not null default now(),
  primary key (org_id, id),
  foreign key (org_id, shift_id) references shifts (org_id, id),
  foreign key (org_id, case_id) references cases (org_id, id),
  foreign key (org_id, member_id) references members (org_id, id),
  foreign key (org_id, mentor_id) references mentors (org_id, id),
  check ((kind = 'member') = (case_id is not null and member_id is not null)),
  check ((kind = 'mentor') = (mentor_id is not null)),
  check (kind = 'member' or (case_id is null and member_id is null))
);
create unique index shift_participants_member_key on shift_participants (org_id, shift_id, member_id) where member_id is not null;
create unique index shift_participants_mentor_key on shift_participants (org_id, shift_id, mentor_id) where mentor_id is not null;
create index shift_participants_case_idx on shift_participants (org_id, case_id) where case_id is not null;

-- The programme of each day (a day without a row has none written yet).
create table shift_days (
  org_id uuid not null references organizations(id),
  shift_id uuid not null,
  day date not null,
  programme text not null default '' check (length(programme) <= 5000),
  version integer not null default 1,
  primary key (org_id, shift_id, day),
  foreign key (org_id, shift_id) references shifts (org_id, id)
);

-- Who was there on each day.
create table shift_attendance (
  org_id uuid not null references organizations(id),
  shift_id uuid not null,
  day date not null,
  participant_id uuid not null,
  primary key (org_id, shift_id, day, participant_id),
  foreign key (org_id, shift_id) references shifts (org_id, id),
  foreign key (org_id, participant_id) references shift_participants (org_id, id) on delete cascade
);

-- The diagnostic at the start and at the end: an assessment filled from a template version, of a
-- participating family (member_id null) or of one of its members, scored by the assessment rules.
create table shift_diagnostics (
  id uuid not null default gen_random_uuid(),
  org_id uuid not null references organizations(id),
  shift_id uuid not null,
  stage text not null check (stage in ('start', 'end')),
  case_id uuid not null,
  member_id uuid,
  template_id uuid not null,
  template_code text not null,
  conducted_on date not null,
  conducted_by uuid not null,
  answers jsonb not null,
  scores jsonb not null,
  notes text not null default '' check (length(notes) <= 5000),
  created_at timestamptz not null default now(),
  primary key (org_id, id),
  foreign key (org_id, shift_id) references shifts (org_id, id),
  foreign key (org_id, case_id) references cases (org_id, id),
  foreign key (org_id, member_id) references members (org_id, id),
  foreign key (org_id, template_id) references assessment_templates (org_id, id),
  foreign key (org_id, conducted_by) references users (org_id, id),
  constraint shift_diagnostics_once unique nulls not distinct (org_id, shift_id, stage, case_id, member_id, template_code)
);

-- Consultations given during a shift: ordinary services that name it.
alter table services add column shift_id uuid;
alter table services add foreign key (org_id, shift_id) references shifts (org_id, id);
create index services_shift_idx on services (org_id, shift_id) where shift_id is not null;

select hearth_tenant_table('shifts');
select hearth_tenant_table('shift_specialists');
select hearth_tenant_table('shift_participants');
select hearth_tenant_table('shift_days');
select hearth_tenant_table('shift_attendance');
select hearth_tenant_table('shift_diagnostics');
select hearth_grant_app();

-- Organisations created before this migration get the shift permissions of the built-in roles.
update roles r set permissions = array(select distinct p from unnest(r.permissions || d.extra) p order by p)
from (values
  ('coordinator', array['shifts.read', 'shifts.manage']),
  ('supervisor', array['shifts.read', 'shifts.manage']),
  ('case_worker', array['shifts.read', 'shifts.manage']),
  ('psychologist', array['shifts.read', 'shifts.manage']),
  ('lawyer', array['shifts.read', 'shifts.manage'])
) as d(code, extra)
where r.code = d.code;

-- Organisations created before this migration get the shipped indicator of shifts held with
-- diagnostics, analysis and summary (new ones get it from src/domain/indicators/shipped.ts when
-- created; the definition here is the same, as src/server/shifts/shifts.test.ts checks). An
-- organisation that already has an indicator of that code keeps its own.
with added as (
  insert into indicators (org_id, code, shipped)
  select o.id, 'away_shifts_with_summary', true from organizations o
  where not exists (select 1 from indicators i where i.org_id = o.id and i.code = 'away_shifts_with_summary')
  returning id, org_id
)
insert into indicator_versions (org_id, indicator_id, version, definition)
select a.org_id, a.id, 1, '{"code":"away_shifts_with_summary","name":{"ru":"Выездные профильные смены с диагностикой, анализом и итогами","en":"Away profile shifts held with diagnostics, analysis and summary"},"group":"work","measure":{"kind":"count","of":{"subject":"shifts","filters":[{"field":"held","values":["with_summary"]}]}},"disaggregations":["branch","programme"]}'::jsonb from added a;
