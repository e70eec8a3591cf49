// Words for outcomes: the evidence sentence of a rule (dates in the user's format) and the name of
// an outcome in the current language.
import type { TFunction } from 'i18next';
import type { EvidenceView, OutcomeView } from '../../domain/outcomes/contracts.js';
import { formatDate } from '../app/format.js';
import { currentLanguage } from '../app/i18n.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function evidenceText(t: TFunction, evidence: EvidenceView): string {
  const params: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(evidence.params))
    params[key] = typeof value === 'string' && DATE.test(value) ? formatDate(value) : value;
  params.on = evidence.on ? formatDate(evidence.on) : '—';
  const source = evidence.params.source;
  // Rules that can be proven two ways say which one (lives_independently_stay_graduated, …).
  const key = typeof source === 'string' ? `${evidence.rule}_${source}` : evidence.rule;
  return t(`outcomes.evidence.${key}` as 'outcomes.evidence.plan_drawn_up', params);
}

export function outcomeName(outcome: Pick<OutcomeView, 'name'>): string {
  return outcome.name[currentLanguage()];
}

export const STATUS_COLOR = { achieved: 'green', not_achieved: 'red', open: 'gray' } as const;
