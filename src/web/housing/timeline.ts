// The housing events of the case timeline told as a story: which room, from which date, until when,
// why — instead of their codes (stay_checked_in, stay_extended, …). The birth of a child is told here
// too, since it usually happens during a stay.
import type { TFunction } from 'i18next';
import type { TimelineEvent } from '../../domain/cases/contracts.js';
import { LEAVE_REASONS, RESIDENT_JOIN_REASONS, RESIDENT_LEAVE_REASONS } from '../../domain/housing/contracts.js';
import { formatDate } from '../app/format.js';

export const HOUSING_EVENT_KINDS = [
  'stay_checked_in',
  'stay_extended',
  'stay_moved',
  'stay_checked_out',
  'stay_resident_joined',
  'stay_resident_left',
  'birth',
] as const;
export type HousingEventKind = (typeof HOUSING_EVENT_KINDS)[number];

export const isHousingEvent = (kind: string): kind is HousingEventKind => (HOUSING_EVENT_KINDS as readonly string[]).includes(kind);

const oneOf = <T extends string>(list: readonly T[], value: unknown): value is T =>
  typeof value === 'string' && (list as readonly string[]).includes(value);
const date = (value: unknown) => (typeof value === 'string' ? formatDate(value) : '—');

export function housingEventTitle(t: TFunction, kind: HousingEventKind): string {
  switch (kind) {
    case 'stay_resident_joined':
    case 'stay_resident_left':
    case 'birth':
      return t(`stays.timeline.${kind}`);
    case 'stay_checked_in':
    case 'stay_checked_out':
    case 'stay_extended':
    case 'stay_moved':
      return t(`housing.timeline.${kind}`);
  }
}

/** The lines under a housing event's title; `members` names the family's people by id. */
export function housingEventLines(t: TFunction, event: TimelineEvent, members: Map<string, string>): string[] {
  const data = event.data;
  const who = members.get(String(data.memberId ?? '')) ?? '';
  switch (event.kind as HousingEventKind) {
    case 'stay_checked_in':
      return [
        t('stays.timeline.checkedIn', {
          room: typeof data.roomName === 'string' ? data.roomName : '—',
          date: date(data.checkInOn),
          planned: date(data.plannedLeaveOn),
        }),
      ];
    case 'stay_extended': {
      const planned = (data.plannedLeaveOn ?? {}) as { from?: unknown; to?: unknown };
      const lines = [
        t('stays.timeline.extended', { from: date(planned.from), to: date(planned.to), on: date(data.on ?? event.occurredOn) }),
      ];
      if (typeof data.reason === 'string' && data.reason) lines.push(t('stays.timeline.reason', { reason: data.reason }));
      return lines;
    }
    case 'stay_moved':
      return [t('stays.timeline.moved', { room: typeof data.roomName === 'string' ? data.roomName : '—', date: date(data.on) })];
    case 'stay_checked_out':
      return [
        t('stays.timeline.checkedOut', {
          date: date(data.on),
          reason: oneOf(LEAVE_REASONS, data.reason) ? t(`housing.leaveReasons.${data.reason}`) : '—',
        }),
      ];
    case 'stay_resident_joined':
      return [
        t('stays.timeline.resident', {
          name: who || '—',
          reason: oneOf(RESIDENT_JOIN_REASONS, data.reason) ? t(`stays.joinReasons.${data.reason}`) : '—',
          date: date(data.on),
        }),
      ];
    case 'stay_resident_left':
      return [
        t('stays.timeline.resident', {
          name: who || '—',
          reason: oneOf(RESIDENT_LEAVE_REASONS, data.reason) ? t(`stays.leaveReasons.${data.reason}`) : '—',
          date: date(data.on),
        }),
      ];
    case 'birth':
      return [
        t('stays.timeline.born', {
          name: typeof data.firstName === 'string' && data.firstName ? data.firstName : who || '—',
          date: date(data.birthDate),
        }),
      ];
    default:
      return [];
  }
}
