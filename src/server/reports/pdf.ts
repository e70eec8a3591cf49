// The plan-vs-actual report as an A4 PDF in the user's language (DejaVu Sans carries Cyrillic): the
// heading, the table indicator | plan | fact | % | version with text that wraps and a header row
// repeated on each page, the narratives under their indicators, the footnotes and page numbers.
import PDFDocument from 'pdfkit';
import { translate } from '../../domain/i18n/index.js';
import type { PlanVsActual } from '../../domain/reports/contracts.js';
import { formatCell, reportTable, type TableLine } from '../../domain/reports/table.js';
import { registerFonts } from '../pdf-fonts.js';
import { footnotes, headingLines, type ExportMeta } from './export-meta.js';

const MARGIN = 40;
// indicator | plan | fact | % | version — widths in points of the 515pt of A4 between the margins.
const COLUMNS = [275, 65, 65, 60, 50];
const PAD = 4;

export function reportToPdf(report: PlanVsActual, meta: ExportMeta): Promise<Buffer> {
  const t = (key: string, params?: Record<string, unknown>) => translate(meta.lang, `reports.export.${key}`, params);
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, bufferPages: true, info: { Title: t('title') } });
  registerFonts(doc);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const bottom = () => doc.page.height - MARGIN - 20;
  doc.font('bold').fontSize(15).text(t('title'));
  doc.moveDown(0.5);
  for (const [label, value] of headingLines(report, meta)) {
    doc.font('bold').fontSize(9.5).text(`${label}: `, { continued: true }).font('body').text(value);
  }
  doc.moveDown(1);

  const cellsOf = (line: TableLine): string[] => [
    line.label,
    formatCell(line.planned, meta.lang, line.unit),
    formatCell(line.achieved, meta.lang, line.unit),
    formatCell(line.percent, meta.lang, 'percent'),
    line.definitionVersion === null ? '' : `v${line.definitionVersion}`,
  ];
  const heightOf = (cells: string[], font: string, indent: number) => {
    doc.font(font).fontSize(9);
    return Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: COLUMNS[i]! - 2 * PAD - (i === 0 ? indent : 0) }))) + 2 * PAD;
  };
  const drawRow = (cells: string[], font: string, options: { indent?: number; fill?: string } = {}) => {
    const indent = options.indent ?? 0;
    const height = heightOf(cells, font, indent);
    if (doc.y + height > bottom()) {
      doc.addPage();
      drawHeader();
    }
    const y = doc.y;
    if (options.fill)
      doc
        .rect(
          MARGIN,
          y,
          COLUMNS.reduce((a, b) => a + b, 0),
          height,
        )
        .fill(options.fill);
    let x = MARGIN;
    cells.forEach((cell, i) => {
      const width = COLUMNS[i]!;
      doc.fillColor('#000').font(font).fontSize(9);
      doc.text(cell, x + PAD + (i === 0 ? indent : 0), y + PAD, {
        width: width - 2 * PAD - (i === 0 ? indent : 0),
        align: i === 0 ? 'left' : 'right',
      });
      x += width;
    });
    doc
      .moveTo(MARGIN, y + height)
      .lineTo(x, y + height)
      .lineWidth(0.5)
      .strokeColor('#999')
      .stroke();
    doc.x = MARGIN;
    doc.y = y + height;
  };
  const drawHeader = () => drawRow([t('indicator'), t('plan'), t('fact'), t('percent'), t('version')], 'bold', { fill: '#e8eef4' });

  // A narrative follows its indicator's branch lines, before the next indicator begins.
  const drawNarrative = (text: string) => {
    const width = COLUMNS.reduce((a, b) => a + b, 0) - 2 * PAD;
    doc.font('body').fontSize(8.5);
    const height = doc.heightOfString(text, { width }) + 2 * PAD;
    if (doc.y + height > bottom()) {
      doc.addPage();
      drawHeader();
    }
    doc.fillColor('#333').text(text, MARGIN + PAD, doc.y + PAD, { width });
    doc.x = MARGIN;
    doc.y += PAD;
  };
  drawHeader();
  let narrative = '';
  for (const line of reportTable(report, meta.audience, meta.threshold, meta.lang, meta.percentDigits)) {
    if (line.kind === 'indicator') {
      if (narrative) drawNarrative(narrative);
      narrative = line.narrative;
    }
    drawRow(cellsOf(line), line.kind === 'indicator' ? 'bold' : 'body', { indent: line.kind === 'branch' ? 12 : 0 });
  }
  if (narrative) drawNarrative(narrative);
  if (report.rows.length === 0)
    doc
      .font('body')
      .fontSize(9)
      .fillColor('#000')
      .text(t('empty'), MARGIN, doc.y + PAD);

  doc.moveDown(1);
  doc.font('body').fontSize(8).fillColor('#333');
  for (const note of footnotes(meta)) doc.text(note, MARGIN, doc.y, { width: 515 });

  // Page numbers last, when the number of pages is known.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i += 1) {
    doc.switchToPage(i);
    const text = t('page', { n: i + 1, total: range.count });
    // Written inside the bottom margin: lift the margin so pdfkit does not start a new page.
    const margin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font('body')
      .fontSize(8)
      .fillColor('#666')
      .text(text, MARGIN, doc.page.height - MARGIN + 10, { width: 515, align: 'center', lineBreak: false });
    doc.page.margins.bottom = margin;
  }
  doc.end();
  return done;
}
