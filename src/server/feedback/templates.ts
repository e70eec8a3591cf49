// Feedback templates: data the organisation edits. An edit inserts a new version and marks it
// current; responses point at the version they were given with, so editing never rewrites the past.
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  FeedbackTemplateCreateInput,
  FeedbackTemplateList,
  FeedbackTemplateUpdateInput,
  FeedbackTemplateView,
} from '../../domain/feedback/contracts.js';
import { translate } from '../../domain/i18n/index.js';
import { SHIPPED_FEEDBACK_TEMPLATES } from '../../domain/feedback/shipped.js';
import { FeedbackTemplateInput } from '../../domain/feedback/template.js';
import { auditCode, writeAudit } from '../audit/audit.js';
import type { Tx } from '../db/engine.js';
import { conflict, invalidField, notFound } from '../http/errors.js';
import { defineRoute } from '../http/route.js';

type Row = Record<string, unknown>;
const parse = (value: unknown) => (typeof value === 'string' ? JSON.parse(value) : value) as unknown;

export function toFeedbackTemplateView(row: Row): FeedbackTemplateView {
  return {
    id: row.id as string,
    code: row.code as string,
    version: Number(row.version),
    definition: parse(row.definition) as FeedbackTemplateInput,
    active: row.active as boolean,
    createdAt: new Date(row.created_at as string).toISOString(),
  };
}

/** Installs the shipped templates in a new organisation (runs as owner at organisation creation). */
export async function installShippedFeedbackTemplates(tx: Tx, orgId: string): Promise<void> {
  for (const template of SHIPPED_FEEDBACK_TEMPLATES) {
    await tx.execute(sql`insert into feedback_templates (org_id, code, version, definition)
      values (${orgId}, ${template.code}, 1, ${JSON.stringify(FeedbackTemplateInput.parse(template))}::jsonb)`);
  }
}

export async function findCurrentFeedbackTemplate(tx: Tx, code: string): Promise<FeedbackTemplateView | null> {
  const rows = await tx.execute<Row>(sql`select * from feedback_templates where code = ${code} and is_current`);
  return rows.rows[0] ? toFeedbackTemplateView(rows.rows[0]) : null;
}

const CodeParams = z.strictObject({ code: z.string().regex(/^[a-z][a-z0-9_]{0,59}$/) });

export function registerFeedbackTemplateRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/feedback/templates',
    tag: 'feedback',
    summary: 'Feedback templates of the organisation (current versions)',
    access: { kind: 'signed_in', records: 'organization' },
    response: FeedbackTemplateList,
    handler: async ({ tx }) => {
      const rows = await tx.execute<Row>(sql`select * from feedback_templates where is_current order by code`);
      return { items: rows.rows.map(toFeedbackTemplateView) };
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/feedback/templates/:code',
    tag: 'feedback',
    summary: 'The current version of one feedback template',
    access: { kind: 'signed_in', records: 'organization' },
    params: CodeParams,
    response: FeedbackTemplateView,
    handler: async ({ tx, params }) => {
      const template = await findCurrentFeedbackTemplate(tx, params.code);
      if (!template) throw notFound();
      return template;
    },
  });

  // The M&E officer's instrument as much as the admin's: both hold feedback.templates.
  defineRoute(app, {
    method: 'POST',
    url: '/api/feedback/templates',
    tag: 'feedback',
    summary: 'Create a feedback form of the organisation: version 1 of a new code (400 naming the code when it is taken)',
    access: { kind: 'permission', permission: 'feedback.templates', records: 'organization' },
    body: FeedbackTemplateCreateInput,
    response: FeedbackTemplateView,
    status: 201,
    idempotent: true,
    handler: async ({ tx, actor, audit, body, req }) => {
      const code = body.definition.code;
      // A code once used (a retired form included) stays its form's: responses refer to it.
      const taken = await tx.execute(sql`select 1 from feedback_templates where code = ${code} limit 1`);
      if (taken.rows.length > 0)
        throw invalidField('definition.code', 'validation.feedback_code_taken', translate(req.lang, 'validation.feedback_code_taken'));
      const rows = await tx.execute<Row>(sql`insert into feedback_templates (org_id, code, version, definition, active, created_by)
        values (${actor.orgId}, ${code}, 1, ${JSON.stringify(body.definition)}::jsonb, ${body.active}, ${actor.userId})
        on conflict do nothing returning *`);
      // Two creations of one code at once: the second meets the first's unique key.
      if (!rows.rows[0])
        throw invalidField('definition.code', 'validation.feedback_code_taken', translate(req.lang, 'validation.feedback_code_taken'));
      const view = toFeedbackTemplateView(rows.rows[0]);
      await writeAudit(tx, audit, {
        action: 'create',
        recordType: 'feedback_template',
        recordId: view.id,
        details: { code: auditCode(code), version: 1 },
      });
      return view;
    },
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/feedback/templates/:code',
    tag: 'feedback',
    summary: 'Edit a feedback template: a new version becomes current; past responses keep theirs (409 on a stale version)',
    access: { kind: 'permission', permission: 'feedback.templates', records: 'organization' },
    params: CodeParams,
    body: FeedbackTemplateUpdateInput,
    response: FeedbackTemplateView,
    handler: async ({ tx, actor, audit, params, body }) => {
      const current = await findCurrentFeedbackTemplate(tx, params.code);
      if (!current) throw notFound();
      if (current.version !== body.version) throw conflict();
      const definition = { ...body.definition, code: params.code };
      // Two editors of one version: the second waits for the first's row lock, then finds the row
      // no longer current and gets 409 rather than a second "next" version.
      const retired = await tx.execute(
        sql`update feedback_templates set is_current = false where id = ${current.id} and is_current returning id`,
      );
      if (retired.rows.length === 0) throw conflict();
      const rows = await tx.execute<Row>(sql`insert into feedback_templates (org_id, code, version, definition, active, created_by)
        values (${actor.orgId}, ${params.code}, ${current.version + 1}, ${JSON.stringify(definition)}::jsonb, ${body.active}, ${actor.userId})
        returning *`);
      const view = toFeedbackTemplateView(rows.rows[0]!);
      await writeAudit(tx, audit, {
        action: 'update',
        recordType: 'feedback_template',
        recordId: view.id,
        details: { code: auditCode(params.code), version: view.version },
      });
      return view;
    },
  });
}
