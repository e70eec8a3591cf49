// The hand-over act of aid (акт приёма-передачи) in Russian, as DOCX (to edit and print) and PDF: the
// organisation, the date, the recipient named in full (a signed act must say who received), the
// items with units and quantities, and signature lines for both sides. Whoever may hand the aid out
// may print its act; every print is audited.
import { AlignmentType, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import PDFDocument from 'pdfkit';
import { translate } from '../../domain/i18n/index.js';
import { registerFonts } from '../pdf-fonts.js';
import { ruDate } from '../plans/export.js';

export interface ActLine {
  name: string;
  unit: string;
  quantity: number;
  value: number;
}

export interface Act {
  organization: string;
  handedOn: string;
  recipient: string;
  address: string;
  lines: ActLine[];
  contractor: string;
  cost: number | null;
  handedBy: string;
}

const t = (key: string, params?: Record<string, unknown>) => translate('ru', `aid.act.${key}`, params);
const qty = (n: number) => n.toLocaleString('ru-RU', { maximumFractionDigits: 3 });
const money = (n: number) => n.toLocaleString('ru-RU', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

function rowsOf(act: Act): string[][] {
  const header = [
    t('number'),
    translate('ru', 'aid.fields.item'),
    translate('ru', 'aid.fields.unit'),
    translate('ru', 'aid.fields.quantity'),
    translate('ru', 'aid.fields.value'),
  ];
  const body = act.lines.map((line, i) => [
    String(i + 1),
    line.name,
    line.unit,
    qty(line.quantity),
    line.value > 0 ? money(line.value) : '—',
  ]);
  return [header, ...body];
}

function headLines(act: Act): string[] {
  const lines = [
    `${t('date')}: ${ruDate(act.handedOn)}`,
    t('intro', { org: act.organization }),
    `${translate('ru', 'aid.fields.family')}: ${act.recipient}`,
  ];
  if (act.address) lines.push(`${translate('ru', 'aid.fields.address')}: ${act.address}`);
  if (act.contractor) lines.push(`${translate('ru', 'aid.fields.contractor')}: ${act.contractor}`);
  if (act.cost !== null) lines.push(`${translate('ru', 'aid.fields.cost')}: ${money(act.cost)}`);
  return lines;
}

const signLines = (act: Act) => [
  `${t('handedBy')}: ${act.handedBy} ____________ (${t('signature')})`,
  `${t('receivedBy')}: ${act.recipient} ____________ (${t('signature')})`,
];

export async function actToDocx(act: Act): Promise<Buffer> {
  const cell = (text: string, bold = false) =>
    new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold, size: 20 })] })] });
  const table = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: rowsOf(act).map((cells, i) => new TableRow({ tableHeader: i === 0, children: cells.map((c) => cell(c, i === 0)) })),
  });
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: t('title'), bold: true, size: 28 })] }),
          ...headLines(act).map((line) => new Paragraph({ spacing: { before: 120 }, children: [new TextRun({ text: line, size: 22 })] })),
          new Paragraph({ text: '' }),
          table,
          new Paragraph({ text: '' }),
          ...signLines(act).map((line) => new Paragraph({ spacing: { before: 360 }, children: [new TextRun({ text: line, size: 22 })] })),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

export function actToPdf(act: Act): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: t('title') } });
  registerFonts(doc);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.font('bold').fontSize(14).text(t('title'), { align: 'center' });
  doc.moveDown();
  for (const line of headLines(act)) doc.font('body').fontSize(10.5).text(line);
  doc.moveDown();
  const widths = [30, 235, 60, 80, 90];
  for (const [i, cells] of rowsOf(act).entries()) {
    const y = doc.y;
    let x = 50;
    let height = 0;
    cells.forEach((text, c) => {
      doc.font(i === 0 ? 'bold' : 'body').fontSize(9.5);
      height = Math.max(height, doc.heightOfString(text, { width: widths[c]! - 6 }));
    });
    cells.forEach((text, c) => {
      doc
        .font(i === 0 ? 'bold' : 'body')
        .fontSize(9.5)
        .text(text, x + 3, y + 3, { width: widths[c]! - 6 });
      doc.rect(x, y, widths[c]!, height + 6).stroke();
      x += widths[c]!;
    });
    doc.x = 50;
    doc.y = y + height + 6;
  }
  doc.moveDown(2);
  for (const line of signLines(act)) {
    doc.font('body').fontSize(10.5).text(line, 50);
    doc.moveDown(1.5);
  }
  doc.end();
  return done;
}
