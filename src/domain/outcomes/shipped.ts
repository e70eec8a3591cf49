// The outcome framework Hearth ships: installed as every organisation's default, applied to every
// programme that has no framework of its own. The organisation edits it (admin or M&E officer).
// Migration 0010 installs the same list for organisations created before it.
import type { EvidenceRule, OutcomeTerm } from './contracts.js';

export interface ShippedOutcome {
  code: string;
  name: { ru: string; en: string };
  term: OutcomeTerm;
  evidenceRule: EvidenceRule | null;
}

const o = (code: string, ru: string, en: string, term: OutcomeTerm, evidenceRule: EvidenceRule | null): ShippedOutcome => ({
  code,
  name: { ru, en },
  term,
  evidenceRule,
});

export const SHIPPED_OUTCOMES: ShippedOutcome[] = [
  o('plan_drawn_up', 'Составлен индивидуальный план', 'An individual plan is drawn up', 'short', 'plan_drawn_up'),
  o('social_contacts_mapped', 'Составлена карта социальных связей', 'A map of social contacts is made', 'short', 'social_contacts_mapped'),
  o(
    'desired_future',
    'Мама сформулировала желаемое будущее',
    'The mother has formulated her desired future',
    'short',
    'desired_future_formulated',
  ),
  o('lawyer_informed', 'У юриста есть полная информация о ситуации', 'The lawyer has full information about the situation', 'short', null),
  o('trust_in_staff', 'Мама доверяет специалистам', 'The mother trusts the staff', 'short', null),
  o('plan_goals_completed', 'Цели плана выполнены', 'The plan goals are completed', 'medium', 'plan_goals_completed'),
  o(
    'relatives_reconnected',
    'Восстановлены связи с родственниками или друзьями',
    'Reconnected with relatives or friends',
    'medium',
    'relatives_reconnected',
  ),
  o('documents_complete', 'Документы в порядке', 'Documents are complete', 'medium', 'documents_complete'),
  o('benefits_applied', 'Оформлены пособия', 'Benefits are applied for', 'medium', 'benefits_applied'),
  o(
    'interaction_improved',
    'Улучшилось детско-родительское взаимодействие',
    'Parent–child interaction has improved',
    'medium',
    'parent_child_interaction_improved',
  ),
  o('lives_independently', 'Живёт самостоятельно', 'Lives independently', 'long', 'lives_independently'),
  o('cares_for_child', 'Сама заботится о ребёнке', 'Takes care of the child herself', 'long', null),
  o('child_with_family', 'Ребёнок живёт в семье, в безопасности', 'The child lives safely with the family', 'long', 'child_with_family'),
];
