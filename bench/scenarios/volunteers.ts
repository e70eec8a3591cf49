// Scenarios of the volunteers area (issue 18), on 10,000 volunteers and 200,000 tasks: the volunteer's
// own screen (their shifts to come and done with the task's family by first names, teams and hours),
// read by the volunteer with the longest history, and the coordinator's task board (a week of the
// biggest branch's tasks with the places taken). Target from the issue: p95 ≤ 50 ms on PostgreSQL
// (one client).
import type { VolunteersData } from '../datasets/volunteers.js';
import type { Scenario } from '../lib/types.js';

const volunteers = (data: Record<string, unknown>) => data.volunteers as VolunteersData;
const withCookie = (cookie: string | undefined): Record<string, string> => (cookie ? { cookie } : {});
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

export const volunteerScenarios: Scenario[] = [
  {
    name: 'volunteers.mine',
    description: 'GET /api/volunteers/me: the volunteer’s own screen (the busiest volunteer: ≈3,400 shifts)',
    datasets: ['volunteers'],
    connections: [1, 20],
    loginAs: ({ data }) => volunteers(data).volunteerEmail,
    targets: { 1: { p95Ms: 50 } },
    requests: ({ session }) => [{ method: 'GET', path: '/api/volunteers/me', headers: withCookie(session?.cookie) }],
  },
  {
    name: 'volunteers.open',
    description: 'GET /api/volunteers/me/open-tasks: the shifts of the volunteer’s branch they may still take',
    datasets: ['volunteers'],
    connections: [1, 20],
    loginAs: ({ data }) => volunteers(data).volunteerEmail,
    targets: { 1: { p95Ms: 50 } },
    requests: ({ session }) => [{ method: 'GET', path: '/api/volunteers/me/open-tasks', headers: withCookie(session?.cookie) }],
  },
  {
    name: 'volunteers.board',
    description: 'GET /api/volunteers/tasks: the coordinator’s board, a week of the biggest branch’s tasks with places taken',
    datasets: ['volunteers'],
    connections: [1, 20],
    loginAs: ({ data }) => volunteers(data).coordinatorEmail,
    targets: { 1: { p95Ms: 50 } },
    requests: ({ session }) => [
      { method: 'GET', path: `/api/volunteers/tasks?from=${day(0)}&to=${day(6)}`, headers: withCookie(session?.cookie) },
    ],
  },
];
