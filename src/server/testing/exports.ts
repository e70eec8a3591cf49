// Reading list exports back in tests: an XLSX's first sheet and a CSV (BOM, `;` or `,`, quoted
// fields) as rows of strings, and the last export audit row of a list.
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import type { Engine } from '../db/engine.js';
import { system } from '../db/gateway.js';

/** The first sheet's rows as text; dates as YYYY-MM-DD. */
export async function sheetRows(buffer: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  const rows: string[][] = [];
  workbook.worksheets[0]!.eachRow((row) => {
    rows.push(
      // Array.from: an empty cell is a hole in row.values, which map() would skip.
      Array.from(row.values as unknown[])
        .slice(1)
        .map((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v === null || v === undefined ? '' : String(v))),
    );
  });
  return rows;
}

/** A CSV file's rows (it must start with the UTF-8 BOM), fields split on `separator`. */
export function csvRows(buffer: Buffer, separator = ';'): string[][] {
  expect([...buffer.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = buffer.subarray(3).toString('utf8');
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === separator) {
      row.push(field);
      field = '';
    } else if (c === '\r') continue;
    else if (c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  return rows;
}

// A type, not an interface: the query layer wants a row type with an index signature.
export type ExportAudit = {
  details: Record<string, unknown>;
  user_id: string;
  record_id: string;
};

/** The newest export audit row of a list, or undefined. */
export async function lastExportAudit(engine: Engine, list: string): Promise<ExportAudit | undefined> {
  return system(engine, async (tx) => {
    const rows = await tx.execute<ExportAudit>(
      sql`select details, user_id::text, record_id from audit_log where action = 'export' and record_type = 'list' and details->>'list' = ${list}
        order by at desc, id desc limit 1`,
    );
    return rows.rows[0];
  });
}

/** How many exports were audited (all lists): a refused export writes none. */
export async function exportAuditCount(engine: Engine): Promise<number> {
  return system(engine, async (tx) => {
    const rows = await tx.execute<{ n: number }>(
      sql`select count(*)::int as n from audit_log where action = 'export' and record_type = 'list'`,
    );
    return Number(rows.rows[0]!.n);
  });
}
