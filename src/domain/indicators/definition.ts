// Indicators as data: what is counted (a subject over one kind of record), with which filters, and
// the measure. Definitions are validated here — an unknown field or value, a proportion without its
// denominator, a measure the subject has no value for, or a circular reference is refused with a
// message naming the place — so that every definition the organisation saves can be computed. The
// SQL that computes them lives in the server (src/server/indicators/subjects/*), one module a subject.
import { z } from 'zod';
import { Localized, RISK_LEVELS } from '../assessments/template.js';
import { CASE_STATUSES, CLOSING_OUTCOMES } from '../cases/lifecycle.js';
import { RISK_FLAGS } from '../cases/sensitive.js';
import { REFERRAL_SOURCES, REFERRAL_STATUSES } from '../referrals/contracts.js';
import { EDUCATION_LEVELS, OCCUPATIONS } from '../families/contracts.js';
import { uuid } from '../validation.js';
import { AID_GROUPS, AID_KINDS, DELIVERY_MODES } from '../aid/contracts.js';
import { PARTNER_KINDS, TAKEN_UP } from '../partners/contracts.js';
import { TRAINING_KINDS } from '../trainings/contracts.js';
import { LOG_KINDS, MATCH_ROLES, MENTOR_KINDS } from '../mentoring/contracts.js';
import { TASK_KINDS } from '../volunteers/contracts.js';

/** Accepted values of a filter: a closed list, ids, free codes (e.g. service type codes) or a number. */
export type FilterValues = readonly string[] | 'uuid' | 'code' | 'number';

const SERVICE_CATEGORIES = [
  'psychological',
  'legal',
  'social',
  'medical',
  'documents',
  'employment',
  'visit',
  'post_support',
  'specialist',
  'other',
] as const;
const RELATIONS = ['mother', 'father', 'partner', 'child', 'grandmother', 'grandfather', 'other_relative'] as const;
const SEXES = ['female', 'male', 'unknown'] as const;
export const AGE_BANDS = ['0_2', '3_6', '7_13', '14_17', '18_24', '25_34', '35_49', '50_plus', 'unknown'] as const;
const LEAVE_REASONS = [
  'graduated',
  'to_relatives',
  'shared_rent',
  'home_country',
  'other_shelter',
  'left_voluntarily',
  'asked_to_leave',
  'hospital',
] as const;

/** Case events an indicator over families or cases can count (see the subject modules for the dates). */
export const CASE_EVENTS = ['under_support', 'opened', 'closed', 'post_support_started'] as const;
/** `returned`: a check-in in the period of a family that had left an earlier stay (a move between facilities is not a return). */
export const STAY_EVENTS = ['present', 'checked_in', 'checked_out', 'returned'] as const;
const GROUP_KINDS = ['parents_club', 'house_meeting', 'workshop', 'group_therapy', 'away_shift', 'other'] as const;
/** Kinds of house journal entries (src/domain/housing/contracts.ts JOURNAL_KINDS). */
const JOURNAL_KINDS = ['event', 'visitor', 'incident', 'handover', 'rules_ack', 'violation', 'duty', 'child_care', 'walk'] as const;

const place = { programmeId: 'uuid', branchId: 'uuid' } as const;
const caseFilters = {
  ...place,
  event: CASE_EVENTS,
  caseStatus: CASE_STATUSES,
  closingOutcome: CLOSING_OUTCOMES,
  serviceCategory: SERVICE_CATEGORIES,
  serviceType: 'code',
  riskFlag: RISK_FLAGS,
  documents: ['missing_on_admission', 'all_restored'],
  socialContacts: ['reconnected'],
  firstPlan: ['drawn_up', 'on_time'],
  /** Where the referral that opened the case came from (cases opened without a referral have none). */
  referralSource: REFERRAL_SOURCES,
  /** The kind of partner organisation the case's referral came from (the directory; none: not counted). */
  referralPartnerKind: PARTNER_KINDS,
} as const;
const serviceFilters = {
  ...place,
  serviceCategory: SERVICE_CATEGORIES,
  serviceType: 'code',
  initiatedBy: ['client', 'team'],
  format: ['in_person', 'phone', 'online', 'home_visit', 'at_shelter'],
  /** Whom the service was given to: some member of the family listed on it has this relation. */
  memberRelation: RELATIONS,
} as const;
const personFilters = {
  sex: SEXES,
  citizenship: 'code',
  ageBand: AGE_BANDS,
  education: EDUCATION_LEVELS,
  occupation: OCCUPATIONS,
} as const;
const aidFilters = { ...place, itemCode: 'code', itemGroup: AID_GROUPS, itemKind: AID_KINDS, delivery: DELIVERY_MODES } as const;
const trainingFilters = { ...place, trainingKind: TRAINING_KINDS, caseManagement: ['true', 'false'] } as const;

/**
 * What an indicator counts, the filters each subject understands, and — for sum, average and
 * median — the value each record carries (null: the subject can only be counted).
 */
export const SUBJECTS = {
  /** Distinct families with a case in the period (a family with two cases counts once). */
  families: { filters: caseFilters, value: null },
  cases: { filters: caseFilters, value: null },
  /** Distinct families that received a service in the period (read with the services, in one pass). */
  families_served: { filters: serviceFilters, value: null },
  /** Members of the families under support in the period. */
  people: { filters: { ...place, relation: RELATIONS, ...personFilters }, value: null },
  children: { filters: { ...place, ...personFilters }, value: null },
  /** Women and children placed in a shelter or crisis apartment during the period. */
  residents: { filters: { ...place, facilityId: 'uuid', person: ['woman', 'child'], ...personFilters }, value: null },
  services: { filters: serviceFilters, value: 'hours' },
  hours: { filters: serviceFilters, value: 'hours' },
  sessions: { filters: { ...place, groupKind: GROUP_KINDS }, value: 'hours' },
  /** Distinct people who attended a group session held in the period (house meetings, workshops…). */
  attendance: { filters: { ...place, groupKind: GROUP_KINDS, relation: RELATIONS }, value: null },
  stays: { filters: { ...place, facilityId: 'uuid', event: STAY_EVENTS, leaveReason: LEAVE_REASONS }, value: 'days' },
  bed_nights: { filters: { ...place, facilityId: 'uuid', person: ['woman', 'child'] }, value: 'nights' },
  tasks: {
    filters: {
      ...place,
      taskStatus: ['planned', 'in_progress', 'done', 'not_done', 'cancelled'],
      responsibleKind: ['staff', 'mother', 'relative', 'mentor', 'organization'],
    },
    value: null,
  },
  /**
   * People assessed in the period. `scale` names a scale (a template's domain) that the score
   * filters then look at (any scale without it); `latest`: only the person's latest assessment of
   * the template by the period's end; `scoreAtLeast` / `scoreAtMost` / `level` on that scale's
   * score or level; `scaleImprovedBy N`: that scale's score at least N above the person's first.
   */
  assessments: {
    filters: {
      ...place,
      templateCode: 'code',
      repeated: ['true'],
      domainImprovedBy: 'number',
      scale: 'code',
      latest: ['true'],
      scoreAtLeast: 'number',
      scoreAtMost: 'number',
      level: RISK_LEVELS,
      scaleImprovedBy: 'number',
    },
    value: null,
  },
  /** Referrals received in the period, by where they came from and what became of them. */
  referrals: {
    filters: {
      ...place,
      referralSource: REFERRAL_SOURCES,
      referralStatus: REFERRAL_STATUSES,
      urgency: ['low', 'normal', 'high', 'emergency'],
      /** The kind of partner organisation it came from ("15 referred by the guardianship service"). */
      referralPartnerKind: PARTNER_KINDS,
      /** Signposted elsewhere: was the help taken up (unknown until followed up). */
      signpostTakenUp: TAKEN_UP,
    },
    value: null,
  },
  /**
   * Families whose outcome was achieved in the period: the records prove it (an evidence rule with
   * its date in the period) or the team marked it achieved on a date in the period (the latest mark).
   */
  outcomes: { filters: { ...place, outcomeCode: 'code', achievedBy: ['evidence', 'mark'] }, value: null },
  /** Entries of the house journal written in the period (a "walk with the child", a duty, an incident…). */
  house_journal: { filters: { ...place, facilityId: 'uuid', journalKind: JOURNAL_KINDS }, value: null },
  /** Aid handed out in the period, one approved line each ("13 stoves repaired"); the value is the quantity. */
  aid: { filters: aidFilters, value: 'quantity' },
  /** The same lines; the value is what they were worth in roubles. */
  aid_value: { filters: aidFilters, value: 'roubles' },
  /** Families that received aid in the period ("firewood to 23 families"). */
  aid_families: { filters: aidFilters, value: null },
  /**
   * Partner organisations with a cooperation agreement in force on some day of the period (one unit
   * a partner, counted once however many agreements). The directory is the organisation's, so a
   * programme or branch choice does not narrow it.
   */
  partner_agreements: { filters: { partnerKind: PARTNER_KINDS }, value: null },
  /**
   * Distinct people (external specialists and own staff) who completed a training in the period;
   * `caseManagement: true` keeps those who learned the case-management technology. City and region
   * are the specialist's (own staff: the branch's that held the training).
   */
  trained_specialists: {
    filters: { ...trainingFilters, participantKind: ['specialist', 'staff'], profession: 'code', city: 'code', region: 'code' },
    value: null,
  },
  /** Training sessions held in the period; the value is their hours. */
  training_hours: { filters: trainingFilters, value: 'hours' },
  /** Trainings (internships, seminars…) whose dates overlap the period. */
  trainings_held: { filters: trainingFilters, value: null },
  /** Consultations given to external specialists in the period; the value is their hours. */
  specialist_consultations: { filters: { ...place, aboutCase: ['true', 'false'] }, value: 'hours' },
  /**
   * Away profile shifts that ended in the period; `held: with_summary` keeps those held with
   * diagnostics at the start and the end, the analysis and the summary. The value is their days.
   */
  shifts: { filters: { ...place, held: ['with_summary'] }, value: 'days' },
  /**
   * Mentoring (issue 14): mentors who completed the training (programme and primary diagnostic) in
   * the period; matches running in the period (status: active — still running at its end); the
   * families with one; the log's hours; mentors registered in the period whose own family was
   * mentored before (a mentored family became a resource family). Mentors belong to their branch.
   */
  trained_mentors: { filters: { branchId: 'uuid', mentorKind: MENTOR_KINDS }, value: null },
  mentoring_matches: { filters: { ...place, matchRole: MATCH_ROLES, matchStatus: ['active'] }, value: null },
  mentored_families: { filters: { ...place, matchRole: MATCH_ROLES, matchStatus: ['active'] }, value: null },
  mentoring_hours: { filters: { ...place, matchRole: MATCH_ROLES, logKind: LOG_KINDS }, value: 'hours' },
  mentored_to_mentor: { filters: { branchId: 'uuid', mentorKind: MENTOR_KINDS }, value: null },
  /**
   * Volunteers (issue 18): volunteers who completed at least one shift in the period (active is
   * what they did, not a status); the hours of completed shifts by the shift's day; volunteers who
   * became active for the first time in the period; teams formed by the period's end and not
   * disbanded (per branch, that is per city). Volunteers, tasks and teams belong to their branch.
   */
  volunteers: { filters: { branchId: 'uuid', taskKind: TASK_KINDS }, value: null },
  volunteer_hours: { filters: { branchId: 'uuid', taskKind: TASK_KINDS }, value: 'hours' },
  new_volunteers: { filters: { branchId: 'uuid' }, value: null },
  volunteer_teams: { filters: { branchId: 'uuid' }, value: null },
} as const satisfies Record<string, { filters: Record<string, FilterValues>; value: string | null }>;
export type Subject = keyof typeof SUBJECTS;
export const SUBJECT_CODES = Object.keys(SUBJECTS) as [Subject, ...Subject[]];

export const Filter = z.strictObject({
  field: z.string().min(1).max(60),
  /** One or more accepted values (OR); a number for thresholds like domainImprovedBy. */
  values: z
    .array(z.union([z.string().max(100), z.number()]))
    .min(1)
    .max(50),
});
export type Filter = z.infer<typeof Filter>;

export const Count = z.strictObject({ subject: z.enum(SUBJECT_CODES), filters: z.array(Filter).max(10).default([]) });
export type Count = z.infer<typeof Count>;

export const MEASURE_KINDS = ['count', 'sum', 'average', 'median', 'proportion', 'share_average', 'ratio'] as const;
/** Subjects whose records belong to a person (a family) — those a share per person can be taken over. */
export const PER_PERSON_SUBJECTS: readonly Subject[] = ['services', 'hours'];
export const Measure = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('count'), of: Count }),
  z.strictObject({ kind: z.literal('sum'), of: Count }),
  z.strictObject({ kind: z.literal('average'), of: Count }),
  z.strictObject({ kind: z.literal('median'), of: Count }),
  /** A percentage (0–100) of numerator over denominator, each counted on its own. */
  z.strictObject({ kind: z.literal('proportion'), numerator: Count.nullable(), denominator: Count.nullable() }),
  /**
   * The average over people (families) of each one's own share, in percent: numerator ÷ denominator
   * counted per family (e.g. the consultations she asked for herself among all of hers), then
   * averaged over the families with a non-zero denominator. Both parts count the same subject.
   */
  z.strictObject({ kind: z.literal('share_average'), numerator: Count.nullable(), denominator: Count.nullable() }),
  /** One indicator's value divided by another's (e.g. hours per family). */
  z.strictObject({ kind: z.literal('ratio'), numeratorCode: z.string().max(60), denominatorCode: z.string().max(60) }),
]);
export type Measure = z.infer<typeof Measure>;

export const DISAGGREGATIONS = [
  'branch',
  'programme',
  'ageBand',
  'sex',
  'citizenship',
  'education',
  'occupation',
  /** Where the people trained come from (trainings only; other subjects have no city). */
  'city',
  'region',
] as const;
export type Disaggregation = (typeof DISAGGREGATIONS)[number];
export const INDICATOR_GROUPS = ['people', 'work', 'quality'] as const;
export type IndicatorGroup = (typeof INDICATOR_GROUPS)[number];
export const DIRECTIONS = ['higher', 'lower'] as const;

export const IndicatorDefinition = z.strictObject({
  code: z.string().regex(/^[a-z][a-z0-9_]{0,59}$/, { message: 'i18n:invalid_code' }),
  name: Localized,
  group: z.enum(INDICATOR_GROUPS).default('work'),
  measure: Measure,
  disaggregations: z.array(z.enum(DISAGGREGATIONS)).max(DISAGGREGATIONS.length).default([]),
  /** An indicator of one programme: it appears only in that programme's report. Absent: every programme's. */
  programmeId: uuid.optional(),
  /** `lower`: a smaller figure is the better one (average length of stay); absent: higher is better. */
  direction: z.enum(DIRECTIONS).optional(),
  /** Shown in plan vs actual even without a target (a figure funders read, such as post-support). */
  alwaysInReport: z.boolean().optional(),
});
export type IndicatorDefinition = z.infer<typeof IndicatorDefinition>;

export interface DefinitionProblem {
  path: string;
  /** i18n key under validation.* */
  code: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function valueProblem(accepted: FilterValues, value: string | number): boolean {
  if (accepted === 'number') return typeof value !== 'number' || !Number.isFinite(value);
  if (typeof value !== 'string') return true;
  if (accepted === 'uuid') return !UUID.test(value);
  if (accepted === 'code') return value.trim() === '';
  return !accepted.includes(value);
}

function countProblems(count: Count | null, path: string, needsValue: boolean): DefinitionProblem[] {
  if (count === null) return [{ path, code: 'indicator_missing_part' }];
  const subject = SUBJECTS[count.subject];
  const filters = subject.filters as Record<string, FilterValues>;
  const problems: DefinitionProblem[] = [];
  if (needsValue && subject.value === null) problems.push({ path: `${path}.subject`, code: 'indicator_no_value' });
  count.filters.forEach((filter, i) => {
    const accepted = Object.hasOwn(filters, filter.field) ? filters[filter.field] : undefined;
    if (accepted === undefined) problems.push({ path: `${path}.filters.${i}.field`, code: 'indicator_unknown_field' });
    else if (filter.values.some((v) => valueProblem(accepted, v)))
      problems.push({ path: `${path}.filters.${i}.values`, code: 'indicator_unknown_value' });
    else if (accepted === 'number' && filter.values.length !== 1)
      problems.push({ path: `${path}.filters.${i}.values`, code: 'indicator_one_value' });
  });
  return problems;
}

/**
 * What makes a definition impossible to compute, given the other definitions it may refer to:
 * unknown filter fields or values, a proportion with a missing part, a sum over a subject that has
 * nothing to add up, a reference to an unknown indicator, or references that come back to itself.
 */
export function definitionProblems(definition: IndicatorDefinition, others: ReadonlyMap<string, IndicatorDefinition>): DefinitionProblem[] {
  const m = definition.measure;
  switch (m.kind) {
    case 'count':
      return countProblems(m.of, 'measure.of', false);
    case 'sum':
    case 'average':
    case 'median':
      return countProblems(m.of, 'measure.of', true);
    case 'proportion':
      return [...countProblems(m.numerator, 'measure.numerator', false), ...countProblems(m.denominator, 'measure.denominator', false)];
    case 'share_average': {
      const problems = [
        ...countProblems(m.numerator, 'measure.numerator', false),
        ...countProblems(m.denominator, 'measure.denominator', false),
      ];
      if (m.denominator && !PER_PERSON_SUBJECTS.includes(m.denominator.subject))
        problems.push({ path: 'measure.denominator.subject', code: 'indicator_not_per_person' });
      if (m.numerator && m.denominator && m.numerator.subject !== m.denominator.subject)
        problems.push({ path: 'measure.numerator.subject', code: 'indicator_same_subject' });
      return problems;
    }
    case 'ratio': {
      const problems: DefinitionProblem[] = [];
      for (const [field, code] of [
        ['numeratorCode', m.numeratorCode],
        ['denominatorCode', m.denominatorCode],
      ] as const) {
        if (code !== definition.code && !others.has(code)) problems.push({ path: `measure.${field}`, code: 'indicator_unknown_reference' });
      }
      if (refersTo(definition, definition.code, new Map([...others, [definition.code, definition]]), new Set())) {
        problems.push({ path: 'measure', code: 'indicator_circular' });
      }
      return problems;
    }
  }
}

function refersTo(
  definition: IndicatorDefinition,
  target: string,
  all: ReadonlyMap<string, IndicatorDefinition>,
  seen: Set<string>,
): boolean {
  if (definition.measure.kind !== 'ratio') return false;
  for (const code of [definition.measure.numeratorCode, definition.measure.denominatorCode]) {
    if (code === target) return true;
    if (seen.has(code)) continue;
    seen.add(code);
    const next = all.get(code);
    if (next && refersTo(next, target, all, seen)) return true;
  }
  return false;
}

/** The counts an indicator is made of (none for a ratio, which refers to other indicators). */
export function countsOf(measure: Measure): { part: 'value' | 'numerator' | 'denominator'; count: Count }[] {
  switch (measure.kind) {
    case 'proportion':
    case 'share_average':
      return [
        ...(measure.numerator ? [{ part: 'numerator' as const, count: measure.numerator }] : []),
        ...(measure.denominator ? [{ part: 'denominator' as const, count: measure.denominator }] : []),
      ];
    case 'ratio':
      return [];
    case 'count':
    case 'sum':
    case 'average':
    case 'median':
      return [{ part: 'value', count: measure.of }];
  }
}
