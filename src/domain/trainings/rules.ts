// Pure rules of trainings: the completion rule (attended at least N hours, and a post-test score at
// least M when the event asks for one), the hours an event's sessions may add up to, and certificate
// numbers ("2026-0001": numbered per organisation and calendar year of issue). The server enforces
// them; the web shows the same answers before anything is sent.

export interface CompletionRule {
  minHours: number;
  minPostScore: number | null;
}

export interface Progress {
  attendedHours: number;
  postScore: number | null;
}

export type CompletionProblem = 'not_enough_hours' | 'post_test_missing' | 'post_test_below';

/** Rounds hours to the quarter-hour precision they are kept in, so sums of sessions do not drift. */
export const roundHours = (hours: number) => Math.round(hours * 100) / 100;

/** Why a participant has not completed by the event's rule, or null when they have. */
export function completionProblem(rule: CompletionRule, progress: Progress): CompletionProblem | null {
  if (roundHours(progress.attendedHours) < roundHours(rule.minHours)) return 'not_enough_hours';
  // Nobody completes an event they did not attend at all, whatever its rule says.
  if (progress.attendedHours <= 0) return 'not_enough_hours';
  if (rule.minPostScore !== null) {
    if (progress.postScore === null) return 'post_test_missing';
    if (progress.postScore < rule.minPostScore) return 'post_test_below';
  }
  return null;
}

/** The hours attended: the sum of the hours of the sessions a participant was present at. */
export function attendedHours(sessions: readonly { id: string; hours: number }[], attended: ReadonlySet<string>): number {
  return roundHours(sessions.filter((s) => attended.has(s.id)).reduce((sum, s) => sum + s.hours, 0));
}

/** Hours credited for professional development: what was attended, once the event is completed. */
export const cpdHours = (attended: number, completed: boolean) => (completed ? roundHours(attended) : 0);

export type EventProblem = { field: 'endsOn'; code: 'ends_before_start' } | { field: 'minHours'; code: 'rule_over_length' };

/** What is wrong with an event's own dates and rule (the sessions are judged by `sessionProblem`). */
export function eventProblems(event: { startsOn: string; endsOn: string; hours: number; minHours: number }): EventProblem[] {
  const problems: EventProblem[] = [];
  if (event.endsOn < event.startsOn) problems.push({ field: 'endsOn', code: 'ends_before_start' });
  if (roundHours(event.minHours) > roundHours(event.hours)) problems.push({ field: 'minHours', code: 'rule_over_length' });
  return problems;
}

export type SessionProblem = { field: 'heldOn'; code: 'outside_event' } | { field: 'hours'; code: 'over_length' | 'over_day' };

/**
 * What is wrong with a session of an event: a date outside the event's dates, more hours than the
 * event has left (`otherHours`: the other sessions' total), or more than a day holds with the
 * other sessions of that day (`sameDayHours`).
 */
export function sessionProblem(
  event: { startsOn: string; endsOn: string; hours: number },
  session: { heldOn: string; hours: number },
  otherHours: number,
  sameDayHours: number,
): SessionProblem | null {
  if (session.heldOn < event.startsOn || session.heldOn > event.endsOn) return { field: 'heldOn', code: 'outside_event' };
  if (roundHours(otherHours + session.hours) > roundHours(event.hours)) return { field: 'hours', code: 'over_length' };
  if (roundHours(sameDayHours + session.hours) > 24) return { field: 'hours', code: 'over_day' };
  return null;
}

/** A certificate's number: the year of issue and its place in that year's numbering («2026-0001»). */
export function certificateNumber(year: number, sequence: number): string {
  return `${year}-${String(sequence).padStart(4, '0')}`;
}

/** The sequences a batch of certificates issued in `year` takes, after the highest already given that year. */
export function nextSequences(highestThisYear: number | null, count: number): number[] {
  const start = (highestThisYear ?? 0) + 1;
  return Array.from({ length: count }, (_, i) => start + i);
}
