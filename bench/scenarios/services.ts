// Scenarios of services (issue 5): recording a service to the cases a case worker leads (with the
// CSRF token, a different case, type and date each time), and a family's service history as the
// coordinator of the biggest branch (a different family each time). Targets from the issue: with one
// client p95 ≤ 30 ms to record and ≤ 50 ms for the history; ≥ 300 services recorded per second with 20.
import type { CaseworkData } from '../datasets/casework.js';
import type { ServicesData } from '../datasets/services.js';
import { pick } from '../lib/random.js';
import type { Scenario } from '../lib/types.js';

const services = (data: Record<string, unknown>) => data.services as ServicesData;
const withCookie = (cookie: string | undefined): Record<string, string> => (cookie ? { cookie } : {});
const DAY = 86_400_000;

export const serviceScenarios: Scenario[] = [
  {
    name: 'services.record',
    description: 'POST /api/services to one of the open cases the worker leads (type, date, duration, mother, note vary)',
    datasets: ['services'],
    loginAs: ({ data }) => services(data).workerEmail,
    targets: { 1: { p95Ms: 30 }, 20: { minRps: 300 } },
    requests: ({ data, session, random }) => {
      const { workerCases, typeIds, workerId } = services(data);
      return [
        {
          method: 'POST',
          path: '/api/services',
          headers: { ...withCookie(session?.cookie), 'content-type': 'application/json', 'x-csrf-token': session?.csrfToken ?? '' },
          setupRequest: (request) => {
            const target = pick(random, workerCases);
            const body = {
              caseId: target.caseId,
              typeId: pick(random, typeIds),
              date: new Date(Date.now() - Math.floor(random() * 14) * DAY).toISOString().slice(0, 10),
              durationMinutes: pick(random, [30, 45, 60, 90]),
              specialistIds: [workerId],
              memberIds: target.motherId ? [target.motherId] : [],
              format: pick(random, ['in_person', 'phone', 'online', 'home_visit'] as const),
              initiatedBy: random() < 0.35 ? 'client' : 'team',
              note: random() < 0.5 ? 'Консультация (нагрузочный тест)' : '',
            };
            return { ...request, body: JSON.stringify(body) };
          },
        },
      ];
    },
  },
  {
    name: 'services.history',
    description:
      'GET /api/cases/:id/services (first page of 50, totals), a different family of the biggest branch each time, as its coordinator',
    datasets: ['services'],
    loginAs: ({ data }) => (data.casework as CaseworkData).coordinatorEmail,
    targets: { 1: { p95Ms: 50 } },
    requests: ({ data, session, random }) => {
      const ids = (data.casework as CaseworkData).coordinatorCaseIds;
      return [
        {
          method: 'GET',
          path: '/api/cases',
          headers: withCookie(session?.cookie),
          setupRequest: (request) => ({ ...request, path: `/api/cases/${pick(random, ids)}/services` }),
        },
      ];
    },
  },
];
