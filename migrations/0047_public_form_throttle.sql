-- The public volunteer form's throttle per client address, kept in the database (issue 18): two server
-- processes share one count, and a restart forgets nothing. Neither table is tenant data — both are
-- consulted before any organisation is known — so, like login_throttle, they have no org_id and are
-- closed to the app role (the server reaches them as the owner).

-- Attempts per address in the current window. The address itself is personal data and is not kept:
-- the key is an HMAC-SHA256 of it under the secret below (an IPv6 address by its /64, what one
-- subscriber is given). A row whose window has passed is stale; the server deletes stale rows as it
-- counts (at most once a minute per process), so the table holds at most the addresses seen in the
-- last window or so and never grows without bound.
create table public_form_throttle (
  address_hash bytea primary key check (length(address_hash) = 32),
  window_started_at timestamptz not null,
  attempts integer not null check (attempts > 0)
);
create index public_form_throttle_window_idx on public_form_throttle (window_started_at);
comment on table public_form_throttle is 'Public volunteer form submissions per keyed hash of the client address in the current window; stale rows are deleted as it is used.';

-- One random secret for the whole installation, made by the first server to need it: the key of the
-- address hashes and of the public form's tokens (a token signed by one process is good at another).
create table public_form_secret (
  id smallint primary key default 1 check (id = 1),
  secret bytea not null check (length(secret) = 32),
  created_at timestamptz not null default now()
);
comment on table public_form_secret is 'The installation''s key for the public form: hashes the client addresses of the throttle and signs form tokens.';

create or replace function hearth_grant_app() returns void language plpgsql as $$
begin
  execute 'grant usage on schema public to hearth_app';
  execute 'grant select, insert, update, delete on all tables in schema public to hearth_app';
  execute 'grant usage, select on all sequences in schema public to hearth_app';
  execute 'revoke update, delete, truncate on audit_log, case_events, assessment_amendments, plan_reviews from hearth_app';
  execute 'revoke update, delete, truncate on destruction_acts, subject_request_disclosures from hearth_app';
  execute 'revoke all on schema_migrations, login_throttle from hearth_app';
  execute 'revoke all on public_form_throttle, public_form_secret from hearth_app';
end $$;

select hearth_grant_app();
