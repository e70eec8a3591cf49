// The rules of the volunteers area, pure: the status path, who may be given work with children
// (an active volunteer whose certificate of no criminal record is valid on the shift's day), the
// certificate's validity from the organisation's setting, a shift's length and the hours it allows.
import type { VolunteerStatus } from './contracts.js';

/** The status path: applicant → screened → active ⇄ paused, and leaving from any step. */
export const STATUS_MOVES = {
  applicant: ['screened', 'left'],
  screened: ['active', 'left'],
  active: ['paused', 'left'],
  paused: ['active', 'left'],
  left: [],
} as const satisfies Record<VolunteerStatus, readonly VolunteerStatus[]>;

export function canMoveVolunteer(from: VolunteerStatus, to: VolunteerStatus): boolean {
  return (STATUS_MOVES[from] as readonly VolunteerStatus[]).includes(to);
}

/** Pausing and leaving are told with a reason. */
export const reasonRequired = (to: VolunteerStatus): boolean => to === 'paused' || to === 'left';

/** The last day a certificate issued on `issuedOn` is valid, `months` later (the day before the anniversary). */
export function certificateValidUntil(issuedOn: string, months: number): string {
  const [y, m, d] = issuedOn.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  target.setUTCDate(target.getUTCDate() - 1);
  return target.toISOString().slice(0, 10);
}

/** Whether a certificate valid until `validUntil` covers the day `on` (no certificate covers nothing). */
export const certificateCovers = (validUntil: string | null, on: string): boolean => validUntil !== null && on <= validUntil;

/** Why a volunteer may not be given a shift (null: they may). Work with children needs a valid certificate on its day. */
export function workRefusal(
  volunteer: { status: VolunteerStatus; certificateValidUntil: string | null },
  task: { childRelated: boolean; on: string },
): 'not_active' | 'certificate' | null {
  if (volunteer.status !== 'active') return 'not_active';
  if (task.childRelated && !certificateCovers(volunteer.certificateValidUntil, task.on)) return 'certificate';
  return null;
}

/** A shift's length in hours (the most hours a completion may record). */
export const shiftHours = (startsAt: string, endsAt: string): number => (Date.parse(endsAt) - Date.parse(startsAt)) / 3_600_000;

/** The occurrences of a weekly task: the first and then every 7 days, `weeks` in all. */
export function weeklyOccurrences(startsAt: string, endsAt: string, weeks: number): { startsAt: string; endsAt: string }[] {
  const week = 7 * 86_400_000;
  const start = Date.parse(startsAt);
  const end = Date.parse(endsAt);
  return Array.from({ length: weeks }, (_, i) => ({
    startsAt: new Date(start + i * week).toISOString(),
    endsAt: new Date(end + i * week).toISOString(),
  }));
}

/** Days from `today` until a certificate ends (negative once it has ended). */
export function daysLeft(validUntil: string, today: string): number {
  return Math.round((Date.parse(validUntil) - Date.parse(today)) / 86_400_000);
}
