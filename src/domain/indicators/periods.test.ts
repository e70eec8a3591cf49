import { describe, expect, it } from 'vitest';
import { splitByMonths } from './periods.js';

describe('splitByMonths', () => {
  it('keeps a calendar year whole', () => {
    expect(splitByMonths('2025-01-01', '2025-12-31')).toEqual({ months: { first: '2025-01-01', last: '2025-12-01' }, edges: [] });
  });

  it('leaves the partial months at both edges to the records', () => {
    expect(splitByMonths('2025-01-15', '2025-04-10')).toEqual({
      months: { first: '2025-02-01', last: '2025-03-01' },
      edges: [
        { from: '2025-01-15', to: '2025-01-31' },
        { from: '2025-04-01', to: '2025-04-10' },
      ],
    });
  });

  it('has no whole month inside a part of one month, or across two partial ones', () => {
    expect(splitByMonths('2026-12-01', '2026-12-01')).toEqual({ months: null, edges: [{ from: '2026-12-01', to: '2026-12-01' }] });
    expect(splitByMonths('2025-01-20', '2025-02-10')).toEqual({ months: null, edges: [{ from: '2025-01-20', to: '2025-02-10' }] });
  });

  it('knows the length of February in leap years', () => {
    expect(splitByMonths('2024-02-01', '2024-02-29')).toEqual({ months: { first: '2024-02-01', last: '2024-02-01' }, edges: [] });
    expect(splitByMonths('2025-02-01', '2025-02-28').edges).toEqual([]);
    expect(splitByMonths('2024-02-01', '2024-02-28').months).toBeNull();
  });
});
