// Work that must follow a transaction's outcome but cannot be part of it: bytes in a folder or an S3
// bucket (src/server/files). Code inside a transaction registers a hook; once the engine's
// transaction has ended — committed or rolled back, and its connection (PGlite's only one) free —
// the hooks run with the outcome. A hook's failure never changes the transaction's answer.
//
// The hooks hang on the async context of the engine's `transaction` call, so savepoints (nested
// `tx.transaction`) add to their outer transaction's hooks: a hook must therefore look at what was
// committed (the rows) rather than assume its own statements were.
import { AsyncLocalStorage } from 'node:async_hooks';

export type TransactionOutcome = 'committed' | 'rolled_back';
type Hook = (outcome: TransactionOutcome) => Promise<void>;

const current = new AsyncLocalStorage<Hook[]>();

/** Runs `hook` once the transaction the caller is in has ended. Outside a transaction it is a programming error. */
export function afterTransaction(hook: Hook): void {
  const hooks = current.getStore();
  if (!hooks) throw new Error('afterTransaction called outside a transaction');
  hooks.push(hook);
}

/** How an engine runs one transaction: `run` in a context of its own, then its hooks with the outcome. */
export async function withAfterTransaction<T>(run: () => Promise<T>): Promise<T> {
  const hooks: Hook[] = [];
  let result: T;
  try {
    result = await current.run(hooks, run);
  } catch (error) {
    await runHooks(hooks, 'rolled_back');
    throw error;
  }
  await runHooks(hooks, 'committed');
  return result;
}

async function runHooks(hooks: Hook[], outcome: TransactionOutcome): Promise<void> {
  for (const hook of hooks) {
    try {
      // Outside the finished transaction's context: a hook's own transaction has hooks of its own.
      await current.exit(() => hook(outcome));
    } catch {
      // Left to the hook's own bookkeeping (the files' sweep finds what a failed hook left behind).
    }
  }
}
