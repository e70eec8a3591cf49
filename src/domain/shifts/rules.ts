// The rules of an away profile shift, pure so the server, the web and the indicator agree:
// its days, where it stands, and when it counts as "held with diagnostics, analysis and summary" —
// the figure a mentoring programme's funder asks for ("away profile shifts with diagnostics, analysis
// and a summary of results: 2 of 2"). The indicator's SQL (src/server/indicators/subjects/shifts.ts)
// states the same rule; the server's test checks the two agree.
import { compareScores, type Domain, type DomainChange, type DomainScore } from '../assessments/template.js';

/** A shift is residential and lasts days, not months: a longer span is a typing mistake. */
export const MAX_SHIFT_DAYS = 31;

export const SHIFT_STATUSES = ['planned', 'running', 'ended', 'held_with_summary'] as const;
export type ShiftStatus = (typeof SHIFT_STATUSES)[number];
export const SHIFT_MISSING = ['end', 'participants', 'diagnostics_start', 'diagnostics_end', 'analysis', 'summary'] as const;
export type ShiftMissing = (typeof SHIFT_MISSING)[number];

const DAY = 86_400_000;
const toTime = (day: string) => Date.parse(`${day}T00:00:00Z`);

/** The days of a shift, first to last, inclusive. */
export function shiftDays(startsOn: string, endsOn: string): string[] {
  const days: string[] = [];
  for (let t = toTime(startsOn); t <= toTime(endsOn); t += DAY) days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}

export const shiftLength = (startsOn: string, endsOn: string) => Math.round((toTime(endsOn) - toTime(startsOn)) / DAY) + 1;

export interface ShiftFacts {
  startsOn: string;
  endsOn: string;
  /** Each participating family (by its case) and which stages of the diagnostic it has. */
  families: readonly { caseId: string; start: boolean; end: boolean }[];
  analysis: boolean;
  summary: boolean;
}

/**
 * What the shift lacks to count as held with diagnostics, analysis and summary, judged on `asOf`:
 * it has ended (its last day has come), it had families, every family was diagnosed at the start and
 * at the end (a family-level template, or any of its members), and the analysis and the summary are
 * written. Empty: it counts.
 */
export function missingForHeld(shift: ShiftFacts, asOf: string): ShiftMissing[] {
  const missing: ShiftMissing[] = [];
  if (shift.endsOn > asOf) missing.push('end');
  if (shift.families.length === 0) missing.push('participants');
  else {
    if (shift.families.some((f) => !f.start)) missing.push('diagnostics_start');
    if (shift.families.some((f) => !f.end)) missing.push('diagnostics_end');
  }
  if (!shift.analysis) missing.push('analysis');
  if (!shift.summary) missing.push('summary');
  return missing;
}

export const heldWithSummary = (shift: ShiftFacts, asOf: string): boolean => missingForHeld(shift, asOf).length === 0;

export function shiftStatus(shift: ShiftFacts, asOf: string): ShiftStatus {
  if (shift.startsOn > asOf) return 'planned';
  if (shift.endsOn > asOf) return 'running';
  return heldWithSummary(shift, asOf) ? 'held_with_summary' : 'ended';
}

export interface DiagnosticScores {
  stage: 'start' | 'end';
  caseId: string;
  memberId: string | null;
  templateCode: string;
  conductedOn: string;
  scores: readonly DomainScore[];
}

export interface ParticipantChange {
  caseId: string;
  memberId: string | null;
  templateCode: string;
  scales: DomainChange[];
}

/**
 * The analysis' figures: for each participant (a family or a member) diagnosed with a template both at
 * the start and at the end, the change on every scale of the template (better / same / worse, as the
 * template says which way is better). A participant diagnosed at one stage only has no change.
 */
export function diagnosticChanges(
  diagnostics: readonly DiagnosticScores[],
  templates: ReadonlyMap<string, readonly Domain[]>,
): ParticipantChange[] {
  const key = (d: DiagnosticScores) => `${d.caseId}|${d.memberId ?? ''}|${d.templateCode}`;
  const pairs = new Map<string, { start?: DiagnosticScores; end?: DiagnosticScores }>();
  for (const d of diagnostics) {
    const pair = pairs.get(key(d)) ?? {};
    pair[d.stage] = d;
    pairs.set(key(d), pair);
  }
  const changes: ParticipantChange[] = [];
  for (const { start, end } of pairs.values()) {
    if (!start || !end) continue;
    const domains = templates.get(start.templateCode);
    if (!domains) continue;
    changes.push({
      caseId: start.caseId,
      memberId: start.memberId,
      templateCode: start.templateCode,
      scales: compareScores(domains, start.scores, end.scores),
    });
  }
  return changes;
}
