// Feedback templates (exit interview, satisfaction survey) are data the organisation edits, like
// assessment templates, but flat: a list of questions of four kinds, no domains and no scoring.
// The question shape and the answer checks are those of assessments, restricted to the kinds a
// survey needs. The pure summary of responses lives here too.
import { z } from 'zod';
import { answerProblem, Localized, Question, type AnswerValue } from '../assessments/template.js';

const code = z.string().regex(/^[a-z][a-z0-9_]{0,59}$/, { message: 'i18n:invalid_code' });

export const FEEDBACK_QUESTION_KINDS = ['scale', 'yes_no', 'single', 'text'] as const;
export type FeedbackQuestionKind = (typeof FEEDBACK_QUESTION_KINDS)[number];

export const FeedbackQuestion = Question.refine((q) => (FEEDBACK_QUESTION_KINDS as readonly string[]).includes(q.kind), {
  path: ['kind'],
  message: 'i18n:invalid_option',
});
export type FeedbackQuestion = z.infer<typeof FeedbackQuestion>;

export const FEEDBACK_PURPOSES = ['exit_interview', 'satisfaction'] as const;
export type FeedbackPurpose = (typeof FEEDBACK_PURPOSES)[number];

export const FeedbackTemplateInput = z
  .strictObject({
    code,
    name: Localized,
    description: Localized.nullable().default(null),
    purpose: z.enum(FEEDBACK_PURPOSES),
    /** Whether a response may be recorded with no case (a survey left at the shelter, unsigned). */
    anonymous: z.boolean().default(false),
    questions: z.array(FeedbackQuestion).min(1, { message: 'i18n:required' }).max(40),
  })
  .superRefine((t, ctx) => {
    const seen = new Set<string>();
    t.questions.forEach((q, i) => {
      if (seen.has(q.code)) ctx.addIssue({ code: 'custom', path: ['questions', i, 'code'], message: 'i18n:duplicate_code' });
      seen.add(q.code);
    });
  });
export type FeedbackTemplateInput = z.infer<typeof FeedbackTemplateInput>;

export type FeedbackAnswers = Record<string, AnswerValue>;

/** What is wrong with each answer (i18n keys under validation.*), keyed by question code. */
export function feedbackProblems(template: FeedbackTemplateInput, answers: FeedbackAnswers): Record<string, string> {
  const byCode = new Map(template.questions.map((q) => [q.code, q]));
  const problems: Record<string, string> = {};
  for (const [key, value] of Object.entries(answers)) {
    const question = byCode.get(key);
    const problem = question ? answerProblem(question, value) : 'unknown_field';
    if (problem) problems[key] = problem;
  }
  return problems;
}

/** Splits answers into the figures (scale, yes/no, choice) and the words (text), stored apart. */
export function splitAnswers(template: FeedbackTemplateInput, answers: FeedbackAnswers) {
  const figures: FeedbackAnswers = {};
  const comments: Record<string, string> = {};
  for (const q of template.questions) {
    const value = answers[q.code];
    if (value === undefined || value === null || value === '') continue;
    if (q.kind === 'text') comments[q.code] = String(value);
    else figures[q.code] = value;
  }
  return { figures, comments };
}

/** One answer value given by `count` responses (from a `group by question, value` query). */
export interface AnswerCount {
  question: string;
  value: AnswerValue;
  count: number;
}

export interface QuestionSummary {
  code: string;
  kind: Exclude<FeedbackQuestionKind, 'text'>;
  answered: number;
  /** Scale: the average answer, two decimals. */
  average: number | null;
  /** Scale (per point) and single choice (per option): how many gave each answer, in template order. */
  distribution: { value: string; count: number }[];
  /** Yes/no: the share of yes among those who answered, 0..1. */
  yesShare: number | null;
}

/**
 * The summary of a template's responses: per scale question the average and the count per point,
 * per choice question the count per option, per yes/no question the share of yes. Text questions
 * are left out on purpose: words can identify a person, figures for M&E must not.
 */
export function summarise(template: FeedbackTemplateInput, counts: readonly AnswerCount[]): QuestionSummary[] {
  return template.questions.flatMap((q): QuestionSummary[] => {
    if (q.kind !== 'scale' && q.kind !== 'yes_no' && q.kind !== 'single') return [];
    const mine = counts.filter((c) => c.question === q.code && answerProblem(q, c.value) === null && c.value !== null);
    const answered = mine.reduce((sum, c) => sum + c.count, 0);
    const countOf = (value: AnswerValue) => mine.filter((c) => c.value === value).reduce((sum, c) => sum + c.count, 0);
    if (q.kind === 'scale') {
      const total = mine.reduce((sum, c) => sum + Number(c.value) * c.count, 0);
      const points = Array.from({ length: q.max! - q.min! + 1 }, (_, i) => q.min! + i);
      return [
        {
          code: q.code,
          kind: 'scale',
          answered,
          average: answered === 0 ? null : Math.round((total / answered) * 100) / 100,
          distribution: points.map((p) => ({ value: String(p), count: countOf(p) })),
          yesShare: null,
        },
      ];
    }
    if (q.kind === 'yes_no') {
      return [
        {
          code: q.code,
          kind: 'yes_no',
          answered,
          average: null,
          distribution: [],
          yesShare: answered === 0 ? null : countOf(true) / answered,
        },
      ];
    }
    return [
      {
        code: q.code,
        kind: 'single',
        answered,
        average: null,
        distribution: q.options.map((o) => ({ value: o.code, count: countOf(o.code) })),
        yesShare: null,
      },
    ];
  });
}
