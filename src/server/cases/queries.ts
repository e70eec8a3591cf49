// Reading cases within the caller's scope: the caseload list (filters, search, sort, paging, counts)
// and one case's own row and team. The case page as a whole is put together in case-read.ts; no
// sensitive note is selected here.
import { sql, type SQL } from 'drizzle-orm';
import { daysInProgramme, type CaseStatus } from '../../domain/cases/lifecycle.js';
import { visibleFlags, type RiskFlag, type SensitiveSection } from '../../domain/cases/sensitive.js';
import type { CaseDetail, CaseListQuery, CaseSummary } from '../../domain/cases/contracts.js';
import { ageCodeOf } from '../../domain/families/people.js';
import type { Tx } from '../db/engine.js';
import type { Actor } from '../http/context.js';
import { notFound } from '../http/errors.js';
import { countsInReach, countsOf, sumCounts, type CaseCounts } from './counts.js';
import { caseScope } from './scope.js';
import { pageOfMatches, searchMatches } from './search.js';

type Row = Record<string, unknown>;

// missing_consent: an adult lacks a consent the case's programme requires (programmes.required_consents,
// missingConsents in src/domain/families/consents.ts), as the case page's warning counts.
const SUMMARY_COLUMNS = sql`c.id::text, c.family_id::text, f.name as family_name, c.status, c.programme_id::text, p.name as programme_name,
  c.branch_id::text, b.name as branch_name, c.lead_id::text, trim(u.last_name || ' ' || u.first_name) as lead_name,
  c.opened_on, c.closed_on, c.risk_flags, c.updated_at,
  (select coalesce(json_agg(json_build_object('b', m.birth_date, 'e', m.expected_birth_date, 'a', m.approximate_age) order by m.birth_date desc nulls first), '[]')
     from members m where m.family_id = c.family_id and m.relation in ('child', 'unborn_child')) as children,
  exists (select 1 from members m cross join unnest(p.required_consents) as r(kind)
     where m.family_id = c.family_id and m.relation not in ('child', 'unborn_child')
     and not exists (select 1 from consents k where k.member_id = m.id and k.kind = r.kind and k.withdrawn_on is null)) as missing_consent,
  (select json_build_object(
      'tasksTotal', count(t.id) filter (where t.status <> 'cancelled' and g.status <> 'cancelled'),
      'tasksDone', count(t.id) filter (where t.status = 'done' and g.status <> 'cancelled'),
      'goalsTotal', count(distinct g.id) filter (where g.status <> 'cancelled'),
      'goalsAchieved', count(distinct g.id) filter (where g.status = 'achieved'))
   from plans pl left join plan_goals g on g.plan_id = pl.id left join plan_tasks t on t.goal_id = g.id
   where pl.case_id = c.id group by pl.id) as plan_progress`;

const SUMMARY_FROM = sql`from cases c join families f on f.id = c.family_id join programmes p on p.id = c.programme_id
  join branches b on b.id = c.branch_id join users u on u.id = c.lead_id`;

/** "3 мес." style ages are formatted by the UI; the API says "newborn", "3w", "5m", "2y" (ageCode), "expected 2026-12-01". */
function childAges(children: { b: string | null; e: string | null; a: number | null }[], today: string): string[] {
  return children.map((child) => {
    if (!child.b && child.e) return `expected ${child.e}`;
    return ageCodeOf(child.b, child.a, today) ?? '?';
  });
}

function toProgress(value: unknown): CaseSummary['planProgress'] {
  if (value === null || value === undefined) return null;
  const p = (typeof value === 'string' ? JSON.parse(value) : value) as Record<string, number>;
  const total = Number(p.tasksTotal);
  const done = Number(p.tasksDone);
  return {
    tasksTotal: total,
    tasksDone: done,
    goalsTotal: Number(p.goalsTotal),
    goalsAchieved: Number(p.goalsAchieved),
    share: total === 0 ? null : Math.round((done / total) * 1000) / 1000,
  };
}

function toSummary(row: Row, today: string, sections: readonly SensitiveSection[] | 'strip'): CaseSummary {
  const flags = (row.risk_flags as RiskFlag[]) ?? [];
  const closedOn = row.closed_on === null ? null : String(row.closed_on).slice(0, 10);
  const openedOn = String(row.opened_on).slice(0, 10);
  const children = typeof row.children === 'string' ? JSON.parse(row.children) : row.children;
  return {
    id: row.id as string,
    familyId: row.family_id as string,
    familyName: row.family_name as string,
    childrenAges: childAges(children as never, today),
    status: row.status as CaseStatus,
    programmeId: row.programme_id as string,
    programmeName: row.programme_name as string,
    branchId: row.branch_id as string,
    branchName: row.branch_name as string,
    leadId: row.lead_id as string,
    leadName: row.lead_name as string,
    openedOn,
    closedOn,
    daysInProgramme: daysInProgramme(openedOn, today, closedOn),
    riskFlags: visibleFlags(flags, sections === 'strip' ? [] : sections),
    missingConsent: Boolean(row.missing_consent),
    planProgress: toProgress(row.plan_progress),
    updatedAt: new Date(row.updated_at as string).toISOString(),
  };
}

/** Filters of the list beyond the caller's scope and the branch, over a `cases` row aliased `c`. */
function narrowing(actor: Actor, query: CaseListQuery): SQL[] {
  const filters: SQL[] = [];
  if (query.programmeId) filters.push(sql`c.programme_id = ${query.programmeId}`);
  if (query.leadId) filters.push(sql`c.lead_id = ${query.leadId}`);
  if (query.mine)
    filters.push(
      sql`(c.lead_id = ${actor.userId} or exists (select 1 from case_team mt where mt.case_id = c.id and mt.user_id = ${actor.userId}))`,
    );
  if (query.flag) filters.push(sql`${query.flag} = any(c.risk_flags)`);
  return filters;
}

export async function listCases(tx: Tx, actor: Actor, query: CaseListQuery, today: string) {
  const order = {
    updated: sql`c.updated_at desc, c.id`,
    opened: sql`c.opened_on desc, c.id`,
    name: sql`f.name, c.id`,
    days: sql`c.opened_on asc, c.id`,
  }[query.sort];
  const offset = (query.page - 1) * query.pageSize;
  const sortFrom = query.sort === 'name' ? sql`cases c join families f on f.id = c.family_id` : sql`cases c`;
  const statusIs = query.status ? sql` and c.status = ${query.status}` : sql``;
  const extra = narrowing(actor, query);
  let byStatus: CaseCounts;
  let pageIds: SQL;
  if (query.q) {
    // Searched: the matches come from case_search within the caller's reach (see search.ts); the
    // cases table is joined only for the other filters or another sort.
    const join = extra.length > 0 ? sql.join(extra, sql` and `) : null;
    const found = await searchMatches(tx, { actor, branchId: query.branchId }, query.q, join);
    byStatus = found.counts;
    pageIds =
      join === null && query.sort === 'updated'
        ? pageOfMatches(found.matches, query.status, query.pageSize, offset)
        : sql`select c.id::text as id from ${sortFrom} join (${found.matches}) m on m.case_id = c.id
            where ${join ?? sql`true`}${statusIs} order by ${order} limit ${query.pageSize} offset ${offset}`;
  } else {
    const filters = [caseScope(actor), ...(query.branchId ? [sql`c.branch_id = ${query.branchId}`] : []), ...extra];
    const withoutStatus = sql.join(filters, sql` and `);
    // Narrowed by branch and programme only, the counts of whole branches are kept by the database.
    const countsKept = !query.leadId && !query.mine && !query.flag;
    byStatus = await countsOf(
      tx,
      countsKept
        ? countsInReach(actor, query)
        : sql`select c.status, count(*)::int as n from cases c where ${withoutStatus} group by c.status`,
    );
    pageIds = sql`select c.id::text as id from ${sortFrom} where ${withoutStatus}${statusIs} order by ${order} limit ${query.pageSize} offset ${offset}`;
  }
  const total = query.status ? byStatus[query.status] : sumCounts(byStatus);
  // The page's ids first, then its columns: the per-row subqueries (children, consent, …) run for
  // the rows shown only, never for the whole filtered set or the skipped pages. Two statements, so
  // that the one with the columns has the same text for every page and filter and keeps one plan
  // per connection (planning it took ≈2 ms, running it ≈1 ms); the scope is checked again on the
  // rows shown, whatever found them.
  const page = total <= offset ? [] : (await tx.execute<{ id: string }>(pageIds)).rows.map((row) => row.id);
  const rows =
    page.length === 0
      ? { rows: [] as Row[] }
      : await tx.execute<Row>(
          sql`select ${SUMMARY_COLUMNS} ${SUMMARY_FROM} where c.id = any(${sql.param(page)}::uuid[]) and ${caseScope(actor)}`,
        );
  const position = new Map(page.map((id, i) => [id, i]));
  rows.rows.sort((a, b) => position.get(a.id as string)! - position.get(b.id as string)!);
  // Flags tied to sensitive sections are left out of lists: a list is not a place to read them.
  return { items: rows.rows.map((row) => toSummary(row, today, 'strip')), total, counts: byStatus };
}

export async function getCaseSummary(tx: Tx, actor: Actor, caseId: string, today: string): Promise<Row> {
  const rows = await tx.execute<Row>(sql`select ${SUMMARY_COLUMNS}, c.closing_outcome, c.closing_reason, c.referral_id::text, c.version,
    p.required_consents ${SUMMARY_FROM} where c.id = ${caseId} and ${caseScope(actor)}`);
  const row = rows.rows[0];
  if (!row) throw notFound();
  void today;
  return row;
}

/** The case part of the case page (summary, team, closing, version), flags stripped to the caller's sections. */
export async function caseView(tx: Tx, row: Row, today: string, sections: readonly SensitiveSection[]): Promise<CaseDetail['case']> {
  const team = await tx.execute<{ user_id: string; role: string; name: string }>(sql`
    select t.user_id::text, t.role, trim(u.last_name || ' ' || u.first_name || ' ' || u.middle_name) as name
    from case_team t join users u on u.id = t.user_id where t.case_id = ${row.id as string} order by t.role, u.last_name`);
  return {
    ...toSummary(row, today, sections),
    team: team.rows.map((t) => ({ userId: t.user_id, name: t.name, role: t.role as never })),
    closingOutcome: (row.closing_outcome as never) ?? null,
    closingReason: row.closing_reason as string,
    referralId: (row.referral_id as string | null) ?? null,
    version: Number(row.version),
  };
}
