-- The occupancy board's waiting list (issue 6): open cases of a programme that has a facility in
-- the case's branch. Without this index the only way in was every intake/active case of the
-- branches (≈20,000 in the benchmark, most of other programmes), each read from the table to learn
-- its programme: ≈15 ms of the board's ≈30 ms in the database. With it, the few hundred open cases
-- of the housing programme per branch come straight from the index, already in date order (≈1 ms).
create index cases_open_programme_idx on cases (org_id, programme_id, branch_id, opened_on)
  where status in ('intake', 'active');
