-- Crisis housing: facilities (shelters, crisis apartments) per branch, their rooms and places
-- (beds for mothers, cots for children), closures for a period, stays from check-in to check-out
-- with each person's placement on a place, extensions, and the house journal.
--
-- No overbooking: a placement is the occupation of one place over [from_on, to_on) (to_on null =
-- still there). Check-in and moves lock the place rows (select … for update) before checking for an
-- overlapping placement, so two simultaneous check-ins to one place take turns and the second sees
-- the first (READ COMMITTED gives each statement a fresh snapshot after the lock is granted).

create table facilities (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organizations(id),
  branch_id uuid not null references branches(id),
  -- The programme whose admitted families wait for a place here (the waiting list).
  programme_id uuid references programmes(id),
  kind text not null check (kind in ('shelter', 'crisis_apartment')),
  name text not null check (length(name) between 1 and 200),
  -- Sensitive: shown only to holders of housing.address in the facility's branch.
  address text not null default '' check (length(address) <= 500),
  default_stay_months integer not null default 6 check (default_stay_months between 1 and 60),
  rules_version text not null default '' check (length(rules_version) <= 50),
  active boolean not null default true,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, name)
);
create index facilities_org_branch_idx on facilities (org_id, branch_id);

create table rooms (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organizations(id),
  facility_id uuid not null references facilities(id),
  name text not null check (length(name) between 1 and 100),
  active boolean not null default true,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  unique (facility_id, name)
);

create table places (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organizations(id),
  facility_id uuid not null references facilities(id),
  room_id uuid not null references rooms(id),
  kind text not null check (kind in ('mother', 'child')),
  label text not null check (length(label) between 1 and 100),
  active boolean not null default true,
  created_at timestamptz not null default now(),
  unique (room_id, label)
);
create index places_facility_idx on places (facility_id, room_id);

-- A facility (room_id null) or one room out of use for a period, both ends included.
create table housing_closures (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organizations(id),
  facility_id uuid not null references facilities(id),
  room_id uuid references rooms(id),
  starts_on date not null,
  ends_on date not null,
  reason text not null check (length(reason) between 1 and 500),
  created_by uuid references users(id),
  created_at timestamptz not null default now(),
  check (ends_on >= starts_on)
);
create index housing_closures_facility_idx on housing_closures (facility_id, starts_on);

create table stays (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organizations(id),
  facility_id uuid not null references facilities(id),
  branch_id uuid not null references branches(id),
  case_id uuid not null references cases(id),
  family_id uuid not null references families(id),
  -- A return: the family's previous stay.
  previous_stay_id uuid references stays(id),
  check_in_on date not null,
  planned_leave_on date not null,
  check_out_on date,
  leave_reason text check (leave_reason in ('graduated', 'to_relatives', 'shared_rent', 'home_country', 'other_shelter',
    'left_voluntarily', 'asked_to_leave', 'hospital')),
  leave_note text not null default '' check (length(leave_note) <= 2000),
  version integer not null default 1,
  created_by uuid references users(id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (planned_leave_on > check_in_on),
  check (check_out_on is null or check_out_on >= check_in_on),
  check ((check_out_on is null) = (leave_reason is null))
);
create index stays_facility_idx on stays (org_id, facility_id, check_in_on);
create index stays_open_idx on stays (org_id, facility_id) where check_out_on is null;
create index stays_checkout_idx on stays (org_id, check_out_on) where check_out_on is not null;
create index stays_case_idx on stays (case_id);
create index stays_family_idx on stays (family_id, check_in_on desc);

-- Who sleeps where: one person of the stay on one place over [from_on, to_on).
create table placements (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organizations(id),
  stay_id uuid not null references stays(id),
  facility_id uuid not null references facilities(id),
  member_id uuid not null references members(id),
  place_id uuid not null references places(id),
  -- Copied from the place and the person, so occupancy figures need no join over people.
  kind text not null check (kind in ('mother', 'child')),
  person text not null check (person in ('woman', 'child')),
  from_on date not null,
  to_on date,
  check (to_on is null or to_on >= from_on)
);
create index placements_place_idx on placements (place_id, from_on);
create index placements_stay_idx on placements (stay_id);
create index placements_open_idx on placements (org_id, facility_id) where to_on is null;
create index placements_member_idx on placements (member_id) where to_on is null;
-- Who is there on a date / within a period: the open placements, and the ended ones by their end.
-- (Queries say "to_on is null or to_on > d" rather than coalesce(): under row-level security only
-- leakproof conditions may use an index, and coalesce() does not count as one.)
create index placements_ended_idx on placements (org_id, to_on) where to_on is not null;
create index placements_facility_idx on placements (facility_id, from_on);

create table stay_extensions (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organizations(id),
  stay_id uuid not null references stays(id),
  from_on date not null,
  to_on date not null,
  reason text not null check (length(reason) between 1 and 1000),
  created_by uuid references users(id),
  created_at timestamptz not null default now()
);
create index stay_extensions_stay_idx on stay_extensions (stay_id);

-- The house journal: the administrators' shift journal (events, visitors, incidents, handover notes),
-- house-rules acknowledgements, rule violations with their consequence, the duty rota and child-care
-- notes. One table, one typed column per kind-specific field; CHECKs keep each kind complete.
create table house_journal (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organizations(id),
  facility_id uuid not null references facilities(id),
  kind text not null check (kind in ('event', 'visitor', 'incident', 'handover', 'rules_ack', 'violation', 'duty', 'child_care')),
  at timestamptz not null,
  shift text not null check (shift in ('day', 'night')),
  on_duty_id uuid not null references users(id),
  stay_id uuid references stays(id),
  member_id uuid references members(id),
  text text not null default '' check (length(text) <= 5000),
  rules_version text check (length(rules_version) <= 50),
  consequence text check (length(consequence) <= 1000),
  chore text check (length(chore) <= 200),
  duty_on date,
  carer text check (length(carer) <= 200),
  until_at timestamptz,
  recorded_by uuid not null references users(id),
  created_at timestamptz not null default now(),
  check (kind not in ('rules_ack', 'violation', 'duty', 'child_care') or stay_id is not null),
  check (kind <> 'rules_ack' or rules_version is not null),
  check (kind <> 'duty' or (chore is not null and duty_on is not null)),
  check (kind <> 'child_care' or (carer is not null and until_at is not null and until_at >= at))
);
create index house_journal_facility_idx on house_journal (org_id, facility_id, at desc);
create trigger house_journal_append_only before update or delete on house_journal
  for each row execute function hearth_reject_change();

select hearth_tenant_table('facilities');
select hearth_tenant_table('rooms');
select hearth_tenant_table('places');
select hearth_tenant_table('housing_closures');
select hearth_tenant_table('stays');
select hearth_tenant_table('placements');
select hearth_tenant_table('stay_extensions');
select hearth_tenant_table('house_journal');
select hearth_grant_app();

-- Organisations created before this migration get the housing permissions of the built-in roles.
update roles r set permissions = array(select distinct p from unnest(r.permissions || d.extra) p order by p)
from (values
  ('admin', array['housing.read', 'housing.manage', 'housing.address']),
  ('coordinator', array['housing.read', 'housing.manage', 'housing.stays', 'housing.journal', 'housing.address']),
  ('supervisor', array['housing.read', 'housing.stays', 'housing.journal', 'housing.address']),
  ('shelter_admin', array['housing.read', 'housing.stays', 'housing.journal', 'housing.address']),
  ('case_worker', array['housing.read']),
  ('psychologist', array['housing.read']),
  ('lawyer', array['housing.read']),
  ('me_officer', array['housing.read'])
) as d(code, extra)
where r.code = d.code;
