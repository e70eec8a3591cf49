// Group work: parents' club, house meetings, workshops, group therapy, away profile shifts; sessions
// with facilitators and attendance of families from cases (outside participants are only counted).
// Attendance shows in each family's timeline. A reader sees attendees by first name only, and only
// those of cases in their own scope; the rest are counted.
//
// Who reaches a session (issue 11): sessions are scoped like the cases they serve (groupScope). A
// session outside the caller's reach reads as 404 and is absent from the list. The M&E officer (and
// whoever holds indicators.read) gets counts per branch and kind, never a topic, summary or name,
// with small counts suppressed where she cannot open the branch's cases.
import { sql, type SQL } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { IdParams } from '../../domain/access/contracts.js';
import {
  AttendanceInput,
  GroupCounts,
  GroupCountsQuery,
  GroupSessionInput,
  GroupSessionList,
  GroupSessionView,
} from '../../domain/services/contracts.js';
import { isoDate, uuid } from '../../domain/validation.js';
import { translate } from '../../domain/i18n/index.js';
import type { FieldError } from '../../domain/errors.js';
import { auditCode, writeAudit } from '../audit/audit.js';
import type { Tx } from '../db/engine.js';
import type { Actor } from '../http/context.js';
import { AppError, invalidField, notFound } from '../http/errors.js';
import { defineRoute } from '../http/route.js';
import { caseScope, responsibleBranches } from '../cases/scope.js';
import { appendEvent } from '../cases/routes.js';
import { cellRule, suppressedCell } from '../indicators/small-cells.js';

type Row = Record<string, unknown>;
const manage = { kind: 'permission', permission: 'groups.manage', records: 'organization' } as const;

/**
 * Predicate over a `group_sessions` row aliased `alias`: the caller reaches a session when she
 * facilitates it or recorded it, is a coordinator or supervisor responsible for its branch (who
 * reaches every case of the branch), or reaches the case of a family that attended it (its lead and
 * team; volunteers excepted, as for cases). Sessions carry no programme of their own — the
 * programmes they serve are those of the attending families' cases, so the last rule covers them.
 * A session no family has attended yet is therefore seen by the branch's coordinators and
 * supervisors, its facilitators and whoever recorded it; they mark attendance of the families they
 * reach, and each family's team then sees the session. Volunteers see only what they facilitate.
 */
export function groupScope(actor: Actor, alias = 'g'): SQL {
  const g = sql.raw(alias);
  const branches = responsibleBranches(actor);
  return sql`(${actor.userId}::uuid = any(${g}.facilitator_ids) or ${g}.created_by = ${actor.userId}
    or ${branches.length === 0 ? sql`false` : sql`${g}.branch_id in ${branches}`}
    or exists (select 1 from group_attendance ga join cases gc on gc.id = ga.case_id
      where ga.session_id = ${g}.id and ${caseScope(actor, 'gc')}))`;
}

async function getSession(tx: Tx, actor: Actor, id: string): Promise<GroupSessionView> {
  const rows = await tx.execute<Row>(sql`select g.*,
      (select json_agg(json_build_object('id', u.id, 'name', trim(u.last_name || ' ' || u.first_name))) from users u where u.id = any(g.facilitator_ids)) as facilitators,
      (select count(*)::int from group_attendance a where a.session_id = g.id) as attendee_count
    from group_sessions g where g.id = ${id} and ${groupScope(actor)}`);
  const row = rows.rows[0];
  if (!row) throw notFound();
  const attendees = await tx.execute<Row>(sql`select a.case_id::text, a.member_id::text, m.first_name
    from group_attendance a join members m on m.id = a.member_id join cases c on c.id = a.case_id
    where a.session_id = ${id} and ${caseScope(actor)} order by m.first_name`);
  const parse = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);
  return {
    id: row.id as string,
    branchId: row.branch_id as string,
    kind: row.kind as GroupSessionView['kind'],
    series: row.series as string,
    topic: row.topic as string,
    date: String(row.date).slice(0, 10),
    endDate: row.end_date === null ? null : String(row.end_date).slice(0, 10),
    durationMinutes: Number(row.duration_minutes),
    facilitators: (parse(row.facilitators) as { id: string; name: string }[] | null) ?? [],
    outsideAdults: Number(row.outside_adults),
    outsideChildren: Number(row.outside_children),
    summary: row.summary as string,
    attendees: attendees.rows.map((a) => ({
      caseId: a.case_id as string,
      memberId: a.member_id as string,
      firstName: a.first_name as string,
    })),
    attendeeCount: Number(row.attendee_count),
  };
}

export function registerGroupRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/group-sessions',
    tag: 'groups',
    summary: 'Group sessions within the caller’s reach in a period (facilitated, of the branch she oversees, or attended by her families)',
    access: { kind: 'signed_in', records: 'organization' },
    query: z.strictObject({ from: isoDate.optional(), to: isoDate.optional(), branchId: uuid.optional() }),
    response: GroupSessionList,
    handler: async ({ tx, actor, query }) => {
      const where: SQL[] = [groupScope(actor)];
      if (query.from) where.push(sql`g.date >= ${query.from}`);
      if (query.to) where.push(sql`g.date <= ${query.to}`);
      if (query.branchId) where.push(sql`g.branch_id = ${query.branchId}`);
      const ids = await tx.execute<{ id: string }>(
        // Newest recorded first on the same day, then by id: one order every time (the export repeats it).
        sql`select g.id::text from group_sessions g where ${sql.join(where, sql` and `)} order by g.date desc, g.created_at desc, g.id limit 200`,
      );
      const items: GroupSessionView[] = [];
      for (const { id } of ids.rows) items.push(await getSession(tx, actor, id));
      return { items };
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/group-sessions/counts',
    tag: 'groups',
    summary: 'Group work in a period as counts per branch and kind (sessions, minutes, attendances) — no topics, summaries or names',
    access: { kind: 'permission', permission: 'indicators.read', records: 'organization' },
    query: GroupCountsQuery,
    response: GroupCounts,
    handler: async ({ tx, actor, query }) => {
      // Each branch's line is a cell: small counts hidden from a reader who cannot open that
      // branch's cases (the M&E officer), exactly for its coordinators and supervisors — who reach
      // every session of their branch with its attendance anyway (issue 11, defect 6).
      const rule = await cellRule(tx, actor, {});
      const count = (value: number, exact: boolean) => (exact ? value : (suppressedCell('count', { value }, rule.threshold) ?? value));
      const to = query.to ?? new Date().toISOString().slice(0, 10);
      const from = query.from ?? `${to.slice(0, 4)}-01-01`;
      const rows = await tx.execute<Row>(sql`select g.branch_id::text, b.name as branch_name, g.kind, count(*)::int as sessions,
          sum(g.duration_minutes)::int as minutes, sum((select count(*) from group_attendance a where a.session_id = g.id))::int as attendances,
          sum(g.outside_adults)::int as outside_adults, sum(g.outside_children)::int as outside_children
        from group_sessions g join branches b on b.id = g.branch_id
        where g.date between ${from} and ${to}
        group by g.branch_id, b.name, g.kind order by b.name, g.kind`);
      return {
        from,
        to,
        items: rows.rows.map((r) => {
          const exact = rule.exact(r.branch_id as string);
          return {
            branchId: r.branch_id as string,
            branchName: r.branch_name as string,
            kind: r.kind as GroupCounts['items'][number]['kind'],
            sessions: count(Number(r.sessions), exact),
            minutes: Number(r.minutes),
            attendances: count(Number(r.attendances), exact),
            outsideAdults: count(Number(r.outside_adults), exact),
            outsideChildren: count(Number(r.outside_children), exact),
          };
        }),
      };
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/group-sessions/:id',
    tag: 'groups',
    summary: 'One group session with its attendance (first names of families in the caller’s scope)',
    access: { kind: 'signed_in', records: 'organization' },
    params: IdParams,
    response: GroupSessionView,
    handler: async ({ tx, actor, params }) => getSession(tx, actor, params.id),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/group-sessions',
    tag: 'groups',
    summary: 'Record a group session (a one-off or one of a series; an away shift spans several days)',
    access: manage,
    body: GroupSessionInput,
    response: GroupSessionView,
    status: 201,
    idempotent: true,
    handler: async ({ tx, actor, audit, body, req }) => {
      const branch = await tx.execute(sql`select 1 from branches where id = ${body.branchId}`);
      if (branch.rows.length === 0)
        throw invalidField('branchId', 'validation.invalid_option', translate(req.lang, 'validation.invalid_option'));
      const staff = await tx.execute(sql`select 1 from users where active and id in ${[...new Set(body.facilitatorIds)]}`);
      if (staff.rows.length !== new Set(body.facilitatorIds).size)
        throw invalidField('facilitatorIds', 'errors.not_staff', translate(req.lang, 'errors.not_staff'));
      const rows = await tx.execute<{ id: string }>(sql`insert into group_sessions
        (org_id, branch_id, kind, series, topic, date, end_date, duration_minutes, facilitator_ids, outside_adults, outside_children, summary, created_by)
        values (${actor.orgId}, ${body.branchId}, ${body.kind}, ${body.series}, ${body.topic}, ${body.date}, ${body.endDate}, ${body.durationMinutes},
          ${`{${body.facilitatorIds.join(',')}}`}::uuid[], ${body.outsideAdults}, ${body.outsideChildren}, ${body.summary}, ${actor.userId}) returning id::text`);
      const id = rows.rows[0]!.id;
      await writeAudit(tx, audit, {
        action: 'create',
        recordType: 'group_session',
        recordId: id,
        details: { kind: auditCode(body.kind) },
      });
      return getSession(tx, actor, id);
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/group-sessions/:id/attendance',
    tag: 'groups',
    summary: 'Set who of the caller’s families attended (replaces their part of the list); shows in each family’s timeline',
    access: manage,
    params: IdParams,
    body: AttendanceInput,
    response: GroupSessionView,
    handler: async ({ tx, actor, audit, params, body, req }) => {
      const session = await tx.execute<{ date: string; kind: string; topic: string }>(
        sql`select g.date, g.kind, g.topic from group_sessions g where g.id = ${params.id} and ${groupScope(actor)}`,
      );
      if (!session.rows[0]) throw notFound();
      if (body.sessionId !== params.id)
        throw invalidField('sessionId', 'validation.invalid_option', translate(req.lang, 'validation.invalid_option'));
      const fields: FieldError[] = [];
      for (const [i, a] of body.attendees.entries()) {
        const ok = await tx.execute(sql`select 1 from cases c join members m on m.family_id = c.family_id
          where c.id = ${a.caseId} and m.id = ${a.memberId} and ${caseScope(actor)}`);
        if (ok.rows.length === 0)
          fields.push({
            path: `attendees.${i}.memberId`,
            code: 'validation.invalid_option',
            message: translate(req.lang, 'validation.invalid_option'),
          });
      }
      if (fields.length > 0) throw new AppError('validation', 'errors.validation', {}, fields);
      const before = await tx.execute<{
        case_id: string;
        member_id: string;
      }>(sql`select a.case_id::text, a.member_id::text from group_attendance a join cases c on c.id = a.case_id
        where a.session_id = ${params.id} and ${caseScope(actor)}`);
      await tx.execute(
        sql`delete from group_attendance a using cases c where c.id = a.case_id and a.session_id = ${params.id} and ${caseScope(actor)}`,
      );
      for (const a of body.attendees) {
        await tx.execute(
          sql`insert into group_attendance (org_id, session_id, case_id, member_id) values (${actor.orgId}, ${params.id}, ${a.caseId}, ${a.memberId}) on conflict do nothing`,
        );
      }
      const newCases = new Set(body.attendees.map((a) => a.caseId));
      const oldCases = new Set(before.rows.map((r) => r.case_id));
      const s = session.rows[0];
      for (const caseId of newCases) {
        if (!oldCases.has(caseId)) {
          await appendEvent(tx, actor, caseId, 'group_attended', {
            sessionId: params.id,
            kind: s.kind,
            topic: s.topic,
            date: String(s.date).slice(0, 10),
          });
        }
      }
      await writeAudit(tx, audit, {
        action: 'update',
        recordType: 'group_session',
        recordId: params.id,
        details: { attendees: body.attendees.length },
      });
      return getSession(tx, actor, params.id);
    },
  });
}
