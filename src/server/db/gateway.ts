// The request-scoped data gateway: the only way a request reaches tenant data. Every transaction
// runs as the non-superuser role hearth_app with the caller's organisation set, so row-level
// security filters every query even if code forgets a WHERE. A failed handler rolls back all
// its writes together with their audit records.
import { sql } from 'drizzle-orm';
import type { Engine, Tx } from './engine.js';

export interface Scope {
  orgId: string;
  userId: string;
}

export function scoped<T>(engine: Engine, scope: Scope, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return engine.transaction(async (tx) => {
    // One round trip sets the tenant, the role (set_config('role') is SET LOCAL ROLE) and switches
    // JIT off: a request's statements are short, but row-level security and scope subplans inflate
    // their cost estimates past jit_above_cost, and compiling took ≈12 ms for a 8 ms count.
    await tx.execute(
      sql`select set_config('hearth.org_id', ${scope.orgId}, true), set_config('hearth.user_id', ${scope.userId}, true),
        set_config('jit', 'off', true), set_config('role', 'hearth_app', true)`,
    );
    return fn(tx);
  });
}

/**
 * Work done as the database owner, outside any tenant: log-in, session lookup, migrations, seeding.
 * Kept to the auth and setup code; never used by area routes.
 */
export function system<T>(engine: Engine, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return engine.transaction(fn);
}

/**
 * Work done as the database owner whose statements need not commit together: the session lookup
 * of every request (one round trip instead of BEGIN, the lookup and COMMIT).
 */
export function systemAutocommit<T>(engine: Engine, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return engine.autocommit(fn);
}
