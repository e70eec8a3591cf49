// Pure arithmetic of the dashboards: a target's share for a month, how much of a period has passed,
// and the traffic light of plan vs fact given that pace.

export const TRAFFIC_LIGHTS = ['green', 'amber', 'red', 'none'] as const;
export type TrafficLight = (typeof TRAFFIC_LIGHTS)[number];

const DAY = 86_400_000;
const time = (iso: string) => new Date(`${iso}T00:00:00Z`).getTime();

/** Days from `from` to `to`, both included (0 when to < from). */
export function daysBetween(from: string, to: string): number {
  return Math.max(0, Math.round((time(to) - time(from)) / DAY) + 1);
}

/** The part of a target over [periodStart, periodEnd] that falls in [from, to], spread evenly by day. */
export function shareOfTarget(planned: number, periodStart: string, periodEnd: string, from: string, to: string): number {
  const start = from > periodStart ? from : periodStart;
  const end = to < periodEnd ? to : periodEnd;
  const total = daysBetween(periodStart, periodEnd);
  return total === 0 ? 0 : Math.round(((planned * daysBetween(start, end)) / total) * 100) / 100;
}

/** Share of the period elapsed on `today` (0 before it starts, 1 after it ends). */
export function elapsedShare(periodStart: string, periodEnd: string, today: string): number {
  if (today < periodStart) return 0;
  if (today >= periodEnd) return 1;
  return daysBetween(periodStart, today) / daysBetween(periodStart, periodEnd);
}

/**
 * Green when the fact keeps pace with the plan (≥ 90 % of what the elapsed share of the period
 * asks for), amber from 70 %, red below; none without a positive target or a value. Where lower is
 * better (the average length of stay, incidents) the same bands apply the other way round: green
 * while the fact stays within what the plan allows by now (plan ÷ fact ≥ 90 %), red when it runs
 * well over; a target of zero is met only by zero.
 */
export function trafficLight(
  achieved: number | null,
  planned: number,
  elapsed: number,
  direction: 'higher' | 'lower' = 'higher',
): TrafficLight {
  if (achieved === null) return 'none';
  if (direction === 'lower') {
    if (planned < 0) return 'none';
    if (achieved <= 0) return 'green';
    if (planned === 0) return 'red';
  } else if (planned <= 0) return 'none';
  const expected = planned * Math.max(elapsed, 0.0001);
  const pace = direction === 'lower' ? expected / achieved : achieved / expected;
  return pace >= 0.9 ? 'green' : pace >= 0.7 ? 'amber' : 'red';
}

/** The first days of the 12 months ending with `today`'s month, or of a calendar year. */
export function monthStarts(today: string, year?: number): string[] {
  const [y, m] = year ? [year, 1] : [Number(today.slice(0, 4)), Number(today.slice(5, 7)) - 11];
  return Array.from({ length: 12 }, (_, i) => {
    const d = new Date(Date.UTC(y, m - 1 + i, 1));
    return d.toISOString().slice(0, 10);
  });
}

/** The last day of the month that starts on `monthStart`. */
export function monthEnd(monthStart: string): string {
  const d = new Date(`${monthStart}T00:00:00Z`);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).toISOString().slice(0, 10);
}
