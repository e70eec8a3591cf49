// Helpers of the attacker tests (aid/attacker.test.ts, housing/attacker.test.ts): another
// organisation's or branch's id sent in each id field a route carries, with what it must answer —
// a 404 for the record itself, a 400 naming the field for an id it carries — and the rows counted
// before and after to show nothing was written; and clients for the roles that try every write.
import { sql } from 'drizzle-orm';
import type { HTTPMethods } from 'fastify';
import type { RoleCode } from '../../domain/access/permissions.js';
import { system } from '../db/gateway.js';
import { buildUser, login, type Client, type TestApp, type TestOrganization } from './harness.js';

export interface Attempt {
  method: HTTPMethods;
  url: () => string;
  body?: () => unknown;
  /** The field a 400 must name; without one the answer must be a 404. */
  field?: string;
}

/** What one attempt answered, in the words `refusals` compares: "not found", "400 <field>", or the status and body. */
async function answerTo(client: Client, attempt: Attempt): Promise<string> {
  const res = await client.request(attempt.method, attempt.url(), attempt.body ? await attempt.body() : undefined);
  if (res.statusCode === 404) return 'not found';
  if (res.statusCode !== 400) return `${res.statusCode} ${res.body.slice(0, 300)}`;
  const paths = (res.json().error.fields as { path: string }[]).map((f) => f.path);
  return attempt.field !== undefined && paths.includes(attempt.field) ? `400 ${attempt.field}` : `400 naming ${paths.join(', ')}`;
}

/** Each attempt sent in turn by `client`: what it answered beside what it must (compare them whole). */
export async function refusals(client: Client, attempts: Record<string, Attempt>) {
  const got: Record<string, string> = {};
  const want: Record<string, string> = {};
  for (const [name, attempt] of Object.entries(attempts)) {
    got[name] = await answerTo(client, attempt);
    want[name] = attempt.field === undefined ? 'not found' : `400 ${attempt.field}`;
  }
  return { got, want };
}

/** Rows of each table in the organisations; of the audit only changes (reads and exports are audited too). */
export async function rowsIn(t: TestApp, orgIds: string[], tables: string[]): Promise<Record<string, number>> {
  return system(t.engine, async (tx) => {
    const counts: Record<string, number> = {};
    for (const table of [...tables, 'audit_log']) {
      const rows = await tx.execute<{ n: number }>(sql`select count(*)::int as n from ${sql.raw(table)} where org_id in ${orgIds}
        ${table === 'audit_log' ? sql`and action not in ('read', 'read_sensitive', 'export')` : sql``}`);
      counts[table] = Number(rows.rows[0]!.n);
    }
    return counts;
  });
}

/** A signed-in client per role, each working in one branch of its organisation. */
export async function roleClients(
  t: TestApp,
  roles: { name: string; roles: RoleCode[]; branch: 0 | 1; org: TestOrganization }[],
): Promise<Record<string, Client>> {
  const clients: Record<string, Client> = {};
  for (const r of roles) clients[r.name] = await login(t, (await buildUser(t, r.org, r.roles, [r.org.branchIds[r.branch]!])).email);
  return clients;
}
