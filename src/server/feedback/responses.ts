// Feedback responses: recorded per case by the case team, or unsigned at a shelter by its desk (for
// templates that allow it). Reading a response with its words is for the same people only; the
// summary (summary.ts) reads figures and never the words.
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { FeedbackResponseInput, FeedbackResponseList, FeedbackResponseView } from '../../domain/feedback/contracts.js';
import { feedbackProblems, splitAnswers, type FeedbackTemplateInput } from '../../domain/feedback/template.js';
import type { FieldError } from '../../domain/errors.js';
import { translate, type Language } from '../../domain/i18n/index.js';
import { uuid } from '../../domain/validation.js';
import { auditIds, writeAudit } from '../audit/audit.js';
import { caseScope } from '../cases/scope.js';
import type { Tx } from '../db/engine.js';
import { facilityScope } from '../housing/queries.js';
import type { Actor } from '../http/context.js';
import { AppError, invalidField, notFound } from '../http/errors.js';
import { defineRoute } from '../http/route.js';
import { findCurrentFeedbackTemplate } from './templates.js';

type Row = Record<string, unknown>;
const parse = (value: unknown) => (typeof value === 'string' ? JSON.parse(value) : value) as Record<string, unknown>;
const CaseParams = z.strictObject({ caseId: uuid });
const FacilityParams = z.strictObject({ facilityId: uuid });

/** The current, active template, or a 400 on templateCode; its answers checked (400 naming each answer). */
async function checkedTemplate(tx: Tx, body: FeedbackResponseInput, lang: Language) {
  const template = await findCurrentFeedbackTemplate(tx, body.templateCode);
  if (!template || !template.active)
    throw invalidField('templateCode', 'validation.invalid_option', translate(lang, 'validation.invalid_option'));
  const problems = feedbackProblems(template.definition, body.answers);
  const fields: FieldError[] = Object.entries(problems).map(([code, problem]) => ({
    path: `answers.${code}`,
    code: `validation.${problem}`,
    message: translate(lang, `validation.${problem}`),
  }));
  if (fields.length > 0) throw new AppError('validation', 'errors.validation', {}, fields);
  const { figures, comments } = splitAnswers(template.definition, body.answers);
  if (Object.keys(figures).length + Object.keys(comments).length === 0)
    throw invalidField('answers', 'validation.required', translate(lang, 'validation.required'));
  return { template, figures, comments };
}

const SELECT = sql`select r.*, t.version as template_version, t.definition as template_definition,
    trim(u.last_name || ' ' || u.first_name) as recorded_by
  from feedback_responses r join feedback_templates t on t.id = r.template_id join users u on u.id = r.created_by`;

function toView(row: Row): FeedbackResponseView {
  const definition = parse(row.template_definition) as unknown as FeedbackTemplateInput;
  return {
    id: row.id as string,
    templateCode: row.template_code as string,
    templateVersion: Number(row.template_version),
    templateName: definition.name,
    caseId: (row.case_id as string | null) ?? null,
    facilityId: (row.facility_id as string | null) ?? null,
    respondedOn: String(row.responded_on).slice(0, 10),
    answers: { ...parse(row.answers), ...parse(row.comments) } as FeedbackResponseView['answers'],
    recordedBy: row.recorded_by as string,
    createdAt: new Date(row.created_at as string).toISOString(),
  };
}

async function insertResponse(
  tx: Tx,
  actor: Actor,
  values: {
    templateId: string;
    templateCode: string;
    caseId: string | null;
    facilityId: string | null;
    branchId: string;
    programmeId: string | null;
  },
  body: FeedbackResponseInput,
  figures: object,
  comments: object,
): Promise<string> {
  const rows = await tx.execute<{ id: string }>(sql`insert into feedback_responses
      (org_id, template_id, template_code, case_id, facility_id, branch_id, programme_id, responded_on, answers, comments, created_by)
    values (${actor.orgId}, ${values.templateId}, ${values.templateCode}, ${values.caseId}, ${values.facilityId}, ${values.branchId},
      ${values.programmeId}, ${body.respondedOn}, ${JSON.stringify(figures)}::jsonb, ${JSON.stringify(comments)}::jsonb, ${actor.userId})
    returning id::text`);
  return rows.rows[0]!.id;
}

async function getResponse(tx: Tx, id: string): Promise<FeedbackResponseView> {
  const rows = await tx.execute<Row>(sql`${SELECT} where r.id = ${id}`);
  return toView(rows.rows[0]!);
}

export function registerFeedbackResponseRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/feedback/cases/:caseId/responses',
    tag: 'feedback',
    summary: "A case's feedback responses with their text answers (the case team only)",
    access: { kind: 'permission', permission: 'cases.read', records: 'case_team' },
    params: CaseParams,
    response: FeedbackResponseList,
    handler: async ({ tx, actor, params }) => {
      const rows = await tx.execute<Row>(sql`${SELECT} join cases c on c.id = r.case_id
        where r.case_id = ${params.caseId} and ${caseScope(actor)} order by r.responded_on desc, r.created_at desc`);
      if (rows.rows.length === 0) {
        const found = await tx.execute(sql`select 1 from cases c where c.id = ${params.caseId} and ${caseScope(actor)}`);
        if (found.rows.length === 0) throw notFound();
      }
      return { items: rows.rows.map(toView) };
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/feedback/cases/:caseId/responses',
    tag: 'feedback',
    summary: 'Record a feedback response of a case (exit interview, survey) — the case team',
    access: { kind: 'permission', permission: 'cases.read', records: 'case_team' },
    params: CaseParams,
    body: FeedbackResponseInput,
    response: FeedbackResponseView,
    status: 201,
    idempotent: true,
    handler: async ({ tx, actor, audit, params, body, req }) => {
      const found = await tx.execute<{ branch_id: string; programme_id: string }>(
        sql`select c.branch_id::text, c.programme_id::text from cases c where c.id = ${params.caseId} and ${caseScope(actor)}`,
      );
      const scope = found.rows[0];
      if (!scope) throw notFound();
      const { template, figures, comments } = await checkedTemplate(tx, body, req.lang);
      const id = await insertResponse(
        tx,
        actor,
        {
          templateId: template.id,
          templateCode: template.code,
          caseId: params.caseId,
          facilityId: null,
          branchId: scope.branch_id,
          programmeId: scope.programme_id,
        },
        body,
        figures,
        comments,
      );
      await writeAudit(tx, audit, {
        action: 'create',
        recordType: 'feedback_response',
        recordId: id,
        details: auditIds({ caseId: params.caseId, template: template.code }),
      });
      return getResponse(tx, id);
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/feedback/facilities/:facilityId/responses',
    tag: 'feedback',
    summary: "Unsigned survey responses left at a facility, with their text answers (the facility's desk only)",
    access: { kind: 'permission', permission: 'housing.journal', records: 'organization' },
    params: FacilityParams,
    response: FeedbackResponseList,
    handler: async ({ tx, actor, params }) => {
      const found = await tx.execute(sql`select 1 from facilities f where f.id = ${params.facilityId} and ${facilityScope(actor)}`);
      if (found.rows.length === 0) throw notFound();
      const rows = await tx.execute<Row>(sql`${SELECT}
        where r.facility_id = ${params.facilityId} and r.case_id is null order by r.responded_on desc, r.created_at desc limit 200`);
      return { items: rows.rows.map(toView) };
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/feedback/facilities/:facilityId/responses',
    tag: 'feedback',
    summary: 'Record an unsigned survey response at a facility (no case link) — the facility desk',
    access: { kind: 'permission', permission: 'housing.journal', records: 'organization' },
    params: FacilityParams,
    body: FeedbackResponseInput,
    response: FeedbackResponseView,
    status: 201,
    idempotent: true,
    handler: async ({ tx, actor, audit, params, body, req }) => {
      const found = await tx.execute<{ branch_id: string; programme_id: string | null }>(
        sql`select f.branch_id::text, f.programme_id::text from facilities f where f.id = ${params.facilityId} and ${facilityScope(actor)}`,
      );
      const scope = found.rows[0];
      if (!scope) throw notFound();
      const { template, figures, comments } = await checkedTemplate(tx, body, req.lang);
      if (!template.definition.anonymous)
        throw invalidField('templateCode', 'validation.feedback_not_anonymous', translate(req.lang, 'validation.feedback_not_anonymous'));
      const id = await insertResponse(
        tx,
        actor,
        {
          templateId: template.id,
          templateCode: template.code,
          caseId: null,
          facilityId: params.facilityId,
          branchId: scope.branch_id,
          programmeId: scope.programme_id,
        },
        body,
        figures,
        comments,
      );
      await writeAudit(tx, audit, {
        action: 'create',
        recordType: 'feedback_response',
        recordId: id,
        details: auditIds({ facilityId: params.facilityId, template: template.code }),
      });
      return getResponse(tx, id);
    },
  });
}
