-- What the application role may not do, kept as data. Until now each migration that closed a table
-- to hearth_app (made it append-only, or shut it entirely) rewrote hearth_grant_app() whole (0002,
-- 0004, 0041, 0047), repeating every earlier revoke: one line missed there and the next migration's
-- `select hearth_grant_app()` would quietly re-open a table. Now the function grants the usual access
-- on every table and then revokes what this table lists, so closing a table is one row.
--
-- HOW TO CLOSE A TABLE FROM NOW ON (in the migration that creates it, or a later one):
--
--   insert into app_role_closures (table_name, revoked, why) values
--     ('my_ledger', '{update,delete,truncate}', 'append-only: ...');   -- the app may read and add
--     -- or ('my_global_table', '{all}', 'not tenant data: ...');       -- the app may not touch it
--   select hearth_grant_app();
--
-- and never redefine hearth_grant_app() again. A table that is renamed or dropped takes its row with
-- it in the same migration (the function fails on a row whose table is missing, so the migration
-- cannot pass unnoticed). The privileges the app role ends up with are checked against the list in
-- src/server/db/app-role.test.ts, which says what each closed table should allow.

create table app_role_closures (
  table_name text primary key,
  -- Privileges taken from hearth_app after the blanket grant; 'all' for none left.
  revoked text[] not null check (
    cardinality(revoked) > 0
    and revoked <@ array['all', 'select', 'insert', 'update', 'delete', 'truncate', 'references', 'trigger']
  ),
  why text not null check (length(why) > 0)
);
comment on table app_role_closures is 'Tables closed (wholly or in part) to the application role hearth_app; hearth_grant_app() revokes these privileges after its blanket grant. Add a row to close a table.';

-- Exactly what 0047's hearth_grant_app() revoked, table by table.
insert into app_role_closures (table_name, revoked, why) values
  ('audit_log', '{update,delete,truncate}', 'append-only: the audit trail is never changed'),
  ('case_events', '{update,delete,truncate}', 'append-only: the case history'),
  ('assessment_amendments', '{update,delete,truncate}', 'append-only: corrections of signed assessments'),
  ('plan_reviews', '{update,delete,truncate}', 'append-only: plan review history'),
  ('destruction_acts', '{update,delete,truncate}', 'append-only: the register of destruction acts (152-FZ)'),
  ('subject_request_disclosures', '{update,delete,truncate}', 'append-only: what was given to a data subject'),
  ('schema_migrations', '{all}', 'not tenant data: migration bookkeeping'),
  ('login_throttle', '{all}', 'not tenant data: log-in counts before an organisation is known'),
  ('public_form_throttle', '{all}', 'not tenant data: public form counts before an organisation is known'),
  ('public_form_secret', '{all}', 'not tenant data: the installation''s key for the public form'),
  ('app_role_closures', '{all}', 'not tenant data: this list itself; only migrations change it');

create or replace function hearth_grant_app() returns void language plpgsql as $$
declare
  closure record;
begin
  execute 'grant usage on schema public to hearth_app';
  execute 'grant select, insert, update, delete on all tables in schema public to hearth_app';
  execute 'grant usage, select on all sequences in schema public to hearth_app';
  -- %I quotes the name, so a missing table is an error here rather than a table left open; the
  -- privileges are words from the check constraint's list.
  for closure in select table_name, revoked from app_role_closures order by table_name loop
    execute format('revoke %s on %I from hearth_app', array_to_string(closure.revoked, ', '), closure.table_name);
  end loop;
end $$;

select hearth_grant_app();
