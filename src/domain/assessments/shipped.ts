// The three templates Hearth ships, ready to use and editable by the organisation (an edit makes a
// new version; past assessments keep the version they were made with).
import type { TemplateInput } from './template.js';
import type { SensitiveSection } from '../cases/sensitive.js';

const L = (ru: string, en: string) => ({ ru, en });

const needScale = {
  kind: 'scale' as const,
  min: 0,
  max: 3,
  scored: true,
  options: [],
  anchors: [
    { value: 0, label: L('Нет потребности', 'No need') },
    { value: 1, label: L('Небольшая', 'Minor') },
    { value: 2, label: L('Существенная', 'Significant') },
    { value: 3, label: L('Острая', 'Acute') },
  ],
};
const riskScale = {
  kind: 'scale' as const,
  min: 0,
  max: 3,
  scored: true,
  options: [],
  anchors: [
    { value: 0, label: L('Риска нет', 'No risk') },
    { value: 1, label: L('Низкий', 'Low') },
    { value: 2, label: L('Средний', 'Medium') },
    { value: 3, label: L('Высокий', 'High') },
  ],
};

/**
 * A needs domain: need, risk, resources — and, when given, which particular matters the need is
 * about (a multiple choice that does not count in the score; a plan goal made from the need names them).
 */
function needsDomain(
  code: string,
  title: [string, string],
  sensitive: SensitiveSection | null = null,
  matters: [code: string, ru: string, en: string][] = [],
) {
  const which = matters.length
    ? [
        {
          kind: 'multiple' as const,
          code: `${code}_matters`,
          aspect: 'need' as const,
          scored: false,
          anchors: [],
          options: matters.map(([option, ru, en]) => ({ code: option, label: L(ru, en), score: 0 })),
          text: L('Какие вопросы нужно решить?', 'Which matters need solving?'),
        },
      ]
    : [];
  return {
    code,
    title: L(...title),
    sensitiveSection: sensitive,
    scoring: 'sum' as const,
    higherIsBetter: false,
    // need + risk, 0..6
    thresholds: [
      { upTo: 1, level: 'low' as const },
      { upTo: 3, level: 'medium' as const },
      { upTo: 6, level: 'high' as const },
    ],
    questions: [
      ...which,
      { ...needScale, code: `${code}_need`, aspect: 'need' as const, text: L('Насколько велика потребность?', 'How great is the need?') },
      { ...riskScale, code: `${code}_risk`, aspect: 'risk' as const, text: L('Насколько высок риск?', 'How high is the risk?') },
      {
        kind: 'text' as const,
        code: `${code}_resources`,
        aspect: 'resource' as const,
        scored: false,
        anchors: [],
        options: [],
        text: L('Ресурсы и сильные стороны семьи', "The family's resources and strengths"),
      },
    ],
  };
}

export const NEEDS_TEMPLATE: TemplateInput = {
  code: 'family_needs',
  name: L('Потребности, риски и ресурсы семьи', 'Needs, risks and resources of the family'),
  description: L('Комплексная оценка при приёме и при пересмотре плана', 'A holistic assessment at admission and at plan reviews'),
  subject: 'family',
  roles: ['coordinator', 'case_worker', 'psychologist', 'lawyer', 'supervisor'],
  repeatEveryDays: 90,
  domains: [
    needsDomain('housing', ['Жильё', 'Housing']),
    needsDomain('documents', ['Документы и правовой статус', 'Documents and legal status']),
    // Divorce, alimony, housing rights: what a lawyer of the centre takes on with the mother (issue 12).
    needsDomain('legal', ['Правовые вопросы', 'Legal matters'], null, [
      ['divorce', 'Развод', 'Divorce'],
      ['alimony', 'Алименты', 'Alimony (child support)'],
      ['paternity', 'Установление отцовства', 'Establishing paternity'],
      [
        'housing_rights',
        'Жилищные права (право на жильё, выселение, регистрация по месту жительства)',
        'Housing rights (right to a home, eviction, residence registration)',
      ],
      [
        'documents',
        'Документы и регистрация (паспорт, свидетельство о рождении, гражданство)',
        'Documents and registration (passport, birth certificate, citizenship)',
      ],
      [
        'parental_rights',
        'Опека и родительские права (лишение, ограничение, восстановление)',
        'Guardianship and parental rights (removal, restriction, restoration)',
      ],
      ['benefits_appeal', 'Обжалование отказа в пособиях и выплатах', 'Appealing a refusal of benefits'],
      ['other', 'Другое', 'Other'],
    ]),
    needsDomain('income', ['Доход и занятость', 'Income and employment']),
    needsDomain('mother_health', ['Здоровье мамы', "Mother's health"], 'health'),
    needsDomain('child_health', ['Здоровье и развитие ребёнка', "Child's health and development"], 'health'),
    needsDomain('child_care', ['Уход за ребёнком', 'Care of the child']),
    needsDomain('relations', ['Отношения и социальные связи', 'Relations and social network']),
    needsDomain('safety', ['Безопасность и насилие', 'Safety and violence'], 'domestic_violence'),
    needsDomain('addictions', ['Зависимости', 'Addictions'], 'addiction'),
    needsDomain('psychological', ['Психологическое состояние', 'Psychological state'], 'mental_state'),
  ],
};

function interactionDomain(code: string, title: [string, string], low: [string, string], high: [string, string]) {
  return {
    code,
    title: L(...title),
    sensitiveSection: null,
    scoring: 'average' as const,
    higherIsBetter: true,
    thresholds: [
      { upTo: 2, level: 'high' as const },
      { upTo: 3, level: 'medium' as const },
      { upTo: 5, level: 'low' as const },
    ],
    questions: [
      {
        code: `${code}_score`,
        kind: 'scale' as const,
        aspect: 'other' as const,
        scored: true,
        min: 1,
        max: 5,
        options: [],
        text: L(...title),
        anchors: [
          { value: 1, label: L(...low) },
          { value: 3, label: L('Частично', 'Partly') },
          { value: 5, label: L(...high) },
        ],
      },
    ],
  };
}

export const INTERACTION_TEMPLATE: TemplateInput = {
  code: 'parent_child_interaction',
  name: L('Взаимодействие родителя и ребёнка', 'Parent–child interaction'),
  description: L(
    'Пять шкал от 1 до 5; повторяется, рост на 1 балл и более отмечается',
    'Five scales from 1 to 5; repeated, a rise of one point or more is flagged',
  ),
  subject: 'child',
  roles: ['psychologist', 'case_worker', 'supervisor'],
  repeatEveryDays: 60,
  domains: [
    interactionDomain(
      'sensitivity',
      ['Чувствительность', 'Sensitivity'],
      ['Не замечает сигналов ребёнка', "Does not notice the child's signals"],
      ['Тонко откликается на сигналы', 'Responds finely to signals'],
    ),
    interactionDomain(
      'control_conflict',
      ['Контроль и конфликт', 'Control and conflict'],
      ['Жёсткий контроль, частые конфликты', 'Harsh control, frequent conflict'],
      ['Гибкие границы без конфликта', 'Flexible limits without conflict'],
    ),
    interactionDomain(
      'anticipation',
      ['Предвосхищение', 'Anticipation'],
      ['Не предвидит потребностей', 'Does not anticipate needs'],
      ['Предвидит и готовится', 'Anticipates and prepares'],
    ),
    interactionDomain(
      'warmth',
      ['Эмоциональная теплота', 'Emotional warmth'],
      ['Холодность, отстранённость', 'Cold, distant'],
      ['Тепло и ласка', 'Warmth and affection'],
    ),
    interactionDomain(
      'stress',
      ['Управление стрессом', 'Stress management'],
      ['Срывается на ребёнка', 'Takes stress out on the child'],
      ['Справляется спокойно', 'Copes calmly'],
    ),
  ],
};

function readinessDomain(code: string, title: [string, string]) {
  return {
    code,
    title: L(...title),
    sensitiveSection: null,
    scoring: 'average' as const,
    higherIsBetter: true,
    thresholds: [
      { upTo: 2, level: 'high' as const },
      { upTo: 3.5, level: 'medium' as const },
      { upTo: 5, level: 'low' as const },
    ],
    questions: [
      {
        code: `${code}_ready`,
        kind: 'scale' as const,
        aspect: 'other' as const,
        scored: true,
        min: 1,
        max: 5,
        options: [],
        text: L('Готовность', 'Readiness'),
        anchors: [
          { value: 1, label: L('Не готова', 'Not ready') },
          { value: 3, label: L('Частично', 'Partly') },
          { value: 5, label: L('Полностью готова', 'Fully ready') },
        ],
      },
      {
        code: `${code}_comment`,
        kind: 'text' as const,
        aspect: 'other' as const,
        scored: false,
        anchors: [],
        options: [],
        text: L('Комментарий', 'Comment'),
      },
    ],
  };
}

export const READINESS_TEMPLATE: TemplateInput = {
  code: 'independent_living_readiness',
  name: L('Готовность к самостоятельной жизни', 'Readiness for independent living'),
  description: L('Перед выпуском из центра или переходом на постсопровождение', 'Before leaving the shelter or moving to post-support'),
  subject: 'member',
  roles: ['coordinator', 'case_worker', 'psychologist', 'supervisor'],
  repeatEveryDays: null,
  domains: [
    readinessDomain('housing_plan', ['Жильё после выпуска', 'Housing after leaving']),
    readinessDomain('income_work', ['Доход и работа', 'Income and work']),
    readinessDomain('documents_benefits', ['Документы и пособия', 'Documents and benefits']),
    readinessDomain('childcare_skills', ['Навыки ухода за ребёнком', 'Childcare skills']),
    readinessDomain('budgeting', ['Управление бюджетом', 'Managing a budget']),
    readinessDomain('support_network', ['Круг поддержки', 'Support network']),
  ],
};

export const SHIPPED_TEMPLATES: readonly TemplateInput[] = [NEEDS_TEMPLATE, INTERACTION_TEMPLATE, READINESS_TEMPLATE];
