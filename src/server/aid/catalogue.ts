// The aid catalogue (goods, works in kind, purchases for a family) and the hand-out norms per
// programme, both as data the organisation edits. An item in use is retired, never deleted, so
// history keeps its name.
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { IdParams } from '../../domain/access/contracts.js';
import { AidItemInput, AidItemUpdateInput, AidItemView, NormInput, NormView } from '../../domain/aid/contracts.js';
import { SHIPPED_AID_ITEMS } from '../../domain/aid/shipped.js';
import { translate } from '../../domain/i18n/index.js';
import { writeAudit } from '../audit/audit.js';
import type { Tx } from '../db/engine.js';
import { conflict, invalidField, notFound } from '../http/errors.js';
import { defineRoute } from '../http/route.js';
import { checkQuantity, itemsById } from './ledger.js';

type Row = Record<string, unknown>;
const parse = <T>(v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v) as T;
const manage = { kind: 'permission', permission: 'aid.catalogue', records: 'organization' } as const;

const SELECT = sql`select i.*, (exists (select 1 from stock_movements m where m.item_id = i.id)
  or exists (select 1 from aid_request_lines l where l.item_id = i.id)) as in_use from aid_items i`;

function toView(row: Row): AidItemView {
  return {
    id: row.id as string,
    code: row.code as string,
    name: parse(row.name),
    kind: row.kind as AidItemView['kind'],
    unit: row.unit as AidItemView['unit'],
    group: row.group as AidItemView['group'],
    variant: row.variant as string,
    tracksLots: row.tracks_lots as boolean,
    retired: row.retired as boolean,
    inUse: Boolean(row.in_use),
    version: Number(row.version),
  };
}

export async function installShippedAidItems(tx: Tx, orgId: string): Promise<void> {
  for (const item of SHIPPED_AID_ITEMS) {
    await tx.execute(sql`insert into aid_items (org_id, code, name, kind, unit, "group", variant, tracks_lots)
      values (${orgId}, ${item.code}, ${JSON.stringify(item.name)}::jsonb, ${item.kind}, ${item.unit}, ${item.group}, ${item.variant}, ${item.tracksLots})
      on conflict (org_id, code) do nothing`);
  }
}

const toNorm = (row: Row) => ({
  id: row.id as string,
  programmeId: row.programme_id as string,
  itemId: row.item_id as string,
  quantity: Number(row.quantity),
  per: row.per as 'family',
  period: 'month' as const,
});

export function registerAidCatalogueRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/aid/items',
    tag: 'aid',
    summary: 'The aid catalogue (retired items included, flagged)',
    access: { kind: 'signed_in', records: 'organization' },
    response: z.object({ items: z.array(AidItemView) }),
    handler: async ({ tx }) => ({
      items: (await tx.execute<Row>(sql`${SELECT} order by i.retired, i.kind, i."group", i.code`)).rows.map(toView),
    }),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/aid/items',
    tag: 'aid',
    summary: 'Add an item, a work or a purchase to the aid catalogue',
    access: manage,
    body: AidItemInput,
    response: AidItemView,
    status: 201,
    idempotent: true,
    handler: async ({ tx, actor, audit, body, req }) => {
      const lang = req.lang;
      if ((body.kind === 'work') !== (body.unit === 'job'))
        throw invalidField('unit', 'validation.invalid_option', translate(lang, 'validation.invalid_option'));
      if (body.tracksLots && body.kind !== 'goods')
        throw invalidField('tracksLots', 'aid.errors.not_goods', translate(lang, 'aid.errors.not_goods'));
      const taken = await tx.execute(sql`select 1 from aid_items where code = ${body.code}`);
      if (taken.rows.length > 0) throw invalidField('code', 'aid.errors.duplicate_code', translate(lang, 'aid.errors.duplicate_code'));
      const row = (
        await tx.execute<{ id: string }>(sql`insert into aid_items (org_id, code, name, kind, unit, "group", variant, tracks_lots)
          values (${actor.orgId}, ${body.code}, ${JSON.stringify(body.name)}::jsonb, ${body.kind}, ${body.unit}, ${body.group}, ${body.variant}, ${body.tracksLots})
          returning id::text`)
      ).rows[0]!;
      await writeAudit(tx, audit, { action: 'create', recordType: 'aid_item', recordId: row.id });
      return toView((await tx.execute<Row>(sql`${SELECT} where i.id = ${row.id}`)).rows[0]!);
    },
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/aid/items/:id',
    tag: 'aid',
    summary: 'Rename, regroup, retire or restore an item (409 on a stale version)',
    access: manage,
    params: IdParams,
    body: AidItemUpdateInput,
    response: AidItemView,
    handler: async ({ tx, audit, params, body, req }) => {
      const before = (await tx.execute<Row>(sql`${SELECT} where i.id = ${params.id}`)).rows[0];
      if (!before) throw notFound();
      if (body.tracksLots && before.kind !== 'goods')
        throw invalidField('tracksLots', 'aid.errors.not_goods', translate(req.lang, 'aid.errors.not_goods'));
      const updated =
        await tx.execute(sql`update aid_items set name = ${JSON.stringify(body.name)}::jsonb, "group" = ${body.group}, variant = ${body.variant},
        tracks_lots = ${body.tracksLots}, retired = ${body.retired}, version = version + 1 where id = ${params.id} and version = ${body.version} returning id`);
      if (updated.rows.length === 0) throw conflict();
      await writeAudit(tx, audit, { action: 'update', recordType: 'aid_item', recordId: params.id });
      return toView((await tx.execute<Row>(sql`${SELECT} where i.id = ${params.id}`)).rows[0]!);
    },
  });

  defineRoute(app, {
    method: 'DELETE',
    url: '/api/aid/items/:id',
    tag: 'aid',
    summary: 'Delete an item never used (one in use is retired instead: 409)',
    access: manage,
    params: IdParams,
    response: z.object({ ok: z.literal(true) }),
    handler: async ({ tx, audit, params }) => {
      const before = (await tx.execute<Row>(sql`${SELECT} where i.id = ${params.id}`)).rows[0];
      if (!before) throw notFound();
      if (before.in_use) throw conflict('aid.errors.in_use');
      await tx.execute(sql`delete from aid_norms where item_id = ${params.id}`);
      await tx.execute(sql`delete from stock_minimums where item_id = ${params.id}`);
      await tx.execute(sql`delete from aid_items where id = ${params.id}`);
      await writeAudit(tx, audit, { action: 'delete', recordType: 'aid_item', recordId: params.id });
      return { ok: true as const };
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/aid/norms',
    tag: 'aid',
    summary: 'Hand-out norms of every programme',
    access: { kind: 'signed_in', records: 'organization' },
    response: z.object({ items: z.array(NormView) }),
    handler: async ({ tx }) => ({
      items: (await tx.execute<Row>(sql`select * from aid_norms order by programme_id, item_id`)).rows.map(toNorm),
    }),
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/aid/norms',
    tag: 'aid',
    summary: "Set a programme's monthly norm of an item (replaces the previous one)",
    access: manage,
    body: NormInput,
    response: NormView,
    handler: async ({ tx, actor, audit, body, req }) => {
      const lang = req.lang;
      const programme = await tx.execute(sql`select 1 from programmes where id = ${body.programmeId}`);
      if (programme.rows.length === 0)
        throw invalidField('programmeId', 'validation.invalid_option', translate(lang, 'validation.invalid_option'));
      const item = (await itemsById(tx, [body.itemId], () => 'itemId', lang)).get(body.itemId)!;
      checkQuantity(item, body.quantity, 'quantity', lang);
      const row = (
        await tx.execute<Row>(sql`insert into aid_norms (org_id, programme_id, item_id, quantity, per)
          values (${actor.orgId}, ${body.programmeId}, ${body.itemId}, ${body.quantity}, ${body.per})
          on conflict (org_id, programme_id, item_id) do update set quantity = excluded.quantity, per = excluded.per returning *`)
      ).rows[0]!;
      await writeAudit(tx, audit, { action: 'update', recordType: 'aid_norm', recordId: row.id as string });
      return toNorm(row);
    },
  });

  defineRoute(app, {
    method: 'DELETE',
    url: '/api/aid/norms/:id',
    tag: 'aid',
    summary: 'Remove a norm',
    access: manage,
    params: IdParams,
    response: z.object({ ok: z.literal(true) }),
    handler: async ({ tx, audit, params }) => {
      const gone = await tx.execute(sql`delete from aid_norms where id = ${params.id} returning id`);
      if (gone.rows.length === 0) throw notFound();
      await writeAudit(tx, audit, { action: 'delete', recordType: 'aid_norm', recordId: params.id });
      return { ok: true as const };
    },
  });
}
