-- The consents each programme requires of a family's adults (issue 12, point 9): the case page's
-- "missing consents" warning and the caseload's mark count these and no others, so an optional
-- consent (photos, passing data to third parties) never keeps the warning on. Every programme
-- keeps what all programmes required until now: the personal-data consent (152-FZ art. 9).
alter table programmes add column required_consents text[] not null default '{personal_data}'
  check (required_consents <@ array['personal_data', 'special_categories', 'third_party_disclosure', 'photo_video']::text[]);
