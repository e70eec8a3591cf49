// The arithmetic of housing: nights, occupancy (bed-nights used of available), length of stay and
// returns. Pure functions over plain rows, used by the server's figures route and unit-tested.
//
// Conventions: a placement occupies a place over [fromOn, toOn) — the night of the check-out date
// is not spent there, so a stay from 1 to 3 March is two bed-nights. A period [from, to] counts the
// nights that begin on each of its dates. A closure covers its days, both ends included.
import type { Figures, LeaveReason, PlaceKind } from './contracts.js';
import { LEAVE_REASONS } from './contracts.js';

const DAY = 86_400_000;
const toDay = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY;
const fromDay = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);

/** Days from a to b (b − a); negative when b is earlier. */
export function daysBetween(a: string, b: string): number {
  return toDay(b) - toDay(a);
}

export function addDays(iso: string, days: number): string {
  return fromDay(toDay(iso) + days);
}

/** The same day n months later, clamped to the month's end (31 Aug + 6 months = 28/29 Feb). */
export function addMonths(iso: string, months: number): string {
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7)) - 1 + months;
  const d = Number(iso.slice(8, 10));
  const year = y + Math.floor(m / 12);
  const month = ((m % 12) + 12) % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return fromDay(Date.UTC(year, month, Math.min(d, last)) / DAY);
}

/** Nights of [fromOn, toOn) (toOn null = still there) that begin within [from, to]. */
export function nightsInPeriod(fromOn: string, toOn: string | null, from: string, to: string): number {
  const start = Math.max(toDay(fromOn), toDay(from));
  const end = Math.min(toOn === null ? Infinity : toDay(toOn), toDay(to) + 1);
  return Math.max(0, end - start);
}

export interface Closure {
  facilityId: string;
  roomId: string | null;
  startsOn: string;
  endsOn: string;
}

export interface PlaceRow {
  id: string;
  facilityId: string;
  roomId: string;
  kind: PlaceKind;
}

/** Days of [from, to] on which the place is not closed (facility or room closure). */
export function openNights(place: PlaceRow, closures: readonly Closure[], from: string, to: string): number {
  const lo = toDay(from);
  const hi = toDay(to);
  const ranges = closures
    .filter((c) => c.facilityId === place.facilityId && (c.roomId === null || c.roomId === place.roomId))
    .map((c) => [Math.max(lo, toDay(c.startsOn)), Math.min(hi, toDay(c.endsOn))] as const)
    .filter(([a, b]) => b >= a)
    .sort((x, y) => x[0] - y[0]);
  let closed = 0;
  let covered = lo - 1;
  for (const [a, b] of ranges) {
    const start = Math.max(a, covered + 1);
    if (b >= start) closed += b - start + 1;
    covered = Math.max(covered, b);
  }
  return hi - lo + 1 - closed;
}

/** Whether a closure covers the date for this room. */
export function isClosedOn(closures: readonly Closure[], facilityId: string, roomId: string | null, on: string): boolean {
  return closures.some(
    (c) => c.facilityId === facilityId && (c.roomId === null || c.roomId === roomId) && c.startsOn <= on && on <= c.endsOn,
  );
}

export interface PlacementRow {
  memberId: string;
  /** Adults (mothers, pregnant women) and children are counted apart. */
  person: 'woman' | 'child';
  placeKind: PlaceKind;
  fromOn: string;
  toOn: string | null;
}

export interface StayRow {
  checkInOn: string;
  checkOutOn: string | null;
  leaveReason: LeaveReason | null;
  /** The check-out of the family's previous stay, for a return. */
  previousCheckOutOn: string | null;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const round1 = (value: number) => Math.round(value * 10) / 10;

export interface FiguresInput {
  from: string;
  to: string;
  /** Places that existed and were in use in the period. */
  places: readonly PlaceRow[];
  closures: readonly Closure[];
  /** Placements that may overlap the period (others contribute nothing). */
  placements: readonly PlacementRow[];
  /** Stays that began or ended in the period, or were under way in it. */
  stays: readonly StayRow[];
}

/** Period figures of one facility or many: occupancy, people, length of stay, endings, returns. */
export function computeFigures({ from, to, places, closures, placements, stays }: FiguresInput): Figures {
  const available = { mother: 0, child: 0 };
  for (const place of places) available[place.kind] += openNights(place, closures, from, to);
  const used = { mother: 0, child: 0 };
  const women = new Set<string>();
  const children = new Set<string>();
  for (const p of placements) {
    const nights = nightsInPeriod(p.fromOn, p.toOn, from, to);
    used[p.placeKind] += nights;
    const arrivedInPeriod = p.fromOn >= from && p.fromOn <= to;
    if (nights > 0 || arrivedInPeriod) (p.person === 'woman' ? women : children).add(p.memberId);
  }
  const ended = stays.filter((s) => s.checkOutOn !== null && s.checkOutOn >= from && s.checkOutOn <= to);
  const lengths = ended.map((s) => daysBetween(s.checkInOn, s.checkOutOn!));
  const endedByReason = Object.fromEntries(LEAVE_REASONS.map((r) => [r, 0])) as Record<LeaveReason, number>;
  for (const s of ended) if (s.leaveReason) endedByReason[s.leaveReason] += 1;
  const started = stays.filter((s) => s.checkInOn >= from && s.checkInOn <= to);
  const returns = started.filter((s) => s.previousCheckOutOn !== null && daysBetween(s.previousCheckOutOn, s.checkInOn) <= 365);
  const totalUsed = used.mother + used.child;
  const totalAvailable = available.mother + available.child;
  return {
    from,
    to,
    bedNights: {
      used: totalUsed,
      available: totalAvailable,
      occupancy: totalAvailable === 0 ? null : Math.round((totalUsed / totalAvailable) * 1000) / 1000,
      mother: { used: used.mother, available: available.mother },
      child: { used: used.child, available: available.child },
    },
    women: women.size,
    children: children.size,
    staysStarted: started.length,
    staysEnded: ended.length,
    averageLengthDays: lengths.length === 0 ? null : round1(lengths.reduce((a, b) => a + b, 0) / lengths.length),
    medianLengthDays: median(lengths),
    endedByReason,
    graduations: endedByReason.graduated,
    returnsWithinYear: returns.length,
  };
}

/** Adults sleep in beds, children in cots; an unborn child takes no place. */
export function placeKindFor(relation: string): PlaceKind | null {
  if (relation === 'unborn_child') return null;
  return relation === 'child' ? 'child' : 'mother';
}
