// The feedback template rules: shipped templates are valid, only survey question kinds pass,
// answers are checked per question, words are kept apart from figures, and the summary's
// arithmetic (worked out by hand in each case).
import { describe, expect, it } from 'vitest';
import { SHIPPED_FEEDBACK_TEMPLATES } from './shipped.js';
import { feedbackProblems, FeedbackTemplateInput, splitAnswers, summarise } from './template.js';

const exit = FeedbackTemplateInput.parse(SHIPPED_FEEDBACK_TEMPLATES[0]);

describe('feedback templates', () => {
  it('ships two valid templates with both languages on every question', () => {
    const parsed = SHIPPED_FEEDBACK_TEMPLATES.map((t) => FeedbackTemplateInput.parse(t));
    expect(parsed.map((t) => t.code)).toEqual(['exit_interview', 'satisfaction']);
    for (const t of parsed) for (const q of t.questions) expect(q.text.ru && q.text.en).toBeTruthy();
  });

  it('refuses kinds a survey does not use, duplicate codes and empty templates', () => {
    const base = { code: 'x', name: { ru: 'Х', en: 'X' }, purpose: 'satisfaction' };
    const number = FeedbackTemplateInput.safeParse({ ...base, questions: [{ code: 'n', text: { ru: 'Ч', en: 'N' }, kind: 'number' }] });
    expect(number.error?.issues[0]?.path).toEqual(['questions', 0, 'kind']);
    const q = { code: 'a', text: { ru: 'А', en: 'A' }, kind: 'yes_no' };
    const twice = FeedbackTemplateInput.safeParse({ ...base, questions: [q, q] });
    expect(twice.error?.issues[0]?.path).toEqual(['questions', 1, 'code']);
    expect(FeedbackTemplateInput.safeParse({ ...base, questions: [] }).success).toBe(false);
  });

  it('checks each answer against its question', () => {
    expect(feedbackProblems(exit, { helped: 5, recommend: true, most_useful: 'lawyer', improve: 'ok' })).toEqual({});
    expect(feedbackProblems(exit, { helped: 0, recommend: 'yes', most_useful: 'spa', nope: 1, trust: 2.5 })).toEqual({
      helped: 'out_of_scale',
      recommend: 'invalid_type',
      most_useful: 'invalid_option',
      nope: 'unknown_field',
      trust: 'not_integer',
    });
  });

  it('keeps the words apart from the figures and drops empty answers', () => {
    expect(splitAnswers(exit, { helped: 4, improve: 'больше встреч', ready: null, recommend: false })).toEqual({
      figures: { helped: 4, recommend: false },
      comments: { improve: 'больше встреч' },
    });
  });

  it('summarises: average per scale, count per point and option, share of yes, no text', () => {
    // helped: 5 twice and 2 once → (10 + 2) / 3 = 4; recommend: yes 3, no 1 → 0.75; a stale value
    // (7, no longer on the scale) is ignored; most_useful: lawyer 2, psychologist 1.
    const summary = summarise(exit, [
      { question: 'helped', value: 5, count: 2 },
      { question: 'helped', value: 2, count: 1 },
      { question: 'helped', value: 7, count: 4 },
      { question: 'recommend', value: true, count: 3 },
      { question: 'recommend', value: false, count: 1 },
      { question: 'most_useful', value: 'lawyer', count: 2 },
      { question: 'most_useful', value: 'psychologist', count: 1 },
    ]);
    const by = Object.fromEntries(summary.map((s) => [s.code, s]));
    expect(Object.keys(by)).not.toContain('improve');
    expect(by.helped).toEqual({
      code: 'helped',
      kind: 'scale',
      answered: 3,
      average: 4,
      distribution: [
        { value: '1', count: 0 },
        { value: '2', count: 1 },
        { value: '3', count: 0 },
        { value: '4', count: 0 },
        { value: '5', count: 2 },
      ],
      yesShare: null,
    });
    expect(by.recommend).toMatchObject({ answered: 4, yesShare: 0.75 });
    expect(by.most_useful!.distribution).toEqual([
      { value: 'housing', count: 0 },
      { value: 'psychologist', count: 1 },
      { value: 'lawyer', count: 2 },
      { value: 'social', count: 0 },
      { value: 'other_mothers', count: 0 },
    ]);
    expect(by.trust).toMatchObject({ answered: 0, average: null });
    expect(by.contact_after).toMatchObject({ answered: 0, yesShare: null });
  });
});
