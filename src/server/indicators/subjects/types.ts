// What a subject module is: it turns a period, the caller's programme/branch choice and the filter
// fields in use into a derived table of records (one row a record, or several rows a unit when the
// unit is counted distinct), and each filter into a condition over that table. The engine
// (../compute.ts) puts the aggregates of many indicators over one subject into one statement.
//
// Every source yields these columns, read by the engine as `r.<name>`:
//   unit     what is counted (counted distinct unless `uniqueRows`)
//   case_id  the case the record belongs to (null when none), for the records behind a figure
//   value    the number summed, averaged or taken the median of (null when the subject has none)
//   dim      the disaggregation key (null when not disaggregated or not known)
// plus whatever columns its own filters read.
import { sql, type SQL } from 'drizzle-orm';
import type { Disaggregation } from '../../../domain/indicators/definition.js';

export interface SourceInput {
  from: string;
  to: string;
  programmeId?: string;
  branchId?: string;
  by?: Disaggregation;
  /** Filter fields used by the counts of this statement, so sources join only what they need. */
  fields: ReadonlySet<string>;
}

export type FilterValue = string | number;

export interface SubjectModule {
  /** Subjects with the same key read the same source: their counts go into one statement. */
  sourceKey: string;
  source(input: SourceInput): SQL;
  filter(field: string, values: readonly FilterValue[]): SQL;
  /** Each row is its own unit: count(*) is enough (and much cheaper than count(distinct)). */
  uniqueRows: boolean;
  /** The column counted distinct when rows are not units (`unit` unless said otherwise). */
  unitColumn?: string;
  /** The person a record belongs to, for shares per person (share_average): the family for services. */
  personColumn?: string;
}

export const strings = (values: readonly FilterValue[]) => sql.param(values.map(String));

/** `r.column = any(values)` over text values. */
export const anyText = (column: string, values: readonly FilterValue[]): SQL =>
  sql`${sql.raw(`r.${column}`)} = any(${strings(values)}::text[])`;

/** Place filters shared by the subjects that belong to a case: programme and branch ids. */
export function placeFilter(field: string, values: readonly FilterValue[]): SQL | null {
  if (field === 'programmeId') return sql`r.programme_id = any(${strings(values)}::uuid[])`;
  if (field === 'branchId') return sql`r.branch_id = any(${strings(values)}::uuid[])`;
  return null;
}

/** The caller's programme and branch choice as conditions on the case (alias c) or another row. */
export function placeScope(input: SourceInput, programme: string | null, branch: string): SQL {
  const parts: SQL[] = [];
  if (input.programmeId && programme) parts.push(sql`and ${sql.raw(programme)} = ${input.programmeId}`);
  if (input.branchId) parts.push(sql`and ${sql.raw(branch)} = ${input.branchId}`);
  return sql.join(parts, sql` `);
}

export const unknownFilter = (field: string): never => {
  // Definitions are validated before they are saved or computed (definitionProblems), so this is a
  // programming error: a subject declares a filter its module does not implement.
  throw new Error(`filter ${field} is declared but not implemented`);
};

/** Age in whole years at the end of the period: from the birth date, else the approximate age. */
export function ageBand(alias: string, to: string): SQL {
  const a = sql.raw(alias);
  const age = sql`coalesce(date_part('year', age(${to}::date, ${a}.birth_date))::int, ${a}.approximate_age)`;
  return sql`case when ${age} is null then 'unknown' when ${age} < 3 then '0_2' when ${age} < 7 then '3_6'
    when ${age} < 14 then '7_13' when ${age} < 18 then '14_17' when ${age} < 25 then '18_24' when ${age} < 35 then '25_34'
    when ${age} < 50 then '35_49' else '50_plus' end`;
}

/** A person's own disaggregation key (alias of a members row), or null for the place dimensions. */
export function personDim(by: Disaggregation | undefined, alias: string, to: string): SQL | null {
  const a = sql.raw(alias);
  if (by === 'sex') return sql`${a}.sex`;
  if (by === 'citizenship') return sql`${a}.citizenship`;
  if (by === 'education') return sql`${a}.education`;
  if (by === 'occupation') return sql`${a}.occupation`;
  if (by === 'ageBand') return ageBand(alias, to);
  return null;
}

const PERSON_DIMS: readonly (Disaggregation | undefined)[] = ['sex', 'citizenship', 'ageBand', 'education', 'occupation'];
export const isPersonDim = (by: Disaggregation | undefined) => PERSON_DIMS.includes(by);

/**
 * The family's principal person, for disaggregating family-level records (cases, services, stays)
 * by age band, sex or citizenship: the mother if there is one, else the first member listed.
 */
export function principalJoin(familyColumn: string): SQL {
  return sql`left join lateral (select pm.sex, pm.citizenship, pm.birth_date, pm.approximate_age, pm.education, pm.occupation from members pm
    where pm.family_id = ${sql.raw(familyColumn)} and pm.relation <> 'unborn_child'
    order by (pm.relation = 'mother') desc, pm.position limit 1) pm on true`;
}

/** The disaggregation key of a record that belongs to a case (alias c), with its principal person as pm. */
export function caseDim(input: SourceInput, branchColumn = 'c.branch_id'): SQL {
  if (input.by === 'branch') return sql`${sql.raw(branchColumn)}::text`;
  if (input.by === 'programme') return sql`c.programme_id::text`;
  return personDim(input.by, 'pm', input.to) ?? sql`null::text`;
}

export const caseDimJoin = (input: SourceInput): SQL => (isPersonDim(input.by) ? principalJoin('c.family_id') : sql``);
