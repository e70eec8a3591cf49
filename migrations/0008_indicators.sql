-- Indicators and results (issue 7): indicator definitions as versioned data.

-- Organisations created before this migration get the results permissions of the built-in roles.
update roles r set permissions = array(select distinct p from unnest(r.permissions || d.extra) p order by p)
from (values
  ('admin', array['indicators.read', 'indicators.manage']),
  ('me_officer', array['indicators.read', 'indicators.manage']),
  ('coordinator', array['indicators.read']),
  ('supervisor', array['indicators.read'])
) as d(code, extra)
where r.code = d.code;
