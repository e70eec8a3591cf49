// The fonts every PDF of Hearth is drawn with (DejaVu: it carries Cyrillic), parsed once per process.
// pdfkit parses a font given as a path or bytes anew for every document — reading its tables and
// building the shaping state took about half of a generated document's time — while it takes an
// already parsed fontkit font as it is. Each document still embeds only its own subset of glyphs
// (the subset is made per document from the shared font, which it does not change).
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
const parsed = new Map<Face, unknown>();

function font(face: Face): unknown {
  let f = parsed.get(face);
  if (!f) {
    f = fontkit.openSync(require.resolve(FILES[face]));
    parsed.set(face, f);
  }
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
