// The backup file: one file that holds the database snapshot, the stored files and a manifest of
// what they must contain, compressed and — with a passphrase — encrypted.
//
// Layout: `HEARTH-BACKUP\n`, a 4-byte length and a JSON header (format, when, engine, migration,
// and how the body is encrypted: scrypt parameters, salt, IV — no secret and no personal data),
// then the body: gzip of a sequence of entries (2-byte name length, name, 8-byte size, bytes),
// ended by an empty name. Encrypted, the body is AES-256-GCM over that gzip stream with its 16-byte
// authentication tag at the very end of the file, so a wrong passphrase or a changed byte is refused
// before anything is restored (the body is unpacked into a temporary folder and only used once the
// tag has been checked).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable, Writable } from 'node:stream';
import zlib from 'node:zlib';

const MAGIC = Buffer.from('HEARTH-BACKUP\n');
const TAG_BYTES = 16;
/** scrypt with N = 2^16, r = 8: ≈64 MiB and a fraction of a second per derivation. */
const SCRYPT = { N: 1 << 16, r: 8, p: 1 } as const;

export interface BackupHeader {
  format: 1;
  createdAt: string;
  engine: 'pglite' | 'postgres';
  migration: number;
  encryption: null | { cipher: 'aes-256-gcm'; kdf: 'scrypt'; N: number; r: number; p: number; salt: string; iv: string };
}

export interface Entry {
  name: string;
  size: number;
  /** A file to copy in, or the bytes themselves. */
  source: string | Buffer;
}

export class BackupFormatError extends Error {}

function deriveKey(passphrase: string, salt: Buffer, params: { N: number; r: number; p: number }): Buffer {
  return crypto.scryptSync(passphrase, salt, 32, { ...params, maxmem: 256 * 1024 * 1024 });
}

function entryHead(name: string, size: number): Buffer {
  const nameBytes = Buffer.from(name, 'utf8');
  if (nameBytes.length === 0 || nameBytes.length > 60000) throw new Error('bad entry name');
  const head = Buffer.alloc(2 + nameBytes.length + 8);
  head.writeUInt16BE(nameBytes.length, 0);
  nameBytes.copy(head, 2);
  head.writeBigUInt64BE(BigInt(size), 2 + nameBytes.length);
  return head;
}

async function* entryStream(entries: AsyncIterable<Entry> | Iterable<Entry>): AsyncGenerator<Buffer> {
  for await (const entry of entries) {
    yield entryHead(entry.name, entry.size);
    if (Buffer.isBuffer(entry.source)) {
      if (entry.source.length !== entry.size) throw new Error(`entry ${entry.name}: size differs`);
      yield entry.source;
    } else {
      let written = 0;
      for await (const chunk of fs.createReadStream(entry.source)) {
        written += (chunk as Buffer).length;
        yield chunk as Buffer;
      }
      if (written !== entry.size) throw new Error(`entry ${entry.name}: the file changed while it was copied`);
    }
  }
  yield Buffer.from([0, 0]);
}

/**
 * Writes a backup file at `file` (beside it first, renamed when complete: a backup killed part-way
 * leaves no file that looks whole). Returns the header written.
 */
export async function writeBackup(
  file: string,
  header: Omit<BackupHeader, 'encryption' | 'format'>,
  entries: AsyncIterable<Entry> | Iterable<Entry>,
  passphrase?: string,
): Promise<BackupHeader> {
  let cipher: crypto.CipherGCM | undefined;
  let encryption: BackupHeader['encryption'] = null;
  if (passphrase !== undefined) {
    const salt = crypto.randomBytes(16);
    const iv = crypto.randomBytes(12);
    cipher = crypto.createCipheriv('aes-256-gcm', deriveKey(passphrase, salt, SCRYPT), iv);
    encryption = { cipher: 'aes-256-gcm', kdf: 'scrypt', ...SCRYPT, salt: salt.toString('base64'), iv: iv.toString('base64') };
  }
  const full: BackupHeader = { format: 1, ...header, encryption };
  const headerBytes = Buffer.from(JSON.stringify(full), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(headerBytes.length);
  const partial = `${file}.partial-${process.pid}`;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const out = fs.createWriteStream(partial, { mode: 0o600 });
  try {
    out.write(Buffer.concat([MAGIC, length, headerBytes]));
    const stages: (NodeJS.ReadableStream | NodeJS.ReadWriteStream | NodeJS.WritableStream)[] = [
      Readable.from(entryStream(entries)),
      zlib.createGzip({ level: 6 }),
    ];
    if (cipher) stages.push(cipher);
    stages.push(out);
    await pipeline(stages as unknown as [Readable, Writable]);
    if (cipher) fs.appendFileSync(partial, cipher.getAuthTag());
    fs.renameSync(partial, file);
  } catch (error) {
    out.destroy();
    fs.rmSync(partial, { force: true });
    throw error;
  }
  return full;
}

/** Reads the clear header of a backup file (no passphrase needed). */
export function readHeader(file: string): { header: BackupHeader; bodyStart: number; size: number } {
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const start = Buffer.alloc(MAGIC.length + 4);
    if (fs.readSync(fd, start, 0, start.length, 0) !== start.length || !start.subarray(0, MAGIC.length).equals(MAGIC)) {
      throw new BackupFormatError('not a Hearth backup file');
    }
    const length = start.readUInt32BE(MAGIC.length);
    if (length > 1_000_000) throw new BackupFormatError('not a Hearth backup file');
    const headerBytes = Buffer.alloc(length);
    fs.readSync(fd, headerBytes, 0, length, start.length);
    const header = JSON.parse(headerBytes.toString('utf8')) as BackupHeader;
    if (header.format !== 1) throw new BackupFormatError(`unknown backup format ${String(header.format)}`);
    return { header, bodyStart: start.length + length, size };
  } finally {
    fs.closeSync(fd);
  }
}

/** Splits the entry stream into files under `dir` (names are checked to stay inside it). */
class EntrySplitter extends Writable {
  private buffer: Buffer = Buffer.alloc(0);
  private current: { fd: number; left: number } | null = null;
  private done = false;
  readonly names: string[] = [];
  constructor(private readonly dir: string) {
    super();
  }
  override _write(chunk: Buffer, _enc: BufferEncoding, callback: (error?: Error | null) => void): void {
    try {
      this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
      this.drain();
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }
  override _final(callback: (error?: Error | null) => void): void {
    callback(this.done && !this.current && this.buffer.length === 0 ? null : new BackupFormatError('the backup file is cut short'));
  }
  private drain(): void {
    for (;;) {
      if (this.current) {
        const take = Math.min(this.current.left, this.buffer.length);
        if (take > 0) fs.writeSync(this.current.fd, this.buffer, 0, take);
        this.buffer = this.buffer.subarray(take);
        this.current.left -= take;
        if (this.current.left > 0) return;
        fs.closeSync(this.current.fd);
        this.current = null;
        continue;
      }
      if (this.done) {
        if (this.buffer.length > 0) throw new BackupFormatError('data after the end of the backup');
        return;
      }
      if (this.buffer.length < 2) return;
      const nameLength = this.buffer.readUInt16BE(0);
      if (nameLength === 0) {
        this.done = true;
        this.buffer = this.buffer.subarray(2);
        continue;
      }
      if (this.buffer.length < 2 + nameLength + 8) return;
      const name = this.buffer.subarray(2, 2 + nameLength).toString('utf8');
      const size = Number(this.buffer.readBigUInt64BE(2 + nameLength));
      this.buffer = this.buffer.subarray(2 + nameLength + 8);
      const target = path.resolve(this.dir, name);
      if (!target.startsWith(path.resolve(this.dir) + path.sep) || name.includes('\0')) throw new BackupFormatError('bad entry name');
      fs.mkdirSync(path.dirname(target), { recursive: true });
      this.names.push(name);
      this.current = { fd: fs.openSync(target, 'w', 0o600), left: size };
    }
  }
}

/**
 * Unpacks a backup into `dir` (a new, empty folder): checks the authentication tag of an encrypted
 * one (a wrong passphrase or a damaged file throws) and returns the header and the entry names.
 */
export async function unpackBackup(file: string, dir: string, passphrase?: string): Promise<{ header: BackupHeader; names: string[] }> {
  const { header, bodyStart, size } = readHeader(file);
  const enc = header.encryption;
  if (enc && passphrase === undefined) throw new BackupFormatError('this backup is encrypted: give its passphrase');
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const splitter = new EntrySplitter(dir);
  const stages: (NodeJS.ReadableStream | NodeJS.ReadWriteStream | NodeJS.WritableStream)[] = [];
  if (enc) {
    if (size - bodyStart < TAG_BYTES) throw new BackupFormatError('the backup file is cut short');
    const tag = Buffer.alloc(TAG_BYTES);
    const fd = fs.openSync(file, 'r');
    fs.readSync(fd, tag, 0, TAG_BYTES, size - TAG_BYTES);
    fs.closeSync(fd);
    const decipher = crypto.createDecipheriv(
      'aes-256-gcm',
      deriveKey(passphrase!, Buffer.from(enc.salt, 'base64'), enc),
      Buffer.from(enc.iv, 'base64'),
    );
    decipher.setAuthTag(tag);
    // Plain text reaches the folder before the tag is checked (at the end): a failure below throws,
    // and the caller removes the folder.
    stages.push(fs.createReadStream(file, { start: bodyStart, end: size - TAG_BYTES - 1 }), decipher);
  } else {
    stages.push(fs.createReadStream(file, { start: bodyStart }));
  }
  stages.push(zlib.createGunzip(), splitter);
  try {
    await pipeline(stages as unknown as [Readable, Writable]);
  } catch (error) {
    // With a wrong key the body decrypts to noise, which gunzip refuses before the tag is checked.
    if (enc) throw new BackupFormatError('wrong passphrase, or the backup file is damaged');
    if (error instanceof BackupFormatError) throw error;
    throw new BackupFormatError(`the backup file is damaged (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`);
  }
  return { header, names: splitter.names };
}

/** A sha256 of a file, streamed. */
export async function sha256File(file: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
