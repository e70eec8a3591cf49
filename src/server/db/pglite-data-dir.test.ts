// A new PGlite data folder is made from the migrated template, whole or not at all: it opens with
// every migration, a kill part-way leaves nothing a later start trips on, and a folder that is not
// ours is never emptied. The folders are real (on disk), so these run once, in the PGlite project.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openPglite, type Engine } from './engine.js';
import { listMigrations } from './migrate.js';
import { ensureDataDir, ensureTemplate, holdsDatabase, templateDirs } from './pglite-data-dir.js';
import { TEST_DB } from '../testing/harness.js';

let root: string;
let template: string | undefined;

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-data-dir-'));
  template = await ensureTemplate();
}, 180_000);
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

async function migrationsOf(dir: string): Promise<number[]> {
  const engine = await openPglite(dir);
  try {
    const result = await engine.transaction((tx) =>
      tx.execute<{ version: number }>(sql`select version from schema_migrations order by version`),
    );
    return result.rows.map((row) => Number(row.version));
  } finally {
    await engine.close();
  }
}

const allVersions = () => listMigrations().map((m) => m.version);
const marker = (engine: Engine) => engine.exec('create table made_by_prepare (id int)');

describe.skipIf(TEST_DB !== 'pglite')('a new PGlite data folder', () => {
  it('is the migrated template of this PGlite and these migrations', () => {
    expect(template).toBe(templateDirs().migrated);
    expect(holdsDatabase(template!)).toBe(true);
  });

  it('appears whole: migrated, with its first data, and no staging folder beside it', async () => {
    const dir = path.join(root, 'fresh', 'data');
    expect(await ensureDataDir(dir, marker)).toBe(true);
    expect(await migrationsOf(dir)).toEqual(allVersions());
    expect(fs.readdirSync(path.dirname(dir))).toEqual(['data']);
    // A second start finds the database and leaves it as it is.
    expect(await ensureDataDir(dir, () => Promise.reject(new Error('must not run again')))).toBe(false);
    const engine = await openPglite(dir);
    await engine.exec('select * from made_by_prepare');
    await engine.close();
  }, 120_000);

  it('fills an existing empty folder (a mounted volume) with PG_VERSION last, no staging left', async () => {
    const dir = path.join(root, 'volume');
    fs.mkdirSync(dir);
    expect(await ensureDataDir(dir)).toBe(true);
    expect(fs.existsSync(path.join(dir, '.hearth-new'))).toBe(false);
    expect(await migrationsOf(dir)).toEqual(allVersions());
  }, 120_000);

  it('is absent when its first data fail (as after a kill), and the next start makes it', async () => {
    const dir = path.join(root, 'failed');
    await expect(ensureDataDir(dir, () => Promise.reject(new Error('demo failed')))).rejects.toThrow('demo failed');
    expect(fs.existsSync(dir)).toBe(false);
    expect(fs.readdirSync(root).filter((entry) => entry.startsWith('failed'))).toEqual([]);
    expect(await ensureDataDir(dir)).toBe(true);
  }, 120_000);

  it('clears what a killed start left: a staging folder beside it, a half move inside it', async () => {
    const dir = path.join(root, 'killed');
    // pid 2^22 + 1 is above Linux's pid_max: no process owns this staging folder.
    const abandoned = `${dir}.new-4194305-0a1b2c3d`;
    fs.mkdirSync(abandoned);
    fs.writeFileSync(path.join(abandoned, 'half-written'), 'x');
    expect(await ensureDataDir(dir)).toBe(true);
    expect(fs.existsSync(abandoned)).toBe(false);

    const volume = path.join(root, 'half-moved');
    fs.mkdirSync(path.join(volume, '.hearth-new'), { recursive: true });
    fs.mkdirSync(path.join(volume, 'base'));
    expect(await ensureDataDir(volume)).toBe(true);
    expect(await migrationsOf(volume)).toEqual(allVersions());
  }, 120_000);

  it('refuses a non-empty folder that holds no database, and leaves its files alone', async () => {
    const dir = path.join(root, 'someone-elses');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'mine');
    await expect(ensureDataDir(dir)).rejects.toThrow(/not empty but holds no database/);
    expect(fs.readdirSync(dir)).toEqual(['notes.txt']);
  });
});
