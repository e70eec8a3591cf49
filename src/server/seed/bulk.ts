// Bulk loading for the demo's generated history: one `INSERT … SELECT … FROM unnest($1::uuid[], …)`
// per batch, several times faster than row-by-row inserts on PGlite (the first start must stay quick).
// Statement-level triggers (case counts, service roll-up, case search) see every row of the batch.
import { sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../db/engine.js';

/** Column name → PostgreSQL type, e.g. `{ id: 'uuid', note: 'text', ids: 'uuid[]', data: 'jsonb' }`. */
export type ColumnTypes = Record<string, string>;

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;
const TYPE = /^[a-z_][a-z0-9_ ]*(\[\])?$/;

/**
 * Inserts rows in batches. An array column (`'uuid[]'`) takes each row's value as a JS array, sent
 * as an array literal (unnest would flatten a two-dimensional parameter); jsonb values are objects.
 */
export async function bulkInsert(tx: Tx, table: string, types: ColumnTypes, rows: readonly Record<string, unknown>[], batch = 4000) {
  const columns = Object.keys(types);
  // Identifiers and types come from code, never from input; checked anyway since they are spliced in.
  for (const name of [table, ...columns]) if (!IDENTIFIER.test(name)) throw new Error(`bulkInsert: bad identifier "${name}"`);
  for (const column of columns) if (!TYPE.test(types[column]!)) throw new Error(`bulkInsert: bad type "${types[column]}"`);
  const wire = (type: string, value: unknown): unknown => {
    if (value === null || value === undefined) return null;
    if (type.endsWith('[]')) return `{${(value as string[]).map((v) => `"${String(v).replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
    if (type === 'jsonb') return JSON.stringify(value);
    return value;
  };
  for (let start = 0; start < rows.length; start += batch) {
    const part = rows.slice(start, start + batch);
    const arrays: SQL[] = columns.map((column) => {
      const type = types[column]!;
      const carrier = type.endsWith('[]') || type === 'jsonb' ? 'text' : type;
      return sql`${sql.param(part.map((row) => wire(type, row[column])))}::${sql.raw(carrier)}[]`;
    });
    const values = columns.map((column, i) => {
      const type = types[column]!;
      return type.endsWith('[]') || type === 'jsonb' ? `v${i}::${type}` : `v${i}`;
    });
    const names = columns.map((_, i) => `v${i}`);
    await tx.execute(sql`insert into ${sql.raw(table)} (${sql.raw(columns.join(', '))}) select ${sql.raw(values.join(', '))}
      from unnest(${sql.join(arrays, sql`, `)}) as u(${sql.raw(names.join(', '))})`);
  }
}

/** A small seeded generator (mulberry32): the demo is the same on every first start. */
export function seededRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const chance = (p: number) => next() < p;
  /** A UUID (v4 layout) from the generator, so rows can reference each other before insertion. */
  const uuid = () => {
    const hex = Array.from({ length: 32 }, () => Math.floor(next() * 16).toString(16));
    hex[12] = '4';
    hex[16] = '89ab'[Math.floor(next() * 4)]!;
    const s = hex.join('');
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
  };
  return { next, int, pick, chance, uuid };
}
