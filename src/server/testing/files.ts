// Sample files for the attachment tests (API and browser): small real images (the 16×16 Python logo
// of CPython's imghdr test data), a JPEG carrying a phone's EXIF with a GPS position, and the
// hostile corpus — polyglots, SVG with script, a zip bomb dressed as XLSX, an image that is not one.
import { deflateRawSync } from 'node:zlib';
import { crc32 } from '../files/sniff.js';

export const SAMPLE_JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQEAAQABAAD/2wBDAAMCAgICAgMCAgIDAwMDBAYEBAQEBAgGBgUGCQgKCgkICQkKDA8MCgsOCwkJDRENDg8QEBEQCgwSExIQEw8QEBD/2wBDAQMDAwQDBAgEBAgQCwkLEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBD/wAARCAAQABADASIAAhEBAxEB/8QAFgABAQEAAAAAAAAAAAAAAAAABwQF/8QAJBAAAQQBBAICAwAAAAAAAAAAAQIDBAYFBwgSExEiABQJMTL/xAAVAQEBAAAAAAAAAAAAAAAAAAAABv/EACMRAAECBQMFAAAAAAAAAAAAAAECEQMEBQYhABIxFRZhgeH/2gAMAwEAAhEDEQA/ABSm0mobc8HmExLUlRzzEWPkJWW+ulrsaUVAseUgslSlH9LKuPryIKuWPZdskzXmm3fX5m2nF4GlVxx/HOpx4ks51+MiU/Iaad7UcUo4tILoS4kqcWkezS0hO/HvuRp0rO6hWnWO1UisZVuFi4GFeyEpmGepa5S5SWVPuciFKRFLgSrwetnyPIB+Vb4N9mKhQMzo5po9XLdDs9d6ZVix2VEhiL9kuNPxw2gEKcDQ/rs8AuA8VAe0vdl7VOYn+27flGAUgmITjbhSmCg3BYlyeWDkMolvw4KOp1KM6iCNvngZHwetf//Z',
  'base64',
);
export const SAMPLE_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAMAAAAoLQ9TAAAAIGNIUk0AAHomAACAhAAA+gAAAIDoAAB1MAAA6mAAADqYAAAXcJy6UTwAAAHFUExURQAAAE6NwEqGujxxnjdolgAAAAAAAAAAAAAAAAAAAE6PxEyKv0iFtkN9rT10oTlsljZmkAAAAAAAAFKRxv3dSvnVPgAAADJghwAAAP3VNgAAADVokgAAAOzORQAAADZpkxsxRQAAAAAAAOLDRf3ZQQAAAEaBsjZnkQAAAPLhbv3pav3LG0N9rhwyS/Xjb/PBGkB1oz1zogAAAMKaEgAAAAAAAAAAAAAAAAAAAOjHPevFNOvCKuu+Ieu7GMabEgAAAAAAAAAAAAAAAAAAAAAAAAAAAP3eTgAAAAAAAAAAAAAAAPHQP/rTOf3SL/rHGcCXEgAAAAAAAAAAAAAAAAAAAAAAAEiDtER+rUB4p0yKvP///0V/r0F5qD50ojpvmzZplEmFt0aAsUJ7qj51oztwnTdqljhsl0+NwUuIu0R9rUB4pj1zoDltmf/iVVCPw0yJvEiEtT10of/eS//aQU2LvkaAsDtwnP/aQv/WN//TLUqHuUeBskN8qz92pf/XOP/PI//mYf/jV//fTf/bQv/TLv/PJP/rbP/nYf/bQ//XOf/MHDpwnP/nYv/jWP/fTv/TL//bRP/XOv/TMP/QJf/YOv/UMP/QJpJJAAIAAABWdFJOUwCv7feSCwMoQRV+oKGjp6qqSBi994IKtkPtJPdPiD22XExHa/dG96pOpvf311uzwm/3S3o0CCE8NaqpqampeSACCRMSLB73QBwFAUzM99h7Ox1CRTgf+DIQcQAAAAFiS0dEWgO7paIAAAD1SURBVBjTY2AAAkamsPAIZhZWNgYoiIyKjomNi2dnhQkkJCYlp6TGc3CCeVzcPLx8/AJp8fGCQiC+cHpGWGZWdk48UCBXRFSMIS+/IDqmMA7IF5coKpaUYihJKE1KLkuNlxaXkS2vqJRjqKquqZVXUBRU4lBWqausV2VQy8xS19DUamhsaq5radVWYtCJKdTVa2tvbOrobGnt0udgMDDsNmrr6e3r6Oxv7eoyNmEwNTO3APItraxtbG3tOOwZHBydnHv7JkycNLmLw8LFFeJ6twlTpk6L0nb3cPT0Agt4+/hO6/LzD3CGec400CJIKTgk1BTIBgBAYkJ/yC2b5QAAACV0RVh0ZGF0ZTpjcmVhdGUAMjAxNC0wMS0yNlQyMDo1OTozNyswMjowMPuaB3cAAAAldEVYdGRhdGU6bW9kaWZ5ADIwMTQtMDEtMjZUMjA6NTk6MDArMDI6MDDB74amAAAAAElFTkSuQmCC',
  'base64',
);
export const SAMPLE_GIF = Buffer.from(
  'R0lGODlhEAAQAPZkAOu7GOu+IfPBGvrHGf3LG//MHOvCKv/PI//PJP/QJf/QJv/TLf3SL//TLv/TL+vFNOjHPf/TMP/UMP3VNv/WN/rTOf/XOP/XOf/XOvnVPv/YOuzORf3ZQf/aQf/aQv/bQv/bQ//bRP3dSv/eS//fTf3eTv/fTv/iVf/jV//jWP/mYf/nYf/nYvLhbvXjb/3pav/rbDJghzZmkDZnkTVokjZpkzZplDdoljdqljlsljhslzltmTpvmzpwnDtwnDtwnTxxnj1zoD1zoj10oT50oj51oz92pUB4pkB4p0F5qEJ7qkN8q0N9rUN9rkR9rUR+rUV/r0aAsEaAsUaBskeBskiDtEiEtUiFtkmFt0qHuUqGukuIu0yJvEyKvE2LvkyKv06NwE+NwVCPw1KRxv///wAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAACH5BAEAAGUAIf8LSW1hZ2VNYWdpY2sHZ2FtbWE9MAAsAAAAABAAEAAAB6iAZYJlYVpSTEZAN4OMgl1kUkpEPTiNjFeRRD44NZZlX1dMRDkyOTiVjGNhXFVQR0A8NadlJyMZZWJfVFBKsDW/MWUjHROfV1SSQKczwRvEC2XHS0edjR0XCwdlh0czZS0vLCcmHRoLCARlTJJlLjAsKSYhFxEIBQKCQj5l7/Hl5wUKWIJnAsIDAwEAAPAUb16EBAI9lZF3QUICMukklqnwsMAAjSAHBQIAOw==',
  'base64',
);
export const SAMPLE_WEBP = Buffer.from(
  'UklGRqgBAABXRUJQVlA4WAoAAAAQAAAADwAADwAAQUxQSMMAAAABJ6KokSTleucYX+ffKpmImP90cY3gJjDi4Yt3MsjBEVyDKzDosHgVjnhRNcEIDAJPkqBqsFUZHNa2bUYvTsZ2PLbtd/uvKa4hov9J0f2PkPe6REkkGzolkTTzFG0Ox9PlFiD0CxS+kOGDtxoynjaCfx0pfk52CPuInrOR75lzRugygtv4zEiy90UwfSD9NheMITJWLaXWayO8XeOlWRXVnIGk2W6WdYoYMQ+KqixQNPowgt+6a1BSKbUtz+lUFAoBAAAAVlA4IL4AAACQAgCdASoQABAAAwA0JbACdDBPCIUMfAMdCCz96AD+/XSg/QKbH4r3Q3ycN/bSDK/T/zVo4u6nvclvG/SqxWOuup+XhN9BojvaW+Tv+MvxvX/hr/o/5Qns9LtmX/+qKdl/yWznhuasl7nkxvSTI4xf3Y85VSB/lU/8Ofj/b9JrA+ifvIOYZm2x1RP/dhfmsf5diuSfR7+z+r/+HR3zEo/+XM/B+vkYw73Pzx+ROaAB/ZoBSzEs3rzZe6qsAAAA',
  'base64',
);

/** The marker text inside the GPS block of gpsJpeg(): absent from the stored file once stripped. */
export const GPS_MARKER = 'HEARTH-GPS-WGS-84';

/** An EXIF block as a phone writes it: orientation 6 (rotated), the camera, and a GPS position in Moscow. */
function exifWithGps(): Buffer {
  const tiff = Buffer.alloc(200);
  tiff.write('MM', 0, 'latin1');
  tiff.writeUInt16BE(42, 2);
  tiff.writeUInt32BE(8, 4);
  // IFD0 at 8: Orientation, Make, GPSInfo pointer.
  let at = 8;
  tiff.writeUInt16BE(3, at);
  const entry = (i: number, tag: number, type: number, count: number, value: number) => {
    const e = 8 + 2 + i * 12;
    tiff.writeUInt16BE(tag, e);
    tiff.writeUInt16BE(type, e + 2);
    tiff.writeUInt32BE(count, e + 4);
    if (type === 3 && count === 1) tiff.writeUInt16BE(value, e + 8);
    else tiff.writeUInt32BE(value, e + 8);
  };
  entry(0, 0x0112, 3, 1, 6);
  entry(1, 0x010f, 2, 6, 80); // Make → "Phone\0" at 80
  entry(2, 0x8825, 4, 1, 100); // GPS IFD at 100
  tiff.writeUInt32BE(0, 8 + 2 + 3 * 12);
  tiff.write('Phone\0', 80, 'latin1');
  // GPS IFD at 100: LatitudeRef "N", Latitude 55/1 45/1 2056/100, MapDatum marker.
  at = 100;
  tiff.writeUInt16BE(3, at);
  const gps = (i: number, tag: number, type: number, count: number, value: Buffer | number) => {
    const e = at + 2 + i * 12;
    tiff.writeUInt16BE(tag, e);
    tiff.writeUInt16BE(type, e + 2);
    tiff.writeUInt32BE(count, e + 4);
    if (typeof value === 'number') tiff.writeUInt32BE(value, e + 8);
    else value.copy(tiff, e + 8);
  };
  gps(0, 0x0001, 2, 2, Buffer.from('N\0\0\0', 'latin1'));
  gps(1, 0x0002, 5, 3, 142);
  gps(2, 0x0012, 2, GPS_MARKER.length + 1, 166);
  tiff.writeUInt32BE(0, at + 2 + 3 * 12);
  [55, 1, 45, 1, 2056, 100].forEach((n, i) => tiff.writeUInt32BE(n, 142 + i * 4));
  tiff.write(`${GPS_MARKER}\0`, 166, 'latin1');
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const head = Buffer.from([0xff, 0xe1, 0, 0]);
  head.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([head, payload]);
}

function segment(marker: number, payload: Buffer): Buffer {
  const head = Buffer.from([0xff, marker, 0, 0]);
  head.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([head, payload]);
}

/** SAMPLE_JPEG with a phone's EXIF (GPS, orientation), an XMP packet with a place and a comment. */
export function gpsJpeg(): Buffer {
  const jfifEnd = 2 + 2 + SAMPLE_JPEG.readUInt16BE(4);
  const xmp = segment(
    0xe1,
    Buffer.from(
      `http://ns.adobe.com/xap/1.0/\0<x:xmpmeta><rdf:Description exif:GPSLatitude="55,45.34N" photoshop:City="${GPS_MARKER}"/></x:xmpmeta>`,
      'latin1',
    ),
  );
  const comment = segment(0xfe, Buffer.from(`taken at ${GPS_MARKER}`, 'latin1'));
  return Buffer.concat([SAMPLE_JPEG.subarray(0, jfifEnd), exifWithGps(), xmp, comment, SAMPLE_JPEG.subarray(jfifEnd)]);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** SAMPLE_PNG with eXIf and tEXt chunks that name a place. */
export function gpsPng(): Buffer {
  const afterIhdr = 8 + 25;
  return Buffer.concat([
    SAMPLE_PNG.subarray(0, afterIhdr),
    pngChunk('eXIf', exifWithGps().subarray(10)),
    pngChunk('tEXt', Buffer.from(`Location\0${GPS_MARKER}`, 'latin1')),
    SAMPLE_PNG.subarray(afterIhdr),
  ]);
}

/** A small valid PDF of `pages` pages, with optional extra text in its body. */
export function samplePdf(pages = 2, extra = ''): Buffer {
  const kids = Array.from({ length: pages }, (_, i) => `${3 + i} 0 R`).join(' ');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [${kids}] /Count ${pages} >>`,
    ...Array.from({ length: pages }, () => '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>'),
  ];
  let body = `%PDF-1.4\n%\xe2\xe3\xcf\xd3\n${extra}`;
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

interface ZipFile {
  name: string;
  content: Buffer;
  /** Declared sizes as given (a bomb's lie) instead of the real ones. */
  declared?: number;
  store?: boolean;
}

/** A zip written by hand (deflated entries), so tests can make office files and bombs. */
export function zip(files: ZipFile[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const f of files) {
    const data = f.store ? f.content : deflateRawSync(f.content);
    const name = Buffer.from(f.name, 'utf8');
    const crc = crc32(f.content);
    const size = f.declared ?? f.content.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(f.store ? 0 : 8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(f.store ? 0 : 8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += 30 + name.length + data.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

const CONTENT_TYPES = (main: string) =>
  Buffer.from(
    `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/${main}" ContentType="application/xml"/></Types>`,
  );

export function sampleDocx(): Buffer {
  return zip([
    { name: '[Content_Types].xml', content: CONTENT_TYPES('word/document.xml') },
    {
      name: 'word/document.xml',
      content: Buffer.from('<w:document><w:body><w:p><w:r><w:t>Справка</w:t></w:r></w:p></w:body></w:document>'),
    },
  ]);
}

export function sampleXlsx(): Buffer {
  return zip([
    { name: '[Content_Types].xml', content: CONTENT_TYPES('xl/workbook.xml') },
    { name: 'xl/workbook.xml', content: Buffer.from('<workbook><sheets/></workbook>') },
  ]);
}

export function sampleOdt(): Buffer {
  return zip([
    { name: 'mimetype', content: Buffer.from('application/vnd.oasis.opendocument.text'), store: true },
    { name: 'content.xml', content: Buffer.from('<office:document-content/>') },
  ]);
}

/** A legacy Word file's head: the OLE signature and a directory naming the WordDocument stream. */
export function sampleDoc(): Buffer {
  const bytes = Buffer.alloc(2048);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(bytes);
  bytes.writeUInt16LE(0xfffe, 28);
  Buffer.from('WordDocument', 'utf16le').copy(bytes, 1024);
  return bytes;
}

/** The hostile corpus: each must be refused, naming the reason. */
export function hostileFiles(): { name: string; fileName: string; content: Buffer; reason: string }[] {
  // 200 MB of zeros declared inside an 'XLSX' (it deflates to ≈200 KB; here declared only).
  const bomb = zip([
    { name: '[Content_Types].xml', content: CONTENT_TYPES('xl/workbook.xml') },
    { name: 'xl/workbook.xml', content: Buffer.from('<workbook/>') },
    { name: 'xl/worksheets/sheet1.xml', content: Buffer.alloc(1000), declared: 90 * 1024 * 1024 },
    { name: 'xl/worksheets/sheet2.xml', content: Buffer.alloc(1000), declared: 90 * 1024 * 1024 },
    { name: 'xl/worksheets/sheet3.xml', content: Buffer.alloc(1000), declared: 90 * 1024 * 1024 },
    { name: 'xl/worksheets/sheet4.xml', content: Buffer.alloc(1000), declared: 90 * 1024 * 1024 },
  ]);
  const jfifEnd = 2 + 2 + SAMPLE_JPEG.readUInt16BE(4);
  const htmlInComment = Buffer.concat([
    SAMPLE_JPEG.subarray(0, jfifEnd),
    segment(0xfe, Buffer.from('<html><script>alert(document.cookie)</script></html>', 'latin1')),
    SAMPLE_JPEG.subarray(jfifEnd),
  ]);
  return [
    { name: 'polyglot JPEG with HTML in a comment', fileName: 'photo.jpg', content: htmlInComment, reason: 'markup' },
    {
      name: 'GIF/JavaScript polyglot',
      fileName: 'cat.gif',
      content: Buffer.concat([Buffer.from('GIF89a/*'), SAMPLE_GIF.subarray(8), Buffer.from('*/=1;<script>alert(1)</script>')]),
      reason: 'markup',
    },
    {
      name: 'SVG with script',
      fileName: 'logo.svg',
      content: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
      reason: 'bad_name',
    },
    {
      name: 'SVG named as PNG',
      fileName: 'logo.png',
      content: Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
      reason: 'markup',
    },
    {
      name: 'HTML named as PDF',
      fileName: 'scan.pdf',
      content: Buffer.from('<!DOCTYPE html><html><body>hi</body></html>'),
      reason: 'markup',
    },
    {
      name: 'PDF with an HTML head',
      fileName: 'scan.pdf',
      content: samplePdf(1, '<html><body onload=alert(1)></body></html>\n'),
      reason: 'markup',
    },
    {
      name: 'PDF with JavaScript',
      fileName: 'form.pdf',
      content: samplePdf(1, '<< /S /JavaScript /JS (app.alert(1)) >>\n'),
      reason: 'pdf_script',
    },
    { name: 'zip bomb in an XLSX', fileName: 'table.xlsx', content: bomb, reason: 'zip_bomb' },
    {
      name: 'image that is not an image',
      fileName: 'photo.jpg',
      content: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 7)]),
      reason: 'not_an_image',
    },
    {
      name: 'PNG with a broken chunk',
      fileName: 'photo.png',
      content: Buffer.concat([SAMPLE_PNG.subarray(0, 40), Buffer.from('garbage')]),
      reason: 'not_an_image',
    },
    { name: 'executable', fileName: 'setup.exe', content: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(500)]), reason: 'bad_name' },
    {
      name: 'executable named as PDF',
      fileName: 'act.pdf',
      content: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(500)]),
      reason: 'unknown_type',
    },
    { name: 'plain text', fileName: 'note.txt', content: Buffer.from('просто текст'), reason: 'unknown_type' },
    {
      name: 'HEIC photo',
      fileName: 'IMG_0001.HEIC',
      content: Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypheic'), Buffer.alloc(100)]),
      reason: 'heic',
    },
    {
      name: 'macro-enabled Word file',
      fileName: 'letter.docx',
      content: zip([
        { name: '[Content_Types].xml', content: CONTENT_TYPES('word/document.xml') },
        { name: 'word/document.xml', content: Buffer.from('<w:document/>') },
        { name: 'word/vbaProject.bin', content: Buffer.alloc(100) },
      ]),
      reason: 'macro',
    },
    {
      name: 'zip that is no office file',
      fileName: 'archive.docx',
      content: zip([{ name: 'a.txt', content: Buffer.from('a') }]),
      reason: 'unknown_type',
    },
  ];
}
