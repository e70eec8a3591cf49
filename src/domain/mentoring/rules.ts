// Pure rules of mentoring: the mentor's status path, the training completion rule, capacity, the
// match's path and suggestions. The server enforces them; the web shows the same answers before
// anything is sent.
import type { ExperienceTag, MatchRole, MatchStatus, MentorKind, MentorStatus } from './contracts.js';

/**
 * Where a mentor may go from each status by hand. `trained` is reached only by completing the
 * training (the completion rule), and `in_training` by enrolling in a cohort, so neither is here.
 */
export const MENTOR_TRANSITIONS = {
  candidate: ['withdrawn'],
  in_training: ['candidate', 'withdrawn'],
  trained: ['active', 'paused', 'withdrawn'],
  active: ['paused', 'withdrawn'],
  paused: ['active', 'withdrawn'],
  withdrawn: ['candidate'],
} as const satisfies Record<MentorStatus, readonly MentorStatus[]>;

export const canMoveMentor = (from: MentorStatus, to: MentorStatus): boolean =>
  (MENTOR_TRANSITIONS[from] as readonly MentorStatus[]).includes(to);

/** A pause or a withdrawal says why. */
export const reasonRequired = (to: MentorStatus): boolean => to === 'paused' || to === 'withdrawn';

/** Statuses in which a mentor may be proposed to a family. */
export const MATCHABLE: readonly MentorStatus[] = ['trained', 'active'];

export interface CompletionFacts {
  /** Sessions in the programme (M). */
  sessions: number;
  /** Attended at least this many (N). */
  minSessions: number;
  /** Distinct sessions the mentor attended on or before the completion date. */
  attended: number;
  /** The best primary diagnostic on or before the completion date: passed or not; null when none. */
  diagnosticPassed: boolean | null;
}

export type CompletionProblem = 'attendance' | 'diagnostic';

/** What stands between a mentor and completing the training: [] when the rule holds. */
export function completionProblems(facts: CompletionFacts): CompletionProblem[] {
  const problems: CompletionProblem[] = [];
  if (facts.attended < Math.min(facts.minSessions, facts.sessions)) problems.push('attendance');
  if (facts.diagnosticPassed !== true) problems.push('diagnostic');
  return problems;
}

/** Passed when the total over the template's domains reaches the programme's pass score. */
export function diagnosticPassed(domainScores: readonly { score: number | null }[], passScore: number): { score: number; passed: boolean } {
  const score = Math.round(domainScores.reduce((sum, d) => sum + (d.score ?? 0), 0) * 100) / 100;
  return { score, passed: domainScores.some((d) => d.score !== null) && score >= passScore };
}

/** A resource family mentors as a mentor family; a specialist or volunteer as a mentoring specialist. */
export const matchRoleOf = (kind: MentorKind): MatchRole => (kind === 'resource_family' ? 'mentor_family' : 'mentoring_specialist');

/** Proposed and active matches take a place; a mentor at capacity takes no more. */
export const hasFreePlace = (capacity: number, load: number): boolean => load < capacity;

export const MATCH_TRANSITIONS = {
  proposed: ['active', 'ended'],
  active: ['ended'],
  ended: [],
} as const satisfies Record<MatchStatus, readonly MatchStatus[]>;

/** What a match still needs before it can start: both sides' agreement. */
export function startProblems(match: {
  familyAgreedOn: string | null;
  mentorAgreedOn: string | null;
}): ('familyAgreedOn' | 'mentorAgreedOn')[] {
  const problems: ('familyAgreedOn' | 'mentorAgreedOn')[] = [];
  if (!match.familyAgreedOn) problems.push('familyAgreedOn');
  if (!match.mentorAgreedOn) problems.push('mentorAgreedOn');
  return problems;
}

export interface Candidate {
  experience: readonly ExperienceTag[];
  locality: string;
  branchId: string;
  capacity: number;
  load: number;
}

const norm = (value: string) => value.trim().toLocaleLowerCase('ru').replace(/ё/g, 'е');

/** The mentor's place named in the family's address (town or district), case and ё aside. */
export function sameLocality(mentorLocality: string, familyAddresses: readonly string[]): boolean {
  const place = norm(mentorLocality);
  return place.length > 1 && familyAddresses.some((address) => norm(address).includes(place));
}

/**
 * How well a mentor suits a family: two points per shared experience, one for the same locality,
 * one for the same branch; mentors without a free place are not suggested at all.
 */
export function suggestionScore(
  mentor: Candidate,
  family: { experience: readonly ExperienceTag[]; addresses: readonly string[]; branchId: string },
): { score: number; matchingExperience: ExperienceTag[]; sameLocality: boolean; sameBranch: boolean; free: number } | null {
  const free = mentor.capacity - mentor.load;
  if (free <= 0) return null;
  const matchingExperience = mentor.experience.filter((tag) => family.experience.includes(tag));
  const local = sameLocality(mentor.locality, family.addresses);
  const branch = mentor.branchId === family.branchId;
  return {
    score: matchingExperience.length * 2 + (local ? 1 : 0) + (branch ? 1 : 0),
    matchingExperience,
    sameLocality: local,
    sameBranch: branch,
    free,
  };
}

/** A child's age as the mentor sees it: months under two ("8m"), years after ("3y"). */
export function childAge(birthDate: string | null, approximateAge: number | null, today: string): string | null {
  if (!birthDate) return approximateAge === null ? null : `${approximateAge}y`;
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  let months = (ty - by) * 12 + (tm - bm) - (td < bd ? 1 : 0);
  if (months < 0) months = 0;
  return months < 24 ? `${months}m` : `${Math.floor(months / 12)}y`;
}
