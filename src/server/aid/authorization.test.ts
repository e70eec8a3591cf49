// The authorization matrix of aid: every route × role × own branch / other branch / other
// organisation. Bodies are valid, so an answer tells "reached" (the handler ran: 2xx, or 400/409 from
// a rule that needs the data) from "not found" (404: outside the caller's reach) from "forbidden"
// (403: the role lacks the permission).
import type { HTTPMethods } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoleCode } from '../../domain/access/permissions.js';
import { buildCase } from '../testing/casework.js';
import { buildOrganization, buildTestApp, buildUser, login, type Client, type TestApp, type TestOrganization } from '../testing/harness.js';

const ACTORS: { name: string; roles: RoleCode[]; branch: 0 | 1 | 'both'; other?: true }[] = [
  { name: 'admin', roles: ['admin'], branch: 'both' },
  { name: 'coordA', roles: ['coordinator'], branch: 0 },
  { name: 'coordB', roles: ['coordinator'], branch: 1 },
  { name: 'deskA', roles: ['shelter_admin'], branch: 0 },
  { name: 'deskB', roles: ['shelter_admin'], branch: 1 },
  { name: 'supervisorA', roles: ['supervisor'], branch: 0 },
  { name: 'workerA', roles: ['case_worker'], branch: 0 },
  { name: 'workerB', roles: ['case_worker'], branch: 1 },
  { name: 'meA', roles: ['me_officer'], branch: 0 },
  { name: 'volunteerA', roles: ['volunteer'], branch: 0 },
  { name: 'deliverer', roles: ['volunteer'], branch: 0 },
  { name: 'otherCoord', roles: ['coordinator'], branch: 0, other: true },
];
type Name = (typeof ACTORS)[number]['name'];

let t: TestApp;
let org: TestOrganization;
let other: TestOrganization;
const c: Record<string, Client> = {};
const ids: Record<string, string> = {};
const w: Record<string, string> = {};
let approved: { id: string; version: number };
let handed: { id: string; version: number };
let nappies: string;
let programmeId: string;
let caseId: string;
let movementId: string;
const today = new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  t = await buildTestApp();
  org = await buildOrganization(t);
  other = await buildOrganization(t);
  for (const a of ACTORS) {
    const o = a.other ? other : org;
    const branches = a.branch === 'both' ? o.branchIds : [o.branchIds[a.branch]!];
    const user = await buildUser(t, o, a.roles, branches);
    ids[a.name] = user.id;
    c[a.name] = await login(t, user.email);
  }
  programmeId = (await c.coordA!.post('/api/programmes', { name: 'P', periodStart: '2026-01-01', periodEnd: '2027-12-31' })).json().id;
  programmeId ??= (
    await (await login(t, org.adminEmail)).post('/api/programmes', { name: 'P', periodStart: '2026-01-01', periodEnd: '2027-12-31' })
  ).json().id;
  caseId = (await buildCase(c.coordA!, { branchId: org.branchIds[0]!, programmeId, leadId: ids.workerA!, openedOn: '2026-09-01' })).caseId;
  nappies = (await c.coordA!.get('/api/aid/items')).json().items.find((i: { code: string }) => i.code === 'nappies_3').id;
  w.A = (await c.deskA!.post('/api/warehouses', { branchId: org.branchIds[0], name: 'A' })).json().id;
  w.B = (await c.deskB!.post('/api/warehouses', { branchId: org.branchIds[1], name: 'B' })).json().id;
  w.other = (await c.otherCoord!.post('/api/warehouses', { branchId: other.branchIds[0], name: 'O' })).json().id;
  const receipt = await c.deskA!.post(`/api/warehouses/${w.A}/receipts`, {
    kind: 'donation',
    counterparty: 'Д',
    receivedOn: today,
    lines: [{ itemId: nappies, quantity: 100 }],
  });
  expect(receipt.statusCode, receipt.body).toBe(201);
  movementId = (await c.deskA!.get(`/api/warehouses/${w.A}/movements`)).json().items[0].id;
  await c.coordA!.put('/api/aid/norms', { programmeId, itemId: nappies, quantity: 50, per: 'family' });
  const ask = async () =>
    (
      await c.workerA!.post(`/api/cases/${caseId}/aid`, {
        lines: [{ itemId: nappies, quantity: 1 }],
        reason: 'Нужно',
        delivery: 'home',
        requestedOn: today,
      })
    ).json().id as string;
  const a = await ask();
  await c.coordA!.post(`/api/aid/requests/${a}/decision`, {
    decision: 'approve',
    decidedOn: today,
    delivererId: ids.deliverer,
    version: 1,
  });
  approved = { id: a, version: 2 };
  const h = await ask();
  await c.coordA!.post(`/api/aid/requests/${h}/decision`, { decision: 'approve', decidedOn: today, version: 1 });
  const done = await c.deskA!.post(`/api/aid/requests/${h}/handout`, { handedOn: today, warehouseId: w.A, version: 2 });
  expect(done.statusCode, done.body).toBe(200);
  handed = { id: h, version: 3 };
});
afterAll(() => t.close());

// "Reached": the handler ran (any of these); N: 404; F: 403.
const R = 'reached' as const;
const N = 404;
const F = 403;
type Outcome = typeof R | 404 | 403;
const all = (o: Outcome): Record<Name, Outcome> => Object.fromEntries(ACTORS.map((a) => [a.name, o])) as Record<Name, Outcome>;
const only = (reached: Name[], notFound: Name[] = []): Record<Name, Outcome> =>
  Object.fromEntries(ACTORS.map((a) => [a.name, reached.includes(a.name) ? R : notFound.includes(a.name) ? N : F])) as Record<
    Name,
    Outcome
  >;

const catalogue = only(['admin', 'coordA', 'coordB', 'otherCoord']);
const keepersA = only(['coordA', 'deskA'], ['coordB', 'deskB', 'otherCoord']);

const ROUTES: { name: string; method: HTTPMethods; url: () => string; body?: () => unknown; expect: Record<Name, Outcome> }[] = [
  { name: 'catalogue', method: 'GET', url: () => '/api/aid/items', expect: all(R) },
  {
    name: 'add item',
    method: 'POST',
    url: () => '/api/aid/items',
    body: () => ({
      code: `x${Math.random().toString(36).slice(2, 8)}`,
      name: { ru: 'Х', en: 'X' },
      kind: 'goods',
      unit: 'set',
      group: 'other',
    }),
    expect: catalogue,
  },
  // Another organisation's admin reaches its own catalogue, where this id is unknown.
  {
    name: 'edit item',
    method: 'PUT',
    url: () => `/api/aid/items/${nappies}`,
    body: () => ({
      name: { ru: 'Подгузники', en: 'Nappies' },
      group: 'hygiene',
      variant: '3',
      tracksLots: false,
      retired: false,
      version: 999,
    }),
    expect: { ...catalogue, otherCoord: N },
  },
  { name: 'delete item', method: 'DELETE', url: () => `/api/aid/items/${nappies}`, expect: { ...catalogue, otherCoord: N } },
  { name: 'norms', method: 'GET', url: () => '/api/aid/norms', expect: all(R) },
  {
    name: 'set norm',
    method: 'PUT',
    url: () => '/api/aid/norms',
    body: () => ({ programmeId, itemId: nappies, quantity: 50, per: 'family' }),
    expect: catalogue,
  },
  {
    name: 'delete norm (foreign id)',
    method: 'DELETE',
    url: () => `/api/aid/norms/00000000-0000-4000-8000-000000000000`,
    expect: { ...catalogue, admin: N, coordA: N, coordB: N, otherCoord: N },
  },
  { name: 'warehouses', method: 'GET', url: () => '/api/warehouses', expect: only(['coordA', 'coordB', 'deskA', 'deskB', 'otherCoord']) },
  {
    name: 'edit warehouse',
    method: 'PUT',
    url: () => `/api/warehouses/${w.A}`,
    body: () => ({ name: 'A', address: '', active: true, version: 999 }),
    expect: keepersA,
  },
  { name: 'stock', method: 'GET', url: () => `/api/warehouses/${w.A}/stock`, expect: keepersA },
  { name: 'ledger', method: 'GET', url: () => `/api/warehouses/${w.A}/movements`, expect: keepersA },
  {
    name: 'receipt',
    method: 'POST',
    url: () => `/api/warehouses/${w.A}/receipts`,
    body: () => ({ kind: 'donation', counterparty: 'Д', receivedOn: today, lines: [{ itemId: nappies, quantity: 1 }] }),
    expect: keepersA,
  },
  {
    name: 'transfer',
    method: 'POST',
    url: () => `/api/warehouses/${w.A}/transfers`,
    body: () => ({ toWarehouseId: w.B, occurredOn: today, lines: [{ itemId: nappies, quantity: 1 }] }),
    expect: keepersA,
  },
  {
    name: 'write-off',
    method: 'POST',
    url: () => `/api/warehouses/${w.A}/write-offs`,
    body: () => ({ occurredOn: today, reason: 'damaged', lines: [{ itemId: nappies, quantity: 1 }] }),
    expect: keepersA,
  },
  {
    name: 'stocktake',
    method: 'POST',
    url: () => `/api/warehouses/${w.A}/stocktakes`,
    body: () => ({ occurredOn: today, counts: [{ itemId: nappies, lot: '', counted: 1000 }] }),
    expect: keepersA,
  },
  {
    name: 'correction',
    method: 'POST',
    url: () => `/api/warehouses/${w.A}/corrections`,
    body: () => ({ movementId, reason: 'Ошибка' }),
    expect: keepersA,
  },
  {
    name: 'minimum',
    method: 'PUT',
    url: () => `/api/warehouses/${w.A}/minimums`,
    body: () => ({ itemId: nappies, minimum: 5 }),
    expect: keepersA,
  },
  {
    name: 'case aid',
    method: 'GET',
    url: () => `/api/cases/${caseId}/aid`,
    expect: only(['coordA', 'supervisorA', 'workerA'], ['coordB', 'workerB', 'otherCoord']),
  },
  {
    name: 'request aid',
    method: 'POST',
    url: () => `/api/cases/${caseId}/aid`,
    body: () => ({ lines: [{ itemId: nappies, quantity: 1 }], reason: 'Нужно', delivery: 'centre', requestedOn: today }),
    expect: only(['coordA', 'supervisorA', 'workerA'], ['coordB', 'workerB', 'otherCoord']),
  },
  { name: 'queue', method: 'GET', url: () => '/api/aid/requests', expect: all(R) },
  {
    name: 'one request',
    method: 'GET',
    url: () => `/api/aid/requests/${approved.id}`,
    expect: { ...all(N), coordA: R, supervisorA: R, workerA: R, deskA: R, deliverer: R },
  },
  {
    name: 'decide',
    method: 'POST',
    url: () => `/api/aid/requests/${approved.id}/decision`,
    body: () => ({ decision: 'approve', decidedOn: today, version: 999 }),
    expect: only(['coordA', 'supervisorA'], ['coordB', 'otherCoord']),
  },
  {
    name: 'cancel',
    method: 'POST',
    url: () => `/api/aid/requests/${approved.id}/cancel`,
    body: () => ({ version: 999 }),
    expect: only(['coordA', 'supervisorA', 'workerA'], ['coordB', 'workerB', 'otherCoord']),
  },
  // Handing out: the branch's warehouse staff and those who decide; the deliverer sees it but may not record it.
  {
    name: 'hand out',
    method: 'POST',
    url: () => `/api/aid/requests/${approved.id}/handout`,
    body: () => ({ handedOn: today, warehouseId: w.A, version: 999 }),
    expect: { ...all(N), coordA: R, supervisorA: R, deskA: R, workerA: N, deliverer: F },
  },
  {
    name: 'act',
    method: 'GET',
    url: () => `/api/aid/requests/${handed.id}/act.pdf`,
    expect: { ...all(N), coordA: R, supervisorA: R, workerA: R, deskA: R },
  },
  {
    name: 'act signed',
    method: 'POST',
    url: () => `/api/aid/requests/${handed.id}/act-signed`,
    body: () => ({ signedOn: today, version: 999 }),
    expect: { ...all(N), coordA: R, supervisorA: R, workerA: R, deskA: R },
  },
  {
    name: 'report',
    method: 'GET',
    url: () => `/api/aid/report?from=2026-01-01&to=${today}`,
    expect: only(['admin', 'coordA', 'coordB', 'supervisorA', 'meA', 'otherCoord']),
  },
  {
    name: 'report xlsx',
    method: 'GET',
    url: () => `/api/aid/report.xlsx?from=2026-01-01&to=${today}`,
    expect: only(['admin', 'coordA', 'coordB', 'supervisorA', 'meA', 'otherCoord']),
  },
];

describe('aid authorization matrix', () => {
  for (const route of ROUTES)
    it(`${route.method} ${route.name}`, async () => {
      const got: Record<string, Outcome | number> = {};
      for (const a of ACTORS) {
        const res = await c[a.name]!.request(route.method, route.url(), route.body?.());
        const status = res.statusCode;
        got[a.name] = status === 404 || status === 403 ? status : [200, 201, 400, 409, 422].includes(status) ? R : status;
      }
      expect(got).toEqual(route.expect);
    });

  it('the deliverer’s view carries first name, address and items, never the reason', async () => {
    const view = (await c.deliverer!.get(`/api/aid/requests/${approved.id}`)).json();
    expect(view.familyFirstName).toBe('Дарья');
    expect(view.reason).toBeUndefined();
    expect(view.decisionNote).toBeUndefined();
    const desk = (await c.deskA!.get(`/api/aid/requests/${approved.id}`)).json();
    expect(desk.reason).toBeUndefined();
  });
});
