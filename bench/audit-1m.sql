-- "Who saw what" bench (issue 17, point 4): 1,000,000 audit rows of one organisation (200 users, 100,000 records,
-- a third of the entries naming a case in details). Run on a migrated database of your own:
--   psql -d hearth_bench_<you> -f bench/audit-1m.sql   then time the queries of src/server/audit/queries.ts (README).
insert into organizations (id, name) values ('11111111-1111-4111-8111-111111111111', 'Бенч') on conflict do nothing;
insert into audit_log (org_id, at, user_id, action, record_type, record_id, details, ip)
select '11111111-1111-4111-8111-111111111111', now() - (random() * interval '365 days'),
  uu.a[1 + g % 200],
  (array['read','read','read','update','create','read_sensitive'])[1 + g % 6],
  (array['case','family','service','plan'])[1 + g % 4],
  ku.a[1 + (g::bigint * 7919 % 100000)::int],
  case when g % 3 = 0 then jsonb_build_object('caseId', ku.a[1 + (g::bigint * 104729 % 100000)::int]) else '{}'::jsonb end,
  '127.0.0.1'
from generate_series(1, 1000000) g,
  (select array_agg(gen_random_uuid()::text) a from generate_series(1, 100000)) ku,
  (select array_agg(gen_random_uuid()) a from generate_series(1, 200)) uu;
analyze audit_log;
select count(*) from audit_log;
