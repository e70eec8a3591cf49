// The outcome framework as data: the organisation's default (shipped, installed with the
// organisation) and a programme's own, copied from the default when the M&E officer or admin
// customises it. Outcomes are added, renamed, moved between terms and retired — never deleted, so
// a family's marks keep their outcome.
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { IdParams } from '../../domain/access/contracts.js';
import {
  FrameworkCreateInput,
  FrameworkList,
  FrameworkView,
  OutcomeInput,
  OutcomeUpdateInput,
  OutcomeView,
} from '../../domain/outcomes/contracts.js';
import { SHIPPED_OUTCOMES } from '../../domain/outcomes/shipped.js';
import { translate } from '../../domain/i18n/index.js';
import { auditCode, changes, filledFields, writeAudit } from '../audit/audit.js';
import type { Tx } from '../db/engine.js';
import { conflict, invalidField, notFound } from '../http/errors.js';
import { defineRoute } from '../http/route.js';

type Row = Record<string, unknown>;
const parse = <T>(v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v) as T;
const manage = { kind: 'permission', permission: 'indicators.manage', records: 'organization' } as const;

export function toOutcomeView(row: Row): OutcomeView {
  return {
    id: row.id as string,
    frameworkId: row.framework_id as string,
    code: (row.code as string | null) ?? null,
    name: parse(row.name),
    term: row.term as OutcomeView['term'],
    evidenceRule: (row.evidence_rule as OutcomeView['evidenceRule']) ?? null,
    position: Number(row.position),
    retired: Boolean(row.retired),
    version: Number(row.version),
  };
}

export async function installShippedOutcomes(tx: Tx, orgId: string): Promise<void> {
  const rows = await tx.execute<{ id: string }>(
    sql`insert into outcome_frameworks (org_id, programme_id) values (${orgId}, null) returning id::text`,
  );
  const frameworkId = rows.rows[0]!.id;
  for (const [i, o] of SHIPPED_OUTCOMES.entries()) {
    await tx.execute(sql`insert into outcomes (org_id, framework_id, code, name, term, evidence_rule, position)
      values (${orgId}, ${frameworkId}, ${o.code}, ${JSON.stringify(o.name)}::jsonb, ${o.term}, ${o.evidenceRule}, ${i + 1})`);
  }
}

/** The framework that applies to a programme: its own, or the organisation's default. */
export async function frameworkFor(tx: Tx, programmeId: string): Promise<string> {
  const rows = await tx.execute<{ id: string }>(sql`select id::text from outcome_frameworks
    where programme_id = ${programmeId} or programme_id is null order by programme_id nulls last limit 1`);
  if (!rows.rows[0]) throw notFound();
  return rows.rows[0].id;
}

async function readFrameworks(tx: Tx, id?: string): Promise<FrameworkView[]> {
  const frameworks = await tx.execute<Row>(sql`select f.id::text, f.programme_id::text, p.name as programme_name
    from outcome_frameworks f left join programmes p on p.id = f.programme_id
    ${id ? sql`where f.id = ${id}` : sql``} order by f.programme_id nulls first, p.name`);
  const outcomes = await tx.execute<Row>(
    sql`select * from outcomes ${id ? sql`where framework_id = ${id}` : sql``} order by position, created_at`,
  );
  return frameworks.rows.map((f) => ({
    id: f.id as string,
    programmeId: (f.programme_id as string | null) ?? null,
    programmeName: (f.programme_name as string | null) ?? null,
    outcomes: outcomes.rows.filter((o) => o.framework_id === f.id).map(toOutcomeView),
  }));
}

export function registerFrameworkRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/outcome-frameworks',
    tag: 'outcomes',
    summary: "The organisation's default outcome framework and the programmes' own",
    access: { kind: 'permission', permission: 'indicators.read', records: 'organization' },
    response: FrameworkList,
    handler: async ({ tx }) => ({ items: await readFrameworks(tx) }),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/outcome-frameworks',
    tag: 'outcomes',
    summary: "Give a programme its own outcome framework, starting as a copy of the default's current outcomes",
    access: manage,
    body: FrameworkCreateInput,
    response: FrameworkView,
    status: 201,
    idempotent: true,
    handler: async ({ tx, audit, body, req, actor }) => {
      const programme = await tx.execute(sql`select 1 from programmes where id = ${body.programmeId}`);
      if (!programme.rows[0])
        throw invalidField('programmeId', 'validation.invalid_option', translate(req.lang, 'validation.invalid_option'));
      const created = await tx.execute<{ id: string }>(sql`insert into outcome_frameworks (org_id, programme_id, created_by)
        values (${actor.orgId}, ${body.programmeId}, ${actor.userId}) on conflict do nothing returning id::text`);
      if (!created.rows[0]) throw conflict('outcomes.errors.framework_exists');
      const id = created.rows[0].id;
      await tx.execute(sql`insert into outcomes (org_id, framework_id, code, name, term, evidence_rule, position)
        select org_id, ${id}, code, name, term, evidence_rule, position from outcomes
        where not retired and framework_id = (select id from outcome_frameworks where programme_id is null)`);
      await writeAudit(tx, audit, {
        action: 'create',
        recordType: 'outcome_framework',
        recordId: id,
        details: { programmeId: body.programmeId === null ? null : auditCode(body.programmeId) },
      });
      return (await readFrameworks(tx, id))[0]!;
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/outcome-frameworks/:id/outcomes',
    tag: 'outcomes',
    summary: 'Add an outcome to a framework',
    access: manage,
    params: IdParams,
    body: OutcomeInput,
    response: OutcomeView,
    status: 201,
    idempotent: true,
    handler: async ({ tx, audit, params, body, actor }) => {
      const rows = await tx.execute<Row>(sql`insert into outcomes (org_id, framework_id, name, term, evidence_rule, position)
        select ${actor.orgId}, f.id, ${JSON.stringify(body.name)}::jsonb, ${body.term}, ${body.evidenceRule},
          coalesce((select max(position) from outcomes where framework_id = f.id), 0) + 1
        from outcome_frameworks f where f.id = ${params.id} returning *`);
      const row = rows.rows[0];
      if (!row) throw notFound();
      await writeAudit(tx, audit, {
        action: 'create',
        recordType: 'outcome',
        recordId: row.id as string,
        details: { fields: filledFields(body) },
      });
      return toOutcomeView(row);
    },
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/outcomes/:id',
    tag: 'outcomes',
    summary: 'Rename an outcome, change its term or evidence rule, retire or restore it (409 on a stale version)',
    access: manage,
    params: IdParams,
    body: OutcomeUpdateInput,
    response: OutcomeView,
    handler: async ({ tx, audit, params, body }) => {
      const before = await tx.execute<Row>(sql`select * from outcomes where id = ${params.id} for update`);
      const row = before.rows[0];
      if (!row) throw notFound();
      if (Number(row.version) !== body.version) throw conflict();
      const updated = await tx.execute<Row>(sql`update outcomes set name = ${JSON.stringify(body.name)}::jsonb, term = ${body.term},
        evidence_rule = ${body.evidenceRule}, retired = ${body.retired}, version = version + 1, updated_at = now()
        where id = ${params.id} returning *`);
      const view = toOutcomeView(updated.rows[0]!);
      const old = toOutcomeView(row);
      await writeAudit(tx, audit, {
        action: 'update',
        recordType: 'outcome',
        recordId: params.id,
        details: { fields: changes(old, view) },
      });
      return view;
    },
  });
}
