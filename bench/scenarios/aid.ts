// Scenarios of aid (issue 13), on 50 warehouses and a ledger of 1,000,000 movements: the current
// stock of a warehouse and recording a hand-out (the storekeeper of the biggest branch), and a year's
// donors' report with the stock movement of every warehouse (the M&E officer). Targets from the
// issue: stock p95 ≤ 50 ms, hand-out p95 ≤ 30 ms (one client), the year's report ≤ 1 s.
import type { AidData } from '../datasets/aid.js';
import { pick } from '../lib/random.js';
import type { Scenario } from '../lib/types.js';

const aid = (data: Record<string, unknown>) => data.aid as AidData;
const withCookie = (cookie: string | undefined): Record<string, string> => (cookie ? { cookie } : {});
const today = () => new Date().toISOString().slice(0, 10);
const yearAgo = () => new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10);

export const aidScenarios: Scenario[] = [
  {
    name: 'aid.stock',
    description: 'GET /api/warehouses/:id/stock: current stock by item and lot of one of the biggest branch’s warehouses',
    datasets: ['aid'],
    connections: [1, 20],
    loginAs: ({ data }) => aid(data).storekeeperEmail,
    targets: { 1: { p95Ms: 50 } },
    requests: ({ data, session, random }) => [
      {
        method: 'GET',
        path: '/api/warehouses',
        headers: withCookie(session?.cookie),
        setupRequest: (request) => ({ ...request, path: `/api/warehouses/${pick(random, aid(data).warehouseIds)}/stock` }),
      },
    ],
  },
  {
    name: 'aid.handout',
    description: 'POST /api/aid/requests/:id/handout: an approved request handed out from the warehouse (stock locked and taken)',
    datasets: ['aid'],
    connections: [1],
    loginAs: ({ data }) => aid(data).storekeeperEmail,
    targets: { 1: { p95Ms: 30 } },
    requests: ({ data, session }) => {
      const queue = [...aid(data).approvedRequestIds];
      const body = JSON.stringify({ handedOn: today(), warehouseId: aid(data).handoutWarehouseId, version: 1 });
      const headers = { ...withCookie(session?.cookie), 'x-csrf-token': session?.csrfToken ?? '', 'content-type': 'application/json' };
      return [
        {
          method: 'POST',
          path: '/api/aid/requests/none/handout',
          headers,
          body,
          // Each request hands out the next approved request; the list outlasts any run.
          setupRequest: (request) => ({ ...request, path: `/api/aid/requests/${queue.shift() ?? 'none'}/handout` }),
        },
      ];
    },
  },
  {
    name: 'aid.report',
    description: 'GET /api/aid/report for the last year: received, handed out, stock movement of all 50 warehouses (M&E officer)',
    datasets: ['aid'],
    connections: [1],
    loginAs: ({ data }) => aid(data).reportEmail,
    targets: { 1: { p95Ms: 1000 } },
    requests: ({ session }) => [
      { method: 'GET', path: `/api/aid/report?from=${yearAgo()}&to=${today()}`, headers: withCookie(session?.cookie) },
    ],
  },
];
