-- Attachments (issue 16, point 1): scans and photos of a record — a family, a person, a person's
-- document, a consent, a case, a service, a stay, an aid hand-over, a partner agreement, a training
-- certificate (src/server/files/owners.ts maps each owner kind to its area's reach). An attachment
-- has a title and the date the document is from, and versions: a replacement adds a version and
-- keeps the earlier ones. Removal is recorded (who, when) and deletes the content of every version
-- for good; the rows stay as the record that there was a file and who removed it.
--
-- The bytes live in one of three stores (src/server/files/storage.ts): a folder beside PGlite's
-- data, the file_contents table below (default on PostgreSQL), or an S3-compatible bucket; each
-- version records where its content went.
create table attachments (
  id uuid not null default gen_random_uuid(),
  org_id uuid not null references organizations(id),
  owner_kind text not null check (owner_kind ~ '^[a-z_]{1,50}$'),
  owner_id uuid not null,
  -- For a person's document: which document (passport, birth_certificate…); '' otherwise.
  document_kind text not null default '' check (length(document_kind) <= 50),
  -- The family the owner belongs to (null for partners' agreements and trainings): subject access
  -- requests and the sensitive sections go by it.
  family_id uuid,
  -- A sensitive section (health…): then only those who may see that section of the family see it.
  section text check (section in ('health', 'mental_state', 'addiction', 'criminal_record', 'domestic_violence')),
  title text not null check (length(title) between 1 and 300),
  document_date date,
  version integer not null default 1,
  created_by uuid not null,
  created_at timestamptz not null default now(),
  removed_at timestamptz,
  removed_by uuid,
  primary key (org_id, id),
  foreign key (org_id, family_id) references families (org_id, id),
  foreign key (org_id, created_by) references users (org_id, id),
  foreign key (org_id, removed_by) references users (org_id, id),
  check ((removed_at is null) = (removed_by is null))
);
comment on table attachments is 'A file of a record (scan, photo, office document), with its versions in attachment_versions.';
create index attachments_owner_idx on attachments (org_id, owner_kind, owner_id);
create index attachments_family_idx on attachments (org_id, family_id) where family_id is not null;

create table attachment_versions (
  id uuid not null default gen_random_uuid(),
  org_id uuid not null references organizations(id),
  attachment_id uuid not null,
  number integer not null check (number >= 1),
  store text not null check (store in ('folder', 'database', 's3')),
  -- The object's key in its store: a random id, never a name anyone typed.
  storage_key uuid not null,
  -- The name it was uploaded with: shown and offered on download; personal data, never audited.
  file_name text not null default '' check (length(file_name) <= 255),
  content_type text not null check (length(content_type) <= 100),
  size bigint not null check (size > 0),
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  pages integer,
  uploaded_by uuid not null,
  uploaded_at timestamptz not null default now(),
  content_deleted_at timestamptz,
  primary key (org_id, id),
  unique (org_id, attachment_id, number),
  foreign key (org_id, attachment_id) references attachments (org_id, id),
  foreign key (org_id, uploaded_by) references users (org_id, id)
);
create index attachment_versions_key_idx on attachment_versions (org_id, storage_key);

create table file_contents (
  org_id uuid not null references organizations(id),
  key uuid not null,
  content bytea not null,
  primary key (org_id, key)
);
comment on table file_contents is 'The bytes of attachment versions when the database is the file store.';
-- Large values are compressed already (JPEG, PDF, zip): storing them uncompressed saves the CPU.
alter table file_contents alter column content set storage external;

-- The organisation's file rules: per-file and per-record limits (MB) and the optional virus check.
alter table organizations add column attachment_settings jsonb not null
  default '{"maxFileMb": 10, "maxRecordMb": 100, "virusCheck": false}';

-- Consent scans kept before this migration (files, 0002) become attachments of their consents, so
-- the signed form is found with every other file; their bytes are copied into file_contents.
insert into file_contents (org_id, key, content)
  select f.org_id, f.id, f.content from consents c join files f on f.org_id = c.org_id and f.id = c.scan_file_id;
with made as (
  insert into attachments (org_id, owner_kind, owner_id, family_id, title, document_date, created_by, created_at)
    select c.org_id, 'consent', c.id, c.family_id, 'Скан согласия', c.given_on, coalesce(f.uploaded_by, c.taken_by), f.created_at
    from consents c join files f on f.org_id = c.org_id and f.id = c.scan_file_id
    returning org_id, id, owner_id
)
insert into attachment_versions (org_id, attachment_id, number, store, storage_key, file_name, content_type, size, sha256, uploaded_by, uploaded_at)
  select m.org_id, m.id, 1, 'database', f.id, left(f.file_name, 255), left(f.mime_type, 100), greatest(length(f.content), 1),
    encode(sha256(f.content), 'hex'), coalesce(f.uploaded_by, c.taken_by), f.created_at
  from made m join consents c on c.org_id = m.org_id and c.id = m.owner_id join files f on f.org_id = c.org_id and f.id = c.scan_file_id;

select hearth_tenant_table('attachments');
select hearth_tenant_table('attachment_versions');
select hearth_tenant_table('file_contents');
select hearth_grant_app();
