// Ages as people say them: a newborn in the first week, weeks in the first month, months under a
// year, whole years from the first birthday — and the compact codes lists carry them in.
import { describe, expect, it } from 'vitest';
import { ageAt, ageCode, ageCodeOf, parseAgeCode } from './people.js';

describe('ageAt', () => {
  it('counts a newborn, weeks, months and years on a day', () => {
    expect(ageAt('2026-03-01', '2026-03-01')).toEqual({ unit: 'newborn' });
    expect(ageAt('2026-03-01', '2026-03-07')).toEqual({ unit: 'newborn' });
    expect(ageAt('2026-03-01', '2026-03-08')).toEqual({ unit: 'weeks', count: 1 });
    expect(ageAt('2026-03-01', '2026-03-31')).toEqual({ unit: 'weeks', count: 4 });
    expect(ageAt('2026-03-01', '2026-04-01')).toEqual({ unit: 'months', count: 1 });
    expect(ageAt('2026-01-31', '2026-02-28')).toEqual({ unit: 'weeks', count: 4 });
    expect(ageAt('2025-03-02', '2026-03-01')).toEqual({ unit: 'months', count: 11 });
    expect(ageAt('2025-03-01', '2026-03-01')).toEqual({ unit: 'years', count: 1 });
    expect(ageAt('2024-08-15', '2026-03-01')).toEqual({ unit: 'years', count: 1 });
    expect(ageAt('1990-03-02', '2026-03-01')).toEqual({ unit: 'years', count: 35 });
  });

  it('crosses a year end and a leap day', () => {
    expect(ageAt('2025-12-20', '2026-01-05')).toEqual({ unit: 'weeks', count: 2 });
    expect(ageAt('2024-02-29', '2025-02-28')).toEqual({ unit: 'months', count: 11 });
  });
});

describe('age codes', () => {
  it('round-trip through the compact form', () => {
    for (const age of [
      { unit: 'newborn' },
      { unit: 'weeks', count: 3 },
      { unit: 'months', count: 5 },
      { unit: 'years', count: 2 },
    ] as const)
      expect(parseAgeCode(ageCode(age))).toEqual(age);
  });

  it('read months of a year or more as years, and refuse what is not a code', () => {
    expect(parseAgeCode('23m')).toEqual({ unit: 'years', count: 1 });
    expect(parseAgeCode('24m')).toEqual({ unit: 'years', count: 2 });
    expect(parseAgeCode('?')).toBeNull();
    expect(parseAgeCode('expected 2026-12-01')).toBeNull();
  });

  it('come from a birth date or an approximate age', () => {
    expect(ageCodeOf('2026-02-05', null, '2026-03-01')).toBe('3w');
    expect(ageCodeOf('2026-02-01', null, '2026-03-01')).toBe('1m');
    expect(ageCodeOf(null, 30, '2026-03-01')).toBe('30y');
    expect(ageCodeOf(null, null, '2026-03-01')).toBeNull();
  });
});
