// The breach register (issue 17, point 5): the operator's record of personal-data incidents and of
// the two notices to the regulator (152-FZ art. 21 p. 3.1: 24 hours, 72 hours from discovery). Kept
// by the admin (breaches.manage); the responsible person sees each notice still owed on My work
// (reminders), before its deadline and after it. The description, measures and title stay on the
// record; the audit keeps field names only.
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { IdParams } from '../../domain/access/contracts.js';
import {
  BreachInput,
  BreachList,
  BreachReminders,
  BreachUpdate,
  BreachView,
  noticeDeadlines,
  type DataCategory,
} from '../../domain/breaches/contracts.js';
import { translate, type Language } from '../../domain/i18n/index.js';
import { changes, filledFields, writeAudit } from '../audit/audit.js';
import type { Tx } from '../db/engine.js';
import { conflict, invalidField, notFound } from '../http/errors.js';
import { defineRoute } from '../http/route.js';

const TAG = 'breaches';
const manage = { kind: 'permission', permission: 'breaches.manage', records: 'organization' } as const;

const iso = (value: unknown) => (value === null || value === undefined ? null : new Date(value as string).toISOString());

function toView(row: Record<string, unknown>): BreachView {
  const discoveredAt = iso(row.discovered_at)!;
  return {
    id: row.id as string,
    discoveredAt,
    title: row.title as string,
    description: row.description as string,
    dataCategories: row.data_categories as DataCategory[],
    peopleAffected: row.people_affected === null ? null : Number(row.people_affected),
    measures: row.measures as string,
    responsibleId: row.responsible_id as string,
    responsibleName: row.responsible_name as string,
    notice24hOn: iso(row.notice_24h_on),
    notice72hOn: iso(row.notice_72h_on),
    closedAt: iso(row.closed_at),
    ...noticeDeadlines(discoveredAt),
    version: Number(row.version),
  };
}

const SELECT = sql`select b.id::text, b.discovered_at, b.title, b.description, b.data_categories, b.people_affected, b.measures,
  b.responsible_id::text, trim(u.last_name || ' ' || u.first_name || ' ' || u.middle_name) as responsible_name,
  b.notice_24h_on, b.notice_72h_on, b.closed_at, b.version
  from breaches b join users u on u.id = b.responsible_id`;

/** The rules Zod cannot check: times in order, not in the future, the responsible person active in the organisation. */
async function check(tx: Tx, input: BreachInput, now: Date, lang: Language): Promise<void> {
  const refuse = (field: string, key: string) => invalidField(field, key, translate(lang, key));
  // A few minutes of slack for a clock that runs behind the server's.
  const latest = now.getTime() + 5 * 60_000;
  if (new Date(input.discoveredAt).getTime() > latest) throw refuse('discoveredAt', 'protection.errors.in_future');
  for (const field of ['notice24hOn', 'notice72hOn', 'closedAt'] as const) {
    const value = input[field];
    if (value === null) continue;
    if (new Date(value).getTime() > latest) throw refuse(field, 'protection.errors.in_future');
    if (new Date(value) < new Date(input.discoveredAt)) throw refuse(field, 'protection.errors.not_before_discovery');
  }
  const user = await tx.execute(sql`select 1 from users where id = ${input.responsibleId} and active`);
  if (user.rows.length === 0) throw refuse('responsibleId', 'validation.invalid_option');
}

const categories = (list: readonly string[]) => sql`string_to_array(${list.join(',')}, ',')`;

export function registerBreachRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/breaches',
    tag: TAG,
    summary: 'The breach register, newest discovery first, with each notice’s deadline',
    access: manage,
    response: BreachList,
    handler: async ({ tx }) => {
      const rows = await tx.execute<Record<string, unknown>>(sql`${SELECT} order by b.discovered_at desc limit 1000`);
      return { items: rows.rows.map(toView) };
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/breaches',
    tag: TAG,
    summary: 'Register a breach (its discovery time may be typed in after the fact)',
    access: manage,
    body: BreachInput,
    response: BreachView,
    status: 201,
    idempotent: true,
    handler: async ({ tx, actor, audit, body, req, deps }) => {
      await check(tx, body, deps.now(), req.lang);
      const created = await tx.execute<{ id: string }>(sql`
        insert into breaches (org_id, discovered_at, title, description, data_categories, people_affected, measures, responsible_id,
          notice_24h_on, notice_72h_on, closed_at, created_by)
        values (${actor.orgId}, ${body.discoveredAt}, ${body.title}, ${body.description}, ${categories(body.dataCategories)},
          ${body.peopleAffected}, ${body.measures}, ${body.responsibleId}, ${body.notice24hOn}, ${body.notice72hOn}, ${body.closedAt},
          ${actor.userId})
        returning id::text`);
      const id = created.rows[0]!.id;
      await writeAudit(tx, audit, { action: 'create', recordType: 'breach', recordId: id, details: { fields: filledFields(body) } });
      const rows = await tx.execute<Record<string, unknown>>(sql`${SELECT} where b.id = ${id}`);
      return toView(rows.rows[0]!);
    },
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/breaches/:id',
    tag: TAG,
    summary: 'Change a breach: what was done, the notices sent, its closing',
    access: manage,
    params: IdParams,
    body: BreachUpdate,
    response: BreachView,
    handler: async ({ tx, audit, params, body, req, deps }) => {
      const found = await tx.execute<Record<string, unknown>>(sql`${SELECT} where b.id = ${params.id} for update of b`);
      if (!found.rows[0]) throw notFound();
      const before = toView(found.rows[0]);
      if (before.version !== body.version) throw conflict();
      const { version: _version, ...input } = body;
      await check(tx, input, deps.now(), req.lang);
      await tx.execute(sql`update breaches set discovered_at = ${input.discoveredAt}, title = ${input.title}, description = ${input.description},
        data_categories = ${categories(input.dataCategories)}, people_affected = ${input.peopleAffected}, measures = ${input.measures},
        responsible_id = ${input.responsibleId}, notice_24h_on = ${input.notice24hOn}, notice_72h_on = ${input.notice72hOn},
        closed_at = ${input.closedAt}, version = version + 1, updated_at = now() where id = ${params.id}`);
      const normalise = (v: BreachView | typeof input) => ({
        ...v,
        discoveredAt: iso(v.discoveredAt),
        notice24hOn: iso(v.notice24hOn),
        notice72hOn: iso(v.notice72hOn),
        closedAt: iso(v.closedAt),
      });
      const fields = changes(normalise(before), normalise(input)).filter((f) => f in input);
      await writeAudit(tx, audit, { action: 'update', recordType: 'breach', recordId: params.id, details: { fields } });
      const rows = await tx.execute<Record<string, unknown>>(sql`${SELECT} where b.id = ${params.id}`);
      return toView(rows.rows[0]!);
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/breaches/reminders',
    tag: TAG,
    summary: 'The notices the caller still owes as the person responsible for a breach, with their deadlines (My work)',
    access: { kind: 'signed_in', records: 'own' },
    response: BreachReminders,
    handler: async ({ tx, actor, deps }) => {
      const rows = await tx.execute<{
        id: string;
        title: string;
        discovered_at: string;
        notice_24h_on: string | null;
        notice_72h_on: string | null;
      }>(
        sql`select id::text, title, discovered_at, notice_24h_on, notice_72h_on from breaches
          where responsible_id = ${actor.userId} and closed_at is null and (notice_24h_on is null or notice_72h_on is null)
          order by discovered_at`,
      );
      const now = deps.now().getTime();
      const items = rows.rows.flatMap((row) => {
        const deadlines = noticeDeadlines(iso(row.discovered_at)!);
        const owed = [
          ...(row.notice_24h_on === null ? [{ notice: 'notice24h' as const, deadline: deadlines.deadline24h }] : []),
          ...(row.notice_72h_on === null ? [{ notice: 'notice72h' as const, deadline: deadlines.deadline72h }] : []),
        ];
        return owed.map((o) => ({ id: row.id, title: row.title, ...o, overdue: new Date(o.deadline).getTime() < now }));
      });
      return { items };
    },
  });
}
