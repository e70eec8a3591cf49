-- Field work (issue 19, points 2–5): visits a worker plans for the coming days, the devices that keep
-- an offline pack of them, and the items those devices send back, each once.

-- After how many days without a sync a device wipes what it keeps offline (the organisation's choice).
alter table organizations add column offline_wipe_days integer not null default 7 check (offline_wipe_days between 1 and 90);

-- A visit a worker means to make: a post-support visit due, a home visit, an aid delivery. Only the
-- worker's own planned visits go into an offline pack.
create table field_visits (
  org_id uuid not null references organizations(id),
  id uuid not null default gen_random_uuid(),
  case_id uuid not null,
  user_id uuid not null,
  planned_on date not null,
  kind text not null check (kind in ('post_support', 'home_visit', 'aid_delivery')),
  aid_request_id uuid,
  status text not null default 'planned' check (status in ('planned', 'done', 'cancelled')),
  created_at timestamptz not null default now(),
  primary key (org_id, id),
  foreign key (org_id, case_id) references cases (org_id, id),
  foreign key (org_id, user_id) references users (org_id, id),
  foreign key (org_id, aid_request_id) references aid_requests (org_id, id),
  check ((kind = 'aid_delivery') = (aid_request_id is not null))
);
comment on table field_visits is 'Visits a worker plans for the coming days; the offline pack holds what the planned ones need.';
create index field_visits_user_idx on field_visits (org_id, user_id, status, planned_on);

-- A phone or tablet given an offline grant. Locking it (a lost phone) ends the sessions it used and
-- refuses its next sync, upon which it wipes itself.
create table offline_devices (
  org_id uuid not null references organizations(id),
  id uuid not null default gen_random_uuid(),
  user_id uuid not null,
  label text not null default '' check (length(label) <= 100),
  session_ids text[] not null default '{}',
  created_at timestamptz not null default now(),
  last_pack_at timestamptz,
  last_sync_at timestamptz,
  locked_at timestamptz,
  locked_by uuid,
  primary key (org_id, id),
  foreign key (org_id, user_id) references users (org_id, id),
  foreign key (org_id, locked_by) references users (org_id, id)
);
comment on table offline_devices is 'Devices holding an offline grant (encrypted pack of the worker''s planned visits); locked_at revokes it.';
create index offline_devices_user_idx on offline_devices (org_id, user_id);

-- Each item a device sent, by its idempotency key: a replay returns the first result, another body
-- under the same key is refused. Only ids and codes are kept here, no text of the visit.
create table offline_sync_items (
  org_id uuid not null references organizations(id),
  user_id uuid not null,
  key text not null check (key ~ '^[A-Za-z0-9_-]{8,100}$'),
  device_id uuid not null,
  kind text not null check (kind in ('visit', 'aid_delivery')),
  request_hash text not null,
  outcome text not null check (outcome in ('accepted', 'refused')),
  result jsonb not null,
  created_at timestamptz not null default now(),
  primary key (org_id, user_id, key),
  foreign key (org_id, user_id) references users (org_id, id),
  foreign key (org_id, device_id) references offline_devices (org_id, id)
);
comment on table offline_sync_items is 'Queue items synced from offline devices, once each (idempotency key per item) with their first result.';

-- An aid delivery confirmed at the family's home by the worker who brought it.
create table aid_deliveries (
  org_id uuid not null references organizations(id),
  id uuid not null default gen_random_uuid(),
  request_id uuid not null,
  case_id uuid not null,
  delivered_on date not null,
  delivered_by uuid not null,
  created_at timestamptz not null default now(),
  primary key (org_id, id),
  unique (org_id, request_id),
  foreign key (org_id, request_id) references aid_requests (org_id, id),
  foreign key (org_id, case_id) references cases (org_id, id),
  foreign key (org_id, delivered_by) references users (org_id, id)
);
comment on table aid_deliveries is 'Aid handed over at home, confirmed by the worker (recorded offline and synced).';

select hearth_tenant_table('field_visits');
select hearth_tenant_table('offline_devices');
select hearth_tenant_table('offline_sync_items');
select hearth_tenant_table('aid_deliveries');
select hearth_grant_app();
