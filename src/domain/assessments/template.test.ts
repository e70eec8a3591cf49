// Scoring, risk thresholds and change detection of assessment templates.
import { describe, expect, it } from 'vitest';
import {
  compareScores,
  improvedByAtLeast,
  levelFor,
  overallLevel,
  scoreDomains,
  TemplateInput,
  answerProblem,
  type Domain,
} from './template.js';
import { INTERACTION_TEMPLATE, NEEDS_TEMPLATE, SHIPPED_TEMPLATES } from './shipped.js';

const needs = TemplateInput.parse(NEEDS_TEMPLATE);
const interaction = TemplateInput.parse(INTERACTION_TEMPLATE);

describe('scoring', () => {
  it('sums need and risk per domain and maps the sum to a level', () => {
    const scores = scoreDomains(needs.domains, {
      housing_need: 3,
      housing_risk: 2,
      housing_resources: 'Подруга поможет',
      documents_need: 1,
      documents_risk: 0,
    });
    expect(scores.find((s) => s.domain === 'housing')).toEqual({ domain: 'housing', score: 5, level: 'high', answered: 2 });
    expect(scores.find((s) => s.domain === 'documents')).toEqual({ domain: 'documents', score: 1, level: 'low', answered: 2 });
    expect(scores.find((s) => s.domain === 'income')).toEqual({ domain: 'income', score: null, level: null, answered: 0 });
    expect(overallLevel(scores)).toBe('high');
  });

  it('averages on scales where higher is better, with boundaries inclusive', () => {
    const domain = interaction.domains[0]!;
    expect(levelFor(domain, 2)).toBe('high');
    expect(levelFor(domain, 2.01)).toBe('medium');
    expect(levelFor(domain, 3)).toBe('medium');
    expect(levelFor(domain, 5)).toBe('low');
    expect(levelFor(domain, 7)).toBe('low');
    const avg: Domain = { ...domain, questions: [domain.questions[0]!, { ...domain.questions[0]!, code: 'second' }] };
    expect(scoreDomains([avg], { sensitivity_score: 2, second: 5 })[0]!.score).toBe(3.5);
  });

  it('scores yes/no, single and multiple choice by their option scores', () => {
    const domain: Domain = {
      code: 'd',
      title: { ru: 'Д', en: 'D' },
      sensitiveSection: null,
      scoring: 'sum',
      higherIsBetter: false,
      thresholds: [],
      questions: [
        { code: 'yn', text: { ru: 'Q', en: 'Q' }, kind: 'yes_no', aspect: 'other', scored: true, anchors: [], options: [] },
        {
          code: 'one',
          text: { ru: 'Q', en: 'Q' },
          kind: 'single',
          aspect: 'other',
          scored: true,
          anchors: [],
          options: [
            { code: 'a', label: { ru: 'a', en: 'a' }, score: 2 },
            { code: 'b', label: { ru: 'b', en: 'b' }, score: 5 },
          ],
        },
        {
          code: 'many',
          text: { ru: 'Q', en: 'Q' },
          kind: 'multiple',
          aspect: 'other',
          scored: true,
          anchors: [],
          options: [
            { code: 'x', label: { ru: 'x', en: 'x' }, score: 1 },
            { code: 'y', label: { ru: 'y', en: 'y' }, score: 3 },
          ],
        },
      ],
    };
    expect(scoreDomains([domain], { yn: true, one: 'b', many: ['x', 'y'] })[0]!.score).toBe(1 + 5 + 4);
    expect(scoreDomains([domain], { yn: false })[0]!.score).toBe(0);
  });

  it('refuses answers outside the scale, of the wrong type or unknown options', () => {
    const q = needs.domains[0]!.questions[0]!;
    expect(answerProblem(q, 4)).toBe('out_of_scale');
    expect(answerProblem(q, -1)).toBe('out_of_scale');
    expect(answerProblem(q, 1.5)).toBe('not_integer');
    expect(answerProblem(q, 'two')).toBe('not_integer');
    expect(answerProblem(q, 2)).toBeNull();
  });
});

describe('change between assessments', () => {
  it('tells better, same or worse by domain direction, and flags +1 point or more', () => {
    const before = scoreDomains(interaction.domains, { sensitivity_score: 2, control_conflict_score: 3, warmth_score: 4 });
    const after = scoreDomains(interaction.domains, { sensitivity_score: 3, control_conflict_score: 3, warmth_score: 2 });
    const change = compareScores(interaction.domains, before, after);
    expect(change.find((c) => c.domain === 'sensitivity')).toMatchObject({ delta: 1, direction: 'better' });
    expect(change.find((c) => c.domain === 'control_conflict')).toMatchObject({ delta: 0, direction: 'same' });
    expect(change.find((c) => c.domain === 'warmth')).toMatchObject({ delta: -2, direction: 'worse' });
    expect(change.find((c) => c.domain === 'stress')).toMatchObject({ delta: null, direction: null });
    expect(improvedByAtLeast(change.find((c) => c.domain === 'sensitivity')!)).toBe(true);
    expect(improvedByAtLeast(change.find((c) => c.domain === 'warmth')!)).toBe(false);
  });

  it('for needs, a lower score is better', () => {
    const before = scoreDomains(needs.domains, { housing_need: 3, housing_risk: 3 });
    const after = scoreDomains(needs.domains, { housing_need: 1, housing_risk: 0 });
    expect(compareScores(needs.domains, before, after)[0]).toMatchObject({ from: 6, to: 1, delta: -5, direction: 'better' });
  });
});

describe('template validation', () => {
  it('ships three valid templates', () => {
    for (const t of SHIPPED_TEMPLATES) expect(TemplateInput.safeParse(t).success, t.code).toBe(true);
  });

  it('refuses a template with no domains or duplicate question codes', () => {
    const none = TemplateInput.safeParse({ ...NEEDS_TEMPLATE, domains: [] });
    expect(none.success).toBe(false);
    expect(none.error!.issues[0]!.message).toBe('i18n:no_domains');
    const dup = TemplateInput.safeParse({ ...NEEDS_TEMPLATE, domains: [NEEDS_TEMPLATE.domains[0], NEEDS_TEMPLATE.domains[0]] });
    expect(dup.error!.issues.map((i) => i.path.join('.'))).toEqual(
      expect.arrayContaining(['domains.1.code', 'domains.1.questions.0.code']),
    );
  });
});
