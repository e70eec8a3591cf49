// The indicator library Hearth ships: the indicators of the real programmes (people and families,
// work done, quality), installed in every organisation, which may edit them (a new version) or
// retire them. How each maps onto the records is stated next to it; where the records cannot
// prove something exactly, the comment says how it is approximated.
import type { Count, Filter, IndicatorDefinition, IndicatorGroup, Measure } from './definition.js';
import { PARTNER_KINDS } from '../partners/contracts.js';

const f = (field: string, ...values: (string | number)[]): Filter => ({ field, values });
const of = (subject: Count['subject'], ...filters: Filter[]): Count => ({ subject, filters });
const ALL = ['branch', 'programme', 'ageBand', 'sex', 'citizenship'] as const;
const PLACE = ['branch', 'programme'] as const;
const PARTNER_KIND_CODES = [...PARTNER_KINDS];

function indicator(
  group: IndicatorGroup,
  code: string,
  ru: string,
  en: string,
  measure: Measure,
  disaggregations: readonly IndicatorDefinition['disaggregations'][number][] = PLACE,
): IndicatorDefinition {
  return { code, name: { ru, en }, group, measure, disaggregations: [...disaggregations] };
}
const count = (c: Count): Measure => ({ kind: 'count', of: c });
const share = (numerator: Count, denominator: Count): Measure => ({ kind: 'proportion', numerator, denominator });
const services = (...types: string[]) => of('services', f('serviceType', ...types));

// Outcomes at closing that mean the mother (family) raises the child herself: the child stays in
// the family, the family lives on its own, or with relatives; care by the state or a lost contact
// do not count.
const RAISING_OWN = ['child_with_family', 'independent_living', 'with_relatives'];
const underSupport = of('families', f('event', 'under_support'));

export const SHIPPED_INDICATORS: IndicatorDefinition[] = [
  // People and families
  // Women and children placed in the centre (a shelter or crisis apartment) on any day of the period.
  indicator(
    'people',
    'residents',
    'Женщины и дети, проживавшие в центре',
    'Women and children who lived in the centre',
    count(of('residents')),
    ALL,
  ),
  indicator(
    'people',
    'resident_women',
    'Женщины, проживавшие в центре',
    'Women who lived in the centre',
    count(of('residents', f('person', 'woman'))),
    ALL,
  ),
  indicator(
    'people',
    'resident_children',
    'Дети, проживавшие в центре',
    'Children who lived in the centre',
    count(of('residents', f('person', 'child'))),
    ALL,
  ),
  // Families with a case opened in the period (a family admitted twice in the period counts once).
  indicator(
    'people',
    'families_admitted',
    'Новые семьи, принятые в программу',
    'New families taken into the programme',
    count(of('families', f('event', 'opened'))),
    ALL,
  ),
  // Families with an individual or group psychological consultation (any psychological service) in the period.
  indicator(
    'people',
    'families_psychological_help',
    'Семьи, получившие психологическую помощь',
    'Families that received psychological help',
    count(of('families_served', f('serviceCategory', 'psychological'))),
    ALL,
  ),
  // Families with a case open on any day of the period.
  indicator('people', 'families_supported', 'Семьи на сопровождении', 'Families under support', count(underSupport), ALL),
  // Read in plan vs actual even where the funder set no target for it.
  {
    ...indicator(
      'people',
      'families_post_support',
      'Семьи, переведённые на постсопровождение',
      'Families moved to post-support',
      count(of('families', f('event', 'post_support_started'))),
      ALL,
    ),
    alwaysInReport: true,
  },
  // Graduations: stays ended in the period with the reason "graduated" (completed the programme).
  indicator(
    'people',
    'graduations',
    'Выпуски из центра',
    'Graduations',
    count(of('stays', f('event', 'checked_out'), f('leaveReason', 'graduated'))),
    ALL,
  ),
  // Families whose case closed in the period with the child in the family (see RAISING_OWN).
  indicator(
    'people',
    'families_raising_children',
    'Семьи, самостоятельно воспитывающие детей после выхода',
    'Families raising their children themselves after leaving',
    count(of('families', f('event', 'closed'), f('closingOutcome', ...RAISING_OWN))),
    ALL,
  ),

  // Work done (services by their date, withdrawn ones never count)
  indicator(
    'work',
    'psy_consultations',
    'Индивидуальные и групповые психологические консультации',
    'Individual and group psychological consultations',
    count(services('psy_individual', 'psy_group')),
  ),
  indicator('work', 'legal_consultations', 'Юридические консультации', 'Legal consultations', count(services('legal_consultation'))),
  indicator('work', 'family_consultations', 'Семейные консультации', 'Family consultations', count(services('family_mediation'))),
  indicator('work', 'medical_services', 'Медицинские услуги', 'Medical services', count(of('services', f('serviceCategory', 'medical')))),
  // Documents restored: services of restoring documents given (the member record keeps only the
  // current status of a document, not when it changed, so the work is counted, not the papers).
  indicator('work', 'documents_restored', 'Восстановление документов', 'Documents restored', count(services('documents_restoring'))),
  indicator('work', 'benefit_applications', 'Оформление пособий', 'Benefit applications', count(services('benefits_application'))),
  indicator('work', 'accompaniments', 'Сопровождения', 'Accompaniments', count(services('accompaniment'))),
  // Help after leaving: services of the post-support category (help after leaving, supervisor visits).
  indicator(
    'work',
    'help_after_leaving',
    'Помощь после выхода из программы',
    'Help after leaving',
    count(of('services', f('serviceCategory', 'post_support'))),
  ),
  // Consultations for parents and children: psychological (individual, group), family and
  // children's specialist consultations, in hours of their recorded duration.
  indicator('work', 'consultation_hours', 'Часы консультаций для родителей и детей', 'Hours of consultations for parents and children', {
    kind: 'sum',
    of: of('hours', f('serviceType', 'psy_individual', 'psy_group', 'family_mediation', 'child_specialist')),
  }),
  indicator(
    'work',
    'parents_club_sessions',
    'Занятия родительского клуба',
    "Parents' club sessions",
    count(of('sessions', f('groupKind', 'parents_club'))),
    ['branch'],
  ),
  // Away profile shifts (issue 14) that ended in the period with the diagnostic of every family at
  // the start and the end, the analysis and the written summary: the mentoring funder's "2 of 2".
  // It replaces the earlier `away_shifts` (group sessions of the kind "away shift"), which migration
  // 0035 retires in existing organisations, moving its targets here: one away-shift row in plan vs actual.
  indicator(
    'work',
    'away_shifts_with_summary',
    'Выездные профильные смены с диагностикой, анализом и итогами',
    'Away profile shifts held with diagnostics, analysis and summary',
    count(of('shifts', f('held', 'with_summary'))),
  ),
  // Mentoring (issue 14): the funder's "mentoring families that completed the special educational
  // programme and primary diagnostic", matches and families mentored, the hours of mentoring, and
  // the mentored families that became resource families themselves.
  indicator(
    'people',
    'mentors_trained',
    'Семьи-наставники и наставники, завершившие обучение и первичную диагностику',
    'Mentor families and mentors who completed the training and the primary diagnostic',
    count(of('trained_mentors')),
    ['branch'],
  ),
  indicator(
    'work',
    'mentoring_matches_active',
    'Действующие пары наставничества',
    'Active mentoring matches',
    count(of('mentoring_matches', f('matchStatus', 'active'))),
  ),
  indicator('people', 'families_mentored', 'Семьи, получившие наставничество', 'Families mentored', count(of('mentored_families'))),
  indicator('work', 'mentoring_hours', 'Часы наставничества', 'Mentoring hours', { kind: 'sum', of: of('mentoring_hours') }),
  indicator(
    'people',
    'mentored_became_mentors',
    'Подопечные семьи, ставшие ресурсными',
    'Mentored families that became resource families',
    count(of('mentored_to_mentor')),
  ),
  // Volunteers (issue 18): volunteers who gave at least one shift in the period, the hours of the
  // shifts completed, volunteers who became active for the first time, and the teams (per city: the
  // branch). Migration 0043 installs the same definitions in existing organisations.
  indicator('people', 'volunteers_active', 'Активные волонтёры', 'Active volunteers', count(of('volunteers')), ['branch']),
  indicator('work', 'volunteer_hours', 'Часы волонтёрской работы', 'Volunteer hours', { kind: 'sum', of: of('volunteer_hours') }, [
    'branch',
  ]),
  indicator('people', 'volunteers_new', 'Новые волонтёры', 'New volunteers', count(of('new_volunteers')), ['branch']),
  indicator('work', 'volunteer_teams', 'Волонтёрские команды', 'Volunteer teams', count(of('volunteer_teams')), ['branch']),

  // Quality
  // Cases admitted in the period whose plan was recorded within the programme's first-plan
  // deadline (14 days unless the programme says otherwise), of all cases admitted in the period.
  indicator(
    'quality',
    'plans_on_time_share',
    'Доля индивидуальных планов, составленных в течение двух недель после приёма',
    'Share of individual plans drawn up within two weeks of admission',
    share(of('cases', f('event', 'opened'), f('firstPlan', 'on_time')), of('cases', f('event', 'opened'))),
  ),
  // Plan tasks due in the period and done, of those due and not cancelled.
  indicator(
    'quality',
    'plan_tasks_done_share',
    'Доля выполненных задач плана',
    'Share of plan tasks completed',
    share(of('tasks', f('taskStatus', 'done')), of('tasks', f('taskStatus', 'planned', 'in_progress', 'done', 'not_done'))),
  ),
  // Psychological consultations the woman asked for herself (initiated by the client), of all.
  indicator(
    'quality',
    'self_initiated_therapy_share',
    'Доля терапевтических консультаций по инициативе самих женщин',
    'Share of therapy consultations initiated by the women themselves',
    share(
      of('services', f('serviceCategory', 'psychological'), f('initiatedBy', 'client')),
      of('services', f('serviceCategory', 'psychological')),
    ),
  ),
  // Parents re-assessed in the period with the parent–child interaction template whose score on
  // some scale rose by one point or more since their first assessment, of all re-assessed.
  indicator(
    'quality',
    'interaction_improved_share',
    'Доля мам, у которых оценка взаимодействия с ребёнком выросла на 1 балл и более',
    'Share of mothers whose parent–child interaction score rose by 1 point or more',
    share(
      of('assessments', f('templateCode', 'parent_child_interaction'), f('repeated', 'true'), f('domainImprovedBy', 1)),
      of('assessments', f('templateCode', 'parent_child_interaction'), f('repeated', 'true')),
    ),
    ALL,
  ),
  // Families under support in the period whose documents are all restored, of those who had a
  // document missing (the record keeps each document's current status only, see the subject).
  indicator(
    'quality',
    'documents_restored_share',
    'Доля семей, восстановивших документы, среди не имевших их при поступлении',
    'Share of families who restored their documents among those who had none on admission',
    share(of('families', f('documents', 'all_restored')), of('families', f('documents', 'missing_on_admission'))),
    ALL,
  ),
  // Families under support with a supportive, reachable relative or friend recorded after admission.
  indicator(
    'quality',
    'reconnected_share',
    'Доля мам, восстановивших связи с родственниками или друзьями',
    'Share of mothers who reconnected with relatives or friends',
    share(of('families', f('socialContacts', 'reconnected')), underSupport),
    ALL,
  ),
  // Stays ended in the period: check-out − check-in, in days. Shorter is better (families move on).
  {
    ...indicator('quality', 'average_stay_days', 'Средняя продолжительность проживания, дней', 'Average length of stay, days', {
      kind: 'average',
      of: of('stays', f('event', 'checked_out')),
    }),
    direction: 'lower',
  },
  indicator('work', 'bed_nights', 'Койко-дни', 'Bed-nights', { kind: 'sum', of: of('bed_nights') }),
  // Aid (issue 13): counted from the hand-outs and works recorded with the cases — the figures of a
  // rural case-management project's report ("13 stoves repaired, 17 rooms renovated, 16 gardens
  // ploughed, livestock delivered to 25 families, firewood to 23 families").
  indicator(
    'people',
    'aid_families',
    'Семьи, получившие материальную помощь',
    'Families that received material aid',
    count(of('aid_families')),
    ALL,
  ),
  indicator('work', 'aid_value', 'Стоимость выданной помощи, ₽', 'Value of aid handed out, ₽', { kind: 'sum', of: of('aid_value') }),
  indicator('work', 'stoves_repaired', 'Отремонтировано печей', 'Stoves repaired', {
    kind: 'sum',
    of: of('aid', f('itemCode', 'stove_repair')),
  }),
  indicator('work', 'rooms_renovated', 'Отремонтировано комнат', 'Rooms renovated', {
    kind: 'sum',
    of: of('aid', f('itemCode', 'room_renovation')),
  }),
  indicator('work', 'gardens_ploughed', 'Вспахано огородов', 'Gardens ploughed', {
    kind: 'sum',
    of: of('aid', f('itemCode', 'garden_ploughing')),
  }),
  indicator(
    'people',
    'livestock_families',
    'Семьи, получившие скот и птицу',
    'Families that received livestock',
    count(of('aid_families', f('itemGroup', 'livestock'))),
  ),
  indicator(
    'people',
    'firewood_families',
    'Семьи, получившие дрова',
    'Families that received firewood',
    count(of('aid_families', f('itemCode', 'firewood'))),
  ),
  indicator('work', 'food_packages', 'Выдано продуктовых наборов', 'Food packages handed out', {
    kind: 'sum',
    of: of('aid', f('itemCode', 'food_package')),
  }),
  // Partners (issue 15): referrals received from partner organisations (the directory names the
  // partner on the referral), those from the guardianship service among them — "of the 45 new
  // families, 15 were referred by the guardianship service" —, signposting whose help was taken up
  // (as the follow-up found), and the partners with a cooperation agreement in force in the period.
  indicator(
    'work',
    'referrals_from_partners',
    'Обращения от организаций-партнёров',
    'Referrals received from partner organisations',
    count(of('referrals', f('referralPartnerKind', ...PARTNER_KIND_CODES))),
  ),
  indicator(
    'work',
    'referrals_from_guardianship',
    'Обращения от органов опеки',
    'Referrals received from guardianship offices',
    count(of('referrals', f('referralPartnerKind', 'guardianship_office'))),
  ),
  indicator(
    'work',
    'signposting_taken_up',
    'Перенаправления, по которым помощь получена',
    'Signposting whose help was taken up',
    count(of('referrals', f('referralStatus', 'signposted'), f('signpostTakenUp', 'yes'))),
  ),
  indicator(
    'work',
    'partners_with_agreements',
    'Организации-партнёры с действующими соглашениями',
    'Partner organisations with agreements in force',
    count(of('partner_agreements')),
    [],
  ),
  // Trainings for specialists (issue 15): distinct people who completed a training ("specialists
  // from six cities" is its breakdown by city), those who learned the case-management technology
  // ("195 specialists", target 30), the hours of training delivered, internships held, and the
  // hours of consultations given to external specialists ("110 hours for specialists").
  indicator('people', 'specialists_trained', 'Специалисты, прошедшие обучение', 'Specialists trained', count(of('trained_specialists')), [
    ...PLACE,
    'city',
    'region',
  ]),
  indicator(
    'people',
    'specialists_case_management',
    'Специалисты, освоившие технологию ведения случая',
    'Specialists who learned the case-management technology',
    count(of('trained_specialists', f('caseManagement', 'true'))),
    [...PLACE, 'city', 'region'],
  ),
  indicator('work', 'training_hours_delivered', 'Часы обучения специалистов', 'Hours of training delivered', {
    kind: 'sum',
    of: of('training_hours'),
  }),
  indicator(
    'work',
    'internships_held',
    'Проведено стажировок',
    'Internships held',
    count(of('trainings_held', f('trainingKind', 'internship'))),
  ),
  indicator('work', 'specialist_consultation_hours', 'Часы консультаций для специалистов', 'Hours of consultations for specialists', {
    kind: 'sum',
    of: of('specialist_consultations'),
  }),
];
