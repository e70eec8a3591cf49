// Group supervision of mentors by a specialist: a meeting on a day with its topic, duration, summary
// and the mentors present. Kept per branch; the facilitator is the one who records it.
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { SupervisionInput, SupervisionList, SupervisionView } from '../../domain/mentoring/contracts.js';
import { translate } from '../../domain/i18n/index.js';
import type { FieldError } from '../../domain/errors.js';
import { auditCode, auditCodes, writeAudit } from '../audit/audit.js';
import { assertBranchInReach } from '../access/reach.js';
import type { Tx } from '../db/engine.js';
import type { Actor } from '../http/context.js';
import { AppError } from '../http/errors.js';
import { defineRoute } from '../http/route.js';
import { assertDays, day, inList, manage, mentorScope, read, todayOf, type Row } from './common.js';

async function listSupervisions(tx: Tx, actor: Actor, id?: string): Promise<SupervisionView[]> {
  const rows = await tx.execute<Row>(sql`select s.*, trim(u.last_name || ' ' || u.first_name) as facilitator,
      (select coalesce(json_agg(json_build_object('id', m.id, 'displayName', m.display_name) order by m.display_name), '[]')
        from mentor_supervision_attendance a join mentors m on m.id = a.mentor_id where a.supervision_id = s.id) as mentors
    from mentor_supervisions s join users u on u.id = s.facilitator_id
    where ${inList(sql`s.branch_id`, actor.branchIds)} ${id ? sql`and s.id = ${id}` : sql``}
    order by s.held_on desc, s.created_at desc limit 200`);
  return rows.rows.map((r) => ({
    id: r.id as string,
    branchId: r.branch_id as string,
    heldOn: day(r.held_on),
    durationMinutes: Number(r.duration_minutes),
    topic: r.topic as string,
    facilitator: r.facilitator as string,
    mentors: (typeof r.mentors === 'string' ? JSON.parse(r.mentors) : r.mentors) as SupervisionView['mentors'],
    summary: r.summary as string,
  }));
}

export function registerSupervisionRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/mentoring/supervisions',
    tag: 'mentoring',
    summary: 'Group supervision of mentors in the caller’s branches, newest first',
    access: read,
    response: SupervisionList,
    handler: async ({ tx, actor }) => ({ items: await listSupervisions(tx, actor) }),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/mentoring/supervisions',
    tag: 'mentoring',
    summary: 'Record a group supervision of mentors with the mentors present (the caller facilitated it)',
    access: manage,
    body: SupervisionInput,
    response: SupervisionView,
    status: 201,
    idempotent: true,
    handler: async ({ tx, actor, audit, body, req, deps }) => {
      assertBranchInReach(actor, body.branchId, 'branchId', req.lang);
      assertDays([{ path: 'heldOn', value: body.heldOn }], todayOf(deps.now()), req.lang);
      const ids = [...new Set(body.mentorIds)];
      const known = new Set(
        (await tx.execute<{ id: string }>(sql`select m.id::text from mentors m where m.id in ${ids} and ${mentorScope(actor)}`)).rows.map(
          (r) => r.id,
        ),
      );
      const errors: FieldError[] = body.mentorIds.flatMap((id, i) =>
        known.has(id)
          ? []
          : [{ path: `mentorIds.${i}`, code: 'validation.invalid_option', message: translate(req.lang, 'validation.invalid_option') }],
      );
      if (errors.length > 0) throw new AppError('validation', 'errors.validation', {}, errors);
      const rows = await tx.execute<{
        id: string;
      }>(sql`insert into mentor_supervisions (org_id, branch_id, held_on, duration_minutes, topic, summary, facilitator_id)
        values (${actor.orgId}, ${body.branchId}, ${body.heldOn}, ${body.durationMinutes}, ${body.topic}, ${body.summary}, ${actor.userId}) returning id::text`);
      const id = rows.rows[0]!.id;
      for (const mentorId of ids)
        await tx.execute(
          sql`insert into mentor_supervision_attendance (org_id, supervision_id, mentor_id) values (${actor.orgId}, ${id}, ${mentorId})`,
        );
      await writeAudit(tx, audit, {
        action: 'create',
        recordType: 'mentor_supervision',
        recordId: id,
        details: { fields: auditCodes(Object.keys(body)), branchId: auditCode(body.branchId), present: ids.length },
      });
      return (await listSupervisions(tx, actor, id))[0]!;
    },
  });
}
