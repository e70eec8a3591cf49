// Making a consistent backup while Hearth runs, and restoring one to a new place with a check.
//
// PGlite is one process's database: only the server that holds the folder may read it. The backup
// is made inside that process, between two transactions (the engine's queue is held), as an image
// of the data folder (PGlite's dumpDataDir) — the same image the tests start from — together with
// the row count and a checksum of every table, read in the same turn of the queue.
//
// PostgreSQL: one REPEATABLE READ transaction exports its snapshot; pg_dump dumps that snapshot
// (--snapshot) while the same transaction counts the rows and sums a hash of every row of every
// table, so the manifest describes exactly what the dump holds, whatever is written meanwhile.
//
// Stored files: the folder store inside PGlite's data folder (the default) is in its image; a separate
// folder (HEARTH_FILES_DIR) is added file by file; the database store is in the dump. Files kept in an
// S3-compatible store are fetched into the backup too: the versions whose content is in S3 are listed
// in the same snapshot as the database, and each object is downloaded (objects are never overwritten —
// keys are random ids — so the object of a listed version is the one the snapshot knows). The restore
// puts them into the S3 store the restoring process is configured with, reads each back and compares.
//
// The restore unpacks the file (checking the passphrase), puts the database in a NEW folder or
// database (never over an existing one), copies the files, then counts and sums again and compares
// every table with the manifest: a restore that does not match is reported as failed.
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { openPglite, type Engine, type Tx } from '../db/engine.js';
import { s3Store, type S3Options } from '../files/storage.js';
import { readHeader, sha256File, unpackBackup, writeBackup, type BackupHeader, type Entry } from './archive.js';

export interface TableStat {
  rows: number;
  /** Sum of a 64-bit hash of every row's text: equal sets of rows give equal sums, in any order. */
  checksum: string;
}

export interface BackupFile {
  name: string;
  size: number;
  sha256: string;
}

/** An object of the S3 store: the organisation and key it is kept under (`<org>/<key>` in the bucket). */
export interface BackupObject {
  org: string;
  key: string;
  size: number;
  sha256: string;
}

export interface Manifest {
  format: 1;
  createdAt: string;
  engine: 'pglite' | 'postgres';
  migration: number;
  database: string;
  tables: Record<string, TableStat>;
  files: BackupFile[];
  /** Objects of the S3 store (absent in backups made before they were included). */
  objects?: BackupObject[];
  /** Objects the snapshot names that were no longer in the store (removed while the backup ran). */
  missingObjects?: { org: string; key: string }[];
}

export interface BackupResult {
  file: string;
  header: BackupHeader;
  size: number;
  tables: number;
  rows: number;
  files: number;
  /** Objects fetched from the S3 store. */
  objects: number;
  seconds: number;
}

const DATABASE_IMAGE = 'database.pgdata.tar';
const DATABASE_DUMP = 'database.pgdump';

type Query = (text: string) => Promise<Record<string, unknown>[]>;

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Row counts and checksums of every table of the public schema, as the owner (row-level security does not apply). */
export async function tableStats(query: Query): Promise<Record<string, TableStat>> {
  const tables = await query(`select tablename::text as t from pg_tables where schemaname = 'public' order by 1`);
  const stats: Record<string, TableStat> = {};
  for (const { t } of tables) {
    const name = String(t);
    const rows = await query(
      `select count(*)::text as n, coalesce(sum(hashtextextended(x::text, 0)), 0)::text as s from public.${quoteIdent(name)} x`,
    );
    stats[name] = { rows: Number(rows[0]!.n), checksum: String(rows[0]!.s) };
  }
  return stats;
}

const txQuery =
  (tx: Tx): Query =>
  async (text) =>
    (await tx.execute<Record<string, unknown>>(sql.raw(text))).rows;

const clientQuery =
  (client: pg.Client): Query =>
  async (text) =>
    (await client.query<Record<string, unknown>>(text)).rows;

/** The same text for every value on both sides of a check (a restored server may be set up differently). */
const STABLE_TEXT = `set timezone = 'UTC'; set datestyle = 'ISO, MDY'; set intervalstyle = 'postgres'; set extra_float_digits = 1; set bytea_output = 'hex'`;

/** Stored files under `dir`, each with its size and sha256 (none when there is no such folder). */
async function listFiles(dir: string | undefined): Promise<(BackupFile & { path: string })[]> {
  if (!dir || !fs.existsSync(dir)) return [];
  const found: (BackupFile & { path: string })[] = [];
  const walk = async (sub: string) => {
    for (const item of fs.readdirSync(path.join(dir, sub), { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const rel = sub ? `${sub}/${item.name}` : item.name;
      if (item.isDirectory()) await walk(rel);
      else if (item.isFile() && !item.name.includes('.partial')) {
        const full = path.join(dir, rel);
        found.push({ name: rel, path: full, size: fs.statSync(full).size, sha256: await sha256File(full) });
      }
    }
  };
  await walk('');
  return found;
}

function passwordless(url: string): { url: string; password: string | undefined } {
  const parsed = new URL(url);
  const password = parsed.password ? decodeURIComponent(parsed.password) : undefined;
  parsed.password = '';
  return { url: parsed.toString(), password };
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => void (stderr = (stderr + chunk.toString()).slice(-2000)));
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'ENOENT' ? new Error(`${command} was not found: install the PostgreSQL client tools`) : error),
    );
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${command} failed (exit ${code}): ${stderr.trim()}`))));
  });
}

type ObjectRef = { org: string; key: string };

/** The S3 store takes no transaction (only the database store writes in one). */
const NO_TX = undefined as unknown as Tx;
const ID = /^[0-9a-f-]{36}$/;

/** The S3 objects a snapshot's attachment versions point to (content not deleted). */
async function s3ObjectsOf(query: Query): Promise<ObjectRef[]> {
  const exists = await query(`select to_regclass('public.attachment_versions') is not null as e`);
  if (exists[0]!.e !== true) return [];
  const rows = await query(`select org_id::text as org, storage_key::text as key from attachment_versions
    where store = 's3' and content_deleted_at is null order by org_id, storage_key`);
  return rows.map((r) => ({ org: String(r.org), key: String(r.key) }));
}

/** Runs `work` over `items`, `width` at a time. */
async function inPool<T>(items: T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
}

/** Downloads the listed objects into `dir` as `<org>/<key>`; returns those found and those gone. */
async function fetchObjects(
  refs: ObjectRef[],
  s3: S3Options | undefined,
  dir: string,
): Promise<{ objects: (BackupObject & { path: string })[]; missing: ObjectRef[] }> {
  if (refs.length === 0) return { objects: [], missing: [] };
  if (!s3) throw new Error(`the database names ${refs.length} files kept in S3, but no S3 store is configured (HEARTH_S3_*)`);
  const store = s3Store(s3);
  const objects: (BackupObject & { path: string })[] = [];
  const missing: ObjectRef[] = [];
  await inPool(refs, 4, async (ref) => {
    const content = await store.get(NO_TX, ref.org, ref.key);
    if (content === null) {
      missing.push(ref);
      return;
    }
    const file = path.join(dir, ref.org, ref.key);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content, { mode: 0o600 });
    objects.push({ ...ref, path: file, size: content.length, sha256: crypto.createHash('sha256').update(content).digest('hex') });
  });
  const order = (a: ObjectRef, b: ObjectRef) => a.org.localeCompare(b.org) || a.key.localeCompare(b.key);
  return { objects: objects.sort(order), missing: missing.sort(order) };
}

async function migrationOf(query: Query): Promise<number> {
  const rows = await query('select coalesce(max(version), 0)::int as v from schema_migrations');
  return Number(rows[0]!.v);
}

/** The database part of a backup: an image of PGlite's folder, taken between two transactions. */
async function snapshotPglite(
  engine: Engine,
): Promise<{ image: Buffer; tables: Record<string, TableStat>; migration: number; objects: ObjectRef[] }> {
  return engine.autocommit(async (db) => {
    // autocommit holds PGlite's queue: no transaction of the app runs until the image is taken.
    const client = (db as unknown as { $client: PGlite }).$client;
    const query = txQuery(db);
    const tables = await tableStats(query);
    const migration = await migrationOf(query);
    const objects = await s3ObjectsOf(query);
    const blob = await client.dumpDataDir('none');
    return { image: Buffer.from(await blob.arrayBuffer()), tables, migration, objects };
  });
}

/** pg_dump of one exported snapshot, counted and summed in that same snapshot. */
async function snapshotPostgres(
  databaseUrl: string,
  dumpFile: string,
): Promise<{ tables: Record<string, TableStat>; migration: number; objects: ObjectRef[] }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('begin isolation level repeatable read read only');
    await client.query(STABLE_TEXT);
    const snapshot = (await client.query<{ s: string }>('select pg_export_snapshot() as s')).rows[0]!.s;
    const { url, password } = passwordless(databaseUrl);
    const dump = run('pg_dump', ['--format=custom', `--snapshot=${snapshot}`, '--no-password', `--file=${dumpFile}`, `--dbname=${url}`], {
      ...(password !== undefined && { PGPASSWORD: password }),
    });
    // Handled here so a failure of the counting below does not leave it unobserved; awaited after.
    dump.catch(() => undefined);
    const query = clientQuery(client);
    const tables = await tableStats(query);
    const migration = await migrationOf(query);
    const objects = await s3ObjectsOf(query);
    await dump;
    await client.query('commit');
    return { tables, migration, objects };
  } finally {
    await client.end();
  }
}

export interface BackupOptions {
  /** The backup file to write. */
  out: string;
  passphrase?: string;
  /** The folder of stored files to include. */
  filesDir?: string;
  /** PostgreSQL: the URL pg_dump connects with (the server's DATABASE_URL). */
  databaseUrl?: string;
  /** The S3 store attachments may be kept in (the server's HEARTH_S3_*): its objects are fetched into the backup. */
  s3?: S3Options;
  now?: () => Date;
}

/** Makes a backup of the database the engine serves (and the stored files) into `options.out`. */
export async function makeBackup(engine: Engine, options: BackupOptions): Promise<BackupResult> {
  const started = Date.now();
  const createdAt = (options.now ?? (() => new Date()))().toISOString();
  const work = fs.mkdtempSync(path.join(path.dirname(path.resolve(options.out)), '.hearth-backup-'));
  try {
    let database: Entry;
    let tables: Record<string, TableStat>;
    let migration: number;
    let refs: ObjectRef[];
    if (engine.kind === 'pglite') {
      const snap = await snapshotPglite(engine);
      database = { name: DATABASE_IMAGE, size: snap.image.length, source: snap.image };
      ({ tables, migration, objects: refs } = snap);
    } else {
      if (!options.databaseUrl) throw new Error('a PostgreSQL backup needs the database URL');
      const dumpFile = path.join(work, DATABASE_DUMP);
      ({ tables, migration, objects: refs } = await snapshotPostgres(options.databaseUrl, dumpFile));
      database = { name: DATABASE_DUMP, size: fs.statSync(dumpFile).size, source: dumpFile };
    }
    const { objects, missing } = await fetchObjects(refs, options.s3, path.join(work, 's3'));
    const files = await listFiles(options.filesDir);
    const manifest: Manifest = {
      format: 1,
      createdAt,
      engine: engine.kind,
      migration,
      database: database.name,
      tables,
      files: files.map(({ name, size, sha256 }) => ({ name, size, sha256 })),
      objects: objects.map(({ org, key, size, sha256 }) => ({ org, key, size, sha256 })),
      ...(missing.length > 0 && { missingObjects: missing }),
    };
    const manifestBytes = Buffer.from(JSON.stringify(manifest), 'utf8');
    const entries: Entry[] = [
      { name: 'manifest.json', size: manifestBytes.length, source: manifestBytes },
      database,
      ...files.map((f) => ({ name: `files/${f.name}`, size: f.size, source: f.path })),
      ...objects.map((o) => ({ name: `s3/${o.org}/${o.key}`, size: o.size, source: o.path })),
    ];
    const header = await writeBackup(options.out, { createdAt, engine: engine.kind, migration }, entries, options.passphrase);
    return {
      file: path.resolve(options.out),
      header,
      size: fs.statSync(options.out).size,
      tables: Object.keys(tables).length,
      rows: Object.values(tables).reduce((sum, t) => sum + t.rows, 0),
      files: files.length,
      objects: objects.length,
      seconds: (Date.now() - started) / 1000,
    };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

export class RestoreCheckError extends Error {
  constructor(readonly differences: string[]) {
    super(`the restored data differs from the backup's manifest: ${differences.slice(0, 10).join('; ')}`);
  }
}

/** Names the tables (and files) whose restored rows differ from the manifest. */
export function compareStats(expected: Record<string, TableStat>, actual: Record<string, TableStat>): string[] {
  const differences: string[] = [];
  for (const [table, want] of Object.entries(expected)) {
    const got = actual[table];
    if (!got) differences.push(`${table}: missing`);
    else if (got.rows !== want.rows) differences.push(`${table}: ${got.rows} rows, the backup had ${want.rows}`);
    else if (got.checksum !== want.checksum) differences.push(`${table}: rows differ (checksum)`);
  }
  for (const table of Object.keys(actual)) if (!(table in expected)) differences.push(`${table}: not in the backup`);
  return differences;
}

export interface RestoreOptions {
  file: string;
  passphrase?: string;
  /** PGlite: a new data folder (must not exist, or be empty). */
  dataDir?: string;
  /** PostgreSQL: a new database (created when missing; must hold no tables). */
  databaseUrl?: string;
  /** Where the stored files go (must not exist, or be empty). */
  filesDir?: string;
  /** The S3 store the backup's S3 objects are put into (the restoring process's HEARTH_S3_*). */
  s3?: S3Options;
}

export interface RestoreResult {
  header: BackupHeader;
  tables: number;
  rows: number;
  files: number;
  objects: number;
  seconds: number;
}

/** Puts the backup's S3 objects into the store, reads each back and names any that differ. */
async function restoreObjects(objects: BackupObject[], s3: S3Options | undefined, dir: string): Promise<string[]> {
  if (objects.length === 0) return [];
  if (!s3) return [`the backup holds ${objects.length} files of an S3 store: configure the store to restore them into (HEARTH_S3_*)`];
  const store = s3Store(s3);
  const differences: string[] = [];
  await inPool(objects, 4, async (object) => {
    // Names from the manifest become a path here: ids only (the S3 store checks them again).
    if (!ID.test(object.org) || !ID.test(object.key)) throw new Error('the backup names an S3 object that is not an id');
    const content = fs.readFileSync(path.join(dir, object.org, object.key));
    await store.put(NO_TX, object.org, object.key, content);
    const back = await store.get(NO_TX, object.org, object.key);
    const sha256 = back && crypto.createHash('sha256').update(back).digest('hex');
    if (sha256 !== object.sha256) differences.push(`S3 object ${object.org}/${object.key}: ${back ? 'content differs' : 'not stored'}`);
  });
  return differences;
}

function assertEmptyFolder(dir: string, what: string): void {
  if (fs.existsSync(dir) && fs.readdirSync(dir).length > 0) throw new Error(`${what} ${dir} is not empty: restore into a new folder`);
}

async function prepareDatabase(databaseUrl: string): Promise<void> {
  const target = new URL(databaseUrl);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_]{1,63}$/.test(name)) throw new Error('the database name must be letters, digits and _');
  const maintenance = new URL(databaseUrl);
  maintenance.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: maintenance.toString() });
  await admin.connect();
  try {
    const exists = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (exists.rowCount === 0) await admin.query(`create database ${quoteIdent(name)}`);
    // The dump grants to hearth_app (a role of the whole server): a new server needs it first.
    await admin.query(`do $$ begin
      if not exists (select from pg_roles where rolname = 'hearth_app') then create role hearth_app nologin; end if;
      if not exists (select from pg_roles where rolname = current_user and rolsuper) then execute format('grant hearth_app to %I', current_user); end if;
    end $$`);
  } finally {
    await admin.end();
  }
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const tables = await client.query(`select 1 from pg_tables where schemaname = 'public' limit 1`);
    if ((tables.rowCount ?? 0) > 0) throw new Error(`the database ${name} already holds tables: restore into a new database`);
  } finally {
    await client.end();
  }
}

/** Restores a backup into a new folder or database, copies its files, and checks every table and file. */
export async function restoreBackup(options: RestoreOptions): Promise<RestoreResult> {
  const started = Date.now();
  const { header } = readHeader(options.file);
  if (header.engine === 'pglite' && !options.dataDir) throw new Error('this is a PGlite backup: give a new data folder (--data-dir)');
  if (header.engine === 'postgres' && !options.databaseUrl)
    throw new Error('this is a PostgreSQL backup: give a new database (--database-url)');
  if (options.dataDir) assertEmptyFolder(options.dataDir, 'the data folder');
  if (options.filesDir) assertEmptyFolder(options.filesDir, 'the files folder');
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-restore-'));
  try {
    await unpackBackup(options.file, work, options.passphrase);
    const manifest = JSON.parse(fs.readFileSync(path.join(work, 'manifest.json'), 'utf8')) as Manifest;
    let actual: Record<string, TableStat>;
    if (manifest.engine === 'pglite') {
      const image = new Blob([fs.readFileSync(path.join(work, manifest.database))]);
      const engine = await openPglite(options.dataDir!, image);
      try {
        actual = await engine.autocommit((db) => tableStats(txQuery(db)));
      } finally {
        await engine.close();
      }
    } else {
      await prepareDatabase(options.databaseUrl!);
      const { url, password } = passwordless(options.databaseUrl!);
      await run('pg_restore', ['--no-owner', '--exit-on-error', '--no-password', `--dbname=${url}`, path.join(work, manifest.database)], {
        ...(password !== undefined && { PGPASSWORD: password }),
      });
      const client = new pg.Client({ connectionString: options.databaseUrl });
      await client.connect();
      try {
        await client.query(STABLE_TEXT);
        await client.query('analyze');
        actual = await tableStats(clientQuery(client));
      } finally {
        await client.end();
      }
    }
    const differences = compareStats(manifest.tables, actual);
    if (manifest.files.length > 0) {
      if (!options.filesDir) differences.push(`the backup holds ${manifest.files.length} stored files: give --files-dir`);
      else {
        for (const file of manifest.files) {
          const from = path.join(work, 'files', file.name);
          const to = path.join(options.filesDir, file.name);
          fs.mkdirSync(path.dirname(to), { recursive: true });
          fs.copyFileSync(from, to);
          if ((await sha256File(to)) !== file.sha256) differences.push(`file ${file.name}: content differs`);
        }
      }
    }
    differences.push(...(await restoreObjects(manifest.objects ?? [], options.s3, path.join(work, 's3'))));
    if (differences.length > 0) throw new RestoreCheckError(differences);
    return {
      header,
      tables: Object.keys(manifest.tables).length,
      rows: Object.values(manifest.tables).reduce((sum, t) => sum + t.rows, 0),
      files: manifest.files.length,
      objects: manifest.objects?.length ?? 0,
      seconds: (Date.now() - started) / 1000,
    };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
