// Aid for a family: the worker requests it for a case, the coordinator approves (changing the
// quantities if need be) or declines with a reason, and it is handed out at the warehouse or the
// centre, delivered home, or — for works and purchases — recorded as done. Hand-outs take stock
// first-expiring-first-out; every step is in the case timeline.
//
// Who sees what: those who reach the case see the whole request; the warehouse staff of the case's
// branch see the approved requests they must fulfil (the family's first name, the items and, for a
// home delivery, the address) but not the case; a volunteer sees only the deliveries assigned to them
// until they are done.
import crypto from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { IdParams } from '../../domain/access/contracts.js';
import {
  ActSignedInput,
  AidDecisionInput,
  AidQueueQuery,
  AidRequestInput,
  AidRequestView,
  HandoutInput,
  type AidRequestStatus,
} from '../../domain/aid/contracts.js';
import { aboveNorm, normAllowance, roundQuantity } from '../../domain/aid/rules.js';
import { translate, type Language } from '../../domain/i18n/index.js';
import { writeAudit } from '../audit/audit.js';
import { appendEvent } from '../cases/routes.js';
import { assertWorksIn } from '../access/reach.js';
import { caseInScope, caseScope } from '../cases/scope.js';
import type { Tx } from '../db/engine.js';
import type { Actor } from '../http/context.js';
import { AppError, conflict, invalidField, notFound } from '../http/errors.js';
import { defineRoute } from '../http/route.js';
import { assertAfterStocktake, checkQuantity, itemsById, takeStock } from './ledger.js';
import { warehouseScope } from './warehouses.js';

type Row = Record<string, unknown>;
const CaseParams = z.object({ caseId: z.uuid({ message: 'i18n:invalid_uuid' }) });
const today = (now: Date) => now.toISOString().slice(0, 10);
const field = (lang: Language, path: string, key: string, params: Record<string, unknown> = {}) =>
  invalidField(path, key, translate(lang, key, params), params);

function inList(column: SQL, values: string[]): SQL {
  return values.length === 0 ? sql`false` : sql`${column} in ${values}`;
}

/** How the actor reaches a request: through the case, as the warehouse that fulfils it, or as its deliverer. */
type Reach = 'case' | 'warehouse' | 'deliverer';

/** Requests the actor reaches at all, with how (the case wins). */
function reachSql(actor: Actor): SQL {
  const warehouse = actor.permissions.has('aid.warehouse')
    ? sql`(r.status in ('approved', 'handed_out') and ${inList(sql`r.branch_id`, actor.branchIds)})`
    : sql`false`;
  const deliverer = actor.permissions.has('aid.deliver') ? sql`(r.status = 'approved' and r.deliverer_id = ${actor.userId})` : sql`false`;
  const viaCase = actor.permissions.has('aid.request') || actor.permissions.has('aid.approve') ? caseScope(actor) : sql`false`;
  return sql`case when ${viaCase} then 'case' when ${warehouse} then 'warehouse' when ${deliverer} then 'deliverer' end`;
}

const SELECT = (actor: Actor) => sql`select r.*, r.id::text as rid, c.family_id::text as family_id, ${reachSql(actor)} as reach,
    (select m.first_name from members m where m.family_id = c.family_id and m.relation <> 'unborn_child' order by m.position limit 1) as first_name,
    (select coalesce(nullif(m.actual_address, ''), m.registered_address) from members m
      where m.family_id = c.family_id and (m.actual_address <> '' or m.registered_address <> '') order by m.position limit 1) as address,
    (select concat_ws(' ', u.last_name, u.first_name) from users u where u.id = r.requested_by) as requested_by_name,
    h.id::text as handout_id, h.handed_on::text as handed_on, h.act_signed_on::text as act_signed_on
  from aid_requests r join cases c on c.id = r.case_id left join aid_handouts h on h.request_id = r.id`;

async function linesOf(tx: Tx, ids: string[]): Promise<Map<string, AidRequestView['lines']>> {
  const map = new Map<string, AidRequestView['lines']>();
  if (ids.length === 0) return map;
  const rows = await tx.execute<Row>(sql`select id::text, request_id::text, item_id::text, requested::text, approved::text, above_norm
    from aid_request_lines where request_id in ${ids} order by request_id, position`);
  for (const row of rows.rows) {
    const list = map.get(row.request_id as string) ?? [];
    list.push({
      id: row.id as string,
      itemId: row.item_id as string,
      requested: Number(row.requested),
      approved: row.approved === null ? null : Number(row.approved),
      aboveNorm: row.above_norm as boolean,
    });
    map.set(row.request_id as string, list);
  }
  return map;
}

function toView(row: Row, lines: AidRequestView['lines']): AidRequestView {
  const reach = row.reach as Reach;
  const full = reach === 'case';
  const base: AidRequestView = {
    id: row.rid as string,
    caseId: row.case_id as string,
    branchId: row.branch_id as string,
    familyFirstName: (row.first_name as string | null) ?? '',
    status: row.status as AidRequestStatus,
    delivery: row.delivery as AidRequestView['delivery'],
    requestedOn: String(row.requested_on).slice(0, 10),
    requestedBy: (row.requested_by_name as string | null) ?? '',
    decidedOn: row.decided_on ? String(row.decided_on).slice(0, 10) : null,
    delivererId: (row.deliverer_id as string | null) ?? null,
    handedOn: (row.handed_on as string | null) ?? null,
    handoutId: (row.handout_id as string | null) ?? null,
    actSignedOn: (row.act_signed_on as string | null) ?? null,
    lines,
    version: Number(row.version),
  };
  if (full) {
    base.reason = row.reason as string;
    base.planTaskId = (row.plan_task_id as string | null) ?? null;
    base.decisionNote = row.decision_note as string;
  }
  // The delivery address goes to those who reach the case, and to the warehouse and the deliverer
  // only while they must still fulfil the request (a home delivery approved, not yet handed out).
  if (full || (row.delivery === 'home' && row.status === 'approved')) base.address = (row.address as string | null) ?? '';
  return base;
}

async function present(tx: Tx, rows: Row[]): Promise<AidRequestView[]> {
  const lines = await linesOf(
    tx,
    rows.map((r) => r.rid as string),
  );
  return rows.map((row) => toView(row, lines.get(row.rid as string) ?? []));
}

/** A request the actor reaches (in any of the three ways), or 404. */
async function findRequest(tx: Tx, actor: Actor, id: string): Promise<Row> {
  const row = (await tx.execute<Row>(sql`select * from (${SELECT(actor)} where r.id = ${id}) q where q.reach is not null`)).rows[0];
  if (!row) throw notFound();
  return row;
}

/** The case's composition on a date, for the norms: people, children, children under two. */
async function composition(tx: Tx, familyId: string, on: string) {
  const row = (
    await tx.execute<{ people: number; children: number; under_two: number }>(sql`select
      count(*) filter (where relation <> 'unborn_child')::int as people,
      count(*) filter (where relation = 'child')::int as children,
      count(*) filter (where relation = 'child' and birth_date > (${on}::date - interval '2 years'))::int as under_two
    from members where family_id = ${familyId}`)
  ).rows[0]!;
  return { people: Number(row.people), children: Number(row.children), childrenUnderTwo: Number(row.under_two) };
}

/** Whether each line goes above the programme's monthly norm, with what the family got that month. */
async function normFlags(
  tx: Tx,
  caseId: string,
  familyId: string,
  on: string,
  lines: { itemId: string; quantity: number }[],
  excludeRequest?: string,
) {
  const norms = await tx.execute<{ item_id: string; quantity: string; per: 'family' }>(sql`
    select n.item_id::text, n.quantity::text, n.per from aid_norms n join cases c on c.programme_id = n.programme_id where c.id = ${caseId}`);
  if (norms.rows.length === 0) return lines.map(() => false);
  const family = await composition(tx, familyId, on);
  const month = on.slice(0, 7);
  const got = await tx.execute<{ item_id: string; q: string }>(sql`
    select l.item_id::text, sum(coalesce(l.approved, l.requested))::text as q
    from aid_request_lines l join aid_requests r on r.id = l.request_id
    where r.case_id = ${caseId} and r.status in ('requested', 'approved', 'handed_out') and to_char(r.requested_on, 'YYYY-MM') = ${month}
      ${excludeRequest ? sql`and r.id <> ${excludeRequest}` : sql``}
    group by l.item_id`);
  const already = new Map(got.rows.map((r) => [r.item_id, Number(r.q)]));
  const byItem = new Map(norms.rows.map((n) => [n.item_id, { quantity: Number(n.quantity), per: n.per }]));
  const sofar = new Map<string, number>();
  return lines.map((line) => {
    const allowance = normAllowance(byItem.get(line.itemId), family);
    const before = (already.get(line.itemId) ?? 0) + (sofar.get(line.itemId) ?? 0);
    sofar.set(line.itemId, roundQuantity((sofar.get(line.itemId) ?? 0) + line.quantity));
    return aboveNorm(allowance, before, line.quantity);
  });
}

export function registerAidRequestRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/cases/:caseId/aid',
    tag: 'aid',
    summary: 'Aid requested for a case, newest first',
    access: { kind: 'permission', permission: 'cases.read', records: 'case_team' },
    params: CaseParams,
    response: z.object({ items: z.array(AidRequestView) }),
    handler: async ({ tx, actor, params }) => {
      await caseInScope(tx, actor, params.caseId);
      const rows = await tx.execute<Row>(sql`select * from (${SELECT(actor)} where r.case_id = ${params.caseId}) q where q.reach = 'case'
        order by q.requested_on desc, q.created_at desc`);
      return { items: await present(tx, rows.rows) };
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/cases/:caseId/aid',
    tag: 'aid',
    summary: 'Request aid for a case (items or works, why, for which plan task)',
    access: { kind: 'permission', permission: 'aid.request', records: 'case_team' },
    params: CaseParams,
    body: AidRequestInput,
    response: AidRequestView,
    status: 201,
    idempotent: true,
    handler: async ({ tx, actor, audit, params, body, req, deps }) => {
      const lang = req.lang;
      const { familyId } = await caseInScope(tx, actor, params.caseId);
      const kase = (
        await tx.execute<{ status: string; opened_on: string; branch_id: string }>(sql`
        select status, opened_on::text, branch_id::text from cases where id = ${params.caseId} for update`)
      ).rows[0]!;
      if (kase.status === 'closed') throw conflict('aid.errors.closed_case');
      if (body.requestedOn > today(deps.now())) throw field(lang, 'requestedOn', 'validation.date_in_future');
      if (body.requestedOn < kase.opened_on) throw field(lang, 'requestedOn', 'aid.errors.date_before_case');
      const items = await itemsById(
        tx,
        body.lines.map((l) => l.itemId),
        (i) => `lines.${i}.itemId`,
        lang,
      );
      body.lines.forEach((line, i) => {
        const item = items.get(line.itemId)!;
        if (item.retired) throw field(lang, `lines.${i}.itemId`, 'aid.errors.retired_item');
        checkQuantity(item, line.quantity, `lines.${i}.quantity`, lang);
      });
      if (body.planTaskId) {
        const task = await tx.execute(
          sql`select 1 from plan_tasks t join plans p on p.id = t.plan_id where t.id = ${body.planTaskId} and p.case_id = ${params.caseId}`,
        );
        if (task.rows.length === 0) throw field(lang, 'planTaskId', 'validation.invalid_option');
      }
      const flags = await normFlags(tx, params.caseId, familyId, body.requestedOn, body.lines);
      const id = crypto.randomUUID();
      await tx.execute(sql`insert into aid_requests (id, org_id, case_id, branch_id, delivery, reason, plan_task_id, requested_on, requested_by)
        values (${id}, ${actor.orgId}, ${params.caseId}, ${kase.branch_id}, ${body.delivery}, ${body.reason}, ${body.planTaskId ?? null}, ${body.requestedOn}, ${actor.userId})`);
      for (const [i, line] of body.lines.entries())
        await tx.execute(sql`insert into aid_request_lines (org_id, request_id, position, item_id, requested, above_norm)
          values (${actor.orgId}, ${id}, ${i}, ${line.itemId}, ${line.quantity}, ${flags[i]!})`);
      await appendEvent(tx, actor, params.caseId, 'aid_requested', { requestId: id, on: body.requestedOn, lines: body.lines.length });
      await writeAudit(tx, audit, { action: 'create', recordType: 'aid_request', recordId: id });
      return (await present(tx, [await findRequest(tx, actor, id)]))[0]!;
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/aid/requests',
    tag: 'aid',
    summary: 'Aid requests to decide, to hand out, to deliver, or all the caller reaches',
    access: { kind: 'signed_in', records: 'organization' },
    query: AidQueueQuery,
    response: z.object({ items: z.array(AidRequestView) }),
    handler: async ({ tx, actor, query }) => {
      const filter = {
        to_approve: sql`q.reach = 'case' and q.status = 'requested' and ${actor.permissions.has('aid.approve')}`,
        to_hand_out: sql`q.status = 'approved' and q.reach in ('case', 'warehouse') and ${actor.permissions.has('aid.warehouse') || actor.permissions.has('aid.approve')}`,
        my_deliveries: sql`q.status = 'approved' and q.deliverer_id = ${actor.userId}`,
        all: sql`true`,
      }[query.view];
      // Then by id: requests recorded together (one transaction, one created_at) keep one order, which the export repeats.
      const rows = await tx.execute<Row>(sql`select * from (${SELECT(actor)}) q where q.reach is not null and ${filter}
        ${query.status ? sql`and q.status = ${query.status}` : sql``} order by q.requested_on desc, q.created_at desc, q.rid limit 500`);
      return { items: await present(tx, rows.rows) };
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/aid/requests/:id',
    tag: 'aid',
    summary: 'One aid request, as much of it as the caller may see',
    access: { kind: 'signed_in', records: 'organization' },
    params: IdParams,
    response: AidRequestView,
    handler: async ({ tx, actor, params }) => (await present(tx, [await findRequest(tx, actor, params.id)]))[0]!,
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/aid/requests/:id/decision',
    tag: 'aid',
    summary: 'Approve (changing quantities if need be) or decline a request, with the reason the worker sees',
    access: { kind: 'permission', permission: 'aid.approve', records: 'case_team' },
    params: IdParams,
    body: AidDecisionInput,
    response: AidRequestView,
    handler: async ({ tx, actor, audit, params, body, req, deps }) => {
      const lang = req.lang;
      const row = await findRequest(tx, actor, params.id);
      if (row.reach !== 'case') throw notFound();
      if (row.status !== 'requested') throw conflict('aid.errors.not_pending');
      if (Number(row.version) !== body.version) throw conflict();
      if (body.decidedOn > today(deps.now())) throw field(lang, 'decidedOn', 'validation.date_in_future');
      if (body.decidedOn < String(row.requested_on).slice(0, 10)) throw field(lang, 'decidedOn', 'aid.errors.date_before_request');
      const lines = (await linesOf(tx, [params.id])).get(params.id) ?? [];
      if (body.decision === 'decline') {
        if (!body.note) throw field(lang, 'note', 'aid.errors.decline_reason');
      } else {
        const items = await itemsById(
          tx,
          lines.map((l) => l.itemId),
          () => 'quantities',
          lang,
        );
        const changed = new Map(body.quantities.map((q) => [q.lineId, q.quantity]));
        body.quantities.forEach((q, i) => {
          const line = lines.find((l) => l.id === q.lineId);
          if (!line) throw field(lang, `quantities.${i}.lineId`, 'validation.invalid_option');
          if (q.quantity > 0) checkQuantity(items.get(line.itemId)!, q.quantity, `quantities.${i}.quantity`, lang);
        });
        const approved = lines.map((l) => ({ itemId: l.itemId, quantity: changed.get(l.id) ?? l.requested }));
        if (approved.every((l) => l.quantity === 0)) throw field(lang, 'quantities', 'validation.too_small', { min: 1 });
        const flags = await normFlags(
          tx,
          row.case_id as string,
          row.family_id as string,
          String(row.requested_on).slice(0, 10),
          approved,
          params.id,
        );
        if (flags.some(Boolean) && !body.note) throw field(lang, 'note', 'aid.errors.norm_reason');
        // Who delivers sees the family's first name and address: active staff of the request's branch only.
        if (row.delivery === 'home' && body.delivererId)
          await assertWorksIn(tx, body.delivererId, row.branch_id as string, 'delivererId', lang);
        for (const [i, line] of lines.entries())
          await tx.execute(
            sql`update aid_request_lines set approved = ${approved[i]!.quantity}, above_norm = ${flags[i]!} where id = ${line.id}`,
          );
      }
      const status = body.decision === 'approve' ? 'approved' : 'declined';
      await tx.execute(sql`update aid_requests set status = ${status}, decided_by = ${actor.userId}, decided_on = ${body.decidedOn},
        decision_note = ${body.note}, deliverer_id = ${body.decision === 'approve' && row.delivery === 'home' ? (body.delivererId ?? null) : null},
        version = version + 1, updated_at = now() where id = ${params.id}`);
      await appendEvent(tx, actor, row.case_id as string, `aid_${status}`, { requestId: params.id, on: body.decidedOn });
      await writeAudit(tx, audit, { action: 'update', recordType: 'aid_request', recordId: params.id });
      return (await present(tx, [await findRequest(tx, actor, params.id)]))[0]!;
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/aid/requests/:id/cancel',
    tag: 'aid',
    summary: 'Withdraw a request not yet handed out',
    access: { kind: 'permission', permission: 'aid.request', records: 'case_team' },
    params: IdParams,
    body: z.strictObject({ version: z.number().int().positive() }),
    response: AidRequestView,
    handler: async ({ tx, actor, audit, params, body }) => {
      const row = await findRequest(tx, actor, params.id);
      if (row.reach !== 'case') throw notFound();
      if (row.status !== 'requested' && row.status !== 'approved') throw conflict('aid.errors.not_approved');
      if (Number(row.version) !== body.version) throw conflict();
      await tx.execute(
        sql`update aid_requests set status = 'cancelled', version = version + 1, updated_at = now() where id = ${params.id}`,
      );
      await appendEvent(tx, actor, row.case_id as string, 'aid_cancelled', { requestId: params.id });
      await writeAudit(tx, audit, { action: 'update', recordType: 'aid_request', recordId: params.id });
      return (await present(tx, [await findRequest(tx, actor, params.id)]))[0]!;
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/aid/requests/:id/handout',
    tag: 'aid',
    summary: 'Hand out, deliver, or record as done an approved request (goods leave the warehouse first-expiring-first-out)',
    access: { kind: 'signed_in', records: 'organization' },
    params: IdParams,
    body: HandoutInput,
    response: AidRequestView,
    handler: async ({ tx, actor, audit, params, body, req, deps }) => {
      const lang = req.lang;
      const row = await findRequest(tx, actor, params.id);
      // The warehouse staff of the branch hand out; those who decide may record works done.
      const may =
        (row.reach === 'warehouse' && actor.permissions.has('aid.warehouse')) ||
        (row.reach === 'case' && (actor.permissions.has('aid.approve') || actor.permissions.has('aid.warehouse')));
      if (!may) throw row.reach === 'deliverer' ? new AppError('forbidden') : notFound();
      if (row.status !== 'approved') throw conflict('aid.errors.not_approved');
      if (Number(row.version) !== body.version) throw conflict();
      if (body.handedOn > today(deps.now())) throw field(lang, 'handedOn', 'validation.date_in_future');
      const opened = (await tx.execute<{ on: string }>(sql`select opened_on::text as on from cases where id = ${row.case_id as string}`))
        .rows[0];
      if (opened && body.handedOn < opened.on) throw field(lang, 'handedOn', 'aid.errors.date_before_case');
      if (row.decided_on && body.handedOn < String(row.decided_on).slice(0, 10))
        throw field(lang, 'handedOn', 'aid.errors.date_before_request');
      const lines = ((await linesOf(tx, [params.id])).get(params.id) ?? []).filter((l) => (l.approved ?? 0) > 0);
      const items = await itemsById(
        tx,
        lines.map((l) => l.itemId),
        () => 'lines',
        lang,
      );
      const goods = lines.filter((l) => items.get(l.itemId)!.kind === 'goods');
      if (goods.length > 0) {
        if (!body.warehouseId) throw field(lang, 'warehouseId', 'validation.required');
        const warehouse = (
          await tx.execute<{ branch_id: string; active: boolean }>(sql`
          select branch_id::text, active from warehouses w where w.id = ${body.warehouseId} and ${warehouseScope(actor)}`)
        ).rows[0];
        if (!warehouse) throw field(lang, 'warehouseId', 'validation.invalid_option');
        if (warehouse.branch_id !== row.branch_id) throw field(lang, 'warehouseId', 'aid.errors.other_branch');
        if (!warehouse.active) throw field(lang, 'warehouseId', 'aid.errors.warehouse_inactive');
        await assertAfterStocktake(
          tx,
          body.warehouseId,
          goods.map((l) => l.itemId),
          body.handedOn,
          'handedOn',
          lang,
        );
      }
      // A lot is chosen for a line of goods of this request; any other line id is refused by its field.
      body.lots.forEach((l, i) => {
        if (!goods.some((line) => line.id === l.lineId)) throw field(lang, `lots.${i}.lineId`, 'validation.invalid_option');
      });
      const handoutId = crypto.randomUUID();
      await tx.execute(sql`insert into aid_handouts (id, org_id, request_id, case_id, warehouse_id, handed_on, deliverer_id, contractor, cost, recorded_by)
        values (${handoutId}, ${actor.orgId}, ${params.id}, ${row.case_id as string}, ${goods.length > 0 ? body.warehouseId! : null}, ${body.handedOn},
          ${(row.deliverer_id as string | null) ?? null}, ${body.contractor}, ${body.cost ?? null}, ${actor.userId})`);
      const chosen = new Map(body.lots.map((l) => [l.lineId, l.lot]));
      for (const line of goods) {
        const index = lines.indexOf(line);
        await takeStock(
          tx,
          actor,
          {
            warehouseId: body.warehouseId!,
            itemId: line.itemId,
            quantity: line.approved!,
            lot: chosen.get(line.id),
            kind: 'issue',
            occurredOn: body.handedOn,
            handoutId,
            field: `lines.${index}.quantity`,
          },
          lang,
        );
      }
      await tx.execute(
        sql`update aid_requests set status = 'handed_out', version = version + 1, updated_at = now() where id = ${params.id}`,
      );
      await appendEvent(tx, actor, row.case_id as string, 'aid_handed_out', { requestId: params.id, on: body.handedOn });
      await writeAudit(tx, audit, { action: 'update', recordType: 'aid_request', recordId: params.id });
      return (await present(tx, [await findRequest(tx, actor, params.id)]))[0]!;
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/aid/requests/:id/act-signed',
    tag: 'aid',
    summary: 'Mark the signed hand-over act as received',
    access: { kind: 'signed_in', records: 'organization' },
    params: IdParams,
    body: ActSignedInput,
    response: AidRequestView,
    handler: async ({ tx, actor, audit, params, body, req, deps }) => {
      const lang = req.lang;
      const row = await findRequest(tx, actor, params.id);
      if (row.reach === 'deliverer') throw new AppError('forbidden');
      if (row.status !== 'handed_out' || !row.handout_id) throw conflict('aid.errors.not_approved');
      if (Number(row.version) !== body.version) throw conflict();
      if (body.signedOn > today(deps.now())) throw field(lang, 'signedOn', 'validation.date_in_future');
      if (body.signedOn < String(row.handed_on)) throw field(lang, 'signedOn', 'aid.errors.date_before_request');
      await tx.execute(sql`update aid_handouts set act_signed_on = ${body.signedOn} where id = ${row.handout_id as string}`);
      await tx.execute(sql`update aid_requests set version = version + 1, updated_at = now() where id = ${params.id}`);
      await writeAudit(tx, audit, { action: 'update', recordType: 'aid_request', recordId: params.id });
      return (await present(tx, [await findRequest(tx, actor, params.id)]))[0]!;
    },
  });
}

export { findRequest, present };
