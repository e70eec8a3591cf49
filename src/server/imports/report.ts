// The rows not imported as a file to fix and upload again: the columns as they were read and a last
// column saying what is wrong. The CSV's text is formula-injection-safe (safeCell), as every export's
// is; the XLSX writes every value as a text cell, which Excel never runs as a formula, so the file
// uploads again exactly as it was read.
import ExcelJS from 'exceljs';
import { safeCell } from '../../domain/indicators/results.js';

export async function reportXlsx(sheetName: string, headers: string[], rows: string[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31));
  const header = sheet.addRow(headers);
  header.font = { bold: true };
  for (const row of rows) sheet.addRow(row);
  sheet.getColumn(headers.length).width = 60;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const quote = (value: string) => `"${safeCell(value).replaceAll('"', '""')}"`;

/** UTF-8 with a byte-order mark and `;`: what Excel in a Russian locale opens as columns. */
export function reportCsv(headers: string[], rows: string[][]): Buffer {
  const lines = [headers, ...rows].map((row) => row.map(quote).join(';'));
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8')]);
}
