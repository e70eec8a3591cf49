// Versioned SQL migrations from /migrations, applied in order at start-up and by `npm run migrate`.
// Each file runs in its own transaction together with its bookkeeping row, so a failed
// migration leaves the database as it was.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Engine } from './engine.js';

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../migrations');

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export function listMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return fs
    .readdirSync(dir)
    .filter((file) => /^\d{4}_[a-z0-9_]+\.sql$/.test(file))
    .sort()
    .map((file) => ({
      version: Number(file.slice(0, 4)),
      name: file.slice(5, -4),
      sql: fs.readFileSync(path.join(dir, file), 'utf8'),
    }));
}

async function appliedVersions(engine: Engine): Promise<Set<number>> {
  await engine.exec(`create table if not exists schema_migrations (
    version integer primary key, name text not null, applied_at timestamptz not null default now())`);
  const rows = await engine.transaction(async (tx) => {
    const result = await tx.execute<{ version: number }>('select version from schema_migrations' as never);
    return result.rows;
  });
  return new Set(rows.map((row) => Number(row.version)));
}

/** Applies pending migrations; returns the version the database is at afterwards. */
export async function migrate(engine: Engine, migrations = listMigrations()): Promise<number> {
  const applied = await appliedVersions(engine);
  for (const migration of migrations) {
    if (applied.has(migration.version)) continue;
    const name = migration.name.replaceAll("'", "''");
    await engine.exec(`${migration.sql}\n;insert into schema_migrations (version, name) values (${migration.version}, '${name}');`, true);
  }
  return migrations.at(-1)?.version ?? 0;
}
