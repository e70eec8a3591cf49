// Scenarios of family mentoring (issue 14), on 5,000 mentors over 100,000 cases: the mentor's list
// of their families (first names, children's ages, last contact, hours) and the mentoring log of one
// of them (the family's page: first names, the log the mentor keeps, the tasks given to them), read
// by the heaviest mentor — ten families, two years of weekly contacts each. Target from the issue:
// p95 ≤ 50 ms on PostgreSQL (one client).
import type { MentoringData } from '../datasets/mentoring.js';
import { pick } from '../lib/random.js';
import type { Scenario } from '../lib/types.js';

const mentoring = (data: Record<string, unknown>) => data.mentoring as MentoringData;
const withCookie = (cookie: string | undefined): Record<string, string> => (cookie ? { cookie } : {});

export const mentoringScenarios: Scenario[] = [
  {
    name: 'mentoring.families',
    description: 'GET /api/mentoring/my/families: the mentor’s list of families (the busiest mentor, ten families)',
    datasets: ['mentoring'],
    connections: [1, 20],
    loginAs: ({ data }) => mentoring(data).mentorEmail,
    targets: { 1: { p95Ms: 50 } },
    requests: ({ session }) => [{ method: 'GET', path: '/api/mentoring/my/families', headers: withCookie(session?.cookie) }],
  },
  {
    name: 'mentoring.log',
    description: 'GET /api/mentoring/my/families/:id: one family’s page with the mentoring log (about 100 contacts)',
    datasets: ['mentoring'],
    connections: [1, 20],
    loginAs: ({ data }) => mentoring(data).mentorEmail,
    targets: { 1: { p95Ms: 50 } },
    requests: ({ data, session, random }) => [
      {
        method: 'GET',
        path: '/api/mentoring/my/families',
        headers: withCookie(session?.cookie),
        setupRequest: (request) => ({ ...request, path: `/api/mentoring/my/families/${pick(random, mentoring(data).matchIds)}` }),
      },
    ],
  },
];
