import { describe, expect, it } from 'vitest';
import { leavingOverdue } from './leaving.js';

describe('leavingOverdue', () => {
  it('marks a stay under way whose planned leaving day has passed', () => {
    expect(leavingOverdue({ plannedLeaveOn: '2026-11-30', checkOutOn: null }, '2026-12-01')).toBe(true);
    expect(leavingOverdue({ plannedLeaveOn: '2026-11-30' }, '2026-12-01')).toBe(true);
  });
  it('not on the planned day itself, nor before it, nor once she has left', () => {
    expect(leavingOverdue({ plannedLeaveOn: '2026-12-01', checkOutOn: null }, '2026-12-01')).toBe(false);
    expect(leavingOverdue({ plannedLeaveOn: '2026-12-20', checkOutOn: null }, '2026-12-01')).toBe(false);
    expect(leavingOverdue({ plannedLeaveOn: '2026-11-01', checkOutOn: '2026-11-03' }, '2026-12-01')).toBe(false);
  });
});
