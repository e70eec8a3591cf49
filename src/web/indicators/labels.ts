// Human labels of an indicator's parts: the catalog key of each filter value (existing area
// labels where the value is a record's own code, the indicators area's where it is the engine's),
// and the display of a computed value by measure.
import type { IndicatorDefinition } from '../../domain/indicators/definition.js';

const VALUE_KEYS: Record<string, string> = {
  event: 'indicators.values.event',
  caseStatus: 'cases.statuses',
  closingOutcome: 'cases.outcomes',
  serviceCategory: 'services.categories',
  riskFlag: 'cases.riskFlags',
  initiatedBy: 'services.initiated',
  format: 'services.formats',
  relation: 'families.relation',
  sex: 'indicators.sex',
  ageBand: 'indicators.ageBand',
  person: 'indicators.values.person',
  groupKind: 'groups.kinds',
  leaveReason: 'housing.leaveReasons',
  taskStatus: 'plans.taskStatuses',
  responsibleKind: 'plans.responsibleKinds',
  documents: 'indicators.values.documents',
  socialContacts: 'indicators.values.socialContacts',
  firstPlan: 'indicators.values.firstPlan',
  repeated: 'indicators.values.repeated',
  latest: 'indicators.values.latest',
  level: 'assessments.levels',
  referralSource: 'referrals.source',
  referralStatus: 'referrals.status',
  urgency: 'referrals.urgency',
  memberRelation: 'families.relation',
  journalKind: 'housing.journalKinds',
  education: 'families.education',
  occupation: 'families.occupation',
  achievedBy: 'indicators.values.achievedBy',
  itemGroup: 'aid.groups',
  itemKind: 'aid.kinds',
  delivery: 'aid.delivery',
  referralPartnerKind: 'partners.kinds',
  partnerKind: 'partners.kinds',
  signpostTakenUp: 'partners.takenUp',
  trainingKind: 'trainings.kinds',
  caseManagement: 'trainings.yesNo',
  aboutCase: 'trainings.yesNo',
  participantKind: 'trainings.participantKinds',
  held: 'shifts.held',
  mentorKind: 'mentoring.kinds',
  matchRole: 'mentoring.matchRoles',
  matchStatus: 'mentoring.matchStatuses',
  logKind: 'mentoring.logKinds',
};

/** The catalog key of a value of a closed-list filter. */
export const valueKey = (field: string, value: string) => `${VALUE_KEYS[field] ?? 'indicators.values'}.${value}`;

/** A computed value for display: a share as a percentage, hours and days with up to two decimals. */
export function formatValue(definition: IndicatorDefinition, value: number | null, lang: string): string {
  if (value === null) return '—';
  const number = value.toLocaleString(lang === 'en' ? 'en-GB' : 'ru-RU', { maximumFractionDigits: 2 });
  const kind = definition.measure.kind;
  return kind === 'proportion' || kind === 'share_average' ? `${number} %` : number;
}
