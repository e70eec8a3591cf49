// Individual support plans: made with the family, goals by domain, tasks with a responsible person
// and a due date, reviewed as life changes (each review keeps the plan as it was). Concurrent edits
// of a plan are detected by its version (409); every change goes to the case history.
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { IdParams } from '../../domain/access/contracts.js';
import {
  FirstPlanDeadline,
  PlanInput,
  PlanUpdateInput,
  PlanView,
  ReviewInput,
  ReviewView,
  TaskStatusInput,
} from '../../domain/plans/contracts.js';
import { firstPlanDeadline, planChanges } from '../../domain/plans/progress.js';
import { today as todayIso } from '../../domain/families/people.js';
import { uuid } from '../../domain/validation.js';
import { translate, type Language } from '../../domain/i18n/index.js';
import type { FieldError } from '../../domain/errors.js';
import { auditCode, auditCodes, changes as changedFields, writeAudit } from '../audit/audit.js';
import type { Tx } from '../db/engine.js';
import { AppError, businessRule, conflict, invalidField, notFound } from '../http/errors.js';
import { defineRoute } from '../http/route.js';
import { appendEvent } from '../cases/routes.js';
import { caseInScope } from '../cases/scope.js';
import { assertCaseDays } from '../cases/dates.js';
import { findPlanOfCase, getPlan, writeGoals } from './queries.js';

const read = { kind: 'permission', permission: 'cases.read', records: 'case_team' } as const;

/**
 * The ids a plan carries, checked in the caller's organisation (row-level security filters these
 * reads): staff named as responsible or as participants are its active members, and a goal comes
 * from an assessment of the same case. Each stray id is refused at its own path.
 */
async function checkReferences(tx: Tx, caseId: string, plan: Pick<PlanInput, 'participants' | 'goals'>, lang: Language): Promise<void> {
  const staff = [
    ...plan.participants.map((p, i) => ({ id: p.userId, path: `participants.${i}.userId` })),
    ...plan.goals.flatMap((g, i) => g.tasks.map((t, j) => ({ id: t.responsibleUserId, path: `goals.${i}.tasks.${j}.responsibleUserId` }))),
  ].filter((x) => x.id);
  const assessments = plan.goals.map((g, i) => ({ id: g.fromAssessmentId, path: `goals.${i}.fromAssessmentId` })).filter((x) => x.id);
  const staffIds = [...new Set(staff.map((w) => w.id!))];
  const assessmentIds = [...new Set(assessments.map((w) => w.id!))];
  const knownStaff = new Set(
    staffIds.length === 0
      ? []
      : (await tx.execute<{ id: string }>(sql`select id::text from users where active and id in ${staffIds}`)).rows.map((r) => r.id),
  );
  const knownAssessments = new Set(
    assessmentIds.length === 0
      ? []
      : (
          await tx.execute<{ id: string }>(sql`select id::text from assessments where case_id = ${caseId} and id in ${assessmentIds}`)
        ).rows.map((r) => r.id),
  );
  const fields: FieldError[] = [
    ...staff
      .filter((w) => !knownStaff.has(w.id!))
      .map((w) => ({ path: w.path, code: 'errors.not_staff', message: translate(lang, 'errors.not_staff') })),
    ...assessments
      .filter((w) => !knownAssessments.has(w.id!))
      .map((w) => ({ path: w.path, code: 'validation.invalid_option', message: translate(lang, 'validation.invalid_option') })),
  ];
  if (fields.length > 0) throw new AppError('validation', 'errors.validation', {}, fields);
}

/** Days given in a plan (made on, tasks done on) that must fall within the case's life. */
function planDays(body: { madeOn?: string; goals: { tasks: { completedOn?: string | null; status: string }[] }[] }) {
  return [
    { path: 'madeOn', value: body.madeOn },
    ...body.goals.flatMap((g, i) =>
      g.tasks.map((t, j) => ({ path: `goals.${i}.tasks.${j}.completedOn`, value: t.status === 'done' ? t.completedOn : null })),
    ),
  ];
}

/** The first-plan deadline, judged on the day the plan was made (not the day it was typed in). */
async function firstPlanOf(tx: Tx, caseId: string, planMadeOn: string | null): Promise<z.infer<typeof FirstPlanDeadline>> {
  const rows = await tx.execute<{ opened_on: string; days: number }>(sql`
    select c.opened_on, p.first_plan_days as days from cases c join programmes p on p.id = c.programme_id where c.id = ${caseId}`);
  const row = rows.rows[0]!;
  return firstPlanDeadline(String(row.opened_on).slice(0, 10), Number(row.days), planMadeOn, todayIso());
}

/** The parts of a plan a save may change, as the audit names them. */
function editableOf(plan: PlanView) {
  const { desiredFuture, participants, startOn, nextReviewOn, madeOn, goals } = plan;
  return { desiredFuture, participants, startOn, nextReviewOn, madeOn, goals };
}

const PlanParams = z.strictObject({ id: uuid, taskId: uuid });
const ReviewParams = z.strictObject({ id: uuid, reviewId: uuid });

export function registerPlanRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/cases/:id/plan',
    tag: 'plans',
    summary: 'The individual support plan of a case (or null) and the first-plan deadline',
    access: read,
    params: IdParams,
    response: z.object({ plan: PlanView.nullable(), firstPlan: FirstPlanDeadline }),
    handler: async ({ tx, actor, params }) => {
      await caseInScope(tx, actor, params.id);
      const plan = await findPlanOfCase(tx, actor, params.id);
      return { plan, firstPlan: await firstPlanOf(tx, params.id, plan ? plan.madeOn : null) };
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/cases/:id/plan',
    tag: 'plans',
    summary: 'Draw up the plan of a case with the family',
    access: read,
    params: IdParams,
    body: PlanInput,
    response: PlanView,
    status: 201,
    idempotent: true,
    handler: async ({ tx, actor, audit, params, body, req }) => {
      await caseInScope(tx, actor, params.id);
      if (await findPlanOfCase(tx, actor, params.id)) throw businessRule('errors.plan_exists');
      await checkReferences(tx, params.id, body, req.lang);
      await assertCaseDays(tx, params.id, planDays(body), req.lang);
      const madeOn = body.madeOn ?? todayIso();
      const rows = await tx.execute<{ id: string }>(sql`
        insert into plans (org_id, case_id, desired_future, participants, start_on, next_review_on, made_on, created_by)
        values (${actor.orgId}, ${params.id}, ${body.desiredFuture}, ${JSON.stringify(body.participants)}::jsonb, ${body.startOn}, ${body.nextReviewOn},
          ${madeOn}, ${actor.userId})
        returning id::text`);
      const planId = rows.rows[0]!.id;
      await writeGoals(tx, actor, planId, body.goals, todayIso());
      const plan = await getPlan(tx, actor, planId);
      await appendEvent(
        tx,
        actor,
        params.id,
        'plan_created',
        { planId, madeOn, goals: plan.progress.goalsTotal, tasks: plan.progress.tasksTotal },
        madeOn,
      );
      await writeAudit(tx, audit, { action: 'create', recordType: 'plan', recordId: planId, details: { caseId: auditCode(params.id) } });
      return plan;
    },
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/plans/:id',
    tag: 'plans',
    summary: 'Save the whole plan (goals and tasks); a stale version gets 409 and changes nothing',
    access: read,
    params: IdParams,
    body: PlanUpdateInput,
    response: PlanView,
    handler: async ({ tx, actor, audit, params, body, req }) => {
      const before = await getPlan(tx, actor, params.id);
      if (before.version !== body.version) throw conflict();
      await checkReferences(tx, before.caseId, body, req.lang);
      await assertCaseDays(tx, before.caseId, planDays(body), req.lang);
      const updated =
        await tx.execute(sql`update plans set desired_future = ${body.desiredFuture}, participants = ${JSON.stringify(body.participants)}::jsonb,
        start_on = ${body.startOn}, next_review_on = ${body.nextReviewOn}, made_on = coalesce(${body.madeOn ?? null}::date, made_on),
        version = version + 1, updated_at = now()
        where id = ${params.id} and version = ${body.version} returning id`);
      if (updated.rows.length === 0) throw conflict();
      await writeGoals(tx, actor, params.id, body.goals, todayIso());
      const after = await getPlan(tx, actor, params.id);
      const changes = planChanges(before.goals, after.goals);
      const completed = after.goals
        .flatMap((g) => g.tasks)
        .filter((t) => t.status === 'done' && !before.goals.flatMap((g) => g.tasks).some((b) => b.id === t.id && b.status === 'done'));
      for (const task of completed)
        await appendEvent(
          tx,
          actor,
          after.caseId,
          'task_completed',
          { planId: params.id, taskId: task.id, title: task.title, completedOn: task.completedOn },
          task.completedOn ?? undefined,
        );
      await appendEvent(tx, actor, after.caseId, 'plan_updated', { planId: params.id, changes });
      // What changed in words (goal and task titles) is the case's own history (plan_updated); the audit names fields.
      await writeAudit(tx, audit, {
        action: 'update',
        recordType: 'plan',
        recordId: params.id,
        details: { fields: changedFields(editableOf(before), editableOf(after)) },
      });
      return after;
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/plans/:id/tasks/:taskId/status',
    tag: 'plans',
    summary: 'Change the status of one task (e.g. done from "My work"); a stale task version gets 409',
    access: read,
    params: PlanParams,
    body: TaskStatusInput,
    response: PlanView,
    handler: async ({ tx, actor, audit, params, body, req }) => {
      const plan = await getPlan(tx, actor, params.id);
      const task = plan.goals.flatMap((g) => g.tasks).find((t) => t.id === params.taskId);
      if (!task) throw notFound();
      const completedOn = body.completedOn ?? todayIso();
      if (body.status === 'done') await assertCaseDays(tx, plan.caseId, [{ path: 'completedOn', value: body.completedOn }], req.lang);
      const updated =
        await tx.execute(sql`update plan_tasks set status = ${body.status}, note = ${body.note || task.note}, version = version + 1,
        completed_on = case when ${body.status} = 'done' then ${completedOn}::date else null end
        where id = ${params.taskId} and version = ${body.version} returning id`);
      if (updated.rows.length === 0) throw conflict();
      // The plan moves to a new version too, so an editor open on the old one cannot silently undo this.
      await tx.execute(sql`update plans set updated_at = now(), version = version + 1 where id = ${params.id}`);
      if (body.status === 'done')
        await appendEvent(
          tx,
          actor,
          plan.caseId,
          'task_completed',
          { planId: params.id, taskId: params.taskId, title: task.title, completedOn },
          completedOn,
        );
      else
        await appendEvent(tx, actor, plan.caseId, 'task_status_changed', {
          planId: params.id,
          taskId: params.taskId,
          status: { from: task.status, to: body.status },
        });
      await writeAudit(tx, audit, {
        action: 'update',
        recordType: 'plan_task',
        recordId: params.taskId,
        details: { fields: auditCodes(['status']), from: auditCode(task.status), to: auditCode(body.status) },
      });
      return getPlan(tx, actor, params.id);
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/plans/:id/reviews',
    tag: 'plans',
    summary: 'Record a review of the plan: keeps the plan as it is now and what changed since the last review',
    access: read,
    params: IdParams,
    body: ReviewInput,
    response: PlanView,
    status: 201,
    idempotent: true,
    handler: async ({ tx, actor, audit, params, body, req }) => {
      const plan = await getPlan(tx, actor, params.id);
      await assertCaseDays(tx, plan.caseId, [{ path: 'reviewedOn', value: body.reviewedOn }], req.lang);
      if (body.nextReviewOn < body.reviewedOn)
        throw invalidField('nextReviewOn', 'validation.before_start', translate(req.lang, 'validation.before_start'));
      const last = await tx.execute<{ snapshot: unknown }>(
        sql`select snapshot from plan_reviews where plan_id = ${params.id} order by reviewed_on desc, created_at desc limit 1`,
      );
      const previous = last.rows[0]
        ? typeof last.rows[0].snapshot === 'string'
          ? JSON.parse(last.rows[0].snapshot)
          : last.rows[0].snapshot
        : null;
      const { reviews: _reviews, ...snapshot } = plan;
      const changes = previous ? planChanges(previous.goals, plan.goals) : ['first review'];
      const rows = await tx.execute<{
        id: string;
      }>(sql`insert into plan_reviews (org_id, plan_id, reviewed_on, reviewed_by, participants, summary, snapshot, changes)
        values (${actor.orgId}, ${params.id}, ${body.reviewedOn}, ${actor.userId}, ${JSON.stringify(body.participants)}::jsonb, ${body.summary},
          ${JSON.stringify(snapshot)}::jsonb, ${JSON.stringify(changes)}::jsonb) returning id::text`);
      await tx.execute(
        sql`update plans set next_review_on = ${body.nextReviewOn}, version = version + 1, updated_at = now() where id = ${params.id}`,
      );
      await appendEvent(
        tx,
        actor,
        plan.caseId,
        'plan_reviewed',
        {
          planId: params.id,
          reviewId: rows.rows[0]!.id,
          reviewedOn: body.reviewedOn,
          nextReviewOn: body.nextReviewOn,
        },
        body.reviewedOn,
      );
      await writeAudit(tx, audit, {
        action: 'create',
        recordType: 'plan_review',
        recordId: rows.rows[0]!.id,
        details: { planId: auditCode(params.id) },
      });
      return getPlan(tx, actor, params.id);
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/plans/:id/reviews/:reviewId',
    tag: 'plans',
    summary: 'A review: the plan as it was on the review date and what had changed',
    access: read,
    params: ReviewParams,
    response: ReviewView,
    handler: async ({ tx, actor, params }) => {
      await getPlan(tx, actor, params.id);
      const rows = await tx.execute<Record<string, unknown>>(sql`
        select r.*, trim(u.last_name || ' ' || u.first_name) as by from plan_reviews r join users u on u.id = r.reviewed_by
        where r.id = ${params.reviewId} and r.plan_id = ${params.id}`);
      const row = rows.rows[0];
      if (!row) throw notFound();
      const parse = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);
      return {
        id: row.id as string,
        reviewedOn: String(row.reviewed_on).slice(0, 10),
        by: row.by as string,
        summary: row.summary as string,
        participants: parse(row.participants),
        snapshot: parse(row.snapshot),
        changes: parse(row.changes),
      };
    },
  });
}
