-- Trainings, internships and supervision for specialists, and consultations given to external
-- specialists (issue 15, points 4 and 5). Builds on 0032 (partners, external_specialists).
--
-- A training belongs to the branch that holds it (who reaches it) and may count towards a programme.
-- Its sessions carry their date and hours; participants are external specialists or the
-- organisation's own staff, with attendance per session, pre- and post-test scores, the day they
-- completed (judged by the event's own rule: min_hours, min_post_score) and a certificate numbered
-- per organisation and year of issue ("2026-0001", unique by (org_id, certificate_year,
-- certificate_seq)). A consultation for specialists may name the case of the family whose child it
-- concerns; its case_note is read only by those who reach that case.
-- Every table is keyed by (org_id, id) with composite foreign keys (see 0019).

create table trainings (
  id uuid not null default gen_random_uuid(),
  org_id uuid not null references organizations(id),
  branch_id uuid not null,
  programme_id uuid,
  kind text not null check (kind in ('seminar', 'webinar', 'course', 'internship', 'methodological_consultation', 'supervision', 'conference')),
  title text not null check (length(title) between 1 and 300),
  curriculum text not null default '' check (length(curriculum) <= 10000),
  starts_on date not null,
  ends_on date not null,
  hours numeric(7, 2) not null check (hours > 0 and hours <= 1000),
  place text not null default '' check (length(place) <= 500),
  online boolean not null default false,
  teaches_case_management boolean not null default false,
  min_hours numeric(7, 2) not null default 0 check (min_hours >= 0),
  min_post_score numeric(5, 2) check (min_post_score between 0 and 100),
  created_by uuid not null,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (org_id, id),
  foreign key (org_id, branch_id) references branches (org_id, id),
  foreign key (org_id, programme_id) references programmes (org_id, id),
  foreign key (org_id, created_by) references users (org_id, id),
  constraint trainings_dates check (ends_on >= starts_on),
  constraint trainings_rule_within_length check (min_hours <= hours)
);
create index trainings_branch_idx on trainings (org_id, branch_id, starts_on desc);
create index trainings_dates_idx on trainings (org_id, starts_on, ends_on);

create table training_trainers (
  id uuid not null default gen_random_uuid(),
  org_id uuid not null references organizations(id),
  training_id uuid not null,
  position integer not null,
  user_id uuid,
  specialist_id uuid,
  primary key (org_id, id),
  foreign key (org_id, training_id) references trainings (org_id, id) on delete cascade,
  foreign key (org_id, user_id) references users (org_id, id),
  foreign key (org_id, specialist_id) references external_specialists (org_id, id),
  check ((user_id is null) <> (specialist_id is null))
);
create index training_trainers_training_idx on training_trainers (org_id, training_id);

create table training_sessions (
  id uuid not null default gen_random_uuid(),
  org_id uuid not null references organizations(id),
  training_id uuid not null,
  held_on date not null,
  hours numeric(6, 2) not null check (hours > 0 and hours <= 24),
  topic text not null default '' check (length(topic) <= 500),
  version integer not null default 1,
  created_at timestamptz not null default now(),
  primary key (org_id, id),
  foreign key (org_id, training_id) references trainings (org_id, id)
);
create index training_sessions_training_idx on training_sessions (org_id, training_id, held_on);
create index training_sessions_date_idx on training_sessions (org_id, held_on);

create table training_participants (
  id uuid not null default gen_random_uuid(),
  org_id uuid not null references organizations(id),
  training_id uuid not null,
  user_id uuid,
  specialist_id uuid,
  registered_on date not null,
  pre_score numeric(5, 2) check (pre_score between 0 and 100),
  post_score numeric(5, 2) check (post_score between 0 and 100),
  completed_on date,
  certificate_year integer,
  certificate_seq integer,
  certificate_number text,
  certificate_issued_on date,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  primary key (org_id, id),
  foreign key (org_id, training_id) references trainings (org_id, id),
  foreign key (org_id, user_id) references users (org_id, id),
  foreign key (org_id, specialist_id) references external_specialists (org_id, id),
  check ((user_id is null) <> (specialist_id is null)),
  -- A certificate only for someone who completed, issued no earlier than the completion.
  constraint training_participants_certificate check (
    (certificate_number is null and certificate_year is null and certificate_seq is null and certificate_issued_on is null)
    or (certificate_number is not null and certificate_year is not null and certificate_seq > 0
      and certificate_issued_on is not null and completed_on is not null and certificate_issued_on >= completed_on)),
  unique (org_id, certificate_year, certificate_seq),
  unique (org_id, certificate_number)
);
create unique index training_participants_specialist_key on training_participants (org_id, training_id, specialist_id) where specialist_id is not null;
create unique index training_participants_user_key on training_participants (org_id, training_id, user_id) where user_id is not null;
create index training_participants_training_idx on training_participants (org_id, training_id);
create index training_participants_completed_idx on training_participants (org_id, completed_on) where completed_on is not null;
create index training_participants_specialist_idx on training_participants (org_id, specialist_id) where specialist_id is not null;

-- Presence at a session: one row per participant present (absent: no row).
create table training_attendance (
  org_id uuid not null references organizations(id),
  session_id uuid not null,
  participant_id uuid not null,
  primary key (org_id, session_id, participant_id),
  foreign key (org_id, session_id) references training_sessions (org_id, id),
  foreign key (org_id, participant_id) references training_participants (org_id, id)
);
create index training_attendance_participant_idx on training_attendance (org_id, participant_id);

create table specialist_consultations (
  id uuid not null default gen_random_uuid(),
  org_id uuid not null references organizations(id),
  branch_id uuid not null,
  programme_id uuid,
  given_on date not null,
  minutes integer not null check (minutes between 5 and 480),
  topic text not null check (length(topic) between 1 and 500),
  case_id uuid,
  case_note text not null default '' check (length(case_note) <= 4000),
  given_by uuid not null,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (org_id, id),
  foreign key (org_id, branch_id) references branches (org_id, id),
  foreign key (org_id, programme_id) references programmes (org_id, id),
  foreign key (org_id, case_id) references cases (org_id, id),
  foreign key (org_id, given_by) references users (org_id, id),
  check (case_id is not null or case_note = '')
);
create index specialist_consultations_branch_idx on specialist_consultations (org_id, branch_id, given_on desc);
create index specialist_consultations_date_idx on specialist_consultations (org_id, given_on);
create index specialist_consultations_case_idx on specialist_consultations (org_id, case_id) where case_id is not null;

create table specialist_consultation_people (
  org_id uuid not null references organizations(id),
  consultation_id uuid not null,
  specialist_id uuid not null,
  primary key (org_id, consultation_id, specialist_id),
  foreign key (org_id, consultation_id) references specialist_consultations (org_id, id) on delete cascade,
  foreign key (org_id, specialist_id) references external_specialists (org_id, id)
);
create index specialist_consultation_people_specialist_idx on specialist_consultation_people (org_id, specialist_id);

select hearth_tenant_table('trainings');
select hearth_tenant_table('training_trainers');
select hearth_tenant_table('training_sessions');
select hearth_tenant_table('training_participants');
select hearth_tenant_table('training_attendance');
select hearth_tenant_table('specialist_consultations');
select hearth_tenant_table('specialist_consultation_people');
select hearth_grant_app();

-- Organisations created before this migration get the trainings permissions of the built-in roles.
update roles r set permissions = array(select distinct p from unnest(r.permissions || d.extra) p order by p)
from (values
  ('coordinator', array['trainings.read', 'trainings.manage']),
  ('supervisor', array['trainings.read', 'trainings.manage']),
  ('case_worker', array['trainings.read', 'trainings.manage']),
  ('psychologist', array['trainings.read', 'trainings.manage']),
  ('lawyer', array['trainings.read', 'trainings.manage']),
  ('me_officer', array['trainings.read'])
) as d(code, extra)
where r.code = d.code;
