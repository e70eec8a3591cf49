// Follow-up contacts after a family left the programme's active phase (its case closed, or moved to
// post-support where the programme counts from there): due 3, 6 and 12 months after leaving (the
// rule is in src/domain/outcomes/follow-up.ts), recorded as a service of type
// follow_up_contact together with the answer that matters most — does the child still live with
// the family — and where the family lives now.
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { FollowUpDueList, FollowUpInput, FollowUpQuery, FollowUpView, type FollowUpDueItem } from '../../domain/outcomes/contracts.js';
import {
  addMonths,
  followUpDue,
  horizonOpensOn,
  leftOn,
  type FollowUpFrom,
  type RecordedFollowUp,
} from '../../domain/outcomes/follow-up.js';
import type { CaseStatus } from '../../domain/cases/lifecycle.js';
import { today as todayIso } from '../../domain/families/people.js';
import { translate } from '../../domain/i18n/index.js';
import { auditIds, writeAudit } from '../audit/audit.js';
import { businessRule, invalidField, notFound } from '../http/errors.js';
import { defineRoute } from '../http/route.js';
import { appendEvent } from '../cases/routes.js';
import { caseScope } from '../cases/scope.js';

type Row = Record<string, unknown>;
const parse = <T>(v: unknown, empty: T): T => (v === null || v === undefined ? empty : ((typeof v === 'string' ? JSON.parse(v) : v) as T));
const read = { kind: 'permission', permission: 'cases.read', records: 'case_team' } as const;
export const FOLLOW_UP_SERVICE = 'follow_up_contact';

/** The day a case's family left the active phase, by its programme's setting (null while it has not). */
function leftOfRow(r: Row): string | null {
  return leftOn(
    r.follow_up_from as FollowUpFrom,
    r.status as CaseStatus,
    (r.closed_on as string | null) ?? null,
    (r.post_support_since as string | null) ?? null,
  );
}

export function registerFollowUpRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/follow-ups',
    tag: 'outcomes',
    summary: 'Follow-up contacts due and overdue for families that left the programme, in the caller’s scope',
    access: read,
    query: FollowUpQuery,
    response: FollowUpDueList,
    handler: async ({ tx, actor, query }) => {
      const today = todayIso();
      // Nothing is listed later than 18 months after leaving (see followUpDue), so older leavings are not read.
      const since = addMonths(today, -19);
      const rows = await tx.execute<Row>(sql`
        select c.id::text as case_id, f.name as family_name, trim(u.last_name || ' ' || u.first_name) as lead_name,
          p.name as programme_name, c.status, c.closed_on::text, c.post_support_since::text, p.follow_up_from, c.closing_outcome,
          (select json_agg(json_build_object('milestone', fu.milestone, 'contactedOn', fu.contacted_on::text, 'childWithFamily', fu.child_with_family))
            from follow_ups fu join services s on s.id = fu.service_id where fu.case_id = c.id and not s.withdrawn) as follow_ups
        from cases c join families f on f.id = c.family_id join users u on u.id = c.lead_id join programmes p on p.id = c.programme_id
        where ((c.status = 'closed' and c.closed_on >= ${since})
          or (c.status = 'post_support' and p.follow_up_from = 'post_support' and c.post_support_since >= ${since}))
          and ${caseScope(actor)}`);
      const items: FollowUpDueItem[] = [];
      for (const r of rows.rows) {
        const left = leftOfRow(r);
        if (!left) continue;
        const due = followUpDue(left, parse<RecordedFollowUp[]>(r.follow_ups, []), today);
        if (!due || (query.status && due.status !== query.status)) continue;
        items.push({
          caseId: r.case_id as string,
          familyName: r.family_name as string,
          leadName: r.lead_name as string,
          programmeName: r.programme_name as string,
          leftOn: left,
          closedOn: (r.closed_on as string | null) ?? null,
          closingOutcome: (r.closing_outcome as FollowUpDueItem['closingOutcome']) ?? null,
          ...due,
        });
      }
      items.sort((a, b) => Number(b.status === 'overdue') - Number(a.status === 'overdue') || a.dueOn.localeCompare(b.dueOn));
      return { items };
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/follow-ups',
    tag: 'outcomes',
    summary: 'Record a follow-up contact with a family that left (a service; safe to retry with an Idempotency-Key)',
    access: read,
    body: FollowUpInput,
    response: FollowUpView,
    status: 201,
    idempotent: true,
    handler: async ({ tx, actor, audit, body, req }) => {
      const found = await tx.execute<Row>(sql`
        select c.status, c.closed_on::text, c.post_support_since::text, p.follow_up_from
        from cases c join programmes p on p.id = c.programme_id where c.id = ${body.caseId} and ${caseScope(actor)}`);
      const c = found.rows[0];
      if (!c) throw notFound();
      const left = leftOfRow(c);
      if (!left) throw businessRule('outcomes.errors.not_left');
      if (body.contactedOn < left)
        throw invalidField('contactedOn', 'validation.before_leaving', translate(req.lang, 'validation.before_leaving'));
      // A "6 months" contact is one made about six months after leaving, not on the day of it.
      const opens = horizonOpensOn(left, body.milestone);
      if (body.contactedOn < opens)
        throw invalidField('contactedOn', 'validation.before_horizon', translate(req.lang, 'validation.before_horizon', { date: opens }), {
          date: opens,
        });
      const type = await tx.execute<{ id: string }>(
        sql`select id::text from service_types where code = ${FOLLOW_UP_SERVICE} and not retired`,
      );
      if (!type.rows[0]) throw businessRule('outcomes.errors.no_follow_up_type');
      const service = await tx.execute<{ id: string }>(sql`insert into services
        (org_id, case_id, type_id, date, duration_minutes, format, initiated_by, specialist_ids, note, created_by)
        values (${actor.orgId}, ${body.caseId}, ${type.rows[0].id}, ${body.contactedOn}, ${body.durationMinutes}, ${body.format}, 'team',
          ${`{${actor.userId}}`}::uuid[], ${body.note}, ${actor.userId}) returning id::text`);
      const serviceId = service.rows[0]!.id;
      const inserted = await tx.execute<{ id: string }>(sql`insert into follow_ups
        (org_id, case_id, service_id, milestone, contacted_on, child_with_family, housing, place, created_by)
        values (${actor.orgId}, ${body.caseId}, ${serviceId}, ${body.milestone}, ${body.contactedOn}, ${body.childWithFamily},
          ${body.housing}, ${body.place}, ${actor.userId}) returning id::text`);
      const id = inserted.rows[0]!.id;
      await appendEvent(tx, actor, body.caseId, 'service_recorded', {
        serviceId,
        typeCode: FOLLOW_UP_SERVICE,
        date: body.contactedOn,
        durationMinutes: body.durationMinutes,
        initiatedBy: 'team',
      });
      await appendEvent(tx, actor, body.caseId, 'follow_up_recorded', {
        followUpId: id,
        milestone: body.milestone,
        contactedOn: body.contactedOn,
        childWithFamily: body.childWithFamily,
      });
      await writeAudit(tx, audit, {
        action: 'create',
        recordType: 'follow_up',
        recordId: id,
        // Where the child lives and when the family was reached are case content: kept on the follow-up.
        details: { ...auditIds({ caseId: body.caseId, serviceId }), milestone: body.milestone },
      });
      return {
        id,
        caseId: body.caseId,
        serviceId,
        milestone: body.milestone,
        contactedOn: body.contactedOn,
        childWithFamily: body.childWithFamily,
        housing: body.housing,
        place: body.place,
      };
    },
  });
}
