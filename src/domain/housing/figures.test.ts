import { describe, expect, it } from 'vitest';
import { addMonths, computeFigures, daysBetween, median, nightsInPeriod, openNights, type PlaceRow } from './figures.js';

const bed: PlaceRow = { id: 'b1', facilityId: 'f', roomId: 'r1', kind: 'mother' };
const cot: PlaceRow = { id: 'c1', facilityId: 'f', roomId: 'r1', kind: 'child' };
const bed2: PlaceRow = { id: 'b2', facilityId: 'f', roomId: 'r2', kind: 'mother' };

describe('nights and dates', () => {
  it('counts nights of [from, to) within a period, crossing its boundaries', () => {
    expect(nightsInPeriod('2026-03-01', '2026-03-03', '2026-03-01', '2026-03-31')).toBe(2);
    // began before the period, still there after it: every night of March
    expect(nightsInPeriod('2026-02-10', null, '2026-03-01', '2026-03-31')).toBe(31);
    // left on 5 March: nights of 1–4 March
    expect(nightsInPeriod('2026-02-10', '2026-03-05', '2026-03-01', '2026-03-31')).toBe(4);
    // arrived on the last day of the period: one night counted
    expect(nightsInPeriod('2026-03-31', '2026-04-10', '2026-03-01', '2026-03-31')).toBe(1);
    expect(nightsInPeriod('2026-04-01', null, '2026-03-01', '2026-03-31')).toBe(0);
    expect(nightsInPeriod('2026-03-10', '2026-03-10', '2026-03-01', '2026-03-31')).toBe(0);
  });

  it('adds months clamping to the end of the month, and counts days', () => {
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2026-01-15', 6)).toBe('2026-07-15');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(daysBetween('2026-01-01', '2026-07-01')).toBe(181);
  });

  it('leaves closed days out of the available nights, overlapping closures counted once', () => {
    const closures = [
      { facilityId: 'f', roomId: 'r1', startsOn: '2026-03-10', endsOn: '2026-03-19' },
      { facilityId: 'f', roomId: null, startsOn: '2026-03-15', endsOn: '2026-04-05' },
    ];
    expect(openNights(bed, closures, '2026-03-01', '2026-03-31')).toBe(9); // 1–9 March
    expect(openNights(bed2, closures, '2026-03-01', '2026-03-31')).toBe(14); // 1–14 March
  });

  it('medians of odd and even counts', () => {
    expect(median([])).toBeNull();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 10])).toBe(3.5);
  });
});

describe('period figures', () => {
  const from = '2026-03-01';
  const to = '2026-03-31';

  it('occupancy of a mother and baby crossing both ends of the period', () => {
    const f = computeFigures({
      from,
      to,
      places: [bed, cot, bed2],
      closures: [],
      placements: [
        { memberId: 'm', person: 'woman', placeKind: 'mother', fromOn: '2026-02-20', toOn: null },
        { memberId: 'k', person: 'child', placeKind: 'child', fromOn: '2026-02-20', toOn: null },
      ],
      stays: [{ checkInOn: '2026-02-20', checkOutOn: null, leaveReason: null, previousCheckOutOn: null }],
    });
    expect(f.bedNights).toEqual({
      used: 62,
      available: 93,
      occupancy: 0.667,
      mother: { used: 31, available: 62 },
      child: { used: 31, available: 31 },
    });
    expect([f.women, f.children, f.staysStarted, f.staysEnded]).toEqual([1, 1, 0, 0]);
    expect(f.averageLengthDays).toBeNull();
  });

  it('a move between rooms counts each night once, and the person once', () => {
    const f = computeFigures({
      from,
      to,
      places: [bed, bed2],
      closures: [],
      placements: [
        { memberId: 'm', person: 'woman', placeKind: 'mother', fromOn: '2026-03-01', toOn: '2026-03-11' },
        { memberId: 'm', person: 'woman', placeKind: 'mother', fromOn: '2026-03-11', toOn: '2026-03-21' },
      ],
      stays: [{ checkInOn: '2026-03-01', checkOutOn: '2026-03-21', leaveReason: 'graduated', previousCheckOutOn: null }],
    });
    expect(f.bedNights.used).toBe(20);
    expect(f.women).toBe(1);
    expect(f.staysEnded).toBe(1);
    expect(f.averageLengthDays).toBe(20);
    expect(f.graduations).toBe(1);
  });

  it('length of stay, endings by reason and returns within a year', () => {
    const f = computeFigures({
      from,
      to,
      places: [bed],
      closures: [],
      placements: [],
      stays: [
        // began long before the period, ended in it: its whole length counts
        { checkInOn: '2025-09-01', checkOutOn: '2026-03-01', leaveReason: 'graduated', previousCheckOutOn: null },
        { checkInOn: '2026-02-01', checkOutOn: '2026-03-11', leaveReason: 'asked_to_leave', previousCheckOutOn: null },
        { checkInOn: '2026-03-01', checkOutOn: '2026-03-05', leaveReason: 'hospital', previousCheckOutOn: null },
        // ended after the period: not among the ended stays
        { checkInOn: '2026-01-01', checkOutOn: '2026-04-02', leaveReason: 'graduated', previousCheckOutOn: null },
        // returns: one 10 months after, one 13 months after
        { checkInOn: '2026-03-20', checkOutOn: null, leaveReason: null, previousCheckOutOn: '2025-05-20' },
        { checkInOn: '2026-03-25', checkOutOn: null, leaveReason: null, previousCheckOutOn: '2025-02-20' },
      ],
    });
    expect(f.staysEnded).toBe(3);
    expect(f.medianLengthDays).toBe(38);
    expect(f.averageLengthDays).toBe(Math.round(((181 + 38 + 4) / 3) * 10) / 10);
    expect(f.endedByReason).toMatchObject({ graduated: 1, asked_to_leave: 1, hospital: 1, to_relatives: 0 });
    expect(f.graduations).toBe(1);
    expect(f.staysStarted).toBe(3);
    expect(f.returnsWithinYear).toBe(1);
  });

  it('no available place gives no occupancy rate rather than a division by zero', () => {
    const f = computeFigures({
      from,
      to,
      places: [bed],
      closures: [{ facilityId: 'f', roomId: null, startsOn: '2026-01-01', endsOn: '2026-12-31' }],
      placements: [],
      stays: [],
    });
    expect(f.bedNights.available).toBe(0);
    expect(f.bedNights.occupancy).toBeNull();
  });
});
