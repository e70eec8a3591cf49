// API contracts of assessments: templates (versioned), assessments with scores, amendments, change.
import { z } from 'zod';
import { isoDate, optionalText, text, uuid, version } from '../validation.js';
import { RiskLevel, TemplateInput } from './template.js';

export const TemplateView = z.object({
  id: uuid,
  code: z.string(),
  version: z.number(),
  definition: TemplateInput,
  active: z.boolean(),
  createdAt: z.string(),
});
export type TemplateView = z.infer<typeof TemplateView>;
export const TemplateList = z.object({ items: z.array(TemplateView) });
export const TemplateUpdateInput = z.strictObject({ definition: TemplateInput, active: z.boolean().default(true), version });

const AnswerValue = z.union([z.number(), z.boolean(), z.string().max(5000), z.array(z.string().max(60)).max(30), z.null()]);
export const AnswersInput = z.record(z.string().max(60), AnswerValue);

export const AssessmentInput = z.strictObject({
  templateCode: z.string().max(60),
  memberId: uuid.nullable().default(null),
  conductedOn: isoDate.refine((v) => v <= new Date().toISOString().slice(0, 10), { message: 'i18n:date_in_future' }),
  answers: AnswersInput,
  notes: optionalText(5000),
});
export type AssessmentInput = z.infer<typeof AssessmentInput>;

export const AmendmentInput = z.strictObject({ answers: AnswersInput, reason: text(2000) });

export const DomainScoreView = z.object({
  domain: z.string(),
  score: z.number().nullable(),
  level: RiskLevel.nullable(),
  answered: z.number(),
});
export const DomainChangeView = z.object({
  domain: z.string(),
  from: z.number().nullable(),
  to: z.number().nullable(),
  delta: z.number().nullable(),
  direction: z.enum(['better', 'same', 'worse']).nullable(),
});

export const AssessmentSummary = z.object({
  id: uuid,
  caseId: uuid,
  templateId: uuid,
  templateCode: z.string(),
  templateVersion: z.number(),
  templateName: z.string(),
  memberId: uuid.nullable(),
  /** The first name of the member assessed (the child in parent–child interaction); null for the family. */
  memberFirstName: z.string().nullable(),
  conductedOn: z.string(),
  conductedBy: z.string(),
  scores: z.array(DomainScoreView),
  overallLevel: RiskLevel.nullable(),
  amended: z.boolean(),
  /** Domains left out because the caller may not see their sensitive section. */
  hiddenDomains: z.array(z.string()),
});
export type AssessmentSummary = z.infer<typeof AssessmentSummary>;

export const AmendmentView = z.object({ id: uuid, at: z.string(), by: z.string(), reason: z.string(), answers: AnswersInput });

export const AssessmentView = AssessmentSummary.extend({
  answers: AnswersInput,
  notes: z.string(),
  amendments: z.array(AmendmentView),
  template: TemplateInput,
  /** Change against the previous assessment of the same template and subject, if any. */
  change: z.array(DomainChangeView),
});
export type AssessmentView = z.infer<typeof AssessmentView>;

export const AssessmentList = z.object({ items: z.array(AssessmentSummary) });
