import { describe, expect, it } from 'vitest';
import { addMonths, nextVisit, serviceTotals } from './rules.js';

describe('service totals', () => {
  it('sums minutes into hours and the share initiated by the client, leaving withdrawn services out', () => {
    const totals = serviceTotals([
      { durationMinutes: 60, initiatedBy: 'client' },
      { durationMinutes: 45, initiatedBy: 'team' },
      { durationMinutes: 90, initiatedBy: 'client' },
      { durationMinutes: 600, initiatedBy: 'client', withdrawn: true },
    ]);
    expect(totals).toEqual({ count: 3, minutes: 195, hours: 3.25, clientInitiatedShare: 0.667 });
    expect(serviceTotals([]).clientInitiatedShare).toBeNull();
  });
});

describe('post-support visits', () => {
  it('are due every three months after the last visit, or after the start', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-11-15', 3)).toBe('2027-02-15');
    expect(nextVisit('2026-05-10', null, 3, '2026-08-11')).toEqual({ dueOn: '2026-08-10', overdue: true });
    expect(nextVisit('2026-05-10', '2026-08-01', 3, '2026-08-11')).toEqual({ dueOn: '2026-11-01', overdue: false });
  });
});
