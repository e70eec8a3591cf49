import { describe, expect, it } from 'vitest';
import type { PlanVsActual, ReportRow } from './contracts.js';
import { contentDisposition, exportFileName, figureCells, formatCell, reportTable } from './table.js';

const figure = (achieved: number | null, planned: number | null, extra: { numerator?: number; denominator?: number } = {}) => ({
  planned,
  achieved,
  percent: planned && achieved !== null ? Math.round((achieved / planned) * 1000) / 10 : null,
  numerator: extra.numerator ?? null,
  denominator: extra.denominator ?? null,
});

describe('figureCells', () => {
  it('leaves internal figures as they are', () => {
    expect(figureCells(figure(2, 4), 'count', 'internal', 5)).toEqual({ achieved: 2, percent: 50 });
  });

  it('suppresses small counts for outside together with the percent that would give them back', () => {
    expect(figureCells(figure(2, 4), 'count', 'external', 5)).toEqual({ achieved: '<5', percent: '—' });
    expect(figureCells(figure(2, null), 'count', 'external', 5)).toEqual({ achieved: '<5', percent: null });
    expect(figureCells(figure(0, 4), 'count', 'external', 5)).toEqual({ achieved: 0, percent: 0 });
    expect(figureCells(figure(5, 4), 'count', 'external', 5)).toEqual({ achieved: 5, percent: 125 });
    expect(figureCells(figure(2, 4), 'count', 'external', 2)).toEqual({ achieved: 2, percent: 50 });
  });

  it('hides a share built on a small numerator or denominator', () => {
    expect(figureCells(figure(50, 40, { numerator: 3, denominator: 6 }), 'share', 'external', 5)).toEqual({ achieved: '—', percent: '—' });
    expect(figureCells(figure(100, 40, { numerator: 4, denominator: 4 }), 'share', 'external', 5)).toEqual({ achieved: '—', percent: '—' });
    expect(figureCells(figure(50, 40, { numerator: 10, denominator: 20 }), 'share', 'external', 5)).toEqual({ achieved: 50, percent: 125 });
    // Averages and sums are not counts of people.
    expect(figureCells(figure(2.5, null), 'value', 'external', 5)).toEqual({ achieved: 2.5, percent: null });
  });
});

describe('reportTable', () => {
  const row: ReportRow = {
    indicatorId: '00000000-0000-4000-8000-000000000001',
    code: 'x',
    name: { ru: '=СУММ(A1)', en: '+sum' },
    definitionVersion: 3,
    unit: 'count',
    targetVersion: 1,
    narrative: { text: '@cmd', version: 1 },
    branches: [{ branchId: '00000000-0000-4000-8000-000000000002', branchName: '-Псков', targetVersion: null, ...figure(1, null) }],
    ...figure(8, 10),
  };
  const report = { rows: [row] } as unknown as PlanVsActual;

  it('neutralises every text cell and indents the branches under their indicator', () => {
    const lines = reportTable(report, 'external', 5, 'ru');
    expect(lines).toEqual([
      {
        kind: 'indicator',
        label: "'=СУММ(A1)",
        definitionVersion: 3,
        unit: 'count',
        planned: 10,
        achieved: 8,
        percent: 80,
        narrative: "'@cmd",
      },
      {
        kind: 'branch',
        label: "'-Псков",
        definitionVersion: null,
        unit: 'count',
        planned: null,
        achieved: '<5',
        percent: null,
        narrative: '',
      },
    ]);
    expect(reportTable(report, 'internal', 5, 'en')[0]!.label).toBe("'+sum");
  });
});

describe('formatting and file names', () => {
  it('prints numbers in the language of the report', () => {
    expect(formatCell(1234.5, 'ru')).toBe('1\u00a0234,5');
    expect(formatCell(75, 'en', 'share')).toBe('75%');
    expect(formatCell(null, 'ru')).toBe('—');
    expect(formatCell('<5', 'ru')).toBe('<5');
  });

  it('encodes a Cyrillic file name per RFC 5987 with an ASCII fallback', () => {
    const name = exportFileName('Мамин дом: "2026"/1', '2026-01-01', '2026-12-31', 'pdf');
    expect(name).toBe('Мамин дом 2026 1 2026-01-01–2026-12-31.pdf');
    const header = contentDisposition(name);
    expect(header).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/);
    expect(decodeURIComponent(header.split("''")[1]!)).toBe(name);
  });
});
