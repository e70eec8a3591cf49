// What the application role hearth_app may do, table by table. Since migration 0048 the tables closed
// to it are rows of app_role_closures that hearth_grant_app() reads (before, every migration that
// closed one rewrote the function whole). Proven here: 0048 changed no privilege of the app role on
// any table or sequence that existed at 0047; on the fully migrated database each closed table allows
// exactly what CLOSED below says and every other table the usual four; and adding a row closes a table
// while calling the function again changes nothing else.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, createTestDatabaseAt, type TestDatabase } from '../testing/harness.js';
import type { Engine } from './engine.js';
import { system } from './gateway.js';
import { listMigrations, migrate } from './migrate.js';

const TABLE_PRIVILEGES = ['select', 'insert', 'update', 'delete', 'truncate', 'references', 'trigger'];
const APPEND_ONLY = ['insert', 'select'];
const NONE: string[] = [];

/**
 * The closed tables and what the app role keeps on each. A migration that closes a table adds its row
 * to app_role_closures and its line here; every table not named keeps select, insert, update, delete.
 */
const CLOSED: Record<string, string[]> = {
  audit_log: APPEND_ONLY,
  case_events: APPEND_ONLY,
  assessment_amendments: APPEND_ONLY,
  plan_reviews: APPEND_ONLY,
  destruction_acts: APPEND_ONLY,
  subject_request_disclosures: APPEND_ONLY,
  schema_migrations: NONE,
  login_throttle: NONE,
  public_form_throttle: NONE,
  public_form_secret: NONE,
  app_role_closures: NONE,
};
const OPEN = ['delete', 'insert', 'select', 'update'];

/** Every relation of the public schema with the privileges hearth_app holds on it, sorted. */
async function appPrivileges(engine: Engine): Promise<Record<string, string[]>> {
  const result = await system(engine, (tx) =>
    tx.execute<{ name: string; privileges: string[] }>(sql`
      select c.relname::text as name,
        array(select p from unnest(case when c.relkind = 'S' then array['usage', 'select', 'update']
                                        else ${sql.raw(`array[${TABLE_PRIVILEGES.map((p) => `'${p}'`).join(', ')}]`)} end) p
              where case when c.relkind = 'S' then has_sequence_privilege('hearth_app', c.oid, p)
                         else has_table_privilege('hearth_app', c.oid, p) end
              order by p) as privileges
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm', 'f', 'S')
      order by 1`),
  );
  return Object.fromEntries(result.rows.map((row) => [row.name, row.privileges]));
}

async function run(engine: Engine, statement: string): Promise<void> {
  await system(engine, (tx) => tx.execute(sql.raw(statement)));
}

describe('migration 0048: the closed tables as data', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabaseAt(47);
  }, 180_000);
  afterAll(() => db.drop());

  it('leaves every privilege of the app role as 0047 left it, and closes its own list', async () => {
    const before = await appPrivileges(db.engine);
    expect(before.audit_log).toEqual(APPEND_ONLY);
    await migrate(
      db.engine,
      listMigrations().filter((m) => m.version <= 48),
    );
    const after = await appPrivileges(db.engine);
    expect(after.app_role_closures).toEqual(NONE);
    delete after.app_role_closures;
    expect(after).toEqual(before);
  }, 60_000);

  it('calling hearth_grant_app() again changes nothing; a row closes a table and its removal reopens it', async () => {
    const settled = await appPrivileges(db.engine);
    await run(db.engine, 'select hearth_grant_app()');
    expect(await appPrivileges(db.engine)).toEqual(settled);

    await run(db.engine, `insert into app_role_closures (table_name, revoked, why) values ('programmes', '{update,delete}', 'probe')`);
    await run(db.engine, 'select hearth_grant_app()');
    const closed = await appPrivileges(db.engine);
    expect(closed.programmes).toEqual(['insert', 'select']);
    expect({ ...closed, programmes: settled.programmes }).toEqual(settled);

    await run(db.engine, `delete from app_role_closures where table_name = 'programmes'`);
    await run(db.engine, 'select hearth_grant_app()');
    expect(await appPrivileges(db.engine)).toEqual(settled);
  });

  it('refuses a row naming a table that does not exist, or a privilege that is not one', async () => {
    await run(db.engine, `insert into app_role_closures (table_name, revoked, why) values ('no_such_table', '{all}', 'probe')`);
    await expect(run(db.engine, 'select hearth_grant_app()')).rejects.toThrow();
    await run(db.engine, `delete from app_role_closures where table_name = 'no_such_table'`);
    await expect(
      run(db.engine, `insert into app_role_closures (table_name, revoked, why) values ('programmes', '{drop}', 'probe')`),
    ).rejects.toThrow();
  });
});

describe('the app role on the fully migrated database', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it('has on each closed table exactly what CLOSED says, and select/insert/update/delete on every other', async () => {
    const privileges = await appPrivileges(db.engine);
    const listed = await system(db.engine, (tx) => tx.execute<{ table_name: string }>(sql`select table_name from app_role_closures`));
    expect(listed.rows.map((row) => row.table_name).sort()).toEqual(Object.keys(CLOSED).sort());
    const sequences = await system(db.engine, (tx) =>
      tx.execute<{ name: string }>(
        sql`select relname::text as name from pg_class where relkind = 'S' and relnamespace = 'public'::regnamespace`,
      ),
    );
    const isSequence = new Set(sequences.rows.map((row) => row.name));
    for (const [name, held] of Object.entries(privileges)) {
      const expected = isSequence.has(name) ? ['select', 'usage'] : (CLOSED[name] ?? OPEN);
      expect(held, name).toEqual(expected);
    }
  });
});
