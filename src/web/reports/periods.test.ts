import { describe, expect, it } from 'vitest';
import { quartersOf, yearsOf } from './periods.js';

describe('period presets', () => {
  it('offers the years and quarters a programme period touches', () => {
    const period = { from: '2026-03-01', to: '2027-02-28' };
    expect(yearsOf(period).map((y) => y.value)).toEqual(['2026', '2027']);
    const quarters = quartersOf(period);
    expect(quarters.map((q) => q.value)).toEqual(['2026-q1', '2026-q2', '2026-q3', '2026-q4', '2027-q1']);
    expect(quarters[1]).toMatchObject({ from: '2026-04-01', to: '2026-06-30' });
  });
});
