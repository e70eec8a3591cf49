// A goal made from a need names the particular matters chosen in the assessment (the legal domain's
// divorce, alimony, housing rights), in the interface language.
import { describe, expect, it } from 'vitest';
import { NEEDS_TEMPLATE } from '../assessments/shipped.js';
import { TemplateInput } from '../assessments/template.js';
import { goalTitleFromNeed } from './from-needs.js';

const needs = TemplateInput.parse(NEEDS_TEMPLATE);
const legal = needs.domains.find((d) => d.code === 'legal')!;
const housing = needs.domains.find((d) => d.code === 'housing')!;

describe('the legal domain of the needs assessment', () => {
  it('asks which legal matters: divorce, alimony, housing rights, documents, parental rights', () => {
    const matters = legal.questions.find((q) => q.kind === 'multiple')!;
    expect(matters).toMatchObject({ code: 'legal_matters', aspect: 'need', scored: false });
    expect(matters.options.map((o) => o.code)).toEqual(
      expect.arrayContaining(['divorce', 'alimony', 'housing_rights', 'documents', 'parental_rights']),
    );
    expect(legal.title).toEqual({ ru: 'Правовые вопросы', en: 'Legal matters' });
  });
});

describe('goalTitleFromNeed', () => {
  it('names the matters chosen after the domain title', () => {
    const answers = { legal_need: 2, legal_matters: ['divorce', 'alimony'] };
    expect(goalTitleFromNeed(legal, answers, 'ru')).toBe('Правовые вопросы: развод, алименты');
    expect(goalTitleFromNeed(legal, answers, 'en')).toBe('Legal matters: divorce, alimony (child support)');
  });

  it('is the domain title when nothing particular was chosen or the domain does not ask', () => {
    expect(goalTitleFromNeed(legal, { legal_need: 3, legal_matters: [] }, 'ru')).toBe('Правовые вопросы');
    expect(goalTitleFromNeed(legal, { legal_need: 3 }, 'ru')).toBe('Правовые вопросы');
    expect(goalTitleFromNeed(housing, { housing_need: 3 }, 'ru')).toBe('Жильё');
  });
});
