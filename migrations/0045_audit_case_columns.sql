-- "Who saw what" for one person (issue 17, point 4): the case and the family an audit entry of a
-- sub-record names in its details, as plain columns. Row-level security keeps the non-leakproof
-- `details ->> 'caseId'` of 0042's expression indexes out of an index condition: the index was scanned
-- for the whole organisation and every entry rechecked (≈0.3 s per query at 1,000,000 rows, README).
-- Stored generated columns are filled by the database on every insert (no code can forget them), and
-- are compared with text equality, which is leakproof, so their indexes are searched by value.
-- Adding them rewrites the table once; the append-only trigger (0001) fires on no row of a rewrite.
alter table audit_log
  add column case_ref text generated always as (details ->> 'caseId') stored,
  add column family_ref text generated always as (details ->> 'familyId') stored;
create index audit_log_case_ref_idx on audit_log (org_id, case_ref, at desc) where case_ref is not null;
create index audit_log_family_ref_idx on audit_log (org_id, family_ref, at desc) where family_ref is not null;
drop index audit_log_case_detail_idx;
drop index audit_log_family_detail_idx;
