// Aid at network scale (issue 13): 50 warehouses over the branches and a stock ledger of
// `--movements` movements (default 1,000,000) over the last two years — donations and purchases that
// fill a lot, hand-outs, transfers and write-offs that take from it, never below zero — with the kept
// balances computed once from the ledger (the trigger is switched off for the bulk load and the
// balances inserted from the sums, which is what the trigger would have kept). Plus approved requests
// of the biggest branch's cases, waiting to be handed out from its first warehouse.
import { sql } from 'drizzle-orm';
import { system } from '../../src/server/db/gateway.js';
import { bulkInsert } from '../lib/bulk.js';
import { pick, uuidFrom } from '../lib/random.js';
import type { Dataset } from '../lib/types.js';
import type { CaseworkData } from './casework.js';
import { staffWithRole, type StaffData } from './staff.js';

const DAY = 86_400_000;
const WAREHOUSES = 50;
// Enough for any measured run (a hand-out every few milliseconds), and few for a smoke run.
const requestsFor = (movements: number) => Math.max(200, Math.min(20_000, Math.floor(movements / 50)));
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export interface AidData {
  /** A coordinator of the biggest branch: keeps its warehouses and hands out its requests. */
  storekeeperEmail: string;
  /** The M&E officer who reads the donors' report. */
  reportEmail: string;
  /** The warehouses of the biggest branch (the first one holds the stock the hand-outs take). */
  warehouseIds: string[];
  handoutWarehouseId: string;
  /** Approved requests waiting to be handed out, one per hand-out request of the scenario. */
  approvedRequestIds: string[];
  counts: Record<string, number>;
}

export const aidDataset: Dataset<AidData, { staff: StaffData; casework: CaseworkData }> = {
  name: 'aid',
  description: '50 warehouses, a two-year stock ledger, approved requests waiting to be handed out',
  after: ['staff', 'casework'],
  size: { option: 'movements', default: 1_000_000, describe: 'number of stock movements over two years' },
  async generate({ engine, size, random, needs, log }) {
    const { orgId } = needs.staff;
    const branches = needs.casework.branchIds;
    const items = await system(engine, (tx) =>
      tx.execute<{ id: string; code: string; unit: string }>(
        sql`select id::text, code, unit from aid_items where org_id = ${orgId} and kind = 'goods'`,
      ),
    );
    const goods = items.rows;
    const nappies = goods.find((g) => g.code === 'nappies_3')!.id;
    const warehouses = Array.from({ length: WAREHOUSES }, (_, i) => ({
      id: uuidFrom(random),
      org_id: orgId,
      branch_id: branches[i % branches.length]!,
      name: `Склад ${i + 1}`,
      address: `ул. Складская, ${i + 1}`,
    }));
    await bulkInsert(engine, 'warehouses', { id: 'uuid', org_id: 'uuid', branch_id: 'uuid', name: 'text', address: 'text' }, warehouses);

    const now = Math.floor(Date.now() / DAY) * DAY;
    const start = now - 2 * 365 * DAY;
    const balance = new Map<string, number>();
    const movements: Record<string, unknown>[] = [];
    const userId = staffWithRole(needs.staff, 'coordinator')[0]!.id;
    // Dates rise with the row number, so every balance stays non-negative in date order too.
    for (let n = 0; n < size; n++) {
      const warehouse = pick(random, warehouses);
      const item = pick(random, goods);
      const key = `${warehouse.id}|${item.id}`;
      const have = balance.get(key) ?? 0;
      const whole = !['kg', 'litre', 'm3'].includes(item.unit);
      const want = whole ? 1 + Math.floor(random() * 5) : Math.round((0.5 + random() * 3) * 10) / 10;
      const occurred = isoDate(start + Math.floor((n / size) * 2 * 365) * DAY);
      let kind: string;
      let quantity: number;
      if (have < want || random() < 0.12) {
        kind = random() < 0.7 ? 'donation' : 'purchase';
        quantity = whole ? 50 + Math.floor(random() * 150) : 20 + Math.round(random() * 400) / 10;
      } else {
        const r = random();
        kind = r < 0.85 ? 'issue' : r < 0.95 ? 'write_off' : 'stocktake';
        quantity = -want;
      }
      balance.set(key, Math.round((have + quantity) * 1000) / 1000);
      movements.push({
        id: uuidFrom(random),
        org_id: orgId,
        warehouse_id: warehouse.id,
        item_id: item.id,
        kind,
        quantity,
        value: kind === 'donation' || kind === 'purchase' ? Math.round(Math.abs(quantity) * 90) : 0,
        occurred_on: occurred,
        created_by: userId,
      });
    }
    // Enough nappies in the first warehouse of the biggest branch for every hand-out of the scenario.
    const biggest = warehouses.filter((w) => w.branch_id === branches[0]);
    const first = biggest[0]!;
    movements.push({
      id: uuidFrom(random),
      org_id: orgId,
      warehouse_id: first.id,
      item_id: nappies,
      kind: 'donation',
      quantity: 1_000_000,
      value: 0,
      occurred_on: isoDate(now - DAY),
      created_by: userId,
    });
    log(`aid: ${movements.length} stock movements…`);
    await system(engine, (tx) => tx.execute(sql`alter table stock_movements disable trigger stock_movements_balance`));
    await bulkInsert(
      engine,
      'stock_movements',
      {
        id: 'uuid',
        org_id: 'uuid',
        warehouse_id: 'uuid',
        item_id: 'uuid',
        kind: 'text',
        quantity: 'numeric',
        value: 'numeric',
        occurred_on: 'date',
        created_by: 'uuid',
      },
      movements,
      20_000,
    );
    await system(engine, async (tx) => {
      await tx.execute(sql`alter table stock_movements enable trigger stock_movements_balance`);
      await tx.execute(sql`insert into stock_balances (org_id, warehouse_id, item_id, lot, quantity)
        select org_id, warehouse_id, item_id, lot, sum(quantity) from stock_movements where org_id = ${orgId} group by 1, 2, 3, 4`);
    });

    // Approved one-pack requests of the biggest branch's cases, to hand out from its first warehouse.
    const coordinator = needs.casework.coordinatorEmail;
    const coordinatorId = needs.staff.staff.find((s) => s.email === coordinator)!.id;
    const requests: Record<string, unknown>[] = [];
    const lines: Record<string, unknown>[] = [];
    for (let i = 0; i < requestsFor(size); i++) {
      const id = uuidFrom(random);
      requests.push({
        id,
        org_id: orgId,
        case_id: pick(random, needs.casework.coordinatorCaseIds),
        branch_id: branches[0],
        status: 'approved',
        delivery: 'warehouse',
        reason: 'Подгузники на месяц',
        requested_on: isoDate(now - 2 * DAY),
        requested_by: coordinatorId,
        decided_by: coordinatorId,
        decided_on: isoDate(now - DAY),
      });
      lines.push({ id: uuidFrom(random), org_id: orgId, request_id: id, position: 0, item_id: nappies, requested: 1, approved: 1 });
    }
    await bulkInsert(
      engine,
      'aid_requests',
      {
        id: 'uuid',
        org_id: 'uuid',
        case_id: 'uuid',
        branch_id: 'uuid',
        status: 'text',
        delivery: 'text',
        reason: 'text',
        requested_on: 'date',
        requested_by: 'uuid',
        decided_by: 'uuid',
        decided_on: 'date',
      },
      requests,
    );
    await bulkInsert(
      engine,
      'aid_request_lines',
      { id: 'uuid', org_id: 'uuid', request_id: 'uuid', position: 'integer', item_id: 'uuid', requested: 'numeric', approved: 'numeric' },
      lines,
    );
    return {
      storekeeperEmail: coordinator,
      reportEmail: staffWithRole(needs.staff, 'me_officer')[0]!.email,
      warehouseIds: biggest.map((w) => w.id),
      handoutWarehouseId: first.id,
      approvedRequestIds: requests.map((r) => r.id as string),
      counts: { warehouses: warehouses.length, stock_movements: movements.length, aid_requests: requests.length },
    };
  },
  describe: (info) => info.counts,
  // Earlier runs handed some requests out: only those still approved are handed out again. (The ids go
  // as one array literal: Drizzle would spread a JS array into a parameter each.)
  async refresh(engine, info) {
    const waiting = await system(engine, (tx) =>
      tx.execute<{ id: string }>(
        sql`select id::text from aid_requests where status = 'approved' and id = any(${`{${info.approvedRequestIds.join(',')}}`}::uuid[])`,
      ),
    );
    const still = new Set(waiting.rows.map((r) => r.id));
    return { ...info, approvedRequestIds: info.approvedRequestIds.filter((id) => still.has(id)) };
  },
};
