// Assessment templates are data the organisation edits: domains, questions, scoring and risk
// thresholds. This module holds their shape (Zod) and the pure scoring rules.
import { z } from 'zod';
import { ROLE_CODES } from '../access/permissions.js';
import { SENSITIVE_SECTIONS } from '../cases/sensitive.js';

/** Text in both interface languages. */
export const Localized = z.strictObject({ ru: z.string().trim().min(1).max(500), en: z.string().trim().min(1).max(500) });
export type Localized = z.infer<typeof Localized>;

const code = z.string().regex(/^[a-z][a-z0-9_]{0,59}$/, { message: 'i18n:invalid_code' });

export const RISK_LEVELS = ['low', 'medium', 'high'] as const;
export const RiskLevel = z.enum(RISK_LEVELS);
export type RiskLevel = z.infer<typeof RiskLevel>;

export const Anchor = z.strictObject({ value: z.number(), label: Localized });
export const Option = z.strictObject({ code, label: Localized, score: z.number().default(0) });

export const QUESTION_KINDS = ['scale', 'yes_no', 'single', 'multiple', 'number', 'text'] as const;
export const Question = z
  .strictObject({
    code,
    text: Localized,
    kind: z.enum(QUESTION_KINDS),
    /** What the question is about in a needs/risks/resources assessment. */
    aspect: z.enum(['need', 'risk', 'resource', 'other']).default('other'),
    /** Whether the answer counts in the domain score (text never does). */
    scored: z.boolean().default(true),
    min: z.number().optional(),
    max: z.number().optional(),
    anchors: z.array(Anchor).max(11).default([]),
    options: z.array(Option).max(30).default([]),
  })
  .superRefine((q, ctx) => {
    if (q.kind === 'scale') {
      if (q.min === undefined) ctx.addIssue({ code: 'custom', path: ['min'], message: 'i18n:required' });
      if (q.max === undefined) ctx.addIssue({ code: 'custom', path: ['max'], message: 'i18n:required' });
      if (q.min !== undefined && q.max !== undefined && q.max <= q.min)
        ctx.addIssue({ code: 'custom', path: ['max'], message: 'i18n:scale_order' });
    }
    if ((q.kind === 'single' || q.kind === 'multiple') && q.options.length < 2) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'i18n:too_few_options' });
    }
  });
export type Question = z.infer<typeof Question>;

export const Threshold = z.strictObject({ upTo: z.number(), level: RiskLevel });

export const Domain = z
  .strictObject({
    code,
    title: Localized,
    /** Answers in a sensitive domain follow the sensitive-section rules (stripped, reads audited). */
    sensitiveSection: z.enum(SENSITIVE_SECTIONS).nullable().default(null),
    scoring: z.enum(['sum', 'average']),
    /** Whether a higher score is better (skills, readiness) or worse (needs, risks). */
    higherIsBetter: z.boolean(),
    /** Ascending upper bounds: the first whose upTo ≥ score gives the level; above the last → the last level. */
    thresholds: z.array(Threshold).max(5).default([]),
    questions: z.array(Question).min(1).max(50),
  })
  .superRefine((d, ctx) => {
    for (let i = 1; i < d.thresholds.length; i++) {
      if (d.thresholds[i]!.upTo <= d.thresholds[i - 1]!.upTo)
        ctx.addIssue({ code: 'custom', path: ['thresholds', i, 'upTo'], message: 'i18n:threshold_order' });
    }
  });
export type Domain = z.infer<typeof Domain>;

export const TemplateInput = z
  .strictObject({
    code,
    name: Localized,
    description: Localized.nullable().default(null),
    /** Who is assessed: the family, one member, or a child of the family (parent–child interaction names the child). */
    subject: z.enum(['family', 'member', 'child']),
    /** Roles that may fill it in (staff on the case team with one of these roles). */
    roles: z.array(z.enum(ROLE_CODES)).min(1),
    /** How many days after the previous one a repeat is due (null: no schedule). */
    repeatEveryDays: z.number().int().min(7).max(730).nullable().default(null),
    domains: z.array(Domain).min(1, { message: 'i18n:no_domains' }).max(30),
  })
  .superRefine((t, ctx) => {
    const domainCodes = new Set<string>();
    const questionCodes = new Set<string>();
    t.domains.forEach((d, i) => {
      if (domainCodes.has(d.code)) ctx.addIssue({ code: 'custom', path: ['domains', i, 'code'], message: 'i18n:duplicate_code' });
      domainCodes.add(d.code);
      d.questions.forEach((q, j) => {
        if (questionCodes.has(q.code))
          ctx.addIssue({ code: 'custom', path: ['domains', i, 'questions', j, 'code'], message: 'i18n:duplicate_code' });
        questionCodes.add(q.code);
      });
    });
  });
export type TemplateInput = z.infer<typeof TemplateInput>;

export type AnswerValue = number | boolean | string | string[] | null;
export type Answers = Record<string, AnswerValue>;

/** Checks one answer against its question; returns an i18n key of what is wrong, or null. */
export function answerProblem(question: Question, value: AnswerValue): string | null {
  if (value === null) return null;
  switch (question.kind) {
    case 'scale':
      if (typeof value !== 'number' || !Number.isInteger(value)) return 'not_integer';
      return value < question.min! || value > question.max! ? 'out_of_scale' : null;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'invalid_type';
      if (question.min !== undefined && value < question.min) return 'out_of_scale';
      return question.max !== undefined && value > question.max ? 'out_of_scale' : null;
    case 'yes_no':
      return typeof value === 'boolean' ? null : 'invalid_type';
    case 'single':
      return typeof value === 'string' && question.options.some((o) => o.code === value) ? null : 'invalid_option';
    case 'multiple':
      return Array.isArray(value) && value.every((v) => question.options.some((o) => o.code === v)) ? null : 'invalid_option';
    case 'text':
      return typeof value === 'string' && value.length <= 5000 ? null : 'invalid_type';
  }
}

function numericValue(question: Question, value: AnswerValue): number | null {
  if (value === null || value === undefined || !question.scored) return null;
  switch (question.kind) {
    case 'scale':
    case 'number':
      return typeof value === 'number' ? value : null;
    case 'yes_no':
      return value === true ? 1 : value === false ? 0 : null;
    case 'single':
      return question.options.find((o) => o.code === value)?.score ?? null;
    case 'multiple':
      return Array.isArray(value) ? value.reduce((sum, v) => sum + (question.options.find((o) => o.code === v)?.score ?? 0), 0) : null;
    case 'text':
      return null;
  }
}

export interface DomainScore {
  domain: string;
  /** Null when no scored question was answered. */
  score: number | null;
  level: RiskLevel | null;
  answered: number;
}

export function levelFor(domain: Pick<Domain, 'thresholds'>, score: number | null): RiskLevel | null {
  if (score === null || domain.thresholds.length === 0) return null;
  return (domain.thresholds.find((t) => score <= t.upTo) ?? domain.thresholds.at(-1)!).level;
}

/** Scores every domain: sum or average of the scored answers given (unanswered ones are skipped). */
export function scoreDomains(domains: readonly Domain[], answers: Answers): DomainScore[] {
  return domains.map((domain) => {
    const values = domain.questions.map((q) => numericValue(q, answers[q.code] ?? null)).filter((v): v is number => v !== null);
    const total = values.reduce((a, b) => a + b, 0);
    const score = values.length === 0 ? null : domain.scoring === 'sum' ? total : Math.round((total / values.length) * 100) / 100;
    return { domain: domain.code, score, level: levelFor(domain, score), answered: values.length };
  });
}

const LEVEL_RANK: Record<RiskLevel, number> = { low: 0, medium: 1, high: 2 };

/** The overall risk level: the highest of the domains' levels. */
export function overallLevel(scores: readonly DomainScore[]): RiskLevel | null {
  const levels = scores.map((s) => s.level).filter((l): l is RiskLevel => l !== null);
  if (levels.length === 0) return null;
  return levels.reduce((a, b) => (LEVEL_RANK[b] > LEVEL_RANK[a] ? b : a));
}

export type Direction = 'better' | 'same' | 'worse';
export interface DomainChange {
  domain: string;
  from: number | null;
  to: number | null;
  delta: number | null;
  direction: Direction | null;
}

/** Change per domain between two assessments (matched by domain code, so template versions compare). */
export function compareScores(domains: readonly Domain[], before: readonly DomainScore[], after: readonly DomainScore[]): DomainChange[] {
  return domains.map((domain) => {
    const from = before.find((s) => s.domain === domain.code)?.score ?? null;
    const to = after.find((s) => s.domain === domain.code)?.score ?? null;
    if (from === null || to === null) return { domain: domain.code, from, to, delta: null, direction: null };
    const delta = Math.round((to - from) * 100) / 100;
    const direction: Direction = Math.abs(delta) < 0.005 ? 'same' : delta > 0 === domain.higherIsBetter ? 'better' : 'worse';
    return { domain: domain.code, from, to, delta, direction };
  });
}

/** "Improved by one point or more" on a domain where higher is better (the funders' indicator). */
export function improvedByAtLeast(change: DomainChange, points = 1): boolean {
  return change.delta !== null && change.direction === 'better' && Math.abs(change.delta) >= points - 1e-9;
}
