// Volunteers (issue 18): applications (by staff or through the organisation's public form, with
// the consent to processing), screening and onboarding (interview, certificate of no criminal record,
// induction, agreement), the status path, teams per branch, tasks and shifts with places, sign-ups
// and assignments, completion with hours, the volunteer's own screen and the hours counted.
import { z } from 'zod';
import { isoDate, optionalText, text, uuid, version } from '../validation.js';

export const VOLUNTEER_STATUSES = ['applicant', 'screened', 'active', 'paused', 'left'] as const;
export const VolunteerStatus = z.enum(VOLUNTEER_STATUSES);
export type VolunteerStatus = z.infer<typeof VolunteerStatus>;

export const TASK_KINDS = ['child_care', 'transport', 'aid_delivery', 'event_help', 'repairs', 'tutoring'] as const;
export const TaskKind = z.enum(TASK_KINDS);
export type TaskKind = z.infer<typeof TaskKind>;

export const SIGNUP_STATUSES = ['signed_up', 'completed', 'no_show', 'withdrawn'] as const;
export const SignupStatus = z.enum(SIGNUP_STATUSES);
export type SignupStatus = z.infer<typeof SignupStatus>;

export const TASK_STATUSES = ['open', 'done', 'cancelled'] as const;
export const TaskStatus = z.enum(TASK_STATUSES);

const phone = z
  .string()
  .trim()
  .max(40)
  .regex(/^[0-9+()\s-]*$/, { message: 'i18n:invalid_format' })
  .default('');
const emailText = z
  .string()
  .trim()
  .max(254)
  .regex(/^$|^[^\s@]+@[^\s@]+\.[^\s@]+$/, { message: 'i18n:invalid_email' })
  .default('');
const dateTime = z.iso.datetime({ offset: true });

/** What an application asks: name, contacts, city (a branch), skills, availability, how they heard of us. */
const applicationFields = {
  lastName: text(100),
  firstName: text(100),
  middleName: optionalText(100),
  phone,
  email: emailText,
  branchId: uuid,
  skills: optionalText(2000),
  availability: optionalText(1000),
  heardFrom: optionalText(500),
};

/** An application entered by staff (a call, a paper form). */
export const VolunteerInput = z.strictObject({ ...applicationFields, appliedOn: isoDate });
export type VolunteerInput = z.infer<typeof VolunteerInput>;

export const VolunteerUpdateInput = z.strictObject({ ...applicationFields, version });
export type VolunteerUpdateInput = z.infer<typeof VolunteerUpdateInput>;

/**
 * The public form: only what it asks for (a strict object: anything else is a 400). `website` is the
 * honeypot a person never sees (must stay empty); `formToken` says when the form was opened, so a
 * submission faster than a person can type is refused.
 */
export const PublicApplicationInput = z.strictObject({
  ...applicationFields,
  phone: phone.refine((value) => value.length >= 5, { message: 'i18n:required' }),
  consent: z.literal(true, { message: 'i18n:required' }),
  website: z.string().max(200).default(''),
  formToken: z.string().min(10).max(200),
});
export type PublicApplicationInput = z.infer<typeof PublicApplicationInput>;

export const PublicForm = z.object({
  organization: z.string(),
  branches: z.array(z.object({ id: uuid, name: z.string(), city: z.string() })),
  consentText: z.string(),
  formToken: z.string(),
});
export type PublicForm = z.infer<typeof PublicForm>;

export const SlugParams = z.strictObject({ slug: z.string().min(3).max(50) });

export const ScreeningInput = z.strictObject({
  interviewOn: isoDate.nullable(),
  interviewNotes: optionalText(4000),
  certificateIssuedOn: isoDate.nullable(),
  inductionOn: isoDate.nullable(),
  agreementOn: isoDate.nullable(),
  version,
});
export type ScreeningInput = z.infer<typeof ScreeningInput>;

export const VolunteerStatusInput = z.strictObject({
  status: VolunteerStatus,
  changedOn: isoDate,
  /** Required to pause or leave. */
  reason: optionalText(1000),
  version,
});
export type VolunteerStatusInput = z.infer<typeof VolunteerStatusInput>;

export const AccountInput = z.strictObject({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .max(254)
    .pipe(z.email({ message: 'i18n:invalid_email' })),
  password: z.string().min(10, { message: 'i18n:weak_password' }).max(200),
  version,
});

export const VolunteerListQuery = z.strictObject({
  status: VolunteerStatus.optional(),
  branchId: uuid.optional(),
  q: z.string().trim().max(100).optional(),
});

export const VolunteerSummary = z.object({
  id: uuid,
  name: z.string(),
  branchId: uuid,
  city: z.string(),
  phone: z.string(),
  status: VolunteerStatus,
  statusOn: isoDate,
  appliedOn: isoDate,
  source: z.enum(['staff', 'public_form']),
  certificateValidUntil: isoDate.nullable(),
  hours: z.number(),
  hasAccount: z.boolean(),
});
export type VolunteerSummary = z.infer<typeof VolunteerSummary>;

export const SignupView = z.object({
  id: uuid,
  taskId: uuid,
  volunteerId: uuid,
  volunteerName: z.string(),
  how: z.enum(['self', 'assigned']),
  status: SignupStatus,
  hours: z.number().nullable(),
  /** Work with children after the certificate ends: on hold until a new one is recorded. */
  onHold: z.boolean(),
});
export type SignupView = z.infer<typeof SignupView>;

export const VolunteerView = VolunteerSummary.extend({
  lastName: z.string(),
  firstName: z.string(),
  middleName: z.string(),
  email: z.string(),
  skills: z.string(),
  availability: z.string(),
  heardFrom: z.string(),
  consentText: z.string(),
  consentOn: isoDate.nullable(),
  interviewOn: isoDate.nullable(),
  interviewNotes: z.string(),
  certificateIssuedOn: isoDate.nullable(),
  inductionOn: isoDate.nullable(),
  agreementOn: isoDate.nullable(),
  userId: uuid.nullable(),
  history: z.array(z.object({ from: VolunteerStatus.nullable(), to: VolunteerStatus, changedOn: isoDate, reason: z.string() })),
  teams: z.array(z.object({ id: uuid, name: z.string(), leader: z.boolean() })),
  shifts: z.array(
    z.object({
      signupId: uuid,
      taskId: uuid,
      title: z.string(),
      kind: TaskKind,
      startsAt: z.string(),
      status: SignupStatus,
      hours: z.number().nullable(),
      onHold: z.boolean(),
    }),
  ),
  version: z.number(),
});
export type VolunteerView = z.infer<typeof VolunteerView>;

export const SettingsInput = z.strictObject({
  formSlug: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9-]{1,48}[a-z0-9]$/, { message: 'i18n:invalid_format' }),
  formOpen: z.boolean(),
  consentText: text(4000),
  certificateValidMonths: z.number().int().min(1).max(120),
  reminderDays: z.number().int().min(1).max(365),
  childRelatedKinds: z.array(TaskKind).max(TASK_KINDS.length),
  version,
});
export type SettingsInput = z.infer<typeof SettingsInput>;
export const SettingsView = SettingsInput.extend({ version: z.number() });
export type SettingsView = z.infer<typeof SettingsView>;

export const TeamInput = z.strictObject({
  branchId: uuid,
  name: text(200),
  leaderId: uuid.nullable().default(null),
  formedOn: isoDate,
});
export type TeamInput = z.infer<typeof TeamInput>;
export const TeamUpdateInput = TeamInput.omit({ formedOn: true }).extend({ active: z.boolean(), version });
export const TeamMembersInput = z.strictObject({ volunteerIds: z.array(uuid).max(500), joinedOn: isoDate, version });

export const TeamView = z.object({
  id: uuid,
  branchId: uuid,
  city: z.string(),
  name: z.string(),
  leaderId: uuid.nullable(),
  leaderName: z.string().nullable(),
  formedOn: isoDate,
  active: z.boolean(),
  members: z.array(z.object({ id: uuid, name: z.string(), status: VolunteerStatus })),
  version: z.number(),
});
export type TeamView = z.infer<typeof TeamView>;

export const TaskInput = z.strictObject({
  branchId: uuid,
  teamId: uuid.nullable().default(null),
  kind: TaskKind,
  title: text(200),
  /** What the task needs (what to bring, what to do). */
  needs: optionalText(2000),
  /** Where to go (a delivery's address): shown to the volunteers on it until it is done. */
  address: optionalText(500),
  /** The family's case the task is about, if any. */
  caseId: uuid.nullable().default(null),
  startsAt: dateTime,
  endsAt: dateTime,
  places: z.number().int().min(1).max(100),
  /** 1 for a one-off task; more repeats it weekly. */
  weeks: z.number().int().min(1).max(52).default(1),
});
export type TaskInput = z.infer<typeof TaskInput>;

export const TaskBoardQuery = z.strictObject({
  from: isoDate,
  to: isoDate,
  branchId: uuid.optional(),
  kind: TaskKind.optional(),
});

export const TaskSummary = z.object({
  id: uuid,
  branchId: uuid,
  teamId: uuid.nullable(),
  seriesId: uuid.nullable(),
  kind: TaskKind,
  childRelated: z.boolean(),
  title: z.string(),
  caseId: uuid.nullable(),
  startsAt: z.string(),
  endsAt: z.string(),
  places: z.number(),
  taken: z.number(),
  status: TaskStatus,
});
export type TaskSummary = z.infer<typeof TaskSummary>;

/**
 * A task as the coordinator's board lists it: what the week's table shows and nothing more — a busy
 * branch's week is hundreds of rows, and the branch, team and case ids were half of each (they are on
 * the task itself, GET /api/volunteers/tasks/:id).
 */
export const BoardTask = TaskSummary.pick({
  id: true,
  seriesId: true,
  kind: true,
  childRelated: true,
  title: true,
  startsAt: true,
  endsAt: true,
  places: true,
  taken: true,
  status: true,
});
export type BoardTask = z.infer<typeof BoardTask>;

export const TaskView = TaskSummary.extend({
  needs: z.string(),
  address: z.string(),
  signups: z.array(SignupView),
  version: z.number(),
});
export type TaskView = z.infer<typeof TaskView>;

export const AssignInput = z.strictObject({ volunteerId: uuid });
export const OutcomeInput = z.strictObject({
  outcome: z.enum(['completed', 'no_show']),
  /** The hours given; required for a completion, at most the shift's length. */
  hours: z.number().positive().max(24).multipleOf(0.25).nullable().default(null),
});
export const CancelInput = z.strictObject({ version });

export const HoursQuery = z.strictObject({
  from: isoDate,
  to: isoDate,
  by: z.enum(['volunteer', 'team', 'branch']).default('volunteer'),
  branchId: uuid.optional(),
});
export const HoursView = z.object({
  from: isoDate,
  to: isoDate,
  by: z.enum(['volunteer', 'team', 'branch']),
  rows: z.array(z.object({ id: z.string(), name: z.string(), hours: z.number(), shifts: z.number() })),
  total: z.number(),
});
export type HoursView = z.infer<typeof HoursView>;

export const LetterQuery = z.strictObject({ from: isoDate, to: isoDate });

export const Reminders = z.object({
  certificates: z.array(z.object({ volunteerId: uuid, name: z.string(), validUntil: isoDate.nullable(), daysLeft: z.number().nullable() })),
  onHold: z.array(
    z.object({ signupId: uuid, taskId: uuid, title: z.string(), startsAt: z.string(), volunteerId: uuid, volunteerName: z.string() }),
  ),
});
export type Reminders = z.infer<typeof Reminders>;

/** A family as a volunteer sees it on a task about it: first names and children's ages, nothing else. */
export const TaskFamily = z.object({ people: z.array(z.object({ firstName: z.string(), age: z.string(), child: z.boolean() })) });

export const MyTask = z.object({
  signupId: uuid.nullable(),
  taskId: uuid,
  kind: TaskKind,
  childRelated: z.boolean(),
  title: z.string(),
  needs: z.string(),
  /** Only while the task is to be done. */
  address: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  places: z.number(),
  taken: z.number(),
  status: SignupStatus.nullable(),
  hours: z.number().nullable(),
  onHold: z.boolean(),
  family: TaskFamily.nullable(),
});
export type MyTask = z.infer<typeof MyTask>;

export const MyScreen = z.object({
  volunteer: z
    .object({
      id: uuid,
      firstName: z.string(),
      status: VolunteerStatus,
      certificateValidUntil: isoDate.nullable(),
    })
    .nullable(),
  teams: z.array(z.object({ id: uuid, name: z.string(), city: z.string(), leaderName: z.string().nullable() })),
  upcoming: z.array(MyTask),
  past: z.array(MyTask),
  hours: z.object({ total: z.number(), thisYear: z.number(), shifts: z.number() }),
});
export type MyScreen = z.infer<typeof MyScreen>;
