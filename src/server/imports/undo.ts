// What was built on imported records: every row of any table whose foreign key points at them. Read
// from the catalogue rather than listed, so a table added by a later area (files, plans, stays…)
// blocks an undo the day it exists.
import { sql } from 'drizzle-orm';
import type { Tx } from '../db/engine.js';

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/** Tables (other than `except`) holding a row that references one of `ids` in `target`. */
export async function blockersOf(
  tx: Tx,
  target: 'families' | 'members' | 'cases' | 'services',
  ids: string[],
  except: string[],
): Promise<string[]> {
  if (ids.length === 0) return [];
  const refs = await tx.execute<{ tbl: string; col: string }>(sql`
    select c.conrelid::regclass::text as tbl, a.attname::text as col
    from pg_constraint c
    join lateral unnest(c.conkey) as k(attnum) on true
    join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.attnum
    where c.contype = 'f' and c.confrelid = ${target}::regclass and a.attname <> 'org_id'`);
  const blocked: string[] = [];
  const list = `{${ids.join(',')}}`;
  for (const { tbl, col } of refs.rows) {
    if (except.includes(tbl) || blocked.includes(tbl)) continue;
    if (!IDENTIFIER.test(tbl) || !IDENTIFIER.test(col)) continue;
    const found = await tx.execute(sql`select 1 from ${sql.raw(tbl)} where ${sql.raw(col)} = any(${list}::uuid[]) limit 1`);
    if (found.rows.length > 0) blocked.push(tbl);
  }
  return blocked;
}
