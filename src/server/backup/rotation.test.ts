import { describe, expect, it } from 'vitest';
import { backupsToKeep, isoWeek } from './rotation.js';

describe('backup rotation', () => {
  it('names ISO weeks (the Thursday decides the year)', () => {
    expect(isoWeek('2026-12-04T10:00:00Z')).toBe('2026-W49');
    expect(isoWeek('2027-01-01T10:00:00Z')).toBe('2026-W53');
    expect(isoWeek('2025-12-29T10:00:00Z')).toBe('2026-W01');
  });

  it('keeps the newest of each of the last N days and of the last M weeks', () => {
    const backups = [];
    // Two a day for 40 days back from 2026-12-04.
    for (let i = 0; i < 40; i += 1) {
      const date = new Date(Date.UTC(2026, 11, 4 - i)).toISOString().slice(0, 10);
      backups.push({ name: `${date}-a`, createdAt: `${date}T02:00:00Z` }, { name: `${date}-b`, createdAt: `${date}T14:00:00Z` });
    }
    const keep = backupsToKeep(backups, 7, 4);
    const days = ['2026-12-04', '2026-12-03', '2026-12-02', '2026-12-01', '2026-11-30', '2026-11-29', '2026-11-28'];
    for (const d of days) expect(keep.has(`${d}-b`)).toBe(true);
    expect(keep.has('2026-12-04-a')).toBe(false);
    // Weeks: 49 (kept by the days), 48 → Sunday 2026-11-29 (a day already), 47 → 2026-11-22, 46 → 2026-11-15.
    expect(keep.has('2026-11-22-b')).toBe(true);
    expect(keep.has('2026-11-15-b')).toBe(true);
    expect(keep.has('2026-11-08-b')).toBe(false);
    expect(keep.size).toBe(9);
  });
});
