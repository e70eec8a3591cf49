// Assessments of a family or a member within a case: filled from a template version, scored by the
// pure rules in src/domain/assessments/template.ts, corrected only by visible amendments. Answers
// and scores in sensitive domains are stripped for those who may not see the section; a read that
// returns them is audited.
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { IdParams } from '../../domain/access/contracts.js';
import {
  AmendmentInput,
  AssessmentInput,
  AssessmentList,
  AssessmentView,
  type AssessmentSummary,
} from '../../domain/assessments/contracts.js';
import {
  answerProblem,
  compareScores,
  overallLevel,
  scoreDomains,
  type Answers,
  type DomainScore,
  type TemplateInput,
} from '../../domain/assessments/template.js';
import type { SensitiveSection } from '../../domain/cases/sensitive.js';
import { translate, type Language } from '../../domain/i18n/index.js';
import type { FieldError } from '../../domain/errors.js';
import { auditCodes, auditIds, writeAudit, type AuditContext } from '../audit/audit.js';
import type { Tx } from '../db/engine.js';
import type { Actor } from '../http/context.js';
import { AppError, forbidden, invalidField, notFound } from '../http/errors.js';
import { defineRoute } from '../http/route.js';
import { caseInScope, caseScope, sectionsFor } from '../cases/scope.js';
import { appendEvent } from '../cases/routes.js';
import { findCurrentTemplate, getTemplateVersion } from './templates.js';

type Row = Record<string, unknown>;
const parse = <T>(value: unknown) => (typeof value === 'string' ? JSON.parse(value) : value) as T;
const read = { kind: 'permission', permission: 'cases.read', records: 'case_team' } as const;

function validateAnswers(template: TemplateInput, answers: Answers, lang: Language): void {
  const questions = new Map(template.domains.flatMap((d) => d.questions.map((q) => [q.code, q] as const)));
  const fields: FieldError[] = [];
  for (const [code, value] of Object.entries(answers)) {
    const question = questions.get(code);
    const problem = question ? answerProblem(question, value) : 'unknown_field';
    if (problem) fields.push({ path: `answers.${code}`, code: `validation.${problem}`, message: translate(lang, `validation.${problem}`) });
  }
  if (fields.length > 0) throw new AppError('validation', 'errors.validation', {}, fields);
}

function hiddenDomains(template: TemplateInput, sections: readonly SensitiveSection[]): Set<string> {
  return new Set(template.domains.filter((d) => d.sensitiveSection && !sections.includes(d.sensitiveSection)).map((d) => d.code));
}

function stripAnswers(template: TemplateInput, answers: Answers, hidden: Set<string>): Answers {
  const hiddenQuestions = new Set(template.domains.filter((d) => hidden.has(d.code)).flatMap((d) => d.questions.map((q) => q.code)));
  return Object.fromEntries(Object.entries(answers).filter(([code]) => !hiddenQuestions.has(code)));
}

interface Loaded {
  row: Row;
  template: TemplateInput;
  templateVersion: number;
  templateCode: string;
}

async function loadAssessments(tx: Tx, where: ReturnType<typeof sql>): Promise<Loaded[]> {
  const rows = await tx.execute<Row>(sql`
    select a.*, t.code as template_code, t.version as template_version, t.definition,
      trim(u.last_name || ' ' || u.first_name) as conducted_by_name, mb.first_name as member_first_name,
      exists (select 1 from assessment_amendments m where m.assessment_id = a.id) as amended
    from assessments a join assessment_templates t on t.id = a.template_id join users u on u.id = a.conducted_by
      left join members mb on mb.id = a.member_id
    where ${where} order by a.conducted_on, a.created_at`);
  return rows.rows.map((row) => ({
    row,
    template: parse<TemplateInput>(row.definition),
    templateVersion: Number(row.template_version),
    templateCode: row.template_code as string,
  }));
}

function toSummary(a: Loaded, lang: Language, sections: readonly SensitiveSection[]): AssessmentSummary {
  const hidden = hiddenDomains(a.template, sections);
  const scores = parse<DomainScore[]>(a.row.scores).filter((s) => !hidden.has(s.domain));
  return {
    id: a.row.id as string,
    caseId: a.row.case_id as string,
    templateId: a.row.template_id as string,
    templateCode: a.templateCode,
    templateVersion: a.templateVersion,
    templateName: a.template.name[lang],
    memberId: (a.row.member_id as string | null) ?? null,
    memberFirstName: (a.row.member_first_name as string | null) ?? null,
    conductedOn: String(a.row.conducted_on).slice(0, 10),
    conductedBy: a.row.conducted_by_name as string,
    scores,
    // The overall level is computed over what the reader may see, so it cannot leak a hidden domain.
    overallLevel: overallLevel(scores),
    amended: Boolean(a.row.amended),
    hiddenDomains: [...hidden],
  };
}

async function getAssessment(tx: Tx, actor: Actor, id: string, lang: Language, audit: AuditContext): Promise<AssessmentView> {
  const [a] = await loadAssessments(
    tx,
    sql`a.id = ${id} and exists (select 1 from cases c where c.id = a.case_id and ${caseScope(actor)})`,
  );
  if (!a) throw notFound();
  const familyId = (await caseInScope(tx, actor, a.row.case_id as string)).familyId;
  const sections = await sectionsFor(tx, actor, familyId);
  const hidden = hiddenDomains(a.template, sections);
  const summary = toSummary(a, lang, sections);
  const amendments = await tx.execute<Row>(sql`
    select m.id::text, m.at, m.reason, m.answers, trim(u.last_name || ' ' || u.first_name) as by
    from assessment_amendments m join users u on u.id = m.amended_by where m.assessment_id = ${id} order by m.at`);
  const previous = await loadAssessments(
    tx,
    sql`a.case_id = ${a.row.case_id} and t.code = ${a.templateCode} and a.member_id is not distinct from ${a.row.member_id}
      and (a.conducted_on, a.created_at) < (${a.row.conducted_on}, ${a.row.created_at}) and a.id <> ${id}`,
  );
  const before = previous.at(-1);
  const visibleDomains = a.template.domains.filter((d) => !hidden.has(d.code));
  const sensitiveShown = a.template.domains.filter((d) => d.sensitiveSection && !hidden.has(d.code)).map((d) => d.sensitiveSection);
  if (sensitiveShown.length > 0) {
    await writeAudit(tx, audit, {
      action: 'read_sensitive',
      recordType: 'assessment',
      recordId: id,
      details: { sections: auditCodes([...new Set(sensitiveShown)].filter((s) => s !== null)) },
    });
  }
  return {
    ...summary,
    answers: stripAnswers(a.template, parse<Answers>(a.row.answers), hidden),
    notes: a.row.notes as string,
    amendments: amendments.rows.map((m) => ({
      id: m.id as string,
      at: new Date(m.at as string).toISOString(),
      by: m.by as string,
      reason: m.reason as string,
      answers: stripAnswers(a.template, parse<Answers>(m.answers), hidden),
    })),
    template: { ...a.template, domains: visibleDomains },
    change: before ? compareScores(visibleDomains, parse<DomainScore[]>(before.row.scores), parse<DomainScore[]>(a.row.scores)) : [],
  };
}

export function registerAssessmentRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/cases/:id/assessments',
    tag: 'assessments',
    summary: 'Assessments of a case with their scores (sensitive domains left out for those who may not see them)',
    access: read,
    params: IdParams,
    response: AssessmentList,
    handler: async ({ tx, actor, params, req }) => {
      const { familyId } = await caseInScope(tx, actor, params.id);
      const sections = await sectionsFor(tx, actor, familyId);
      const items = await loadAssessments(tx, sql`a.case_id = ${params.id}`);
      return { items: items.map((a) => toSummary(a, req.lang, sections)) };
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/cases/:id/assessments',
    tag: 'assessments',
    summary: 'Record a completed assessment from the current version of a template',
    access: read,
    params: IdParams,
    body: AssessmentInput,
    response: AssessmentView,
    status: 201,
    idempotent: true,
    handler: async ({ tx, actor, audit, params, body, req }) => {
      const { familyId } = await caseInScope(tx, actor, params.id);
      const template = await findCurrentTemplate(tx, body.templateCode);
      if (!template || !template.active)
        throw invalidField('templateCode', 'errors.assessment_unknown_template', translate(req.lang, 'errors.assessment_unknown_template'));
      if (!template.definition.roles.some((role) => actor.roles.includes(role))) throw forbidden('errors.not_in_template_roles');
      const subject = template.definition.subject;
      if (subject !== 'family' && !body.memberId)
        throw invalidField('memberId', 'validation.required', translate(req.lang, 'validation.required'));
      if (body.memberId) {
        const member = await tx.execute<{ relation: string }>(
          sql`select relation from members where id = ${body.memberId} and family_id = ${familyId}`,
        );
        if (member.rows.length === 0)
          throw invalidField('memberId', 'validation.invalid_option', translate(req.lang, 'validation.invalid_option'));
        // Parent–child interaction is about one child born and in the family, named on the assessment.
        if (subject === 'child' && member.rows[0]!.relation !== 'child')
          throw invalidField('memberId', 'errors.assessment_not_a_child', translate(req.lang, 'errors.assessment_not_a_child'));
      }
      validateAnswers(template.definition, body.answers, req.lang);
      // Sensitive domains may be filled only by those who may see them.
      const sections = await sectionsFor(tx, actor, familyId);
      const hidden = hiddenDomains(template.definition, sections);
      const answers = stripAnswers(template.definition, body.answers, hidden);
      const scores = scoreDomains(template.definition.domains, answers);
      const rows = await tx.execute<{ id: string }>(sql`
        insert into assessments (org_id, case_id, template_id, member_id, conducted_on, conducted_by, answers, scores, overall_level, notes)
        values (${actor.orgId}, ${params.id}, ${template.id}, ${body.memberId}, ${body.conductedOn}, ${actor.userId},
          ${JSON.stringify(answers)}::jsonb, ${JSON.stringify(scores)}::jsonb, ${overallLevel(scores)}, ${body.notes}) returning id::text`);
      const id = rows.rows[0]!.id;
      await appendEvent(tx, actor, params.id, 'assessment_completed', {
        assessmentId: id,
        templateCode: template.code,
        conductedOn: body.conductedOn,
        memberId: body.memberId,
      });
      await writeAudit(tx, audit, {
        action: 'create',
        recordType: 'assessment',
        recordId: id,
        details: auditIds({ caseId: params.id, template: template.code }),
      });
      return getAssessment(tx, actor, id, req.lang, audit);
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/assessments/:id',
    tag: 'assessments',
    summary: 'One assessment: answers, amendments, scores and change against the previous one',
    access: read,
    params: IdParams,
    response: AssessmentView,
    handler: async ({ tx, actor, audit, params, req }) => {
      const view = await getAssessment(tx, actor, params.id, req.lang, audit);
      await writeAudit(tx, audit, { action: 'read', recordType: 'assessment', recordId: params.id });
      return view;
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/assessments/:id/amendments',
    tag: 'assessments',
    summary: 'Correct a completed assessment: the correction is kept beside the original, with its reason',
    access: read,
    params: IdParams,
    body: AmendmentInput,
    response: AssessmentView,
    status: 201,
    handler: async ({ tx, actor, audit, params, body, req }) => {
      const [a] = await loadAssessments(
        tx,
        sql`a.id = ${params.id} and exists (select 1 from cases c where c.id = a.case_id and ${caseScope(actor)})`,
      );
      if (!a) throw notFound();
      if (!a.template.roles.some((role) => actor.roles.includes(role))) throw forbidden('errors.not_in_template_roles');
      if (Object.keys(body.answers).length === 0)
        throw invalidField('answers', 'validation.required', translate(req.lang, 'validation.required'));
      validateAnswers(a.template, body.answers, req.lang);
      const { familyId } = await caseInScope(tx, actor, a.row.case_id as string);
      const hidden = hiddenDomains(a.template, await sectionsFor(tx, actor, familyId));
      const amendment = stripAnswers(a.template, body.answers, hidden);
      if (Object.keys(amendment).length < Object.keys(body.answers).length) throw forbidden();
      const previous = await tx.execute<{ answers: unknown }>(
        sql`select answers from assessment_amendments where assessment_id = ${params.id} order by at`,
      );
      const effective = Object.assign(
        {},
        parse<Answers>(a.row.answers),
        ...previous.rows.map((r) => parse<Answers>(r.answers)),
        amendment,
      ) as Answers;
      const scores = scoreDomains(a.template.domains, effective);
      await tx.execute(sql`insert into assessment_amendments (org_id, assessment_id, answers, reason, amended_by)
        values (${actor.orgId}, ${params.id}, ${JSON.stringify(amendment)}::jsonb, ${body.reason}, ${actor.userId})`);
      // Scores are derived: they follow the effective answers; the original answers stay as recorded.
      await tx.execute(
        sql`update assessments set scores = ${JSON.stringify(scores)}::jsonb, overall_level = ${overallLevel(scores)} where id = ${params.id}`,
      );
      await appendEvent(tx, actor, a.row.case_id as string, 'assessment_amended', { assessmentId: params.id, reason: body.reason });
      await writeAudit(tx, audit, {
        action: 'update',
        recordType: 'assessment',
        recordId: params.id,
        // The amended answers and the reason are kept in assessment_amendments and the case's history.
        details: { fields: auditCodes(Object.keys(amendment)) },
      });
      return getAssessment(tx, actor, params.id, req.lang, audit);
    },
  });

  // Template versions are readable by id for the assessment view of old versions.
  defineRoute(app, {
    method: 'GET',
    url: '/api/assessment-templates/versions/:id',
    tag: 'assessments',
    summary: 'A specific template version (the one an old assessment was made with)',
    access: { kind: 'signed_in', records: 'organization' },
    params: IdParams,
    response: z.object({ id: z.string(), code: z.string(), version: z.number(), definition: z.unknown() }),
    handler: async ({ tx, params }) => {
      const t = await getTemplateVersion(tx, params.id);
      return { id: t.id, code: t.code, version: t.version, definition: t.definition };
    },
  });
}
