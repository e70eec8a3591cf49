-- Volunteers who started and then left (issue 17, point 2, the gap left by 0041): a retention kind of
-- their own. Their period is the organisation's, in years counted from the day they left (default 3:
-- the general limitation period of the Civil Code, art. 196, for claims under a volunteer agreement —
-- the organisation may keep them longer). The destruction anonymises the volunteer's record and
-- account; their sign-ups with hours stay, without identity, so the figures of past periods do not move.
alter table retention_settings add column former_volunteer_years integer not null default 3
  check (former_volunteer_years between 1 and 50);

-- The act register names the new kind. A check is no UPDATE: the append-only trigger is not fired.
alter table destruction_acts drop constraint destruction_acts_record_kind_check;
alter table destruction_acts add constraint destruction_acts_record_kind_check
  check (record_kind in ('family', 'referral', 'special_categories', 'volunteer_application', 'former_volunteer'));
