// Organisation isolation proven in the database itself, not in application code: inside scoped() for
// organisation A, queries with no WHERE at all see only A's rows, writes into another organisation
// are refused, and the audit log cannot be changed by anyone. The structural checks read the catalog,
// so tables added by later migrations are covered without editing this file.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeAudit } from '../audit/audit.js';
import { buildOrganization, buildTestApp, buildUser, login, type TestApp, type TestOrganization } from '../testing/harness.js';
import type { Tx } from './engine.js';
import { pgErrorCode } from './errors.js';
import { scoped, system } from './gateway.js';

let t: TestApp;
let a: TestOrganization;
let b: TestOrganization;
let aUser: string;

/** Tables that are not tenant data: the app role must have no access to them at all. */
const NON_TENANT_TABLES = ['login_throttle', 'schema_migrations', 'public_form_throttle', 'public_form_secret', 'app_role_closures'];
const INSUFFICIENT_PRIVILEGE = '42501';

beforeAll(async () => {
  t = await buildTestApp();
  [a, b] = [await buildOrganization(t, 'alpha'), await buildOrganization(t, 'beta')];
  aUser = (await buildUser(t, a, ['case_worker'])).id;
  await buildUser(t, b, ['case_worker']);
  // Sessions, programmes and audit rows in both organisations, made the way the app makes them.
  for (const org of [a, b]) {
    const admin = await login(t, org.adminEmail);
    const res = await admin.post('/api/programmes', { name: 'Программа', periodStart: '2026-01-01', periodEnd: '2026-12-31' });
    expect(res.statusCode).toBe(201);
  }
});
afterAll(() => t.close());

const asA = <T>(fn: (tx: Tx) => Promise<T>) => scoped(t.engine, { orgId: a.orgId, userId: aUser }, fn);

async function rows<T extends Record<string, unknown>>(tx: Tx, query: string): Promise<T[]> {
  return (await tx.execute(sql.raw(query))).rows as T[];
}

/** Runs work that the database must refuse; returns the PostgreSQL error code. */
async function refused(work: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await work();
  } catch (error) {
    return pgErrorCode(error) ?? 'unknown';
  }
  throw new Error('the database accepted it');
}

interface TableInfo extends Record<string, unknown> {
  name: string;
  rls: boolean;
  has_org: boolean;
  app_select: boolean;
  app_insert: boolean;
}

async function publicTables(): Promise<TableInfo[]> {
  return system(t.engine, (tx) =>
    rows<TableInfo>(
      tx,
      `select c.relname::text as name, c.relrowsecurity as rls,
         exists (select 1 from pg_attribute k where k.attrelid = c.oid and k.attname = 'org_id' and not k.attisdropped) as has_org,
         has_table_privilege('hearth_app', c.oid, 'select') as app_select,
         has_table_privilege('hearth_app', c.oid, 'insert') as app_insert
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'public' and c.relkind in ('r', 'p') order by 1`,
    ),
  );
}

describe('row-level security', () => {
  it('a query with no WHERE sees only the organisation of the scope', async () => {
    const seen = await asA(async (tx) => ({
      users: await rows<{ org_id: string; email: string }>(tx, 'select * from users'),
      branches: await rows<{ org_id: string }>(tx, 'select * from branches'),
      programmes: await rows<{ org_id: string }>(tx, 'select * from programmes'),
      audit: await rows<{ org_id: string | null }>(tx, 'select * from audit_log'),
      organizations: await rows<{ id: string }>(tx, 'select * from organizations'),
      sessions: await rows<{ org_id: string }>(tx, 'select * from sessions'),
      roles: await rows<{ org_id: string }>(tx, 'select * from roles'),
    }));
    expect(seen.users.length).toBeGreaterThanOrEqual(2);
    expect(seen.users.every((row) => row.org_id === a.orgId)).toBe(true);
    expect(seen.users.map((row) => row.email)).not.toContain(b.adminEmail);
    expect(seen.branches).toHaveLength(2);
    expect(seen.branches.every((row) => row.org_id === a.orgId)).toBe(true);
    expect(seen.programmes).toHaveLength(1);
    expect(seen.audit.length).toBeGreaterThan(0);
    expect(seen.audit.every((row) => row.org_id === a.orgId)).toBe(true);
    expect(seen.organizations.map((row) => row.id)).toEqual([a.orgId]);
    expect(seen.sessions.every((row) => row.org_id === a.orgId)).toBe(true);
    expect(seen.roles.every((row) => row.org_id === a.orgId)).toBe(true);

    // Control: the owner (outside any scope) does see both, so the filtering above is the policy's.
    const all = await system(t.engine, (tx) => rows<{ n: number }>(tx, 'select count(distinct org_id)::int as n from users'));
    expect(all[0]!.n).toBeGreaterThanOrEqual(2);
  });

  it('every tenant table, including ones added later, shows the scope nothing of other organisations', async () => {
    const tenant = (await publicTables()).filter((table) => table.has_org);
    expect(tenant.length).toBeGreaterThanOrEqual(10);
    for (const table of tenant) {
      const foreign = await asA((tx) =>
        rows<{ n: number }>(tx, `select count(*)::int as n from ${table.name} where org_id is distinct from '${a.orgId}'`),
      );
      expect(foreign[0]!.n, table.name).toBe(0);
    }
  });

  it('every table the app role can reach has row-level security on organisation', async () => {
    const tables = await publicTables();
    for (const table of tables) {
      if (NON_TENANT_TABLES.includes(table.name)) continue;
      expect(table.has_org, `${table.name} has no org_id`).toBe(true);
      expect(table.rls, `${table.name} has no row-level security`).toBe(true);
    }
    const policies = await system(t.engine, (tx) =>
      rows<{ table: string; qual: string | null; check: string | null }>(
        tx,
        `select c.relname::text as "table", pg_get_expr(p.polqual, p.polrelid) as qual, pg_get_expr(p.polwithcheck, p.polrelid) as "check"
         from pg_policy p join pg_class c on c.oid = p.polrelid`,
      ),
    );
    for (const table of tables.filter((x) => x.rls)) {
      const own = policies.filter((p) => p.table === table.name);
      expect(own.length, `${table.name} has no policy`).toBeGreaterThan(0);
      for (const policy of own) expect(`${policy.qual ?? ''} ${policy.check ?? ''}`, table.name).toContain('hearth_org()');
    }
  });

  it('the app role can neither bypass row-level security nor reach the non-tenant tables', async () => {
    const [role] = await system(t.engine, (tx) =>
      rows<{ rolsuper: boolean; rolbypassrls: boolean }>(tx, `select rolsuper, rolbypassrls from pg_roles where rolname = 'hearth_app'`),
    );
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false });
    for (const table of (await publicTables()).filter((x) => NON_TENANT_TABLES.includes(x.name))) {
      expect(table.app_select, table.name).toBe(false);
      expect(table.app_insert, table.name).toBe(false);
      expect(await refused(() => asA((tx) => rows(tx, `select * from ${table.name}`))), table.name).toBe(INSUFFICIENT_PRIVILEGE);
    }
  });

  it('an insert into another organisation is refused', async () => {
    const code = await refused(() =>
      asA((tx) => tx.execute(sql`insert into branches (org_id, name, city) values (${b.orgId}, 'Чужой', 'Тверь')`)),
    );
    expect(code).toBe(INSUFFICIENT_PRIVILEGE);
    const userCode = await refused(() =>
      asA((tx) =>
        tx.execute(sql`insert into user_roles (org_id, user_id, role_code)
          select ${b.orgId}, id, 'admin' from users where org_id = ${a.orgId} limit 1`),
      ),
    );
    expect(userCode).toBe(INSUFFICIENT_PRIVILEGE);
    const audit = await refused(() =>
      asA((tx) => writeAudit(tx, { orgId: b.orgId, userId: aUser, ip: '', requestId: '' }, { action: 'read', recordType: 'x' })),
    );
    expect(audit).toBe(INSUFFICIENT_PRIVILEGE);
  });

  it("moving a row into another organisation is refused; another organisation's rows cannot be changed or deleted", async () => {
    const moved = await refused(() => asA((tx) => tx.execute(sql`update branches set org_id = ${b.orgId}`)));
    expect(moved).toBe(INSUFFICIENT_PRIVILEGE);
    const touched = await asA(async (tx) => ({
      updated: (await tx.execute(sql`update branches set name = name || '!' where org_id = ${b.orgId} returning id`)).rows.length,
      deleted: (await tx.execute(sql`delete from user_branches where org_id = ${b.orgId} returning user_id`)).rows.length,
    }));
    expect(touched).toEqual({ updated: 0, deleted: 0 });
    const names = await system(t.engine, (tx) => rows<{ name: string }>(tx, `select name from branches where org_id = '${b.orgId}'`));
    expect(names.every((row) => !row.name.endsWith('!'))).toBe(true);
  });

  it('without an organisation in the scope, the app role sees nothing', async () => {
    const seen = await t.engine.transaction(async (tx) => {
      await tx.execute(sql`set local role hearth_app`);
      return {
        users: (await rows(tx, 'select * from users')).length,
        organizations: (await rows(tx, 'select * from organizations')).length,
        audit: (await rows(tx, 'select * from audit_log')).length,
      };
    });
    expect(seen).toEqual({ users: 0, organizations: 0, audit: 0 });
  });

  it('the scope setting does not outlive its transaction', async () => {
    await asA((tx) => rows(tx, 'select 1'));
    const after = await system(t.engine, (tx) =>
      rows<{ org: string | null; role: string }>(tx, `select current_setting('hearth.org_id', true) as org, current_user::text as role`),
    );
    expect(after[0]!.org ?? '').toBe('');
    expect(after[0]!.role).not.toBe('hearth_app');
  });
});

describe('the audit log is append-only in the database', () => {
  it('refuses UPDATE, DELETE and TRUNCATE even for the owner', async () => {
    const before = await system(t.engine, (tx) => rows<{ n: number }>(tx, 'select count(*)::int as n from audit_log'));
    expect(before[0]!.n).toBeGreaterThan(0);
    for (const statement of [
      `update audit_log set action = 'forged'`,
      `update audit_log set details = '{}' where id = (select min(id) from audit_log)`,
      'delete from audit_log',
      'delete from audit_log where id = (select min(id) from audit_log)',
      'truncate audit_log',
    ]) {
      expect(await refused(() => system(t.engine, (tx) => rows(tx, statement))), statement).toBe(INSUFFICIENT_PRIVILEGE);
    }
    const after = await system(t.engine, (tx) =>
      rows<{ n: number; forged: number }>(
        tx,
        `select count(*)::int as n, count(*) filter (where action = 'forged')::int as forged from audit_log`,
      ),
    );
    expect(after[0]).toEqual({ n: before[0]!.n, forged: 0 });
  });

  it('the app role has no UPDATE, DELETE or TRUNCATE grant on it, only SELECT and INSERT', async () => {
    const [grants] = await system(t.engine, (tx) =>
      rows<Record<string, boolean>>(
        tx,
        `select ${['select', 'insert', 'update', 'delete', 'truncate']
          .map((p) => `has_table_privilege('hearth_app', 'audit_log', '${p}') as "${p}"`)
          .join(', ')}`,
      ),
    );
    expect(grants).toEqual({ select: true, insert: true, update: false, delete: false, truncate: false });
    for (const statement of ['update audit_log set action = action', 'delete from audit_log', 'truncate audit_log']) {
      expect(await refused(() => asA((tx) => rows(tx, statement))), statement).toBe(INSUFFICIENT_PRIVILEGE);
    }
  });

  it('the app role can append within its own organisation', async () => {
    await asA((tx) => writeAudit(tx, { orgId: a.orgId, userId: aUser, ip: '', requestId: 'r1' }, { action: 'read', recordType: 'probe' }));
    const found = await asA((tx) => rows(tx, `select * from audit_log where record_type = 'probe'`));
    expect(found).toHaveLength(1);
  });
});
