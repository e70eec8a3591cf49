// The organisation is part of every key (issue 11, point 9), read from the database catalogue on
// both engines: every tenant table's primary key and unique constraints and indexes include org_id,
// and every foreign key between tenant tables is composite, (org_id, x_id) → (org_id, id), so no
// row can point into another organisation whatever the application does. It is also what
// distributing the tables by org_id on Citus requires. The catalogue is read after all migrations,
// so a table or key added later that breaks the rule fails here by name.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tx } from './engine.js';
import { createTestDatabase, type TestDatabase } from '../testing/harness.js';

/**
 * Tables without org_id, each with why. Anything else without org_id fails: a new table is tenant
 * data unless it is argued here.
 */
const GLOBAL_TABLES: Record<string, string> = {
  // The migration bookkeeping of the whole database, written before any organisation exists; a
  // reference table on Citus.
  schema_migrations: 'which migrations ran',
  // Failed log-in counters keyed by e-mail and address, counted before the organisation is known;
  // a reference table on Citus.
  login_throttle: 'log-in throttling before an organisation is known',
  // The public volunteer form's counts per keyed hash of the client address, and the key itself
  // (migration 0047): counted before the form's organisation is known; reference tables on Citus.
  public_form_throttle: 'public form throttling before an organisation is known',
  public_form_secret: 'the key of the public form’s address hashes and tokens',
  // What the app role may not do (migration 0048), read by hearth_grant_app(); the same for every
  // organisation, changed only by migrations; a reference table on Citus.
  app_role_closures: 'the tables closed to the application role',
};

/**
 * Tables that must stay tenant tables: if one lost its org_id it would otherwise just drop out
 * of the checks (and, without a policy on org_id, out of the isolation test's reach too).
 */
const TENANT_TABLES = [
  'organizations',
  'branches',
  'programmes',
  'roles',
  'users',
  'user_roles',
  'user_branches',
  'sessions',
  'idempotency_keys',
  'audit_log',
  'families',
  'members',
  'social_contacts',
  'referrals',
  'cases',
  'case_team',
  'case_events',
  'files',
  'consents',
  'sensitive_notes',
  'assessment_templates',
  'assessments',
  'assessment_amendments',
  'plans',
  'plan_goals',
  'plan_tasks',
  'plan_reviews',
  'service_types',
  'services',
  'group_sessions',
  'group_attendance',
  'facilities',
  'rooms',
  'places',
  'housing_closures',
  'stays',
  'placements',
  'stay_extensions',
  'house_journal',
  'indicators',
  'indicator_versions',
  'indicator_targets',
  'report_narratives',
  'report_settings',
  'outcome_frameworks',
  'outcomes',
  'outcome_marks',
  'follow_ups',
  'feedback_templates',
  'feedback_responses',
  'service_rollup',
  'service_days',
  'case_search',
  'search_words',
  'case_counts',
];

/** Keys that may leave org_id out, each with why. */
const KEY_EXCEPTIONS: Record<string, string> = {
  // The organisation itself: its key is id and its org_id is generated as id, so (id) is (org_id).
  organizations_pkey: 'the organisation’s own id is its org_id',
  // Events before an organisation is known (a failed log-in with an unknown e-mail) have no org_id;
  // nothing references the log. On Citus those rows would go to a table of their own.
  audit_log_pkey: 'events without an organisation',
  // The log-in form finds the organisation by the e-mail, so an address is unique across
  // organisations. On Citus: a reference table of addresses → organisation.
  users_email_key: 'log-in finds the organisation by e-mail',
};

/** Tenant tables whose org_id may be null (Citus would need these rows elsewhere), with why. */
const NULLABLE_ORG: Record<string, string> = {
  audit_log: 'events without an organisation (see audit_log_pkey above)',
  organizations: 'generated as id, never null in fact',
};

interface TableRow {
  name: string;
  has_org: boolean;
  org_nullable: boolean;
}
interface KeyRow {
  table: string;
  name: string;
  kind: string;
  columns: string[];
}
interface ForeignKeyRow {
  table: string;
  name: string;
  columns: string[];
  ref_table: string;
  ref_columns: string[];
}

async function rows<T>(tx: Tx, text: string): Promise<T[]> {
  return (await tx.execute<T & Record<string, unknown>>(text as never)).rows as T[];
}

/** Every breach of the rule in the public schema as one readable line each (empty when none). */
export async function keyViolations(tx: Tx): Promise<string[]> {
  const tables = await rows<TableRow>(
    tx,
    `select c.relname::text as name, a.attname is not null as has_org, coalesce(not a.attnotnull, false) as org_nullable
     from pg_class c left join pg_attribute a on a.attrelid = c.oid and a.attname = 'org_id' and not a.attisdropped
     where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p')`,
  );
  // Unique keys: primary keys, unique and exclusion constraints, and unique indexes that back no
  // constraint (create unique index …); their key columns only (expressions count as no column).
  const keys = await rows<KeyRow>(
    tx,
    `select t.relname::text as "table", i.relname::text as name,
       case con.contype when 'p' then 'primary key' when 'u' then 'unique' when 'x' then 'exclusion' else 'unique index' end as kind,
       array(select coalesce(a.attname::text, '(expression)') from unnest(x.indkey[0:x.indnkeyatts - 1]) k(n)
             left join pg_attribute a on a.attrelid = x.indrelid and a.attnum = k.n) as columns
     from pg_index x join pg_class i on i.oid = x.indexrelid join pg_class t on t.oid = x.indrelid
     left join pg_constraint con on con.conindid = x.indexrelid and con.contype in ('p', 'u', 'x')
     where t.relnamespace = 'public'::regnamespace and (x.indisunique or con.contype = 'x')`,
  );
  const foreignKeys = await rows<ForeignKeyRow>(
    tx,
    `select c.conrelid::regclass::text as "table", c.conname::text as name, c.confrelid::regclass::text as ref_table,
       array(select a.attname::text from unnest(c.conkey) with ordinality k(n, o) join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.n order by k.o) as columns,
       array(select a.attname::text from unnest(c.confkey) with ordinality k(n, o) join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.n order by k.o) as ref_columns
     from pg_constraint c where c.contype = 'f' and c.connamespace = 'public'::regnamespace`,
  );

  const problems: string[] = [];
  const tenant = new Set(tables.filter((table) => table.has_org).map((table) => table.name));
  for (const table of tables) {
    if (!table.has_org && !(table.name in GLOBAL_TABLES)) problems.push(`${table.name}: no org_id and not on the list of global tables`);
    if (table.has_org && table.org_nullable && !(table.name in NULLABLE_ORG)) problems.push(`${table.name}: org_id may be null`);
  }
  for (const name of TENANT_TABLES) if (!tenant.has(name)) problems.push(`${name}: must be a tenant table (with org_id)`);
  for (const key of keys) {
    if (!tenant.has(key.table) || key.name in KEY_EXCEPTIONS) continue;
    if (!key.columns.includes('org_id')) problems.push(`${key.table}: ${key.kind} ${key.name} (${key.columns.join(', ')}) lacks org_id`);
  }
  for (const fk of foreignKeys) {
    const from = tenant.has(fk.table);
    const to = tenant.has(fk.ref_table);
    if (from !== to) {
      problems.push(`${fk.table}: foreign key ${fk.name} joins a ${from ? 'tenant' : 'global'} table to a ${to ? 'tenant' : 'global'} one`);
      continue;
    }
    if (!from) continue;
    // To the organisation itself: (org_id) → organizations(id), which is (org_id) → (org_id).
    if (fk.ref_table === 'organizations') {
      if (fk.columns.join() !== 'org_id') problems.push(`${fk.table}: foreign key ${fk.name} to organizations is not on org_id`);
      continue;
    }
    const at = fk.columns.indexOf('org_id');
    if (at < 0 || fk.ref_columns[at] !== 'org_id')
      problems.push(
        `${fk.table}: foreign key ${fk.name} (${fk.columns.join(', ')}) → ${fk.ref_table} (${fk.ref_columns.join(', ')}) is not composite with org_id`,
      );
  }
  return problems.sort();
}

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

describe('the organisation in every key', () => {
  it('every tenant table, key and foreign key includes org_id; every other table is argued global', async () => {
    expect(await db.engine.transaction(keyViolations)).toEqual([]);
  });

  it('finds a table, key or foreign key that leaves org_id out (the check can fail)', async () => {
    const rollback = new Error('rollback');
    let found: string[] = [];
    await expect(
      db.engine.transaction(async (tx) => {
        await tx.execute(`create table probe_global (id uuid primary key)` as never);
        await tx.execute(`create table probe_parent (id uuid primary key, org_id uuid not null)` as never);
        await tx.execute(
          `create table probe_tenant (
            id uuid primary key, org_id uuid not null, parent_id uuid references probe_parent (id), code text,
            owner_org uuid references organizations (id), branch_id uuid, unique (code),
            foreign key (org_id, branch_id) references branches (org_id, id))` as never,
        );
        await tx.execute(`create unique index probe_tenant_code_idx on probe_tenant (lower(code))` as never);
        found = await keyViolations(tx);
        throw rollback;
      }),
    ).rejects.toBe(rollback);
    expect(found).toEqual([
      'probe_global: no org_id and not on the list of global tables',
      'probe_parent: primary key probe_parent_pkey (id) lacks org_id',
      'probe_tenant: foreign key probe_tenant_owner_org_fkey to organizations is not on org_id',
      'probe_tenant: foreign key probe_tenant_parent_id_fkey (parent_id) → probe_parent (id) is not composite with org_id',
      'probe_tenant: primary key probe_tenant_pkey (id) lacks org_id',
      'probe_tenant: unique index probe_tenant_code_idx ((expression)) lacks org_id',
      'probe_tenant: unique probe_tenant_code_key (code) lacks org_id',
    ]);
  });

  it('a reference into another organisation is refused by the database itself', async () => {
    const violation = await db.engine
      .transaction(async (tx) => {
        const org = (name: string) =>
          rows<{ id: string }>(tx, `insert into organizations (name) values ('${name}') returning id::text`).then((r) => r[0]!.id);
        const [a, b] = [await org('A'), await org('B')];
        const [branch] = await rows<{ id: string }>(
          tx,
          `insert into branches (org_id, name, city) values ('${b}', 'B1', 'Тверь') returning id::text`,
        );
        await tx.execute(`insert into families (org_id, branch_id) values ('${a}', '${branch!.id}')` as never);
        return undefined;
      })
      .catch((error: unknown) => error as { code?: string; constraint?: string; cause?: { code?: string; constraint?: string } });
    const cause = violation?.cause ?? violation;
    expect(cause?.code).toBe('23503');
    expect(cause?.constraint).toBe('families_branch_id_fkey');
  });
});
