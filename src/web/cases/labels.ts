// How casework values read: ages the way people say them («3 мес.», «2 года», through formatAge),
// status colours, and the compact age codes the API sends in lists ("5m", "2y", "expected 2026-12-01").
import type { TFunction } from 'i18next';
import type { CaseStatus } from '../../domain/cases/lifecycle.js';
import type { MemberView } from '../../domain/families/contracts.js';
import { ageAt, today } from '../../domain/families/people.js';
import type { ReferralStatus } from '../../domain/referrals/contracts.js';
import { formatAge, formatDate, fullName } from '../app/format.js';

export const CASE_STATUS_COLOR: Record<CaseStatus, string> = {
  intake: 'blue',
  active: 'green',
  post_support: 'teal',
  closed: 'gray',
};

export const REFERRAL_STATUS_COLOR: Record<ReferralStatus, string> = {
  new: 'blue',
  intake_scheduled: 'violet',
  admitted: 'green',
  waitlisted: 'yellow',
  signposted: 'gray',
  declined: 'gray',
  merged: 'gray',
};

export const URGENCY_COLOR = { low: 'gray', normal: 'blue', high: 'orange', emergency: 'red' } as const;

/** The age of a family member, or when an unborn child is expected. */
export function memberAge(t: TFunction, member: Pick<MemberView, 'birthDate' | 'expectedBirthDate' | 'approximateAge'>): string {
  if (member.birthDate) return formatAge(t, ageAt(member.birthDate, today()));
  if (member.expectedBirthDate) return t('cases.age.expected', { date: formatDate(member.expectedBirthDate) });
  if (member.approximateAge !== null)
    return t('cases.age.approximate', { age: formatAge(t, { unit: 'years', count: member.approximateAge }) });
  return '';
}

/** An age code from a list answer: "newborn", "3w", "5m", "2y", "expected 2026-12-01" or "?". */
export function ageCode(t: TFunction, code: string): string {
  const expected = /^expected (\d{4}-\d{2}-\d{2})$/.exec(code);
  if (expected) return t('cases.age.expected', { date: formatDate(expected[1]!) });
  return formatAge(t, code);
}

export function isChild(member: Pick<MemberView, 'relation'>): boolean {
  return member.relation === 'child' || member.relation === 'unborn_child';
}

export function memberLabel(member: Pick<MemberView, 'lastName' | 'firstName' | 'middleName'>): string {
  return fullName(member) || '—';
}
