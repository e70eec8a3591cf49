// Scenarios of housing (issue 6): the occupancy board and the period figures for 50 facilities and
// 20,000 stays over five years, as a supervisor of the three branches holding them. Target from the
// issue: p95 ≤ 50 ms with one client.
import type { HousingData } from '../datasets/housing.js';
import { pick } from '../lib/random.js';
import type { Scenario, Target } from '../lib/types.js';

const housing = (data: Record<string, unknown>) => data.housing as HousingData;
const withCookie = (cookie: string | undefined): Record<string, string> => (cookie ? { cookie } : {});
const TARGETS: Record<number, Target> = { 1: { p95Ms: 50 } };

/** A random year, quarter or month of the five years, for all facilities or one. */
function period(random: () => number, data: HousingData): string {
  const year = data.firstYear + Math.floor(random() * (data.lastYear - data.firstYear + 1));
  const kind = random();
  const [from, to] =
    kind < 0.4
      ? [`${year}-01-01`, `${year}-12-31`]
      : kind < 0.7
        ? ((q) => [
            `${year}-${String(q * 3 + 1).padStart(2, '0')}-01`,
            `${year}-${String(q * 3 + 3).padStart(2, '0')}-${q === 0 || q === 3 ? 31 : 30}`,
          ])(Math.floor(random() * 4))
        : ((m) => [`${year}-${String(m).padStart(2, '0')}-01`, `${year}-${String(m).padStart(2, '0')}-28`])(1 + Math.floor(random() * 12));
  const facility = random() < 0.5 ? `&facilityId=${pick(random, data.facilityIds)}` : '';
  return `/api/housing/figures?from=${from}&to=${to}${facility}`;
}

export const housingScenarios: Scenario[] = [
  {
    name: 'housing.board',
    description: 'GET /api/housing/board: 50 facilities, places free and taken, leavings, waiting list (supervisor of their branches)',
    datasets: ['housing'],
    connections: [1, 20],
    loginAs: ({ data }) => housing(data).email,
    targets: TARGETS,
    requests: ({ session }) => [{ method: 'GET', path: '/api/housing/board', headers: withCookie(session?.cookie) }],
  },
  {
    name: 'housing.figures',
    description: 'GET /api/housing/figures for a random year, quarter or month, all 50 facilities or one',
    datasets: ['housing'],
    connections: [1, 20],
    loginAs: ({ data }) => housing(data).email,
    targets: TARGETS,
    requests: ({ data, session, random }) => [
      {
        method: 'GET',
        path: '/api/housing/figures',
        headers: withCookie(session?.cookie),
        setupRequest: (request) => ({ ...request, path: period(random, housing(data)) }),
      },
    ],
  },
];
