// Indicators as data: what is counted (a subject over one kind of record), with which filters, and
// the measure. Definitions are validated here — an unknown field, a proportion without its
// denominator or a circular reference is refused with a message naming the place — so that every
// definition the organisation saves can be computed. The SQL that computes them lives in the server.
import { z } from 'zod';
import { Localized } from '../assessments/template.js';

/** What an indicator counts, and the filters each subject understands. */
export const SUBJECTS = {
  families: ['programmeId', 'branchId', 'caseStatus', 'closingOutcome', 'serviceCategory', 'serviceType', 'riskFlag'],
  people: ['programmeId', 'branchId', 'relation', 'sex', 'citizenship', 'ageBand'],
  children: ['programmeId', 'branchId', 'sex', 'ageBand'],
  cases: ['programmeId', 'branchId', 'caseStatus', 'closingOutcome', 'event', 'riskFlag'],
  services: ['programmeId', 'branchId', 'serviceCategory', 'serviceType', 'initiatedBy', 'format'],
  hours: ['programmeId', 'branchId', 'serviceCategory', 'serviceType', 'initiatedBy', 'format'],
  sessions: ['branchId', 'groupKind'],
  stays: ['branchId', 'facilityId', 'checkoutReason'],
  bed_nights: ['branchId', 'facilityId'],
  tasks: ['programmeId', 'branchId', 'taskStatus', 'responsibleKind'],
  assessments: ['programmeId', 'branchId', 'templateCode', 'domainImprovedBy'],
} as const;
export type Subject = keyof typeof SUBJECTS;
export const SUBJECT_CODES = Object.keys(SUBJECTS) as [Subject, ...Subject[]];

export const Filter = z.strictObject({
  field: z.string().min(1).max(60),
  /** One or more accepted values (OR); numbers for thresholds like domainImprovedBy. */
  values: z
    .array(z.union([z.string().max(100), z.number()]))
    .min(1)
    .max(50),
});
export type Filter = z.infer<typeof Filter>;

export const Count = z.strictObject({ subject: z.enum(SUBJECT_CODES), filters: z.array(Filter).max(10).default([]) });
export type Count = z.infer<typeof Count>;

export const Measure = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('count'), of: Count }),
  z.strictObject({ kind: z.literal('sum'), of: Count }),
  z.strictObject({ kind: z.literal('average'), of: Count }),
  z.strictObject({ kind: z.literal('median'), of: Count }),
  z.strictObject({ kind: z.literal('proportion'), numerator: Count.nullable(), denominator: Count.nullable() }),
  /** Another indicator's value (e.g. a ratio of two library indicators). */
  z.strictObject({ kind: z.literal('ratio'), numeratorCode: z.string(), denominatorCode: z.string() }),
]);
export type Measure = z.infer<typeof Measure>;

export const DISAGGREGATIONS = ['branch', 'programme', 'ageBand', 'sex', 'citizenship'] as const;

export const IndicatorDefinition = z.strictObject({
  code: z.string().regex(/^[a-z][a-z0-9_]{0,59}$/, { message: 'i18n:invalid_code' }),
  name: Localized,
  measure: Measure,
  disaggregations: z.array(z.enum(DISAGGREGATIONS)).max(DISAGGREGATIONS.length).default([]),
});
export type IndicatorDefinition = z.infer<typeof IndicatorDefinition>;

export interface DefinitionProblem {
  path: string;
  /** i18n key under validation.* */
  code: string;
}

function countProblems(count: Count | null, path: string): DefinitionProblem[] {
  if (count === null) return [{ path, code: 'indicator_missing_part' }];
  const allowed = SUBJECTS[count.subject] as readonly string[];
  return count.filters.flatMap((filter, i) =>
    allowed.includes(filter.field) ? [] : [{ path: `${path}.filters.${i}.field`, code: 'indicator_unknown_field' }],
  );
}

/**
 * What makes a definition impossible to compute, given the other definitions it may refer to:
 * unknown filter fields, a proportion with a missing part, a reference to an unknown indicator,
 * or a chain of references that comes back to itself.
 */
export function definitionProblems(definition: IndicatorDefinition, others: ReadonlyMap<string, IndicatorDefinition>): DefinitionProblem[] {
  const m = definition.measure;
  switch (m.kind) {
    case 'count':
    case 'sum':
    case 'average':
    case 'median':
      return countProblems(m.of, 'measure.of');
    case 'proportion':
      return [...countProblems(m.numerator, 'measure.numerator'), ...countProblems(m.denominator, 'measure.denominator')];
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
