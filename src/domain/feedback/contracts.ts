// API contracts of feedback: templates (versioned data), responses per case or unsigned at a
// shelter, and the summary per period that carries figures only.
import { z } from 'zod';
import { AnswersInput } from '../assessments/contracts.js';
import { Localized } from '../assessments/template.js';
import { isoDate, uuid, version } from '../validation.js';
import { FeedbackTemplateInput } from './template.js';

export const FeedbackTemplateView = z.object({
  id: uuid,
  code: z.string(),
  version: z.number(),
  definition: FeedbackTemplateInput,
  active: z.boolean(),
  createdAt: z.string(),
});
export type FeedbackTemplateView = z.infer<typeof FeedbackTemplateView>;
export const FeedbackTemplateList = z.object({ items: z.array(FeedbackTemplateView) });
export const FeedbackTemplateUpdateInput = z.strictObject({
  definition: FeedbackTemplateInput,
  active: z.boolean().default(true),
  version,
});
export type FeedbackTemplateUpdateInput = z.infer<typeof FeedbackTemplateUpdateInput>;
/** A new form of the organisation's own (its code is taken once, by the first version). */
export const FeedbackTemplateCreateInput = z.strictObject({ definition: FeedbackTemplateInput, active: z.boolean().default(true) });
export type FeedbackTemplateCreateInput = z.infer<typeof FeedbackTemplateCreateInput>;

const notInFuture = isoDate.refine((v) => v <= new Date().toISOString().slice(0, 10), { message: 'i18n:date_in_future' });

export const FeedbackResponseInput = z.strictObject({
  templateCode: z.string().regex(/^[a-z][a-z0-9_]{0,59}$/, { message: 'i18n:invalid_code' }),
  respondedOn: notInFuture,
  answers: AnswersInput,
});
export type FeedbackResponseInput = z.infer<typeof FeedbackResponseInput>;

export const FeedbackResponseView = z.object({
  id: uuid,
  templateCode: z.string(),
  templateVersion: z.number(),
  templateName: Localized,
  caseId: uuid.nullable(),
  facilityId: uuid.nullable(),
  respondedOn: z.string(),
  /** Figures and words together: this view is for the case team (or the shelter's desk) only. */
  answers: AnswersInput,
  recordedBy: z.string(),
  createdAt: z.string(),
});
export type FeedbackResponseView = z.infer<typeof FeedbackResponseView>;
export const FeedbackResponseList = z.object({ items: z.array(FeedbackResponseView) });

export const FeedbackSummaryQuery = z.strictObject({
  templateCode: z.string().regex(/^[a-z][a-z0-9_]{0,59}$/, { message: 'i18n:invalid_code' }),
  from: isoDate,
  to: isoDate,
  programmeId: uuid.optional(),
  branchId: uuid.optional(),
});
export type FeedbackSummaryQuery = z.infer<typeof FeedbackSummaryQuery>;

/** A count of responses, or "<5" where a small cell this reader may not see exactly (server/indicators/small-cells.ts). */
const SummaryCount = z.union([z.number(), z.string()]);
/** An average or share, null with no answer, "—" when built on a hidden small count. */
const SummaryShare = z.union([z.number(), z.string()]).nullable();

export const QuestionSummaryView = z.object({
  code: z.string(),
  text: Localized,
  kind: z.enum(['scale', 'yes_no', 'single']),
  answered: SummaryCount,
  average: SummaryShare,
  distribution: z.array(z.object({ value: z.string(), label: Localized, count: SummaryCount })),
  yesShare: SummaryShare,
});
export const FeedbackSummary = z.object({
  templateCode: z.string(),
  templateName: Localized,
  from: z.string(),
  to: z.string(),
  responses: SummaryCount,
  anonymousResponses: SummaryCount,
  questions: z.array(QuestionSummaryView),
});
export type FeedbackSummary = z.infer<typeof FeedbackSummary>;
