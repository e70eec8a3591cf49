// API contracts of individual support plans: goals by domain, tasks with a responsible person and a
// due date, participants, reviews with the plan as it was, progress.
import { z } from 'zod';
import { isoDate, optionalText, text, uuid, version } from '../validation.js';
import { Reminders } from '../volunteers/contracts.js';

export const TASK_STATUSES = ['planned', 'in_progress', 'done', 'not_done', 'cancelled'] as const;
export const TaskStatus = z.enum(TASK_STATUSES);
export type TaskStatus = z.infer<typeof TaskStatus>;
export const GOAL_STATUSES = ['open', 'achieved', 'not_achieved', 'cancelled'] as const;
export const GoalStatus = z.enum(GOAL_STATUSES);

/** Who does a task: a staff member, the mother herself, a relative, a mentor or an outside organisation. */
export const RESPONSIBLE_KINDS = ['staff', 'mother', 'relative', 'mentor', 'organization'] as const;
export const ResponsibleKind = z.enum(RESPONSIBLE_KINDS);

/** A day that has come: records take the day they happened, never one ahead. */
const PastDate = isoDate.refine((v) => v <= new Date().toISOString().slice(0, 10), { message: 'i18n:date_in_future' });

export const TaskInput = z
  .strictObject({
    id: uuid.optional(),
    title: text(500),
    responsibleKind: ResponsibleKind,
    responsibleUserId: uuid.nullable().default(null),
    responsibleName: optionalText(200),
    dueOn: isoDate,
    status: TaskStatus.default('planned'),
    note: optionalText(2000),
    /** The day a done task was done (entered after the fact); today when left out. */
    completedOn: PastDate.nullable().optional(),
  })
  .superRefine((t, ctx) => {
    if (t.responsibleKind === 'staff' && !t.responsibleUserId)
      ctx.addIssue({ code: 'custom', path: ['responsibleUserId'], message: 'i18n:required' });
    if (t.responsibleKind !== 'staff' && t.responsibleKind !== 'mother' && !t.responsibleName) {
      ctx.addIssue({ code: 'custom', path: ['responsibleName'], message: 'i18n:required' });
    }
  });
export type TaskInput = z.infer<typeof TaskInput>;

export const GoalInput = z.strictObject({
  id: uuid.optional(),
  domain: z.string().trim().min(1).max(60),
  title: text(500),
  status: GoalStatus.default('open'),
  /** The assessment need this goal answers, when created from one. */
  fromAssessmentId: uuid.nullable().default(null),
  tasks: z.array(TaskInput).max(60).default([]),
});
export type GoalInput = z.infer<typeof GoalInput>;

export const Participant = z.strictObject({
  kind: z.enum(['mother', 'staff', 'relative', 'other']),
  name: text(200),
  userId: uuid.nullable().default(null),
});

const planFields = {
  desiredFuture: text(5000),
  participants: z.array(Participant).min(1).max(20),
  startOn: isoDate,
  nextReviewOn: isoDate,
  goals: z.array(GoalInput).max(30),
  /** The day the plan was made with the mother; the first-plan deadline is judged on it. Today when left out. */
  madeOn: PastDate.optional(),
};

function checkPlan(
  p: { participants: { kind: string }[]; startOn: string; nextReviewOn: string; goals: GoalInput[] },
  ctx: z.RefinementCtx,
) {
  // Drawn up with the family: the mother at least takes part.
  if (!p.participants.some((x) => x.kind === 'mother'))
    ctx.addIssue({ code: 'custom', path: ['participants'], message: 'i18n:mother_required' });
  if (p.nextReviewOn < p.startOn) ctx.addIssue({ code: 'custom', path: ['nextReviewOn'], message: 'i18n:before_start' });
  p.goals.forEach((g, i) =>
    g.tasks.forEach((t, j) => {
      if (t.dueOn < p.startOn) ctx.addIssue({ code: 'custom', path: ['goals', i, 'tasks', j, 'dueOn'], message: 'i18n:before_start' });
    }),
  );
}

export const PlanInput = z.strictObject(planFields).superRefine(checkPlan);
export type PlanInput = z.infer<typeof PlanInput>;
export const PlanUpdateInput = z.strictObject({ ...planFields, version }).superRefine(checkPlan);
export type PlanUpdateInput = z.infer<typeof PlanUpdateInput>;

export const TaskView = z.object({
  id: uuid,
  title: z.string(),
  responsibleKind: ResponsibleKind,
  responsibleUserId: uuid.nullable(),
  responsibleName: z.string(),
  dueOn: z.string(),
  status: TaskStatus,
  note: z.string(),
  completedOn: z.string().nullable(),
  version: z.number(),
});
export type TaskView = z.infer<typeof TaskView>;

export const GoalView = z.object({
  id: uuid,
  domain: z.string(),
  title: z.string(),
  status: GoalStatus,
  fromAssessmentId: uuid.nullable(),
  tasks: z.array(TaskView),
});
export type GoalView = z.infer<typeof GoalView>;

export const PlanProgress = z.object({
  tasksTotal: z.number(),
  tasksDone: z.number(),
  goalsTotal: z.number(),
  goalsAchieved: z.number(),
  /** Share of tasks done among those not cancelled, 0..1 (null when there are none). */
  share: z.number().nullable(),
});
export type PlanProgress = z.infer<typeof PlanProgress>;

export const PlanView = z.object({
  id: uuid,
  caseId: uuid,
  desiredFuture: z.string(),
  participants: z.array(Participant),
  startOn: z.string(),
  nextReviewOn: z.string(),
  madeOn: z.string(),
  goals: z.array(GoalView),
  progress: PlanProgress,
  reviews: z.array(z.object({ id: uuid, reviewedOn: z.string(), by: z.string(), summary: z.string() })),
  version: z.number(),
  createdAt: z.string(),
});
export type PlanView = z.infer<typeof PlanView>;

export const TaskStatusInput = z.strictObject({
  status: TaskStatus,
  note: optionalText(2000),
  /** The day the task was done, when it is marked done after the fact; today when left out. */
  completedOn: PastDate.optional(),
  version,
});

export const ReviewInput = z.strictObject({
  reviewedOn: isoDate.refine((v) => v <= new Date().toISOString().slice(0, 10), { message: 'i18n:date_in_future' }),
  participants: z.array(Participant).min(1).max(20),
  summary: text(5000),
  nextReviewOn: isoDate,
});
export const ReviewView = z.object({
  id: uuid,
  reviewedOn: z.string(),
  by: z.string(),
  summary: z.string(),
  participants: z.array(Participant),
  /** The plan as it was on the review date (reviews kept before plans had a day they were made lack it). */
  snapshot: PlanView.omit({ reviews: true }).extend({ madeOn: z.string().optional() }),
  /** What changed since the previous review (or the plan's creation). */
  changes: z.array(z.string()),
});

/** Deadline of the first plan after admission: due, overdue or met. */
export const FirstPlanDeadline = z.object({
  dueOn: z.string(),
  state: z.enum(['due', 'overdue', 'met', 'met_late']),
  metOn: z.string().nullable(),
});

export const MyWork = z.object({
  tasksOverdue: z.array(z.object({ task: TaskView, caseId: uuid, familyName: z.string(), goalTitle: z.string(), planId: uuid })),
  tasksThisWeek: z.array(z.object({ task: TaskView, caseId: uuid, familyName: z.string(), goalTitle: z.string(), planId: uuid })),
  reviewsDue: z.array(z.object({ caseId: uuid, familyName: z.string(), planId: uuid, nextReviewOn: z.string() })),
  firstPlansDue: z.array(z.object({ caseId: uuid, familyName: z.string(), dueOn: z.string(), overdue: z.boolean() })),
  assessmentsDue: z.array(
    z.object({ caseId: uuid, familyName: z.string(), templateCode: z.string(), templateName: z.string(), dueOn: z.string() }),
  ),
  /**
   * For those who keep the volunteer register (volunteers.manage), in their branches: certificates of
   * no criminal record ending soon or ended, and child-related shifts put on hold by them (empty for
   * anyone else).
   */
  volunteerReminders: Reminders,
  /** Signposting the caller did whose follow-up (was the help taken up?) is due within the week. */
  signpostFollowUps: z.array(
    z.object({
      referralId: uuid,
      clientName: z.string(),
      partnerName: z.string().nullable(),
      followUpOn: z.string(),
      overdue: z.boolean(),
    }),
  ),
});
