// Recognising PostgreSQL errors through the wrappers drivers and Drizzle put around them.
export function pgErrorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

export function pgConstraint(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    const constraint = (current as { constraint?: unknown }).constraint;
    if (typeof constraint === 'string') return constraint;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

export const UNIQUE_VIOLATION = '23505';
export const FOREIGN_KEY_VIOLATION = '23503';
export const CHECK_VIOLATION = '23514';
export const EXCLUSION_VIOLATION = '23P01';

/** The first value of a string property found on the error or its causes. */
function pgField(error: unknown, name: 'detail' | 'table' | 'message'): string | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    const value = (current as Record<string, unknown>)[name];
    // The driver's error, not a wrapper's (Drizzle's message quotes the statement).
    if (typeof value === 'string' && typeof (current as { code?: unknown }).code === 'string') return value;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * The request field a foreign-key violation is about, for a 400 that names it: the row being
 * written refers to something that is not there — in the caller's organisation, since every
 * reference between tenant tables is (org_id, x_id) → (org_id, id) (migration 0019). The column is
 * read from the constraint's name, table_column_fkey (composite keys named by PostgreSQL read
 * table_org_id_column_fkey), because the error's detail shows the key only to the owner: under
 * row-level security it says just "Key is not present". branch_id becomes branchId. Undefined on
 * the other side of a key — deleting a row that is still referenced, which is no field of the
 * request — and for a name that does not follow the pattern; the caller then answers without one.
 */
export function foreignKeyField(error: unknown): string | undefined {
  if (pgErrorCode(error) !== FOREIGN_KEY_VIOLATION) return undefined;
  const text = `${pgField(error, 'message') ?? ''} ${pgField(error, 'detail') ?? ''}`;
  if (/update or delete on|still referenced/.test(text)) return undefined;
  const table = pgField(error, 'table');
  const constraint = pgConstraint(error);
  if (!table || !constraint?.startsWith(`${table}_`) || !constraint.endsWith('_fkey')) return undefined;
  const column = constraint.slice(table.length + 1, -'_fkey'.length).replace(/^org_id_/, '');
  if (!/^[a-z][a-z0-9_]*$/.test(column) || column === 'org_id') return undefined;
  return column.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}
