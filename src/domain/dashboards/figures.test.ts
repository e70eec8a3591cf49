// Dashboard arithmetic, with the expected values worked out by hand.
import { describe, expect, it } from 'vitest';
import { daysBetween, elapsedShare, monthEnd, monthStarts, shareOfTarget, trafficLight } from './figures.js';

describe('dashboard figures', () => {
  it('spreads a target over its days', () => {
    expect(daysBetween('2026-01-01', '2026-12-31')).toBe(365);
    // 365 planned over 2026: November has 30 days → 30.
    expect(shareOfTarget(365, '2026-01-01', '2026-12-31', '2026-11-01', '2026-11-30')).toBe(30);
    // A target of 100 over 2026-11-15…2026-12-14 (30 days): November holds 16 of them → 53.33.
    expect(shareOfTarget(100, '2026-11-15', '2026-12-14', '2026-11-01', '2026-11-30')).toBe(53.33);
    expect(shareOfTarget(100, '2026-01-01', '2026-01-31', '2026-11-01', '2026-11-30')).toBe(0);
  });

  it('measures the elapsed part of a period', () => {
    expect(elapsedShare('2026-01-01', '2026-12-31', '2025-12-31')).toBe(0);
    expect(elapsedShare('2026-01-01', '2026-12-31', '2027-01-05')).toBe(1);
    // 10 January: 10 of 365 days.
    expect(elapsedShare('2026-01-01', '2026-12-31', '2026-01-10')).toBeCloseTo(10 / 365, 10);
  });

  it('colours plan vs fact by the pace of the period', () => {
    // Half the period gone, plan 100: 45 keeps pace (0.9) → green; 35 → amber (0.7); 34 → red.
    expect(trafficLight(45, 100, 0.5)).toBe('green');
    expect(trafficLight(35, 100, 0.5)).toBe('amber');
    expect(trafficLight(34, 100, 0.5)).toBe('red');
    expect(trafficLight(null, 100, 0.5)).toBe('none');
    expect(trafficLight(10, 0, 0.5)).toBe('none');
    expect(trafficLight(100, 100, 1)).toBe('green');
  });

  it('reads a lower-is-better figure the other way round', () => {
    // An average stay planned at 60 days: 50 and 66 are within plan ÷ fact ≥ 0.9 (60/66 = 0.91),
    // 80 is amber (0.75), 90 red (0.67) — where higher is better 50 of 60 would be amber.
    expect(trafficLight(50, 60, 1, 'lower')).toBe('green');
    expect(trafficLight(66, 60, 1, 'lower')).toBe('green');
    expect(trafficLight(80, 60, 1, 'lower')).toBe('amber');
    expect(trafficLight(90, 60, 1, 'lower')).toBe('red');
    expect(trafficLight(50, 60, 1)).toBe('amber');
    // Paced: at half the year, 6 incidents of a yearly ceiling of 10 is over the 5 allowed by now.
    expect(trafficLight(6, 10, 0.5, 'lower')).toBe('amber');
    expect(trafficLight(4, 10, 0.5, 'lower')).toBe('green');
    // A ceiling of zero is met only by zero.
    expect(trafficLight(0, 0, 0.5, 'lower')).toBe('green');
    expect(trafficLight(1, 0, 0.5, 'lower')).toBe('red');
  });

  it('lists the months of the last year or of a calendar year', () => {
    expect(monthStarts('2026-03-15')).toEqual([
      '2025-04-01',
      '2025-05-01',
      '2025-06-01',
      '2025-07-01',
      '2025-08-01',
      '2025-09-01',
      '2025-10-01',
      '2025-11-01',
      '2025-12-01',
      '2026-01-01',
      '2026-02-01',
      '2026-03-01',
    ]);
    expect(monthStarts('2026-03-15', 2024)[11]).toBe('2024-12-01');
    expect(monthEnd('2024-02-01')).toBe('2024-02-29');
    expect(monthEnd('2026-12-01')).toBe('2026-12-31');
  });
});
