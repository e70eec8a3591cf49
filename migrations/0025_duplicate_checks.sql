-- Possible duplicates to check (issue 11, defect 8). When a new referral looks like a family the
-- person who registers it may not reach, she is told only that a match exists and that the
-- coordinator is asked to check it — no branch, no name, no what-matched. The request is kept here
-- for the coordinators and supervisors responsible for the matched family's branch (its current
-- branch, read through the family), who say whether it is the same family.
-- Keyed by (org_id, id) with composite foreign keys (see 0019).

create table duplicate_checks (
  id uuid not null default gen_random_uuid(),
  org_id uuid not null references organizations(id),
  referral_id uuid not null,
  family_id uuid not null,
  -- What matched (name, birth_date, phone): shown to the checking coordinator, never to the author.
  reasons text[] not null check (reasons <@ array['name', 'birth_date', 'phone'] and cardinality(reasons) > 0),
  status text not null default 'open' check (status in ('open', 'same_family', 'not_same')),
  created_by uuid not null,
  created_at timestamptz not null default now(),
  resolved_by uuid,
  resolved_at timestamptz,
  version integer not null default 1,
  primary key (org_id, id),
  unique (org_id, referral_id, family_id),
  foreign key (org_id, referral_id) references referrals (org_id, id),
  foreign key (org_id, family_id) references families (org_id, id),
  foreign key (org_id, created_by) references users (org_id, id),
  foreign key (org_id, resolved_by) references users (org_id, id),
  check ((status = 'open') = (resolved_at is null) and (resolved_at is null) = (resolved_by is null))
);
create index duplicate_checks_open_idx on duplicate_checks (org_id, family_id) where status = 'open';
comment on table duplicate_checks is 'A new referral that may be a known family outside its author''s reach, for the family''s branch coordinators to check.';

select hearth_tenant_table('duplicate_checks');
select hearth_grant_app();
