// A plan goal made from a need of an assessment: the domain's title, and — when the domain asks which
// particular matters the need is about (the legal domain: divorce, alimony, housing rights…) — the
// matters chosen, so the goal says what is to be solved («Правовые вопросы: развод, алименты»).
import type { Answers, Domain } from '../assessments/template.js';
import type { Language } from '../i18n/index.js';

export function goalTitleFromNeed(domain: Domain, answers: Answers, lang: Language): string {
  const title = domain.title[lang];
  const matters = domain.questions
    .filter((q) => q.kind === 'multiple' && q.aspect === 'need')
    .flatMap((q) => {
      const chosen = answers[q.code];
      return Array.isArray(chosen) ? q.options.filter((o) => chosen.includes(o.code)).map((o) => o.label[lang]) : [];
    });
  if (matters.length === 0) return title;
  // «Правовые вопросы: развод, алименты» — a label after the colon starts lower case, as in a sentence.
  const lowered = matters.map((m) => m.charAt(0).toLowerCase() + m.slice(1));
  return `${title}: ${lowered.join(', ')}`.slice(0, 500);
}
