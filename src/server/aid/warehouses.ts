// Warehouses and their stock: receipts of donations in kind and purchases, transfers, write-offs,
// stocktakes that book the differences, counter-entries that correct a mistake, minimums, and the
// ledger itself. A warehouse belongs to a branch; its staff (aid.warehouse) reach the warehouses of
// their own branches only — another branch's warehouse reads as not found.
import crypto from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { IdParams } from '../../domain/access/contracts.js';
import {
  CorrectionInput,
  MinimumInput,
  MovementList,
  ReceiptInput,
  ReceiptView,
  StockView,
  StocktakeInput,
  TransferInput,
  WarehouseInput,
  WarehouseUpdateInput,
  WarehouseView,
  WriteOffInput,
} from '../../domain/aid/contracts.js';
import { roundQuantity } from '../../domain/aid/rules.js';
import { translate, type Language } from '../../domain/i18n/index.js';
import { isoDate, uuid } from '../../domain/validation.js';
import { writeAudit } from '../audit/audit.js';
import type { Tx } from '../db/engine.js';
import type { Actor } from '../http/context.js';
import { AppError, conflict, invalidField, notFound } from '../http/errors.js';
import { defineRoute } from '../http/route.js';
import {
  appendMovements,
  assertAfterStocktake,
  balancesOn,
  checkQuantity,
  insufficient,
  itemsById,
  takeStock,
  type ItemRow,
} from './ledger.js';

type Row = Record<string, unknown>;
const keep = { kind: 'permission', permission: 'aid.warehouse', records: 'organization' } as const;
const EXPIRING_DAYS = 30;

function inList(column: SQL, values: string[]): SQL {
  return values.length === 0 ? sql`false` : sql`${column} in ${values}`;
}

/** Warehouses the actor keeps: those of the branches they work in. */
export const warehouseScope = (actor: Actor, alias = 'w') => inList(sql`${sql.raw(alias)}.branch_id`, actor.branchIds);

function toView(row: Row): WarehouseView {
  return {
    id: row.id as string,
    branchId: row.branch_id as string,
    name: row.name as string,
    address: row.address as string,
    active: row.active as boolean,
    version: Number(row.version),
  };
}

/** A warehouse within the actor's reach, or 404. */
export async function getWarehouse(tx: Tx, actor: Actor, id: string): Promise<WarehouseView> {
  const row = (await tx.execute<Row>(sql`select * from warehouses w where w.id = ${id} and ${warehouseScope(actor)}`)).rows[0];
  if (!row) throw notFound();
  return toView(row);
}

async function activeWarehouse(tx: Tx, actor: Actor, id: string, lang: Language): Promise<WarehouseView> {
  const warehouse = await getWarehouse(tx, actor, id);
  if (!warehouse.active)
    throw invalidField('warehouseId', 'aid.errors.warehouse_inactive', translate(lang, 'aid.errors.warehouse_inactive'));
  return warehouse;
}

const today = (now: Date) => now.toISOString().slice(0, 10);
function notFuture(date: string, field: string, now: Date, lang: Language): void {
  if (date > today(now)) throw invalidField(field, 'validation.date_in_future', translate(lang, 'validation.date_in_future'));
}

/**
 * The opening steps every stock operation shares: the warehouse within reach (active, when goods
 * are to move through it), a date that is not in the future, and the catalogue items its lines
 * name — each a 400 naming its field before anything is written.
 */
async function openOperation(
  tx: Tx,
  actor: Actor,
  op: {
    warehouseId: string;
    active: boolean;
    date: string;
    dateField: string;
    itemIds: string[];
    linesField: 'lines' | 'counts';
    now: Date;
    lang: Language;
  },
): Promise<Map<string, ItemRow>> {
  if (op.active) await activeWarehouse(tx, actor, op.warehouseId, op.lang);
  else await getWarehouse(tx, actor, op.warehouseId);
  notFuture(op.date, op.dateField, op.now, op.lang);
  const items = await itemsById(tx, op.itemIds, (i) => `${op.linesField}.${i}.itemId`, op.lang);
  await assertAfterStocktake(tx, op.warehouseId, op.itemIds, op.date, op.dateField, op.lang);
  return items;
}

/** Takes each line out of the warehouse (quantities checked against their unit); what left per line. */
async function takeLines(
  tx: Tx,
  actor: Actor,
  warehouseId: string,
  lines: { itemId: string; quantity: number; lot?: string }[],
  items: Map<string, ItemRow>,
  movement: { kind: 'transfer_out' | 'write_off'; occurredOn: string; transferId?: string; reason?: string },
  lang: Language,
): Promise<Awaited<ReturnType<typeof takeStock>>[]> {
  const taken = [];
  for (const [i, line] of lines.entries()) {
    checkQuantity(items.get(line.itemId)!, line.quantity, `lines.${i}.quantity`, lang);
    taken.push(
      await takeStock(
        tx,
        actor,
        { warehouseId, itemId: line.itemId, quantity: line.quantity, lot: line.lot, field: `lines.${i}.quantity`, ...movement },
        lang,
      ),
    );
  }
  return taken;
}

export async function stockOf(tx: Tx, warehouse: WarehouseView, now: Date): Promise<StockView> {
  const soon = new Date(now.getTime() + EXPIRING_DAYS * 86_400_000).toISOString().slice(0, 10);
  const rows = await tx.execute<{ item_id: string; lot: string; expires_on: string | null; quantity: string; minimum: string | null }>(sql`
    select coalesce(b.item_id, m.item_id)::text as item_id, coalesce(b.lot, '') as lot, b.expires_on::text, coalesce(b.quantity, 0)::text as quantity,
      m.minimum::text
    from (select * from stock_balances where warehouse_id = ${warehouse.id} and quantity > 0) b
    full join (select * from stock_minimums where warehouse_id = ${warehouse.id}) m on m.item_id = b.item_id
    order by 1, b.expires_on nulls last, 2`);
  const items = new Map<string, StockView['items'][number]>();
  for (const row of rows.rows) {
    const item = items.get(row.item_id) ?? {
      itemId: row.item_id,
      quantity: 0,
      minimum: Number(row.minimum ?? 0),
      belowMinimum: false,
      lots: [],
      expiringSoon: false,
    };
    const quantity = Number(row.quantity);
    if (quantity > 0) {
      item.lots.push({ itemId: row.item_id, lot: row.lot, expiresOn: row.expires_on, quantity });
      item.quantity = roundQuantity(item.quantity + quantity);
      if (row.expires_on !== null && row.expires_on <= soon) item.expiringSoon = true;
    }
    items.set(row.item_id, item);
  }
  for (const item of items.values()) item.belowMinimum = item.minimum > 0 && item.quantity < item.minimum;
  return { warehouse, items: [...items.values()] };
}

export function registerWarehouseRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/warehouses',
    tag: 'aid',
    summary: "The warehouses of the caller's branches",
    access: keep,
    response: z.object({ items: z.array(WarehouseView) }),
    handler: async ({ tx, actor }) => ({
      items: (
        await tx.execute<Row>(sql`select * from warehouses w where ${warehouseScope(actor)} order by w.active desc, w.name`)
      ).rows.map(toView),
    }),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/warehouses',
    tag: 'aid',
    summary: 'Open a warehouse in one of the caller’s branches',
    access: keep,
    body: WarehouseInput,
    response: WarehouseView,
    status: 201,
    idempotent: true,
    handler: async ({ tx, actor, audit, body, req }) => {
      if (!actor.branchIds.includes(body.branchId))
        throw invalidField('branchId', 'validation.invalid_option', translate(req.lang, 'validation.invalid_option'));
      const taken = await tx.execute(sql`select 1 from warehouses where name = ${body.name}`);
      if (taken.rows.length > 0) throw invalidField('name', 'aid.errors.duplicate_name', translate(req.lang, 'aid.errors.duplicate_name'));
      const row = (
        await tx.execute<Row>(sql`insert into warehouses (org_id, branch_id, name, address)
          values (${actor.orgId}, ${body.branchId}, ${body.name}, ${body.address}) returning *`)
      ).rows[0]!;
      await writeAudit(tx, audit, { action: 'create', recordType: 'warehouse', recordId: row.id as string });
      return toView(row);
    },
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/warehouses/:id',
    tag: 'aid',
    summary: 'Rename, readdress, close or reopen a warehouse (409 on a stale version)',
    access: keep,
    params: IdParams,
    body: WarehouseUpdateInput,
    response: WarehouseView,
    handler: async ({ tx, actor, audit, params, body }) => {
      await getWarehouse(tx, actor, params.id);
      const row = (
        await tx.execute<Row>(sql`update warehouses set name = ${body.name}, address = ${body.address}, active = ${body.active}, version = version + 1
          where id = ${params.id} and version = ${body.version} returning *`)
      ).rows[0];
      if (!row) throw conflict();
      await writeAudit(tx, audit, { action: 'update', recordType: 'warehouse', recordId: params.id });
      return toView(row);
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/warehouses/:id/stock',
    tag: 'aid',
    summary: 'Current stock of a warehouse by item and lot, with minimums and lots expiring soon',
    access: keep,
    params: IdParams,
    response: StockView,
    handler: async ({ tx, actor, params, deps }) => stockOf(tx, await getWarehouse(tx, actor, params.id), deps.now()),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/warehouses/:id/movements',
    tag: 'aid',
    summary: 'The ledger of a warehouse, newest first',
    access: keep,
    params: IdParams,
    query: z.object({
      from: isoDate.optional(),
      to: isoDate.optional(),
      itemId: uuid.optional(),
      limit: z.coerce.number().int().min(1).max(500).default(100),
    }),
    response: MovementList,
    handler: async ({ tx, actor, params, query, req }) => {
      await getWarehouse(tx, actor, params.id);
      if (query.itemId) await itemsById(tx, [query.itemId], () => 'itemId', req.lang);
      const where = sql`warehouse_id = ${params.id}
        ${query.from ? sql`and occurred_on >= ${query.from}` : sql``} ${query.to ? sql`and occurred_on <= ${query.to}` : sql``}
        ${query.itemId ? sql`and item_id = ${query.itemId}` : sql``}`;
      const rows = await tx.execute<Row>(sql`select id::text, kind, item_id::text, lot, quantity::text, value::text, occurred_on::text,
          coalesce(receipt_id, handout_id, transfer_id)::text as document_id, corrects_id::text, created_at
        from stock_movements where ${where} order by occurred_on desc, created_at desc limit ${query.limit}`);
      const total = await tx.execute<{ n: number }>(sql`select count(*)::int as n from stock_movements where ${where}`);
      return {
        total: Number(total.rows[0]?.n ?? 0),
        items: rows.rows.map((r) => ({
          id: r.id as string,
          kind: r.kind as never,
          itemId: r.item_id as string,
          lot: r.lot as string,
          quantity: Number(r.quantity),
          value: Number(r.value),
          occurredOn: r.occurred_on as string,
          documentId: (r.document_id as string | null) ?? null,
          correctsId: (r.corrects_id as string | null) ?? null,
          createdAt: new Date(r.created_at as string).toISOString(),
        })),
      };
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/warehouses/:id/receipts',
    tag: 'aid',
    summary: 'Receive a donation in kind or a purchase',
    access: keep,
    params: IdParams,
    body: ReceiptInput,
    response: ReceiptView,
    status: 201,
    idempotent: true,
    handler: async ({ tx, actor, audit, params, body, req, deps }) => {
      const lang = req.lang;
      const items = await openOperation(tx, actor, {
        warehouseId: params.id,
        active: true,
        date: body.receivedOn,
        dateField: 'receivedOn',
        itemIds: body.lines.map((l) => l.itemId),
        linesField: 'lines',
        now: deps.now(),
        lang,
      });
      if (body.programmeId) {
        const found = await tx.execute(sql`select 1 from programmes where id = ${body.programmeId}`);
        if (found.rows.length === 0)
          throw invalidField('programmeId', 'validation.invalid_option', translate(lang, 'validation.invalid_option'));
      }
      body.lines.forEach((line, i) => {
        const item = items.get(line.itemId)!;
        if (item.kind !== 'goods') throw invalidField(`lines.${i}.itemId`, 'aid.errors.not_goods', translate(lang, 'aid.errors.not_goods'));
        if (item.retired) throw invalidField(`lines.${i}.itemId`, 'aid.errors.retired_item', translate(lang, 'aid.errors.retired_item'));
        checkQuantity(item, line.quantity, `lines.${i}.quantity`, lang);
        if (item.tracks_lots && (!line.lot || !line.expiresOn))
          throw invalidField(
            `lines.${i}.${line.lot ? 'expiresOn' : 'lot'}`,
            'aid.errors.lot_required',
            translate(lang, 'aid.errors.lot_required'),
          );
        if (line.expiresOn && line.expiresOn < body.receivedOn)
          throw invalidField(
            `lines.${i}.expiresOn`,
            'aid.errors.expiry_before_receipt',
            translate(lang, 'aid.errors.expiry_before_receipt'),
          );
      });
      const receipt = (
        await tx.execute<{
          id: string;
        }>(sql`insert into aid_receipts (org_id, warehouse_id, kind, received_on, donor_kind, counterparty, programme_id, note, created_by)
          values (${actor.orgId}, ${params.id}, ${body.kind}, ${body.receivedOn}, ${body.kind === 'donation' ? (body.donorKind ?? 'person') : null},
            ${body.counterparty}, ${body.programmeId ?? null}, ${body.note}, ${actor.userId}) returning id::text`)
      ).rows[0]!;
      await appendMovements(
        tx,
        actor,
        body.lines.map((line) => ({
          warehouseId: params.id,
          itemId: line.itemId,
          lot: line.lot,
          expiresOn: line.expiresOn ?? null,
          kind: body.kind,
          quantity: line.quantity,
          value: line.value,
          occurredOn: body.receivedOn,
          receiptId: receipt.id,
        })),
      );
      await writeAudit(tx, audit, { action: 'create', recordType: 'aid_receipt', recordId: receipt.id });
      return { id: receipt.id, warehouseId: params.id, kind: body.kind, receivedOn: body.receivedOn, movements: body.lines.length };
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/warehouses/:id/transfers',
    tag: 'aid',
    summary: 'Move goods to another warehouse of the organisation (same lots)',
    access: keep,
    params: IdParams,
    body: TransferInput,
    response: z.object({ transferId: uuid }),
    status: 201,
    idempotent: true,
    handler: async ({ tx, actor, audit, params, body, req, deps }) => {
      const lang = req.lang;
      const items = await openOperation(tx, actor, {
        warehouseId: params.id,
        active: true,
        date: body.occurredOn,
        dateField: 'occurredOn',
        itemIds: body.lines.map((l) => l.itemId),
        linesField: 'lines',
        now: deps.now(),
        lang,
      });
      if (body.toWarehouseId === params.id)
        throw invalidField('toWarehouseId', 'aid.errors.same_warehouse', translate(lang, 'aid.errors.same_warehouse'));
      const target = (await tx.execute<{ active: boolean }>(sql`select active from warehouses where id = ${body.toWarehouseId}`)).rows[0];
      if (!target) throw invalidField('toWarehouseId', 'validation.invalid_option', translate(lang, 'validation.invalid_option'));
      if (!target.active)
        throw invalidField('toWarehouseId', 'aid.errors.warehouse_inactive', translate(lang, 'aid.errors.warehouse_inactive'));
      // The goods arrive on the same day: the other warehouse's books must be open on it too.
      await assertAfterStocktake(
        tx,
        body.toWarehouseId,
        body.lines.map((l) => l.itemId),
        body.occurredOn,
        'occurredOn',
        lang,
      );
      const transferId = crypto.randomUUID();
      const taken = await takeLines(
        tx,
        actor,
        params.id,
        body.lines,
        items,
        { kind: 'transfer_out', occurredOn: body.occurredOn, transferId },
        lang,
      );
      // What left arrives lot by lot, with its expiry and value, in the other warehouse.
      for (const [i, line] of body.lines.entries()) {
        await appendMovements(
          tx,
          actor,
          taken[i]!.map((part) => ({
            warehouseId: body.toWarehouseId,
            itemId: line.itemId,
            lot: part.lot,
            expiresOn: part.expiresOn,
            kind: 'transfer_in' as const,
            quantity: part.quantity,
            value: part.value,
            occurredOn: body.occurredOn,
            transferId,
          })),
        );
      }
      await writeAudit(tx, audit, { action: 'create', recordType: 'stock_transfer', recordId: transferId });
      return { transferId };
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/warehouses/:id/write-offs',
    tag: 'aid',
    summary: 'Write goods off (expired, damaged, lost)',
    access: keep,
    params: IdParams,
    body: WriteOffInput,
    response: z.object({ lines: z.number() }),
    status: 201,
    idempotent: true,
    handler: async ({ tx, actor, audit, params, body, req, deps }) => {
      const lang = req.lang;
      const items = await openOperation(tx, actor, {
        warehouseId: params.id,
        active: false,
        date: body.occurredOn,
        dateField: 'occurredOn',
        itemIds: body.lines.map((l) => l.itemId),
        linesField: 'lines',
        now: deps.now(),
        lang,
      });
      const reason = body.note ? `${body.reason}: ${body.note}` : body.reason;
      await takeLines(tx, actor, params.id, body.lines, items, { kind: 'write_off', occurredOn: body.occurredOn, reason }, lang);
      await writeAudit(tx, audit, { action: 'create', recordType: 'stock_write_off', recordId: params.id });
      return { lines: body.lines.length };
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/warehouses/:id/stocktakes',
    tag: 'aid',
    summary: 'Record counted quantities; the differences are booked as stocktake movements',
    access: keep,
    params: IdParams,
    body: StocktakeInput,
    response: z.object({ adjusted: z.number() }),
    status: 201,
    idempotent: true,
    handler: async ({ tx, actor, audit, params, body, req, deps }) => {
      const lang = req.lang;
      const items = await openOperation(tx, actor, {
        warehouseId: params.id,
        active: false,
        date: body.occurredOn,
        dateField: 'occurredOn',
        itemIds: body.counts.map((c) => c.itemId),
        linesField: 'counts',
        now: deps.now(),
        lang,
      });
      let adjusted = 0;
      for (const [i, count] of body.counts.entries()) {
        if (count.counted > 0) checkQuantity(items.get(count.itemId)!, count.counted, `counts.${i}.counted`, lang);
        const row = (
          await tx.execute<{ quantity: string }>(sql`select quantity::text from stock_balances
            where warehouse_id = ${params.id} and item_id = ${count.itemId} and lot = ${count.lot} for update`)
        ).rows[0];
        // The count is of its day: the difference is against what the lot held then, not today (records
        // dated after the count may already be in), and no later day may be left below zero by it.
        const current = Number(row?.quantity ?? 0);
        const day = (await balancesOn(tx, params.id, count.itemId, body.occurredOn, new Map([[count.lot, current]]))).get(count.lot) ?? {
          onDay: current,
          least: current,
        };
        // Every count is kept, a count with no difference too: it closes the item's books up to its day.
        await tx.execute(sql`insert into stocktake_counts (org_id, warehouse_id, item_id, lot, counted_on, counted, created_by)
          values (${actor.orgId}, ${params.id}, ${count.itemId}, ${count.lot}, ${body.occurredOn}, ${count.counted}, ${actor.userId})`);
        const difference = roundQuantity(count.counted - day.onDay);
        if (difference === 0) continue;
        if (day.least + difference < 0) {
          const least = roundQuantity(day.onDay - day.least);
          throw new AppError('conflict', 'aid.errors.count_below_later', { least }, [
            {
              path: `counts.${i}.counted`,
              code: 'aid.errors.count_below_later',
              params: { least },
              message: translate(lang, 'aid.errors.count_below_later', { least }),
            },
          ]);
        }
        await appendMovements(tx, actor, [
          {
            warehouseId: params.id,
            itemId: count.itemId,
            lot: count.lot,
            kind: 'stocktake',
            quantity: difference,
            occurredOn: body.occurredOn,
          },
        ]);
        adjusted += 1;
      }
      await writeAudit(tx, audit, { action: 'create', recordType: 'stocktake', recordId: params.id });
      return { adjusted };
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/warehouses/:id/corrections',
    tag: 'aid',
    summary: 'Reverse a mistaken movement by a counter-entry with a reason (history is never edited)',
    access: keep,
    params: IdParams,
    body: CorrectionInput,
    response: z.object({ id: uuid }),
    status: 201,
    handler: async ({ tx, actor, audit, params, body, req, deps }) => {
      const lang = req.lang;
      await getWarehouse(tx, actor, params.id);
      const original = (
        await tx.execute<Row>(sql`select id::text, item_id::text, lot, expires_on::text, quantity::text, value::text, kind, handout_id
          from stock_movements where id = ${body.movementId} and warehouse_id = ${params.id}`)
      ).rows[0];
      if (!original) throw invalidField('movementId', 'validation.invalid_option', translate(lang, 'validation.invalid_option'));
      // A hand-out is undone with its request, a correction is not corrected again.
      if (original.kind === 'correction' || original.handout_id)
        throw invalidField('movementId', 'validation.invalid_option', translate(lang, 'validation.invalid_option'));
      const done = await tx.execute(sql`select 1 from stock_movements where corrects_id = ${body.movementId}`);
      if (done.rows.length > 0) throw conflict('aid.errors.already_corrected');
      const quantity = -Number(original.quantity);
      if (quantity < 0) {
        const left = (
          await tx.execute<{ quantity: string }>(sql`select quantity::text from stock_balances
            where warehouse_id = ${params.id} and item_id = ${original.item_id as string} and lot = ${original.lot as string} for update`)
        ).rows[0];
        if (Number(left?.quantity ?? 0) + quantity < 0) throw insufficient('movementId', Number(left?.quantity ?? 0), lang);
      }
      const id = crypto.randomUUID();
      await tx.execute(sql`insert into stock_movements (id, org_id, warehouse_id, item_id, lot, expires_on, kind, quantity, value, occurred_on, corrects_id, reason, created_by)
        values (${id}, ${actor.orgId}, ${params.id}, ${original.item_id as string}, ${original.lot as string}, ${original.expires_on ?? null}, 'correction',
          ${quantity}, ${-Number(original.value)}, ${today(deps.now())}, ${body.movementId}, ${body.reason}, ${actor.userId})`);
      await writeAudit(tx, audit, { action: 'create', recordType: 'stock_correction', recordId: id });
      return { id };
    },
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/warehouses/:id/minimums',
    tag: 'aid',
    summary: 'Set the minimum stock of an item in a warehouse (0 removes it)',
    access: keep,
    params: IdParams,
    body: MinimumInput,
    response: z.object({ itemId: uuid, minimum: z.number() }),
    handler: async ({ tx, actor, audit, params, body, req }) => {
      await getWarehouse(tx, actor, params.id);
      await itemsById(tx, [body.itemId], () => 'itemId', req.lang);
      if (body.minimum === 0)
        await tx.execute(sql`delete from stock_minimums where warehouse_id = ${params.id} and item_id = ${body.itemId}`);
      else
        await tx.execute(sql`insert into stock_minimums (org_id, warehouse_id, item_id, minimum) values (${actor.orgId}, ${params.id}, ${body.itemId}, ${body.minimum})
          on conflict (org_id, warehouse_id, item_id) do update set minimum = excluded.minimum`);
      await writeAudit(tx, audit, { action: 'update', recordType: 'warehouse', recordId: params.id });
      return body;
    },
  });
}
