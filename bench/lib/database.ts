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

export async function createBenchDatabase(kind: EngineKind, adminUrl: string, name = BENCH_DATABASE): Promise<BenchDatabase> {
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
  await admin(`drop database if exists ${name} with (force)`);
  await admin(`create database ${name}`);
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
