// The authorization matrix of the reports area: every route × role of the organisation, and the
// M&E officer of another organisation (whose requests for this programme read as 404). Who holds
// the permission comes from the default role table; a write is sent stale so that a caller who
// gets through answers 409 and nothing changes.
import type { HTTPMethods } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ROLE_PERMISSIONS, type Permission, type RoleCode } from '../../domain/access/permissions.js';
import { buildOrganization, buildTestApp, type Client, type TestApp } from '../testing/harness.js';
import { buildReportsWorld, client, PERIOD, type ReportsWorld } from '../testing/reports.js';

const ROLES: RoleCode[] = ['admin', 'coordinator', 'supervisor', 'case_worker', 'psychologist', 'shelter_admin', 'volunteer', 'me_officer'];

let t: TestApp;
let w: ReportsWorld;
const clients: Partial<Record<RoleCode | 'other_me', Client>> = {};

beforeAll(async () => {
  t = await buildTestApp();
  w = await buildReportsWorld(t);
  for (const role of ROLES) clients[role] = await client(t, w.org, [role]);
  const other = await buildOrganization(t);
  clients.other_me = await client(t, other, ['me_officer']);
  const res = await w.me.put(`/api/programmes/${w.programmeId}/targets`, {
    ...PERIOD,
    targets: [{ indicatorId: w.indicators.families, planned: 10 }],
  });
  expect(res.statusCode, res.body).toBe(200);
});
afterAll(() => t.close());

const q = () => `programmeId=${w.programmeId}&from=${PERIOD.from}&to=${PERIOD.to}`;

const ROUTES: {
  name: string;
  method: HTTPMethods;
  url: () => string;
  body?: () => unknown;
  permission: Permission | null;
  ok: number;
  other: number;
}[] = [
  {
    name: 'GET targets',
    method: 'GET',
    url: () => `/api/programmes/${w.programmeId}/targets`,
    permission: 'indicators.read',
    ok: 200,
    other: 404,
  },
  {
    name: 'PUT targets (stale)',
    method: 'PUT',
    url: () => `/api/programmes/${w.programmeId}/targets`,
    body: () => ({ ...PERIOD, targets: [{ indicatorId: w.indicators.families, planned: 1, version: 99 }] }),
    permission: 'indicators.manage',
    ok: 409,
    other: 404,
  },
  {
    name: 'GET plan-vs-actual',
    method: 'GET',
    url: () => `/api/reports/plan-vs-actual?${q()}`,
    permission: 'indicators.read',
    ok: 200,
    other: 404,
  },
  {
    name: 'PUT narrative (stale)',
    method: 'PUT',
    url: () => '/api/reports/narratives',
    body: () => ({ programmeId: w.programmeId, ...PERIOD, indicatorId: w.indicators.families, text: 'x', version: 99 }),
    permission: 'indicators.manage',
    ok: 409,
    other: 404,
  },
  {
    name: 'GET records',
    method: 'GET',
    url: () => `/api/reports/records?${q()}&indicatorId=${w.indicators.families}`,
    permission: 'indicators.read',
    ok: 200,
    other: 404,
  },
  {
    name: 'GET xlsx',
    method: 'GET',
    url: () => `/api/reports/plan-vs-actual.xlsx?${q()}`,
    permission: 'indicators.read',
    ok: 200,
    other: 404,
  },
  {
    name: 'GET pdf',
    method: 'GET',
    url: () => `/api/reports/plan-vs-actual.pdf?${q()}&audience=external`,
    permission: 'indicators.read',
    ok: 200,
    other: 404,
  },
  { name: 'GET settings', method: 'GET', url: () => '/api/reports/settings', permission: null, ok: 200, other: 200 },
  {
    name: 'PUT settings (stale)',
    method: 'PUT',
    url: () => '/api/reports/settings',
    body: () => ({ smallCellThreshold: 4, version: 999 }),
    permission: 'organization.manage',
    ok: 409,
    other: 409,
  },
];

const holds = (role: RoleCode, permission: Permission | null) =>
  permission === null || (DEFAULT_ROLE_PERMISSIONS[role] as readonly Permission[]).includes(permission);

describe('authorization matrix', () => {
  for (const route of ROUTES) {
    it(route.name, async () => {
      const seen: Record<string, number> = {};
      const expected: Record<string, number> = {};
      for (const role of ROLES) {
        const res = await clients[role]!.request(route.method, route.url(), route.body?.());
        seen[role] = res.statusCode;
        expected[role] = holds(role, route.permission) ? route.ok : 403;
      }
      const other = await clients.other_me!.request(route.method, route.url(), route.body?.());
      seen.other_me = other.statusCode;
      expected.other_me = holds('me_officer', route.permission) ? route.other : 403;
      expect(seen).toEqual(expected);
    });
  }

  it('answers 401 without a session', async () => {
    for (const route of ROUTES) {
      const res = await t.app.inject({ method: route.method, url: route.url(), ...(route.body && { payload: route.body() as object }) });
      expect(res.statusCode, route.name).toBe(401);
    }
  });

  it('keeps the M&E officer to figures: the records answer carries no identities', async () => {
    const res = await clients.me_officer!.get(`/api/reports/records?${q()}&indicatorId=${w.indicators.families}`);
    expect(res.json()).toMatchObject({ total: 8, identitiesHidden: true, items: [] });
  });

  it("does not compute another organisation's indicator for this programme", async () => {
    const other = await clients.other_me!.get(`/api/reports/records?${q()}&indicatorId=${w.indicators.families}`);
    expect(other.statusCode).toBe(404);
  });
});
