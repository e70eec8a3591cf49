// A one-page document of centred lines in a frame, landscape A4, in the DejaVu fonts: the layout of a
// training's certificate (src/server/trainings/certificate.ts) and a volunteer's thank-you letter
// (src/server/volunteers/figures.ts). Each says what its lines are; this draws them.
import PDFDocument from 'pdfkit';
import { registerFonts } from './pdf-fonts.js';

export interface FramedLine {
  text: string;
  bold?: boolean;
  /** Font size, in points. */
  size: number;
  /** Space after the line, in lines. */
  gap: number;
}

export function framedPdf(title: string, lines: FramedLine[]): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', layout: 'landscape', margin: 60, info: { Title: title } });
  registerFonts(doc);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc
    .rect(30, 30, doc.page.width - 60, doc.page.height - 60)
    .lineWidth(2)
    .stroke();
  doc.moveDown(1);
  for (const line of lines) {
    doc
      .font(line.bold ? 'bold' : 'body')
      .fontSize(line.size)
      .text(line.text, { align: 'center' });
    doc.moveDown(line.gap);
  }
  doc.end();
  return done;
}
