// A family's outcomes: every outcome of the framework that applies to the case's programme, with
// the evidence the records give (evidence rules, src/domain/outcomes/evidence.ts) and the marks the
// team put by hand — appended, never overwritten, so the history shows who said what and when.
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { IdParams } from '../../domain/access/contracts.js';
import type { FollowUpView, MarkView } from '../../domain/outcomes/contracts.js';
import { CaseOutcomes, MarkInput, MarkParams, type CaseOutcomeView } from '../../domain/outcomes/contracts.js';
import { evidenceFor } from '../../domain/outcomes/evidence.js';
import { translate } from '../../domain/i18n/index.js';
import { auditIds, writeAudit } from '../audit/audit.js';
import type { Tx } from '../db/engine.js';
import type { Actor } from '../http/context.js';
import { forbidden, invalidField, notFound } from '../http/errors.js';
import { defineRoute } from '../http/route.js';
import { appendEvent } from '../cases/routes.js';
import { caseInScope } from '../cases/scope.js';
import { readFacts } from './facts.js';
import { frameworkFor, toOutcomeView } from './frameworks.js';

type Row = Record<string, unknown>;
const read = { kind: 'permission', permission: 'cases.read', records: 'case_team' } as const;

/**
 * Marking is for those who answer for the case: its lead and team, and the coordinators of its
 * branch. A supervisor reaches the case to oversee it, and reads the outcomes, but does not mark them.
 */
async function mayMark(tx: Tx, actor: Actor, caseId: string): Promise<boolean> {
  const rows = await tx.execute<{ team: boolean; branch_id: string }>(sql`select c.branch_id::text,
    (c.lead_id = ${actor.userId} or exists (select 1 from case_team ct where ct.case_id = c.id and ct.user_id = ${actor.userId}
      and ct.role not in ('volunteer', 'mentor'))) as team
    from cases c where c.id = ${caseId}`);
  const row = rows.rows[0];
  if (!row) return false;
  return row.team || (actor.roles.includes('coordinator') && actor.branchIds.includes(row.branch_id));
}

function toMarkView(row: Row): MarkView {
  return {
    id: row.id as string,
    outcomeId: row.outcome_id as string,
    status: row.status as MarkView['status'],
    on: row.on_date as string,
    note: row.note as string,
    markedBy: row.marked_by_name as string,
    markedAt: new Date(row.created_at as string).toISOString(),
  };
}

async function caseOutcomes(tx: Tx, actor: Actor, caseId: string): Promise<CaseOutcomes> {
  const facts = await readFacts(tx, caseId);
  const frameworkId = await frameworkFor(tx, facts.programmeId);
  // Retired outcomes stay on a case that has marks for them, and so do marks made under another
  // framework (before the programme got its own): shown on the outcome of the same code, or as their own.
  const outcomes = await tx.execute<Row>(sql`select o.* from outcomes o
    where (o.framework_id = ${frameworkId} and not o.retired)
      or exists (select 1 from outcome_marks m where m.outcome_id = o.id and m.case_id = ${caseId})
    order by (o.framework_id = ${frameworkId}) desc, o.position, o.created_at`);
  const marks = await tx.execute<Row>(sql`select m.id::text, m.outcome_id::text, m.status, m.on_date::text, m.note, m.created_at,
      trim(u.last_name || ' ' || u.first_name) as marked_by_name
    from outcome_marks m join users u on u.id = m.marked_by where m.case_id = ${caseId} order by m.created_at desc, m.id`);
  const views = outcomes.rows.map(toOutcomeView);
  const current = views.filter((o) => o.frameworkId === frameworkId);
  const home = new Map<string, string>();
  for (const o of views) {
    const same = o.frameworkId === frameworkId ? o : current.find((x) => x.code !== null && x.code === o.code && !x.retired);
    home.set(o.id, same?.id ?? o.id);
  }
  const shown = views.filter((o) => home.get(o.id) === o.id);
  const items = shown.map((outcome): CaseOutcomeView => {
    const evidence = outcome.frameworkId === frameworkId ? evidenceFor(outcome.evidenceRule, facts) : null;
    const own = marks.rows.filter((m) => home.get(m.outcome_id as string) === outcome.id).map(toMarkView);
    const status = evidence ? 'achieved' : (own[0]?.status ?? 'open');
    return { outcome, status, evidence, marks: own };
  });
  const followUps = await tx.execute<Row>(sql`select fu.id::text, fu.case_id::text, fu.service_id::text, fu.milestone,
      fu.contacted_on::text, fu.child_with_family, fu.housing, fu.place
    from follow_ups fu join services s on s.id = fu.service_id where fu.case_id = ${caseId} and not s.withdrawn
    order by fu.contacted_on desc, fu.created_at desc`);
  return {
    caseId,
    frameworkId,
    canMark: await mayMark(tx, actor, caseId),
    items,
    followUps: followUps.rows.map((r) => ({
      id: r.id as string,
      caseId: r.case_id as string,
      serviceId: r.service_id as string,
      milestone: Number(r.milestone),
      contactedOn: r.contacted_on as string,
      childWithFamily: r.child_with_family as FollowUpView['childWithFamily'],
      housing: r.housing as FollowUpView['housing'],
      place: r.place as string,
    })),
  };
}

export function registerCaseOutcomeRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/cases/:id/outcomes',
    tag: 'outcomes',
    summary: "A family's short-, medium- and long-term outcomes: evidence from the records and marks by the team",
    access: read,
    params: IdParams,
    response: CaseOutcomes,
    handler: async ({ tx, actor, params }) => {
      await caseInScope(tx, actor, params.id);
      return caseOutcomes(tx, actor, params.id);
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/cases/:id/outcomes/:outcomeId/marks',
    tag: 'outcomes',
    summary: 'Mark an outcome achieved or not achieved, with a date and a note (appended to its history)',
    access: read,
    params: MarkParams,
    body: MarkInput,
    response: CaseOutcomes,
    status: 201,
    idempotent: true,
    handler: async ({ tx, actor, audit, params, body, req }) => {
      await caseInScope(tx, actor, params.id);
      if (!(await mayMark(tx, actor, params.id))) throw forbidden();
      const facts = await readFacts(tx, params.id);
      const frameworkId = await frameworkFor(tx, facts.programmeId);
      const outcome = await tx.execute<{ retired: boolean }>(
        sql`select retired from outcomes where id = ${params.outcomeId} and framework_id = ${frameworkId}`,
      );
      if (!outcome.rows[0] || outcome.rows[0].retired) throw notFound();
      if (body.on < facts.openedOn) throw invalidField('on', 'validation.before_start', translate(req.lang, 'validation.before_start'));
      const inserted = await tx.execute<{
        id: string;
      }>(sql`insert into outcome_marks (org_id, case_id, outcome_id, status, on_date, note, marked_by)
        values (${actor.orgId}, ${params.id}, ${params.outcomeId}, ${body.status}, ${body.on}, ${body.note}, ${actor.userId}) returning id::text`);
      const markId = inserted.rows[0]!.id;
      await appendEvent(tx, actor, params.id, 'outcome_marked', { outcomeId: params.outcomeId, markId, status: body.status, on: body.on });
      await writeAudit(tx, audit, {
        action: 'create',
        recordType: 'outcome_mark',
        recordId: markId,
        // The mark itself (status, date, note) is the case's own history, read with the case.
        details: auditIds({ caseId: params.id, outcomeId: params.outcomeId }),
      });
      return caseOutcomes(tx, actor, params.id);
    },
  });
}
