-- Indicators and dashboards at scale (issue 7 benchmark: 2,000,000 services over 100,000 cases).
--
-- Every figure over services reads a period's services by date — the coordinator's month, the
-- indicator engine's programme-year — and needs only a few small columns of each. With them
-- included in the (org_id, date) index the read is an index-only scan instead of fetching every
-- row of the period from the heap: a branch's month of ≈200,000 services went from ≈370 ms to
-- ≈120 ms measured alone as hearth_app. It supersedes the plain (org_id, date) index.
create index services_org_date_cover_idx on services (org_id, date)
  include (case_id, type_id, withdrawn, duration_minutes, initiated_by, format);
drop index services_org_date_idx;
