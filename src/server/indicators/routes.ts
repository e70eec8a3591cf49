// Indicator routes: the library (current definitions), one indicator with all its versions, create,
// edit (appends a version; 409 on a stale one), retire, and computed values for a period. Values
// are aggregate figures only — no identities — so they are open to everyone with indicators.read;
// a breakdown's small cells, and a value narrowed to one branch, are suppressed for those who cannot
// open the cases behind them.
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { IdParams } from '../../domain/access/contracts.js';
import { translate, type Language } from '../../domain/i18n/index.js';
import {
  IndicatorDetail,
  IndicatorInput,
  IndicatorUpdateInput,
  IndicatorValueView,
  IndicatorView,
  RetireInput,
  ValueQuery,
  ValuesQuery,
  ValuesView,
} from '../../domain/indicators/contracts.js';
import { definitionProblems, IndicatorDefinition } from '../../domain/indicators/definition.js';
import { auditCode, auditCodes, changes, writeAudit } from '../audit/audit.js';
import type { Tx } from '../db/engine.js';
import { pgErrorCode, UNIQUE_VIOLATION } from '../db/errors.js';
import { AppError, conflict, invalidField, notFound } from '../http/errors.js';
import { defineRoute } from '../http/route.js';
import { computeIndicators } from './compute.js';
import { findIndicatorVersion, listIndicators, type IndicatorRow } from './queries.js';
import { cellRule, suppressValue } from './small-cells.js';

const read = { kind: 'permission', permission: 'indicators.read', records: 'organization' } as const;
const manage = { kind: 'permission', permission: 'indicators.manage', records: 'organization' } as const;

const view = (row: IndicatorRow): IndicatorView => ({
  id: row.id,
  code: row.code,
  version: row.version,
  retired: row.retired,
  shipped: row.shipped,
  definition: row.definition,
});

/** Refuses a definition that cannot be computed, naming the field under `definition.`, in the caller's language. */
async function ensureComputable(tx: Tx, definition: IndicatorDefinition, lang: Language, exceptId?: string): Promise<void> {
  const others = new Map((await listIndicators(tx)).filter((r) => r.id !== exceptId).map((r) => [r.code, r.definition]));
  const problems = definitionProblems(definition, others);
  // An indicator of one programme names one of the organisation's (another's reads as unknown).
  if (definition.programmeId) {
    const found = await tx.execute(sql`select 1 from programmes where id = ${definition.programmeId}`);
    if (found.rows.length === 0) problems.push({ path: 'programmeId', code: 'invalid_option' });
  }
  if (problems.length === 0) return;
  throw new AppError(
    'validation',
    'errors.validation',
    {},
    problems.map((p) => ({
      path: `definition.${p.path}`,
      code: `validation.${p.code}`,
      params: {},
      message: translate(lang, `validation.${p.code}`),
    })),
  );
}

async function detail(tx: Tx, id: string): Promise<IndicatorDetail> {
  const current = await findIndicatorVersion(tx, id);
  if (!current) throw notFound();
  const versions = await tx.execute<{ version: number; definition: unknown; created_at: string | Date; created_by: string | null }>(sql`
    select v.version, v.definition, v.created_at, nullif(btrim(u.last_name || ' ' || u.first_name), '') as created_by
    from indicator_versions v left join users u on u.id = v.created_by
    where v.indicator_id = ${id} order by v.version desc`);
  return {
    ...view(current),
    versions: versions.rows.map((v) => ({
      version: Number(v.version),
      definition: IndicatorDefinition.parse(typeof v.definition === 'string' ? JSON.parse(v.definition) : v.definition),
      createdAt: new Date(v.created_at).toISOString(),
      createdBy: v.created_by,
    })),
  };
}

export function registerIndicatorRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/indicators',
    tag: 'indicators',
    summary: 'The indicator library: every indicator at its current version (retired ones flagged)',
    access: read,
    response: z.object({ items: z.array(IndicatorView) }),
    handler: async ({ tx }) => ({ items: (await listIndicators(tx)).map(view) }),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/indicators/values',
    tag: 'indicators',
    summary: 'Values of all current indicators for a period (programme and branch optional), with the version used',
    access: read,
    query: ValuesQuery,
    response: ValuesView,
    handler: async ({ tx, actor, query, req }) => {
      const rows = (await listIndicators(tx)).filter((r) => !r.retired);
      const values = await computeIndicators(
        tx,
        rows.map((r) => r.definition),
        { ...query, lang: req.lang },
      );
      // Narrowed to one branch, each value is that branch's cell: small ones hidden from a reader who
      // cannot open its cases (issue 11, defect 6); the organisation's totals are shown as they are.
      const rule = await cellRule(tx, actor, { branchId: query.branchId });
      return {
        from: query.from,
        to: query.to,
        items: rows.map((r) => ({
          id: r.id,
          code: r.code,
          version: r.version,
          definition: r.definition,
          result: suppressValue(values.get(r.code)!, r.definition, { branchId: query.branchId }, rule),
        })),
      };
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/indicators/:id',
    tag: 'indicators',
    summary: 'One indicator with all versions of its definition',
    access: read,
    params: IdParams,
    response: IndicatorDetail,
    handler: async ({ tx, params }) => detail(tx, params.id),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/indicators/:id/value',
    tag: 'indicators',
    summary: 'The value of one indicator for a period, optionally broken down (branch, programme, age band, sex, citizenship)',
    access: read,
    params: IdParams,
    query: ValueQuery,
    response: IndicatorValueView,
    handler: async ({ tx, actor, params, query, req }) => {
      const row = await findIndicatorVersion(tx, params.id, query.version);
      if (!row) throw notFound();
      if (query.by && !row.definition.disaggregations.includes(query.by))
        throw invalidField('by', 'validation.indicator_not_declared', translate(req.lang, 'validation.indicator_not_declared'));
      const values = await computeIndicators(tx, [row.definition], {
        from: query.from,
        to: query.to,
        programmeId: query.programmeId,
        branchId: query.branchId,
        by: query.by,
        lang: req.lang,
      });
      // Small cells hidden from those who cannot open the cases behind them: the breakdown's rows, and
      // the total itself when it is one branch's.
      const rule = await cellRule(tx, actor, { branchId: query.branchId });
      const result = suppressValue(values.get(row.code)!, row.definition, { branchId: query.branchId, by: query.by }, rule);
      return { id: row.id, code: row.code, version: row.version, definition: row.definition, result };
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/indicators',
    tag: 'indicators',
    summary: 'Define a new indicator (refused, naming the field, when it cannot be computed)',
    access: manage,
    body: IndicatorInput,
    response: IndicatorDetail,
    status: 201,
    idempotent: true,
    handler: async ({ tx, actor, audit, body, req }) => {
      await ensureComputable(tx, body.definition, req.lang);
      let id: string;
      try {
        const rows = await tx.execute<{ id: string }>(sql`
          insert into indicators (org_id, code) values (${actor.orgId}, ${body.definition.code}) returning id::text`);
        id = rows.rows[0]!.id;
      } catch (error) {
        if (pgErrorCode(error) === UNIQUE_VIOLATION)
          throw invalidField('definition.code', 'validation.indicator_code_taken', translate(req.lang, 'validation.indicator_code_taken'));
        throw error;
      }
      await tx.execute(sql`insert into indicator_versions (org_id, indicator_id, version, definition, created_by)
        values (${actor.orgId}, ${id}, 1, ${JSON.stringify(body.definition)}::jsonb, ${actor.userId})`);
      await writeAudit(tx, audit, {
        action: 'create',
        recordType: 'indicator',
        recordId: id,
        details: { code: auditCode(body.definition.code), version: 1 },
      });
      return detail(tx, id);
    },
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/indicators/:id',
    tag: 'indicators',
    summary: 'Edit a definition: a new version is appended, earlier ones kept (409 on a stale version)',
    access: manage,
    params: IdParams,
    body: IndicatorUpdateInput,
    response: IndicatorDetail,
    handler: async ({ tx, actor, audit, params, body, req }) => {
      const before = await findIndicatorVersion(tx, params.id);
      if (!before) throw notFound();
      // The code is the indicator's identity (ratios and targets refer to it): it stays as it was.
      const definition = { ...body.definition, code: before.code };
      await ensureComputable(tx, definition, req.lang, params.id);
      const updated = await tx.execute<{ version: number }>(sql`
        update indicators set current_version = current_version + 1, updated_at = now()
        where id = ${params.id} and current_version = ${body.version} returning current_version as version`);
      if (updated.rows.length === 0) throw conflict();
      const next = Number(updated.rows[0]!.version);
      await tx.execute(sql`insert into indicator_versions (org_id, indicator_id, version, definition, created_by)
        values (${actor.orgId}, ${params.id}, ${next}, ${JSON.stringify(definition)}::jsonb, ${actor.userId})`);
      await writeAudit(tx, audit, {
        action: 'update',
        recordType: 'indicator',
        recordId: params.id,
        // The definitions themselves are kept as versions (indicator_versions); the audit names the change.
        details: { fromVersion: before.version, toVersion: next, fields: changes(before.definition, definition) },
      });
      return detail(tx, params.id);
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/indicators/:id/retire',
    tag: 'indicators',
    summary: 'Retire an indicator (or restore it with retired: false); 409 on a stale version',
    access: manage,
    params: IdParams,
    body: RetireInput,
    response: IndicatorDetail,
    handler: async ({ tx, audit, params, body }) => {
      const before = await findIndicatorVersion(tx, params.id);
      if (!before) throw notFound();
      const updated = await tx.execute(sql`
        update indicators set retired = ${body.retired}, updated_at = now()
        where id = ${params.id} and current_version = ${body.version} returning id`);
      if (updated.rows.length === 0) throw conflict();
      await writeAudit(tx, audit, {
        action: 'update',
        recordType: 'indicator',
        recordId: params.id,
        details: { code: auditCode(before.code), version: before.version, fields: auditCodes(['retired']), retired: body.retired },
      });
      return detail(tx, params.id);
    },
  });
}
