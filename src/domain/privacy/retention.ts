// Retention: when a record's purpose is over and its personal data is due for destruction, and what
// stops a destruction (legal hold). Pure rules; the server finds the records and their facts.
//
// Periods are the organisation's (retention_settings): closed cases N years after closure, referrals
// that ended without help (declined, signposted) M months after they ended, applications of volunteers
// who never started M months after the application, and volunteers who started and then left K years
// after the day they left (the volunteers area registers both through the registry hook in
// src/server/privacy/registry.ts). The special-category data of a person who
// withdrew the consent is due 30 days after the withdrawal (152-FZ art. 21 part 5), not by a setting.
import { addCalendarDays } from './deadlines.js';

export const RECORD_KINDS = ['family', 'referral', 'special_categories', 'volunteer_application', 'former_volunteer'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

export const WITHDRAWAL_DESTRUCTION_DAYS = 30;

export function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** The first day a record may be destroyed: `ended` plus the period. */
export function dueFrom(
  kind: RecordKind,
  ended: string,
  settings: { closedCaseYears: number; declinedReferralMonths: number; volunteerApplicationMonths: number; formerVolunteerYears: number },
): string {
  switch (kind) {
    case 'family':
      return addMonths(ended, settings.closedCaseYears * 12);
    case 'referral':
      return addMonths(ended, settings.declinedReferralMonths);
    case 'volunteer_application':
      return addMonths(ended, settings.volunteerApplicationMonths);
    case 'former_volunteer':
      return addMonths(ended, settings.formerVolunteerYears * 12);
    case 'special_categories':
      return addCalendarDays(ended, WITHDRAWAL_DESTRUCTION_DAYS);
  }
}

export const HOLD_REASONS = [
  'open_case',
  'retention_not_expired',
  'open_request',
  'mentor_family',
  'already_destroyed',
  'not_ended',
] as const;
export type HoldReason = (typeof HOLD_REASONS)[number];

export interface HoldFacts {
  openCases: number;
  dueFrom: string | null;
  openRequests: number;
  mentorFamily: boolean;
  destroyed: boolean;
}

/**
 * Why a record may not be destroyed today, or null. A deletion or consent-withdrawal request of the
 * person (the basis `subject_request`) lifts the retention period, nothing else: an open case, another
 * open request of the person (an access request still to answer) or a registered mentor family holds.
 */
export function holdReason(
  facts: HoldFacts,
  today: string,
  basis: 'retention' | 'subject_request' | 'consent_withdrawn',
): HoldReason | null {
  if (facts.destroyed) return 'already_destroyed';
  if (facts.openCases > 0) return 'open_case';
  if (facts.mentorFamily) return 'mentor_family';
  if (facts.openRequests > 0) return 'open_request';
  if (basis === 'retention') {
    if (facts.dueFrom === null) return 'not_ended';
    if (facts.dueFrom > today) return 'retention_not_expired';
  }
  return null;
}
