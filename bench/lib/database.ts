// A fresh, migrated database for one benchmark run: PGlite in a new temporary folder, or a new
// database `hearth_bench` on a PostgreSQL server (dropped and re-created each run).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openPglite, openPostgres, type Engine } from '../../src/server/db/engine.js';
import { migrate } from '../../src/server/db/migrate.js';

export type EngineKind = 'pglite' | 'postgres';

export interface BenchDatabase {
  kind: EngineKind;
  /** What the server process needs to open the same database. */
  serverEnv: Record<string, string>;
  /** Human-readable location, for the report. */
  where: string;
  open(): Promise<{ engine: Engine; migration: number }>;
  /** Removes the database (unless kept). */
  dispose(keep: boolean): Promise<void>;
}

export const BENCH_DATABASE = 'hearth_bench';

/**
 * With `reuse` (PostgreSQL only), an existing database of that name is kept as it is, so that a run
 * can take the data a previous `--keep` run generated (see bench/lib/reuse.ts); otherwise it is
 * dropped and created anew.
 */
export async function createBenchDatabase(
  kind: EngineKind,
  adminUrl: string,
  name = BENCH_DATABASE,
  reuse = false,
): Promise<BenchDatabase> {
  if (kind === 'pglite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-bench-'));
    return {
      kind,
      serverEnv: { HEARTH_DATA_DIR: dir },
      where: dir,
      open: async () => {
        const engine = await openPglite(dir);
        return { engine, migration: await migrate(engine) };
      },
      dispose: async (keep) => {
        if (!keep) fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  const exists = async () => {
    const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 });
    await client.connect();
    try {
      return (await client.query('select 1 from pg_database where datname = $1', [name])).rowCount === 1;
    } finally {
      await client.end();
    }
  };
  if (!reuse || !(await exists())) {
    await admin(`drop database if exists ${name} with (force)`);
    await admin(`create database ${name}`);
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const shown = new URL(url);
  shown.password = shown.password ? '***' : '';
  return {
    kind,
    serverEnv: { DATABASE_URL: url.toString() },
    where: shown.toString(),
    open: async () => {
      const engine = await openPostgres(url.toString());
      return { engine, migration: await migrate(engine) };
    },
    dispose: async (keep) => {
      if (!keep) await admin(`drop database if exists ${name} with (force)`);
    },
  };
}
