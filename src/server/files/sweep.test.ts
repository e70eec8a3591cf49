// The sweep of the S3 store (cli sweep-files) against the tests' fake S3, on both engines: objects no
// live version row points to — what a process that died before its commit leaves, or a delete that
// failed after one — are deleted once older than an hour by the bucket's own clock, of every
// organisation, page after page of the listing; a live file, an upload in flight (a fresh object
// without its row yet), another install's prefix and a name Hearth never writes are left alone.
// The folder store's sweep is tested in files.test.ts.
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import type { Tx } from '../db/engine.js';
import { system } from '../db/gateway.js';
import { motherInput } from '../testing/casework.js';
import { samplePdf } from '../testing/files.js';
import { buildOrganization, buildTestApp, buildUser, login, type Client, type TestApp, type TestOrganization } from '../testing/harness.js';
import { startFakeS3, type FakeS3 } from '../testing/s3.js';
import { s3Store } from './storage.js';
import { sweepS3Store } from './sweep.js';

const HOUR = 60 * 60 * 1000;
const tx = undefined as unknown as Tx;
let fake: FakeS3;
let t: TestApp;
let org: TestOrganization;
let other: TestOrganization;

async function attach(client: Client, branchId: string, n: number): Promise<{ id: string; version: number; key: string }> {
  const family = await client.post('/api/families', {
    branchId,
    members: [motherInput({ lastName: `Облачная${'а'.repeat(n)}` })],
    confirmedNotDuplicate: true,
  });
  expect(family.statusCode, family.body).toBe(201);
  const attached = await client.post(`/api/files/owners/family/${family.json().id}`, {
    title: `Скан ${n}`,
    fileName: `скан-${n}.pdf`,
    contentBase64: samplePdf(n, `SWEEP-${n}`).toString('base64'),
  });
  expect(attached.statusCode, attached.body).toBe(201);
  const key = await system(t.engine, async (tx) => {
    const rows = await tx.execute<{ key: string }>(
      sql`select storage_key::text as key from attachment_versions where attachment_id = ${attached.json().id}`,
    );
    return rows.rows[0]!.key;
  });
  return { id: attached.json().id, version: attached.json().version, key };
}

beforeAll(async () => {
  fake = await startFakeS3();
  t = await buildTestApp({ files: { ...loadConfig({}).files, store: 's3', s3: fake.options('files') } });
  org = await buildOrganization(t);
  other = await buildOrganization(t);
}, 120_000);

afterAll(async () => {
  await t?.close();
  await fake?.close();
});

describe('sweep of the S3 store', () => {
  it('deletes old objects without a live row in every organisation, page by page, and nothing else', async () => {
    const coordinator = await login(t, (await buildUser(t, org, ['coordinator'], org.branchIds)).email);
    const theirs = await login(t, (await buildUser(t, other, ['coordinator'], other.branchIds)).email);
    const live = await attach(coordinator, org.branchIds[0]!, 1);
    const theirLive = await attach(theirs, other.branchIds[0]!, 2);
    // A removed file whose bytes survived the delete after the commit (the row says: content deleted).
    const removed = await attach(coordinator, org.branchIds[0]!, 3);
    expect((await coordinator.post(`/api/files/${removed.id}/remove`, { version: removed.version })).statusCode).toBe(200);
    const store = s3Store(fake.options('files'));
    await store.put(tx, org.orgId, removed.key, Buffer.from('survived its delete'));
    // Bytes of uploads whose process died before the commit: two of ours, one of theirs.
    const orphans = [
      [org.orgId, crypto.randomUUID()],
      [org.orgId, crypto.randomUUID()],
      [other.orgId, crypto.randomUUID()],
    ] as const;
    for (const [orgId, key] of orphans) await store.put(tx, orgId, key, samplePdf(9));
    // Not Hearth's to delete: another install's organisation sharing the bucket, a name that is no key.
    const foreignPrefix = crypto.randomUUID();
    await store.put(tx, foreignPrefix, crypto.randomUUID(), Buffer.from('not ours'));
    fake.objects('files').set(`${org.orgId}/README.txt`, Buffer.from('an operator note'));
    fake.modified('files').set(`${org.orgId}/README.txt`, new Date(Date.now() - 10 * HOUR));
    const all = () => [...fake.objects('files').keys()].sort();
    const before = all();
    expect(before).toHaveLength(8);

    // Within the hour every orphan may still be an upload in flight: nothing is deleted.
    expect(await sweepS3Store(t.app.deps)).toEqual({ checked: 0, deleted: 0 });
    expect(all()).toEqual(before);

    // Two hours on, with pages of two objects: the three orphans and the surviving bytes go.
    fake.maxKeys = 2;
    t.clock.advance(2 * HOUR);
    try {
      // A fresh orphan written now is still within its hour.
      const inFlight = crypto.randomUUID();
      await store.put(tx, org.orgId, inFlight, samplePdf(8));
      fake.modified('files').set(`${org.orgId}/${inFlight}`, new Date(t.clock.now().getTime() - 5 * 60 * 1000));
      const swept = await sweepS3Store(t.app.deps);
      expect(swept).toEqual({ checked: 6, deleted: 4 });
      expect(all()).toEqual(
        [
          `${org.orgId}/${live.key}`,
          `${other.orgId}/${theirLive.key}`,
          `${org.orgId}/${inFlight}`,
          `${org.orgId}/README.txt`,
          before.find((name) => name.startsWith(`${foreignPrefix}/`))!,
        ].sort(),
      );
      // More than one page was asked for (two objects a page).
      const lists = fake.accepted.filter((request) => request === 'GET /files');
      expect(lists.length).toBeGreaterThan(2);
    } finally {
      t.clock.advance(-2 * HOUR);
      fake.maxKeys = 1000;
    }
    // The live files still download.
    expect((await coordinator.get(`/api/files/${live.id}/content`)).statusCode).toBe(200);
    expect((await theirs.get(`/api/files/${theirLive.id}/content`)).statusCode).toBe(200);
  });

  it('without an S3 store configured there is nothing to sweep', async () => {
    const deps = t.app.deps;
    const unconfigured = { ...deps, config: { ...deps.config, files: { ...deps.config.files, store: undefined, s3: undefined } } };
    expect(await sweepS3Store(unconfigured)).toEqual({ checked: 0, deleted: 0 });
  });
});
