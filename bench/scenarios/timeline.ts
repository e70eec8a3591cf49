// The case page of a long story (issue 12, point 8): a case with 2,000 timeline events, opened by the
// coordinator of its branch. The page's read brings the case with the first page of 50 events
// (`case.timeline`); "show more" asks for the page after a cursor anywhere in the story
// (`case.timeline.more`). Targets from the issue: p95 ≤ 50 ms on PostgreSQL, the answer ≤ 30 KB.
import type { TimelineData } from '../datasets/timeline.js';
import { pick } from '../lib/random.js';
import type { Scenario, Target } from '../lib/types.js';

const timeline = (data: Record<string, unknown>) => data.timeline as TimelineData;
const withCookie = (cookie: string | undefined): Record<string, string> => (cookie ? { cookie } : {});
const TARGETS: Record<number, Target> = { 1: { p95Ms: 50, maxBytes: 30 * 1024 } };

export const timelineScenarios: Scenario[] = [
  {
    name: 'case.timeline',
    description: 'GET /api/cases/:id of a case with a 2,000-event story: the case page with its first 50 events (coordinator)',
    datasets: ['timeline'],
    connections: [1, 20],
    loginAs: ({ data }) => timeline(data).coordinatorEmail,
    targets: TARGETS,
    requests: ({ data, session, random }) => [
      {
        method: 'GET',
        path: '/api/cases',
        headers: withCookie(session?.cookie),
        setupRequest: (request) => ({ ...request, path: `/api/cases/${pick(random, timeline(data).caseIds)}` }),
      },
    ],
  },
  {
    name: 'case.timeline.more',
    description: 'GET /api/cases/:id/timeline?before=… — "show more": the next 50 events from anywhere in the 2,000-event story',
    datasets: ['timeline'],
    connections: [1],
    loginAs: ({ data }) => timeline(data).coordinatorEmail,
    targets: TARGETS,
    requests: ({ data, session, random }) => [
      {
        method: 'GET',
        path: '/api/cases',
        headers: withCookie(session?.cookie),
        setupRequest: (request) => {
          const { caseId, before } = pick(random, timeline(data).cursors);
          return { ...request, path: `/api/cases/${caseId}/timeline?before=${encodeURIComponent(before)}` };
        },
      },
    ],
  },
];
