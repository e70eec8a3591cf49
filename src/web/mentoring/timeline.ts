// The mentoring and away-shift events of the case timeline told in words: a mentor proposed, the
// mentoring begun or ended (with why), a concern a mentor raised, the family on an away shift. Only
// those who read the case see its timeline; mentors never do.
import type { TFunction } from 'i18next';
import type { TimelineEvent } from '../../domain/cases/contracts.js';
import { MATCH_ENDINGS, MATCH_ROLES } from '../../domain/mentoring/contracts.js';
import { formatDate } from '../app/format.js';

const MENTORING_EVENTS = ['mentoring_proposed', 'mentoring_started', 'mentoring_ended', 'mentoring_concern'] as const;
const SHIFT_EVENTS = ['shift_joined', 'shift_left'] as const;
type MentoringEvent = (typeof MENTORING_EVENTS)[number] | (typeof SHIFT_EVENTS)[number];

const oneOf = <T extends string>(list: readonly T[], value: unknown): value is T =>
  typeof value === 'string' && (list as readonly string[]).includes(value);

export const isMentoringEvent = (kind: string): kind is MentoringEvent => oneOf([...MENTORING_EVENTS, ...SHIFT_EVENTS], kind);

export function mentoringEventTitle(t: TFunction, kind: MentoringEvent): string {
  return oneOf(SHIFT_EVENTS, kind) ? t(`shifts.timeline.${kind}`) : t(`mentoring.timeline.${kind}`);
}

/** The lines under the title: who mentors in which role, why it ended, the concern; the shift and its dates. */
export function mentoringEventLines(t: TFunction, event: TimelineEvent): string[] {
  const data = event.data;
  if (oneOf(SHIFT_EVENTS, event.kind)) {
    if (typeof data.title !== 'string' || typeof data.startsOn !== 'string' || typeof data.endsOn !== 'string') return [];
    return [t('shifts.timeline.shift', { title: data.title, from: formatDate(data.startsOn), to: formatDate(data.endsOn) })];
  }
  const lines: string[] = [];
  if (oneOf(MATCH_ROLES, data.role) && typeof data.mentorName === 'string')
    lines.push(t('mentoring.timeline.who', { role: t(`mentoring.matchRoles.${data.role}`), name: data.mentorName }));
  if (oneOf(MATCH_ENDINGS, data.reason)) lines.push(t('mentoring.timeline.reason', { reason: t(`mentoring.endReasons.${data.reason}`) }));
  if (typeof data.concern === 'string' && data.concern) lines.push(data.concern);
  return lines;
}
