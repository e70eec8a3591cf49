-- Volunteers (issue 18), what was left: the public form's throttle per client address kept in the
-- database (two server processes share one count, and a restart forgets nothing), and the board's
-- index covering what the board shows.
--
-- The throttle. Neither of its tables is tenant data — both are consulted before any organisation is
-- known — so, like login_throttle, they have no org_id and are closed to the app role (the server
-- reaches them as the owner).

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

-- The coordinator's board (GET /api/volunteers/tasks, a week of a branch) reads its rows from the
-- index alone: the board index carries the columns the board shows. Measured on 200,000 tasks, a
-- busy branch's week (478 tasks) cost one random heap page per row — 434 pages read, 16–30 ms in
-- the database — and reads 16 pages, 0.6 ms, as an index-only scan. Same key, so every other use
-- of the old index is served as before. The price: changing places taken (a sign-up) is no longer a
-- HOT update of the task row.
drop index volunteer_tasks_board_idx;
create index volunteer_tasks_board_idx on volunteer_tasks (org_id, branch_id, starts_at)
  include (id, series_id, kind, child_related, title, ends_at, places, taken, status);
