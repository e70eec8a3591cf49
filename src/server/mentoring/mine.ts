// The mentor's own view (permission mentoring.own): the families matched to them and running — the
// first names, the children's ages, the log they keep and the plan tasks given to them. Never the
// surname, address, case notes, assessments or sensitive sections: these routes read nothing else,
// and a match that is not the caller's (or not running) reads as not found.
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { IdParams } from '../../domain/access/contracts.js';
import { LogEntryInput, LogEntryView, MyFamilies, MyFamilyDetail } from '../../domain/mentoring/contracts.js';
import { childAge } from '../../domain/mentoring/rules.js';
import type { Tx } from '../db/engine.js';
import type { Actor } from '../http/context.js';
import { notFound } from '../http/errors.js';
import { defineRoute } from '../http/route.js';
import { day, dayOrNull, own, todayOf, type Row } from './common.js';
import { addLogEntry, logOf } from './matches.js';

const ADULT_RELATIONS = ['mother', 'father', 'partner', 'grandmother', 'grandfather', 'other_relative'];

/** The caller's running matches: those of the mentor whose account the caller signs in with. */
const MINE = (actor: Actor) => sql`select mm.* from mentor_matches mm join mentors mt on mt.id = mm.mentor_id
  where mt.user_id = ${actor.userId} and mm.status = 'active'`;

async function people(tx: Tx, caseIds: string[], today: string) {
  const byCase = new Map<string, MyFamilyDetail['people']>();
  if (caseIds.length === 0) return byCase;
  const rows = await tx.execute<Row>(sql`select c.id::text as case_id, m.first_name, m.relation, m.birth_date::text, m.approximate_age
    from cases c join members m on m.family_id = c.family_id
    where c.id in ${caseIds} and m.relation <> 'unborn_child' order by c.id, m.relation <> 'mother', m.relation = 'child', m.position`);
  for (const r of rows.rows) {
    const child = !ADULT_RELATIONS.includes(r.relation as string);
    const list = byCase.get(r.case_id as string) ?? [];
    list.push({
      firstName: r.first_name as string,
      relation: child ? 'child' : 'adult',
      age: child ? childAge((r.birth_date as string | null) ?? null, (r.approximate_age as number | null) ?? null, today) : null,
    });
    byCase.set(r.case_id as string, list);
  }
  return byCase;
}

async function lastContacts(tx: Tx, matchIds: string[]): Promise<Map<string, string>> {
  if (matchIds.length === 0) return new Map();
  const rows = await tx.execute<Row>(
    sql`select match_id::text, max(occurred_on)::text as last from mentoring_log where match_id in ${matchIds} group by match_id`,
  );
  return new Map(rows.rows.map((r) => [r.match_id as string, r.last as string]));
}

async function myMatch(tx: Tx, actor: Actor, id: string): Promise<Row> {
  const row = (await tx.execute<Row>(sql`select * from (${MINE(actor)}) q where q.id = ${id}`)).rows[0];
  if (!row) throw notFound();
  return row;
}

export function registerMineRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/mentoring/my/families',
    tag: 'mentoring',
    summary: 'The mentor’s families: first names and children’s ages, the last contact and the hours so far',
    access: own,
    response: MyFamilies,
    handler: async ({ tx, actor, deps }) => {
      const matches = (await tx.execute<Row>(sql`${MINE(actor)} order by mm.started_on`)).rows;
      const who = await people(
        tx,
        matches.map((m) => m.case_id as string),
        todayOf(deps.now()),
      );
      const last = await lastContacts(
        tx,
        matches.map((m) => m.id as string),
      );
      return {
        items: matches.map((m) => ({
          matchId: m.id as string,
          status: m.status as 'active',
          startedOn: dayOrNull(m.started_on),
          people: who.get(m.case_id as string) ?? [],
          lastContactOn: last.get(m.id as string) ?? null,
          minutes: Number(m.minutes),
        })),
      };
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/mentoring/my/families/:id',
    tag: 'mentoring',
    summary: 'One of the mentor’s families: first names, children’s ages, the log and the tasks given to the mentor',
    access: own,
    params: IdParams,
    response: MyFamilyDetail,
    handler: async ({ tx, actor, params, deps }) => {
      const m = await myMatch(tx, actor, params.id);
      const who = await people(tx, [m.case_id as string], todayOf(deps.now()));
      const tasks =
        await tx.execute<Row>(sql`select t.id::text, t.title, t.due_on, t.status from plan_tasks t join plans p on p.id = t.plan_id
        where p.case_id = ${m.case_id as string} and t.responsible_user_id = ${actor.userId} order by t.due_on, t.position`);
      const log = await logOf(tx, params.id, actor.userId);
      return {
        matchId: params.id,
        status: 'active' as const,
        startedOn: dayOrNull(m.started_on),
        people: who.get(m.case_id as string) ?? [],
        lastContactOn: log[0]?.occurredOn ?? null,
        minutes: Number(m.minutes),
        log,
        tasks: tasks.rows.map((t) => ({
          id: t.id as string,
          title: t.title as string,
          dueOn: t.due_on ? day(t.due_on) : null,
          status: t.status as string,
        })),
      };
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/mentoring/my/families/:id/log',
    tag: 'mentoring',
    summary: 'The mentor logs a meeting, call or joint activity with one of their families (a concern reaches the case lead at once)',
    access: own,
    params: IdParams,
    body: LogEntryInput,
    response: LogEntryView,
    status: 201,
    idempotent: true,
    handler: async ({ tx, actor, audit, params, body, req, deps }) => {
      const m = await myMatch(tx, actor, params.id);
      return addLogEntry(tx, actor, audit, m, body, true, todayOf(deps.now()), req.lang);
    },
  });
}
