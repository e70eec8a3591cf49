// Counts per status of a caseload. Whole branches are counted by the database as cases change
// (case_counts, migration 0018, kept by triggers); only the rest is counted from the rows.
import { sql, type SQL } from 'drizzle-orm';
import type { CaseListQuery } from '../../domain/cases/contracts.js';
import type { CaseStatus } from '../../domain/cases/lifecycle.js';
import type { Tx } from '../db/engine.js';
import type { Actor } from '../http/context.js';
import { ownCaseIds, responsibleBranches } from './scope.js';

export type CaseCounts = Record<CaseStatus, number>;

/** Runs a statement answering (status, n) rows; statuses it does not name count zero. */
export async function countsOf(tx: Tx, statement: SQL): Promise<CaseCounts> {
  const counts = await tx.execute<{ status: CaseStatus; n: number }>(statement);
  const byStatus: CaseCounts = { intake: 0, active: 0, post_support: 0, closed: 0 };
  for (const row of counts.rows) byStatus[row.status] = Number(row.n);
  return byStatus;
}

export const sumCounts = (counts: CaseCounts) => Object.values(counts).reduce((a, b) => a + b, 0);

/**
 * Counts per status of the caller's whole reach, narrowed by branch and programme only: the whole
 * branches they are responsible for from case_counts, their own cases elsewhere from the rows —
 * the same as counting caseScope's cases, without reading a branch case by case (≈3–4 ms for a
 * branch of 26,000 cases on every page turn).
 */
export function countsInReach(actor: Actor, query: Pick<CaseListQuery, 'branchId' | 'programmeId'>): SQL {
  const responsible = responsibleBranches(actor);
  const branches = responsible.filter((id) => !query.branchId || id === query.branchId);
  const inProgramme = (alias: string) => (query.programmeId ? sql` and ${sql.raw(alias)}.programme_id = ${query.programmeId}` : sql``);
  const inBranch = query.branchId ? sql` and c.branch_id = ${query.branchId}` : sql``;
  const own = sql`select c.status, count(*)::int as n from cases c
    where c.id in (${ownCaseIds(actor)}) and not c.branch_id = any(${sql.param(responsible)}::uuid[])${inBranch}${inProgramme('c')} group by c.status`;
  if (branches.length === 0) return own;
  return sql`select status, sum(n)::int as n from (
      select k.status, k.cases as n from case_counts k where k.branch_id = any(${sql.param(branches)}::uuid[])${inProgramme('k')}
      union all ${own}) counted group by status`;
}
