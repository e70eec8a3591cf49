// Scenarios of trainings for specialists (issue 15), on 2,000 events with 20,000 external
// specialists: a training's participant list (attendance per session, hours, tests, completion,
// certificates) read by a coordinator of the branch that holds it — nine times in ten a seminar or
// course of 8–40 people, once in ten a conference of 200–300. Target from the issue: p95 ≤ 50 ms on
// PostgreSQL (one client).
import type { TrainingsData } from '../datasets/trainings.js';
import { pick } from '../lib/random.js';
import type { Scenario } from '../lib/types.js';

const trainings = (data: Record<string, unknown>) => data.trainings as TrainingsData;
const withCookie = (cookie: string | undefined): Record<string, string> => (cookie ? { cookie } : {});

export const trainingScenarios: Scenario[] = [
  {
    name: 'trainings.participants',
    description: 'GET /api/trainings/:id/participants: a training’s participant list (one in ten a conference of 200–300)',
    datasets: ['trainings'],
    connections: [1, 20],
    loginAs: ({ data }) => trainings(data).readerEmail,
    targets: { 1: { p95Ms: 50 } },
    requests: ({ data, session, random }) => [
      {
        method: 'GET',
        path: '/api/trainings',
        headers: withCookie(session?.cookie),
        setupRequest: (request) => {
          const { trainingIds, conferenceIds } = trainings(data);
          const id = conferenceIds.length > 0 && random() < 0.1 ? pick(random, conferenceIds) : pick(random, trainingIds);
          return { ...request, path: `/api/trainings/${id}/participants` };
        },
      },
    ],
  },
];
