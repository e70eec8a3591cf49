// Reading an uploaded file into rows of cells, or refusing it with a 400 that says why — before
// anything is written. XLSX: the zip is checked first (entries unpacked with a ceiling on their real
// size, so a zip bomb stops at the limit whatever its headers claim), then read by exceljs; formulas
// give their cached values (nothing is ever evaluated), date cells their date. CSV: see
// domain/imports/csv.ts. Every cell is checked for hostile text (NUL, lone surrogates) and length.
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import { IMPORT_LIMITS } from '../../domain/imports/contracts.js';
import { CsvError, decodeCsv, parseCsv, type SheetRow } from '../../domain/imports/csv.js';
import type { Cell } from '../../domain/imports/values.js';
import { hasHostileCharacter } from '../../domain/validation.js';

export type FileProblem =
  'corrupt' | 'zip_bomb' | 'encoding' | 'too_many_rows' | 'too_many_columns' | 'cell_too_long' | 'hostile_text' | 'empty' | 'file_type';

export class FileError extends Error {
  constructor(
    readonly problem: FileProblem,
    readonly params: Record<string, unknown> = {},
  ) {
    super(problem);
  }
}

export interface Sheet {
  encoding: string;
  headers: string[];
  rows: SheetRow[];
}

const u16 = (b: Buffer, o: number) => b.readUInt16LE(o);
const u32 = (b: Buffer, o: number) => b.readUInt32LE(o);

/**
 * Unpacks every entry of the zip with a ceiling on its real size and on the total: a zip bomb (or a
 * header that lies about sizes) stops at the limit. Throws FileError('zip_bomb' | 'corrupt').
 */
export function checkZip(file: Buffer): void {
  const limits = IMPORT_LIMITS;
  let eocd = -1;
  for (let i = file.length - 22; i >= Math.max(0, file.length - 22 - 65_535); i -= 1) {
    if (u32(file, i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new FileError('corrupt');
  const entries = u16(file, eocd + 10);
  let offset = u32(file, eocd + 16);
  if (entries > 2_000) throw new FileError('zip_bomb');
  let total = 0;
  for (let n = 0; n < entries; n += 1) {
    if (offset + 46 > file.length || u32(file, offset) !== 0x02014b50) throw new FileError('corrupt');
    const method = u16(file, offset + 10);
    const packed = u32(file, offset + 20);
    const nameLength = u16(file, offset + 28);
    const local = u32(file, offset + 42);
    offset += 46 + nameLength + u16(file, offset + 30) + u16(file, offset + 32);
    if (packed === 0xffffffff || local === 0xffffffff) throw new FileError('zip_bomb'); // zip64: no spreadsheet of ours needs it
    if (local + 30 > file.length || u32(file, local) !== 0x04034b50) throw new FileError('corrupt');
    const start = local + 30 + u16(file, local + 26) + u16(file, local + 28);
    const data = file.subarray(start, start + packed);
    if (data.length !== packed) throw new FileError('corrupt');
    let size: number;
    if (method === 0) size = packed;
    else if (method === 8) {
      try {
        size = zlib.inflateRawSync(data, { maxOutputLength: limits.maxUnpackedBytes - total + 1 }).length;
      } catch (error) {
        if (error instanceof RangeError || (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw new FileError('zip_bomb');
        throw new FileError('corrupt');
      }
    } else throw new FileError('corrupt');
    total += size;
    if (total > limits.maxUnpackedBytes) throw new FileError('zip_bomb');
    if (size > 1_000_000 && size / Math.max(1, packed) > limits.maxCompressionRatio) throw new FileError('zip_bomb');
  }
}

/** The value a person sees in an exceljs cell: a formula's cached result, a date cell's day. */
function cellOf(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : { d: value.toISOString().slice(0, 10) };
  if (typeof value === 'object') {
    if ('result' in value || 'formula' in value || 'sharedFormula' in value)
      return cellOf((value as { result?: ExcelJS.CellValue }).result ?? null);
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('text' in value) return cellOf((value as { text: ExcelJS.CellValue }).text);
    if ('error' in value) return null;
  }
  return null;
}

async function readXlsx(file: Buffer): Promise<SheetRow[]> {
  checkZip(file);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(file as unknown as ArrayBuffer);
  } catch {
    throw new FileError('corrupt');
  }
  const sheet = workbook.worksheets.find((ws) => ws.actualRowCount > 0);
  if (!sheet) throw new FileError('empty');
  const rows: SheetRow[] = [];
  let empties = 0;
  for (let number = 1; number <= sheet.rowCount; number += 1) {
    const row = sheet.findRow(number);
    const cells: Cell[] = [];
    if (row)
      row.eachCell({ includeEmpty: false }, (cell, column) => {
        if (column > IMPORT_LIMITS.maxColumns) throw new FileError('too_many_columns');
        cells[column - 1] = cellOf(cell.value);
      });
    for (let i = 0; i < cells.length; i += 1) cells[i] ??= null;
    if (cells.every((c) => c === null || (typeof c === 'string' && c.trim() === ''))) {
      empties += 1;
      if (empties >= IMPORT_LIMITS.maxTrailingEmpty) break;
      continue;
    }
    empties = 0;
    if (rows.length > IMPORT_LIMITS.maxRows) throw new FileError('too_many_rows', { max: IMPORT_LIMITS.maxRows });
    rows.push({ number, cells });
  }
  return rows;
}

function readCsv(file: Buffer): { rows: SheetRow[]; encoding: string } {
  try {
    const { text, encoding } = decodeCsv(file);
    return { rows: parseCsv(text, { ...IMPORT_LIMITS, maxRows: IMPORT_LIMITS.maxRows + 1 }), encoding };
  } catch (error) {
    if (error instanceof CsvError) throw new FileError(error.code, { max: IMPORT_LIMITS.maxRows });
    throw error;
  }
}

const columnLetter = (index: number): string =>
  index < 26 ? String.fromCharCode(65 + index) : columnLetter(Math.floor(index / 26) - 1) + String.fromCharCode(65 + (index % 26));

/** The file's rows: the first row with content is the header. Throws FileError on anything wrong. */
export async function readSpreadsheet(fileName: string, file: Buffer): Promise<Sheet> {
  const isZip = file.length >= 4 && u32(file, 0) === 0x04034b50;
  const xlsxName = /\.xlsx$/i.test(fileName);
  if (/\.(xls|ods|numbers)$/i.test(fileName)) throw new FileError('file_type');
  // Checked by content: a zip is read as XLSX whatever its name; a .xlsx that is not a zip is corrupt.
  if (xlsxName && !isZip) throw new FileError('corrupt');
  const { rows, encoding } = isZip ? { rows: await readXlsx(file), encoding: 'xlsx' } : readCsv(file);
  for (const row of rows) {
    for (const [index, cell] of row.cells.entries()) {
      if (typeof cell !== 'string') continue;
      const where = { row: row.number, column: columnLetter(index) };
      if (hasHostileCharacter(cell)) throw new FileError('hostile_text', where);
      if (cell.length > IMPORT_LIMITS.maxCell) throw new FileError('cell_too_long', { ...where, max: IMPORT_LIMITS.maxCell });
    }
  }
  const [header, ...data] = rows;
  if (!header || data.length === 0) throw new FileError('empty');
  if (data.length > IMPORT_LIMITS.maxRows) throw new FileError('too_many_rows', { max: IMPORT_LIMITS.maxRows });
  const headers = header.cells.map((cell) => (cell === null ? '' : typeof cell === 'object' ? cell.d : String(cell).trim()));
  return { encoding, headers, rows: data };
}
