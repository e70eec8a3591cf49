// Special categories of personal data (152-FZ art. 10) and other sensitive sections. Declared once
// here; every read path strips them for those who may not see them, and every read that returns
// them is audited. Which case roles see which section is configuration; these are the defaults.

export const SENSITIVE_SECTIONS = ['health', 'mental_state', 'addiction', 'criminal_record', 'domestic_violence'] as const;
export type SensitiveSection = (typeof SENSITIVE_SECTIONS)[number];

/**
 * How a person relates to a case, for the purpose of seeing its sensitive sections. `coordinator`
 * and `supervisor` are the staff responsible for the case's branch; the others are team roles.
 */
export const CASE_ROLES = ['lead', 'case_worker', 'psychologist', 'lawyer', 'shelter_admin', 'volunteer', 'mentor', 'other'] as const;
export type CaseRole = (typeof CASE_ROLES)[number];
export const CASE_RELATIONS = [...CASE_ROLES, 'coordinator', 'supervisor'] as const;
export type CaseRelation = (typeof CASE_RELATIONS)[number];

export const DEFAULT_SENSITIVE_ACCESS = {
  health: ['lead', 'case_worker', 'psychologist', 'coordinator', 'supervisor'],
  mental_state: ['lead', 'psychologist', 'supervisor'],
  addiction: ['lead', 'case_worker', 'psychologist', 'coordinator', 'supervisor'],
  criminal_record: ['lead', 'lawyer', 'coordinator', 'supervisor'],
  domestic_violence: ['lead', 'case_worker', 'psychologist', 'lawyer', 'coordinator', 'supervisor'],
} as const satisfies Record<SensitiveSection, readonly CaseRelation[]>;

export type SensitiveAccess = Record<SensitiveSection, readonly CaseRelation[]>;

/** The sections someone with these relations to a case may see. */
export function visibleSections(
  relations: readonly CaseRelation[],
  access: SensitiveAccess = DEFAULT_SENSITIVE_ACCESS,
): SensitiveSection[] {
  return SENSITIVE_SECTIONS.filter((section) => access[section].some((relation) => relations.includes(relation)));
}

/** Risk flags; those tied to a sensitive section are stripped like the section itself. */
export const RISK_FLAGS = [
  'urgent',
  'pregnancy',
  'infant',
  'no_documents',
  'no_housing',
  'no_income',
  'debts',
  'conflict_with_relatives',
  'child_removal_risk',
  'violence',
  'addiction',
  'health',
  'suicide_risk',
] as const;
export type RiskFlag = (typeof RISK_FLAGS)[number];

export const FLAG_SECTION: Partial<Record<RiskFlag, SensitiveSection>> = {
  violence: 'domestic_violence',
  addiction: 'addiction',
  health: 'health',
  suicide_risk: 'mental_state',
};

export function visibleFlags(flags: readonly RiskFlag[], sections: readonly SensitiveSection[]): RiskFlag[] {
  return flags.filter((flag) => {
    const section = FLAG_SECTION[flag];
    return section === undefined || sections.includes(section);
  });
}
