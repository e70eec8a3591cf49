-- Roles the organisation makes itself (a defectologist, a speech therapist, a storekeeper…): a name
-- of its own next to the generated code. The shipped roles keep '' and are named by the catalogue.
alter table roles add column name text not null default '' check (length(name) <= 100);
create unique index roles_org_name_key on roles (org_id, lower(name)) where name <> '';

-- The worker holding an intake reaches the family an open referral names (cases/scope.ts).
create index referrals_intake_family_idx on referrals (org_id, intake_assigned_to, family_id) where family_id is not null;
