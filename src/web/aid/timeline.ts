// How aid events read in the case timeline: «Запрошена помощь», «Помощь одобрена», «Помощь выдана»…
// The details of a request (items, reason, decision) are on the case's Aid tab.
import type { TFunction } from 'i18next';

const AID_EVENTS = ['aid_requested', 'aid_approved', 'aid_declined', 'aid_handed_out', 'aid_cancelled'] as const;
type AidEvent = (typeof AID_EVENTS)[number];

export const isAidEvent = (kind: string): kind is AidEvent => (AID_EVENTS as readonly string[]).includes(kind);

export function aidEventTitle(t: TFunction, kind: AidEvent): string {
  return t(`aid.timeline.${kind}`);
}
