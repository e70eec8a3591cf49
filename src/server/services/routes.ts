// Recording help as it is given: one service from the case page, a day's consultations at once,
// withdrawal with a reason (nothing is deleted), the family's service history and the workload of
// specialists by month. Notes are confidential to the case team; a psychologist's notes only to
// psychologists and the lead (configurable as organizations.sensitive_access.psychological_notes).
import { sql, type SQL } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { IdParams } from '../../domain/access/contracts.js';
import {
  ServiceBatchInput,
  ServiceHistory,
  ServiceHistoryQuery,
  ServiceInput,
  ServiceView,
  ServiceWithdrawInput,
  Workload,
  WorkloadQuery,
} from '../../domain/services/contracts.js';
import type { CaseRelation } from '../../domain/cases/sensitive.js';
import { translate, type Language } from '../../domain/i18n/index.js';
import type { FieldError } from '../../domain/errors.js';
import { auditCodes, auditIds, writeAudit, type AuditContext } from '../audit/audit.js';
import type { Tx } from '../db/engine.js';
import type { Actor } from '../http/context.js';
import { AppError, businessRule, forbidden, notFound } from '../http/errors.js';
import { defineRoute } from '../http/route.js';
import { caseInScope, caseScope, familyRelations } from '../cases/scope.js';
import { appendEvent } from '../cases/routes.js';
import { shiftScope } from '../shifts/shifts.js';

type Row = Record<string, unknown>;
const read = { kind: 'permission', permission: 'cases.read', records: 'case_team' } as const;
const PSY_NOTES_DEFAULT: CaseRelation[] = ['lead', 'psychologist', 'supervisor'];

async function psyNotesAccess(tx: Tx): Promise<CaseRelation[]> {
  const rows = await tx.execute<{ access: Record<string, string[]> | null }>(sql`select sensitive_access as access from organizations`);
  const configured = rows.rows[0]?.access?.psychological_notes;
  return Array.isArray(configured) ? (configured as CaseRelation[]) : PSY_NOTES_DEFAULT;
}

const SELECT = sql`select s.*, f.name as family_name, c.family_id::text as case_family_id, t.name as type_name, t.category,
  (select json_agg(json_build_object('id', u.id, 'name', trim(u.last_name || ' ' || u.first_name))) from users u where u.id = any(s.specialist_ids)) as specialists
  from services s join cases c on c.id = s.case_id join families f on f.id = c.family_id join service_types t on t.id = s.type_id`;

/** Maps rows to views, hiding psychologists' notes from those who may not read them. */
async function toViews(tx: Tx, actor: Actor, rows: Row[], lang: Language): Promise<ServiceView[]> {
  // The organisation's setting is read only when a psychologist's note is to be shown.
  let access: CaseRelation[] | undefined;
  const relationsByFamily = new Map<string, CaseRelation[]>();
  const views: ServiceView[] = [];
  for (const row of rows) {
    let note: string | null = row.note as string;
    if (row.category === 'psychological' && note) {
      // The family comes with the row (SELECT joins the case): no lookup per psychological service.
      const familyId = row.case_family_id as string;
      if (!relationsByFamily.has(familyId)) relationsByFamily.set(familyId, await familyRelations(tx, actor, familyId));
      access ??= await psyNotesAccess(tx);
      if (!relationsByFamily.get(familyId)!.some((r) => access!.includes(r))) note = null;
    }
    const name = (typeof row.type_name === 'string' ? JSON.parse(row.type_name) : row.type_name) as { ru: string; en: string };
    const specialists = (typeof row.specialists === 'string' ? JSON.parse(row.specialists) : row.specialists) as
      { id: string; name: string }[] | null;
    views.push({
      id: row.id as string,
      caseId: row.case_id as string,
      familyName: row.family_name as string,
      typeId: row.type_id as string,
      typeName: name[lang],
      category: row.category as ServiceView['category'],
      date: String(row.date).slice(0, 10),
      durationMinutes: Number(row.duration_minutes),
      specialists: specialists ?? [],
      memberIds: (row.member_ids as string[]) ?? [],
      format: row.format as ServiceView['format'],
      initiatedBy: row.initiated_by as ServiceView['initiatedBy'],
      taskIds: (row.task_ids as string[]) ?? [],
      note,
      withdrawn: row.withdrawn as boolean,
      withdrawnReason: row.withdrawn_reason as string,
      shiftId: (row.shift_id as string | null) ?? null,
      createdAt: new Date(row.created_at as string).toISOString(),
    });
  }
  return views;
}

/** Checks one service against the database (case in scope, type, staff, members, tasks); field paths get `prefix`. */
export async function checkService(tx: Tx, actor: Actor, input: ServiceInput, prefix: string, lang: Language): Promise<FieldError[]> {
  const field = (path: string, code: string): FieldError => ({ path: `${prefix}${path}`, code, message: translate(lang, code) });
  const { familyId } = await caseInScope(tx, actor, input.caseId);
  const fields: FieldError[] = [];
  // Type, staff and members are checked in one statement (a service is recorded many times a day).
  const specialistIds = [...new Set(input.specialistIds)];
  const memberIds = [...new Set(input.memberIds)];
  const found = await tx.execute<{ retired: boolean | null; staff: number; members: number }>(sql`select
    (select retired from service_types where id = ${input.typeId}) as retired,
    (select count(*)::int from users where active and id in ${specialistIds}) as staff,
    ${memberIds.length > 0 ? sql`(select count(*)::int from members where family_id = ${familyId} and id in ${memberIds})` : sql`0`} as members`);
  const checked = found.rows[0]!;
  if (checked.retired === null || checked.retired === undefined || checked.retired)
    fields.push(field('typeId', 'validation.invalid_option'));
  if (Number(checked.staff) !== specialistIds.length) fields.push(field('specialistIds', 'errors.not_staff'));
  if (memberIds.length > 0 && Number(checked.members) !== memberIds.length) fields.push(field('memberIds', 'validation.invalid_option'));
  if (input.taskIds.length > 0) {
    const found = await tx.execute(
      sql`select 1 from plan_tasks t join plans p on p.id = t.plan_id where p.case_id = ${input.caseId} and t.id in ${[...new Set(input.taskIds)]}`,
    );
    if (found.rows.length !== new Set(input.taskIds).size) fields.push(field('taskIds', 'validation.invalid_option'));
  }
  if (input.shiftId) {
    // A shift the caller reaches, on one of its days, that the family took part in.
    const shift = await tx.execute<{ fits: boolean }>(sql`select (s.starts_on <= ${input.date} and s.ends_on >= ${input.date}
        and exists (select 1 from shift_participants p where p.shift_id = s.id and p.case_id = ${input.caseId} and p.kind = 'member')) as fits
      from shifts s where s.id = ${input.shiftId} and ${shiftScope(actor)}`);
    if (!shift.rows[0]) fields.push(field('shiftId', 'validation.invalid_option'));
    else if (!shift.rows[0].fits) fields.push(field('shiftId', 'shifts.errors.outside_shift'));
  }
  return fields;
}

export async function insertService(tx: Tx, actor: Actor, input: ServiceInput): Promise<string> {
  const rows = await tx.execute<{ id: string; type_code: string | null }>(sql`insert into services
    (org_id, case_id, type_id, date, duration_minutes, format, initiated_by, specialist_ids, member_ids, task_ids, note, created_by, shift_id)
    values (${actor.orgId}, ${input.caseId}, ${input.typeId}, ${input.date}, ${input.durationMinutes}, ${input.format}, ${input.initiatedBy},
      ${`{${input.specialistIds.join(',')}}`}::uuid[], ${`{${input.memberIds.join(',')}}`}::uuid[], ${`{${input.taskIds.join(',')}}`}::uuid[], ${input.note}, ${actor.userId},
      ${input.shiftId ?? null})
    returning id::text, (select st.code from service_types st where st.id = services.type_id) as type_code`);
  const id = rows.rows[0]!.id;
  const typeCode = rows.rows[0]!.type_code ?? undefined;
  if (input.completeTasks && input.taskIds.length > 0) {
    await tx.execute(sql`update plan_tasks set status = 'done', completed_on = ${input.date}, version = version + 1
      where id in ${input.taskIds} and status <> 'done'`);
    for (const taskId of input.taskIds) await appendEvent(tx, actor, input.caseId, 'task_completed', { taskId, serviceId: id });
  }
  await appendEvent(tx, actor, input.caseId, 'service_recorded', {
    serviceId: id,
    typeCode,
    date: input.date,
    durationMinutes: input.durationMinutes,
    initiatedBy: input.initiatedBy,
  });
  return id;
}

async function viewsByIds(tx: Tx, actor: Actor, ids: string[], lang: Language): Promise<ServiceView[]> {
  const rows = await tx.execute<Row>(sql`${SELECT} where s.id in ${ids} order by s.date desc, s.created_at desc`);
  return toViews(tx, actor, rows.rows, lang);
}

async function recordAll(
  tx: Tx,
  actor: Actor,
  audit: AuditContext,
  inputs: ServiceInput[],
  batch: boolean,
  lang: Language,
): Promise<ServiceView[]> {
  const fields: FieldError[] = [];
  for (const [i, input] of inputs.entries()) fields.push(...(await checkService(tx, actor, input, batch ? `services.${i}.` : '', lang)));
  if (fields.length > 0) throw new AppError('validation', 'errors.validation', {}, fields);
  const ids: string[] = [];
  for (const input of inputs) {
    const id = await insertService(tx, actor, input);
    ids.push(id);
    await writeAudit(tx, audit, {
      action: 'create',
      recordType: 'service',
      recordId: id,
      details: auditIds({ caseId: input.caseId, typeId: input.typeId }),
    });
  }
  return viewsByIds(tx, actor, ids, lang);
}

function monthRange(month: string): [string, string] {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  return [`${month}-01`, next];
}

/**
 * A family's service history with its filters, a page of it (or, for an export, up to `limit` rows
 * from the first): the list and its exports read the same rows with the same scope and stripping.
 */
export async function serviceHistory(
  tx: Tx,
  actor: Actor,
  caseId: string,
  query: z.infer<typeof ServiceHistoryQuery>,
  lang: Language,
): Promise<z.infer<typeof ServiceHistory>> {
  await caseInScope(tx, actor, caseId);
  const where: SQL[] = [sql`s.case_id = ${caseId}`];
  if (query.typeId) where.push(sql`s.type_id = ${query.typeId}`);
  if (query.category) where.push(sql`t.category = ${query.category}`);
  if (query.specialistId) where.push(sql`${query.specialistId}::uuid = any(s.specialist_ids)`);
  if (query.from) where.push(sql`s.date >= ${query.from}`);
  if (query.to) where.push(sql`s.date <= ${query.to}`);
  const condition = sql.join(where, sql` and `);
  const offset = (query.page - 1) * query.pageSize;
  const rows = await tx.execute<Row>(
    sql`${SELECT} where ${condition} order by s.date desc, s.created_at desc limit ${query.pageSize} offset ${offset}`,
  );
  const totals = await tx.execute<{
    n: number;
    minutes: number;
  }>(sql`select count(*)::int as n, coalesce(sum(s.duration_minutes) filter (where not s.withdrawn), 0)::int as minutes
    from services s join service_types t on t.id = s.type_id where ${condition}`);
  return {
    items: await toViews(tx, actor, rows.rows, lang),
    total: Number(totals.rows[0]?.n ?? 0),
    totalMinutes: Number(totals.rows[0]?.minutes ?? 0),
  };
}

export function registerServiceRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'POST',
    url: '/api/services',
    tag: 'services',
    summary: 'Record a service given to a family (safe to retry with an Idempotency-Key)',
    access: read,
    body: ServiceInput,
    response: ServiceView,
    status: 201,
    idempotent: true,
    handler: async ({ tx, actor, audit, body, req }) => (await recordAll(tx, actor, audit, [body], false, req.lang))[0]!,
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/services/batch',
    tag: 'services',
    summary: "Record a day's consultations at once: all are saved, or none",
    access: read,
    body: ServiceBatchInput,
    response: z.object({ items: z.array(ServiceView) }),
    status: 201,
    idempotent: true,
    handler: async ({ tx, actor, audit, body, req }) => ({ items: await recordAll(tx, actor, audit, body.services, true, req.lang) }),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/services/:id/withdraw',
    tag: 'services',
    summary: 'Withdraw a service recorded by mistake (kept, with the reason; it no longer counts)',
    access: read,
    params: IdParams,
    body: ServiceWithdrawInput,
    response: ServiceView,
    handler: async ({ tx, actor, audit, params, body, req }) => {
      const rows = await tx.execute<Row>(
        sql`select s.case_id::text, s.withdrawn from services s join cases c on c.id = s.case_id where s.id = ${params.id} and ${caseScope(actor)}`,
      );
      const row = rows.rows[0];
      if (!row) throw notFound();
      // Not a conflict of two editors: the service is withdrawn already, whoever did it, so say that.
      if (row.withdrawn) throw businessRule('errors.service_already_withdrawn');
      await tx.execute(sql`update services set withdrawn = true, withdrawn_reason = ${body.reason} where id = ${params.id}`);
      await appendEvent(tx, actor, row.case_id as string, 'service_withdrawn', { serviceId: params.id, reason: body.reason });
      await writeAudit(tx, audit, {
        action: 'update',
        recordType: 'service',
        recordId: params.id,
        // The reason is kept on the service (withdrawn_reason) and in the case's history, not here.
        details: { fields: auditCodes(['withdrawn', 'withdrawnReason']) },
      });
      return (await viewsByIds(tx, actor, [params.id], req.lang))[0]!;
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/cases/:id/services',
    tag: 'services',
    summary: "A family's service history, filtered, with totals",
    access: read,
    params: IdParams,
    query: ServiceHistoryQuery,
    response: ServiceHistory,
    handler: async ({ tx, actor, params, query, req }) => serviceHistory(tx, actor, params.id, query, req.lang),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/services/workload',
    tag: 'services',
    summary: "Consultations and hours per specialist and type in a month: one's own, or (coordinators, supervisors) the team's",
    access: read,
    query: WorkloadQuery,
    response: Workload,
    handler: async ({ tx, actor, query, req }) => {
      const [from, to] = monthRange(query.month);
      const userId = query.userId ?? (actor.permissions.has('cases.manage') ? undefined : actor.userId);
      if (userId && userId !== actor.userId && !actor.permissions.has('cases.manage')) throw forbidden();
      const who = userId ? sql`and u.id = ${userId}` : sql``;
      const rows = await tx.execute<Row>(sql`
        select u.id::text as user_id, trim(u.last_name || ' ' || u.first_name) as name, t.id::text as type_id, t.name as type_name,
          count(*)::int as n, sum(s.duration_minutes)::int as minutes, (count(*) filter (where s.initiated_by = 'client'))::int as client
        from services s join cases c on c.id = s.case_id join service_types t on t.id = s.type_id
        join users u on u.id = any(s.specialist_ids)
        where s.date >= ${from} and s.date < ${to} and not s.withdrawn and ${caseScope(actor)} ${who}
        group by u.id, u.last_name, u.first_name, t.id, t.name order by u.last_name, u.first_name, n desc`);
      return {
        month: query.month,
        rows: rows.rows.map((r) => ({
          userId: r.user_id as string,
          name: r.name as string,
          typeId: r.type_id as string,
          typeName: ((typeof r.type_name === 'string' ? JSON.parse(r.type_name) : r.type_name) as { ru: string; en: string })[req.lang],
          count: Number(r.n),
          minutes: Number(r.minutes),
          clientInitiated: Number(r.client),
        })),
      };
    },
  });
}
