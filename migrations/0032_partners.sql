-- Partner organisations and external specialists (issue 15, points 1–3): the directory of the
-- organisations a programme works with (guardianship offices, maternity hospitals, schools, NGOs…)
-- with their contact people and cooperation agreements; the professionals outside the organisation
-- kept as contacts with their consent; referrals received from a partner (and its contact person);
-- signposting to a partner with whether the help was taken up and a follow-up date.
--
-- The directory belongs to the organisation as a whole (not to a branch): every holder of
-- partners.read sees it; contact data (phones, e-mails, contact people) only with that permission.
-- Every table is keyed by (org_id, id) with composite foreign keys (see 0019).
--
-- Search (kind, place, service) reads search_text: the normalised words of the name, the services
-- offered and to whom, the tags and the place, kept by a trigger and indexed by trigrams, so a
-- fragment such as «логопед» or «опек» is an index lookup at thousands of organisations.

create table partners (
  id uuid not null default gen_random_uuid(),
  org_id uuid not null references organizations(id),
  kind text not null check (kind in ('guardianship_office', 'maternity_hospital', 'polyclinic', 'school_kindergarten',
    'employment_centre', 'social_protection', 'mfc', 'police', 'court', 'ngo', 'church', 'business', 'other')),
  name text not null check (length(name) between 1 and 300),
  region text not null default '' check (length(region) <= 100),
  city text not null default '' check (length(city) <= 100),
  district text not null default '' check (length(district) <= 100),
  address text not null default '' check (length(address) <= 500),
  phones text[] not null default '{}' check (cardinality(phones) <= 10),
  email text not null default '' check (length(email) <= 200),
  website text not null default '' check (length(website) <= 300),
  -- What the organisation offers, and to whom (free text), and tags to filter by service.
  services text not null default '' check (length(services) <= 5000),
  audience text not null default '' check (length(audience) <= 2000),
  tags text[] not null default '{}' check (cardinality(tags) <= 30),
  note text not null default '' check (length(note) <= 5000),
  active boolean not null default true,
  search_text text not null default '',
  version integer not null default 1,
  created_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (org_id, id),
  foreign key (org_id, created_by) references users (org_id, id)
);
create index partners_search_trgm_idx on partners using gin (search_text gin_trgm_ops);
create index partners_kind_place_idx on partners (org_id, kind, region, city);
create index partners_place_idx on partners (org_id, region, city);
create index partners_name_idx on partners (org_id, lower(name));
create index partners_tags_idx on partners using gin (tags);

create function partners_search_text() returns trigger language plpgsql as $$
begin
  new.search_text := hearth_norm(concat_ws(' ', new.name, new.services, new.audience, array_to_string(new.tags, ' '),
    new.region, new.city, new.district, new.address));
  return new;
end $$;
create trigger partners_search_text before insert or update on partners
  for each row execute function partners_search_text();

-- The people to talk to at a partner organisation (personal data: partners.read only, audited).
create table partner_contacts (
  id uuid not null default gen_random_uuid(),
  org_id uuid not null references organizations(id),
  partner_id uuid not null,
  name text not null check (length(name) between 1 and 200),
  position text not null default '' check (length(position) <= 200),
  phone text not null default '' check (length(phone) <= 40),
  email text not null default '' check (length(email) <= 200),
  active boolean not null default true,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  primary key (org_id, id),
  foreign key (org_id, partner_id) references partners (org_id, id)
);
create index partner_contacts_partner_idx on partner_contacts (org_id, partner_id);

-- Cooperation agreements: number, the day signed and the term (from – to; no end = open-ended).
-- The scan comes later (a files row).
create table partner_agreements (
  id uuid not null default gen_random_uuid(),
  org_id uuid not null references organizations(id),
  partner_id uuid not null,
  number text not null check (length(number) between 1 and 100),
  signed_on date not null,
  valid_from date not null,
  valid_to date,
  subject text not null default '' check (length(subject) <= 1000),
  version integer not null default 1,
  created_by uuid,
  created_at timestamptz not null default now(),
  primary key (org_id, id),
  foreign key (org_id, partner_id) references partners (org_id, id),
  foreign key (org_id, created_by) references users (org_id, id),
  check (valid_to is null or valid_to >= valid_from)
);
create index partner_agreements_partner_idx on partner_agreements (org_id, partner_id, valid_from);
create index partner_agreements_term_idx on partner_agreements (org_id, valid_from, valid_to);

-- External specialists: professionals from partner organisations (or none), kept as contacts with
-- their consent to being registered (consent_on is required). Duplicates (same surname and name
-- with the same phone or e-mail) are a hint when adding, never a block.
create table external_specialists (
  id uuid not null default gen_random_uuid(),
  org_id uuid not null references organizations(id),
  partner_id uuid,
  last_name text not null check (length(last_name) between 1 and 100),
  first_name text not null check (length(first_name) between 1 and 100),
  middle_name text not null default '' check (length(middle_name) <= 100),
  profession text not null check (profession in ('psychologist', 'defectologist', 'speech_therapist', 'social_worker',
    'guardianship_inspector', 'teacher', 'doctor', 'other')),
  position text not null default '' check (length(position) <= 200),
  region text not null default '' check (length(region) <= 100),
  city text not null default '' check (length(city) <= 100),
  phone text not null default '' check (length(phone) <= 40),
  email text not null default '' check (length(email) <= 200),
  consent_on date not null,
  note text not null default '' check (length(note) <= 2000),
  active boolean not null default true,
  name_norm text generated always as (hearth_norm(last_name || ' ' || first_name || ' ' || middle_name)) stored,
  phone_digits text generated always as (regexp_replace(phone, '\D', '', 'g')) stored,
  version integer not null default 1,
  created_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (org_id, id),
  foreign key (org_id, partner_id) references partners (org_id, id),
  foreign key (org_id, created_by) references users (org_id, id)
);
create index external_specialists_name_trgm_idx on external_specialists using gin (name_norm gin_trgm_ops);
create index external_specialists_place_idx on external_specialists (org_id, region, city, profession);
create index external_specialists_partner_idx on external_specialists (org_id, partner_id) where partner_id is not null;
create index external_specialists_dup_idx on external_specialists (org_id, lower(last_name), lower(first_name));

-- A referral received from a partner names it and, when known, its contact person.
alter table referrals add column partner_id uuid;
alter table referrals add column partner_contact_id uuid;
alter table referrals add foreign key (org_id, partner_id) references partners (org_id, id);
alter table referrals add foreign key (org_id, partner_contact_id) references partner_contacts (org_id, id);
create index referrals_partner_idx on referrals (org_id, partner_id) where partner_id is not null;

-- Signposting to a partner: which partner, whether the help was taken up (yes / no / unknown until
-- followed up), and the day to follow up on (shown in my-work of the worker who signposted when due).
alter table referrals add column signpost_partner_id uuid;
alter table referrals add column signposted_by uuid;
alter table referrals add foreign key (org_id, signposted_by) references users (org_id, id);
alter table referrals add column signpost_taken_up text check (signpost_taken_up in ('yes', 'no', 'unknown'));
alter table referrals add column signpost_follow_up_on date;
alter table referrals add column signpost_followed_up_on date;
alter table referrals add foreign key (org_id, signpost_partner_id) references partners (org_id, id);
create index referrals_signpost_follow_up_idx on referrals (org_id, signposted_by, signpost_follow_up_on)
  where signpost_follow_up_on is not null and signpost_followed_up_on is null;

select hearth_tenant_table('partners');
select hearth_tenant_table('partner_contacts');
select hearth_tenant_table('partner_agreements');
select hearth_tenant_table('external_specialists');
select hearth_grant_app();

-- Organisations created before this migration get the partner permissions of the built-in roles.
update roles r set permissions = array(select distinct p from unnest(r.permissions || d.extra) p order by p)
from (values
  ('admin', array['partners.read', 'partners.manage']),
  ('coordinator', array['partners.read', 'partners.manage']),
  ('supervisor', array['partners.read', 'partners.manage']),
  ('case_worker', array['partners.read']),
  ('psychologist', array['partners.read']),
  ('lawyer', array['partners.read']),
  ('shelter_admin', array['partners.read'])
) as d(code, extra)
where r.code = d.code;

-- Organisations created before this migration get the shipped partner indicators (new ones get
-- them from src/domain/indicators/shipped.ts when created; the definitions here are the same, as
-- src/server/partners/partners.test.ts checks). An organisation that already has an indicator of
-- that code keeps its own.
create temporary table partner_indicators (code text, definition jsonb) on commit drop;
insert into partner_indicators values
  ('referrals_from_partners', '{"code":"referrals_from_partners","name":{"ru":"Обращения от организаций-партнёров","en":"Referrals received from partner organisations"},"group":"work","measure":{"kind":"count","of":{"subject":"referrals","filters":[{"field":"referralPartnerKind","values":["guardianship_office","maternity_hospital","polyclinic","school_kindergarten","employment_centre","social_protection","mfc","police","court","ngo","church","business","other"]}]}},"disaggregations":["branch","programme"]}'),
  ('referrals_from_guardianship', '{"code":"referrals_from_guardianship","name":{"ru":"Обращения от органов опеки","en":"Referrals received from guardianship offices"},"group":"work","measure":{"kind":"count","of":{"subject":"referrals","filters":[{"field":"referralPartnerKind","values":["guardianship_office"]}]}},"disaggregations":["branch","programme"]}'),
  ('signposting_taken_up', '{"code":"signposting_taken_up","name":{"ru":"Перенаправления, по которым помощь получена","en":"Signposting whose help was taken up"},"group":"work","measure":{"kind":"count","of":{"subject":"referrals","filters":[{"field":"referralStatus","values":["signposted"]},{"field":"signpostTakenUp","values":["yes"]}]}},"disaggregations":["branch","programme"]}'),
  ('partners_with_agreements', '{"code":"partners_with_agreements","name":{"ru":"Организации-партнёры с действующими соглашениями","en":"Partner organisations with agreements in force"},"group":"work","measure":{"kind":"count","of":{"subject":"partner_agreements","filters":[]}},"disaggregations":[]}');
with added as (
  insert into indicators (org_id, code, shipped)
  select o.id, d.code, true from organizations o cross join partner_indicators d
  where not exists (select 1 from indicators i where i.org_id = o.id and i.code = d.code)
  returning id, org_id, code
)
insert into indicator_versions (org_id, indicator_id, version, definition)
select a.org_id, a.id, 1, d.definition from added a join partner_indicators d on d.code = a.code;
