-- Feedback (issue 7): exit interviews and satisfaction surveys. Templates are versioned data like
-- assessment templates; a response belongs to a case (recorded by the case team) or, for a survey
-- left unsigned at a shelter, to a facility with no case at all.
--
-- Answers are stored in two columns on purpose: `answers` holds the figures (scale, yes/no,
-- choice) that summaries read; `comments` holds the words (text answers), which only the case
-- team or the shelter's desk ever reads — no summary query touches that column.

create table feedback_templates (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organizations(id),
  code text not null check (code ~ '^[a-z][a-z0-9_]{0,59}$'),
  version integer not null check (version >= 1),
  definition jsonb not null,
  active boolean not null default true,
  is_current boolean not null default true,
  created_by uuid references users(id),
  created_at timestamptz not null default now(),
  unique (org_id, code, version)
);
create unique index feedback_templates_current_idx on feedback_templates (org_id, code) where is_current;

create table feedback_responses (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organizations(id),
  template_id uuid not null references feedback_templates(id),
  template_code text not null,
  case_id uuid references cases(id),
  facility_id uuid references facilities(id),
  -- Where the response counts in summaries: the case's (or the facility's) branch and programme.
  branch_id uuid not null references branches(id),
  programme_id uuid references programmes(id),
  responded_on date not null,
  answers jsonb not null default '{}',
  comments jsonb not null default '{}',
  created_by uuid not null references users(id),
  created_at timestamptz not null default now(),
  check (case_id is not null or facility_id is not null)
);
create index feedback_responses_summary_idx on feedback_responses (org_id, template_code, responded_on);
create index feedback_responses_case_idx on feedback_responses (case_id) where case_id is not null;
create index feedback_responses_facility_idx on feedback_responses (facility_id, responded_on) where facility_id is not null;

select hearth_tenant_table('feedback_templates');
select hearth_tenant_table('feedback_responses');
select hearth_grant_app();

-- Organisations created before this migration get the shipped templates (as of this migration;
-- new organisations get the current shipped ones from src/domain/feedback/shipped.ts).
insert into feedback_templates (org_id, code, version, definition)
  select id, 'exit_interview', 1, '{"code":"exit_interview","name":{"ru":"Интервью при выходе из программы","en":"Exit interview"},"description":{"ru":"Проводится с мамой при завершении сопровождения или выезде из центра","en":"Held with the mother when support ends or she leaves the centre"},"purpose":"exit_interview","anonymous":false,"questions":[{"code":"helped","text":{"ru":"Насколько программа помогла вам в вашей ситуации?","en":"How much did the programme help you in your situation?"},"kind":"scale","aspect":"other","scored":true,"min":1,"max":5,"anchors":[{"value":1,"label":{"ru":"Совсем нет","en":"Not at all"}},{"value":3,"label":{"ru":"Отчасти","en":"Partly"}},{"value":5,"label":{"ru":"Полностью","en":"Completely"}}],"options":[]},{"code":"trust","text":{"ru":"Насколько вы доверяли специалистам, которые с вами работали?","en":"How much did you trust the staff who worked with you?"},"kind":"scale","aspect":"other","scored":true,"min":1,"max":5,"anchors":[{"value":1,"label":{"ru":"Совсем нет","en":"Not at all"}},{"value":3,"label":{"ru":"Отчасти","en":"Partly"}},{"value":5,"label":{"ru":"Полностью","en":"Completely"}}],"options":[]},{"code":"ready","text":{"ru":"Насколько вы чувствуете себя готовой жить самостоятельно?","en":"How ready do you feel to live independently?"},"kind":"scale","aspect":"other","scored":true,"min":1,"max":5,"anchors":[{"value":1,"label":{"ru":"Совсем нет","en":"Not at all"}},{"value":3,"label":{"ru":"Отчасти","en":"Partly"}},{"value":5,"label":{"ru":"Полностью","en":"Completely"}}],"options":[]},{"code":"most_useful","text":{"ru":"Что было самым полезным?","en":"What was the most useful?"},"kind":"single","aspect":"other","scored":true,"anchors":[],"options":[{"code":"housing","label":{"ru":"Проживание в центре","en":"Living at the centre"},"score":0},{"code":"psychologist","label":{"ru":"Помощь психолога","en":"The psychologist''s help"},"score":0},{"code":"lawyer","label":{"ru":"Помощь юриста и документы","en":"The lawyer''s help and documents"},"score":0},{"code":"social","label":{"ru":"Помощь социального работника","en":"The social worker''s help"},"score":0},{"code":"other_mothers","label":{"ru":"Общение с другими мамами","en":"Being with other mothers"},"score":0}]},{"code":"recommend","text":{"ru":"Порекомендовали бы вы программу знакомой в трудной ситуации?","en":"Would you recommend the programme to a friend in difficulty?"},"kind":"yes_no","aspect":"other","scored":true,"anchors":[],"options":[]},{"code":"contact_after","text":{"ru":"Хотите ли вы оставаться на связи с нами после выхода?","en":"Would you like to keep in touch with us after leaving?"},"kind":"yes_no","aspect":"other","scored":true,"anchors":[],"options":[]},{"code":"improve","text":{"ru":"Что нам стоит изменить?","en":"What should we change?"},"kind":"text","aspect":"other","scored":false,"anchors":[],"options":[]}]}'::jsonb from organizations;
insert into feedback_templates (org_id, code, version, definition)
  select id, 'satisfaction', 1, '{"code":"satisfaction","name":{"ru":"Опрос удовлетворённости","en":"Satisfaction survey"},"description":{"ru":"Можно заполнить без подписи, в том числе в центре","en":"Can be filled in unsigned, including at the shelter"},"purpose":"satisfaction","anonymous":true,"questions":[{"code":"overall","text":{"ru":"Насколько вы довольны помощью в целом?","en":"How satisfied are you with the help overall?"},"kind":"scale","aspect":"other","scored":true,"min":1,"max":5,"anchors":[{"value":1,"label":{"ru":"Совсем нет","en":"Not at all"}},{"value":3,"label":{"ru":"Отчасти","en":"Partly"}},{"value":5,"label":{"ru":"Полностью","en":"Completely"}}],"options":[]},{"code":"respect","text":{"ru":"Насколько уважительно к вам относились?","en":"How respectfully were you treated?"},"kind":"scale","aspect":"other","scored":true,"min":1,"max":5,"anchors":[{"value":1,"label":{"ru":"Совсем нет","en":"Not at all"}},{"value":3,"label":{"ru":"Отчасти","en":"Partly"}},{"value":5,"label":{"ru":"Полностью","en":"Completely"}}],"options":[]},{"code":"conditions","text":{"ru":"Насколько вам удобны условия проживания и встреч?","en":"How comfortable are the living and meeting conditions?"},"kind":"scale","aspect":"other","scored":true,"min":1,"max":5,"anchors":[{"value":1,"label":{"ru":"Совсем нет","en":"Not at all"}},{"value":3,"label":{"ru":"Отчасти","en":"Partly"}},{"value":5,"label":{"ru":"Полностью","en":"Completely"}}],"options":[]},{"code":"heard","text":{"ru":"Чувствовали ли вы, что вас выслушали?","en":"Did you feel listened to?"},"kind":"yes_no","aspect":"other","scored":true,"anchors":[],"options":[]},{"code":"contact_way","text":{"ru":"Как вам удобнее всего связываться с нами?","en":"How do you prefer to contact us?"},"kind":"single","aspect":"other","scored":true,"anchors":[],"options":[{"code":"in_person","label":{"ru":"Лично","en":"In person"},"score":0},{"code":"phone","label":{"ru":"По телефону","en":"By phone"},"score":0},{"code":"messenger","label":{"ru":"В мессенджере","en":"By messenger"},"score":0}]},{"code":"comment","text":{"ru":"Что вы хотели бы нам сказать?","en":"What would you like to tell us?"},"kind":"text","aspect":"other","scored":false,"anchors":[],"options":[]}]}'::jsonb from organizations;
