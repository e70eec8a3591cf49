// A fake S3-compatible store for tests: an in-process HTTP server holding objects per bucket, checking
// each request's AWS Signature Version 4 the way S3 does (a wrong key, a changed body or a header shape
// S3 would not take is a 403). Used by the S3 store's own test and by the backup tests.
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
        res.end();
      } else if (req.method === 'GET') {
        const found = bucket.get(name);
        res.statusCode = found ? 200 : 404;
        res.end(found ?? '<Error><Code>NoSuchKey</Code></Error>');
      } else if (req.method === 'DELETE') {
        bucket.delete(name);
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
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
