// A zip is checked before any library unpacks it (a DOCX is a zip): its central directory is read
// by hand, the number of entries and the sum of the sizes they declare are capped, and every entry is
// inflated here with an output limit of the size it declares, so an entry that lies about its size (a
// "zip bomb", 10 MB that inflate to 10 GB) is refused after at most that many bytes, never in memory.
import zlib from 'node:zlib';

export const ZIP_LIMITS = { entries: 1000, totalBytes: 64 * 1024 * 1024, entryBytes: 32 * 1024 * 1024 };

export type ZipProblem = 'not_zip' | 'too_large';

export class ZipRefused extends Error {
  constructor(readonly problem: ZipProblem) {
    super(problem);
  }
}

export interface ZipEntry {
  name: string;
  size: number;
}

/** The entries of a zip held in memory, each checked as above; throws ZipRefused. */
export function checkZip(buffer: Buffer, limits = ZIP_LIMITS): ZipEntry[] {
  if (buffer.length < 22 || buffer.readUInt32LE(0) !== 0x04034b50) throw new ZipRefused('not_zip');
  // The end-of-central-directory record sits in the last 22 + 65535 bytes (after an optional comment).
  let eocd = -1;
  for (let i = buffer.length - 22; i >= Math.max(0, buffer.length - 22 - 65535); i -= 1) {
    if (buffer.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipRefused('not_zip');
  const count = buffer.readUInt16LE(eocd + 10);
  const dirOffset = buffer.readUInt32LE(eocd + 16);
  if (count === 0xffff || dirOffset === 0xffffffff) throw new ZipRefused('too_large'); // zip64: never a template
  if (count > limits.entries) throw new ZipRefused('too_large');
  const entries: ZipEntry[] = [];
  let total = 0;
  let at = dirOffset;
  for (let n = 0; n < count; n += 1) {
    if (at + 46 > buffer.length || buffer.readUInt32LE(at) !== 0x02014b50) throw new ZipRefused('not_zip');
    const method = buffer.readUInt16LE(at + 10);
    const compressed = buffer.readUInt32LE(at + 20);
    const size = buffer.readUInt32LE(at + 24);
    const nameLength = buffer.readUInt16LE(at + 28);
    const extra = buffer.readUInt16LE(at + 30);
    const comment = buffer.readUInt16LE(at + 32);
    const local = buffer.readUInt32LE(at + 42);
    const name = buffer.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    at += 46 + nameLength + extra + comment;
    total += size;
    if (size > limits.entryBytes || total > limits.totalBytes) throw new ZipRefused('too_large');
    if (local + 30 > buffer.length || buffer.readUInt32LE(local) !== 0x04034b50) throw new ZipRefused('not_zip');
    const start = local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28);
    if (start + compressed > buffer.length) throw new ZipRefused('not_zip');
    const data = buffer.subarray(start, start + compressed);
    if (method === 8) {
      let inflated: Buffer;
      try {
        // One byte more than declared is allowed to be produced, so a lie is seen, not cut short.
        inflated = zlib.inflateRawSync(data, { maxOutputLength: size + 1 });
      } catch (error) {
        if (error instanceof RangeError || (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw new ZipRefused('too_large');
        throw new ZipRefused('not_zip');
      }
      if (inflated.length !== size) throw new ZipRefused(inflated.length > size ? 'too_large' : 'not_zip');
    } else if (method === 0) {
      if (compressed !== size) throw new ZipRefused('not_zip');
    } else {
      throw new ZipRefused('not_zip');
    }
    entries.push({ name, size });
  }
  return entries;
}
