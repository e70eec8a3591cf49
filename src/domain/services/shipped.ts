// The service catalogue Hearth ships (the organisation edits it; types in use are retired, not deleted).
import type { z } from 'zod';
import type { ServiceTypeInput } from './contracts.js';

const t = (
  code: string,
  ru: string,
  en: string,
  category: z.infer<typeof ServiceTypeInput>['category'],
  unit: 'session' | 'hours' = 'session',
) => ({ code, name: { ru, en }, category, unit });

export const SHIPPED_SERVICE_TYPES: z.infer<typeof ServiceTypeInput>[] = [
  t('psy_individual', 'Индивидуальная психологическая консультация', 'Individual psychological consultation', 'psychological'),
  t('psy_group', 'Групповое психологическое занятие', 'Group psychological session', 'psychological'),
  t('legal_consultation', 'Юридическая консультация', 'Legal consultation', 'legal'),
  t('legal_representation', 'Представительство в суде или госорганах', 'Representation in court or state bodies', 'legal', 'hours'),
  t('family_mediation', 'Семейная консультация / медиация с родственниками', 'Family consultation / mediation with relatives', 'social'),
  t(
    'medical_help',
    'Медицинская помощь (лекарства, обследование, сопровождение к врачу)',
    'Medical help (medicines, examination, accompaniment to a doctor)',
    'medical',
  ),
  t('documents_restoring', 'Восстановление документов', 'Restoring documents', 'documents'),
  t('benefits_application', 'Оформление пособий', 'Applying for benefits', 'documents'),
  t('accompaniment', 'Сопровождение в госорганы и другие службы', 'Accompaniment to state and other services', 'social', 'hours'),
  t('employment_help', 'Помощь в трудоустройстве (обучение, поиск работы)', 'Employment help (training, job search)', 'employment'),
  t('home_visit', 'Визит на дом', 'Home visit', 'visit'),
  t('supervisor_visit', 'Визит супервизора (постсопровождение)', 'Supervisor visit (post-support)', 'post_support'),
  t('remote_consultation', 'Консультация по телефону или онлайн', 'Consultation by phone or online', 'social'),
  t('after_leaving_help', 'Помощь после выхода из программы', 'Help after leaving the programme', 'post_support'),
  t('follow_up_contact', 'Контакт после выхода из программы (катамнез)', 'Follow-up contact after leaving the programme', 'post_support'),
  t(
    'child_specialist',
    'Консультация специалиста для детей (логопед, дефектолог)',
    "Children's specialist consultation (speech therapist, defectologist)",
    'specialist',
  ),
];
