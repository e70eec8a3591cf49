// Scenarios of plans (issue 4): the "my work" page of a case worker leading 50 open cases, and the
// case page of one of their cases with a 30-task plan (the case and its plan: the page loads both,
// measured apart so that each has its figure), through the real HTTP API. Target from the issue: p95 ≤ 50 ms with one client.
import type { PlansData } from '../datasets/plans.js';
import { pick } from '../lib/random.js';
import type { Scenario, Target } from '../lib/types.js';

const plans = (data: Record<string, unknown>) => data.plans as PlansData;
const withCookie = (cookie: string | undefined): Record<string, string> => (cookie ? { cookie } : {});
const TARGETS: Record<number, Target> = { 1: { p95Ms: 50 } };

export const planScenarios: Scenario[] = [
  {
    name: 'plans.mywork',
    description:
      'GET /api/my-work as a case worker leading 50 open cases with 30-task plans (tasks due, reviews, first plans, assessments)',
    datasets: ['plans'],
    loginAs: ({ data }) => plans(data).workerEmail,
    targets: TARGETS,
    requests: ({ session }) => [{ method: 'GET', path: '/api/my-work', headers: withCookie(session?.cookie) }],
  },
  {
    name: 'plans.case',
    description: 'GET /api/cases/:id (the case page) for a case of the worker with a 30-task plan, a different one each time',
    datasets: ['plans'],
    loginAs: ({ data }) => plans(data).workerEmail,
    targets: TARGETS,
    requests: ({ data, session, random }) => [
      {
        method: 'GET',
        path: '/api/cases',
        headers: withCookie(session?.cookie),
        setupRequest: (request) => ({ ...request, path: `/api/cases/${pick(random, plans(data).workerPlanCaseIds)}` }),
      },
    ],
  },
  {
    name: 'plans.plan',
    description: 'GET /api/cases/:id/plan (goals, 30 tasks, reviews, first-plan deadline) on the same case page',
    datasets: ['plans'],
    loginAs: ({ data }) => plans(data).workerEmail,
    targets: TARGETS,
    requests: ({ data, session, random }) => [
      {
        method: 'GET',
        path: '/api/cases',
        headers: withCookie(session?.cookie),
        setupRequest: (request) => ({ ...request, path: `/api/cases/${pick(random, plans(data).workerPlanCaseIds)}/plan` }),
      },
    ],
  },
];
