// The plan-vs-actual table as a funder reads it, shared by the XLSX and PDF exports: one line per
// indicator and one per branch under it, with small counts suppressed for exports meant for outside.
//
// Suppression: a count below the organisation's threshold is shown as "<N" (zero is not suppressed:
// it identifies nobody). A share built on such a count, and the percentage of plan of a suppressed
// figure, are not shown at all ("—"): together with the plan they would give the count back.
import { safeCell, suppressSmall } from '../indicators/results.js';
import type { Audience, Figure, MeasureUnit, PlanVsActual } from './contracts.js';
import type { Language } from '../i18n/index.js';

export type Cell = number | string | null;

export interface TableLine {
  kind: 'indicator' | 'branch';
  label: string;
  definitionVersion: number | null;
  unit: MeasureUnit;
  planned: Cell;
  achieved: Cell;
  percent: Cell;
  narrative: string;
}

export const NOT_SHOWN = '—';

const isSmall = (value: number | null, threshold: number) => value !== null && value > 0 && value < threshold;

/** The achieved and percent cells of one figure for the given audience. */
export function figureCells(
  figure: Figure,
  unit: MeasureUnit,
  audience: Audience,
  threshold: number,
): Pick<TableLine, 'achieved' | 'percent'> {
  // Already hidden from this reader (a small cell of cases she cannot open): as the exports show it.
  if (figure.suppressed !== undefined) return { achieved: figure.suppressed, percent: figure.planned === null ? null : NOT_SHOWN };
  if (audience === 'internal') return { achieved: figure.achieved, percent: figure.percent };
  if (unit === 'count' && isSmall(figure.achieved, threshold)) {
    return { achieved: suppressSmall(figure.achieved, threshold), percent: figure.percent === null ? null : NOT_SHOWN };
  }
  if (unit === 'share' && (isSmall(figure.numerator, threshold) || isSmall(figure.denominator, threshold))) {
    return { achieved: NOT_SHOWN, percent: figure.percent === null ? null : NOT_SHOWN };
  }
  return { achieved: figure.achieved, percent: figure.percent };
}

/** Text cells pass through safeCell: a name or narrative starting with "=" must not run as a formula. */
const text = (value: string) => safeCell(value);
const cell = (value: Cell): Cell => (typeof value === 'string' ? safeCell(value) : value);

/** A percentage to the organisation's decimals (a text cell — "<5", "—" — as it is). */
export function roundPercent(value: Cell, digits: number): Cell {
  return typeof value === 'number' ? Math.round(value * 10 ** digits) / 10 ** digits : value;
}

/**
 * The lines of the table; percentages — the % of plan, and a share's plan and fact — rounded to
 * `percentDigits` decimals (the organisation's setting; whole per cent unless it says otherwise).
 */
export function reportTable(report: PlanVsActual, audience: Audience, threshold: number, lang: Language, percentDigits = 1): TableLine[] {
  const pct = (value: Cell) => roundPercent(value, percentDigits);
  return report.rows.flatMap((row) => {
    const share = (value: Cell) => (row.unit === 'share' ? pct(value) : value);
    const main = figureCells(row, row.unit, audience, threshold);
    const lines: TableLine[] = [
      {
        kind: 'indicator',
        label: text(row.name[lang]),
        definitionVersion: row.definitionVersion,
        unit: row.unit,
        planned: share(row.planned),
        achieved: cell(share(main.achieved)),
        percent: cell(pct(main.percent)),
        narrative: text(row.narrative?.text ?? ''),
      },
    ];
    for (const branch of row.branches) {
      const cells = figureCells(branch, row.unit, audience, threshold);
      lines.push({
        kind: 'branch',
        label: text(branch.branchName),
        definitionVersion: null,
        unit: row.unit,
        planned: share(branch.planned),
        achieved: cell(share(cells.achieved)),
        percent: cell(pct(cells.percent)),
        narrative: '',
      });
    }
    return lines;
  });
}

/** A number as the report prints it: thousands grouped, a share with its percent sign. */
export function formatCell(value: Cell, lang: Language, unit: MeasureUnit | 'percent' = 'value'): string {
  if (value === null) return NOT_SHOWN;
  if (typeof value === 'string') return value;
  const formatted = value.toLocaleString(lang === 'ru' ? 'ru-RU' : 'en-GB', { maximumFractionDigits: 2 });
  return unit === 'share' || unit === 'percent' ? `${formatted}%` : formatted;
}

/** The export's file name: programme and period, safe for every file system (the header encodes it). */
export function exportFileName(programmeName: string, from: string, to: string, extension: 'xlsx' | 'pdf'): string {
  const name = [...programmeName]
    .map((c) => (c.charCodeAt(0) < 32 || '\\/:*?"<>|'.includes(c) ? ' ' : c))
    .join('')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 80);
  return `${name || 'report'} ${from}–${to}.${extension}`;
}

/** RFC 6266 / RFC 5987: an ASCII fallback plus the UTF-8 name, for Cyrillic programme names. */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
