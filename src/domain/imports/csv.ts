// Reading a CSV file as Russian offices save them: UTF-8 with or without a byte-order mark, or
// Windows-1251 (Excel's "CSV" on a Russian Windows), separated by `;` (Excel in Russian locales) or
// `,`, with quoted fields that may hold separators, quotes ("") and line breaks. A file in any other
// encoding (UTF-16, KOI8-R, a binary file renamed .csv) is refused rather than imported as garbage.
import type { Cell } from './values.js';

export type CsvEncoding = 'utf-8' | 'windows-1251';
export class CsvError extends Error {
  constructor(readonly code: 'encoding' | 'too_many_rows' | 'too_many_columns' | 'cell_too_long') {
    super(code);
  }
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/**
 * The text of the file and the encoding it was in. UTF-8 is tried strictly first; Windows-1251 only
 * when the bytes are not UTF-8. Either way a text with control characters (a NUL from UTF-16, a
 * binary file) or Windows-1251's one unassigned byte is refused; so is a Windows-1251 reading in which
 * Cyrillic letters do not look like Russian (KOI8-R read as Windows-1251 is mostly capitals).
 */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: CsvEncoding } {
  let body = bytes;
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  if (bom) body = bytes.subarray(3);
  if (bytes[0] === 0xff || bytes[0] === 0xfe) throw new CsvError('encoding'); // a UTF-16 byte-order mark
  let text: string;
  let encoding: CsvEncoding = 'utf-8';
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    if (bom) throw new CsvError('encoding');
    if (body.includes(0x98)) throw new CsvError('encoding');
    text = new TextDecoder('windows-1251').decode(body);
    encoding = 'windows-1251';
    const upper = (text.match(/[А-ЯЁ]/g) ?? []).length;
    const lower = (text.match(/[а-яё]/g) ?? []).length;
    if (upper > 20 && upper > lower) throw new CsvError('encoding');
  }
  if (CONTROL.test(text)) throw new CsvError('encoding');
  return { text, encoding };
}

/** `;` or `,`, whichever the first line (outside quotes) has more of; tabs for a pasted table. */
export function detectSeparator(text: string): ';' | ',' | '\t' {
  const counts = { ';': 0, ',': 0, '\t': 0 };
  let quoted = false;
  for (const ch of text.slice(0, 10_000)) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && (ch === ';' || ch === ',' || ch === '\t')) counts[ch] += 1;
  }
  if (counts['\t'] > counts[';'] && counts['\t'] > counts[',']) return '\t';
  return counts[';'] >= counts[','] && counts[';'] > 0 ? ';' : ',';
}

/** A row with content and its number in the file (CSV: its record, counting empty ones). */
export interface SheetRow {
  number: number;
  cells: Cell[];
}

export interface SheetLimits {
  maxRows: number;
  maxColumns: number;
  maxCell: number;
  /** Reading stops after this many empty rows in a row (a sheet "used" to row 1,048,576). */
  maxTrailingEmpty: number;
}

/**
 * Rows of cells. Empty rows are dropped; reading stops at `maxTrailingEmpty` empty rows in a row, and
 * a file with more than `maxRows` rows with content is refused (the caller names the limit).
 */
export function parseCsv(text: string, limits: SheetLimits): SheetRow[] {
  const sep = detectSeparator(text);
  const rows: SheetRow[] = [];
  let record = 0;
  let row: Cell[] = [];
  let field = '';
  let quoted = false;
  let empties = 0;
  let fieldStarted = false;
  const endField = () => {
    if (field.length > limits.maxCell) throw new CsvError('cell_too_long');
    row.push(field);
    if (row.length > limits.maxColumns) throw new CsvError('too_many_columns');
    field = '';
    fieldStarted = false;
  };
  const endRow = (): boolean => {
    endField();
    record += 1;
    if (row.every((cell) => cell === null || String(cell).trim() === '')) {
      empties += 1;
    } else {
      empties = 0;
      if (rows.length >= limits.maxRows) throw new CsvError('too_many_rows');
      rows.push({ number: record, cells: row });
    }
    row = [];
    return empties < limits.maxTrailingEmpty;
  };
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 1;
        } else quoted = false;
      } else field += ch;
      if (field.length > limits.maxCell) throw new CsvError('cell_too_long');
    } else if (ch === '"' && !fieldStarted) {
      quoted = true;
      fieldStarted = true;
    } else if (ch === sep) endField();
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i += 1;
      if (!endRow()) return rows;
    } else {
      field += ch;
      fieldStarted = true;
    }
  }
  if (field !== '' || row.length > 0) endRow();
  return rows;
}
