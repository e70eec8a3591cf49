-- Issue 12, point 9, for organisations created before this migration (new ones get the shipped
-- templates from the code):
--  * the needs assessment gains the legal domain (divorce, alimony, paternity, housing rights,
--    documents, parental rights…), placed after «Документы», so plans made from needs can have a
--    legal goal. Unless the organisation already has a domain coded 'legal' or a question coded
--    legal_…, its current version of family_needs is followed by a new version with the domain added
--    (past assessments keep the version they were made with, as every template edit does);
--  * the parent–child interaction assessment is of a child: its subject becomes 'child' (the child
--    member is named when it is started), also as a new version.
-- Each statement can run again and changes nothing the second time.

insert into assessment_templates (org_id, code, version, definition, active, is_current)
select c.org_id, c.code, c.version + 1,
  jsonb_set(c.definition, '{domains}', (
    select jsonb_agg(x.d order by x.pos) from (
      select e.d, e.ord::numeric as pos from jsonb_array_elements(c.definition -> 'domains') with ordinality as e(d, ord)
      union all
      select '{"code":"legal","title":{"ru":"Правовые вопросы","en":"Legal matters"},"sensitiveSection":null,"scoring":"sum","higherIsBetter":false,"thresholds":[{"upTo":1,"level":"low"},{"upTo":3,"level":"medium"},{"upTo":6,"level":"high"}],"questions":[{"code":"legal_matters","text":{"ru":"Какие вопросы нужно решить?","en":"Which matters need solving?"},"kind":"multiple","aspect":"need","scored":false,"anchors":[],"options":[{"code":"divorce","label":{"ru":"Развод","en":"Divorce"},"score":0},{"code":"alimony","label":{"ru":"Алименты","en":"Alimony (child support)"},"score":0},{"code":"paternity","label":{"ru":"Установление отцовства","en":"Establishing paternity"},"score":0},{"code":"housing_rights","label":{"ru":"Жилищные права (право на жильё, выселение, регистрация по месту жительства)","en":"Housing rights (right to a home, eviction, residence registration)"},"score":0},{"code":"documents","label":{"ru":"Документы и регистрация (паспорт, свидетельство о рождении, гражданство)","en":"Documents and registration (passport, birth certificate, citizenship)"},"score":0},{"code":"parental_rights","label":{"ru":"Опека и родительские права (лишение, ограничение, восстановление)","en":"Guardianship and parental rights (removal, restriction, restoration)"},"score":0},{"code":"benefits_appeal","label":{"ru":"Обжалование отказа в пособиях и выплатах","en":"Appealing a refusal of benefits"},"score":0},{"code":"other","label":{"ru":"Другое","en":"Other"},"score":0}]},{"code":"legal_need","text":{"ru":"Насколько велика потребность?","en":"How great is the need?"},"kind":"scale","aspect":"need","scored":true,"min":0,"max":3,"anchors":[{"value":0,"label":{"ru":"Нет потребности","en":"No need"}},{"value":1,"label":{"ru":"Небольшая","en":"Minor"}},{"value":2,"label":{"ru":"Существенная","en":"Significant"}},{"value":3,"label":{"ru":"Острая","en":"Acute"}}],"options":[]},{"code":"legal_risk","text":{"ru":"Насколько высок риск?","en":"How high is the risk?"},"kind":"scale","aspect":"risk","scored":true,"min":0,"max":3,"anchors":[{"value":0,"label":{"ru":"Риска нет","en":"No risk"}},{"value":1,"label":{"ru":"Низкий","en":"Low"}},{"value":2,"label":{"ru":"Средний","en":"Medium"}},{"value":3,"label":{"ru":"Высокий","en":"High"}}],"options":[]},{"code":"legal_resources","text":{"ru":"Ресурсы и сильные стороны семьи","en":"The family''s resources and strengths"},"kind":"text","aspect":"resource","scored":false,"anchors":[],"options":[]}]}'::jsonb,
        coalesce((select o.ord from jsonb_array_elements(c.definition -> 'domains') with ordinality as o(d, ord)
          where o.d ->> 'code' = 'documents'), 1000) + 0.5
    ) x)),
  c.active, false
from assessment_templates c
where c.code = 'family_needs' and c.is_current
  and not jsonb_path_exists(c.definition, '$.domains[*] ? (@.code == "legal")')
  and not jsonb_path_exists(c.definition, '$.domains[*].questions[*] ? (@.code starts with "legal_")');

insert into assessment_templates (org_id, code, version, definition, active, is_current)
select c.org_id, c.code, c.version + 1, jsonb_set(c.definition, '{subject}', '"child"'), c.active, false
from assessment_templates c
where c.code = 'parent_child_interaction' and c.is_current and c.definition ->> 'subject' = 'member';

-- The new versions become current (a partial unique index allows one current version per code).
update assessment_templates t set is_current = false
where t.code in ('family_needs', 'parent_child_interaction') and t.is_current
  and exists (select 1 from assessment_templates n where n.org_id = t.org_id and n.code = t.code and n.version > t.version);

update assessment_templates t set is_current = true
where t.code in ('family_needs', 'parent_child_interaction') and not t.is_current
  and t.version = (select max(m.version) from assessment_templates m where m.org_id = t.org_id and m.code = t.code)
  and not exists (select 1 from assessment_templates c where c.org_id = t.org_id and c.code = t.code and c.is_current);
