// Pure rules of plans: progress, the first-plan deadline, what a review changed.
import type { PlanProgress } from './contracts.js';

interface GoalLike {
  status: string;
  title: string;
  tasks: { status: string; title: string; dueOn: string }[];
}

export function planProgress(goals: readonly GoalLike[]): PlanProgress {
  const live = goals.filter((g) => g.status !== 'cancelled');
  const tasks = live.flatMap((g) => g.tasks).filter((t) => t.status !== 'cancelled');
  const done = tasks.filter((t) => t.status === 'done').length;
  return {
    tasksTotal: tasks.length,
    tasksDone: done,
    goalsTotal: live.length,
    goalsAchieved: live.filter((g) => g.status === 'achieved').length,
    share: tasks.length === 0 ? null : Math.round((done / tasks.length) * 1000) / 1000,
  };
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The first plan is due `days` after admission; met when a plan exists, late if after the deadline. */
export function firstPlanDeadline(openedOn: string, days: number, planCreatedOn: string | null, today: string) {
  const dueOn = addDays(openedOn, days);
  if (planCreatedOn) return { dueOn, state: planCreatedOn <= dueOn ? ('met' as const) : ('met_late' as const), metOn: planCreatedOn };
  return { dueOn, state: today > dueOn ? ('overdue' as const) : ('due' as const), metOn: null };
}

/** Human-readable list of what differs between two versions of a plan (for the review record). */
export function planChanges(before: readonly GoalLike[], after: readonly GoalLike[]): string[] {
  const out: string[] = [];
  const beforeGoals = new Map(before.map((g) => [g.title, g]));
  for (const goal of after) {
    const old = beforeGoals.get(goal.title);
    if (!old) {
      out.push(`+ goal: ${goal.title}`);
      continue;
    }
    if (old.status !== goal.status) out.push(`goal ${goal.title}: ${old.status} → ${goal.status}`);
    const oldTasks = new Map(old.tasks.map((t) => [t.title, t]));
    for (const task of goal.tasks) {
      const prev = oldTasks.get(task.title);
      if (!prev) out.push(`+ task: ${task.title}`);
      else {
        if (prev.status !== task.status) out.push(`task ${task.title}: ${prev.status} → ${task.status}`);
        if (prev.dueOn !== task.dueOn) out.push(`task ${task.title}: due ${prev.dueOn} → ${task.dueOn}`);
      }
    }
    for (const t of old.tasks) if (!goal.tasks.some((x) => x.title === t.title)) out.push(`- task: ${t.title}`);
  }
  for (const g of before) if (!after.some((x) => x.title === g.title)) out.push(`- goal: ${g.title}`);
  return out;
}
