// Backup–restore round trip on the engine under test (issue 17, point 6): a backup taken while
// writes go on restores into a new folder or database whose every table matches the manifest
// (counts and row checksums), holds the rows written before the backup began, and the stored files;
// an encrypted backup needs its passphrase; a restore never goes over an existing database.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite } from '../db/engine.js';
import { system } from '../db/gateway.js';
import {
  buildOrganization,
  buildTestApp,
  buildUser,
  login,
  PG_ADMIN_URL,
  TEST_DB,
  type TestApp,
  type TestOrganization,
} from '../testing/harness.js';
import { loadConfig } from '../config.js';
import { motherInput } from '../testing/casework.js';
import { samplePdf } from '../testing/files.js';
import { startFakeS3, type FakeS3 } from '../testing/s3.js';
import { BackupFormatError } from './archive.js';
import { makeBackup, restoreBackup, RestoreCheckError, tableStats } from './snapshot.js';

let t: TestApp;
let org: TestOrganization;
let work: string;
const dropAfter: string[] = [];

const databaseUrlOf = (app: TestApp) =>
  TEST_DB === 'postgres'
    ? (app.engine.db as unknown as { $client: { options: { connectionString: string } } }).$client.options.connectionString
    : undefined;

function newDatabaseUrl(): string {
  const name = `hearth_restore_${crypto.randomBytes(5).toString('hex')}`;
  dropAfter.push(name);
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

beforeAll(async () => {
  t = await buildTestApp();
  org = await buildOrganization(t);
  for (let i = 0; i < 5; i += 1) await buildUser(t, org, ['case_worker']);
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-backup-test-'));
  fs.mkdirSync(path.join(work, 'files/ab'), { recursive: true });
  fs.writeFileSync(path.join(work, 'files/ab/scan-1'), crypto.randomBytes(5000));
  fs.writeFileSync(path.join(work, 'files/top'), 'скан');
});

afterAll(async () => {
  await t.close();
  fs.rmSync(work, { recursive: true, force: true });
  if (dropAfter.length > 0) {
    const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
    await admin.connect();
    for (const name of dropAfter) await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
});

const branchCount = async () =>
  system(t.engine, async (tx) => Number((await tx.execute<{ n: number }>(sql`select count(*)::int as n from branches`)).rows[0]!.n));

describe(`backup and restore (${TEST_DB})`, () => {
  it('a backup taken while writes go on restores whole, matching its manifest and holding every earlier row', async () => {
    const before = await branchCount();
    let writing = true;
    let written = 0;
    const writes = (async () => {
      while (writing) {
        // PGlite answers on microtasks: without this the writes would starve every timer.
        await new Promise((resolve) => setImmediate(resolve));
        written += 1;
        await system(t.engine, (tx) =>
          tx.execute(sql`insert into branches (org_id, name, city) values (${org.orgId}, ${`Филиал ${written}`}, 'Тверь')`),
        );
      }
    })();
    // Let a few writes land first, so the backup starts in the middle of them.
    while (written < 2) await new Promise((resolve) => setTimeout(resolve, 20));
    const started = await branchCount();
    const file = path.join(work, 'plain.hbk');
    let result;
    try {
      result = await makeBackup(t.engine, { out: file, filesDir: path.join(work, 'files'), databaseUrl: databaseUrlOf(t) });
    } finally {
      writing = false;
      await writes;
    }
    const after = await branchCount();
    expect(after).toBeGreaterThan(started);
    expect(result.files).toBe(2);
    expect(result.rows).toBeGreaterThan(0);

    const target = TEST_DB === 'pglite' ? { dataDir: path.join(work, 'restored') } : { databaseUrl: newDatabaseUrl() };
    const restored = await restoreBackup({ file, ...target, filesDir: path.join(work, 'restored-files') });
    expect(restored.tables).toBe(result.tables);
    expect(restored.rows).toBe(result.rows);
    expect(fs.readFileSync(path.join(work, 'restored-files/top'), 'utf8')).toBe('скан');
    expect(fs.readFileSync(path.join(work, 'restored-files/ab/scan-1'))).toEqual(fs.readFileSync(path.join(work, 'files/ab/scan-1')));

    // The restored branches: every one there before the backup began, none written after it ended.
    let restoredUsers: number;
    if (TEST_DB === 'pglite') {
      const engine = await openPglite(target.dataDir!);
      restoredUsers = await engine.autocommit(async (db) =>
        Number((await db.execute<{ n: number }>(sql`select count(*)::int as n from branches`)).rows[0]!.n),
      );
      await engine.close();
    } else {
      const client = new pg.Client({ connectionString: target.databaseUrl });
      await client.connect();
      restoredUsers = Number((await client.query<{ n: number }>('select count(*)::int as n from branches')).rows[0]!.n);
      await client.end();
    }
    expect(restoredUsers).toBeGreaterThanOrEqual(Math.max(before, started));
    expect(restoredUsers).toBeLessThanOrEqual(after);
  }, 300_000);

  it('an encrypted backup restores with its passphrase only, and never over an existing database', async () => {
    const file = path.join(work, 'secret.hbk');
    await makeBackup(t.engine, { out: file, passphrase: 'длинная фраза 2026', databaseUrl: databaseUrlOf(t) });
    const raw = fs.readFileSync(file);
    expect(raw.includes(Buffer.from(org.adminEmail))).toBe(false);
    const target = () =>
      TEST_DB === 'pglite'
        ? { dataDir: path.join(work, `enc-${crypto.randomBytes(3).toString('hex')}`) }
        : { databaseUrl: newDatabaseUrl() };
    await expect(restoreBackup({ file, ...target() })).rejects.toThrow(BackupFormatError);
    await expect(restoreBackup({ file, ...target(), passphrase: 'не та фраза' })).rejects.toThrow(/wrong passphrase/);
    const good = target();
    const restored = await restoreBackup({ file, ...good, passphrase: 'длинная фраза 2026' });
    expect(restored.rows).toBeGreaterThan(0);
    // The same place again: refused, nothing overwritten.
    await expect(restoreBackup({ file, ...good, passphrase: 'длинная фраза 2026' })).rejects.toThrow(/not empty|already holds tables/);
    // A changed byte in the body is refused.
    const damaged = path.join(work, 'damaged.hbk');
    const copy = Buffer.from(raw);
    copy[copy.length - 40] = copy[copy.length - 40]! ^ 0xff;
    fs.writeFileSync(damaged, copy);
    await expect(restoreBackup({ file: damaged, ...target(), passphrase: 'длинная фраза 2026' })).rejects.toThrow(BackupFormatError);
  }, 300_000);

  it('the check compares every table: a difference is named', async () => {
    const stats = await system(t.engine, async (tx) =>
      tableStats(async (text) => (await tx.execute<Record<string, unknown>>(sql.raw(text))).rows),
    );
    expect(stats.users!.rows).toBeGreaterThan(0);
    const { compareStats } = await import('./snapshot.js');
    expect(compareStats(stats, stats)).toEqual([]);
    expect(compareStats(stats, { ...stats, users: { rows: 1, checksum: '0' } })[0]).toMatch(/^users: 1 rows/);
    expect(new RestoreCheckError(['users: missing']).message).toMatch(/users: missing/);
  });
});

describe(`stored files in the backup (${TEST_DB})`, () => {
  let fake: FakeS3;
  let s3App: TestApp;

  beforeAll(async () => {
    fake = await startFakeS3();
    s3App = await buildTestApp({ files: { ...loadConfig({}).files, store: 's3', s3: fake.options('source') } });
  }, 120_000);

  afterAll(async () => {
    await s3App?.close();
    await fake?.close();
  });

  it('fetches the attachments kept in S3 into the backup, and the restore puts them into the configured store', async () => {
    const s3Org = await buildOrganization(s3App);
    const coord = await login(s3App, (await buildUser(s3App, s3Org, ['coordinator'], s3Org.branchIds)).email);
    const family = await coord.post('/api/families', {
      branchId: s3Org.branchIds[0],
      members: [motherInput({ lastName: 'Облачная' })],
      confirmedNotDuplicate: true,
    });
    expect(family.statusCode, family.body).toBe(201);
    for (const n of [1, 2]) {
      const attached = await coord.post(`/api/files/owners/family/${family.json().id}`, {
        title: `Скан ${n}`,
        fileName: `скан-${n}.pdf`,
        contentBase64: samplePdf(n, `S3-CONTENT-${n}`).toString('base64'),
      });
      expect(attached.statusCode, attached.body).toBe(201);
    }
    const source = fake.objects('source');
    expect(source.size).toBe(2);

    const file = path.join(work, 's3.hbk');
    // A backup of a database whose files are in S3 needs the store: without it, it is refused.
    await expect(makeBackup(s3App.engine, { out: file, databaseUrl: databaseUrlOf(s3App) })).rejects.toThrow(/S3/);
    expect(fs.existsSync(file)).toBe(false);
    const made = await makeBackup(s3App.engine, { out: file, databaseUrl: databaseUrlOf(s3App), s3: fake.options('source') });
    expect(made.objects).toBe(2);

    const target = () =>
      TEST_DB === 'pglite'
        ? { dataDir: path.join(work, `s3-${crypto.randomBytes(3).toString('hex')}`) }
        : { databaseUrl: newDatabaseUrl() };
    // Restored without a store to put them in: the check names what is missing.
    await expect(restoreBackup({ file, ...target() })).rejects.toThrow(/S3 store/);
    const into = target();
    const restored = await restoreBackup({ file, ...into, s3: fake.options('restored') });
    expect(restored.objects).toBe(2);
    const copy = fake.objects('restored');
    expect([...copy.keys()].sort()).toEqual([...source.keys()].sort());
    for (const [name, content] of source) expect(copy.get(name)?.equals(content), name).toBe(true);
    // The restored database points at exactly those objects.
    const query = `select org_id::text || '/' || storage_key::text as name from attachment_versions where store = 's3' order by 1`;
    let names: string[];
    if (TEST_DB === 'pglite') {
      const engine = await openPglite(into.dataDir!);
      names = await engine.autocommit(async (db) => (await db.execute<{ name: string }>(sql.raw(query))).rows.map((r) => r.name));
      await engine.close();
    } else {
      const client = new pg.Client({ connectionString: into.databaseUrl });
      await client.connect();
      names = (await client.query<{ name: string }>(query)).rows.map((r) => r.name);
      await client.end();
    }
    expect(names).toEqual([...copy.keys()].sort());

    if (TEST_DB === 'pglite') {
      // The folder store's default place, <data>/files, is inside PGlite's folder: the image carries it.
      const org = crypto.randomUUID();
      const key = crypto.randomUUID();
      const stored = path.join(into.dataDir!, 'files', org, key.slice(0, 2), key);
      fs.mkdirSync(path.dirname(stored), { recursive: true });
      fs.writeFileSync(stored, 'скан в папке данных');
      const engine = await openPglite(into.dataDir!);
      const folderFile = path.join(work, 'folder.hbk');
      try {
        await makeBackup(engine, { out: folderFile, s3: fake.options('restored') });
      } finally {
        await engine.close();
      }
      const again = path.join(work, `folder-${crypto.randomBytes(3).toString('hex')}`);
      await restoreBackup({ file: folderFile, dataDir: again, s3: fake.options('restored') });
      expect(fs.readFileSync(path.join(again, 'files', org, key.slice(0, 2), key), 'utf8')).toBe('скан в папке данных');
    }
  }, 300_000);
});
