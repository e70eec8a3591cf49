// The three stores: the folder (atomic writes, nothing half-written left behind), and S3 against the
// tests' in-process fake (testing/s3.ts) that checks each request's Signature Version 4 as S3 does.
// The database store is exercised by the API tests on PostgreSQL (its default there).
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tx } from '../db/engine.js';
import { loadConfig } from '../config.js';
import { startFakeS3, type FakeS3 } from '../testing/s3.js';
import { folderStore, openStore, s3Store, signS3 } from './storage.js';

const tx = undefined as unknown as Tx;
const org = crypto.randomUUID();

describe('folder store', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-store-test-'));
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('writes, reads and deletes by organisation and key, leaving no temporary file', async () => {
    const store = folderStore(root);
    const key = crypto.randomUUID();
    const content = crypto.randomBytes(100_000);
    await store.put(tx, org, key, content);
    expect((await store.get(tx, org, key))?.equals(content)).toBe(true);
    const dir = path.join(root, org, key.slice(0, 2));
    expect(fs.readdirSync(dir)).toEqual([key]);
    expect(fs.statSync(path.join(dir, key)).mode & 0o777).toBe(0o600);
    await store.delete(tx, org, key);
    expect(await store.get(tx, org, key)).toBeNull();
    await store.delete(tx, org, key); // deleting what is gone is fine
  });

  it('refuses a key or organisation that is not an id (no path can be smuggled in)', async () => {
    const store = folderStore(root);
    await expect(store.put(tx, org, '../../etc/passwd', Buffer.from('x'))).rejects.toThrow(/uuid/);
    await expect(store.get(tx, '..', crypto.randomUUID())).rejects.toThrow(/uuid/);
  });

  it('chooses the store by engine unless configured', () => {
    const base = loadConfig({});
    expect(openStore(base, 'postgres').kind).toBe('database');
    expect(openStore({ ...base, files: { ...base.files, dir: root } }, 'pglite').kind).toBe('folder');
    const s3 = loadConfig({
      HEARTH_S3_ENDPOINT: 'http://127.0.0.1:9',
      HEARTH_S3_BUCKET: 'b',
      HEARTH_S3_ACCESS_KEY: 'a',
      HEARTH_S3_SECRET_KEY: 's',
    });
    expect(openStore(s3, 'pglite').kind).toBe('s3');
    expect(() => loadConfig({ HEARTH_S3_ENDPOINT: 'http://x' })).toThrow(/BUCKET/);
    expect(() => loadConfig({ HEARTH_FILES_STORE: 'nfs' })).toThrow(/folder, database or s3/);
  });
});

describe('S3 store (SigV4) against a fake S3', () => {
  let fake: FakeS3;
  beforeAll(async () => {
    fake = await startFakeS3();
  });
  afterAll(() => fake.close());

  it('puts, gets and deletes objects with valid signatures, path-style under the bucket', async () => {
    const store = s3Store(fake.options('hearth-files'));
    const key = crypto.randomUUID();
    const content = crypto.randomBytes(50_000);
    await store.put(tx, org, key, content);
    expect((await store.get(tx, org, key))?.equals(content)).toBe(true);
    await store.delete(tx, org, key);
    expect(await store.get(tx, org, key)).toBeNull();
    expect(fake.accepted).toEqual([
      `PUT /hearth-files/${org}/${key}`,
      `GET /hearth-files/${org}/${key}`,
      `DELETE /hearth-files/${org}/${key}`,
      `GET /hearth-files/${org}/${key}`,
    ]);
  });

  it('a wrong secret is refused by the server and surfaces as an error without the answer', async () => {
    const store = s3Store({ ...fake.options('hearth-files'), secretKey: 'wrong' });
    await expect(store.put(tx, org, crypto.randomUUID(), Buffer.from('x'))).rejects.toThrow(/^S3 PUT answered 403$/);
  });

  it('gives the documented AWS example the header shape S3 expects', () => {
    // The GET Object example of the AWS SigV4 documentation, reduced to the headers we sign.
    const headers = signS3(
      { accessKey: 'AKIAIOSFODNN7EXAMPLE', secretKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', region: 'us-east-1' },
      {
        method: 'GET',
        url: new URL('https://examplebucket.s3.amazonaws.com/test.txt'),
        payloadHash: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
        now: new Date('2013-05-24T00:00:00Z'),
      },
    );
    expect(headers['x-amz-date']).toBe('20130524T000000Z');
    expect(headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE\/20130524\/us-east-1\/s3\/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=[0-9a-f]{64}$/,
    );
  });

  it('signs a query as S3 does: the documented List Objects example gives its published signature', () => {
    // AWS SigV4 documentation, "GET Bucket (List Objects)": exactly the headers we sign, so the very
    // signature S3 computes — the listing of the sweep (sweep.ts) is signed the way real S3 checks it,
    // not only the way the fake does.
    const headers = signS3(
      { accessKey: 'AKIAIOSFODNN7EXAMPLE', secretKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', region: 'us-east-1' },
      {
        method: 'GET',
        url: new URL('https://examplebucket.s3.amazonaws.com/?max-keys=2&prefix=J'),
        payloadHash: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
        now: new Date('2013-05-24T00:00:00Z'),
      },
    );
    expect(headers.authorization).toMatch(/Signature=34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7$/);
  });

  it("lists an organisation's objects with their times, through every page", async () => {
    const store = s3Store(fake.options('listed'));
    const keys = Array.from({ length: 5 }, () => crypto.randomUUID()).sort();
    for (const key of keys) await store.put(tx, org, key, Buffer.from(key));
    await store.put(tx, crypto.randomUUID(), crypto.randomUUID(), Buffer.from('another organisation'));
    fake.maxKeys = 2;
    try {
      const listed = await store.list(org);
      expect(listed.map((o) => o.name)).toEqual(keys);
      for (const o of listed) expect(Math.abs(o.lastModified.getTime() - Date.now())).toBeLessThan(60_000);
    } finally {
      fake.maxKeys = 1000;
    }
    expect(fake.accepted.filter((request) => request === 'GET /listed')).toHaveLength(3);
    await expect(s3Store({ ...fake.options('listed'), secretKey: 'wrong' }).list(org)).rejects.toThrow(/^S3 LIST answered 403$/);
  });
});
