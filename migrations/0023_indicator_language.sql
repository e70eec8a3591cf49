-- Every indicator of a centre's own M&E list countable, and the figures funders ask for (issue 12,
-- points 7 and 12). The indicator language itself is data (indicator_versions.definition); what
-- the tables lacked is below.

-- A walk with the child is a kind of house journal entry: mother-and-baby houses count them.
alter table house_journal drop constraint house_journal_kind_check;
alter table house_journal add constraint house_journal_kind_check
  check (kind in ('event', 'visitor', 'incident', 'handover', 'rules_ack', 'violation', 'duty', 'child_care', 'walk'));
alter table house_journal add constraint house_journal_walk_stay check (kind <> 'walk' or stay_id is not null);
-- The indicator engine reads a period's entries of the whole organisation.
create index house_journal_org_at_idx on house_journal (org_id, at);

-- A member's education and occupation as closed lists (src/domain/families/contracts.ts), so that
-- figures can be broken down by them. Null: not recorded.
alter table members
  add column education text check (education in ('none', 'primary', 'basic_general', 'secondary_general', 'vocational',
    'higher_incomplete', 'higher')),
  add column occupation text check (occupation in ('employed', 'self_employed', 'unemployed', 'parental_leave', 'student',
    'housework', 'other'));

-- How many decimals a percentage has in exports (a whole per cent by default: funders read "87 %").
alter table report_settings
  add column percent_digits integer not null default 0 check (percent_digits between 0 and 2);

-- Referrals by the day they were received (the referrals subject of the indicator engine).
create index referrals_org_received_idx on referrals (org_id, received_at);
-- …and the case opened from each (the records behind a referral figure).
create index cases_referral_idx on cases (referral_id) where referral_id is not null;

-- Feedback templates are the M&E officer's instrument: a permission of their own, held by those who
-- configured assessment templates until now and by the M&E officer.
update roles set permissions = array(select distinct p from unnest(permissions || array['feedback.templates']) p order by p)
where code in ('admin', 'me_officer') or 'templates.manage' = any(permissions);

-- The shipped library's average length of stay is a figure where lower is better, and moving to
-- post-support is read in plan vs actual without a target. Existing organisations get a new version
-- of these two definitions (the history keeps the old one), unless they already changed them so.
with changed as (
  select i.id, i.org_id, i.current_version + 1 as version,
    v.definition || case i.code when 'average_stay_days' then '{"direction": "lower"}'::jsonb
                                else '{"alwaysInReport": true}'::jsonb end as definition
  from indicators i join indicator_versions v on v.indicator_id = i.id and v.version = i.current_version
  where i.shipped and ((i.code = 'average_stay_days' and not v.definition ? 'direction')
    or (i.code = 'families_post_support' and not v.definition ? 'alwaysInReport'))
), added as (
  insert into indicator_versions (org_id, indicator_id, version, definition)
  select org_id, id, version, definition from changed
  returning indicator_id, version
)
update indicators i set current_version = a.version, updated_at = now() from added a where i.id = a.indicator_id;
