// A month of aid entered after the fact, out of order, through the API: receipts, hand-outs, a
// transfer, a write-off and a stocktake dated weeks ago and typed in from paper in another order
// than they happened. Balances as of a date, the stock movement report of the month, the ledger and
// the case timeline all follow the day things happened, not the order they were entered: a
// back-dated hand-out cannot take what came in only later, a back-dated stocktake books its
// difference against what the warehouse held on its day, and a hand-out dated before the case
// opened or in the future is a 400 naming the field, with nothing written.
//
// The month, as it happened (day = days ago), in the order it was entered:
//   E1  d40 receipt 20 (before the month: the opening balance)
//   E2  d12 request, approved d12, handed out d7: 4
//   E3  d30 receipt 50
//   E4  d36 request of 25, approved d36: handed out d35 refused (only 20 there that day), then d28
//   E5  d25 transfer 10 to the second warehouse
//   E6  d10 stocktake: 30 counted (35 were there that day: 5 lost — not 31 as today's balance would say)
//   E7  d8  write-off 1
// Warehouse A by day: d40 20 · d30 70 · d28 45 · d25 35 · d10 30 · d8 29 · d7 25.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { system } from '../db/gateway.js';
import { buildCase } from '../testing/casework.js';
import { buildOrganization, buildTestApp, buildUser, login, type Client, type TestApp, type TestOrganization } from '../testing/harness.js';

const day = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
const MONTH = { from: day(35), to: day(6) };

let t: TestApp;
let org: TestOrganization;
let coord: Client;
let desk: Client;
let worker: Client;
let caseId: string;
let nappies: string;
let warehouseA: string;
let warehouseA2: string;
let r1: string;
let r2: string;

async function ledgerHolds(): Promise<void> {
  const bad = await system(t.engine, (tx) =>
    tx.execute<{ bad: number }>(sql`select count(*)::int as bad from (
      select coalesce(b.quantity, 0) as kept, coalesce(m.total, 0) as summed from stock_balances b
      full join (select org_id, warehouse_id, item_id, lot, sum(quantity) as total from stock_movements group by 1, 2, 3, 4) m
        using (org_id, warehouse_id, item_id, lot) where coalesce(b.org_id, m.org_id) = ${org.orgId}) x where kept <> summed or kept < 0`),
  );
  expect(bad.rows[0]!.bad).toBe(0);
}

/** Warehouse A's balance at the end of a day, from the report of that one day (its closing balance). */
async function balanceOn(date: string, warehouseId = warehouseA): Promise<number> {
  const res = await coord.get(`/api/aid/report?from=${date}&to=${date}&warehouseId=${warehouseId}`);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json().movements as { itemId: string; closing: number }[]).find((m) => m.itemId === nappies)?.closing ?? 0;
}

async function rowCounts(): Promise<string> {
  return system(t.engine, async (tx) => {
    const parts: string[] = [];
    for (const table of ['stock_movements', 'aid_handouts', 'aid_receipts', 'case_events']) {
      const rows = await tx.execute<{ n: number }>(sql`select count(*)::int as n from ${sql.raw(table)} where org_id = ${org.orgId}`);
      parts.push(`${table} ${rows.rows[0]!.n}`);
    }
    return parts.join(', ');
  });
}

const version = async (id: string) => (await coord.get(`/api/aid/requests/${id}`)).json().version as number;

async function request(quantity: number, on: string): Promise<string> {
  const res = await worker.post(`/api/cases/${caseId}/aid`, {
    lines: [{ itemId: nappies, quantity }],
    reason: 'Подгузники на месяц',
    delivery: 'warehouse',
    requestedOn: on,
  });
  expect(res.statusCode, res.body).toBe(201);
  const decided = await coord.post(`/api/aid/requests/${res.json().id}/decision`, { decision: 'approve', decidedOn: on, version: 1 });
  expect(decided.statusCode, decided.body).toBe(200);
  return res.json().id as string;
}

const handOut = async (id: string, on: string) =>
  desk.post(`/api/aid/requests/${id}/handout`, { handedOn: on, warehouseId: warehouseA, version: await version(id) });

beforeAll(async () => {
  t = await buildTestApp();
  org = await buildOrganization(t);
  const [a] = org.branchIds as [string, string];
  const user = async (roles: Parameters<typeof buildUser>[2]) => {
    const u = await buildUser(t, org, roles, [a]);
    return { id: u.id, client: await login(t, u.email) };
  };
  const c = await user(['coordinator']);
  coord = c.client;
  desk = (await user(['shelter_admin'])).client;
  const w = await user(['case_worker']);
  worker = w.client;
  const programmeId = await system(t.engine, async (tx) => {
    const rows = await tx.execute<{ id: string }>(sql`insert into programmes (org_id, name, period_start, period_end)
      values (${org.orgId}, 'Мамин дом', '2025-01-01', '2027-12-31') returning id::text`);
    return rows.rows[0]!.id;
  });
  caseId = (await buildCase(coord, { branchId: a, programmeId, leadId: w.id, openedOn: day(45) })).caseId;
  nappies = (await coord.get('/api/aid/items')).json().items.find((i: { code: string }) => i.code === 'nappies_3').id;
  warehouseA = (await desk.post('/api/warehouses', { branchId: a, name: 'Склад' })).json().id;
  warehouseA2 = (await desk.post('/api/warehouses', { branchId: a, name: 'Кладовая центра' })).json().id;
});
afterAll(() => t.close());

describe('a month of aid entered out of order', () => {
  it('takes each record on the day it happened', async () => {
    const receive = async (quantity: number, on: string, value: number) => {
      const res = await desk.post(`/api/warehouses/${warehouseA}/receipts`, {
        kind: 'donation',
        counterparty: 'Фонд «Детство»',
        receivedOn: on,
        lines: [{ itemId: nappies, quantity, value }],
      });
      expect(res.statusCode, res.body).toBe(201);
    };
    // E1, E2
    await receive(20, day(40), 2000);
    r1 = await request(4, day(12));
    const first = await handOut(r1, day(7));
    expect(first.statusCode, first.body).toBe(200);
    // E3
    await receive(50, day(30), 5000);
    // E4: on day 35 only the 20 of day 40 were there — the 50 came on day 30.
    r2 = await request(25, day(36));
    const before = await rowCounts();
    const early = await handOut(r2, day(35));
    expect(early.statusCode, early.body).toBe(409);
    expect(early.json().error.fields[0]).toMatchObject({ path: 'lines.0.quantity', params: { left: 20 } });
    expect(await rowCounts()).toBe(before);
    const later = await handOut(r2, day(28));
    expect(later.statusCode, later.body).toBe(200);
    // E5
    const transfer = await desk.post(`/api/warehouses/${warehouseA}/transfers`, {
      toWarehouseId: warehouseA2,
      occurredOn: day(25),
      lines: [{ itemId: nappies, quantity: 10 }],
    });
    expect(transfer.statusCode, transfer.body).toBe(201);
    // E6: 35 were there on day 10 (the 4 handed out on day 7 were still on the shelf): 5 lost.
    const stocktake = await desk.post(`/api/warehouses/${warehouseA}/stocktakes`, {
      occurredOn: day(10),
      counts: [{ itemId: nappies, lot: '', counted: 30 }],
    });
    expect(stocktake.statusCode, stocktake.body).toBe(201);
    expect(stocktake.json()).toEqual({ adjusted: 1 });
    // E7
    const writeOff = await desk.post(`/api/warehouses/${warehouseA}/write-offs`, {
      occurredOn: day(8),
      reason: 'damaged',
      lines: [{ itemId: nappies, quantity: 1 }],
    });
    expect(writeOff.statusCode, writeOff.body).toBe(201);
    await ledgerHolds();
  });

  it('gives the balance as of each day from what happened by then', async () => {
    const got: Record<number, number> = {};
    for (const n of [41, 40, 35, 30, 28, 25, 10, 8, 7, 1]) got[n] = await balanceOn(day(n));
    expect(got).toEqual({ 41: 0, 40: 20, 35: 20, 30: 70, 28: 45, 25: 35, 10: 30, 8: 29, 7: 25, 1: 25 });
    expect(await balanceOn(day(24), warehouseA2)).toBe(10);
    const stock = (await desk.get(`/api/warehouses/${warehouseA}/stock`)).json().items;
    expect(stock).toEqual([expect.objectContaining({ itemId: nappies, quantity: 25 })]);
  });

  it('reports the month’s stock movement from the opening balance of its first day', async () => {
    const res = await coord.get(`/api/aid/report?from=${MONTH.from}&to=${MONTH.to}&warehouseId=${warehouseA}`);
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json();
    expect(report.movements).toEqual([
      {
        warehouseId: warehouseA,
        itemId: nappies,
        opening: 20,
        receipts: 50,
        issues: -29,
        transfers: -10,
        writeOffs: -1,
        adjustments: -5,
        closing: 25,
      },
    ]);
    // Received in the month: the 50 of day 30 (the 20 of day 40 came before it).
    expect(report.received).toEqual([expect.objectContaining({ itemId: nappies, quantity: 50, value: 5000 })]);
    // Handed out in the month: both hand-outs (days 28 and 7) to one family.
    expect(report.handedOut).toEqual([expect.objectContaining({ itemId: nappies, quantity: 29, families: 1 })]);
  });

  it('lists the ledger by the day things happened, whatever the order they were entered', async () => {
    const res = await desk.get(`/api/warehouses/${warehouseA}/movements`);
    const items = res.json().items as { kind: string; quantity: number; occurredOn: string }[];
    expect(items.map((m) => [m.occurredOn, m.kind, m.quantity])).toEqual([
      [day(7), 'issue', -4],
      [day(8), 'write_off', -1],
      [day(10), 'stocktake', -5],
      [day(25), 'transfer_out', -10],
      [day(28), 'issue', -25],
      [day(30), 'donation', 50],
      [day(40), 'donation', 20],
    ]);
  });

  it('tells the case’s aid in its timeline on the days it happened', async () => {
    const res = await worker.get(`/api/cases/${caseId}/timeline?limit=200`);
    expect(res.statusCode, res.body).toBe(200);
    const events = res.json().items as { kind: string; occurredOn: string; data: { requestId?: string } }[];
    const days = events.map((e) => e.occurredOn);
    expect(days).toEqual([...days].sort().reverse());
    const aid = events
      .filter((e) => e.kind.startsWith('aid_'))
      .map((e) => [e.occurredOn, e.kind, e.data.requestId === r1 ? 'r1' : e.data.requestId === r2 ? 'r2' : '?']);
    expect(aid).toEqual([
      [day(7), 'aid_handed_out', 'r1'],
      [day(12), 'aid_approved', 'r1'],
      [day(12), 'aid_requested', 'r1'],
      [day(28), 'aid_handed_out', 'r2'],
      [day(36), 'aid_approved', 'r2'],
      [day(36), 'aid_requested', 'r2'],
    ]);
  });

  it('refuses a hand-out dated before the case opened or in the future, naming the field, and writes nothing', async () => {
    const r3 = await request(1, day(20));
    const before = await rowCounts();
    for (const on of [day(50), day(-1)]) {
      const res = await handOut(r3, on);
      expect(res.statusCode, `${on} ${res.body}`).toBe(400);
      expect(res.json().error.fields.map((f: { path: string }) => f.path)).toEqual(['handedOn']);
    }
    const beforeCase = await handOut(r3, day(50));
    expect(beforeCase.json().error.fields[0].code).toBe('aid.errors.date_before_case');
    // A request is not asked for before the case either, nor in the future.
    for (const on of [day(46), day(-1)]) {
      const res = await worker.post(`/api/cases/${caseId}/aid`, {
        lines: [{ itemId: nappies, quantity: 1 }],
        reason: 'Нужно',
        delivery: 'warehouse',
        requestedOn: on,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields[0].path).toBe('requestedOn');
    }
    expect(await rowCounts()).toBe(before);
    await ledgerHolds();
  });

  it('refuses a back-dated take that a later day’s balance cannot spare, and a count a later day contradicts', async () => {
    const before = await rowCounts();
    // 29 were there on day 9, but 4 of them left on day 7: 25 can go, not 26.
    const transfer = await desk.post(`/api/warehouses/${warehouseA}/transfers`, {
      toWarehouseId: warehouseA2,
      occurredOn: day(9),
      lines: [{ itemId: nappies, quantity: 26 }],
    });
    expect(transfer.statusCode, transfer.body).toBe(409);
    expect(transfer.json().error.fields[0]).toMatchObject({ path: 'lines.0.quantity', params: { left: 25 } });
    // A count of 3 on day 9 cannot be: 5 left the warehouse after it (day 8 and day 7).
    const count = await desk.post(`/api/warehouses/${warehouseA}/stocktakes`, {
      occurredOn: day(9),
      counts: [{ itemId: nappies, lot: '', counted: 3 }],
    });
    expect(count.statusCode, count.body).toBe(409);
    expect(count.json().error.fields[0].path).toBe('counts.0.counted');
    expect(await rowCounts()).toBe(before);
    await ledgerHolds();
  });

  it('keeps a count’s books closed: nothing of a counted item dated on or before the count is taken, and a count with no difference closes them too', async () => {
    const before = await rowCounts();
    // Day 10 was counted (E6): a receipt typed in now for day 11 would change what that count was measured against.
    const receipt = await desk.post(`/api/warehouses/${warehouseA}/receipts`, {
      kind: 'donation',
      counterparty: 'Фонд «Детство»',
      receivedOn: day(11),
      lines: [{ itemId: nappies, quantity: 5, value: 500 }],
    });
    expect(receipt.statusCode, receipt.body).toBe(409);
    expect(receipt.json().error.fields[0]).toMatchObject({ path: 'receivedOn', params: { day: day(10) } });
    const writeOff = await desk.post(`/api/warehouses/${warehouseA}/write-offs`, {
      occurredOn: day(10),
      reason: 'damaged',
      lines: [{ itemId: nappies, quantity: 1 }],
    });
    expect(writeOff.statusCode, writeOff.body).toBe(409);
    expect(writeOff.json().error.fields[0].path).toBe('occurredOn');
    expect(await rowCounts()).toBe(before);
    // A count that finds what the books say (25 on day 6) books nothing, yet closes day 6.
    const count = await desk.post(`/api/warehouses/${warehouseA}/stocktakes`, {
      occurredOn: day(6),
      counts: [{ itemId: nappies, lot: '', counted: 25 }],
    });
    expect(count.statusCode, count.body).toBe(201);
    expect(count.json().adjusted).toBe(0);
    const r = await request(1, day(6));
    const handout = await desk.post(`/api/aid/requests/${r}/handout`, {
      handedOn: day(6),
      warehouseId: warehouseA,
      version: await version(r),
    });
    expect(handout.statusCode, handout.body).toBe(409);
    expect(handout.json().error.fields[0]).toMatchObject({ path: 'handedOn', params: { day: day(6) } });
    const later = await desk.post(`/api/aid/requests/${r}/handout`, {
      handedOn: day(5),
      warehouseId: warehouseA,
      version: await version(r),
    });
    expect(later.statusCode, later.body).toBe(200);
    await ledgerHolds();
  });
});
