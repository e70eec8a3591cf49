// List exports (issue 16, point 4): any list as XLSX or CSV in a few lines. A list declares its
// columns and how to load its rows with the filters on screen — the SAME function the list's own
// route calls, so the export has the list's scope and its stripping of sensitive fields — and
// `defineListExport` registers `<url>.xlsx` and `<url>.csv` with the list's access, audits each
// export (who, which list, the names of the filters used, the row count — never a value) and sends
// the file. Every text cell goes through `safeCell`: a cell that begins with = + - @ tab or CR is
// prefixed with ' so that a spreadsheet never runs it as a formula. See /work/notes/exports-api.md.
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { safeCell } from '../../domain/indicators/results.js';
import { translate, type Language } from '../../domain/i18n/index.js';
import { contentDisposition } from '../../domain/reports/table.js';
import { auditCode, auditCodes, writeAudit } from '../audit/audit.js';
import { AppError } from '../http/errors.js';
import { defineRoute, type ScopedInput, type ScopedSpec } from '../http/route.js';

/** The most rows one export holds; more is a 422 asking to narrow the filters. */
export const EXPORT_MAX_ROWS = 20_000;

export type CellValue = string | number | boolean | null | undefined;

export interface ExportColumn<R> {
  /** i18n key of the header (documents.exports.columns.<key> unless it contains a dot). */
  header: string;
  value: (row: R) => CellValue;
  /** 'date' values are YYYY-MM-DD strings: a date cell in XLSX, ДД.ММ.ГГГГ (ru) in CSV. */
  type?: 'text' | 'number' | 'date';
  width?: number;
}

export interface ExportTable<R> {
  rows: R[];
  columns: ExportColumn<R>[];
}

export type ExportFormat = 'xlsx' | 'csv';

/** Rows and their columns, the columns typed by the rows (`exportTable(list.items, [...])`). */
export function exportTable<R>(rows: R[], columns: ExportColumn<NoInfer<R>>[]): ExportTable<R> {
  return { rows, columns };
}

const headerOf = (key: string, lang: Language) => translate(lang, key.includes('.') ? key : `documents.exports.columns.${key}`);

function textOf(value: CellValue, type: ExportColumn<unknown>['type'], lang: Language): string | number | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'boolean') return translate(lang, `documents.exports.columns.${value ? 'yes' : 'no'}`);
  if (typeof value === 'number') return value;
  if (type === 'date' && /^\d{4}-\d{2}-\d{2}/.test(value) && lang === 'ru') return value.slice(0, 10).split('-').reverse().join('.');
  return safeCell(value);
}

export async function toXlsx<R>(title: string, table: ExportTable<R>, lang: Language): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Hearth';
  const sheet = workbook.addWorksheet(
    safeCell(title)
      .slice(0, 31)
      .replace(/[[\]*?/\\:]/g, ' '),
  );
  sheet.columns = table.columns.map((c) => ({ width: c.width ?? (c.type === 'number' ? 12 : c.type === 'date' ? 12 : 28) }));
  const header = sheet.addRow(table.columns.map((c) => safeCell(headerOf(c.header, lang))));
  header.font = { bold: true };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF4' } };
  });
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  for (const row of table.rows) {
    const added = sheet.addRow(
      table.columns.map((c) => {
        const value = c.value(row);
        if (c.type === 'date' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return new Date(`${value}T00:00:00Z`);
        if (c.type === 'date' && typeof value === 'string') return textOf(value, 'text', lang);
        return textOf(value, c.type, lang);
      }),
    );
    table.columns.forEach((c, i) => {
      if (c.type === 'date') added.getCell(i + 1).numFmt = lang === 'ru' ? 'dd.mm.yyyy' : 'yyyy-mm-dd';
    });
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: Math.max(1, table.columns.length) } };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * CSV as a Russian Excel opens it: UTF-8 with a BOM, `;` between fields in Russian (Excel's list
 * separator there; `,` in English), CRLF line ends, fields quoted when they hold the separator, a
 * quote or a line break.
 */
export function toCsv<R>(table: ExportTable<R>, lang: Language): Buffer {
  const separator = lang === 'ru' ? ';' : ',';
  const field = (value: string | number | null) => {
    if (value === null) return '';
    const text = typeof value === 'number' ? (lang === 'ru' ? String(value).replace('.', ',') : String(value)) : value;
    return /[";,\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const lines = [
    table.columns.map((c) => field(safeCell(headerOf(c.header, lang)))).join(separator),
    ...table.rows.map((row) => table.columns.map((c) => field(textOf(c.value(row), c.type, lang))).join(separator)),
  ];
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines.join('\r\n') + '\r\n', 'utf8')]);
}

export interface ListExportSpec<Q, P, R> {
  /** The list's own URL: the exports answer at `<url>.xlsx` and `<url>.csv`. */
  url: string;
  /** A code naming the list in the audit and the i18n key documents.exports.lists.<list>. */
  list: string;
  tag: string;
  access: ScopedSpec<unknown, Q, P, Buffer>['access'];
  query?: z.ZodType<Q>;
  params?: z.ZodType<P>;
  /** The rows as the list shows them, with all the filters and no paging (up to EXPORT_MAX_ROWS + 1). */
  load: (input: ScopedInput<unknown, Q, P>, limit: number) => Promise<ExportTable<R>>;
  /** The record the list belongs to (a case, a warehouse), for the audit; none for a top-level list. */
  recordId?: (input: ScopedInput<unknown, Q, P>) => string;
  /** The file name without extension (ASCII or not; defaults to the list's title and today's date). */
  fileName?: (input: ScopedInput<unknown, Q, P>) => string;
}

/** The names of the filters a query uses (set and not empty), for the audit. */
export function filterNames(query: unknown): string[] {
  if (typeof query !== 'object' || query === null) return [];
  return Object.entries(query)
    .filter(([key, value]) => value !== undefined && value !== null && value !== '' && !['page', 'pageSize'].includes(key))
    .map(([key]) => key);
}

export function defineListExport<Q, P, R>(app: FastifyInstance, spec: ListExportSpec<Q, P, R>): void {
  for (const format of ['xlsx', 'csv'] as const) {
    defineRoute<unknown, Q, P, Buffer>(app, {
      method: 'GET',
      url: `${spec.url}.${format}`,
      tag: spec.tag,
      summary: `The ${spec.list} list as ${format.toUpperCase()}, with the list's filters and scope (audited: list, filter names, row count)`,
      access: spec.access,
      ...(spec.query && { query: spec.query }),
      ...(spec.params && { params: spec.params }),
      response: z.instanceof(Buffer),
      handler: async (input) => {
        const { req, reply, audit, tx, deps } = input;
        const table = await spec.load(input, EXPORT_MAX_ROWS + 1);
        if (table.rows.length > EXPORT_MAX_ROWS)
          throw new AppError('business_rule', 'documents.exports.too_many', { count: `${EXPORT_MAX_ROWS}+`, max: EXPORT_MAX_ROWS });
        const title = translate(req.lang, `documents.exports.lists.${spec.list}`);
        const file = format === 'xlsx' ? await toXlsx(title, table, req.lang) : toCsv(table, req.lang);
        await writeAudit(tx, audit, {
          action: 'export',
          recordType: 'list',
          recordId: spec.recordId?.(input) ?? spec.list,
          details: {
            list: auditCode(spec.list),
            format: auditCode(format),
            filters: auditCodes(filterNames(input.query)),
            rows: table.rows.length,
          },
        });
        const name = spec.fileName?.(input) ?? `${title} ${deps.now().toISOString().slice(0, 10)}`;
        void reply
          .header(
            'content-type',
            format === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv; charset=utf-8',
          )
          .header('content-disposition', contentDisposition(`${name}.${format}`));
        return file;
      },
    });
  }
}
