// How assessment results look everywhere: risk level colours, change arrows, template texts in the
// interface language.
import { useTranslation } from 'react-i18next';
import type { Localized, RiskLevel } from '../../domain/assessments/template.js';
import { isLanguage } from '../app/i18n.js';

export const LEVEL_COLOR: Record<RiskLevel, string> = { low: 'green', medium: 'orange', high: 'red' };
export const DIRECTION_COLOR = { better: 'green', same: 'gray', worse: 'red' } as const;

/** Picks the text of a template field in the interface language. */
export function useLocalized(): (text: Localized) => string {
  const { i18n } = useTranslation();
  const language = isLanguage(i18n.language) ? i18n.language : 'ru';
  return (text) => text[language];
}

/** A score the way people read it: whole numbers as they are, averages with up to two decimals. */
export function formatScore(score: number | null, language: string): string {
  if (score === null) return '—';
  return new Intl.NumberFormat(language === 'ru' ? 'ru-RU' : 'en-GB', { maximumFractionDigits: 2 }).format(score);
}

export function formatDelta(delta: number, language: string): string {
  const sign = delta > 0 ? '+' : delta < 0 ? '−' : '±';
  return `${sign}${formatScore(Math.abs(delta), language)}`;
}
