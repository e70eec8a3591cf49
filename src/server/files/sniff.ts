// What an uploaded file is, judged by its bytes, never by its name or the type the browser claims.
//
// The allow-list: JPEG, PNG, WebP and GIF images (their headers decoded: an "image" whose structure
// does not hold is refused), PDF, the Office Open XML documents (DOCX, XLSX, PPTX) and the
// OpenDocument text and spreadsheet (ODT, ODS) recognised by their zip structure, and the legacy
// Word and Excel files (DOC, XLS) by their OLE header and stream names. Anything else — SVG, HTML,
// scripts, executables, archives, HEIC (whose location data we cannot strip: iPhones send JPEG to a
// web form) — is refused. So is a file whose head also reads as HTML or script to a browser (a
// polyglot), an office file whose zip declares more than it could honestly hold (a zip bomb:
// uncompressed sizes, ratios, overlapping entries), a macro-enabled office file, and a PDF with
// JavaScript or a launch action.
import { inflateRawSync } from 'node:zlib';

export type FileKind = 'image' | 'pdf' | 'office';

export interface Sniffed {
  contentType: string;
  /** The extension the stored name gets: the content decides, not the name it came with. */
  extension: string;
  kind: FileKind;
  /** A PDF's page count when it can be read from the file's objects, else null. */
  pages: number | null;
}

/** Why a file is refused: a code from a closed list (the user's message is translated from it). */
export type Refusal =
  'unknown_type' | 'markup' | 'not_an_image' | 'heic' | 'zip_bomb' | 'macro' | 'pdf_script' | 'corrupt_office' | 'empty' | 'bad_name';

export class FileRefused extends Error {
  constructor(readonly reason: Refusal) {
    super(reason);
  }
}

const refuse = (reason: Refusal): never => {
  throw new FileRefused(reason);
};

// What a browser's sniffer (WHATWG MIME Sniffing; older browsers looked further) would take for
// markup or script, looked for in the head of every file whatever its type. Tags of four letters and
// more anywhere in the head (a chance match in compressed bytes is about one in 10^8); the short
// ones (<a, <b, <p…) only where a sniffer reads them, at the start after white space.
const LONG_TAGS =
  /<\s*(?:!doctype\s+html|html|head|body|script|iframe|svg|object|embed|style|title|table|font|meta|link|form|base|frameset)[\s>/]|javascript:|vbscript:/i;
// eslint-disable-next-line no-control-regex -- a NUL before the tag is what some sniffers skip
const SHORT_TAGS = /^[\s\x00]*<\s*(?:a|b|p|br|h1|div|img|!--)[\s>/]/i;
const XML_DECLARATION = /<\?xml[\s?]/i;
const HEAD_BYTES = 4096;

export function looksLikeMarkup(bytes: Buffer, xml = true): boolean {
  const head = bytes.subarray(0, Math.min(bytes.length, HEAD_BYTES)).toString('latin1');
  return LONG_TAGS.test(head) || SHORT_TAGS.test(head) || (xml && XML_DECLARATION.test(head));
}

/** Names whose extension says "run me" or "render me": refused even when the content is allowed. */
const DANGEROUS_EXTENSION =
  /\.(html?|xhtml|svgz?|xml|xsl|js|mjs|cjs|vbs|wsf|hta|exe|com|bat|cmd|ps1|sh|msi|scr|jar|dll|php|aspx?|jsp|swf|docm|xlsm|pptm|dotm)$/i;

export function checkName(name: string): void {
  if (DANGEROUS_EXTENSION.test(name.trim())) refuse('bad_name');
}

/** The stored name: the uploaded one with its extension replaced by the content's. */
export function storedName(name: string, extension: string): string {
  const base = name
    .trim()
    .replace(/[\\/]/g, '_')
    .replace(/\.[A-Za-z0-9]{1,8}$/, '');
  return `${(base || 'file').slice(0, 240)}.${extension}`;
}

const startsWith = (bytes: Buffer, prefix: number[] | string, at = 0) => {
  const want = typeof prefix === 'string' ? Buffer.from(prefix, 'latin1') : Buffer.from(prefix);
  return bytes.length >= at + want.length && bytes.subarray(at, at + want.length).equals(want);
};

// ---- images: headers decoded ------------------------------------------------------------------

const MAX_DIMENSION = 40000;
const dims = (w: number, h: number) => {
  if (!(w > 0 && h > 0 && w <= MAX_DIMENSION && h <= MAX_DIMENSION)) refuse('not_an_image');
};

/** JPEG: markers from SOI through a frame header (its size) to the start of scan. */
function checkJpeg(bytes: Buffer): void {
  let at = 2;
  let frame = false;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) refuse('not_an_image');
    const marker = bytes[at + 1]!;
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2;
      continue;
    }
    const length = bytes.readUInt16BE(at + 2);
    if (length < 2 || at + 2 + length > bytes.length) refuse('not_an_image');
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrame) {
      if (length < 8) refuse('not_an_image');
      dims(bytes.readUInt16BE(at + 7), bytes.readUInt16BE(at + 5));
      frame = true;
    }
    if (marker === 0xda) {
      if (!frame) refuse('not_an_image');
      return;
    }
    if (marker === 0xd9) break;
    at += 2 + length;
  }
  refuse('not_an_image');
}

const CRC_TABLE = (() => {
  const table = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c;
  }
  return table;
})();

export function crc32(bytes: Buffer): number {
  let c = -1;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export interface PngChunk {
  type: string;
  start: number;
  end: number;
}

/** PNG: every chunk's length and CRC, IHDR first with a size, IDAT present, IEND last. */
export function pngChunks(bytes: Buffer): PngChunk[] {
  const chunks: PngChunk[] = [];
  let at = 8;
  while (at + 12 <= bytes.length) {
    const length = bytes.readUInt32BE(at);
    const end = at + 12 + length;
    if (length > 0x7fffffff || end > bytes.length) refuse('not_an_image');
    const type = bytes.toString('latin1', at + 4, at + 8);
    if (crc32(bytes.subarray(at + 4, at + 8 + length)) !== bytes.readUInt32BE(at + 8 + length)) refuse('not_an_image');
    chunks.push({ type, start: at, end });
    at = end;
    if (type === 'IEND') break;
  }
  const first = chunks[0];
  if (!first || first.type !== 'IHDR' || first.end - first.start !== 25) refuse('not_an_image');
  if (chunks.at(-1)?.type !== 'IEND' || !chunks.some((c) => c.type === 'IDAT')) refuse('not_an_image');
  dims(bytes.readUInt32BE(16), bytes.readUInt32BE(20));
  return chunks;
}

export interface RiffChunk {
  type: string;
  start: number;
  end: number;
}

/** WebP: the RIFF container's chunks, with a VP8, VP8L or VP8X image header. */
export function webpChunks(bytes: Buffer): RiffChunk[] {
  if (bytes.readUInt32LE(4) + 8 !== bytes.length) refuse('not_an_image');
  const chunks: RiffChunk[] = [];
  let at = 12;
  while (at + 8 <= bytes.length) {
    const size = bytes.readUInt32LE(at + 4);
    const end = at + 8 + size + (size % 2);
    if (end > bytes.length) refuse('not_an_image');
    chunks.push({ type: bytes.toString('latin1', at, at + 4), start: at, end });
    at = end;
  }
  const first = chunks[0];
  if (!first) return refuse('not_an_image');
  const p = first.start + 8;
  if (first.type === 'VP8 ') {
    if (!startsWith(bytes, [0x9d, 0x01, 0x2a], p + 3)) refuse('not_an_image');
    dims(bytes.readUInt16LE(p + 6) & 0x3fff, bytes.readUInt16LE(p + 8) & 0x3fff);
  } else if (first.type === 'VP8L') {
    if (bytes[p] !== 0x2f) refuse('not_an_image');
    const bits = bytes.readUInt32LE(p + 1);
    dims((bits & 0x3fff) + 1, ((bits >> 14) & 0x3fff) + 1);
  } else if (first.type === 'VP8X') {
    dims(bytes.readUIntLE(p + 4, 3) + 1, bytes.readUIntLE(p + 7, 3) + 1);
  } else refuse('not_an_image');
  return chunks;
}

function checkGif(bytes: Buffer): void {
  if (bytes.length < 14) refuse('not_an_image');
  dims(bytes.readUInt16LE(6), bytes.readUInt16LE(8));
  // The header, an optional colour table, then an image, an extension or the trailer.
  const table = bytes[10]! & 0x80 ? 3 * 2 ** ((bytes[10]! & 0x07) + 1) : 0;
  const next = bytes[13 + table];
  if (next !== 0x2c && next !== 0x21 && next !== 0x3b) refuse('not_an_image');
}

// ---- PDF ----------------------------------------------------------------------------------------

function checkPdf(bytes: Buffer): number | null {
  const text = bytes.toString('latin1');
  if (!/%%EOF\s*$/.test(text.slice(-2048))) refuse('not_an_image');
  // Pages and actions are read from the file's plain dictionaries, with the streams' contents left
  // out: a scan's image data is random bytes in which "/JS" turns up by chance (once in a few MB).
  // Objects packed into compressed object streams are not seen (a scan rarely has them).
  const dictionaries = text.replace(/\bstream\r?\n[\s\S]*?\bendstream\b/g, ' ');
  if (/\/(?:JavaScript|JS|Launch)(?![A-Za-z0-9])/.test(dictionaries)) refuse('pdf_script');
  const pages = dictionaries.match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 0;
  return pages > 0 ? pages : null;
}

// ---- office files: zip structure and OLE --------------------------------------------------------

export interface ZipEntry {
  name: string;
  method: number;
  compressed: number;
  uncompressed: number;
  offset: number;
}

const ZIP_LIMITS = {
  entries: 5000,
  /** The whole archive unpacked. */
  total: 300 * 1024 * 1024,
  /** One entry unpacked. */
  entry: 100 * 1024 * 1024,
  /** Unpacked to packed, for an entry of more than 1 MB unpacked (XML packs about 10:1, rarely 50:1). */
  ratio: 200,
};

/** The entries of a zip's central directory, refused when it declares a bomb. */
export function zipEntries(bytes: Buffer): ZipEntry[] {
  const from = Math.max(0, bytes.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= from; i--) {
    if (bytes.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return refuse('corrupt_office');
  const count = bytes.readUInt16LE(eocd + 10);
  const dirSize = bytes.readUInt32LE(eocd + 12);
  const dirAt = bytes.readUInt32LE(eocd + 16);
  // ZIP64 (0xffff…) is never needed by an honest office file of our sizes.
  if (count === 0xffff || dirAt === 0xffffffff || dirAt + dirSize > eocd) refuse('corrupt_office');
  if (count > ZIP_LIMITS.entries) refuse('zip_bomb');
  const entries: ZipEntry[] = [];
  let at = dirAt;
  let total = 0;
  for (let i = 0; i < count; i++) {
    if (at + 46 > eocd || bytes.readUInt32LE(at) !== 0x02014b50) refuse('corrupt_office');
    const method = bytes.readUInt16LE(at + 10);
    const compressed = bytes.readUInt32LE(at + 20);
    const uncompressed = bytes.readUInt32LE(at + 24);
    const nameLength = bytes.readUInt16LE(at + 28);
    const extra = bytes.readUInt16LE(at + 30);
    const comment = bytes.readUInt16LE(at + 32);
    const offset = bytes.readUInt32LE(at + 42);
    const name = bytes.toString('utf8', at + 46, at + 46 + nameLength);
    if (compressed === 0xffffffff || uncompressed === 0xffffffff || offset === 0xffffffff) refuse('zip_bomb');
    if (method !== 0 && method !== 8) refuse('corrupt_office');
    if (uncompressed > ZIP_LIMITS.entry) refuse('zip_bomb');
    if (uncompressed > 1024 * 1024 && uncompressed > compressed * ZIP_LIMITS.ratio) refuse('zip_bomb');
    total += uncompressed;
    if (total > ZIP_LIMITS.total) refuse('zip_bomb');
    entries.push({ name, method, compressed, uncompressed, offset });
    at += 46 + nameLength + extra + comment;
  }
  // Entries that overlap (one deflate stream shared by many entries) are the quine-like bombs.
  const spans = entries.map((e) => e.offset).sort((a, b) => a - b);
  for (let i = 1; i < spans.length; i++) if (spans[i] === spans[i - 1]) refuse('zip_bomb');
  for (const entry of entries) {
    if (entry.offset + 30 > dirAt || bytes.readUInt32LE(entry.offset) !== 0x04034b50) refuse('corrupt_office');
    const dataAt = entry.offset + 30 + bytes.readUInt16LE(entry.offset + 26) + bytes.readUInt16LE(entry.offset + 28);
    if (dataAt + entry.compressed > dirAt) refuse('corrupt_office');
    const next = spans.find((s) => s > entry.offset);
    if (next !== undefined && dataAt + entry.compressed > next) refuse('zip_bomb');
  }
  return entries;
}

/** One entry's bytes (small entries only: the ODF mimetype, content types). */
function entryText(bytes: Buffer, entry: ZipEntry, max = 64 * 1024): string {
  if (entry.uncompressed > max) return '';
  const dataAt = entry.offset + 30 + bytes.readUInt16LE(entry.offset + 26) + bytes.readUInt16LE(entry.offset + 28);
  const data = bytes.subarray(dataAt, dataAt + entry.compressed);
  try {
    return (entry.method === 0 ? data : inflateRawSync(data, { maxOutputLength: max })).toString('utf8');
  } catch {
    return refuse('corrupt_office');
  }
}

const OOXML = [
  { part: 'word/document.xml', contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extension: 'docx' },
  { part: 'xl/workbook.xml', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extension: 'xlsx' },
  {
    part: 'ppt/presentation.xml',
    contentType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    extension: 'pptx',
  },
] as const;

const ODF = [
  { mimetype: 'application/vnd.oasis.opendocument.text', extension: 'odt' },
  { mimetype: 'application/vnd.oasis.opendocument.spreadsheet', extension: 'ods' },
] as const;

function sniffZip(bytes: Buffer): Sniffed {
  const entries = zipEntries(bytes);
  const names = new Set(entries.map((e) => e.name));
  if (entries.some((e) => /(^|\/)vbaProject\.bin$|\.(?:bin)$/i.test(e.name) && /vba/i.test(e.name))) refuse('macro');
  if (names.has('[Content_Types].xml')) {
    const ooxml = OOXML.find((o) => names.has(o.part));
    if (!ooxml) return refuse('unknown_type');
    if (
      /macroEnabled/i.test(
        entryText(
          bytes,
          entries.find((e) => e.name === '[Content_Types].xml')!,
        ),
      )
    )
      refuse('macro');
    return { contentType: ooxml.contentType, extension: ooxml.extension, kind: 'office', pages: null };
  }
  const mimetype = entries.find((e) => e.name === 'mimetype');
  if (mimetype) {
    const odf = ODF.find((o) => entryText(bytes, mimetype).trim() === o.mimetype);
    if (odf) return { contentType: odf.mimetype, extension: odf.extension, kind: 'office', pages: null };
  }
  return refuse('unknown_type');
}

const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const utf16 = (s: string) => Buffer.from(s, 'utf16le');

/** Legacy Word and Excel (OLE compound files), told apart by their main stream's name. */
function sniffOle(bytes: Buffer): Sniffed {
  if (bytes.length < 1024 || bytes.readUInt16LE(28) !== 0xfffe) refuse('unknown_type');
  if (bytes.includes(utf16('_VBA_PROJECT')) || bytes.includes(utf16('Macros'))) refuse('macro');
  if (bytes.includes(utf16('WordDocument'))) return { contentType: 'application/msword', extension: 'doc', kind: 'office', pages: null };
  if (bytes.includes(utf16('Workbook')) || bytes.includes(utf16('Book')))
    return { contentType: 'application/vnd.ms-excel', extension: 'xls', kind: 'office', pages: null };
  return refuse('unknown_type');
}

/** What the file is, or a FileRefused naming why not. */
export function sniff(bytes: Buffer): Sniffed {
  if (bytes.length === 0) refuse('empty');
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) {
    checkJpeg(bytes);
    if (looksLikeMarkup(bytes)) refuse('markup');
    return { contentType: 'image/jpeg', extension: 'jpg', kind: 'image', pages: null };
  }
  if (startsWith(bytes, PNG_SIGNATURE)) {
    pngChunks(bytes);
    if (looksLikeMarkup(bytes)) refuse('markup');
    return { contentType: 'image/png', extension: 'png', kind: 'image', pages: null };
  }
  if (startsWith(bytes, 'RIFF') && startsWith(bytes, 'WEBP', 8)) {
    webpChunks(bytes);
    if (looksLikeMarkup(bytes)) refuse('markup');
    return { contentType: 'image/webp', extension: 'webp', kind: 'image', pages: null };
  }
  if (startsWith(bytes, 'GIF87a') || startsWith(bytes, 'GIF89a')) {
    checkGif(bytes);
    if (looksLikeMarkup(bytes)) refuse('markup');
    return { contentType: 'image/gif', extension: 'gif', kind: 'image', pages: null };
  }
  if (startsWith(bytes, 'ftyp', 4) && /^(heic|heix|hevc|mif1|msf1|heif|avif)$/.test(bytes.toString('latin1', 8, 12))) refuse('heic');
  if (startsWith(bytes, '%PDF-')) {
    if (looksLikeMarkup(bytes)) refuse('markup');
    const pages = checkPdf(bytes);
    return { contentType: 'application/pdf', extension: 'pdf', kind: 'pdf', pages };
  }
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    // An office file may store its XML parts uncompressed: only real HTML tags count in a zip.
    if (looksLikeMarkup(bytes, false)) refuse('markup');
    return sniffZip(bytes);
  }
  if (startsWith(bytes, OLE)) return sniffOle(bytes);
  if (looksLikeMarkup(bytes)) refuse('markup');
  return refuse('unknown_type');
}
