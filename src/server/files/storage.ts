// Where attachments' bytes live. Three stores behind one interface, chosen once per process:
//
// - `folder` (default on PGlite): files under `<HEARTH_DATA_DIR>/files/<org>/<ab>/<key>`, beside the
//   embedded database, so copying the data folder copies both. Each is written to a temporary name,
//   fsync'ed, renamed into place and its folder fsync'ed: a crash leaves a whole file or none.
// - `database` (default on PostgreSQL): a bytea row in `file_contents`, written in the request's own
//   transaction (a failed upload leaves nothing) and covered by pg_dump.
// - `s3` (when HEARTH_S3_ENDPOINT is set): an S3-compatible bucket, objects `<org>/<key>`, signed by
//   hand with AWS Signature Version 4 (node's crypto and fetch; path-style addressing, as MinIO and
//   most self-hosted stores want). It also lists an organisation's objects (ListObjectsV2), for the
//   sweep of orphans (sweep.ts).
//
// The folder and S3 stores are outside the database's transaction: attachments.ts writes bytes before
// their row and deletes them only once the transaction has ended, by what its rows say
// (settleAfterTransaction).
//
// Keys are random ids, not content hashes: two uploads of one scan stay two objects, so removing one
// record's file can never remove another's (and one organisation's never touches another's).
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { Tx } from '../db/engine.js';
import type { Config } from '../config.js';
import type { Deps } from '../http/context.js';

export type StoreKind = 'folder' | 'database' | 's3';

export interface BlobStore {
  readonly kind: StoreKind;
  /** Stores content under (org, key). The database store writes in `tx`; the others outside it. */
  put(tx: Tx, orgId: string, key: string, content: Buffer): Promise<void>;
  /** The content, or null when it is not there (deleted, or lost). */
  get(tx: Tx, orgId: string, key: string): Promise<Buffer | null>;
  /** Deletes the content for good; deleting what is not there is not an error. */
  delete(tx: Tx, orgId: string, key: string): Promise<void>;
  /** Where the content lives, in words for an operator (a folder, a table, a bucket). */
  readonly location: string;
}

const KEY = /^[0-9a-f-]{36}$/;
function checkKey(orgId: string, key: string): void {
  // Both become parts of a path or an object name: only ids, never anything a caller typed.
  if (!KEY.test(orgId) || !KEY.test(key)) throw new Error('storage key must be a uuid');
}

export function folderStore(root: string): BlobStore {
  const fileOf = (orgId: string, key: string) => path.join(root, orgId, key.slice(0, 2), key);
  return {
    kind: 'folder',
    location: root,
    async put(_tx, orgId, key, content) {
      checkKey(orgId, key);
      const target = fileOf(orgId, key);
      const dir = path.dirname(target);
      await fs.promises.mkdir(dir, { recursive: true });
      const temp = path.join(dir, `.${key}.${crypto.randomBytes(4).toString('hex')}.tmp`);
      const handle = await fs.promises.open(temp, 'wx', 0o600);
      try {
        try {
          await handle.writeFile(content);
          await handle.sync();
        } finally {
          await handle.close();
        }
        await fs.promises.rename(temp, target);
      } catch (error) {
        // A disk that filled up half-way leaves no temporary file behind.
        await fs.promises.rm(temp, { force: true });
        throw error;
      }
      // The rename itself is durable only once the folder's entry is on disk.
      const folder = await fs.promises.open(dir, 'r');
      try {
        await folder.sync();
      } finally {
        await folder.close();
      }
    },
    async get(_tx, orgId, key) {
      checkKey(orgId, key);
      try {
        return await fs.promises.readFile(fileOf(orgId, key));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    async delete(_tx, orgId, key) {
      checkKey(orgId, key);
      await fs.promises.rm(fileOf(orgId, key), { force: true });
    },
  };
}

export function databaseStore(): BlobStore {
  return {
    kind: 'database',
    location: 'table file_contents',
    async put(tx, orgId, key, content) {
      checkKey(orgId, key);
      await tx.execute(sql`insert into file_contents (org_id, key, content) values (${orgId}, ${key}, ${content})`);
    },
    async get(tx, orgId, key) {
      checkKey(orgId, key);
      const rows = await tx.execute<{ content: Buffer | Uint8Array }>(
        sql`select content from file_contents where org_id = ${orgId} and key = ${key}`,
      );
      const content = rows.rows[0]?.content;
      return content === undefined ? null : Buffer.from(content.buffer, content.byteOffset, content.byteLength);
    },
    async delete(tx, orgId, key) {
      checkKey(orgId, key);
      await tx.execute(sql`delete from file_contents where org_id = ${orgId} and key = ${key}`);
    },
  };
}

export interface S3Options {
  endpoint: string;
  bucket: string;
  accessKey: string;
  secretKey: string;
  region: string;
}

const sha256Hex = (data: Buffer | string) => crypto.createHash('sha256').update(data).digest('hex');
const hmac = (key: Buffer | string, data: string) => crypto.createHmac('sha256', key).update(data).digest();

/** RFC 3986 encoding of one path segment, as SigV4 wants it. */
const encodeSegment = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * The canonical query string of SigV4: every parameter RFC 3986-encoded, sorted by name then value,
 * `name=value` joined by `&` (`name=` for an empty value); empty when the URL has no query.
 */
function canonicalQuery(url: URL): string {
  return [...url.searchParams]
    .map(([name, value]) => [encodeSegment(name), encodeSegment(value)] as const)
    .sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
}

/**
 * The headers of an AWS Signature Version 4 request (service `s3`, the query signed in its canonical
 * form, signed payload hash). Exported for the test's fake server, which checks the signature the
 * same way S3 does.
 */
export function signS3(
  options: Pick<S3Options, 'accessKey' | 'secretKey' | 'region'>,
  request: { method: string; url: URL; payloadHash: string; now: Date },
): Record<string, string> {
  const amzDate = request.now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  const day = amzDate.slice(0, 8);
  const headers: Record<string, string> = {
    host: request.url.host,
    'x-amz-content-sha256': request.payloadHash,
    'x-amz-date': amzDate,
  };
  const names = Object.keys(headers).sort();
  const canonical = [
    request.method,
    request.url.pathname,
    canonicalQuery(request.url),
    names.map((name) => `${name}:${headers[name]!.trim()}\n`).join(''),
    names.join(';'),
    request.payloadHash,
  ].join('\n');
  const scope = `${day}/${options.region}/s3/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256Hex(canonical)].join('\n');
  const signingKey = hmac(hmac(hmac(hmac(`AWS4${options.secretKey}`, day), options.region), 's3'), 'aws4_request');
  const signature = crypto.createHmac('sha256', signingKey).update(toSign).digest('hex');
  return {
    ...headers,
    authorization: `AWS4-HMAC-SHA256 Credential=${options.accessKey}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`,
  };
}

/** An object of the S3 store as its bucket lists it: its name under the organisation and when it was written. */
export interface StoredObject {
  /** The name after `<org>/` (a storage key for what Hearth wrote). */
  name: string;
  lastModified: Date;
}

export interface S3Store extends BlobStore {
  /** Every object under `<org>/`, page by page (ListObjectsV2); for the sweep of orphans. */
  list(orgId: string): Promise<StoredObject[]>;
}

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const xmlText = (s: string) => s.replace(/&(amp|lt|gt|quot|apos);/g, (_, name: string) => XML_ENTITIES[name]!);
const xmlValue = (xml: string, tag: string) => {
  const found = new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(xml);
  return found ? xmlText(found[1]!) : null;
};

export function s3Store(options: S3Options, now: () => Date = () => new Date()): S3Store {
  const bucketUrl = `${options.endpoint}/${encodeSegment(options.bucket)}`;
  const urlOf = (orgId: string, key: string) => new URL(`${bucketUrl}/${encodeSegment(orgId)}/${encodeSegment(key)}`);
  function sendTo(method: 'PUT' | 'GET' | 'DELETE', url: URL, body?: Buffer): Promise<Response> {
    const headers = signS3(options, { method, url, payloadHash: sha256Hex(body ?? ''), now: now() });
    const { host: _host, ...sent } = headers;
    return fetch(url, { method, headers: sent, ...(body && { body: new Blob([new Uint8Array(body)]) }) });
  }
  function send(method: 'PUT' | 'GET' | 'DELETE', orgId: string, key: string, body?: Buffer): Promise<Response> {
    checkKey(orgId, key);
    return sendTo(method, urlOf(orgId, key), body);
  }
  return {
    kind: 's3',
    async list(orgId) {
      if (!KEY.test(orgId)) throw new Error('storage key must be a uuid');
      const prefix = `${orgId}/`;
      const found: StoredObject[] = [];
      let token: string | null = null;
      do {
        const query = [['list-type', '2'], ['prefix', prefix], ...(token === null ? [] : [['continuation-token', token]])];
        const url = new URL(`${bucketUrl}?${query.map(([k, v]) => `${encodeSegment(k!)}=${encodeSegment(v!)}`).join('&')}`);
        const response = await sendTo('GET', url);
        const xml = await response.text();
        // Never the answer in an error: it names the bucket's objects.
        if (!response.ok) throw new Error(`S3 LIST answered ${response.status}`);
        for (const [, entry] of xml.matchAll(/<Contents>([\s\S]*?)<\/Contents>/g)) {
          const key = xmlValue(entry!, 'Key');
          const modified = xmlValue(entry!, 'LastModified');
          if (key === null || modified === null || !key.startsWith(prefix)) continue;
          found.push({ name: key.slice(prefix.length), lastModified: new Date(modified) });
        }
        token = xmlValue(xml, 'IsTruncated') === 'true' ? xmlValue(xml, 'NextContinuationToken') : null;
      } while (token !== null);
      return found;
    },
    location: `${options.endpoint}/${options.bucket}`,
    async put(_tx, orgId, key, content) {
      const response = await send('PUT', orgId, key, content);
      // Never the response body in an error: it may echo the object's name and the request.
      if (!response.ok) throw new Error(`S3 PUT answered ${response.status}`);
      await response.arrayBuffer();
    },
    async get(_tx, orgId, key) {
      const response = await send('GET', orgId, key);
      if (response.status === 404) {
        await response.arrayBuffer();
        return null;
      }
      if (!response.ok) throw new Error(`S3 GET answered ${response.status}`);
      return Buffer.from(await response.arrayBuffer());
    },
    async delete(_tx, orgId, key) {
      const response = await send('DELETE', orgId, key);
      await response.arrayBuffer();
      if (!response.ok && response.status !== 404) throw new Error(`S3 DELETE answered ${response.status}`);
    },
  };
}

function folderRoot(config: Config): string {
  if (config.files.dir) return config.files.dir;
  // An in-memory database, or a test run on the default data folder, gets a throw-away folder: no
  // test writes into the working tree's ./data, and nothing outlives the process's temp folder.
  if (config.dataDir.startsWith('memory://') || process.env.VITEST) return fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-files-'));
  return path.join(config.dataDir, 'files');
}

/** The store a configuration asks for: S3 when configured, else by engine unless HEARTH_FILES_STORE says. */
export function openStore(config: Config, engineKind: 'pglite' | 'postgres'): BlobStore {
  const kind = config.files.store ?? (engineKind === 'postgres' ? 'database' : 'folder');
  if (kind === 's3') return s3Store(config.files.s3!);
  if (kind === 'database') return databaseStore();
  return folderStore(folderRoot(config));
}

const stores = new WeakMap<Deps, Map<StoreKind, BlobStore>>();

function cached(deps: Deps): Map<StoreKind, BlobStore> {
  let map = stores.get(deps);
  if (!map) {
    map = new Map();
    stores.set(deps, map);
  }
  return map;
}

/** The process's store for new content, opened on first use. */
export function storeOf(deps: Deps): BlobStore {
  const kind = deps.config.files.store ?? (deps.engine.kind === 'postgres' ? 'database' : 'folder');
  return storeOfKind(deps, kind);
}

/**
 * The store a version's content went to (a version records it, so content written before the
 * configuration changed stays readable while both stores are there).
 */
export function storeOfKind(deps: Deps, kind: StoreKind): BlobStore {
  const map = cached(deps);
  let store = map.get(kind);
  if (!store) {
    if (kind === 's3' && !deps.config.files.s3) throw new Error('content is in S3, but no S3 store is configured');
    store = kind === 's3' ? s3Store(deps.config.files.s3!) : kind === 'database' ? databaseStore() : folderStore(folderRoot(deps.config));
    map.set(kind, store);
  }
  return store;
}
