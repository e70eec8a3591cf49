// The fonts every PDF of Hearth is drawn with (DejaVu: it carries Cyrillic), parsed once per process.
// pdfkit parses a font given as a path or bytes anew for every document — reading its tables and
// building the shaping state took about half of a generated document's time — while it takes an
// already parsed fontkit font as it is. Each document still embeds only its own subset of glyphs
// (the subset is made per document from the shared font).
//
// One thing of the shared font must start afresh for every document: fontkit's cache of glyph
// objects. A glyph remembers the characters it was first made for, and pdfkit writes those into the
// PDF's text map (what copy, search and screen readers read). Glyphs the subsetter makes at the end
// of a document (the parts of composite letters) carry no characters; a later document reusing them
// would show those letters as garbage when its text is read. So registerFonts empties that cache,
// and a document must be drawn from registerFonts to doc.end() without an await in between (every
// renderer here is synchronous), so no other document's glyphs slip in.
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';

const require = createRequire(import.meta.url);

const FILES = {
  sans: 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf',
  sansBold: 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf',
  serif: 'dejavu-fonts-ttf/ttf/DejaVuSerif.ttf',
  serifBold: 'dejavu-fonts-ttf/ttf/DejaVuSerif-Bold.ttf',
} as const;

type Face = keyof typeof FILES;
const parsed = new Map<Face, Font>();

/** fontkit's font object: its parsed tables are kept, its cache of glyph objects is per document. */
interface Font {
  _glyphs: Record<number, unknown>;
}

function font(face: Face): Font {
  let f = parsed.get(face);
  if (!f) {
    f = fontkit.openSync(require.resolve(FILES[face])) as Font;
    parsed.set(face, f);
  }
  f._glyphs = {};
  return f;
}

/**
 * Registers 'body' and 'bold' on a new document: DejaVu Sans (forms, acts, reports), or DejaVu
 * Serif for documents filled from templates, which read as letters.
 */
export function registerFonts(doc: PDFKit.PDFDocument, family: 'sans' | 'serif' = 'sans'): void {
  // The type of registerFont knows paths and bytes only; pdfkit ≥ 0.15 also takes a fontkit font.
  const register = doc.registerFont.bind(doc) as (name: string, src: unknown) => typeof doc;
  register('body', font(family === 'sans' ? 'sans' : 'serif'));
  register('bold', font(family === 'sans' ? 'sansBold' : 'serifBold'));
}
