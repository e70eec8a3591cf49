// Scenarios of casework (issue 3): the caseload list, search and the case page, as the coordinator
// of the biggest branch (the heaviest ordinary scope: every case of the branch), through the real
// HTTP API. Targets from the issue: p95 ≤ 50 ms with one client, ≥ 200 requests/s with 20.
import type { CaseworkData } from '../datasets/casework.js';
import { pick, weighted } from '../lib/random.js';
import type { Scenario, Target } from '../lib/types.js';

const casework = (data: Record<string, unknown>) => data.casework as CaseworkData;
const withCookie = (cookie: string | undefined): Record<string, string> => (cookie ? { cookie } : {});
const TARGETS: Record<number, Target> = { 1: { p95Ms: 50 }, 20: { minRps: 200 } };

/** A surname as someone types it in a hurry: one letter dropped or two neighbours swapped. */
function typo(random: () => number, word: string): string {
  const at = 1 + Math.floor(random() * (word.length - 2));
  return random() < 0.5 ? word.slice(0, at) + word.slice(at + 1) : word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2);
}

/** Search terms in realistic shares: surname beginnings, whole surnames, typos, phone numbers. */
function searchTerm(random: () => number, data: CaseworkData): string {
  const surname = pick(random, data.surnames);
  const female = random() < 0.8;
  const spelled = female ? (surname.endsWith('ий') ? `${surname.slice(0, -2)}ая` : `${surname}а`) : surname;
  switch (weighted(random, { prefix: 35, whole: 20, typo: 25, phone: 20 })) {
    case 'prefix':
      return surname.slice(0, 3 + Math.floor(random() * 3)).toLowerCase();
    case 'whole':
      return spelled;
    case 'typo':
      return typo(random, spelled);
    case 'phone': {
      const digits = pick(random, data.phones);
      // The last seven digits, or the whole number the way people write it.
      return random() < 0.5 ? digits.slice(-7) : `8 ${digits.slice(1, 4)} ${digits.slice(4, 7)}-${digits.slice(7, 9)}-${digits.slice(9)}`;
    }
  }
}

export const caseScenarios: Scenario[] = [
  {
    name: 'cases.list',
    description: 'GET /api/cases?status=active&branchId=<biggest branch>&page=1…20 as its coordinator (rows + total + counts per status)',
    datasets: ['casework'],
    loginAs: ({ data }) => casework(data).coordinatorEmail,
    targets: TARGETS,
    requests: ({ data, session, random }) => {
      const branchId = casework(data).branchIds[0]!;
      return [
        {
          method: 'GET',
          path: '/api/cases',
          headers: withCookie(session?.cookie),
          setupRequest: (request) => ({
            ...request,
            path: `/api/cases?status=active&branchId=${branchId}&page=${1 + Math.floor(random() * 20)}`,
          }),
        },
      ];
    },
  },
  {
    name: 'cases.search',
    description: 'GET /api/cases?q=<surname start, surname, typo’d surname or phone digits> as the same coordinator',
    datasets: ['casework'],
    loginAs: ({ data }) => casework(data).coordinatorEmail,
    targets: TARGETS,
    requests: ({ data, session, random }) => [
      {
        method: 'GET',
        path: '/api/cases',
        headers: withCookie(session?.cookie),
        setupRequest: (request) => ({ ...request, path: `/api/cases?q=${encodeURIComponent(searchTerm(random, casework(data)))}` }),
      },
    ],
  },
  {
    name: 'cases.page',
    description: 'GET /api/cases/:id, a different case of the biggest branch each time, as its coordinator',
    datasets: ['casework'],
    loginAs: ({ data }) => casework(data).coordinatorEmail,
    targets: TARGETS,
    requests: ({ data, session, random }) => {
      const ids = casework(data).coordinatorCaseIds;
      return [
        {
          method: 'GET',
          path: '/api/cases',
          headers: withCookie(session?.cookie),
          setupRequest: (request) => ({ ...request, path: `/api/cases/${pick(random, ids)}` }),
        },
      ];
    },
  },
];
