// How plan values read: task and goal status colours, who is responsible, the first-plan deadline,
// domain titles from the templates, and the review's list of changes in the interface language.
import type { TFunction } from 'i18next';
import type { GoalView, TaskStatus, TaskView } from '../../domain/plans/contracts.js';
import { TASK_STATUSES } from '../../domain/plans/contracts.js';
import { formatDate } from '../app/format.js';
import { useTemplates } from '../assessments/CaseAssessments.js';
import { useLocalized } from '../assessments/labels.js';

export const TASK_STATUS_COLOR: Record<TaskStatus, string> = {
  planned: 'gray',
  in_progress: 'blue',
  done: 'green',
  not_done: 'red',
  cancelled: 'dark',
};
export const GOAL_STATUS_COLOR: Record<GoalView['status'], string> = {
  open: 'blue',
  achieved: 'green',
  not_achieved: 'red',
  cancelled: 'dark',
};
export const FIRST_PLAN_COLOR = { due: 'blue', overdue: 'red', met: 'green', met_late: 'orange' } as const;

export const today = () => new Date().toISOString().slice(0, 10);

/** A task still to do whose due date has passed. */
export function isOverdue(task: Pick<TaskView, 'status' | 'dueOn'>): boolean {
  return (task.status === 'planned' || task.status === 'in_progress') && task.dueOn < today();
}

export function responsibleText(
  t: TFunction,
  task: Pick<TaskView, 'responsibleKind' | 'responsibleUserId' | 'responsibleName'>,
  staff: Map<string, string>,
): string {
  switch (task.responsibleKind) {
    case 'staff':
      return (task.responsibleUserId && staff.get(task.responsibleUserId)) || task.responsibleName || t('plans.responsibleKinds.staff');
    case 'mother':
      return task.responsibleName || t('plans.responsibleKinds.mother');
    case 'relative':
    case 'mentor':
    case 'organization':
      return `${t(`plans.responsibleKinds.${task.responsibleKind}`)}: ${task.responsibleName}`;
  }
}

/** Domain titles of every current template, for goals (a goal's domain is a template domain code). */
export function useDomainTitles(): { title: (code: string) => string; options: { value: string; label: string }[] } {
  const templates = useTemplates();
  const text = useLocalized();
  const titles = new Map<string, string>();
  for (const tpl of templates.data ?? [])
    for (const d of tpl.definition.domains) if (!titles.has(d.code)) titles.set(d.code, text(d.title));
  return {
    title: (code) => titles.get(code) ?? code,
    options: [...titles].map(([value, label]) => ({ value, label })),
  };
}

const isTaskStatus = (value: string): value is TaskStatus => (TASK_STATUSES as readonly string[]).includes(value);

/**
 * The server records a review's changes as short English lines ("+ task: …", "task …: planned → done",
 * "task …: due 2026-05-01 → 2026-05-10"); they read in the interface language here.
 */
export function describeChange(t: TFunction, line: string): string {
  if (line === 'first review') return t('plans.changes.first');
  let m = /^([+-]) (goal|task): (.*)$/.exec(line);
  if (m) return t(`plans.changes.${m[2] as 'goal' | 'task'}${m[1] === '+' ? 'Added' : 'Removed'}`, { title: m[3] ?? '' });
  m = /^task (.*): due (\d{4}-\d{2}-\d{2}) → (\d{4}-\d{2}-\d{2})$/.exec(line);
  if (m) return t('plans.changes.taskDue', { title: m[1] ?? '', from: formatDate(m[2]!), to: formatDate(m[3]!) });
  m = /^task (.*): (\w+) → (\w+)$/.exec(line);
  if (m && isTaskStatus(m[2]!) && isTaskStatus(m[3]!))
    return t('plans.changes.taskStatus', { title: m[1] ?? '', from: t(`plans.taskStatuses.${m[2]}`), to: t(`plans.taskStatuses.${m[3]}`) });
  m = /^goal (.*): (open|achieved|not_achieved|cancelled) → (open|achieved|not_achieved|cancelled)$/.exec(line);
  if (m)
    return t('plans.changes.goalStatus', {
      title: m[1] ?? '',
      from: t(`plans.goalStatuses.${m[2] as GoalView['status']}`),
      to: t(`plans.goalStatuses.${m[3] as GoalView['status']}`),
    });
  return line;
}
