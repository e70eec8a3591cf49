// A fake S3-compatible store for tests: an in-process HTTP server holding objects per bucket, checking
// each request's AWS Signature Version 4 the way S3 does (a wrong key, a changed body or a header shape
// S3 would not take is a 403), and listing a bucket's objects (ListObjectsV2, paged). Used by the S3
// store's own test, the backup tests and the sweep's test.
import crypto from 'node:crypto';
import http from 'node:http';
import { signS3, type S3Options } from '../files/storage.js';

export interface FakeS3 {
  endpoint: string;
  /** Options of one bucket of this server. */
  options(bucket: string): S3Options;
  /** The objects of a bucket, by `<org>/<key>`. */
  objects(bucket: string): Map<string, Buffer>;
  /** Every request the server accepted (signature good), in order: `<METHOD> <path>`. */
  accepted: string[];
  /** When each object of a bucket was last written, by `<org>/<key>` (a test may age one). */
  modified(bucket: string): Map<string, Date>;
  /** The most objects one ListObjectsV2 answer holds (S3's is 1000; a test lowers it to see the pages). */
  maxKeys: number;
  close(): Promise<void>;
}

const ACCESS = 'fake-access';
const SECRET = 'fake-secret-key';
const REGION = 'ru-central1';
// The header S3 takes: our key, a date scope, the s3 service, and exactly the headers we sign. Checked
// on its own (not only against signS3's answer) so a change of shape in signS3 fails here too.
const AUTHORIZATION =
  /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/;

export async function startFakeS3(): Promise<FakeS3> {
  const buckets = new Map<string, Map<string, Buffer>>();
  const accepted: string[] = [];
  const bucketOf = (name: string) => {
    let bucket = buckets.get(name);
    if (!bucket) buckets.set(name, (bucket = new Map()));
    return bucket;
  };
  const times = new Map<string, Map<string, Date>>();
  const modifiedOf = (name: string) => {
    let bucket = times.get(name);
    if (!bucket) times.set(name, (bucket = new Map()));
    return bucket;
  };
  const listing = { maxKeys: 1000 };
  // ListObjectsV2: names under the prefix in order, a page at a time; the continuation token is the
  // last name of the page (S3's is opaque; the client only hands it back).
  const listObjects = (bucketName: string, params: URLSearchParams) => {
    const prefix = params.get('prefix') ?? '';
    const after = params.get('continuation-token') ?? '';
    const names = [...bucketOf(bucketName).keys()].filter((n) => n.startsWith(prefix) && n > after).sort();
    const page = names.slice(0, Math.min(listing.maxKeys, Number(params.get('max-keys') ?? 1000)));
    const truncated = names.length > page.length;
    const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    return [
      '<?xml version="1.0" encoding="UTF-8"?><ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">',
      `<Name>${escape(bucketName)}</Name><Prefix>${escape(prefix)}</Prefix><KeyCount>${page.length}</KeyCount>`,
      `<IsTruncated>${truncated}</IsTruncated>`,
      truncated ? `<NextContinuationToken>${escape(page.at(-1)!)}</NextContinuationToken>` : '',
      ...page.map(
        (n) =>
          `<Contents><Key>${escape(n)}</Key><LastModified>${(modifiedOf(bucketName).get(n) ?? new Date()).toISOString()}</LastModified>` +
          `<Size>${bucketOf(bucketName).get(n)!.length}</Size></Contents>`,
      ),
      '</ListBucketResult>',
    ].join('');
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const url = new URL(req.url!, `http://${req.headers.host}`);
      const amzDate = String(req.headers['x-amz-date']);
      const payloadHash = String(req.headers['x-amz-content-sha256']);
      const expected = signS3(
        { accessKey: ACCESS, secretKey: SECRET, region: REGION },
        {
          method: req.method!,
          url,
          payloadHash,
          now: new Date(
            `${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 8)}T${amzDate.slice(9, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13, 15)}Z`,
          ),
        },
      ).authorization;
      const hashOk = crypto.createHash('sha256').update(body).digest('hex') === payloadHash;
      const auth = String(req.headers.authorization ?? '');
      const shape = AUTHORIZATION.exec(auth);
      const shapeOk = shape?.[1] === ACCESS && shape[4] === 'host;x-amz-content-sha256;x-amz-date';
      if (auth !== expected || !hashOk || !shapeOk) {
        res.statusCode = 403;
        res.end('<Error><Code>SignatureDoesNotMatch</Code></Error>');
        return;
      }
      accepted.push(`${req.method} ${url.pathname}`);
      const [, bucketName, ...rest] = url.pathname.split('/').map(decodeURIComponent);
      const bucket = bucketOf(bucketName!);
      const name = rest.join('/');
      if (req.method === 'PUT') {
        bucket.set(name, body);
        modifiedOf(bucketName!).set(name, new Date());
        res.end();
      } else if (req.method === 'GET' && name === '' && url.searchParams.get('list-type') === '2') {
        res.end(listObjects(bucketName!, url.searchParams));
      } else if (req.method === 'GET') {
        const found = bucket.get(name);
        res.statusCode = found ? 200 : 404;
        res.end(found ?? '<Error><Code>NoSuchKey</Code></Error>');
      } else if (req.method === 'DELETE') {
        bucket.delete(name);
        modifiedOf(bucketName!).delete(name);
        res.statusCode = 204;
        res.end();
      } else {
        res.statusCode = 405;
        res.end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return {
    endpoint,
    options: (bucket) => ({ endpoint, bucket, accessKey: ACCESS, secretKey: SECRET, region: REGION }),
    objects: bucketOf,
    accepted,
    modified: modifiedOf,
    get maxKeys() {
      return listing.maxKeys;
    },
    set maxKeys(value) {
      listing.maxKeys = value;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
