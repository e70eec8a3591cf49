-- Document templates (issue 16, point 2): the organisation's DOCX templates with placeholders filled
-- from a case (consents, the stay agreement, the plan, letters, the hand-over act).
--
-- A template is either one Hearth ships (shipped_code set, no content: its DOCX is built by code, so
-- a wording fix reaches every organisation with the next version) or one the organisation uploaded
-- (content set: the DOCX as uploaded, checked at upload — a real DOCX, no unknown placeholder; the
-- placeholders it uses are kept in `placeholders`). A template is retired (active = false), never
-- deleted, so the audit of a generated document still names it.
-- Generated documents are not stored here: "save to the case's files" goes through the files area.

create table document_templates (
  id uuid not null default gen_random_uuid(),
  org_id uuid not null references organizations(id),
  name text not null check (length(name) between 1 and 200),
  description text not null default '' check (length(description) <= 1000),
  shipped_code text check (shipped_code in ('consent_adult', 'consent_child', 'consent_special', 'stay_agreement', 'house_rules',
    'support_plan', 'partner_referral', 'guardianship_request', 'aid_act')),
  content bytea,
  file_name text not null default '' check (length(file_name) <= 200),
  size integer not null default 0 check (size >= 0 and size <= 5242880),
  placeholders text[] not null default '{}',
  active boolean not null default true,
  version integer not null default 1,
  created_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (org_id, id),
  unique (org_id, shipped_code),
  foreign key (org_id, created_by) references users (org_id, id),
  constraint document_templates_shipped_or_uploaded check ((shipped_code is null) = (content is not null))
);
create index document_templates_list_idx on document_templates (org_id, active, name);
comment on column document_templates.shipped_code is 'A template Hearth ships (its DOCX built by code); null for an uploaded one.';
comment on column document_templates.placeholders is 'The placeholders the template uses (checked against the catalogue at upload).';

select hearth_tenant_table('document_templates');
select hearth_grant_app();

-- Every organisation gets the shipped templates (new ones get them from createOrganization).
insert into document_templates (org_id, name, shipped_code)
select o.id, t.name, t.code from organizations o cross join (values
  ('consent_adult', 'Согласие на обработку персональных данных (совершеннолетний)'),
  ('consent_child', 'Согласие законного представителя на обработку персональных данных ребёнка'),
  ('consent_special', 'Согласие на обработку специальных категорий персональных данных'),
  ('stay_agreement', 'Соглашение о временном проживании'),
  ('house_rules', 'Правила проживания (с отметкой об ознакомлении)'),
  ('support_plan', 'Индивидуальный план сопровождения семьи'),
  ('partner_referral', 'Письмо-направление в партнёрскую организацию'),
  ('guardianship_request', 'Запрос в орган опеки и попечительства'),
  ('aid_act', 'Акт приёма-передачи материальной помощи')
) as t(code, name)
on conflict (org_id, shipped_code) do nothing;

-- Organisations created before this migration: managing document templates goes to the admin and
-- the coordinator (who manage the other templates).
update roles r set permissions = array(select distinct p from unnest(r.permissions || d.extra) p order by p)
from (values
  ('admin', array['documents.templates']),
  ('coordinator', array['documents.templates'])
) as d(code, extra)
where r.code = d.code;
