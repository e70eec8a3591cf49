// The engine's request settings, on both engines: the scoped gateway sets the tenant, the role and
// JIT off in one statement; on PostgreSQL every parameterised statement is prepared once per
// connection (and a statement with too many parameters, a bulk write, is not), so repeating a
// statement skips parsing and, once settled, planning.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganization, buildTestApp, buildUser, TEST_DB, type TestApp, type TestOrganization } from '../testing/harness.js';
import { scoped, systemAutocommit } from './gateway.js';

let t: TestApp;
let org: TestOrganization;
let userId: string;

beforeAll(async () => {
  t = await buildTestApp();
  org = await buildOrganization(t);
  userId = (await buildUser(t, org, ['case_worker'])).id;
});
afterAll(() => t.close());

describe('scoped requests', () => {
  it('run as hearth_app in the caller’s organisation with JIT off', async () => {
    const settings = await scoped(t.engine, { orgId: org.orgId, userId }, async (tx) => {
      const result = await tx.execute<{ role: string; org: string; user_id: string; jit: string }>(
        sql`select current_user as role, current_setting('hearth.org_id') as org, current_setting('hearth.user_id') as user_id,
          current_setting('jit') as jit`,
      );
      return result.rows[0]!;
    });
    expect(settings).toEqual({ role: 'hearth_app', org: org.orgId, user_id: userId, jit: 'off' });
  });

  it('leave nothing behind: the next transaction on the connection is the owner’s again', async () => {
    await scoped(t.engine, { orgId: org.orgId, userId }, async () => undefined);
    const after = await systemAutocommit(t.engine, (tx) =>
      tx.execute<{ role: string; org: string | null }>(sql`select current_user as role, current_setting('hearth.org_id', true) as org`),
    );
    expect(after.rows[0]!.role).not.toBe('hearth_app');
    expect(after.rows[0]!.org ?? '').toBe('');
  });
});

// Only PostgreSQL: statements are prepared by the node-postgres pool (PGlite is one connection in
// the process, where parsing costs no round trip and the driver keeps its own protocol).
describe.runIf(TEST_DB === 'postgres')('prepared statements (PostgreSQL)', () => {
  it('prepares a parameterised statement once per connection, and a bulk write not at all', async () => {
    const marker = 'prepared-once';
    const prepared = await t.engine.transaction(async (tx) => {
      for (let i = 0; i < 3; i++) await tx.execute(sql`select ${i}::int as n, ${marker}::text as m`);
      const many = Array.from({ length: 100 }, (_, i) => i);
      await tx.execute(
        sql`select ${marker}::text as bulk, ${sql.join(
          many.map((n) => sql`${n}::int`),
          sql`, `,
        )}`,
      );
      const rows = await tx.execute<{ statement: string }>(sql`select statement from pg_prepared_statements`);
      return rows.rows.map((row) => row.statement).filter((text) => text.includes('::text as m') || text.includes('as bulk'));
    });
    expect(prepared.filter((text) => text.includes('::text as m'))).toHaveLength(1);
    expect(prepared.filter((text) => text.includes('as bulk'))).toHaveLength(0);
  });
});
