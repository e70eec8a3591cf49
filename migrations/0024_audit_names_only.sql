-- The audit keeps who did what to which record, when, from where and WHICH FIELDS changed, never
-- values (issue 11, defect 1). Versions before this one wrote previous values, deleted records
-- whole and free text (override reasons, decline notes, withdrawal reasons) into audit_log.details,
-- where the admin, who by design sees no case, could read them. This migration rewrites those
-- details to what the application writes today: field names, ids, codes from closed lists, counts
-- and flags.
--
-- audit_log is append-only: a trigger refuses UPDATE even for the owner (0001). The owner, which
-- runs migrations, switches that trigger off for this one statement inside the migration's own
-- transaction and on again, so there is no moment at which another session could change a row.

-- Details as names only: the keys of `changes`, `after` and `before` objects become `fields`; other
-- keys are kept only if they are metadata the application still writes and their value is a count,
-- a flag or an id/code (no spaces, no Cyrillic). Kept as a function so a test can check the rule.
create function hearth_audit_names_only(entry_action text, d jsonb) returns jsonb
language plpgsql immutable as $$
declare
  code constant text := '^[A-Za-z0-9_.:-]{1,100}$';
  metadata constant text[] := array[
    'caseId', 'familyId', 'programmeId', 'branchId', 'facilityId', 'roomId', 'planId', 'typeId', 'serviceId',
    'outcomeId', 'indicatorId', 'template', 'code', 'version', 'fromVersion', 'toVersion', 'definitionVersion',
    'kind', 'section', 'sections', 'field', 'format', 'audience', 'threshold', 'action', 'intake', 'source',
    'urgency', 'members', 'attendees', 'eligibility', 'total', 'listed', 'part', 'milestone', 'byAdmin',
    'passwordReset', 'birth', 'from', 'to'];
  secrets constant text[] := array['passwordHash', 'password', 'totpSecret', 'newPassword', 'currentPassword', 'csrfToken'];
  kept jsonb := '{}';
  names text[] := '{}';
  k text;
  v jsonb;
begin
  if d is null or jsonb_typeof(d) <> 'object' then
    return '{}';
  end if;
  for k, v in select key, value from jsonb_each(d) loop
    if k in ('changes', 'after', 'before') and jsonb_typeof(v) = 'object' then
      names := names || array(select jsonb_object_keys(v));
    elsif k in ('fields', 'amended') and jsonb_typeof(v) = 'array' then
      names := names || array(select e #>> '{}' from jsonb_array_elements(v) e where jsonb_typeof(e) = 'string');
    elsif (k = any(metadata) or (k = 'reason' and entry_action = 'login_failed'))
      and (jsonb_typeof(v) in ('number', 'boolean', 'null')
        or (jsonb_typeof(v) = 'string' and v #>> '{}' ~ code)
        or (jsonb_typeof(v) = 'array'
          and not exists (select 1 from jsonb_array_elements(v) e where jsonb_typeof(e) <> 'string' or e #>> '{}' !~ code))) then
      kept := kept || jsonb_build_object(k, v);
    end if;
  end loop;
  names := array(select distinct n from unnest(names) n where n ~ code and not n = any(secrets) order by n);
  if cardinality(names) > 0 then
    kept := kept || jsonb_build_object('fields', to_jsonb(names));
  end if;
  return kept;
end $$;

alter table audit_log disable trigger audit_log_append_only;
update audit_log set details = hearth_audit_names_only(action, details)
  where details is distinct from hearth_audit_names_only(action, details);
alter table audit_log enable trigger audit_log_append_only;

-- Idempotency keys remember what the first request sent (a hash of its body), so a key reused with
-- another body is refused (422) instead of answering with the first record (issue 11, defect 10).
-- Keys stored before have no hash and are taken as retries until they are cleaned up.
alter table idempotency_keys add column request_hash text not null default '';
