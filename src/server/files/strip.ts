// Strips what a photo says about where and how it was taken before it is stored (issue 16, rules):
// a phone writes the GPS position, the device and the time into EXIF and XMP. Done by hand on the
// file's structure, never by re-encoding, so the picture's pixels stay exactly as taken.
//
// - JPEG: drops APP1 (EXIF, XMP), APP13 (Photoshop/IPTC, which can carry a place) and comments;
//   the orientation alone is kept, in a new minimal EXIF segment, or phone photos would show
//   sideways.
// - PNG: drops eXIf, tEXt, zTXt, iTXt (XMP lives there) and tIME chunks.
// - WebP: drops the EXIF and XMP chunks and clears their flags in the VP8X header.
// - GIF carries no EXIF; it is stored as it came.
import { pngChunks, webpChunks } from './sniff.js';

/** The EXIF orientation (1–8) in an APP1 Exif segment's payload, if it has one. */
function orientationOf(exif: Buffer): number | null {
  // "Exif\0\0" then a TIFF header: byte order, 42, the offset of IFD0.
  if (exif.length < 14 || exif.toString('latin1', 0, 6) !== 'Exif\0\0') return null;
  const tiff = exif.subarray(6);
  const little = tiff.toString('latin1', 0, 2) === 'II';
  const u16 = (at: number) => (little ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at));
  const u32 = (at: number) => (little ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at));
  try {
    const ifd = u32(4);
    const count = u16(ifd);
    for (let i = 0; i < count; i++) {
      const entry = ifd + 2 + i * 12;
      if (u16(entry) === 0x0112) {
        const value = u16(entry + 8);
        return value >= 1 && value <= 8 ? value : null;
      }
    }
  } catch {
    return null; // a broken EXIF block is dropped without its orientation
  }
  return null;
}

/** An APP1 segment with an EXIF block holding nothing but the orientation. */
function orientationSegment(orientation: number): Buffer {
  const payload = Buffer.alloc(6 + 8 + 2 + 12 + 4);
  payload.write('Exif\0\0', 0, 'latin1');
  payload.write('MM', 6, 'latin1');
  payload.writeUInt16BE(42, 8);
  payload.writeUInt32BE(8, 10); // IFD0 right after the header
  payload.writeUInt16BE(1, 14); // one entry
  payload.writeUInt16BE(0x0112, 16); // Orientation
  payload.writeUInt16BE(3, 18); // SHORT
  payload.writeUInt32BE(1, 20); // one value
  payload.writeUInt16BE(orientation, 24); // value, left-justified in the 4 bytes
  payload.writeUInt32BE(0, 28); // no next IFD
  const head = Buffer.from([0xff, 0xe1, 0, 0]);
  head.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([head, payload]);
}

export function stripJpeg(bytes: Buffer): Buffer {
  const parts: Buffer[] = [bytes.subarray(0, 2)];
  let orientation: number | null = null;
  let at = 2;
  let insertAt = 1; // after SOI and any APP0 (JFIF must come first)
  while (at + 4 <= bytes.length) {
    const marker = bytes[at + 1]!;
    if (bytes[at] !== 0xff) break;
    if (marker === 0xff) {
      at += 1;
      continue;
    }
    if (marker === 0xda) break; // start of scan: the rest is image data, copied as is
    const length = bytes.readUInt16BE(at + 2);
    const segment = bytes.subarray(at, at + 2 + length);
    const dropped = marker === 0xe1 || marker === 0xed || marker === 0xfe;
    if (marker === 0xe1) orientation ??= orientationOf(segment.subarray(4));
    if (!dropped) {
      parts.push(segment);
      if (marker === 0xe0 && parts.length === insertAt + 1) insertAt = parts.length;
    }
    at += 2 + length;
  }
  if (orientation !== null && orientation !== 1) parts.splice(insertAt, 0, orientationSegment(orientation));
  parts.push(bytes.subarray(at));
  return Buffer.concat(parts);
}

const PNG_DROPPED = new Set(['eXIf', 'tEXt', 'zTXt', 'iTXt', 'tIME']);

export function stripPng(bytes: Buffer): Buffer {
  const chunks = pngChunks(bytes);
  return Buffer.concat([
    bytes.subarray(0, 8),
    ...chunks.filter((c) => !PNG_DROPPED.has(c.type)).map((c) => bytes.subarray(c.start, c.end)),
  ]);
}

export function stripWebp(bytes: Buffer): Buffer {
  const chunks = webpChunks(bytes);
  const kept = chunks.filter((c) => c.type !== 'EXIF' && c.type !== 'XMP ').map((c) => Buffer.from(bytes.subarray(c.start, c.end)));
  const first = kept[0]!;
  if (first.toString('latin1', 0, 4) === 'VP8X') first[8] = first[8]! & ~0x0c; // EXIF (0x08) and XMP (0x04) flags
  const body = Buffer.concat(kept);
  const head = Buffer.alloc(12);
  head.write('RIFF', 0, 'latin1');
  head.writeUInt32LE(body.length + 4, 4);
  head.write('WEBP', 8, 'latin1');
  return Buffer.concat([head, body]);
}

/** The file as it will be stored: images without their location and device data. */
export function stripMetadata(bytes: Buffer, contentType: string): Buffer {
  switch (contentType) {
    case 'image/jpeg':
      return stripJpeg(bytes);
    case 'image/png':
      return stripPng(bytes);
    case 'image/webp':
      return stripWebp(bytes);
    default:
      return bytes;
  }
}
