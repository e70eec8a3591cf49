// The feedback summary per period (and programme/branch): how many responses, the average of each
// scale question, the distribution of each choice, the share of yes. Figures only: this reads the
// `answers` column and never `comments` (the words stay with the case team).
import { sql, type SQL } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { AnswerValue } from '../../domain/assessments/template.js';
import { FeedbackSummary, FeedbackSummaryQuery } from '../../domain/feedback/contracts.js';
import { summarise, type AnswerCount } from '../../domain/feedback/template.js';
import { translate } from '../../domain/i18n/index.js';
import type { Tx } from '../db/engine.js';
import { invalidField, notFound } from '../http/errors.js';
import type { Actor } from '../http/context.js';
import { defineRoute } from '../http/route.js';
import { cellRule, countCell } from '../indicators/small-cells.js';
import { findCurrentFeedbackTemplate } from './templates.js';

/**
 * The summary as this reader may see it (issue 11, point 6): the answers to each question, how each
 * choice was answered and the anonymous responses are cells of people, hidden under the organisation's
 * threshold ("<N"; an average or share on a hidden count "—") from a reader who cannot open the cases
 * of every branch whose responses are behind them (the M&E officer, another branch's coordinator); the
 * coordinators and supervisors of those branches read them exactly. The number of responses is the
 * organisation's (or programme's) total and stays, unless narrowed to one branch (its cell).
 */
function suppressSummary(summary: FeedbackSummary, threshold: number, branchId: string | undefined): FeedbackSummary {
  const cell = (value: number | string) => (typeof value === 'number' ? countCell(value, false, threshold) : value);
  const share = (answered: number | string, value: number | string | null) =>
    typeof answered === 'string' && value !== null ? '—' : value;
  return {
    ...summary,
    responses: branchId ? cell(summary.responses) : summary.responses,
    anonymousResponses: cell(summary.anonymousResponses),
    questions: summary.questions.map((q) => {
      const answered = cell(q.answered);
      return {
        ...q,
        answered,
        average: share(answered, q.average),
        yesShare: share(answered, q.yesShare),
        distribution: q.distribution.map((d) => ({ ...d, count: cell(d.count) })),
      };
    }),
  };
}

export async function feedbackSummary(tx: Tx, query: FeedbackSummaryQuery, actor?: Actor): Promise<FeedbackSummary> {
  const template = await findCurrentFeedbackTemplate(tx, query.templateCode);
  if (!template) throw notFound();
  const where: SQL[] = [sql`r.template_code = ${query.templateCode}`, sql`r.responded_on between ${query.from} and ${query.to}`];
  if (query.programmeId) where.push(sql`r.programme_id = ${query.programmeId}`);
  if (query.branchId) where.push(sql`r.branch_id = ${query.branchId}`);
  const condition = sql.join(where, sql` and `);
  const totals = await tx.execute<{ n: number; anonymous: number }>(sql`
    select count(*)::int as n, (count(*) filter (where r.case_id is null))::int as anonymous from feedback_responses r where ${condition}`);
  const counts = await tx.execute<{ question: string; value: string; n: number }>(sql`
    select a.key as question, a.value::text as value, count(*)::int as n
    from feedback_responses r cross join lateral jsonb_each(r.answers) a
    where ${condition} group by a.key, a.value`);
  const answerCounts: AnswerCount[] = counts.rows.map((row) => ({
    question: row.question,
    // Read as JSON text, so a string answer and a number answer come back as what they were.
    value: JSON.parse(row.value) as AnswerValue,
    count: Number(row.n),
  }));
  const definition = template.definition;
  const questions = summarise(definition, answerCounts).map((s) => {
    const question = definition.questions.find((q) => q.code === s.code)!;
    return {
      ...s,
      text: question.text,
      distribution: s.distribution.map((d) => ({
        ...d,
        label:
          s.kind === 'single'
            ? question.options.find((o) => o.code === d.value)!.label
            : (question.anchors.find((a) => String(a.value) === d.value)?.label ?? { ru: d.value, en: d.value }),
      })),
    };
  });
  const summary: FeedbackSummary = {
    templateCode: template.code,
    templateName: definition.name,
    from: query.from,
    to: query.to,
    responses: Number(totals.rows[0]?.n ?? 0),
    anonymousResponses: Number(totals.rows[0]?.anonymous ?? 0),
    questions,
  };
  if (!actor) return summary;
  // Exact for a reader who opens the cases of every branch whose responses are counted.
  const rule = await cellRule(tx, actor, query);
  const branches = await tx.execute<{ branch_id: string | null }>(
    sql`select distinct r.branch_id::text as branch_id from feedback_responses r where ${condition}`,
  );
  return branches.rows.every((row) => rule.exact(row.branch_id)) ? summary : suppressSummary(summary, rule.threshold, query.branchId);
}

export function registerFeedbackSummaryRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/feedback/summary',
    tag: 'feedback',
    summary: 'Summary of a feedback template over a period (figures only, no text answers, no identities)',
    access: { kind: 'permission', permission: 'indicators.read', records: 'organization' },
    query: FeedbackSummaryQuery,
    response: FeedbackSummary,
    handler: async ({ tx, actor, query, req }) => {
      if (query.to < query.from) throw invalidField('to', 'validation.period_order', translate(req.lang, 'validation.period_order'));
      return feedbackSummary(tx, query, actor);
    },
  });
}
