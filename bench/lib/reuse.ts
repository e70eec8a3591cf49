// Reusing generated data between benchmark runs (`--reuse`): generating 100,000 families and
// 2,000,000 services takes minutes, and tuning a query needs many measurements on the same data.
// A run that generates writes what the scenarios need (each dataset's info, its counts, the sizes
// and seed) into the table bench_run of the bench database; a later run with --reuse and the same
// seed and sizes takes them from there instead of generating. The table belongs to the database
// owner; the application role never sees it. A run that needs a dataset the stored run lacks (a new
// scenario on the same 100,000 families) generates only that one and stores the run again.
import { sql } from 'drizzle-orm';
import type { Engine } from '../../src/server/db/engine.js';
import { system } from '../../src/server/db/gateway.js';

export interface StoredRun {
  infos: Record<string, unknown>;
  counts: Record<string, Record<string, number>>;
}

/**
 * The stored run, when it was made with the same seed and the datasets it holds have the sizes asked
 * for; `datasets` are those the run needs, each with its size option. The caller generates the
 * needed datasets the stored run lacks.
 */
export async function findStoredRun(
  engine: Engine,
  seed: number,
  sizes: Record<string, number>,
  datasets: { name: string; option: string }[],
): Promise<(StoredRun & { sizes: Record<string, number> }) | null> {
  return system(engine, async (tx) => {
    const table = await tx.execute<{ t: string | null }>(sql`select to_regclass('public.bench_run')::text as t`);
    if (!table.rows[0]?.t) return null;
    const rows = await tx.execute<{ seed: number; sizes: unknown; infos: unknown; counts: unknown }>(
      sql`select seed, sizes, infos, counts from bench_run where id = 1`,
    );
    const row = rows.rows[0];
    if (!row || Number(row.seed) !== seed) return null;
    const json = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v) as Record<string, never>;
    const storedSizes = json(row.sizes) as Record<string, number>;
    const infos = json(row.infos) as Record<string, unknown>;
    const held = datasets.filter((d) => d.name in infos);
    if (held.length === 0 || !held.every((d) => storedSizes[d.option] === sizes[d.option])) return null;
    return { infos, counts: json(row.counts) as StoredRun['counts'], sizes: storedSizes };
  });
}

export async function storeRun(engine: Engine, seed: number, sizes: Record<string, number>, run: StoredRun): Promise<void> {
  await system(engine, async (tx) => {
    await tx.execute(sql`create table if not exists bench_run (id integer primary key, seed integer not null, sizes jsonb not null,
      infos jsonb not null, counts jsonb not null, at timestamptz not null default now())`);
    await tx.execute(sql`insert into bench_run (id, seed, sizes, infos, counts)
      values (1, ${seed}, ${JSON.stringify(sizes)}::jsonb, ${JSON.stringify(run.infos)}::jsonb, ${JSON.stringify(run.counts)}::jsonb)
      on conflict (id) do update set seed = excluded.seed, sizes = excluded.sizes, infos = excluded.infos, counts = excluded.counts, at = now()`);
  });
}
