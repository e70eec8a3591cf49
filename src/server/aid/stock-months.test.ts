// The kept monthly sums of the stock ledger (stock_months, migration 0028) and the stock movement
// of the donors' report read from them: the sums equal the ledger's after movements written one at a
// time and many in one statement, and the report's opening, receipts, issues, transfers,
// write-offs, adjustments and closing equal the ledger summed row by row, for periods with whole
// months, without any, starting or ending on a month's edge, across a year's end, before the first
// movement, with one warehouse or all. Runs on both engines, the report under the tenant's role.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { scoped, system } from '../db/gateway.js';
import { buildOrganization, buildTestApp, buildUser, login, type TestApp, type TestOrganization } from '../testing/harness.js';
import { monthsOf, stockMovementTotals } from './stock-months.js';

let t: TestApp;
let org: TestOrganization;
let userId: string;
let warehouses: string[];

const KINDS_IN = ['donation', 'purchase', 'transfer_in', 'stocktake'] as const;
const KINDS_OUT = ['issue', 'issue', 'issue', 'write_off', 'transfer_out', 'stocktake'] as const;

/** A seeded stream in [0, 1), so both engines get the same ledger. */
function stream(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

beforeAll(async () => {
  t = await buildTestApp();
  org = await buildOrganization(t);
  userId = (await buildUser(t, org, ['coordinator'], org.branchIds)).id;
  warehouses = await system(t.engine, async (tx) => {
    const rows = await tx.execute<{ id: string }>(sql`insert into warehouses (org_id, branch_id, name)
      values (${org.orgId}, ${org.branchIds[0]}, 'Склад А'), (${org.orgId}, ${org.branchIds[1]}, 'Склад Б') returning id::text`);
    return rows.rows.map((r) => r.id);
  });
  const items = await system(t.engine, (tx) =>
    tx.execute<{ id: string }>(sql`select id::text from aid_items where org_id = ${org.orgId} and kind = 'goods' order by code limit 3`),
  );
  // A ledger of 15 months (2025-01-10 … 2026-03-28) that never goes below zero: in date order,
  // written partly one movement per statement, partly many in one.
  const random = stream(7);
  const balance = new Map<string, number>();
  const movements: { warehouse: string; item: string; kind: string; quantity: number; value: number; on: string }[] = [];
  const start = Date.UTC(2025, 0, 10);
  for (let n = 0; n < 400; n++) {
    const on = new Date(start + Math.floor(n * 1.1) * 86_400_000).toISOString().slice(0, 10);
    const warehouse = warehouses[Math.floor(random() * 2)]!;
    const item = items.rows[Math.floor(random() * items.rows.length)]!.id;
    const key = `${warehouse}|${item}`;
    const have = balance.get(key) ?? 0;
    const want = 1 + Math.floor(random() * 6);
    const incoming = have < want || random() < 0.3;
    const kind = incoming ? KINDS_IN[Math.floor(random() * 4)]! : KINDS_OUT[Math.floor(random() * KINDS_OUT.length)]!;
    const quantity = incoming ? 10 + Math.floor(random() * 30) : -want;
    balance.set(key, have + quantity);
    movements.push({ warehouse, item, kind, quantity, value: incoming ? quantity * 95.5 : -want * 80, on });
  }
  const insert = (batch: typeof movements) =>
    system(t.engine, (tx) =>
      tx.execute(sql`insert into stock_movements (org_id, warehouse_id, item_id, kind, quantity, value, occurred_on, created_by)
        values ${sql.join(
          batch.map((m) => sql`(${org.orgId}, ${m.warehouse}, ${m.item}, ${m.kind}, ${m.quantity}, ${m.value}, ${m.on}, ${userId})`),
          sql`, `,
        )}`),
    );
  for (const m of movements.slice(0, 60)) await insert([m]);
  for (let i = 60; i < movements.length; i += 85) await insert(movements.slice(i, i + 85));
});
afterAll(() => t.close());

/** The stock movement summed from the ledger row by row (what the report computed before 0028). */
async function fromLedger(from: string, to: string, warehouseId?: string) {
  const warehouse = warehouseId ? sql`and m.warehouse_id = ${warehouseId}` : sql``;
  const rows = await system(t.engine, (tx) =>
    tx.execute<Record<string, string>>(sql`
      select m.warehouse_id::text, m.item_id::text,
        coalesce(sum(m.quantity) filter (where m.occurred_on < ${from}), 0)::text as opening,
        coalesce(sum(m.quantity) filter (where m.occurred_on between ${from} and ${to} and m.kind in ('donation', 'purchase')), 0)::text as receipts,
        coalesce(sum(m.quantity) filter (where m.occurred_on between ${from} and ${to} and m.kind = 'issue'), 0)::text as issues,
        coalesce(sum(m.quantity) filter (where m.occurred_on between ${from} and ${to} and m.kind in ('transfer_in', 'transfer_out')), 0)::text as transfers,
        coalesce(sum(m.quantity) filter (where m.occurred_on between ${from} and ${to} and m.kind = 'write_off'), 0)::text as write_offs,
        coalesce(sum(m.quantity) filter (where m.occurred_on between ${from} and ${to} and m.kind in ('stocktake', 'correction')), 0)::text as adjustments,
        coalesce(sum(m.quantity) filter (where m.occurred_on <= ${to}), 0)::text as closing
      from stock_movements m where m.org_id = ${org.orgId} and m.occurred_on <= ${to} ${warehouse}
      group by m.warehouse_id, m.item_id order by m.warehouse_id, m.item_id`),
  );
  return rows.rows.map(numbers);
}

const numbers = (r: Record<string, string>) =>
  Object.fromEntries(Object.entries(r).map(([k, v]) => [k, k.endsWith('_id') ? v : Number(v)])) as Record<string, string | number>;

describe('monthsOf', () => {
  it('splits a period into the opening month, whole months and the days around them', () => {
    expect(monthsOf('2025-03-15', '2026-02-10')).toEqual({ start: '2025-03-01', wholeFrom: '2025-04-01', wholeTo: '2026-02-01' });
    expect(monthsOf('2025-01-01', '2025-12-31')).toEqual({ start: '2025-01-01', wholeFrom: '2025-01-01', wholeTo: '2026-01-01' });
    expect(monthsOf('2025-06-05', '2025-06-20')).toEqual({ start: '2025-06-01', wholeFrom: '2025-07-01', wholeTo: '2025-06-01' });
    expect(monthsOf('2024-02-29', '2024-02-29')).toEqual({ start: '2024-02-01', wholeFrom: '2024-03-01', wholeTo: '2024-03-01' });
    expect(monthsOf('2025-02-01', '2025-02-28')).toEqual({ start: '2025-02-01', wholeFrom: '2025-02-01', wholeTo: '2025-03-01' });
  });
});

describe('stock_months and the report’s stock movement', () => {
  it('keeps the ledger’s sums per month, warehouse, item and kind', async () => {
    const [kept, ledger] = await system(t.engine, (tx) =>
      Promise.all([
        tx.execute(sql`select warehouse_id::text, item_id::text, month::text, kind, quantity::text, value::text from stock_months
          where org_id = ${org.orgId} order by 1, 2, 3, 4`),
        tx.execute(sql`select warehouse_id::text, item_id::text, date_trunc('month', occurred_on)::date::text as month, kind,
            sum(quantity)::text as quantity, sum(value)::text as value
          from stock_movements where org_id = ${org.orgId} group by 1, 2, 3, 4 order by 1, 2, 3, 4`),
      ]),
    );
    expect(ledger.rows.length).toBeGreaterThan(50);
    expect(kept.rows).toEqual(ledger.rows);
  });

  const PERIODS: [string, string][] = [
    ['2025-01-01', '2025-12-31'], // whole months only
    ['2025-03-15', '2026-02-10'], // a year from mid-month, across the year's end
    ['2025-06-01', '2025-06-30'], // one whole month
    ['2025-06-05', '2025-06-20'], // days of one month
    ['2025-06-20', '2025-07-10'], // days of two months, no whole month
    ['2025-12-31', '2026-01-01'], // across the year's end
    ['2025-02-28', '2025-03-31'], // a day, then a whole month
    ['2026-02-01', '2026-12-31'], // past the last movement
    ['2024-01-01', '2024-12-31'], // before the first movement
    ['2025-01-10', '2025-01-10'], // the first day
  ];

  it.each(PERIODS)('equals the ledger summed row by row, %s … %s', async (from, to) => {
    for (const warehouseId of [undefined, warehouses[1]]) {
      const kept = await scoped(t.engine, { orgId: org.orgId, userId }, (tx) => stockMovementTotals(tx, from, to, warehouseId));
      expect(kept.map((r) => numbers(r as unknown as Record<string, string>))).toEqual(await fromLedger(from, to, warehouseId));
    }
  });

  it('answers the donors’ report from the kept months', async () => {
    const me = await login(t, (await buildUser(t, org, ['me_officer'], org.branchIds)).email);
    const res = await me.get('/api/aid/report?from=2025-03-15&to=2026-02-10');
    expect(res.statusCode, res.body).toBe(200);
    const expected = (await fromLedger('2025-03-15', '2026-02-10')).map((r) => ({
      warehouseId: r.warehouse_id,
      itemId: r.item_id,
      opening: r.opening,
      receipts: r.receipts,
      issues: r.issues,
      transfers: r.transfers,
      writeOffs: r.write_offs,
      adjustments: r.adjustments,
      closing: r.closing,
    }));
    expect(res.json().movements).toEqual(expected);
  });
});
