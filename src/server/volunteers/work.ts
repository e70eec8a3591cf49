// Teams and work: teams per branch with a leader and members; tasks and shifts (one-off or weekly)
// with their kind, whether they are work with children, a time, places and the branch, optionally
// about a family's case; sign-ups (by the volunteer, see mine.ts) and assignments, completion with
// hours or a no-show, cancelling. The rules, each refused naming the field with nothing written:
// work with children only for an active volunteer whose certificate is valid on the shift's day, a
// shift that ends after it starts, hours within the shift, no more sign-ups than places — the task is
// locked while its places are counted, so two people taking the last place cannot both get it.
import crypto from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { IdParams } from '../../domain/access/contracts.js';
import type { Language } from '../../domain/i18n/index.js';
import {
  AssignInput,
  BoardTask,
  CancelInput,
  OutcomeInput,
  TaskBoardQuery,
  TaskInput,
  type TaskSummary,
  TaskView,
  TeamInput,
  TeamMembersInput,
  TeamUpdateInput,
  TeamView,
  type SignupStatus,
  type TaskKind,
  type VolunteerStatus,
} from '../../domain/volunteers/contracts.js';
import { certificateCovers, shiftHours, weeklyOccurrences, workRefusal } from '../../domain/volunteers/rules.js';
import { assertBranchInReach } from '../access/reach.js';
import { auditCode, auditCodes, writeAudit } from '../audit/audit.js';
import { caseScope } from '../cases/scope.js';
import type { Tx } from '../db/engine.js';
import type { Actor } from '../http/context.js';
import { conflict, notFound } from '../http/errors.js';
import { defineRoute } from '../http/route.js';
import {
  assertPeriod,
  branchScope,
  conflictField,
  day,
  dayOrNull,
  field,
  findOption,
  findTaskRow,
  fullName,
  iso,
  manage,
  num,
  read,
  readSettings,
  type Row,
} from './common.js';

/**
 * The instant a day starts (UTC, as the server's days are), `plus` days later: the board compares
 * timestamps with timestamps — a date compared with starts_at is cast per row and the index range is lost.
 */
const dayStart = (day: string, plus = 0): string => new Date(Date.parse(`${day}T00:00:00Z`) + plus * 86_400_000).toISOString();

export function toTaskSummary(row: Row): TaskSummary {
  return {
    id: row.id as string,
    branchId: row.branch_id as string,
    teamId: (row.team_id as string | null) ?? null,
    seriesId: (row.series_id as string | null) ?? null,
    kind: row.kind as TaskKind,
    childRelated: row.child_related as boolean,
    title: row.title as string,
    caseId: (row.case_id as string | null) ?? null,
    startsAt: iso(row.starts_at),
    endsAt: iso(row.ends_at),
    places: num(row.places),
    taken: num(row.taken),
    status: row.status as TaskSummary['status'],
  };
}

export async function getTask(tx: Tx, actor: Actor, id: string): Promise<TaskView> {
  const row = (await tx.execute<Row>(sql`select t.* from volunteer_tasks t where t.id = ${id} and ${branchScope(actor, 't')}`)).rows[0];
  if (!row) throw notFound();
  const signups = await tx.execute<Row>(sql`select s.*, ${fullName('v')} as volunteer_name, v.certificate_valid_until
    from volunteer_signups s join volunteers v on v.id = s.volunteer_id where s.task_id = ${id} order by s.created_at`);
  return {
    ...toTaskSummary(row),
    needs: row.needs as string,
    address: row.address as string,
    signups: signups.rows.map((s) => ({
      id: s.id as string,
      taskId: id,
      volunteerId: s.volunteer_id as string,
      volunteerName: s.volunteer_name as string,
      how: s.how as 'self' | 'assigned',
      status: s.status as SignupStatus,
      hours: s.hours === null ? null : num(s.hours),
      onHold:
        s.status === 'signed_up' && row.child_related === true && !certificateCovers(dayOrNull(s.certificate_valid_until), day(s.task_on)),
    })),
    version: num(row.version),
  };
}

/**
 * Puts a volunteer on a task (locked by the caller with findTaskRow(…, true)): the task open, the
 * volunteer active and, for work with children, with a certificate valid on the shift's day, not
 * already on it, and a place free. Each refusal a 409 naming the field.
 */
export async function signUp(
  tx: Tx,
  actor: Actor,
  task: Row,
  volunteer: Row,
  how: 'self' | 'assigned',
  lang: Language,
  volunteerField = 'volunteerId',
): Promise<string> {
  if (task.status !== 'open') throw conflictField(lang, 'taskId', 'volunteers.errors.task_closed');
  const on = day(iso(task.starts_at));
  const refusal = workRefusal(
    { status: volunteer.status as VolunteerStatus, certificateValidUntil: dayOrNull(volunteer.certificate_valid_until) },
    { childRelated: task.child_related as boolean, on },
  );
  if (refusal === 'not_active') throw conflictField(lang, volunteerField, 'volunteers.errors.not_active');
  if (refusal === 'certificate') throw conflictField(lang, volunteerField, 'volunteers.errors.certificate');
  const existing = (
    await tx.execute<Row>(
      sql`select id::text, status from volunteer_signups where task_id = ${task.id as string} and volunteer_id = ${volunteer.id as string}`,
    )
  ).rows[0];
  if (existing && existing.status !== 'withdrawn') throw conflictField(lang, volunteerField, 'volunteers.errors.already_on');
  if (num(task.taken) >= num(task.places)) throw conflictField(lang, 'places', 'volunteers.errors.full');
  if (existing) {
    await tx.execute(
      sql`update volunteer_signups set status = 'signed_up', how = ${how}, created_by = ${actor.userId} where id = ${existing.id as string}`,
    );
    return existing.id as string;
  }
  return (
    await tx.execute<{ id: string }>(sql`insert into volunteer_signups (org_id, task_id, volunteer_id, how, task_on, created_by)
      values (${actor.orgId}, ${task.id as string}, ${volunteer.id as string}, ${how}, ${on}, ${actor.userId}) returning id::text`)
  ).rows[0]!.id;
}

async function getTeam(tx: Tx, actor: Actor, id: string): Promise<TeamView> {
  const list = await listTeams(tx, actor, sql`t.id = ${id}`);
  if (!list[0]) throw notFound();
  return list[0];
}

async function listTeams(tx: Tx, actor: Actor, where: SQL = sql`true`): Promise<TeamView[]> {
  const rows = await tx.execute<Row>(sql`select t.*, b.city, ${fullName('l')} as leader_name,
      coalesce((select jsonb_agg(jsonb_build_object('id', v.id, 'name', ${fullName('v')}, 'status', v.status) order by v.last_name, v.first_name)
        from volunteer_team_members m join volunteers v on v.id = m.volunteer_id where m.team_id = t.id), '[]') as members
    from volunteer_teams t join branches b on b.id = t.branch_id left join volunteers l on l.id = t.leader_id
    where ${branchScope(actor, 't')} and ${where} order by b.city, t.name limit 500`);
  return rows.rows.map((r) => ({
    id: r.id as string,
    branchId: r.branch_id as string,
    city: r.city as string,
    name: r.name as string,
    leaderId: (r.leader_id as string | null) ?? null,
    leaderName: (r.leader_name as string | null) ?? null,
    formedOn: day(r.formed_on),
    active: r.active as boolean,
    members: (typeof r.members === 'string' ? JSON.parse(r.members) : r.members) as TeamView['members'],
    version: num(r.version),
  }));
}

/** A volunteer of `branchId` within the caller's reach, named in a field (400 otherwise). */
async function assertVolunteerIn(tx: Tx, actor: Actor, id: string, branchId: string | null, path: string, lang: Language): Promise<Row> {
  return findOption<Row>(
    tx,
    sql`select v.* from volunteers v where v.id = ${id} and ${branchScope(actor, 'v')}
      ${branchId ? sql`and v.branch_id = ${branchId}` : sql``}`,
    lang,
    path,
  );
}

export function registerWorkRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/volunteers/teams',
    tag: 'volunteers',
    summary: 'Volunteer teams of the caller’s branches with their leader and members',
    access: read,
    response: z.object({ items: z.array(TeamView) }),
    handler: async ({ tx, actor }) => ({ items: await listTeams(tx, actor) }),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/volunteers/teams',
    tag: 'volunteers',
    summary: 'Form a volunteer team in a branch, with a leader',
    access: manage,
    body: TeamInput,
    response: TeamView,
    status: 201,
    idempotent: true,
    handler: async ({ tx, actor, audit, body, req }) => {
      assertBranchInReach(actor, body.branchId, 'branchId', req.lang);
      if (body.leaderId) await assertVolunteerIn(tx, actor, body.leaderId, body.branchId, 'leaderId', req.lang);
      const id = (
        await tx.execute<{ id: string }>(sql`insert into volunteer_teams (org_id, branch_id, name, leader_id, formed_on)
          values (${actor.orgId}, ${body.branchId}, ${body.name}, ${body.leaderId}, ${body.formedOn}) returning id::text`)
      ).rows[0]!.id;
      if (body.leaderId)
        await tx.execute(sql`insert into volunteer_team_members (org_id, team_id, volunteer_id, joined_on)
          values (${actor.orgId}, ${id}, ${body.leaderId}, ${body.formedOn})`);
      await writeAudit(tx, audit, {
        action: 'create',
        recordType: 'volunteer_team',
        recordId: id,
        details: { fields: auditCodes(Object.keys(body)) },
      });
      return getTeam(tx, actor, id);
    },
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/volunteers/teams/:id',
    tag: 'volunteers',
    summary: 'Rename a team, change its branch or leader, or disband it',
    access: manage,
    params: IdParams,
    body: TeamUpdateInput,
    response: TeamView,
    handler: async ({ tx, actor, audit, params, body, req }) => {
      const before = await getTeam(tx, actor, params.id);
      if (before.version !== body.version) throw conflict();
      assertBranchInReach(actor, body.branchId, 'branchId', req.lang);
      if (body.leaderId) await assertVolunteerIn(tx, actor, body.leaderId, body.branchId, 'leaderId', req.lang);
      const updated =
        await tx.execute(sql`update volunteer_teams set branch_id = ${body.branchId}, name = ${body.name}, leader_id = ${body.leaderId},
        active = ${body.active}, version = version + 1 where id = ${params.id} and version = ${body.version} returning id`);
      if (updated.rows.length === 0) throw conflict();
      if (body.leaderId)
        await tx.execute(sql`insert into volunteer_team_members (org_id, team_id, volunteer_id, joined_on)
          values (${actor.orgId}, ${params.id}, ${body.leaderId}, ${before.formedOn}) on conflict do nothing`);
      const changed = (['branchId', 'name', 'leaderId', 'active'] as const).filter((key) => before[key] !== body[key]);
      await writeAudit(tx, audit, {
        action: 'update',
        recordType: 'volunteer_team',
        recordId: params.id,
        details: { fields: auditCodes(changed) },
      });
      return getTeam(tx, actor, params.id);
    },
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/volunteers/teams/:id/members',
    tag: 'volunteers',
    summary: 'Set a team’s members (volunteers of its branch)',
    access: manage,
    params: IdParams,
    body: TeamMembersInput,
    response: TeamView,
    handler: async ({ tx, actor, audit, params, body, req }) => {
      const team = await getTeam(tx, actor, params.id);
      if (team.version !== body.version) throw conflict();
      const ids = [...new Set(body.volunteerIds)];
      for (const [index, id] of body.volunteerIds.entries())
        await assertVolunteerIn(tx, actor, id, team.branchId, `volunteerIds.${index}`, req.lang);
      if (team.leaderId && !ids.includes(team.leaderId)) throw conflictField(req.lang, 'volunteerIds', 'volunteers.errors.leader_member');
      await tx.execute(
        sql`delete from volunteer_team_members where team_id = ${params.id} and not (volunteer_id = any(${`{${ids.join(',')}}`}::uuid[]))`,
      );
      for (const id of ids)
        await tx.execute(sql`insert into volunteer_team_members (org_id, team_id, volunteer_id, joined_on)
          values (${actor.orgId}, ${params.id}, ${id}, ${body.joinedOn}) on conflict do nothing`);
      await tx.execute(sql`update volunteer_teams set version = version + 1 where id = ${params.id}`);
      await writeAudit(tx, audit, {
        action: 'update',
        recordType: 'volunteer_team',
        recordId: params.id,
        details: { fields: auditCodes(['members']), members: ids.length },
      });
      return getTeam(tx, actor, params.id);
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/volunteers/tasks',
    tag: 'volunteers',
    summary: 'The coordinator’s task board: tasks and shifts of the caller’s branches between two days, with places taken',
    access: read,
    query: TaskBoardQuery,
    response: z.object({ items: z.array(BoardTask) }),
    handler: async ({ tx, actor, query, req }) => {
      assertPeriod(req.lang, query, {
        path: 'to',
        beforeKey: 'volunteers.errors.before',
        maxDays: 62,
        rangeKey: 'volunteers.errors.range',
      });
      if (query.branchId) assertBranchInReach(actor, query.branchId, 'branchId', req.lang);
      const branches = query.branchId ? [query.branchId] : actor.branchIds;
      if (branches.length === 0) return { items: [] };
      // Only the columns of the board index (it includes them, migration 0047): an index-only scan of
      // a few contiguous pages, where reading the rows took one random heap page each.
      const rows = await tx.execute<Row>(sql`select t.id, t.series_id, t.kind, t.child_related, t.title,
          t.starts_at, t.ends_at, t.places, t.taken, t.status
        from volunteer_tasks t
        where t.branch_id = any(${`{${branches.join(',')}}`}::uuid[])
          and t.starts_at >= ${dayStart(query.from)}::timestamptz and t.starts_at < ${dayStart(query.to, 1)}::timestamptz
          ${query.kind ? sql`and t.kind = ${query.kind}` : sql``}
        order by t.starts_at, t.id limit 1000`);
      return {
        items: rows.rows.map((row) => ({
          id: row.id as string,
          seriesId: (row.series_id as string | null) ?? null,
          kind: row.kind as TaskKind,
          childRelated: row.child_related as boolean,
          title: row.title as string,
          startsAt: iso(row.starts_at),
          endsAt: iso(row.ends_at),
          places: num(row.places),
          taken: num(row.taken),
          status: row.status as BoardTask['status'],
        })),
      };
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/volunteers/tasks',
    tag: 'volunteers',
    summary: 'Plan a task or shift (one-off, or weekly for some weeks) in a branch, optionally about a family’s case',
    access: manage,
    body: TaskInput,
    response: TaskView,
    status: 201,
    idempotent: true,
    handler: async ({ tx, actor, audit, body, req }) => {
      assertBranchInReach(actor, body.branchId, 'branchId', req.lang);
      // A shift ends after it starts, within a day.
      assertPeriod(
        req.lang,
        { from: body.startsAt, to: body.endsAt },
        {
          path: 'endsAt',
          beforeKey: 'volunteers.errors.ends_before_starts',
          dateParam: false,
          strict: true,
          maxDays: 1,
          rangeKey: 'volunteers.errors.too_long',
        },
      );
      if (body.teamId)
        await findOption(
          tx,
          sql`select 1 from volunteer_teams t where t.id = ${body.teamId} and t.branch_id = ${body.branchId} and ${branchScope(actor, 't')}`,
          req.lang,
          'teamId',
        );
      if (body.caseId)
        await findOption(
          tx,
          sql`select 1 from cases c where c.id = ${body.caseId} and c.status <> 'closed' and ${caseScope(actor)}`,
          req.lang,
          'caseId',
        );
      const settings = await readSettings(tx);
      const childRelated = settings.childRelatedKinds.includes(body.kind);
      const seriesId = body.weeks > 1 ? crypto.randomUUID() : null;
      let first: string | undefined;
      for (const occurrence of weeklyOccurrences(body.startsAt, body.endsAt, body.weeks)) {
        const id = (
          await tx.execute<{
            id: string;
          }>(sql`insert into volunteer_tasks (org_id, branch_id, team_id, series_id, kind, child_related, title,
            needs, address, case_id, starts_at, ends_at, places, created_by)
          values (${actor.orgId}, ${body.branchId}, ${body.teamId}, ${seriesId}, ${body.kind}, ${childRelated}, ${body.title}, ${body.needs},
            ${body.address}, ${body.caseId}, ${occurrence.startsAt}, ${occurrence.endsAt}, ${body.places}, ${actor.userId}) returning id::text`)
        ).rows[0]!.id;
        first ??= id;
        await writeAudit(tx, audit, {
          action: 'create',
          recordType: 'volunteer_task',
          recordId: id,
          details: {
            kind: auditCode(body.kind),
            fields: auditCodes(Object.keys(body)),
            ...(body.caseId && { caseId: auditCode(body.caseId) }),
          },
        });
      }
      return getTask(tx, actor, first!);
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/volunteers/tasks/:id',
    tag: 'volunteers',
    summary: 'A task with what it needs and who is on it',
    access: read,
    params: IdParams,
    response: TaskView,
    handler: async ({ tx, actor, params }) => getTask(tx, actor, params.id),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/volunteers/tasks/:id/assign',
    tag: 'volunteers',
    summary: 'Put a volunteer on a task (work with children only with a certificate valid on its day; not over the places)',
    access: manage,
    params: IdParams,
    body: AssignInput,
    response: TaskView,
    handler: async ({ tx, actor, audit, params, body, req }) => {
      // The task is locked first: its places are counted by one sign-up at a time.
      const task = await findTaskRow(tx, actor, params.id, true);
      const volunteer = await assertVolunteerIn(tx, actor, body.volunteerId, null, 'volunteerId', req.lang);
      const signupId = await signUp(tx, actor, task, volunteer, 'assigned', req.lang);
      await writeAudit(tx, audit, {
        action: 'create',
        recordType: 'volunteer_signup',
        recordId: signupId,
        details: { taskId: auditCode(params.id), volunteerId: auditCode(body.volunteerId), how: auditCode('assigned') },
      });
      return getTask(tx, actor, params.id);
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/volunteers/tasks/:id/cancel',
    tag: 'volunteers',
    summary: 'Cancel a task; its sign-ups are withdrawn',
    access: manage,
    params: IdParams,
    body: CancelInput,
    response: TaskView,
    handler: async ({ tx, actor, audit, params, body, req }) => {
      const task = await findTaskRow(tx, actor, params.id, true);
      if (num(task.version) !== body.version) throw conflict();
      if (task.status !== 'open') throw conflictField(req.lang, 'status', 'volunteers.errors.task_closed');
      const done = await tx.execute(sql`select 1 from volunteer_signups where task_id = ${params.id} and status = 'completed' limit 1`);
      if (done.rows.length > 0) throw conflictField(req.lang, 'status', 'volunteers.errors.has_hours');
      await tx.execute(sql`update volunteer_signups set status = 'withdrawn' where task_id = ${params.id} and status = 'signed_up'`);
      await tx.execute(sql`update volunteer_tasks set status = 'cancelled', version = version + 1 where id = ${params.id}`);
      await writeAudit(tx, audit, {
        action: 'update',
        recordType: 'volunteer_task',
        recordId: params.id,
        details: { fields: auditCodes(['status']), to: auditCode('cancelled') },
      });
      return getTask(tx, actor, params.id);
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/volunteers/signups/:id/outcome',
    tag: 'volunteers',
    summary: 'Record how a shift went for one volunteer: completed with the hours given (at most the shift’s length), or a no-show',
    access: manage,
    params: IdParams,
    body: OutcomeInput,
    response: TaskView,
    handler: async ({ tx, actor, audit, params, body, req, deps }) => {
      const signup = (
        await tx.execute<Row>(sql`select s.*, t.id::text as tid from volunteer_signups s join volunteer_tasks t on t.id = s.task_id
          where s.id = ${params.id} and ${branchScope(actor, 't')}`)
      ).rows[0];
      if (!signup) throw notFound();
      const task = await findTaskRow(tx, actor, signup.tid as string, true);
      if (signup.status === 'withdrawn' || task.status === 'cancelled')
        throw conflictField(req.lang, 'outcome', 'volunteers.errors.task_closed');
      if (Date.parse(iso(task.starts_at)) > deps.now().getTime()) throw conflictField(req.lang, 'outcome', 'volunteers.errors.not_started');
      if (body.outcome === 'completed') {
        if (body.hours === null) throw field(req.lang, 'hours', 'validation.required');
        const most = shiftHours(iso(task.starts_at), iso(task.ends_at));
        if (body.hours > most) throw field(req.lang, 'hours', 'volunteers.errors.hours_over', { hours: Math.round(most * 100) / 100 });
        if (task.child_related) {
          const v = (await tx.execute<Row>(sql`select certificate_valid_until from volunteers where id = ${signup.volunteer_id as string}`))
            .rows[0]!;
          if (!certificateCovers(dayOrNull(v.certificate_valid_until), day(signup.task_on)))
            throw conflictField(req.lang, 'outcome', 'volunteers.errors.certificate');
        }
      }
      await tx.execute(sql`update volunteer_signups set status = ${body.outcome}, hours = ${body.outcome === 'completed' ? body.hours : null}
        where id = ${params.id}`);
      // Once nobody is left to come, the task is done (its address is no longer shown).
      await tx.execute(sql`update volunteer_tasks t set status = 'done', version = version + 1 where t.id = ${task.id as string} and t.status = 'open'
        and not exists (select 1 from volunteer_signups s where s.task_id = t.id and s.status = 'signed_up')`);
      await writeAudit(tx, audit, {
        action: 'update',
        recordType: 'volunteer_signup',
        recordId: params.id,
        details: { fields: auditCodes(body.outcome === 'completed' ? ['status', 'hours'] : ['status']), to: auditCode(body.outcome) },
      });
      return getTask(tx, actor, task.id as string);
    },
  });
}
