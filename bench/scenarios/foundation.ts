// Scenarios of the foundation (issue 2): health, log-in, the current user, and the staff list.
import { SURNAME_FRAGMENTS } from '../datasets/names.js';
import { staffWithRole, type StaffData } from '../datasets/staff.js';
import { pick } from '../lib/random.js';
import type { Scenario } from '../lib/types.js';

const staffOf = (data: Record<string, unknown>) => data.staff as StaffData;

const withCookie = (cookie: string | undefined): Record<string, string> => (cookie ? { cookie } : {});

export const foundationScenarios: Scenario[] = [
  {
    name: 'health',
    description: 'GET /api/health (public; one database query)',
    datasets: [],
    requests: () => [{ method: 'GET', path: '/api/health' }],
  },
  {
    name: 'auth.login',
    description: 'POST /api/auth/login, a different active user each time (Argon2id verify: slow on purpose)',
    datasets: [],
    // Argon2id takes ~19 MiB and tens of ms of CPU per verify; 20 clients would only measure the queue.
    connections: [1, 4],
    requests: ({ data, random }) => {
      const accounts = staffOf(data).staff.filter((member) => member.active);
      const password = staffOf(data).password;
      return [
        {
          method: 'POST',
          path: '/api/auth/login',
          headers: { 'content-type': 'application/json' },
          setupRequest: (request) => ({ ...request, body: JSON.stringify({ email: pick(random, accounts).email, password }) }),
        },
      ];
    },
  },
  {
    name: 'auth.me',
    description: 'GET /api/auth/me (session lookup + the user with roles and permissions)',
    datasets: [],
    loginAs: ({ data }) => staffWithRole(staffOf(data), 'case_worker')[0]!.email,
    requests: ({ session }) => [{ method: 'GET', path: '/api/auth/me', headers: withCookie(session?.cookie) }],
  },
  {
    name: 'users.search',
    description: 'GET /api/users?q=<surname fragment> as admin (~2% of staff match)',
    datasets: [],
    loginAs: ({ data }) => staffOf(data).adminEmail,
    requests: ({ session, random }) => [
      {
        method: 'GET',
        path: '/api/users',
        headers: withCookie(session?.cookie),
        setupRequest: (request) => ({ ...request, path: `/api/users?q=${encodeURIComponent(pick(random, SURNAME_FRAGMENTS))}` }),
      },
    ],
  },
  {
    name: 'users.branch',
    description: 'GET /api/users?branchId=…&role=case_worker&active=true as admin (one branch’s case workers)',
    datasets: [],
    loginAs: ({ data }) => staffOf(data).adminEmail,
    requests: ({ data, session, random }) => {
      const branchIds = staffOf(data).branchIds;
      return [
        {
          method: 'GET',
          path: '/api/users',
          headers: withCookie(session?.cookie),
          setupRequest: (request) => ({ ...request, path: `/api/users?branchId=${pick(random, branchIds)}&role=case_worker&active=true` }),
        },
      ];
    },
  },
  {
    name: 'users.all',
    description: 'GET /api/users, the whole unfiltered staff list as admin (the list has no paging)',
    datasets: [],
    loginAs: ({ data }) => staffOf(data).adminEmail,
    requests: ({ session }) => [{ method: 'GET', path: '/api/users', headers: withCookie(session?.cookie) }],
  },
];
