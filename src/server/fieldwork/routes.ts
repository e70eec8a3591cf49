// Field work (issue 19, points 2–5): a worker plans the visits of the coming days, a device takes an
// offline pack of exactly what those visits need, and sends back what was recorded without a
// connection, item by item, each once (idempotency key per item, kept with its first result).
// Every item is checked against today's reach and the case as it is now: a worker taken off a case,
// a closed case, a task already done or aid no longer to deliver come back refused with the reason,
// nothing written. Recorded visits are services of the services area (checkService/insertService).
// An admin locks a lost device: its sessions end and its next sync is refused, upon which it wipes.
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { IdParams } from '../../domain/access/contracts.js';
import {
  DeviceGrant,
  DeviceInput,
  DeviceList,
  DeviceQuery,
  FieldPlan,
  FieldSettings,
  FieldVisitInput,
  FieldVisitView,
  OfflinePack,
  SyncItem,
  SyncResult,
  type OfflineAidDelivery,
  type OfflineVisit,
  type RefusalReason,
} from '../../domain/fieldwork/contracts.js';
import { ageOn } from '../../domain/families/people.js';
import { translate, type Language } from '../../domain/i18n/index.js';
import { nextVisit } from '../../domain/services/rules.js';
import { ServiceInput } from '../../domain/services/contracts.js';
import { fieldErrors, uuid } from '../../domain/validation.js';
import { auditCodes, auditIds, writeAudit, type AuditContext } from '../audit/audit.js';
import { caseScope } from '../cases/scope.js';
import type { Tx } from '../db/engine.js';
import type { Actor } from '../http/context.js';
import { AppError, conflict, forbidden, invalidField, notFound } from '../http/errors.js';
import { defineRoute } from '../http/route.js';
import { checkService, insertService } from '../services/routes.js';

type Row = Record<string, unknown>;
const worker = { kind: 'permission', permission: 'cases.read', records: 'case_team' } as const;

const dayOf = (now: Date) => now.toISOString().slice(0, 10);
const iso = (value: unknown) => (value === null || value === undefined ? null : new Date(value as string).toISOString());
const badField = (lang: Language, path: string, code = 'validation.invalid_option') => invalidField(path, code, translate(lang, code));

/** The caller's own device, usable: a locked one is refused so that the device wipes itself. */
async function ownDevice(tx: Tx, actor: Actor, deviceId: string, lang: Language, path = 'deviceId'): Promise<void> {
  const rows = await tx.execute<{ locked_at: string | null }>(
    sql`select locked_at from offline_devices where id = ${deviceId} and user_id = ${actor.userId}`,
  );
  const device = rows.rows[0];
  if (!device) throw badField(lang, path);
  if (device.locked_at) throw forbidden('fieldwork.errors.device_locked');
}

async function visitViews(tx: Tx, actor: Actor, where: ReturnType<typeof sql>): Promise<FieldVisitView[]> {
  const rows = await tx.execute<Row>(sql`select v.id::text, v.case_id::text, f.name as family_name, v.planned_on::text, v.kind,
      v.aid_request_id::text, v.status
    from field_visits v join cases c on c.id = v.case_id join families f on f.id = c.family_id
    where v.user_id = ${actor.userId} and ${caseScope(actor)} and ${where} order by v.planned_on, f.name`);
  return rows.rows.map((r) => ({
    id: r.id as string,
    caseId: r.case_id as string,
    familyName: r.family_name as string,
    plannedOn: r.planned_on as string,
    kind: r.kind as FieldVisitView['kind'],
    aidRequestId: (r.aid_request_id as string | null) ?? null,
    status: r.status as FieldVisitView['status'],
  }));
}

/** The pack's content for the caller's planned visits (see OfflinePack for what is, and is not, in it). */
async function buildPack(tx: Tx, actor: Actor, lang: Language, today: string): Promise<OfflinePack['visits']> {
  const visits = await tx.execute<Row>(sql`select v.id::text, v.case_id::text, c.family_id::text, v.planned_on::text, v.kind
    from field_visits v join cases c on c.id = v.case_id
    where v.user_id = ${actor.userId} and v.status = 'planned' and c.status <> 'closed' and ${caseScope(actor)}
      and v.planned_on between (${today}::date - 7) and (${today}::date + 14)
    order by v.planned_on limit 60`);
  const result: OfflinePack['visits'] = [];
  for (const v of visits.rows) {
    const caseId = v.case_id as string;
    const members = await tx.execute<Row>(sql`select id::text, first_name, relation, birth_date::text, approximate_age, phone,
        coalesce(nullif(actual_address, ''), registered_address) as address
      from members where family_id = ${v.family_id as string} and relation <> 'unborn_child' order by position`);
    const tasks = await tx.execute<Row>(sql`select t.id::text, t.title, t.due_on::text from plan_tasks t join plans p on p.id = t.plan_id
      where p.case_id = ${caseId} and t.status in ('planned', 'in_progress') order by t.due_on limit 30`);
    // The last home visit's note — never a psychologist's (their notes stay with psychologists and the lead).
    const last = await tx.execute<Row>(sql`select s.date::text as on, s.note from services s join service_types t on t.id = s.type_id
      where s.case_id = ${caseId} and not s.withdrawn and s.format = 'home_visit' and t.category <> 'psychological'
      order by s.date desc, s.created_at desc limit 1`);
    const aid = await tx.execute<Row>(sql`select r.id::text as request_id, r.status, i.name->>${lang} as name, i.unit,
        coalesce(l.approved, l.requested)::float8 as quantity
      from aid_requests r join aid_request_lines l on l.request_id = r.id join aid_items i on i.id = l.item_id
      where r.case_id = ${caseId} and r.delivery = 'home' and r.status in ('approved', 'handed_out')
        and not exists (select 1 from aid_deliveries d where d.request_id = r.id)
        and coalesce(l.approved, l.requested) > 0
      order by r.requested_on, l.position`);
    const requests = new Map<string, OfflinePack['visits'][number]['aid'][number]>();
    for (const a of aid.rows) {
      const entry = requests.get(a.request_id as string) ?? { requestId: a.request_id as string, status: a.status as string, items: [] };
      entry.items.push({ name: (a.name as string | null) ?? '', quantity: Number(a.quantity), unit: a.unit as string });
      requests.set(a.request_id as string, entry);
    }
    const withAddress = members.rows.find((m) => m.address);
    const withPhone = members.rows.find((m) => m.phone);
    result.push({
      visitId: v.id as string,
      plannedOn: v.planned_on as string,
      kind: v.kind as OfflinePack['visits'][number]['kind'],
      caseId,
      family: {
        members: members.rows.map((m) => ({
          id: m.id as string,
          firstName: m.first_name as string,
          relation: m.relation as string,
          // Children's ages, not birth dates (nor adults' ages): what the visit needs.
          age:
            m.relation !== 'child'
              ? null
              : m.birth_date
                ? ageOn(m.birth_date as string, today)
                : ((m.approximate_age as number | null) ?? null),
        })),
        address: (withAddress?.address as string | undefined) ?? '',
        phone: (withPhone?.phone as string | undefined) ?? '',
      },
      openTasks: tasks.rows.map((t) => ({ id: t.id as string, title: t.title as string, dueOn: t.due_on as string })),
      lastVisit: last.rows[0] ? { on: last.rows[0].on as string, note: last.rows[0].note as string } : null,
      aid: [...requests.values()],
    });
  }
  return result;
}

type Outcome = { outcome: 'accepted'; recordId: string } | { outcome: 'refused'; reason: RefusalReason };

/** Whether a case id names a case of the organisation at all (another organisation's is invisible here). */
async function caseExists(tx: Tx, caseId: string): Promise<boolean> {
  return (await tx.execute(sql`select 1 from cases where id = ${caseId}`)).rows.length > 0;
}

async function caseNow(tx: Tx, actor: Actor, caseId: string): Promise<{ status: string } | null> {
  const rows = await tx.execute<{ status: string }>(sql`select c.status from cases c where c.id = ${caseId} and ${caseScope(actor)}`);
  return rows.rows[0] ?? null;
}

async function markVisitDone(tx: Tx, actor: Actor, visitId: string | null, caseId: string): Promise<void> {
  if (!visitId) return;
  await tx.execute(sql`update field_visits set status = 'done' where id = ${visitId} and user_id = ${actor.userId} and case_id = ${caseId}
    and status = 'planned'`);
}

async function syncVisit(
  tx: Tx,
  actor: Actor,
  audit: AuditContext,
  payload: OfflineVisit,
  lang: Language,
  today: string,
): Promise<Outcome> {
  if (!(await caseExists(tx, payload.caseId))) throw badField(lang, 'payload.caseId');
  const kase = await caseNow(tx, actor, payload.caseId);
  if (!kase) return { outcome: 'refused', reason: 'not_in_case' };
  if (kase.status === 'closed') return { outcome: 'refused', reason: 'case_closed' };
  // The services' own contract and checks: a visit is a home-visit service by the worker.
  const parsed = ServiceInput.safeParse({
    caseId: payload.caseId,
    typeId: payload.typeId,
    date: payload.date,
    durationMinutes: payload.durationMinutes,
    specialistIds: [actor.userId],
    memberIds: payload.memberIds,
    format: 'home_visit',
    initiatedBy: 'team',
    taskIds: payload.taskIds,
    completeTasks: payload.taskIds.length > 0,
    note: payload.note,
    shiftId: null,
  });
  if (!parsed.success) throw new AppError('validation', 'errors.validation', {}, fieldErrors(parsed.error.issues, lang, 'payload'));
  const fields = await checkService(tx, actor, parsed.data, 'payload.', lang);
  if (fields.length > 0) throw new AppError('validation', 'errors.validation', {}, fields);
  if (payload.followUpOn !== null && payload.followUpOn < today) throw badField(lang, 'payload.followUpOn', 'validation.invalid');
  if (payload.taskIds.length > 0) {
    const done = await tx.execute(sql`select 1 from plan_tasks where id in ${payload.taskIds} and status = 'done'`);
    if (done.rows.length > 0) return { outcome: 'refused', reason: 'task_done' };
  }
  const serviceId = await insertService(tx, actor, parsed.data);
  await writeAudit(tx, audit, {
    action: 'create',
    recordType: 'service',
    recordId: serviceId,
    details: auditIds({ caseId: payload.caseId, typeId: payload.typeId, via: 'offline_sync' }),
  });
  await markVisitDone(tx, actor, payload.visitId, payload.caseId);
  if (payload.followUpOn)
    await tx.execute(sql`insert into field_visits (org_id, case_id, user_id, planned_on, kind)
      values (${actor.orgId}, ${payload.caseId}, ${actor.userId}, ${payload.followUpOn}, 'home_visit')`);
  return { outcome: 'accepted', recordId: serviceId };
}

async function syncAidDelivery(
  tx: Tx,
  actor: Actor,
  audit: AuditContext,
  payload: OfflineAidDelivery,
  lang: Language,
  today: string,
): Promise<Outcome> {
  const rows = await tx.execute<Row>(sql`select r.case_id::text, r.status, r.delivery, r.deliverer_id::text, r.requested_on::text
    from aid_requests r where r.id = ${payload.requestId}`);
  const request = rows.rows[0];
  if (!request) throw badField(lang, 'payload.requestId');
  if (request.case_id !== payload.caseId) throw badField(lang, 'payload.caseId');
  const kase = await caseNow(tx, actor, payload.caseId);
  const deliverer = request.deliverer_id === actor.userId && actor.permissions.has('aid.deliver');
  if (!kase && !deliverer) return { outcome: 'refused', reason: 'not_in_case' };
  if (kase?.status === 'closed') return { outcome: 'refused', reason: 'case_closed' };
  if (payload.deliveredOn > today) throw badField(lang, 'payload.deliveredOn', 'validation.date_in_future');
  if (payload.deliveredOn < (request.requested_on as string)) throw badField(lang, 'payload.deliveredOn', 'aid.errors.date_before_request');
  if (request.delivery !== 'home' || !['approved', 'handed_out'].includes(request.status as string))
    return { outcome: 'refused', reason: 'aid_not_open' };
  if ((await tx.execute(sql`select 1 from aid_deliveries where request_id = ${payload.requestId}`)).rows.length > 0)
    return { outcome: 'refused', reason: 'aid_delivered' };
  const id = crypto.randomUUID();
  await tx.execute(sql`insert into aid_deliveries (id, org_id, request_id, case_id, delivered_on, delivered_by)
    values (${id}, ${actor.orgId}, ${payload.requestId}, ${payload.caseId}, ${payload.deliveredOn}, ${actor.userId})`);
  await writeAudit(tx, audit, {
    action: 'create',
    recordType: 'aid_delivery',
    recordId: id,
    details: auditIds({ caseId: payload.caseId, requestId: payload.requestId, via: 'offline_sync' }),
  });
  await markVisitDone(tx, actor, payload.visitId, payload.caseId);
  return { outcome: 'accepted', recordId: id };
}

const hashOf = (item: SyncItem) =>
  crypto
    .createHash('sha256')
    .update(JSON.stringify([item.kind, item.payload]))
    .digest('hex');

export function registerFieldworkRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/fieldwork/plan',
    tag: 'fieldwork',
    summary: "The caller's planned visits, and what they may plan: post-support visits due, home deliveries, their cases",
    access: worker,
    response: FieldPlan,
    handler: async ({ tx, actor, deps }) => {
      const today = dayOf(deps.now());
      const planned = await visitViews(tx, actor, sql`v.status = 'planned' and v.planned_on >= (${today}::date - 7)`);
      // The caller's own cases (lead or team), not every case a coordinator oversees.
      const own = sql`(c.lead_id = ${actor.userId} or exists (select 1 from case_team t where t.case_id = c.id and t.user_id = ${actor.userId}))`;
      const cases = await tx.execute<Row>(sql`select c.id::text, f.name, c.status from cases c join families f on f.id = c.family_id
        where c.status in ('active', 'post_support') and ${own} and ${caseScope(actor)} order by f.name limit 200`);
      const post = await tx.execute<Row>(sql`select c.id::text, f.name, coalesce(c.post_support_since, c.updated_at::date)::text as since,
          p.post_support_visit_months as months,
          (select max(s.date)::text from services s join service_types t on t.id = s.type_id
             where s.case_id = c.id and t.code = 'supervisor_visit' and not s.withdrawn) as last_visit
        from cases c join families f on f.id = c.family_id join programmes p on p.id = c.programme_id
        where c.status = 'post_support' and ${own} and ${caseScope(actor)}`);
      const deliveries = await tx.execute<Row>(sql`select r.id::text, r.case_id::text, f.name, r.status
        from aid_requests r join cases c on c.id = r.case_id join families f on f.id = c.family_id
        where r.delivery = 'home' and r.status in ('approved', 'handed_out') and c.status <> 'closed'
          and not exists (select 1 from aid_deliveries d where d.request_id = r.id)
          and (r.deliverer_id = ${actor.userId} or (${own} and ${caseScope(actor)}))
        order by r.requested_on limit 200`);
      return {
        planned,
        postSupportDue: post.rows
          .map((r) => ({
            caseId: r.id as string,
            familyName: r.name as string,
            ...nextVisit(r.since as string, (r.last_visit as string | null) ?? null, Number(r.months), today),
          }))
          .sort((a, b) => a.dueOn.localeCompare(b.dueOn)),
        deliveries: deliveries.rows.map((r) => ({
          requestId: r.id as string,
          caseId: r.case_id as string,
          familyName: r.name as string,
          status: r.status as string,
        })),
        cases: cases.rows.map((r) => ({ caseId: r.id as string, familyName: r.name as string, status: r.status as string })),
      };
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/fieldwork/visits',
    tag: 'fieldwork',
    summary: 'Plan a visit (post-support, home visit, aid delivery) to a case the caller reaches',
    access: worker,
    body: FieldVisitInput,
    response: FieldVisitView,
    status: 201,
    handler: async ({ tx, actor, audit, body, req, deps }) => {
      if (!(await caseExists(tx, body.caseId))) throw badField(req.lang, 'caseId');
      const kase = await caseNow(tx, actor, body.caseId);
      if (!kase) throw notFound();
      if (kase.status === 'closed') throw conflict('fieldwork.errors.case_closed');
      if (body.plannedOn < dayOf(deps.now())) throw badField(req.lang, 'plannedOn', 'validation.invalid');
      if (body.aidRequestId) {
        const request = await tx.execute(sql`select 1 from aid_requests where id = ${body.aidRequestId} and case_id = ${body.caseId}`);
        if (request.rows.length === 0) throw badField(req.lang, 'aidRequestId');
      }
      const id = crypto.randomUUID();
      await tx.execute(sql`insert into field_visits (id, org_id, case_id, user_id, planned_on, kind, aid_request_id)
        values (${id}, ${actor.orgId}, ${body.caseId}, ${actor.userId}, ${body.plannedOn}, ${body.kind}, ${body.aidRequestId})`);
      await writeAudit(tx, audit, {
        action: 'create',
        recordType: 'field_visit',
        recordId: id,
        details: auditIds({ caseId: body.caseId }),
      });
      return (await visitViews(tx, actor, sql`v.id = ${id}`))[0]!;
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/fieldwork/visits/:id/cancel',
    tag: 'fieldwork',
    summary: "Cancel one of the caller's planned visits",
    access: worker,
    params: IdParams,
    response: FieldVisitView,
    handler: async ({ tx, actor, audit, params }) => {
      const found = await visitViews(tx, actor, sql`v.id = ${params.id}`);
      if (!found[0]) throw notFound();
      await tx.execute(sql`update field_visits set status = 'cancelled' where id = ${params.id} and status = 'planned'`);
      await writeAudit(tx, audit, { action: 'update', recordType: 'field_visit', recordId: params.id });
      return (await visitViews(tx, actor, sql`v.id = ${params.id}`))[0]!;
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/fieldwork/devices',
    tag: 'fieldwork',
    summary: 'Register this device for offline work (an offline grant of the caller)',
    access: worker,
    body: DeviceInput,
    response: DeviceGrant,
    status: 201,
    handler: async ({ tx, actor, audit, body }) => {
      const id = crypto.randomUUID();
      await tx.execute(sql`insert into offline_devices (id, org_id, user_id, label, session_ids)
        values (${id}, ${actor.orgId}, ${actor.userId}, ${body.label}, ${`{${actor.sessionId}}`}::text[])`);
      await writeAudit(tx, audit, { action: 'create', recordType: 'offline_device', recordId: id });
      const org = await tx.execute<{ days: number }>(sql`select offline_wipe_days as days from organizations where id = ${actor.orgId}`);
      return { deviceId: id, wipeAfterDays: Number(org.rows[0]!.days) };
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/fieldwork/pack',
    tag: 'fieldwork',
    summary: "The offline pack of the caller's planned visits: only what they need, for this device",
    access: worker,
    query: DeviceQuery,
    response: OfflinePack,
    handler: async ({ tx, actor, audit, query, req, deps }) => {
      await ownDevice(tx, actor, query.deviceId, req.lang);
      const now = deps.now();
      await tx.execute(sql`update offline_devices set last_pack_at = ${now.toISOString()},
        session_ids = case when ${actor.sessionId} = any(session_ids) then session_ids else array_append(session_ids, ${actor.sessionId}::text) end
        where id = ${query.deviceId}`);
      const visits = await buildPack(tx, actor, req.lang, dayOf(now));
      const types = await tx.execute<Row>(sql`select id::text, name->>${req.lang} as name, category from service_types
        where not retired and category <> 'psychological' order by name->>${req.lang}`);
      const org = await tx.execute<{ days: number }>(sql`select offline_wipe_days as days from organizations where id = ${actor.orgId}`);
      await writeAudit(tx, audit, {
        action: 'read',
        recordType: 'offline_pack',
        recordId: query.deviceId,
        details: { cases: visits.length },
      });
      return {
        deviceId: query.deviceId,
        userId: actor.userId,
        generatedAt: now.toISOString(),
        wipeAfterDays: Number(org.rows[0]!.days),
        serviceTypes: types.rows.map((t) => ({
          id: t.id as string,
          name: (t.name as string | null) ?? '',
          category: t.category as string,
        })),
        visits,
      };
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/fieldwork/sync',
    tag: 'fieldwork',
    summary: 'Send one item recorded offline, once: a replay returns the first result; refused items say why',
    access: worker,
    body: SyncItem,
    response: SyncResult,
    handler: async ({ tx, actor, audit, body, req, reply, deps }) => {
      await ownDevice(tx, actor, body.deviceId, req.lang);
      const hash = hashOf(body);
      // Two sends of one item wait for each other here, so the first one's result is the only one.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`fieldwork:${actor.orgId}:${actor.userId}:${body.key}`}))`);
      const stored = await tx.execute<{ request_hash: string; result: z.infer<typeof SyncResult> }>(
        sql`select request_hash, result from offline_sync_items where user_id = ${actor.userId} and key = ${body.key}`,
      );
      if (stored.rows[0]) {
        if (stored.rows[0].request_hash !== hash) throw conflict('fieldwork.errors.key_reused');
        void reply.header('idempotent-replay', 'true');
        return stored.rows[0].result;
      }
      const now = deps.now();
      const today = dayOf(now);
      const outcome =
        body.kind === 'visit'
          ? await syncVisit(tx, actor, audit, body.payload, req.lang, today)
          : await syncAidDelivery(tx, actor, audit, body.payload, req.lang, today);
      const result = {
        key: body.key,
        outcome: outcome.outcome,
        reason: outcome.outcome === 'refused' ? outcome.reason : null,
        recordId: outcome.outcome === 'accepted' ? outcome.recordId : null,
        syncedAt: now.toISOString(),
      };
      await tx.execute(sql`insert into offline_sync_items (org_id, user_id, key, device_id, kind, request_hash, outcome, result)
        values (${actor.orgId}, ${actor.userId}, ${body.key}, ${body.deviceId}, ${body.kind}, ${hash}, ${result.outcome}, ${JSON.stringify(result)}::jsonb)`);
      await tx.execute(sql`update offline_devices set last_sync_at = ${now.toISOString()} where id = ${body.deviceId}`);
      return result;
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/fieldwork/devices',
    tag: 'fieldwork',
    summary: "The organisation's devices with an offline grant (to lock a lost one)",
    access: { kind: 'permission', permission: 'users.manage', records: 'organization' },
    response: DeviceList,
    handler: async ({ tx }) => {
      const rows = await tx.execute<Row>(sql`select d.id::text, d.user_id::text, concat_ws(' ', u.last_name, u.first_name) as user_name,
          d.label, d.created_at, d.last_pack_at, d.last_sync_at, d.locked_at
        from offline_devices d join users u on u.id = d.user_id order by d.locked_at nulls first, d.last_sync_at desc nulls last`);
      return {
        items: rows.rows.map((r) => ({
          id: r.id as string,
          userId: r.user_id as string,
          userName: r.user_name as string,
          label: r.label as string,
          createdAt: iso(r.created_at)!,
          lastPackAt: iso(r.last_pack_at),
          lastSyncAt: iso(r.last_sync_at),
          lockedAt: iso(r.locked_at),
        })),
      };
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/fieldwork/devices/:id/lock',
    tag: 'fieldwork',
    summary: 'Lock a lost device: its sessions end, its offline grant is revoked, its next sync is refused (and it wipes)',
    access: { kind: 'permission', permission: 'users.manage', records: 'organization' },
    params: IdParams,
    response: z.object({ id: uuid, lockedAt: z.string() }),
    handler: async ({ tx, actor, audit, params, deps }) => {
      const rows = await tx.execute<{ session_ids: string[]; locked_at: string | null }>(
        sql`select session_ids, locked_at from offline_devices where id = ${params.id}`,
      );
      const device = rows.rows[0];
      if (!device) throw notFound();
      const lockedAt = device.locked_at ? new Date(device.locked_at) : deps.now();
      if (!device.locked_at) {
        await tx.execute(
          sql`update offline_devices set locked_at = ${lockedAt.toISOString()}, locked_by = ${actor.userId} where id = ${params.id}`,
        );
        if (device.session_ids.length > 0) await tx.execute(sql`delete from sessions where id in ${device.session_ids}`);
        await writeAudit(tx, audit, { action: 'update', recordType: 'offline_device', recordId: params.id, details: { locked: true } });
      }
      return { id: params.id, lockedAt: lockedAt.toISOString() };
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/fieldwork/settings',
    tag: 'fieldwork',
    summary: 'After how many days without a sync devices wipe their offline data',
    access: { kind: 'signed_in', records: 'organization' },
    response: FieldSettings,
    handler: async ({ tx, actor }) => {
      const org = await tx.execute<{ days: number }>(sql`select offline_wipe_days as days from organizations where id = ${actor.orgId}`);
      return { offlineWipeDays: Number(org.rows[0]!.days) };
    },
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/fieldwork/settings',
    tag: 'fieldwork',
    summary: 'Set after how many days without a sync devices wipe their offline data',
    access: { kind: 'permission', permission: 'organization.manage', records: 'organization' },
    body: FieldSettings,
    response: FieldSettings,
    handler: async ({ tx, actor, audit, body }) => {
      await tx.execute(sql`update organizations set offline_wipe_days = ${body.offlineWipeDays} where id = ${actor.orgId}`);
      await writeAudit(tx, audit, {
        action: 'update',
        recordType: 'organization',
        recordId: actor.orgId,
        details: { fields: auditCodes(['offlineWipeDays']) },
      });
      return body;
    },
  });
}
