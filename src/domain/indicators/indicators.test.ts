import { describe, expect, it } from 'vitest';
import { countsOf, definitionProblems, IndicatorDefinition, SUBJECTS } from './definition.js';
import { SHIPPED_INDICATORS } from './shipped.js';
import { average, median, percentOfPlan, proportion, safeCell, suppressSmall } from './results.js';

const def = (code: string, measure: unknown) => IndicatorDefinition.parse({ code, name: { ru: code, en: code }, measure });

describe('indicator definitions', () => {
  it('accepts a count with known filters and a proportion with both parts', () => {
    const legal = def('legal_consultations', {
      kind: 'count',
      of: { subject: 'services', filters: [{ field: 'serviceType', values: ['legal_consultation'] }] },
    });
    expect(definitionProblems(legal, new Map())).toEqual([]);
    const share = def('client_initiated_share', {
      kind: 'proportion',
      numerator: {
        subject: 'services',
        filters: [
          { field: 'initiatedBy', values: ['client'] },
          { field: 'serviceCategory', values: ['psychological'] },
        ],
      },
      denominator: { subject: 'services', filters: [{ field: 'serviceCategory', values: ['psychological'] }] },
    });
    expect(definitionProblems(share, new Map())).toEqual([]);
  });

  it('refuses an unknown field, a proportion with no denominator, an unknown reference and a circle', () => {
    const unknown = def('x', { kind: 'count', of: { subject: 'stays', filters: [{ field: 'serviceType', values: ['a'] }] } });
    expect(definitionProblems(unknown, new Map())).toEqual([{ path: 'measure.of.filters.0.field', code: 'indicator_unknown_field' }]);
    const half = def('y', { kind: 'proportion', numerator: { subject: 'cases' }, denominator: null });
    expect(definitionProblems(half, new Map())).toEqual([{ path: 'measure.denominator', code: 'indicator_missing_part' }]);
    const a = def('a', { kind: 'ratio', numeratorCode: 'b', denominatorCode: 'legal' });
    const b = def('b', { kind: 'ratio', numeratorCode: 'a', denominatorCode: 'legal' });
    const legal = def('legal', { kind: 'count', of: { subject: 'services' } });
    expect(
      definitionProblems(
        a,
        new Map([
          ['b', b],
          ['legal', legal],
        ]),
      ),
    ).toEqual([{ path: 'measure', code: 'indicator_circular' }]);
    expect(
      definitionProblems(def('c', { kind: 'ratio', numeratorCode: 'nope', denominatorCode: 'legal' }), new Map([['legal', legal]])),
    ).toEqual([{ path: 'measure.numeratorCode', code: 'indicator_unknown_reference' }]);
  });
});

describe('filter values and measures', () => {
  it('refuses values a filter does not accept, a sum of what has no value, and several thresholds', () => {
    const badValue = def('v', {
      kind: 'count',
      of: { subject: 'cases', filters: [{ field: 'closingOutcome', values: ['child_with_family', 'eloped'] }] },
    });
    expect(definitionProblems(badValue, new Map())).toEqual([{ path: 'measure.of.filters.0.values', code: 'indicator_unknown_value' }]);
    const badId = def('w', { kind: 'count', of: { subject: 'cases', filters: [{ field: 'programmeId', values: ['not-an-id'] }] } });
    expect(definitionProblems(badId, new Map())).toEqual([{ path: 'measure.of.filters.0.values', code: 'indicator_unknown_value' }]);
    const sum = def('s', { kind: 'median', of: { subject: 'families' } });
    expect(definitionProblems(sum, new Map())).toEqual([{ path: 'measure.of.subject', code: 'indicator_no_value' }]);
    const twice = def('t', { kind: 'count', of: { subject: 'assessments', filters: [{ field: 'domainImprovedBy', values: [1, 2] }] } });
    expect(definitionProblems(twice, new Map())).toEqual([{ path: 'measure.of.filters.0.values', code: 'indicator_one_value' }]);
    const text = def('u', { kind: 'count', of: { subject: 'assessments', filters: [{ field: 'domainImprovedBy', values: ['1'] }] } });
    expect(definitionProblems(text, new Map())).toEqual([{ path: 'measure.of.filters.0.values', code: 'indicator_unknown_value' }]);
    // A proportion's two parts are validated each under its own path.
    const parts = def('p', {
      kind: 'proportion',
      numerator: { subject: 'tasks', filters: [{ field: 'taskStatus', values: ['finished'] }] },
      denominator: { subject: 'tasks', filters: [{ field: 'leaveReason', values: ['graduated'] }] },
    });
    expect(definitionProblems(parts, new Map())).toEqual([
      { path: 'measure.numerator.filters.0.values', code: 'indicator_unknown_value' },
      { path: 'measure.denominator.filters.0.field', code: 'indicator_unknown_field' },
    ]);
    expect(countsOf(parts.measure).map((c) => c.part)).toEqual(['numerator', 'denominator']);
  });

  it('ships a library every definition of which can be computed, with unique codes and both names', () => {
    const all = new Map(SHIPPED_INDICATORS.map((d) => [d.code, d]));
    expect(all.size).toBe(SHIPPED_INDICATORS.length);
    for (const d of SHIPPED_INDICATORS) {
      expect(IndicatorDefinition.parse(d)).toEqual(d);
      expect(definitionProblems(d, all), d.code).toEqual([]);
      expect(d.name.ru).not.toBe(d.name.en);
    }
    // Subjects with a value are the ones a sum, average or median can be taken of.
    expect(
      Object.entries(SUBJECTS)
        .filter(([, s]) => s.value !== null)
        .map(([k]) => k),
    ).toEqual([
      'services',
      'hours',
      'sessions',
      'stays',
      'bed_nights',
      'aid',
      'aid_value',
      'training_hours',
      'specialist_consultations',
      'shifts',
      'mentoring_hours',
      'volunteer_hours',
    ]);
  });
});

describe('results', () => {
  it('median, average and proportion, worked out by hand', () => {
    // Stays of 10, 30, 45 and 200 days: median (30 + 45) / 2 = 37.5, average 285 / 4 = 71.25.
    expect(median([200, 10, 45, 30])).toBe(37.5);
    expect(median([5, 1, 3])).toBe(3);
    expect(median([])).toBeNull();
    expect(average([200, 10, 45, 30])).toBe(71.25);
    expect(proportion(2, 3)).toBeCloseTo(0.6667, 4);
    expect(proportion(0, 0)).toBeNull();
  });

  it('plan vs actual, small-cell suppression and safe spreadsheet cells', () => {
    expect(percentOfPlan(45, 60)).toBe(75);
    expect(percentOfPlan(7, 3)).toBe(233.3);
    expect(percentOfPlan(5, 0)).toBeNull();
    expect(suppressSmall(3)).toBe('<5');
    expect(suppressSmall(0)).toBe(0);
    expect(suppressSmall(5)).toBe(5);
    for (const dangerous of ['=HYPERLINK("x")', '+1', '-2+3', '@SUM(A1)', '\tx', '\rx'])
      expect(safeCell(dangerous).startsWith("'")).toBe(true);
    expect(safeCell('Иванова')).toBe('Иванова');
  });
});
