// What Hearth ships for mentoring: the primary diagnostic of a mentor as an assessment template
// (data, edited like the other templates) and a training programme to start from.
import type { TemplateInput } from '../assessments/template.js';
import type { TrainingProgrammeInput } from './contracts.js';

const L = (ru: string, en: string) => ({ ru, en });

const readiness = {
  kind: 'scale' as const,
  min: 0,
  max: 3,
  scored: true,
  aspect: 'resource' as const,
  options: [],
  anchors: [
    { value: 0, label: L('Не готов(а)', 'Not ready') },
    { value: 1, label: L('Частично', 'Partly') },
    { value: 2, label: L('В основном готов(а)', 'Mostly ready') },
    { value: 3, label: L('Полностью готов(а)', 'Fully ready') },
  ],
};

const q = (code: string, ru: string, en: string) => ({ code, text: L(ru, en), ...readiness });

export const MENTOR_DIAGNOSTIC_CODE = 'mentor_primary_diagnostic';

/** The primary diagnostic of a mentor: readiness in four domains, 0–3 each question, higher is better. */
export const MENTOR_DIAGNOSTIC: TemplateInput = {
  code: MENTOR_DIAGNOSTIC_CODE,
  name: L('Первичная диагностика наставника', 'Primary diagnostic of a mentor'),
  description: L(
    'Готовность ресурсной семьи или специалиста к наставничеству; проводится в ходе обучения',
    'Readiness of a resource family or specialist to mentor; done during the training',
  ),
  subject: 'member',
  roles: ['coordinator', 'supervisor', 'psychologist'],
  repeatEveryDays: null,
  domains: [
    {
      code: 'own_experience',
      title: L('Осмысление собственного опыта', 'Reflection on own experience'),
      sensitiveSection: null,
      scoring: 'sum',
      higherIsBetter: true,
      thresholds: [],
      questions: [
        q('crisis_overcome', 'Собственный кризис пройден и осмыслен', 'Own crisis overcome and reflected on'),
        q('talks_openly', 'Может говорить о своём опыте без оценок', 'Can talk about own experience without judgement'),
      ],
    },
    {
      code: 'communication',
      title: L('Общение и поддержка', 'Communication and support'),
      sensitiveSection: null,
      scoring: 'sum',
      higherIsBetter: true,
      thresholds: [],
      questions: [
        q('listens', 'Умеет слушать и поддерживать', 'Listens and supports'),
        q('boundaries', 'Соблюдает границы и конфиденциальность', 'Keeps boundaries and confidentiality'),
      ],
    },
    {
      code: 'resources',
      title: L('Ресурсы семьи', 'Family resources'),
      sensitiveSection: null,
      scoring: 'sum',
      higherIsBetter: true,
      thresholds: [],
      questions: [
        q('time', 'Есть время на встречи с семьёй', 'Has time to meet the family'),
        q('family_support', 'Семья поддерживает участие в наставничестве', 'Own family supports the mentoring'),
      ],
    },
    {
      code: 'motivation',
      title: L('Мотивация', 'Motivation'),
      sensitiveSection: null,
      scoring: 'sum',
      higherIsBetter: true,
      thresholds: [],
      questions: [q('motivation', 'Мотивация помогать другим семьям', 'Motivation to help other families')],
    },
  ],
};

/** Total score (of 21) a mentor needs in the shipped diagnostic. */
export const MENTOR_DIAGNOSTIC_PASS = 12;

export const SHIPPED_TRAINING_PROGRAMME: TrainingProgrammeInput = {
  name: 'Школа наставников',
  sessions: [
    { title: 'Наставничество: роль, границы, этика', hours: 3 },
    { title: 'Кризис семьи и его преодоление', hours: 3 },
    { title: 'Активное слушание и поддержка', hours: 3 },
    { title: 'Развитие ребёнка и детско-родительские отношения', hours: 3 },
    { title: 'Ресурсы территории: куда направить семью', hours: 2 },
    { title: 'Профилактика выгорания, супервизия', hours: 2 },
  ],
  minSessions: 5,
  diagnosticTemplateCode: MENTOR_DIAGNOSTIC_CODE,
  diagnosticPassScore: MENTOR_DIAGNOSTIC_PASS,
};
