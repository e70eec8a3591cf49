// The plan-vs-actual table as an XLSX workbook in the layout a funder expects: a heading (organisation,
// programme, funder, period, generated when and by whom), then indicator | plan | fact | % |
// definition version | narrative, with the per-branch lines indented under each indicator, and the
// footnotes. Every text cell has gone through safeCell (see domain/reports/table.ts).
import ExcelJS from 'exceljs';
import { safeCell } from '../../domain/indicators/results.js';
import { translate } from '../../domain/i18n/index.js';
import type { PlanVsActual } from '../../domain/reports/contracts.js';
import { reportTable } from '../../domain/reports/table.js';
import { footnotes, headingLines, type ExportMeta } from './export-meta.js';

export async function reportToXlsx(report: PlanVsActual, meta: ExportMeta): Promise<Buffer> {
  const t = (key: string) => translate(meta.lang, `reports.export.${key}`);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = safeCell(meta.organization);
  const sheet = workbook.addWorksheet(t('sheet'));
  sheet.columns = [{ width: 60 }, { width: 12 }, { width: 12 }, { width: 10 }, { width: 10 }, { width: 60 }];

  const title = sheet.addRow([safeCell(t('title'))]);
  title.font = { bold: true, size: 14 };
  for (const [label, value] of headingLines(report, meta)) sheet.addRow([safeCell(label), safeCell(value)]);
  sheet.addRow([]);

  const header = sheet.addRow([t('indicator'), t('plan'), t('fact'), t('percent'), t('version'), t('narrative')].map(safeCell));
  header.font = { bold: true };
  header.eachCell((c) => {
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF4' } };
    c.border = { bottom: { style: 'thin' } };
  });
  const percentFormat = meta.percentDigits === 0 ? '0"%"' : `0.${'0'.repeat(meta.percentDigits)}"%"`;
  for (const line of reportTable(report, meta.audience, meta.threshold, meta.lang, meta.percentDigits)) {
    const row = sheet.addRow([
      line.label,
      line.planned,
      line.achieved,
      line.percent,
      line.definitionVersion === null ? null : `v${line.definitionVersion}`,
      line.narrative,
    ]);
    row.getCell(1).alignment = { wrapText: true, indent: line.kind === 'branch' ? 2 : 0 };
    row.getCell(6).alignment = { wrapText: true, vertical: 'top' };
    if (line.kind === 'indicator') row.getCell(1).font = { bold: true };
    // A share's plan and fact are in percent, like the % of plan column.
    for (const col of line.unit === 'share' ? [2, 3, 4] : [4]) row.getCell(col).numFmt = percentFormat;
    for (const col of [2, 3, 4]) row.getCell(col).alignment = { horizontal: 'right' };
  }
  sheet.addRow([]);
  for (const note of footnotes(meta)) sheet.addRow([safeCell(note)]).getCell(1).font = { italic: true, size: 9 };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
