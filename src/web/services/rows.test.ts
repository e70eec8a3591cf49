import { describe, expect, it } from 'vitest';
import { errorsByRow, shiftMonth } from './rows.js';

describe('errorsByRow', () => {
  it('puts each batch error on its row and field, the first message per field', () => {
    const rows = errorsByRow([
      { path: 'services.2.durationMinutes', message: 'too long' },
      { path: 'services.2.durationMinutes', message: 'second' },
      { path: 'services.0.caseId', message: 'not found' },
      { path: 'services.1', message: 'whole row' },
      { path: 'services', message: 'not a row' },
      { path: 'other.1.x', message: 'not a row' },
    ]);
    expect([...rows.keys()].sort()).toEqual([0, 1, 2]);
    expect(rows.get(2)).toEqual({ durationMinutes: 'too long' });
    expect(rows.get(0)).toEqual({ caseId: 'not found' });
    expect(rows.get(1)).toEqual({ row: 'whole row' });
  });
});

describe('shiftMonth', () => {
  it('crosses years both ways', () => {
    expect(shiftMonth('2026-01', -1)).toBe('2025-12');
    expect(shiftMonth('2026-12', 1)).toBe('2027-01');
    expect(shiftMonth('2026-05', 0)).toBe('2026-05');
  });
});
