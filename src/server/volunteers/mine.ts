// The volunteer's own screen (the shipped volunteer role, permission volunteer.families — the same
// that shows a volunteer on a case team the family's first names and ages): their record's status and
// certificate, their teams, their shifts to come and done with the hours, and the open shifts of their
// branch they may sign up for. For a task about a family: its members' first names, the children's
// ages and what the task needs, and for a delivery the address while it is to be done — never the
// surname, the case or anything of a family they have no task for. These routes read nothing else;
// a task or sign-up that is not the caller's reads as not found.
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { IdParams } from '../../domain/access/contracts.js';
import { ageCodeOf } from '../../domain/families/people.js';
import { MyScreen, MyTask, type SignupStatus, type TaskKind, type VolunteerStatus } from '../../domain/volunteers/contracts.js';
import { certificateCovers, workRefusal } from '../../domain/volunteers/rules.js';
import { auditCode, writeAudit } from '../audit/audit.js';
import type { Tx } from '../db/engine.js';
import type { Actor } from '../http/context.js';
import { notFound } from '../http/errors.js';
import { defineRoute } from '../http/route.js';
import { conflictField, day, dayOrNull, iso, num, own, todayOf, type Row } from './common.js';
import { signUp } from './work.js';

const ADULTS = ['mother', 'father', 'partner', 'grandmother', 'grandfather', 'other_relative'];

async function myVolunteer(tx: Tx, actor: Actor): Promise<Row | undefined> {
  return (await tx.execute<Row>(sql`select * from volunteers where user_id = ${actor.userId}`)).rows[0];
}

/** First names of the families of these cases, and the children's ages: nothing else of them. */
async function familiesOf(tx: Tx, caseIds: string[], today: string) {
  const byCase = new Map<string, People>();
  if (caseIds.length === 0) return byCase;
  const rows = await tx.execute<Row>(sql`select c.id::text as case_id, m.first_name, m.relation, m.birth_date::text, m.approximate_age
    from cases c join members m on m.family_id = c.family_id
    where c.id in ${caseIds} and m.relation <> 'unborn_child' order by c.id, m.position`);
  for (const r of rows.rows) {
    const child = !ADULTS.includes(r.relation as string);
    const list = byCase.get(r.case_id as string) ?? [];
    list.push({
      firstName: r.first_name as string,
      child,
      age: child ? (ageCodeOf((r.birth_date as string | null) ?? null, (r.approximate_age as number | null) ?? null, today) ?? '?') : '',
    });
    byCase.set(r.case_id as string, list);
  }
  return byCase;
}

type People = { firstName: string; age: string; child: boolean }[];

function toMyTask(r: Row, validUntil: string | null, families: Map<string, People>): MyTask {
  const status = (r.signup_status as SignupStatus | null) ?? null;
  const toDo = r.status === 'open' && (status === null || status === 'signed_up');
  const caseId = (r.case_id as string | null) ?? null;
  return {
    signupId: (r.signup_id as string | null) ?? null,
    taskId: r.id as string,
    kind: r.kind as TaskKind,
    childRelated: r.child_related as boolean,
    title: r.title as string,
    needs: r.needs as string,
    address: status !== null && toDo ? (r.address as string) : '',
    startsAt: iso(r.starts_at),
    endsAt: iso(r.ends_at),
    places: num(r.places),
    taken: num(r.taken),
    status,
    hours: r.hours === null || r.hours === undefined ? null : num(r.hours),
    onHold: status === 'signed_up' && r.child_related === true && !certificateCovers(validUntil, day(iso(r.starts_at))),
    family: caseId && status !== null ? { people: families.get(caseId) ?? [] } : null,
  };
}

/**
 * The screen: the next 50 shifts, the last 20 done, the hours of all, the teams. Three statements (the
 * record with its hours and teams, the shifts both ways, the families of their tasks): on a busy
 * server every round trip waits for a core.
 */
async function myScreen(tx: Tx, actor: Actor, today: string): Promise<MyScreen> {
  const volunteer = (
    await tx.execute<Row>(sql`select v.id::text, v.first_name, v.status, v.certificate_valid_until, h.total, h.this_year, h.shifts,
        coalesce((select jsonb_agg(jsonb_build_object('id', t.id, 'name', t.name, 'city', b.city,
            'leaderName', trim(l.last_name || ' ' || l.first_name)) order by t.name)
          from volunteer_team_members m join volunteer_teams t on t.id = m.team_id join branches b on b.id = t.branch_id
          left join volunteers l on l.id = t.leader_id where m.volunteer_id = v.id and t.active), '[]') as teams
      from volunteers v, lateral (select coalesce(sum(s.hours), 0) as total,
          coalesce(sum(s.hours) filter (where s.task_on >= ${`${today.slice(0, 4)}-01-01`}), 0) as this_year, count(*)::int as shifts
        from volunteer_signups s where s.volunteer_id = v.id and s.status = 'completed') h
      where v.user_id = ${actor.userId}`)
  ).rows[0];
  if (!volunteer) return { volunteer: null, teams: [], upcoming: [], past: [], hours: { total: 0, thisYear: 0, shifts: 0 } };
  const id = volunteer.id as string;
  const validUntil = dayOrNull(volunteer.certificate_valid_until);
  const columns = sql`t.id::text, t.kind, t.child_related, t.title, t.needs, t.address, t.case_id::text, t.starts_at, t.ends_at,
      t.places, t.taken, t.status, s.id::text as signup_id, s.status as signup_status, s.hours`;
  const from = sql`from volunteer_signups s join volunteer_tasks t on t.id = s.task_id where s.volunteer_id = ${id}`;
  const shifts = await tx.execute<Row>(sql`(select ${columns}, true as upcoming ${from}
        and s.task_on >= ${today} and s.status = 'signed_up' order by s.task_on, t.starts_at limit 50)
      union all
      (select ${columns}, false as upcoming ${from} and s.task_on <= ${today} and s.status in ('completed', 'no_show', 'signed_up')
        and not (s.task_on = ${today} and s.status = 'signed_up') order by s.task_on desc limit 20)`);
  const upcoming = shifts.rows.filter((r) => r.upcoming === true);
  const past = shifts.rows.filter((r) => r.upcoming !== true);
  const caseIds = [...new Set(shifts.rows.map((r) => r.case_id as string | null).filter((c): c is string => !!c))];
  const families = await familiesOf(tx, caseIds, today);
  const teams = (typeof volunteer.teams === 'string' ? JSON.parse(volunteer.teams) : volunteer.teams) as MyScreen['teams'];
  return {
    volunteer: {
      id,
      firstName: volunteer.first_name as string,
      status: volunteer.status as VolunteerStatus,
      certificateValidUntil: validUntil,
    },
    teams: teams.map((t) => ({ ...t, leaderName: t.leaderName || null })),
    upcoming: upcoming.map((r) => toMyTask(r, validUntil, families)),
    past: past.map((r) => toMyTask(r, validUntil, families)),
    hours: { total: num(volunteer.total), thisYear: num(volunteer.this_year), shifts: num(volunteer.shifts) },
  };
}

export function registerMineRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/volunteers/me',
    tag: 'volunteers',
    summary: 'The volunteer’s own screen: status, certificate, teams, shifts to come and done, hours',
    access: own,
    response: MyScreen,
    handler: async ({ tx, actor, deps }) => myScreen(tx, actor, todayOf(deps.now())),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/volunteers/me/open-tasks',
    tag: 'volunteers',
    summary: 'Shifts of the volunteer’s branch in the next 60 days with a free place that they may take',
    access: own,
    response: z.object({ items: z.array(MyTask) }),
    handler: async ({ tx, actor, deps }) => {
      const volunteer = await myVolunteer(tx, actor);
      if (!volunteer || volunteer.status !== 'active') return { items: [] };
      const now = deps.now();
      const validUntil = dayOrNull(volunteer.certificate_valid_until);
      const rows = await tx.execute<Row>(sql`select t.id::text, t.kind, t.child_related, t.title, t.needs, t.address, t.case_id::text,
          t.starts_at, t.ends_at, t.places, t.taken, t.status, null as signup_id, null as signup_status, null as hours
        from volunteer_tasks t
        where t.branch_id = ${volunteer.branch_id as string} and t.status = 'open' and t.taken < t.places
          and t.starts_at > ${now.toISOString()}::timestamptz and t.starts_at < ${now.toISOString()}::timestamptz + interval '60 days'
          and (not t.child_related or ${validUntil}::date >= t.starts_at::date)
          and not exists (select 1 from volunteer_signups s where s.task_id = t.id and s.volunteer_id = ${volunteer.id as string}
            and s.status <> 'withdrawn')
        order by t.starts_at limit 50`);
      return { items: rows.rows.map((r) => toMyTask(r, validUntil, new Map())) };
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/volunteers/me/tasks/:id/signup',
    tag: 'volunteers',
    summary: 'Sign up for a shift of one’s branch (not over the places; work with children only with a valid certificate)',
    access: own,
    params: IdParams,
    response: MyScreen,
    handler: async ({ tx, actor, audit, params, req, deps }) => {
      const volunteer = await myVolunteer(tx, actor);
      if (!volunteer) throw notFound();
      // Locked first: the last place goes to one of two volunteers asking at once, not to both.
      const task = (
        await tx.execute<Row>(
          sql`select * from volunteer_tasks where id = ${params.id} and branch_id = ${volunteer.branch_id as string} for update`,
        )
      ).rows[0];
      if (!task || task.status === 'cancelled') throw notFound();
      if (Date.parse(iso(task.starts_at)) <= deps.now().getTime()) throw conflictField(req.lang, 'taskId', 'volunteers.errors.started');
      const refusal = workRefusal(
        { status: volunteer.status as VolunteerStatus, certificateValidUntil: dayOrNull(volunteer.certificate_valid_until) },
        { childRelated: task.child_related as boolean, on: day(iso(task.starts_at)) },
      );
      if (refusal)
        throw conflictField(
          req.lang,
          'taskId',
          refusal === 'certificate' ? 'volunteers.errors.certificate' : 'volunteers.errors.not_active',
        );
      const signupId = await signUp(tx, actor, task, volunteer, 'self', req.lang, 'taskId');
      await writeAudit(tx, audit, {
        action: 'create',
        recordType: 'volunteer_signup',
        recordId: signupId,
        details: { taskId: auditCode(params.id), how: auditCode('self') },
      });
      return myScreen(tx, actor, todayOf(deps.now()));
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/volunteers/me/signups/:id/withdraw',
    tag: 'volunteers',
    summary: 'Withdraw from a shift that has not started',
    access: own,
    params: IdParams,
    response: MyScreen,
    handler: async ({ tx, actor, audit, params, req, deps }) => {
      const volunteer = await myVolunteer(tx, actor);
      if (!volunteer) throw notFound();
      const signup = (
        await tx.execute<Row>(sql`select s.status, t.starts_at from volunteer_signups s join volunteer_tasks t on t.id = s.task_id
          where s.id = ${params.id} and s.volunteer_id = ${volunteer.id as string} for update of s`)
      ).rows[0];
      if (!signup) throw notFound();
      if (signup.status !== 'signed_up' || Date.parse(iso(signup.starts_at)) <= deps.now().getTime())
        throw conflictField(req.lang, 'signupId', 'volunteers.errors.started');
      await tx.execute(sql`update volunteer_signups set status = 'withdrawn' where id = ${params.id}`);
      await writeAudit(tx, audit, {
        action: 'update',
        recordType: 'volunteer_signup',
        recordId: params.id,
        details: { to: auditCode('withdrawn') },
      });
      return myScreen(tx, actor, todayOf(deps.now()));
    },
  });
}
