// Reading a plan as one document (goals with their tasks, progress, reviews) and writing it back.
import { sql } from 'drizzle-orm';
import type { GoalView, PlanUpdateInput, PlanView, TaskView } from '../../domain/plans/contracts.js';
import { planProgress } from '../../domain/plans/progress.js';
import type { Tx } from '../db/engine.js';
import type { Actor } from '../http/context.js';
import { notFound } from '../http/errors.js';
import { caseScope } from '../cases/scope.js';

type Row = Record<string, unknown>;
const parse = <T>(value: unknown) => (typeof value === 'string' ? JSON.parse(value) : value) as T;
const day = (value: unknown) => (value === null || value === undefined ? null : String(value).slice(0, 10));

export function toTaskView(row: Row): TaskView {
  return {
    id: row.id as string,
    title: row.title as string,
    responsibleKind: row.responsible_kind as TaskView['responsibleKind'],
    responsibleUserId: (row.responsible_user_id as string | null) ?? null,
    responsibleName: row.responsible_name as string,
    dueOn: day(row.due_on)!,
    status: row.status as TaskView['status'],
    note: row.note as string,
    completedOn: day(row.completed_on),
    version: Number(row.version),
  };
}

/** The plan of a case in the caller's scope, or null when the case has none yet. */
export async function findPlanOfCase(tx: Tx, actor: Actor, caseId: string): Promise<PlanView | null> {
  // The plan row is read here once (not its id, then the row again through getPlan).
  const rows = await tx.execute<Row>(
    sql`select p.* from plans p join cases c on c.id = p.case_id where p.case_id = ${caseId} and ${caseScope(actor)}`,
  );
  return rows.rows[0] ? planView(tx, rows.rows[0]) : null;
}

export async function getPlan(tx: Tx, actor: Actor, planId: string): Promise<PlanView> {
  const rows = await tx.execute<Row>(
    sql`select p.* from plans p join cases c on c.id = p.case_id where p.id = ${planId} and ${caseScope(actor)}`,
  );
  const plan = rows.rows[0];
  if (!plan) throw notFound();
  return planView(tx, plan);
}

/** The whole plan from its row (already checked to be in the caller's scope). */
async function planView(tx: Tx, plan: Row): Promise<PlanView> {
  const planId = plan.id as string;
  const goalRows = await tx.execute<Row>(sql`select * from plan_goals where plan_id = ${planId} order by position`);
  const taskRows = await tx.execute<Row>(sql`select * from plan_tasks where plan_id = ${planId} order by position`);
  const reviewRows = await tx.execute<Row>(sql`
    select r.id::text, r.reviewed_on, r.summary, trim(u.last_name || ' ' || u.first_name) as by
    from plan_reviews r join users u on u.id = r.reviewed_by where r.plan_id = ${planId} order by r.reviewed_on desc, r.created_at desc`);
  const goals: GoalView[] = goalRows.rows.map((g) => ({
    id: g.id as string,
    domain: g.domain as string,
    title: g.title as string,
    status: g.status as GoalView['status'],
    fromAssessmentId: (g.from_assessment_id as string | null) ?? null,
    tasks: taskRows.rows.filter((t) => t.goal_id === g.id).map(toTaskView),
  }));
  return {
    id: plan.id as string,
    caseId: plan.case_id as string,
    desiredFuture: plan.desired_future as string,
    participants: parse(plan.participants),
    startOn: day(plan.start_on)!,
    nextReviewOn: day(plan.next_review_on)!,
    madeOn: day(plan.made_on)!,
    goals,
    progress: planProgress(goals),
    reviews: reviewRows.rows.map((r) => ({
      id: r.id as string,
      reviewedOn: day(r.reviewed_on)!,
      by: r.by as string,
      summary: r.summary as string,
    })),
    version: Number(plan.version),
    createdAt: new Date(plan.created_at as string).toISOString(),
  };
}

/**
 * Writes the goals and tasks of a plan as given: items with an id are updated in place (a task's
 * version moves when it changes), items without one are created, items left out are removed.
 */
export async function writeGoals(tx: Tx, actor: Actor, planId: string, goals: PlanUpdateInput['goals'], today: string): Promise<void> {
  const keepGoals = goals.map((g) => g.id).filter((id): id is string => Boolean(id));
  const keepTasks = goals.flatMap((g) => g.tasks.map((t) => t.id)).filter((id): id is string => Boolean(id));
  await tx.execute(sql`delete from plan_tasks where plan_id = ${planId} ${keepTasks.length ? sql`and id not in ${keepTasks}` : sql``}`);
  await tx.execute(sql`delete from plan_goals where plan_id = ${planId} ${keepGoals.length ? sql`and id not in ${keepGoals}` : sql``}`);
  for (const [position, goal] of goals.entries()) {
    let goalId = goal.id;
    if (goalId) {
      const updated =
        await tx.execute(sql`update plan_goals set position = ${position}, domain = ${goal.domain}, title = ${goal.title}, status = ${goal.status},
        from_assessment_id = ${goal.fromAssessmentId} where id = ${goalId} and plan_id = ${planId} returning id`);
      if (updated.rows.length === 0) throw notFound();
    } else {
      const inserted = await tx.execute<{
        id: string;
      }>(sql`insert into plan_goals (org_id, plan_id, position, domain, title, status, from_assessment_id)
        values (${actor.orgId}, ${planId}, ${position}, ${goal.domain}, ${goal.title}, ${goal.status}, ${goal.fromAssessmentId}) returning id::text`);
      goalId = inserted.rows[0]!.id;
    }
    for (const [taskPosition, task] of goal.tasks.entries()) {
      // A task marked done keeps the day it was done: the one given, else the one it had, else today.
      const given = task.status === 'done' ? (task.completedOn ?? null) : null;
      const completedOn = task.status === 'done' ? (given ?? today) : null;
      if (task.id) {
        const updated = await tx.execute(sql`update plan_tasks set goal_id = ${goalId}, position = ${taskPosition}, title = ${task.title},
          responsible_kind = ${task.responsibleKind}, responsible_user_id = ${task.responsibleUserId}, responsible_name = ${task.responsibleName},
          due_on = ${task.dueOn}, note = ${task.note},
          completed_on = case when ${task.status} = 'done' then coalesce(${given}::date, completed_on, ${completedOn}::date) else null end,
          version = version + case when status is distinct from ${task.status} or title is distinct from ${task.title} or due_on is distinct from ${task.dueOn}::date then 1 else 0 end,
          status = ${task.status}
          where id = ${task.id} and plan_id = ${planId} returning id`);
        if (updated.rows.length === 0) throw notFound();
      } else {
        await tx.execute(sql`insert into plan_tasks (org_id, plan_id, goal_id, position, title, responsible_kind, responsible_user_id, responsible_name, due_on, status, note, completed_on)
          values (${actor.orgId}, ${planId}, ${goalId}, ${taskPosition}, ${task.title}, ${task.responsibleKind}, ${task.responsibleUserId}, ${task.responsibleName},
            ${task.dueOn}, ${task.status}, ${task.note}, ${completedOn})`);
      }
    }
  }
}
