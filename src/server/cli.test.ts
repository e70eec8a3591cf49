// The administration CLI: setting up an organisation without demo data, and clear refusals of bad
// arguments. Organisation creation runs on the engine of the test project (PGlite or PostgreSQL).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { createOrganizationWithAdmin, runCli, splitFullName, type CliIo } from './cli.js';
import { buildTestApp, login, TEST_DB, type TestApp } from './testing/harness.js';
import { startFakeS3 } from './testing/s3.js';

let t: TestApp;

beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

function capture(): CliIo & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { lines, errors, out: (line) => void lines.push(line), err: (line) => void errors.push(line) };
}

const memory = { HEARTH_DATA_DIR: 'memory://' };

describe('create-org', () => {
  it('creates an organisation whose admin can log in and manage users', async () => {
    await createOrganizationWithAdmin(t.engine, {
      name: 'Кризисный центр «Надежда»',
      adminEmail: 'Director@Nadezhda.test',
      adminPassword: 'a long admin password',
      adminLastName: 'Громова',
      adminFirstName: 'Вера',
    });
    const admin = await login(t, 'director@nadezhda.test', 'a long admin password');
    expect(admin.me).toMatchObject({ orgName: 'Кризисный центр «Надежда»', roles: ['admin'] });
    expect((await admin.get('/api/users')).json()).toMatchObject({ total: 1 });
    const audit = (await admin.get('/api/audit')).json() as { items: { action: string; recordType: string }[] };
    expect(audit.items).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'create', recordType: 'organization' })]));
  });

  it('refuses a taken e-mail, a short password, a demo address and the demo password', async () => {
    const base = { name: 'Другая', adminLastName: 'Громова', adminFirstName: 'Вера' };
    await expect(
      createOrganizationWithAdmin(t.engine, { ...base, adminEmail: 'director@nadezhda.test', adminPassword: 'another long one' }),
    ).rejects.toThrow('already exists');
    await expect(createOrganizationWithAdmin(t.engine, { ...base, adminEmail: 'x@other.test', adminPassword: 'short' })).rejects.toThrow(
      'HEARTH_ADMIN_PASSWORD',
    );
    await expect(
      createOrganizationWithAdmin(t.engine, { ...base, adminEmail: 'admin@demo.hearth', adminPassword: 'another long one' }),
    ).rejects.toThrow('demo');
    await expect(
      createOrganizationWithAdmin(t.engine, { ...base, adminEmail: 'x@other.test', adminPassword: 'hearth-demo-2026' }),
    ).rejects.toThrow('demo password');
  });

  it('splits a Russian full name, surname first', () => {
    expect(splitFullName('Громова Вера Павловна', 'v@x.test')).toEqual({ lastName: 'Громова', firstName: 'Вера', middleName: 'Павловна' });
    expect(splitFullName(undefined, 'vera@x.test')).toEqual({ lastName: 'Администратор', firstName: 'vera', middleName: '' });
  });
});

// The command line itself opens PGlite folders; running it again in the PostgreSQL project adds nothing.
describe.skipIf(TEST_DB === 'postgres')('command line', () => {
  it('explains missing and unknown arguments with exit code 2, before touching a database', async () => {
    const cases: [string[], NodeJS.ProcessEnv, string][] = [
      [['create-org', '--admin-email', 'a@b.test'], memory, '--name'],
      [['create-org', '--name', 'X'], memory, '--admin-email'],
      [['create-org', '--name', 'X', '--admin-email', 'a@b.test'], memory, 'HEARTH_ADMIN_PASSWORD'],
      [['create-org', '--name', 'X', '--admin-email', 'not-an-email'], { ...memory, HEARTH_ADMIN_PASSWORD: 'long enough pass' }, 'e-mail'],
      [['vacuum', '--full'], memory, "'--full'"],
      [['frobnicate'], memory, 'unknown command'],
    ];
    for (const [argv, env, expected] of cases) {
      const io = capture();
      expect(await runCli(argv, env, io)).toBe(2);
      expect(io.errors.join('\n')).toContain(expected);
    }
  });

  // Opens a PGlite folder three times, which is slow on a busy machine.
  it('migrates, creates an organisation and vacuums a database', { timeout: 120_000 }, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-cli-'));
    onTestFinished(() => fs.rmSync(dir, { recursive: true, force: true }));
    const folder = { HEARTH_DATA_DIR: dir };
    const io = capture();
    expect(await runCli(['migrate'], folder, io)).toBe(0);
    expect(io.lines.join('\n')).toMatch(/at migration \d+/);
    const env = { ...folder, HEARTH_ADMIN_PASSWORD: 'long enough pass' };
    expect(await runCli(['create-org', '--name', 'Фонд', '--admin-email', 'a@fond.test', '--admin-name', 'Орлова Анна'], env, io)).toBe(0);
    expect(await runCli(['vacuum'], folder, io)).toBe(0);
    expect(io.lines.join('\n')).toContain('VACUUM ANALYZE done');
    expect(await runCli(['sweep-files'], folder, io)).toBe(0);
    expect(io.lines.join('\n')).toContain('Files folder swept: 0 files');
    // With an S3 store configured, its bucket is swept too (the sweep itself: files/sweep.test.ts).
    const fake = await startFakeS3();
    onTestFinished(() => fake.close());
    const s3 = fake.options('cli-files');
    const withS3 = {
      ...folder,
      HEARTH_S3_ENDPOINT: s3.endpoint,
      HEARTH_S3_BUCKET: s3.bucket,
      HEARTH_S3_ACCESS_KEY: s3.accessKey,
      HEARTH_S3_SECRET_KEY: s3.secretKey,
      HEARTH_S3_REGION: s3.region,
    };
    expect(await runCli(['sweep-files'], withS3, io)).toBe(0);
    expect(io.lines.join('\n')).toContain('S3 store swept: 0 objects');
    expect(fake.accepted.filter((request) => request === 'GET /cli-files')).toHaveLength(1);
    expect(io.errors).toEqual([]);
  });

  it('reports a bad configuration as a failure, not a crash', async () => {
    const io = capture();
    expect(await runCli(['migrate'], { ...memory, PORT: 'eighty' }, io)).toBe(1);
    expect(io.errors.join('\n')).toContain('PORT must be');
  });
});
