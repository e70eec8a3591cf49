// The stock ledger: every change of stock is a movement appended to stock_movements; the balance of
// each lot is kept by a trigger (migration 0026) and can never go below zero. Taking stock locks the
// balance rows first, so two simultaneous hand-outs of the last pack take turns: the second sees
// what the first left and gets a 409 that says so. A movement dated in the past takes only what the
// warehouse could spare on its day (balancesOn).
import { sql } from 'drizzle-orm';
import type { Language } from '../../domain/i18n/index.js';
import { translate } from '../../domain/i18n/index.js';
import { allocate, available, quantityProblem, roundQuantity, type LotBalance } from '../../domain/aid/rules.js';
import type { AidUnit, MovementKind } from '../../domain/aid/contracts.js';
import type { Tx } from '../db/engine.js';
import type { Actor } from '../http/context.js';
import { AppError, invalidField } from '../http/errors.js';

export type ItemRow = {
  id: string;
  kind: 'goods' | 'work' | 'purchase';
  unit: AidUnit;
  tracks_lots: boolean;
  retired: boolean;
};

/** The items of the organisation by id; an unknown id is a 400 on the field that carried it. */
export async function itemsById(tx: Tx, ids: string[], field: (index: number) => string, lang: Language): Promise<Map<string, ItemRow>> {
  const unique = [...new Set(ids)];
  const rows =
    unique.length === 0
      ? []
      : (await tx.execute<ItemRow>(sql`select id::text, kind, unit, tracks_lots, retired from aid_items where id in ${unique}`)).rows;
  const map = new Map(rows.map((row) => [row.id, row]));
  ids.forEach((id, index) => {
    if (!map.has(id)) throw invalidField(field(index), 'validation.invalid_option', translate(lang, 'validation.invalid_option'));
  });
  return map;
}

/** 400 naming the field when a quantity does not fit its item's unit. */
export function checkQuantity(item: ItemRow, quantity: number, field: string, lang: Language): void {
  const problem = quantityProblem(item.unit, quantity);
  if (problem) throw invalidField(field, `validation.${problem}`, translate(lang, `validation.${problem}`));
}

export interface Movement {
  warehouseId: string;
  itemId: string;
  lot?: string;
  expiresOn?: string | null;
  kind: MovementKind;
  /** Signed: + into the warehouse, − out of it. */
  quantity: number;
  value?: number;
  occurredOn: string;
  receiptId?: string;
  handoutId?: string;
  transferId?: string;
  correctsId?: string;
  reason?: string;
}

/**
 * A stocktake closes the books of the items it counted up to its day (migration 0037): a record of
 * those items dated on or before the last count would change what the count was measured against,
 * so it is refused on its date field — a mistake from before a count is corrected after it.
 */
export async function assertAfterStocktake(
  tx: Tx,
  warehouseId: string,
  itemIds: string[],
  date: string,
  field: string,
  lang: Language,
): Promise<void> {
  if (itemIds.length === 0) return;
  const closed = (
    await tx.execute<{ day: string | null }>(sql`select max(counted_on)::text as day from stocktake_counts
      where warehouse_id = ${warehouseId} and item_id in ${[...new Set(itemIds)]}`)
  ).rows[0]?.day;
  if (closed && date <= closed)
    throw new AppError('conflict', 'aid.errors.before_stocktake', { day: closed }, [
      {
        path: field,
        code: 'aid.errors.before_stocktake',
        params: { day: closed },
        message: translate(lang, 'aid.errors.before_stocktake', { day: closed }),
      },
    ]);
}

export async function appendMovements(tx: Tx, actor: Actor, movements: Movement[]): Promise<void> {
  for (const m of movements) {
    await tx.execute(sql`insert into stock_movements (org_id, warehouse_id, item_id, lot, expires_on, kind, quantity, value, occurred_on,
        receipt_id, handout_id, transfer_id, corrects_id, reason, created_by)
      values (${actor.orgId}, ${m.warehouseId}, ${m.itemId}, ${m.lot ?? ''}, ${m.expiresOn ?? null}, ${m.kind}, ${m.quantity}, ${m.value ?? 0},
        ${m.occurredOn}, ${m.receiptId ?? null}, ${m.handoutId ?? null}, ${m.transferId ?? null}, ${m.correctsId ?? null}, ${m.reason ?? ''},
        ${actor.userId})`);
  }
}

/** The lots of an item in a warehouse, locked until the transaction ends. */
async function lockLots(tx: Tx, warehouseId: string, itemId: string): Promise<LotBalance[]> {
  const rows = await tx.execute<{ lot: string; expires_on: string | null; quantity: string }>(sql`
    select lot, expires_on::text, quantity::text from stock_balances
    where warehouse_id = ${warehouseId} and item_id = ${itemId} order by lot for update`);
  return rows.rows.map((r) => ({ lot: r.lot, expiresOn: r.expires_on, quantity: Number(r.quantity) }));
}

export interface DayBalance {
  /** The lot's balance at the end of the day, from every movement dated on or before it. */
  onDay: number;
  /** The least the lot holds on that day or any day after it: what may still leave on that day. */
  least: number;
}

/**
 * Per lot, what an item's lots held on a day. Records are entered after the fact and in any order,
 * so today's balance is not the day's: a hand-out, write-off or transfer dated weeks ago may take
 * only what was there that day and that no later day needed (it must not take what came in only
 * later, nor leave a later day below zero), and a stocktake books its difference against the day
 * it counted. The day's balance is the kept one (`current`, rows locked by the caller) less what
 * was booked after the day; a movement dated today has nothing after it and reads no more rows.
 */
export async function balancesOn(
  tx: Tx,
  warehouseId: string,
  itemId: string,
  day: string,
  current: ReadonlyMap<string, number>,
): Promise<Map<string, DayBalance>> {
  const later = await tx.execute<{ lot: string; q: string }>(sql`
    select lot, sum(quantity)::text as q from stock_movements
    where warehouse_id = ${warehouseId} and item_id = ${itemId} and occurred_on > ${day}
    group by lot, occurred_on order by lot, occurred_on`);
  const after = new Map<string, number[]>();
  for (const row of later.rows) after.set(row.lot, [...(after.get(row.lot) ?? []), Number(row.q)]);
  const result = new Map<string, DayBalance>();
  for (const lot of new Set([...current.keys(), ...after.keys()])) {
    const days = after.get(lot) ?? [];
    const onDay = roundQuantity((current.get(lot) ?? 0) - days.reduce((sum, q) => sum + q, 0));
    let running = onDay;
    let least = onDay;
    for (const q of days) {
      running = roundQuantity(running + q);
      least = Math.min(least, running);
    }
    result.set(lot, { onDay, least });
  }
  return result;
}

/** The 409 that says what is left, on the field of the line that asked for more. */
export function insufficient(field: string, left: number, lang: Language): AppError {
  return new AppError('conflict', 'aid.errors.insufficient', { left }, [
    { path: field, code: 'aid.errors.insufficient', params: { left }, message: translate(lang, 'aid.errors.insufficient', { left }) },
  ]);
}

/**
 * Takes `quantity` of an item out of a warehouse — first-expiring-first-out across its lots, or from
 * the lot the storekeeper chose — as movements of `kind` (issue, transfer_out, write_off).
 * Returns the lots taken, so a transfer can put the same lots into the other warehouse.
 */
export async function takeStock(
  tx: Tx,
  actor: Actor,
  take: {
    warehouseId: string;
    itemId: string;
    quantity: number;
    lot?: string;
    kind: MovementKind;
    occurredOn: string;
    field: string;
  } & Pick<Movement, 'handoutId' | 'transferId' | 'reason'>,
  lang: Language,
): Promise<{ lot: string; quantity: number; expiresOn: string | null; value: number }[]> {
  const locked = await lockLots(tx, take.warehouseId, take.itemId);
  if (take.lot !== undefined && take.lot !== '' && !locked.some((l) => l.lot === take.lot))
    throw invalidField(take.field, 'aid.errors.lot_unknown', translate(lang, 'aid.errors.lot_unknown'));
  // What each lot can spare on the movement's day (see balancesOn), first-expiring-first-out among those.
  const day = await balancesOn(tx, take.warehouseId, take.itemId, take.occurredOn, new Map(locked.map((l) => [l.lot, l.quantity])));
  const lots = locked.map((l) => ({ ...l, quantity: Math.max(0, day.get(l.lot)?.least ?? l.quantity) }));
  const plan = allocate(lots, take.quantity, take.lot || undefined);
  if (!plan) throw insufficient(take.field, available(take.lot ? lots.filter((l) => l.lot === take.lot) : lots), lang);
  const taken = [];
  for (const part of plan) {
    const expiresOn = lots.find((l) => l.lot === part.lot)?.expiresOn ?? null;
    const value = await unitValue(tx, take.warehouseId, take.itemId, part.lot);
    await appendMovements(tx, actor, [
      {
        warehouseId: take.warehouseId,
        itemId: take.itemId,
        lot: part.lot,
        expiresOn,
        kind: take.kind,
        quantity: -part.quantity,
        value: -Math.round(value * part.quantity * 100) / 100,
        occurredOn: take.occurredOn,
        handoutId: take.handoutId,
        transferId: take.transferId,
        reason: take.reason,
      },
    ]);
    taken.push({ lot: part.lot, quantity: part.quantity, expiresOn, value: Math.round(value * part.quantity * 100) / 100 });
  }
  return taken;
}

/**
 * The estimated value of one unit of a lot: what came in (donations, purchases, transfers in) at what
 * value, averaged — so what leaves carries its share of the value the donors' report shows.
 */
async function unitValue(tx: Tx, warehouseId: string, itemId: string, lot: string): Promise<number> {
  const rows = await tx.execute<{ q: string | null; v: string | null }>(sql`
    select sum(quantity)::text as q, sum(value)::text as v from stock_movements
    where warehouse_id = ${warehouseId} and item_id = ${itemId} and lot = ${lot} and quantity > 0 and kind in ('donation', 'purchase', 'transfer_in')`);
  const q = Number(rows.rows[0]?.q ?? 0);
  return q > 0 ? Number(rows.rows[0]?.v ?? 0) / q : 0;
}
