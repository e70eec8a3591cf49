-- Foundation: organisations, branches, programmes, accounts, roles, sessions, audit.
-- Tenant isolation is enforced here, not only in code: every tenant table carries org_id and a
-- row-level-security policy; the application runs its requests as the non-superuser role
-- hearth_app with the organisation in the transaction-local setting hearth.org_id.

create extension if not exists pg_trgm;

do $$
begin
  if not exists (select from pg_roles where rolname = 'hearth_app') then
    create role hearth_app nologin;
  end if;
  -- A non-superuser owner (managed PostgreSQL) must be a member to SET ROLE hearth_app.
  if not (select rolsuper from pg_roles where rolname = current_user) then
    execute format('grant hearth_app to %I', current_user);
  end if;
end $$;

create function hearth_org() returns uuid language sql stable as
$$ select nullif(current_setting('hearth.org_id', true), '')::uuid $$;

-- Grants the app role what it needs on every table; each migration calls it again at its end.
create function hearth_grant_app() returns void language plpgsql as $$
begin
  execute 'grant usage on schema public to hearth_app';
  execute 'grant select, insert, update, delete on all tables in schema public to hearth_app';
  execute 'grant usage, select on all sequences in schema public to hearth_app';
  execute 'revoke update, delete, truncate on audit_log from hearth_app';
  execute 'revoke all on schema_migrations from hearth_app';
end $$;

-- Applies the standard tenant policy to a table.
create function hearth_tenant_table(t regclass) returns void language plpgsql as $$
begin
  execute format('alter table %s enable row level security', t);
  execute format('create policy tenant on %s using (org_id = hearth_org()) with check (org_id = hearth_org())', t);
end $$;

create table organizations (
  id uuid primary key default gen_random_uuid(),
  org_id uuid generated always as (id) stored,
  name text not null check (length(name) between 1 and 200),
  -- Roles whose holders must use a second factor (TOTP) to log in.
  mfa_required_roles text[] not null default '{}',
  version integer not null default 1,
  created_at timestamptz not null default now()
);
comment on column organizations.org_id is 'Same as id; lets the standard tenant policy apply.';

create table branches (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organizations(id),
  name text not null check (length(name) between 1 and 200),
  city text not null check (length(city) between 1 and 100),
  region text not null default '' check (length(region) <= 100),
  address text not null default '' check (length(address) <= 500),
  active boolean not null default true,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, name)
);

create table programmes (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organizations(id),
  name text not null check (length(name) between 1 and 200),
  period_start date not null,
  period_end date not null,
  funder text not null default '' check (length(funder) <= 200),
  budget numeric(14, 2) check (budget >= 0),
  description text not null default '' check (length(description) <= 5000),
  active boolean not null default true,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (period_end >= period_start),
  unique (org_id, name)
);

-- Roles carry their permissions as data; the built-in ones are seeded per organisation.
create table roles (
  org_id uuid not null references organizations(id),
  code text not null check (code ~ '^[a-z][a-z0-9_]{1,39}$'),
  permissions text[] not null default '{}',
  version integer not null default 1,
  primary key (org_id, code)
);

create table users (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organizations(id),
  email text not null check (length(email) between 3 and 254),
  last_name text not null check (length(last_name) between 1 and 100),
  first_name text not null check (length(first_name) between 1 and 100),
  middle_name text not null default '' check (length(middle_name) <= 100),
  phone text not null default '' check (length(phone) <= 40),
  locale text not null default 'ru' check (locale in ('ru', 'en')),
  password_hash text not null,
  password_changed_at timestamptz not null default now(),
  active boolean not null default true,
  totp_secret text,
  totp_enabled boolean not null default false,
  -- Last accepted TOTP time step: a code is accepted only for a later step, so it cannot be replayed.
  totp_last_step bigint not null default 0,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index users_email_key on users (lower(email));
create index users_org_idx on users (org_id, last_name, first_name);

create table user_roles (
  org_id uuid not null references organizations(id),
  user_id uuid not null references users(id) on delete cascade,
  role_code text not null,
  primary key (user_id, role_code),
  foreign key (org_id, role_code) references roles(org_id, code)
);

create table user_branches (
  org_id uuid not null references organizations(id),
  user_id uuid not null references users(id) on delete cascade,
  branch_id uuid not null references branches(id),
  primary key (user_id, branch_id)
);

-- Sessions are looked up by the hash of the cookie token, never by the token itself.
create table sessions (
  id text primary key,
  org_id uuid not null references organizations(id),
  user_id uuid not null references users(id) on delete cascade,
  csrf_token text not null,
  -- Set while the user has passed the password but still owes a second factor or its enrolment.
  pending text check (pending in ('totp', 'totp_enrolment')),
  ip text not null default '',
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index sessions_user_idx on sessions (user_id);

-- Failed log-in counters per account and per client address (keys 'account:<email>', 'address:<ip>').
-- Not a tenant table: it is consulted before anyone is known.
create table login_throttle (
  key text primary key,
  failures integer not null default 0,
  window_started_at timestamptz not null default now(),
  locked_until timestamptz
);

-- Append-only: the app role may only insert and read it, and a trigger refuses changes for anyone.
create table audit_log (
  id bigint generated always as identity primary key,
  org_id uuid references organizations(id),
  at timestamptz not null default now(),
  user_id uuid,
  action text not null,
  record_type text not null default '',
  record_id text not null default '',
  details jsonb not null default '{}',
  ip text not null default '',
  request_id text not null default ''
);
create index audit_log_org_at_idx on audit_log (org_id, at desc);
create index audit_log_record_idx on audit_log (org_id, record_type, record_id, at desc);
create index audit_log_user_idx on audit_log (org_id, user_id, at desc);

create function hearth_reject_change() returns trigger language plpgsql as $$
begin
  raise exception 'audit_log is append-only' using errcode = 'insufficient_privilege';
end $$;
create trigger audit_log_append_only before update or delete on audit_log
  for each row execute function hearth_reject_change();
create trigger audit_log_no_truncate before truncate on audit_log
  for each statement execute function hearth_reject_change();

-- Stored responses of creates sent with an Idempotency-Key, so a retried request creates nothing new.
create table idempotency_keys (
  org_id uuid not null references organizations(id),
  user_id uuid not null references users(id) on delete cascade,
  key text not null check (length(key) between 8 and 100),
  route text not null,
  status integer not null,
  response jsonb not null,
  created_at timestamptz not null default now(),
  primary key (org_id, user_id, key)
);

select hearth_tenant_table('organizations');
select hearth_tenant_table('branches');
select hearth_tenant_table('programmes');
select hearth_tenant_table('roles');
select hearth_tenant_table('users');
select hearth_tenant_table('user_roles');
select hearth_tenant_table('user_branches');
select hearth_tenant_table('sessions');
select hearth_tenant_table('idempotency_keys');
-- audit rows without an organisation (failed log-ins for unknown e-mails) are visible to no tenant.
alter table audit_log enable row level security;
create policy tenant_read on audit_log for select using (org_id = hearth_org());
create policy tenant_insert on audit_log for insert with check (org_id is null or org_id = hearth_org());

select hearth_grant_app();
revoke all on login_throttle from hearth_app;
