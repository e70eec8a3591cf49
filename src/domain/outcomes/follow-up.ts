// Follow-up after leaving, and cohorts.
//
// The rule: a family LEAVES the programme's active phase on the day its programme says: its
// closing (graduation, the default) or its move to post-support (programmes.follow_up_from). With
// the first, post-support is still the programme (the supervisor visits every few months); with
// the second, follow-ups are recorded while the case is in post-support. A reopened case is back
// in the programme: its earlier leaving no longer counts, nor do contacts made before the current one.
// Follow-up contacts are due 3, 6 and 12 months after leaving, and cannot be recorded before their
// horizon has come (from DUE_BEFORE_DAYS ahead of it, as they are listed). A contact is listed as due from 14
// days before its date until 30 days after, then as overdue until the next one comes due (the
// 12-month one stays overdue until 18 months after leaving); a later contact makes an earlier,
// missed one moot.
import type { CaseStatus, ClosingOutcome } from '../cases/lifecycle.js';
import { CLOSING_OUTCOMES } from '../cases/lifecycle.js';
import type { ChildWithFamily, Cohort, HorizonFigures, Milestone } from './contracts.js';
import { MILESTONES } from './contracts.js';

const DAY = 86_400_000;
export const DUE_BEFORE_DAYS = 14;
export const DUE_GRACE_DAYS = 30;
const LAST_OVERDUE_MONTHS = 18;

/** The same day `months` later; the last day of the month when it has no such day (31 Aug + 6 → 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

/** From which day a programme counts its follow-ups: the case's closing or its move to post-support. */
export const FOLLOW_UP_FROM = ['closing', 'post_support'] as const;
export type FollowUpFrom = (typeof FOLLOW_UP_FROM)[number];

/**
 * The day a family left the programme's active phase, or null while it has not. With
 * 'post_support' a case closed straight from active work left on its closing.
 */
export function leftOn(from: FollowUpFrom, status: CaseStatus, closedOn: string | null, postSupportSince: string | null): string | null {
  if (status === 'closed' && closedOn)
    return from === 'post_support' && postSupportSince && postSupportSince <= closedOn ? postSupportSince : closedOn;
  if (status === 'post_support' && from === 'post_support') return postSupportSince;
  return null;
}

/** The first day a contact of this milestone may be recorded. */
export function horizonOpensOn(left: string, milestone: number): string {
  return addDays(addMonths(left, milestone), -DUE_BEFORE_DAYS);
}

export interface RecordedFollowUp {
  milestone: number;
  contactedOn: string;
  childWithFamily: ChildWithFamily;
}

/** Contacts that belong to the current leaving (made on or after it). */
export function currentFollowUps<T extends RecordedFollowUp>(closedOn: string, followUps: T[]): T[] {
  return followUps.filter((f) => f.contactedOn >= closedOn);
}

/** The follow-up contact to list for a family that left on `closedOn`, or null when none is to be listed today. */
export function followUpDue(
  closedOn: string,
  followUps: RecordedFollowUp[],
  today: string,
): { milestone: Milestone; dueOn: string; status: 'due' | 'overdue' } | null {
  const done = new Set(currentFollowUps(closedOn, followUps).map((f) => f.milestone));
  const lastDone = Math.max(0, ...done);
  for (const [i, milestone] of MILESTONES.entries()) {
    if (milestone <= lastDone) continue;
    const dueOn = addMonths(closedOn, milestone);
    if (today < addDays(dueOn, -DUE_BEFORE_DAYS)) return null;
    if (today <= addDays(dueOn, DUE_GRACE_DAYS)) return { milestone, dueOn, status: 'due' };
    const next = MILESTONES[i + 1];
    const overdueUntil = next ? addDays(addMonths(closedOn, next), -DUE_BEFORE_DAYS) : addMonths(closedOn, LAST_OVERDUE_MONTHS);
    if (today < overdueUntil) return { milestone, dueOn, status: 'overdue' };
  }
  return null;
}

export interface CohortCase {
  familyId: string;
  openedOn: string;
  status: CaseStatus;
  closedOn: string | null;
  /** The day the case moved to post-support (null when it has not). */
  postSupportSince: string | null;
  /** The programme's setting: follow-ups count from the closing or from the move to post-support. */
  followUpFrom: FollowUpFrom;
  closingOutcome: ClosingOutcome | null;
  followUps: RecordedFollowUp[];
}

/**
 * Figures of a cohort (the cases admitted in the period): where the families are now, and at 3, 6
 * and 12 months after leaving what the follow-up contact for that milestone found. Leaving is the
 * programme's: the closing, or the move to post-support where the programme counts from there
 * (leftOn, the same rule as the follow-up list) — such a family in post-support has left, not "still
 * in the programme". A family with two admissions in the period counts once, by its first. At a horizon a family that left is
 * contacted (yes → child with family; state care or relatives → not with family; unknown), or not
 * contacted: not yet due while the date is ahead, else unknown. The share is of those contacted.
 */
export function computeCohort(cases: CohortCase[], today: string): Cohort {
  const byFamily = new Map<string, CohortCase>();
  for (const c of [...cases].sort((a, b) => a.openedOn.localeCompare(b.openedOn)))
    if (!byFamily.has(c.familyId)) byFamily.set(c.familyId, c);
  const cohort = [...byFamily.values()];
  const inProgramme = { intake: 0, active: 0, post_support: 0 };
  const leftByOutcome = Object.fromEntries(CLOSING_OUTCOMES.map((o) => [o, 0])) as Record<ClosingOutcome, number>;
  const left: { leftOn: string; followUps: RecordedFollowUp[] }[] = [];
  for (const c of cohort) {
    const on = leftOn(c.followUpFrom, c.status, c.closedOn, c.postSupportSince);
    if (on !== null) left.push({ leftOn: on, followUps: c.followUps });
    else if (c.status !== 'closed') inProgramme[c.status] += 1;
    if (c.status === 'closed' && c.closingOutcome) leftByOutcome[c.closingOutcome] += 1;
  }
  const horizons: HorizonFigures[] = MILESTONES.map((months) => {
    const h = { months, contacted: 0, childWithFamily: 0, notWithFamily: 0, unknown: 0, notYetDue: 0 };
    for (const c of left) {
      const contact = currentFollowUps(c.leftOn, c.followUps)
        .filter((f) => f.milestone === months)
        .sort((a, b) => a.contactedOn.localeCompare(b.contactedOn))
        .at(-1);
      if (contact) {
        h.contacted += 1;
        if (contact.childWithFamily === 'yes') h.childWithFamily += 1;
        else if (contact.childWithFamily === 'unknown') h.unknown += 1;
        else h.notWithFamily += 1;
      } else if (addMonths(c.leftOn, months) > today) h.notYetDue += 1;
      else h.unknown += 1;
    }
    return { ...h, childWithFamilyShare: h.contacted === 0 ? null : h.childWithFamily / h.contacted };
  });
  return { admitted: cohort.length, inProgramme, left: left.length, leftByOutcome, horizons };
}
