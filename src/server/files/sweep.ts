// The sweep of orphan bytes (`npx tsx src/server/cli.ts sweep-files`). The folder and S3 stores are
// outside the database's transaction (storage.ts): bytes are written before their row commits and
// deleted after the row is gone, so a process that dies in between — or a delete that failed after
// the commit — leaves bytes no live version row points to. The sweep deletes those, in the folder
// store and, when one is configured, in the S3 store; only what is older than a grace period (an
// hour by default), so an upload whose transaction is still running is never touched. The database
// store needs none: its bytes live and die in the same transaction as their row.
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { Tx } from '../db/engine.js';
import { system } from '../db/gateway.js';
import type { Deps } from '../http/context.js';
import { s3Store, storeOfKind, type StoreKind } from './storage.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** The grace period: an upload's bytes are written, then its transaction commits within seconds. */
export const SWEEP_MIN_AGE_MS = 60 * 60 * 1000;
/** Keys looked up per query (a bucket may hold hundreds of thousands of objects). */
const BATCH = 1000;
/** The S3 store works outside the database's transaction: its `tx` parameter is never read. */
const OUTSIDE_TRANSACTION = undefined as unknown as Tx;

export interface SweepResult {
  /** Files or objects old enough to be looked at. */
  checked: number;
  deleted: number;
}

/** The keys among `keys` that a live version row of this organisation and store points to. */
async function liveKeys(deps: Deps, orgId: string, store: StoreKind, keys: string[]): Promise<Set<string>> {
  const live = new Set<string>();
  for (let i = 0; i < keys.length; i += BATCH) {
    const batch = keys.slice(i, i + BATCH);
    const rows = await system(deps.engine, (tx) =>
      tx.execute<{ key: string }>(sql`select storage_key::text as key from attachment_versions
        where org_id = ${orgId} and store = ${store} and storage_key in ${batch} and content_deleted_at is null`),
    );
    for (const row of rows.rows) live.add(row.key);
  }
  return live;
}

/**
 * Deletes from the folder store what no live version row points to — bytes left when the process died
 * between writing them and the commit, or when settling after a transaction failed — and temporary
 * files of interrupted writes. Only files older than `minAgeMs` are looked at.
 */
export async function sweepFolderStore(deps: Deps, minAgeMs = SWEEP_MIN_AGE_MS): Promise<SweepResult> {
  const root = storeOfKind(deps, 'folder').location;
  const cutoff = deps.now().getTime() - minAgeMs;
  let checked = 0;
  let deleted = 0;
  if (!fs.existsSync(root)) return { checked, deleted };
  for (const orgId of await fs.promises.readdir(root)) {
    if (!UUID.test(orgId)) continue;
    const old: { key: string; file: string }[] = [];
    for (const prefix of await fs.promises.readdir(path.join(root, orgId))) {
      const dir = path.join(root, orgId, prefix);
      if (!(await fs.promises.stat(dir)).isDirectory()) continue;
      for (const name of await fs.promises.readdir(dir)) {
        const file = path.join(dir, name);
        if ((await fs.promises.stat(file)).mtimeMs >= cutoff) continue;
        old.push({ key: UUID.test(name) ? name : '', file });
      }
    }
    checked += old.length;
    const live = await liveKeys(deps, orgId, 'folder', old.map((o) => o.key).filter(Boolean));
    for (const o of old) {
      if (o.key && live.has(o.key)) continue;
      await fs.promises.rm(o.file, { force: true });
      deleted += 1;
    }
  }
  return { checked, deleted };
}

/**
 * Deletes from the S3 store the objects `<org>/<key>` of this database's organisations that no live
 * version row points to, once older than `minAgeMs` by the bucket's own LastModified. Only names
 * Hearth writes are touched: prefixes of organisations this database does not have (another install
 * sharing the bucket) and names that are not a storage key are left alone. Nothing to do (0, 0)
 * when no S3 store is configured.
 */
export async function sweepS3Store(deps: Deps, minAgeMs = SWEEP_MIN_AGE_MS): Promise<SweepResult> {
  const options = deps.config.files.s3;
  if (!options) return { checked: 0, deleted: 0 };
  const store = s3Store(options);
  const cutoff = deps.now().getTime() - minAgeMs;
  const orgs = await system(deps.engine, (tx) => tx.execute<{ id: string }>(sql`select id::text from organizations order by id`));
  let checked = 0;
  let deleted = 0;
  for (const { id: orgId } of orgs.rows) {
    const old = (await store.list(orgId)).filter((o) => UUID.test(o.name) && o.lastModified.getTime() < cutoff).map((o) => o.name);
    checked += old.length;
    const live = await liveKeys(deps, orgId, 's3', old);
    for (const key of old) {
      if (live.has(key)) continue;
      await store.delete(OUTSIDE_TRANSACTION, orgId, key);
      deleted += 1;
    }
  }
  return { checked, deleted };
}
