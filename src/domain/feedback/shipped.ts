// The feedback templates Hearth ships, in Russian and English; the organisation edits them.
// The exit interview is held with the mother when the family leaves the programme; the
// satisfaction survey can also be left unsigned at the shelter (no case link).
import type { z } from 'zod';
import type { FeedbackTemplateInput } from './template.js';

type Input = z.input<typeof FeedbackTemplateInput>;
const l = (ru: string, en: string) => ({ ru, en });

const FIVE_POINTS = [
  { value: 1, label: l('Совсем нет', 'Not at all') },
  { value: 3, label: l('Отчасти', 'Partly') },
  { value: 5, label: l('Полностью', 'Completely') },
];
const scale = (code: string, ru: string, en: string) => ({
  code,
  text: l(ru, en),
  kind: 'scale' as const,
  min: 1,
  max: 5,
  anchors: FIVE_POINTS,
});
const yesNo = (code: string, ru: string, en: string) => ({ code, text: l(ru, en), kind: 'yes_no' as const });
const words = (code: string, ru: string, en: string) => ({ code, text: l(ru, en), kind: 'text' as const, scored: false });

export const SHIPPED_FEEDBACK_TEMPLATES: Input[] = [
  {
    code: 'exit_interview',
    name: l('Интервью при выходе из программы', 'Exit interview'),
    description: l(
      'Проводится с мамой при завершении сопровождения или выезде из центра',
      'Held with the mother when support ends or she leaves the centre',
    ),
    purpose: 'exit_interview',
    anonymous: false,
    questions: [
      scale('helped', 'Насколько программа помогла вам в вашей ситуации?', 'How much did the programme help you in your situation?'),
      scale(
        'trust',
        'Насколько вы доверяли специалистам, которые с вами работали?',
        'How much did you trust the staff who worked with you?',
      ),
      scale('ready', 'Насколько вы чувствуете себя готовой жить самостоятельно?', 'How ready do you feel to live independently?'),
      {
        code: 'most_useful',
        text: l('Что было самым полезным?', 'What was the most useful?'),
        kind: 'single',
        options: [
          { code: 'housing', label: l('Проживание в центре', 'Living at the centre') },
          { code: 'psychologist', label: l('Помощь психолога', "The psychologist's help") },
          { code: 'lawyer', label: l('Помощь юриста и документы', "The lawyer's help and documents") },
          { code: 'social', label: l('Помощь социального работника', "The social worker's help") },
          { code: 'other_mothers', label: l('Общение с другими мамами', 'Being with other mothers') },
        ],
      },
      yesNo(
        'recommend',
        'Порекомендовали бы вы программу знакомой в трудной ситуации?',
        'Would you recommend the programme to a friend in difficulty?',
      ),
      yesNo(
        'contact_after',
        'Хотите ли вы оставаться на связи с нами после выхода?',
        'Would you like to keep in touch with us after leaving?',
      ),
      words('improve', 'Что нам стоит изменить?', 'What should we change?'),
    ],
  },
  {
    code: 'satisfaction',
    name: l('Опрос удовлетворённости', 'Satisfaction survey'),
    description: l('Можно заполнить без подписи, в том числе в центре', 'Can be filled in unsigned, including at the shelter'),
    purpose: 'satisfaction',
    anonymous: true,
    questions: [
      scale('overall', 'Насколько вы довольны помощью в целом?', 'How satisfied are you with the help overall?'),
      scale('respect', 'Насколько уважительно к вам относились?', 'How respectfully were you treated?'),
      scale('conditions', 'Насколько вам удобны условия проживания и встреч?', 'How comfortable are the living and meeting conditions?'),
      yesNo('heard', 'Чувствовали ли вы, что вас выслушали?', 'Did you feel listened to?'),
      {
        code: 'contact_way',
        text: l('Как вам удобнее всего связываться с нами?', 'How do you prefer to contact us?'),
        kind: 'single',
        options: [
          { code: 'in_person', label: l('Лично', 'In person') },
          { code: 'phone', label: l('По телефону', 'By phone') },
          { code: 'messenger', label: l('В мессенджере', 'By messenger') },
        ],
      },
      words('comment', 'Что вы хотели бы нам сказать?', 'What would you like to tell us?'),
    ],
  },
];
