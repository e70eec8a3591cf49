// Assessment templates: data the organisation edits. Every edit inserts a new version and marks it
// current; assessments point at the version they were made with, so editing never rewrites the past.
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { TemplateList, TemplateUpdateInput, TemplateView } from '../../domain/assessments/contracts.js';
import { SHIPPED_TEMPLATES } from '../../domain/assessments/shipped.js';
import { TemplateInput } from '../../domain/assessments/template.js';
import { auditCode, writeAudit } from '../audit/audit.js';
import type { Tx } from '../db/engine.js';
import { pgErrorCode, UNIQUE_VIOLATION } from '../db/errors.js';
import { conflict, notFound } from '../http/errors.js';
import { defineRoute } from '../http/route.js';

type Row = Record<string, unknown>;
const parse = (value: unknown) => (typeof value === 'string' ? JSON.parse(value) : value);

export function toTemplateView(row: Row): TemplateView {
  return {
    id: row.id as string,
    code: row.code as string,
    version: Number(row.version),
    definition: parse(row.definition) as TemplateInput,
    active: row.active as boolean,
    createdAt: new Date(row.created_at as string).toISOString(),
  };
}

/** Installs the shipped templates in a new organisation (runs as owner at organisation creation). */
export async function installShippedTemplates(tx: Tx, orgId: string): Promise<void> {
  for (const template of SHIPPED_TEMPLATES) {
    await tx.execute(sql`insert into assessment_templates (org_id, code, version, definition)
      values (${orgId}, ${template.code}, 1, ${JSON.stringify(TemplateInput.parse(template))}::jsonb)`);
  }
}

export async function findCurrentTemplate(tx: Tx, code: string): Promise<TemplateView | null> {
  const rows = await tx.execute<Row>(sql`select * from assessment_templates where code = ${code} and is_current`);
  return rows.rows[0] ? toTemplateView(rows.rows[0]) : null;
}

export async function getTemplateVersion(tx: Tx, id: string): Promise<TemplateView> {
  const rows = await tx.execute<Row>(sql`select * from assessment_templates where id = ${id}`);
  if (!rows.rows[0]) throw notFound();
  return toTemplateView(rows.rows[0]);
}

const CodeParams = z.strictObject({ code: z.string().regex(/^[a-z][a-z0-9_]{0,59}$/) });

export function registerTemplateRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/assessment-templates',
    tag: 'assessments',
    summary: 'Assessment templates of the organisation (current versions)',
    access: { kind: 'signed_in', records: 'organization' },
    response: TemplateList,
    handler: async ({ tx }) => {
      const rows = await tx.execute<Row>(sql`select * from assessment_templates where is_current order by code`);
      return { items: rows.rows.map(toTemplateView) };
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/assessment-templates/:code',
    tag: 'assessments',
    summary: 'The current version of one template',
    access: { kind: 'signed_in', records: 'organization' },
    params: CodeParams,
    response: TemplateView,
    handler: async ({ tx, params }) => {
      const template = await findCurrentTemplate(tx, params.code);
      if (!template) throw notFound();
      return template;
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/assessment-templates',
    tag: 'assessments',
    summary: 'Create a template (domains, questions, scoring, thresholds, who may fill it)',
    access: { kind: 'permission', permission: 'templates.manage', records: 'organization' },
    body: z.strictObject({ definition: TemplateInput }),
    response: TemplateView,
    status: 201,
    idempotent: true,
    handler: async ({ tx, actor, audit, body }) => {
      try {
        const rows = await tx.execute<Row>(sql`insert into assessment_templates (org_id, code, version, definition, created_by)
          values (${actor.orgId}, ${body.definition.code}, 1, ${JSON.stringify(body.definition)}::jsonb, ${actor.userId}) returning *`);
        const view = toTemplateView(rows.rows[0]!);
        await writeAudit(tx, audit, {
          action: 'create',
          recordType: 'assessment_template',
          recordId: view.id,
          details: { code: auditCode(view.code) },
        });
        return view;
      } catch (error) {
        if (pgErrorCode(error) === UNIQUE_VIOLATION) throw conflict('errors.conflict');
        throw error;
      }
    },
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/assessment-templates/:code',
    tag: 'assessments',
    summary: 'Edit a template: a new version becomes current; past assessments keep theirs (409 on a stale version)',
    access: { kind: 'permission', permission: 'templates.manage', records: 'organization' },
    params: CodeParams,
    body: TemplateUpdateInput,
    response: TemplateView,
    handler: async ({ tx, actor, audit, params, body }) => {
      const current = await findCurrentTemplate(tx, params.code);
      if (!current) throw notFound();
      if (current.version !== body.version) throw conflict();
      const definition = { ...body.definition, code: params.code };
      await tx.execute(sql`update assessment_templates set is_current = false where id = ${current.id}`);
      const rows = await tx.execute<Row>(sql`insert into assessment_templates (org_id, code, version, definition, active, created_by)
        values (${actor.orgId}, ${params.code}, ${current.version + 1}, ${JSON.stringify(definition)}::jsonb, ${body.active}, ${actor.userId}) returning *`);
      const view = toTemplateView(rows.rows[0]!);
      await writeAudit(tx, audit, {
        action: 'update',
        recordType: 'assessment_template',
        recordId: view.id,
        details: { code: auditCode(params.code), version: view.version },
      });
      return view;
    },
  });
}
