// A filled DOCX as an A4 PDF (no office suite on the server): the main document's paragraphs and
// tables are read from word/document.xml and laid out with pdfkit and DejaVu (which carries
// Cyrillic) — text, bold runs, centred and right-aligned paragraphs, tables with wrapping cells and
// a repeated header row. Images, headers/footers and exotic formatting are left out: the DOCX is the
// document of record, the PDF a faithful reading copy of its words.
import PDFDocument from 'pdfkit';
import { registerFonts } from '../pdf-fonts.js';
import { documentXml } from './engine.js';

interface Run {
  text: string;
  bold: boolean;
}
interface Para {
  kind: 'p';
  runs: Run[];
  align: 'left' | 'center' | 'right' | 'justify';
}
interface Tbl {
  kind: 'tbl';
  rows: { header: boolean; cells: string[] }[];
}
type Block = Para | Tbl;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decode = (s: string) =>
  s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) =>
    e.startsWith('#x')
      ? String.fromCodePoint(parseInt(e.slice(2), 16))
      : e.startsWith('#')
        ? String.fromCodePoint(Number(e.slice(1)))
        : (ENTITIES[e] ?? m),
  );

/** The element's inner XML for each top-level occurrence of <tag> in `xml` (tags may nest). */
function children(xml: string, tag: string, limit = Infinity): string[] {
  const out: string[] = [];
  const open = new RegExp(`<${tag}[\\s>/]`, 'g');
  let match: RegExpExecArray | null;
  let from = 0;
  open.lastIndex = 0;
  while (out.length < limit && (match = open.exec(xml)) !== null) {
    if (match.index < from) continue;
    const start = match.index;
    const headEnd = xml.indexOf('>', start);
    if (xml[headEnd - 1] === '/') {
      out.push('');
      from = headEnd + 1;
      continue;
    }
    let depth = 1;
    let at = headEnd + 1;
    const any = new RegExp(`<(/?)${tag}([\\s>/])`, 'g');
    any.lastIndex = at;
    let m: RegExpExecArray | null;
    while (depth > 0 && (m = any.exec(xml)) !== null) {
      const end = xml.indexOf('>', m.index);
      if (m[1] === '/') depth -= 1;
      else if (xml[end - 1] !== '/') depth += 1;
      at = end + 1;
      if (depth === 0) {
        out.push(xml.slice(headEnd + 1, m.index));
        break;
      }
    }
    from = at;
    open.lastIndex = at;
  }
  return out;
}

function runsOf(pXml: string): Run[] {
  const runs: Run[] = [];
  for (const r of children(pXml, 'w:r')) {
    const bold = /<w:b(\s[^>]*)?\/>/.test(r) && !/<w:b\s+w:val="(0|false)"/.test(r);
    let text = '';
    const tokens = /<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:tab\/>|<w:br\/>|<w:br\s[^>]*\/>/g;
    let m: RegExpExecArray | null;
    while ((m = tokens.exec(r)) !== null) {
      if (m[1] !== undefined) text += decode(m[1]);
      else if (m[0].startsWith('<w:tab')) text += '\t';
      else text += '\n';
    }
    if (text) runs.push({ text, bold });
  }
  return runs;
}

function alignOf(pXml: string): Para['align'] {
  const jc = /<w:jc w:val="(\w+)"/.exec(pXml)?.[1];
  if (jc === 'center') return 'center';
  if (jc === 'right' || jc === 'end') return 'right';
  if (jc === 'both') return 'justify';
  return 'left';
}

/** The blocks of the body in order: paragraphs and tables (a table's cells as plain text). */
export function blocksOf(xml: string): Block[] {
  const bodyXml = children(xml, 'w:body', 1)[0] ?? '';
  const blocks: Block[] = [];
  const top = /<w:(p|tbl)[\s>/]/g;
  let m: RegExpExecArray | null;
  while ((m = top.exec(bodyXml)) !== null) {
    const rest = bodyXml.slice(m.index);
    const inner = children(rest, `w:${m[1]}`, 1)[0] ?? '';
    if (m[1] === 'p') {
      blocks.push({ kind: 'p', runs: runsOf(inner), align: alignOf(inner) });
    } else {
      blocks.push({
        kind: 'tbl',
        rows: children(inner, 'w:tr').map((tr) => ({
          header: /<w:tblHeader(\s[^>]*)?\/>/.test(tr),
          cells: children(tr, 'w:tc').map((tc) =>
            children(tc, 'w:p')
              .map((p) =>
                runsOf(p)
                  .map((r) => r.text)
                  .join(''),
              )
              .join('\n'),
          ),
        })),
      });
    }
    // Skip past this block (its inner paragraphs are not top-level ones).
    const close = `</w:${m[1]}>`;
    let depth = 0;
    const scan = new RegExp(`<(/?)w:${m[1]}([\\s>/])`, 'g');
    scan.lastIndex = m.index;
    let s: RegExpExecArray | null;
    while ((s = scan.exec(bodyXml)) !== null) {
      const end = bodyXml.indexOf('>', s.index);
      if (s[1] === '/') depth -= 1;
      else if (bodyXml[end - 1] !== '/') depth += 1;
      if (depth === 0) {
        top.lastIndex = s[1] === '/' ? s.index + close.length : end + 1;
        break;
      }
    }
  }
  return blocks;
}

const MARGIN = 50;
const WIDTH = 595.28 - 2 * MARGIN;
const PAD = 3;

/** The filled DOCX as a PDF. */
export function docxToPdf(docx: Buffer, title: string): Promise<Buffer> {
  const blocks = blocksOf(documentXml(docx));
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, info: { Title: title, Creator: 'Hearth' } });
  registerFonts(doc, 'serif');
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const bottom = () => doc.page.height - MARGIN;
  for (const block of blocks) {
    if (block.kind === 'p') {
      doc.x = MARGIN;
      if (block.runs.length === 0) {
        doc.moveDown(0.5);
        continue;
      }
      block.runs.forEach((run, i) => {
        doc
          .font(run.bold ? 'bold' : 'body')
          .fontSize(11)
          .fillColor('#000')
          .text(run.text.replace(/\t/g, '    '), {
            width: WIDTH,
            align: block.align,
            continued: i < block.runs.length - 1,
          });
      });
      doc.moveDown(0.3);
      continue;
    }
    const columns = Math.max(1, ...block.rows.map((r) => r.cells.length));
    const width = WIDTH / columns;
    const header = block.rows.find((r) => r.header);
    const drawRow = (cells: string[], bold: boolean) => {
      doc.font(bold ? 'bold' : 'body').fontSize(9.5);
      const height = Math.max(12, ...cells.map((c) => doc.heightOfString(c || ' ', { width: width - 2 * PAD }))) + 2 * PAD;
      if (doc.y + height > bottom()) {
        doc.addPage();
        if (header && !bold) drawRow(header.cells, true);
      }
      const y = doc.y;
      cells.forEach((c, i) => {
        const x = MARGIN + i * width;
        doc.rect(x, y, width, height).lineWidth(0.5).strokeColor('#555').stroke();
        doc
          .fillColor('#000')
          .font(bold ? 'bold' : 'body')
          .fontSize(9.5)
          .text(c, x + PAD, y + PAD, { width: width - 2 * PAD });
      });
      doc.x = MARGIN;
      doc.y = y + height;
    };
    for (const row of block.rows) drawRow([...row.cells, ...Array<string>(columns - row.cells.length).fill('')], row.header);
    doc.moveDown(0.5);
  }
  doc.end();
  return done;
}
