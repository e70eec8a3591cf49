// Bulk loading for generated datasets: one `INSERT … SELECT * FROM unnest($1::uuid[], $2::text[], …)`
// per batch, about 3× faster than a multi-row VALUES insert, on PGlite and PostgreSQL alike.
// Runs as the database owner (no tenant scope): only for benchmark data.
import { sql, type SQL } from 'drizzle-orm';
import type { Engine } from '../../src/server/db/engine.js';
import { system } from '../../src/server/db/gateway.js';

/**
 * Column name → PostgreSQL type of its array parameter, e.g. `{ id: 'uuid', last_name: 'text' }`.
 * An array column (`'text[]'`) takes each row's value as an array literal such as `'{a,b}'`, since
 * unnest would flatten a two-dimensional parameter.
 */
export type ColumnTypes<Row> = { [K in keyof Row & string]: string };

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;
const TYPE = /^[a-z_][a-z0-9_ ]*(\(\d+(,\s*\d+)?\))?(\[\])?$/;

/** Inserts rows in batches of `batchSize`, each batch in its own transaction. Returns the row count. */
export async function bulkInsert<Row extends Record<string, unknown>>(
  engine: Engine,
  table: string,
  types: ColumnTypes<Row>,
  rows: readonly Row[],
  batchSize = 5000,
): Promise<number> {
  const columns = Object.keys(types) as (keyof Row & string)[];
  // Identifiers and types come from code, never from input; checked anyway since they are spliced in.
  for (const name of [table, ...columns]) if (!IDENTIFIER.test(name)) throw new Error(`bulkInsert: bad identifier "${name}"`);
  for (const column of columns) if (!TYPE.test(types[column])) throw new Error(`bulkInsert: bad type "${types[column]}"`);
  for (let start = 0; start < rows.length; start += batchSize) {
    const batch = rows.slice(start, start + batchSize);
    const arrays: SQL[] = columns.map((column) => {
      const type = types[column].endsWith('[]') ? 'text' : types[column];
      return sql`${sql.param(batch.map((row) => row[column] ?? null))}::${sql.raw(type)}[]`;
    });
    const values = columns.map((column, i) => (types[column].endsWith('[]') ? `v${i}::${types[column]}` : `v${i}`));
    const names = columns.map((_, i) => `v${i}`);
    const statement = sql`insert into ${sql.raw(table)} (${sql.raw(columns.join(', '))}) select ${sql.raw(values.join(', '))}
      from unnest(${sql.join(arrays, sql`, `)}) as u(${sql.raw(names.join(', '))})`;
    await system(engine, (tx) => tx.execute(statement));
  }
  return rows.length;
}
