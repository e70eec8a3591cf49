// Which consents a case needs, and which of them are missing (issue 12, point 9). The warning on the
// case page and the caseload's "consent missing" mark count only the consents the case's programme
// requires (a programme setting, programmes.required_consents): an optional consent the mother
// declined (photos, passing data to third parties) is her choice, not a gap, so it must never keep
// the warning on for good. The special-category consent is asked for where it is needed — by the
// sensitive sections (152-FZ art. 10), which name it — unless a programme requires it of everyone.
import type { SensitiveSection } from '../cases/sensitive.js';
import { CONSENT_KINDS } from './contracts.js';

export type ConsentKind = (typeof CONSENT_KINDS)[number];

/**
 * What a programme requires unless its admin says otherwise (the column's default in migration
 * 0034). Processing a person's data for casework at all rests on the personal-data consent
 * (152-FZ art. 9); the others are optional.
 */
export const DEFAULT_REQUIRED_CONSENTS = ['personal_data'] as const satisfies readonly ConsentKind[];

/** A programme's required kinds as stored and shown: each once, in the order of CONSENT_KINDS. */
export function requiredConsentsOf(kinds: readonly ConsentKind[]): ConsentKind[] {
  return CONSENT_KINDS.filter((kind) => kinds.includes(kind));
}

/** The consent a note in each sensitive section needs from the person it is about (art. 10). */
export const SECTION_CONSENT = {
  health: 'special_categories',
  mental_state: 'special_categories',
  addiction: 'special_categories',
  criminal_record: 'special_categories',
  domestic_violence: 'special_categories',
} as const satisfies Record<SensitiveSection, ConsentKind>;

/**
 * Who gives consent for themselves: the adults of the family. A child's data is covered by the
 * mother's consent as the legal representative, and an expected child has no data of its own yet.
 */
export function givesOwnConsent(member: { relation: string }): boolean {
  return member.relation !== 'child' && member.relation !== 'unborn_child';
}

interface ConsentRecord {
  memberId: string;
  kind: string;
  withdrawnOn: string | null;
}

/** Whether a person has a consent of this kind in force (given and not withdrawn). */
export function hasConsent(consents: readonly ConsentRecord[], memberId: string, kind: ConsentKind): boolean {
  return consents.some((c) => c.memberId === memberId && c.kind === kind && c.withdrawnOn === null);
}

/**
 * For each adult, the consent kinds the programme requires (`required`) that are not in force (never
 * given, or withdrawn); only those lacking one.
 */
export function missingConsents(
  members: readonly { id: string; relation: string }[],
  consents: readonly ConsentRecord[],
  required: readonly ConsentKind[],
): { memberId: string; kinds: ConsentKind[] }[] {
  return members
    .filter(givesOwnConsent)
    .map((member) => ({ memberId: member.id, kinds: required.filter((kind) => !hasConsent(consents, member.id, kind)) }))
    .filter((entry) => entry.kinds.length > 0);
}
