// Where a text survives in the database: for each needle, the tables holding it anywhere in a row (the
// row as text covers every text, JSON and array column, and a binary column as hex, so the needle's
// UTF-8 bytes are searched as hex too). The destruction tests search the whole database with it.
import { sql } from 'drizzle-orm';
import type { Engine } from '../db/engine.js';
import { system } from '../db/gateway.js';

export async function tracesOfAll(engine: Engine, needles: string[]): Promise<Record<string, string[]>> {
  const hex = (needle: string) => Buffer.from(needle, 'utf8').toString('hex');
  const patterns = needles.flatMap((n) => [`%${n}%`, `%${hex(n)}%`]);
  return system(engine, async (tx) => {
    const tables = await tx.execute<{ table_name: string }>(
      sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
    );
    const found: Record<string, string[]> = Object.fromEntries(needles.map((n) => [n, []]));
    for (const { table_name } of tables.rows) {
      const rows = await tx.execute<{ r: string }>(
        sql`select x::text as r from ${sql.identifier(table_name)} x where x::text ilike any(${`{${patterns.map((p) => `"${p}"`).join(',')}}`}::text[])`,
      );
      for (const needle of needles) {
        const lower = needle.toLowerCase();
        if (rows.rows.some((row) => row.r.toLowerCase().includes(lower) || row.r.includes(hex(needle)))) found[needle]!.push(table_name);
      }
    }
    return found;
  });
}
