// Creating a PGlite data folder quickly and all at once (issue 12, point 13: first start ≤ 15 s).
//
// PGlite's initdb (inside WebAssembly) was most of a first start's cost (≈5–6 s of CPU, ≈12 s on a
// busy machine) and the migrations the next part (≈1.5–4 s), and both give the same files every
// time for one PGlite version and one set of migrations. So they run once — at `npm install`
// (scripts/pglite-template.ts), or on the first start that finds no template — into template
// folders under node_modules/.cache/hearth, and each new data folder starts as a copy of the
// migrated template. (Its schema_migrations.applied_at says when the template was made.)
//
// A new data folder is made complete or not at all, even when the process is killed (kill -9)
// part-way: it is built — copied, migrated and given its first data (the demo) — in a staging
// folder and only then renamed to its place. When the folder already exists but is empty (a
// mounted volume: it cannot be replaced by a rename), the staging folder is inside it and its
// entries are moved up with PG_VERSION last; PGlite reads a folder without PG_VERSION as holding
// no database, and the next start clears what an interrupted move left.
import { PGlite } from '@electric-sql/pglite';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Engine } from './engine.js';
import { openPglite } from './engine.js';
import { listMigrations, migrate } from './migrate.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
/** The file whose presence makes a folder a database for PGlite (it skips initdb when it is there). */
const MARKER = 'PG_VERSION';
/** Staging folder inside an existing empty data folder. */
const INNER_STAGING = '.hearth-new';

function pgliteVersion(): string {
  const manifest = path.join(ROOT, 'node_modules/@electric-sql/pglite/package.json');
  return (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { version: string }).version;
}

/** Where the templates (and the test suite's migrated images) are kept. */
export const CACHE_DIR = path.join(ROOT, 'node_modules/.cache/hearth');

/** One set of migrations, as a short key: a changed or added migration makes a new key. */
export function migrationsKey(migrations = listMigrations()): string {
  const hash = crypto.createHash('sha256');
  for (const m of migrations) hash.update(`${m.version}\0${m.name}\0${m.sql}\0`);
  return hash.digest('hex').slice(0, 16);
}

/** The PGlite version and the migrations, together: what a migrated template depends on. */
export function schemaKey(): string {
  return `${pgliteVersion().replace(/\W/g, '_')}_${migrationsKey()}`;
}

/** The templates of one PGlite and one set of migrations: the empty cluster, and the cluster migrated. */
export function templateDirs(migrations = listMigrations(), cacheDir = CACHE_DIR): { initdb: string; migrated: string } {
  const prefix = path.join(cacheDir, `pglite-${pgliteVersion()}`);
  return { initdb: `${prefix}-initdb`, migrated: `${prefix}-migrated-${migrationsKey(migrations)}` };
}

export function holdsDatabase(dir: string): boolean {
  return fs.existsSync(path.join(dir, MARKER));
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * A staging folder's name beside `dir`: `<name>.new-<pid>-<random>` (the random part keeps two
 * builders in one process, such as test workers sharing a pid, apart).
 */
function stagingBeside(dir: string): string {
  return `${dir}.new-${process.pid}-${crypto.randomBytes(4).toString('hex')}`;
}

/** Removes the staging folders `<name>.new-<pid>-…` beside `dir` that no running process owns. */
function removeAbandonedStaging(dir: string): void {
  const parent = path.dirname(dir);
  const prefix = `${path.basename(dir)}.new-`;
  if (!fs.existsSync(parent)) return;
  for (const entry of fs.readdirSync(parent)) {
    if (!entry.startsWith(prefix)) continue;
    const pid = Number(entry.slice(prefix.length).split('-')[0]);
    if (Number.isInteger(pid) && pid !== process.pid && !processAlive(pid)) {
      fs.rmSync(path.join(parent, entry), { recursive: true, force: true });
    }
  }
}

/** Builds a folder with `build` in a staging folder beside it and renames it into place. */
async function publish(dir: string, build: (staging: string) => Promise<void>): Promise<void> {
  removeAbandonedStaging(dir);
  const staging = stagingBeside(dir);
  try {
    fs.mkdirSync(path.dirname(dir), { recursive: true });
    fs.rmSync(staging, { recursive: true, force: true });
    await build(staging);
    fs.renameSync(staging, dir);
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    // Another process may have published the same folder first: its copy is as good.
    if (!holdsDatabase(dir)) throw error;
  }
}

/**
 * Returns the template of this PGlite with every migration applied, building what is missing: the
 * initdb template once per PGlite version, the migrated one once per set of migrations (older
 * migrated templates are removed). Undefined when the cache cannot be written (a read-only
 * install): new data folders then run initdb themselves.
 */
export async function ensureTemplate(dirs = templateDirs()): Promise<string | undefined> {
  if (holdsDatabase(dirs.migrated)) return dirs.migrated;
  try {
    if (!holdsDatabase(dirs.initdb)) {
      await publish(dirs.initdb, async (staging) => {
        const pglite = await PGlite.create({ dataDir: staging });
        await pglite.close();
      });
    }
    await publish(dirs.migrated, async (staging) => {
      fs.cpSync(dirs.initdb, staging, { recursive: true });
      const engine = await openPglite(staging);
      try {
        await migrate(engine);
      } finally {
        await engine.close();
      }
    });
  } catch (error) {
    if (['EACCES', 'EPERM', 'EROFS'].includes((error as NodeJS.ErrnoException).code ?? '')) return undefined;
    throw error;
  }
  const cache = path.dirname(dirs.migrated);
  const prefix = `${path.basename(dirs.initdb).replace(/-initdb$/, '')}-migrated-`;
  for (const entry of fs.readdirSync(cache)) {
    if (entry.startsWith(prefix) && !entry.includes('.new-') && path.join(cache, entry) !== dirs.migrated) {
      fs.rmSync(path.join(cache, entry), { recursive: true, force: true });
    }
  }
  return dirs.migrated;
}

/**
 * Makes sure `dataDir` holds a database, creating it when it does not: from the template, migrated,
 * and given its first data by `prepare` (the demo organisation), all before the folder appears.
 * Returns whether it was created now.
 */
export async function ensureDataDir(
  dataDir: string,
  prepare: (engine: Engine) => Promise<void> = async () => undefined,
  template: () => Promise<string | undefined> = () => ensureTemplate(),
): Promise<boolean> {
  removeAbandonedStaging(dataDir);
  const inner = path.join(dataDir, INNER_STAGING);
  if (holdsDatabase(dataDir)) {
    // Killed after its move put PG_VERSION in place: the database is whole, the staging folder empty.
    fs.rmSync(inner, { recursive: true, force: true });
    return false;
  }
  const exists = fs.existsSync(dataDir);
  if (exists && fs.existsSync(inner)) {
    // An interrupted move into this folder: everything in it is ours and incomplete.
    for (const entry of fs.readdirSync(dataDir)) fs.rmSync(path.join(dataDir, entry), { recursive: true, force: true });
  } else if (exists && fs.readdirSync(dataDir).length > 0) {
    throw new Error(`The data folder ${dataDir} is not empty but holds no database: empty it or set HEARTH_DATA_DIR to another folder.`);
  }

  const staging = exists ? inner : stagingBeside(dataDir);
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(staging), { recursive: true });
  try {
    const source = await template();
    if (source) fs.cpSync(source, staging, { recursive: true });
    else fs.mkdirSync(staging);
    const engine = await openPglite(staging);
    try {
      await migrate(engine);
      await prepare(engine);
    } finally {
      await engine.close();
    }
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw error;
  }

  if (!exists) {
    fs.renameSync(staging, dataDir);
  } else {
    const entries = fs.readdirSync(staging).filter((entry) => entry !== MARKER);
    for (const entry of entries) fs.renameSync(path.join(staging, entry), path.join(dataDir, entry));
    fs.renameSync(path.join(staging, MARKER), path.join(dataDir, MARKER));
    fs.rmdirSync(staging);
  }
  return true;
}
