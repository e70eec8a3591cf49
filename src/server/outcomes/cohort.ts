// Cohort figures: the families admitted to a programme in a period (opened_on within it), where
// they are now, and what follow-up contacts found at 3, 6 and 12 months after leaving — leaving as
// the programme counts it (its closing, or the move to post-support: programmes.follow_up_from),
// by the same rule as the follow-up list (leftOn in src/domain/outcomes/follow-up.ts). Figures
// only — no names, no ids — so anyone answering for results (indicators.read) may see them.
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { Cohort, CohortQuery } from '../../domain/outcomes/contracts.js';
import { computeCohort, type CohortCase, type FollowUpFrom, type RecordedFollowUp } from '../../domain/outcomes/follow-up.js';
import { today as todayIso } from '../../domain/families/people.js';
import { defineRoute } from '../http/route.js';
import { cellRule, countCell } from '../indicators/small-cells.js';

const parse = <T>(v: unknown, empty: T): T => (v === null || v === undefined ? empty : ((typeof v === 'string' ? JSON.parse(v) : v) as T));

/**
 * The cohort as this reader may see it (issue 11, point 6): each figure by status, closing outcome
 * and follow-up finding is a cell of families, hidden under the organisation's threshold ("<N", a
 * share on a hidden count "—") from a reader who cannot open the cases behind it (the M&E officer,
 * another branch's coordinator); the coordinators and supervisors of the branches of its cases read it exactly.
 * The number admitted is the programme's total and stays, unless narrowed to one branch (its cell).
 */
function suppressCohort(cohort: Cohort, exact: boolean, threshold: number, branchId: string | undefined): Cohort {
  if (exact) return cohort;
  const cell = (value: number | string) => (typeof value === 'number' ? countCell(value, false, threshold) : value);
  const byOutcome = Object.fromEntries(Object.entries(cohort.leftByOutcome).map(([k, v]) => [k, cell(v)])) as Cohort['leftByOutcome'];
  return {
    admitted: branchId ? cell(cohort.admitted) : cohort.admitted,
    inProgramme: {
      intake: cell(cohort.inProgramme.intake),
      active: cell(cohort.inProgramme.active),
      post_support: cell(cohort.inProgramme.post_support),
    },
    left: cell(cohort.left),
    leftByOutcome: byOutcome,
    horizons: cohort.horizons.map((h) => {
      const contacted = cell(h.contacted);
      return {
        months: h.months,
        contacted,
        childWithFamily: cell(h.childWithFamily),
        notWithFamily: cell(h.notWithFamily),
        unknown: cell(h.unknown),
        notYetDue: cell(h.notYetDue),
        childWithFamilyShare: typeof contacted === 'string' && h.childWithFamilyShare !== null ? '—' : h.childWithFamilyShare,
      };
    }),
  };
}

export function registerCohortRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/outcomes/cohort',
    tag: 'outcomes',
    summary: 'A cohort of families admitted in a period: where they are now and at 3, 6 and 12 months after leaving (figures only)',
    access: { kind: 'permission', permission: 'indicators.read', records: 'organization' },
    query: CohortQuery,
    response: Cohort,
    handler: async ({ tx, actor, query }) => {
      const rows = await tx.execute<Record<string, unknown>>(sql`
        select c.family_id::text, c.branch_id::text, c.opened_on::text, c.status, c.closed_on::text, c.post_support_since::text, p.follow_up_from,
          c.closing_outcome,
          (select json_agg(json_build_object('milestone', fu.milestone, 'contactedOn', fu.contacted_on::text, 'childWithFamily', fu.child_with_family))
            from follow_ups fu join services s on s.id = fu.service_id where fu.case_id = c.id and not s.withdrawn) as follow_ups
        from cases c join programmes p on p.id = c.programme_id
        where c.programme_id = ${query.programmeId} and c.opened_on >= ${query.from} and c.opened_on <= ${query.to}
          ${query.branchId ? sql`and c.branch_id = ${query.branchId}` : sql``}`);
      const cases: CohortCase[] = rows.rows.map((r) => ({
        familyId: r.family_id as string,
        openedOn: r.opened_on as string,
        status: r.status as CohortCase['status'],
        closedOn: (r.closed_on as string | null) ?? null,
        postSupportSince: (r.post_support_since as string | null) ?? null,
        followUpFrom: r.follow_up_from as FollowUpFrom,
        closingOutcome: (r.closing_outcome as CohortCase['closingOutcome']) ?? null,
        followUps: parse<RecordedFollowUp[]>(r.follow_ups, []),
      }));
      // Exact for a reader who opens every case behind the figures: the branches of the cohort's cases.
      const rule = await cellRule(tx, actor, query);
      const exact = rows.rows.every((r) => rule.exact(r.branch_id as string));
      return suppressCohort(computeCohort(cases, todayIso()), exact, rule.threshold, query.branchId);
    },
  });
}
