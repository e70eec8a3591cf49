-- Outcomes per family (issue 7): the outcome framework as data (the organisation's default,
-- applied to every programme, and a programme's own when it has one), the marks a case team puts
-- by hand (appended, never changed), and follow-up contacts after a family left the programme
-- (each one a service of type follow_up_contact, with the answer that matters most: does the child
-- still live with the family).

create table outcome_frameworks (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organizations(id),
  -- null: the organisation's default framework, used by every programme without its own.
  programme_id uuid references programmes(id),
  created_by uuid references users(id),
  created_at timestamptz not null default now(),
  unique nulls not distinct (org_id, programme_id)
);

create table outcomes (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organizations(id),
  framework_id uuid not null references outcome_frameworks(id),
  -- Shipped outcomes keep a stable code (demo data and tests refer to it); added ones have none.
  code text check (code ~ '^[a-z][a-z0-9_]{1,59}$'),
  name jsonb not null,
  term text not null check (term in ('short', 'medium', 'long')),
  -- The rule in src/domain/outcomes/evidence.ts that proves it from the records; null: marked by hand only.
  evidence_rule text check (evidence_rule in ('plan_drawn_up', 'social_contacts_mapped', 'desired_future_formulated',
    'plan_goals_completed', 'relatives_reconnected', 'documents_complete', 'benefits_applied',
    'parent_child_interaction_improved', 'lives_independently', 'child_with_family')),
  position integer not null default 0,
  -- An outcome with marks is retired, never deleted: the history keeps its name.
  retired boolean not null default false,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (framework_id, code)
);
create index outcomes_framework_idx on outcomes (framework_id, position);

create table outcome_marks (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organizations(id),
  case_id uuid not null references cases(id),
  outcome_id uuid not null references outcomes(id),
  status text not null check (status in ('achieved', 'not_achieved')),
  on_date date not null,
  note text not null check (length(note) between 1 and 2000),
  marked_by uuid not null references users(id),
  created_at timestamptz not null default now()
);
create index outcome_marks_case_idx on outcome_marks (case_id, created_at);
-- Marks are history: a later mark supersedes an earlier one, neither is changed.
create trigger outcome_marks_append_only before update or delete on outcome_marks
  for each row execute function hearth_reject_change();

create table follow_ups (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organizations(id),
  case_id uuid not null references cases(id),
  -- The contact is a service too (it counts as help after leaving); withdrawing the service voids it.
  service_id uuid not null unique references services(id),
  milestone integer not null check (milestone in (3, 6, 12)),
  contacted_on date not null,
  child_with_family text not null check (child_with_family in ('yes', 'state_care', 'relatives', 'unknown')),
  housing text not null check (housing in ('own_home', 'rented', 'with_relatives', 'with_partner', 'shelter', 'other', 'unknown')),
  place text not null default '' check (length(place) <= 300),
  created_by uuid not null references users(id),
  created_at timestamptz not null default now()
);
create index follow_ups_case_idx on follow_ups (case_id, milestone);
create trigger follow_ups_append_only before update or delete on follow_ups
  for each row execute function hearth_reject_change();

select hearth_tenant_table('outcome_frameworks');
select hearth_tenant_table('outcomes');
select hearth_tenant_table('outcome_marks');
select hearth_tenant_table('follow_ups');
select hearth_grant_app();

-- Organisations created before this migration: the follow-up service type and the default
-- framework (a copy of SHIPPED_SERVICE_TYPES' follow_up_contact and SHIPPED_OUTCOMES in
-- src/domain/outcomes/shipped.ts as of this migration; new organisations get them from the code).
insert into service_types (org_id, code, name, category, unit)
select o.id, 'follow_up_contact',
  '{"ru": "Контакт после выхода из программы (катамнез)", "en": "Follow-up contact after leaving the programme"}'::jsonb,
  'post_support', 'session'
from organizations o
on conflict (org_id, code) do nothing;

insert into outcome_frameworks (org_id, programme_id) select o.id, null from organizations o on conflict do nothing;

insert into outcomes (org_id, framework_id, code, name, term, evidence_rule, position)
select f.org_id, f.id, s.code, s.name::jsonb, s.term, s.rule, s.position
from outcome_frameworks f
cross join (values
  ('plan_drawn_up', '{"ru": "Составлен индивидуальный план", "en": "An individual plan is drawn up"}', 'short', 'plan_drawn_up', 1),
  ('social_contacts_mapped', '{"ru": "Составлена карта социальных связей", "en": "A map of social contacts is made"}', 'short', 'social_contacts_mapped', 2),
  ('desired_future', '{"ru": "Мама сформулировала желаемое будущее", "en": "The mother has formulated her desired future"}', 'short', 'desired_future_formulated', 3),
  ('lawyer_informed', '{"ru": "У юриста есть полная информация о ситуации", "en": "The lawyer has full information about the situation"}', 'short', null, 4),
  ('trust_in_staff', '{"ru": "Мама доверяет специалистам", "en": "The mother trusts the staff"}', 'short', null, 5),
  ('plan_goals_completed', '{"ru": "Цели плана выполнены", "en": "The plan goals are completed"}', 'medium', 'plan_goals_completed', 6),
  ('relatives_reconnected', '{"ru": "Восстановлены связи с родственниками или друзьями", "en": "Reconnected with relatives or friends"}', 'medium', 'relatives_reconnected', 7),
  ('documents_complete', '{"ru": "Документы в порядке", "en": "Documents are complete"}', 'medium', 'documents_complete', 8),
  ('benefits_applied', '{"ru": "Оформлены пособия", "en": "Benefits are applied for"}', 'medium', 'benefits_applied', 9),
  ('interaction_improved', '{"ru": "Улучшилось детско-родительское взаимодействие", "en": "Parent–child interaction has improved"}', 'medium', 'parent_child_interaction_improved', 10),
  ('lives_independently', '{"ru": "Живёт самостоятельно", "en": "Lives independently"}', 'long', 'lives_independently', 11),
  ('cares_for_child', '{"ru": "Сама заботится о ребёнке", "en": "Takes care of the child herself"}', 'long', null, 12),
  ('child_with_family', '{"ru": "Ребёнок живёт в семье, в безопасности", "en": "The child lives safely with the family"}', 'long', 'child_with_family', 13)
) as s(code, name, term, rule, position)
where f.programme_id is null
on conflict (framework_id, code) do nothing;
