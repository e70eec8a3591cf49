// The stock movement of every warehouse and item over a period (the donors' report): opening
// balance, what came in, went out, moved, was written off or adjusted, closing balance.
//
// Summing the ledger row by row reads every movement up to the period's end — a year's report on a
// ledger of 1,000,000 movements took seconds. The database keeps each month's sums per warehouse,
// item and kind (stock_months, migration 0028, exact by construction: a trigger adds every movement
// written, and the ledger is append-only). Whole months come from there; the days of the period's
// first and last month that are not whole months, and the days of its first month before it
// starts (part of the opening balance), from the movements themselves. stock-months.test.ts checks
// that the figures equal the ledger's for periods with and without whole months.
import { sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../db/engine.js';

export type StockMovementRow = {
  warehouse_id: string;
  item_id: string;
  opening: string;
  receipts: string;
  issues: string;
  transfers: string;
  write_offs: string;
  adjustments: string;
  closing: string;
};

const firstOfMonth = (day: string) => `${day.slice(0, 7)}-01`;
function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
function nextMonth(first: string): string {
  const d = new Date(`${first}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + 1);
  return d.toISOString().slice(0, 10);
}

/**
 * How a period [from, to] splits into the month its opening balance starts from (`start`, the first
 * of from's month), whole months [wholeFrom, wholeTo) and the days around them. With no whole month
 * inside the period, `wholeFrom` is not before `wholeTo`.
 */
export function monthsOf(from: string, to: string): { start: string; wholeFrom: string; wholeTo: string } {
  const start = firstOfMonth(from);
  const wholeFrom = from === start ? start : nextMonth(start);
  const after = nextDay(to);
  const wholeTo = after.endsWith('-01') ? after : firstOfMonth(to);
  return { start, wholeFrom, wholeTo };
}

/** Per warehouse and item with any movement up to `to` (one warehouse, or all the caller reads). */
export async function stockMovementTotals(tx: Tx, from: string, to: string, warehouseId?: string): Promise<StockMovementRow[]> {
  const { start, wholeFrom, wholeTo } = monthsOf(from, to);
  const whole = wholeFrom < wholeTo;
  const warehouse = warehouseId ? sql`and warehouse_id = ${warehouseId}` : sql``;
  // Kept months: all before the period's first month (opening), and the whole months inside it.
  const months = whole
    ? sql`(month < ${start}::date or (month >= ${wholeFrom}::date and month < ${wholeTo}::date))`
    : sql`month < ${start}::date`;
  // Days read from the ledger: from the first of from's month up to the first whole month (or to
  // the period's end when there is none), and after the last whole month up to the end.
  const rows = (lower: string, upper: SQL) => sql`
    select warehouse_id, item_id, kind, quantity, occurred_on < ${from}::date as opening from stock_movements
    where occurred_on >= ${lower}::date and ${upper} ${warehouse}`;
  const days = whole
    ? sql`${rows(start, sql`occurred_on < ${wholeFrom}::date`)} union all ${rows(wholeTo, sql`occurred_on <= ${to}::date`)}`
    : rows(start, sql`occurred_on <= ${to}::date`);
  const period = (kinds: string[]) => sql`coalesce(sum(quantity) filter (where not opening and kind in ${kinds}), 0)::text`;
  const result = await tx.execute<StockMovementRow>(sql`
    select warehouse_id::text, item_id::text,
      coalesce(sum(quantity) filter (where opening), 0)::text as opening,
      ${period(['donation', 'purchase'])} as receipts,
      ${period(['issue'])} as issues,
      ${period(['transfer_in', 'transfer_out'])} as transfers,
      ${period(['write_off'])} as write_offs,
      ${period(['stocktake', 'correction'])} as adjustments,
      coalesce(sum(quantity), 0)::text as closing
    from (
      select warehouse_id, item_id, kind, quantity, month < ${start}::date as opening from stock_months where ${months} ${warehouse}
      union all ${days}
    ) x
    group by warehouse_id, item_id order by warehouse_id, item_id`);
  return result.rows;
}
