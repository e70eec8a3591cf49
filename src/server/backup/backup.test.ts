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
  PG_ADMIN_URL,
  TEST_DB,
  type TestApp,
  type TestOrganization,
} from '../testing/harness.js';
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
