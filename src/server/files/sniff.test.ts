// Checks by content (no database): every allowed type recognised from its bytes, the hostile corpus
// refused with its reason, and location data stripped from JPEG, PNG and WebP with the picture kept.
import { describe, expect, it } from 'vitest';
import {
  GPS_MARKER,
  gpsJpeg,
  gpsPng,
  hostileFiles,
  SAMPLE_GIF,
  SAMPLE_JPEG,
  SAMPLE_PNG,
  SAMPLE_WEBP,
  sampleDoc,
  sampleDocx,
  sampleOdt,
  samplePdf,
  sampleXlsx,
  zip,
} from '../testing/files.js';
import { checkName, FileRefused, sniff, storedName, zipEntries } from './sniff.js';
import { stripMetadata } from './strip.js';

const reasonOf = (fn: () => unknown) => {
  try {
    fn();
    return 'accepted';
  } catch (error) {
    if (error instanceof FileRefused) return error.reason;
    throw error;
  }
};

describe('sniffing', () => {
  it('recognises the allowed types by their bytes', () => {
    expect(sniff(SAMPLE_JPEG).contentType).toBe('image/jpeg');
    expect(sniff(SAMPLE_PNG).contentType).toBe('image/png');
    expect(sniff(SAMPLE_GIF).contentType).toBe('image/gif');
    expect(sniff(SAMPLE_WEBP).contentType).toBe('image/webp');
    expect(sniff(samplePdf(3))).toMatchObject({ contentType: 'application/pdf', kind: 'pdf', pages: 3 });
    expect(sniff(sampleDocx()).extension).toBe('docx');
    expect(sniff(sampleXlsx()).extension).toBe('xlsx');
    expect(sniff(sampleOdt()).extension).toBe('odt');
    expect(sniff(sampleDoc()).extension).toBe('doc');
  });

  it('refuses every file of the hostile corpus, saying why', () => {
    const got = Object.fromEntries(
      hostileFiles().map((f) => [
        f.name,
        reasonOf(() => {
          checkName(f.fileName);
          sniff(f.content);
        }),
      ]),
    );
    expect(got).toEqual(Object.fromEntries(hostileFiles().map((f) => [f.name, f.reason])));
  });

  it('refuses overlapping zip entries and ratios past the limit', () => {
    const honest = zip([{ name: 'a.xml', content: Buffer.alloc(5 * 1024 * 1024) }]);
    // 5 MB of zeros deflate ≈1000:1, past the 200:1 an honest office file stays under.
    expect(reasonOf(() => zipEntries(honest))).toBe('zip_bomb');
    const text = zip([{ name: 'a.xml', content: Buffer.from('<a>'.repeat(1000)) }]);
    expect(zipEntries(text)).toHaveLength(1);
  });

  it("reads a PDF's dictionaries, not its streams: image bytes that happen to spell /JS are no script", () => {
    const scan = samplePdf(1, '9 0 obj\n<< /Length 16 >>\nstream\n\u0000/JS (x)\u0001/Launch\nendstream\nendobj\n');
    expect(sniff(scan)).toMatchObject({ contentType: 'application/pdf', pages: 1 });
    expect(reasonOf(() => sniff(samplePdf(1, '9 0 obj\n<< /S /Launch /F (cmd.exe) >>\nendobj\n')))).toBe('pdf_script');
  });

  it('lets the content decide the stored extension', () => {
    expect(storedName('Свидетельство о рождении.jpeg', 'jpg')).toBe('Свидетельство о рождении.jpg');
    expect(storedName('scan.png', 'pdf')).toBe('scan.pdf');
    expect(storedName('../../etc/passwd', 'pdf')).toBe('.._.._etc_passwd.pdf');
  });
});

describe('stripping location data', () => {
  it('removes EXIF GPS, XMP and comments from a JPEG, keeping the orientation and the picture', () => {
    const original = gpsJpeg();
    expect(original.includes(GPS_MARKER)).toBe(true);
    const stripped = stripMetadata(original, 'image/jpeg');
    expect(stripped.includes(GPS_MARKER)).toBe(false);
    expect(stripped.includes(Buffer.from('Phone'))).toBe(false);
    expect(stripped.includes(Buffer.from([0x88, 0x25]))).toBe(false); // the GPS IFD pointer tag
    // The orientation survives in a minimal EXIF block (tag 0x0112 = 6).
    expect(stripped.includes(Buffer.from([0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, 0x06]))).toBe(true);
    // The image data after the start of scan is byte for byte the same.
    const sos = (b: Buffer) => b.subarray(b.indexOf(Buffer.from([0xff, 0xda])));
    expect(sos(stripped).equals(sos(SAMPLE_JPEG))).toBe(true);
    expect(sniff(stripped).contentType).toBe('image/jpeg');
  });

  it('removes eXIf and tEXt chunks from a PNG', () => {
    const stripped = stripMetadata(gpsPng(), 'image/png');
    expect(stripped.includes(GPS_MARKER)).toBe(false);
    expect(stripped.includes(Buffer.from('eXIf'))).toBe(false);
    expect(sniff(stripped).contentType).toBe('image/png');
  });

  it('keeps a WebP valid', () => {
    const stripped = stripMetadata(SAMPLE_WEBP, 'image/webp');
    expect(sniff(stripped).contentType).toBe('image/webp');
  });
});
