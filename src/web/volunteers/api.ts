// Volunteers: the register with screening, teams, the task board, the volunteer's own shifts, the
// hours, the settings and the public application form — through the shared contracts of
// src/domain/volunteers.
import { z } from 'zod';
import {
  type AccountInput,
  type OutcomeInput,
  PublicForm,
  type PublicApplicationInput,
  Reminders,
  type ScreeningInput,
  type SettingsInput,
  SettingsView,
  type TaskInput,
  BoardTask,
  TaskView,
  type TeamInput,
  TeamView,
  type VolunteerInput,
  type VolunteerStatusInput,
  VolunteerSummary,
  VolunteerView,
  HoursView,
  MyScreen,
  MyTask,
} from '../../domain/volunteers/contracts.js';
import { request } from '../app/api.js';

const Items = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });
type In<T extends z.ZodType> = z.input<T>;

export const volunteerKeys = {
  all: ['volunteers'] as const,
  list: (query: unknown) => ['volunteers', 'list', query] as const,
  one: (id: string) => ['volunteers', 'one', id] as const,
  teams: ['volunteers', 'teams'] as const,
  board: (query: unknown) => ['volunteers', 'board', query] as const,
  task: (id: string) => ['volunteers', 'task', id] as const,
  mine: ['volunteers', 'mine'] as const,
  open: ['volunteers', 'open'] as const,
  hours: (query: unknown) => ['volunteers', 'hours', query] as const,
  settings: ['volunteers', 'settings'] as const,
  reminders: ['volunteers', 'reminders'] as const,
};

export const volunteersApi = {
  list: (query: { status?: string; q?: string }) => request('GET', '/api/volunteers', { response: Items(VolunteerSummary), query }),
  one: (id: string) => request('GET', `/api/volunteers/${id}`, { response: VolunteerView }),
  create: (body: In<typeof VolunteerInput>, idempotencyKey: string) =>
    request('POST', '/api/volunteers', { response: VolunteerView, body, idempotencyKey }),
  screening: (id: string, body: In<typeof ScreeningInput>) =>
    request('PUT', `/api/volunteers/${id}/screening`, { response: VolunteerView, body }),
  move: (id: string, body: In<typeof VolunteerStatusInput>) =>
    request('POST', `/api/volunteers/${id}/status`, { response: VolunteerView, body }),
  account: (id: string, body: In<typeof AccountInput>) =>
    request('POST', `/api/volunteers/${id}/account`, { response: VolunteerView, body }),
  teams: () => request('GET', '/api/volunteers/teams', { response: Items(TeamView) }),
  createTeam: (body: In<typeof TeamInput>, idempotencyKey: string) =>
    request('POST', '/api/volunteers/teams', { response: TeamView, body, idempotencyKey }),
  setMembers: (id: string, body: { volunteerIds: string[]; joinedOn: string; version: number }) =>
    request('PUT', `/api/volunteers/teams/${id}/members`, { response: TeamView, body }),
  board: (query: { from: string; to: string; kind?: string }) =>
    request('GET', '/api/volunteers/tasks', { response: Items(BoardTask), query }),
  task: (id: string) => request('GET', `/api/volunteers/tasks/${id}`, { response: TaskView }),
  createTask: (body: In<typeof TaskInput>, idempotencyKey: string) =>
    request('POST', '/api/volunteers/tasks', { response: TaskView, body, idempotencyKey }),
  assign: (id: string, volunteerId: string) =>
    request('POST', `/api/volunteers/tasks/${id}/assign`, { response: TaskView, body: { volunteerId } }),
  cancel: (id: string, version: number) => request('POST', `/api/volunteers/tasks/${id}/cancel`, { response: TaskView, body: { version } }),
  outcome: (signupId: string, body: In<typeof OutcomeInput>) =>
    request('POST', `/api/volunteers/signups/${signupId}/outcome`, { response: TaskView, body }),
  mine: () => request('GET', '/api/volunteers/me', { response: MyScreen }),
  open: () => request('GET', '/api/volunteers/me/open-tasks', { response: Items(MyTask) }),
  signUp: (taskId: string) => request('POST', `/api/volunteers/me/tasks/${taskId}/signup`, { response: MyScreen }),
  withdraw: (signupId: string) => request('POST', `/api/volunteers/me/signups/${signupId}/withdraw`, { response: MyScreen }),
  hours: (query: { from: string; to: string; by: string }) => request('GET', '/api/volunteers/hours', { response: HoursView, query }),
  settings: () => request('GET', '/api/volunteers/settings', { response: SettingsView }),
  saveSettings: (body: In<typeof SettingsInput>) => request('PUT', '/api/volunteers/settings', { response: SettingsView, body }),
  reminders: () => request('GET', '/api/volunteers/reminders', { response: Reminders }),
  form: (slug: string) => request('GET', `/api/public/volunteer-form/${encodeURIComponent(slug)}`, { response: PublicForm }),
  apply: (slug: string, body: In<typeof PublicApplicationInput>) =>
    request('POST', `/api/public/volunteer-form/${encodeURIComponent(slug)}`, { response: z.object({ ok: z.literal(true) }), body }),
};

/** An application's fields as both forms start them: the public form and the one staff enter for a caller. */
export const BLANK_APPLICATION = {
  lastName: '',
  firstName: '',
  middleName: '',
  phone: '',
  email: '',
  branchId: '',
  skills: '',
  availability: '',
  heardFrom: '',
} satisfies Partial<Record<keyof PublicApplicationInput, string>>;

export const isoDaysFrom = (day: string, days: number) => new Date(Date.parse(day) + days * 86_400_000).toISOString().slice(0, 10);

/** A local date and time typed in a form (YYYY-MM-DDTHH:mm) as an ISO instant with its offset. */
export const localToIso = (value: string) => (value ? new Date(value).toISOString() : '');
