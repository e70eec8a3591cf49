// Aid as an attacker inside the organisation would try it (issue 13, "Rules"): every id a route
// carries — path, body and query: warehouse, item, lot's line, movement, case, request, request line,
// plan task, programme, norm, branch, user — replaced by another organisation's (and, where the id
// must be within the caller's reach, another branch's). Each answer is a 404 (the record itself out of
// reach) or a 400 naming the field, and nothing is written in either organisation (the rows of every
// aid table, the case timeline and the audit's changes, counted before and after). Then every role
// without the right, and the right roles of another branch or organisation, try every write route on
// this branch's records; and the need-to-know of the deliverer and the warehouse is read field by field.
import { sql } from 'drizzle-orm';
import type { HTTPMethods } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoleCode } from '../../domain/access/permissions.js';
import { system } from '../db/gateway.js';
import { refusals, roleClients, rowsIn, type Attempt } from '../testing/attacker.js';
import { buildCase } from '../testing/casework.js';
import { buildOrganization, buildTestApp, buildUser, login, type Client, type TestApp, type TestOrganization } from '../testing/harness.js';

const today = new Date().toISOString().slice(0, 10);
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

const TABLES = [
  'aid_items',
  'warehouses',
  'aid_receipts',
  'aid_requests',
  'aid_request_lines',
  'aid_handouts',
  'stock_movements',
  'stock_balances',
  'stock_minimums',
  'aid_norms',
  'case_events',
];

interface World {
  org: TestOrganization;
  admin: Client;
  coord: Client;
  coordB: Client;
  desk: Client;
  worker: Client;
  deliverer: Client;
  delivererId: string;
  volunteerBId: string;
  programmeId: string;
  caseId: string;
  nappies: string;
  warehouseA: string;
  warehouseB: string;
  movementId: string;
  normId: string;
  planTaskId: string;
  /** A home delivery waiting for the decision, and its line. */
  pending: string;
  pendingLine: string;
  /** A home delivery approved, with a volunteer to deliver it. */
  home: string;
  /** Goods to take at the centre, approved, and their line. */
  centre: string;
  centreLine: string;
  /** Handed out. */
  handed: string;
}

let t: TestApp;
let w: World;
let x: World;

async function buildWorld(): Promise<World> {
  const org = await buildOrganization(t);
  const [a, b] = org.branchIds as [string, string];
  const user = async (roles: RoleCode[], branches: string[]) => {
    const u = await buildUser(t, org, roles, branches);
    return { id: u.id, client: await login(t, u.email) };
  };
  const admin = await login(t, org.adminEmail);
  const coord = await user(['coordinator'], [a]);
  const coordB = await user(['coordinator'], [b]);
  const desk = await user(['shelter_admin'], [a]);
  const worker = await user(['case_worker'], [a]);
  const deliverer = await user(['volunteer'], [a]);
  const volunteerB = await user(['volunteer'], [b]);
  const programmeId = await system(t.engine, async (tx) => {
    const rows = await tx.execute<{ id: string }>(sql`insert into programmes (org_id, name, period_start, period_end)
      values (${org.orgId}, 'Помощь', '2026-01-01', '2027-12-31') returning id::text`);
    return rows.rows[0]!.id;
  });
  const { caseId, familyId } = await buildCase(coord.client, { branchId: a, programmeId, leadId: worker.id, openedOn: daysAgo(60) });
  // The family's home, where a delivery goes.
  await system(t.engine, (tx) =>
    tx.execute(
      sql`update members set actual_address = 'CANARY-STREET ул. Лесная, 3' where family_id = ${familyId} and relation = 'mother'`,
    ),
  );
  const nappies = (await coord.client.get('/api/aid/items')).json().items.find((i: { code: string }) => i.code === 'nappies_3')
    .id as string;
  const warehouseA = (await desk.client.post('/api/warehouses', { branchId: a, name: 'Склад А' })).json().id as string;
  const warehouseB = (await coordB.client.post('/api/warehouses', { branchId: b, name: 'Склад Б' })).json().id as string;
  const receipt = await desk.client.post(`/api/warehouses/${warehouseA}/receipts`, {
    kind: 'donation',
    counterparty: 'Жертвователь',
    receivedOn: daysAgo(10),
    lines: [{ itemId: nappies, quantity: 100 }],
  });
  expect(receipt.statusCode, receipt.body).toBe(201);
  const movementId = (await desk.client.get(`/api/warehouses/${warehouseA}/movements`)).json().items[0].id as string;
  const norm = await coord.client.put('/api/aid/norms', { programmeId, itemId: nappies, quantity: 50, per: 'family' });
  expect(norm.statusCode, norm.body).toBe(200);
  const planTaskId = await system(t.engine, async (tx) => {
    const plan = await tx.execute<{
      id: string;
    }>(sql`insert into plans (org_id, case_id, desired_future, participants, start_on, next_review_on, made_on)
      values (${org.orgId}, ${caseId}, 'Жить с ребёнком', '[]'::jsonb, ${today}, ${today}, ${today}) returning id::text`);
    const goal = await tx.execute<{ id: string }>(sql`insert into plan_goals (org_id, plan_id, position, domain, title)
      values (${org.orgId}, ${plan.rows[0]!.id}, 0, 'housing', 'Жильё') returning id::text`);
    const task = await tx.execute<{
      id: string;
    }>(sql`insert into plan_tasks (org_id, plan_id, goal_id, position, title, responsible_kind, due_on, status)
      values (${org.orgId}, ${plan.rows[0]!.id}, ${goal.rows[0]!.id}, 0, 'Задача', 'mother', ${today}, 'planned') returning id::text`);
    return task.rows[0]!.id;
  });
  const ask = async (delivery: 'home' | 'centre') => {
    const res = await worker.client.post(`/api/cases/${caseId}/aid`, {
      lines: [{ itemId: nappies, quantity: 2 }],
      reason: 'CANARY-REASON: нечем платить',
      delivery,
      requestedOn: daysAgo(5),
    });
    expect(res.statusCode, res.body).toBe(201);
    return { id: res.json().id as string, line: res.json().lines[0].id as string };
  };
  const approve = async (id: string, delivererId?: string) => {
    const res = await coord.client.post(`/api/aid/requests/${id}/decision`, {
      decision: 'approve',
      decidedOn: daysAgo(4),
      note: 'CANARY-NOTE',
      ...(delivererId && { delivererId }),
      version: 1,
    });
    expect(res.statusCode, res.body).toBe(200);
  };
  const pending = await ask('home');
  const home = await ask('home');
  await approve(home.id, deliverer.id);
  const centre = await ask('centre');
  await approve(centre.id);
  const handed = await ask('centre');
  await approve(handed.id);
  const out = await desk.client.post(`/api/aid/requests/${handed.id}/handout`, {
    handedOn: daysAgo(3),
    warehouseId: warehouseA,
    version: 2,
  });
  expect(out.statusCode, out.body).toBe(200);
  return {
    org,
    admin,
    coord: coord.client,
    coordB: coordB.client,
    desk: desk.client,
    worker: worker.client,
    deliverer: deliverer.client,
    delivererId: deliverer.id,
    volunteerBId: volunteerB.id,
    programmeId,
    caseId,
    nappies,
    warehouseA,
    warehouseB,
    movementId,
    normId: norm.json().id as string,
    planTaskId,
    pending: pending.id,
    pendingLine: pending.line,
    home: home.id,
    centre: centre.id,
    centreLine: centre.line,
    handed: handed.id,
  };
}

/** Rows of every aid table, the timeline and the audit's changes; and nothing changed in place either. */
async function rowCounts(): Promise<Record<string, number | string>> {
  const orgs = [w.org.orgId, x.org.orgId];
  const state = await system(t.engine, async (tx) => {
    const requests = await tx.execute<{
      s: string;
    }>(sql`select coalesce(string_agg(id::text || status || version, ',' order by id), '') as s
      from aid_requests where org_id in ${orgs}`);
    const stock = await tx.execute<{ s: string }>(
      sql`select coalesce(sum(quantity), 0)::text as s from stock_balances where org_id in ${orgs}`,
    );
    return { requests: requests.rows[0]!.s, stock: stock.rows[0]!.s };
  });
  return { ...(await rowsIn(t, orgs, TABLES)), ...state };
}

beforeAll(async () => {
  t = await buildTestApp();
  w = await buildWorld();
  x = await buildWorld();
});
afterAll(() => t.close());

const version = async (id: string) => (await w.coord.get(`/api/aid/requests/${id}`)).json().version as number;

const line = (itemId: () => string) => () => [{ itemId: itemId(), quantity: 1 }];
const FOREIGN: Record<string, Attempt> = {
  // Warehouses
  'open warehouse: branch': {
    method: 'POST',
    url: () => '/api/warehouses',
    body: () => ({ branchId: x.org.branchIds[0], name: 'Чужой' }),
    field: 'branchId',
  },
  'open warehouse: another branch': {
    method: 'POST',
    url: () => '/api/warehouses',
    body: () => ({ branchId: w.org.branchIds[1], name: 'Б-2' }),
    field: 'branchId',
  },
  'edit warehouse: warehouse': {
    method: 'PUT',
    url: () => `/api/warehouses/${x.warehouseA}`,
    body: () => ({ name: 'Взлом', address: '', active: true, version: 1 }),
  },
  'edit warehouse: another branch’s': {
    method: 'PUT',
    url: () => `/api/warehouses/${w.warehouseB}`,
    body: () => ({ name: 'Взлом', address: '', active: true, version: 1 }),
  },
  'stock: warehouse': { method: 'GET', url: () => `/api/warehouses/${x.warehouseA}/stock` },
  'ledger: warehouse': { method: 'GET', url: () => `/api/warehouses/${x.warehouseA}/movements` },
  'ledger: item': { method: 'GET', url: () => `/api/warehouses/${w.warehouseA}/movements?itemId=${x.nappies}`, field: 'itemId' },
  'receipt: warehouse': {
    method: 'POST',
    url: () => `/api/warehouses/${x.warehouseA}/receipts`,
    body: () => ({ kind: 'donation', counterparty: 'Д', receivedOn: today, lines: line(() => x.nappies)() }),
  },
  'receipt: item': {
    method: 'POST',
    url: () => `/api/warehouses/${w.warehouseA}/receipts`,
    body: () => ({ kind: 'donation', counterparty: 'Д', receivedOn: today, lines: line(() => x.nappies)() }),
    field: 'lines.0.itemId',
  },
  'receipt: programme': {
    method: 'POST',
    url: () => `/api/warehouses/${w.warehouseA}/receipts`,
    body: () => ({ kind: 'purchase', counterparty: 'Д', receivedOn: today, programmeId: x.programmeId, lines: line(() => w.nappies)() }),
    field: 'programmeId',
  },
  'transfer: warehouse': {
    method: 'POST',
    url: () => `/api/warehouses/${x.warehouseA}/transfers`,
    body: () => ({ toWarehouseId: w.warehouseA, occurredOn: today, lines: line(() => x.nappies)() }),
  },
  'transfer: to warehouse': {
    method: 'POST',
    url: () => `/api/warehouses/${w.warehouseA}/transfers`,
    body: () => ({ toWarehouseId: x.warehouseA, occurredOn: today, lines: line(() => w.nappies)() }),
    field: 'toWarehouseId',
  },
  'transfer: item': {
    method: 'POST',
    url: () => `/api/warehouses/${w.warehouseA}/transfers`,
    body: () => ({ toWarehouseId: w.warehouseB, occurredOn: today, lines: line(() => x.nappies)() }),
    field: 'lines.0.itemId',
  },
  'write-off: warehouse': {
    method: 'POST',
    url: () => `/api/warehouses/${x.warehouseA}/write-offs`,
    body: () => ({ occurredOn: today, reason: 'damaged', lines: line(() => x.nappies)() }),
  },
  'write-off: item': {
    method: 'POST',
    url: () => `/api/warehouses/${w.warehouseA}/write-offs`,
    body: () => ({ occurredOn: today, reason: 'damaged', lines: line(() => x.nappies)() }),
    field: 'lines.0.itemId',
  },
  'stocktake: warehouse': {
    method: 'POST',
    url: () => `/api/warehouses/${x.warehouseA}/stocktakes`,
    body: () => ({ occurredOn: today, counts: [{ itemId: x.nappies, lot: '', counted: 1 }] }),
  },
  'stocktake: item': {
    method: 'POST',
    url: () => `/api/warehouses/${w.warehouseA}/stocktakes`,
    body: () => ({ occurredOn: today, counts: [{ itemId: x.nappies, lot: '', counted: 1 }] }),
    field: 'counts.0.itemId',
  },
  'correction: warehouse': {
    method: 'POST',
    url: () => `/api/warehouses/${x.warehouseA}/corrections`,
    body: () => ({ movementId: x.movementId, reason: 'Ошибка' }),
  },
  'correction: movement': {
    method: 'POST',
    url: () => `/api/warehouses/${w.warehouseA}/corrections`,
    body: () => ({ movementId: x.movementId, reason: 'Ошибка' }),
    field: 'movementId',
  },
  'minimum: warehouse': {
    method: 'PUT',
    url: () => `/api/warehouses/${x.warehouseA}/minimums`,
    body: () => ({ itemId: x.nappies, minimum: 5 }),
  },
  'minimum: item': {
    method: 'PUT',
    url: () => `/api/warehouses/${w.warehouseA}/minimums`,
    body: () => ({ itemId: x.nappies, minimum: 5 }),
    field: 'itemId',
  },
  // Catalogue and norms
  'edit item: item': {
    method: 'PUT',
    url: () => `/api/aid/items/${x.nappies}`,
    body: () => ({ name: { ru: 'В', en: 'H' }, group: 'hygiene', variant: '3', tracksLots: false, retired: true, version: 1 }),
  },
  'delete item: item': { method: 'DELETE', url: () => `/api/aid/items/${x.nappies}` },
  'set norm: programme': {
    method: 'PUT',
    url: () => '/api/aid/norms',
    body: () => ({ programmeId: x.programmeId, itemId: w.nappies, quantity: 1, per: 'family' }),
    field: 'programmeId',
  },
  'set norm: item': {
    method: 'PUT',
    url: () => '/api/aid/norms',
    body: () => ({ programmeId: w.programmeId, itemId: x.nappies, quantity: 1, per: 'family' }),
    field: 'itemId',
  },
  'delete norm: norm': { method: 'DELETE', url: () => `/api/aid/norms/${x.normId}` },
  // Requests
  'case aid: case': { method: 'GET', url: () => `/api/cases/${x.caseId}/aid` },
  'request: case': {
    method: 'POST',
    url: () => `/api/cases/${x.caseId}/aid`,
    body: () => ({ lines: line(() => x.nappies)(), reason: 'Нужно', delivery: 'centre', requestedOn: today }),
  },
  'request: item': {
    method: 'POST',
    url: () => `/api/cases/${w.caseId}/aid`,
    body: () => ({ lines: line(() => x.nappies)(), reason: 'Нужно', delivery: 'centre', requestedOn: today }),
    field: 'lines.0.itemId',
  },
  'request: plan task': {
    method: 'POST',
    url: () => `/api/cases/${w.caseId}/aid`,
    body: () => ({ lines: line(() => w.nappies)(), reason: 'Нужно', delivery: 'centre', requestedOn: today, planTaskId: x.planTaskId }),
    field: 'planTaskId',
  },
  'one request: request': { method: 'GET', url: () => `/api/aid/requests/${x.centre}` },
  'decide: request': {
    method: 'POST',
    url: () => `/api/aid/requests/${x.pending}/decision`,
    body: () => ({ decision: 'approve', decidedOn: today, version: 1 }),
  },
  'decide: line': {
    method: 'POST',
    url: () => `/api/aid/requests/${w.pending}/decision`,
    body: async () => ({
      decision: 'approve',
      decidedOn: today,
      quantities: [{ lineId: x.pendingLine, quantity: 1 }],
      version: await version(w.pending),
    }),
    field: 'quantities.0.lineId',
  },
  'decide: deliverer': {
    method: 'POST',
    url: () => `/api/aid/requests/${w.pending}/decision`,
    body: async () => ({ decision: 'approve', decidedOn: today, delivererId: x.delivererId, version: await version(w.pending) }),
    field: 'delivererId',
  },
  // Who delivers sees the family's first name and address: never staff of another branch.
  'decide: deliverer of another branch': {
    method: 'POST',
    url: () => `/api/aid/requests/${w.pending}/decision`,
    body: async () => ({ decision: 'approve', decidedOn: today, delivererId: w.volunteerBId, version: await version(w.pending) }),
    field: 'delivererId',
  },
  'cancel: request': { method: 'POST', url: () => `/api/aid/requests/${x.centre}/cancel`, body: () => ({ version: 2 }) },
  'hand out: request': {
    method: 'POST',
    url: () => `/api/aid/requests/${x.centre}/handout`,
    body: () => ({ handedOn: today, warehouseId: x.warehouseA, version: 2 }),
  },
  'hand out: warehouse': {
    method: 'POST',
    url: () => `/api/aid/requests/${w.centre}/handout`,
    body: async () => ({ handedOn: today, warehouseId: x.warehouseA, version: await version(w.centre) }),
    field: 'warehouseId',
  },
  'hand out: another branch’s warehouse': {
    method: 'POST',
    url: () => `/api/aid/requests/${w.centre}/handout`,
    body: async () => ({ handedOn: today, warehouseId: w.warehouseB, version: await version(w.centre) }),
    field: 'warehouseId',
  },
  'hand out: line of the chosen lot': {
    method: 'POST',
    url: () => `/api/aid/requests/${w.centre}/handout`,
    body: async () => ({
      handedOn: today,
      warehouseId: w.warehouseA,
      lots: [{ lineId: x.centreLine, lot: '' }],
      version: await version(w.centre),
    }),
    field: 'lots.0.lineId',
  },
  'act: request': { method: 'GET', url: () => `/api/aid/requests/${x.handed}/act.pdf` },
  'act signed: request': {
    method: 'POST',
    url: () => `/api/aid/requests/${x.handed}/act-signed`,
    body: () => ({ signedOn: today, version: 3 }),
  },
  // The donors' report
  'report: warehouse': {
    method: 'GET',
    url: () => `/api/aid/report?from=2026-01-01&to=${today}&warehouseId=${x.warehouseA}`,
    field: 'warehouseId',
  },
  'report: programme': {
    method: 'GET',
    url: () => `/api/aid/report?from=2026-01-01&to=${today}&programmeId=${x.programmeId}`,
    field: 'programmeId',
  },
  'report xlsx: warehouse': {
    method: 'GET',
    url: () => `/api/aid/report.xlsx?from=2026-01-01&to=${today}&warehouseId=${x.warehouseA}`,
    field: 'warehouseId',
  },
};

describe('aid: another organisation’s (or branch’s) id in every id field', () => {
  it('is a 404 for the record itself or a 400 naming the field, and nothing is written in either organisation', async () => {
    const before = await rowCounts();
    // Sent as this organisation's coordinator of branch A, who keeps its warehouse and decides its requests.
    const { got, want } = await refusals(w.coord, FOREIGN);
    expect(got).toEqual(want);
    expect(await rowCounts()).toEqual(before);
  });
});

const ROLES: { name: string; roles: RoleCode[]; branch: 0 | 1; other?: true }[] = [
  { name: 'admin', roles: ['admin'], branch: 0 },
  { name: 'otherWorkerA', roles: ['case_worker'], branch: 0 },
  { name: 'psychologistA', roles: ['psychologist'], branch: 0 },
  { name: 'volunteerA', roles: ['volunteer'], branch: 0 },
  { name: 'mentorA', roles: ['mentor'], branch: 0 },
  { name: 'meA', roles: ['me_officer'], branch: 0 },
  { name: 'deskB', roles: ['shelter_admin'], branch: 1 },
  { name: 'coordB', roles: ['coordinator'], branch: 1 },
  { name: 'supervisorB', roles: ['supervisor'], branch: 1 },
  { name: 'otherCoord', roles: ['coordinator', 'shelter_admin'], branch: 0, other: true },
];

describe('aid: every write route, by roles without the right or out of reach', () => {
  it('answers 403 or 404 and writes nothing', async () => {
    const clients = await roleClients(
      t,
      ROLES.map((r) => ({ ...r, org: r.other ? x.org : w.org })),
    );
    const v = async (id: string) => version(id);
    const WRITES: { name: string; method: HTTPMethods; url: string; body?: unknown }[] = [
      {
        name: 'edit warehouse',
        method: 'PUT',
        url: `/api/warehouses/${w.warehouseA}`,
        body: { name: 'Взлом', address: '', active: false, version: 1 },
      },
      {
        name: 'receipt',
        method: 'POST',
        url: `/api/warehouses/${w.warehouseA}/receipts`,
        body: { kind: 'donation', counterparty: 'Д', receivedOn: today, lines: [{ itemId: w.nappies, quantity: 1 }] },
      },
      {
        name: 'transfer',
        method: 'POST',
        url: `/api/warehouses/${w.warehouseA}/transfers`,
        body: { toWarehouseId: w.warehouseB, occurredOn: today, lines: [{ itemId: w.nappies, quantity: 1 }] },
      },
      {
        name: 'write-off',
        method: 'POST',
        url: `/api/warehouses/${w.warehouseA}/write-offs`,
        body: { occurredOn: today, reason: 'lost', lines: [{ itemId: w.nappies, quantity: 1 }] },
      },
      {
        name: 'stocktake',
        method: 'POST',
        url: `/api/warehouses/${w.warehouseA}/stocktakes`,
        body: { occurredOn: today, counts: [{ itemId: w.nappies, lot: '', counted: 0 }] },
      },
      {
        name: 'correction',
        method: 'POST',
        url: `/api/warehouses/${w.warehouseA}/corrections`,
        body: { movementId: w.movementId, reason: 'Взлом' },
      },
      { name: 'minimum', method: 'PUT', url: `/api/warehouses/${w.warehouseA}/minimums`, body: { itemId: w.nappies, minimum: 7 } },
      {
        name: 'request',
        method: 'POST',
        url: `/api/cases/${w.caseId}/aid`,
        body: { lines: [{ itemId: w.nappies, quantity: 1 }], reason: 'Взлом', delivery: 'centre', requestedOn: today },
      },
      {
        name: 'decide',
        method: 'POST',
        url: `/api/aid/requests/${w.pending}/decision`,
        body: { decision: 'decline', note: 'Взлом', decidedOn: today, version: await v(w.pending) },
      },
      { name: 'cancel', method: 'POST', url: `/api/aid/requests/${w.centre}/cancel`, body: { version: await v(w.centre) } },
      {
        name: 'hand out',
        method: 'POST',
        url: `/api/aid/requests/${w.centre}/handout`,
        body: { handedOn: today, warehouseId: w.warehouseA, version: await v(w.centre) },
      },
      {
        name: 'deliver',
        method: 'POST',
        url: `/api/aid/requests/${w.home}/handout`,
        body: { handedOn: today, warehouseId: w.warehouseA, version: await v(w.home) },
      },
      {
        name: 'act signed',
        method: 'POST',
        url: `/api/aid/requests/${w.handed}/act-signed`,
        body: { signedOn: today, version: await v(w.handed) },
      },
    ];
    const before = await rowCounts();
    const reached: string[] = [];
    for (const r of ROLES)
      for (const route of WRITES) {
        const res = await clients[r.name]!.request(route.method, route.url, route.body);
        if (res.statusCode !== 403 && res.statusCode !== 404) reached.push(`${r.name} ${route.name}: ${res.statusCode}`);
      }
    expect(reached).toEqual([]);
    expect(await rowCounts()).toEqual(before);
    // None of them reads a request of the case, nor sees one in any queue.
    for (const r of ROLES) {
      for (const id of [w.pending, w.home, w.centre, w.handed])
        expect([403, 404], `${r.name} ${id}`).toContain((await clients[r.name]!.get(`/api/aid/requests/${id}`)).statusCode);
      const queue = await clients[r.name]!.get('/api/aid/requests');
      expect(queue.statusCode).toBe(200);
      const ours = new Set([w.pending, w.home, w.centre, w.handed]);
      expect(
        (queue.json().items as { id: string }[]).filter((item) => ours.has(item.id)),
        r.name,
      ).toEqual([]);
    }
  });
});

describe('aid: what the deliverer and the warehouse see', () => {
  const SECRET = /CANARY-REASON|CANARY-NOTE|нечем платить/;

  it('the volunteer who delivers sees only the delivery assigned to her — first name, address, items — until it is done', async () => {
    const mine = await w.deliverer.get('/api/aid/requests?view=my_deliveries');
    expect(mine.statusCode).toBe(200);
    expect(mine.json().items.map((r: { id: string }) => r.id)).toEqual([w.home]);
    const all = await w.deliverer.get('/api/aid/requests');
    expect(all.json().items.map((r: { id: string }) => r.id)).toEqual([w.home]);
    const view = (await w.deliverer.get(`/api/aid/requests/${w.home}`)).json();
    expect(view).toMatchObject({ familyFirstName: 'Дарья', status: 'approved', lines: [{ itemId: w.nappies, approved: 2 }] });
    expect(view.address.length).toBeGreaterThan(0);
    for (const hidden of ['reason', 'decisionNote', 'planTaskId']) expect(view[hidden], hidden).toBeUndefined();
    expect(JSON.stringify(mine.json()) + JSON.stringify(view)).not.toMatch(SECRET);
    // Not the family's other requests, pending, approved for the centre or handed out; not the case.
    for (const id of [w.pending, w.centre, w.handed]) expect((await w.deliverer.get(`/api/aid/requests/${id}`)).statusCode).toBe(404);
    expect((await w.deliverer.get(`/api/cases/${w.caseId}/aid`)).statusCode).toBe(403);
    expect([403, 404]).toContain((await w.deliverer.get(`/api/cases/${w.caseId}`)).statusCode);
  });

  it('the warehouse sees the first name, and the address only of a home delivery it must still fulfil', async () => {
    const queue = (await w.desk.get('/api/aid/requests?view=to_hand_out')).json().items as { id: string; address?: string }[];
    expect(queue.map((r) => r.id).sort()).toEqual([w.home, w.centre].sort());
    const home = (await w.desk.get(`/api/aid/requests/${w.home}`)).json();
    expect(home.familyFirstName).toBe('Дарья');
    expect(home.address.length).toBeGreaterThan(0);
    const centre = (await w.desk.get(`/api/aid/requests/${w.centre}`)).json();
    expect(centre.familyFirstName).toBe('Дарья');
    expect(centre.address).toBeUndefined();
    for (const view of [home, centre]) for (const hidden of ['reason', 'decisionNote', 'planTaskId']) expect(view[hidden]).toBeUndefined();
    // A request still to be decided is not the warehouse's: not found.
    expect((await w.desk.get(`/api/aid/requests/${w.pending}`)).statusCode).toBe(404);
    expect(JSON.stringify((await w.desk.get('/api/aid/requests')).json())).not.toMatch(SECRET);
    // Another branch's warehouse staff: nothing.
    const deskB = await login(t, (await buildUser(t, w.org, ['shelter_admin'], [w.org.branchIds[1]!])).email);
    expect((await deskB.get(`/api/aid/requests/${w.home}`)).statusCode).toBe(404);
    expect((await deskB.get('/api/aid/requests')).json().items).toEqual([]);
  });

  it('once delivered, the deliverer no longer sees it and the warehouse no longer sees the address', async () => {
    const done = await w.desk.post(`/api/aid/requests/${w.home}/handout`, {
      handedOn: today,
      warehouseId: w.warehouseA,
      version: await version(w.home),
    });
    expect(done.statusCode, done.body).toBe(200);
    expect((await w.deliverer.get(`/api/aid/requests/${w.home}`)).statusCode).toBe(404);
    expect((await w.deliverer.get('/api/aid/requests?view=my_deliveries')).json().items).toEqual([]);
    const desk = (await w.desk.get(`/api/aid/requests/${w.home}`)).json();
    expect(desk).toMatchObject({ status: 'handed_out', familyFirstName: 'Дарья' });
    expect(desk.address).toBeUndefined();
    expect(JSON.stringify((await w.desk.get('/api/aid/requests')).json())).not.toContain('CANARY-STREET');
    // Those who reach the case still see the whole request.
    const worker = (await w.worker.get(`/api/aid/requests/${w.home}`)).json();
    expect(worker.address.length).toBeGreaterThan(0);
    expect(worker.reason).toContain('CANARY-REASON');
  });
});
