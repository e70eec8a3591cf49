-- Import from spreadsheets (issue 16, point 3). An uploaded XLSX or CSV is kept as an import job:
-- its rows as read (cells), the mapping of columns to fields, each row's problems and possible
-- duplicates, the user's decision per duplicate, and which records each row created — so a report of
-- the rows not imported can be downloaded and the whole import undone while nothing is built on it.
-- The mapping a user confirms is remembered per organisation and kind (import_mappings), by header text.
-- Keyed by (org_id, id) with composite foreign keys (see 0019).

create table import_jobs (
  id uuid not null default gen_random_uuid(),
  org_id uuid not null references organizations(id),
  kind text not null check (kind in ('families', 'cases', 'services')),
  file_name text not null check (length(file_name) between 1 and 200),
  encoding text not null default '' check (length(encoding) <= 20),
  status text not null default 'uploaded'
    check (status in ('uploaded', 'analysing', 'previewed', 'running', 'done', 'interrupted', 'undone')),
  headers jsonb not null default '[]',
  mapping jsonb not null default '{}',
  mapping_remembered boolean not null default false,
  branch_id uuid,
  row_count integer not null default 0 check (row_count >= 0),
  -- Every row checked with the current mapping: only then may the import run.
  analysed boolean not null default false,
  progress_done integer not null default 0,
  progress_total integer not null default 0,
  created_by uuid not null,
  created_at timestamptz not null default now(),
  finished_at timestamptz,
  undone_at timestamptz,
  undone_by uuid,
  version integer not null default 1,
  primary key (org_id, id),
  foreign key (org_id, branch_id) references branches (org_id, id),
  foreign key (org_id, created_by) references users (org_id, id),
  foreign key (org_id, undone_by) references users (org_id, id)
);
comment on table import_jobs is 'An uploaded spreadsheet and the state of its import; rows in import_rows.';
create index import_jobs_created_idx on import_jobs (org_id, created_by, created_at desc);

create table import_rows (
  org_id uuid not null references organizations(id),
  job_id uuid not null,
  row_number integer not null check (row_number >= 1),
  -- Rows read as one family (the family column): the row number of the group's first row.
  group_number integer not null default 0,
  cells jsonb not null,
  status text not null default 'ready'
    check (status in ('ready', 'problem', 'duplicate', 'imported', 'linked', 'skipped', 'failed', 'undone')),
  problems jsonb not null default '[]',
  duplicates jsonb not null default '[]',
  outside_reach boolean not null default false,
  same_as_row integer,
  decision text check (decision in ('new', 'skip', 'link')),
  linked_family_id uuid,
  -- What the row wrote: {"familyId": …, "memberIds": […]} or {"caseId": …} or {"serviceId": …}.
  created jsonb,
  primary key (org_id, job_id, row_number),
  foreign key (org_id, job_id) references import_jobs (org_id, id) on delete cascade
);
comment on table import_rows is 'Each row of an import job as read, its problems and duplicates, and the records it created.';
create index import_rows_status_idx on import_rows (org_id, job_id, status);

create table import_mappings (
  org_id uuid not null references organizations(id),
  kind text not null check (kind in ('families', 'cases', 'services')),
  -- Header text (lower case, ё as е, no punctuation) → field.
  memory jsonb not null default '{}',
  updated_by uuid not null,
  updated_at timestamptz not null default now(),
  primary key (org_id, kind),
  foreign key (org_id, updated_by) references users (org_id, id)
);
comment on table import_mappings is 'The column mapping last confirmed per organisation and kind of import, for the next file.';

select hearth_tenant_table('import_jobs');
select hearth_tenant_table('import_rows');
select hearth_tenant_table('import_mappings');
select hearth_grant_app();

-- Organisations created before this migration: their admins and coordinators may import.
update roles r set permissions = array(select distinct p from unnest(r.permissions || d.extra) p order by p)
from (values
  ('admin', array['imports.run']),
  ('coordinator', array['imports.run'])
) as d(code, extra)
where r.code = d.code;
